#!/bin/sh
# SPDX-License-Identifier: MIT
# Whole-site edits (issue 16): set, unset and rename over folders and many
# files: one unified diff for the run with -n, the summary line, --where
# (strings, lists, numbers, dates, missing keys), set --replace, --include
# and --exclude, -j 1 and -j 2 alike, a failing file counted while the
# others are saved, no temporary file left, usage errors; and the README's
# examples are this site's real output.
set -u
readme=$(cd "${top_srcdir:-.}" && pwd)/README.md
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
fail=0
bad() {
    echo "FAIL $*"
    fail=$((fail + 1))
}
# run NAME STATUS STDOUT-FILE STDERR-FILE -- command...
run() {
    name=$1 want_status=$2 want_out=$3 want_err=$4
    shift 5
    "$@" >out 2>err
    status=$?
    [ "$status" -eq "$want_status" ] || bad "$name: status $status (want $want_status)"
    cmp -s "$want_out" out || { bad "$name: stdout"; diff "$want_out" out | head -20; }
    cmp -s "$want_err" err || { bad "$name: stderr"; diff "$want_err" err | head -20; }
}
: >empty

# The site: YAML (block and flow lists), JSON, a scalar tag, a page without
# tags, a file that is not Markdown.
make_site() {
    rm -rf "$1" && mkdir -p "$1/posts" "$1/notes/deep" || exit 99
    printf -- '---\ntitle: GC tuning\ndate: 2024-03-01\ndraft: true\ntags:\n  - golang\n  - performance\nweight: 2\n---\nBody\n' >"$1/posts/gc.md"
    printf -- '---\ntitle: Hello\ndate: 2099-01-15T10:00:00+02:00\ndraft: true\ntags: [go, golang]\nweight: 2.5\n---\n' >"$1/posts/hello.md"
    printf '{\n  "title": "Go notes",\n  "date": "2023-05-01",\n  "tags": ["golang", "tools"],\n  "weight": 10\n}\nBody\n' >"$1/notes/go.md"
    printf -- '---\ntitle: Plain\ntags: golang\ndraft: "true"\n---\n' >"$1/notes/deep/plain.md"
    printf -- '---\ntitle: About\n---\n' >"$1/about.md"
    printf 'not markdown\n' >"$1/notes/readme.txt"
}
make_site content
cp -R content pristine

# 1. The tag rename, as a dry run: one diff for the whole run, files in the
# order of the walk; the summary on stderr; nothing written.
cat >want <<'EOF'
--- a/content/notes/deep/plain.md
+++ b/content/notes/deep/plain.md
@@ -1,5 +1,5 @@
 ---
 title: Plain
-tags: golang
+tags: go
 draft: "true"
 ---
--- a/content/notes/go.md
+++ b/content/notes/go.md
@@ -1,7 +1,7 @@
 {
   "title": "Go notes",
   "date": "2023-05-01",
-  "tags": ["golang", "tools"],
+  "tags": ["go", "tools"],
   "weight": 10
 }
 Body
--- a/content/posts/gc.md
+++ b/content/posts/gc.md
@@ -3,7 +3,7 @@
 date: 2024-03-01
 draft: true
 tags:
-  - golang
+  - go
   - performance
 weight: 2
 ---
--- a/content/posts/hello.md
+++ b/content/posts/hello.md
@@ -2,6 +2,6 @@
 title: Hello
 date: 2099-01-15T10:00:00+02:00
 draft: true
-tags: [go, golang]
+tags: [go]
 weight: 2.5
 ---
EOF
printf '4 files would change, 1 unchanged, 0 failed\n' >want_err
run replace-dry-run 0 want want_err -- "$FMATTER" set -n --replace golang content tags go
for j in 1 2; do
    run "replace-dry-run-j$j" 0 want want_err -- "$FMATTER" set -n -j "$j" --replace golang \
        content tags go
done
diff -r pristine content >/dev/null || bad "a dry run wrote files"

# 2. The same for real with -j 1 and -j 2: the same messages, the same
# files, each equal to the dry run's new side; no temporary file left.
cp want replace.diff
printf '4 files changed, 1 unchanged, 0 failed\n' >want_err
for j in 1 2; do
    make_site "site$j"
    run "replace-j$j" 0 empty want_err -- "$FMATTER" set -j "$j" --replace golang "site$j" tags go
