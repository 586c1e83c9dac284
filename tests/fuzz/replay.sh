#!/bin/sh
# SPDX-License-Identifier: MIT
# Replays each fuzz target's seed corpus (tests/fuzz/corpus/<target>/).
set -u
for name in split load article emit edit body fastpath remove rename insert setters \
    setbody save toml toml_edit convert; do
    "$top_builddir/tests/fuzz/replay_$name" "$top_srcdir/tests/fuzz/corpus/$name" || exit 1
done
