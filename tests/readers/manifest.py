# SPDX-License-Identifier: MIT
"""manifest.py - the loop the Python readers share over the readers test's
manifests (tests/readers/write.c writes them: one document per line, tab
separated fields, the texts in hex).

run(manifests, name, read) calls read(fields) for each line's fields and
counts the lines it returns a mismatch for (a message, or None when the
document read back right); a reader raising on a document is a mismatch too.
Prints each mismatch (at most 40 per manifest) and a line per manifest;
returns the process's exit status (1 when anything read back wrong).
"""

SHOW_AT_MOST = 40


def unhex(field):
    return bytes.fromhex(field).decode("utf-8")


def check_manifest(manifest, name, read):
    checked = wrong = 0
    with open(manifest, encoding="ascii") as f:
        entries = [line.rstrip("\n").split("\t") for line in f]
    for fields in entries:
        checked += 1
        try:
            mismatch = read(fields)
        except Exception as e:  # a reader failing on the file is a mismatch
            mismatch = f"{fields[0]}: {fields[1]} at '{fields[2]}': {e!r} from " \
                       f"{unhex(fields[4])!r}"
        if mismatch:
            wrong += 1
            if wrong <= SHOW_AT_MOST:
                print(mismatch)
    print(f"{name}: {manifest}: {checked} documents, {wrong} read back wrong")
    return wrong


def run(manifests, name, read):
    wrong = sum(check_manifest(m, name, read) for m in manifests)
    return 1 if wrong else 0
