#!/bin/sh
# SPDX-License-Identifier: MIT
# The fmatter tool: exact output, error lines and exit statuses of json,
# check, cat, get, set, unset and rename.
set -u
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
fail=0
expect() { # expect NAME EXPECTED-STATUS EXPECTED-OUTPUT-FILE -- command...
    name=$1 want_status=$2 want=$3
    shift 4
    "$@" >out 2>&1
    status=$?
    if [ "$status" -ne "$want_status" ] || ! cmp -s "$want" out; then
        echo "FAIL $name: status $status (want $want_status)"
        diff "$want" out | head -20
        fail=$((fail + 1))
    fi
}

printf -- '---\ntitle: Hello # greeting\ntags:\n  - a\n  - b\nparams:\n  author: Ann\n---\nBody\n' >post.md
cp post.md orig.md
printf -- '---\ntitle: [unclosed\n---\n' >bad.md

# cat gives the bytes back
expect cat 0 orig.md -- "$FMATTER" cat post.md

# get: scalar, list, mapping, missing
printf 'Hello\n' >want; expect get-scalar 0 want -- "$FMATTER" get post.md title
printf 'a\nb\n' >want; expect get-list 0 want -- "$FMATTER" get post.md tags
printf '{"author":"Ann"}\n' >want; expect get-map 0 want -- "$FMATTER" get post.md params
printf "post.md: error: no key 'nope'\n" >want; expect get-missing 1 want -- "$FMATTER" get post.md nope

# errors: FILE:LINE:COL: error: MESSAGE, other files still print
printf "bad.md:3:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 8)\n" >want
expect check-bad 1 want -- "$FMATTER" check bad.md post.md
printf 'missing.md: error: cannot open missing.md: No such file or directory\n' >want
expect check-io 2 want -- "$FMATTER" check missing.md
: >want; expect check-ok 0 want -- "$FMATTER" check post.md
"$FMATTER" json bad.md post.md >json.out 2>json.err
[ $? -eq 1 ] && [ "$(wc -l <json.out)" -eq 1 ] && grep -q '"title":"Hello"' json.out ||
    { echo "FAIL json with one bad file"; fail=$((fail + 1)); }
printf 'fmatter: unknown command '\''frob'\''\n' >want
"$FMATTER" frob >out 2>&1; [ $? -eq 2 ] && head -1 out | cmp -s want - ||
    { echo "FAIL unknown command"; fail=$((fail + 1)); }

# set --dry-run prints a diff and writes nothing
cat >want <<'DIFF'
--- a/post.md
+++ b/post.md
@@ -1,5 +1,5 @@
 ---
-title: Hello # greeting
+title: Bye # greeting
 tags:
   - a
   - b
DIFF
expect set-dry-run 0 want -- "$FMATTER" set -n post.md title Bye
cmp -s post.md orig.md || { echo "FAIL dry run wrote the file"; fail=$((fail + 1)); }

# set in place: typed scalars, --string, lists; unset; rename
"$FMATTER" set post.md draft true && "$FMATTER" set post.md weight 12 &&
    "$FMATTER" set --string post.md code 12 && "$FMATTER" set post.md tags x 'y z' &&
    "$FMATTER" set post.md --list one single && "$FMATTER" set post.md params.author Bob &&
    "$FMATTER" unset post.md title && "$FMATTER" rename post.md weight order ||
    { echo "FAIL an edit command failed"; fail=$((fail + 1)); }
cat >want <<'DOC'
---
tags:
  - x
  - y z
params:
  author: Bob
draft: true
order: 12
code: "12"
one:
  - single
---
Body
DOC
cmp -s want post.md || { echo "FAIL edits in place:"; diff want post.md; fail=$((fail + 1)); }
printf 'true\n12\n12\n' >want
{ "$FMATTER" get post.md draft; "$FMATTER" get post.md order; "$FMATTER" get post.md code; } >out
cmp -s want out || { echo "FAIL typed values"; fail=$((fail + 1)); }
printf "post.md: error: no key 'nope'\n" >want; expect unset-missing 1 want -- "$FMATTER" unset post.md nope
cp bad.md bad.orig
"$FMATTER" set bad.md title x 2>/dev/null; [ $? -eq 1 ] && cmp -s bad.md bad.orig ||
    { echo "FAIL a file that fails to load was written"; fail=$((fail + 1)); }
