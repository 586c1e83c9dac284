/* SPDX-License-Identifier: MIT */
/* battery.h - the strings every writer is tested with (indicators, look-alikes
 * of what some reader types, quotes, blanks, breaks, non-ASCII) and the
 * places they are written to; shared by check_edit.c and tests/readers/. */
#ifndef FM_BATTERY_H
#define FM_BATTERY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BATTERY_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Pieces that the generated strings are built from. */
/* clang-format off */
static const char *const battery_fragments[] = {
    "'", "\"", ": ", " #", "#", " ", "  ", "\n", "\t", "\r\n", "\r",
    "\xC3\xA9",                                         /* é */
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",             /* 日本語 */
    "\xF0\x9F\x98\x80",                                 /* 😀 */
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", /* Привет */
    "yes", "no", "null", "~", "true", "False", "Null", "1e3", "0x10", "0o17", ".inf",
    ".NaN", "12", "-5", "+1", "-", "?", ":", "- ", "? ", "[", "]", "{", "}", ",", "*",
    "&", "!", "%", "@", "`", "|", ">", "<<", "=", "", "---", "...", "2025-01-01",
    "2025-01-01 10:00:00", "2025-01-01T10:00:00Z", "\\", "\\n", "\"\"", "''", "#x",
    "&a", "*a", "!!str", "%YAML", "a", "word", "x y",
    "\xC2\x85",     /* U+0085 next line */
    "\xE2\x80\xA8", /* U+2028 line separator */
    "\xE2\x80\xA9", /* U+2029 paragraph separator */
    "\xEF\xBB\xBF", /* U+FEFF */
    "\xC2\xA0",     /* U+00A0 no-break space */
    "\x01", "\x7F", "\x1B", "\b", "\n\n", "\n ", " \n", "\t\n",
    "On", "OFF", "Y", "n", "1:20", "0b101", "1_000", "1,000", ":x", ".5", "1.",
};

/* Whole strings that some mainstream reader (YAML 1.1 as PyYAML, Psych and
 * SnakeYAML read it, js-yaml 4, Go's yaml) types, or fails on, and near
 * misses that every reader takes as the same string. */
static const char *const battery_lookalikes[] = {
    /* base 60 */
    "1:20", "190:20:30", "1:20.5", "190:20:30.15", "-1:20", "+1:20", "0:30", "1:2",
    "1:60", "1:2:3:4", "12:30:00", "10:30", "1_0:20", "1:2:3.4.5", "1::2",
    /* prefixed ints */
    "0b101", "0B101", "-0b101", "+0b101", "0b1_0", "0b_1", "0b", "0b2", "0o17", "0O17",
    "0o", "-0o17", "0x1F", "0X1F", "0x_1", "-0x1F", "+0x1F", "0x", "0xg", "0x1p3",
    "017", "08", "09", "0_7", "+017", "-017", "0,7", "00", "007",
    /* underscores and commas */
    "1_000", "1__000", "_1", "_", "__", "1_", "1_000.5", "1_0e3", "-1_000", "+1_000",
    ".5_0", "1,000", "1,000.5", "1,2,3", "1,", "0.1_", "1_2.3_4",
    /* floats */
    "1e3", "1E3", "1e+3", "1E+5", "1e-3", "1.e3", "1.0e3", "1.0e+3", "1.5E-10", ".5",
    "+.5", "-.5", "1.", "-1.", "+1.", "1.5", "-0", "+0", "-0.0", "0.", ".5e3", ".5e+3",
    "1e", "e3", ".e3", ".e+3", "-.e+5", ".", "-.", "+.", "12e", "1e5", "1E5",
    "99999999999999999999", "-9223372036854775809", "9223372036854775807",
    "18446744073709551615", "1 000", "1/2",
    /* .inf and .nan */
    ".inf", ".Inf", ".INF", ".iNf", ".InF", "+.inf", "-.inf", "+.INF", "-.Inf", ".nan",
    ".NaN", ".NAN", ".nAn", "+.nan", "-.nan", "inf", "nan", "Infinity", "-Infinity",
    "NaN", ".Infinity", "..inf",
    /* value and merge keys */
    "=", "<<", "<", "<<<", "==", "=x", "<<x",
    /* Psych's symbols */
    ":foo", ":1", ":a:b", ":\"x\"", "::x",
    /* dates and times */
    "2025-01-01", "2025-1-1", "2025-01-1", "2025-13-45", "2025-02-30", "0000-00-00",
    "2025-01-01 10:00:00", "2025-01-01T10:00:00", "2025-01-01t10:00:00",
    "2025-01-01T10:00:00Z", "2025-01-01T10:00:00z", "2025-01-01 10:00:00 Z",
    "2025-01-01  10:00:00", "2025-01-01T10:00:00.5", "2025-01-01T10:00:00.",
    "2025-01-01T10:00:00.123456789+05:30", "2025-01-01 10:00:00 +5",
    "2025-01-01 10:00:00 -05", "2025-01-01T10:00:00+0530", "2025-01-01T10:00:00+05:3",
    "2025-01-01T1:00:00", "2025-01-01T10:0:0", "2025-01-01 10:00", "2025-1-1 1:2:3",
    "-2025-01-01 10:00:00", "-2025-01-01", "2025-01-01-post-slug", "20250101",
    "12025-01-01", "2025-01-01 x", "10:00", "10:00:00", "10:00:00.5",
    /* words that look like numbers or types and are not */
    "1.2.3", "10.0.0.1", "3D", "1st", "v1.2", "x1", "0xdead beef", "yes!", "no.",
    "trueish", "nil", "None", "NULL!", "off-by-one", "y2k", "\xC2\xBD",
    "\xD9\xA1\xD9\xA2\xD9\xA3", /* Arabic-Indic 123 */
    "\xEF\xBC\x91\xEF\xBC\x92", /* fullwidth 12 */
    /* blanks and indicators around look-alikes */
    " yes", "yes ", " 1", "1 ", "\tno", "~ ", "a: yes", "- yes", "[yes]", "{a: 1}",
    "yes # no", "'yes'", "\"1\"", "!!int 1", "&a 1", "*a", "? x", "-x", "?x", ":x",
};
/* clang-format on */

