/* SPDX-License-Identifier: MIT */
/* check_splice.c - the cheap commit of an edit (lib/splice_local.c): the
 * exact bytes and spans after one-line sets done in place or in a copy, the
 * cases that must go the full way, failures, and the tree after each edit
 * against a fresh load (the sample article, tests/data, the shared corpus). */
#include <dirent.h>
#include <stdlib.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "private.h" /* linked with the library's objects: which way an edit went */
#include "readfile.h"
#include "testutil.h"
#include "treecmp.h"
#include "edit_asserts.h"

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

/* How the last edit was committed. */
typedef enum way { UNCHANGED, FULL, IN_PLACE, IN_COPY } way;

typedef struct tracker {
    const fmp_snap *snap;
    unsigned local_edits;
} tracker;

static tracker track(const fm_doc *doc) {
    return (tracker){doc->snap, doc->snap->local_edits};
}

static way went(const fm_doc *doc, tracker before) {
    if (doc->snap == before.snap)
        return doc->snap->local_edits == before.local_edits + 1 ? IN_PLACE : UNCHANGED;
    return doc->snap->local_copy ? IN_COPY : FULL;
}

/* The document is what a fresh load of its text gives: parts, tree, spans
 * and the private fields of every node. */
static void assert_as_reloaded(const fm_doc *doc, unsigned options) {
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    fm_error err;
    fm_doc *again = fm_doc_parse(text, len, options, &err);
    ck_assert_msg(again != NULL, "the edited text does not load: %s", err.message);
    char why[1024];
    ck_assert_msg(fm_tree_diff(fm_doc_root(doc), fm_doc_root(again), why, sizeof why) == 0,
                  "edited tree vs fresh load of \"%s\": %s", esc(text, len), why);
    const fm_parts *p = fm_doc_parts(doc), *q = fm_doc_parts(again);
    ck_assert_uint_eq(p->format, q->format);
    ck_assert_uint_eq(p->front_len, q->front_len);
    ck_assert_uint_eq(p->front_line, q->front_line);
    ck_assert_uint_eq(p->body_line, q->body_line);
    ck_assert_uint_eq(p->body_len, q->body_len);
    ck_assert_uint_eq(fm_doc_body_offset(doc), fm_doc_body_offset(again));
    /* The parts hold the bytes of the text at their offsets (after an edit
     * of a document loaded with FM_OPT_BORROW, fm_doc_text is a copy and the
     * body is still in the input: check_borrow.c pins where they are). */
    ck_assert_mem_eq(p->body, text + fm_doc_body_offset(doc), p->body_len);
    ck_assert_mem_eq(p->front,
                     text + (fm_doc_body_offset(again) - q->close_fence_len - q->front_len),
                     p->front_len);
    fm_doc_free(again);
}

#define ASSERT_SPAN(v, off, len, ln, col, eln, ecol) \
    assert_span(__LINE__, v, off, len, ln, col, eln, ecol)

static void assert_span(int at, const fm_value *v, size_t off, size_t len, unsigned ln,
                        unsigned col, unsigned eln, unsigned ecol) {
    ck_assert_msg(v != NULL, "line %d: no value", at);
    fm_span s = fm_value_span(v);
    ck_assert_msg(s.offset == off && s.length == len && s.line == ln && s.column == col &&
                      s.end_line == eln && s.end_column == ecol,
                  "line %d: span %zu+%zu %u:%u-%u:%u, expected %zu+%zu %u:%u-%u:%u", at,
                  s.offset, s.length, s.line, s.column, s.end_line, s.end_column, off, len,
                  ln, col, eln, ecol);
}

/* The key of pair `key` of the mapping at path (NULL: the root). */
static const fm_value *key_of(const fm_doc *doc, const char *path, const char *key) {
    const fm_value *m = path ? fm_doc_get(doc, path) : fm_doc_root(doc);
    for (size_t i = 0; m && i < fm_value_size(m); i++) {
        size_t len;
        const char *k = fm_value_key_text(m, i, &len);
        if (len == strlen(key) && memcmp(k, key, len) == 0)
            return fm_value_key_at(m, i);
    }
    return NULL;
}

/* One string set that must succeed and go `want`; the exact text after. */
static fm_doc *set_went(fm_doc *doc, const char *path, const char *value, way want,
                        const char *expect) {
    fm_error err;
    tracker t = track(doc);
    EDIT_OK(fm_doc_set_string(doc, path, value, strlen(value), &err));
    way got = went(doc, t);
    ck_assert_msg(got == want, "set %s = \"%s\": went way %d, expected %d", path, value,
                  (int)got, (int)want);
    ASSERT_EMITS(doc, expect);
    assert_as_reloaded(doc, 0);
    return doc;
}

/* ===================================================================== */
/* Cheap edits: bytes and spans                                          */
/* ===================================================================== */

static const char doc1[] = "---\n"
                           "title: \"Old\"\n"
                           "nested:\n"
                           "  name: Zo\xc3\xab\n"
                           "  last: x\n"
                           "date: 2020-01-01\n"
                           "tags: [a, b]\n"
                           "---\n"
                           "Body ---\n";

static const char doc1_title[] = "---\n"
                                 "title: \"A new title\"\n"
                                 "nested:\n"
                                 "  name: Zo\xc3\xab\n"
                                 "  last: x\n"
                                 "date: 2020-01-01\n"
                                 "tags: [a, b]\n"
                                 "---\n"
                                 "Body ---\n";

/* The spans of doc1_title, every key after the edited one moved 8 bytes. */
static void assert_doc1_title_spans(const fm_doc *doc) {
    ASSERT_SPAN(fm_doc_get(doc, "title"), 11, 13, 2, 8, 2, 21);
    ASSERT_SPAN(key_of(doc, NULL, "nested"), 25, 6, 3, 1, 3, 7);
    ASSERT_SPAN(key_of(doc, "nested", "name"), 35, 4, 4, 3, 4, 7);
    ASSERT_SPAN(fm_doc_get(doc, "nested.name"), 41, 4, 4, 9, 4, 12);
    ASSERT_SPAN(key_of(doc, "nested", "last"), 48, 4, 5, 3, 5, 7);
    ASSERT_SPAN(fm_doc_get(doc, "nested.last"), 54, 1, 5, 9, 5, 10);
    ASSERT_SPAN(key_of(doc, NULL, "date"), 56, 4, 6, 1, 6, 5);
    ASSERT_SPAN(fm_doc_get(doc, "date"), 62, 10, 6, 7, 6, 17);
    ASSERT_SPAN(key_of(doc, NULL, "tags"), 73, 4, 7, 1, 7, 5);
    ASSERT_SPAN(fm_doc_get(doc, "tags"), 79, 6, 7, 7, 7, 13);
    ASSERT_SPAN(fm_doc_get(doc, "tags.1"), 83, 1, 7, 11, 7, 12);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 90);
    ck_assert_uint_eq(fm_doc_body_line(doc), 9);
    ck_assert_uint_eq(fm_doc_parts(doc)->front_len, 82);
}

START_TEST(a_first_key_set_in_place_moves_every_later_span) {
    fm_doc *doc = fm_test_parse(doc1, FM_OPT_BORROW);
    set_went(doc, "title", "A new title", IN_PLACE, doc1_title);
    assert_doc1_title_spans(doc);
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_first_key_set_in_a_copy_moves_every_later_span) {
    /* Without FM_OPT_BORROW the document keeps its snapshot as loaded (an
     * edit back to a loaded value reuses its bytes): the tree is copied. */
    fm_doc *doc = fm_test_parse(doc1, 0);
    set_went(doc, "title", "A new title", IN_COPY, doc1_title);
    assert_doc1_title_spans(doc);
    /* The next edit finds the snapshot held by the document alone. */
    set_went(doc, "date", "2021-12-31", IN_PLACE,
             "---\ntitle: \"A new title\"\nnested:\n  name: Zo\xc3\xab\n  last: x\n"
             "date: \"2021-12-31\"\ntags: [a, b]\n---\nBody ---\n");
    ASSERT_SPAN(fm_doc_get(doc, "date"), 62, 12, 6, 7, 6, 19);
    ASSERT_SPAN(key_of(doc, NULL, "tags"), 75, 4, 7, 1, 7, 5);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 92);
    fm_doc_free(doc);
}
END_TEST

/* A shorter value moves every later node back, down to the scalars of a
 * flow list in a mapping in a block list (columns stay on later lines). */
START_TEST(a_shorter_value_moves_nested_collections_back) {
    fm_doc *doc = fm_test_parse("---\ntitle: A rather long title\nauthors:\n  - name: A\n"
                                "    tags: [x, y]\n  - name: B\nlast: 1\n---\nbody\n",
                                FM_OPT_BORROW);
    set_went(doc, "title", "T", IN_PLACE,
             "---\ntitle: T\nauthors:\n  - name: A\n    tags: [x, y]\n  - name: B\n"
             "last: 1\n---\nbody\n");
    ASSERT_SPAN(fm_doc_get(doc, "title"), 11, 1, 2, 8, 2, 9);
    ASSERT_SPAN(fm_doc_get(doc, "authors.0.tags"), 44, 6, 5, 11, 5, 17);
    ASSERT_SPAN(fm_doc_get(doc, "authors.0.tags.1"), 48, 1, 5, 15, 5, 16);
    ASSERT_SPAN(fm_doc_get(doc, "authors.1.name"), 61, 1, 6, 11, 6, 12);
    ASSERT_SPAN(key_of(doc, NULL, "last"), 63, 4, 7, 1, 7, 5);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 75);
    fm_doc_free(doc);
}
END_TEST

