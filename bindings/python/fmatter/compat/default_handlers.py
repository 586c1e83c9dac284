# SPDX-License-Identifier: MIT
"""python-frontmatter's handlers (frontmatter.default_handlers) on fmatter.

A handler detects its kind of front matter (``detect``), splits it from the
content (``split``), reads it into a dict (``load``), turns a dict back into
text (``export``) and lays out a whole post (``format``). The three handlers
here behave as python-frontmatter's do, with these differences:

- ``load`` reads with fmatter (the same reader as ``frontmatter.load``): no
  PyYAML or toml module needed. YAML is read as PyYAML reads it for the
  common cases (plain ``yes``/``no``/``on``/``off`` are booleans, a
  duplicate key keeps its last value); front matter that is not a mapping
  is a ``fmatter.ParseError``. Passing ``Loader=`` (YAML) or other keywords
  reads with PyYAML, ``json`` or ``toml`` as python-frontmatter does.
- ``format`` of a post that fmatter loaded, in its own format, with the
  handler's own delimiters and no formatting keywords, writes the loaded
  text back with only the changes made to ``post.metadata`` and
  ``post.content`` (minimal edits: untouched keys keep their bytes, key
  order and comments stay). Anything else (a post built in Python, another
  format, ``sort_keys=``, ``Dumper=``, ``indent=``, other delimiters, an
  ``export`` of your own) is rendered whole by ``export``, as
  python-frontmatter does.
- ``YAMLHandler.export`` is PyYAML's ``yaml.dump`` with python-frontmatter's
  settings (SafeDumper, block style, unicode, sorted keys) when PyYAML is
  installed, so the text is the same byte for byte. Without PyYAML it is
  fmatter's own writer (valid YAML, lists indented and strings quoted its
  own way), which takes ``sort_keys`` and no other keyword.
- ``TOMLHandler`` always exists (python-frontmatter defines it only with the
  toml module). Its ``load`` needs only fmatter; its ``export`` uses the
  toml module when installed, else fmatter's writer.
- An unknown keyword is a TypeError (python-frontmatter's TOMLHandler
  ignores them).

>>> import fmatter.compat as frontmatter
>>> post = frontmatter.loads("---\\ntitle: Hi\\ntags: [a]\\n---\\n\\nBody.\\n")
>>> isinstance(post.handler, YAMLHandler)
True
>>> post["tags"].append("b")
>>> print(frontmatter.dumps(post), end="")
---
title: Hi
tags: [a, b]
---
<BLANKLINE>
Body.
>>> print(frontmatter.dumps(post, handler=JSONHandler()))
{
    "title": "Hi",
    "tags": [
        "a",
        "b"
    ]
}
<BLANKLINE>
<BLANKLINE>
Body.
"""

import io
import json
import re

from .. import _edits, _fmatter
from .._document import Document
from .util import u

__all__ = ["BaseHandler", "YAMLHandler", "JSONHandler", "TOMLHandler"]

DEFAULT_POST_TEMPLATE = """\
{start_delimiter}
{metadata}
{end_delimiter}

{content}
"""

# How fmatter.compat reads: python-frontmatter's behaviour where the library
# has an option for it (PyYAML's booleans, the last duplicate wins).
LOAD_OPTIONS = {"lenient": True, "allow_duplicates": True, "yaml11": True}


# ---------------------------------------------------------------- optional modules


def _optional(name):
    try:
        return __import__(name)
    except ImportError:
        return None


def _need(name, what):
    module = _optional(name)
    if module is None:
        raise ImportError(f"{what} needs the {name} module (Debian: python3-{name})")
    return module


def _yaml_class(yaml, name):
    """PyYAML's C class when built with libyaml (as python-frontmatter)."""
    return getattr(yaml, "C" + name, None) or getattr(yaml, name)


# ---------------------------------------------------------------- reading


def _shifted(error, lines, columns, offset):
    """A ParseError from reading text made of fm and what was put around it,
    with its place moved into fm: lines, offset (bytes) and, on the first
    line, columns are what fm has more than that text before the place."""
    if error.line is None:
        return error
    line = error.line + lines
    column = error.column + (columns if error.line == 1 else 0)
    out = _fmatter.ParseError(f"<string>:{line}:{column}: {error.message}")
    out.line, out.column, out.offset = line, column, error.offset + offset
    out.code, out.message = error.code, error.message
    return out


def _hand_error(message, line):
    error = _fmatter.ParseError(f"<string>:{line}:1: {message}" if line else
                                f"<string>: {message}")
    error.code, error.message = "syntax", message
    if line:
        error.line, error.column = line, 1
    return error


