# SPDX-License-Identifier: MIT
"""toml-test's TOML 1.0.0 list through tests/toml_decode.

Usage: toml_conformance.py DECODER TOML_TEST_DIR

The files go through one decoder process (DECODER --each); a sample of them
also through toml-test's protocol, one process each, which must agree.

Every valid file must decode to its expected tagged JSON, compared as
toml-test compares (floats by value with inf and nan, integers by value,
date-times as instants or local values, so 17:45:56.6 equals 17:45:56.600),
and to what Python's tomllib reads from it (a second oracle, compared to the
microsecond, tomllib's precision). Every invalid file must be rejected: exit
status 1 and a `line:column: code: message` line on standard error.
"""
import datetime
import json
import math
import os
import re
import subprocess
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11: the second oracle is skipped
    tomllib = None

DATETIME = re.compile(
    r"^(?:(\d{4})-(\d{2})-(\d{2}))?[Tt ]?"
    r"(?:(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:\d{2})?$")


def datetime_key(kind, text, digits):
    """A comparable form of a date-time: the instant for offset date-times,
    the fields for local ones, fractions cut to `digits` digits."""
    m = DATETIME.match(text)
    if not m:
        return ("unparsable", text)
    y, mo, d, h, mi, s, frac, off = m.groups()
    frac = int(((frac or "") + "0" * 9)[:digits] or 0)
    if kind == "date-local":
        return (int(y), int(mo), int(d))
    if kind == "time-local":
        return (int(h), int(mi), int(s), frac)
    if kind == "datetime-local":
        return (int(y), int(mo), int(d), int(h), int(mi), int(s), frac)
    minutes = 0
    if off and off not in "Zz":
        minutes = (1 if off[0] == "+" else -1) * (int(off[1:3]) * 60 + int(off[4:6]))
    days = datetime.date(int(y), int(mo), int(d)).toordinal()
    seconds = days * 86400 + int(h) * 3600 + int(mi) * 60 + int(s) - minutes * 60
    return (seconds, frac)


def float_value(text):
    text = text.lower().lstrip("+")
    if text.lstrip("-") == "nan":
        return math.nan
    if text.lstrip("-") in ("inf", "infinity"):
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


def is_tagged(v):
    return (isinstance(v, dict) and set(v) == {"type", "value"}
            and isinstance(v["type"], str) and isinstance(v["value"], str))


def same_scalar(want, have, digits):
    kind = want["type"]
    if have["type"] != kind:
        return False
    a, b = want["value"], have["value"]
    if kind == "float":
        x, y = float_value(a), float_value(b)
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return x == y and math.copysign(1, x) == math.copysign(1, y)
    if kind == "integer":
        return int(a) == int(b)
    if kind in ("datetime", "datetime-local", "date-local", "time-local"):
        return datetime_key(kind, a, digits) == datetime_key(kind, b, digits)
    return a == b


def differences(want, have, path="", digits=9):
    """Where `have` differs from `want`, as a list of readable lines."""
    if is_tagged(want):
        if is_tagged(have) and same_scalar(want, have, digits):
            return []
        return ["%s: want %s, have %s" % (path or "/", json.dumps(want), json.dumps(have))]
    if isinstance(want, dict):
        if not isinstance(have, dict) or is_tagged(have):
            return ["%s: want a table, have %s" % (path or "/", json.dumps(have)[:80])]
        out = []
        for k in sorted(set(want) | set(have)):
            if k not in have:
                out.append("%s/%s: missing" % (path, k))
            elif k not in want:
                out.append("%s/%s: unexpected" % (path, k))
            else:
                out += differences(want[k], have[k], "%s/%s" % (path, k), digits)
        return out
    if isinstance(want, list):
        if not isinstance(have, list) or len(have) != len(want):
            return ["%s: want an array of %d, have %s" % (path or "/", len(want),
                                                          json.dumps(have)[:80])]
        out = []
        for i, (w, h) in enumerate(zip(want, have)):
            out += differences(w, h, "%s/%d" % (path, i), digits)
        return out
    return ["%s: unexpected JSON %r" % (path or "/", want)]


