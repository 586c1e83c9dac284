# SPDX-License-Identifier: MIT
"""fmatter.compat: python-frontmatter's API and its fixtures, minimal write-back."""

import datetime as dt
import glob
import io
import json
import os
import unittest

import fmatter
import fmatter.compat as frontmatter
from fmtest import CORPUS, TempDirCase, read_bytes


def fixtures_dir():
    path = os.path.join(CORPUS, "python-frontmatter", "tests")
    if not os.path.isdir(path):
        raise unittest.SkipTest(
            f"python-frontmatter fixtures not found at {path} (set FM_CORPUS_DIR)")
    return path


def fixture_pairs():
    """(document, expected JSON) for every X.result.json with its document."""
    pairs = []
    for result in sorted(glob.glob(os.path.join(fixtures_dir(), "**", "*.result.json"),
                                   recursive=True)):
        stem = result[: -len(".result.json")]
        docs = [p for p in glob.glob(glob.escape(stem) + ".*") if p != result]
        pairs.append((docs[0] if docs else None, result))
    return pairs


def as_json(value):
    """Our metadata as the fixtures' JSON holds it (dates as ISO text)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def same_dates(a, b):
    """Fixture dates are ISO strings: compare them as dates when they are."""
    if isinstance(b, str) and isinstance(a, str) and a != b:
        try:
            return dt.datetime.fromisoformat(a) == dt.datetime.fromisoformat(b)
        except ValueError:
            return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_dates(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_dates(x, y) for x, y in zip(a, b))
    return a == b and type(a) is type(b)


class Fixtures(unittest.TestCase):
    def test_python_frontmatter_fixtures(self):
        pairs = fixture_pairs()
        self.assertGreaterEqual(len(pairs), 10)
        checked = 0
        for doc_path, result_path in pairs:
            name = os.path.relpath(result_path, fixtures_dir())
            with self.subTest(fixture=name):
                self.assertIsNotNone(doc_path, f"no document next to {name}")
                with open(result_path, encoding="utf-8") as f:
                    expected = json.load(f)
                if doc_path.endswith(os.path.join("toml", "hello-toml.md")) or \
                        read_bytes(doc_path).lstrip().startswith(b"+++"):
                    with self.assertRaises(fmatter.ParseError) as cm:
                        frontmatter.load(doc_path)
                    self.assertEqual(cm.exception.code, "unsupported")
                    self.skipTest("TOML front matter: fmatter does not read TOML")
                post = frontmatter.load(doc_path)
                self.assertIsInstance(post, frontmatter.Post)
                got = as_json(post.to_dict())
                self.assertTrue(same_dates(got, expected), f"{got!r}\n!= {expected!r}")
                self.assertEqual(list(got), list(expected))  # source order
                # the same through loads, a text file object and a binary one
                self.assertEqual(frontmatter.loads(read_bytes(doc_path)).to_dict(),
                                 post.to_dict())
                with open(doc_path, encoding="utf-8") as f:
                    self.assertEqual(frontmatter.load(f).to_dict(), post.to_dict())
                # written back unchanged, byte for byte
                self.assertEqual(frontmatter.dumps(post).encode("utf-8"),
                                 read_bytes(doc_path))
                checked += 1
        self.assertGreaterEqual(checked, 9)

    def test_check(self):
        base = fixtures_dir()
        expect = {"yaml/hello-world.txt": True, "yaml/extra-dash.txt": True,
                  "yaml/extra-space.txt": True, "json/hello-json.md": True,
                  "empty/empty-frontmatter.txt": True, "empty/no-frontmatter.txt": False}
        for rel, has in expect.items():
            with self.subTest(rel=rel):
                path = os.path.join(base, *rel.split("/"))
                self.assertIs(frontmatter.check(path), has)
                self.assertIs(frontmatter.checks(read_bytes(path)), has)
        self.assertIs(frontmatter.check(42), False)

    def test_extra_dash_keeps_its_fences(self):
        path = os.path.join(fixtures_dir(), "yaml", "extra-dash.txt")
        post = frontmatter.load(path)
        self.assertEqual(post.metadata, {"test": "bob", "else": "kate"})
        post["test"] = "alice"
        self.assertEqual(frontmatter.dumps(post),
                         read_bytes(path).decode().replace("test: bob", "test: alice"))


HELLO = "---\ntitle: Hello, world!\nlayout: post\n---\n\nWell, hello there, world.\n"


class Api(TempDirCase):
    def test_post(self):
        post = frontmatter.Post("Body", None, title="T", tags=["a"])
        self.assertEqual(post["title"], "T")
        self.assertIn("tags", post)
        self.assertEqual(post.get("missing", 1), 1)
        post["x"] = 1
        del post["x"]
        self.assertEqual(list(post.keys()), ["title", "tags"])
        self.assertEqual(list(post.values()), ["T", ["a"]])
        self.assertEqual(post.to_dict(), {"title": "T", "tags": ["a"], "content": "Body"})
        self.assertEqual(str(post), "Body")
        self.assertEqual(bytes(post), b"Body")
        self.assertIsNone(post.handler)
        self.assertIsNone(post.document)

    def test_new_post_dumps(self):
        post = frontmatter.Post("Some content.\n", title="Hello", tags=["a", "b"],
                                date=dt.date(2025, 1, 2))
        text = frontmatter.dumps(post)
        self.assertEqual(text, "---\ntitle: Hello\ntags:\n  - a\n  - b\ndate: 2025-01-02\n"
                               "---\n\nSome content.")
        back = frontmatter.loads(text)
        self.assertEqual(back.metadata, post.metadata)
        self.assertEqual(back.content, "Some content.")

    def test_loads_and_defaults(self):
        post = frontmatter.loads(HELLO, layout="page", author="me")
        self.assertEqual(post.metadata,
                         {"layout": "post", "author": "me", "title": "Hello, world!"})
        self.assertEqual(post.content, "Well, hello there, world.")
        self.assertIsInstance(post.document, fmatter.Document)
        metadata, content = frontmatter.parse(HELLO, draft=False)
        self.assertEqual(metadata, {"draft": False, "title": "Hello, world!",
                                    "layout": "post"})
        self.assertEqual(content, "Well, hello there, world.")

    def test_unchanged_round_trip(self):
        self.assertEqual(frontmatter.dumps(frontmatter.loads(HELLO)), HELLO)

    def test_minimal_write_back(self):
        src = ("---\n# keep me\ntitle: \"Hello\"   # and me\ntags: [a, b]\nparams:\n"
               "  author: Ann\n  count: 1\ndraft: yes\n---\n\nBody line.\n\n")
        post = frontmatter.loads(src)
        self.assertIs(post["draft"], True)  # YAML 1.1 boolean, as PyYAML
        post["title"] = "Bye"
        post["params"]["author"] = "Bob"
        del post["tags"]
        post["new"] = 3
        self.assertEqual(frontmatter.dumps(post),
                         "---\n# keep me\ntitle: \"Bye\"   # and me\nparams:\n"
                         "  author: Bob\n  count: 1\ndraft: yes\nnew: 3\n---\n\n"
                         "Body line.\n\n")
        post.content = "New body."
        self.assertEqual(frontmatter.dumps(post).split("---\n")[-1], "\nNew body.\n\n")
        # dumps does not change the post: again, the same text
        self.assertEqual(frontmatter.dumps(post), frontmatter.dumps(post))

    def test_same_value_other_type_is_an_edit(self):
        post = frontmatter.loads("---\nn: 1\nf: yes\n---\n")
        post["n"] = True
        post["f"] = 1
        self.assertEqual(frontmatter.dumps(post), "---\nn: true\nf: 1\n---\n")

    def test_crlf(self):
        src = "---\r\ntitle: Win\r\n---\r\n\r\nLine one.\r\nLine two.\r\n"
        post = frontmatter.loads(src)
        self.assertEqual(post.content, "Line one.\nLine two.")
        self.assertEqual(frontmatter.dumps(post), src)
        post.content = "New one.\nNew two."
        self.assertEqual(frontmatter.dumps(post),
                         "---\r\ntitle: Win\r\n---\r\n\r\nNew one.\r\nNew two.\r\n")

    def test_dump_targets(self):
        post = frontmatter.loads(HELLO)
        post["title"] = "Changed"
        expected = HELLO.replace("Hello, world!", "Changed")
        buf = io.StringIO()
        frontmatter.dump(post, buf)
        self.assertEqual(buf.getvalue(), expected)
        path = os.path.join(self.tmp, "out.md")
        frontmatter.dump(post, path)
        self.assertEqual(read_bytes(path).decode(), expected)
        with self.assertRaises(ValueError):
            frontmatter.dump(post, 42)

    def test_load_path_and_encoding(self):
        path = self.write("latin.md", "---\ntitle: café\n---\nbody é\n".encode("latin-1"))
        post = frontmatter.load(path, encoding="latin-1")
        self.assertEqual(post["title"], "café")
        self.assertEqual(post.content, "body é")
        path = self.write("post.md", HELLO)
        self.assertEqual(frontmatter.load(path).document.path, path)
        with self.assertRaises(ValueError):
            frontmatter.load(42)

    def test_python_frontmatter_behaviours(self):
        # no closing fence: no front matter, the whole text is the content
        post = frontmatter.loads("---\ntitle: x\nno end\n")
        self.assertEqual((post.metadata, post.content), ({}, "---\ntitle: x\nno end"))
        # duplicate keys: the last one wins
        self.assertEqual(frontmatter.loads("---\na: 1\na: 2\n---\n")["a"], 2)
        # a key named like Post's arguments
        post = frontmatter.loads("---\ncontent: c\nhandler: h\n---\nbody\n")
        self.assertEqual(post.metadata, {"content": "c", "handler": "h"})
        self.assertEqual(post.content, "body")
        # TOML is refused
        with self.assertRaises(fmatter.ParseError):
            frontmatter.loads("+++\na = 1\n+++\n")

    def test_handler_object(self):
        class Handler:
            def split(self, text):
                _, fm, content = text.split("===\n", 2)
                return fm, content

            def load(self, fm):
                return dict(line.split("=", 1) for line in fm.splitlines())

            def format(self, post, **kwargs):
                meta = "".join(f"{k}={v}\n" for k, v in post.metadata.items())
                return f"===\n{meta}===\n{post.content}"

        handler = Handler()
        post = frontmatter.loads("===\na=1\n===\nbody\n", handler=handler)
        self.assertEqual((post.metadata, post.content, post.handler),
                         ({"a": "1"}, "body", handler))
        self.assertEqual(frontmatter.dumps(post), "===\na=1\n===\nbody")

    def test_typical_script(self):
        """A python-frontmatter script, run unchanged on fmatter.compat."""
        path = self.write("post.md", "---\ntitle: Draft post\ntags: [one]\n"
                                     "draft: true\n---\n\nHello.\n")
        script = (
            "import fmatter.compat as frontmatter\n"
            "post = frontmatter.load(path)\n"
            "assert post['title'] == 'Draft post'\n"
            "if post.get('draft'):\n"
            "    post['draft'] = False\n"
            "post['tags'].append('two')\n"
            "post.metadata['updated'] = True\n"
            "with open(path, 'w') as f:\n"
            "    f.write(frontmatter.dumps(post))\n"
            "assert frontmatter.check(path)\n"
        )
        exec(compile(script, "script.py", "exec"), {"path": path})
        self.assertEqual(read_bytes(path).decode(),
                         "---\ntitle: Draft post\ntags: [one, two]\ndraft: false\n"
                         "updated: true\n---\n\nHello.\n")


if __name__ == "__main__":
    unittest.main()