START_TEST(the_last_key_of_a_nested_mapping_moves_its_end) {
    fm_doc *doc = fm_test_parse(doc1, FM_OPT_BORROW);
    /* 4 characters in 7 bytes for 1: the value ends 3 columns and 6 bytes
     * later, the mapping (at the start of the next line) and the next key
     * 6 bytes later. */
    set_went(doc, "nested.last", "\xc3\x9c\xc3\xb1\xc3\xaf!", IN_PLACE,
             "---\ntitle: \"Old\"\nnested:\n  name: Zo\xc3\xab\n"
             "  last: \xc3\x9c\xc3\xb1\xc3\xaf!\ndate: 2020-01-01\ntags: [a, b]\n---\n"
             "Body ---\n");
    ASSERT_SPAN(fm_doc_get(doc, "nested.last"), 46, 7, 5, 9, 5, 13);
    ASSERT_SPAN(fm_doc_get(doc, "nested"), 27, 27, 4, 3, 6, 1);
    ASSERT_SPAN(key_of(doc, NULL, "date"), 54, 4, 6, 1, 6, 5);
    ASSERT_SPAN(fm_doc_get(doc, "tags.0"), 78, 1, 7, 8, 7, 9);
    fm_doc_free(doc);
}
END_TEST

START_TEST(the_last_key_of_the_block_and_a_shorter_value) {
    fm_doc *doc = fm_test_parse("---\na: 1\nb: some long text\n---\n", FM_OPT_BORROW);
    set_went(doc, "b", "s", IN_PLACE, "---\na: 1\nb: s\n---\n");
    ASSERT_SPAN(fm_doc_get(doc, "b"), 12, 1, 3, 4, 3, 5);
    ASSERT_SPAN(fm_doc_root(doc), 4, 10, 2, 1, 4, 1);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 18);
    ck_assert_uint_eq(fm_doc_body_line(doc), 5);
    fm_doc_free(doc);
}
END_TEST

/* Keys that share their first bytes: the set finds its own pair (the one
 * edit.c located) and re-reads that line alone. */
START_TEST(keys_that_share_their_first_bytes) {
    static const char in[] = "---\nt: 1\ntag: x\ntags: y\ntitle: Old\n---\nbody\n";
    fm_doc *doc = fm_test_parse(in, FM_OPT_BORROW);
    set_went(doc, "tags", "z z", IN_PLACE,
             "---\nt: 1\ntag: x\ntags: z z\ntitle: Old\n---\nbody\n");
    ASSERT_SPAN(fm_doc_get(doc, "tags"), 22, 3, 4, 7, 4, 10);
    ASSERT_SPAN(fm_doc_get(doc, "tag"), 14, 1, 3, 6, 3, 7);
    ASSERT_SPAN(key_of(doc, NULL, "title"), 26, 5, 5, 1, 5, 6);
    set_went(doc, "t", "one", IN_PLACE,
             "---\nt: one\ntag: x\ntags: z z\ntitle: Old\n---\nbody\n");
    ASSERT_SPAN(fm_doc_get(doc, "t"), 7, 3, 2, 4, 2, 7);
    ASSERT_SPAN(fm_doc_get(doc, "title"), 35, 3, 5, 8, 5, 11);
    fm_doc_free(doc);
}
END_TEST

/* The empty key (a quoted "" in the path): found by its length alone. */
START_TEST(the_empty_key) {
    fm_doc *doc = fm_test_parse("---\n\"\": x\nb: y\n---\nbody\n", FM_OPT_BORROW);
    set_went(doc, "\"\"", "new", IN_PLACE, "---\n\"\": new\nb: y\n---\nbody\n");
    ASSERT_SPAN(fm_doc_get(doc, "\"\""), 8, 3, 2, 5, 2, 8);
    ASSERT_SPAN(fm_doc_get(doc, "b"), 15, 1, 3, 4, 3, 5);
    fm_doc_free(doc);
}
END_TEST

START_TEST(crlf_lines_keep_their_breaks) {
    fm_doc *doc = fm_test_parse("---\r\na: x\r\nb: 'y'\r\n---\r\nbody\r\n", FM_OPT_BORROW);
    set_went(doc, "a", "longer", IN_PLACE, "---\r\na: longer\r\nb: 'y'\r\n---\r\nbody\r\n");
    ASSERT_SPAN(key_of(doc, NULL, "b"), 16, 1, 3, 1, 3, 2);
    ASSERT_SPAN(fm_doc_get(doc, "b"), 19, 3, 3, 4, 3, 7);
    fm_doc_free(doc);
}
END_TEST

START_TEST(many_edits_in_place_then_a_copy_drops_the_old_values) {
    fm_doc *doc = fm_test_parse("---\nn: 0\nm: end\n---\n", FM_OPT_BORROW);
    fm_error err;
    for (int i = 1; i <= 40; i++) {
        char v[16];
        snprintf(v, sizeof v, "v%d", i);
        tracker t = track(doc);
        EDIT_OK(fm_doc_set_string(doc, "n", v, strlen(v), &err));
        /* 32 in place, then a copy resets the count. */
        ck_assert_int_eq(went(doc, t), i == 33 ? IN_COPY : IN_PLACE);
        assert_as_reloaded(doc, 0);
    }
    ASSERT_EMITS(doc, "---\nn: v40\nm: end\n---\n");
    ASSERT_SPAN(fm_doc_get(doc, "m"), 14, 3, 3, 4, 3, 7);
    fm_doc_free(doc);
}
END_TEST

START_TEST(an_article_keeps_its_values_through_a_cheap_edit) {
    fm_doc *doc = fm_test_parse("---\ntitle: Old\ndraft: false\n---\n", FM_OPT_BORROW);
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    ck_assert_ptr_nonnull(a);
    /* The article holds the snapshot: the edit goes to a copy. */
    set_went(doc, "title", "New", IN_COPY, "---\ntitle: New\ndraft: false\n---\n");
    ck_assert_uint_eq(a->title.len, 3);
    ck_assert_mem_eq(a->title.ptr, "Old", 3);
    fm_article_free(a);
    set_went(doc, "title", "Newer", IN_PLACE, "---\ntitle: Newer\ndraft: false\n---\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_line_count_change_then_a_cheap_edit) {
    /* A value that becomes a block list goes the full way and moves later
     * lines down; the cheap edit after it counts from there. */
    fm_doc *doc = fm_test_parse("---\ntext: one\nafter: x\n---\n", FM_OPT_BORROW);
    fm_error err;
    const char *items[] = {"p", "q"};
    tracker t = track(doc);
    EDIT_OK(fm_doc_set_strings(doc, "text", items, NULL, 2, &err));
    ck_assert_int_eq(went(doc, t), FULL);
    ASSERT_EMITS(doc, "---\ntext:\n  - p\n  - q\nafter: x\n---\n");
    ASSERT_SPAN(key_of(doc, NULL, "after"), 22, 5, 5, 1, 5, 6);
    set_went(doc, "after", "yz", IN_PLACE, "---\ntext:\n  - p\n  - q\nafter: yz\n---\n");
    ASSERT_SPAN(fm_doc_get(doc, "after"), 29, 2, 5, 8, 5, 10);
    ASSERT_SPAN(fm_doc_get(doc, "text.1"), 20, 1, 4, 5, 4, 6);
    ck_assert_uint_eq(fm_doc_body_line(doc), 7);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* The line read again: the fast loader's lean way, or the whole way     */
/* ===================================================================== */

/* An edited line (`now`) whose old text was `was`: what the lean way
 * (fmp_load_fast_line) does with it (0 read, 1 left to the whole way), and
 * whether the whole way (a fresh load of the edited text) reads a pair
 * of the same key. */
typedef struct reread_case {
    const char *was, *now;
    int lean;
    bool whole;
} reread_case;

static const reread_case reread_cases[] = {
    {"title: x", "title: A new title", 0, true},
    {"title: x", "title: \"A new title\"", 0, true},
    {"title: x", "title: 'it''s'", 0, true},
    {"t: x", "t: \"e\\u00e9 \\\"q\\\" \\t\"", 0, true},
    {"n: x", "n: 12", 0, true},
    {"n: x", "n: -1.5e3", 0, true},
    {"b: x", "b: true", 0, true},
    {"b: x", "b: FALSE", 0, true},
    {"d: x", "d: 2024-05-06", 0, true},
    {"d: x", "d: 2024-05-06T10:20:30Z", 0, true},
    {"z: x", "z: ~", 0, true},
    {"z: x", "z: null", 0, true},
    {"u: x", "u: Zo\xc3\xab \xe2\x9c\x93 ok", 0, true},
    {"\xc3\xa9t\xc3\xa9: x", "\xc3\xa9t\xc3\xa9: \xc3\xa0 la plage", 0, true},
    {"12: x", "12: twelve", 0, true},
    {"true: x", "true: yes", 0, true},
    {"a: x", "a: x # a comment", 0, true},
    {"a: x", "a: 'q'   # a comment", 0, true},
    {"a: x", "a:    spaced", 0, true},
    {"a: x", "a: -dash", 0, true},
    {"a: x", "a: x:y", 0, true},
    {"url: x", "url: http://a.b/c#d", 0, true},
    /* what the lean way leaves to the whole way */
    {"\"my key\": x", "\"my key\": z", 1, true},
    {"'k': x", "'k': z", 1, true},
    {"a : x", "a : z", 1, true},
    {"-a: x", "-a: z", 1, true},
    {"a: x", "a: [x, y]", 1, true},
    {"a: x", "a: {b: c}", 1, true},
    {"a: x", "a: |", 1, true},
    {"a: x", "a: >-", 1, true},
    {"a: x", "a:", 1, true},
    {"a: x", "a: # only a comment", 1, true},
    {"a: x", "a: &an v", 1, true},
    {"a: x", "a: !!str v", 1, true},
    {"a: x", "a: *an", 1, false},
    {"a: x", "a: b: c", 1, false},
    {"a: x", "a: \"unclosed", 1, false},
    {"a: x", "a: 'x' y", 1, false},
    {"a: x", "a: \"\\q\"", 1, false},
    {"a: x", "a: x\ty", 1, true},
    {"a: x", "a: - item", 1, false},
    {"a: x", "a: @at", 1, false},
    {"a: x", "b: z", 1, false},
    {"ab: x", "a: z", 1, false},
};

/* The whole way, as a fresh load of the edited text: its block is the
 * line alone (and its break), as the line re-read alone is. *value is the
 * value of its one pair when that pair's key is key (text, type, place). */
static fm_doc *reread_whole(const char *text, size_t len, const fm_value *key,
                            const fm_value **value) {
    fm_doc *d = fm_doc_parse(text, len, 0, NULL);
    const fm_value *root = d ? fm_doc_root(d) : NULL;
    *value = NULL;
    if (!root || root->type != FM_MAPPING || root->count != 1)
        return d;
    const fm_value *k = fmp_map_key(root, 0);
    if (k->type == key->type && k->text_len == key->text_len &&
        memcmp(k->text, key->text, k->text_len) == 0 && k->start == key->start)
        *value = fmp_map_val(root, 0);
    return d;
}

/* "---\n" line "\n---\nbody\n", and where the line ends. */
static char *line_doc(const char *line, size_t *len, size_t *end) {
    *len = strlen(line) + 14;
    char *t = malloc(*len + 1);
    ck_assert_ptr_nonnull(t);
    snprintf(t, *len + 1, "---\n%s\n---\nbody\n", line);
    *end = strlen(line) + 5;
    return t;
}

START_TEST(the_lean_way_reads_what_the_whole_way_reads) {
    const reread_case *c = &reread_cases[_i];
    size_t len, end;
    char *was = line_doc(c->was, &len, &end);
    fm_doc *doc = fm_test_parse(was, 0);
    const fm_value *key = fmp_map_key(fm_doc_root(doc), 0);
    char *now = line_doc(c->now, &len, &end);
    fm_value *lean = NULL;
    int rc = fmp_load_fast_line(doc->snap, &doc->cfg, now, len, key->start, end,
                                key->line, key, &lean);
    ck_assert_msg(rc == c->lean, "\"%s\": the lean way returns %d",
                  esc(c->now, strlen(c->now)), rc);
    if (rc != 0)
        ck_assert_ptr_null(lean);
    const fm_value *whole;
    fm_doc *again = reread_whole(now, len, key, &whole);
    ck_assert_msg(!whole == !c->whole, "\"%s\": the whole way reads %s",
                  esc(c->now, strlen(c->now)), whole ? "a pair" : "no pair");
    if (rc == 0) {
        char why[1024];
        ck_assert_ptr_nonnull(lean);
        ck_assert_msg(fm_tree_diff(lean, whole, why, sizeof why) == 0, "\"%s\": %s",
                      esc(c->now, strlen(c->now)), why);
    }
    /* Through libyaml alone, the lean way never reads. */
    fm_config cfg = doc->cfg;
    cfg.options |= FM_OPT_NO_FAST_PATH;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, key->start, end,
                                        key->line, key, &lean),
                     1);
    fm_doc_free(doc);
    fm_doc_free(again);
    free(was);
    free(now);
}
END_TEST

