# SPDX-License-Identifier: MIT
"""Python's Article gives the same typed fields as `fmatter json`, in every
dialect, for every file of the shared corpus (tests/article_fields.sh does
the same for Lua): both come from the library's one field table."""

import datetime
import json
import os
import re
import subprocess
import unittest

import fmatter

CORPUS = os.environ.get("FM_CORPUS_DIR", "")
TOOL = os.environ.get("FMATTER", "")
NOT_TYPED = {"extra", "body", "body_line", "title_from_body", "diagnostics", "dialect"}
DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:[Tt ]+(\d\d?):(\d\d):(\d\d)(\.\d+)?"
                  r"\s*(Z|[+-]\d\d?(?::?\d\d)?)?)?$")


def canon(v):
    """One form for both sides: dates as their parts (the tool writes source
    text inside kept mappings, Python datetime objects)."""
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, list):
        return [canon(x) for x in v]
    if isinstance(v, datetime.datetime):
        v = v.isoformat()
    elif isinstance(v, datetime.date):
        v = v.isoformat()
    if isinstance(v, str):
        m = DATE.match(v)
        if m:
            y, mo, d, h, mi, s, frac, zone = m.groups()
            frac = (frac or "").rstrip("0").rstrip(".")
            if zone in ("+00:00", "-00:00", "+0000", "+00"):
                zone = "Z"
            return "date:%s-%s-%s|%s|%s|%s|%s|%s" % (y, mo, d, int(h) if h else "",
                                                  mi or "", s or "", frac, zone or "")
    return v


def corpus_files():
    out = []
    for top, _, names in os.walk(CORPUS):
        out.extend(os.path.join(top, n) for n in names
                   if n.endswith((".md", ".markdown")))
    return sorted(out)


@unittest.skipUnless(CORPUS and os.path.isdir(CORPUS), "shared corpus not found "
                     "(FM_CORPUS_DIR)")
@unittest.skipUnless(TOOL and os.access(TOOL, os.X_OK), "the fmatter tool is not built")
class SameFieldsAsTheTool(unittest.TestCase):
    def test_every_dialect_on_the_corpus(self):
        files = corpus_files()
        for dialect in ("generic", "hugo", "jekyll", "zola"):
            with self.subTest(dialect=dialect):
                run = subprocess.run([TOOL, "json", "--dialect", dialect, *files],
                                     capture_output=True, text=True)
                tool = {}
                for line in run.stdout.splitlines():
                    d = json.loads(line)
                    tool[d["path"]] = canon(d["article"])
                self.assertGreater(len(tool), 1000)
                compared = 0
                for path in files:
                    try:
                        doc = fmatter.load(path, allow_duplicates=dialect == "jekyll")
                        art = doc.article(dialect=dialect)
                    except (fmatter.ParseError, ValueError):
                        continue
                    mine = {k: v for k, v in art.to_dict().items()
                            if k not in NOT_TYPED and v is not None}
                    self.assertEqual(canon(mine), tool.get(path), path)
                    compared += 1
                self.assertEqual(compared, len(tool))


class Dialects(unittest.TestCase):
    def test_article_call_maps_again(self):
        doc = fmatter.loads("---\ntags: release notes\ndraft: \"yes\"\nweight: 1.5\n---\n")
        self.assertEqual(doc.article.dialect, "generic")
        self.assertEqual(doc.article.tags, ["release", "notes"])
        hugo = doc.article(dialect="hugo")
        self.assertEqual((hugo.dialect, hugo.tags, hugo.draft, hugo.weight),
                         ("hugo", ["release notes"], False, 1))
        with self.assertRaises(ValueError):
            doc.article(dialect="eleventy")

    def test_file_name_rules_take_the_path(self):
        doc = fmatter.loads("---\ntitle: T\n---\nBody\n")
        post = doc.article(dialect="jekyll", path="_posts/2024-03-01-hello-world.md",
                           site=".")
        self.assertEqual(post.date, datetime.date(2024, 3, 1))
        self.assertEqual(post.slug, "hello-world")


if __name__ == "__main__":
    unittest.main()
