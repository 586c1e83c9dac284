/* SPDX-License-Identifier: MIT */
/* check_edit.c - editing and writing back: byte-exact round trips, generated
 * values through every shape of key, the minimal-diff rules pinned to exact
 * bytes, typed write-back (fm_article_apply), and failed edits. */
#include "battery.h"
#include "edit_asserts.h"
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

/* One string edit on a NUL-terminated input, pinned to the exact output. */
static void check_set_string(const char *input, const char *path, const char *value,
                             const char *expect) {
    fm_error err;
    fm_doc *doc = fm_test_parse(input, 0);
    memset(&err, 0, sizeof err);
    int rc = fm_doc_set_string(doc, path, value, strlen(value), &err);
    ck_assert_msg(rc == 0, "set %s = \"%s\" in \"%s\": %s", path,
                  esc(value, strlen(value)), esc(input, strlen(input)), err.message);
    ASSERT_EMITS(doc, expect);
    fm_doc_free(doc);
}

static void check_remove(const char *input, const char *path, const char *expect) {
    fm_error err;
    fm_doc *doc = fm_test_parse(input, 0);
    EDIT_OK(fm_doc_remove(doc, path, &err));
    ASSERT_EMITS(doc, expect);
    const char *last = strrchr(path, '.');
    if (!last || last[1] < '0' || last[1] > '9') /* items after a removed one move up */
        ck_assert_ptr_null(fm_doc_get(doc, path));
    fm_doc_free(doc);
}

static void check_strings(const char *input, const char *path, const char *const *items,
                          size_t n, const char *expect) {
    fm_error err;
    fm_doc *doc = fm_test_parse(input, 0);
    EDIT_OK(fm_doc_set_strings(doc, path, items, NULL, n, &err));
    ASSERT_EMITS(doc, expect);
    fm_doc_free(doc);
}

static void sample_path(char *buf, size_t cap) {
    const char *top = getenv("top_srcdir");
    int n = snprintf(buf, cap, "%s/examples/article.md", top && *top ? top : ".");
    ck_assert(n > 0 && (size_t)n < cap);
}

/* The sample article, loaded from its file; its text copied to *text. */
static fm_doc *sample_doc(char **text) {
    char path[4096];
    fm_error err;
    sample_path(path, sizeof path);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_msg(doc != NULL, "%s: %s", path, err.message);
    size_t len;
    const char *t = fm_doc_text(doc, &len);
    *text = malloc(len + 1);
    memcpy(*text, t, len);
    (*text)[len] = '\0';
#if 1
    /* (fixed) BUG 10: the text of a document read by fm_doc_load_file is not
     * NUL-terminated (read_file never writes buf[n]); parsed and edited
     * documents are. Valgrind reports the read below. */
    ck_assert(t[len] == '\0');
#endif
    return doc;
}

/* ===================================================================== */
/* Unedited round trip                                                   */
/* ===================================================================== */

typedef struct sample {
    const char *name;
    const char *text;
    size_t len; /* 0: strlen(text) */
} sample;

static const sample round_trips[] = {
    {"bom", "\xEF\xBB\xBF---\ntitle: x\n---\nbody\n", 0},
    {"leading blank lines", "\n\n  \n---\ntitle: x\n---\nbody\n", 0},
    {"fences with trailing blanks", "---  \ntitle: x\n--- \t\nbody\n", 0},
    {"dots closer", "---\ntitle: x\n...\nbody\n", 0},
    {"crlf", "---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\nbody\r\nmore\r\n", 0},
    {"comments and blank lines",
     "---\n# top comment\ntitle: x   # trailing\n\n\n  # indented comment\nn: 1\n"
     "# last\n---\n\nbody\n",
     0},
    {"quoting styles",
     "---\na: plain words\nb: 'single ''q'' #x'\nc: \"double \\\"q\\\" \\u00e9 \\t\"\n"
     "d: \"multi\n  line\"\ne: plain\n  continued\nf: ''\ng: \"\"\nh: ~\ni:\n---\n",
     0},
    {"block scalars",
     "---\nlit: |\n  line1\n\n  line3\nkeep: |+\n  x\n\nstrip: |-\n  y\nfold: >\n  a\n  "
     "b\n"
     "ind: |2\n    indented\nlast: 1\n---\n",
     0},
    {"flow collections",
     "---\ntags: [a, 'b', \"c\", [d, e], {f: g}]\nempty: []\nmap: {x: 1,  y: [2]}\n"
     "multi: [\n  a,\n  b,\n]\n---\n",
     0},
    {"anchors and tags",
     "---\nbase: &b {x: 1}\ncopy: *b\ns: !!str 12\nc: !custom v\nlist: &l\n  - a\nl2: "
     "*l\n---\n",
     0},
    {"block collections",
     "---\ntags:\n- a\n- b\nnested:\n    deep:\n        x: 1\nseq:\n  - k: v\n    k2: "
     "v2\n  -   - x\n"
     "---\n",
     0},
    {"unicode",
     "---\ntitle: \"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\"\n\xD1\x80\xD1\x83: "
     "\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87 # \xF0\x9F\x98\x80\n---\n\xC3\xA9\n",
     0},
    {"json", "{\n  \"title\": \"x\",\n  \"n\": 1, \"l\": [1, 2]\n}\nbody\n", 0},
    {"json one line, rest of line", "{\"title\": \"x\"}  \nbody", 0},
    {"no front matter", "just a body\n\n---\nnot: front\n---\n", 0},
    {"empty", "", 0},
    {"closing fence without newline", "---\ntitle: x\n---", 0},
    {"empty front matter", "---\n---\n", 0},
    {"body without final newline", "---\na: 1\n---\nbody", 0},
    {"not nul-terminated", "---\na: 1\n---\nbodyXYZ", 21},
};