/* The value the lean way reads, field by field: its spans count from the
 * key (here at column 3, as a nested key's), in characters. */
START_TEST(the_lean_way_pins_its_value) {
    static const char was[] = "---\nm:\n  k: x\n---\n";
    static const char now[] = "---\nm:\n  k: \"\xc3\xa9t\xc3\xa9 \\u00e0\" # c\n---\n";
    fm_doc *doc = fm_test_parse(was, 0);
    const fm_value *key = fmp_map_key(fm_doc_get(doc, "m"), 0);
    ck_assert_uint_eq(key->start, 9);
    fm_value *v = NULL;
    size_t len = strlen(now), end = fmp_after_line(now, len, 9);
    ck_assert_uint_eq(end, 31);
    ck_assert_int_eq(
        fmp_load_fast_line(doc->snap, &doc->cfg, now, len, 9, end, 3, key, &v), 0);
    ck_assert_int_eq(v->type, FM_STRING);
    ck_assert_int_eq(v->style, FM_STYLE_DOUBLE_QUOTED);
    ck_assert_uint_eq(v->text_len, 8);
    ck_assert_mem_eq(v->text, "\xc3\xa9t\xc3\xa9 \xc3\xa0\0", 9);
    ck_assert_uint_eq(v->start, 12);
    ck_assert_uint_eq(v->end, 26);
    ck_assert_uint_eq(v->line, 3);
    ck_assert_uint_eq(v->end_line, 3);
    ck_assert_uint_eq(v->column, 4);
    ck_assert_uint_eq(v->end_column, 16);
    ck_assert_ptr_null(v->tag);
    ck_assert_ptr_null(v->anchor);
    ck_assert_uint_eq(v->weight, 1);
    ck_assert_uint_eq(v->flags, 0);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* A rendered string's node, known without reading it again             */
/* ===================================================================== */

/* A string's text and the one-line rendering given for it; `style` the
 * node's (FM_STYLE_ANY: fmp_rendered_string must refuse it). */
typedef struct rendered_case {
    const char *text, *rendering;
    fm_style style;
} rendered_case;

static const rendered_case rendered_cases[] = {
    {"A new title", "A new title", FM_STYLE_PLAIN},
    {"\xc3\xa9t\xc3\xa9 \xe2\x9c\x93", "\xc3\xa9t\xc3\xa9 \xe2\x9c\x93", FM_STYLE_PLAIN},
    {"x: y", "\"x: y\"", FM_STYLE_DOUBLE_QUOTED},
    {"#tag", "'#tag'", FM_STYLE_SINGLE_QUOTED},
    {"", "\"\"", FM_STYLE_DOUBLE_QUOTED},
    {"", "''", FM_STYLE_SINGLE_QUOTED},
    {"a'b", "\"a'b\"", FM_STYLE_DOUBLE_QUOTED},
    {"a\"b", "'a\"b'", FM_STYLE_SINGLE_QUOTED},
    {" \xc3\xa0 ", "' \xc3\xa0 '", FM_STYLE_SINGLE_QUOTED},
    /* what a load would not read back as the text */
    {"a\"b", "\"a\\\"b\"", FM_STYLE_ANY},  /* escaped */
    {"it's", "'it''s'", FM_STYLE_ANY},     /* doubled */
    {"a\\b", "\"a\\b\"", FM_STYLE_ANY},    /* a backslash between double quotes */
    {"a'b", "'a'b'", FM_STYLE_ANY},        /* a quote inside its quotes */
    {"a\"b", "\"a\"b\"", FM_STYLE_ANY},
    {"abc", "\"abc'", FM_STYLE_ANY},       /* quotes that differ */
    {"abc", "abd", FM_STYLE_ANY},          /* not the text */
    {"abc", "(abc)", FM_STYLE_ANY},
    {"abc", "abc ", FM_STYLE_ANY},
};

/* fmp_rendered_string's node is, field by field, the value a fresh load of
 * `key: rendering` gives (at offset 9, line 2, column 6); or it refuses. */
START_TEST(a_rendered_string_is_the_node_a_load_gives) {
    const rendered_case *rc = &rendered_cases[_i];
    fm_doc *doc = fm_test_parse("---\nk: v\n---\n", 0);
    fm_value *want = fm_value_new_string(rc->text, strlen(rc->text), NULL);
    fmp_buf repl;
    fmp_buf_init(&repl, &doc->al);
    fmp_buf_puts(&repl, rc->rendering);
    fm_value *got =
        fmp_rendered_string(&doc->snap->arena, &repl, want, SIZE_MAX, 9, 2, 6);
    if (rc->style == FM_STYLE_ANY) {
        ck_assert_msg(got == NULL, "'%s' as '%s': not refused", rc->text, rc->rendering);
    } else {
        char text[256], why[1024];
        snprintf(text, sizeof text, "---\nkey: %s\n---\n", rc->rendering);
        fm_doc *loaded = fm_test_parse(text, 0);
        const fm_value *v = fm_doc_get(loaded, "key");
        ck_assert_ptr_nonnull(got);
        ck_assert_int_eq(got->style, rc->style);
        ck_assert_msg(fm_tree_diff(got, v, why, sizeof why) == 0, "'%s': %s",
                      rc->rendering, why);
        fm_doc_free(loaded);
    }
    fmp_buf_free(&repl);
    fm_value_free(want);
    fm_doc_free(doc);
}
END_TEST

/* The exact node: spans in characters, the text copied after it. */
START_TEST(a_rendered_string_pins_its_node) {
    static const char r[] = "'\xc3\xa9t\xc3\xa9 \xe2\x9c\x93'";
    fm_doc *doc = fm_test_parse("---\nk: v\n---\n", 0);
    fm_value *want = fm_value_new_string(r + 1, sizeof r - 3, NULL);
    fmp_buf repl;
    fmp_buf_init(&repl, &doc->al);
    fmp_buf_puts(&repl, r);
    fm_value *v = fmp_rendered_string(&doc->snap->arena, &repl, want, 100, 12, 3, 4);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->type, FM_STRING);
    ck_assert_int_eq(v->style, FM_STYLE_SINGLE_QUOTED);
    ck_assert_uint_eq(v->text_len, 9);
    ck_assert_mem_eq(v->text, "\xc3\xa9t\xc3\xa9 \xe2\x9c\x93\0", 10);
    ck_assert_ptr_ne(v->text, want->text);
    ck_assert_uint_eq(v->start, 12);
    ck_assert_uint_eq(v->end, 23);
    ck_assert_uint_eq(v->line, 3);
    ck_assert_uint_eq(v->end_line, 3);
    ck_assert_uint_eq(v->column, 4);
    ck_assert_uint_eq(v->end_column, 11);
    ck_assert_ptr_null(v->tag);
    ck_assert_ptr_null(v->anchor);
    ck_assert_uint_eq(v->weight, 1);
    ck_assert_uint_eq(v->flags, 0);
    ck_assert_uint_eq(v->count, 0);
    /* Longer than max_scalar_length (the whole way fails on it), or not a
     * string: refused. */
    ck_assert_ptr_null(fmp_rendered_string(&doc->snap->arena, &repl, want, 8, 12, 3, 4));
    ck_assert_ptr_nonnull(fmp_rendered_string(&doc->snap->arena, &repl, want, 9, 12, 3, 4));
    fm_value *i = fm_value_new_int(12);
    fmp_buf_clear(&repl);
    fmp_buf_puts(&repl, "12");
    ck_assert_ptr_null(fmp_rendered_string(&doc->snap->arena, &repl, i, 100, 12, 3, 4));
    fmp_buf_clear(&repl);
    ck_assert_ptr_null(fmp_rendered_string(&doc->snap->arena, &repl, want, 100, 12, 3, 4));
    fm_value_free(i);
    fmp_buf_free(&repl);
    fm_value_free(want);
    fm_doc_free(doc);
}
END_TEST