done
diff -r site1 site2 || bad "-j 1 and -j 2 differ"
(cd site1 && diff -ru ../pristine . | grep -v '^diff ' |
    sed -e 's,^--- \.\./pristine/\([^	]*\).*,--- a/content/\1,' \
        -e 's,^+++ \./\([^	]*\).*,+++ b/content/\1,') >applied.diff
cmp -s replace.diff applied.diff || { bad "saved files differ from the dry run"; diff replace.diff applied.diff; }
[ -z "$(find site1 site2 -name '*fmatter-*')" ] || bad "temporary files left"
# Already renamed: nothing more to do.
printf '0 files changed, 5 unchanged, 0 failed\n' >want_err
run replace-again 0 empty want_err -- "$FMATTER" set --replace golang site1 tags go

# --replace: a list holding both keeps one; duplicates go; a scalar is
# replaced; OLD equal to VALUE changes nothing.
printf -- '---\ntags:\n  - golang\n  - web\n  - go\n  - golang\n---\n' >both.md
printf -- '---\ntags:\n  - web\n  - go\n---\n' >want
"$FMATTER" set --replace golang both.md tags go && cmp -s want both.md ||
    { bad "replace into a list holding the value"; cat both.md; }
printf -- '---\ntags: [golang, golang, x]\n---\n' >dups.md
printf -- '---\ntags: [go, x]\n---\n' >want
"$FMATTER" set --replace golang dups.md tags go && cmp -s want dups.md ||
    { bad "replace of repeated items"; cat dups.md; }
cp dups.md dups.orig
run replace-same 0 empty empty -- "$FMATTER" set --replace go dups.md tags go
cmp -s dups.md dups.orig || bad "replacing a value by itself changed the file"
printf -- '---\nweight: 12\n---\n' >typed.md
printf -- '---\nweight: 13\n---\n' >want
"$FMATTER" set --replace 12 typed.md weight 13 && cmp -s want typed.md ||
    bad "replace of a typed scalar"
run replace-string-no-match 0 empty empty -- "$FMATTER" set --string --replace 13 typed.md weight 14
cmp -s want typed.md || bad "--string --replace matched an integer"

# The README shows these runs on this site: its text is the output.
readme_block() { # the lines after `$ COMMAND` up to the next command or fence
    awk -v cmd="\$ $1" '$0 == cmd { on = 1; next } on && /^(\$ |```)/ { exit } on' "$readme"
}
readme_check() { # readme_check COMMAND: the README's output of COMMAND is its output
    readme_block "$1" >want
    [ -s want ] || bad "README: no '\$ $1'"
    mkdir readme-site && cp -R pristine readme-site/content &&
        (cd readme-site && sh -c "$1" >../out 2>&1)
    rm -rf readme-site
    cmp -s want out || { bad "README: $1"; diff want out; }
}
PATH=$(dirname "$FMATTER"):$PATH
readme_check 'fmatter set -n --replace golang content tags go'
readme_check 'fmatter set --replace golang content tags go'
readme_check "fmatter set -n --where draft=true --where 'date<now' content draft false"
readme_check "fmatter set --where draft=true --where 'date<now' content draft false"