START_TEST(unedited_documents_emit_their_input) {
    const sample *c = &round_trips[_i];
    size_t len = c->len ? c->len : strlen(c->text);
    fm_error err;
    fm_doc *doc = parse_n(c->text, len);

    size_t out_len = 12345;
    char *out = fm_doc_emit(doc, &out_len, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_msg(out_len == len && memcmp(out, c->text, len) == 0, "%s: \"%s\"", c->name,
                  esc(out, out_len));
    ck_assert(out[len] == '\0');
    fm_free(out);
    out = fm_doc_emit(doc, NULL, &err); /* len may be NULL */
    ck_assert_ptr_nonnull(out);
    fm_free(out);

    /* Exactly len + 1 bytes fit; len bytes do not and say how many are needed. */
    char *buf = malloc(len + 1);
    size_t needed = 0;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_doc_emit_buffer(doc, buf, len + 1, &needed, &err), 0);
    ck_assert_uint_eq(needed, len);
    ck_assert(memcmp(buf, c->text, len) == 0 && buf[len] == '\0');
    needed = 0;
    ck_assert_int_eq(fm_doc_emit_buffer(doc, buf, len, &needed, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_uint_eq(needed, len);
    needed = 0;
    ck_assert_int_eq(fm_doc_emit_buffer(doc, NULL, 0, &needed, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_uint_eq(needed, len);
    free(buf);

    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fm_doc_emit_file(doc, fp, &err), 0);
    ck_assert_int_eq((int)ftell(fp), (int)len);
    rewind(fp);
    char *back = malloc(len + 16);
    ck_assert_uint_eq(fread(back, 1, len + 16, fp), len);
    ck_assert(memcmp(back, c->text, len) == 0);
    fclose(fp);

    fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    int fd = fileno(fp);
    ck_assert_int_eq(fm_doc_emit_fd(doc, fd, &err), 0);
    ck_assert_int_eq((int)lseek(fd, 0, SEEK_CUR), (int)len);
    ck_assert_int_eq((int)lseek(fd, 0, SEEK_SET), 0);
    ck_assert_int_eq((int)read(fd, back, len + 16), (int)len);
    ck_assert(memcmp(back, c->text, len) == 0);
    fclose(fp);
    free(back);
    fm_doc_free(doc);
}
END_TEST

START_TEST(the_sample_article_emits_its_file) {
    char *text;
    fm_doc *doc = sample_doc(&text);
    ASSERT_EMITS(doc, text);
    free(text);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Generated values through every shape of key                           */
/* ===================================================================== */

static int has_prefix(const char *s, size_t n, const char *p) {
    size_t pl = strlen(p);
    return n >= pl && memcmp(s, p, pl) == 0;
}

static int has_suffix(const char *s, size_t n, const char *x) {
    size_t xl = strlen(x);
    return n >= xl && memcmp(s + n - xl, x, xl) == 0;
}

/* Emits doc, reads the text back with a new parse, and returns that
 * document; checks the sibling z, the body and the bytes around the edit. */
static fm_doc *reread(const fm_doc *doc, const shape *sh, const char *what) {
    fm_error err;
    size_t len;
    char *out = fm_doc_emit(doc, &len, &err);
    ck_assert_ptr_nonnull(out);
    memset(&err, 0, sizeof err);
    fm_doc *fresh = fm_doc_parse(out, len, 0, &err);
    ck_assert_msg(fresh != NULL, "%s, %s: emitted text does not load (%s): \"%s\"",
                  sh->name, what, err.message, esc(out, len));
    const fm_value *z = fm_doc_get(fresh, "z");
    ck_assert_msg(fm_value_type(z) == FM_INT && fm_value_int(z, 0) == 1,
                  "%s, %s: z changed: \"%s\"", sh->name, what, esc(out, len));
    size_t blen;
    const char *body = fm_doc_body(fresh, &blen);
    ck_assert_msg(blen == 5 && memcmp(body, "body\n", 5) == 0,
                  "%s, %s: body changed: \"%s\"", sh->name, what, esc(out, len));
    ck_assert_msg(has_prefix(out, len, sh->head) && has_suffix(out, len, sh->tail),
                  "%s, %s: bytes outside the edit changed: \"%s\"", sh->name, what,
                  esc(out, len));
    fm_free(out);
    return fresh;
}

/* Puts the key back as it was loaded and expects the input bytes. */
static void restore_and_compare(fm_doc *doc, const shape *sh, const char *what) {
    fm_error err;
    memset(&err, 0, sizeof err);
    int rc;
    if (sh->undo)
        rc = fm_doc_remove(doc, sh->undo, &err);
    else if (sh->orig_is_int)
        rc = fm_doc_set_int(doc, sh->path, 1, &err);
    else
        rc = fm_doc_set_string(doc, sh->path, sh->orig, strlen(sh->orig), &err);
    ck_assert_msg(rc == 0, "%s, %s: restoring failed: %s", sh->name, what, err.message);
    const fm_value *now = fm_doc_get(doc, sh->path);
    if (sh->undo)
        ck_assert_msg(now == NULL, "%s, %s: still there after removing", sh->name, what);
    else if (sh->orig_is_int)
        ck_assert(fm_value_type(now) == FM_INT && fm_value_int(now, 0) == 1);
    else
        ck_assert_str_eq(fm_value_string(now, NULL), sh->orig);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(len == strlen(sh->text) && memcmp(text, sh->text, len) == 0,
                  "%s, %s: restoring gave \"%s\"", sh->name, what, esc(text, len));
}

/* Writes value as the value at sh->path, reads it back, restores. */
static void check_value_shape(const shape *sh, const char *value, size_t n) {
    fm_error err;
    fm_doc *doc = fm_test_parse(sh->text, 0);
    memset(&err, 0, sizeof err);
    int rc = fm_doc_set_string(doc, sh->path, value, n, &err);
    ck_assert_msg(rc == 0, "%s: setting \"%s\" failed: %s: %s", sh->name, esc(value, n),
                  fm_code_name(err.code), err.message);
    fm_doc *fresh = reread(doc, sh, esc(value, n));
    size_t got_len = 0;
    const fm_value *got = fm_doc_get(fresh, sh->path);
    const char *g = fm_value_string(got, &got_len);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(g && got_len == n && memcmp(g, value, n) == 0,
                  "%s: set \"%s\", read back \"%s\" (%s) from \"%s\"", sh->name,
                  esc(value, n), g ? esc(g, got_len) : "",
                  fm_type_name(fm_value_type(got)), esc(text, len));
    fm_doc_free(fresh);
    restore_and_compare(doc, sh, esc(value, n));
    fm_doc_free(doc);
}

/* Writes key as a key (in a new mapping at sh->path, or renaming the key
 * sh->path) and expects the mapping to read back with exactly that key. */
static void check_key_shape(const shape *sh, const char *key, size_t n) {
    fm_error err;
    fm_doc *doc = fm_test_parse(sh->text, 0);
    memset(&err, 0, sizeof err);
    int rc;
    if (sh->edit == EDIT_RENAME) {
        rc = fm_doc_rename(doc, sh->path, key, &err);
    } else {
        fm_value *m = fm_value_new_mapping();
        ck_assert_int_eq(fm_value_put(m, key, n, fm_value_new_string("v", 1, NULL)), 0);
        rc = fm_doc_set(doc, sh->path, m, &err);
        fm_value_free(m);
    }
    ck_assert_msg(rc == 0, "%s: key \"%s\" failed: %s: %s", sh->name, esc(key, n),
                  fm_code_name(err.code), err.message);
    fm_doc *fresh = reread(doc, sh, esc(key, n));
    const fm_value *map =
        sh->edit == EDIT_RENAME ? fm_doc_root(fresh) : fm_doc_get(fresh, sh->path);
    const fm_value *got = fm_value_lookup(map, key, n);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(got && fm_value_size(map) == (sh->edit == EDIT_RENAME ? 2u : 1u) &&
                      strcmp(fm_value_string(got, NULL), "v") == 0,
                  "%s: key \"%s\" does not read back from \"%s\"", sh->name, esc(key, n),
                  esc(text, len));
    fm_doc_free(fresh);
    fm_doc_free(doc);
}

START_TEST(generated_strings_read_back_exactly) {
    battery b;
    char value[512];
    size_t n;
    battery_start(&b);
    while ((n = battery_next(&b, value)) != (size_t)-1) {
        for (size_t s = 0; s < COUNT(battery_shapes); s++) {
            if (battery_shapes[s].edit == EDIT_VALUE)
                check_value_shape(&battery_shapes[s], value, n);
            else
                check_key_shape(&battery_shapes[s], value, n);
        }
    }
}
END_TEST

/* Non-string values, each set through the setter made for its type. */
typedef enum via {
    VIA_VALUE,
    VIA_INT,
    VIA_FLOAT,
    VIA_BOOL,
    VIA_NULL,
    VIA_DATETIME,
    VIA_STRINGS
} via;

typedef struct typed_case {
    const char *name;
    via how;
    int64_t i;
    double d;
    fm_datetime dt;
    const char *const *items;
    size_t n;
} typed_case;

static const char *const no_items[] = {NULL};
static const char *const two_items[] = {"a", "b"};
static const char *const hard_items[] = {
    "a: b",         "- x",         "",
    "yes",          "1",           "#",
    " lead",        "trail ",      "\xE6\x97\xA5\xE6\x9C\xAC",
    "[x]",          "{y}",         "'q'",
    "\"d\"",        "line\nbreak", "2025-01-01",
    "null",         ",",           "*a",
    "\xE2\x80\xA8",
};

#define DT(y, mo, d, h, mi, s, ns, off, fl)                                              \
    { y, mo, d, h, mi, s, ns, off, fl }

static const typed_case typed_cases[] = {
    {"int 0", VIA_INT, 0, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"int -1", VIA_INT, -1, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"int min", VIA_INT, INT64_MIN, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"int max", VIA_INT, INT64_MAX, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float 0.1", VIA_FLOAT, 0, 0.1, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float 1e300", VIA_FLOAT, 0, 1e300, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float -0.0", VIA_FLOAT, 0, -0.0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float 2.0", VIA_FLOAT, 0, 2.0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float 5e-324", VIA_FLOAT, 0, 5e-324, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float .inf", VIA_FLOAT, 0, HUGE_VAL, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float -.inf", VIA_FLOAT, 0, -HUGE_VAL, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"float .nan", VIA_FLOAT, 0, NAN, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"true", VIA_BOOL, 1, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"false", VIA_BOOL, 0, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"null", VIA_NULL, 0, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"floating datetime", VIA_DATETIME, 0, 0,
     DT(2025, 2, 11, 1, 46, 7, 0, 0, FM_DT_SET | FM_DT_HAS_TIME), NULL, 0},
    {"datetime with offset", VIA_DATETIME, 0, 0,
     DT(2019, 8, 8, 14, 10, 0, 500000000, 330,
        FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET),
     NULL, 0},
    {"datetime in UTC", VIA_DATETIME, 0, 0,
     DT(2025, 12, 31, 23, 59, 60, 0, 0, FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET),
     NULL, 0},
    {"date only", VIA_DATETIME, 0, 0, DT(2024, 2, 29, 0, 0, 0, 0, 0, FM_DT_SET), NULL, 0},
    {"empty list", VIA_STRINGS, 0, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), no_items, 0},
    {"two strings", VIA_STRINGS, 0, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), two_items, 2},
    {"strings needing quotes", VIA_STRINGS, 0, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0),
     hard_items, COUNT(hard_items)},
    {"nested mapping", VIA_VALUE, 1, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"list of mappings", VIA_VALUE, 2, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"empty mapping", VIA_VALUE, 3, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"list of lists", VIA_VALUE, 4, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL, 0},
    {"list with multi-line string", VIA_VALUE, 5, 0, DT(0, 0, 0, 0, 0, 0, 0, 0, 0), NULL,
     0},
};

static fm_value *str_value(const char *s) {
    return fm_value_new_string(s, strlen(s), NULL);
}

/* The caller-built values of the VIA_VALUE cases. */
static fm_value *built_value(int64_t which) {
    fm_value *v, *inner, *list;
    switch (which) {
    case 1: /* {a: 1, b: [x, "y z", "k: v"], c: {d: null, "e f": true}} */
        v = fm_value_new_mapping();
        fm_value_put(v, "a", 1, fm_value_new_int(1));
        list = fm_value_new_sequence();
        fm_value_append(list, str_value("x"));
        fm_value_append(list, str_value("y z"));
        fm_value_append(list, str_value("k: v"));
        fm_value_put(v, "b", 1, list);
        inner = fm_value_new_mapping();
        fm_value_put(inner, "d", 1, fm_value_new_null());
        fm_value_put(inner, "e f", 3, fm_value_new_bool(1));
        fm_value_put(v, "c", 1, inner);
        return v;
    case 2: /* [{k: v}, {k2: [1, 2.5]}] */
        v = fm_value_new_sequence();
        inner = fm_value_new_mapping();
        fm_value_put(inner, "k", 1, str_value("v"));
        fm_value_append(v, inner);
        inner = fm_value_new_mapping();
        list = fm_value_new_sequence();
        fm_value_append(list, fm_value_new_int(1));
        fm_value_append(list, fm_value_new_float(2.5));
        fm_value_put(inner, "k2", 2, list);
        fm_value_append(v, inner);
        return v;
    case 3:
        return fm_value_new_mapping();
    case 4: /* [[a, b], [], [[c]]] */
        v = fm_value_new_sequence();
        list = fm_value_new_sequence();
        fm_value_append(list, str_value("a"));
        fm_value_append(list, str_value("b"));
        fm_value_append(v, list);
        fm_value_append(v, fm_value_new_sequence());
        list = fm_value_new_sequence();
        inner = fm_value_new_sequence();
        fm_value_append(inner, str_value("c"));
        fm_value_append(list, inner);
        fm_value_append(v, list);
        return v;
    default: /* ["one\ntwo\n", "x"] */
        v = fm_value_new_sequence();
        fm_value_append(v, str_value("one\ntwo\n"));
        fm_value_append(v, str_value("x"));
        return v;
    }
}

/* The value a case sets, as a caller-built value. */
static fm_value *expected_value(const typed_case *c) {
    switch (c->how) {
    case VIA_INT:
        return fm_value_new_int(c->i);
    case VIA_FLOAT:
        return fm_value_new_float(c->d);
    case VIA_BOOL:
        return fm_value_new_bool((int)c->i);
    case VIA_NULL:
        return fm_value_new_null();
    case VIA_DATETIME:
        return fm_value_new_datetime(&c->dt, NULL);
    case VIA_STRINGS: {
        fm_value *seq = fm_value_new_sequence();
        for (size_t k = 0; k < c->n; k++)
            fm_value_append(seq, str_value(c->items[k]));
        return seq;
    }
    default:
        return built_value(c->i);
    }
}

static int apply_case(fm_doc *doc, const char *path, const typed_case *c,
                      const fm_value *v, fm_error *err) {
    switch (c->how) {
    case VIA_INT:
        return fm_doc_set_int(doc, path, c->i, err);
    case VIA_FLOAT:
        return fm_doc_set_float(doc, path, c->d, err);
    case VIA_BOOL:
        return fm_doc_set_bool(doc, path, (int)c->i, err);
    case VIA_NULL:
        return fm_doc_set_null(doc, path, err);
    case VIA_DATETIME:
        return fm_doc_set_datetime(doc, path, &c->dt, err);
    case VIA_STRINGS:
        return fm_doc_set_strings(doc, path, c->items, NULL, c->n, err);
    default:
        return fm_doc_set(doc, path, v, err);
    }
}

/* JSON has no timestamps: a date is written as a string of its text. */
static int same_in_json(const fm_value *want, const fm_value *got) {
    if (fm_value_type(want) == FM_TIMESTAMP) {
        size_t wl, gl;
        const char *w = fm_value_text(want, &wl), *g = fm_value_string(got, &gl);
        return g && wl == gl && memcmp(w, g, wl) == 0;
    }
    return fm_value_equal(want, got);
}

START_TEST(generated_typed_values_read_back_exactly) {
    const typed_case *c = &typed_cases[_i];
    fm_value *want = expected_value(c);
    ck_assert_ptr_nonnull(want);
    fm_error err;
    for (size_t s = 0; s < COUNT(battery_shapes); s++) {
        const shape *sh = &battery_shapes[s];
        if (sh->edit != EDIT_VALUE)
            continue;
        fm_doc *doc = fm_test_parse(sh->text, 0);
        int json = fm_doc_format(doc) == FM_FORMAT_JSON;
        memset(&err, 0, sizeof err);
        if (json && c->how == VIA_FLOAT && !isfinite(c->d)) {
            EDIT_FAILS(doc, apply_case(doc, sh->path, c, want, &err), FM_ERR_EMIT);
            ASSERT_EMITS(doc, sh->text);
            fm_doc_free(doc);
            continue;
        }
        int rc = apply_case(doc, sh->path, c, want, &err);
        ck_assert_msg(rc == 0, "%s: setting %s failed: %s: %s", sh->name, c->name,
                      fm_code_name(err.code), err.message);
        fm_doc *fresh = reread(doc, sh, c->name);
        const fm_value *got = fm_doc_get(fresh, sh->path);
        size_t len;
        const char *text = fm_doc_text(doc, &len);
        ck_assert_msg(json ? same_in_json(want, got) : fm_value_equal(want, got),
                      "%s: %s reads back as a %s from \"%s\"", sh->name, c->name,
                      fm_type_name(fm_value_type(got)), esc(text, len));
        if (c->how == VIA_FLOAT)
            ck_assert_msg(!!signbit(fm_value_float(got, 0)) == !!signbit(c->d),
                          "%s: %s lost its sign: \"%s\"", sh->name, c->name,
                          esc(text, len));
        fm_doc_free(fresh);
        restore_and_compare(doc, sh, c->name);
        fm_doc_free(doc);
    }
    fm_value_free(want);
}
END_TEST

/* ===================================================================== */
/* Minimal diff: scalars                                                 */
/* ===================================================================== */

START_TEST(a_changed_scalar_keeps_its_style) {
    check_set_string("---\ntitle: Hello\nn: 1\n---\nbody\n", "title", "World",
                     "---\ntitle: World\nn: 1\n---\nbody\n");
    check_set_string("---\ntitle: 'a'\n---\n", "title", "b", "---\ntitle: 'b'\n---\n");
    check_set_string("---\ntitle: \"a\"\n---\n", "title", "b",
                     "---\ntitle: \"b\"\n---\n");
    /* quotes inside the style that holds them */
    check_set_string("---\ntitle: 'a'\n---\n", "title", "it's \"x\"",
                     "---\ntitle: 'it''s \"x\"'\n---\n");
    check_set_string("---\ntitle: \"a\"\n---\n", "title", "say \"hi\"\\",
                     "---\ntitle: \"say \\\"hi\\\"\\\\\"\n---\n");
    /* a string that plain text cannot hold is quoted, double by default */
    check_set_string("---\ntitle: Hello\n---\n", "title", "a: b",
                     "---\ntitle: \"a: b\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "1e3",
                     "---\ntitle: \"1e3\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "true",
                     "---\ntitle: \"true\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "", "---\ntitle: \"\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "a #b",
                     "---\ntitle: \"a #b\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "a#b",
                     "---\ntitle: a#b\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "- x",
                     "---\ntitle: \"- x\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "-x", "---\ntitle: -x\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "tab\there",
                     "---\ntitle: \"tab\\there\"\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title", "\xE6\x97\xA5\xE6\x9C\xAC",
                     "---\ntitle: \xE6\x97\xA5\xE6\x9C\xAC\n---\n");
    check_set_string("---\ntitle: Hello\n---\n", "title",
                     "a\x01"
                     "b\xE2\x80\xA8",
                     "---\ntitle: \"a\\u0001b\\u2028\"\n---\n");
    /* ... and single when the block's strings are mostly single-quoted */
    check_set_string("---\na: 'x'\nb: 'y'\ntitle: Hello\n---\n", "title", "a: b",
                     "---\na: 'x'\nb: 'y'\ntitle: 'a: b'\n---\n");
    /* a quoted style that cannot hold the string gives way to double quotes */
    check_set_string("---\ntitle: 'a'\n---\n", "title", "a\tb\\",
                     "---\ntitle: 'a\tb\\'\n---\n");
    check_set_string("---\ntitle: 'a'\n---\n", "title", "a\nb",
                     "---\ntitle: \"a\\nb\"\n---\n");
    /* a multi-line string replaces a plain scalar with a quoted one */
    check_set_string("---\ntitle: a\n---\n", "title", "one\ntwo\n",
                     "---\ntitle: \"one\\ntwo\\n\"\n---\n");
}
END_TEST

/* Text that YAML 1.1 readers (PyYAML, Psych), js-yaml or Go's yaml would
 * type is quoted; text every reader reads as a string stays plain. The
 * readers test (tests/readers/) checks the whole battery with the readers. */
START_TEST(what_some_reader_types_is_quoted) {
    /* clang-format off */
    static const char *const quoted[] = {
        "yes", "Yes", "YES", "yEs", "no", "On", "OFF", "y", "N", "True", "fAlSe",
        "~", "NuLl", "1:20", "190:20:30.15", "-1:20", "0b101", "0B1", "0o17", "0x_1",
        "017", "1_000", "1,000", "_", "1.", ".5", "+.5", "1e5", "1E+5", "-0", ".InF",
        "-.inf", "+.nan", ".e+3", "=", "<<", ":x", ":1", "2025-01-01", "2025-1-1",
        "-2025-01-01", "2025-13-45", "2025-01-01 10:00:00", "2025-01-01t10:00:00",
        "2025-01-01T10:00:00.", "2025-01-01 10:00", "99999999999999999999",
    };
    static const char *const plain[] = {
        "hello", "1.2.3", "10.0.0.1", "2025-01-01-post", "2025/01/01", "x1", "1st",
        "3D", "v1.2", "yes!", "nil", "None", ".", "-x", "a:b", "Infinity", "nan",
        "<", "==", "x?", "0xdead beef",
    };
    /* clang-format on */
    char expect[128];
    for (size_t i = 0; i < COUNT(quoted); i++) {
        snprintf(expect, sizeof expect, "---\nk: \"%s\"\nz: 1\n---\n", quoted[i]);
        check_set_string("---\nk: old\nz: 1\n---\n", "k", quoted[i], expect);
        /* an existing style that can hold it is kept */
        snprintf(expect, sizeof expect, "---\nk: '%s'\nz: 1\n---\n", quoted[i]);
        check_set_string("---\nk: 'old'\nz: 1\n---\n", "k", quoted[i], expect);
    }
    for (size_t i = 0; i < COUNT(plain); i++) {
        snprintf(expect, sizeof expect, "---\nk: %s\nz: 1\n---\n", plain[i]);
        check_set_string("---\nk: old\nz: 1\n---\n", "k", plain[i], expect);
    }
    /* in flow collections `?` ends a plain scalar for PyYAML, and `:x` and
     * `?x` start indicators for libyaml and PyYAML */
    check_set_string("---\nk: [a, b]\n---\n", "k.0", "x?", "---\nk: [\"x?\", b]\n---\n");
    check_set_string("---\nk: [a, b]\n---\n", "k.0", "?x", "---\nk: [\"?x\", b]\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "?x", "---\nk: ?x\n---\n");
}
END_TEST

/* The bytes that end plain text, one by one, in block and in flow context;
 * words some reader types only at their exact length; the quoting habit
 * (looked for only when a string must be quoted) counts list items too. */
START_TEST(plain_text_is_decided_byte_by_byte) {
    static const char *const flow_only[] = {"a,b", "a[b", "a]b", "a{b", "a}b", "a?b",
                                            "a:,", "a:]", "a:}", "\xC3\xA9,"};
    char expect[128];
    for (size_t i = 0; i < COUNT(flow_only); i++) {
        snprintf(expect, sizeof expect, "---\nk: %s\nz: 1\n---\n", flow_only[i]);
        check_set_string("---\nk: old\nz: 1\n---\n", "k", flow_only[i], expect);
        snprintf(expect, sizeof expect, "---\nk: [\"%s\", b]\n---\n", flow_only[i]);
        check_set_string("---\nk: [a, b]\n---\n", "k.0", flow_only[i], expect);
    }
    check_set_string("---\nk: old\n---\n", "k", "\xC3\xA9: x", "---\nk: \"\xC3\xA9: x\"\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "\xC3\xA9:x", "---\nk: \xC3\xA9:x\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "x \xC3\xA9#", "---\nk: x \xC3\xA9#\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "\xC3\xA9 #x", "---\nk: \"\xC3\xA9 #x\"\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "#x", "---\nk: \"#x\"\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "a:", "---\nk: \"a:\"\n---\n");
    check_set_string("---\nk: old\n---\n", "k", "a\x7F", "---\nk: \"a\\u007F\"\n---\n");
    static const char *const longer[] = {"yess", "falsey", "nulls", "<<<", "~~", ".infx",
                                         ".na"};
    for (size_t i = 0; i < COUNT(longer); i++) {
        snprintf(expect, sizeof expect, "---\nk: %s\n---\n", longer[i]);
        check_set_string("---\nk: old\n---\n", "k", longer[i], expect);
    }
    check_set_string("---\nl: ['x', 'y']\ntitle: Hello\n---\n", "title", "a: b",
                     "---\nl: ['x', 'y']\ntitle: 'a: b'\n---\n");
    check_set_string("---\nl: ['x']\na: \"x\"\nb: \"y\"\ntitle: Hello\n---\n", "title",
                     "a: b", "---\nl: ['x']\na: \"x\"\nb: \"y\"\ntitle: \"a: b\"\n---\n");
    check_set_string("---\na: 'x'\nm: {b: 'y', c: z}\n---\n", "m.c", "a: b",
                     "---\na: 'x'\nm: {b: 'y', c: 'a: b'}\n---\n");
    check_set_string("---\na: 'x'\nl:\n- z\n---\n", "l.0", "a: b",
                     "---\na: 'x'\nl:\n- 'a: b'\n---\n");
}
END_TEST

/* Keys follow the same rule, and the flow rules (a key may sit in a flow
 * mapping). */
START_TEST(a_key_some_reader_types_is_quoted) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\na: 1\nb: 2\nc: 3\nd: 4\n---\n", 0);
    EDIT_OK(fm_doc_rename(doc, "a", "on", &err));
    EDIT_OK(fm_doc_rename(doc, "b", "2025-01-01", &err));
    EDIT_OK(fm_doc_rename(doc, "c", "x[", &err));
    EDIT_OK(fm_doc_rename(doc, "d", "plain", &err));
    ASSERT_EMITS(doc, "---\n\"on\": 1\n\"2025-01-01\": 2\n\"x[\": 3\nplain: 4\n---\n");
    fm_value *m = fm_value_new_mapping();
    fm_value_put(m, "<<", 2, fm_value_new_string("v", 1, NULL));
    fm_value_put(m, "1", 1, fm_value_new_string("v", 1, NULL));
    fm_value_put(m, "a,b", 3, fm_value_new_string("v", 1, NULL));
    EDIT_OK(fm_doc_set(doc, "m", m, &err));
    ASSERT_EMITS(doc, "---\n\"on\": 1\n\"2025-01-01\": 2\n\"x[\": 3\nplain: 4\n"
                      "m:\n  \"<<\": v\n  \"1\": v\n  \"a,b\": v\n---\n");
    fm_value_free(m);
    fm_doc_free(doc);
}
END_TEST

/* Numbers and times are written in the one form every reader types alike,
 * whatever their source text. */
START_TEST(typed_values_are_written_as_every_reader_types_them) {
    /* clang-format off */
    static const struct {
        const char *source, *written;
    } cases[] = {
        {"0x1F", "31"},     {"0o17", "15"},      {"012", "12"},
        {"+5", "5"},        {"1e3", "1000.0"},   {"1e30", "1.0e+30"},
        {"1E-5", "1.0e-05"}, {".5", "0.5"},      {"1.", "1.0"},
        {"-0.0", "-0.0"},   {".Inf", ".inf"},    {"-.INF", "-.inf"},
        /* float text that every reader types alike is kept */
        {"1.50", "1.50"},   {"2.5E+3", "2.5E+3"}, {"01.5", "1.5"},
        {"2.5e3", "2500.0"}, {"+1.5", "1.5"},
        {".NaN", ".nan"},   {"TRUE", "true"},    {"~", "null"},
        {"2025-01-01", "2025-01-01"},
        {"2025-01-01t10:00:00z", "2025-01-01T10:00:00Z"},
        {"2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.1-05:00"},
        /* no zone: a space, as Go's yaml reads only that as a time */
        {"2025-01-01T10:00:00", "2025-01-01 10:00:00"},
    };
    /* clang-format on */
    char text[128], expect[128];
    fm_error err;
    for (size_t i = 0; i < COUNT(cases); i++) {
        snprintf(text, sizeof text, "---\nv: %s\n---\n", cases[i].source);
        fm_doc *src = fm_test_parse(text, 0);
        fm_doc *doc = fm_test_parse("---\nk: old\n---\n", 0);
        EDIT_OK(fm_doc_set(doc, "k", fm_doc_get(src, "v"), &err));
        snprintf(expect, sizeof expect, "---\nk: %s\n---\n", cases[i].written);
        ASSERT_EMITS(doc, expect);
        fm_doc_free(doc);
        fm_doc_free(src);
    }
    fm_doc *doc = fm_test_parse("---\nk: old\n---\n", 0);
    EDIT_OK(fm_doc_set_float(doc, "k", 1e300, &err));
    ASSERT_EMITS(doc, "---\nk: 1.0e+300\n---\n");
    EDIT_OK(fm_doc_set_float(doc, "k", 123456789.125, &err));
    ASSERT_EMITS(doc, "---\nk: 123456789.125\n---\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_trailing_comment_stays_after_the_new_value) {
    check_set_string("---\ntitle: a # note\nn: 1\n---\n", "title", "b",
                     "---\ntitle: b # note\nn: 1\n---\n");
    check_set_string("---\ntitle: 'a'   # note\n---\n", "title", "longer value",
                     "---\ntitle: 'longer value'   # note\n---\n");
    check_set_string("---\ntags: [a, b] # note\n---\n", "tags.1", "c",
                     "---\ntags: [a, c] # note\n---\n");
    /* comments on other lines are never touched */
    check_set_string("---\n# head\ntitle: a\n# between\n\nn: 1 # n\n---\n", "title", "b",
                     "---\n# head\ntitle: b\n# between\n\nn: 1 # n\n---\n");
}
END_TEST

START_TEST(block_scalars_stay_block_scalars) {
    check_set_string("---\nk: |\n  old\n  x\nz: 1\n---\n", "k", "new\nlines\n",
                     "---\nk: |\n  new\n  lines\nz: 1\n---\n");
    check_set_string("---\nk: |\n  old\nz: 1\n---\n", "k", "no final break\nhere",
                     "---\nk: |-\n  no final break\n  here\nz: 1\n---\n");
    check_set_string("---\nk: |\n  old\nz: 1\n---\n", "k", "two\n\n",
                     "---\nk: |+\n  two\n\nz: 1\n---\n");
    check_set_string("---\nk: |\n    old\nz: 1\n---\n", "k", "a\nb\n",
                     "---\nk: |\n  a\n  b\nz: 1\n---\n");
    /* a single line: plain when it can be, as the block's default style */
    check_set_string("---\nk: |\n  old\n  x\nz: 1\n---\n", "k", "one",
                     "---\nk: one\nz: 1\n---\n");
    /* folded stays folded for one long line */
    check_set_string("---\nk: >\n  old\nz: 1\n---\n", "k", "a long line",
                     "---\nk: >-\n  a long line\nz: 1\n---\n");
    /* a multi-line string in a new key of a CRLF file */
    check_set_string("---\r\na: 1\r\n---\r\n", "k", "x\ny\n",
                     "---\r\na: 1\r\nk: |\r\n  x\r\n  y\r\n---\r\n");
}
END_TEST

START_TEST(an_edit_back_to_the_loaded_value_reuses_its_bytes) {
    static const char text[] = "---\ntitle: \"\\u00e9t\\u00e9\"\ns: 'it''s'\nf: 1.50\n"
                               "tags: [ a , \"b\" ]\n---\n";
    fm_error err;
    fm_doc *doc = fm_test_parse(text, 0);
    EDIT_OK(fm_doc_set_string(doc, "title", "x", 1, &err));
    EDIT_OK(fm_doc_set_string(doc, "s", "y", 1, &err));
    EDIT_OK(fm_doc_set_float(doc, "f", 2, &err));
    EDIT_OK(fm_doc_set_string(doc, "tags.1", "c", 1, &err));
    ASSERT_EMITS(doc, "---\ntitle: \"x\"\ns: 'y'\nf: 2.0\ntags: [ a , \"c\" ]\n---\n");
    EDIT_OK(fm_doc_set_string(doc, "title", "\xC3\xA9t\xC3\xA9", 5, &err));
    EDIT_OK(fm_doc_set_string(doc, "s", "it's", 4, &err));
    EDIT_OK(fm_doc_set_float(doc, "f", 1.5, &err));
    EDIT_OK(fm_doc_set_string(doc, "tags.1", "b", 1, &err));
    ASSERT_EMITS(doc, text);
    /* an equal value is no edit at all */
    EDIT_OK(fm_doc_set_float(doc, "f", 1.5, &err));
    ASSERT_EMITS(doc, text);
    fm_doc_free(doc);
}
END_TEST

/* Strings of up to 255 bytes are set from a value on the stack and longer
 * ones from a heap value; a line rendered in up to 256 bytes is planned in
 * stack storage, a longer one moves to the heap. Every length writes the
 * same bytes as fm_doc_set with a value built by fm_value_new_string, also
 * when the edit goes back to the loaded value (its bytes restored). */
START_TEST(strings_of_any_length_are_set_alike) {
    static const size_t lens[] = {0, 1, 200, 240, 245, 255, 256, 257, 300, 1000};
    static const char input[] = "---\ntitle: 'Old'\nafter: x\n---\nbody\n";
    char s[1001];
    for (size_t i = 0; i < COUNT(lens); i++) {
        size_t n = lens[i];
        for (size_t j = 0; j < n; j++)
            s[j] = (char)('a' + j % 26);
        fm_error err;
        fm_doc *doc = fm_test_parse(input, 0), *ref = fm_test_parse(input, 0);
        fm_value *v = fm_value_new_string(s, n, NULL);
        EDIT_OK(fm_doc_set_string(doc, "title", s, n, &err));
        EDIT_OK(fm_doc_set(ref, "title", v, &err));
        size_t len, ref_len;
        const char *got = fm_doc_text(doc, &len), *want = fm_doc_text(ref, &ref_len);
        ck_assert_uint_eq(len, ref_len);
        ck_assert_uint_eq(len, sizeof input - 1 - 3 + n);
        ck_assert_int_eq(memcmp(got, want, len), 0);
        ck_assert_int_eq(memcmp(got, "---\ntitle: '", 12), 0);
        ck_assert_int_eq(memcmp(got + 12, s, n), 0);
        ck_assert_str_eq(got + 12 + n, "'\nafter: x\n---\nbody\n");
        EDIT_OK(fm_doc_set_string(doc, "title", "Old", 3, &err));
        ASSERT_EMITS(doc, input);
        fm_value_free(v);
        fm_doc_free(ref);
        fm_doc_free(doc);
    }
}
END_TEST

/* ===================================================================== */
/* Minimal diff: lists                                                   */
/* ===================================================================== */

static const char *const abc[] = {"a", "b", "c d"};

START_TEST(a_block_list_keeps_its_indentation_and_quoting) {
    check_strings("---\ntags:\n- a\nn: 1\n---\n", "tags", abc, 3,
                  "---\ntags:\n- a\n- b\n- c d\nn: 1\n---\n");
    check_strings("---\ntags:\n    - x\nn: 1\n---\n", "tags", abc, 3,
                  "---\ntags:\n    - a\n    - b\n    - c d\nn: 1\n---\n");
    check_strings("---\ntags:\n  - \"x\"\n---\n", "tags", abc, 3,
                  "---\ntags:\n  - \"a\"\n  - \"b\"\n  - \"c d\"\n---\n");
    check_strings("---\ntags:\n  - 'x'\n---\n", "tags", abc, 3,
                  "---\ntags:\n  - 'a'\n  - 'b'\n  - 'c d'\n---\n");
    /* an item edit keeps the item's quotes */
    check_set_string("---\ntags:\n  - \"a\"\n  - \"b\"\n---\n", "tags.1", "x",
                     "---\ntags:\n  - \"a\"\n  - \"x\"\n---\n");
    check_set_string("---\ntags:\n  - a # first\n  - b\n---\n", "tags.0", "z",
                     "---\ntags:\n  - z # first\n  - b\n---\n");
    /* plain items that must be quoted */
    static const char *const hard[] = {"a: b", "yes", "1"};
    check_strings("---\ntags:\n  - x\n---\n", "tags", hard, 3,
                  "---\ntags:\n  - \"a: b\"\n  - \"yes\"\n  - \"1\"\n---\n");
    /* a block list becomes empty in flow form */
    check_strings("---\ntags:\n  - x\nn: 1\n---\n", "tags", NULL, 0,
                  "---\ntags: []\nn: 1\n---\n");
}
END_TEST

START_TEST(a_flow_list_stays_flow) {
    check_strings("---\ntags: [x]\nn: 1\n---\n", "tags", abc, 3,
                  "---\ntags: [a, b, c d]\nn: 1\n---\n");
    static const char *const hard[] = {"a, b", "[x]", "-"};
    check_strings("---\ntags: [x]\n---\n", "tags", hard, 3,
                  "---\ntags: [\"a, b\", \"[x]\", \"-\"]\n---\n");
    check_strings("---\ntags: ['x']\n---\n", "tags", abc, 2,
                  "---\ntags: ['a', 'b']\n---\n");
    check_strings("---\ntags: []\n---\n", "tags", abc, 2, "---\ntags: [a, b]\n---\n");
    check_set_string("---\ntags: [a, b, c]\n---\n", "tags.2", "x y",
                     "---\ntags: [a, b, x y]\n---\n");
}
END_TEST

/* ===================================================================== */
/* Minimal diff: new keys                                                */
/* ===================================================================== */

START_TEST(a_new_key_follows_the_blocks_habits) {
    /* indent width from an existing nested mapping */
    check_set_string("---\nparams:\n    a: 1\n---\n", "other.x", "y",
                     "---\nparams:\n    a: 1\nother:\n    x: \"y\"\n---\n");
    /* list form: flow when the block's lists are flow */
    check_strings("---\ntags: [a]\n---\n", "cats", abc, 2,
                  "---\ntags: [a]\ncats: [a, b]\n---\n");
    /* indentless lists */
    check_strings("---\ntags:\n- a\n---\n", "cats", abc, 2,
                  "---\ntags:\n- a\ncats:\n- a\n- b\n---\n");
    /* quote style of strings */
    check_set_string("---\na: 'x'\n---\n", "b", "y", "---\na: 'x'\nb: 'y'\n---\n");
    check_set_string("---\na: \"x\"\n---\n", "b", "y", "---\na: \"x\"\nb: \"y\"\n---\n");
    /* nested keys go at the end of their own mapping */
    check_set_string("---\nparams:\n  author: Ann\nz: 1\n---\n", "params.editor", "Bob",
                     "---\nparams:\n  author: Ann\n  editor: Bob\nz: 1\n---\n");
    check_set_string("---\nparams:\n  author: Ann\nz: 1\n---\n", "params.author", "Bob",
                     "---\nparams:\n  author: Bob\nz: 1\n---\n");
    /* a key with a dot in it */
    check_set_string("---\na.b: 1\n---\n", "a.b", "x", "---\na.b: x\n---\n");
    /* a key that must be quoted */
    check_set_string("---\na: 1\n---\n", "key: x", "v",
                     "---\na: 1\n\"key: x\": v\n---\n");
    /* the last line of the block without a line break */
    check_set_string("---\na: 1 # c\n---\n", "b", "2", "---\na: 1 # c\nb: \"2\"\n---\n");
}
END_TEST

START_TEST(new_keys_in_the_sample_article_are_double_quoted) {
    char *text;
    fm_error err;
    fm_doc *doc = sample_doc(&text);
    EDIT_OK(fm_doc_set_string(doc, "author", "X", 1, &err));
    static const char *const items[] = {"x", "y"};
    EDIT_OK(fm_doc_set_strings(doc, "keywords", items, NULL, 2, &err));
    char *expect = with_replaced(text, "  - \"taglist\"\n---\n",
                                 "  - \"taglist\"\nauthor: \"X\"\nkeywords:\n  - \"x\"\n"
                                 "  - \"y\"\n---\n");
    ASSERT_EMITS(doc, expect);
    free(expect);
    free(text);
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_new_document_gets_canonical_front_matter) {
    fm_error err;
    fm_doc *doc = fm_doc_new(FM_FORMAT_YAML, &err);
    ck_assert_ptr_nonnull(doc);
    EDIT_OK(fm_doc_set_string(doc, "title", "T", 1, &err));
    static const char *const tags[] = {"a", "b"};
    EDIT_OK(fm_doc_set_strings(doc, "tags", tags, NULL, 2, &err));
    EDIT_OK(fm_doc_set_bool(doc, "draft", 1, &err));
    fm_datetime dt = {
        2025, 2, 11, 1, 46, 7, 0, 0, FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET};
    EDIT_OK(fm_doc_set_datetime(doc, "date", &dt, &err));
    EDIT_OK(fm_doc_set_string(doc, "params.author", "Ann", 3, &err));
    ASSERT_EMITS(doc, "---\ntitle: T\ntags:\n  - a\n  - b\ndraft: true\n"
                      "date: 2025-02-11T01:46:07Z\nparams:\n  author: Ann\n---\n");
    EDIT_OK(fm_doc_set_body(doc, "Hello\n", 6, &err));
    ASSERT_EMITS(doc, "---\ntitle: T\ntags:\n  - a\n  - b\ndraft: true\n"
                      "date: 2025-02-11T01:46:07Z\nparams:\n  author: Ann\n---\nHello\n");
    fm_doc_free(doc);

    doc = fm_doc_new(FM_FORMAT_JSON, &err);
    ck_assert_ptr_nonnull(doc);
    EDIT_OK(fm_doc_set_string(doc, "title", "T", 1, &err));
    EDIT_OK(fm_doc_set_strings(doc, "tags", tags, NULL, 2, &err));
    EDIT_OK(fm_doc_set_datetime(doc, "date", &dt, &err));
    EDIT_OK(fm_doc_set_string(doc, "params.author", "Ann", 3, &err));
    ASSERT_EMITS(doc, "{\n  \"title\": \"T\",\n  \"tags\": [\"a\", \"b\"],\n"
                      "  \"date\": \"2025-02-11T01:46:07Z\",\n"
                      "  \"params\": {\"author\": \"Ann\"}\n}\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(crlf_bom_and_dots_fence_are_kept) {
    check_set_string(
        "---\r\ntitle: a\r\ntags:\r\n  - x\r\n---\r\nbody\r\n", "author", "Ann",
        "---\r\ntitle: a\r\ntags:\r\n  - x\r\nauthor: Ann\r\n---\r\nbody\r\n");
    check_strings("---\r\ntitle: a\r\ntags:\r\n  - x\r\n---\r\n", "tags", abc, 2,
                  "---\r\ntitle: a\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n");
    check_set_string("---\r\ntitle: a\r\n---\r\n", "p.q", "v",
                     "---\r\ntitle: a\r\np:\r\n  q: v\r\n---\r\n");
    check_set_string("\xEF\xBB\xBF---\ntitle: a\n---\nbody\n", "title", "b",
                     "\xEF\xBB\xBF---\ntitle: b\n---\nbody\n");
    check_set_string("\xEF\xBB\xBF---\ntitle: a\n---\nbody\n", "n", "x",
                     "\xEF\xBB\xBF---\ntitle: a\n\"n\": x\n---\nbody\n");
    check_set_string("---\ntitle: a\n...\nbody\n", "title", "b",
                     "---\ntitle: b\n...\nbody\n");
    check_set_string("---\ntitle: a\n...\nbody\n", "n", "x",
                     "---\ntitle: a\n\"n\": x\n...\nbody\n");
    check_set_string("\n\n---  \ntitle: a\n---\t\nbody\n", "n", "x",
                     "\n\n---  \ntitle: a\n\"n\": x\n---\t\nbody\n");
    check_set_string("---\ntitle: a\n---", "n", "x", "---\ntitle: a\n\"n\": x\n---");
    check_set_string("---\n---\nbody\n", "n", "x", "---\n\"n\": x\n---\nbody\n");
    check_set_string("---\n# only a comment\n---\n", "n", "x",
                     "---\n# only a comment\n\"n\": x\n---\n");
}
END_TEST

START_TEST(a_document_without_front_matter_gets_a_block) {
    check_set_string("body\n", "title", "X", "---\ntitle: X\n---\nbody\n");
    check_set_string("", "title", "X", "---\ntitle: X\n---\n");
    check_set_string("\xEF\xBB\xBF# Heading\n", "title", "X",
                     "\xEF\xBB\xBF---\ntitle: X\n---\n# Heading\n");
    check_set_string("body\r\n", "title", "X", "---\ntitle: X\n---\nbody\r\n");
    check_set_string("body\n", "params.a", "X", "---\nparams:\n  a: X\n---\nbody\n");
}
END_TEST

START_TEST(a_null_value_becomes_the_mapping_a_path_needs) {
    check_set_string("---\nparams:\nz: 1\n---\n", "params.author", "Ann",
                     "---\nparams:\n  author: Ann\nz: 1\n---\n");
    check_set_string("---\nparams: ~\nz: 1\n---\n", "params.author", "Ann",
                     "---\nparams:\n  author: Ann\nz: 1\n---\n");
    check_set_string("---\nparams:\n    a: 1\nx:\n---\n", "x.y.z", "v",
                     "---\nparams:\n    a: 1\nx:\n    \"y\":\n        z: v\n---\n");
}
END_TEST

/* ===================================================================== */
/* Minimal diff: JSON front matter                                       */
/* ===================================================================== */

static const char json_multi[] = "{\n"
                                 "  \"title\": \"a\",\n"
                                 "  \"n\": 1,\n"
                                 "  \"tags\": [\"x\", \"y\"]\n"
                                 "}\n"
                                 "body\n";

START_TEST(json_front_matter_keeps_json_syntax) {
    fm_error err;
    fm_doc *doc = fm_test_parse(json_multi, 0);
    EDIT_OK(fm_doc_set_string(doc, "title", "b \"q\" \xC3\xA9\n", 9, &err));
    EDIT_OK(fm_doc_set_int(doc, "n", -20, &err));
    static const char *const items[] = {"p", "yes", "1"};
    EDIT_OK(fm_doc_set_strings(doc, "tags", items, NULL, 3, &err));
    ASSERT_EMITS(doc, "{\n  \"title\": \"b \\\"q\\\" \xC3\xA9\\n\",\n  \"n\": -20,\n"
                      "  \"tags\": [\"p\", \"yes\", \"1\"]\n}\nbody\n");
    EDIT_OK(fm_doc_set_bool(doc, "draft", 0, &err));
    EDIT_OK(fm_doc_set_null(doc, "none", &err));
    EDIT_OK(fm_doc_set_float(doc, "f", 0.5, &err));
    ASSERT_EMITS(doc, "{\n  \"title\": \"b \\\"q\\\" \xC3\xA9\\n\",\n  \"n\": -20,\n"
                      "  \"tags\": [\"p\", \"yes\", \"1\"],\n  \"draft\": false,\n"
                      "  \"none\": null,\n  \"f\": 0.5\n}\nbody\n");
    fm_doc_free(doc);

    doc = fm_test_parse(json_multi, 0);
    EDIT_OK(fm_doc_remove(doc, "n", &err));
    ASSERT_EMITS(doc, "{\n  \"title\": \"a\",\n  \"tags\": [\"x\", \"y\"]\n}\nbody\n");
    EDIT_OK(fm_doc_remove(doc, "tags", &err));
    ASSERT_EMITS(doc, "{\n  \"title\": \"a\"\n}\nbody\n");
    EDIT_OK(fm_doc_remove(doc, "title", &err));
    ASSERT_EMITS(doc, "{}\nbody\n");
    EDIT_OK(fm_doc_set_string(doc, "title", "again", 5, &err));
    ASSERT_EMITS(doc, "{\"title\": \"again\"}\nbody\n");
    fm_doc_free(doc);

    doc = fm_test_parse("{\"title\": \"a\", \"n\": 1}\nbody\n", 0);
    EDIT_OK(fm_doc_set_int(doc, "x", 2, &err));
    ASSERT_EMITS(doc, "{\"title\": \"a\", \"n\": 1, \"x\": 2}\nbody\n");
    EDIT_OK(fm_doc_remove(doc, "title", &err));
    ASSERT_EMITS(doc, "{\"n\": 1, \"x\": 2}\nbody\n");
    EDIT_OK(fm_doc_set_string(doc, "p.q", "v", 1, &err));
    ASSERT_EMITS(doc, "{\"n\": 1, \"x\": 2, \"p\": {\"q\": \"v\"}}\nbody\n");
    EDIT_OK(fm_doc_rename(doc, "n", "m", &err));
    ASSERT_EMITS(doc, "{\"m\": 1, \"x\": 2, \"p\": {\"q\": \"v\"}}\nbody\n");
    fm_value *v = fm_value_new_bool(1);
    EDIT_OK(fm_doc_insert_after(doc, "w", "m", v, &err));
    fm_value_free(v);
    ASSERT_EMITS(doc, "{\"m\": 1, \"w\": true, \"x\": 2, \"p\": {\"q\": \"v\"}}\nbody\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(json_has_no_inf_or_nan) {
    fm_error err;
    fm_doc *doc = fm_test_parse(json_multi, 0);
    EDIT_FAILS(doc, fm_doc_set_float(doc, "n", HUGE_VAL, &err), FM_ERR_EMIT);
    EDIT_FAILS(doc, fm_doc_set_float(doc, "n", -HUGE_VAL, &err), FM_ERR_EMIT);
    EDIT_FAILS(doc, fm_doc_set_float(doc, "new", NAN, &err), FM_ERR_EMIT);
    fm_value *seq = fm_value_new_sequence();
    fm_value_append(seq, fm_value_new_float(NAN));
    EDIT_FAILS(doc, fm_doc_set(doc, "tags", seq, &err), FM_ERR_EMIT);
    fm_value_free(seq);
    ASSERT_EMITS(doc, json_multi);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Minimal diff: remove, rename, insert after, body                      */
/* ===================================================================== */

START_TEST(remove_takes_out_the_lines_of_a_key) {
    static const char text[] = "---\na: 1\nb: 2 # note\nc: 3\n---\nbody\n";
    check_remove(text, "b", "---\na: 1\nc: 3\n---\nbody\n");
    check_remove(text, "c", "---\na: 1\nb: 2 # note\n---\nbody\n");
    check_remove(text, "a", "---\nb: 2 # note\nc: 3\n---\nbody\n");
    check_remove("---\na: 1\n---\n", "a", "---\n---\n");
    check_remove("---\na: 1\ntags:\n  - x\n  - y\nc: 3\n---\n", "tags",
                 "---\na: 1\nc: 3\n---\n");
    check_remove("---\na: 1\ntags:\n- x\n- y\n---\n", "tags", "---\na: 1\n---\n");
    check_remove("---\na: 1\ntext: |\n  x\n\n  y\nc: 3\n---\n", "text",
                 "---\na: 1\nc: 3\n---\n");
    check_remove("---\na: 1\np:\n  x: 1\n  y:\n    z: 2\nc: 3\n---\n", "p",
                 "---\na: 1\nc: 3\n---\n");
    /* the only key of a nested mapping leaves an empty mapping */
    check_remove("---\np:\n  a: 1\nz: 1\n---\n", "p.a", "---\np: {}\nz: 1\n---\n");
    check_remove("---\np:\n  a: 1\n  b: 2\nz: 1\n---\n", "p.a",
                 "---\np:\n  b: 2\nz: 1\n---\n");
    /* list items: the last one, or the only one */
    check_remove("---\ntags:\n  - x\n  - y\n  - z\n---\n", "tags.2",
                 "---\ntags:\n  - x\n  - y\n---\n");
    check_remove("---\ntags:\n  - x\n---\n", "tags.0", "---\ntags: []\n---\n");
    check_remove("---\ntags: [x, y, z]\n---\n", "tags.2", "---\ntags: [x, y]\n---\n");
#if 1
    /* (fixed) BUG 2: removing a sequence item that is not the last fails with
     * FM_ERR_EMIT (the commit check wants `tags.1` to be gone, but the next
     * item moves into its place). */
    check_remove("---\ntags:\n  - x\n  - y\n  - z\n---\n", "tags.1",
                 "---\ntags:\n  - x\n  - z\n---\n");
    check_remove("---\ntags: [x, y, z]\n---\n", "tags.0", "---\ntags: [y, z]\n---\n");
    check_remove("{\"tags\": [\"x\", \"y\"]}\n", "tags.0", "{\"tags\": [\"y\"]}\n");
#endif
    check_remove("---\ntags: [x]\n---\n", "tags.0", "---\ntags: []\n---\n");
    /* flow mapping pairs */
    check_remove("---\nk: {a: 1, b: 2}\n---\n", "k.a", "---\nk: {b: 2}\n---\n");
    check_remove("---\nk: {a: 1, b: 2}\n---\n", "k.b", "---\nk: {a: 1}\n---\n");
    check_remove("---\nk: {a: 1}\n---\n", "k.a", "---\nk: {}\n---\n");
    /* CRLF lines go with their CR */
    check_remove("---\r\na: 1\r\nb: 2\r\n---\r\n", "a", "---\r\nb: 2\r\n---\r\n");
}
END_TEST

START_TEST(rename_changes_only_the_key) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\ntitle: a # c\n\"quoted\": b\n'single': c\n"
                                "params:\n  author: d\n---\n",
                                0);
    EDIT_OK(fm_doc_rename(doc, "title", "name", &err));
    EDIT_OK(fm_doc_rename(doc, "quoted", "still quoted", &err));
    EDIT_OK(fm_doc_rename(doc, "single", "it's", &err));
    EDIT_OK(fm_doc_rename(doc, "params.author", "writer", &err));
    ASSERT_EMITS(doc, "---\nname: a # c\n\"still quoted\": b\n'it''s': c\n"
                      "params:\n  writer: d\n---\n");
    EDIT_OK(fm_doc_rename(doc, "name", "a: b", &err));
    ASSERT_EMITS(doc, "---\n\"a: b\": a # c\n\"still quoted\": b\n'it''s': c\n"
                      "params:\n  writer: d\n---\n");
    EDIT_OK(fm_doc_rename(doc, "params", "params", &err)); /* to itself: nothing to do */
    EDIT_FAILS(doc, fm_doc_rename(doc, "a: b", "params", &err), FM_ERR_DUPLICATE_KEY);
    EDIT_FAILS(doc, fm_doc_rename(doc, "missing", "x", &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_rename(doc, "params.missing", "x", &err), FM_ERR_NOT_FOUND);
    fm_doc_free(doc);
}
END_TEST

START_TEST(insert_after_places_the_new_key) {
    fm_error err;
    fm_doc *doc =
        fm_test_parse("---\na: 1\nb:\n  - x\nc: 3\np:\n  q: 1\n  r: 2\n---\n", 0);
    fm_value *v = fm_value_new_string("new", 3, NULL);
    EDIT_OK(fm_doc_insert_after(doc, "n", "a", v, &err));
    EDIT_OK(fm_doc_insert_after(doc, "m", "b", v, &err));
    EDIT_OK(fm_doc_insert_after(doc, "p.s", "q", v, &err));
    ASSERT_EMITS(doc, "---\na: 1\n\"n\": new\nb:\n  - x\nm: new\nc: 3\n"
                      "p:\n  q: 1\n  s: new\n  r: 2\n---\n");
    EDIT_FAILS(doc, fm_doc_insert_after(doc, "o", "missing", v, &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_insert_after(doc, "o", NULL, v, &err), FM_ERR_ARG);
    /* an existing key is set in place */
    fm_value *w = fm_value_new_int(7);
    EDIT_OK(fm_doc_insert_after(doc, "c", "a", w, &err));
    ASSERT_EMITS(doc, "---\na: 1\n\"n\": new\nb:\n  - x\nm: new\nc: 7\n"
                      "p:\n  q: 1\n  s: new\n  r: 2\n---\n");
    fm_value_free(w);
    fm_value_free(v);
    fm_doc_free(doc);
}
END_TEST

/* YAML ends a line at \n, \r\n, a lone \r, and NEL, LS and PS (YAML 1.1,
 * as libyaml reads): a key inserted after a value goes right after its
 * line's break, whichever it is. */
START_TEST(insert_after_every_line_break) {
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"---\na: 1\rb: 2\nc: 3\n---\n", "---\na: 1\rk: new\nb: 2\nc: 3\n---\n"},
        {"---\na: 1\r\nb: 2\r\n---\n", "---\na: 1\r\nk: new\nb: 2\r\n---\n"},
        {"---\na: 1\xc2\x85" "b: 2\n---\n", "---\na: 1\xc2\x85k: new\nb: 2\n---\n"},
        {"---\na: 1\xe2\x80\xa8" "b: 2\n---\n", "---\na: 1\xe2\x80\xa8k: new\nb: 2\n---\n"},
        {"---\na: 1\xe2\x80\xa9" "b: 2\n---\n", "---\na: 1\xe2\x80\xa9k: new\nb: 2\n---\n"},
        {"---\na: 1 # c\rb: 2\n---\n", "---\na: 1 # c\rk: new\nb: 2\n---\n"},
        {"---\na: x\xe2\x80\xa7y\nb: 2\n---\n", "---\na: x\xe2\x80\xa7y\nk: new\nb: 2\n---\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_error err;
        fm_doc *doc = fm_test_parse(cases[i].in, 0);
        fm_value *v = fm_value_new_string("new", 3, NULL);
        EDIT_OK(fm_doc_insert_after(doc, "k", "a", v, &err));
        ASSERT_EMITS(doc, cases[i].out);
        fm_value_free(v);
        fm_doc_free(doc);
    }
}
END_TEST

/* A key removed after such a break takes its own line, not the one before. */
START_TEST(remove_after_every_line_break) {
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"---\na: 1\rb: 2\nc: 3\n---\n", "---\na: 1\rc: 3\n---\n"},
        {"---\na: 1\xc2\x85" "b: 2\nc: 3\n---\n", "---\na: 1\xc2\x85" "c: 3\n---\n"},
        {"---\na: 1\xe2\x80\xa8" "b: 2\nc: 3\n---\n", "---\na: 1\xe2\x80\xa8" "c: 3\n---\n"},
        {"---\na: 1\xe2\x80\xa9" "b: 2\rc: 3\n---\n", "---\na: 1\xe2\x80\xa9" "c: 3\n---\n"},
        {"---\np:\n  a: 1\r  b: 2\n  c: 3\n---\n", "---\np:\n  a: 1\r  c: 3\n---\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_error err;
        fm_doc *doc = fm_test_parse(cases[i].in, 0);
        EDIT_OK(fm_doc_remove(doc, i == 4 ? "p.b" : "b", &err));
        ASSERT_EMITS(doc, cases[i].out);
        fm_doc_free(doc);
    }
}
END_TEST

START_TEST(set_body_leaves_the_front_matter) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\ntitle: a # c\n---\nold body\n", 0);
    EDIT_OK(fm_doc_set_body(doc, "new\nbody", 8, &err));
    ASSERT_EMITS(doc, "---\ntitle: a # c\n---\nnew\nbody");
    EDIT_OK(
        fm_doc_set_body(doc, "---\nx: 1\n---\n", 13, &err)); /* just text after fences */
    ASSERT_EMITS(doc, "---\ntitle: a # c\n---\n---\nx: 1\n---\n");
    EDIT_OK(fm_doc_set_body(doc, NULL, 0, &err));
    ASSERT_EMITS(doc, "---\ntitle: a # c\n---\n");
    size_t len;
    fm_doc_body(doc, &len);
    ck_assert_uint_eq(len, 0);
    fm_doc_free(doc);

    doc = fm_test_parse("old\n", 0);
    EDIT_OK(fm_doc_set_body(doc, "new\n", 4, &err));
    ASSERT_EMITS(doc, "new\n");
    /* a body that would read as front matter is refused */
    EDIT_FAILS(doc, fm_doc_set_body(doc, "---\nx: 1\n---\ntext\n", 18, &err),
               FM_ERR_EMIT);
    EDIT_FAILS(doc, fm_doc_set_body(doc, "{\"x\": 1}\ntext\n", 14, &err), FM_ERR_EMIT);
    fm_doc_free(doc);

    doc = fm_test_parse("\xEF\xBB\xBFold\n", 0);
    EDIT_OK(fm_doc_set_body(doc, "new\n", 4, &err));
    ASSERT_EMITS(doc, "\xEF\xBB\xBFnew\n");
    fm_doc_free(doc);

    doc = fm_test_parse("{\"a\": 1}\nold\n", 0);
    EDIT_OK(fm_doc_set_body(doc, "new\n", 4, &err));
    ASSERT_EMITS(doc, "{\"a\": 1}\nnew\n");
    fm_doc_free(doc);

#if 1
    /* (fixed) BUG 5: a body for a document whose closing fence has no line break
     * fails with FM_ERR_EMIT (the body is glued to the fence: `---hello`). */
    doc = fm_test_parse("---\na: 1\n---", 0);
    EDIT_OK(fm_doc_set_body(doc, "hello\n", 6, &err));
    ASSERT_EMITS(doc, "---\na: 1\n---\nhello\n");
    fm_doc_free(doc);
#endif
#if 1
    /* (fixed) BUG 6: on a document without front matter, a body that starts with an
     * empty front-matter block is accepted; the document then has front
     * matter and its body is not the text that was set. */
    doc = fm_test_parse("text\n", 0);
    EDIT_FAILS(doc, fm_doc_set_body(doc, "---\n---\nx\n", 10, &err), FM_ERR_EMIT);
    EDIT_FAILS(doc, fm_doc_set_body(doc, "\n---\n# c\n---\nx\n", 15, &err), FM_ERR_EMIT);
    fm_doc_free(doc);
#endif
}
END_TEST

/* ===================================================================== */
/* Minimal diff: structure                                               */
/* ===================================================================== */

START_TEST(setting_below_a_scalar_is_a_type_error) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\ntitle: a\ntags: [x]\n---\n", 0);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "title.x", "v", 1, &err), FM_ERR_TYPE);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "tags.5", "v", 1, &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "tags.x", "v", 1, &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_remove(doc, "title.x", &err), FM_ERR_NOT_FOUND);
    fm_doc_free(doc);
}
END_TEST

START_TEST(an_anchored_value_keeps_its_anchor) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\nbase: &b x\ncopy: *b\nlist: &l [1, 2]\n"
                                "l2: *l\nn: 1\n---\n",
                                0);
    EDIT_OK(fm_doc_set_int(doc, "n", 2, &err));
    ASSERT_EMITS(doc, "---\nbase: &b x\ncopy: *b\nlist: &l [1, 2]\nl2: *l\nn: 2\n---\n");
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "copy"), NULL), "x");
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "l2.1"), 0), 2);
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_value_from_another_document_can_be_set) {
    fm_error err;
    fm_doc *from = fm_test_parse("---\np:\n  a: [1, 'two']\n  b: |\n    lit\n---\n", 0);
    fm_doc *doc = fm_test_parse("---\nt: x\n---\nbody\n", 0);
    /* written in this document's habits (block lists, plain strings) */
    EDIT_OK(fm_doc_set(doc, "copy", fm_doc_get(from, "p"), &err));
    ASSERT_EMITS(
        doc, "---\nt: x\ncopy:\n  a:\n    - 1\n    - two\n  b: |\n    lit\n---\nbody\n");
    ck_assert_int_eq(fm_value_equal(fm_doc_get(doc, "copy"), fm_doc_get(from, "p")), 1);
    EDIT_OK(fm_doc_set(doc, "t", fm_doc_get(from, "p.a.1"), &err));
    ASSERT_EMITS(
        doc,
        "---\nt: two\ncopy:\n  a:\n    - 1\n    - two\n  b: |\n    lit\n---\nbody\n");
    /* a value of the document itself */
    EDIT_OK(fm_doc_set(doc, "again", fm_doc_get(doc, "copy.a"), &err));
    ASSERT_EMITS(doc, "---\nt: two\ncopy:\n  a:\n    - 1\n    - two\n  b: |\n    lit\n"
                      "again:\n  - 1\n  - two\n---\nbody\n");
    fm_doc_free(doc);
    fm_doc_free(from);
}
END_TEST

