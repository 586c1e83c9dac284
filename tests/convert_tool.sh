#!/bin/sh
# SPDX-License-Identifier: MIT
# fmatter convert: exact files written (the Zola and Hugo pages of tests/data
# to YAML and back, to JSON; tests/convert/ holds the expected texts), -n
# diffs that write nothing, refusals that name the key and leave the file,
# saves that never clobber, folders through the editing commands' machinery,
# usage errors.
set -u
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
src=$(cd "$top_srcdir" && pwd) || exit 99
cd "$tmp" || exit 99
. "$src"/tests/toolutil.sh
same() { # same NAME WANT-FILE FILE
    cmp -s "$2" "$3" || { echo "FAIL $1"; diff "$2" "$3" | head -20; fail=$((fail + 1)); }
}

# The Zola and Hugo pages to YAML, and back to TOML: the Hugo page comes
# back byte for byte, the Zola page with its dotted keys as a table.
cp "$src/tests/data/toml/zola-page/input.md" zola.md
cp "$src/tests/data/toml/hugo-page/input.md" hugo.md
chmod u+w zola.md hugo.md # the source tree is read-only under distcheck
: >want
expect zola-to-yaml 0 want -- "$FMATTER" convert --to yaml zola.md
same zola-yaml "$src/tests/convert/zola-page.yaml.md" zola.md
expect hugo-to-yaml 0 want -- "$FMATTER" convert --to=yaml hugo.md
same hugo-yaml "$src/tests/convert/hugo-page.yaml.md" hugo.md
expect zola-to-toml 0 want -- "$FMATTER" convert --to toml zola.md
same zola-toml "$src/tests/convert/zola-page.toml.md" zola.md
expect hugo-to-toml 0 want -- "$FMATTER" convert --to toml hugo.md
same hugo-toml "$src/tests/data/toml/hugo-page/input.md" hugo.md
expect hugo-to-json 0 want -- "$FMATTER" convert --to json hugo.md
same hugo-json "$src/tests/convert/hugo-page.json.md" hugo.md
# Already in the format: nothing written, nothing said.
cp hugo.md hugo.before
expect already-json 0 want -- "$FMATTER" convert --to json hugo.md
same already-json-file hugo.before hugo.md

# -n prints the diff and writes nothing.
printf -- '---\n# The title\ntitle: Hello # shown\ntags: [a, b]\n---\nBody\n' >post.md
cp post.md post.orig
cat >want <<'DIFF'
--- a/post.md
+++ b/post.md
@@ -1,6 +1,6 @@
----
-# The title
-title: Hello # shown
-tags: [a, b]
----
++++
+# The title
+title = "Hello" # shown
+tags = ["a", "b"]
++++
 Body
DIFF
expect dry-run 0 want -- "$FMATTER" convert -n --to toml post.md
same dry-run-file post.orig post.md

# What the format cannot hold: FILE:LINE:COL: error, exit 1, the file as it
# was; the other files are still converted.
printf -- '---\ntitle: T\nlist:\n  - {b: ~}\n---\n' >null.md
cp null.md null.orig
printf "null.md:4:9: error: 'list[0].b' is null: TOML has no null\n" >want
expect refused 1 want -- "$FMATTER" convert --to toml null.md
same refused-file null.orig null.md
printf -- '+++\nat = 07:32:00\n+++\n' >time.md
cp post.orig post.md
printf "time.md:2:6: error: 'at' is a time of day without a date: JSON has none\n%s\n" \
    '1 file changed, 0 unchanged, 1 failed' >want
expect refused-among-many 1 want -- "$FMATTER" convert --to json time.md post.md
printf -- '{\n  "title": "Hello",\n  "tags": ["a", "b"]\n}\nBody\n' >want
same refused-among-many-file want post.md

# Folders, as the other editing commands take them (tools/batch_edit.c):
# --include, --where, -j, one diff for -n, the summary line.
mkdir -p site/blog site/notes
printf -- '---
title: A
draft: true
---
A
' >site/blog/a.md
printf -- '---
title: B
draft: false
---
B
' >site/blog/b.md
printf -- '+++
title = "C"
draft = true
+++
C
' >site/notes/c.md
printf -- '---
title: D
---
' >site/notes/d.txt
cp -R site site.orig
cat >want <<'DIFF'
--- a/site/blog/a.md
+++ b/site/blog/a.md
@@ -1,5 +1,5 @@
----
-title: A
-draft: true
----
++++
+title = "A"
+draft = true
++++
 A
1 file would change, 2 unchanged, 0 failed
DIFF
expect folder-dry-run 0 want -- "$FMATTER" convert -n --to toml --where draft=true -j 2 site
diff -r site.orig site >/dev/null || { echo "FAIL folder -n wrote"; fail=$((fail + 1)); }
printf '2 files changed, 1 unchanged, 0 failed\n' >want
expect folder 0 want -- "$FMATTER" convert --to toml site
printf -- '+++\ntitle = "B"\ndraft = false\n+++\nB\n' >want
same folder-b want site/blog/b.md
same folder-c site.orig/notes/c.md site/notes/c.md
same folder-txt site.orig/notes/d.txt site/notes/d.txt
printf '1 file changed, 0 unchanged, 0 failed\n' >want
expect folder-include 0 want -- "$FMATTER" convert --to json --include '*.txt' site/notes
printf -- '{\n  "title": "D"\n}\n' >want
same folder-include-file want site/notes/d.txt

# Never over a change the program did not see (tests/fmatter_failio touches
# the file once the temporary file exists); --force saves anyway.
cp post.orig race.md
printf 'race.md: error: cannot save race.md: the file changed since it was loaded (--force saves anyway)\n' >want
expect conflict 1 want -- env FAILIO_TOUCH=race.md FAILIO_LOG=failio.log \
    "$FMATTER_FAILIO" convert --to json race.md
{ cat post.orig; printf 'changed\n'; } >want
same conflict-file want race.md
[ -z "$(ls -A | grep fmatter-)" ] || { echo "FAIL temporary files left"; fail=$((fail + 1)); }

# Usage errors: exit 2.
for args in "post.md" "--to xml post.md" "--to" "--to yaml" "--bogus --to yaml post.md"; do
    # shellcheck disable=SC2086
    "$FMATTER" convert $args >out 2>&1
    [ $? -eq 2 ] || { echo "FAIL usage: convert $args"; fail=$((fail + 1)); }
done
printf -- '---\na: 1\n---\n' | "$FMATTER" convert --to toml - >out 2>&1
[ $? -eq 2 ] && grep -q 'cannot edit standard input in place (use -n)' out ||
    { echo "FAIL standard input without -n"; fail=$((fail + 1)); }
printf -- '---\na: 1\n---\n' | "$FMATTER" convert -n --to toml - >out 2>&1
grep -q '^+a = 1$' out || { echo "FAIL standard input with -n"; fail=$((fail + 1)); }

echo "convert tool checks: $fail failed"
[ "$fail" -eq 0 ]
