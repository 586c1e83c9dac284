# SPDX-License-Identifier: MIT
"""Values: YAML to Python types and back, dates with and without offsets."""

import datetime as dt
import math
import unittest

import fmatter

UTC = dt.timezone.utc


def tz(minutes):
    return dt.timezone(dt.timedelta(minutes=minutes))


class ToPython(unittest.TestCase):
    def test_scalars(self):
        doc = fmatter.loads(
            "---\ns: hello\nq: \"yes\"\nno_word: no\ni: 42\nneg: -7\nhex: 0x1F\n"
            "oct: 0o17\nf: 3.5\nexp: 1e3\ninf: .inf\nninf: -.inf\nnan: .nan\nb: TRUE\n"
            "n: null\nt: ~\ne:\nbig: 99999999999999999999\nk: !!binary aGk=\n---\n")
        m = doc.metadata
        expected = {"s": "hello", "q": "yes", "no_word": "no", "i": 42, "neg": -7,
                    "hex": 31, "oct": 15, "f": 3.5, "exp": 1000.0, "b": True, "n": None,
                    "t": None, "e": None, "big": "99999999999999999999", "k": "aGk="}
        for key, value in expected.items():
            self.assertEqual(m[key], value, key)
            self.assertIs(type(m[key]), type(value), key)
        self.assertEqual(m["inf"], math.inf)
        self.assertEqual(m["ninf"], -math.inf)
        self.assertTrue(math.isnan(m["nan"]))

    def test_collections(self):
        doc = fmatter.loads("---\nl: [1, two, 3.0, [x], {a: b}]\nm:\n  z: 1\n  a:\n"
                            "    - k: v\n'1': one\n2: two\nanchor: &x [1, 2]\nalias: *x\n"
                            "---\n")
        self.assertEqual(doc["l"], [1, "two", 3.0, ["x"], {"a": "b"}])
        self.assertEqual(list(doc["m"]), ["z", "a"])
        self.assertEqual(doc["m"], {"z": 1, "a": [{"k": "v"}]})
        self.assertEqual(doc["1"], "one")
        self.assertEqual(doc["2"], "two")  # keys are always their text
        self.assertEqual(doc["alias"], [1, 2])

    def test_dates_exact(self):
        doc = fmatter.loads(
            "---\n"
            "date: 2025-02-11\n"
            "floating: 2025-02-11T01:46:07\n"
            "spaced: 2025-02-11 01:46:07\n"
            "plus_one: 2025-02-11T01:46:07+01:00\n"
            "zulu: 2025-02-11T01:46:07Z\n"
            "nanos: 2025-02-11T01:46:07.123456789-05:30\n"
            "compact: 2019-08-08 14:10:00 +0800\n"
            "hours: 2019-08-08T14:10:00+08\n"
            "quoted: \"2025-02-11\"\n"
            "leap: 2016-12-31T23:59:60Z\n"
            "year0: 0000-01-01\n"
            "---\n")
        m = doc.metadata
        self.assertEqual(m["date"], dt.date(2025, 2, 11))
        self.assertIs(type(m["date"]), dt.date)
        self.assertEqual(m["floating"], dt.datetime(2025, 2, 11, 1, 46, 7))
        self.assertIsNone(m["floating"].tzinfo)
        self.assertEqual(m["spaced"], dt.datetime(2025, 2, 11, 1, 46, 7))
        self.assertEqual(m["plus_one"], dt.datetime(2025, 2, 11, 1, 46, 7, tzinfo=tz(60)))
        self.assertEqual(m["plus_one"].utcoffset(), dt.timedelta(hours=1))
        self.assertIs(m["zulu"].tzinfo, UTC)
        self.assertEqual(m["zulu"], dt.datetime(2025, 2, 11, 1, 46, 7, tzinfo=UTC))
        # nanoseconds are truncated to microseconds
        self.assertEqual(m["nanos"],
                         dt.datetime(2025, 2, 11, 1, 46, 7, 123456, tzinfo=tz(-330)))
        self.assertEqual(m["nanos"].utcoffset(), dt.timedelta(hours=-5, minutes=-30))
        self.assertEqual(m["compact"], dt.datetime(2019, 8, 8, 14, 10, tzinfo=tz(480)))
        self.assertEqual(m["hours"].utcoffset(), dt.timedelta(hours=8))
        self.assertEqual(m["quoted"], "2025-02-11")
        # What datetime cannot hold comes back as its text.
        self.assertEqual(m["leap"], "2016-12-31T23:59:60Z")
        self.assertEqual(m["year0"], "0000-01-01")

    def test_yaml11_booleans(self):
        text = "---\na: yes\nb: No\nc: on\nd: OFF\ne: \"yes\"\nf: y\ng: true\n---\n"
        self.assertEqual(fmatter.loads(text).metadata,
                         {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": "yes",
                          "f": "y", "g": True})
        self.assertEqual(fmatter.loads(text, yaml11=True).metadata,
                         {"a": True, "b": False, "c": True, "d": False, "e": "yes",
                          "f": "y", "g": True})


