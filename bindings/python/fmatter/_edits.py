# SPDX-License-Identifier: MIT
"""The difference between front matter as loaded and as wanted, as edits.

``plan(old, new)`` compares two values (``old`` as the document's tree reads
in Python, ``new`` as the caller left it) and gives the fewest of the
library's edits that turn one into the other: a key that is gone is removed,
a new key is added (at the end of its mapping), a changed mapping is compared
key by key, anything else that changed is set whole. Untouched keys are not
edited at all, so they keep their bytes. ``apply(doc, ops)`` makes the edits
on a ``fmatter._fmatter.Document``. Document (diff-at-save of the containers
it handed out) and fmatter.compat (Post.metadata against the loaded tree)
both use them.

Edits name their place as a tuple of keys (the library's path steps), so
any key can be named, one holding dots included; a key that is not a str
(an int key read from YAML) is edited through its parent (set whole), and a
top-level one makes ``plan`` raise ``Unplannable``.
"""

import datetime
from collections.abc import Mapping

from . import _fmatter

__all__ = ["Unplannable", "apply", "plan", "plan_value", "same"]


class Unplannable(ValueError):
    """A change that paths cannot name (a top-level key that is not a str)."""


# ---------------------------------------------------------------- comparing


def _kind(v):
    """What a value becomes in front matter, in the order the C conversion
    tries them (a bool is not an int, any Mapping is a mapping)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, datetime.datetime):
        return "datetime"
    if isinstance(v, datetime.date):
        return "date"
    if isinstance(v, (list, tuple)):
        return "seq"
    if isinstance(v, Mapping):
        return "map"
    return "other"


def same(old, new):
    """True when ``new`` would store as ``old`` reads: the same kinds and
    values all the way down (1 is not True nor 1.0; datetimes also need the
    same UTC offset). Mapping key order is not compared: the file keeps its
    order."""
    kind = _kind(old)
    if kind != _kind(new) or kind == "other":
        return False
    if kind == "map":
        return len(old) == len(new) and all(
            k in new and same(v, new[k]) for k, v in old.items())
    if kind == "seq":
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new))
    if kind == "float" and old != old:
        return new != new
    if kind == "datetime":
        return old == new and old.utcoffset() == new.utcoffset()
    return old == new


# ---------------------------------------------------------------- planning


def plan_value(segments, old, new):
    """Edits that turn the value at segments (reading ``old``) into ``new``:
    a list of ("set", segments, value) and ("remove", segments) operations."""
    if same(old, new):
        return []
    if isinstance(old, dict) and _kind(new) == "map":
        ops = _plan_mapping(segments, old, new)
        if ops is not None:
            return ops
    return [("set", segments, new)]


def _plan_mapping(segments, old, new):
    """Key-by-key edits of the mapping at segments, or None when a key is
    not a str (the caller then sets the whole mapping)."""
    if not all(isinstance(key, str) for key in old) or not all(
            isinstance(key, str) for key in new):
        return None
    ops = [("remove", segments + [key]) for key in old if key not in new]
    for key, value in new.items():
        path = segments + [key]
        if key in old:
            ops.extend(plan_value(path, old[key], value))
        else:
            ops.append(("set", path, value))
    return ops


def plan(old, new):
    """Edits that turn a top-level mapping reading ``old`` into ``new``.
    Raises Unplannable when a top-level key is not a str."""
    ops = _plan_mapping([], old, new)
    if ops is None:
        raise Unplannable("a top-level key that is not a str cannot be named by a path")
    return ops


# ---------------------------------------------------------------- applying


def apply(doc, ops):
    """Makes the edits on a raw document. Every value is converted first, so
    one fmatter cannot store (TypeError, ValueError) fails before anything is
    changed; an edit the library refuses raises EditError with the edits
    before it made."""
    for op in ops:
        if op[0] == "set":
            _fmatter._check_value(op[2])
    for op in ops:
        path = tuple(op[1])
        if op[0] == "set":
            doc.set(path, op[2])
        else:
            doc.remove(path)
