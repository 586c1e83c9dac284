# SPDX-License-Identifier: MIT
"""fmatter.Document: a loaded document as a MutableMapping of its front
matter, over the C type fmatter._fmatter.Document.

Changes are never lost. Assigning or deleting a key edits the document at
once. A list or dict you get from (or assign to) a top-level key stays
attached to the document: change it in place (``doc["tags"].append("x")``,
``doc["params"]["x"] = 1``) and the change is made, as minimal edits, when
the document is next read as a whole or written: ``dumps``, ``dumpb``,
``save``, ``str``, ``==``, pickling, ``metadata``, ``to_dict``, ``parts``,
``article``, ``summary``, ``get_path`` and the path edits (``set``,
``remove``, ``rename``, ``insert_after``). A path edit detaches the
containers of the top-level key it goes through: take them again after it.
"""

import re
from collections.abc import Mapping, MutableMapping

from . import _edits, _fmatter

__all__ = ["Document", "load", "loads", "load_many", "new"]

_RawDocument = _fmatter.Document


def _first_key(path):
    """The first key of a str path: a "quoted" key with its escapes undone,
    else the text before the first '.' or '['."""
    if path.startswith('"'):
        key, i = [], 1
        while i < len(path) and path[i] != '"':
            if path[i] == "\\" and i + 1 < len(path):
                i += 1
            key.append(path[i])
            i += 1
        return "".join(key)
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _attachable(value):
    """Containers the caller may change in place after handing them over."""
    return isinstance(value, (list, tuple, Mapping))


def _raw(name, doc):
    """A read-only attribute passed through from the C document."""
    return property(lambda self: getattr(self._doc, name), doc=doc)


