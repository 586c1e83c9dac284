# SPDX-License-Identifier: MIT
"""python-frontmatter's API on fmatter: ``import fmatter.compat as frontmatter``.

The same modules as python-frontmatter: ``fmatter.compat`` (frontmatter),
``fmatter.compat.default_handlers`` (frontmatter.default_handlers) and
``fmatter.compat.util`` (frontmatter.util). No module named ``frontmatter`` is
installed; code (or a test suite) that imports ``frontmatter`` runs on
fmatter once three ``sys.modules`` entries point there::

    import sys, fmatter.compat
    sys.modules["frontmatter"] = fmatter.compat
    sys.modules["frontmatter.default_handlers"] = fmatter.compat.default_handlers
    sys.modules["frontmatter.util"] = fmatter.compat.util

``load``, ``loads``, ``dump``, ``dumps``, ``parse``, ``check``, ``checks``,
``detect_format``, ``handlers`` and ``Post`` take python-frontmatter's
arguments and behave as it does: ``Post`` holds ``metadata`` (a plain dict),
``content`` (the body, stripped, with ``\\r\\n`` read as ``\\n``) and
``handler``; defaults passed as keywords fill missing keys; a missing
closing fence means no front matter; a duplicate key keeps its last value;
plain ``yes``/``no``/``on``/``off`` are booleans, as PyYAML reads them.

The difference is writing back. A Post that fmatter loaded remembers its
text: ``dumps`` / ``dump`` make the changes in ``metadata`` (in place too:
``post["tags"].append("x")``) and ``content`` as minimal edits, so everything
else stays as it was, byte for byte: key order, quoting, comments, the body.
A post built in Python, or dumped with formatting keywords (``sort_keys``,
``Dumper``...), other delimiters or another handler, is rendered whole as
python-frontmatter renders it (see default_handlers).

>>> import fmatter.compat as frontmatter
>>> post = frontmatter.loads("---\\ntitle: Hello\\n---\\n\\nBody.\\n", layout="post")
>>> post["title"], post["layout"], post.content
('Hello', 'post', 'Body.')
>>> print(frontmatter.dumps(frontmatter.Post("Body.", title="Hello", tags=["a"])))
---
tags:
- a
title: Hello
---
<BLANKLINE>
Body.
"""

import codecs
import io
import re

from .. import _fmatter
from .._fmatter import EditError, ParseError
from . import default_handlers, util
from .default_handlers import LOAD_OPTIONS, BaseHandler, JSONHandler, TOMLHandler, YAMLHandler
from .default_handlers import _Origin, _stock_class
from .util import can_open, is_readable, is_writable, u

__all__ = ["parse", "load", "loads", "dump", "dumps", "check", "checks", "detect_format",
           "handlers", "Post", "BaseHandler", "YAMLHandler", "JSONHandler", "TOMLHandler",
           "ParseError", "EditError", "default_handlers", "util"]

# The handlers detect_format tries (python-frontmatter's global list).
handlers = [Handler() for Handler in (YAMLHandler, JSONHandler, TOMLHandler)]


class Post:
    """A post: ``content`` and ``metadata``, as python-frontmatter's Post.

    Metadata values are available as item lookups: ``post["title"]``.
    """

    def __init__(self, content, handler=None, **metadata):
        self.content = str(content)
        self.metadata = metadata
        self.handler = handler

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
        """Post as a dict, for serializing: the metadata and the content under
        "content" (which replaces a front-matter key of that name, as in
        python-frontmatter; fmatter.Document.to_dict refuses instead)."""
        d = self.metadata.copy()
        d["content"] = self.content
        return d

    @property
    def document(self):
        """The fmatter.Document this post was read from, as loaded (None for
        a post built in Python or read by a handler of your own)."""
        origin = self.__dict__.get("_origin")
        return origin.document() if origin else None


# ---------------------------------------------------------------- detecting


def detect_format(text, handlers):
    """The first of handlers whose detect(text) is true, or None."""
    for handler in handlers:
        if handler.detect(text):
            return handler
    return None


