#!/bin/sh
# SPDX-License-Identifier: MIT
# The benchmark suite (`make bench`): generates articles shaped like the
# sample article, runs the C measures in memory (against libyaml's and, when
# installed, libfyaml's bare event parse), the share of files each loader
# takes, the tool against a floor program over many files (and its system
# calls, with strace), growth with the number of files and the size of the
# front matter, the Python and Lua comparisons and gray-matter when
# available, and writes OUT/report.md: every issue-17 figure next to its
# target at the top. Benchmarks are not tests: nothing here passes or fails
# on a timing.
set -u
out=${1:-bench-report}
articles=${BENCH_ARTICLES:-100000}
rounds=${BENCH_ROUNDS:-21} # of the tool against the floor: single runs swing by 40%
top_srcdir=$(cd "${top_srcdir:-.}" && pwd)
top_builddir=$(cd "${top_builddir:-.}" && pwd)
corpus=${FM_CORPUS_DIR:-$top_srcdir/../shared/corpus}
b="$top_builddir/tests/bench"
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
report="$out/report.md"
body="$work/body.md"
FM_BENCH_SUMMARY="$work/summary.md"
export FM_BENCH_SUMMARY
: >"$FM_BENCH_SUMMARY"
sample="$top_srcdir/examples/article.md"

# The tool itself, not libtool's wrapper script around it (whose shell would
# be timed and traced too).
tool="$top_builddir/tools/fmatter"
if [ -x "$top_builddir/tools/.libs/fmatter" ]; then
    tool="$top_builddir/tools/.libs/fmatter"
    LD_LIBRARY_PATH="$top_builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export LD_LIBRARY_PATH
fi

# MB/s of front matter in bench_c's "load to the value tree" row.
load_mbs() {
    awk -F'|' '$2 ~ /^ load to the value tree $/ { gsub(/ /, "", $5); print $5; exit }'
}

