# SPDX-License-Identifier: MIT
"""load_many: parallel loads equal serial ones, in input order, with errors."""

import os
import unittest

import fmatter
import fmatter._fmatter as _fmatter
from fmtest import CORPUS, ARTICLE, TempDirCase, data, data_inputs


def valid_data_inputs():
    return [p for p in data_inputs()
            if not os.path.exists(os.path.join(os.path.dirname(p), "expected.err"))]


def corpus_paths():
    paths = []
    for d, _, names in os.walk(os.path.join(CORPUS, "hugo-docs")):
        paths.extend(os.path.join(d, n) for n in names if n.endswith(".md"))
    return sorted(paths)


class LoadMany(TempDirCase):
    def assert_same(self, many, serial):
        self.assertEqual(len(many), len(serial))
        for a, b in zip(many, serial):
            self.assertIsInstance(a, fmatter.Document)
            self.assertEqual(a, b)
            self.assertEqual(a.dumpb(), b.dumpb())
            self.assertEqual(a.path, b.path)
            self.assertEqual(repr(a.metadata), repr(b.metadata))

    def test_equal_to_serial(self):
        paths = valid_data_inputs() + [ARTICLE]
        serial = [fmatter.load(p) for p in paths]
        for threads in (None, 1, 2, 3, 64):
            with self.subTest(threads=threads):
                self.assert_same(fmatter.load_many(paths, threads=threads), serial)

    def test_corpus_equal_to_serial(self):
        paths = corpus_paths()
        if not paths:
            self.skipTest(f"no hugo-docs in the shared corpus at {CORPUS}")
        serial = []
        for p in paths:
            try:
                serial.append(fmatter.load(p))
            except fmatter.ParseError as e:
                serial.append(e)
        many = fmatter.load_many(paths, threads=4, errors="collect")
        self.assertEqual(len(many), len(paths))
        for p, a, b in zip(paths, many, serial):
            self.assertIs(type(a), type(b), p)
            if isinstance(a, fmatter.Document):
                self.assertEqual(a.dumpb(), b.dumpb())
                self.assertEqual(a.path, p)
                self.assertEqual(repr(a.metadata), repr(b.metadata))
            else:
                self.assertEqual(str(a), str(b))

    def test_documents_made_in_c_as_wrap_makes_them(self):
        """load_many makes each Document in C (_wrap=Document): the same
        class, slots and behaviour as Document._wrap of the raw document,
        errors left as they are, and the raw documents without _wrap."""
        paths = [ARTICLE, os.path.join(self.tmp, "missing.md")]
        doc, err = fmatter.load_many(paths, errors="collect")
        raw = _fmatter.load(ARTICLE)
        self.assertIs(type(doc), fmatter.Document)
        self.assertIs(type(doc._doc), _fmatter.Document)
        self.assertIsNone(doc._live)
        self.assertEqual(doc._doc.dumpb(), raw.dumpb())
        self.assertIsInstance(err, FileNotFoundError)
        doc["tags"].append("c-made")  # attached containers work on it
        self.assertEqual(doc["tags"][-1], "c-made")
        self.assertIn(b"c-made", doc.dumpb())
        self.assertIs(type(_fmatter.load_many([ARTICLE])[0]), _fmatter.Document)
        self.assertIs(type(_fmatter.load_many([ARTICLE], _wrap=None)[0]),
                      _fmatter.Document)
        with self.assertRaises(TypeError):
            _fmatter.load_many([ARTICLE], _wrap=42)
        with self.assertRaises(AttributeError):  # a class without the slots
            _fmatter.load_many([ARTICLE], _wrap=int)

        class NoSlot:
            _doc = None
            _live = None
        with self.assertRaises(TypeError) as cm:
            _fmatter.load_many([ARTICLE], _wrap=NoSlot)
        self.assertIn("is not a slot", str(cm.exception))

    def test_wrap_writes_the_slots_of_subclasses(self):
        """The slots are written in place for the class and its subclasses
        (theirs are the base's); a __new__ giving another type is refused
        by the slot descriptors, as before."""
        class Sub(fmatter.Document):
            __slots__ = ("extra",)
        d = _fmatter.load_many([ARTICLE, ARTICLE], _wrap=Sub)
        self.assertEqual([type(x) for x in d], [Sub, Sub])
        self.assertIsNone(d[0]._live)
        self.assertIs(type(d[0]._doc), _fmatter.Document)
        self.assertIsNot(d[0]._doc, d[1]._doc)
        self.assertEqual(d[0]["title"], fmatter.load(ARTICLE)["title"])
        with self.assertRaises(AttributeError):
            d[0].extra

        class Other(fmatter.Document):
            __slots__ = ()

            def __new__(cls, *args):
                return object.__new__(NotADocument)

        class NotADocument:
            pass
        with self.assertRaises(TypeError) as cm:
            _fmatter.load_many([ARTICLE], _wrap=Other)
        self.assertIn("doesn't apply to a 'NotADocument' object", str(cm.exception))

    def test_path_arguments(self):
        """Paths as str (ASCII, not ASCII, a subclass), bytes and PathLike
        give the same documents and paths; a NUL byte the same ValueError
        in load, load_many and compat.load."""
        import pathlib
        import shutil
        import fmatter.compat as compat
        uni = os.path.join(self.tmp, "\u00e9t\u00e9.md")
        shutil.copy(ARTICLE, uni)

        class Sub(str):
            pass
        for path in (ARTICLE, uni):
            for arg in (path, Sub(path), os.fsencode(path), pathlib.Path(path)):
                with self.subTest(arg=arg):
                    many = fmatter.load_many([arg, arg], threads=1)
                    one = fmatter.load(arg)
                    self.assertEqual([d.path for d in many], [path, path])
                    self.assertIs(type(many[0].path), str)
                    self.assertEqual(one.path, path)
                    self.assertEqual(many[0].dumpb(), one.dumpb())
                    if not isinstance(arg, bytes):  # (compat.load refuses bytes)
                        self.assertEqual(compat.load(arg).metadata, one.metadata)
        for bad in ("nul\0byte.md", ARTICLE + "\0"):
            for load in (fmatter.load, lambda p: fmatter.load_many([p]), compat.load):
                with self.assertRaises(ValueError) as cm:
                    load(bad)
                self.assertEqual(str(cm.exception), "embedded null byte")
        missing = os.path.join(self.tmp, "missing.md")
        for load in (fmatter.load, lambda p: fmatter.load_many([p])[0], compat.load):
            with self.assertRaises(FileNotFoundError) as cm:
                load(missing)
            self.assertEqual(cm.exception.filename, missing)

    def test_file_objects_and_path_likes(self):
        import io
        import pathlib
        with open(ARTICLE, "rb") as f:
            inputs = [pathlib.Path(ARTICLE), f, io.BytesIO(b"---\na: 1\n---\nx\n"),
                      io.StringIO("---\na: 2\n---\n")]
            docs = fmatter.load_many(inputs, threads=2)
        self.assertEqual([d.path for d in docs], [ARTICLE, ARTICLE, None, None])
        self.assertEqual(docs[0], docs[1])
        self.assertEqual((docs[2]["a"], docs[2].content, docs[3]["a"]), (1, "x\n", 2))
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.load_many([io.BytesIO(b"---\na: 1\na: 2\n---\n")])
        self.assertEqual((cm.exception.line, cm.exception.path), (3, None))

    def test_threads_come_from_the_library(self):
        """load_many runs on the library's fm_load_many: every item is loaded
        by one of the threads asked for (0 is the calling thread), and one
        thread means the calling thread only."""
        paths = valid_data_inputs() * 8
        workers = []
        out = _fmatter.load_many(paths, threads=4, _workers=workers)
        self.assertEqual(len(out), len(paths))
        self.assertEqual(len(workers), len(paths))
        self.assertTrue(all(0 <= w < 4 for w in workers), set(workers))
        workers = []
        _fmatter.load_many(paths[:5], threads=1, _workers=workers)
        self.assertEqual(workers, [0] * 5)

    def test_collect_errors_in_place(self):
        missing = os.path.join(self.tmp, "missing.md")
        bad = data("yaml", "duplicate-key", "input.md")
        paths = [ARTICLE, missing, bad, ARTICLE]
        out = fmatter.load_many(paths, threads=2, errors="collect")
        self.assertIsInstance(out[0], fmatter.Document)
        self.assertIsInstance(out[1], FileNotFoundError)
        self.assertEqual(out[1].filename, missing)
        self.assertIsInstance(out[2], fmatter.ParseError)
        self.assertEqual((out[2].path, out[2].line, out[2].column, out[2].code),
                         (bad, 4, 1, "duplicate-key"))
        self.assertEqual(out[3], out[0])

    def outcome(self, item, **kw):
        """What fmatter.load gives for item: a Document, or the exception."""
        try:
            return fmatter.load(item, **kw)
        except (OSError, ValueError) as e:
            return e

    def assert_same_outcome(self, a, b, where):
        self.assertIs(type(a), type(b), where)
        if isinstance(b, fmatter.Document):
            self.assertEqual(a.dumpb(), b.dumpb(), where)
            self.assertEqual((a.path, a.content), (b.path, b.content), where)
            return
        self.assertEqual((str(a), a.args), (str(b), b.args), where)
        for attr in ("code", "message", "line", "column", "offset", "path", "errno",
                     "filename", "strerror"):
            self.assertEqual(getattr(a, attr, None), getattr(b, attr, None),
                             (where, attr))

    def test_every_outcome_in_its_place(self):
        """Documents and failures of every kind (missing file, folder, a
        duplicate key, a body that is not UTF-8, a front matter that is not,
        a file object) at every place of a long list, on one thread and
        several: each the very Document or exception fmatter.load gives, and
        errors='raise' raises the first of them."""
        kinds = [ARTICLE, os.path.join(self.tmp, "missing.md"), self.tmp,
                 data("yaml", "duplicate-key", "input.md"),
                 self.write("body.md", b"---\na: 1\n---\nbad \xff body\n"),
                 self.write("front.md", b"---\na: \xfe\n---\n"),
                 self.write("ok.md", "---\nt\u00eftle: \u00e9t\u00e9\n---\nbody \u2014\n")]
        items = [kinds[(i * 5 + i // 7) % len(kinds)] for i in range(150)]
        for kw in ({}, {"encoding_errors": "replace"}):
            serial = [self.outcome(p, **kw) for p in items]
            for threads in (1, 2, 3):
                out = fmatter.load_many(items, threads=threads, errors="collect", **kw)
                self.assertEqual(len(out), len(items))
                for i, (a, b) in enumerate(zip(out, serial)):
                    self.assert_same_outcome(a, b, (kw, threads, i, items[i]))
                first = next(e for e in serial if not isinstance(e, fmatter.Document))
                with self.assertRaises(type(first)) as cm:
                    fmatter.load_many(items, threads=threads, **kw)
                self.assert_same_outcome(cm.exception, first, (kw, threads))
        with open(kinds[4], "rb") as f:  # a file object's failure, in place
            out = fmatter.load_many([ARTICLE, f, ARTICLE], errors="collect")
        self.assertIsInstance(out[1], fmatter.ParseError)
        self.assertEqual((out[1].code, out[1].line, out[1].column, out[1].path),
                         ("encoding", 4, 5, kinds[4]))
        self.assertEqual(out[0], out[2])

    def test_raise_first_error(self):
        missing = os.path.join(self.tmp, "missing.md")
        bad = data("yaml", "duplicate-key", "input.md")
        with self.assertRaises(fmatter.ParseError):
            fmatter.load_many([ARTICLE, bad, missing], threads=2)
        with self.assertRaises(FileNotFoundError):
            fmatter.load_many([ARTICLE, missing, bad])

    def test_arguments(self):
        self.assertEqual(fmatter.load_many([]), [])
        docs = fmatter.load_many(p for p in [ARTICLE, ARTICLE])
        self.assertEqual(len(docs), 2)
        self.assertEqual(fmatter.load_many([ARTICLE], 1)[0].path, ARTICLE)
        with self.assertRaises(ValueError):
            fmatter.load_many([ARTICLE], threads=0)
        with self.assertRaises(ValueError):
            fmatter.load_many([ARTICLE], errors="ignore")
        with self.assertRaises(TypeError):
            fmatter.load_many([ARTICLE, 42])
        with self.assertRaises(TypeError):
            fmatter.load_many(42)
        for one in (ARTICLE, os.fsencode(ARTICLE), bytearray(b"x")):
            with self.assertRaises(TypeError) as cm:  # not a list of one-letter paths
                fmatter.load_many(one)
            self.assertIn("iterable of paths or files", str(cm.exception))
        docs = fmatter.load_many([self.write("d.md", "---\na: 1\na: 2\n---\n")],
                                 allow_duplicates=True)
        self.assertEqual(docs[0]["a"], 2)


if __name__ == "__main__":
    unittest.main()
