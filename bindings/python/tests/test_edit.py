# SPDX-License-Identifier: MIT
"""Edits through the library's minimal-diff edit functions, and save()."""

import datetime as dt
import os
import stat
import unittest

import fmatter
from fmtest import ARTICLE, TempDirCase, read_bytes

SRC = """\
---
# a comment that must survive
title: Hello   # trailing comment
draft: true
tags: [a, b]
params:
  author: Bob
  nested:
    deep: 1
---
Body text.
"""


class Edits(unittest.TestCase):
    def setUp(self):
        self.doc = fmatter.loads(SRC)

    def test_title_edit_changes_only_its_line(self):
        original = read_bytes(ARTICLE).decode("utf-8")
        doc = fmatter.load(ARTICLE)
        doc["title"] = "New"
        before, after = original.splitlines(True), doc.dumps().splitlines(True)
        self.assertEqual(len(before), len(after))
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        self.assertEqual(changed, [1])
        self.assertEqual(after[1], 'title: "New"\n')
        self.assertEqual(doc.dumps(), original.replace(
            'title: "Mistral gets down to business"', 'title: "New"', 1))
        self.assertEqual(doc["title"], "New")

    def test_set_existing_keeps_comments(self):
        self.doc["title"] = "Bye"
        self.assertEqual(self.doc.dumps(),
                         SRC.replace("title: Hello   #", "title: Bye   #"))

    def test_set_new_key_at_end(self):
        self.doc["weight"] = 5
        self.assertEqual(self.doc.dumps(),
                         SRC.replace("    deep: 1\n", "    deep: 1\nweight: 5\n"))
        self.assertEqual(list(self.doc)[-1], "weight")

    def test_delete(self):
        del self.doc["draft"]
        self.assertEqual(self.doc.dumps(), SRC.replace("draft: true\n", ""))
        with self.assertRaises(KeyError):
            del self.doc["draft"]
        self.assertNotIn("draft", self.doc)

    def test_content(self):
        self.doc.content = "New body.\n"
        self.assertEqual(self.doc.dumps(), SRC.replace("Body text.\n", "New body.\n"))
        self.doc.body = ""
        self.assertEqual(self.doc.dumps(), SRC.replace("Body text.\n", ""))
        with self.assertRaises(TypeError):
            self.doc.content = 5
        with self.assertRaises(AttributeError):
            del self.doc.content

    def test_dotted_set(self):
        self.doc.set("params.author", "x")
        self.assertEqual(self.doc.dumps(), SRC.replace("author: Bob", "author: x"))
        self.doc.set("params.nested.deep", 2)
        self.assertEqual(self.doc.get_path("params.nested.deep"), 2)
        self.doc.set("params.new.key", "v")
        self.assertEqual(self.doc["params"]["new"], {"key": "v"})
        self.doc.set("tags.0", "z")
        self.assertEqual(self.doc["tags"], ["z", "b"])
        self.assertIn("tags: [z, b]\n", self.doc.dumps())

    def test_remove_path(self):
        self.doc.remove("params.nested")
        self.assertEqual(self.doc["params"], {"author": "Bob"})
        self.assertEqual(self.doc.dumps(), SRC.replace("  nested:\n    deep: 1\n", ""))

    def test_rename(self):
        self.doc.rename("title", "Title")
        self.assertEqual(self.doc.dumps(), SRC.replace("title: Hello", "Title: Hello"))
        self.doc.rename("params.author", "writer")
        self.assertEqual(self.doc["params"]["writer"], "Bob")

    def test_insert_after(self):
        self.doc.insert_after("subtitle", "title", "Sub")
        self.assertEqual(list(self.doc), ["title", "subtitle", "draft", "tags", "params"])
        self.assertEqual(self.doc.dumps(), SRC.replace(
            "trailing comment\n", "trailing comment\nsubtitle: Sub\n"))

    def test_dates(self):
        self.doc["date"] = dt.datetime(2025, 2, 11, 1, 2, 3, tzinfo=dt.timezone.utc)
        self.doc["day"] = dt.date(2025, 1, 1)
        self.assertTrue(self.doc.dumps().endswith(
            "date: 2025-02-11T01:02:03Z\nday: 2025-01-01\n---\nBody text.\n"))
        self.assertEqual(self.doc["day"], dt.date(2025, 1, 1))

    def test_new_front_matter_on_plain_markdown(self):
        doc = fmatter.loads("just body\n")
        doc["title"] = "x"
        self.assertEqual(doc.dumps(), "---\ntitle: x\n---\njust body\n")

    def test_errors(self):
        cases = [
            (lambda: self.doc.rename("missing", "x"), "not-found", "missing"),
            (lambda: self.doc.remove("params.nope"), "not-found", "params.nope"),
            (lambda: self.doc.set("title.x", 1), "type", "title.x"),
            (lambda: self.doc.insert_after("k", "missing", 1), "not-found", "k"),
            (lambda: self.doc.set("params.", 1), "argument", "params."),
        ]
        for fn, code, path in cases:
            with self.subTest(code=code, path=path):
                with self.assertRaises(fmatter.EditError) as cm:
                    fn()
                self.assertIsInstance(cm.exception, ValueError)
                self.assertEqual(cm.exception.code, code)
                self.assertEqual(cm.exception.path, path)
                self.assertEqual(str(cm.exception), cm.exception.message)
        self.assertEqual(self.doc.dumps(), SRC)  # a failed edit changes nothing

    def test_new_key_holding_a_dot(self):
        """doc[key] takes the key as it is: a new key may hold dots."""
        doc = fmatter.loads("---\nparams:\n  a: 1\n---\n")
        doc["og.title"] = "x"
        self.assertEqual(doc.dumps(), "---\nparams:\n  a: 1\nog.title: x\n---\n")
        self.assertEqual(doc["og.title"], "x")
        del doc["og.title"]
        self.assertEqual(doc.dumps(), "---\nparams:\n  a: 1\n---\n")

    def test_paths_as_steps(self):
        """Tuples of keys and indexes name any place, with no path syntax."""
        doc = fmatter.loads("---\nparams:\n  og.title: T\ntags: [a, b]\n---\n")
        self.assertEqual(doc.get(("params", "og.title")), "T")
        self.assertEqual(doc.get_path(("tags", 1)), "b")
        self.assertEqual(doc.get_path('params."og.title"'), "T")
        self.assertEqual(doc.get_path("tags[1]"), "b")
        self.assertIsNone(doc.get(("params", "nope")))
        doc.set(("params", "og.image"), "i.png")
        doc.set(("tags", 0), "z")
        doc.rename(("params", "og.title"), "og:title")
        doc.remove(["tags", 1])
        self.assertEqual(doc.dumps(), "---\nparams:\n  og:title: T\n  og.image: i.png\n"
                                      "tags: [z]\n---\n")
        with self.assertRaises(TypeError):
            doc.get_path(("tags", 1.5))
        with self.assertRaises(IndexError):
            doc.set(("tags", -1), "x")
        with self.assertRaises(fmatter.EditError) as cm:
            doc.remove(("params", "og.x"))
        self.assertEqual(str(cm.exception), "no key 'params.\"og.x\"'")

    def test_existing_dotted_key(self):
        doc = fmatter.loads("---\na.b: 1\n---\n")
        doc["a.b"] = 2
        self.assertEqual(doc.dumps(), "---\na.b: 2\n---\n")
        del doc["a.b"]
        self.assertEqual(doc.metadata, {})