def _load_block(fm, fence, fmt):
    """The dict fmatter reads from front matter text fm (between fences; for
    JSON, fm is the object itself)."""
    fm = u(fm)
    if fence:
        text = f"{fence}\n{fm}"
        shift = (-1, 0, -len(fence) - 1)
    else:
        text = fm.lstrip()
        lead = fm[: len(fm) - len(text)]
        shift = (lead.count("\n"), len(lead) - lead.rfind("\n") - 1,
                 len(lead.encode("utf-8")))
    if not text.endswith("\n"):
        text += "\n"
    if fence:
        text += fence + "\n"
    try:
        doc = _fmatter.loads(text, **LOAD_OPTIONS)
    except _fmatter.ParseError as e:
        raise _shifted(e, *shift) from None
    if doc.format != fmt:
        raise _hand_error(f"not {fmt.upper()} front matter", None)
    if doc.content:
        line = doc.body_line - 1 + shift[0]
        raise _hand_error(f"line {line} ends the front matter: a {fmt.upper()} block "
                          "cannot hold its own fence", line)
    return doc.metadata


# ---------------------------------------------------------------- writing back


class _Origin:
    """What a Post was read from, to write its changes back as minimal edits:
    the document (its text and options), the content as the Post got it, the
    blank lines and line endings around it, and fences fmatter shortened.
    Made of what doc._post_parts() gives: content is the body stripped
    (str.strip) with \\r\\n read as \\n, lead and trail what the strip took
    off, crlf whether the body holds a \\r\\n."""

    def __init__(self, doc, fences, content, lead, trail, crlf):
        self.doc = doc
        self.lead = lead
        self.trail = trail
        self.content = content
        self.crlf = crlf
        self.fences = fences
        self._document = None

    @property
    def format(self):
        return self.doc.format

    def document(self):
        if self._document is None:
            self._document = Document._wrap(self.doc)
        return self._document

    def write_back(self, post):
        """The loaded text with the post's changes made as minimal edits (the
        origin itself is not changed). Raises _edits.Unplannable or
        EditError when an edit cannot be made."""
        doc = _fmatter.loads(self.doc.dumpb(), **LOAD_OPTIONS)
        _edits.apply(doc, _edits.plan(doc.metadata, post.metadata))
        content = str(post.content)
        if content != self.content:
            if self.crlf:
                content = content.replace("\r\n", "\n").replace("\n", "\r\n")
            doc.content = self.lead + content + self.trail
        text = doc.dumps()
        return _restore_fences(text, self.fences) if self.fences else text


_SHORT_FENCE = re.compile(r"^---(?=[ \t]*\r?$)", re.M)


def _restore_fences(text, fences):
    """Puts back the longer dash fences fmatter read as ---."""
    pos = 0
    for run in fences:
        m = _SHORT_FENCE.search(text, pos)
        if not m:
            break
        text = text[: m.start()] + run + text[m.end():]
        pos = m.start() + len(run)
    return text


def _stock_class(handler):
    for cls in (YAMLHandler, JSONHandler, TOMLHandler):
        if isinstance(handler, cls):
            return cls
    return None


def _write_back(handler, post, start, end, kwargs):
    """The minimal-edit text of a post fmatter loaded, or None when it must
    be rendered whole (see the module's notes)."""
    origin = getattr(post, "_origin", None)
    cls = _stock_class(handler)
    if (origin is None or kwargs or cls is None or cls._FORMAT != (origin.format or "yaml")
            or type(handler).export is not cls.export
            or (start, end) != (cls.START_DELIMITER, cls.END_DELIMITER)):
        return None
    try:
        return origin.write_back(post)
    except (_edits.Unplannable, _fmatter.EditError):
        return None  # rendered whole: nothing is lost, the layout is export's


# ---------------------------------------------------------------- handlers


class BaseHandler:
    """The steps every handler takes: detect, split, load, export, format.
    Subclasses set FM_BOUNDARY (a compiled regex), START_DELIMITER and
    END_DELIMITER and write load and export."""

    FM_BOUNDARY = None
    START_DELIMITER = None
    END_DELIMITER = None

    def __init__(self, fm_boundary=None, start_delimiter=None, end_delimiter=None):
        self.FM_BOUNDARY = fm_boundary or self.FM_BOUNDARY
        self.START_DELIMITER = start_delimiter or self.START_DELIMITER
        self.END_DELIMITER = end_delimiter or self.END_DELIMITER
        if self.FM_BOUNDARY is None:
            raise NotImplementedError(
                f"No frontmatter boundary defined. Please set "
                f"{type(self).__name__}.FM_BOUNDARY to a regular expression")

    def detect(self, text):
        """True when this handler can read text (its boundary starts it)."""
        return bool(self.FM_BOUNDARY.match(text))

    def split(self, text):
        """(front matter, content) of text; ValueError without two
        boundaries."""
        _, fm, content = self.FM_BOUNDARY.split(text, 2)
        return fm, content

    def load(self, fm):
        """The front matter text as a dict."""
        raise NotImplementedError

    def export(self, metadata, **kwargs):
        """A dict as front matter text."""
        raise NotImplementedError

    def format(self, post, **kwargs):
        """The whole post as text, for frontmatter.dumps: a post fmatter
        loaded keeps its text except for its changes; else the metadata is
        exported and laid out between the delimiters, then the content."""
        start = kwargs.pop("start_delimiter", self.START_DELIMITER)
        end = kwargs.pop("end_delimiter", self.END_DELIMITER)
        text = _write_back(self, post, start, end, kwargs)
        if text is not None:
            return text
        metadata = self.export(post.metadata, **kwargs)
        return DEFAULT_POST_TEMPLATE.format(
            metadata=metadata, content=post.content, start_delimiter=start,
            end_delimiter=end).strip()