def tag(v):
    """tomllib's data in toml-test's tagged form."""
    if isinstance(v, dict):
        return {k: tag(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tag(x) for x in v]
    if isinstance(v, bool):
        return {"type": "bool", "value": "true" if v else "false"}
    if isinstance(v, int):
        return {"type": "integer", "value": str(v)}
    if isinstance(v, float):
        return {"type": "float", "value": repr(v)}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if isinstance(v, datetime.datetime):
        kind = "datetime" if v.tzinfo else "datetime-local"
        return {"type": kind, "value": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"type": "date-local", "value": v.isoformat()}
    return {"type": "time-local", "value": v.isoformat()}


class Run:
    """What the decoder gave for one file: returncode, stdout, stderr."""

    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def decode_one(decoder, path):
    """toml-test's protocol: the file on standard input, one process."""
    with open(path, "rb") as f:
        run = subprocess.run([decoder], stdin=f, capture_output=True)
    return Run(run.returncode, run.stdout, run.stderr)


def decode_all(decoder, paths):
    """Every file through one process (--each): a Run per path, in order."""
    run = subprocess.run([decoder, "--each"], input="".join(p + "\n" for p in paths),
                         capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    if len(lines) != len(paths):
        sys.exit("toml_decode --each: %d results for %d files: %s"
                 % (len(lines), len(paths), run.stderr))
    return [Run(r["status"], r["out"].encode(), r["err"].encode())
            for r in map(json.loads, lines)]


# Files also run through toml-test's protocol (one process each), which must
# give exactly what --each gave for them: the first valid and invalid ones.
PROTOCOL_SAMPLE = 8


def main():
    decoder, root = sys.argv[1], sys.argv[2]
    with open(os.path.join(root, "files-toml-1.0.0")) as f:
        names = [line.strip() for line in f if line.strip().endswith(".toml")]
    valid = [n for n in names if n.startswith("valid/")]
    invalid = [n for n in names if n.startswith("invalid/")]
    failures = []
    valid_ok = oracle_ok = invalid_ok = 0
    runs = dict(zip(valid + invalid,
                    decode_all(decoder, [os.path.join(root, n) for n in valid + invalid])))
    sample = valid[:PROTOCOL_SAMPLE] + invalid[:PROTOCOL_SAMPLE]
    protocol_ok = 0
    for name in sample:
        one, each = decode_one(decoder, os.path.join(root, name)), runs[name]
        if (one.returncode, one.stdout, one.stderr) != (each.returncode, each.stdout,
                                                        each.stderr):
            failures.append("%s: standard input gave status %d, %r, %r; --each %d, %r, %r"
                            % (name, one.returncode, one.stdout[:80], one.stderr[:80],
                               each.returncode, each.stdout[:80], each.stderr[:80]))
        else:
            protocol_ok += 1
    for name in valid:
        run = runs[name]
        with open(os.path.join(root, name), "rb") as f:
            data = f.read()
        if run.returncode != 0:
            failures.append("%s: rejected: %s" % (name, run.stderr.decode(errors="replace")))
            continue
        have = json.loads(run.stdout)
        with open(os.path.join(root, name[:-5] + ".json")) as f:
            want = json.load(f)
        diff = differences(want, have)
        if diff:
            failures.append("%s: %s" % (name, "; ".join(diff[:3])))
        else:
            valid_ok += 1
        if tomllib:
            oracle = tag(tomllib.loads(data.decode("utf-8-sig")))
            diff = differences(oracle, have, digits=6)
            if diff:
                failures.append("%s: tomllib differs: %s" % (name, "; ".join(diff[:3])))
            else:
                oracle_ok += 1
    line = re.compile(r"^\d+:\d+: [a-z-]+: .+\n$")
    for name in invalid:
        run = runs[name]
        err = run.stderr.decode(errors="replace")
        if run.returncode == 1 and line.match(err):
            invalid_ok += 1
        elif run.returncode == 0:
            failures.append("%s: accepted: %s" % (name, run.stdout.decode()[:120]))
        else:
            failures.append("%s: status %d: %s" % (name, run.returncode, err[:200]))
    for f in failures[:40]:
        print("FAIL", f)
    print("toml-test 1.0.0: %d/%d valid files decoded exactly, %d/%d invalid files rejected"
          % (valid_ok, len(valid), invalid_ok, len(invalid)))
    print("toml-test's protocol (standard input, one process each): %d/%d files gave "
          "the same status and bytes as --each" % (protocol_ok, len(sample)))
    if tomllib:
        print("tomllib agrees on %d/%d valid files" % (oracle_ok, len(valid)))
    else:
        print("tomllib: not available (Python < 3.11), second oracle skipped")
    complete = len(valid) == 210 and len(invalid) == 499
    if not complete:
        print("the list should hold 210 valid and 499 invalid files")
    return 0 if not failures and complete and valid_ok and invalid_ok and protocol_ok else 1


if __name__ == "__main__":
    sys.exit(main())
