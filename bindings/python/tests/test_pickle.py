# SPDX-License-Identifier: MIT
"""Documents pickle as their text and path, through pickle and a process pool."""

import copy
import multiprocessing
import pickle
import unittest

import fmatter
import fmatter.compat
from fmtest import ARTICLE, read_bytes


def retitle(doc):
    """Runs in a worker process: edits the document it was sent."""
    doc["title"] = doc["title"].upper()
    return doc


def describe(doc):
    return doc.path, doc["title"], doc.article.date, len(doc.content)


class Pickling(unittest.TestCase):
    def test_round_trip(self):
        edited = fmatter.loads("---\ntitle: a\n---\nbody \xff\n".encode("latin-1"),
                               encoding_errors="surrogateescape")
        edited["title"] = "b"
        docs = [fmatter.load(ARTICLE), fmatter.loads("no front matter\n"), edited,
                fmatter.loads("---\na: yes\na: no\n---\n", allow_duplicates=True,
                              yaml11=True)]
        for doc in docs:
            for proto in range(pickle.HIGHEST_PROTOCOL + 1):
                with self.subTest(doc=doc, protocol=proto):
                    back = pickle.loads(pickle.dumps(doc, proto))
                    self.assertIsInstance(back, fmatter.Document)
                    self.assertEqual(back, doc)
                    self.assertEqual(back.dumpb(), doc.dumpb())
                    self.assertEqual(back.path, doc.path)
                    self.assertEqual(repr(back.metadata), repr(doc.metadata))
        self.assertIs(pickle.loads(pickle.dumps(docs[3]))["a"], False)

    def test_article(self):
        docs = [fmatter.load(ARTICLE),
                fmatter.loads(b"\xef\xbb\xbf---\ntitle: BOM\ndate: 2025-01-02\n---\nbody\n"),
                fmatter.loads("---\ndraft: yes\n---\n", yaml11=True),
                fmatter.loads(b"---\na: 1\n---\nbad \xff\n", encoding_errors="replace")]
        for doc in docs:
            art = doc.article
            for proto in range(pickle.HIGHEST_PROTOCOL + 1):
                with self.subTest(doc=doc, protocol=proto):
                    back = pickle.loads(pickle.dumps(art, proto))
                    self.assertIsInstance(back, fmatter.Article)
                    self.assertEqual(back.to_dict(), art.to_dict())
        doc = fmatter.load(ARTICLE)
        art = doc.article
        doc["title"] = "Edited after"  # the article keeps what it was made from
        self.assertEqual(pickle.loads(pickle.dumps(art)).title,
                         "Mistral gets down to business")
        self.assertEqual(pickle.loads(pickle.dumps(docs[3].article)).body, "bad \ufffd\n")

    def test_reduce_is_text_and_path(self):
        doc = fmatter.load(ARTICLE)
        fn, args = doc.__reduce__()
        self.assertEqual(args[:2], (read_bytes(ARTICLE), ARTICLE))

    def test_copy(self):
        doc = fmatter.load(ARTICLE)
        for other in (copy.copy(doc), copy.deepcopy(doc)):
            self.assertEqual(other, doc)
            other["title"] = "Other"
            self.assertNotEqual(other, doc)
            self.assertEqual(doc["title"], "Mistral gets down to business")

    def test_compat_post(self):
        post = fmatter.compat.load(ARTICLE)
        post["title"] = "Changed"
        back = pickle.loads(pickle.dumps(post))
        self.assertEqual(fmatter.compat.dumps(back), fmatter.compat.dumps(post))

    def test_process_pool(self):
        docs = [fmatter.load(ARTICLE), fmatter.loads("---\ntitle: small\n---\nx\n")]
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(2) as pool:
            out = pool.map(retitle, docs)
            info = pool.map(describe, docs)
        self.assertEqual([d["title"] for d in out], ["MISTRAL GETS DOWN TO BUSINESS", "SMALL"])
        expected = read_bytes(ARTICLE).replace(b"Mistral gets down to business",
                                               b"MISTRAL GETS DOWN TO BUSINESS", 1)
        self.assertEqual(out[0].dumpb(), expected)
        self.assertEqual(out[0].path, ARTICLE)
        self.assertEqual(info, [describe(d) for d in docs])


if __name__ == "__main__":
    unittest.main()