[ -z "$(ls -A | grep fmatter-)" ] || { echo "FAIL temporary files left"; fail=$((fail + 1)); }

# Folders: recursive, sorted, default Markdown globs, --include/--exclude,
# output in input order whatever -j is.
mkdir -p site/b site/a/deep site/skip
for f in site/b/two.md site/a/one.md site/a/deep/three.markdown site/skip/four.md; do
    printf -- '---\ntitle: %s\n---\n' "$f" >"$f"
done
printf 'not markdown\n' >site/a/notes.txt
printf '%s\n' site/a/deep/three.markdown site/a/one.md site/b/two.md site/skip/four.md >want
for j in 1 2 8; do
    "$FMATTER" json -j "$j" site | sed 's/.*"title":"\([^"]*\)".*/\1/' | uniq >out
    cmp -s want out || { echo "FAIL json -j $j over a folder:"; diff want out; fail=$((fail + 1)); }
done
printf '%s\n' site/a/one.md site/b/two.md >want
"$FMATTER" json --exclude skip --include '*.md' site | sed 's/.*"title":"\([^"]*\)".*/\1/' |
    uniq >out
cmp -s want out || { echo "FAIL include/exclude:"; diff want out; fail=$((fail + 1)); }
printf -- '---\ntitle: [\n---\n' >site/b/bad.md
: >want
"$FMATTER" check -j2 site 2>out >/dev/null
[ $? -eq 1 ] && grep -q '^site/b/bad.md:3:1: error:' out ||
    { echo "FAIL check over a folder with a bad file"; fail=$((fail + 1)); }
"$FMATTER" check -j 0 site >/dev/null 2>&1; [ $? -eq 2 ] ||
    { echo "FAIL -j 0 is a usage error"; fail=$((fail + 1)); }
# Links are followed (to a file and to a folder), globs that are not `*.x`
# go through fnmatch on the name or the whole path, dot files are skipped.
rm site/b/bad.md
ln -s ../a/one.md site/b/link.md
ln -s ../a/deep site/b/deeplink
printf -- '---\ntitle: hidden\n---\n' >site/a/.hidden.md
printf '%s\n' site/a/deep/three.markdown site/a/one.md site/b/deeplink/three.markdown \
    site/a/one.md site/b/two.md site/skip/four.md >want
"$FMATTER" json -j2 site | sed 's/.*"path":"\([^"]*\)".*"title":"\([^"]*\)".*/\2/' >out
sed 's,^site/b/deeplink/,site/a/deep/,' want >want2
cmp -s want2 out || { echo "FAIL links in folders:"; diff want2 out; fail=$((fail + 1)); }
printf '%s\n' site/a/one.md site/b/link.md >want
"$FMATTER" json --include '[lo]*.md' --include 'site/?/one.md' site |
    sed 's/.*"path":"\([^"]*\)".*/\1/' >out
cmp -s want out || { echo "FAIL fnmatch globs:"; diff want out; fail=$((fail + 1)); }
rm site/b/link.md site/b/deeplink site/a/.hidden.md
# Standard input as "-", among files, in order; its errors name "-".
printf -- '---\ntitle: stdin\n---\n' | "$FMATTER" json site/a/one.md - site/b/two.md |
    sed 's/.*"title":"\([^"]*\)".*/\1/' >out
printf '%s\n' site/a/one.md stdin site/b/two.md >want
cmp -s want out || { echo "FAIL json of standard input:"; diff want out; fail=$((fail + 1)); }
printf -- '---\ntitle: [\n---\n' | "$FMATTER" check - 2>out
[ $? -eq 1 ] && grep -q '^-:3:1: error: ' out ||
    { echo "FAIL check of standard input"; cat out; fail=$((fail + 1)); }

"$FMATTER" check --bogus post.md >out 2>&1; [ $? -eq 2 ] &&
    grep -q "unknown option '--bogus'" out || { echo "FAIL unknown option"; fail=$((fail + 1)); }

echo "tool checks: $fail failed"
[ "$fail" -eq 0 ]
