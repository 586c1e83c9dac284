# SPDX-License-Identifier: MIT
"""Loading and reading documents: round trips, the mapping, the body."""

import datetime
import io
import json
import math
import os
import pathlib
import random
import re
import sys
import unittest

import fmatter
from fmtest import ARTICLE, TempDirCase, data, data_inputs, read_bytes


def iso(text):
    """A date or datetime from the text tests/data's expected.json holds."""
    text = re.sub(r"\s+([+-]\d)", r"\1", text.strip()).replace(" ", "T", 1)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    if "T" not in text:
        return datetime.date.fromisoformat(text)
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def same_as_json(mine, expected):
    """Compares a converted value with expected.json's (dates and non-finite
    floats are text there)."""
    if isinstance(mine, (datetime.date, datetime.datetime)) and isinstance(expected, str):
        return mine == iso(expected) and type(mine) is type(iso(expected))
    if isinstance(mine, float) and isinstance(expected, str):
        return not math.isfinite(mine) and expected.lower().lstrip("+-").lstrip(".") in (
            "inf", "nan")
    if isinstance(mine, dict) and isinstance(expected, dict):
        return list(mine) == list(expected) and all(
            same_as_json(mine[k], expected[k]) for k in mine)
    if isinstance(mine, list) and isinstance(expected, list):
        return len(mine) == len(expected) and all(
            same_as_json(a, b) for a, b in zip(mine, expected))
    if isinstance(mine, bool) or isinstance(expected, bool):
        return mine is expected
    return mine == expected


class RoundTrip(unittest.TestCase):
    def test_article_bytes_identical(self):
        original = read_bytes(ARTICLE)
        for doc in (fmatter.load(ARTICLE), fmatter.loads(original),
                    fmatter.loads(original.decode("utf-8"))):
            self.assertEqual(doc.dumpb(), original)
            self.assertEqual(doc.dumps(), original.decode("utf-8"))
            self.assertEqual(str(doc), original.decode("utf-8"))

    def test_every_valid_data_input(self):
        checked = 0
        for path in data_inputs():
            with self.subTest(path=path):
                original = read_bytes(path)
                if os.path.exists(os.path.join(os.path.dirname(path), "expected.err")):
                    with self.assertRaises(fmatter.ParseError):
                        fmatter.load(path)
                    continue
                self.assertEqual(fmatter.load(path).dumpb(), original)
                self.assertEqual(fmatter.loads(original).dumpb(), original)
                checked += 1
        self.assertGreaterEqual(checked, 10)

    def test_data_expected_json(self):
        """Format, body position and metadata as tests/data's expected.json."""
        for path in data_inputs():
            exp_path = os.path.join(os.path.dirname(path), "expected.json")
            if not os.path.exists(exp_path):
                continue
            with self.subTest(path=path):
                with open(exp_path, encoding="utf-8") as f:
                    expected = json.load(f)
                doc = fmatter.load(path)
                fmt = expected["format"]
                self.assertEqual(doc.format, None if fmt == "none" else fmt)
                self.assertEqual(doc.body_offset, expected["body"]["offset"])
                self.assertEqual(doc.body_line, expected["body"]["line"])
                meta = doc.metadata
                self.assertTrue(same_as_json(meta, expected["meta"]),
                                f"{meta!r} != {expected['meta']!r}")
                article = doc.article
                for field, value in expected["article"].items():
                    self.assertTrue(same_as_json(getattr(article, field), value),
                                    f"article.{field}: {getattr(article, field)!r} != "
                                    f"{value!r}")

    def test_crlf_body_kept(self):
        path = data("split", "crlf", "input.md")
        doc = fmatter.load(path)
        self.assertEqual(doc.content, "Body\r\n")
        self.assertEqual(doc.metadata, {"title": "Windows", "tags": ["a"]})
        self.assertEqual(doc.dumpb(), read_bytes(path))