/* Words that YAML 1.1 readers type in some letter case: every case of each. */
static const char *const battery_case_words[] = {"yes", "no",   "on",    "off", "y",
                                                 "n",   "true", "false", "null"};

/* The places a string is written: a value of each kind of node, a new key's
 * value, and keys. `head` and `tail` are the bytes of text an edit of path
 * must leave in place; the rest serves check_edit.c's restore step. */
typedef enum battery_edit {
    EDIT_VALUE, /* set path to the string */
    EDIT_KEY,   /* set path to a mapping {string: "v"} */
    EDIT_RENAME /* rename path to the string */
} battery_edit;

typedef struct shape {
    const char *name;
    const char *text;
    const char *path;
    const char *head, *tail;
    const char *orig;  /* the value as loaded (string), or NULL */
    int orig_is_int;   /* the value as loaded is the int 1 */
    const char *undo;  /* absent paths: removing this gives back the input */
    int json;          /* JSON front matter */
    battery_edit edit; /* how the string is written */
} shape;

static const shape battery_shapes[] = {
    {"plain", "---\nk: old\nz: 1\n---\nbody\n", "k", "---\nk:", "\nz: 1\n---\nbody\n",
     "old", 0, NULL, 0, EDIT_VALUE},
    {"single-quoted", "---\nk: 'old'\nz: 1\n---\nbody\n", "k",
     "---\nk:", "\nz: 1\n---\nbody\n", "old", 0, NULL, 0, EDIT_VALUE},
    {"double-quoted", "---\nk: \"old\"\nz: 1\n---\nbody\n", "k",
     "---\nk:", "\nz: 1\n---\nbody\n", "old", 0, NULL, 0, EDIT_VALUE},
    {"literal block", "---\nk: |\n  old\n  x\nz: 1\n---\nbody\n", "k",
     "---\nk:", "\nz: 1\n---\nbody\n", "old\nx\n", 0, NULL, 0, EDIT_VALUE},
    {"folded block", "---\nk: >\n  old\nz: 1\n---\nbody\n", "k",
     "---\nk:", "\nz: 1\n---\nbody\n", "old\n", 0, NULL, 0, EDIT_VALUE},
    {"block list item", "---\nk:\n  - a\n  - b\nz: 1\n---\nbody\n", "k.1",
     "---\nk:\n  - a\n  - ", "\nz: 1\n---\nbody\n", "b", 0, NULL, 0, EDIT_VALUE},
    {"indentless list item", "---\nk:\n- a\n- b\nz: 1\n---\nbody\n", "k.1",
     "---\nk:\n- a\n- ", "\nz: 1\n---\nbody\n", "b", 0, NULL, 0, EDIT_VALUE},
    {"flow list item", "---\nk: [a, b]\nz: 1\n---\nbody\n", "k.0", "---\nk: [",
     ", b]\nz: 1\n---\nbody\n", "a", 0, NULL, 0, EDIT_VALUE},
    {"flow mapping value", "---\nk: {a: 1}\nz: 1\n---\nbody\n", "k.a",
     "---\nk: {a: ", "}\nz: 1\n---\nbody\n", NULL, 1, NULL, 0, EDIT_VALUE},
    {"json", "{\"k\": \"old\", \"z\": 1}\nbody\n", "k", "{\"k\": ", ", \"z\": 1}\nbody\n",
     "old", 0, NULL, 1, EDIT_VALUE},
    {"json multi-line", "{\n  \"z\": 1,\n  \"k\": \"old\"\n}\nbody\n", "k",
     "{\n  \"z\": 1,\n  \"k\": ", "\n}\nbody\n", "old", 0, NULL, 1, EDIT_VALUE},
    {"crlf", "---\r\nk: old\r\nz: 1\r\n---\r\nbody\n", "k",
     "---\r\nk:", "\r\nz: 1\r\n---\r\nbody\n", "old", 0, NULL, 0, EDIT_VALUE},
    {"trailing comment", "---\nk: old # note\nz: 1\n---\nbody\n", "k",
     "---\nk:", " # note\nz: 1\n---\nbody\n", "old", 0, NULL, 0, EDIT_VALUE},
    {"nested value", "---\np:\n  k: old\nz: 1\n---\nbody\n", "p.k",
     "---\np:\n  k:", "\nz: 1\n---\nbody\n", "old", 0, NULL, 0, EDIT_VALUE},
    {"new key", "---\nz: 1\n---\nbody\n", "k", "---\nz: 1\n", "---\nbody\n", NULL, 0, "k",
     0, EDIT_VALUE},
    {"new key in json", "{\n  \"z\": 1\n}\nbody\n", "k", "{\n  \"z\": 1", "\n}\nbody\n",
     NULL, 0, "k", 1, EDIT_VALUE},
    {"new key in a flow mapping", "---\nk: {a: 1}\nz: 1\n---\nbody\n", "k.b",
     "---\nk: {a: 1", "}\nz: 1\n---\nbody\n", NULL, 0, "k.b", 0, EDIT_VALUE},
    {"new nested key", "---\nz: 1\n---\nbody\n", "p.q", "---\nz: 1\n", "---\nbody\n",
     NULL, 0, "p", 0, EDIT_VALUE},
    {"new key in a block mapping", "---\np:\n  r: 2\nz: 1\n---\nbody\n", "p.q",
     "---\np:\n  r: 2\n", "z: 1\n---\nbody\n", NULL, 0, "p.q", 0, EDIT_VALUE},
    /* keys */
    {"block mapping key", "---\nz: 1\n---\nbody\n", "m", "---\nz: 1\n", "---\nbody\n",
     NULL, 0, "m", 0, EDIT_KEY},
    {"flow mapping key", "---\nk: {a: 1}\nz: 1\n---\nbody\n", "k", "---\nk: {",
     "}\nz: 1\n---\nbody\n", NULL, 0, NULL, 0, EDIT_KEY},
    {"renamed key", "---\nk: v\nz: 1\n---\nbody\n", "k", "---\n",
     ": v\nz: 1\n---\nbody\n", NULL, 0, NULL, 0, EDIT_RENAME},
};

