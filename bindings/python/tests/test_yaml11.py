# SPDX-License-Identifier: MIT
"""yaml11=True types plain scalars as PyYAML does (the library's
fm_value_parse_scalar with FM_SCHEMA_YAML11): checked word by word against
PyYAML itself, with the differences the library documents pinned."""

import datetime
import math
import unittest

import fmatter

try:
    import yaml
except ImportError:  # python3-yaml
    yaml = None

WORDS = """yes Yes YES yEs no No NO on On ON off Off OFF y Y n N true True TRUE tRuE
false null Null NULL nUll ~ 0 00 012 0o17 0x1F 0X1F 0b101 0B101 -0b101 +0x1F 1_000
1__0 _1 1_ 0_7 0x_1 1:20 190:20:30 -1:20 0:30 1:60 1:5 1.5 1. .5 -.5 +.5 1.5e+3 1.5e3
1e3 1e+30 1.0e+30 .inf -.inf +.Inf .NaN .nan .NAN 190:20:30.15 1:30.5 1_0.5 .5_0 0.1_
2025-01-01 2025-1-1 2025-01-01T10:00:00Z 1,000 -9223372036854775808 1.5E-3
6.8523015e+5 685.230_15e+03 685_230.15 a1 1a 0x 0b 0o +
yellow Oops oN Ohh Offset nope Nothing tabs falsey ~x x é yes_ Yes. ON!""".split() + [
    "2025-01-01 10:00:00", "2025-01-01t10:00:00.5+01:00", "2001-12-14 21:59:43.10 -5"]

# Where fmatter knowingly differs: PyYAML fails on `=` and `<<` as values,
# and reads integers past 64 bits, which fmatter keeps as strings.
DIFFERENT = {"=": "=", "<<": "<<", "123456789012345678901": "123456789012345678901"}


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return a.replace(tzinfo=None) == b.replace(tzinfo=None) and (
            a.utcoffset() == b.utcoffset() or a.tzinfo is None or b.tzinfo is None)
    return type(a) is type(b) and a == b


@unittest.skipIf(yaml is None, "PyYAML (python3-yaml) is not installed")
class YAML11(unittest.TestCase):
    def load(self, word):
        return fmatter.loads(f"---\nk: {word}\n---\n", yaml11=True)["k"]

    def test_words_as_pyyaml(self):
        for word in WORDS:
            with self.subTest(word=word):
                self.assertTrue(same(self.load(word), yaml.safe_load(f"k: {word}")["k"]),
                                (self.load(word), yaml.safe_load(f"k: {word}")["k"]))

    def test_documented_differences(self):
        for word, got in DIFFERENT.items():
            with self.subTest(word=word):
                self.assertEqual(self.load(word), got)

    def test_only_plain_scalars(self):
        doc = fmatter.loads("---\na: 'yes'\nb: !!str on\nc: [on, 0b1]\n---\n", yaml11=True)
        self.assertEqual(doc.metadata, {"a": "yes", "b": "on", "c": [True, 1]})
        self.assertEqual(fmatter.loads("---\na: on\n---\n").metadata, {"a": "on"})


class FirstCharacter(unittest.TestCase):
    """A word whose first character cannot start a YAML 1.1 null, bool,
    number or date is text without a value made for it (fm_scalar_type):
    pinned exactly, PyYAML or not."""

    def test_words_and_types(self):
        text = ("---\na: yellow\nb: Oops\nc: oN\nd: Offset\ne: nope\nf: x1\ng: é\n"
                "h: On\ni: yes\nj: n\nk: ~\nl: 0b11\nm: [yEs, Yes, o, 2025-01-02]\n"
                "n: {p: off, q: Off_}\n---\n")
        doc = fmatter.loads(text, yaml11=True)
        self.assertEqual(doc.metadata, {
            "a": "yellow", "b": "Oops", "c": "oN", "d": "Offset", "e": "nope", "f": "x1",
            "g": "é", "h": True, "i": True, "j": "n", "k": None, "l": 3,
            "m": ["yEs", True, "o", datetime.date(2025, 1, 2)],
            "n": {"p": False, "q": "Off_"}})
        self.assertEqual([type(v) for v in doc.metadata.values()],
                         [str] * 7 + [bool, bool, str, type(None), int, list, dict])


if __name__ == "__main__":
    unittest.main()
