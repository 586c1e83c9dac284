# SPDX-License-Identifier: MIT
"""fmatter.compat: python-frontmatter's API and its fixtures, minimal write-back."""

import datetime as dt
import glob
import io
import json
import os
import subprocess
import sys
import unittest

import fmatter
import fmatter.compat as frontmatter
from fmtest import CORPUS, TempDirCase, read_bytes


def toml_loads():
    """True when the library loads TOML front matter."""
    try:
        fmatter.loads("+++\na = 1\n+++\n")
        return True
    except fmatter.ParseError as e:
        assert e.code == "unsupported", e
        return False


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
                if read_bytes(doc_path).lstrip().startswith(b"+++") and not toml_loads():
                    with self.assertRaises(fmatter.ParseError) as cm:
                        frontmatter.load(doc_path)
                    self.assertEqual(cm.exception.code, "unsupported")
                    continue  # counted below: all but this one
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
        """A post built in Python: python-frontmatter's text (PyYAML's)."""
        try:
            import yaml  # noqa: F401
        except ImportError:
            self.skipTest("PyYAML (python3-yaml) is not installed")
        post = frontmatter.Post("Some content.\n", title="Hello", tags=["a", "b"],
                                date=dt.date(2025, 1, 2))
        text = frontmatter.dumps(post)
        self.assertEqual(text, "---\ndate: 2025-01-02\ntags:\n- a\n- b\ntitle: Hello\n"
                               "---\n\nSome content.")
        back = frontmatter.loads(text)
        self.assertEqual(back.metadata, post.metadata)
        self.assertEqual(back.content, "Some content.")

    def test_new_post_like_pyyaml(self):
        """Unicode, dates, nesting, folding, quoting: PyYAML's text, as
        python-frontmatter writes it."""
        try:
            import yaml  # noqa: F401
        except ImportError:
            self.skipTest("PyYAML (python3-yaml) is not installed")
        meta = {"title": "Ünïcödé: a title", "day": dt.date(2025, 1, 2),
                "date": dt.datetime(2025, 2, 11, 1, 46, 7,
                                    tzinfo=dt.timezone(dt.timedelta(hours=1))),
                "draft": False, "n": 3, "f": 1.5, "none": None, "s": "yes",
                "multi": "line one\nline two", "params": {"b": [1, {"x": "y"}], "a": "z"},
                "long": "word " * 20}
        self.assertEqual(
            frontmatter.dumps(frontmatter.Post("Body ü.\n\n", **meta)),
            "---\ndate: 2025-02-11 01:46:07+01:00\nday: 2025-01-02\ndraft: false\nf: 1.5\n"
            "long: 'word word word word word word word word word word word word word word "
            "word\n  word word word word word '\nmulti: 'line one\n\n  line two'\nn: 3\n"
            "none: null\nparams:\n  a: z\n  b:\n  - 1\n  - x: y\ns: 'yes'\n"
            "title: 'Ünïcödé: a title'\n---\n\nBody ü.")

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

    def test_load_path_strips_as_str_strip(self):
        # the content is str.strip()'s (Unicode white space too), \r\n read as \n;
        # what the strip took off comes back on a minimal write
        text = "---\r\ntitle: a\r\n---\r\n\u3000\r\n x\r\ny \x85\r\n\r\n"
        path = self.write("ws.md", text.encode())
        for post in (frontmatter.load(path), frontmatter.loads(text)):
            self.assertEqual(post.content, "x\ny")
            self.assertIs(post.handler, frontmatter.handlers[0])
            post["title"] = "b"
            self.assertEqual(frontmatter.dumps(post), text.replace("title: a", "title: b"))
            post.content = "z\nw"
            self.assertEqual(frontmatter.dumps(post),
                             "---\r\ntitle: b\r\n---\r\n\u3000\r\n z\r\nw \x85\r\n\r\n")
        post = frontmatter.load(path, layout="post", title="t")
        self.assertEqual(list(post.metadata.items()), [("layout", "post"), ("title", "a")])
        post = frontmatter.load(self.write("blank.md", b"---\na: 1\n---\n \n\t\n"))
        self.assertEqual((post.metadata, post.content), ({"a": 1}, ""))

    def test_load_path_pieces_of_the_body(self):
        # compat.load of a path is one C call (_compat_load): the Post, its
        # attributes in __init__'s order, and what the strip took off, exactly
        # as compat.loads and the Python way give them
        cases = [
            (b"---\na: 1\n---\n\x1c\x1fbody\x1e\x1d\n", "body", "\x1c\x1f", "\x1e\x1d\n", False),
            ("---\na: 1\n---\n\n\u00e9body \u00e9\n".encode(), "\u00e9body \u00e9", "\n", "\n",
             False),
            ("---\na: 1\n---\n\n\xa0x\u2028 \n".encode(), "x", "\n\xa0", "\u2028 \n", False),
            (b"---\na: 1\n---\nx\r\r\ny\r", "x\r\ny", "", "\r", True),
            (b"---\na: 1\n---\n \t\n", "", " \t\n", "", False),
            (b"---\na: 1\n---\n", "", "", "", False),
            (b"---\na: 1\n---\nab", "ab", "", "", False),
        ]
        for i, (data, content, lead, trail, crlf) in enumerate(cases):
            path = self.write(f"p{i}.md", data)
            for post in (frontmatter.load(path), frontmatter.loads(data)):
                with self.subTest(data=data):
                    self.assertEqual(list(vars(post)), ["content", "metadata", "handler",
                                                        "_origin"])
                    self.assertEqual((post.metadata, post.content), ({"a": 1}, content))
                    self.assertIs(post.handler, frontmatter.handlers[0])
                    o = post._origin
                    self.assertEqual(list(vars(o)), ["doc", "lead", "trail", "content", "crlf",
                                                     "fences", "_document"])
                    self.assertEqual((o.lead, o.trail, o.content, o.crlf, o.fences),
                                     (lead, trail, content, crlf, None))
                    self.assertIs(o.content, post.content)
            self.assertEqual(frontmatter.load(path).document.dumpb(), data)

    def post_state(self, post):
        """Everything a Post holds, to compare the C load with the Python one."""
        o = post.__dict__.get("_origin")
        origin = None if o is None else (
            list(vars(o)), o.doc.dumpb(), o.doc.path, o.lead, o.trail, o.content, o.crlf,
            o.fences, o._document)
        return (type(post), list(vars(post)), repr(post.metadata), post.content,
                post.handler, origin)

    def test_load_is_a_c_function(self):
        # compat.load is the C function _compat_setup gave: a str path and no
        # other argument is one C call; every other call is the Python load
        # (_load) with the same arguments. Both give the same Post.
        import inspect
        import pickle
        load = frontmatter.load
        self.assertEqual((type(load).__name__, load.__name__, load.__module__),
                         ("builtin_function_or_method", "load", "fmatter.compat"))
        self.assertEqual(str(inspect.signature(load)),
                         "(fd, encoding='utf-8', handler=None, **defaults)")
        self.assertEqual(str(inspect.signature(frontmatter._load)),
                         "(fd, encoding='utf-8', handler=None, **defaults)")
        self.assertIs(pickle.loads(pickle.dumps(load)), load)

        class Path(str):
            pass
        files = [self.write("hello.md", HELLO),
                 self.write("json.md", '{\n  "a": 1\n}\nbody\n'),
                 self.write("crlf.md", b"---\r\na: [1, 2]\r\n---\r\n\r\nx\r\ny\r\n"),
                 self.write("plain.md", "no front matter\n\n"),
                 self.write("dashes.md", "-----\na: 1\n-----\nbody\n"),
                 self.write("unclosed.md", "---\na: 1\nbody\n")]
        for path in files:
            with self.subTest(path=os.path.basename(path)):
                fast = self.post_state(load(path))
                self.assertEqual(fast, self.post_state(frontmatter._load(path)))
                for other in (load(path, "utf-8"), load(fd=path), load(path, handler=None),
                              load(Path(path)), load(path, encoding="utf-8")):
                    self.assertEqual(self.post_state(other), fast)
                with open(path, "rb") as f:  # read as loads reads it: no path
                    self.assertEqual(self.post_state(load(f)),
                                     self.post_state(frontmatter.loads(read_bytes(path))))
        hello, _, _, plain, dashes, _ = files
        post = load(plain)
        self.assertEqual((post.metadata, post.content, post.handler),
                         ({}, "no front matter", None))
        post = load(dashes)
        self.assertEqual((post.metadata, post.content, post._origin.fences),
                         ({"a": 1}, "body", ("-----", "-----")))
        post["a"] = 2
        self.assertEqual(frontmatter.dumps(post), "-----\na: 2\n-----\nbody\n")
        # defaults keywords: the Python load, same Post as without the C call
        post = load(hello, layout="page", title="t")
        self.assertEqual(list(post.metadata.items()),
                         [("layout", "post"), ("title", "Hello, world!")])

    def test_load_c_function_errors(self):
        # the C call raises what the Python load raises, for the same calls
        load, py = frontmatter.load, frontmatter._load
        missing = os.path.join(self.tmp, "missing.md")
        bad = self.write("dup.md", "---\na: 1\na: [\n---\n")
        calls = [((), {}), ((42,), {}), ((missing,), {}), ((bad,), {}),
                 ((self.tmp,), {}), ((HELLO, "utf-8", None, 1), {}),
                 ((missing,), {"fd": missing}), (("a\0b",), {})]
        for args, kwargs in calls:
            with self.subTest(args=args, kwargs=kwargs):
                with self.assertRaises(Exception) as ours:
                    load(*args, **kwargs)
                with self.assertRaises(Exception) as theirs:
                    py(*args, **kwargs)
                a, b = ours.exception, theirs.exception
                self.assertIs(type(a), type(b))
                self.assertEqual((str(a), a.args), (str(b), b.args))
        with self.assertRaises(TypeError) as cm:
            load()
        self.assertEqual(str(cm.exception), "load() missing 1 required positional "
                                            "argument: 'fd'")
        with self.assertRaises(FileNotFoundError) as cm:
            load(missing)
        self.assertEqual(cm.exception.filename, missing)
        with self.assertRaises(fmatter.ParseError) as cm:
            load(bad)
        self.assertEqual((cm.exception.path, cm.exception.line), (bad, 4))

    def test_shorten_fences_without_dashes(self):
        # no '---' at all: no fences to shorten, before any decode or regex
        for text in (b"", b"x\n--\n", "", "a -- b\n", bytearray(b"\xff--")):
            self.assertIsNone(frontmatter._shorten_fences(text))
        self.assertEqual(frontmatter._shorten_fences(b"----\na: 1\n----\nx"),
                         ("---\na: 1\n---\nx", ("----", "----")))
        self.assertEqual(frontmatter._shorten_fences("----\na: 1\n-----\n"),
                         ("---\na: 1\n---\n", ("----", "-----")))
        self.assertIsNone(frontmatter._shorten_fences("---\na: 1\n---\n"))

    def test_load_path_bad_body(self):
        # the body's UTF-8 is checked by decoding it: a bad byte raises the
        # library's error, as fmatter.load gives it (and the file has a path)
        for data, line, column, offset in [(b"---\na: 1\n---\nok\n\xff\xfe\n", 5, 1, 16),
                                           (b"---\na: 1\n---\n\xe9t\xe9\n", 4, 1, 13),
                                           (b"no front \xc3 matter\n", 1, 10, 9)]:
            path = self.write("bad.md", data)
            with self.assertRaises(fmatter.ParseError) as ours:
                frontmatter.load(path)
            with self.assertRaises(fmatter.ParseError) as theirs:
                fmatter.load(path)
            e = ours.exception
            self.assertEqual((e.line, e.column, e.offset, e.code, e.path),
                             (line, column, offset, "encoding", path))
            self.assertEqual(e.message, f"invalid UTF-8 byte 0x{data[offset]:02x} in the body")
            self.assertEqual(str(e), f"{path}:{line}:{column}: {e.message}")
            t = theirs.exception
            self.assertEqual((str(e), e.line, e.column, e.offset, e.code, e.message, e.path),
                             (str(t), t.line, t.column, t.offset, t.code, t.message, t.path))
        path = self.write("bad.md", b"---\na: \xff\n---\nok\n")
        with self.assertRaises(fmatter.ParseError) as ours:
            frontmatter.load(path)
        self.assertEqual((ours.exception.line, ours.exception.column), (2, 4))

    def test_load_path_other_handlers(self):
        # handlers that are not the defaults take the general way: the Post
        # still gets the list's own handler, and defaults fill missing keys
        path = self.write("post.md", HELLO)
        saved = frontmatter.handlers[:]
        self.addCleanup(frontmatter.handlers.__setitem__, slice(None), saved)
        mine = frontmatter.YAMLHandler()
        frontmatter.handlers[:] = [frontmatter.JSONHandler(), frontmatter.TOMLHandler(), mine]
        post = frontmatter.load(path, layout="page", extra=1)
        self.assertIs(post.handler, mine)
        self.assertEqual(list(post.metadata.items()),
                         [("layout", "post"), ("extra", 1), ("title", "Hello, world!")])
        frontmatter.handlers[:] = saved
        post = frontmatter.load(path, layout="page", extra=1)
        self.assertIs(post.handler, saved[0])
        self.assertEqual(list(post.metadata.items()),
                         [("layout", "post"), ("extra", 1), ("title", "Hello, world!")])
        # a handler with another boundary is python-frontmatter's own way
        saved[0].FM_BOUNDARY = frontmatter.re.compile(r"^\.{3}$", frontmatter.re.M)
        self.addCleanup(delattr, saved[0], "FM_BOUNDARY")
        post = frontmatter.load(self.write("dots.md", "...\na: 1\n...\nbody\n"))
        self.assertEqual((post.metadata, post.content, post.handler), ({"a": 1}, "body",
                                                                         saved[0]))

    def test_load_path_class_boundaries(self):
        # the one C call reads the handler classes' FM_BOUNDARY as the Python
        # load does: a new class attribute is seen at once; one the class
        # gets through a descriptor sends the call the general way
        path = self.write("post.md", HELLO)
        dots = self.write("dots.md", "...\na: 1\n...\nbody\n")
        cls = frontmatter.YAMLHandler
        saved = cls.FM_BOUNDARY
        self.addCleanup(setattr, cls, "FM_BOUNDARY", saved)
        cls.FM_BOUNDARY = frontmatter.re.compile(r"^\.{3}$", frontmatter.re.M)
        for p in (path, dots):
            self.assertEqual(self.post_state(frontmatter.load(p)),
                             self.post_state(frontmatter._load(p)))
        self.assertEqual(frontmatter.load(path)["title"], "Hello, world!")
        cls.FM_BOUNDARY = property(lambda self: saved)
        for p in (path, dots):
            self.assertEqual(self.post_state(frontmatter.load(p)),
                             self.post_state(frontmatter._load(p)))
        self.assertEqual(frontmatter.load(path)["title"], "Hello, world!")

    def test_load_path_post_with_setattr(self):
        # a Post class with a __setattr__ of its own sees every attribute the
        # one C call sets, in __init__'s order, then _origin
        seen = []

        class Logged(frontmatter.Post):
            def __setattr__(self, name, value):
                seen.append(name)
                super().__setattr__(name, value)
        saved = frontmatter.Post
        self.addCleanup(setattr, frontmatter, "Post", saved)
        frontmatter.Post = Logged
        post = frontmatter.load(self.write("post.md", HELLO))
        self.assertIs(type(post), Logged)
        self.assertEqual(seen, ["content", "metadata", "handler", "_origin"])
        self.assertEqual(list(vars(post)), seen)
        self.assertEqual(post["title"], "Hello, world!")

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
        # TOML: read by the library once it loads TOML
        if toml_loads():
            self.assertEqual(frontmatter.loads("+++\na = 1\n+++\n")["a"], 1)
        else:
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


