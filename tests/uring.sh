#!/bin/sh
# SPDX-License-Identifier: MIT
# fm_load_many reads the files of a batch together through io_uring
# (lib/uring.c): `fmatter json --derived -j1` over 70 files (more than two
# rings' worth) makes one ring, opens none of the files with openat (the ring
# opens them), enters the ring twice for every 32 files, and prints what it
# prints for the files one at a time. Skipped (77), and says why, without
# strace or when the kernel offers no io_uring. tests/check_batch.c compares
# the documents and errors with the reads one by one.
set -u
command -v strace >/dev/null 2>&1 || {
    echo "SKIP: strace is not installed (Debian: strace)"
    exit 77
}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
fail=0
bad() { # bad MESSAGE
    echo "FAIL $1"
    fail=$((fail + 1))
}

mkdir site
i=10
while [ $i -lt 80 ]; do
    printf -- '---\ntitle: "Page %d"\ntags: [a, b]\n---\nBody of page %d.\n' $i $i \
        >site/p$i.md
    i=$((i + 1))
done

strace -f -o trace -e trace=openat,io_uring_setup,io_uring_enter \
    "$FMATTER" json --derived -j1 site >out 2>err || bad "json exited $?: $(cat err)"
setup=$(grep -c 'io_uring_setup(' trace)
if grep -q 'io_uring_setup(.*= -1' trace; then
    echo "SKIP: the kernel offers no io_uring here: $(grep 'io_uring_setup(' trace | head -1)"
    exit 77
fi
[ "$setup" -eq 1 ] || bad "io_uring_setup called $setup times, not once"
opened=$(grep -c 'openat(.*/p[0-9]*\.md"' trace)
[ "$opened" -eq 0 ] || bad "$opened of the files opened with openat, not through the ring"
enters=$(grep -c 'io_uring_enter(' trace)
# 70 files: rings of 32, 32 and 6 files, two enters each (opens; reads and
# closes); an enter cut short by a signal would add one.
[ "$enters" -eq 6 ] || bad "io_uring_enter called $enters times, not 6"

# The same bytes as the files one at a time, in the walk's order (by name).
for f in $(cd site && ls | sort); do
    "$FMATTER" json --derived "site/$f" >>one 2>>err || bad "json site/$f exited $?"
done
cmp -s one out || bad "the output read together differs from the files one at a time"
[ -s out ] || bad "no output"

[ "$fail" -eq 0 ] || exit 1
echo "PASS: 70 files through one ring: $enters enters, none opened with openat"
