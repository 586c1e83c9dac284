#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh 5.4|5.1 [SCRIPT ARG...] - runs test.lua (or SCRIPT of this folder
# with its arguments) under one Lua with the module of the build
# tree: package.cpath holds only bindings/lua/<version>/.libs, the library
# path holds lib/.libs. Exits 77 (skip) with the reason when that Lua was not
# found, or when a module built with -fsanitize cannot load into it even with
# the sanitizer runtime preloaded.
# Environment (from make check): top_srcdir, top_builddir, FM_LUA54,
# FM_LUA51, FM_LUA54_SKIP, FM_LUA51_SKIP, FM_SANITIZED, FM_CORPUS_DIR, CC.

version=$1
script=${2:-test.lua}
test $# -gt 2 && shift 2 || set --
case $version in
5.4) lua=$FM_LUA54 skip=$FM_LUA54_SKIP ;;
5.1) lua=$FM_LUA51 skip=$FM_LUA51_SKIP ;;
*) echo "usage: run.sh 5.4|5.1 [SCRIPT ARG...]" >&2; exit 99 ;;
esac

if test -n "$skip"; then
    echo "SKIP: Lua $version tests: $skip"
    exit 77
fi
srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
moddir=$builddir/bindings/lua/$version/.libs
if test ! -f "$moddir/fmatter.so"; then
    echo "FAIL: $moddir/fmatter.so was not built" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fmatter-lua.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# Only the build tree's module: no default path, so an installed fmatter.so
# cannot be picked up by mistake.
LUA_CPATH="$moddir/?.so"
LUA_CPATH_5_4=$LUA_CPATH
LUA_PATH="$srcdir/bindings/lua/?.lua"
LUA_PATH_5_4=$LUA_PATH
LD_LIBRARY_PATH=$builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
FM_TOP_SRCDIR=$srcdir
FM_TMPDIR=$tmp
FM_LUA=$lua
export LUA_CPATH LUA_CPATH_5_4 LUA_PATH LUA_PATH_5_4 LD_LIBRARY_PATH
export FM_TOP_SRCDIR FM_TMPDIR FM_LUA
unset LUA_INIT LUA_INIT_5_4

# A module built with -fsanitize needs the sanitizer runtime loaded first,
# which an unsanitized interpreter does not do: preload it (found through
# $CC), and skip when the module still cannot load.
if test "x$FM_SANITIZED" = xyes; then
    runtime=
    for name in libasan.so libclang_rt.asan-x86_64.so libclang_rt.asan.so; do
        f=$(${CC:-cc} -print-file-name=$name 2>/dev/null)
        case $f in /*) test -f "$f" && { runtime=$f; break; } ;; esac
    done
    if test -n "$runtime"; then
        LD_PRELOAD=$runtime${LD_PRELOAD:+:$LD_PRELOAD}
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
        export LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS
    fi
    if ! "$lua" -e 'require "fmatter"' >"$tmp/load.log" 2>&1; then
        echo "SKIP: Lua $version tests: the module was built with -fsanitize and does not"
        echo "      load into $lua${runtime:+ even with $runtime preloaded}:"
        sed 's/^/      /' "$tmp/load.log" | head -n 5
        exit 77
    fi
    echo "sanitizers: module built with -fsanitize; preloading ${runtime:-nothing}"
fi

echo "Lua $version tests with $lua ($("$lua" -v 2>&1 | head -n 1))"
echo "module: $moddir/fmatter.so"
"$lua" "$srcdir/bindings/lua/tests/$script" "$@"
