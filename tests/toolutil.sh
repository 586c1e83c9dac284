# SPDX-License-Identifier: MIT
# toolutil.sh - sourced by the tool's shell tests: expect() runs a command
# and compares its status and output (standard output and error together)
# with what is wanted, counting failures in $fail; tool_binary() points
# FMATTER at the tool itself; tool_sample sets how many cases to skip.
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

# every: 1, or under a sanitizer (FM_SANITIZED=yes), where a run of the tool
# costs some 85 ms (LeakSanitizer's check at exit half of it), 8: a test
# that runs the tool once per case takes every 8th case there, all of them
# in the plain builds (README's Quick start, make distcheck). WHAT names the
# cases in the line that says so.
tool_sample() { # tool_sample WHAT
    every=1
    if test "${FM_SANITIZED:-}" = yes; then
        every=8
        echo "$1: every ${every}th (sanitizer build)"
    fi
}
