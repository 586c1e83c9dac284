#!/bin/sh
# SPDX-License-Identifier: MIT
# write.sh - the readers test's first step (issue 13): writes the string
# battery (tests/battery.h), as values and as keys, through the C API (with
# typed values too, and edits beside every YAML line break), the fmatter tool
# (`set --string`, `rename`), the Python binding (doc[key] = s) and the Lua
# binding (doc:set), each writer's documents into
# $top_builddir/tests/readers.out/<writer>.tsv with what every one must read
# back as (format: tests/readers/write.c). The reader tests
# (pyyaml.sh, psych.sh, js-yaml.sh, fmatter.sh, ...) check those manifests. A
# writer that cannot run here (binding not built, or built with -fsanitize)
# is listed in readers.out/skipped and named in every reader's log.
# Environment (from make check): top_srcdir, top_builddir, FMATTER,
# FM_PYTHON, FM_PYTHON_EXT_SUFFIX, FM_SANITIZED, and run.sh's.

srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
out=$builddir/tests/readers.out
prog=$builddir/tests/readers/fm_readers_write
rm -rf "$out" && mkdir -p "$out" || exit 99
"$prog" battery >"$out/battery" || exit 99
: >"$out/skipped"
echo "battery: $(wc -l <"$out/battery") strings"
status=0

"$prog" api "$out/api.tsv" || status=1

# The tool (its binary: toolutil.sh), editing files in a tmpfs when there is
# one (every save fsyncs the file and its folder).
FMATTER=${FMATTER:-$builddir/tools/fmatter}
. "$srcdir/tests/toolutil.sh"
tool_binary
tool=$FMATTER
scratch=$(mktemp -d /dev/shm/fmatter-readers.XXXXXX 2>/dev/null) ||
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/fmatter-readers.XXXXXX") || exit 99
trap 'rm -rf "$scratch"' EXIT INT TERM
tool_sample "tool: the strings of the battery"
"$prog" tool "$tool" "$scratch" "$out/tool.tsv" $every || status=1

# Python: the package of the source tree with the extension of the build tree.
so=$builddir/bindings/python/.libs/_fmatter$FM_PYTHON_EXT_SUFFIX
if test -z "$FM_PYTHON" || test -z "$FM_PYTHON_EXT_SUFFIX" || test ! -f "$so"; then
    echo "python: the Python binding was not built" >>"$out/skipped"
elif test "$FM_SANITIZED" = yes; then
    echo "python: the binding was built with -fsanitize, $FM_PYTHON cannot load it" \
        >>"$out/skipped"
else
    pkg=$(mktemp -d "$out/pkg.XXXXXX") || exit 99
    mkdir "$pkg/fmatter" && cp "$srcdir"/bindings/python/fmatter/*.py "$so" "$pkg/fmatter/" ||
        exit 99
    PYTHONPATH=$pkg PYTHONDONTWRITEBYTECODE=1 \
        LD_LIBRARY_PATH="$builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        "$FM_PYTHON" "$srcdir/bindings/python/tests/test_readers.py" \
        "$out/battery" "$out/python.tsv" || status=1
    rm -rf "$pkg"
fi

# Lua: through the Lua tests' runner, under Lua 5.4, else LuaJIT.
for v in 5.4 5.1; do
    sh "$srcdir/bindings/lua/tests/run.sh" $v readers.lua "$out/battery" "$out/lua.tsv" \
        >"$out/lua.log" 2>&1
    rc=$?
    cat "$out/lua.log"
    test $rc -ne 77 && break
done
if test $rc -eq 77; then
    rm -f "$out/lua.tsv"
    echo "lua: $(grep SKIP "$out/lua.log" | tail -n 1)" >>"$out/skipped"
elif test $rc -ne 0; then
    status=1
fi

sed 's/^/not written: /' "$out/skipped"
touch "$out/done"
exit $status
