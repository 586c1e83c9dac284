#!/bin/sh
# SPDX-License-Identifier: MIT
# TOML 1.0.0 conformance: toml-test's list (valid files decode to exactly the
# expected tagged JSON and to what Python's tomllib reads; invalid files are
# rejected) through tests/toml_decode. The suite lives beside the shared
# corpus (FM_CONFORMANCE_DIR overrides); skips, saying why, when it or
# python3 is missing.
set -u
dir=${FM_CONFORMANCE_DIR:-${FM_CORPUS_DIR:+$FM_CORPUS_DIR/../conformance}}
suite=$dir/toml-test
if [ -z "$dir" ] || [ ! -f "$suite/files-toml-1.0.0" ]; then
    echo "skipped: toml-test not found at '$suite' (set FM_CONFORMANCE_DIR or configure --with-corpus)"
    exit 77
fi
if ! command -v python3 >/dev/null; then
    echo "skipped: python3 not found (it compares the decoded JSON)"
    exit 77
fi
exec python3 "$top_srcdir/tests/toml_conformance.py" "$top_builddir/tests/toml_decode" "$suite"