class Mapping(unittest.TestCase):
    SRC = ("---\ntitle: Hello\ndraft: false\nweight: 3\ntags: [a, b]\n"
           "params:\n  author: Ann\n  list: [1, 2]\n---\nThe body.\n")

    def setUp(self):
        self.doc = fmatter.loads(self.SRC)

    def test_keys_in_source_order(self):
        self.assertEqual(list(self.doc.keys()), ["title", "draft", "weight", "tags", "params"])
        self.assertEqual(list(self.doc), list(self.doc.keys()))
        self.assertEqual(len(self.doc), 5)

    def test_items_values(self):
        self.assertEqual(list(self.doc.values()),
                         ["Hello", False, 3, ["a", "b"], {"author": "Ann", "list": [1, 2]}])
        self.assertEqual(dict(self.doc.items()), self.doc.metadata)
        self.assertEqual([k for k, _ in self.doc.items()], list(self.doc))

    def test_getitem_get_contains(self):
        self.assertEqual(self.doc["title"], "Hello")
        self.assertIs(self.doc["draft"], False)
        with self.assertRaises(KeyError):
            self.doc["missing"]
        with self.assertRaises(TypeError):
            self.doc[1]
        self.assertIsNone(self.doc.get("missing"))
        self.assertEqual(self.doc.get("missing", 7), 7)
        self.assertEqual(self.doc.get("weight", 7), 3)
        self.assertIn("tags", self.doc)
        self.assertNotIn("missing", self.doc)
        self.assertNotIn(3, self.doc)

    def test_get_path(self):
        self.assertEqual(self.doc.get_path("params.author"), "Ann")
        self.assertEqual(self.doc.get_path("tags.1"), "b")
        self.assertEqual(self.doc.get_path("params.list.0"), 1)
        self.assertIsNone(self.doc.get_path("params.nope"))
        self.assertEqual(self.doc.get_path("tags.9", "d"), "d")

    def test_metadata_is_a_new_dict(self):
        meta = self.doc.metadata
        self.assertIs(type(meta), dict)
        self.assertEqual(list(meta), list(self.doc))
        meta["title"] = "changed"
        self.assertEqual(self.doc["title"], "Hello")
        self.assertIsNot(self.doc.metadata, meta)

    def test_content_body_to_dict(self):
        self.assertEqual(self.doc.content, "The body.\n")
        self.assertEqual(self.doc.body, self.doc.content)
        d = self.doc.to_dict()
        self.assertEqual(d.pop("content"), "The body.\n")
        self.assertEqual(d, self.doc.metadata)

    def test_attributes(self):
        self.assertEqual(self.doc.format, "yaml")
        self.assertIsNone(self.doc.path)
        self.assertEqual(self.doc.body_line, 10)
        self.assertEqual(self.doc.body_offset, self.SRC.index("The body."))
        self.assertEqual(repr(self.doc), "<fmatter.Document path=None keys=5>")
        with self.assertRaises(TypeError):
            hash(self.doc)
        with self.assertRaises(TypeError):
            fmatter.Document()

    def test_parts(self):
        p = fmatter.loads(b"\xef\xbb\xbf\n---\na: 1\n---\nbody\n").parts()
        self.assertEqual(p, {"format": "yaml", "bom": b"\xef\xbb\xbf", "lead": b"\n",
                             "open_fence": b"---\n", "front": b"a: 1\n",
                             "close_fence": b"---\n", "body": b"body\n", "front_line": 3,
                             "body_line": 5})

    def test_no_front_matter(self):
        doc = fmatter.loads("# Just Markdown\n")
        self.assertIsNone(doc.format)
        self.assertEqual(doc.metadata, {})
        self.assertEqual(len(doc), 0)
        self.assertEqual(doc.content, "# Just Markdown\n")

    def test_json_front_matter(self):
        doc = fmatter.load(data("split", "json-front-matter", "input.md"))
        self.assertEqual(doc.format, "json")
        self.assertEqual(doc["tags"], ["a", "b"])

    def test_equality_on_text(self):
        a, b = fmatter.loads(self.SRC), fmatter.loads(self.SRC.encode())
        self.assertEqual(a, b)
        self.assertFalse(a != b)
        b["title"] = "Other"
        self.assertNotEqual(a, b)
        self.assertNotEqual(a, self.SRC)

    def test_new_documents(self):
        doc = fmatter.new()
        self.assertEqual(doc.dumps(), "---\n---\n")
        doc["title"] = "T"
        doc["tags"] = ["a"]
        doc.content = "\nhello\n"
        self.assertEqual(doc.dumps(), "---\ntitle: T\ntags:\n  - a\n---\n\nhello\n")
        j = fmatter.new("json")
        j["title"] = "T"
        self.assertEqual(fmatter.loads(j.dumps()).metadata, {"title": "T"})
        t = fmatter.new("toml")
        self.assertEqual(t.dumps(), "+++\n+++\n")
        t["title"] = "It's"
        t["extra"] = {"n": 1}
        t.content = "Text.\n"
        self.assertEqual(t.dumps(), '+++\ntitle = "It\'s"\n[extra]\nn = 1\n+++\nText.\n')
        with self.assertRaises(ValueError):
            fmatter.new("ini")