/* A set commits a rendered string without reading its line again: given
 * `12` as the rendering of the string "12" (which the renderer never
 * writes bare: a load reads it as an int), the rendered way takes the
 * planner's word and the line read again refuses it. */
START_TEST(a_rendered_string_is_not_read_again) {
    static const char text[] = "---\ntitle: old\nn: 1\n---\nbody\n";
    for (int rendered = 0; rendered <= 1; rendered++) {
        fm_doc *doc = fm_test_parse(text, 0);
        fm_value *want = fm_value_new_string("12", 2, NULL);
        fm_path_step step = {"title", 5, 0};
        fmp_check c = {.kind = FMP_CHECK_SET, .steps = &step, .nsteps = 1,
                       .value = want, .at_in = fm_doc_root(doc), .at = 0};
        fmp_buf repl;
        fmp_buf_init(&repl, &doc->al);
        fmp_buf_puts(&repl, "12");
        int rc = fmp_splice_local(doc, 11, 14, &repl, rendered == 1, &c);
        ck_assert_int_eq(rc, rendered ? 0 : 1);
        const fm_value *v = fm_doc_get(doc, "title");
        ck_assert_int_eq(v->type, FM_STRING);
        ck_assert_str_eq(fm_value_string(v, NULL), rendered ? "12" : "old");
        ASSERT_SPAN(fm_doc_get(doc, "n"), rendered ? 17 : 18, 1, 3, 4, 3, 5);
        fmp_buf_free(&repl);
        fm_value_free(want);
        fm_doc_free(doc);
    }
}
END_TEST

/* Which plain texts some reader types (fmp_plain_is_ambiguous, which the
 * renderer asks before writing a string bare): both sides of its shortcut
 * for text longer than five bytes that starts with a letter. */
START_TEST(plain_texts_a_reader_types) {
    static const char *const typed[] = {
        "yes", "No", "ON", "off", "y", "N", "true", "False", "FALSE", "null", "NULL", "~",
        "=", "<<", "123456", "-12345", "+1.5e3", "_12345", ".5e10", "0x1F2E", "1:20:30",
        "2024-01-01", "-2024-1-2", ":symbol", ".inf", ".NaN", "1,000", ""};
    static const char *const strings[] = {
        "falsey", "Truely", "nullable", "NaNaNa", "Infinity", "yes_no", "onoff1",
        "e10000", "E12345", "x12345", "A new title", "noon", "Yess", "nulls",
        "Null12", "t12345", "f1.5e3", "n2024-01-01", "Z:20:30"};
    for (size_t i = 0; i < COUNT(typed); i++)
        ck_assert_msg(fmp_plain_is_ambiguous(typed[i], strlen(typed[i])),
                      "'%s' is typed by some reader", typed[i]);
    for (size_t i = 0; i < COUNT(strings); i++)
        ck_assert_msg(!fmp_plain_is_ambiguous(strings[i], strlen(strings[i])),
                      "'%s' is a string to every reader", strings[i]);
}
END_TEST

/* The characters and the valid UTF-8 prefix of short texts (a rendered
 * string's end column; a set string's check), around their all-ASCII
 * shortcut for 8 to 16 bytes: one é, one stray byte or one 0xFF at every
 * place of every length from 1 to 20. */
START_TEST(short_texts_count_and_check_exactly) {
    char t[24];
    for (size_t len = 1; len <= 20; len++) {
        memset(t, 'a', len);
        ck_assert_uint_eq(fmp_utf8_count(t, len), len);
        ck_assert_uint_eq(fmp_utf8_valid_prefix(t, len), len);
        for (size_t at = 0; at < len; at++) {
            memset(t, 'a', len);
            t[at] = (char)0x80; /* a continuation byte alone */
            ck_assert_uint_eq(fmp_utf8_count(t, len), len - 1);
            ck_assert_uint_eq(fmp_utf8_valid_prefix(t, len), at);
            t[at] = (char)0xFF;
            ck_assert_uint_eq(fmp_utf8_count(t, len), len);
            ck_assert_uint_eq(fmp_utf8_valid_prefix(t, len), at);
            if (at + 1 < len) {
                t[at] = (char)0xC3;
                t[at + 1] = (char)0xA9;
                ck_assert_uint_eq(fmp_utf8_count(t, len), len - 1);
                ck_assert_uint_eq(fmp_utf8_valid_prefix(t, len), len);
            }
        }
    }
}
END_TEST

/* Sets whose new string is rendered each way, old value of each style:
 * the exact text, the new value's span and the next key's. */
typedef struct rendered_set {
    const char *before, *value, *after;
    unsigned end_column; /* of the new value, which starts at column 8 */
    fm_style style;
} rendered_set;

static const rendered_set rendered_sets[] = {
    {"title: old\n", "A new title", "title: A new title\n", 19, FM_STYLE_PLAIN},
    {"title: \"old\"\n", "A new title", "title: \"A new title\"\n", 21,
     FM_STYLE_DOUBLE_QUOTED},
    {"title: 'old'\n", "A new title", "title: 'A new title'\n", 21,
     FM_STYLE_SINGLE_QUOTED},
    {"title: old\n", "x: y", "title: \"x: y\"\n", 14, FM_STYLE_DOUBLE_QUOTED},
    {"title: old\n", "yes", "title: \"yes\"\n", 13, FM_STYLE_DOUBLE_QUOTED},
    {"title: 'old'\n", "it's", "title: 'it''s'\n", 15, FM_STYLE_SINGLE_QUOTED},
    {"title: \"old\"\n", "say \"hi\"", "title: \"say \\\"hi\\\"\"\n", 20,
     FM_STYLE_DOUBLE_QUOTED},
    {"title: old\r\n", "\xc3\xa9t\xc3\xa9", "title: \xc3\xa9t\xc3\xa9\r\n", 11,
     FM_STYLE_PLAIN},
};

START_TEST(rendered_sets_write_and_span_exactly) {
    const rendered_set *rs = &rendered_sets[_i];
    char in[256], out[256];
    snprintf(in, sizeof in, "---\n%snext: 1\n---\nbody\n", rs->before);
    snprintf(out, sizeof out, "---\n%snext: 1\n---\nbody\n", rs->after);
    for (int borrow = 0; borrow <= 1; borrow++) {
        fm_doc *doc = fm_test_parse(in, borrow ? FM_OPT_BORROW : 0);
        set_went(doc, "title", rs->value, borrow ? IN_PLACE : IN_COPY, out);
        const fm_value *v = fm_doc_get(doc, "title");
        ck_assert_int_eq(v->style, rs->style);
        size_t end = 11 + strlen(rs->after) - strlen("title: \n") -
                     (strstr(rs->after, "\r\n") ? 1 : 0);
        ASSERT_SPAN(v, 11, end - 11, 2, 8, 2, rs->end_column);
        size_t next = 4 + strlen(rs->after);
        ASSERT_SPAN(key_of(doc, NULL, "next"), next, 4, 3, 1, 3, 5);
        fm_doc_free(doc);
    }
}
END_TEST

/* The limits and the key the whole way checks: the lean way leaves every
 * line they would refuse to it. */
