#!/bin/sh
# SPDX-License-Identifier: MIT
# tomllib.sh - the string battery through every TOML shape (tests/battery.h),
# written by the C API (fm_readers_write toml) and read back by fmatter
# (fm_readers_read: the string or key where it was written) and by Python's
# standard tomllib (read_toml.py: the whole table, the edit and nothing else).
# Exits 77 (skip) with the reason when no Python 3.11 or later is found.

srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99

py=
for p in "$FM_PYTHON" python3 /usr/bin/python3; do
    if test -n "$p" && "$p" -c 'import tomllib' 2>/dev/null; then
        py=$p
        break
    fi
done
test -n "$py" || {
    echo "SKIP: tomllib: no python3 with tomllib (Python 3.11 or later) found"
    exit 77
}

out=$(mktemp -d "${TMPDIR:-/tmp}/fmatter-tomllib.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT INT TERM
"$builddir/tests/readers/fm_readers_write" toml "$out/toml.tsv" || exit 1
status=0
"$builddir/tests/readers/fm_readers_read" "$out/toml.tsv" || status=1
"$py" "$srcdir/tests/readers/read_toml.py" "$out/toml.tsv" || status=1
exit $status
