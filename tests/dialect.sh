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
#    in fmatter(5)); a listed difference that no longer differs fails too;
# 3. summary --dialect, --site, standard input and the usage errors.
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

# 3. The options: summaries by dialect, --site, standard input, usage errors.
expect() { # NAME STATUS EXPECTED-OUTPUT -- command... (stdout and stderr)
    name=$1 want_status=$2 want=$3
    shift 4
    "$@" >"$tmp/out" 2>&1
    status=$?
    printf '%s' "$want" >"$tmp/want"
    if [ "$status" -ne "$want_status" ] || ! cmp -s "$tmp/want" "$tmp/out"; then
        echo "FAIL $name: status $status (want $want_status)"
        diff "$tmp/want" "$tmp/out" | head -10
        fail=$((fail + 1))
    fi
}
jek=$src/dialect/jekyll
expect summary-jekyll 0 'First paragraph.
' -- "$FMATTER" summary --dialect jekyll "$jek/_posts/2024-03-01-hello-world.md"
expect summary-jekyll-separator 0 '{"rule":"separator","truncated":true,"markdown":"Before the cut, over\ntwo lines.","text":"Before the cut, over two lines."}
' -- "$FMATTER" summary --json --dialect jekyll "$jek/_posts/2024-04-04-separator.md"
expect summary-jekyll-excerpt 0 '{"rule":"front-matter","truncated":false,"markdown":"Given in the front matter","text":"Given in the front matter"}
' -- "$FMATTER" summary --json --dialect jekyll --site "$jek" "$jek/_posts/2024-04-05-fm-excerpt.md"
expect summary-zola 0 '{"rule":"more","truncated":true,"markdown":"Before.","text":"Before."}
' -- "$FMATTER" summary --json --dialect zola "$src/dialect/zola/content/blog/2024-03-01-hello-world.md"
expect summary-zola-none 0 '{"rule":"empty","truncated":false,"markdown":"","text":""}
' -- "$FMATTER" summary --json --dialect zola "$src/dialect/zola/content/blog/2024-03-02_underscore.md"
expect summary-generic 0 '{"rule":"words","truncated":false,"markdown":"Before.After.","text":"Before.After."}
' -- "$FMATTER" summary --json "$src/dialect/zola/content/blog/2024-03-01-hello-world.md"
# --site: a page read as a post of another site's root
mkdir -p "$tmp/site/notes/_posts"
printf -- '---\ntitle: T\n---\n' >"$tmp/site/notes/_posts/2024-06-07-x.md"
expect json-site 0 '{"path":"'"$tmp"'/site/notes/_posts/2024-06-07-x.md","format":"yaml","meta":{"title":"T"},"article":{"title":"T","slug":"x","tags":[],"categories":["notes"],"date":"2024-06-07","draft":false,"published":true},"body":{"offset":17,"line":4}}
' -- "$FMATTER" json --dialect jekyll --site "$tmp/site" "$tmp/site/notes/_posts/2024-06-07-x.md"
expect json-no-site 0 '{"path":"'"$tmp"'/site/notes/_posts/2024-06-07-x.md","format":"yaml","meta":{"title":"T"},"article":{"title":"T","published":true},"body":{"offset":17,"line":4}}
' -- "$FMATTER" json --dialect jekyll "$tmp/site/notes/_posts/2024-06-07-x.md"
# standard input: Jekyll's duplicate keys load and are warned about
printf -- '---\na: 1\na: 2\n---\n' >"$tmp/dup.md"
expect check-stdin-jekyll 0 '-:2:1: warning: "a": duplicate key (Jekyll takes the one at line 3)
' -- sh -c '"$1" check --dialect jekyll - <"$2"' sh "$FMATTER" "$tmp/dup.md"
expect check-stdin-hugo 1 '-:3:1: error: duplicate key "a" (first at line 2, column 1)
' -- sh -c '"$1" check --dialect hugo - <"$2"' sh "$FMATTER" "$tmp/dup.md"
usage_read='[--dialect generic|hugo|jekyll|zola] [--site DIR] [-j N] [--include GLOB] [--exclude GLOB] FILE|FOLDER...'
expect no-value 2 "fmatter: --dialect needs a value
usage: fmatter json [--strict] [--lenient] [--allow-duplicates] [--derived] $usage_read
" -- "$FMATTER" json --dialect
expect bad-dialect 2 "fmatter: unknown dialect 'default' (generic, hugo, jekyll, zola)
usage: fmatter check [--strict] [--lenient] [--allow-duplicates] $usage_read
" -- "$FMATTER" check --dialect default "$tmp/dup.md"
expect bad-summary-dialect 2 "fmatter: unknown dialect 'Hugo' (generic, hugo, jekyll, zola)
usage: fmatter summary FILE [--words N] [--separator S] [--json] [--dialect generic|hugo|jekyll|zola] [--site DIR]
" -- "$FMATTER" summary --dialect Hugo "$tmp/dup.md"

echo "dialects: $compared fields compared with the generators, $fail failed"
[ "$fail" -eq 0 ] && [ "$compared" -gt 100 ]
