#!/bin/sh
# SPDX-License-Identifier: MIT
# fm_load_many reads the files of a batch together through io_uring
# (lib/uring.c), over 70 files (more than two rings' worth) with -j1:
# - `json --derived` reads whole files: one ring, none of the files opened
#   with openat (the ring opens them), two enters for every 32 files (the
#   opens; the reads and closes);
# - `json` and `check` read the front only (FM_OPT_FRONT_ONLY): each file's
#   open, first read and close go in one enter for every 32 files;
# and each prints what it prints for the files one at a time (standard
# output and error each). Skipped (77),
# and says why, without strace or when the kernel offers no io_uring.
# tests/check_batch.c compares the documents and errors with the reads one
# by one.
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
# No title in the front matter: read again whole by the tool for the title
# its body may give (tools/cmd_read.c), and what check complains of.
printf -- '---\ndraft: true\n---\nNo title.\n' >site/p50.md
printf -- '---\ntags: [a\n---\nBroken.\n' >site/p51.md # an error to report

# ring ENTERS OPENED COMMAND...: runs the tool over site/ under strace:
# ENTERS enters of the ring, OPENED files opened with openat.
ring() {
    want_enters=$1 want_opened=$2
    shift 2
    # LeakSanitizer cannot run under ptrace: off for this run of a
    # sanitizer build (the runs one file at a time below keep it).
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        strace -f -o trace -e trace=openat,io_uring_setup,io_uring_enter \
        "$FMATTER" "$@" -j1 site >out 2>err
    if grep -q 'io_uring_setup(.*= -1' trace; then
        echo "SKIP: the kernel offers no io_uring here: $(grep 'io_uring_setup(' trace)"
        exit 77
    fi
    setup=$(grep -c 'io_uring_setup(' trace)
    [ "$setup" -eq 1 ] || bad "$*: io_uring_setup called $setup times, not once"
    opened=$(grep -c 'openat(.*/p[0-9]*\.md"' trace)
    [ "$opened" -eq "$want_opened" ] ||
        bad "$*: $opened files opened with openat, not $want_opened"
    enters=$(grep -c 'io_uring_enter(' trace)
    [ "$enters" -eq "$want_enters" ] ||
        bad "$*: io_uring_enter called $enters times, not $want_enters"
    : >one
    : >one_err
    for f in $(cd site && ls | sort); do
        "$FMATTER" "$@" "site/$f" >>one 2>>one_err
    done
    cmp -s one out || bad "$*: the output read together differs from one file at a time"
    cmp -s one_err err || bad "$*: the messages read together differ from one file at a time"
    [ -s err ] || bad "$*: no message"
}

# 70 files: rings of 32, 32 and 6 files.
ring 6 0 json --derived
ring 3 1 json
ring 3 1 check

[ "$fail" -eq 0 ] || exit 1
echo "PASS: json --derived, json and check: 70 files through one ring each"
