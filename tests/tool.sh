#!/bin/sh
# SPDX-License-Identifier: MIT
# The fmatter tool: exact output, error lines and exit statuses of json,
# check, cat, get, set, unset and rename, on YAML and TOML front matter, and
# saves that never clobber.
set -u
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir"/tests/toolutil.sh
cd "$tmp" || exit 99

printf -- '---\ntitle: Hello # greeting\ntags:\n  - a\n  - b\nparams:\n  author: Ann\n---\nBody\n' >post.md
cp post.md orig.md
printf -- '---\ntitle: [unclosed\n---\n' >bad.md

# cat gives the bytes back
expect cat 0 orig.md -- "$FMATTER" cat post.md

# get: scalar, list, mapping, missing
printf 'Hello\n' >want; expect get-scalar 0 want -- "$FMATTER" get post.md title
printf 'a\nb\n' >want; expect get-list 0 want -- "$FMATTER" get post.md tags
printf '{"author":"Ann"}\n' >want; expect get-map 0 want -- "$FMATTER" get post.md params
# paths: [index], quoted keys holding dots, an ambiguous old-style path
printf 'b\n' >want; expect get-index 0 want -- "$FMATTER" get post.md 'tags[1]'
printf -- '---\nog.title: lit\nog:\n  title: nested\n---\n' >dots.md
printf 'lit\n' >want; expect get-quoted 0 want -- "$FMATTER" get dots.md '"og.title"'
printf 'nested\n' >want; expect get-quoted-inner 0 want -- "$FMATTER" get dots.md 'og."title"'
printf "dots.md: error: no key 'og.title'\n" >want
expect get-ambiguous 1 want -- "$FMATTER" get dots.md og.title
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

# Saves never clobber. A read-only file is refused (exit 1, even for root)
# unless --force; the mode stays.
printf -- '---\ntitle: Old\n---\n' >ro.md
cp ro.md ro.orig
chmod 0444 ro.md
printf 'ro.md: error: cannot save ro.md: the file is read-only (mode 0444) (--force saves anyway)\n' >want
expect set-read-only 1 want -- "$FMATTER" set ro.md title New
cmp -s ro.md ro.orig || { echo "FAIL a read-only file was written"; fail=$((fail + 1)); }
: >want
expect set-force-read-only 0 want -- "$FMATTER" set --force ro.md title New
printf -- '---\ntitle: New\n---\n' >want
cmp -s want ro.md && [ "$(stat -c %a ro.md)" = 444 ] ||
    { echo "FAIL --force over a read-only file"; fail=$((fail + 1)); }
# A change made on disk while the tool saves (tests/fmatter_failio appends a
# line to the file once the temporary file exists) is a conflict.
printf -- '---\ntitle: Old\n---\n' >race.md
printf 'race.md: error: cannot save race.md: the file changed since it was loaded (--force saves anyway)\n' >want
expect set-conflict 1 want -- env FAILIO_TOUCH=race.md FAILIO_LOG=failio.log \
    "$FMATTER_FAILIO" unset race.md title
printf -- '---\ntitle: Old\n---\nchanged\n' >want
cmp -s want race.md || { echo "FAIL the conflict wrote the file"; fail=$((fail + 1)); }
printf 'touch\n' >want
cmp -s want failio.log || { echo "FAIL failio did not change the file"; fail=$((fail + 1)); }
printf -- '---\ntitle: Old\n---\n' >race.md
: >want
expect set-force-conflict 0 want -- env FAILIO_TOUCH=race.md FAILIO_LOG=failio.log \
    "$FMATTER_FAILIO" rename --force race.md title name
printf -- '---\nname: Old\n---\n' >want
cmp -s want race.md || { echo "FAIL --force over a changed file"; fail=$((fail + 1)); }
printf 'touch\ntouch\n' >want
cmp -s want failio.log || { echo "FAIL failio did not change the file (forced)"; fail=$((fail + 1)); }
# A file size limit is an error (exit 2), not death by SIGXFSZ; the file is
# untouched. ulimit -f 1 is 512 or 1024 bytes: the error message fits, the
# new text does not.
{ printf -- '---\ntitle: Old\n---\n'; head -c 3000 /dev/zero | tr '\0' x; } >big.md
cp big.md big.orig
printf 'big.md: error: cannot save big.md: write failed: File too large\n' >want
expect set-size-limit 2 want -- sh -c 'ulimit -f 1 && exec "$0" set big.md title New' \
    "$FMATTER"
