# SPDX-License-Identifier: MIT
"""Document.convert: the library's fm_doc_convert, exact text out, errors
with the key named and the document unchanged; on the shared corpus, the
TOML it writes is read back by tomllib and the YAML by PyYAML as the values
fmatter read (each skipped, saying so, when missing)."""

import datetime as dt
import os
import unittest

import fmatter
from fmtest import CORPUS, TempDirCase, read_bytes

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None
try:
    import yaml
except ImportError:
    yaml = None

SRC = """\
---
# The title
title: Hello # shown
params:
  author: Ann
tags: [a, b]
date: 2025-02-11
---
Body
"""

AS_TOML = """\
+++
# The title
title = "Hello" # shown
tags = ["a", "b"]
date = 2025-02-11

[params]
author = "Ann"
+++
Body
"""

AS_JSON = """\
{
  "title": "Hello",
  "params": {
    "author": "Ann"
  },
  "tags": ["a", "b"],
  "date": "2025-02-11"
}
Body
"""


class Convert(unittest.TestCase):
    def test_yaml_to_toml_exact(self):
        doc = fmatter.loads(SRC)
        doc.convert("toml")
        self.assertEqual(doc.dumps(), AS_TOML)
        self.assertEqual(doc.format, "toml")
        self.assertEqual(doc["date"], dt.date(2025, 2, 11))
        self.assertEqual(doc.content, "Body\n")

    def test_yaml_to_json_exact(self):
        doc = fmatter.loads(SRC)
        doc.convert("json")
        self.assertEqual(doc.dumps(), AS_JSON)
        self.assertEqual(doc["date"], "2025-02-11")

    def test_and_back(self):
        doc = fmatter.loads(AS_TOML)
        doc.convert("yaml")
        self.assertEqual(doc.dumps(), "---\n# The title\ntitle: Hello # shown\n"
                         "tags: [a, b]\ndate: 2025-02-11\nparams:\n  author: Ann\n---\nBody\n")

    def test_same_format_is_a_no_op(self):
        doc = fmatter.loads(SRC)
        doc.convert("yaml")
        self.assertEqual(doc.dumps(), SRC)

    def test_in_place_changes_are_kept(self):
        doc = fmatter.loads(SRC)
        doc["tags"].append("c")
        doc.convert("toml")
        self.assertIn('tags = ["a", "b", "c"]\n', doc.dumps())

    def test_what_toml_cannot_hold(self):
        text = "---\nlist:\n  - a\n  - {b: ~}\n---\n"
        doc = fmatter.loads(text)
        with self.assertRaises(fmatter.EditError) as cm:
            doc.convert("toml")
        e = cm.exception
        self.assertEqual(e.code, "convert")
        self.assertEqual(e.message, "'list[1].b' is null: TOML has no null")
        self.assertEqual((e.line, e.column), (4, 9))
        self.assertEqual(doc.dumps(), text)
        self.assertEqual(doc.format, "yaml")

    def test_what_json_cannot_hold(self):
        doc = fmatter.loads("+++\nt = 07:32:00\n+++\n")
        with self.assertRaises(fmatter.EditError) as cm:
            doc.convert("json")
        self.assertEqual(cm.exception.message,
                         "'t' is a time of day without a date: JSON has none")

    def test_bad_format(self):
        doc = fmatter.loads(SRC)
        with self.assertRaises(ValueError) as cm:
            doc.convert("xml")
        self.assertEqual(str(cm.exception), "format must be 'yaml', 'json' or 'toml'")
        with self.assertRaises(TypeError):
            doc.convert(1)
        self.assertEqual(doc.dumps(), SRC)


class Save(TempDirCase):
    def test_convert_then_save(self):
        path = os.path.join(self.tmp, "p.md")
        with open(path, "w") as f:
            f.write(SRC)
        doc = fmatter.load(path)
        doc.convert("toml")
        doc.save()
        self.assertEqual(read_bytes(path), AS_TOML.encode())


def corpus_yaml_files():
    out = []
    for root, _, files in os.walk(CORPUS):
        for name in files:
            if name.endswith((".md", ".markdown", ".html")):
                out.append(os.path.join(root, name))
    return sorted(out)


def toml_block(text):
    """The TOML between the +++ fences of a converted document."""
    lines = text.split("\n")
    assert lines[0].rstrip("\r") == "+++", lines[0]
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r") == "+++")
    return "\n".join(lines[1:end]) + "\n"


def yaml_block(text):
    lines = text.split("\n")
    assert lines[0].rstrip("\r") == "---", lines[0]
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r") == "---")
    return "\n".join(lines[1:end]) + "\n"


@unittest.skipUnless(os.path.isdir(CORPUS), "shared corpus not found at " + CORPUS)
class RealReaders(unittest.TestCase):
    """Every corpus file with YAML front matter that TOML can hold: tomllib
    reads the TOML as fmatter's values; converted back to YAML, PyYAML
    reads them too (and fmatter reads the very same values again)."""

    def docs(self):
        n = refused = 0
        for path in corpus_yaml_files():
            try:
                doc = fmatter.load(path)
            except fmatter.ParseError:
                continue
            if doc.format != "yaml":
                continue
            want = doc.metadata
            try:
                doc.convert("toml")
            except fmatter.EditError as e:
                self.assertEqual(e.code, "convert", path)
                self.assertRegex(e.message, r"^(key )?'[^']*'", path)
                refused += 1
                continue
            n += 1
            yield path, want, doc
        self.assertGreater(n, 1000)
        print("corpus: %d files converted, %d refused (TOML cannot hold them)"
              % (n, refused))

    @unittest.skipIf(tomllib is None, "tomllib not available (Python < 3.11)")
    def test_tomllib_reads_the_toml(self):
        for path, want, doc in self.docs():
            got = tomllib.loads(toml_block(doc.dumps()))
            self.assertEqual(got, want, path)

    @unittest.skipIf(yaml is None, "PyYAML not found (Debian: python3-yaml)")
    def test_pyyaml_reads_the_yaml_back(self):
        for path, want, doc in self.docs():
            doc.convert("yaml")
            self.assertEqual(doc.metadata, want, path)
            got = yaml.load(yaml_block(doc.dumps()), Loader=yaml.SafeLoader)
            if got is None and want == {}:
                got = {}  # an empty YAML document is null to PyYAML
            self.assertEqual(got, want, path)


if __name__ == "__main__":
    unittest.main()