START_TEST(the_lean_way_leaves_what_a_limit_or_the_key_refuses) {
    static const char now[] = "---\ntitle: 12\n---\n";
    fm_doc *doc = fm_test_parse(now, 0);
    const fm_value *key = fmp_map_key(fm_doc_root(doc), 0);
    size_t len = strlen(now), end = 14;
    fm_value *v = NULL;
    fm_config cfg = doc->cfg;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, 4, end, 2, key, &v),
                     0);
    ck_assert_int_eq(v->type, FM_INT);
    ck_assert_int_eq(v->u.i, 12);
    cfg.max_depth = 0;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, 4, end, 2, key, &v),
                     1);
    ck_assert_ptr_null(v);
    cfg = doc->cfg;
    cfg.max_keys = 0;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, 4, end, 2, key, &v),
                     1);
    cfg = doc->cfg;
    cfg.max_key_length = 4;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, 4, end, 2, key, &v),
                     1);
    cfg = doc->cfg;
    cfg.max_scalar_length = 4; /* the key's 5 bytes */
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, 4, end, 2, key, &v),
                     1);
    cfg.max_scalar_length = 5; /* the key passes, and so does the value */
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &cfg, now, len, 4, end, 2, key, &v),
                     0);
    /* A value over max_scalar_length (6 bytes; the key's 5 pass). */
    static const char longer[] = "---\ntitle: 123456\n---\n";
    ck_assert_int_eq(
        fmp_load_fast_line(doc->snap, &cfg, longer, strlen(longer), 4, 18, 2, key, &v),
        1);
    cfg.max_scalar_length = 6;
    ck_assert_int_eq(
        fmp_load_fast_line(doc->snap, &cfg, longer, strlen(longer), 4, 18, 2, key, &v),
        0);
    ck_assert_int_eq(v->u.i, 123456);
    /* A line that does not end the block: more than one line. */
    ck_assert_int_eq(
        fmp_load_fast_line(doc->snap, &doc->cfg, now, len, 4, end + 1, 2, key, &v), 1);
    /* The same bytes as the key's, typed otherwise (as a quoted "12" is). */
    static const char twelve[] = "---\n12: x\n---\n";
    fm_value k = *key;
    k.text = "12";
    k.text_len = 2;
    k.type = FM_STRING;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &doc->cfg, twelve, strlen(twelve), 4,
                                        10, 2, &k, &v),
                     1);
    k.type = FM_INT;
    ck_assert_int_eq(fmp_load_fast_line(doc->snap, &doc->cfg, twelve, strlen(twelve), 4,
                                        10, 2, &k, &v),
                     0);
    ck_assert_str_eq(v->text, "x");
    fm_doc_free(doc);
}
END_TEST

/* Lines the lean way leaves to the whole way still go in place: exact
 * bytes and spans. */
START_TEST(lines_the_lean_way_leaves_go_in_place_the_whole_way) {
    fm_doc *doc = fm_test_parse("---\n\"my key\": x\nb: y\n---\nbody\n", FM_OPT_BORROW);
    set_went(doc, "\"my key\"", "new", IN_PLACE,
             "---\n\"my key\": new\nb: y\n---\nbody\n");
    ASSERT_SPAN(fm_doc_get(doc, "\"my key\""), 14, 3, 2, 11, 2, 14);
    ASSERT_SPAN(key_of(doc, NULL, "b"), 18, 1, 3, 1, 3, 2);
    ASSERT_SPAN(fm_doc_get(doc, "b"), 21, 1, 3, 4, 3, 5);
    fm_doc_free(doc);

    doc = fm_test_parse("---\nm:\n  a : x\n  c: y\n---\n", FM_OPT_BORROW);
    set_went(doc, "m.a", "longer", IN_PLACE, "---\nm:\n  a : longer\n  c: y\n---\n");
    ASSERT_SPAN(fm_doc_get(doc, "m.a"), 13, 6, 3, 7, 3, 13);
    ASSERT_SPAN(key_of(doc, "m", "c"), 22, 1, 4, 3, 4, 4);
    ASSERT_SPAN(fm_doc_get(doc, "m"), 9, 18, 3, 3, 5, 1);
    fm_doc_free(doc);

    /* Through libyaml alone, in place all the same. */
    doc = fm_test_parse("---\n\xc3\xa9: 'x'\nb: y\n---\n",
                        FM_OPT_BORROW | FM_OPT_NO_FAST_PATH);
    set_went(doc, "\xc3\xa9", "\xc3\xa0 b", IN_PLACE,
             "---\n\xc3\xa9: '\xc3\xa0 b'\nb: y\n---\n");
    ASSERT_SPAN(fm_doc_get(doc, "\xc3\xa9"), 8, 6, 2, 4, 2, 9);
    ASSERT_SPAN(key_of(doc, NULL, "b"), 15, 1, 3, 1, 3, 2);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* A borrowed input (FM_OPT_BORROW)                                      */
/* ===================================================================== */

/* A copy of text on the heap, as a caller's buffer would be. */
static char *input(const char *text) {
    size_t n = strlen(text);
    char *in = malloc(n + 1);
    ck_assert_ptr_nonnull(in);
    memcpy(in, text, n + 1);
    return in;
}

/* What every way of writing doc out writes: exactly expect. */
static void assert_writes(const fm_doc *doc, const char *expect) {
    size_t n = strlen(expect), got = 0;
    ASSERT_EMITS(doc, expect);
    char buf[512];
    ck_assert_int_eq(fm_doc_emit_buffer(doc, buf, sizeof buf, &got, NULL), 0);
    ck_assert_uint_eq(got, n);
    ck_assert_str_eq(buf, expect);
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fm_doc_emit_file(doc, fp, NULL), 0);
    ck_assert_int_eq(fm_doc_emit_fd(doc, fileno(fp), NULL), 0);
    rewind(fp);
    char back[1024];
    ck_assert_uint_eq(fread(back, 1, sizeof back, fp), 2 * n);
    ck_assert_mem_eq(back, expect, n);
    ck_assert_mem_eq(back + n, expect, n);
    fclose(fp);
}

START_TEST(a_cheap_edit_leaves_the_body_in_the_input) {
    char *in = input("---\ntitle: 'Old'\ndraft: false\n---\nThe body.\n");
    fm_doc *doc = fm_test_parse(in, FM_OPT_BORROW);
    const char *expect = "---\ntitle: 'A new title'\ndraft: false\n---\nThe body.\n";
    set_went(doc, "title", "A new title", IN_PLACE, expect);
    size_t len;
    ck_assert_ptr_eq(fm_doc_body(doc, &len), in + 34);
    ck_assert_uint_eq(len, 10);
    ck_assert_ptr_eq(fm_doc_parts(doc)->body, in + 34);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 42);
    ck_assert_uint_eq(fm_doc_body_line(doc), 5);
    /* The whole text is built once, apart from the input. */
    const char *text = fm_doc_text(doc, &len);
    ck_assert(text != in && len == strlen(expect) && memcmp(text, expect, len) == 0);
    ck_assert_ptr_eq(fm_doc_text(doc, NULL), text);
    assert_writes(doc, expect);
    /* A second edit in place: the copy of the whole text goes. */
    set_went(doc, "draft", "yes", IN_PLACE,
             "---\ntitle: 'A new title'\ndraft: 'yes'\n---\nThe body.\n");
    ck_assert_ptr_eq(fm_doc_body(doc, NULL), in + 34);
    assert_writes(doc, "---\ntitle: 'A new title'\ndraft: 'yes'\n---\nThe body.\n");
    fm_doc_free(doc);
    free(in);
}
END_TEST

START_TEST(a_full_edit_leaves_the_body_in_the_input) {
    char *in = input("\xef\xbb\xbf---\r\ntitle: x\r\ntags: [a]\r\n---\r\nBody\r\n");
    fm_doc *doc = fm_test_parse(in, FM_OPT_BORROW);
    fm_error err;
    const char *items[] = {"p", "q"};
    tracker t = track(doc);
    EDIT_OK(fm_doc_set_strings(doc, "title", items, NULL, 2, &err));
    ck_assert_int_eq(went(doc, t), FULL);
    const char *expect = "\xef\xbb\xbf---\r\ntitle: [p, q]\r\ntags: [a]\r\n---\r\nBody\r\n";
    assert_writes(doc, expect);
    ck_assert_ptr_eq(fm_doc_body(doc, NULL), in + 34);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 39);
    assert_as_reloaded(doc, 0);
    /* Into TOML and back: the fences change, the body stays where it is. */
    EDIT_OK(fm_doc_convert(doc, FM_FORMAT_TOML, &err));
    ck_assert_ptr_eq(fm_doc_body(doc, NULL), in + 34);
    assert_writes(doc, "\xef\xbb\xbf+++\r\ntitle = [\"p\", \"q\"]\r\ntags = [\"a\"]\r\n+++\r\n"
                       "Body\r\n");
    assert_as_reloaded(doc, 0);
    fm_doc_free(doc);
    free(in);
}
END_TEST

START_TEST(a_new_body_is_the_documents_own) {
    char *in = input("---\na: 1\n---\nold body\n");
    fm_doc *doc = fm_test_parse(in, FM_OPT_BORROW);
    fm_error err;
    EDIT_OK(fm_doc_set_string(doc, "a", "two", 3, &err));
    EDIT_OK(fm_doc_set_body(doc, "new body\n", 9, &err));
    const char *body = fm_doc_body(doc, NULL);
    ck_assert(body < in || body > in + strlen(in));
    assert_writes(doc, "---\na: two\n---\nnew body\n");
    /* The next edit copies that body with the rest. */
    EDIT_OK(fm_doc_set_string(doc, "a", "three", 5, &err));
    assert_writes(doc, "---\na: three\n---\nnew body\n");
    assert_as_reloaded(doc, 0);
    fm_doc_free(doc);
    free(in);
}
END_TEST

START_TEST(undoing_edits_restores_the_input_bytes) {
    const char *text = "---\ntitle: 'Old'   # kept\nn: 0x10\n---\nbody\n";
    for (int mode = 0; mode < 2; mode++) {
        char *in = input(text);
        fm_doc *doc = fm_test_parse(in, mode ? FM_OPT_BORROW : 0);
        fm_error err;
        EDIT_OK(fm_doc_set_string(doc, "title", "New", 3, &err));
        EDIT_OK(fm_doc_set_int(doc, "n", 17, &err));
        assert_writes(doc, "---\ntitle: 'New'   # kept\nn: 17\n---\nbody\n");
        EDIT_OK(fm_doc_set_string(doc, "title", "Old", 3, &err));
        EDIT_OK(fm_doc_set_int(doc, "n", 16, &err));
        assert_writes(doc, text);
        fm_doc_free(doc);
        free(in);
    }
}
END_TEST

