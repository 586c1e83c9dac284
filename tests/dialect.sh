#!/bin/sh
# SPDX-License-Identifier: MIT
# The dialects on the test sites of tests/dialect/ (Hugo, Jekyll, Zola):
# 1. `fmatter json` and `fmatter check` with --dialect print exactly
#    tests/data/dialect/<generator>.json and .warn (every typed field, every
#    warning with its line and column);
# 2. for Hugo and Jekyll, what fmatter makes of each page (tests/dialect_view)
#    equals what the generator printed for it (tests/data/dialect/<gen>/*.out,
#    recorded by tests/dialect/regen.sh), field by field, except the
#    differences listed in tests/data/dialect/known-differences (each one also
#    in fmatter(5)); a listed difference that no longer differs fails too.
set -u
src=$(cd "$top_srcdir/tests" && pwd) || exit 99
data=$src/data/dialect
view=$(cd "$top_builddir/tests" && pwd)/dialect_view
known=$data/known-differences
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0 compared=0

# The pages of a site, relative to it, sorted.
pages_of() { # site
    (cd "$1" && find . -name '*.md' | sed 's|^\./||' | LC_ALL=C sort)
}

# 1. The tool's output, exact.
for gen in hugo jekyll zola; do
    site=$src/dialect/$gen
    pages=$(pages_of "$site")
    (cd "$site" && "$FMATTER" json --dialect "$gen" $pages) >"$tmp/json" 2>"$tmp/warn"
    (cd "$site" && "$FMATTER" check --dialect "$gen" $pages) >"$tmp/check" 2>"$tmp/cwarn"
    if ! cmp -s "$data/$gen.json" "$tmp/json" || ! cmp -s "$data/$gen.warn" "$tmp/warn" ||
        ! cmp -s "$data/$gen.warn" "$tmp/cwarn" || [ -s "$tmp/check" ]; then
        echo "FAIL fmatter json/check --dialect $gen:"
        diff "$data/$gen.json" "$tmp/json" | head -20
        diff "$data/$gen.warn" "$tmp/warn" | head -20
        diff "$data/$gen.warn" "$tmp/cwarn" | head -5
        fail=$((fail + 1))
    fi
done

# 2. fmatter against the generators, field by field.
field_line() { # file field
    grep "^$2=" "$1" || echo "$2 (none)"
}

compare_page() { # gen site page name
    gen=$1 site=$2 page=$3 name=$4
    rec=$data/$gen/$name.out
    if [ ! -f "$rec" ]; then
        echo "FAIL $gen $page: no recorded output $rec (run tests/dialect/regen.sh)"
        fail=$((fail + 1))
        return
    fi
    (cd "$site" && "$view" "$gen" . "$page") >"$tmp/got"
    grep -v '^generator=' "$rec" >"$tmp/want"
    if grep -q '^error=true' "$tmp/want" "$tmp/got"; then
        fields=error
    else
        fields=$(cut -d= -f1 "$tmp/want" "$tmp/got" | LC_ALL=C sort -u)
    fi
    for field in $fields; do
        compared=$((compared + 1))
        want=$(field_line "$tmp/want" "$field")
        got=$(field_line "$tmp/got" "$field")
        listed=$(grep -c "^$gen $name $field: " "$known")
        if [ "$want" = "$got" ] && [ "$listed" -ne 0 ]; then
            echo "FAIL $gen $page $field: listed in known-differences but the same: $got"
            fail=$((fail + 1))
        elif [ "$want" != "$got" ] && [ "$listed" -eq 0 ]; then
            echo "FAIL $gen $page $field:"
            echo "  $gen: $want"
            echo "  fmatter: $got"
            fail=$((fail + 1))
        fi
    done
}

for gen in hugo jekyll; do
    site=$src/dialect/$gen
    for page in $(pages_of "$site"); do
        name=$page
        [ "$gen" = hugo ] && name=$(basename "$page")
        name=$(echo "${name%.md}" | tr '/' '_')
        compare_page "$gen" "$site" "$page" "$name"
    done
done

echo "dialects: $compared fields compared with the generators, $fail failed"
[ "$fail" -eq 0 ] && [ "$compared" -gt 100 ]