class Loading(TempDirCase):
    def test_path_kinds(self):
        for arg in (ARTICLE, pathlib.Path(ARTICLE), os.fsencode(ARTICLE)):
            doc = fmatter.load(arg)
            self.assertEqual(doc.path, ARTICLE)
            self.assertEqual(doc["title"], "Mistral gets down to business")

    def test_path_str_kept(self):
        # an ASCII str path is kept as given; any other is its file-system
        # bytes decoded back (a str subclass, non-ASCII, escaped bytes)
        import fmatter.compat as compat
        doc = fmatter.load(ARTICLE)
        self.assertIs(type(doc.path), str)
        self.assertEqual(doc.path, ARTICLE)

        class Sub(str):
            pass
        names = ["caf\u00e9.md", "bad-\udcff.md", "\udcc3\udca9.md"]
        for name in names:
            path = self.write(name, "---\na: 1\n---\n")
            with self.subTest(name=name):
                docs = [compat.load(path).document, compat.load(Sub(path)).document]
                for arg in (path, Sub(path), os.fsencode(path)):
                    docs += [fmatter.load(arg), fmatter.load_many([arg])[0]]
                for d in docs:
                    self.assertIs(type(d.path), str)
                    self.assertEqual(d.path, os.fsdecode(os.fsencode(path)))
        self.assertEqual(os.fsdecode(os.fsencode("\udcc3\udca9.md")), "\u00e9.md")
        with self.assertRaises(ValueError):
            fmatter.load(ARTICLE + "\0")
        with self.assertRaises(ValueError):
            compat.load(ARTICLE + "\0")

    def test_file_objects(self):
        with open(ARTICLE, "rb") as f:
            doc = fmatter.load(f)
        self.assertEqual(doc.path, ARTICLE)
        self.assertEqual(doc.dumpb(), read_bytes(ARTICLE))
        with open(ARTICLE, encoding="utf-8") as f:
            self.assertEqual(fmatter.load(f).dumpb(), read_bytes(ARTICLE))
        doc = fmatter.load(io.StringIO("---\na: 1\n---\n"))
        self.assertIsNone(doc.path)
        self.assertEqual(doc["a"], 1)
        self.assertEqual(fmatter.load(io.BytesIO(b"---\na: 2\n---\n"))["a"], 2)

    def test_loads_buffers(self):
        for text in (b"---\na: 1\n---\n", bytearray(b"---\na: 1\n---\n"),
                     memoryview(b"---\na: 1\n---\n")):
            self.assertEqual(fmatter.loads(text)["a"], 1)
        with self.assertRaises(TypeError):
            fmatter.loads(42)

    def test_non_ascii_path(self):
        path = self.write("статья 日本.md", "---\ntitle: ok\n---\n")
        doc = fmatter.load(path)
        self.assertEqual(doc.path, path)
        self.assertEqual(doc["title"], "ok")

    def test_detect(self):
        self.assertEqual(fmatter.detect("---\na: 1\n---\n"), "yaml")
        self.assertEqual(fmatter.detect(b"{\"a\": 1}\n"), "json")
        self.assertEqual(fmatter.detect("+++\na = 1\n+++\n"), "toml")
        self.assertIsNone(fmatter.detect("text\n"))
        self.assertIsNone(fmatter.detect("---\nunterminated\n"))

    def test_version(self):
        self.assertRegex(fmatter.__version__, r"^\d+\.\d+\.\d+$")
        self.assertEqual(fmatter.version(), fmatter.__version__)


