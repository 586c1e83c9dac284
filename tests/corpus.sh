#!/bin/sh
# SPDX-License-Identifier: MIT
# Acceptance: every file of the shared Hugo and Jekyll documentation corpus
# loads (`fmatter check` exits 0). Skips, saying so, when the corpus is absent.
set -u
corpus=${FM_CORPUS_DIR:-}
if [ -z "$corpus" ] || [ ! -d "$corpus/hugo-docs" ] || [ ! -d "$corpus/jekyll-docs" ]; then
    echo "skipped: shared corpus not found at '${corpus}' (configure --with-corpus=DIR)"
    exit 77
fi
list=$(mktemp) || exit 99
trap 'rm -f "$list"' EXIT
find "$corpus/hugo-docs" "$corpus/jekyll-docs" -type f \
    \( -name '*.md' -o -name '*.markdown' -o -name '*.html' \) | sort >"$list"
n=$(wc -l <"$list")
[ "$n" -gt 1000 ] || { echo "corpus looks incomplete: $n files"; exit 1; }
if ! tr '\n' '\0' <"$list" | xargs -0 "$FMATTER" check >/dev/null 2>"$list.err"; then
    grep ': error:' "$list.err" | head -20
    rm -f "$list.err"
    echo "corpus: some of $n files failed to load"
    exit 1
fi
rm -f "$list.err"
echo "corpus: all $n files load"
