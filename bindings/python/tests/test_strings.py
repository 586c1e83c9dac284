# SPDX-License-Identifier: MIT
"""Bodies and strings made into str: every width (ASCII, Latin-1, two and
four bytes a character), every length around the steps the decoder takes,
bytes that are not UTF-8 under each encoding_errors, empty bodies, a BOM,
CRLF; each compared with what bytes.decode gives, through fmatter.load(s)
and fmatter.compat.load(s)."""

import os
import random
import shutil
import tempfile
import unittest

import fmatter
import fmatter.compat as compat

FRONT = b"---\ntitle: T\n---\n"

# One character of each width, and text around them.
CHARS = ["a", "\u00e9", "\u00ff", "\u0100", "\u2014", "\uffff", "\U0001f600", "\U0010ffff"]


def bodies():
    """Valid bodies: each width alone and mixed, at lengths around 16, 32
    and 64 bytes, the wide character first, last and in the middle."""
    out = [b"", b"x", b"xy", b"\n", b"\n\n  \n"]
    for n in (0, 1, 15, 16, 17, 30, 31, 32, 33, 63, 64, 65, 200):
        run = "abcdefghijklmnopqrstuvwxyz0123456789"[: n % 36] * (n // 36 + 1)
        run = run[:n]
        for c in CHARS:
            for text in (run + c, c + run, run + c + run, c * 3 + run + c * 2,
                         (run + c) * 5):
                out.append(text.encode("utf-8"))
    return out


# Bytes that are not UTF-8: lone continuations, leads without their
# continuations, overlong forms, surrogates, past U+10FFFF, bytes never used.
BAD = [b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xc2A", b"\xe0\x80\x80",
       b"\xe0\x9f\xbf", b"\xe2\x80", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf0\x80\x80\x80",
       b"\xf0\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xf8", b"\xfe",
       b"\xff", b"\xf0\x9f\x98"]


def bad_bodies():
    """Bodies with one bad sequence before, inside and after runs of valid
    text long enough for the two-pass decoder."""
    pad = "long enough valid text \u2014 with a dash \U0001f600 ".encode("utf-8")
    for bad in BAD:
        for body in (bad + pad, pad + bad, pad + bad + pad, pad + pad + bad):
            yield body


class Bodies(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir, True)

    def write(self, data):
        path = os.path.join(self.dir, "a.md")
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_valid_bodies_read_as_decode(self):
        for body in bodies():
            text = FRONT + body
            want = body.decode("utf-8")
            for errors in ("strict", "surrogateescape", "replace"):
                with self.subTest(body=body, errors=errors):
                    doc = fmatter.loads(text, encoding_errors=errors)
                    self.assertEqual(doc.content, want)
                    self.assertEqual(doc.dumps(), text.decode("utf-8"))
            post = compat.load(self.write(text))
            self.assertEqual(post.content, want.strip())
            self.assertEqual(compat.loads(text).content, want.strip())

    def test_widths_are_the_decoders(self):
        # Same str, so same width: equal strs of another width would compare
        # unequal; isascii and max tell the width too.
        for c in CHARS:
            body = ("x" * 40 + c + "y" * 40).encode("utf-8")
            got = fmatter.loads(FRONT + body).content
            self.assertEqual(got, body.decode("utf-8"))
            self.assertEqual(got.isascii(), c == "a")
            self.assertEqual(max(got), max("xy" + c))
            self.assertEqual(hash(got), hash(body.decode("utf-8")))

    def test_keys_and_values(self):
        # (U+FFFF is no YAML character: it stays out of front matter)
        long = "k" * 40
        for c in [c for c in CHARS[1:] if c != "\uffff"]:
            src = f"---\n{long}{c}: {long}{c}{long}\nshort{c}: v{c}\n---\n"
            meta = fmatter.loads(src).metadata
            self.assertEqual(meta, {long + c: long + c + long, "short" + c: "v" + c})

    def test_keys_across_documents(self):
        # Keys are kept from one document to the next (a cache of 256
        # slots): many keys, so slots are taken over, keys that differ by
        # one byte or in length, long and non-ASCII keys, nested mappings.
        names = [f"k{i}" for i in range(1000)] + ["a", "ab", "ba", "b", "k" * 32,
                                                  "k" * 33, "\u00e9t\u00e9", "x y"]
        for rnd in range(3):
            for start in range(0, len(names), 50):
                part = names[start:start + 50]
                src = "---\n" + "".join(f"'{k}': {i + rnd}\nn{i}: {{'{k}': [{{'{k}': x}}]}}\n"
                                        for i, k in enumerate(part)) + "---\n"
                want = {}
                for i, k in enumerate(part):
                    want[k] = i + rnd
                    want[f"n{i}"] = {k: [{k: "x"}]}
                meta = fmatter.loads(src).metadata
                self.assertEqual(meta, want)
                self.assertEqual(list(meta), list(want))
                post = compat.load(self.write(src.encode()))
                self.assertEqual(post.metadata, want)

    def test_bad_bytes_by_encoding_errors(self):
        for body in bad_bodies():
            text = FRONT + body
            for errors in ("surrogateescape", "replace"):
                with self.subTest(body=body, errors=errors):
                    doc = fmatter.loads(text, encoding_errors=errors)
                    self.assertEqual(doc.content, body.decode("utf-8", errors))
            with self.subTest(body=body, errors="strict"):
                with self.assertRaises(fmatter.ParseError) as strict:
                    fmatter.loads(text)
                self.assertEqual(strict.exception.code, "encoding")

    def test_bad_bytes_in_compat_load_as_in_load(self):
        # compat.load decodes the body itself: a bad byte raises the error
        # fmatter.load gives, line, column and offset included.
        for body in bad_bodies():
            path = self.write(FRONT + b"\n" + body)
            with self.subTest(body=body):
                with self.assertRaises(fmatter.ParseError) as want:
                    fmatter.load(path)
                with self.assertRaises(fmatter.ParseError) as got:
                    compat.load(path)
                self.assertEqual(str(got.exception), str(want.exception))
                for attr in ("code", "line", "column", "offset", "message", "path"):
                    self.assertEqual(getattr(got.exception, attr),
                                     getattr(want.exception, attr))

    def test_one_pinned_error(self):
        body = ("ok \u00e9 " * 10).encode("utf-8") + b"\n\xff tail\n"
        path = self.write(FRONT + b"\n" + body)
        with self.assertRaises(fmatter.ParseError) as e:
            compat.load(path)
        self.assertEqual(str(e.exception),
                         f"{path}:6:1: invalid UTF-8 byte 0xff in the body")
        self.assertEqual((e.exception.line, e.exception.column, e.exception.offset),
                         (6, 1, len(FRONT) + 1 + len(body) - 7))

    def test_random_bytes_against_decode(self):
        rng = random.Random(17)
        alphabet = [bytes([b]) for b in b"ab \n\r"] + BAD + [c.encode("utf-8") for c in CHARS]
        for _ in range(400):
            body = b"".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
            text = FRONT + body
            for errors in ("surrogateescape", "replace"):
                self.assertEqual(fmatter.loads(text, encoding_errors=errors).content,
                                 body.decode("utf-8", errors), (body, errors))
            try:
                want = body.decode("utf-8")
            except UnicodeDecodeError:
                with self.assertRaises(fmatter.ParseError):
                    compat.load(self.write(text))
            else:
                got = compat.load(self.write(text))
                self.assertEqual(got.content, want.replace("\r\n", "\n").strip(), body)

    def test_bom_crlf_and_empty(self):
        body = ("line one \u2014 long enough\r\nline two \U0001f600\r\n" * 3).encode("utf-8")
        for text in (b"\xef\xbb\xbf" + FRONT + body, FRONT.replace(b"\n", b"\r\n") + body):
            post = compat.load(self.write(text))
            want = body.decode("utf-8")
            self.assertEqual(post.content, want.replace("\r\n", "\n").strip())
            self.assertEqual(fmatter.loads(text).content, want)
            self.assertEqual(compat.dumps(post), text.decode("utf-8"))
        for text in (FRONT, FRONT + b"\n", FRONT + b"   \n\n"):
            post = compat.load(self.write(text))
            self.assertEqual(post.content, "")
            self.assertEqual(compat.dumps(post), text.decode("utf-8"))


if __name__ == "__main__":
    unittest.main()