START_TEST(a_block_added_and_removed_goes_again) {
    for (int mode = 0; mode < 2; mode++) {
        char *in = input("Just a body.\n");
        fm_doc *doc = fm_test_parse(in, mode ? FM_OPT_BORROW : 0);
        fm_error err;
        EDIT_OK(fm_doc_set_string(doc, "title", "T", 1, &err));
        assert_writes(doc, "---\ntitle: T\n---\nJust a body.\n");
        EDIT_OK(fm_doc_remove(doc, "title", &err));
        assert_writes(doc, "Just a body.\n");
        fm_doc_free(doc);
        free(in);
    }
}
END_TEST

/* Edits of every kind, in turn, on a document loaded with FM_OPT_BORROW and
 * on one that copied its input: after each, both write the same bytes and
 * have the same body offset and line. */
typedef int (*step_fn)(fm_doc *doc, fm_error *err);
static int s_title(fm_doc *d, fm_error *e) { return fm_doc_set_string(d, "title", "T2", 2, e); }
static int s_nested(fm_doc *d, fm_error *e) { return fm_doc_set_int(d, "p.q", 5, e); }
static int s_list(fm_doc *d, fm_error *e) {
    const char *items[] = {"x", "y z"};
    return fm_doc_set_strings(d, "tags", items, NULL, 2, e);
}
static int s_insert(fm_doc *d, fm_error *e) { return fm_doc_set_bool(d, "fresh", 1, e); }
static int s_rename(fm_doc *d, fm_error *e) { return fm_doc_rename(d, "fresh", "renamed", e); }
static int s_remove(fm_doc *d, fm_error *e) { return fm_doc_remove(d, "renamed", e); }
static int s_back(fm_doc *d, fm_error *e) { return fm_doc_set_string(d, "title", "One", 3, e); }
static int s_toml(fm_doc *d, fm_error *e) { return fm_doc_convert(d, FM_FORMAT_TOML, e); }
static int s_yaml(fm_doc *d, fm_error *e) { return fm_doc_convert(d, FM_FORMAT_YAML, e); }
static int s_body(fm_doc *d, fm_error *e) { return fm_doc_set_body(d, "B\n", 2, e); }

static const step_fn steps_in_turn[] = {s_title, s_nested, s_list, s_insert, s_rename,
                                        s_remove, s_back, s_toml, s_title, s_yaml, s_back,
                                        s_body, s_title};

static const char *const borrowed_inputs[] = {
    "---\ntitle: \"One\"\np:\n  q: 1\ntags: [a]\n---\n# Body\n\ntext\n",
    "\xef\xbb\xbf---\r\ntitle: One # c\r\np: {q: 1}\r\n---\r\nbody\r\n",
    "+++\ntitle = 'One'\n[p]\nq = 1\n+++\nbody\n",
    "{\n  \"title\": \"One\",\n  \"p\": {\"q\": 1}\n}\nbody\n",
    "title: not front matter\n",
};

START_TEST(every_edit_writes_what_a_copy_writes) {
    char *in = input(borrowed_inputs[_i]);
    fm_doc *b = fm_test_parse(in, FM_OPT_BORROW), *c = fm_test_parse(in, 0);
    for (size_t k = 0; k < COUNT(steps_in_turn); k++) {
        fm_error be, ce;
        int brc = steps_in_turn[k](b, &be), crc = steps_in_turn[k](c, &ce);
        ck_assert_msg(brc == crc, "input %d step %zu: %d vs %d", _i, k, brc, crc);
        if (brc != 0)
            ck_assert_int_eq(be.code, ce.code);
        size_t bl, cl;
        char *bt = fm_doc_emit(b, &bl, NULL), *ct = fm_doc_emit(c, &cl, NULL);
        ck_assert_msg(bl == cl && memcmp(bt, ct, bl) == 0, "input %d step %zu: \"%s\" vs \"%s\"",
                      _i, k, esc(bt, bl), esc(ct, cl));
        ck_assert_uint_eq(fm_doc_body_offset(b), fm_doc_body_offset(c));
        ck_assert_uint_eq(fm_doc_body_line(b), fm_doc_body_line(c));
        size_t blen, clen;
        const char *bb = fm_doc_body(b, &blen), *cb = fm_doc_body(c, &clen);
        ck_assert(blen == clen && memcmp(bb, cb, blen) == 0);
        fm_free(bt);
        fm_free(ct);
    }
    fm_doc_free(b);
    fm_doc_free(c);
    free(in);
}
END_TEST

START_TEST(saving_writes_both_pieces) {
    char dir[] = "/tmp/fm-borrow-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/a.md", dir);
    char *in = input("---\ntitle: x\n---\nbody\n");
    fm_doc *doc = fm_test_parse(in, FM_OPT_BORROW);
    fm_error err;
    EDIT_OK(fm_doc_set_string(doc, "title", "yy", 2, &err));
    EDIT_OK(fm_doc_save(doc, path, &err));
    size_t len;
    char *back = fm_read_file(path, &len);
    ck_assert(back && len == 23 && memcmp(back, "---\ntitle: yy\n---\nbody\n", len) == 0);
    free(back);
    /* Saving again checks the file still holds what the last save wrote. */
    EDIT_OK(fm_doc_set_string(doc, "title", "zzz", 3, &err));
    EDIT_OK(fm_doc_save(doc, path, &err));
    back = fm_read_file(path, &len);
    ck_assert(back && len == 24 && memcmp(back, "---\ntitle: zzz\n---\nbody\n", len) == 0);
    free(back);
    fm_doc_free(doc);
    free(in);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* ===================================================================== */
/* What goes the full way                                                */
/* ===================================================================== */

typedef struct full_case {
    const char *input, *path, *value, *expect;
} full_case;

static const full_case full_cases[] = {
    /* a comment after the value */
    {"---\na: x # note\nb: y\n---\n", "a", "z", "---\na: z # note\nb: y\n---\n"},
    /* blanks after the value */
    {"---\na: x  \nb: y\n---\n", "a", "z", "---\na: z  \nb: y\n---\n"},
    /* an anchored value, and an alias to it */
    {"---\na: &t x\nb: *t\n---\n", "a", "z", "---\na: &t z\nb: *t\n---\n"},
    /* an alias elsewhere in the block */
    {"---\nbase: &b {k: 1}\nt: x\nc: *b\n---\n", "t", "z",
     "---\nbase: &b {k: 1}\nt: z\nc: *b\n---\n"},
    /* a tagged value */
    {"---\na: !!str 12\nb: y\n---\n", "a", "z", "---\na: z\nb: y\n---\n"},
    /* a flow mapping */
    {"---\nm: {a: x, b: y}\n---\n", "m.a", "z", "---\nm: {a: z, b: y}\n---\n"},
    /* a multi-line plain value */
    {"---\na: one\n  two\nb: y\n---\n", "a", "z", "---\na: z\nb: y\n---\n"},
    /* a block scalar */
    {"---\na: |\n  text\nb: y\n---\n", "a", "z", "---\na: z\nb: y\n---\n"},
    /* a mapping inside a block list item */
    {"---\nl:\n  - a: x\n    b: y\n---\n", "l.0.a", "z", "---\nl:\n  - a: z\n    b: y\n---\n"},
    /* an empty value */
    {"---\na:\nb: y\n---\n", "a", "z", "---\na: z\nb: y\n---\n"},
    /* a value that becomes a list */
    {"---\na: x\nb: y\n---\n", "a", NULL, "---\na:\n  - p\n  - q\nb: y\n---\n"},
    /* a new key before a comment that ends the block (one at its very end
     * goes the cheap way: "a key added at the end") */
    {"---\na: x\n# end\n---\n", "b", "z", "---\na: x\nb: z\n# end\n---\n"},
    /* JSON and TOML */
    {"{\n  \"a\": \"x\",\n  \"b\": 1\n}\nbody\n", "a", "z",
     "{\n  \"a\": \"z\",\n  \"b\": 1\n}\nbody\n"},
    {"+++\na = \"x\"\nb = 1\n+++\nbody\n", "a", "z", "+++\na = \"z\"\nb = 1\n+++\nbody\n"},
};

START_TEST(unusual_lines_go_the_full_way) {
    const full_case *c = &full_cases[_i];
    fm_doc *doc = fm_test_parse(c->input, FM_OPT_BORROW);
    if (c->value) {
        set_went(doc, c->path, c->value, FULL, c->expect);
    } else {
        fm_error err;
        const char *items[] = {"p", "q"};
        tracker t = track(doc);
        EDIT_OK(fm_doc_set_strings(doc, c->path, items, NULL, 2, &err));
        ck_assert_int_eq(went(doc, t), FULL);
        ASSERT_EMITS(doc, c->expect);
        assert_as_reloaded(doc, 0);
    }
    fm_doc_free(doc);
}
END_TEST

