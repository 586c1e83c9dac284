# SPDX-License-Identifier: MIT
"""The body: HTML and its options, plain text, summary, headings, statistics."""

import unittest

import fmatter
from fmtest import ARTICLE

SRC = """\
---
title: T
---
# One

"Quoted" -- text
line two

<b>raw</b>

## Two Words

<!--more-->

More text after.

## Two Words
"""


class Body(unittest.TestCase):
    def setUp(self):
        self.doc = fmatter.loads(SRC)

    def test_html_default_drops_raw_html(self):
        self.assertEqual(
            self.doc.html(),
            "<h1>One</h1>\n<p>&quot;Quoted&quot; -- text\nline two</p>\n"
            "<p><!-- raw HTML omitted -->raw<!-- raw HTML omitted --></p>\n"
            "<h2>Two Words</h2>\n<!-- raw HTML omitted -->\n<p>More text after.</p>\n"
            "<h2>Two Words</h2>\n")

    def test_html_options(self):
        self.assertIn("<p>“Quoted” – text\n", self.doc.html(smart=True))
        self.assertIn("-- text<br />\nline two", self.doc.html(hardbreaks=True))
        # source positions count lines of the whole file
        self.assertIn('<h1 data-sourcepos="4:1-4:5">One</h1>', self.doc.html(sourcepos=True))
        unsafe = self.doc.html(unsafe=True)
        self.assertIn("<p><b>raw</b></p>", unsafe)
        self.assertIn("<!--more-->", unsafe)
        with self.assertRaises(TypeError):
            self.doc.html(True)  # options are keywords
        with self.assertRaises(TypeError):
            self.doc.html(bogus=True)

    def test_text(self):
        self.assertEqual(self.doc.text(),
                         'One\n\n"Quoted" -- text line two\n\nraw\n\nTwo Words\n\n'
                         "More text after.\n\nTwo Words")

    def test_summary_rules(self):
        s = self.doc.summary()
        self.assertIsInstance(s, fmatter.Summary)
        self.assertEqual(s.rule, "more")
        self.assertIs(s.truncated, True)
        self.assertEqual(s.markdown,
                         '# One\n\n"Quoted" -- text\nline two\n\n<b>raw</b>\n\n## Two Words')
        self.assertEqual(s.text, 'One\n\n"Quoted" -- text line two\n\nraw\n\nTwo Words')
        doc = fmatter.loads("One two three four five. Six seven eight.\n")
        self.assertEqual(tuple(doc.summary(words=6)),
                         ("words", True, "One two three four five.",
                          "One two three four five."))
        self.assertEqual(doc.summary(words=3).text, "One two three")
        sep = doc.summary(separator="five.")
        self.assertEqual((sep.rule, sep.markdown), ("separator", "One two three four"))
        fm = fmatter.loads("---\nSummary: From FM\n---\nOne two.\n").summary()
        self.assertEqual((fm.rule, fm.truncated, fm.text), ("front-matter", False, "From FM"))
        empty = fmatter.loads("").summary()
        self.assertEqual(tuple(empty), ("empty", False, "", ""))
        with self.assertRaises(ValueError):
            doc.summary(words=0)

    def test_headings_and_toc(self):
        hs = self.doc.headings()
        self.assertEqual([tuple(h) for h in hs],
                         [(1, "One", "one", 4), (2, "Two Words", "two-words", 11),
                          (2, "Two Words", "two-words-1", 17)])
        self.assertEqual(hs[1].anchor, "two-words")
        self.assertEqual(
            self.doc.toc(markdown=True),
            "- [One](#one)\n  - [Two Words](#two-words)\n  - [Two Words](#two-words-1)\n")
        self.assertTrue(self.doc.toc().startswith('<ul>\n<li><a href="#one">One</a>'))

    def test_counts(self):
        self.assertEqual(self.doc.word_count, 14)
        self.assertEqual(self.doc.reading_time, 1)
        self.assertEqual(tuple(self.doc.stats()), (14, 0, False, 1))
        article = fmatter.load(ARTICLE)
        self.assertEqual(article.word_count, 1116)
        self.assertEqual(article.reading_time, 6)  # 1116 / 213, rounded up
        cjk = fmatter.loads("日本語の文章です。これはテストです。")
        self.assertEqual(tuple(cjk.stats()), (16, 16, True, 1))
        self.assertEqual(cjk.summary(words=5, cjk=True).text, "日本語の文")

    def test_body_follows_edits(self):
        self.doc.content = "# Replaced\n"
        self.assertEqual(self.doc.html(), "<h1>Replaced</h1>\n")
        self.assertEqual(self.doc.headings()[0].line, 4)


if __name__ == "__main__":
    unittest.main()
