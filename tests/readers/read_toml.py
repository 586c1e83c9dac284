# SPDX-License-Identifier: MIT
"""read_toml.py MANIFEST... - Python's own TOML reader reads back TOML edits.

Each line of a manifest written by `fm_readers_write toml` holds a TOML
document as fmatter edited it and the document before the edit (see
tests/readers/write.c). The front matter of both is loaded with tomllib; the
edited one must be the original with exactly the edit applied: the string at
PATH (value), a table holding only the key with "v" at PATH (key), or the
key PATH renamed with its value unchanged (rename); nothing else differs,
types included (a table's keys in any order), and the body stays "body\n".
The loop and the report are manifest.py's.
"""

import copy
import sys
import tomllib

from manifest import run, unhex


def split(text):
    """The TOML between the `+++` line and the next `+++` line, and the
    body after it."""
    lines = text.split("\n")
    if lines[0].rstrip("\r") != "+++":
        raise ValueError("no opening +++")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") == "+++":
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1:])
    raise ValueError("no closing +++")


def steps(path):
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def put(data, path, value):
    """Sets path in data, making the tables it runs through."""
    *above, last = steps(path)
    for part in above:
        if isinstance(data, dict) and part not in data:
            data[part] = {}
        data = data[part]
    data[last] = value


def expected(orig, kind, path, want):
    data = copy.deepcopy(orig)
    if kind == "value":
        put(data, path, want)
    elif kind == "key":
        put(data, path, {want: "v"})
    elif want != path:  # rename
        renamed = {}
        for k, v in data.items():
            renamed[want if k == path else k] = v
        data = renamed
    return data


def same(a, b):
    """Equal, and of the same types all the way down (1 is not True); a
    table's keys in any order (TOML's tables have none: a new key before
    the first header comes before the tables)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return sorted(a) == sorted(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def read(fields):
    """None when the edited document is the original with the edit applied,
    else what was read."""
    doc, kind, path, hexed, written, before = fields
    want, text = unhex(hexed), unhex(written)
    orig = tomllib.loads(split(unhex(before))[0])
    exp = expected(orig, kind, path, want)
    toml, body = split(text)
    got = tomllib.loads(toml)
    if same(got, exp) and body == "body\n":
        return None
    return (f"{doc}: {kind} at '{path}' of {want!r}: expected {exp!r}, "
            f"read {got!r} from {text!r}")


def main():
    if len(sys.argv) < 2:
        print("usage: read_toml.py MANIFEST...", file=sys.stderr)
        return 2
    return run(sys.argv[1:], "tomllib", read)


if __name__ == "__main__":
    sys.exit(main())
