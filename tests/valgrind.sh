#!/bin/sh
# SPDX-License-Identifier: MIT
# make check-valgrind: every C test program of the suite under valgrind
# (Check in no-fork mode so the test bodies run in the traced process): any
# memory error or leak fails it. Needs valgrind; slow, so not part of check.
set -u
vg="valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible"
vg="$vg --show-leak-kinds=definite,indirect,possible --error-exitcode=42"
libtool="$top_builddir/libtool"
fail=0
run() { # run NAME COMMAND...
    name=$1
    shift
    if CK_FORK=no "$libtool" --mode=execute $vg "$@" >"$name.vg.log" 2>&1; then
        echo "PASS: $name"
    else
        echo "FAIL: $name (see $name.vg.log)"
        fail=$((fail + 1))
    fi
}
for t in $CHECK_SUITES; do
    run "$t" "$top_builddir/$t"
done
find "$top_srcdir/tests/data" -name input.md | sort >valgrind-files.txt
run tests/fm_roundtrip "$top_builddir/tests/fm_roundtrip" $(cat valgrind-files.txt)
for name in split load article emit edit body fastpath; do
    run "tests/fuzz/replay_$name" "$top_builddir/tests/fuzz/replay_$name" \
        "$top_srcdir/tests/fuzz/corpus/$name"
done
rm -f valgrind-files.txt
echo "valgrind: $fail failed"
[ "$fail" -eq 0 ]
