#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times fmatter.load against python-frontmatter's way of loading a file.

python-frontmatter's way, done here without the package: read the file as
text, normalise line endings, split it on the first two lines of three or more
dashes (its YAMLHandler's regex), yaml.load the front matter with PyYAML's
CSafeLoader, strip the content. fmatter's: fmatter.load(path), then its
.metadata (a dict) and .content, so both sides end with the same Python
objects. Each side loads every file both can load (examples/article.md and
every file under the corpus); the time is the median of --repeat runs over the
whole set, divided per article. Prints two Markdown tables: loading from the
file, and from text already in memory (no file I/O on either side).

Usage: python_bench.py [--corpus DIR] [--repeat N] [--build DIR]
  fmatter comes from --build (a build tree: the script makes a temporary
  package from bindings/python and its .libs), else from PYTHONPATH, else from
  $top_builddir or this source tree built in place.
  The corpus defaults to $FM_CORPUS_DIR, else ../shared/corpus next to the
  source tree. Without PyYAML (Debian: python3-yaml) only fmatter is timed.
"""

import argparse
import atexit
import os
import re
import shutil
import statistics
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


def time_pair(fm_fn, pf_fn, items, repeat):
    """Median µs per item of each function; the two alternate run by run so
    that a busy machine slows both alike."""
    fm_runs, pf_runs = [], []
    rounds = max(1, 1000 // len(items))  # a run of one small file is too short to time
    items = list(items) * rounds
    for _ in range(repeat):
        for fn, runs in ((fm_fn, fm_runs), (pf_fn, pf_runs)):
            if fn is None:
                continue
            t0 = time.perf_counter()
            for item in items:
                fn(item)
            runs.append(time.perf_counter() - t0)
    per = lambda runs: statistics.median(runs) / len(items) * 1e6 if runs else None
    return per(fm_runs), per(pf_runs)


def row(name, n, fm, pf):
    if pf is None:
        return f"| {name} | {n} | {fm:.1f} | - | - |"
    return f"| {name} | {n} | {fm:.1f} | {pf:.1f} | {pf / fm:.1f}× |"


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

    print(f"fmatter {fmatter.__version__}, Python {sys.version.split()[0]}, "
          f"PyYAML {getattr(yaml, '__version__', '-')}, median of {args.repeat} runs")
    print()
    header = ("| input | files | fmatter µs/article | python-frontmatter way µs/article "
              "| ratio |\n|---|---:|---:|---:|---:|")
    loaded = [(name, loadable(paths, fmatter, yaml, loader)) for name, paths in sets]
    loaded = [(name, paths) for name, paths in loaded if paths]
    print("Load from a file (read, split, parse, build the dict and the content):")
    print()
    print(header)
    for name, paths in loaded:
        fm, pf = time_pair(lambda p: fm_load(p, fmatter),
                           yaml and (lambda p: pf_load(p, yaml, loader)), paths, args.repeat)
        print(row(name, len(paths), fm, pf))
    print()
    print("From text already in memory (no file I/O):")
    print()
    print(header)
    for name, paths in loaded:
        texts = []
        for p in paths:
            with open(p, "rb") as f:
                data = f.read()
            texts.append((data, data.decode("utf-8")))
        fm, pf = time_pair(lambda t: fm_loads(t[0], fmatter),
                           yaml and (lambda t: pf_loads(t[1], yaml, loader)), texts,
                           args.repeat)
        print(row(name, len(paths), fm, pf))


if __name__ == "__main__":
    main()