START_TEST(an_anchored_value_can_change) {
    fm_error err;
    /* an anchor that nothing refers to stays on the new value */
    check_set_string("---\nbase: &b x\nn: 1\n---\n", "base", "y",
                     "---\nbase: &b \"y\"\nn: 1\n---\n");
    check_set_string("---\nl: &l [a, b]\nm: 1\n---\n", "l.0", "y",
                     "---\nl: &l [\"y\", b]\nm: 1\n---\n");
    /* an alias in the same top-level key follows its anchor */
    fm_doc *doc = fm_test_parse("---\np:\n  a: &a 1\n  b: *a\n---\n", 0);
    EDIT_OK(fm_doc_set_string(doc, "p.a", "y", 1, &err));
    ASSERT_EMITS(doc, "---\np:\n  a: &a \"y\"\n  b: *a\n---\n");
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "p.b"), NULL), "y");
    fm_doc_free(doc);
    /* an alias replaced by a value */
    check_set_string("---\nbase: &b x\ncopy: *b\n---\n", "copy", "y",
                     "---\nbase: &b x\ncopy: \"y\"\n---\n");
#if 1
    /* (fixed) BUG 3: an anchored value aliased from another top-level key cannot be
     * changed: FM_ERR_EMIT, because the alias changes with it and the commit
     * check wants every other top-level key unchanged. */
    doc = fm_test_parse("---\nbase: &b x\ncopy: *b\nn: 1\n---\n", 0);
    EDIT_OK(fm_doc_set_string(doc, "base", "y", 1, &err));
    ASSERT_EMITS(doc, "---\nbase: &b \"y\"\ncopy: *b\nn: 1\n---\n");
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "copy"), NULL), "y");
    fm_doc_free(doc);
