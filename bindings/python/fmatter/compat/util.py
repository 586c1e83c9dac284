# SPDX-License-Identifier: MIT
"""python-frontmatter's frontmatter.util: text and file-argument helpers."""

from os import PathLike

__all__ = ["can_open", "is_readable", "is_writable", "u"]


def is_readable(fd):
    """True when fd is a file-like object to read from."""
    return callable(getattr(fd, "read", None))


def is_writable(fd):
    """True when fd is a file-like object to write to."""
    return callable(getattr(fd, "write", None))


def can_open(fd):
    """True when fd is a file name (str or os.PathLike)."""
    return isinstance(fd, (str, PathLike))


def u(text, encoding="utf-8"):
    """Text as str, bytes decoded with encoding, with \\r\\n read as \\n.

    >>> u(b"caf\\xc3\\xa9\\r\\n")
    'café\\n'
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode(encoding)
    else:
        text = str(text)
    return text.replace("\r\n", "\n")
