# SPDX-License-Identifier: MIT
"""Paths shared by the Python binding's tests.

top_srcdir (exported by make check) or the tree this file sits in gives the
source tree; FM_CORPUS_DIR (exported by make check) or ../shared/corpus next
to it gives the shared corpus, which tests skip without.
"""

import os
import shutil
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.environ.get("top_srcdir") or os.path.join(HERE, "..", "..", ".."))
DATA = os.path.join(TOP, "tests", "data")
ARTICLE = os.path.join(TOP, "examples", "article.md")
CORPUS = os.path.abspath(os.environ.get("FM_CORPUS_DIR") or
                         os.path.join(TOP, "..", "shared", "corpus"))


def data(*parts):
    return os.path.join(DATA, *parts)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def data_inputs():
    """Every tests/data/<group>/<case>/input.md, sorted."""
    out = []
    for group in sorted(os.listdir(DATA)):
        gdir = os.path.join(DATA, group)
        if not os.path.isdir(gdir):
            continue
        for case in sorted(os.listdir(gdir)):
            path = os.path.join(gdir, case, "input.md")
            if os.path.isfile(path):
                out.append(path)
    return out


def corpus_dir(name):
    """A folder of the shared corpus, or skips the test."""
    path = os.path.join(CORPUS, name)
    if not os.path.isdir(path):
        raise unittest.SkipTest(f"shared corpus folder {path} not found (FM_CORPUS_DIR)")
    return path


def corpus_files(name, exts=(".md", ".markdown", ".txt", ".html")):
    root = corpus_dir(name)
    out = []
    for d, _, names in os.walk(root):
        out.extend(os.path.join(d, n) for n in names if n.endswith(exts))
    return sorted(out)


class TempDirCase(unittest.TestCase):
    """A test case with a fresh temporary directory in self.tmp."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="fmatter-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write(self, name, content):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
        return path
