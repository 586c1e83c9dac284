#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times fmatter.load and fmatter.compat.load against python-frontmatter's way.

python-frontmatter's way, done here without the package: read the file as
text, normalise line endings, split it on the first two lines of three or more
dashes (its YAMLHandler's regex), yaml.load the front matter with PyYAML's
CSafeLoader, strip the content. fmatter's: fmatter.load(path), then its
.metadata (a dict) and .content; fmatter.compat's (python-frontmatter's API,
what issue 17's target names): compat.load(path), then the Post's .metadata
and .content; so every side ends with the same Python objects. Each side
loads every file all can load (examples/article.md and every file under the
corpus); the time is the median of --repeat runs over the whole set, divided
per article, the sides alternating run by run. Prints Markdown tables:
loading from the file, and from text already in memory (no file I/O).

Next to the file table: the C floor, a small C program (built here with the
C compiler, `cc` or $CC) that only opens, fstats, reads (one read of the
size fstat gave, as libfmatter reads a regular file) and closes the same
files, timing itself run by run in turns with the loaders (its median per
file); and the best ratio that floor allows (python-frontmatter's µs / the
floor's µs), which no loader that reads the file can pass. Then
fmatter.load_many over the same files (one thread, and one per core) against
the floor, again run in turns with it. With
$FM_BENCH_SUMMARY set (make bench), the two issue-17 figures are appended to
the summary of figures.

Usage: python_bench.py [--corpus DIR] [--repeat N] [--build DIR]
  fmatter comes from --build (a build tree: the script makes a temporary
  package from bindings/python and its .libs), else from PYTHONPATH, else from
  $top_builddir or this source tree built in place.
  The corpus defaults to $FM_CORPUS_DIR, else ../shared/corpus next to the
  source tree. Without PyYAML (Debian: python3-yaml) only fmatter is timed;
  without a C compiler the floor is skipped (and said so).
"""

import argparse
import atexit
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))

FM_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # python-frontmatter's YAMLHandler


def import_fmatter(build):
    """fmatter from a build tree (--build, else $top_builddir when the package
    is not importable, else this source tree when built in place)."""
    if not build:
        try:
            import fmatter

            return fmatter
        except ImportError:
            build = os.environ.get("top_builddir") or TOP
    build = os.path.abspath(build)
    pkg = tempfile.mkdtemp(prefix="fmatter-bench-")
    atexit.register(shutil.rmtree, pkg, True)
    src = os.path.join(TOP, "bindings", "python", "fmatter")
    shutil.copytree(src, os.path.join(pkg, "fmatter"),
                    ignore=shutil.ignore_patterns(".*", "__pycache__"))
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    so = os.path.join(build, "bindings", "python", ".libs", "_fmatter" + suffix)
    if not os.path.exists(so):
        sys.exit(f"{so} not found: build with the Python binding, or set PYTHONPATH")
    shutil.copy(so, os.path.join(pkg, "fmatter"))
    sys.path.insert(0, pkg)
    import fmatter

    return fmatter


def import_yaml():
    try:
        import yaml

        return yaml, getattr(yaml, "CSafeLoader", None)
    except ImportError:
        return None, None


def pf_load(path, yaml, loader):
    """python-frontmatter's load, reduced to its work for a YAML file."""
    with open(path, "r", encoding="utf-8") as f:
        text = f.read()
    text = text.replace("\r\n", "\n").strip()
    if not FM_BOUNDARY.match(text):
        return {}, text
    try:
        _, fm, content = FM_BOUNDARY.split(text, 2)
    except ValueError:
        return {}, text
    metadata = yaml.load(fm, Loader=loader)
    return metadata if isinstance(metadata, dict) else {}, content.strip()


def fm_load(path, fmatter):
    doc = fmatter.load(path)
    return doc.metadata, doc.content


def compat_load(path, compat):
    post = compat.load(path)
    return post.metadata, post.content


def compat_loads(data, compat):
    post = compat.loads(data)
    return post.metadata, post.content


# The C floor: open, fstat, one read of the size fstat gave, close; per file,
# `rounds` passes over the listed files per run, the median of `repeat` runs.
FLOOR_C = r"""
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int rounds = atoi(argv[1]), repeat = atoi(argv[2]), n = argc - 3;
    static char buf[1 << 24];
    double runs[64];
    size_t bytes = 0;
    if (repeat > 64)
        repeat = 64;
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        for (int k = 0; k < rounds; k++)
            for (int i = 0; i < n; i++) {
                int fd = open(argv[3 + i], O_RDONLY | O_CLOEXEC);
                struct stat st;
                if (fd < 0 || fstat(fd, &st) != 0)
                    return 1;
                size_t want = (size_t)st.st_size < sizeof buf ? (size_t)st.st_size : sizeof buf;
                ssize_t got = read(fd, buf, want);
                bytes += got > 0 ? (size_t)got : 0;
                close(fd);
            }
        runs[r] = (now() - t0) / ((double)rounds * n) * 1e6;
    }
    qsort(runs, (size_t)repeat, sizeof runs[0], cmp);
    printf("%.3f %zu\n", runs[repeat / 2], bytes);
    return 0;
}
"""


def build_floor():
    """Compiles the C floor once: (its path, None), or (None, why)."""
    cc = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    tmp = tempfile.mkdtemp(prefix="fmatter-floor-")
    atexit.register(shutil.rmtree, tmp, True)
    src, exe = os.path.join(tmp, "floor.c"), os.path.join(tmp, "floor")
    with open(src, "w") as f:
        f.write(FLOOR_C)
    try:
        subprocess.run(cc.split() + ["-O2", "-o", exe, src], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return None, f"no C compiler to build the floor ({cc}: {e})"
    return exe, None


def floor_run(exe, paths, rounds):
    """One run of the C floor: its µs per file over `rounds` passes, or None
    when it failed to read a file."""
    out = subprocess.run([exe, str(rounds), "1"] + list(paths), capture_output=True,
                         text=True)
    return float(out.stdout.split()[0]) if out.returncode == 0 else None


def corpus_files(root):
    """Every file under root (those either side refuses are dropped later)."""
    out = []
    for d, _, names in os.walk(root):
        out.extend(os.path.join(d, name) for name in names)
    return sorted(out)


def loadable(paths, fmatter, yaml, loader):
    ok = []
    for p in paths:
        try:
            fm_load(p, fmatter)
            compat_load(p, fmatter.compat)
            if yaml:
                pf_load(p, yaml, loader)
        except Exception:  # either side refuses it: not part of the comparison
            continue
        ok.append(p)
    return ok


def pf_loads(text, yaml, loader):
    """The same from text already in memory (no file read)."""
    text = text.replace("\r\n", "\n").strip()
    if not FM_BOUNDARY.match(text):
        return {}, text
    try:
        _, fm, content = FM_BOUNDARY.split(text, 2)
    except ValueError:
        return {}, text
    metadata = yaml.load(fm, Loader=loader)
    return metadata if isinstance(metadata, dict) else {}, content.strip()


def fm_loads(data, fmatter):
    doc = fmatter.loads(data)
    return doc.metadata, doc.content


def rounds_for(items):
    return max(1, 1000 // len(items))  # a run of one small file is too short to time


def time_sides(fns, items, repeat, rounds=None, floor=None):
    """Median µs per item of each function (None stays None) over `rounds`
    passes (default: rounds_for(items)); they take turns run by run so that
    a busy machine slows all alike. With `floor` (a function timing itself:
    one run of the C floor, its µs per file), it takes its turn first in
    every run and its median comes last in the list."""
    runs = [[] for _ in fns]
    floors = []
    items = list(items) * (rounds or rounds_for(items))
    for _ in range(repeat):
        if floor is not None:
            floors.append(floor())
        for fn, out in zip(fns, runs):
            if fn is None:
                continue
            t0 = time.perf_counter()
            for item in items:
                fn(item)
            out.append(time.perf_counter() - t0)
    result = [statistics.median(r) / len(items) * 1e6 if r else None for r in runs]
    if floor is not None:
        result.append(None if None in floors else statistics.median(floors))
    return result


def ratio(pf, us):
    return f"{pf / us:.1f}×" if pf and us else "-"


def num(us):
    return "-" if us is None else f"{us:.1f}"


def summary(figure, measured, target, met):
    """A line of make bench's summary of figures ($FM_BENCH_SUMMARY)."""
    path = os.environ.get("FM_BENCH_SUMMARY")
    if path:
        with open(path, "a") as f:
            f.write(f"| {figure} | {measured} | {target} | {'met' if met else 'not met'} |\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("FM_CORPUS_DIR") or
                    os.path.join(TOP, "..", "shared", "corpus"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--build", help="build tree to take the extension from")
    args = ap.parse_args()

    fmatter = import_fmatter(args.build)
    yaml, loader = import_yaml()
    if yaml is None:
        print("PyYAML is not installed (Debian: python3-yaml): timing fmatter only")
    elif loader is None:
        print("PyYAML has no CSafeLoader (no libyaml binding): timing fmatter only")
        yaml = None

    sets = [("examples/article.md", [os.path.join(TOP, "examples", "article.md")])]
    if os.path.isdir(args.corpus):
        files = corpus_files(args.corpus)
        sets.append(("corpus", files))
    else:
        print(f"no corpus at {args.corpus}: timing examples/article.md only")

    import fmatter.compat as compat

    print(f"fmatter {fmatter.__version__}, Python {sys.version.split()[0]}, "
          f"PyYAML {getattr(yaml, '__version__', '-')}"
          f"{' with LibYAML (CSafeLoader, as python-frontmatter loads)' if yaml else ''}, "
          f"median of {args.repeat} runs")
    print()
    loaded = [(name, loadable(paths, fmatter, yaml, loader)) for name, paths in sets]
    loaded = [(name, paths) for name, paths in loaded if paths]
    pf_file = yaml and (lambda p: pf_load(p, yaml, loader))
    pf_text = yaml and (lambda t: pf_loads(t[1], yaml, loader))
    print("Load from a file (read, split, parse, build the dict and the content); the C "
          "floor only opens, fstats, reads and closes each file, and caps the ratio any "
          "loader can reach at python-frontmatter's µs / the floor's µs:")
    print()
    print("| input | files | fmatter.load µs | compat.load µs | python-frontmatter way µs "
          "| fmatter.load ratio | compat.load ratio | C floor µs | best ratio the floor "
          "allows |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    exe, why = build_floor()
    for name, paths in loaded:
        floor_fn = exe and (lambda: floor_run(exe, paths, rounds_for(paths)))
        fm, cp, pf, floor = time_sides([lambda p: fm_load(p, fmatter),
                                        lambda p: compat_load(p, compat), pf_file],
                                       paths, args.repeat, floor=floor_fn or None)
        if exe:
            why = None if floor else "the floor program failed to read a file"
        print(f"| {name} | {len(paths)} | {num(fm)} | {num(cp)} | {num(pf)} | "
              f"{ratio(pf, fm)} | {ratio(pf, cp)} | {num(floor) if floor else '-'} | "
              f"{ratio(pf, floor)} |")
        if why:
            print(f"\n(C floor skipped: {why})\n")
        if name == "corpus" and pf:
            summary(f"Python compat.load vs python-frontmatter's way, {len(paths)} corpus "
                    f"files (the C floor allows {ratio(pf, floor)})", ratio(pf, cp),
                    ">= 10x", pf / cp >= 10)
    print()
    print("From text already in memory (no file I/O):")
    print()
    print("| input | files | fmatter.loads µs | compat.loads µs | python-frontmatter way µs "
          "| fmatter.loads ratio | compat.loads ratio |\n|---|---:|---:|---:|---:|---:|---:|")
    for name, paths in loaded:
        texts = []
        for p in paths:
            with open(p, "rb") as f:
                data = f.read()
            texts.append((data, data.decode("utf-8")))
        fm, cp, pf = time_sides([lambda t: fm_loads(t[0], fmatter),
                                 lambda t: compat_loads(t[0], compat), pf_text],
                                texts, args.repeat)
        print(f"| {name} | {len(paths)} | {num(fm)} | {num(cp)} | {num(pf)} | "
              f"{ratio(pf, fm)} | {ratio(pf, cp)} |")
    print()
    print("fmatter.load_many over the same files (the list of Documents, nothing read "
          "from them) against the C floor per file (target: at most 1.5× the floor):")
    print()
    print(f"| input | files | load_many threads=1 µs/file | × floor | load_many threads="
          f"{os.cpu_count()} µs/file | × floor |\n|---|---:|---:|---:|---:|---:|")
    for name, paths in loaded:
        batch = [paths * rounds_for(paths)]
        floor_fn = exe and (lambda: floor_run(exe, paths, rounds_for(paths)))
        one, per_core, floor = time_sides([lambda b: fmatter.load_many(b, threads=1),
                                           lambda b: fmatter.load_many(b)], batch,
                                          args.repeat, 1, floor=floor_fn or None)
        one, per_core = one / len(batch[0]), per_core / len(batch[0])
        x1 = f"{one / floor:.2f}×" if floor else "-"
        x2 = f"{per_core / floor:.2f}×" if floor else "-"
        print(f"| {name} | {len(paths)} | {one:.1f} | {x1} | {per_core:.1f} | {x2} |")
        if name == "corpus" and floor:
            summary(f"Python load_many (threads=1) vs the C floor per file, {len(paths)} "
                    "corpus files", f"{one / floor:.2f}x", "<= 1.5x", one / floor <= 1.5)


if __name__ == "__main__":
    main()
