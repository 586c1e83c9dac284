#!/bin/sh
# SPDX-License-Identifier: MIT
# check.sh READER - the readers test's second step: one reader (pyyaml,
# pyyaml-libyaml, psych, js-yaml or fmatter) reads every document write.sh
# wrote and must read back every string, key and typed value its manifest
# expects. Exits 77 (skip) with the reason when the reader is not
# installed (Debian packages: python3-yaml, ruby, node-js-yaml).

reader=$1
srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
out=$builddir/tests/readers.out

skip() {
    echo "SKIP: reader $reader: $*"
    exit 77
}

# A Python that has PyYAML: the build's, else python3.
find_pyyaml() {
    for py in "$FM_PYTHON" python3 /usr/bin/python3; do
        test -n "$py" && "$py" -c 'import yaml' 2>/dev/null && return 0
    done
    return 1
}

case $reader in
pyyaml | pyyaml-libyaml)
    find_pyyaml || skip "PyYAML not found (Debian: python3-yaml)"
    loader=SafeLoader
    if test $reader = pyyaml-libyaml; then
        "$py" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null ||
            skip "PyYAML of $py has no CSafeLoader (built without libyaml)"
        loader=CSafeLoader
    fi
    set -- "$py" "$srcdir/tests/readers/pyyaml.py" $loader
    ;;
psych)
    command -v ruby >/dev/null 2>&1 || skip "ruby not found (Debian: ruby)"
    ruby -ryaml -e 'Psych::VERSION' >/dev/null 2>&1 || skip "ruby has no Psych"
    set -- ruby "$srcdir/tests/readers/psych.rb"
    ;;
js-yaml)
    node=$(command -v node || command -v nodejs) || skip "node not found (Debian: nodejs)"
    # Debian's node-js-yaml lives in /usr/share/nodejs, which a node that is
    # not Debian's (NodeSource) does not search by itself.
    NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs:/usr/lib/nodejs
    export NODE_PATH
    "$node" -e 'require("js-yaml")' >/dev/null 2>&1 ||
        skip "js-yaml not found by $node (Debian: node-js-yaml)"
    set -- "$node" "$srcdir/tests/readers/jsyaml.js"
    ;;
fmatter)
    set -- "$builddir/tests/readers/fm_readers_read"
    ;;
*)
    echo "usage: check.sh pyyaml|pyyaml-libyaml|psych|js-yaml|fmatter" >&2
    exit 99
    ;;
esac

if test ! -f "$out/done"; then
    echo "ERROR: $out/done is missing: tests/readers/write.sh did not run or finish"
    exit 99
fi
for m in "$out"/*.tsv; do
    test -f "$m" && set -- "$@" "$m"
done
sed 's/^/not written: /' "$out/skipped"
"$@"
