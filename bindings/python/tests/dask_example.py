# SPDX-License-Identifier: MIT
"""The Dask example, examples/python/dask_tags.py, on the shared corpus (or,
where it is absent, on the project's own tests/data): its run on a
LocalCluster of 2 worker processes prints the same JSON as its serial run,
and that JSON is what loading each file here gives; documents and articles
cross worker processes intact (they pickle).

Exit status 77 (skip) without Debian's python3-distributed (dask and
distributed).
"""

import collections
import json
import os
import subprocess
import sys
import time
import unittest

import fmatter
from fmtest import CORPUS, TOP

SCRIPT = os.path.join(TOP, "examples", "python", "dask_tags.py")
# The folder the example runs on: the shared corpus, else our own test pages.
SITE = CORPUS if os.path.isdir(CORPUS) else os.path.join(TOP, "tests", "data")


def corpus_files():
    out = []
    for root, _, names in os.walk(SITE):
        out.extend(os.path.join(root, n) for n in names if n.endswith((".md", ".markdown")))
    return sorted(out)


def expected(field):
    """The example's output computed here, file by file with fmatter.load."""
    counts, errors = collections.Counter(), []
    files = corpus_files()
    for path in files:
        rel = os.path.relpath(path, SITE)
        try:
            value = getattr(fmatter.load(path).article, field)
        except fmatter.ParseError as e:
            errors.append(f"{rel}:{e.line}:{e.column}: {e.message}" if e.line
                          else f"{rel}: {e.message}")
            continue
        counts.update(value if isinstance(value, list) else [] if value is None
                      else [str(value)])
    return {"files": len(files), "errors": sorted(errors), field: dict(sorted(counts.items()))}


def run(*args):
    start = time.monotonic()
    proc = subprocess.run([sys.executable, SCRIPT, SITE, *args], capture_output=True,
                          text=True, timeout=300)
    took = time.monotonic() - start
    if proc.returncode != 0:
        raise AssertionError(f"dask_tags.py {' '.join(args)}: exit {proc.returncode}\n"
                             f"{proc.stderr}")
    print(f"  dask_tags.py {' '.join(args) or '(defaults)'}: {took:.1f} s", file=sys.stderr)
    return proc.stdout


def load_docs(paths):
    return fmatter.load_many(paths, threads=1)


class DaskExample(unittest.TestCase):
    def test_tags_dask_equals_serial(self):
        serial = run("--serial")
        self.assertEqual(run("--workers", "2"), serial)
        self.assertEqual(json.loads(serial), expected("tags"))
        self.assertTrue(serial.endswith("}\n") and serial.count("\n") == 1)

    def test_categories_dask_equals_serial(self):
        serial = run("--serial", "--field", "categories", "--partitions", "7")
        self.assertEqual(run("--workers", "2", "--field", "categories", "--partitions", "7"),
                         serial)
        result = json.loads(serial)
        self.assertEqual(result, expected("categories"))
        self.assertGreaterEqual(len(result["categories"]), 5)  # a real table

    def test_documents_and_articles_cross_processes(self):
        import dask.bag as db
        from distributed import Client, LocalCluster

        files = corpus_files()
        paths = ([p for p in files if "hugo-docs" in p] or
                 [p for p in files if _loads(p)])[:60]
        local = load_docs(paths)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster):
            bag = db.from_sequence(paths, npartitions=4).map_partitions(load_docs)
            docs = bag.compute()
            articles = bag.map(lambda d: d.article).compute()
            edited = bag.map(_retitle).compute()
        self.assertEqual(docs, local)
        self.assertEqual([d.path for d in docs], paths)
        # compared as text: a TOML nan is a float that equals nothing, itself included
        self.assertEqual([repr(a.to_dict()) for a in articles],
                         [repr(d.article.to_dict()) for d in local])
        self.assertEqual([d["title"] for d in edited],
                         [f"[{d.get('title')}]" for d in local])


def _loads(path):
    try:
        fmatter.load(path)
        return True
    except fmatter.ParseError:
        return False


def _retitle(doc):
    doc["title"] = f"[{doc.get('title')}]"
    return doc


def main():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        print(f"SKIP: Dask is not installed (Debian: python3-distributed): {e}")
        return 77
    if SITE != CORPUS:
        print(f"the shared corpus is not at {CORPUS} (FM_CORPUS_DIR): running on {SITE}")
    start = time.monotonic()
    result = unittest.main(argv=sys.argv[:1] + ["-v"], exit=False).result
    print(f"dask example tests: {time.monotonic() - start:.1f} s", file=sys.stderr)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