#endif
}
END_TEST

/* ===================================================================== */
/* Typed write-back                                                      */
/* ===================================================================== */

static fm_article *article_of(const fm_doc *doc) {
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_msg(a != NULL, "fm_article_from_doc: %s", err.message);
    return a;
}

START_TEST(apply_changes_only_the_lines_of_changed_fields) {
    char *text;
    fm_error err;
    fm_doc *doc = sample_doc(&text);
    fm_article *a = article_of(doc);
    EDIT_OK(fm_article_apply(a, doc, &err)); /* nothing changed: nothing to do */
    ASSERT_EMITS(doc, text);

    a->title = (fm_str){"New: title", 10};
    static const fm_str tags[] = {{"x", 1}, {"y z", 3}};
    a->tags = (fm_strlist){tags, 2};
    a->draft = FM_TRUE;
    a->date = (fm_datetime){2025, 3, 1, 10, 0, 5, 0, 0, FM_DT_SET | FM_DT_HAS_TIME};
    a->weight = 5;
    a->has_weight = 1;
    a->comments = FM_TRUE;
    a->summary = (fm_str){NULL, 0};
    a->widgets = (fm_strlist){NULL, 0};
    EDIT_OK(fm_article_apply(a, doc, &err));

    char *s1 = with_replaced(text, "title: \"Mistral gets down to business\"\n",
                             "title: \"New: title\"\n");
    char *s2 = with_replaced(s1, "date: \"2025-02-11 01:46:07\"\n",
                             "date: \"2025-03-01 10:00:05\"\n");
    free(s1);
    const char *sum = strstr(s2, "summary: ");
    const char *sum_end = strchr(sum, '\n') + 1;
    memmove((char *)sum, sum_end, strlen(sum_end) + 1);
    s1 = with_replaced(s2, "tags:\n  - \"techcrunch\"\n",
                       "tags:\n  - \"x\"\n  - \"y z\"\n");
    free(s2);
    s2 = with_replaced(s1, "comments: false\n", "comments: true\n");
    free(s1);
    s1 = with_replaced(s2,
                       "widgets:\n  - \"search\"\n  - \"recent\"\n  - \"taglist\"\n---\n",
                       "draft: true\nweight: 5\n---\n");
    free(s2);
    ASSERT_EMITS(doc, s1);
    free(s1);

    /* the date stays a quoted string in the same layout */
    const fm_value *date = fm_doc_get(doc, "date");
    ck_assert_int_eq(fm_value_type(date), FM_STRING);
    ck_assert_int_eq(fm_value_style(date), FM_STYLE_DOUBLE_QUOTED);
    fm_article_free(a);
    free(text);
    fm_doc_free(doc);
}
END_TEST