def _native(handler):
    """True when handler reads as fmatter does: a stock handler with its own
    detect, split and load and boundary."""
    cls = _stock_class(handler)
    t = type(handler)
    return (cls is not None and t.detect is cls.detect and t.split is cls.split
            and t.load is cls.load and handler.FM_BOUNDARY is cls.FM_BOUNDARY)


def _default_handlers():
    """True while `handlers` is as python-frontmatter makes it: a YAMLHandler,
    a JSONHandler and a TOMLHandler (not subclasses), in this order, with
    their classes' boundaries. The common case of _stock_handlers, checked
    without its loops (it runs on every load)."""
    hs = handlers
    if len(hs) != 3:
        return False
    y, j, t = hs
    return (type(y) is YAMLHandler and type(j) is JSONHandler and type(t) is TOMLHandler
            and y.FM_BOUNDARY is YAMLHandler.FM_BOUNDARY
            and j.FM_BOUNDARY is JSONHandler.FM_BOUNDARY
            and t.FM_BOUNDARY is TOMLHandler.FM_BOUNDARY)


def _stock_handlers():
    """True while `handlers` holds one stock handler per format, nothing else:
    then fmatter's own split detects the format."""
    if _default_handlers():
        return True
    return (len(handlers) == 3 and all(_native(h) for h in handlers)
            and {_stock_class(h) for h in handlers} == {YAMLHandler, JSONHandler, TOMLHandler})


def _handler_for(fmt):
    for handler in handlers:
        cls = _stock_class(handler)
        if cls is not None and cls._FORMAT == fmt:
            return handler
    return None


# ---------------------------------------------------------------- reading

# python-frontmatter splits on lines of three or more dashes; fmatter's fence
# is exactly three. A file fenced with longer runs is read with its fences
# shortened and written back with them restored.
_BOUNDARY = re.compile(r"^-{3,}[ \t]*\r?$", re.M)


def _is_utf8(encoding):
    return codecs.lookup(encoding).name == "utf-8"


def _shorten_fences(text):
    """(text with 3-dash fences, original fences) when text is fenced with
    longer dash lines, else None."""
    if isinstance(text, (bytes, bytearray)):
        if b"---" not in text:  # no fence at all: skip the decode and the regex
            return None
        text = bytes(text).decode("utf-8", "surrogateescape")
    elif "---" not in text:
        return None
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
    text = (text[: first.start()] + "---" + text[first.start() + len(a): second.start()]
            + "---" + text[second.start() + len(b):])
    return text, (a, b)


def _parse_doc(text):
    doc = _fmatter.loads(text, **LOAD_OPTIONS)
    if doc.format is None:
        shorter = _shorten_fences(text)
        if shorter:
            return _fmatter.loads(shorter[0], **LOAD_OPTIONS), shorter[1]
    return doc, None


def _post_from_doc(doc, fences, handler, defaults):
    """The Post of a document fmatter read."""
    fmt, metadata, content, lead, trail, crlf = doc._post_parts()
    post = Post(content, handler or _handler_for(fmt))
    if defaults:
        metadata = {**defaults, **metadata}
    post.metadata = metadata
    post._origin = _Origin(doc, fences, content, lead, trail, crlf)
    return post


def _handler_parse(text, handler, defaults):
    """python-frontmatter's parse with a handler object of its own."""
    text = text.strip()
    metadata = dict(defaults)
    try:
        fm, content = handler.split(text)
    except ValueError:
        return metadata, text
    data = handler.load(fm)
    if isinstance(data, dict):
        metadata.update(data)
    return metadata, content.strip()


def _detect_in_python(text):
    """detect_format over `handlers` as python-frontmatter does (on the text,
    then on the stripped text)."""
    return detect_format(text, handlers) or detect_format(text.strip(), handlers)