# 3. --where: which files match (the paths of a dry run's diff).
matching() {
    "$FMATTER" set -n "$@" content m 1 2>/dev/null | sed -n 's,^--- a/content/,,p' |
        tr '\n' ' '
}
where() { # where EXPECTED-FILES EXPRESSION...
    want_files=$1
    shift
    args=
    for w in "$@"; do args="$args --where '$w'"; done
    got=$(eval "matching $args")
    [ "$got" = "$want_files" ] || bad "--where $*: '$got' (want '$want_files')"
}
# Strings and typed words: the word is typed as the file's format types it.
where 'posts/hello.md ' 'title=Hello'
where 'posts/gc.md ' 'title=GC tuning'
where 'posts/gc.md posts/hello.md ' 'draft=true'        # "true" (quoted) is a string
where 'notes/deep/plain.md ' 'draft!=true'              # only where draft is set
where 'posts/gc.md ' 'weight=2'                          # 2 is not 2.5, nor 2.0
where 'notes/go.md ' 'weight=10'                         # JSON front matter
# Lists: = holds an item, != holds none; a scalar is compared as itself.
where 'notes/deep/plain.md notes/go.md posts/gc.md posts/hello.md ' 'tags=golang'
where 'notes/deep/plain.md posts/gc.md posts/hello.md ' 'tags!=tools'
where 'notes/go.md posts/gc.md ' 'tags[0]=golang'
# A missing path never matches, with any operator.
where '' 'nope=1'
where '' 'nope!=1'
where '' 'nope<1'
where '' 'draft='                                        # an empty word is null
# Numbers: ints and floats compare as numbers; strings never do.
where 'notes/go.md posts/hello.md ' 'weight>2'
where 'notes/go.md posts/gc.md posts/hello.md ' 'weight>=2'
where 'posts/gc.md ' 'weight<2.5'
where 'posts/gc.md posts/hello.md ' 'weight<=2.5'
where '' 'title<3'
# Dates: instants (a date alone is its midnight, a floating time is UTC);
# JSON front matter's date strings compare as dates.
where 'notes/go.md posts/gc.md ' 'date<2026-01-01'
where 'notes/go.md posts/gc.md ' 'date<2099-01-15T08:00:00Z'
where 'notes/go.md posts/gc.md posts/hello.md ' 'date<=2099-01-15T08:00:00Z'
where 'notes/go.md posts/gc.md posts/hello.md ' 'date<2099-01-15T08:00:00.5Z'
where 'notes/go.md ' 'date<2024-01-01'
where 'posts/hello.md ' 'date>2024-03-01'
where 'posts/gc.md posts/hello.md ' 'date>=2024-03-01'
where '' 'title>2024-03-01'
# `now`, for an order, is the time the option is read (the site's dates are
# 2023, 2024 and 2099); for = it is the word itself.
where 'notes/go.md posts/gc.md ' 'date<now'
where 'posts/hello.md ' 'date>=now'
printf -- '---\ntitle: now\n---\n' >now.md
printf -- '--- a/now.md\n+++ b/now.md\n@@ -1,3 +1,4 @@\n ---\n title: now\n+m: 1\n ---\n' >want
run where-now-word 0 want empty -- "$FMATTER" set -n --where 'title=now' now.md m 1
# Every --where must hold: the drafts dated before 2026.
where 'posts/gc.md ' 'draft=true' 'date<2026-01-01'
# A quoted key holding an operator.
printf -- '---\na=b: x\n---\n' >q.md
printf -- '--- a/q.md\n+++ b/q.md\n@@ -1,3 +1,4 @@\n ---\n a=b: x\n+m: 1\n ---\n' >want
run where-quoted-key 0 want empty -- "$FMATTER" set -n --where '"a=b"=x' q.md m 1
# One file that does not match: no output at all, status 0.
run where-single-no-match 0 empty empty -- "$FMATTER" set --where 'a=b=y' q.md m 1

# The README's second example: the drafts dated in the past are published.
make_site drafts
cat >want <<'EOF'
--- a/drafts/posts/gc.md
+++ b/drafts/posts/gc.md
@@ -1,7 +1,7 @@
 ---
 title: GC tuning
 date: 2024-03-01
-draft: true
+draft: false
 tags:
   - golang
   - performance
EOF
printf '1 file would change, 4 unchanged, 0 failed\n' >want_err
run drafts-dry-run 0 want want_err -- "$FMATTER" set -n --where draft=true \
    --where 'date<now' drafts draft false
printf '1 file changed, 4 unchanged, 0 failed\n' >want_err
run drafts 0 empty want_err -- "$FMATTER" set --where draft=true \
    --where 'date<now' drafts draft false
printf -- '---\ntitle: GC tuning\ndate: 2024-03-01\ndraft: false\ntags:\n  - golang\n  - performance\nweight: 2\n---\nBody\n' >want
cmp -s want drafts/posts/gc.md || bad "drafts: gc.md"
cmp -s pristine/posts/hello.md drafts/posts/hello.md || bad "drafts: hello.md was written"

# 4. unset and rename over many files: a file without the key is unchanged.
make_site un
printf '3 files changed, 2 unchanged, 0 failed\n' >want_err
run unset-many 0 empty want_err -- "$FMATTER" unset un weight
[ -z "$(grep -rl weight un)" ] || bad "unset left a weight"
printf '1 file changed, 4 unchanged, 0 failed\n' >want_err
run rename-many 0 empty want_err -- "$FMATTER" rename un --where 'tags=go' draft hidden
grep -q '^hidden: true$' un/posts/hello.md || bad "rename over many files"
# A rename onto an existing key fails in that file only.
printf 'un/about.md: error: key '\''title'\'' already exists\n1 file changed, 0 unchanged, 1 failed\n' >want_err
printf -- '---\nname: About\ntitle: x\n---\n' >un/about.md
printf -- '---\nname: Other\n---\n' >un/other.md
run rename-exists 1 empty want_err -- "$FMATTER" rename un/about.md un/other.md name title
grep -q '^title: Other$' un/other.md || bad "the other file was not renamed"

