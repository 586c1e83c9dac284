# SPDX-License-Identifier: MIT
"""python-frontmatter's API on fmatter: ``import fmatter.compat as frontmatter``.

``load``, ``loads``, ``dump``, ``dumps``, ``parse``, ``check``, ``checks`` and
``Post`` take python-frontmatter's arguments and behave as it does: ``Post``
holds ``metadata`` (a plain dict) and ``content`` (the body, stripped, with
``\\r\\n`` read as ``\\n``); defaults passed as keywords fill missing keys; a
missing closing fence means no front matter; a duplicate key keeps its last
value; plain ``yes``/``no``/``on``/``off`` are booleans, as PyYAML reads them.

The difference is writing back. A Post that came from a document remembers it:
``dumps`` / ``dump`` apply the changes made to ``metadata`` and ``content`` as
the library's minimal edits (a changed value rewrites that value, a removed key
its lines, a new key is added at the end of its mapping), so everything else,
byte for byte, stays as it was: key order, quoting, comments, the body.
A Post built from scratch is written as a new YAML document.

Not supported: TOML front matter (fmatter does not read it: ParseError with
code "unsupported"); python-frontmatter's handler classes (a handler object
passed in is used through its own ``split``/``load``/``format`` methods).
"""

import codecs
import os
import re

from . import _fmatter
from ._fmatter import EditError, ParseError

__all__ = ["parse", "load", "loads", "dump", "dumps", "check", "checks", "Post"]

_LOAD_OPTIONS = {"lenient": True, "allow_duplicates": True, "yaml11": True}

# python-frontmatter splits on lines of three or more dashes; fmatter's fence
# is exactly three. A file fenced with longer runs is read with its fences
# shortened and written back with them restored.
_BOUNDARY = re.compile(r"^-{3,}[ \t]*\r?$", re.M)
_SHORT_FENCE = re.compile(r"^---(?=[ \t]*\r?$)", re.M)


def _u(text, encoding="utf-8"):
    """Text as str with \\r\\n read as \\n, as python-frontmatter's u()."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode(encoding)
    else:
        text = str(text)
    return text.replace("\r\n", "\n")


def _is_utf8(encoding):
    return codecs.lookup(encoding).name == "utf-8"


def _readable(fd):
    return callable(getattr(fd, "read", None))


def _writable(fd):
    return callable(getattr(fd, "write", None))


def _can_open(fd):
    return isinstance(fd, (str, os.PathLike))


class Post:
    """A post: ``content`` and ``metadata``, as python-frontmatter's Post.

    Metadata values are available as item lookups: ``post["title"]``.
    """

    def __init__(self, content, handler=None, **metadata):
        self.content = str(content)
        self.metadata = metadata
        self.handler = handler
        self._origin = None

    def __getitem__(self, name):
        "Get metadata key"
        return self.metadata[name]

    def __contains__(self, item):
        "Check metadata contains key"
        return item in self.metadata

    def __setitem__(self, name, value):
        "Set a metadata key"
        self.metadata[name] = value

    def __delitem__(self, name):
        "Delete a metadata key"
        del self.metadata[name]

    def __bytes__(self):
        return self.content.encode("utf-8")

    def __str__(self):
        return self.content

    def get(self, key, default=None):
        "Get a key, fallback to default"
        return self.metadata.get(key, default)

    def keys(self):
        "Return metadata keys"
        return self.metadata.keys()

    def values(self):
        "Return metadata values"
        return self.metadata.values()

    def to_dict(self):
        "Post as a dict, for serializing"
        d = self.metadata.copy()
        d["content"] = self.content
        return d

    @property
    def document(self):
        """The fmatter.Document this post was read from (None when built)."""
        return self._origin.doc if self._origin else None


class _Origin:
    """What a Post was read from, to turn its changes into minimal edits."""

    __slots__ = ("doc", "metadata", "content", "lead", "trail", "crlf", "fences")

    def __init__(self, doc, fences):
        self.doc = doc
        self.metadata = doc.metadata  # a second, private copy
        body = doc.content
        stripped = body.strip()
        start = len(body) - len(body.lstrip())
        self.lead = body[:start]
        self.trail = body[start + len(stripped):]
        self.content = stripped.replace("\r\n", "\n")
        self.crlf = "\r\n" in body
        self.fences = fences


# ---------------------------------------------------------------- reading


def _shorten_fences(text):
    """(text with 3-dash fences, original fences) when text is fenced with
    longer dash lines, else None."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", "surrogateescape")
    first = _BOUNDARY.search(text)
    if not first or text[: first.start()].strip():
        return None
    second = _BOUNDARY.search(text, first.end())
    if not second:
        return None
    a = first.group().rstrip(" \t\r")
    b = second.group().rstrip(" \t\r")
    if len(a) == 3 and len(b) == 3:
        return None
    text = (
        text[: first.start()]
        + "---"
        + text[first.start() + len(a) : second.start()]
        + "---"
        + text[second.start() + len(b) :]
    )
    return text, (a, b)


def _post_from_doc(doc, defaults, fences=None):
    origin = _Origin(doc, fences)
    metadata = dict(defaults)
    metadata.update(doc.metadata)
    post = Post(origin.content)
    post.metadata = metadata
    post._origin = origin
    return post


def _parse_doc(text):
    doc = _fmatter.loads(text, **_LOAD_OPTIONS)
    if doc.format is None:
        shorter = _shorten_fences(text)
        if shorter:
            return _fmatter.loads(shorter[0], **_LOAD_OPTIONS), shorter[1]
    return doc, None