# Keywords of PyYAML's yaml.dump, and those fmatter's own writer takes too.
_YAML_DUMP_KEYWORDS = {
    "stream", "Dumper", "default_style", "default_flow_style", "canonical", "indent",
    "width", "allow_unicode", "line_break", "encoding", "explicit_start",
    "explicit_end", "version", "tags", "sort_keys",
}


def _export_without_pyyaml(metadata, kwargs):
    """fmatter's own YAML for a dict, for export when PyYAML is missing."""
    sort_keys = kwargs.pop("sort_keys", True)
    for name, value in kwargs.items():
        if name not in _YAML_DUMP_KEYWORDS:
            raise TypeError(f"YAMLHandler.export() got an unexpected keyword argument "
                            f"{name!r}")
        if (name, value) not in (("default_flow_style", False), ("allow_unicode", True)):
            _need("yaml", f"YAMLHandler.export({name}=...)")
    if not metadata:
        return "{}"
    doc = _fmatter.new("yaml")
    for key in sorted(metadata) if sort_keys else metadata:
        doc[key] = metadata[key]
    return doc.parts()["front"].decode("utf-8").strip()


class YAMLHandler(BaseHandler):
    """YAML front matter between lines of three or more dashes."""

    _FORMAT = "yaml"
    FM_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "---"

    def load(self, fm, **kwargs):
        """The front matter as a dict, read by fmatter; with keywords (such
        as Loader=), by PyYAML's yaml.load (SafeLoader unless given)."""
        if kwargs:
            yaml = _need("yaml", "YAMLHandler.load(Loader=...)")
            kwargs.setdefault("Loader", _yaml_class(yaml, "SafeLoader"))
            return yaml.load(fm, **kwargs)
        return _load_block(fm, "---", "yaml")

    def export(self, metadata, **kwargs):
        """The metadata as YAML: PyYAML's yaml.dump with SafeDumper, block
        style, unicode and sorted keys unless told otherwise (fmatter's own
        writer when PyYAML is not installed)."""
        yaml = _optional("yaml")
        if yaml is None:
            return _export_without_pyyaml(metadata, kwargs)
        kwargs.setdefault("Dumper", _yaml_class(yaml, "SafeDumper"))
        kwargs.setdefault("default_flow_style", False)
        kwargs.setdefault("allow_unicode", True)
        return u(yaml.dump(metadata, **kwargs).strip())


class JSONHandler(BaseHandler):
    """JSON front matter: an object whose braces stand alone on their lines."""

    _FORMAT = "json"
    FM_BOUNDARY = re.compile(r"^(?:{|})$", re.MULTILINE)
    START_DELIMITER = ""
    END_DELIMITER = ""

    def split(self, text):
        _, fm, content = self.FM_BOUNDARY.split(text, 2)
        return "{" + fm + "}", content

    def load(self, fm, **kwargs):
        """The front matter as a dict, read by fmatter; with keywords, by
        json.loads."""
        if kwargs:
            return json.loads(fm, **kwargs)
        return _load_block(fm, "", "json")

    def export(self, metadata, **kwargs):
        """The metadata as JSON: json.dumps, indented by 4 unless told."""
        kwargs.setdefault("indent", 4)
        return u(json.dumps(metadata, **kwargs))


class TOMLHandler(BaseHandler):
    """TOML front matter between lines of three or more plus signs."""

    _FORMAT = "toml"
    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm, **kwargs):
        """The front matter as a dict, read by fmatter; with keywords, by the
        toml module's toml.loads."""
        if kwargs:
            return _need("toml", "TOMLHandler.load(...)").loads(fm, **kwargs)
        return _load_block(fm, "+++", "toml")

    def export(self, metadata, **kwargs):
        """The metadata as TOML: the toml module's toml.dumps when installed,
        else fmatter's own writer. Takes no keywords."""
        if kwargs:
            raise TypeError(f"TOMLHandler.export() got an unexpected keyword argument "
                            f"{next(iter(kwargs))!r}")
        toml = _optional("toml")
        if toml is not None:
            return u(toml.dumps(metadata))
        doc = _fmatter.new("toml")
        for key in metadata:
            doc[key] = metadata[key]
        return doc.parts()["front"].decode("utf-8")