# 5. A failing file does not stop the others: a read-only file (refused,
# even for root) and one that does not load are counted as failed, left
# byte for byte, and the others are saved; status 1; no temporary file.
make_site broken
chmod 0444 broken/posts/gc.md
printf -- '---\ntitle: [\n---\n' >broken/notes/bad.md
cp broken/notes/bad.md bad.orig
cat >want_err <<'EOF'
broken/notes/bad.md:3:1: error: did not find expected node content (while parsing a flow node at line 3, column 1)
broken/posts/gc.md: error: cannot save broken/posts/gc.md: the file is read-only (mode 0444) (--force saves anyway)
4 files changed, 0 unchanged, 2 failed
EOF
run failures 1 empty want_err -- "$FMATTER" set -j 2 broken reviewed true
cmp -s broken/posts/gc.md pristine/posts/gc.md || bad "the read-only file was written"
cmp -s broken/notes/bad.md bad.orig || bad "the file that does not load was written"
for f in about.md notes/go.md notes/deep/plain.md posts/hello.md; do
    grep -q '"reviewed": true\|^reviewed: true$' "broken/$f" || bad "$f was not saved"
done
[ -z "$(find broken -name '*fmatter-*')" ] || bad "temporary files left after failures"
# A missing file is an I/O error (status 2); the others are still edited.
printf 'missing.md: error: cannot open missing.md: No such file or directory\n1 file changed, 0 unchanged, 1 failed\n' >want_err
run missing 2 empty want_err -- "$FMATTER" set missing.md q.md m --value 2
grep -q '^m: 2$' q.md || bad "the file beside a missing one was not edited"

# 6. --include and --exclude, and many paths with --value (a list with two).
cat >want <<'EOF'
--- a/content/posts/gc.md
+++ b/content/posts/gc.md
@@ -6,5 +6,6 @@
   - golang
   - performance
 weight: 2
+x: 1
 ---
 Body
EOF
printf '1 file would change, 0 unchanged, 0 failed\n' >want_err
run include-exclude 0 want want_err -- "$FMATTER" set -n --exclude notes --include 'g*.md' \
    content x 1
cat >want <<'EOF'
--- a/content/about.md
+++ b/content/about.md
@@ -1,3 +1,6 @@
 ---
 title: About
+k:
+  - a
+  - 2
 ---
--- a/content/notes/deep/plain.md
+++ b/content/notes/deep/plain.md
@@ -2,4 +2,7 @@
 title: Plain
 tags: golang
 draft: "true"
+k:
+  - a
+  - 2
 ---
EOF
printf '2 files would change, 0 unchanged, 0 failed\n' >want_err
run many-paths-value 0 want want_err -- "$FMATTER" set -n content/about.md content/notes/deep \
    k --value a --value 2

# 7. Each file once: named twice, or reached again through a link.
ln -s gc.md content/posts/link.md
printf '2 files would change, 0 unchanged, 0 failed\n' >want_err
"$FMATTER" set -n content/posts content/posts/gc.md x --value 1 >out 2>err
[ "$(grep -c '^--- a/' out)" -eq 2 ] && cmp -s want_err err ||
    { bad "a file reached twice"; cat out err; }
rm content/posts/link.md

# 8. Standard input among files: fine with -n, an error (status 2) without.
printf -- '--- a/-\n+++ b/-\n@@ -1,2 +1,3 @@\n ---\n+x: 1\n ---\n--- a/q.md\n+++ b/q.md\n@@ -1,4 +1,5 @@\n ---\n a=b: x\n m: 2\n+x: 1\n ---\n' >want
printf '2 files would change, 0 unchanged, 0 failed\n' >want_err
printf -- '---\n---\n' >in.md
run stdin-dry-run 0 want want_err -- sh -c '"$0" set -n - q.md x --value 1 <in.md' "$FMATTER"
printf 'fmatter: cannot edit standard input in place (use -n)\n1 file changed, 0 unchanged, 1 failed\n' >want_err
run stdin-in-place 2 empty want_err -- sh -c '"$0" set - q.md x --value 1 <in.md' "$FMATTER"

