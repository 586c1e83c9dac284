#!/bin/sh
# SPDX-License-Identifier: MIT
# (Re)seeds tests/fuzz/corpus/<target>/ from tests/data inputs. Run by hand
# from the source tree; regression inputs found by fuzzing are added beside
# these with a name that says what they caught.
set -eu
cd "$(dirname "$0")"
for name in split load article emit edit body; do
    mkdir -p "corpus/$name"
    for f in ../data/*/*/input.md; do
        case_name=$(echo "$f" | sed 's|../data/||; s|/input.md||; s|/|-|g')
        if [ "$name" = edit ]; then
            { printf 'title\tA new "title": # with yes\n'; cat "$f"; } >"corpus/$name/$case_name"
        else
            cp "$f" "corpus/$name/$case_name"
        fi
    done
done
# toml: the TOML text of the TOML cases, without their fences.
mkdir -p corpus/toml
for f in ../data/*/*/input.md; do
    head -1 "$f" | grep -q '^+++' || continue
    case_name=$(echo "$f" | sed 's|../data/||; s|/input.md||; s|/|-|g')
    sed '1d; /^+++/,$d' "$f" >"corpus/toml/$case_name"
done