# The same articles in YAML (folder $1) and TOML ($2), loaded in turns $3
# times (a busy machine slows both alike): each run's MB/s and their ratio,
# the median ratio in the summary of figures (issue 12: at least 1x).
toml_vs_yaml() {
    echo "| run | YAML fast path MB/s | TOML MB/s | TOML / YAML |"
    echo "|---|---|---|---|"
    i=1
    : >"$work/ratios"
    while [ $i -le "$3" ]; do
        # (their own figures stay out of the summary: FM_BENCH_SUMMARY empty)
        y=$(FM_BENCH_SUMMARY= "$b/bench_c" --rounds 9 "$1" | load_mbs)
        t=$(FM_BENCH_SUMMARY= "$b/bench_c" --toml --rounds 9 "$2" | load_mbs)
        r=$(awk -v y="$y" -v t="$t" 'BEGIN { printf "%.2f", t / y }')
        echo "$r" >>"$work/ratios"
        echo "| $i | $y | $t | ${r}x |"
        i=$((i + 1))
    done
    med=$(sort -n "$work/ratios" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    verdict=$(awk -v m="$med" 'BEGIN { print (m >= 1 ? "met" : "not met") }')
    echo
    echo "TOML load per byte: ${med}x the YAML fast path's speed, median of $3 alternated runs (target: at least 1x, $verdict)."
    echo "| TOML load vs the YAML fast path per byte, generated articles (median of $3 alternated runs) | ${med}x | >= 1x (issue 12) | $verdict |" >>"$FM_BENCH_SUMMARY"
}

load_at_start=$(uptime | sed 's/.*load average/load average/')
echo "generating $articles articles in $work ..." >&2
"$b/bench_gen" "$articles" "$work/all" || exit 1
# Subsets as real folders of hard links (no symbolic link for the walk to
# stat): the first 1,000, 10,000 and 20,000 articles.
for n in 1000 10000 20000; do
    mkdir -p "$work/n$n"
    k=0
    while [ $k -lt $((n / 1000)) ] && [ -d "$work/all/$(printf %03d $k)" ]; do
        cp -al "$work/all/$(printf %03d $k)" "$work/n$n/" || exit 1
        k=$((k + 1))
    done
done
for d in n1000 n10000 n20000 all; do
    find "$work/$d" -type f -name '*.md' | sort >"$work/$d.list"
done
files20=$(wc -l <"$work/n20000.list")

{
    echo "## C library: the sample article"
    echo
    "$b/bench_c" --rounds 15 --repeat 2000 --label "sample article" "$sample"
    echo
    echo "## C library: generated articles (2,000 of them)"
    echo
    "$b/bench_c" --rounds 9 --limit 2000 --label "generated articles" "$work/n10000"
    if [ -d "$corpus/hugo-docs" ]; then
        echo
        echo "## C library: the shared corpus (Hugo and Jekyll docs)"
        echo
        "$b/bench_c" --rounds 9 --label "shared corpus" "$corpus/hugo-docs" \
            "$corpus/jekyll-docs"
    else
        echo
        echo "The shared corpus: skipped (not found at $corpus)."
    fi
    echo
    echo "## C library: every edit on a 100,000-key document"
    echo
    "$b/bench_c" --rounds 7 --big 99998
    echo
    echo "## TOML: the generated articles written in TOML (2,000)"
    echo
    "$b/bench_gen" 2000 "$work/toml" --toml >/dev/null &&
        "$b/bench_c" --toml --rounds 9 "$work/toml"
    echo
    echo "## TOML against YAML per byte of front matter"
    echo
    "$b/bench_gen" 2000 "$work/yaml2000" >/dev/null &&
        toml_vs_yaml "$work/yaml2000" "$work/toml" 9
    echo
    echo "## Which loader takes the files"
    echo
    echo "| corpus | files | YAML fast path | libyaml | JSON loader | TOML | no front matter | does not load |"
    echo "|---|---|---|---|---|---|---|---|"
    "$b/bench_loaders" "sample article" "$sample"
    "$b/bench_loaders" "generated articles (2,000)" "$work/n1000" "$work/all/001"
    if [ -d "$corpus/hugo-docs" ]; then
        "$b/bench_loaders" "hugo-docs" "$corpus/hugo-docs"
        "$b/bench_loaders" "jekyll-docs" "$corpus/jekyll-docs"
        "$b/bench_loaders" --target "shared corpus (all folders)" "$corpus"
    fi
    echo
    echo "## The tool against the floor over $files20 generated files"
    echo
    echo "The floor opens, reads to the end and closes every file, nothing else;"
    echo "\`json\` writes its output to a new file (the previous run's is removed before"
    echo "the timing starts: truncating it would be the shell's work, not the tool's)."
    echo
    "$b/bench_tool" --compare "$tool" "$work/n20000.list" "$work/n20000" "$rounds" "$work"
    echo
    echo "## System calls"
    echo
    if command -v strace >/dev/null 2>&1; then
        # The calls a run over an empty folder makes (loading the program and
        # its libraries, reading the folder argument) are not the files'.
        mkdir -p "$work/empty"
        strace -f -c -o "$work/strace" "$tool" check --no-progress "$work/empty" \
            >/dev/null 2>&1
        base=$(awk '$NF ~ /^(newfstatat|fstat|stat|lstat|statx|fstatat64|fstat64)$/ { s += $4 }
                    END { print s + 0 }' "$work/strace")
        # The walk itself: opendir fstats each folder it opens (the empty
        # folder's is in the base already).
        folders=$(find "$work/n20000" -type d | wc -l)
        base=$((base + folders - 1))
        echo "Stat-like calls per file: beyond the $base that a run over an empty folder"
        echo "makes and the walk's own (opendir stats each of the $folders folders)."
        echo
        echo "| command | stat-like calls | per file | threads created | futex calls |"
        echo "|---|---|---|---|---|"
        for cmd in "check -j1" "check -j2" "json -j1"; do
            # shellcheck disable=SC2086
            strace -f -c -o "$work/strace" "$tool" $cmd --no-progress "$work/n20000" \
                >/dev/null 2>&1
            awk -v cmd="$cmd" -v files="$files20" -v base="$base" '
                $NF ~ /^(newfstatat|fstat|stat|lstat|statx|fstatat64|fstat64)$/ { stats += $4 }
                $NF ~ /^clone3?$/ { clones += $4 }
                $NF == "futex" { futex += $4 }
                END { printf "| fmatter %s | %d | %.3f | %d | %d |\n", cmd, stats,
                      (stats - base) / files, clones, futex }' "$work/strace"
            if [ "$cmd" = "check -j1" ]; then
                awk -v files="$files20" -v base="$base" '
                    $NF ~ /^(newfstatat|fstat|stat|lstat|statx|fstatat64|fstat64)$/ { s += $4 }
                    $NF ~ /^clone3?$/ { c += $4 }
                    END { s -= base
                          printf "| stat-like calls per file beyond the walk, check -j1 | %.3f | <= 1 | %s |\n", s / files, s <= files ? "met" : "not met"
                          printf "| threads created by check -j1 | %d | 0 | %s |\n", c, c == 0 ? "met" : "not met" }' \
                    "$work/strace" >>"$FM_BENCH_SUMMARY"
            fi
        done
    else
        echo "strace: skipped (not installed; Debian: strace)."
    fi
    echo
    echo "## Growth with the number of files"
    echo
    "$b/bench_tool" --growth "$tool" 3 "$work/n1000.list" "$work/n1000" \
        "$work/n10000.list" "$work/n10000" "$work/all.list" "$work/all"
    echo
    echo "## Growth with the size of the front matter"
    echo
    "$b/bench_growth"
} >"$body" 2>&1

# Python and Lua: their own scripts print their tables.
if [ -n "${PYTHON:-}" ] && [ -f "$top_srcdir/tests/bench/python_bench.py" ]; then
    { echo; echo "## Python"; echo; "$PYTHON" "$top_srcdir/tests/bench/python_bench.py"; } \
        >>"$body" 2>&1
else
    { echo; echo "## Python"; echo; echo "skipped: no Python found by configure"; } >>"$body"
fi
# The Dask example over the generated articles, with 1 and 2 worker processes.
if [ -n "${PYTHON:-}" ] && "$PYTHON" -c 'import distributed' 2>/dev/null; then
    { echo; echo "## Python on Dask (examples/python/dask_tags.py)"; echo;
      PYTHONWARNINGS=ignore::DeprecationWarning \
          "$PYTHON" "$top_srcdir/tests/bench/dask_bench.py" "$work/all"; } \
        >>"$body" 2>&1
fi
for lua in lua5.4 luajit; do
    if command -v "$lua" >/dev/null && [ -f "$top_srcdir/tests/bench/lua_bench.lua" ]; then
        { echo; echo "## Lua ($lua)"; echo;
          "$lua" "$top_srcdir/tests/bench/lua_bench.lua"; } >>"$body" 2>&1
    fi
done
# gray-matter (JavaScript), when Node.js and npm are there.
files=$(find "$corpus/hugo-docs" "$corpus/jekyll-docs" -name '*.md' 2>/dev/null | head -400)
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
    } >>"$body"
else
    { echo; echo "gray-matter: skipped (no Node.js/npm or no registry)"; } >>"$body"
fi

# The chart: µs per article for the sample article's measures.
awk -F'|' '/^## C library: the sample article/ {on=1; next} /^## / {on=0}
    on && /^\| [a-z]/ && $3 ~ /[0-9]/ {gsub(/^ +| +$/, "", $2); gsub(/ /, "", $3);
    printf "\"%s\" %s\n", $2, $3}' "$body" >"$work/plot.dat"
chart="skipped (gnuplot is not installed)"
if ! command -v gnuplot >/dev/null; then
    :
elif [ ! -s "$work/plot.dat" ]; then
    chart="skipped (no sample-article measures to plot)"
elif gnuplot <<PLOT 2>"$work/gnuplot.err"; then
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
    chart="bench.png"
else
    chart="skipped (gnuplot failed: $(head -1 "$work/gnuplot.err"))"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
fyaml=$(pkg-config --modversion libfyaml 2>/dev/null || echo "not installed")
{
    echo "# fmatter benchmarks"
    echo
    echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(uname -sm), libyaml $(pkg-config --modversion yaml-0.1 2>/dev/null), libfyaml $fyaml, cmark $(pkg-config --modversion libcmark 2>/dev/null)."
    echo "Machine load: $load_at_start at the start, $(uptime | sed 's/.*load average/load average/') at the end (wall-clock figures are only as good as the machine was quiet)."
    echo "Chart: $chart."
    echo
    echo "## Issue 17 figures"
    echo
    echo "| figure | measured | target | |"
    echo "|---|---|---|---|"
    cat "$FM_BENCH_SUMMARY"
    echo
    cat "$body"
} >"$report"
echo "wrote $report${chart:+ (chart: $chart)}" >&2
