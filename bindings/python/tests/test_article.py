# SPDX-License-Identifier: MIT
"""The typed view: every field of fm_article, None when unset, diagnostics."""

import datetime as dt
import re
import unittest

import fmatter
from fmtest import ARTICLE, data

FULL = """\
---
title: Full
summary: Short.
description: Longer.
slug: full
url: /full/
permalink: /p/full/
layout: post
type: page
author: Ann
menu: main
thumbnail: t.png
lead: Lead.
sidebar: right
tags: [a, b]
categories: [c]
keywords: [k1, k2]
aliases: [/old/]
authors: [Ann, Bob]
images: [i.png]
series: [s]
lang: [en]
translations: [fr]
widgets: [search]
date: 2025-02-11T01:46:07+01:00
lastmod: 2025-02-12
publishDate: 2025-02-10T08:00:00
expiryDate: 2026-01-01T00:00:00Z
draft: false
comments: true
authorbox: false
pager: true
toc: true
mathjax: false
weight: 7
custom: {x: 1}
other: [1, 2]
---
# Heading

Body.
"""

FIELDS = ["title", "summary", "description", "slug", "url", "permalink", "layout",
          "type", "author", "menu", "thumbnail", "lead", "sidebar", "tags",
          "categories", "keywords", "aliases", "authors", "images", "series", "lang",
          "translations", "widgets", "date", "lastmod", "publish_date", "expiry_date",
          "draft", "comments", "authorbox", "pager", "toc", "mathjax", "weight", "extra",
          "body", "title_from_body", "diagnostics"]


class ArticleFields(unittest.TestCase):
    def test_every_field(self):
        a = fmatter.loads(FULL).article
        expected = {
            "title": "Full", "summary": "Short.", "description": "Longer.",
            "slug": "full", "url": "/full/", "permalink": "/p/full/", "layout": "post",
            "type": "page", "author": "Ann", "menu": "main", "thumbnail": "t.png",
            "lead": "Lead.", "sidebar": "right", "tags": ["a", "b"], "categories": ["c"],
            "keywords": ["k1", "k2"], "aliases": ["/old/"], "authors": ["Ann", "Bob"],
            "images": ["i.png"], "series": ["s"], "lang": ["en"], "translations": ["fr"],
            "widgets": ["search"],
            "date": dt.datetime(2025, 2, 11, 1, 46, 7,
                                tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "lastmod": dt.date(2025, 2, 12),
            "publish_date": dt.datetime(2025, 2, 10, 8, 0),
            "expiry_date": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
            "draft": False, "comments": True, "authorbox": False, "pager": True,
            "toc": True, "mathjax": False, "weight": 7,
            "extra": {"custom": {"x": 1}, "other": [1, 2]},
            "body": "# Heading\n\nBody.\n", "title_from_body": False, "diagnostics": [],
        }
        self.assertEqual(sorted(expected), sorted(FIELDS))
        for name in FIELDS:
            with self.subTest(field=name):
                value = getattr(a, name)
                self.assertEqual(value, expected[name])
                self.assertIs(type(value), type(expected[name]))
        self.assertIsNone(a.publish_date.tzinfo)
        self.assertEqual(a.body_line, FULL[:FULL.index("# Heading")].count("\n") + 1)
        d = a.to_dict()
        self.assertEqual({k: d[k] for k in FIELDS}, expected)
        self.assertEqual(repr(a), "<fmatter.Article title='Full'>")

    def test_unset_is_none(self):
        a = fmatter.loads("---\nfoo: bar\n---\nNo heading.\n").article
        for name in FIELDS:
            if name in ("extra", "body", "title_from_body", "diagnostics"):
                continue
            with self.subTest(field=name):
                self.assertIsNone(getattr(a, name))
        self.assertEqual(a.extra, {"foo": "bar"})
        self.assertIs(a.title_from_body, False)
        self.assertEqual(a.diagnostics, [])

    def test_sample_article(self):
        a = fmatter.load(ARTICLE).article
        self.assertEqual(a.title, "Mistral gets down to business")
        self.assertEqual(a.date, dt.datetime(2025, 2, 11, 1, 46, 7))  # quoted, floating
        self.assertEqual(a.categories, ["techcrunch"])
        self.assertEqual(a.widgets, ["search", "recent", "taglist"])
        self.assertEqual(a.menu, "")
        self.assertIs(a.pager, True)
        self.assertIs(a.comments, False)
        self.assertIsNone(a.draft)
        self.assertIsNone(a.weight)
        self.assertEqual(a.extra, {})

    def test_title_from_body_and_spellings(self):
        a = fmatter.loads("---\nPublished: false\nCategory: news\n---\n# From Body\n").article
        self.assertEqual(a.title, "From Body")
        self.assertIs(a.title_from_body, True)
        self.assertIs(a.draft, True)
        self.assertEqual(a.categories, ["news"])

    def test_survives_edits(self):
        doc = fmatter.loads(FULL)
        a = doc.article
        doc["title"] = "Changed"
        del doc
        self.assertEqual(a.title, "Full")

    def test_diagnostics(self):
        path = data("article", "wrong-types", "input.md")
        a = fmatter.load(path).article
        with open(data("article", "wrong-types", "expected.warn"), encoding="utf-8") as f:
            expected = [re.match(r"input\.md:(\d+):(\d+): warning: (.*)$", line.rstrip("\n"))
                        for line in f]
        self.assertEqual(len(a.diagnostics), len(expected))
        for d, m in zip(a.diagnostics, expected):
            with self.subTest(key=d.key):
                self.assertIsInstance(d, fmatter.Diagnostic)
                self.assertIn(d.code, ("type", "date"))
                self.assertEqual((d.line, d.column), (int(m.group(1)), int(m.group(2))))
                self.assertEqual(d.message, m.group(3))
                code, line, column, key, message = d  # a tuple too
                self.assertEqual(key, d.key)
        self.assertEqual([d.code for d in a.diagnostics],
                         ["type", "type", "type", "type", "date"])
        self.assertEqual(a.diagnostics[0].key, "title")
        self.assertIsInstance(a.diagnostics[0].offset, int)
        self.assertEqual(a.summary, "fine")
        self.assertIsNone(a.title)


if __name__ == "__main__":
    unittest.main()
