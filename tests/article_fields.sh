#!/bin/sh
# SPDX-License-Identifier: MIT
# The tool and the Lua binding give the same typed fields, in every dialect,
# for every file of the shared corpus: `fmatter json --dialect D` against
# doc:article{dialect = D} (bindings/lua/tests/fields.lua), both brought to
# one canonical JSON form by python3 (another binding adds its own producer
# of the same JSON lines). Skips, saying why, without the corpus, a Lua or
# python3.
set -u
corpus=${FM_CORPUS_DIR:-}
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
    echo "SKIP: shared corpus not found at '${corpus}' (configure --with-corpus=DIR)"
    exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 not found (it compares the JSON of the tool and of Lua)"
    exit 77
fi
if [ -n "${FM_LUA54:-}" ] && [ -z "${FM_LUA54_SKIP:-}" ]; then
    lua=5.4
elif [ -n "${FM_LUA51:-}" ] && [ -z "${FM_LUA51_SKIP:-}" ]; then
    lua=5.1
else
    echo "SKIP: no Lua to run: ${FM_LUA54_SKIP:-${FM_LUA51_SKIP:-none was found}}"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' \) | LC_ALL=C sort >"$tmp/list"

# Canonical lines "path<TAB>sorted JSON of the typed fields". Dates are
# compared as dates: inside kept mappings (params...) the tool writes their
# source text and Lua RFC 3339; a binding may write +00:00 for Z, or trailing
# zeros in a fraction.
cat >"$tmp/canon.py" <<'PY'
import json, re, sys
DATE = re.compile(r'^(\d{4})-(\d\d)-(\d\d)(?:[Tt ]+(\d\d?):(\d\d):(\d\d)(\.\d+)?'
                  r'\s*(Z|[+-]\d\d?(?::?\d\d)?)?)?$')
def date(m):
    y, mo, d, h, mi, s, frac, zone = m.groups()
    frac = (frac or "").rstrip("0").rstrip(".")
    if zone in ("+00:00", "-00:00", "+0000", "+00"):
        zone = "Z"
    return "date:%s-%s-%s|%s|%s|%s|%s%s|%s" % (y, mo, d, int(h) if h else "", mi or "",
                                             s or "", "", frac, zone or "")
def canon(v):
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, list):
        return [canon(x) for x in v]
    if isinstance(v, str):
        m = DATE.match(v)
        if m:
            return date(m)
    return v
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(d["path"] + "\t" + json.dumps(canon(d["article"]), sort_keys=True))
PY

fail=0
for dialect in generic hugo jekyll zola; do
    tr '\n' '\0' <"$tmp/list" |
        xargs -0 "$FMATTER" json --dialect "$dialect" >"$tmp/tool.json" 2>/dev/null
    /bin/sh "$top_srcdir/bindings/lua/tests/run.sh" "$lua" fields.lua "$dialect" \
        "$tmp/list" "$tmp/lua.json" >"$tmp/lua.log" 2>&1
    status=$?
    if [ $status -eq 77 ]; then
        sed 's/^/  /' "$tmp/lua.log"
        exit 77
    fi
    python3 "$tmp/canon.py" "$tmp/tool.json" >"$tmp/tool.txt" &&
        python3 "$tmp/canon.py" "$tmp/lua.json" >"$tmp/lua.txt" || {
        echo "FAIL $dialect: canonical form"
        fail=$((fail + 1))
        continue
    }
    n=$(wc -l <"$tmp/tool.txt")
    if [ $status -ne 0 ] || [ "$n" -lt 1000 ] || ! cmp -s "$tmp/tool.txt" "$tmp/lua.txt"; then
        echo "FAIL $dialect: the tool and Lua differ ($n files, Lua exit $status)"
        tail -n 3 "$tmp/lua.log"
        diff "$tmp/tool.txt" "$tmp/lua.txt" | head -n 10
        fail=$((fail + 1))
    else
        echo "$dialect: the tool and Lua agree on $n files"
    fi
done
[ "$fail" -eq 0 ]
