#!/bin/sh
# SPDX-License-Identifier: MIT
# Round trip acceptance: every file of tests/data and of the shared corpus
# that loads comes back byte for byte (through the library and through
# `fmatter cat`), and a title edit touches only the title's lines.
set -u
list=$(mktemp) || exit 99
trap 'rm -f "$list" "$list.out"' EXIT
find "$top_srcdir/tests/data" -name input.md | sort >"$list"
corpus=${FM_CORPUS_DIR:-}
if [ -n "$corpus" ] && [ -d "$corpus" ]; then
    find "$corpus" -type f ! -name 'LICENSE*' | sort >>"$list"
    echo "corpus: $corpus"
else
    echo "skipped the shared corpus: not found at '$corpus'"
fi
"$top_builddir/tests/fm_roundtrip" <"$list" || exit 1
# The tool: fmatter cat equals the input for every file that loads (under a
# sanitizer, a sample: toolutil.sh).
. "$top_srcdir/tests/toolutil.sh"
tool_binary
tool_sample "fmatter cat: the files"
fail=0 n=0 i=0
while IFS= read -r f; do
    i=$((i + 1))
    [ $(((i - 1) % every)) -eq 0 ] || continue
    if "$FMATTER" cat "$f" >"$list.out" 2>/dev/null; then
        n=$((n + 1))
        cmp -s "$f" "$list.out" || { echo "FAIL fmatter cat $f"; fail=$((fail + 1)); }
    fi
done <"$list"
echo "fmatter cat: $n files byte for byte, $fail differ"
[ "$fail" -eq 0 ] && [ "$n" -gt 0 ]