cmp -s big.md big.orig || { echo "FAIL a size limit changed the file"; fail=$((fail + 1)); }
# Hard links stay: both names see the edit.
printf -- '---\ntitle: Old\n---\n' >one.md
ln one.md two.md
"$FMATTER" set two.md title New
printf -- '---\ntitle: New\n---\n' >want
cmp -s want one.md && cmp -s want two.md && [ "$(stat -c %h one.md)" = 2 ] ||
    { echo "FAIL a hard link was broken"; fail=$((fail + 1)); }
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

# Input limits apply while reading: standard input, a FIFO and /dev/zero are
# refused as soon as they pass the 64 MiB limit, without reading the rest.
limit=67108864
printf -- '-: error: input over the limit of %s bytes (max_input_size)\n' $limit >want
for cmd in "json -" "get - title" "set -n - title x" "body -"; do
    # shellcheck disable=SC2086
    head -c $((limit + 1)) /dev/zero | "$FMATTER" $cmd >out 2>&1
    status=$?
    [ $status -eq 1 ] && cmp -s want out ||
        { echo "FAIL $cmd over the input limit: $status"; cat out; fail=$((fail + 1)); }
done
# Exactly at the limit is read to its end (then NUL bytes are not UTF-8).
printf -- '-:1:1: error: NUL byte at the start: UTF-16/32 or binary input is not supported\n' >want
head -c $limit /dev/zero | "$FMATTER" json - >out 2>&1
[ $? -eq 1 ] && cmp -s want out || { echo "FAIL input at the limit"; fail=$((fail + 1)); }
printf -- '-: error: input over the limit of %s bytes (max_input_size)\n' $limit >want
expect stdin-dev-zero 1 want -- sh -c '"$FMATTER" json - </dev/zero'
printf -- '/dev/zero: error: /dev/zero: input over the limit of %s bytes (max_input_size)\n' \
    $limit >want
expect file-dev-zero 1 want -- "$FMATTER" json /dev/zero
mkfifo fifo && { head -c $((limit + 1)) /dev/zero >fifo & }
printf -- 'fifo: error: fifo: input over the limit of %s bytes (max_input_size)\n' $limit >want
expect fifo-over-limit 1 want -- "$FMATTER" json fifo
wait
# Memory stays under 100 MB while refusing, and running out of memory is
# an error message, never a silent exit (address-sanitized builds reserve
# too much address space for `ulimit -v`).
case ${FM_BUILD_CFLAGS:-} in
*-fsanitize=address*) echo "memory caps: skipped under AddressSanitizer" ;;
*)
    printf -- '-: error: input over the limit of %s bytes (max_input_size)\n' $limit >want
    expect stdin-under-100MB 1 want -- sh -c 'ulimit -v 100000; "$FMATTER" json - </dev/zero'
    printf -- '-: error: out of memory reading standard input\n' >want
    expect stdin-out-of-memory 1 want -- sh -c 'ulimit -v 30000; "$FMATTER" json - </dev/zero'
    # 3 million "\x01" escapes: a 12 MB file whose JSON output needs 18 MB
    { printf -- '---\ntitle: "'; yes '\x01' | head -n 3000000 | tr -d '\n'
      printf '"\n---\n'; } >escapes.md
    sh -c 'ulimit -v 60000; "$FMATTER" json -j1 escapes.md' >out 2>err
    status=$?
    [ $status -eq 1 ] && [ ! -s out ] && grep -q '^escapes.md: error: out of memory' err &&
        [ "$(wc -l <err)" -eq 1 ] ||
        { echo "FAIL json output out of memory: $status"; cat err; fail=$((fail + 1)); }
    ;;
esac

# A key, new name or value that is not UTF-8 is an encoding error.
printf -- '---\ntitle: x\n---\n' >enc.md
cp enc.md enc-orig.md
printf 'enc.md: error: the key path is not valid UTF-8\n' >want
expect set-key-not-utf8 1 want -- "$FMATTER" set enc.md "$(printf 'ti\377')" v
expect unset-key-not-utf8 1 want -- "$FMATTER" unset enc.md "$(printf '\377')"
printf 'enc.md: error: the new key is not valid UTF-8\n' >want
expect rename-not-utf8 1 want -- "$FMATTER" rename enc.md title "$(printf 'n\303')"
printf 'enc.md: error: the string is not valid UTF-8 (byte 0)\n' >want
expect set-value-not-utf8 1 want -- "$FMATTER" set enc.md title "$(printf '\377')"
expect set-list-not-utf8 1 want -- "$FMATTER" set enc.md tags a "$(printf '\377')"
cmp -s enc.md enc-orig.md || { echo "FAIL a refused edit wrote the file"; fail=$((fail + 1)); }