class Save(TempDirCase):
    def test_save_to_origin(self):
        path = self.write("post.md", SRC)
        os.chmod(path, 0o640)
        doc = fmatter.load(path)
        doc["title"] = "Saved"
        doc.save()
        self.assertEqual(read_bytes(path).decode(), SRC.replace("Hello", "Saved"))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o640)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["post.md"])  # no temporary left

    def test_save_elsewhere(self):
        doc = fmatter.loads(SRC)
        with self.assertRaises(ValueError):
            doc.save()
        target = os.path.join(self.tmp, "out.md")
        doc.save(target)
        self.assertEqual(read_bytes(target).decode(), SRC)
        self.assertIsNone(doc.path)

    def test_conflict_and_force(self):
        path = self.write("post.md", SRC)
        doc = fmatter.load(path)
        doc["title"] = "Mine"
        changed = SRC.replace("Hello", "Theirs")
        with open(path, "w") as f:
            f.write(changed)
        with self.assertRaises(fmatter.EditError) as cm:
            doc.save()
        self.assertEqual(cm.exception.code, "conflict")
        self.assertEqual(read_bytes(path).decode(), changed)  # untouched
        doc.save(force=True)
        self.assertEqual(read_bytes(path).decode(), SRC.replace("Hello", "Mine"))
        doc["title"] = "Again"
        doc.save()  # the save became the new baseline
        self.assertEqual(read_bytes(path).decode(), SRC.replace("Hello", "Again"))

    def test_read_only_refused_unless_forced(self):
        path = self.write("post.md", SRC)
        os.chmod(path, 0o444)
        doc = fmatter.load(path)
        doc["title"] = "New"
        with self.assertRaises(fmatter.EditError) as cm:
            doc.save()
        self.assertEqual(cm.exception.code, "refused")
        self.assertEqual(read_bytes(path).decode(), SRC)
        doc.save(force=True)
        self.assertEqual(read_bytes(path).decode(), SRC.replace("Hello", "New"))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o444)

    def test_save_errors(self):
        doc = fmatter.loads(SRC)
        with self.assertRaises(FileNotFoundError):
            doc.save(os.path.join(self.tmp, "no", "such", "dir.md"))
        with self.assertRaises(OSError):
            doc.save(self.tmp)  # a directory


if __name__ == "__main__":
    unittest.main()
