# SPDX-License-Identifier: MIT
# toolutil.sh - sourced by the tool's shell tests: expect() runs a command
# and compares its status and output (standard output and error together)
# with what is wanted, counting failures in $fail; tool_binary() points
# FMATTER at the tool itself.
fail=0
expect() { # expect NAME EXPECTED-STATUS EXPECTED-OUTPUT-FILE -- command...
    name=$1 want_status=$2 want=$3
    shift 4
    "$@" >out 2>&1
    status=$?
    if [ "$status" -ne "$want_status" ] || ! cmp -s "$want" out; then
        echo "FAIL $name: status $status (want $want_status)"
        diff "$want" out | head -20
        fail=$((fail + 1))
    fi
}

# FMATTER: the tool's binary, not libtool's wrapper script around it (which
# costs some 60 ms a run), with LD_LIBRARY_PATH for the library beside it,
# when the build has one (shared libraries); else as it was.
tool_binary() {
    b=$(cd "${top_builddir:-.}" && pwd) || return 0
    if test -x "$b/tools/.libs/fmatter"; then
        FMATTER=$b/tools/.libs/fmatter
        LD_LIBRARY_PATH="$b/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        export FMATTER LD_LIBRARY_PATH
    fi
}
