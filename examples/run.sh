#!/bin/sh
# SPDX-License-Identifier: MIT
# The C examples on temporary copies of examples/article.md and a small
# temporary folder: the exact output of title_tags and list_drafts, and the
# one line bump_lastmod adds or changes (nothing else in the file moves, the
# permissions stay). make check runs the build's programs; make installcheck
# runs this again on programs built against the installed library, with
# FM_EXAMPLES_BIN naming their folder.
set -u
srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
bin=${FM_EXAMPLES_BIN:-$builddir/examples}
for prog in title_tags bump_lastmod list_drafts; do
    [ -x "$bin/$prog" ] || { echo "ERROR: $bin/$prog was not built"; exit 99; }
done

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
fail=0

# check NAME WANT-STATUS WANT-STDOUT-FILE WANT-STDERR-FILE -- command...
check() {
    name=$1 want_status=$2 want_out=$3 want_err=$4
    shift 5
    "$@" >out 2>err
    status=$?
    if [ "$status" -ne "$want_status" ] || ! cmp -s "$want_out" out ||
        ! cmp -s "$want_err" err; then
        echo "FAIL $name: status $status (want $want_status)"
        diff "$want_out" out | head -10
        diff "$want_err" err | head -10
        fail=$((fail + 1))
    fi
}

cp "$srcdir/examples/article.md" article.md && chmod 640 article.md || exit 99
cp article.md orig.md || exit 99
: >empty

# ---------------------------------------------------------------- title_tags
printf 'title: Mistral gets down to business\ntags: techcrunch\n' >want
check title-tags 0 want empty -- "$bin/title_tags" article.md

# Jekyll's space-separated tags; the title from the body's first heading.
printf -- '---\ntags: release notes\n---\n# From the body\n' >jekyll.md
printf 'title: From the body\ntags: release notes\n' >want
check title-tags-jekyll 0 want empty -- "$bin/title_tags" jekyll.md

printf -- '---\ntitle: [unclosed\n---\n' >bad.md
printf "bad.md:3:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 8)\n" >want_err
check title-tags-bad 1 empty want_err -- "$bin/title_tags" bad.md

# -------------------------------------------------------------- bump_lastmod
# A lastmod line in RFC 3339 with the zone's offset, today's date (taken
# before and after, in case midnight passes), and nothing else changed.
stamp='[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'
bump() { # bump NAME TZ OFFSET-SUFFIX DIFF-COMMAND
    name=$1 zone=$2 suffix=$3 change=$4
    before=$(TZ=$zone date +%Y-%m-%d)
    TZ=$zone "$bin/bump_lastmod" article.md >out 2>err
    status=$?
    after=$(TZ=$zone date +%Y-%m-%d)
    text=$(sed -n "s/^article\.md: lastmod \($stamp$suffix\)\$/\1/p" out)
    day=$(printf '%s' "$text" | cut -c1-10)
    if [ "$status" -ne 0 ] || [ -s err ] || [ -z "$text" ] ||
        { [ "$day" != "$before" ] && [ "$day" != "$after" ]; }; then
        echo "FAIL $name: status $status, output:"
        cat out err
        fail=$((fail + 1))
        return
    fi
    printf '%s\n> lastmod: %s\n' "$change" "$text" >want
    diff orig.md article.md | grep -v '^[<-]' >got
    if ! cmp -s want got; then
        echo "FAIL $name: the file changed otherwise:"
        diff orig.md article.md
        fail=$((fail + 1))
    fi
    if [ "$(ls -l article.md | cut -c1-10)" != "-rw-r-----" ]; then
        echo "FAIL $name: permissions not kept: $(ls -l article.md)"
        fail=$((fail + 1))
    fi
}
# The first run adds the key at the end of the front matter, after line
# 25; the next ones rewrite that line in place, with their zone's offset:
# compared with the original, the file always has just that one line more.
bump bump-lastmod-utc UTC0 'Z' '25a26'
bump bump-lastmod-india '<+0530>-5:30' '+05:30' '25a26'
bump bump-lastmod-west '<-03>3' '-03:00' '25a26'

cp bad.md bad.orig
check bump-lastmod-bad 1 empty want_err -- "$bin/bump_lastmod" bad.md
cmp -s bad.md bad.orig || { echo "FAIL bump-lastmod-bad: bad.md was written"; fail=$((fail + 1)); }

