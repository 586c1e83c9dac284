#!/bin/sh
# SPDX-License-Identifier: MIT
# (Re)seeds tests/fuzz/corpus/<target>/ from tests/data inputs. Run by hand
# from the source tree; regression inputs found by fuzzing, and seeds made
# by hand (big-*: documents near the default limits through repeat lines,
# see fuzz.h), are kept beside these with a name that says what they are.
set -eu
cd "$(dirname "$0")"
# The first line each edit target reads before the document.
header() {
    case $1 in
    edit) printf 'title\tA new "title": # with yes\n' ;;
    remove) printf 'title\n' ;;
    rename) printf 'title\tthe name\n' ;;
    insert) printf 'added\ttitle\tnew: value #1\n' ;;
    setters) # one setter per input, in turn
        case $(($2 % 7)) in
        0) printf 'i\tweight\t-42\n' ;;
        1) printf 'f\ttitle\t2.5e-3\n' ;;
        2) printf 'b\tdraft\t1\n' ;;
        3) printf 'n\ttags\t\n' ;;
        4) printf 'd\tdate\t2025-02-11T01:46:07+01:00\n' ;;
        5) printf 's\ttags\tone\ttwo: three\t\n' ;;
        *) printf 'v\tparams\t{a: [1, "b"], c: ~}\n' ;;
        esac ;;
    setbody) printf '12\nNew *body*.\n' ;;
    save) printf 'title\tSaved\n' ;;
    esac
}
for name in split load article emit edit body remove rename insert setters setbody save \
    convert; do
    mkdir -p "corpus/$name"
    n=0
    for f in ../data/*/*/input.md; do
        case_name=$(echo "$f" | sed 's|../data/||; s|/input.md||; s|/|-|g')
        { header "$name" "$n"; cat "$f"; } >"corpus/$name/$case_name"
        n=$((n + 1))
    done
done
# toml: the TOML text of the TOML cases, without their fences.
mkdir -p corpus/toml
for f in ../data/*/*/input.md; do
    head -1 "$f" | grep -q '^+++' || continue
    case_name=$(echo "$f" | sed 's|../data/||; s|/input.md||; s|/|-|g')
    sed '1d; /^+++/,$d' "$f" >"corpus/toml/$case_name"
done
# toml_edit: each TOML case with one edit of each kind ("OP\tPATH\tARG").
mkdir -p corpus/toml_edit
for f in ../data/toml/*/input.md; do
    [ -f "$(dirname "$f")/expected.json" ] || continue
    case_name=$(basename "$(dirname "$f")")
    for edit in 's\ttitle\tA "new" title: \\ it'"'"'s\n' 'v\textra.x\t{ a = [1, '"'"'b'"'"'], c.d = 1979-05-27 }\n' \
        'n\ttitle\t\n' 'u\ttitle\t\n' 'r\ttitle\tthe name\n'; do
        op=$(printf "$edit" | cut -c1)
        { printf "$edit"; cat "$f"; } >"corpus/toml_edit/$case_name-$op"
    done
done