class BodyEncoding(TempDirCase):
    """A body that is not UTF-8: a ParseError at its first bad byte by
    default; encoding_errors='surrogateescape' or 'replace' reads it."""

    RAW = b"---\ntitle: ok\n---\nline one\nbad \xff\xfe bytes \xc3( here\n"

    def test_strict_is_a_parse_error_with_its_place(self):
        for load in (lambda: fmatter.loads(self.RAW),
                     lambda: fmatter.load(self.write("bad.md", self.RAW)),
                     lambda: fmatter.load(io.BytesIO(self.RAW))):
            with self.assertRaises(fmatter.ParseError) as cm:
                load()
            e = cm.exception
            self.assertEqual((e.code, e.line, e.column, e.offset),
                             ("encoding", 5, 5, self.RAW.index(b"\xff")))
            self.assertEqual(e.message, "invalid UTF-8 byte 0xff in the body")
        path = self.write("bad.md", self.RAW)
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.load(path)
        self.assertEqual(str(cm.exception),
                         f"{path}:5:5: invalid UTF-8 byte 0xff in the body")
        out = fmatter.load_many([path], errors="collect")
        self.assertEqual(str(out[0]), str(cm.exception))
        # columns count characters: the bad byte after "é" is column 3
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.loads(b"---\n---\n\xc3\xa9x\x80\n")
        self.assertEqual((cm.exception.line, cm.exception.column), (3, 3))
        with self.assertRaises(ValueError):
            fmatter.loads(self.RAW, encoding_errors="ignore")

    def test_strict_agrees_with_pythons_decoder(self):
        """The body check finds the byte Python's UTF-8 decoder stops at, for
        20,000 short bodies made of the bytes around every boundary."""
        import random
        rng = random.Random(14)
        edge = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in range(20000):
            body = b"abcdefgh" * rng.randint(0, 2) + bytes(
                rng.choice(edge) for _ in range(rng.randint(0, 9)))
            try:
                body.decode("utf-8")
                want = None
            except UnicodeDecodeError as e:
                want = e.start
            try:
                fmatter.loads(b"---\n---\n" + body)
                got = None
            except fmatter.ParseError as e:
                got = e.offset - 8
            self.assertEqual(got, want, body)

    def test_strict_refuses_a_bad_body_set(self):
        doc = fmatter.loads("---\ntitle: ok\n---\nbody\n")
        with self.assertRaises(UnicodeDecodeError):
            doc.content = b"raw \x80 bytes\n"
        with self.assertRaises(UnicodeEncodeError):
            doc.content = "lone \udcff\n"
        self.assertEqual(doc.content, "body\n")

    def test_replace(self):
        doc = fmatter.loads(self.RAW, encoding_errors="replace")
        self.assertEqual(doc.content, "line one\nbad \ufffd\ufffd bytes \ufffd( here\n")
        self.assertEqual(doc.article.body, doc.content)
        self.assertEqual(doc.dumpb(), self.RAW)  # the bytes stay as they were

    def test_surrogateescape_round_trip(self):
        doc = fmatter.loads(self.RAW, encoding_errors="surrogateescape")
        self.assertEqual(doc.content, "line one\nbad \udcff\udcfe bytes \udcc3( here\n")
        self.assertEqual(doc.dumpb(), self.RAW)
        self.assertEqual(doc.dumps().encode("utf-8", "surrogateescape"), self.RAW)
        self.assertEqual(fmatter.loads(doc.dumps(), encoding_errors="surrogateescape")
                         .dumpb(), self.RAW)

    def test_surrogateescape_set_back(self):
        doc = fmatter.loads(self.RAW, encoding_errors="surrogateescape")
        body = doc.content
        doc["title"] = "new"
        doc.content = body
        self.assertEqual(doc.dumpb(), self.RAW.replace(b"title: ok", b"title: new"))
        doc.content = b"raw \x80 bytes\n"
        self.assertTrue(doc.dumpb().endswith(b"---\nraw \x80 bytes\n"))

    def test_surrogateescape_file_and_save(self):
        path = self.write("bad.md", self.RAW)
        doc = fmatter.load(path, encoding_errors="surrogateescape")
        doc.save()
        self.assertEqual(read_bytes(path), self.RAW)


class BodyText(unittest.TestCase):
    """The body's str is exactly bytes.decode's str, of the same kind (the
    same size in memory), under every encoding_errors."""

    PIECES = [b"a", b" ", b"\n", b"abcdefghijklmnopqrstuvwxyz0123456789", b"\xc3\xa9",
              b"\xc2\x80", b"\xc3\xbf", b"\xc4\x80", b"\xdf\xbf", b"\xe0\xa0\x80",
              b"\xe2\x80\x94", b"\xed\x9f\xbf", b"\xee\x80\x80", b"\xef\xbf\xbf",
              b"\xf0\x90\x80\x80", b"\xf4\x8f\xbf\xbf", b"\xff", b"\xc3", b"\x80", b"\xc0\x80",
              b"\xed\xa0\x80", b"\xe0\x80\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x00", b"\x7f"]

    def same(self, body):
        text = b"---\na: 1\n---\n" + body
        for errors in ("strict", "surrogateescape", "replace"):
            try:
                want = body.decode("utf-8", errors)
            except UnicodeDecodeError:
                with self.assertRaises(fmatter.ParseError):
                    fmatter.loads(text, encoding_errors=errors)
                continue
            got = fmatter.loads(text, encoding_errors=errors).content
            self.assertEqual(got, want, (body, errors))
            self.assertEqual(sys.getsizeof(got), sys.getsizeof(want), (body, errors))

    def test_lengths_and_kinds(self):
        # every length around the 8-, 16- and 32-byte steps, in each kind
        for n in range(0, 70):
            for tail in (b"", b"\xc3\xa9", b"\xe2\x80\x94", b"\xf0\x9f\x98\x80"):
                self.same(b"x" * n + tail + b"y" * (n % 17))
                self.same(tail + b"z" * n)

    def test_mixes(self):
        rnd = random.Random(17)
        for _ in range(3000):
            dense = rnd.random()
            self.same(b"".join(rnd.choice(self.PIECES) if rnd.random() < dense
                               else rnd.choice(self.PIECES[:4])
                               for _ in range(rnd.randrange(0, 40))))


if __name__ == "__main__":
    unittest.main()
