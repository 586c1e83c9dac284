# SPDX-License-Identifier: MIT
"""fmatter: front-matter Markdown, parsed by libfmatter.

Example::

    import fmatter
    doc = fmatter.load("post.md")
    doc["title"], doc.article.date, doc.content[:40]
    doc["title"] = "New title"      # rewrites only the title's bytes
    doc["tags"].append("news")      # in-place changes are saved too
    doc.save()                      # atomically, to post.md

``load`` / ``loads`` give a :class:`Document`: a MutableMapping of the front
matter's top-level keys (in source order) with the body as ``content``;
values are str, int, float, bool, None, list, dict, datetime.date and
datetime.datetime (aware when the source has an offset, naive when it is
floating; nanoseconds are truncated to microseconds). Edits go through the
library's edit functions, which rewrite only the bytes they must; ``dumps()``
gives the text, byte for byte the input when nothing was edited.

``fmatter.compat`` is python-frontmatter's API (``import fmatter.compat as
frontmatter``).
"""

from ._document import Document, load, load_many, loads, new
from ._fmatter import (
    Article,
    BodyStats,
    Diagnostic,
    EditError,
    Heading,
    ParseError,
    Summary,
    detect,
    version,
)

__version__ = version()

__all__ = [
    "Article",
    "BodyStats",
    "Diagnostic",
    "Document",
    "EditError",
    "Heading",
    "ParseError",
    "Summary",
    "detect",
    "load",
    "load_many",
    "loads",
    "new",
    "version",
]
