# SPDX-License-Identifier: MIT
"""Reference counts and memory: 10,000 loads and edits leave RSS and the
Python heap flat."""

import gc
import os
import pickle
import sys
import tracemalloc
import unittest

import fmatter
import fmatter.compat as frontmatter
from fmtest import ARTICLE

SRC = ("---\ntitle: Hello\ndraft: true\ndate: 2025-02-11T01:46:07+01:00\n"
       "tags: [a, b]\nparams:\n  author: Ann\n---\n# Head\n\nSome *body* text.\n")
BAD = "---\ntitle: one\ntitle: two\n---\n"


def work(i):
    """One round of everything that allocates: loads, edits, conversions,
    the typed view, the body, errors, pickling, the compat layer."""
    doc = fmatter.loads(SRC, encoding_errors="surrogateescape")
    doc["title"] = f"Title {i}"
    del doc["draft"]
    doc.set("params.count", i)
    doc["when"] = doc["date"]
    doc.rename("tags", "labels")
    doc.insert_after("sub", "title", {"k": [1, 2.5, None, "x"]})
    doc.content = "New *body* \udcff\n"
    doc["labels"].append(f"t{i}")  # saved by the next read of the whole
    doc.metadata, doc.to_dict(), list(doc.items()), doc.get("x"), list(doc)
    post = frontmatter.loads(SRC)
    post["tags"].append("x")
    frontmatter.dumps(post), frontmatter.dumps(post, sort_keys=False)
    try:
        fmatter.loads(b"---\na: 1\n---\nbad \xff\n")
    except fmatter.ParseError:
        pass
    doc.article.to_dict()
    doc.html(smart=True), doc.text(), doc.summary(words=5), doc.headings(), doc.toc()
    doc.word_count, doc.reading_time
    pickle.loads(pickle.dumps(doc)).dumpb()
    for bad in (lambda: fmatter.loads(BAD), lambda: doc.rename("missing", "x"),
                lambda: doc.__setitem__("x", object()), lambda: fmatter.load("/nonexistent"),
                lambda: doc.__getitem__("missing")):
        try:
            bad()
        except (ValueError, TypeError, OSError, KeyError):
            pass
    fmatter.load(ARTICLE).metadata
    post = frontmatter.loads(SRC)
    post["title"] = "x"
    frontmatter.dumps(post)
    return doc.dumpb()


def rss_kb():
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class Memory(unittest.TestCase):
    def test_refcounts(self):
        value = ["a", {"b": 1}]
        title = "a title that is not interned " * 2
        before = sys.getrefcount(value), sys.getrefcount(title)
        raw = fmatter._fmatter.loads(SRC)  # the C type keeps nothing it is given
        for _ in range(100):
            raw["v"] = value
            raw["title"] = title
            raw.set("params.v", value)
        self.assertEqual((sys.getrefcount(value), sys.getrefcount(title)), before)
        doc = fmatter.loads(SRC)  # a Document keeps the containers it hands out
        for _ in range(100):
            doc["v"] = value
            doc["title"] = title
            doc.set("params.v", value)
        self.assertEqual((sys.getrefcount(value), sys.getrefcount(title)),
                         (before[0] + 1, before[1]))
        del doc
        self.assertEqual((sys.getrefcount(value), sys.getrefcount(title)), before)
        path = os.path.join(os.path.dirname(ARTICLE), "article.md")
        before = sys.getrefcount(path)
        docs = [fmatter.load(path) for _ in range(10)]
        # each document keeps the str it was given when ASCII, else its own
        self.assertEqual(sys.getrefcount(path), before + (10 if path.isascii() else 0))
        del docs
        self.assertEqual(sys.getrefcount(path), before)
        none_before = sys.getrefcount(None)
        for _ in range(1000):
            fmatter.loads("---\na: ~\nb: [~, ~]\n---\n").metadata
        self.assertLess(abs(sys.getrefcount(None) - none_before), 50)

    def test_python_heap_flat(self):
        for i in range(300):
            work(i)
        gc.collect()
        tracemalloc.start()
        try:
            first = tracemalloc.take_snapshot()
            for i in range(2000):
                work(i)
            gc.collect()
            second = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
        growth = sum(s.size_diff for s in second.compare_to(first, "filename"))
        self.assertLess(growth, 64 * 1024, f"Python heap grew by {growth} bytes")

    def test_rss_flat_over_10000_rounds(self):
        if rss_kb() is None:
            self.skipTest("no /proc/self/statm")
        for i in range(1000):
            work(i)
        gc.collect()
        start = rss_kb()
        for i in range(10000):
            work(i)
        gc.collect()
        growth = rss_kb() - start
        # a leak of one small object per round would show as 1 MB or more
        self.assertLess(growth, 1024, f"RSS grew by {growth} kB over 10,000 rounds")


if __name__ == "__main__":
    unittest.main()