/* The same places in TOML front matter (and the TOML ones: tables, arrays
 * of tables, dotted keys, inline tables, tables only a header path made).
 * A value shape with neither orig nor undo cannot be restored byte for byte
 * (a table a header path made gets a header of its own). EDIT_RENAME of a
 * table: the renamed key holds the table as it was. */
#define TOML_SHAPE(n, t, p, h, tl) .name = n, .text = t, .path = p, .head = h, .tail = tl
static const shape battery_toml_shapes[] = {
    {TOML_SHAPE("basic", "+++\nk = \"old\"\nz = 1\n+++\nbody\n", "k", "+++\nk = ",
                "\nz = 1\n+++\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("literal", "+++\nk = 'old'\nz = 1\n+++\nbody\n", "k", "+++\nk = ",
                "\nz = 1\n+++\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("multi-line basic", "+++\nk = \"\"\"\nold\nx\"\"\"\nz = 1\n+++\nbody\n", "k",
                "+++\nk = ", "\nz = 1\n+++\nbody\n"),
     .orig = "old\nx"},
    {TOML_SHAPE("multi-line literal", "+++\nk = '''\nold\n'''\nz = 1\n+++\nbody\n", "k",
                "+++\nk = ", "\nz = 1\n+++\nbody\n"),
     .orig = "old\n"},
    {TOML_SHAPE("integer", "+++\nk = 1\nz = 1\n+++\nbody\n", "k", "+++\nk = ",
                "\nz = 1\n+++\nbody\n"),
     .orig_is_int = 1},
    {TOML_SHAPE("trailing comment", "+++\nk = \"old\" # note\nz = 1\n+++\nbody\n", "k",
                "+++\nk = ", " # note\nz = 1\n+++\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("array item", "+++\nk = [\"a\", 'b']\nz = 1\n+++\nbody\n", "k.1",
                "+++\nk = [\"a\", ", "]\nz = 1\n+++\nbody\n"),
     .orig = "b"},
    {TOML_SHAPE("multi-line array item",
                "+++\nk = [\n  \"a\",\n  \"b\", # c\n]\nz = 1\n+++\nbody\n", "k.0",
                "+++\nk = [\n  ", ",\n  \"b\", # c\n]\nz = 1\n+++\nbody\n"),
     .orig = "a"},
    {TOML_SHAPE("inline table value", "+++\nk = { a = 1 }\nz = 1\n+++\nbody\n", "k.a",
                "+++\nk = { a = ", " }\nz = 1\n+++\nbody\n"),
     .orig_is_int = 1},
    {TOML_SHAPE("table value", "+++\nz = 1\n[t]\nk = \"old\"\nw = 2\n+++\nbody\n", "t.k",
                "+++\nz = 1\n[t]\nk = ", "\nw = 2\n+++\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("array of tables value",
                "+++\nz = 1\n[[t]]\nk = \"old\"\n[[t]]\nk = \"x\"\n+++\nbody\n", "t.0.k",
                "+++\nz = 1\n[[t]]\nk = ", "\n[[t]]\nk = \"x\"\n+++\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("dotted key value", "+++\nd.k = \"old\"\nd.w = 2\nz = 1\n+++\nbody\n",
                "d.k", "+++\nd.k = ", "\nd.w = 2\nz = 1\n+++\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("dotted key in an inline table",
                "+++\nk = { d.a = 1, e = 2 }\nz = 1\n+++\nbody\n", "k.d.a",
                "+++\nk = { d.a = ", ", e = 2 }\nz = 1\n+++\nbody\n"),
     .orig_is_int = 1},
    {TOML_SHAPE("crlf", "+++\r\nk = \"old\"\r\nz = 1\r\n+++\r\nbody\n", "k", "+++\r\nk = ",
                "\r\nz = 1\r\n+++\r\nbody\n"),
     .orig = "old"},
    {TOML_SHAPE("new key", "+++\nz = 1\n\n[t]\nx = 1\n+++\nbody\n", "k", "+++\nz = 1\n",
                "\n[t]\nx = 1\n+++\nbody\n"),
     .undo = "k"},
    {TOML_SHAPE("new key in a table", "+++\nz = 1\n[t]\nx = 1\n\n[u]\n+++\nbody\n", "t.k",
                "+++\nz = 1\n[t]\nx = 1\n", "\n[u]\n+++\nbody\n"),
     .undo = "t.k"},
    {TOML_SHAPE("new key in a table of an array",
                "+++\nz = 1\n[[t]]\nx = 1\n[[t]]\nx = 2\n+++\nbody\n", "t.0.k",
                "+++\nz = 1\n[[t]]\nx = 1\n", "[[t]]\nx = 2\n+++\nbody\n"),
     .undo = "t.0.k"},
    {TOML_SHAPE("new key in an inline table", "+++\nk = { a = 1 }\nz = 1\n+++\nbody\n",
                "k.b", "+++\nk = { a = 1", " }\nz = 1\n+++\nbody\n"),
     .undo = "k.b"},
    {TOML_SHAPE("new key of dotted keys", "+++\nd.a = 1\nz = 1\n+++\nbody\n", "d.k",
                "+++\nd.a = 1\n", "z = 1\n+++\nbody\n"),
     .undo = "d.k"},
    {TOML_SHAPE("new table", "+++\nz = 1\n[t]\nx = 1\n+++\nbody\n", "p.q",
                "+++\nz = 1\n[t]\nx = 1\n", "+++\nbody\n"),
     .undo = "p"},
    {TOML_SHAPE("new key in a table a header path made",
                "+++\nz = 1\n[a.b]\nx = 1\n+++\nbody\n", "a.k", "+++\nz = 1\n",
                "[a.b]\nx = 1\n+++\nbody\n")},
    /* keys */
    {TOML_SHAPE("table key", "+++\nz = 1\n[t]\nx = 1\n+++\nbody\n", "m",
                "+++\nz = 1\n[t]\nx = 1\n", "+++\nbody\n"),
     .undo = "m", .edit = EDIT_KEY},
    {TOML_SHAPE("inline table key", "+++\nk = { a = 1 }\nz = 1\n+++\nbody\n", "k",
                "+++\nk = ", "\nz = 1\n+++\nbody\n"),
     .edit = EDIT_KEY},
    {TOML_SHAPE("dotted table key", "+++\nd.a = 1\nz = 1\n+++\nbody\n", "d.m",
                "+++\nd.a = 1\n", "z = 1\n+++\nbody\n"),
     .undo = "d.m", .edit = EDIT_KEY},
    {TOML_SHAPE("renamed key", "+++\nk = \"v\"\nz = 1\n+++\nbody\n", "k", "+++\n",
                " = \"v\"\nz = 1\n+++\nbody\n"),
     .edit = EDIT_RENAME},
    {TOML_SHAPE("renamed table", "+++\nz = 1\n[k]\nx = 1\n[k.s]\ny = 2\n+++\nbody\n", "k",
                "+++\nz = 1\n[", ".s]\ny = 2\n+++\nbody\n"),
     .edit = EDIT_RENAME},
    {TOML_SHAPE("renamed dotted table", "+++\nk.a = 1\nk.b = 2\nz = 1\n+++\nbody\n", "k",
                "+++\n", ".b = 2\nz = 1\n+++\nbody\n"),
     .edit = EDIT_RENAME},
    {TOML_SHAPE("renamed array of tables", "+++\nz = 1\n[[k]]\nx = 1\n[[k]]\n+++\nbody\n",
                "k", "+++\nz = 1\n[[", "]]\n+++\nbody\n"),
     .edit = EDIT_RENAME},
};
#undef TOML_SHAPE

/* Generator state: next index and the random state for the mixed runs. */
typedef struct battery {
    size_t i;
    uint64_t seed;
} battery;

#define BATTERY_RANDOM 2400 /* fragments alone and placed, then random runs */

static inline void battery_start(battery *b) {
    b->i = 0;
    b->seed = 0x9E3779B97F4A7C15ULL;
}

/* xorshift64*: a fixed seed gives the same strings on every run. */
static inline uint64_t battery_random(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static inline size_t battery_append(char *out, size_t n, const char *piece) {
    size_t l = strlen(piece);
    memcpy(out + n, piece, l);
    return n + l;
}

/* Random string i: first every fragment alone, at the start, at the end, in
 * the middle, after a blank and before one; then random runs of fragments. */
static inline size_t battery_mixed(size_t i, uint64_t *seed, char *out) {
    const size_t nf = BATTERY_COUNT(battery_fragments);
    size_t n = 0;
    if (i < 6 * nf) {
        static const char *const before[] = {"", "x", "", "x", " ", ""};
        static const char *const after[] = {"", "", "x", "y", "", " "};
        n = battery_append(out, n, before[i / nf]);
        n = battery_append(out, n, battery_fragments[i % nf]);
        n = battery_append(out, n, after[i / nf]);
    } else {
        size_t k = 1 + (size_t)(battery_random(seed) % 5);
        for (size_t j = 0; j < k; j++) {
            if (battery_random(seed) % 3 == 0)
                n = battery_append(out, n, "abc");
            n = battery_append(out, n, battery_fragments[battery_random(seed) % nf]);
        }
    }
    return n;
}

/* Letter-case variant `v` of word w (bit k set: letter k in upper case);
 * 0 when w has fewer variants. */
static inline size_t battery_case_variant(const char *w, size_t v, char *out) {
    size_t n = strlen(w);
    if (v >= ((size_t)1 << n))
        return 0;
    for (size_t k = 0; k < n; k++)
        out[k] = (v >> k) & 1 ? (char)(w[k] - 'a' + 'A') : w[k];
    return n;
}

/* The next string into out (room for 512 bytes, NUL-terminated); its length,
 * or (size_t)-1 after the last one. */
static inline size_t battery_next(battery *b, char *out) {
    size_t i = b->i++, n = 0;
    if (i < BATTERY_RANDOM) {
        n = battery_mixed(i, &b->seed, out);
    } else if ((i -= BATTERY_RANDOM) < BATTERY_COUNT(battery_lookalikes)) {
        n = battery_append(out, 0, battery_lookalikes[i]);
    } else {
        i -= BATTERY_COUNT(battery_lookalikes);
        for (size_t w = 0; w < BATTERY_COUNT(battery_case_words); w++) {
            size_t variants = (size_t)1 << strlen(battery_case_words[w]);
            if (i < variants) {
                n = battery_case_variant(battery_case_words[w], i, out);
                out[n] = '\0';
                return n;
            }
            i -= variants;
        }
        return (size_t)-1;
    }
    out[n] = '\0';
    return n;
}

#endif
