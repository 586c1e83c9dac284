# SPDX-License-Identifier: MIT
"""Changes are never lost: the mutation idioms of python-frontmatter users,
through fmatter.compat and the native Document, with the exact bytes out."""

import collections.abc
import datetime as dt
import os
import pickle
import unittest

import fmatter
import fmatter.compat as frontmatter
from fmtest import TempDirCase, read_bytes

SRC = ("---\n"
       "# a comment stays\n"
       "title: \"Hello\"   # and this one\n"
       "tags: [one]\n"
       "params:\n"
       "  author: Ann\n"
       "  list:\n"
       "    - 1\n"
       "  keep: 'as is'\n"
       "draft: yes\n"
       "---\n"
       "\n"
       "Body line.\n")


class CompatIdioms(unittest.TestCase):
    def dumps(self, change):
        post = frontmatter.loads(SRC)
        change(post)
        return frontmatter.dumps(post)

    def test_unchanged_is_the_same_text(self):
        self.assertEqual(self.dumps(lambda p: None), SRC)

    def test_append_to_a_list(self):
        self.assertEqual(self.dumps(lambda p: p["tags"].append("two")),
                         SRC.replace("tags: [one]", "tags: [one, two]"))

    def test_metadata_item(self):
        def change(p):
            p.metadata["title"] = "Bye"
        self.assertEqual(self.dumps(change), SRC.replace('"Hello"', '"Bye"'))

    def test_nested_dict_in_place(self):
        def change(p):
            p["params"]["author"] = "Bob"
            p["params"]["new"] = 1
            del p["params"]["keep"]
        self.assertEqual(self.dumps(change), SRC.replace(
            "  author: Ann\n", "  author: Bob\n").replace("  keep: 'as is'\n", "").replace(
            "    - 1\n", "    - 1\n  new: 1\n"))

    def test_nested_list_in_place(self):
        self.assertEqual(self.dumps(lambda p: p["params"]["list"].append(2)),
                         SRC.replace("    - 1\n", "    - 1\n    - 2\n"))

    def test_remove_and_add_keys(self):
        def change(p):
            del p["draft"]
            p["date"] = dt.date(2025, 1, 2)
        self.assertEqual(self.dumps(change),
                         SRC.replace("draft: yes\n", "date: 2025-01-02\n"))

    def test_replace_metadata_dict(self):
        def change(p):
            p.metadata = dict(p.metadata, title="New")
        self.assertEqual(self.dumps(change), SRC.replace('"Hello"', '"New"'))

    def test_content(self):
        def change(p):
            p.content = "New body."
        self.assertEqual(self.dumps(change), SRC.replace("Body line.", "New body."))

    def test_dump_to_file_keeps_the_change(self):
        import tempfile
        post = frontmatter.loads(SRC)
        post["tags"].append("two")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "post.md")
            frontmatter.dump(post, path)
            self.assertEqual(read_bytes(path).decode(),
                             SRC.replace("tags: [one]", "tags: [one, two]"))

    def test_dumps_leaves_the_post_as_it_was(self):
        post = frontmatter.loads(SRC)
        post["tags"].append("two")
        first = frontmatter.dumps(post)
        self.assertEqual(frontmatter.dumps(post), first)
        self.assertEqual(post["tags"], ["one", "two"])
        self.assertEqual(post.document.dumps(), SRC)  # the document as loaded

    def test_a_new_key_holding_a_dot_is_a_minimal_edit(self):
        """Paths are steps, so a new key holding a dot is added where it goes
        and the rest keeps its bytes (the trailing newline too)."""
        post = frontmatter.loads("---\nb: 1  # kept\n---\n\nBody.\n")
        post["og.title"] = "x"
        self.assertEqual(frontmatter.dumps(post),
                         "---\nb: 1  # kept\nog.title: x\n---\n\nBody.\n")

    def test_pickled_post_keeps_its_changes(self):
        post = frontmatter.loads(SRC)
        post["tags"].append("two")
        back = pickle.loads(pickle.dumps(post))
        self.assertEqual(frontmatter.dumps(back),
                         SRC.replace("tags: [one]", "tags: [one, two]"))


    def test_string_yes_survives_a_round_trip(self):
        """The library quotes the new string "yes" (`s: "yes"`), which YAML 1.1
        readers (PyYAML, and compat, which reads as PyYAML does) would read
        as True if it were plain."""
        post = frontmatter.loads("---\na: 1\n---\n")
        post["s"] = "yes"
        self.assertEqual(frontmatter.loads(frontmatter.dumps(post))["s"], "yes")