class FromPython(unittest.TestCase):
    def roundtrip(self, value):
        doc = fmatter.loads("---\ntitle: x\n---\n")
        doc["v"] = value
        return fmatter.loads(doc.dumps())["v"], doc.dumps()

    def test_scalars(self):
        for value in ("text", "", "needs: quoting", "#hash", "yes", "123", "ünï 🚀", 0,
                      -(2 ** 63), 2 ** 63 - 1, 1.5, -0.25, 1e300, True, False, None,
                      "multi\nline\n"):
            with self.subTest(value=value):
                back, _ = self.roundtrip(value)
                self.assertEqual(back, value)
                self.assertIs(type(back), type(value))

    def test_float_specials(self):
        self.assertEqual(self.roundtrip(math.inf)[0], math.inf)
        self.assertEqual(self.roundtrip(-math.inf)[0], -math.inf)
        self.assertTrue(math.isnan(self.roundtrip(math.nan)[0]))

    def test_collections(self):
        value = {"a": [1, "two", None, {"k": [True, 2.5]}], "b": {}, "c": [], "d": (1, 2)}
        back, _ = self.roundtrip(value)
        self.assertEqual(back, {"a": [1, "two", None, {"k": [True, 2.5]}], "b": {},
                                "c": [], "d": [1, 2]})

    def test_dates(self):
        cases = [
            (dt.date(2025, 2, 11), "v: 2025-02-11\n"),
            (dt.datetime(2025, 2, 11, 1, 2, 3), "v: 2025-02-11 01:02:03\n"),
            (dt.datetime(2025, 2, 11, 1, 2, 3, 500000), "v: 2025-02-11 01:02:03.5\n"),
            (dt.datetime(2025, 2, 11, 1, 2, 3, tzinfo=UTC), "v: 2025-02-11T01:02:03Z\n"),
            (dt.datetime(2025, 2, 11, 1, 2, 3, tzinfo=tz(-300)),
             "v: 2025-02-11T01:02:03-05:00\n"),
            (dt.datetime(2025, 2, 11, 1, 2, 3, tzinfo=tz(330)),
             "v: 2025-02-11T01:02:03+05:30\n"),
        ]
        for value, line in cases:
            with self.subTest(value=value):
                back, text = self.roundtrip(value)
                self.assertEqual(back, value)
                self.assertIs(type(back), type(value))
                self.assertEqual(back.utcoffset() if isinstance(back, dt.datetime) else None,
                                 value.utcoffset() if isinstance(value, dt.datetime) else None)
                self.assertIn(line, text)
        nested, _ = self.roundtrip([dt.date(2024, 1, 2), {"at": dt.datetime(2024, 1, 2, 3)}])
        self.assertEqual(nested, [dt.date(2024, 1, 2), {"at": dt.datetime(2024, 1, 2, 3)}])

    def test_refused(self):
        doc = fmatter.loads("---\na: 1\n---\n")
        with self.assertRaises(TypeError):
            doc["x"] = object()
        with self.assertRaises(TypeError):
            doc["x"] = {1: "non-str key"}
        with self.assertRaises(TypeError):
            doc["x"] = {"a", "set"}
        with self.assertRaises(TypeError):
            doc["x"] = b"bytes"
        with self.assertRaises(OverflowError):
            doc["x"] = 2 ** 64
        with self.assertRaises(ValueError):
            doc["x"] = dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=30)))
        with self.assertRaises(UnicodeEncodeError):
            doc["x"] = "lone \udcff surrogate"
        loop = []
        loop.append(loop)
        with self.assertRaises(ValueError):
            doc["x"] = loop
        self.assertEqual(doc.dumps(), "---\na: 1\n---\n")


if __name__ == "__main__":
    unittest.main()