class Layout(unittest.TestCase):
    def test_aliases_are_all_a_test_needs(self):
        saved = {k: sys.modules.get(k) for k in
                 ("frontmatter", "frontmatter.default_handlers", "frontmatter.util")}
        try:
            sys.modules["frontmatter"] = frontmatter
            sys.modules["frontmatter.default_handlers"] = frontmatter.default_handlers
            sys.modules["frontmatter.util"] = frontmatter.util
            from frontmatter.default_handlers import BaseHandler, JSONHandler, TOMLHandler
            from frontmatter.util import can_open, is_readable, is_writable, u
            import frontmatter as fm
        finally:
            for k, v in saved.items():
                if v is None:
                    sys.modules.pop(k, None)
                else:
                    sys.modules[k] = v
        self.assertIs(fm, frontmatter)
        self.assertIs(fm.JSONHandler, JSONHandler)
        self.assertTrue(issubclass(TOMLHandler, BaseHandler))
        self.assertEqual(u(b"a\r\nb"), "a\nb")
        self.assertTrue(can_open("x") and is_readable(io.StringIO()) and
                        is_writable(io.StringIO()))
        self.assertEqual([type(h).__name__ for h in frontmatter.handlers],
                         ["YAMLHandler", "JSONHandler", "TOMLHandler"])

    def test_no_module_named_frontmatter_is_installed(self):
        import fmatter as pkg
        here = os.path.dirname(pkg.__file__)
        self.assertFalse(os.path.exists(os.path.join(os.path.dirname(here), "frontmatter")))
        self.assertEqual(sorted(os.listdir(os.path.join(here, "compat"))),
                         ["__init__.py", "default_handlers.py", "util.py"])

    def test_doctests(self):
        import doctest
        for module in (frontmatter, frontmatter.default_handlers, frontmatter.util):
            with self.subTest(module=module.__name__):
                result = doctest.testmod(module, extraglobs={"frontmatter": frontmatter})
                self.assertEqual(result.failed, 0)
                self.assertGreater(result.attempted, 0)


