#!/bin/sh
# SPDX-License-Identifier: MIT
# The manual pages in doc/: `mandoc -T lint -W warning` prints nothing for
# any page, man(1) renders each without a warning (when man and groff are
# installed), every exported function is named in the NAME section of a
# page, and the C snippets of the EXAMPLES sections compile.
# Skipped (77) when mandoc is not installed.
set -u
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}

mandoc=${MANDOC:-}
[ -n "$mandoc" ] || mandoc=$(command -v mandoc 2>/dev/null) || mandoc=
if [ -z "$mandoc" ] || ! command -v "$mandoc" >/dev/null 2>&1; then
    echo "SKIP: mandoc is not installed (Debian: apt-get install mandoc)"
    exit 77
fi

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
pages=$(ls "$srcdir"/doc/*.1 "$srcdir"/doc/*.3 "$srcdir"/doc/*.5)

# 1. mandoc's lint: not one warning (style notes are below -W warning).
for page in $pages; do
    out=$("$mandoc" -T lint -W warning "$page" 2>&1)
    if [ -n "$out" ]; then
        printf '%s\n' "$out"
        fail=$((fail + 1))
    fi
done

# 2. man(1) with groff, as a user reads them: no troff warning at 80 columns.
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
    for page in $pages; do
        out=$(LC_ALL=C MANWIDTH=80 man -l "$page" 2>&1 >/dev/null)
        if [ -n "$out" ]; then
            echo "FAIL man -l $page:"
            printf '%s\n' "$out"
            fail=$((fail + 1))
        fi
    done
else
    echo "note: man or groff not installed, man -l not checked"
fi

# 3. Every exported function has a page that names it.
for sym in $(grep -v '^#' "$srcdir/tests/exported-symbols.txt"); do
    if ! grep -q "^\.Nm $sym\( ,\)\{0,1\}\$" "$srcdir"/doc/*.3; then
        echo "FAIL $sym is in no NAME section of doc/*.3"
        fail=$((fail + 1))
    fi
done

# 4. The C snippets of the EXAMPLES sections compile, warnings as errors.
cc=${CC:-cc}
for page in "$srcdir"/doc/*.3; do
    name=$(basename "$page" .3)
    awk -v out="$tmp/$name" '
        /^\.Sh / { examples = ($2 == "EXAMPLES") }
        examples && /^\.Bd -literal/ { inside = 1; text = ""; next }
        inside && /^\.Ed/ {
            inside = 0
            if (text ~ /#include <fmatter.h>/) {
                n++
                file = out "-" n ".c"
                printf "%s", text > file
                close(file)
            }
            next
        }
        inside { text = text $0 "\n" }
    ' "$page"
done
for snippet in "$tmp"/*.c; do
    [ -f "$snippet" ] || continue
    sed -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\(dq/"/g' -e 's/\\(ga/`/g' \
        -e 's/\\e/\\/g' "$snippet" >"$snippet.tmp" && mv "$snippet.tmp" "$snippet"
    if ! $cc -std=c99 -Wall -Wextra -Werror -fsyntax-only -I"$srcdir/include" \
        -I"$builddir/include" "$snippet" >"$tmp/cc.out" 2>&1; then
        echo "FAIL the example $(basename "$snippet") does not compile:"
        cat "$tmp/cc.out"
        fail=$((fail + 1))
    fi
done

[ "$fail" -eq 0 ] || { echo "$fail failure(s)"; exit 1; }
echo "$(echo "$pages" | wc -l) pages checked"
exit 0