START_TEST(merged_duplicates_go_the_full_way) {
    fm_doc *doc = fm_test_parse("---\na: 1\nb: x\na: 2\n---\n",
                                FM_OPT_BORROW | FM_OPT_ALLOW_DUPLICATES);
    fm_error err;
    tracker t = track(doc);
    EDIT_OK(fm_doc_set_string(doc, "b", "z", 1, &err));
    ck_assert_int_eq(went(doc, t), FULL);
    ASSERT_EMITS(doc, "---\na: 1\nb: z\na: 2\n---\n");
    assert_as_reloaded(doc, FM_OPT_ALLOW_DUPLICATES);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Failures                                                              */
/* ===================================================================== */

START_TEST(a_limit_fails_exactly_and_changes_nothing) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = FM_OPT_BORROW;
    cfg.max_scalar_length = 8;
    static const char in[] = "---\na: x\nb: y\n---\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(in, strlen(in), &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "a", "123456789", 9, &err),
               FM_ERR_SCALAR_TOO_LONG);
    ck_assert_str_eq(err.message,
                     "the edit would break a limit: scalar of 9 bytes is longer than the "
                     "limit of 8 (max_scalar_length)");
    /* The line was re-read (and refused) in place: counted, so that failed
     * edits too go to a fresh snapshot in the end. */
    ck_assert_uint_eq(doc->snap->local_edits, 1);
    assert_as_reloaded(doc, 0);
    /* Within the limit, the same document takes the cheap way. */
    set_went(doc, "a", "12345678", IN_PLACE, "---\na: \"12345678\"\nb: y\n---\n");
    fm_doc_free(doc);

    cfg.max_scalar_length = 0;
    cfg.max_input_size = strlen(in) + 2;
    doc = fm_doc_parse_config(in, strlen(in), &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "a", "wxyz", 4, &err), FM_ERR_TOO_LARGE);
    ck_assert_uint_eq(doc->snap->local_edits, 0); /* refused before any re-read */
    set_went(doc, "a", "xyz", IN_PLACE, "---\na: xyz\nb: y\n---\n");
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* A key added at the end of the root block                              */
/* ===================================================================== */

START_TEST(a_new_last_key_is_read_alone) {
    fm_doc *doc =
        fm_test_parse("---\n_comment: Do not remove.\n---\nbody\n", FM_OPT_BORROW);
    set_went(doc, "title", "A new title", IN_PLACE,
             "---\n_comment: Do not remove.\ntitle: A new title\n---\nbody\n");
    ASSERT_SPAN(fm_doc_root(doc), 4, 44, 2, 1, 4, 1);
    ASSERT_SPAN(key_of(doc, NULL, "title"), 29, 5, 3, 1, 3, 6);
    ASSERT_SPAN(fm_doc_get(doc, "title"), 36, 11, 3, 8, 3, 19);
    ck_assert_uint_eq(fm_doc_body_line(doc), 5);
    /* the next one goes after it, and the new one can be set in place */
    set_went(doc, "cl\xc3\xa9", "v", IN_PLACE,
             "---\n_comment: Do not remove.\ntitle: A new title\ncl\xc3\xa9: v\n"
             "---\nbody\n");
    ASSERT_SPAN(key_of(doc, NULL, "cl\xc3\xa9"), 48, 4, 4, 1, 4, 4);
    set_went(doc, "title", "T", IN_PLACE,
             "---\n_comment: Do not remove.\ntitle: T\ncl\xc3\xa9: v\n---\nbody\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_new_last_key_keeps_the_blocks_habits) {
    /* double quotes, as the block writes its strings */
    fm_doc *doc = fm_test_parse("---\na: 1\nb: \"x\"\n---\n", FM_OPT_BORROW);
    set_went(doc, "title", "A new title", IN_PLACE,
             "---\na: 1\nb: \"x\"\ntitle: \"A new title\"\n---\n");
    ASSERT_SPAN(fm_doc_get(doc, "title"), 23, 13, 4, 8, 4, 21);
    fm_doc_free(doc);
    /* CRLF lines */
    doc = fm_test_parse("---\r\na: x\r\n---\r\nbody\r\n", FM_OPT_BORROW);
    set_went(doc, "b", "z", IN_PLACE, "---\r\na: x\r\nb: z\r\n---\r\nbody\r\n");
    fm_doc_free(doc);
    /* values of other types */
    doc = fm_test_parse("---\na: 'x'\n---\n", FM_OPT_BORROW);
    fm_error err;
    tracker t = track(doc);
    EDIT_OK(fm_doc_set_int(doc, "count", -12, &err));
    ck_assert_int_eq(went(doc, t), IN_PLACE);
    t = track(doc);
    EDIT_OK(fm_doc_set_bool(doc, "draft", 1, &err));
    ck_assert_int_eq(went(doc, t), IN_PLACE);
    ASSERT_EMITS(doc, "---\na: 'x'\ncount: -12\ndraft: true\n---\n");
    assert_as_reloaded(doc, 0);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "count")), FM_INT);
    /* after the last key, as fm_doc_insert_after places it */
    fm_value *v = fm_value_new_string("z", 1, NULL);
    t = track(doc);
    EDIT_OK(fm_doc_insert_after(doc, "c", "draft", v, &err));
    ck_assert_int_eq(went(doc, t), IN_PLACE);
    ASSERT_EMITS(doc, "---\na: 'x'\ncount: -12\ndraft: true\nc: 'z'\n---\n");
    assert_as_reloaded(doc, 0);
    /* but not after another one */
    t = track(doc);
    EDIT_OK(fm_doc_insert_after(doc, "d", "a", v, &err));
    ck_assert_int_eq(went(doc, t), FULL);
    ASSERT_EMITS(doc, "---\na: 'x'\nd: 'z'\ncount: -12\ndraft: true\nc: 'z'\n---\n");
    assert_as_reloaded(doc, 0);
    fm_value_free(v);
    fm_doc_free(doc);
    /* without the fast path, the line is read the whole way */
    doc = fm_test_parse("---\na: x\n---\n", FM_OPT_BORROW | FM_OPT_NO_FAST_PATH);
    set_went(doc, "b", "z", IN_PLACE, "---\na: x\nb: z\n---\n");
    fm_doc_free(doc);
}
END_TEST

/* New keys that go the full way (full_case: input, path, value, expect). */
static const full_case full_inserts[] = {
    /* a comment, or a blank line, after the last pair */
    {"---\na: x # c\n---\n", "b", "z", "---\na: x # c\nb: z\n---\n"},
    {"---\na: x\n\n---\n", "b", "z", "---\na: x\nb: z\n\n---\n"},
    /* a last value that is not one line of its own */
    {"---\na: |\n  t\n---\n", "b", "z", "---\na: |\n  t\nb: z\n---\n"},
    {"---\na: one\n  two\n---\n", "b", "z", "---\na: one\n  two\nb: z\n---\n"},
    {"---\na:\n  k: v\n---\n", "b", "z", "---\na:\n  k: v\nb: z\n---\n"},
    {"---\na: [1, 2]\n---\n", "b", "z", "---\na: [1, 2]\nb: z\n---\n"},
    {"---\na:\n---\n", "b", "z", "---\na:\nb: z\n---\n"},
    {"---\na: &x v\n---\n", "b", "z", "---\na: &x v\nb: z\n---\n"},
    /* a key written quoted, or typed as something else than a string */
    {"---\na: x\n---\n", "x: y", "z", "---\na: x\n\"x: y\": z\n---\n"},
    {"---\na: x\n---\n", "12", "z", "---\na: x\n\"12\": z\n---\n"},
    /* a key below the root, and one that needs a mapping on the way */
    {"---\nm:\n  a: x\n---\n", "m.b", "z", "---\nm:\n  a: x\n  b: z\n---\n"},
    {"---\na: x\n---\n", "m.k", "z", "---\na: x\nm:\n  k: z\n---\n"},
    /* a root that is a flow mapping, an empty block, no block at all */
    {"---\n{a: x}\n---\n", "b", "z", "---\n{a: x, b: z}\n---\n"},
    {"---\n---\nbody\n", "b", "z", "---\nb: z\n---\nbody\n"},
    {"body\n", "b", "z", "---\nb: z\n---\nbody\n"},
    /* a value with a line break */
    {"---\na: x\n---\n", "b", "l1\nl2", "---\na: x\nb: |-\n  l1\n  l2\n---\n"},
};