class DocumentIdioms(TempDirCase):
    def test_is_a_mutable_mapping(self):
        doc = fmatter.loads(SRC)
        self.assertIsInstance(doc, collections.abc.MutableMapping)
        self.assertEqual(list(doc.keys()), ["title", "tags", "params", "draft"])
        self.assertEqual(doc.pop("draft"), "yes")
        self.assertEqual(doc.pop("missing", 7), 7)
        self.assertEqual(doc.setdefault("title", "x"), "Hello")
        doc.update({"weight": 3}, lang="en")
        self.assertEqual(dict(doc.items())["weight"], 3)
        self.assertEqual(doc.dumps(), SRC.replace("draft: yes\n", "weight: 3\nlang: \"en\"\n"))
        doc.clear()
        self.assertEqual(doc.dumps(), "---\n# a comment stays\n---\n\nBody line.\n")

    def test_append_then_save(self):
        path = self.write("post.md", SRC)
        doc = fmatter.load(path)
        doc["tags"].append("x")
        doc.save()
        self.assertEqual(read_bytes(path).decode(),
                         SRC.replace("tags: [one]", "tags: [one, x]"))

    def test_nested_change_then_dumps(self):
        doc = fmatter.loads(SRC)
        doc["params"]["author"] = "Bob"
        doc["params"]["list"].append(2)
        self.assertEqual(doc["params"]["author"], "Bob")  # the same object again
        self.assertEqual(doc.dumps(), SRC.replace("author: Ann", "author: Bob").replace(
            "    - 1\n", "    - 1\n    - 2\n"))
        self.assertEqual(doc.metadata["params"]["list"], [1, 2])

    def test_every_whole_read_sees_the_change(self):
        for read in (lambda d: d.dumpb().decode(), str, lambda d: d.metadata["tags"],
                     lambda d: d.to_dict()["tags"], lambda d: d.parts()["front"].decode(),
                     lambda d: d.article.tags, lambda d: d.get_path("tags.1"),
                     lambda d: pickle.loads(pickle.dumps(d))["tags"]):
            doc = fmatter.loads(SRC)
            doc["tags"].append("x")
            self.assertIn("x", read(doc))

    def test_assigned_container_stays_attached(self):
        doc = fmatter.loads(SRC)
        tags = ["a"]
        doc["tags"] = tags
        tags.append("b")
        self.assertEqual(doc.dumps(), SRC.replace("tags: [one]", "tags: [a, b]"))
        self.assertIs(doc["tags"], tags)

    def test_path_edit_detaches_that_key_only(self):
        doc = fmatter.loads(SRC)
        tags, params = doc["tags"], doc["params"]
        tags.append("x")
        doc.set("params.author", "Bob")  # makes the pending tags change first
        params["author"] = "lost? no: detached"
        tags.append("y")  # tags is still attached
        # "y" is quoted: a boolean in YAML 1.1's type repository and Go's yaml
        self.assertEqual(doc.dumps(), SRC.replace("tags: [one]", 'tags: [one, x, "y"]')
                         .replace("author: Ann", "author: Bob"))
        self.assertIsNot(doc["params"], params)

    def test_unstorable_value_changes_nothing(self):
        doc = fmatter.loads(SRC)
        doc["tags"].append("fine")
        doc["params"]["bad"] = object()
        with self.assertRaises(TypeError):
            doc.dumps()
        doc["params"].pop("bad")
        self.assertEqual(doc.dumps(), SRC.replace("tags: [one]", "tags: [one, fine]"))

    def test_types_count(self):
        doc = fmatter.loads("---\nn: 1\nf: 1.0\nb: true\n---\n")
        n = doc["n"]
        self.assertEqual(doc.dumps(), "---\nn: 1\nf: 1.0\nb: true\n---\n")
        lst = fmatter.loads("---\nl: [1, 2]\n---\n")
        lst["l"][0] = True  # True == 1, but it is another value
        self.assertEqual(lst.dumps(), "---\nl: [true, 2]\n---\n")
        self.assertEqual(n, 1)

    def test_to_dict_never_loses_a_content_key(self):
        doc = fmatter.loads("---\ncontent: a key\n---\nbody\n")
        with self.assertRaises(ValueError) as cm:
            doc.to_dict()
        self.assertIn("content_key", str(cm.exception))
        self.assertEqual(doc.to_dict(content_key="body"), {"content": "a key",
                                                           "body": "body\n"})


if __name__ == "__main__":
    unittest.main()