YAML_TEXT = "---\ntitle: Hello\ntags: [a]\n---\n\nBody.\n"
JSON_TEXT = '{\n    "title": "Hello"\n}\n\nBody.\n'


class Handlers(unittest.TestCase):
    def test_detect_and_check(self):
        H = frontmatter.default_handlers
        for text, cls in ((YAML_TEXT, H.YAMLHandler), (JSON_TEXT, H.JSONHandler),
                          ("+++\na = 1\n+++\n", H.TOMLHandler),
                          ("---\nunterminated\n", H.YAMLHandler)):
            with self.subTest(text=text):
                found = frontmatter.detect_format(text, frontmatter.handlers)
                self.assertIs(found, frontmatter.handlers[[H.YAMLHandler, H.JSONHandler,
                                                           H.TOMLHandler].index(cls)])
                self.assertIs(frontmatter.checks(text), True)
        self.assertIsNone(frontmatter.detect_format("\n---\na: 1\n---\n",
                                                    frontmatter.handlers))
        self.assertIs(frontmatter.checks("plain text"), False)

    def test_loaded_post_gets_the_global_handler(self):
        self.assertIs(frontmatter.loads(YAML_TEXT).handler, frontmatter.handlers[0])
        self.assertIs(frontmatter.loads(JSON_TEXT).handler, frontmatter.handlers[1])
        self.assertIsNone(frontmatter.loads("no front matter").handler)

    def test_split_load_export_format(self):
        h = frontmatter.YAMLHandler()
        fm, content = h.split(YAML_TEXT)
        self.assertEqual((fm, content), ("\ntitle: Hello\ntags: [a]\n", "\nBody.\n"))
        self.assertEqual(h.load(fm), {"title": "Hello", "tags": ["a"]})
        self.assertEqual(h.load("a: yes\na: no\n"), {"a": False})  # PyYAML's reading
        j = frontmatter.JSONHandler()
        self.assertEqual(j.split(JSON_TEXT), ('{\n    "title": "Hello"\n}', "\n\nBody.\n"))
        self.assertEqual(j.load('{"a": [1, 2.5, null]}'), {"a": [1, 2.5, None]})
        self.assertEqual(j.export({"b": 1, "a": [1]}), '{\n    "b": 1,\n    "a": [\n'
                                                        '        1\n    ]\n}')
        self.assertEqual(j.export({"b": 1}, indent=None, sort_keys=True), '{"b": 1}')
        with self.assertRaises(ValueError):
            h.split("no fences")
        with self.assertRaises(NotImplementedError):
            frontmatter.BaseHandler()

    def test_load_errors_point_into_the_front_matter(self):
        with self.assertRaises(fmatter.ParseError) as cm:
            frontmatter.YAMLHandler().load("a: 1\n  b: 2\n")
        e = cm.exception
        self.assertEqual((e.line, e.column, e.offset, e.code), (2, 4, 8, "syntax"))
        self.assertEqual(str(e), "<string>:2:4: mapping values are not allowed in this "
                                 "context")
        with self.assertRaises(fmatter.ParseError) as cm:
            frontmatter.YAMLHandler().load("a: 1\n---\nb: 2\n")
        self.assertEqual((cm.exception.line, cm.exception.message),
                         (2, "line 2 ends the front matter: a YAML block cannot hold "
                             "its own fence"))
        with self.assertRaises(fmatter.ParseError) as cm:
            frontmatter.JSONHandler().load('\n  {"a": 1,\n "a" 2}')
        self.assertEqual((cm.exception.line, cm.exception.code), (3, "syntax"))

    def test_handler_argument_everywhere(self):
        json_h = frontmatter.JSONHandler()
        post = frontmatter.loads(JSON_TEXT, handler=json_h)
        self.assertIs(post.handler, json_h)
        self.assertEqual(frontmatter.dumps(post), JSON_TEXT)  # its own text
        post = frontmatter.load(io.StringIO(YAML_TEXT), handler=frontmatter.YAMLHandler())
        self.assertEqual(frontmatter.dumps(post, handler=json_h),
                         '{\n    "title": "Hello",\n    "tags": [\n        "a"\n    ]\n}'
                         "\n\n\nBody.")
        buf = io.StringIO()
        frontmatter.dump(post, buf, handler=json_h, indent=None)
        self.assertEqual(buf.getvalue(), '\n{"title": "Hello", "tags": ["a"]}\n\n\nBody.'
                         .strip())
        raw = io.BytesIO()
        frontmatter.dump(post, raw)  # a binary file gets the encoded text
        self.assertEqual(raw.getvalue(), YAML_TEXT.encode())

    def test_custom_delimiters(self):
        post = frontmatter.loads(YAML_TEXT)
        self.assertEqual(frontmatter.dumps(post, start_delimiter="<!--",
                                           end_delimiter="-->"),
                         "<!--\ntags:\n- a\ntitle: Hello\n-->\n\nBody.")
        h = frontmatter.YAMLHandler(start_delimiter="+++", end_delimiter="+++")
        self.assertEqual(frontmatter.dumps(post, handler=h),
                         "+++\ntags:\n- a\ntitle: Hello\n+++\n\nBody.")
        pandoc = frontmatter.YAMLHandler(end_delimiter="...")
        self.assertEqual(frontmatter.dumps(post, handler=pandoc),
                         "---\ntags:\n- a\ntitle: Hello\n...\n\nBody.")

    def test_dumps_keywords(self):
        post = frontmatter.loads("---\nz: 1\na: [x]\n---\n\nBody.\n")
        self.assertEqual(frontmatter.dumps(post), "---\nz: 1\na: [x]\n---\n\nBody.\n")
        self.assertEqual(frontmatter.dumps(post, sort_keys=True),
                         "---\na:\n- x\nz: 1\n---\n\nBody.")
        self.assertEqual(frontmatter.dumps(post, sort_keys=False),
                         "---\nz: 1\na:\n- x\n---\n\nBody.")
        self.assertEqual(frontmatter.dumps(post, default_flow_style=True),
                         "---\n{a: [x], z: 1}\n---\n\nBody.")
        self.assertEqual(frontmatter.dumps(post, indent=4, sort_keys=False),
                         "---\nz: 1\na:\n- x\n---\n\nBody.")
        for handler in (None, frontmatter.JSONHandler(), frontmatter.TOMLHandler()):
            with self.subTest(handler=handler):
                with self.assertRaises(TypeError):
                    frontmatter.dumps(post, handler=handler, no_such_keyword=1)

    def test_toml_export(self):
        try:
            import toml  # noqa: F401
        except ImportError:
            self.skipTest("the toml module (python3-toml) is not installed")
        post = frontmatter.Post("Body.", title="Hi", n=1)
        self.assertEqual(frontmatter.dumps(post, handler=frontmatter.TOMLHandler()),
                         '+++\ntitle = "Hi"\nn = 1\n\n+++\n\nBody.')

    def test_custom_handler_class(self):
        class Reversed(frontmatter.YAMLHandler):
            def split(self, text):
                content, fm, _ = text.rsplit("---", 2)
                return fm, content

        post = frontmatter.loads("Body.\n---\ntitle: T\n---\n", handler=Reversed())
        self.assertEqual((post.metadata, post.content), ({"title": "T"}, "Body."))
        self.assertIsNone(post.document)  # read by its own split: rendered whole
        self.assertEqual(frontmatter.dumps(post), "---\ntitle: T\n---\n\nBody.")

    def test_custom_handler_in_handlers(self):
        class Dots(frontmatter.YAMLHandler):
            FM_BOUNDARY = __import__("re").compile(r"^\.{3}$", __import__("re").M)

        frontmatter.handlers.insert(0, Dots())
        try:
            post = frontmatter.loads("...\ntitle: dots\n...\nBody\n")
            self.assertEqual((post["title"], post.content), ("dots", "Body"))
            self.assertIs(post.handler, frontmatter.handlers[0])
            self.assertEqual(frontmatter.loads(YAML_TEXT)["title"], "Hello")
        finally:
            del frontmatter.handlers[0]

    def test_without_pyyaml(self):
        """fmatter.compat needs no PyYAML: a loaded post writes back its edits;
        a post built in Python is written by fmatter's own writer."""
        script = (
            "import sys; sys.modules['yaml'] = None\n"
            "import fmatter.compat as fm\n"
            "p = fm.loads('---\\ntitle: T\\ntags: [a]\\n---\\n\\nBody.\\n')\n"
            "p['tags'].append('b')\n"
            "print(repr(fm.dumps(p)))\n"
            "q = fm.Post('Body.', title='T', tags=['a', 'b'], n=1)\n"
            "print(repr(fm.dumps(q)))\n"
            "print(repr(fm.dumps(q, sort_keys=False)))\n"
            "for kw in ({'Dumper': None}, {'nope': 1}):\n"
            "    try:\n"
            "        fm.dumps(q, **kw)\n"
            "    except Exception as e:\n"
            "        print(type(e).__name__, e)\n")
        out = subprocess.run([sys.executable, "-c", script], capture_output=True,
                             text=True, check=True).stdout
        self.assertEqual(out.splitlines(), [
            repr("---\ntitle: T\ntags: [a, b]\n---\n\nBody.\n"),
            # the key n is quoted: a boolean in YAML 1.1 and Go's yaml
            repr("---\n\"n\": 1\ntags:\n  - a\n  - b\ntitle: T\n---\n\nBody."),
            repr("---\ntitle: T\ntags:\n  - a\n  - b\n\"n\": 1\n---\n\nBody."),
            "ImportError YAMLHandler.export(Dumper=...) needs the yaml module "
            "(Debian: python3-yaml)",
            "TypeError YAMLHandler.export() got an unexpected keyword argument 'nope'",
        ])


if __name__ == "__main__":
    unittest.main()