# Bytes of the body that are not UTF-8 become U+FFFD in every output.
printf -- '---\ntitle: t\n---\n# H\377ead\n\nb\303ody\n' >bad-utf8.md
r=$(printf '\357\277\275')
printf '<h1>H%sead</h1>\n<p>b%sody</p>\n' "$r" "$r" >want
expect body-html-utf8 0 want -- "$FMATTER" body bad-utf8.md
printf 'H%sead\n\nb%sody\n' "$r" "$r" >want
expect body-text-utf8 0 want -- "$FMATTER" body --text bad-utf8.md
expect summary-utf8 0 want -- "$FMATTER" summary bad-utf8.md
printf -- '- [H%sead](#head)\n' "$r" >want
expect toc-utf8 0 want -- "$FMATTER" toc bad-utf8.md
printf '[{"level":1,"text":"H%sead","anchor":"head","line":4}]\n' "$r" >want
expect toc-json-utf8 0 want -- "$FMATTER" toc --json bad-utf8.md

"$FMATTER" check --bogus post.md >out 2>&1; [ $? -eq 2 ] &&
    grep -q "unknown option '--bogus'" out || { echo "FAIL unknown option"; fail=$((fail + 1)); }

# TOML front matter: check, json, get and cat read it; set, unset and
# rename write TOML (words typed as TOML types them); errors carry
# whole-file positions.
printf '+++\ntitle = "Zola"\ndate = 2025-02-20\n[taxonomies]\ntags = ["a", "b"]\n[extra]\nat = 07:32:00\n+++\nBody\n' >zola.md
cp zola.md zola.orig
: >want; expect toml-check 0 want -- "$FMATTER" check zola.md
printf '%s\n' '{"path":"zola.md","format":"toml","meta":{"title":"Zola","date":"2025-02-20","taxonomies":{"tags":["a","b"]},"extra":{"at":"07:32:00"}},"article":{"title":"Zola","date":"2025-02-20"},"body":{"offset":94,"line":9}}' >want
expect toml-json 0 want -- "$FMATTER" json zola.md
printf 'a\nb\n' >want; expect toml-get-list 0 want -- "$FMATTER" get zola.md taxonomies.tags
printf '07:32:00\n' >want; expect toml-get-time 0 want -- "$FMATTER" get zola.md extra.at
expect toml-cat 0 zola.orig -- "$FMATTER" cat zola.md
printf -- '--- a/zola.md\n+++ b/zola.md\n@@ -1,5 +1,5 @@\n +++\n-title = "Zola"\n+title = "It'"'"'s"\n date = 2025-02-20\n [taxonomies]\n tags = ["a", "b"]\n' >want
expect toml-set-n 0 want -- "$FMATTER" set -n zola.md title "It's"
cmp -s zola.md zola.orig || { echo "FAIL set -n wrote a TOML file"; fail=$((fail + 1)); }
: >want
expect toml-set 0 want -- "$FMATTER" set zola.md title x
expect toml-set-new 0 want -- "$FMATTER" set zola.md weight 0x10
expect toml-set-table 0 want -- "$FMATTER" set zola.md extra.time 1979-05-27T07:32:00Z
expect toml-set-word 0 want -- "$FMATTER" set zola.md extra.word null
expect toml-unset 0 want -- "$FMATTER" unset zola.md taxonomies.tags
expect toml-rename 0 want -- "$FMATTER" rename zola.md extra.at when
printf '+++\ntitle = "x"\ndate = 2025-02-20\nweight = 16\n[taxonomies]\n[extra]\nwhen = 07:32:00\ntime = 1979-05-27T07:32:00Z\nword = "null"\n+++\nBody\n' >want
cmp -s zola.md want || { echo "FAIL TOML edits wrote:"; cat zola.md; fail=$((fail + 1)); }
printf 'zola.md: error: no key '"'"'title.x'"'"'\n' >want
expect toml-unset-missing 1 want -- "$FMATTER" unset zola.md title.x
cp zola.orig zola.md
printf '+++\n[a]\nx = 1\n[a]\n+++\n' >badtoml.md
printf 'badtoml.md:4:1: error: table [a] is already defined at line 2, column 1\n' >want
expect toml-check-bad 1 want -- "$FMATTER" check badtoml.md zola.md

