#!/bin/sh
# SPDX-License-Identifier: MIT
# The tool walks folders while the files already load (issue 17): files in
# sorted order, depth first, folders among files; output byte for byte the
# same with any -j and as with the files named one by one; a folder that
# cannot be read or is gone when the walk reaches it (tests/failio.c's
# opendir): its message comes before every file's, as when the whole list
# was made first, and the files after it still go through.
set -u
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir"/tests/toolutil.sh
cd "$tmp" || exit 99

# mk FILE...: an article whose title is its path.
mk() {
    for f in "$@"; do
        printf -- '---\ntitle: "%s"\n---\nBody of %s\n' "$f" "$f" >"$f"
    done
}
# many DIR N: N articles in DIR (more than the walk lists at a time).
many() {
    mkdir -p "$1"
    i=0
    while [ "$i" -lt "$2" ]; do
        mk "$1/f$(printf %03d "$i").md"
        i=$((i + 1))
    done
}
mkdir -p site/b/m site/c/z site/d site/f site/.hidden
printf -- '---\ntitle: [unclosed\n---\n' >site/a.md
many site/b 150
mk site/b/m/x.md site/b/m/y.md site/b0.md
many site/c 150
mk site/c/z/q.md site/c0.md
many site/d 5
printf -- '---\ntitle: one\ntitle: two\n---\n' >site/e.md
many site/f 150
mk site/z.md site/.hidden/x.md
printf 'not markdown\n' >site/g.txt

# The order: names sorted byte by byte in each folder, a folder's files where
# its name sorts (with letters and digits only, the sort of the whole paths).
find site -name '*.md' ! -path '*/.*' | LC_ALL=C sort >all.list
grep -v -e '^site/a.md$' -e '^site/e.md$' all.list >good.list
[ "$(wc -l <good.list)" -eq 461 ] || { echo "FAIL the tree: $(wc -l <good.list) files"; exit 1; }
# shellcheck disable=SC2046
"$FMATTER" json -j1 $(cat all.list) >byname.out 2>byname.err
[ $? -eq 1 ] || { echo "FAIL json over the files by name: status"; fail=$((fail + 1)); }
cat >want.err <<'W'
site/a.md:3:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 8)
site/e.md:3:1: error: duplicate key "title" (first at line 2, column 1)
W
cmp -s want.err byname.err || { echo "FAIL messages by name:"; diff want.err byname.err; fail=$((fail + 1)); }
sed 's/^{"path":"\([^"]*\)".*/\1/' byname.out >paths
cmp -s good.list paths || { echo "FAIL json by name:"; diff good.list paths | head; fail=$((fail + 1)); }

for j in 1 2 3; do
    "$FMATTER" json -j$j site >out 2>err
    status=$?
    [ $status -eq 1 ] || { echo "FAIL json -j$j over the folder: status $status"; fail=$((fail + 1)); }
    cmp -s byname.out out || { echo "FAIL json -j$j over the folder: output"; fail=$((fail + 1)); }
    cmp -s want.err err || { echo "FAIL json -j$j: messages"; diff want.err err; fail=$((fail + 1)); }
    expect "check-j$j" 1 want.err -- "$FMATTER" check -j$j site
done

# Standard input among a file and folders, in the order given.
printf -- '---\ntitle: "stdin"\n---\n' >in.md
{ "$FMATTER" json -j1 site/z.md; "$FMATTER" json -j1 in.md | sed 's/"path":"in.md"/"path":"-"/'
  "$FMATTER" json -j1 site/b site/c0.md; } >want 2>&1
for j in 1 2; do
    "$FMATTER" json -j$j site/z.md - site/b site/c0.md <in.md >out 2>&1
    cmp -s want out || { echo "FAIL json -j$j with standard input:"; diff want out | head; fail=$((fail + 1)); }
done

# site/d cannot be read (EACCES) or is gone (ENOENT) when the walk gets
# there, after more than one list of files has been handed over (with -j1,
# a.md's message is printed before the walk reaches d): d's message first,
# then the files', every other file's output, status 2 (json: 1, as for any
# error but a usage one).
grep -v '^site/d/' good.list >nod.list
# shellcheck disable=SC2046
"$FMATTER" json -j1 $(cat nod.list) >nod.out 2>/dev/null
for e in "13 Permission denied" "2 No such file or directory"; do
    errno=${e%% *}
    { echo "site/d: error: cannot read folder: ${e#* }"; cat want.err; } >want.d
    for j in 1 2; do
        env FAILIO_CALL=opendir FAILIO_NAME=d FAILIO_ERRNO="$errno" \
            "$FMATTER_FAILIO" json -j$j site >out 2>err
        status=$?
        [ $status -eq 1 ] || { echo "FAIL unreadable d, -j$j: status $status"; fail=$((fail + 1)); }
        cmp -s want.d err || { echo "FAIL unreadable d, -j$j:"; diff want.d err; fail=$((fail + 1)); }
        cmp -s nod.out out || { echo "FAIL unreadable d, -j$j: output"; fail=$((fail + 1)); }
        expect "check-no-d-j$j" 2 want.d -- env FAILIO_CALL=opendir FAILIO_NAME=d \
            FAILIO_ERRNO="$errno" "$FMATTER_FAILIO" check -j$j site
    done
done
# The folder given cannot be read: nothing else to do.
echo "site: error: cannot read folder: Permission denied" >want
expect unreadable-top 2 want -- env FAILIO_CALL=opendir FAILIO_NAME=site FAILIO_ERRNO=13 \
    "$FMATTER_FAILIO" check -j2 site
# An empty folder: no output, status 0.
mkdir empty
: >want
expect empty-j1 0 want -- "$FMATTER" json -j1 empty
expect empty-j2 0 want -- "$FMATTER" check -j2 empty

exit $((fail > 0))
