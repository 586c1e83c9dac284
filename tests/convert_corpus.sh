#!/bin/sh
# SPDX-License-Identifier: MIT
# Acceptance for fm_doc_convert: every front-matter file of tests/data and of
# the shared corpus goes to each other format and back (YAML -> TOML -> YAML,
# YAML -> JSON -> YAML, ...) with the same value tree, or is refused with
# FM_ERR_CONVERT naming a key (tests/convert_corpus.c). Skips, saying so,
# when the corpus is absent.
set -u
corpus=${FM_CORPUS_DIR:-}
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
    echo "skipped: shared corpus not found at '${corpus}' (configure --with-corpus=DIR)"
    exit 77
fi
list=$(mktemp) || exit 99
trap 'rm -f "$list"' EXIT
find "$top_srcdir/tests/data" -name input.md | sort >"$list"
find "$corpus" -type f ! -name 'LICENSE*' | sort >>"$list"
echo "corpus: $corpus"
exec "$top_builddir/tests/fm_convert_corpus" 1000 <"$list"
