#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every case under tests/data/<group>/<case>/: `fmatter json input.md` must
# print exactly expected.json (and on stderr exactly expected.warn, or nothing),
# or fail with exactly expected.err on stderr.
set -u
data="$top_srcdir/tests/data"
fail=0 count=0
out=$(mktemp -d) || exit 99
trap 'rm -rf "$out"' EXIT
for dir in "$data"/*/*/; do
    dir=${dir%/}
    name=${dir#"$data"/}
    [ -f "$dir/input.md" ] || continue
    count=$((count + 1))
    (cd "$dir" && "$FMATTER" json input.md >"$out/stdout" 2>"$out/stderr")
    status=$?
    if [ -f "$dir/expected.err" ]; then
        if [ $status -ne 1 ] || ! cmp -s "$dir/expected.err" "$out/stderr"; then
            echo "FAIL $name: status $status, stderr:"; cat "$out/stderr"
            diff "$dir/expected.err" "$out/stderr" | head -5
            fail=$((fail + 1))
        fi
        continue
    fi
    warn="$dir/expected.warn"
    [ -f "$warn" ] || warn=/dev/null
    if [ $status -ne 0 ] || ! cmp -s "$dir/expected.json" "$out/stdout" ||
        ! cmp -s "$warn" "$out/stderr"; then
        echo "FAIL $name: status $status"; cat "$out/stderr"
        diff "$dir/expected.json" "$out/stdout" | head -5
        fail=$((fail + 1))
    fi
done
echo "data cases: $count run, $fail failed"
[ $count -gt 0 ] && [ $fail -eq 0 ]
