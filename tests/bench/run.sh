#!/bin/sh
# SPDX-License-Identifier: MIT
# The benchmark suite (`make bench`): generates a corpus shaped like the
# sample article, runs the C measures, the tool over many files, the Python
# and Lua comparisons and gray-matter when available, and writes
# OUT/report.md and OUT/bench.png. Benchmarks are not tests: nothing here
# passes or fails on a timing.
set -u
out=${1:-bench-report}
articles=${BENCH_ARTICLES:-100000}
top_srcdir=$(cd "${top_srcdir:-.}" && pwd)
top_builddir=$(cd "${top_builddir:-.}" && pwd)
corpus=${FM_CORPUS_DIR:-$top_srcdir/../shared/corpus}
bench="$top_builddir/tests/bench/bench_c"
mkdir -p "$out" || exit 1
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
report="$out/report.md"

echo "generating $articles articles in $work ..." >&2
"$top_builddir/tests/bench/bench_gen" "$articles" "$work/articles" || exit 1
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
{
    echo "# fmatter benchmarks"
    echo
    echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(uname -sm), libyaml $(pkg-config --modversion yaml-0.1 2>/dev/null), cmark $(pkg-config --modversion libcmark 2>/dev/null)."
    echo
    echo "## C library: the sample article"
    echo
    "$bench" --rounds 15 --repeat 2000 "$top_srcdir/examples/article.md"
    echo
    echo "## C library: generated articles (2,000 of them)"
    echo
    "$bench" --rounds 9 --limit 2000 "$work/articles"
    if [ -d "$corpus/hugo-docs" ]; then
        echo
        echo "## C library: the shared corpus (Hugo and Jekyll docs)"
        echo
        "$bench" --rounds 9 "$corpus/hugo-docs" "$corpus/jekyll-docs"
    fi
    echo
    echo "## C library: every edit on a 100,000-key document"
    echo
    "$bench" --rounds 7 --big 99998
    echo
    echo "## The tool over $articles generated files"
    echo
    "$bench" --tool "$top_builddir/tools/fmatter" "$work/articles" "$articles"
} >"$report"

files=$(find "$corpus/hugo-docs" "$corpus/jekyll-docs" -name '*.md' 2>/dev/null | head -400)
sample="$top_srcdir/examples/article.md"
# Python and Lua: their own scripts print their tables.
if [ -n "${PYTHON:-}" ] && [ -f "$top_srcdir/tests/bench/python_bench.py" ]; then
    { echo; echo "## Python"; echo; "$PYTHON" "$top_srcdir/tests/bench/python_bench.py"; } \
        >>"$report" 2>&1
fi
# The Dask example over the generated articles, with 1 and 2 worker processes.
if [ -n "${PYTHON:-}" ] && "$PYTHON" -c 'import distributed' 2>/dev/null; then
    { echo; echo "## Python on Dask (examples/python/dask_tags.py)"; echo;
      PYTHONWARNINGS=ignore::DeprecationWarning \
          "$PYTHON" "$top_srcdir/tests/bench/dask_bench.py" "$work/articles"; } \
        >>"$report" 2>&1
fi
for lua in lua5.4 luajit; do
    if command -v "$lua" >/dev/null && [ -f "$top_srcdir/tests/bench/lua_bench.lua" ]; then
        { echo; echo "## Lua ($lua)"; echo;
          "$lua" "$top_srcdir/tests/bench/lua_bench.lua"; } >>"$report" 2>&1
    fi
done
# gray-matter (JavaScript), when Node.js and npm are there.
if command -v node >/dev/null && command -v npm >/dev/null &&
    (cd "$work" && npm install --silent --no-audit --no-fund gray-matter >/dev/null 2>&1); then
    cp "$top_srcdir/tests/bench/gray_matter.js" "$work/"
    {
        echo
        echo "## gray-matter (reference)"
        echo
        echo "| corpus | µs/article |"
        echo "|---|---|"
        printf '| sample article | %s |\n' "$(cd "$work" && node gray_matter.js $(for i in $(seq 200); do echo "$sample"; done) | sed 's/.*"us_per_article":\([0-9.]*\).*/\1/')"
        # shellcheck disable=SC2086
        printf '| shared corpus (400 files) | %s |\n' "$(cd "$work" && node gray_matter.js $files | sed 's/.*"us_per_article":\([0-9.]*\).*/\1/')"
    } >>"$report"
else
    { echo; echo "gray-matter: skipped (no Node.js/npm or no registry)"; } >>"$report"
fi

# The plot: µs per article for the sample article's measures.
awk -F'|' '/^## C library: the sample article/ {on=1; next} /^## / {on=0}
    on && /^\| [a-z]/ && $3 ~ /[0-9]/ {gsub(/^ +| +$/, "", $2); gsub(/ /, "", $3);
    printf "\"%s\" %s\n", $2, $3}' "$report" >"$work/plot.dat"
if command -v gnuplot >/dev/null && [ -s "$work/plot.dat" ]; then
    gnuplot <<PLOT
set terminal pngcairo size 1200,650 noenhanced
set rmargin 16
set bmargin 11
set output "$out/bench.png"
set title "fmatter: microseconds per article (sample article, lower is better)"
set style data histograms
set style fill solid 0.8
set boxwidth 0.8
set xtics rotate by -30 left
set ylabel "µs / article"
set grid ytics
plot "$work/plot.dat" using 2:xtic(1) notitle
PLOT
fi
echo "wrote $report${out:+ and $out/bench.png}" >&2
