#!/bin/sh
# SPDX-License-Identifier: MIT
# The shared library exports exactly the symbols listed in
# tests/exported-symbols.txt, all with the fm_ prefix, and the header declares
# exactly those functions (none declared and missing, none hidden).
set -u
lib="$top_builddir/lib/.libs/libfmatter.so"
if [ ! -f "$lib" ]; then
    echo "skipped: no shared library at $lib (static-only build)"
    exit 77
fi
# With symbol versioning nm prints name@@FMATTER_0: every symbol must carry
# that version (when the linker took lib/fmatter.map), and the name is compared.
raw=$(${NM:-nm} -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }')
unversioned=$(printf '%s\n' "$raw" | grep '^fm_' | grep -v '@@FMATTER_0$' || true)
if ${NM:-nm} -D --defined-only "$lib" | grep -q '@@FMATTER_0$' && [ -n "$unversioned" ]; then
    echo "symbols without the FMATTER_0 version: $unversioned"
    exit 1
fi
actual=$(printf '%s\n' "$raw" | sed 's/@.*//' | grep -v '^FMATTER_0$' | sort)
expected=$(grep -v '^#' "$top_srcdir/tests/exported-symbols.txt" | sort)
if [ "$actual" != "$expected" ]; then
    echo "exported symbols differ from tests/exported-symbols.txt (- expected, + actual):"
    printf '%s\n' "$expected" >expected.tmp.$$
    printf '%s\n' "$actual" >actual.tmp.$$
    diff -u expected.tmp.$$ actual.tmp.$$ | tail -n +3
    rm -f expected.tmp.$$ actual.tmp.$$
    exit 1
fi
declared=$(grep 'FM_EXPORT' "$top_srcdir/include/fmatter.h" | grep -o 'fm_[a-z0-9_]*(' |
    tr -d '(' | sort)
if [ "$declared" != "$expected" ]; then
    echo "functions declared FM_EXPORT in fmatter.h differ from the list:"
    printf '%s\n' "$expected" >expected.tmp.$$
    printf '%s\n' "$declared" >declared.tmp.$$
    diff -u expected.tmp.$$ declared.tmp.$$ | tail -n +3
    rm -f expected.tmp.$$ declared.tmp.$$
    exit 1
fi
bad=$(printf '%s\n' "$actual" | grep -v '^fm_' || true)
[ -z "$bad" ] || { echo "symbols without the fm_ prefix: $bad"; exit 1; }
echo "$(printf '%s\n' "$actual" | wc -l) exported symbols, all listed"
