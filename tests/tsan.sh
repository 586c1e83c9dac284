#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the library sources with tests/check_threads.c and with
# tests/check_batch.c under ThreadSanitizer and runs both suites, and the tool
# over many files with three threads (output buffers pooled per thread and
# given back, tools/batch_out.c): they must report no data race. Skips when the
# compiler has no ThreadSanitizer or the build already uses a sanitizer.
set -u
case "${FM_BUILD_CFLAGS:-}" in
*-fsanitize=*) echo "skipped: this build already uses a sanitizer"; exit 77 ;;
esac
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
if ! echo 'int main(void){return 0;}' >"$tmp/t.c" ||
    ! $cc -fsanitize=thread "$tmp/t.c" -o "$tmp/t" 2>/dev/null || ! "$tmp/t"; then
    echo "skipped: $cc cannot build or run ThreadSanitizer programs here"
    exit 77
fi
# The library compiled once (its files side by side, as many at a time as
# there are cores) for the two suites and the tool.
tsan_flags="-g -O1 -fsanitize=thread -DFM_BUILDING -I$top_builddir -I$top_srcdir/include \
-I$top_builddir/include -I$top_srcdir/lib -I$top_srcdir/tests -I$top_srcdir/tools $FM_TSAN_CFLAGS"
mkdir "$tmp/lib" || exit 99
export cc tsan_flags tmp
printf '%s\n' "$top_srcdir"/lib/*.c |
    xargs -P "$(nproc 2>/dev/null || echo 2)" -n 1 sh -c \
        'exec $cc -std=gnu99 $tsan_flags -c "$1" -o "$tmp/lib/$(basename "$1" .c).o"' sh ||
    exit 1
for suite in check_threads check_batch; do
    $cc -std=c99 $tsan_flags "$top_srcdir/tests/$suite.c" "$tmp"/lib/*.o \
        -o "$tmp/$suite" $FM_TSAN_LIBS -lpthread -lm || exit 1
    TSAN_OPTIONS="halt_on_error=1 exitcode=66" CK_FORK=no "$tmp/$suite" || exit 1
done
$cc -std=gnu99 $tsan_flags "$top_srcdir"/tools/*.c "$tmp"/lib/*.o -o "$tmp/fmatter" \
    $FM_TSAN_LIBS -lpthread -lm || exit 1
mkdir "$tmp/site" || exit 99
i=0
while [ $i -lt 300 ]; do # JSON of a hundred bytes to 70 KB, a load error in ten
    printf -- '---\ntitle: t%d\ntags: [%s]\n---\n' $i \
        "$(head -c $((i * i % 70000)) /dev/zero | tr '\0' 'a')" >"$tmp/site/f$i.md"
    [ $((i % 10)) -eq 3 ] && printf -- '---\ntitle: [\n---\n' >"$tmp/site/f$i.md"
    i=$((i + 1))
done
for j in 1 3; do
    TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$tmp/fmatter" json -j$j "$tmp/site" \
        >"$tmp/out$j" 2>"$tmp/err$j"
    status=$?
    [ $status -eq 1 ] || { echo "FAIL json -j$j: status $status"; cat "$tmp/err$j"; exit 1; }
done
cmp -s "$tmp/out1" "$tmp/out3" && cmp -s "$tmp/err1" "$tmp/err3" ||
    { echo "FAIL json -j3 is not json -j1"; exit 1; }