def _handler_parse(text, encoding, handler, defaults):
    """python-frontmatter's parse with a handler object of its own."""
    text = _u(text, encoding).strip()
    metadata = dict(defaults)
    try:
        fm, content = handler.split(text)
    except ValueError:
        return metadata, text
    data = handler.load(fm)
    if isinstance(data, dict):
        metadata.update(data)
    return metadata, content.strip()


def parse(text, encoding="utf-8", handler=None, **defaults):
    """Parse text with front matter, return (metadata, content)."""
    if handler is not None:
        return _handler_parse(text, encoding, handler, defaults)
    post = loads(text, encoding, None, **defaults)
    return post.metadata, post.content


def loads(text, encoding="utf-8", handler=None, **defaults):
    """Parse text (str or bytes) and return a Post."""
    if handler is not None:
        metadata, content = _handler_parse(text, encoding, handler, defaults)
        post = Post(content, handler)
        post.metadata = metadata
        return post
    if isinstance(text, (bytes, bytearray)) and not _is_utf8(encoding):
        text = bytes(text).decode(encoding)
    elif not isinstance(text, (str, bytes, bytearray)):
        text = str(text)
    doc, fences = _parse_doc(text)
    return _post_from_doc(doc, defaults, fences)


def load(fd, encoding="utf-8", handler=None, **defaults):
    """Load and parse a file-like object or filename, return a Post."""
    if _readable(fd):
        return loads(fd.read(), encoding, handler, **defaults)
    if not _can_open(fd):
        raise ValueError(f"Cannot open filename using type {type(fd)}")
    if handler is None and _is_utf8(encoding):
        doc = _fmatter.load(fd, **_LOAD_OPTIONS)
        if doc.format is None and _shorten_fences(doc.dumpb()):
            doc, fences = _parse_doc(doc.dumpb())
            return _post_from_doc(doc, defaults, fences)
        return _post_from_doc(doc, defaults)
    with open(fd, "r", encoding=encoding, newline="") as f:
        return loads(f.read(), encoding, handler, **defaults)


def checks(text, encoding="utf-8"):
    """True when text (str or bytes) has front matter, even empty."""
    text = _u(text, encoding)
    return _fmatter.detect(text) is not None or _shorten_fences(text) is not None


def check(fd, encoding="utf-8"):
    """True when a file-like object or filename has front matter."""
    if _readable(fd):
        text = fd.read()
    elif _can_open(fd):
        with open(fd, "r", encoding=encoding) as f:
            text = f.read()
    else:
        return False
    return checks(text, encoding)


# ---------------------------------------------------------------- writing


def _same(a, b):
    """Equal and of the same types all the way down (1 is not True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def _set(doc, prefix, key, value, existed):
    if not prefix:
        doc[key] = value
    elif not existed and "." in key:
        raise EditError(f"cannot add the key {key!r} under {prefix!r}: a dot nests")
    else:
        doc.set(prefix + "." + key, value)


def _remove(doc, prefix, key):
    if not prefix:
        del doc[key]
    else:
        doc.remove(prefix + "." + key)


def _apply(doc, prefix, old, new):
    """Turns the difference between two metadata dicts into edits."""
    for key in old:
        if key not in new:
            _remove(doc, prefix, key)
    for key, value in new.items():
        existed = key in old
        if existed:
            before = old[key]
            if _same(before, value):
                continue
            if type(before) is dict and type(value) is dict and "." not in key:
                _apply(doc, prefix + "." + key if prefix else key, before, value)
                continue
        _set(doc, prefix, key, value, existed)


def _document(post):
    """A new fmatter.Document with the post's text, and its original fences."""
    origin = getattr(post, "_origin", None)
    if origin is None:
        doc = _fmatter.new("yaml")
        for key, value in post.metadata.items():
            doc[key] = value
        doc.content = "\n" + str(post.content)
        return doc, None
    doc = _fmatter.loads(origin.doc.dumpb(), **_LOAD_OPTIONS)
    _apply(doc, "", origin.metadata, post.metadata)
    content = str(post.content)
    if content != origin.content:
        if origin.crlf:
            content = content.replace("\r\n", "\n").replace("\n", "\r\n")
        doc.content = origin.lead + content + origin.trail
    return doc, origin.fences


def _restore_fences(text, fences):
    pos = 0
    for run in fences:
        m = _SHORT_FENCE.search(text, pos)
        if not m:
            break
        text = text[: m.start()] + run + text[m.end() :]
        pos = m.start() + len(run)
    return text


def dumps(post, handler=None, **kwargs):
    """The post as text. A post read from a document keeps its formatting:
    only what changed is rewritten. A handler object (the argument or
    post.handler) formats it instead, as in python-frontmatter."""
    if handler is None:
        handler = getattr(post, "handler", None)
    if handler is not None:
        return handler.format(post, **kwargs)
    doc, fences = _document(post)
    text = doc.dumps()
    if getattr(post, "_origin", None) is None:
        return text.strip()  # python-frontmatter's layout for a new post
    if fences:
        text = _restore_fences(text, fences)
    return text


def dump(post, fd, encoding="utf-8", handler=None, **kwargs):
    """Write the post to a file-like object or a filename."""
    text = dumps(post, handler, **kwargs)
    if _writable(fd):
        fd.write(text)
    elif _can_open(fd):
        errors = "surrogateescape" if _is_utf8(encoding) else "strict"
        with open(fd, "w", encoding=encoding, errors=errors, newline="") as f:
            f.write(text)
    else:
        raise ValueError(f"Cannot open filename using type {type(fd)}")
