# SPDX-License-Identifier: MIT
# toolutil.sh - sourced by the tool's shell tests: expect() runs a command
# and compares its status and output (standard output and error together)
# with what is wanted, counting failures in $fail.
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