START_TEST(other_new_keys_go_the_full_way) {
    const full_case *c = &full_inserts[_i];
    fm_doc *doc = fm_test_parse(c->input, FM_OPT_BORROW);
    set_went(doc, c->path, c->value, FULL, c->expect);
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_new_key_in_a_shared_snapshot_goes_the_full_way) {
    /* an article holds the snapshot */
    fm_doc *doc = fm_test_parse("---\na: x\n---\n", FM_OPT_BORROW);
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    ck_assert_ptr_nonnull(a);
    set_went(doc, "b", "z", FULL, "---\na: x\nb: z\n---\n");
    fm_article_free(a);
    fm_doc_free(doc);
    /* the document keeps its text as loaded (no FM_OPT_BORROW) */
    doc = fm_test_parse("---\na: x\n---\n", 0);
    set_went(doc, "b", "z", FULL, "---\na: x\nb: z\n---\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_new_key_past_max_keys_fails_exactly) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_keys = 2;
    static const char in[] = "---\na: x\nb: y\n---\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(in, strlen(in), &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    EDIT_FAILS(doc, fm_doc_set_string(doc, "c", "z", 1, &err), FM_ERR_TOO_MANY_KEYS);
    ck_assert_str_eq(err.message, "the edit would break a limit: more than 2 keys in the "
                                  "front matter (max_keys)");
    ASSERT_EMITS(doc, in);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Every scalar key of real documents, against a fresh load              */
/* ===================================================================== */

static const char *const new_values[] = {"A new title", "", "yes", "12", "x: y", "#tag",
                                         "\xc3\xa9t\xc3\xa9 \xe2\x9c\x93", "- item",
                                         "2024-05-06", "'q'", "a\\b", "say \"hi\""};

/* Sets path to value in the document loaded with or without FM_OPT_BORROW
 * and compares the result with a fresh load of its text; 1 when the edit
 * went the cheap way. */
static size_t set_compared(const char *name, const char *text, size_t len, bool borrow,
                           const char *path, const char *value) {
    size_t cheap = 0;
    fm_doc *doc = fm_doc_parse(text, len, borrow ? FM_OPT_BORROW : 0, NULL);
    tracker t = track(doc);
    if (fm_doc_set_string(doc, path, value, strlen(value), NULL) == 0) {
        way w = went(doc, t);
        cheap = w == IN_PLACE || w == IN_COPY;
        size_t out_len;
        const char *out = fm_doc_text(doc, &out_len);
        fm_doc *again = fm_doc_parse(out, out_len, 0, NULL);
        char why[1024];
        ck_assert_msg(again && fm_tree_diff(fm_doc_root(doc), fm_doc_root(again), why,
                                            sizeof why) == 0,
                      "%s: set %s = \"%s\": %s", name, path, value,
                      again ? why : "does not load");
        ck_assert_uint_eq(fm_doc_body_offset(doc), fm_doc_body_offset(again));
        ck_assert_uint_eq(fm_doc_body_line(doc), fm_doc_body_line(again));
        fm_doc_free(again);
    }
    fm_doc_free(doc);
    return cheap;
}

/* Keys the documents do not have (sweep_new_keys adds them). */
static const char *const new_keys[] = {"fresh_key", "fr\xc3\xa9sh"};

/* Sets every top-level and nested scalar key of the document to each new
 * value, in place and in a copy, comparing with a fresh load each time;
 * returns how many edits went the cheap way. With `add`, adds new_keys
 * with each value instead. */
static size_t sweep_keys(const char *name, const char *text, size_t len, bool add) {
    size_t cheap = 0;
    fm_doc *probe = fm_doc_parse(text, len, 0, NULL);
    if (!probe || fm_doc_format(probe) != FM_FORMAT_YAML) {
        fm_doc_free(probe);
        return 0;
    }
    const fm_value *root = fm_doc_root(probe);
    size_t keys = add ? COUNT(new_keys) : fm_value_size(root);
    for (size_t i = 0; i < keys && i < 40; i++) {
        size_t klen;
        const char *key = add ? new_keys[i] : fm_value_key_text(root, i, &klen);
        if (add)
            klen = strlen(key);
        if (!key || memchr(key, '.', klen) || memchr(key, '[', klen) || klen > 200)
            continue;
        char path[256];
        memcpy(path, key, klen);
        path[klen] = '\0';
        for (size_t v = 0; v < COUNT(new_values); v++)
            for (int mode = 0; mode < 2; mode++)
                cheap += set_compared(name, text, len, mode == 1, path, new_values[v]);
    }
    fm_doc_free(probe);
    return cheap;
}

static size_t sweep_file(const char *path, bool add) {
    size_t len;
    char *text = fm_read_file(path, &len);
    size_t cheap = text ? sweep_keys(path, text, len, add) : 0;
    free(text);
    return cheap;
}

/* Every regular file under dir (to depth 3); returns the cheap edits. */
static size_t sweep_dir(const char *dir, int depth, bool add) {
    size_t cheap = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth < 3)
            cheap += sweep_dir(path, depth + 1, add);
        else if (S_ISREG(st.st_mode) && st.st_size < 400000)
            cheap += sweep_file(path, add);
    }
    closedir(d);
    return cheap;
}

START_TEST(every_key_of_the_sample_and_the_test_data) {
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/article.md", top && *top ? top : ".");
    /* 12 keys with a one-line scalar value, 12 new values, loaded with and
     * without FM_OPT_BORROW: 288 edits, less the 6 that set "" where the
     * value is "" already (which change nothing); all go the cheap way. */
    ck_assert_uint_eq(sweep_file(path, false), 282);
    snprintf(path, sizeof path, "%s/tests/data", top && *top ? top : ".");
    ck_assert_uint_gt(sweep_dir(path, 0, false), 0);
}
END_TEST

/* The shared corpus's hugo-docs folder in path, when it is there (else a
 * line saying why `test` is skipped). */
static bool hugo_docs(const char *test, char *path, size_t cap) {
    const char *corpus = getenv("FM_CORPUS_DIR");
    if (!corpus || !*corpus) {
        printf("%s: skipped (FM_CORPUS_DIR not set)\n", test);
        return false;
    }
    snprintf(path, cap, "%s/hugo-docs", corpus);
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("%s: skipped (%s not found)\n", test, path);
        return false;
    }
    return true;
}

START_TEST(every_key_of_the_shared_corpus) {
    char path[4096];
    if (hugo_docs("every_key_of_the_shared_corpus", path, sizeof path))
        ck_assert_uint_gt(sweep_dir(path, 0, false), 1000);
}
END_TEST

/* Two new keys with each new value, in each file of tests/data (loaded with
 * and without FM_OPT_BORROW), against a fresh load. */
START_TEST(new_keys_in_the_test_data) {
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data", top && *top ? top : ".");
    ck_assert_uint_gt(sweep_dir(path, 0, true), 0);
}
END_TEST

/* Two new keys with each new value in every file of the corpus: 85 files
 * end their block with a one-line value, so 1,700 of these go the cheap way
 * (with FM_OPT_BORROW; the others keep the snapshot as loaded). */
START_TEST(new_keys_in_the_shared_corpus) {
    char path[4096];
    if (hugo_docs("new_keys_in_the_shared_corpus", path, sizeof path))
        ck_assert_uint_gt(sweep_dir(path, 0, true), 1000);
}
END_TEST

static Suite *splice_suite(void) {
    Suite *s = suite_create("splice");
    TCase *t = tcase_create("cheap edits");
    tcase_add_test(t, a_first_key_set_in_place_moves_every_later_span);
    tcase_add_test(t, a_first_key_set_in_a_copy_moves_every_later_span);
    tcase_add_test(t, the_last_key_of_a_nested_mapping_moves_its_end);
    tcase_add_test(t, a_shorter_value_moves_nested_collections_back);
    tcase_add_test(t, the_last_key_of_the_block_and_a_shorter_value);
    tcase_add_test(t, crlf_lines_keep_their_breaks);
    tcase_add_test(t, keys_that_share_their_first_bytes);
    tcase_add_test(t, the_empty_key);
    tcase_add_test(t, many_edits_in_place_then_a_copy_drops_the_old_values);
    tcase_add_test(t, an_article_keeps_its_values_through_a_cheap_edit);
    tcase_add_test(t, a_line_count_change_then_a_cheap_edit);
    suite_add_tcase(s, t);
    t = tcase_create("the line read again");
    tcase_add_loop_test(t, the_lean_way_reads_what_the_whole_way_reads, 0,
                        (int)COUNT(reread_cases));
    tcase_add_test(t, the_lean_way_pins_its_value);
    tcase_add_test(t, the_lean_way_leaves_what_a_limit_or_the_key_refuses);
    tcase_add_test(t, lines_the_lean_way_leaves_go_in_place_the_whole_way);
    suite_add_tcase(s, t);
    t = tcase_create("a rendered string");
    tcase_add_loop_test(t, a_rendered_string_is_the_node_a_load_gives, 0,
                        (int)COUNT(rendered_cases));
    tcase_add_test(t, a_rendered_string_pins_its_node);
    tcase_add_test(t, a_rendered_string_is_not_read_again);
    tcase_add_test(t, plain_texts_a_reader_types);
    tcase_add_test(t, short_texts_count_and_check_exactly);
    tcase_add_loop_test(t, rendered_sets_write_and_span_exactly, 0,
                        (int)COUNT(rendered_sets));
    suite_add_tcase(s, t);
    t = tcase_create("the full way");
    tcase_add_loop_test(t, unusual_lines_go_the_full_way, 0, (int)COUNT(full_cases));
    tcase_add_test(t, merged_duplicates_go_the_full_way);
    suite_add_tcase(s, t);
    t = tcase_create("a key added at the end");
    tcase_add_test(t, a_new_last_key_is_read_alone);
    tcase_add_test(t, a_new_last_key_keeps_the_blocks_habits);
    tcase_add_loop_test(t, other_new_keys_go_the_full_way, 0, (int)COUNT(full_inserts));
    tcase_add_test(t, a_new_key_in_a_shared_snapshot_goes_the_full_way);
    tcase_add_test(t, a_new_key_past_max_keys_fails_exactly);
    suite_add_tcase(s, t);
    t = tcase_create("a borrowed input");
    tcase_add_test(t, a_cheap_edit_leaves_the_body_in_the_input);
    tcase_add_test(t, a_full_edit_leaves_the_body_in_the_input);
    tcase_add_test(t, a_new_body_is_the_documents_own);
    tcase_add_test(t, undoing_edits_restores_the_input_bytes);
    tcase_add_test(t, a_block_added_and_removed_goes_again);
    tcase_add_loop_test(t, every_edit_writes_what_a_copy_writes, 0,
                        (int)COUNT(borrowed_inputs));
    tcase_add_test(t, saving_writes_both_pieces);
    suite_add_tcase(s, t);
    t = tcase_create("failures");
    tcase_add_test(t, a_limit_fails_exactly_and_changes_nothing);
    suite_add_tcase(s, t);
    t = tcase_create("against a fresh load");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, every_key_of_the_sample_and_the_test_data);
    tcase_add_test(t, every_key_of_the_shared_corpus);
    tcase_add_test(t, new_keys_in_the_test_data);
    tcase_add_test(t, new_keys_in_the_shared_corpus);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(splice_suite());
}