# --------------------------------------------------------------- list_drafts
mkdir -p site/posts/2025 site/.trash || exit 99
cp "$srcdir/examples/article.md" site/article.md            # no draft key
printf -- '---\ntitle: A\ndraft: true\n---\n' >site/a.md
printf -- '---\ntitle: B\ndraft: false\n---\n' >site/b.md
printf -- '---\nDraft: yes\n---\n' >site/posts/c.md          # any case, yes/no
printf -- '---\npublished: false\n---\n' >site/posts/2025/d.md # Jekyll
printf -- 'No front matter.\n' >site/posts/2025/e.md
printf -- '---\ndraft: true\n---\n' >site/posts/f.markdown    # not .md
printf -- '---\ndraft: true\n---\n' >site/.trash/g.md         # hidden folder
printf 'site/a.md\nsite/posts/2025/d.md\nsite/posts/c.md\n' >want
"$bin/list_drafts" site >out 2>err
status=$?
LC_ALL=C sort out >sorted
if [ "$status" -ne 0 ] || [ -s err ] || ! cmp -s want sorted; then
    echo "FAIL list-drafts: status $status"
    diff want sorted
    cat err
    fail=$((fail + 1))
fi

# A file that does not load: reported, the others still listed, status 1.
cp bad.md site/posts/bad.md
"$bin/list_drafts" site >out 2>err
status=$?
LC_ALL=C sort out >sorted
if [ "$status" -ne 1 ] || ! cmp -s want sorted ||
    ! grep -q '^site/posts/bad\.md:3:1: error: ' err; then
    echo "FAIL list-drafts-bad: status $status"
    cat sorted err
    fail=$((fail + 1))
fi

printf 'usage: list_drafts FOLDER\n' >want_err
check list-drafts-usage 2 empty want_err -- "$bin/list_drafts"

# ------------------------------------------------------- fmatter(1) EXAMPLES
# Each literal block of the page's EXAMPLES is a transcript: `$ command`
# lines and their output. The blocks whose every command reads
# examples/article.md or standard input run in the source folder, with the
# tool of this build (FMATTER) or the installed one, and must print exactly
# what the page shows.
if [ -n "${FMATTER:-}" ]; then
    awk -v dir="$tmp/man" '
        function unescape(t) {
            gsub(/\\-/, "-", t); gsub(/\\&/, "", t); gsub(/\\\(dq/, "\"", t)
            gsub(/\\e/, "\\", t)
            return t
        }
        /^\.Sh / { examples = ($2 == "EXAMPLES") }
        examples && /^\.Bd -literal/ { inside = 1; n++; runnable = 1; next }
        inside && /^\.Ed/ {
            inside = 0
            close(dir n ".sh")
            close(dir n ".want")
            if (!runnable)
                system("rm -f " dir n ".sh " dir n ".want")
            next
        }
        inside {
            line = unescape($0)
            if (line ~ /^\$ /) {
                cmd = substr(line, 3)
                if (cmd !~ /examples\/article\.md/ && cmd !~ /check -$/ && cmd != "echo $?")
                    runnable = 0
                print cmd " 2>&1" > (dir n ".sh")
            } else {
                print line > (dir n ".want")
            }
        }
    ' "$srcdir/doc/fmatter.1"
    for script in "$tmp"/man*.sh; do
        [ -f "$script" ] || continue
        [ -f "${script%.sh}.want" ] || : >"${script%.sh}.want"
        { echo 'fmatter() { "$FMATTER" "$@"; }'; cat "$script"; } >"$tmp/man.run"
        (cd "$srcdir" && sh "$tmp/man.run") >"$tmp/man.out" 2>&1
        if ! cmp -s "${script%.sh}.want" "$tmp/man.out"; then
            echo "FAIL fmatter(1) EXAMPLES block $(basename "$script" .sh):"
            diff "${script%.sh}.want" "$tmp/man.out"
            fail=$((fail + 1))
        fi
    done
else
    echo "note: FMATTER not set, the EXAMPLES of fmatter(1) not run"
fi

[ "$fail" -eq 0 ] || { echo "$fail failure(s)"; exit 1; }
echo "examples: all passed ($bin)"
exit 0
