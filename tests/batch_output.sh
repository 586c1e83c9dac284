#!/bin/sh
# SPDX-License-Identifier: MIT
# The tool's standard output over many files (tools/batch_out.c: each file's
# bytes in a buffer pooled by the thread that made them, written from there
# in stdio's 64 KB blocks). Files whose JSON goes from a hundred bytes to
# 400 KB (beyond what a pooled buffer keeps, across several blocks), with
# load errors and warnings between them: with -j1, -j2 and -j3, to a file and
# to a pipe, the bytes are those of the files run one by one; with standard
# error in the same file, every byte is where stdio put it before (the
# reference: tests/stdio_replay writing each file's output through stdio);
# on a terminal, each file's output and then its messages; a full disk
# fails the run.
set -u
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir"/tests/toolutil.sh
replay=$(cd "$top_builddir" && pwd)/tests/stdio_replay
cd "$tmp" || exit 99
bad() { # bad MESSAGE: a failure
    echo "FAIL $1"
    fail=$((fail + 1))
}

# text N: N bytes of text, an escaped quote every 100 (escaped in JSON too).
text() {
    head -c "$1" /dev/zero | tr '\0' 'a' | sed 's/a\{98\}/&\\"/g'
}
mkdir site good
i=0
while [ $i -lt 60 ]; do
    f=site/f$(printf %02d $i).md
    case $((i % 5)) in
    0 | 3) # a description of 0 to about 200 KB (twice in the JSON)
        size=$(((i * 7919) % 200000))
        [ $i -eq 30 ] && size=200000
        printf -- '---\ntitle: "t%d"\ndescription: "%s"\n---\nBody\n' $i \
            "$(text $size)" >$f ;;
    1) printf -- '---\ntitle: [unclosed %d\n---\n' $i >$f ;;
    2) printf -- '---\ntitle: w%d\ndate: yesterday\nweight: heavy\n---\nBody\n' $i >$f ;;
    *) printf -- '---\ntitle: s%d\ntags: [a, b]\n---\n' $i >$f ;;
    esac
    i=$((i + 1))
done
for n in 03 05 30 40; do
    cp site/f$n.md good/
done

# The reference: each file on its own.
mkdir one
for f in site/*.md; do
    b=one/$(basename "$f" .md)
    "$FMATTER" json "$f" >"$b.out" 2>"$b.err"
done
cat one/*.out >want.out
cat one/*.err >want.err
# shellcheck disable=SC2046
"$replay" $(for f in one/*.out; do echo "$f" "${f%.out}.err"; done) >want.both 2>&1 ||
    { echo "FAIL stdio_replay"; exit 1; }
big=$(wc -c <one/f30.out)
[ "$big" -gt 400000 ] || bad "the largest output is $big bytes"
[ "$(wc -c <want.out)" -gt 2000000 ] || bad "the outputs: $(wc -c <want.out) bytes"
[ "$(wc -l <want.err)" -eq 36 ] || bad "the messages: $(wc -l <want.err)"

for j in 1 2 3; do
    "$FMATTER" json -j$j site >out 2>err
    status=$?
    [ $status -eq 1 ] || bad "-j$j: status $status"
    cmp -s want.out out || bad "-j$j: standard output"
    cmp -s want.err err || { bad "-j$j: messages"; diff want.err err | head; }
    "$FMATTER" json -j$j site 2>/dev/null | cat >out.pipe
    cmp -s want.out out.pipe || bad "-j$j: to a pipe"
    "$FMATTER" json -j$j site >both 2>&1
    cmp -s want.both both || bad "-j$j: output and messages in one file"
    # check writes nothing to standard output, its messages the same
    "$FMATTER" check -j$j site >out 2>err
    [ $? -eq 1 ] && [ ! -s out ] && cmp -s want.err err ||
        bad "check -j$j"
done

# On a terminal (script(1) gives one, when it can): each file's output as
# it comes, through stdio's line buffer, and its messages after it.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    for f in one/*.out; do
        cat "$f" "${f%.out}.err"
    done >want.tty
    for j in 1 2; do
        script -qec "'$FMATTER' json -j$j --no-progress site" /dev/null | tr -d '\r' >tty
        cmp -s want.tty tty || bad "-j$j on a terminal"
    done
fi

# Files that all load: 0; 1 when the output cannot be written, whether a
# block written along the way fails or only the last one, at the end (a
# failed write within a file's output left stdio's buffer empty, and the run
# ended with 0).
for f in good/*.md; do
    "$FMATTER" json "$f"
done >want.good
for j in 1 2; do
    "$FMATTER" json -j$j good >out 2>err
    status=$?
    [ $status -eq 0 ] && cmp -s want.good out && [ ! -s err ] ||
        bad "good -j$j: status $status"
done
# A full disk: status 1 and one message, the device's error when the last
# flush fails, "a write failed" when an earlier write did (stdio dropped the
# bytes then, and errno may have changed since).
if [ -w /dev/full ]; then
    for j in 1 2; do
        for what in good good/f03.md good/f05.md; do
            "$FMATTER" json -j$j $what >/dev/full 2>err
            status=$?
            [ $status -eq 1 ] || bad "-j$j $what to a full disk: status $status"
            echo "-j$j $what: $(cat err)" >>full.got
        done
    done
    cat >full.want <<'EOF'
-j1 good: <stdout>: error: a write failed
-j1 good/f03.md: <stdout>: error: No space left on device
-j1 good/f05.md: <stdout>: error: a write failed
-j2 good: <stdout>: error: a write failed
-j2 good/f03.md: <stdout>: error: No space left on device
-j2 good/f05.md: <stdout>: error: a write failed
EOF
    cmp -s full.want full.got || bad "messages of a full disk: $(diff full.want full.got)"
else
    echo "SKIP (in part): /dev/full is not writable here: the full-disk cases did not run"
fi
[ "$fail" -eq 0 ] || exit 1
