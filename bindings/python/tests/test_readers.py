# SPDX-License-Identifier: MIT
"""Strings set from Python read back the same in other YAML readers.

As a unittest module: strings that YAML 1.1 readers (PyYAML, Psych, Go's
yaml) or js-yaml would type, written with doc[key] = s and as keys, come
back from PyYAML as those strings. As a script (run by
tests/readers/write.sh): test_readers.py BATTERY MANIFEST writes every
string of the battery (hex, one per line) through the binding, each written
document into MANIFEST with what it must read back as, for the reader tests
of tests/readers/ (see tests/readers/write.c for the format).
"""

import sys
import unittest

import fmatter

VALUE = "---\nk: old\nz: 1\n---\nbody\n"
NEW_KEY = "---\nz: 1\n---\nbody\n"
RENAME = "---\nk: v\nz: 1\n---\nbody\n"


def edits(s):
    """(name, kind, path, text) of each way a string is written."""
    doc = fmatter.loads(VALUE)
    doc["k"] = s
    yield "plain", "value", "k", doc.dumpb()
    doc = fmatter.loads(NEW_KEY)
    doc["k"] = s
    yield "new key", "value", "k", doc.dumpb()
    doc = fmatter.loads(NEW_KEY)
    doc["k"] = [s]
    yield "list item", "value", "k.0", doc.dumpb()
    doc = fmatter.loads(NEW_KEY)
    doc["m"] = {s: "v"}
    yield "mapping key", "key", "m", doc.dumpb()
    doc = fmatter.loads(RENAME)
    doc.rename("k", s)
    yield "renamed key", "key", "", doc.dumpb()


def write(battery, manifest_path):
    """Writes each string of the battery file; returns how many failed."""
    failed = written = 0
    with open(battery, encoding="ascii") as f:
        strings = [bytes.fromhex(line.strip()).decode("utf-8") for line in f]
    with open(manifest_path, "w", encoding="ascii") as manifest:
        for i, s in enumerate(strings):
            try:
                for e, (_, kind, path, text) in enumerate(edits(s)):
                    manifest.write(f"py{e}-{i:05}\t{kind}\t{path}\t{s.encode().hex()}"
                                   f"\t{text.hex()}\n")
                    written += 1
            except (ValueError, TypeError) as e:
                print(f"python: writing {s!r} failed: {e}", file=sys.stderr)
                failed += 1
    print(f"{manifest_path}: wrote {written} documents, {failed} failed")
    return failed


def front_matter(text):
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i] == "---")
    return "\n".join(lines[1:end]) + "\n"


# Each is read as something else by at least one mainstream reader.
LOOKALIKES = [
    "yes", "No", "ON", "off", "y", "N", "true", "False", "~", "null", "NULL", "",
    "1:20", "190:20:30", "0b101", "0o17", "0x1F", "017", "1_000", "1,000", "=", "<<",
    "2025-01-01", "2025-01-01 10:00:00", "2025-01-01T10:00:00Z", ".inf", "-.Inf",
    ".NaN", "1e3", "1.0e+3", "1.", ".5", "+.5", ":x", " lead", "trail ",
]


class ReadBackByPyYAML(unittest.TestCase):
    def setUp(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("PyYAML is not installed (Debian: python3-yaml)")
        self.yaml = yaml

    def test_lookalikes_come_back_as_strings(self):
        for s in LOOKALIKES:
            for name, kind, path, text in edits(s):
                with self.subTest(s=s, shape=name):
                    data = self.yaml.safe_load(front_matter(text.decode()))
                    self.assertEqual(data["z"], 1)
                    if kind == "key":
                        where = data[path] if path else data
                        self.assertIn(s, where)
                        self.assertEqual(where[s], "v")
                        self.assertEqual([type(k) for k in where], [str] * len(where))
                    else:
                        got = data["k"][0] if path == "k.0" else data["k"]
                        self.assertIs(type(got), str)
                        self.assertEqual(got, s)


class ExactText(unittest.TestCase):
    def check(self, s, line):
        doc = fmatter.loads(VALUE)
        doc["k"] = s
        self.assertEqual(doc.dumps(), f"---\nk: {line}\nz: 1\n---\nbody\n")

    def test_typed_lookalikes_are_quoted(self):
        self.check("yes", '"yes"')
        self.check("1:20", '"1:20"')
        self.check("<<", '"<<"')
        self.check("2025-01-01", '"2025-01-01"')

    def test_plain_strings_stay_plain(self):
        self.check("hello", "hello")
        self.check("1.2.3", "1.2.3")
        self.check("2025-01-01-post", "2025-01-01-post")

    def test_a_key_that_reads_as_a_bool_is_quoted(self):
        doc = fmatter.loads(RENAME)
        doc.rename("k", "on")
        self.assertEqual(doc.dumps(), '---\n"on": v\nz: 1\n---\nbody\n')


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: test_readers.py BATTERY MANIFEST", file=sys.stderr)
        sys.exit(2)
    sys.exit(1 if write(sys.argv[1], sys.argv[2]) else 0)