# json and check read a file only as far as its body starts (FM_OPT_FRONT_ONLY),
# and whole again when the front matter has no title: the output is the same
# as from the whole text (standard input), past the first 4 KB read too.
mkdir -p front
body=$(yes 'A line of the body, to pass the first read of 4096 bytes.' | head -n 120)
{ printf -- '---\ntitle: Front\ntags: [a, b]\n---\n'; printf '%s\n' "$body"; } >front/a.md
{ printf -- '---\ndate: 2024-01-02\n---\n# From the body\n\n'; printf '%s\n' "$body"; } \
    >front/b.md
{ printf -- '---\r\ntitle: Late\r\n'; printf 'k%d: v\r\n' $(seq 1 1000);
  printf -- '---\r\n'; printf '%s\n' "$body"; } >front/c.md
{ printf -- '---\ntitle: Open\n'; printf '%s\n' "$body"; } >front/d.md
printf '{"path":"front/a.md","format":"yaml","meta":{"title":"Front","tags":["a","b"]},"article":{"title":"Front","tags":["a","b"]},"body":{"offset":34,"line":5}}\n' >want
printf '{"path":"front/b.md","format":"yaml","meta":{"date":"2024-01-02"},"article":{"title":"From the body","date":"2024-01-02"},"body":{"offset":25,"line":4}}\n' >>want
printf 'front/d.md:1:1: error: front matter opened here is never closed (no closing ---)\n' >want.err
"$FMATTER" json -j1 front/a.md front/b.md front/d.md >out 2>out.err
status=$?
[ $status -eq 1 ] && cmp -s want out && cmp -s want.err out.err ||
    { echo "FAIL json read front only: $status"; diff want out; diff want.err out.err;
      fail=$((fail + 1)); }
for f in a b c; do
    "$FMATTER" json -j1 "front/$f.md" >out.file 2>&1
    "$FMATTER" json - <"front/$f.md" 2>&1 | sed "s|\"path\":\"-\"|\"path\":\"front/$f.md\"|" >out.stdin
    cmp -s out.stdin out.file ||
        { echo "FAIL json of front/$f.md, file against standard input"; diff out.stdin out.file;
          fail=$((fail + 1)); }
done
offset=$(($(wc -c <front/c.md) - ${#body} - 1))
[ "$offset" -gt 4096 ] && grep -q "\"title\":\"Late\"},\"body\":{\"offset\":$offset,\"line\":1004}}" out.file ||
    { echo "FAIL json of a front matter past the first read ($offset)"; fail=$((fail + 1)); }
printf 'front/d.md:1:1: error: front matter opened here is never closed (no closing ---)\n' >want
expect check-front-only 1 want -- "$FMATTER" check -j2 front

# Every command that prints fails with status 2 and one message when
# standard output cannot be written (json's status is 1: tests/batch_output.sh)
if [ -w /dev/full ]; then
    printf -- '---\ntitle: Full\n---\n# Heading\n\nText.\n' >full.md
    for cmd in "get full.md title" "body full.md" "toc full.md" "summary full.md" \
        "set -n full.md title x"; do
        # shellcheck disable=SC2086 # the words of cmd are the arguments
        "$FMATTER" $cmd >/dev/full 2>out
        status=$?
        echo "$cmd: $status $(cat out)" >>full.got
    done
    cat >want <<'EOF'
get full.md title: 2 <stdout>: error: No space left on device
body full.md: 2 <stdout>: error: No space left on device
toc full.md: 2 <stdout>: error: No space left on device
summary full.md: 2 <stdout>: error: No space left on device
set -n full.md title x: 2 <stdout>: error: No space left on device
EOF
    cmp -s want full.got || {
        echo "FAIL writing to a full disk:"
        diff want full.got
        fail=$((fail + 1))
    }
else
    echo "SKIP (in part): /dev/full is not writable here: the full-disk cases did not run"
fi

echo "tool checks: $fail failed"
[ "$fail" -eq 0 ]
