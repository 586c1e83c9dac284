#!/bin/sh
# SPDX-License-Identifier: MIT
# make installcheck: checks what make install put under the prefix, using
# nothing from the build tree.
#   - the tool runs and reports the configured version; the man pages are in
#     place;
#   - the C examples build with `pkg-config --cflags --libs fmatter` alone
#     (PKG_CONFIG_PATH=$pkgconfigdir) and pass examples/run.sh, run with
#     LD_LIBRARY_PATH=$libdir, which also runs the EXAMPLES of fmatter(1)
#     with the installed tool;
#   - examples/python/title_tags.py and examples/lua/title_tags.lua give the
#     same output as the C program, with the installed modules (each skipped
#     with a message when its module or interpreter is absent).
# examples/local.mk passes the install folders and tools in the environment.
# With DESTDIR (make install DESTDIR=/tmp/x && make installcheck DESTDIR=/tmp/x)
# every folder is looked for under it, and pkg-config's paths too
# (PKG_CONFIG_SYSROOT_DIR).
set -u
: "${srcdir:?}" "${bindir:?}" "${libdir:?}" "${pkgconfigdir:?}" "${mandir:?}"
: "${PACKAGE_VERSION:?}"
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
srcdir=$(cd "$srcdir" && pwd) || exit 99
root=${DESTDIR:-}
bindir=$root$bindir libdir=$root$libdir pkgconfigdir=$root$pkgconfigdir
mandir=$root$mandir
FM_PYTHON_SITEDIR=${FM_PYTHON_SITEDIR:+$root$FM_PYTHON_SITEDIR}
lua54execdir=${lua54execdir:+$root$lua54execdir}
lua51execdir=${lua51execdir:+$root$lua51execdir}
if [ -n "$root" ]; then
    PKG_CONFIG_SYSROOT_DIR=$root
    export PKG_CONFIG_SYSROOT_DIR
fi

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH

# ---------------------------------------------------------------- the tool
out=$("$bindir/fmatter" --version 2>&1)
if [ "$out" != "fmatter $PACKAGE_VERSION" ]; then
    echo "FAIL $bindir/fmatter --version: '$out' (want 'fmatter $PACKAGE_VERSION')"
    fail=$((fail + 1))
fi
for page in "$srcdir"/doc/*.1 "$srcdir"/doc/*.3 "$srcdir"/doc/*.5; do
    name=$(basename "$page")
    section=${name##*.}
    if [ ! -f "$mandir/man$section/$name" ]; then
        echo "FAIL $mandir/man$section/$name is not installed"
        fail=$((fail + 1))
    fi
done

# ------------------------------------------------------------ C, pkg-config
PKG_CONFIG_PATH=$pkgconfigdir
export PKG_CONFIG_PATH
if ! flags=$("$PKG_CONFIG" --cflags fmatter) || ! libs=$("$PKG_CONFIG" --libs fmatter); then
    echo "FAIL $PKG_CONFIG cannot find fmatter in $pkgconfigdir"
    exit 1
fi
echo "cc: $CC $flags ... $libs"
mkdir "$tmp/bin" || exit 99
for prog in title_tags bump_lastmod list_drafts; do
    # shellcheck disable=SC2086 # the flags are words
    if ! $CC $flags -o "$tmp/bin/$prog" "$srcdir/examples/$prog.c" $libs; then
        echo "FAIL $prog does not build against the installed library"
        fail=$((fail + 1))
    fi
done
if [ "$fail" -eq 0 ]; then
    FM_EXAMPLES_BIN=$tmp/bin FMATTER=$bindir/fmatter top_srcdir=$srcdir \
        top_builddir=$tmp $SHELL "$srcdir/examples/run.sh" || fail=$((fail + 1))
fi

# ------------------------------------------------------------ Python, Lua
cp "$srcdir/examples/article.md" "$tmp/article.md" || exit 99
"$tmp/bin/title_tags" "$tmp/article.md" >"$tmp/want" 2>&1 ||
    printf 'title: Mistral gets down to business\ntags: techcrunch\n' >"$tmp/want"

# binding NAME COMMAND...: runs a title_tags script, compares with C's.
binding() {
    name=$1
    shift
    if (cd "$tmp" && "$@" "$tmp/article.md") >"$tmp/got" 2>&1 &&
        cmp -s "$tmp/want" "$tmp/got"; then
        echo "$name: ok"
    else
        echo "FAIL $name:"
        diff "$tmp/want" "$tmp/got"
        fail=$((fail + 1))
    fi
}

python_dir=${FM_PYTHON_SITEDIR:-}
if [ -z "$python_dir" ] || [ ! -f "$python_dir/fmatter/__init__.py" ]; then
    echo "SKIP python: no fmatter package installed${python_dir:+ in $python_dir}"
elif [ -z "${PYTHON:-}" ] || ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "SKIP python: no interpreter (PYTHON='${PYTHON:-}')"
else
    # The installed package, not one from the build tree or the user's site;
    # no bytecode written under the prefix (uninstall must leave it empty).
    PYTHONPATH=$python_dir PYTHONNOUSERSITE=1 PYTHONDONTWRITEBYTECODE=1
    export PYTHONPATH PYTHONNOUSERSITE PYTHONDONTWRITEBYTECODE
    where=$(cd "$tmp" && "$PYTHON" -c 'import fmatter; print(fmatter.__file__)' 2>&1)
    case $where in
    "$python_dir"/*) binding "python ($where)" "$PYTHON" "$srcdir/examples/python/title_tags.py" ;;
    *)
        echo "FAIL python imports fmatter from '$where', not from $python_dir"
        fail=$((fail + 1))
        ;;
    esac
fi

# lua_binding NAME INTERPRETER MODULE-FOLDER
lua_binding() {
    if [ -z "$3" ] || [ ! -f "$3/fmatter.so" ]; then
        echo "SKIP $1: no fmatter.so installed${3:+ in $3}"
    elif [ -z "$2" ] || ! command -v "$2" >/dev/null 2>&1; then
        echo "SKIP $1: no interpreter"
    else
        # Only the installed module: the default cpath could hold another.
        LUA_CPATH="$3/?.so"
        LUA_PATH=";;"
        export LUA_CPATH LUA_PATH
        binding "$1 ($3)" "$2" "$srcdir/examples/lua/title_tags.lua"
        unset LUA_CPATH LUA_PATH
    fi
}
lua_binding "lua 5.4" "${LUA54:-}" "${lua54execdir:-}"
lua_binding "luajit" "${LUA51:-}" "${lua51execdir:-}"

[ "$fail" -eq 0 ] || { echo "installcheck: $fail failure(s)"; exit 1; }
echo "installcheck: all passed"
exit 0
