# SPDX-License-Identifier: MIT
"""Errors: ParseError positions and codes, OSError for I/O, options."""

import errno
import os
import pickle
import re
import unittest

import fmatter
from fmtest import TempDirCase, data, data_inputs, read_bytes


class ParseErrors(TempDirCase):
    def test_duplicate_key_exact(self):
        path = data("yaml", "duplicate-key", "input.md")
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.load(path)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual((e.line, e.column, e.code), (4, 1, "duplicate-key"))
        self.assertEqual(e.offset, read_bytes(path).index(b"title: two"))
        self.assertEqual(e.path, path)
        self.assertEqual(e.message, 'duplicate key "title" (first at line 2, column 1)')
        self.assertEqual(str(e),
                         f'{path}:4:1: duplicate key "title" (first at line 2, column 1)')
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.loads(read_bytes(path))
        self.assertEqual(str(cm.exception),
                         '<string>:4:1: duplicate key "title" (first at line 2, column 1)')
        self.assertIsNone(cm.exception.path)

    def test_syntax_error_exact(self):
        text = "---\ntitle: ok\ntags: [a, b\ndraft: true\n---\nbody\n"
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.loads(text)
        e = cm.exception
        self.assertEqual((e.line, e.column, e.code), (4, 6, "syntax"))
        self.assertEqual(e.offset, text.index(": true"))
        self.assertEqual(e.message, "did not find expected ',' or ']' "
                                    "(while parsing a flow sequence at line 3, column 7)")
        self.assertEqual(str(e), "<string>:4:6: did not find expected ',' or ']' "
                                 "(while parsing a flow sequence at line 3, column 7)")

    def test_columns_count_characters(self):
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.loads("---\nключ: значение\n  bad: x\n---\n")
        self.assertEqual((cm.exception.line, cm.exception.column), (3, 6))

    def test_every_data_error(self):
        """Every tests/data case with expected.err: line, column and message."""
        checked = 0
        for path in data_inputs():
            err = os.path.join(os.path.dirname(path), "expected.err")
            if not os.path.exists(err):
                continue
            with self.subTest(path=path):
                with open(err, encoding="utf-8") as f:
                    m = re.match(r"input\.md:(\d+):(\d+): error: (.*)$", f.readline().rstrip("\n"))
                line, column, message = int(m.group(1)), int(m.group(2)), m.group(3)
                with self.assertRaises(fmatter.ParseError) as cm:
                    fmatter.load(path)
                e = cm.exception
                self.assertEqual((e.line, e.column, e.message), (line, column, message))
                self.assertEqual(str(e), f"{path}:{line}:{column}: {message}")
                checked += 1
        self.assertGreaterEqual(checked, 8)

    def test_codes(self):
        cases = {
            "+++\na = 1\na = 2\n+++\n": "duplicate-key",
            "---\na: 1\n": "unterminated",
            "---\n- a\n---\n": "not-mapping",
            "---\na: !!int x\n---\n": "tag",
        }
        for text, code in cases.items():
            with self.subTest(code=code):
                with self.assertRaises(fmatter.ParseError) as cm:
                    fmatter.loads(text)
                self.assertEqual(cm.exception.code, code)
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.loads(b"\xff\xfe-\x00-\x00-\x00")
        self.assertEqual(cm.exception.code, "encoding")

    def test_options(self):
        self.assertEqual(fmatter.loads("---\na: 1\n", lenient=True).metadata, {})
        self.assertEqual(fmatter.loads("---\na: 1\na: 2\n---\n",
                                       allow_duplicates=True)["a"], 2)

    def test_built_by_hand(self):
        for cls in (fmatter.ParseError, fmatter.EditError):
            e = cls("boom")
            self.assertEqual(str(e), "boom")
            self.assertEqual((e.path, e.line, e.column, e.offset, e.code, e.message),
                             (None,) * 6)

    def test_pickles_with_attributes(self):
        with self.assertRaises(fmatter.ParseError) as cm:
            fmatter.loads("---\na: 1\na: 2\n---\n")
        e = pickle.loads(pickle.dumps(cm.exception))
        self.assertIs(type(e), fmatter.ParseError)
        self.assertEqual((e.line, e.column, e.code, str(e)),
                         (3, 1, "duplicate-key", str(cm.exception)))


class Arguments(unittest.TestCase):
    def test_load_and_loads_arguments(self):
        raw = fmatter._fmatter
        doc = raw.loads(text=b"---\na: yes\na: 2\n---\n", allow_duplicates=1, yaml11=[])
        self.assertEqual(doc["a"], 2)
        self.assertIs(raw.loads(b"---\na: yes\n---\n", yaml11="y")["a"], True)
        self.assertEqual(raw.loads("---\na: yes\n---\n", yaml11=False,
                                   encoding_errors=None)["a"], "yes")
        cases = [
            (lambda: raw.load(), TypeError, "load() missing required argument 'file' (pos 1)"),
            (lambda: raw.loads(b"", b""), TypeError,
             "loads() takes at most 1 positional argument (2 given)"),
            (lambda: raw.load("x", nope=1), TypeError,
             "'nope' is an invalid keyword argument for load()"),
            (lambda: raw.load("x", file="y"), TypeError,
             "argument for load() given by name ('file') and position (1)"),
            (lambda: raw.loads(b"", encoding_errors=3), TypeError,
             "loads() argument 'encoding_errors' must be str or None, not int"),
            (lambda: raw.loads(b"", encoding_errors="no"), ValueError,
             "encoding_errors must be 'strict', 'surrogateescape' or 'replace'"),
        ]
        for call, exc, message in cases:
            with self.assertRaises(exc) as cm:
                call()
            self.assertEqual(str(cm.exception), message)


class IOErrors(TempDirCase):
    def test_missing_file(self):
        path = os.path.join(self.tmp, "missing.md")
        with self.assertRaises(FileNotFoundError) as cm:
            fmatter.load(path)
        self.assertEqual(cm.exception.errno, errno.ENOENT)
        self.assertEqual(cm.exception.filename, path)

    def test_directory(self):
        with self.assertRaises(IsADirectoryError) as cm:
            fmatter.load(self.tmp)
        self.assertEqual(cm.exception.errno, errno.EISDIR)

    @unittest.skipIf(hasattr(os, "geteuid") and os.geteuid() == 0,
                     "running as root: permissions are not enforced")
    def test_permission(self):
        path = self.write("secret.md", "---\na: 1\n---\n")
        os.chmod(path, 0)
        with self.assertRaises(PermissionError):
            fmatter.load(path)

    def test_errno_not_the_message(self):
        """The OSError subclass comes from fm_error.sys_errno."""
        missing_dir = os.path.join(self.tmp, "no", "such")
        doc = fmatter.loads("---\na: 1\n---\n")
        with self.assertRaises(FileNotFoundError) as cm:
            doc.save(os.path.join(missing_dir, "x.md"))
        self.assertEqual(cm.exception.filename, os.path.join(missing_dir, "x.md"))
        with self.assertRaises(OSError) as cm:
            doc.save(self.tmp)  # a folder is not a regular file
        self.assertEqual(cm.exception.errno, errno.EINVAL)
        out = fmatter.load_many([self.tmp, missing_dir], errors="collect")
        self.assertEqual([type(e) for e in out], [IsADirectoryError, FileNotFoundError])
        self.assertEqual([e.filename for e in out], [self.tmp, missing_dir])

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            fmatter.load(42)
        with self.assertRaises(ValueError):
            fmatter.load("nul\0byte")


if __name__ == "__main__":
    unittest.main()
