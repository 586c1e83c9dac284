#!/bin/sh
# SPDX-License-Identifier: MIT
# include/fmatter.h compiles alone, as C99 and as C++, with strict warnings.
set -u
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf '#include "fmatter.h"\nint main(void) { return fm_version() == 0; }\n' >"$tmp/c.c"
cp "$tmp/c.c" "$tmp/cxx.cc"
inc="-I$top_srcdir/include -I$top_builddir/include"
${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror $inc -c "$tmp/c.c" -o "$tmp/c.o" ||
    { echo "header does not compile as C99"; exit 1; }
if command -v "${CXX:-c++}" >/dev/null 2>&1; then
    ${CXX:-c++} -std=c++11 -pedantic -Wall -Wextra -Werror $inc -c "$tmp/cxx.cc" \
        -o "$tmp/cxx.o" || { echo "header does not compile as C++"; exit 1; }
else
    echo "no C++ compiler: C++ check skipped"
fi
if grep -n '#include <\(yaml\|cmark\)' "$top_srcdir/include/fmatter.h"; then
    echo "the public header must not include libyaml or cmark"; exit 1
fi
echo "header compiles alone as C99 and C++"