class Document(MutableMapping):
    """A front-matter Markdown document, made by fmatter.load, loads,
    load_many or new: a mapping of the front matter's top-level keys (in
    source order), the body as ``content``, minimal edits, ``save``."""

    __slots__ = ("_doc", "_live", "__weakref__")

    def __init__(self, *args, **kwargs):
        raise TypeError("fmatter.Document objects come from fmatter.load, loads, "
                        "load_many or new")

    @classmethod
    def _wrap(cls, raw):
        self = object.__new__(cls)
        self._doc = raw
        self._live = None
        return self

    # ------------------------------------------------------------ changes

    def _attach(self, key, value):
        if _attachable(value):
            if self._live is None:
                self._live = {}
            self._live[key] = value
        elif self._live:
            self._live.pop(key, None)

    def _detach_path(self, path):
        """Forgets the attached container a path edit may have replaced: the
        one of the path's top-level key (for a str path, every key its first
        part could be, as the library reads the old dotted form)."""
        if not self._live:
            return
        if isinstance(path, (tuple, list)):
            if path:
                self._live.pop(path[0], None)
            return
        self._live.pop(path, None)
        self._live.pop(_first_key(path), None)

    def _sync(self):
        """Makes the changes made in place to attached containers."""
        live = self._live
        if not live:
            return
        raw = self._doc
        ops = []
        for key, value in live.items():
            try:
                old = raw[key]
            except KeyError:
                continue
            if not _edits.same(old, value):
                ops.extend(_edits.plan_value([key], old, value))
        if ops:
            _edits.apply(raw, ops)

    # ------------------------------------------------------------ mapping

    def __getitem__(self, key):
        live = self._live
        if live:
            try:
                return live[key]
            except (KeyError, TypeError):
                pass
        value = self._doc[key]
        if type(value) is list or type(value) is dict:
            if live is None:
                live = self._live = {}
            live[key] = value
        return value

    def __setitem__(self, key, value):
        self._doc[key] = value
        self._attach(key, value)

    def __delitem__(self, key):
        del self._doc[key]
        if self._live:
            self._live.pop(key, None)

    def __iter__(self):
        return iter(self._doc.keys())

    def __len__(self):
        return len(self._doc)

    def __contains__(self, key):
        return key in self._doc

    def get(self, key, default=None):
        """A top-level value (key: a str, taken as it is), or the value at a
        path given as a tuple of str keys and int indexes
        (``doc.get(("params", "og.title"))``); default when absent."""
        if isinstance(key, tuple):
            return self.get_path(key, default)
        if not isinstance(key, str):
            return default
        try:
            return self[key]
        except KeyError:
            return default

    # ------------------------------------------------------------ paths

    def get_path(self, path, default=None):
        """The value at a path, default when absent. A path is a str in the
        library's syntax ('params.author', 'tags[0]', 'params."og.title"')
        or a tuple of str keys and int indexes (("params", "og.title"),
        ("tags", 0)), which any key can be named by. Lists and dicts come
        back as copies: change them with set(path, value), or in place
        through doc[key]."""
        self._sync()
        return self._doc.get_path(path, default)

    def set(self, path, value):
        """Sets a path (see get_path), creating it (and missing parents) at
        the end of its mapping; rewrites only the bytes it must."""
        self._sync()
        self._doc.set(path, value)
        top = path[0] if isinstance(path, (tuple, list)) and len(path) == 1 else path
        if isinstance(top, str) and top in self._doc:
            self._attach(top, value)  # a top-level key, as doc[key] = value
        else:
            self._detach_path(path)

    def remove(self, path):
        """Removes a key or a list item at a path (see get_path)."""
        self._sync()
        self._doc.remove(path)
        self._detach_path(path)

    def rename(self, path, new_key):
        """Renames the last key of path in place."""
        self._sync()
        self._doc.rename(path, new_key)
        self._detach_path(path)

    def convert(self, format):
        """Rewrites the front matter in 'yaml', 'toml' or 'json' (the
        library's fm_doc_convert: same keys and values, the body byte for
        byte). What the format cannot hold raises EditError (code
        'convert', the key named in the message) and changes nothing."""
        self._sync()
        self._doc.convert(format)

    def insert_after(self, key, after, value):
        """Adds key right after its sibling after."""
        self._sync()
        self._doc.insert_after(key, after, value)
        self._detach_path(key)

    # ------------------------------------------------------------ whole

    @property
    def metadata(self):
        """The front matter as a new dict (editing it does not edit the
        document)."""
        self._sync()
        return self._doc.metadata

    def to_dict(self, content_key="content"):
        """The metadata with the body under content_key, as
        python-frontmatter's Post.to_dict; ValueError when the front matter
        has a key of that name (pass another content_key)."""
        d = self.metadata
        if content_key in d:
            raise ValueError(
                f"the front matter has a key {content_key!r}: pass to_dict(content_key=...) "
                "another name for the body")
        d[content_key] = self._doc.content
        return d

    def parts(self):
        """The pieces of the text as bytes: bom, lead, open_fence, front,
        close_fence, body."""
        self._sync()
        return self._doc.parts()

    def dumps(self):
        """The whole text (the input, byte for byte, when nothing changed)."""
        self._sync()
        return self._doc.dumps()

    def dumpb(self):
        """The whole text as bytes."""
        self._sync()
        return self._doc.dumpb()

    def __str__(self):
        return self.dumps()

    def save(self, path=None, *, force=False):
        """Atomically replaces the file (default: the one it came from).

        Refuses with EditError (code "conflict") when the file changed on disk
        since it was loaded, or ("refused") when it is read-only or its owner,
        mode or extended attributes cannot be kept; force=True saves anyway."""
        self._sync()
        self._doc.save(path, force=force)

    @property
    def article(self):
        """The typed view (a new fmatter.Article)."""
        self._sync()
        return self._doc.article

    def __eq__(self, other):
        """Documents are equal when their texts are."""
        if not isinstance(other, Document):
            return NotImplemented
        self._sync()
        other._sync()
        return self._doc == other._doc

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None

    def __reduce__(self):
        self._sync()
        return _restore, self._doc.__reduce__()[1]

    def __repr__(self):
        return repr(self._doc)

    # ------------------------------------------------------------ body

    @property
    def content(self):
        """The body."""
        return self._doc.content

    @content.setter
    def content(self, text):
        self._doc.content = text

    body = content

    path = _raw("path", "The file it was loaded from, or None.")
    format = _raw("format", "'yaml', 'json', 'toml', or None without front matter.")
    body_line = _raw("body_line", "1-based line where the body starts.")
    body_offset = _raw("body_offset", "Byte offset where the body starts.")
    word_count = _raw("word_count", "Words in the body's plain text.")
    reading_time = _raw("reading_time", "Minutes to read the body, rounded up.")

    def html(self, **options):
        """The body as HTML: html(*, smart, hardbreaks, sourcepos, unsafe)."""
        return self._doc.html(**options)

    def text(self):
        """The body as plain text."""
        return self._doc.text()

    def summary(self, *args, **kwargs):
        """summary(words=70, separator=None, *, cjk=False): a Summary."""
        self._sync()
        return self._doc.summary(*args, **kwargs)

    def headings(self):
        """A list of Heading (level, text, anchor, line)."""
        return self._doc.headings()

    def toc(self, markdown=False):
        """A nested table of contents, HTML or Markdown."""
        return self._doc.toc(markdown)

    def stats(self, **kwargs):
        """stats(*, cjk=False): BodyStats."""
        return self._doc.stats(**kwargs)


def _restore(*state):
    """Unpickles a Document (state: text, path, options, flags)."""
    return Document._wrap(_fmatter._restore(*state))


def loads(text, *, lenient=False, allow_duplicates=False, yaml11=False,
          encoding_errors="strict"):
    """Parses str or bytes-like text: a Document."""
    return Document._wrap(_fmatter.loads(
        text, lenient=lenient, allow_duplicates=allow_duplicates, yaml11=yaml11,
        encoding_errors=encoding_errors))


def load(file, *, lenient=False, allow_duplicates=False, yaml11=False,
         encoding_errors="strict"):
    """Loads a path (str, bytes, os.PathLike) or a file object: a Document."""
    return Document._wrap(_fmatter.load(
        file, lenient=lenient, allow_duplicates=allow_duplicates, yaml11=yaml11,
        encoding_errors=encoding_errors))


def load_many(paths, threads=None, errors="raise", *, lenient=False,
              allow_duplicates=False, yaml11=False, encoding_errors="strict"):
    """Loads many paths or binary file objects in parallel threads (without
    the GIL), in input order. errors='collect' puts each failure's exception
    in its place instead of raising the first."""
    # _wrap: each loaded document comes back as Document._wrap makes it.
    return _fmatter.load_many(paths, threads, errors, lenient=lenient,
                              allow_duplicates=allow_duplicates, yaml11=yaml11,
                              encoding_errors=encoding_errors, _wrap=Document)


def new(format="yaml"):
    """An empty Document ('yaml', 'json' or 'toml') to fill with edits."""
    return Document._wrap(_fmatter.new(format))
