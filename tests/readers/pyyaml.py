# SPDX-License-Identifier: MIT
"""pyyaml.py LOADER MANIFEST... - the readers test's PyYAML reader.

Loads the front matter of every document of each manifest with
yaml.load(text, Loader=yaml.LOADER) (SafeLoader: pure Python; CSafeLoader:
libyaml) and compares it with what the manifest expects (see
tests/readers/write.c); the loop and the report are manifest.py's.
"""

import datetime
import math
import sys

import yaml

from manifest import run, unhex


def front_matter(text):
    """The YAML between the `---` line and the next `---` or `...` line."""
    lines = text.split("\n")
    if lines[0].rstrip(" \t\r") != "---":
        raise ValueError("no opening ---")
    for i in range(1, len(lines)):
        if lines[i].rstrip(" \t\r") in ("---", "..."):
            return "\n".join(lines[1:i]) + "\n"
    raise ValueError("no closing ---")


def walk(data, path):
    for part in path.split(".") if path else []:
        if isinstance(data, list) and part.isdigit():
            data = data[int(part)]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def expected_float(want):
    return {".inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}.get(want) or float(want)


def datetime_ok(got, want):
    if type(got) is not datetime.datetime:
        return False
    exp = datetime.datetime.fromisoformat(want.replace("Z", "+00:00"))
    return got == exp and got.utcoffset() == exp.utcoffset()


def typed_ok(got, kind, want):
    if kind == "int":
        return type(got) is int and got == int(want)
    if kind == "float":
        w = expected_float(want)
        if type(got) is not float:
            return False
        if math.isnan(w):
            return math.isnan(got)
        return got == w and math.copysign(1, got) == math.copysign(1, w)
    if kind == "bool":
        return got is (want == "true")
    if kind == "null":
        return got is None
    if kind == "date":
        return type(got) is datetime.date and got == datetime.date.fromisoformat(want)
    if kind == "datetime":
        return datetime_ok(got, want)
    return False


def pairs(mapping):
    """A mapping's pairs as kind "pairs" spells them: key=text, key=#integer."""
    def text(v):
        return v if type(v) is str else f"#{v}" if type(v) is int else f"?{v!r}"
    return "\n".join(f"{k}={text(v)}" for k, v in mapping.items())


def check(data, kind, path, want):
    if kind == "pairs":
        got = walk(data, path)
        return isinstance(got, dict) and pairs(got) == want
    if not isinstance(data, dict) or type(data.get("z")) is not int or data["z"] != 1:
        return False
    got = walk(data, path)
    if kind == "value":
        return type(got) is str and got == want
    if kind == "key":
        return isinstance(got, dict) and want in got and got[want] == "v"
    return typed_ok(got, kind, want)


def read(loader, fields):
    """None when the document read back as its manifest line expects, else
    what was read."""
    doc, kind, path, hexed, written = fields
    want, text = unhex(hexed), unhex(written)
    data = yaml.load(front_matter(text), Loader=loader)
    if check(data, kind, path, want):
        return None
    got = walk(data, path) if isinstance(data, dict) else data
    return f"{doc}: {kind} at '{path}': expected {want!r}, read {got!r} from {text!r}"


def main():
    if len(sys.argv) < 3:
        print("usage: pyyaml.py SafeLoader|CSafeLoader MANIFEST...", file=sys.stderr)
        return 2
    loader = getattr(yaml, sys.argv[1])
    name = f"PyYAML {yaml.__version__} {sys.argv[1]}"
    return run(sys.argv[2:], name, lambda fields: read(loader, fields))


if __name__ == "__main__":
    sys.exit(main())