START_TEST(apply_keeps_the_spelling_of_keys) {
    static const char text[] =
        "---\nTitle: Old\npublishdate: 2025-01-01\nlastMod: 2025-01-01\n"
        "tags: \"a b\"\ncategories: [x]\nx: 1\n---\nbody\n";
    fm_error err;
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);
    a->title = (fm_str){"New", 3};
    a->publish_date = (fm_datetime){2025, 2, 2, 0, 0, 0, 0, 0, FM_DT_SET};
    a->lastmod = (fm_datetime){
        2025, 2, 3, 4, 5, 6, 0, 60, FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET};
    static const fm_str t3[] = {{"a", 1}, {"b", 1}, {"c", 1}};
    a->tags = (fm_strlist){t3, 3};
    a->categories = (fm_strlist){t3, 2};
    a->description = (fm_str){"D: d", 4};
    a->authors = (fm_strlist){t3 + 2, 1};
    EDIT_OK(fm_article_apply(a, doc, &err));
    ASSERT_EMITS(doc, "---\nTitle: New\npublishdate: 2025-02-02\n"
                      "lastMod: 2025-02-03T04:05:06+01:00\ntags: \"a b c\"\n"
                      "categories: [a, b]\nx: 1\ndescription: \"D: d\"\nauthors: [c]\n"
                      "---\nbody\n");
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "publishdate")), FM_TIMESTAMP);
    fm_article_free(a);

    /* a word list that gets an item with a blank becomes a list */
    a = article_of(doc);
    static const fm_str t2[] = {{"a b", 3}, {"c", 1}};
    a->tags = (fm_strlist){t2, 2};
    EDIT_OK(fm_article_apply(a, doc, &err));
    ASSERT_EMITS(doc, "---\nTitle: New\npublishdate: 2025-02-02\n"
                      "lastMod: 2025-02-03T04:05:06+01:00\ntags: [a b, c]\n"
                      "categories: [a, b]\nx: 1\ndescription: \"D: d\"\nauthors: [c]\n"
                      "---\nbody\n");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(apply_flips_jekylls_published) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\npublished: false\ntitle: t\n---\n", 0);
    fm_article *a = article_of(doc);
    ck_assert_int_eq(a->draft, FM_TRUE);
    a->draft = FM_FALSE;
    EDIT_OK(fm_article_apply(a, doc, &err));
    ASSERT_EMITS(doc, "---\npublished: true\ntitle: t\n---\n");
    fm_article_free(a);

    a = article_of(doc);
    a->draft = FM_UNSET;
    EDIT_OK(fm_article_apply(a, doc, &err));
    ASSERT_EMITS(doc, "---\ntitle: t\n---\n");
    fm_article_free(a);

    /* a draft key wins over published and is the one that changes */
    fm_doc_free(doc);
    doc = fm_test_parse("---\ndraft: true\npublished: false\n---\n", 0);
    a = article_of(doc);
    a->draft = FM_FALSE;
    EDIT_OK(fm_article_apply(a, doc, &err));
    ASSERT_EMITS(doc, "---\ndraft: false\npublished: false\n---\n");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(apply_unsets_and_adds_keys) {
    fm_error err;
    fm_doc *doc =
        fm_test_parse("---\ntitle: t\nweight: 3\ndraft: no\ntoc: true\n---\nb\n", 0);
    fm_article *a = article_of(doc);
    a->has_weight = 0;
    a->toc = FM_UNSET;
    a->title = (fm_str){NULL, 0};
    a->slug = (fm_str){"s", 1};
    a->expiry_date = (fm_datetime){2030, 1, 1, 0, 0, 0, 0, 0, FM_DT_SET};
    a->mathjax = FM_FALSE;
    EDIT_OK(fm_article_apply(a, doc, &err));
    /* `draft: no` is a string, not a bool: the article left it alone */
    ASSERT_EMITS(
        doc, "---\ndraft: no\nslug: s\nexpiryDate: 2030-01-01\nmathjax: false\n---\nb\n");
    fm_article_free(a);
    fm_doc_free(doc);

    /* an article applied to a document without front matter */
    doc = fm_test_parse("text\n", 0);
    a = article_of(doc);
    a->title = (fm_str){"T", 1};
    a->draft = FM_FALSE;
    EDIT_OK(fm_article_apply(a, doc, &err));
    ASSERT_EMITS(doc, "---\ntitle: T\ndraft: false\n---\ntext\n");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Failed edits                                                          */
/* ===================================================================== */

START_TEST(failed_edits_leave_the_document_untouched) {
    static const char text[] = "---\ntitle: a\ntags: [x]\np:\n  q: 1\n---\nbody\n";
    fm_error err;
    fm_doc *doc = fm_test_parse(text, 0);
    fm_value *v = fm_value_new_int(1);

    /* NULL and empty arguments */
    EDIT_FAILS(doc, fm_doc_set(doc, NULL, v, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_set(doc, "", v, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_set(doc, "title", NULL, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_set_int(doc, NULL, 1, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_set_strings(doc, "tags", NULL, NULL, 2, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_insert_after(doc, "n", NULL, v, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_insert_after(doc, "n", "title", NULL, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_remove(doc, NULL, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_remove(doc, "", &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_rename(doc, NULL, "x", &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_rename(doc, "title", NULL, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_doc_set_body(doc, NULL, 3, &err), FM_ERR_ARG);
    EDIT_FAILS(doc, fm_article_apply(NULL, doc, &err), FM_ERR_ARG);

    /* invalid UTF-8 */
    EDIT_FAILS(doc, fm_doc_set_string(doc, "title", "\xFF", 1, &err), FM_ERR_ENCODING);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "title", "a\xC3", 2, &err), FM_ERR_ENCODING);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "title", "\xED\xA0\x80", 3, &err),
               FM_ERR_ENCODING); /* a UTF-16 surrogate */
    EDIT_FAILS(doc, fm_doc_set_string(doc, "title", "\xC0\xAF", 2, &err),
               FM_ERR_ENCODING); /* overlong */
    static const char *const bad_items[] = {"ok", "\xC3"};
    EDIT_FAILS(doc, fm_doc_set_strings(doc, "tags", bad_items, NULL, 2, &err),
               FM_ERR_ENCODING);
    /* a key or path that is not UTF-8: an encoding error, whatever the edit */
    EDIT_FAILS(doc, fm_doc_set_int(doc, "ti\xFFtle", 1, &err), FM_ERR_ENCODING);
    ck_assert_str_eq(err.message, "the key path is not valid UTF-8");
    EDIT_FAILS(doc, fm_doc_set_int(doc, "p.\xC3", 1, &err), FM_ERR_ENCODING);
    EDIT_FAILS(doc, fm_doc_insert_after(doc, "\xFF", "title", v, &err), FM_ERR_ENCODING);
    EDIT_FAILS(doc, fm_doc_remove(doc, "\xFF", &err), FM_ERR_ENCODING);
    EDIT_FAILS(doc, fm_doc_rename(doc, "\xFF", "x", &err), FM_ERR_ENCODING);
    EDIT_FAILS(doc, fm_doc_rename(doc, "title", "n\xFF", &err), FM_ERR_ENCODING);
    ck_assert_str_eq(err.message, "the new key is not valid UTF-8");

    /* paths that do not fit the document */
    EDIT_FAILS(doc, fm_doc_set_int(doc, "title.x", 1, &err), FM_ERR_TYPE);
    EDIT_FAILS(doc, fm_doc_set_int(doc, "p.q.r", 1, &err), FM_ERR_TYPE);
    EDIT_FAILS(doc, fm_doc_set_int(doc, "tags.1", 1, &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_remove(doc, "missing", &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_remove(doc, "p.missing", &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_remove(doc, "tags.3", &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_rename(doc, "missing", "x", &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_rename(doc, "tags.0", "x", &err), FM_ERR_NOT_FOUND);
    EDIT_FAILS(doc, fm_doc_rename(doc, "title", "tags", &err), FM_ERR_DUPLICATE_KEY);
    EDIT_FAILS(doc, fm_doc_insert_after(doc, "n", "missing", v, &err), FM_ERR_NOT_FOUND);

    /* values that cannot be set */
    fm_datetime bad = {2025, 2, 30, 0, 0, 0, 0, 0, FM_DT_SET};
    EDIT_FAILS(doc, fm_doc_set_datetime(doc, "date", &bad, &err), FM_ERR_DATE);
    bad.flags = 0;
    bad.day = 1;
    EDIT_FAILS(doc, fm_doc_set_datetime(doc, "date", &bad, &err), FM_ERR_DATE);
    fm_value *deep = fm_value_new_sequence(), *cur = deep;
    for (int i = 0; i < FM_DEFAULT_MAX_DEPTH + 4; i++) {
        fm_value *next = fm_value_new_sequence();
        fm_value_append(cur, next);
        cur = next;
    }
    EDIT_FAILS(doc, fm_doc_set(doc, "deep", deep, &err), FM_ERR_TOO_DEEP);
    fm_value_free(deep);

    /* results that pass the document's limits (the caller's: the default
     * key and scalar lengths equal the input limit), with the limit's code */
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_key_length = 8;
    cfg.max_scalar_length = 16;
    fm_doc *small = fm_doc_parse_config(text, strlen(text), &cfg, &err);
    ck_assert_ptr_nonnull(small);
    EDIT_FAILS(small, fm_doc_set_int(small, "kkkkkkkkk", 1, &err), FM_ERR_KEY_TOO_LONG);
    ck_assert_str_eq(err.message,
                     "key of 9 bytes is longer than the limit of 8 (max_key_length)");
    EDIT_FAILS(small, fm_doc_rename(small, "title", "kkkkkkkkk", &err),
               FM_ERR_KEY_TOO_LONG);
    EDIT_FAILS(small, fm_doc_set_string(small, "big", "xxxxxxxxxxxxxxxxx", 17, &err),
               FM_ERR_SCALAR_TOO_LONG);
    EDIT_OK(fm_doc_set_string(small, "big", "xxxxxxxxxxxxxxxx", 16, &err));
    fm_doc_free(small);

    /* a body that would turn the body into front matter, on a document
     * without front matter */
    fm_doc *plain = fm_test_parse("text\n", 0);
    EDIT_FAILS(plain, fm_doc_set_body(plain, "---\na: 1\n---\n", 13, &err), FM_ERR_EMIT);
    EDIT_FAILS(plain, fm_doc_set_body(plain, "---\n", 4, &err), FM_ERR_EMIT);
    EDIT_FAILS(plain, fm_doc_set_body(plain, "{\"a\": 1}\n", 9, &err), FM_ERR_EMIT);
    ASSERT_EMITS(plain, "text\n");
    fm_doc_free(plain);

    ASSERT_EMITS(doc, text);
    fm_value_free(v);
    fm_doc_free(doc);
}
END_TEST

/* A call that must fail with FM_ERR_ARG; `err` must be in scope. */
#define ARG_FAILS(call)                                                                  \
    do {                                                                                 \
        memset(&err, 0, sizeof err);                                                     \
        int rc_ = (call);                                                                \
        ck_assert_msg(rc_ == -1 && err.code == FM_ERR_ARG, "%s: %d, %s", #call, rc_,     \
                      fm_code_name(err.code));                                           \
    } while (0)

START_TEST(a_null_document_is_an_argument_error) {
    fm_error err;
    fm_value *v = fm_value_new_int(1);
    static const char *const items[] = {"a"};
    ARG_FAILS(fm_doc_set(NULL, "a", v, &err));
    ARG_FAILS(fm_doc_set_string(NULL, "a", "x", 1, &err));
    ARG_FAILS(fm_doc_set_int(NULL, "a", 1, &err));
    ARG_FAILS(fm_doc_set_float(NULL, "a", 1, &err));
    ARG_FAILS(fm_doc_set_bool(NULL, "a", 1, &err));
    ARG_FAILS(fm_doc_set_null(NULL, "a", &err));
    ARG_FAILS(fm_doc_set_strings(NULL, "a", items, NULL, 1, &err));
    ARG_FAILS(fm_doc_insert_after(NULL, "a", "b", v, &err));
    ARG_FAILS(fm_doc_remove(NULL, "a", &err));
    ARG_FAILS(fm_doc_rename(NULL, "a", "b", &err));
    ARG_FAILS(fm_doc_set_body(NULL, "x", 1, &err));
    ARG_FAILS(fm_doc_emit_buffer(NULL, NULL, 0, NULL, &err));
    ARG_FAILS(fm_doc_emit_file(NULL, stdout, &err));
    ARG_FAILS(fm_doc_emit_fd(NULL, 1, &err));
    ARG_FAILS(fm_doc_save(NULL, "/tmp/x", &err));
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(fm_doc_emit(NULL, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);

    fm_doc *doc = fm_test_parse("---\na: 1\n---\n", 0);
    ARG_FAILS(fm_doc_emit_file(doc, NULL, &err));
    ARG_FAILS(fm_doc_emit_fd(doc, -1, &err));
    char buf[4];
    ARG_FAILS(fm_doc_emit_buffer(doc, NULL, sizeof buf, NULL, &err));
    ARG_FAILS(fm_article_apply(NULL, doc, &err));
    fm_article *a = article_of(doc);
    ARG_FAILS(fm_article_apply(a, NULL, &err));
    fm_article_free(a);
    /* err may be NULL */
    ck_assert_int_eq(fm_doc_set_int(doc, "a.b", 1, NULL), -1);
    ck_assert_int_eq(fm_doc_set_int(doc, "a", 2, NULL), 0);
    ASSERT_EMITS(doc, "---\na: 2\n---\n");
#if 1
    /* (fixed) BUG 4: a NULL item with a length is read as that many bytes of "" (an
     * out-of-bounds read) instead of failing with FM_ERR_ARG; a NULL string
     * with a length gives FM_ERR_ENCODING. */
    static const char *const null_item[] = {NULL};
    static const size_t five[] = {5};
    ARG_FAILS(fm_doc_set_strings(doc, "a", null_item, five, 1, &err));
    ARG_FAILS(fm_doc_set_string(doc, "a", NULL, 3, &err));
#endif
    fm_doc_free(doc);
    fm_value_free(v);
}
END_TEST

START_TEST(write_failures_are_io_errors) {
    fm_error err;
    fm_doc *doc = fm_test_parse("---\na: 1\n---\n", 0);
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_doc_emit_fd(doc, fds[0], &err), -1); /* the read end */
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_msg(strstr(err.message, "Bad file descriptor") != NULL, "%s", err.message);
    close(fds[0]);
    close(fds[1]);
    FILE *fp = tmpfile();
    FILE *ro = fdopen(dup(fileno(fp)), "r");
    ck_assert_ptr_nonnull(ro);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_doc_emit_file(doc, ro, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_IO);
    fclose(ro);
    fclose(fp);
    fm_doc_free(doc);
}
END_TEST

static Suite *edit_suite(void) {
    Suite *s = suite_create("edit");
    TCase *t = tcase_create("round trip");
    tcase_add_loop_test(t, unedited_documents_emit_their_input, 0,
                        (int)COUNT(round_trips));
    tcase_add_test(t, the_sample_article_emits_its_file);
    suite_add_tcase(s, t);
    t = tcase_create("generated values");
    tcase_set_timeout(t, 60); /* well under 10 s; valgrind is much slower */
    tcase_add_test(t, generated_strings_read_back_exactly);
    tcase_add_loop_test(t, generated_typed_values_read_back_exactly, 0,
                        (int)COUNT(typed_cases));
    suite_add_tcase(s, t);
    t = tcase_create("scalars and lists");
    tcase_add_test(t, a_changed_scalar_keeps_its_style);
    tcase_add_test(t, what_some_reader_types_is_quoted);
    tcase_add_test(t, plain_text_is_decided_byte_by_byte);
    tcase_add_test(t, a_key_some_reader_types_is_quoted);
    tcase_add_test(t, typed_values_are_written_as_every_reader_types_them);
    tcase_add_test(t, a_trailing_comment_stays_after_the_new_value);
    tcase_add_test(t, block_scalars_stay_block_scalars);
    tcase_add_test(t, an_edit_back_to_the_loaded_value_reuses_its_bytes);
    tcase_add_test(t, strings_of_any_length_are_set_alike);
    tcase_add_test(t, a_block_list_keeps_its_indentation_and_quoting);
    tcase_add_test(t, a_flow_list_stays_flow);
    suite_add_tcase(s, t);
    t = tcase_create("new keys");
    tcase_add_test(t, a_new_key_follows_the_blocks_habits);
    tcase_add_test(t, new_keys_in_the_sample_article_are_double_quoted);
    tcase_add_test(t, a_new_document_gets_canonical_front_matter);
    tcase_add_test(t, crlf_bom_and_dots_fence_are_kept);
    tcase_add_test(t, a_document_without_front_matter_gets_a_block);
    tcase_add_test(t, a_null_value_becomes_the_mapping_a_path_needs);
    suite_add_tcase(s, t);
    t = tcase_create("structure");
    tcase_add_test(t, json_front_matter_keeps_json_syntax);
    tcase_add_test(t, json_has_no_inf_or_nan);
    tcase_add_test(t, remove_takes_out_the_lines_of_a_key);
    tcase_add_test(t, rename_changes_only_the_key);
    tcase_add_test(t, insert_after_places_the_new_key);
    tcase_add_test(t, insert_after_every_line_break);
    tcase_add_test(t, remove_after_every_line_break);
    tcase_add_test(t, set_body_leaves_the_front_matter);
    tcase_add_test(t, setting_below_a_scalar_is_a_type_error);
    tcase_add_test(t, an_anchored_value_keeps_its_anchor);
    tcase_add_test(t, an_anchored_value_can_change);
    tcase_add_test(t, a_value_from_another_document_can_be_set);
    suite_add_tcase(s, t);
    t = tcase_create("apply");
    tcase_add_test(t, apply_changes_only_the_lines_of_changed_fields);
    tcase_add_test(t, apply_keeps_the_spelling_of_keys);
    tcase_add_test(t, apply_flips_jekylls_published);
    tcase_add_test(t, apply_unsets_and_adds_keys);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_add_test(t, failed_edits_leave_the_document_untouched);
    tcase_add_test(t, a_null_document_is_an_argument_error);
    tcase_add_test(t, write_failures_are_io_errors);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(edit_suite());
}