def loads(text, encoding="utf-8", handler=None, **defaults):
    """Parse text (str or bytes) and return a Post."""
    if isinstance(text, (bytes, bytearray)) and not _is_utf8(encoding):
        text = bytes(text).decode(encoding)
    elif not isinstance(text, (str, bytes, bytearray)):
        text = str(text)
    if handler is None and not _stock_handlers():
        handler = _detect_in_python(u(text, encoding))
        if handler is None:
            return Post(u(text, encoding).strip(), None, **defaults)
    if handler is None or _native(handler):
        doc, fences = _parse_doc(text)
        if handler is None or doc.format == _stock_class(handler)._FORMAT:
            return _post_from_doc(doc, fences, handler, defaults)
    metadata, content = _handler_parse(u(text, encoding), handler, defaults)
    post = Post(content, handler)
    post.metadata = metadata
    return post


_RawDocument = _fmatter.Document
_compat_load = _fmatter._compat_load


def _post_of_file(doc, defaults):
    """The Post of a file fmatter read itself (stock handlers, UTF-8): read
    again when it has no front matter but is fenced with longer dash lines."""
    if doc.format is None and _shorten_fences(doc.dumpb()):
        doc, fences = _parse_doc(doc.dumpb())
        return _post_from_doc(doc, fences, None, defaults)
    return _post_from_doc(doc, None, None, defaults)


def load(fd, encoding="utf-8", handler=None, **defaults):
    """Load and parse a file-like object or filename, return a Post."""
    if type(fd) is str and handler is None and encoding == "utf-8":
        # The common call, made in one C call (None: handlers or LOAD_OPTIONS
        # are not the defaults; a Document: the file has no front matter).
        post = _compat_load(fd, defaults)
        if post is not None:
            return _post_of_file(post, defaults) if type(post) is _RawDocument else post
    if is_readable(fd):
        return loads(fd.read(), encoding, handler, **defaults)
    if not can_open(fd):
        raise ValueError(f"Cannot open filename using type {type(fd)}")
    if handler is None and _is_utf8(encoding) and _stock_handlers():
        return _post_of_file(_fmatter.load(fd, **LOAD_OPTIONS), defaults)
    with open(fd, "rb") as f:
        return loads(f.read(), encoding, handler, **defaults)


def parse(text, encoding="utf-8", handler=None, **defaults):
    """Parse text with front matter, return (metadata, content)."""
    post = loads(text, encoding, handler, **defaults)
    return post.metadata, post.content


def checks(text, encoding="utf-8"):
    """True when text (str or bytes) has front matter, even empty: when one
    of `handlers` detects it."""
    return detect_format(u(text, encoding), handlers) is not None


def check(fd, encoding="utf-8"):
    """True when a file-like object or filename has front matter."""
    if is_readable(fd):
        text = fd.read()
    elif can_open(fd):
        with open(fd, "r", encoding=encoding) as f:
            text = f.read()
    else:
        return False
    return checks(text, encoding)


# ---------------------------------------------------------------- writing


def dumps(post, handler=None, **kwargs):
    """The post as text: handler (else post.handler, else a YAMLHandler)
    formats it. A post fmatter loaded keeps its text but for its changes."""
    if handler is None:
        handler = getattr(post, "handler", None) or YAMLHandler()
    return handler.format(post, **kwargs)


def dump(post, fd, encoding="utf-8", handler=None, **kwargs):
    """Write the post to a file-like object (text, or binary: encoded) or a
    filename (encoded)."""
    text = dumps(post, handler, **kwargs)
    if is_writable(fd):
        if isinstance(fd, (io.RawIOBase, io.BufferedIOBase)):
            fd.write(text.encode(encoding))
        else:
            fd.write(text)
    elif can_open(fd):
        with open(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
    else:
        raise ValueError(f"Cannot open filename using type {type(fd)}")


# load is a C function: the common call (a str path, no other argument) is
# _compat_load's work without a Python frame; every other call is the
# Python load above (_load), with the same arguments. Both read this
# module's handlers, LOAD_OPTIONS, Post, _Origin and _post_of_file.
_load = load
load = _fmatter._compat_setup(globals())