# 9. One file keeps today's output: no summary line.
printf -- '--- a/content/about.md\n+++ b/content/about.md\n@@ -1,3 +1,4 @@\n ---\n title: About\n+x: 1\n ---\n' >want
run single-file 0 want empty -- "$FMATTER" set -n content/about.md x 1

# 10. The progress bar is cleared before the summary line.
make_site bar
"$FMATTER" set --progress bar x 1 >out 2>err
printf '\r\033[K5 files changed, 0 unchanged, 0 failed\n' >want_err
tail -c "$(wc -c <want_err)" err | cmp -s want_err - || { bad "progress then summary"; od -c err | tail -3; }

# 11. Usage errors (status 2, nothing written).
usage() { # usage NAME FIRST-LINE-OF-STDERR command-args...
    name=$1 first=$2
    shift 2
    "$FMATTER" "$@" >out 2>err
    status=$?
    [ $status -eq 2 ] && [ "$(head -1 err)" = "$first" ] ||
        { bad "usage $name: status $status"; cat err; }
}
usage where-no-operator "fmatter: --where 'draft': expected PATH=VALUE, PATH!=VALUE, PATH<VALUE, PATH<=VALUE, PATH>VALUE or PATH>=VALUE" \
    set --where draft content x 1
usage where-bang "fmatter: --where 'draft!x': '!' must be followed by '='" \
    set --where 'draft!x' content x 1
usage where-no-path "fmatter: --where '=1': no key path before the operator" \
    set --where '=1' content x 1
usage where-order-word "fmatter: --where 'title<abc': <, <=, > and >= need a number, a date or now" \
    unset --where 'title<abc' content x
usage where-not-utf8 "fmatter: --where 'a=$(printf '\377')': the string is not valid UTF-8 (byte 0)" \
    unset --where "a=$(printf '\377')" content x
usage where-no-value "fmatter: --where needs a value" rename content a b --where
usage replace-two-values "usage: fmatter set [OPTIONS] [--string] [--list] [--replace OLD] FILE|FOLDER KEY VALUE..." \
    set --replace a content tags b c
usage value-one-operand "usage: fmatter set [OPTIONS] [--string] [--list] [--replace OLD] FILE|FOLDER KEY VALUE..." \
    set content --value 1
usage unset-one-operand "usage: fmatter unset [-n] [--force] [--where PATH=VALUE] [-j N] [--include GLOB] [--exclude GLOB] FILE|FOLDER... KEY" \
    unset content
diff -r pristine content >/dev/null || bad "a usage error wrote files"

# 12. TOML pages: --where types its word as TOML does (weight = 2 is an
# integer, a TOML date is a date), and --replace edits a TOML array in place.
mkdir -p zola/blog || exit 99
printf -- '+++\ntitle = "Zola page"\ndate = 2024-03-01\nweight = 2\n\n[taxonomies]\ntags = ["golang", "rust"]\n+++\nBody\n' >zola/blog/a.md
printf -- '+++\ntitle = "Later"\ndate = 2099-03-01\nweight = 3\n+++\n' >zola/blog/b.md
cp -R zola zola.pristine
cat >want <<'EOF'
--- a/zola/blog/a.md
+++ b/zola/blog/a.md
@@ -4,6 +4,6 @@
 weight = 2
 
 [taxonomies]
-tags = ["golang", "rust"]
+tags = ["go", "rust"]
 +++
 Body
EOF
printf '1 file would change, 1 unchanged, 0 failed\n' >want_err
run toml-replace 0 want want_err -- "$FMATTER" set -n --replace golang zola taxonomies.tags go
diff -r zola.pristine zola >/dev/null || bad "toml-replace -n wrote files"
cat >want <<'EOF'
--- a/zola/blog/a.md
+++ b/zola/blog/a.md
@@ -1,7 +1,7 @@
 +++
 title = "Zola page"
 date = 2024-03-01
-weight = 2
+weight = 20
 
 [taxonomies]
 tags = ["golang", "rust"]
EOF
run toml-where 0 want want_err -- "$FMATTER" set -n --where weight=2 --where 'date<now' zola weight 20

echo "site edit checks: $fail failed"
[ "$fail" -eq 0 ]
