/* SPDX-License-Identifier: MIT */
/* props.c - what the edit fuzz targets share: reading an input's header
 * line and document (with repeat lines that make documents near the default
 * limits), finding where a path points, and the properties every edit keeps
 * (the result loads, other keys are unchanged, a failed edit changes nothing,
 * the edited tree and its spans are those a fresh load of its text builds). */
#include "fuzz.h"
#include "../../lib/private.h" /* so treecmp.h also compares private fields */
#include "../convcmp.h"
#include "../treecmp.h"

#include <string.h>

/* ===================================================================== */
/* Inputs                                                                */
/* ===================================================================== */

size_t fuzz_header(const char *s, size_t size, int max, fuzz_fields *f) {
    memset(f, 0, sizeof *f);
    const char *nl = memchr(s, '\n', size);
    size_t line = nl ? (size_t)(nl - s) : size;
    if (memchr(s, '\0', line))
        return FUZZ_SKIP; /* the API takes NUL-terminated paths and keys */
    size_t start = 0;
    while (f->count < max && f->count < FUZZ_MAX_FIELDS) {
        const char *tab =
            f->count + 1 < max ? memchr(s + start, '\t', line - start) : NULL;
        size_t end = tab ? (size_t)(tab - s) : line;
        f->len[f->count] = end - start;
        f->field[f->count] = malloc(end - start + 1);
        memcpy(f->field[f->count], s + start, end - start);
        f->field[f->count][end - start] = '\0';
        f->count++;
        if (!tab)
            break;
        start = end + 1;
    }
    return nl ? line + 1 : size;
}

void fuzz_fields_free(fuzz_fields *f) {
    for (int i = 0; i < f->count; i++)
        free(f->field[i]);
    f->count = 0;
}

static int append(fuzz_text *t, size_t *cap, const char *s, size_t n) {
    if (t->len + n > FUZZ_MAX_EXPANDED)
        return -1;
    if (t->len + n + 1 > *cap) {
        while (t->len + n + 1 > *cap)
            *cap = *cap ? 2 * *cap : 4096;
        t->text = realloc(t->text, *cap);
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    return 0;
}

/* "@@ N TEXT": TEXT and a line break N times, each "%d" in it the count. */
static int expand_line(fuzz_text *t, size_t *cap, const char *s, size_t n) {
    size_t i = 3, count = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && count <= FUZZ_MAX_REPEAT)
        count = count * 10 + (size_t)(s[i++] - '0');
    if (count > FUZZ_MAX_REPEAT)
        return -1;
    if (i < n && s[i] == ' ')
        i++;
    for (size_t k = 0; k < count; k++) {
        for (size_t j = i; j < n; j++) {
            char num[24];
            if (s[j] == '%' && j + 1 < n && s[j + 1] == 'd') {
                int w = snprintf(num, sizeof num, "%zu", k);
                if (append(t, cap, num, (size_t)w) != 0)
                    return -1;
                j++;
            } else if (append(t, cap, s + j, 1) != 0) {
                return -1;
            }
        }
        if (append(t, cap, "\n", 1) != 0)
            return -1;
    }
    return 0;
}

int fuzz_text_make(const char *s, size_t size, fuzz_text *t) {
    memset(t, 0, sizeof *t);
    size_t cap = 0;
    bool big = false;
    for (size_t i = 0; i < size;) {
        const char *nl = memchr(s + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - s) + 1 : size;
        int rc;
        if (end - i >= 3 && memcmp(s + i, "@@ ", 3) == 0) {
            big = true;
            rc = expand_line(t, &cap, s + i, end - i - (nl ? 1 : 0));
        } else {
            rc = append(t, &cap, s + i, end - i);
        }
        if (rc != 0) {
            fuzz_text_free(t);
            return -1;
        }
        i = end;
    }
    if (!t->text)
        t->text = malloc(1);
    /* Repeat lines make documents near the default limits: use them. */
    if (big)
        fm_config_init(&t->cfg);
    else
        fuzz_config(&t->cfg);
    return 0;
}

void fuzz_text_free(fuzz_text *t) {
    free(t->text);
    t->text = NULL;
    t->len = 0;
}

/* ===================================================================== */
/* Paths                                                                 */
/* ===================================================================== */

/* A sequence index as the library reads one: 1 to 9 decimal digits. */
static long parse_index(const char *s, size_t len) {
    if (len == 0 || len > 9)
        return -1;
    long n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        n = n * 10 + (s[i] - '0');
    }
    return n;
}

static long key_index(const fm_value *m, const char *k, size_t len) {
    for (size_t i = 0; i < fm_value_size(m); i++) {
        size_t kl;
        const char *t = fm_value_key_text(m, i, &kl);
        fm_type kt = fm_value_type(fm_value_key_at(m, i));
        if (kt != FM_SEQUENCE && kt != FM_MAPPING && kl == len && memcmp(t, k, len) == 0)
            return (long)i;
    }
    return -1;
}

/* The library's reading of a path: at each step the whole rest as a key
 * first, else up to the next dot (a key, or a sequence index). */
int fuzz_locate(const fm_value *root, const char *path, fuzz_place *p) {
    memset(p, 0, sizeof *p);
    const fm_value *v = root;
    const char *s = path;
    size_t rest = strlen(path);
    for (;;) {
        const char *dot = memchr(s, '.', rest);
        size_t used = rest;
        long at = fm_value_type(v) == FM_MAPPING ? key_index(v, s, rest) : -1;
        if (at < 0) {
            used = dot ? (size_t)(dot - s) : rest;
            at = fm_value_type(v) == FM_MAPPING    ? key_index(v, s, used)
                 : fm_value_type(v) == FM_SEQUENCE ? parse_index(s, used)
                                                   : -1;
            if (at >= (long)fm_value_size(v))
                at = -1;
        }
        if (at < 0 || p->depth >= FUZZ_MAX_STEPS)
            return -1;
        p->parent = v;
        p->at = (size_t)at;
        p->steps[p->depth++] = (size_t)at;
        v = fm_value_at(v, (size_t)at);
        if (used == rest) {
            p->node = v;
            p->depth--; /* steps lead to the parent */
            return 0;
        }
        s += used + 1;
        rest -= used + 1;
    }
}

const fm_value *fuzz_follow(const fm_value *root, const fuzz_place *p) {
    const fm_value *v = root;
    for (size_t i = 0; v && i < p->depth; i++)
        v = fm_value_at(v, p->steps[i]);
    return v;
}

/* ===================================================================== */
/* Properties                                                            */
/* ===================================================================== */

int fuzz_holds_alias(const fm_value *v) {
    if (fm_value_is_alias(v))
        return 1;
    for (size_t i = 0; i < fm_value_size(v); i++)
        if (fuzz_holds_alias(fm_value_at(v, i)))
            return 1;
    return 0;
}

static bool same_key(const fm_value *a, size_t i, const fm_value *b, size_t j) {
    size_t al, bl;
    const char *ak = fm_value_key_text(a, i, &al), *bk = fm_value_key_text(b, j, &bl);
    return al == bl && memcmp(ak, bk, al) == 0;
}

/* One walk over both mappings (the keys keep their order), so that a check
 * costs time linear in the document, as the edits do. */
void fuzz_check_others(const fm_value *before, const fm_value *after, const char *path) {
    size_t plen = strlen(path), j = 0;
    for (size_t i = 0; i < fm_value_size(before); i++) {
        size_t len;
        const char *k = fm_value_key_text(before, i, &len);
        fm_type kt = fm_value_type(fm_value_key_at(before, i));
        if (kt == FM_SEQUENCE || kt == FM_MAPPING)
            continue; /* a complex key has no text to find it by */
        if (plen == len && memcmp(k, path, len) == 0)
            continue;
        if (memchr(path, '.', plen) && len <= plen && strncmp(path, k, len) == 0)
            continue; /* the path runs through this key */
        while (j < fm_value_size(after) && !same_key(before, i, after, j))
            j++;
        FUZZ_REQUIRE(j < fm_value_size(after), "other keys stay, in their order");
        if (!fuzz_holds_alias(fm_value_at(before, i))) /* an alias follows its anchor */
            FUZZ_REQUIRE(fm_value_equal(fm_value_at(before, i), fm_value_at(after, j)),
                         "other keys unchanged");
        j++;
    }
}

fm_doc *fuzz_reload(const fm_doc *doc, const fm_config *cfg) {
    size_t len;
    char *out = fm_doc_emit(doc, &len, NULL);
    FUZZ_REQUIRE(out != NULL, "the edited text can be emitted");
    fm_error err;
    fm_doc *again = fm_doc_parse_config(out, len, cfg, &err);
    fm_free(out);
    FUZZ_REQUIRE(again != NULL, "the edited text loads");
    return again;
}

void fuzz_check_failed(const fm_doc *doc, const fm_doc *orig, const fm_error *err) {
    size_t a, b;
    const char *ta = fm_doc_text(doc, &a), *tb = fm_doc_text(orig, &b);
    FUZZ_REQUIRE(a == b && memcmp(ta, tb, a) == 0, "a failed edit leaves the text");
    FUZZ_REQUIRE(err->code != FM_OK && err->message[0] != '\0', "a failed edit says why");
}

bool fuzz_same_value(const fm_value *want, const fm_value *got, bool json) {
    char why[256];
    return fm_convcmp(want, got, json ? FM_CONVCMP_DATES_AS_TEXT : 0, why, sizeof why, 0);
}

/* ===================================================================== */
/* Running an edit                                                       */
/* ===================================================================== */

/* The document after an edit (committed by re-reading the changed line
 * alone, or the whole front matter) is what a fresh load of its text is:
 * the same parts, the same tree with the same spans. */
static void check_same_as_reload(const fm_doc *doc, const fm_doc *again) {
    const fm_parts *p = fm_doc_parts(doc), *q = fm_doc_parts(again);
    FUZZ_REQUIRE(p->format == q->format && p->front_len == q->front_len &&
                     p->front_line == q->front_line && p->body_line == q->body_line &&
                     p->body_len == q->body_len &&
                     fm_doc_body_offset(doc) == fm_doc_body_offset(again),
                 "the edited document has the parts of a fresh load");
    char why[512];
    if (fm_tree_diff(fm_doc_root(doc), fm_doc_root(again), why, sizeof why) != 0) {
        fprintf(stderr, "%s\n", why);
        FUZZ_REQUIRE(0, "the edited tree is the tree of a fresh load");
    }
}

/* Both documents write the same text. */
static void require_same_text(const fm_doc *a, const fm_doc *b, const char *what) {
    size_t a_len, b_len;
    const char *ta = fm_doc_text(a, &a_len), *tb = fm_doc_text(b, &b_len);
    FUZZ_REQUIRE(ta && tb && a_len == b_len && memcmp(ta, tb, a_len) == 0, what);
}

/* Then the first top-level keys of the document as loaded set back to their
 * loaded values in both (a document that borrows its input restores loaded
 * bytes as one that copied it does): they end the same way, with the same
 * text after each. */
static void undo_same(fm_doc *doc, fm_doc *b, const fm_value *loaded) {
    for (size_t i = 0; i < fm_value_size(loaded) && i < 3; i++) {
        const fm_value *k = fm_value_key_at(loaded, i);
        if (k->type == FM_MAPPING || k->type == FM_SEQUENCE)
            continue;
        fm_path_step step = {NULL, 0, 0};
        step.key = fm_value_key_text(loaded, i, &step.len);
        fm_error aerr, berr;
        int arc = fm_doc_set_steps(doc, &step, 1, fm_value_at(loaded, i), &aerr);
        int brc = fm_doc_set_steps(b, &step, 1, fm_value_at(loaded, i), &berr);
        FUZZ_REQUIRE(arc == brc && (arc == 0 || aerr.code == berr.code),
                     "setting a loaded value back ends the same way with FM_OPT_BORROW");
        require_same_text(doc, b, "setting a loaded value back writes the same text with "
                                  "FM_OPT_BORROW");
    }
}

/* The same edit on the document loaded with FM_OPT_BORROW (whose snapshot
 * the document alone holds: a cheap edit changes it in place, where the
 * other copies it) ends the same way with the same text. */
static void check_borrowed_same(const fuzz_text *t, fuzz_edit_fn edit, const void *arg,
                                fm_doc *doc, int rc, const fm_error *err,
                                const fm_value *loaded) {
    fm_config cfg = t->cfg;
    cfg.options |= FM_OPT_BORROW;
    fm_doc *b = fm_doc_parse_config(t->text, t->len, &cfg, NULL);
    FUZZ_REQUIRE(b != NULL, "the document loads with FM_OPT_BORROW too");
    fm_error berr;
    int brc = edit(b, arg, &berr);
    FUZZ_REQUIRE(brc == rc, "the edit ends the same way with FM_OPT_BORROW");
    if (rc != 0)
        FUZZ_REQUIRE(berr.code == err->code, "the edit fails the same way with FM_OPT_BORROW");
    require_same_text(doc, b, "the edit writes the same text with FM_OPT_BORROW");
    if (rc == 0) {
        fm_doc *again = fuzz_reload(b, &t->cfg);
        check_same_as_reload(b, again);
        fm_doc_free(again);
    }
    undo_same(doc, b, loaded);
    fm_doc_free(b);
}

void fuzz_run_edit(const fuzz_text *t, fuzz_edit_fn edit, fuzz_check_fn check,
                   const void *arg) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fm_error err;
        int rc = edit(doc, arg, &err);
        if (rc != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            check_same_as_reload(doc, again);
            check(orig, again, arg);
            fm_doc_free(again);
        }
        check_borrowed_same(t, edit, arg, doc, rc, &err, fm_doc_root(orig));
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
}

void fuzz_with_header(const uint8_t *data, size_t size, int fields, fuzz_input_fn fn) {
    const char *s = (const char *)data;
    fuzz_fields f;
    fuzz_text t;
    size_t off = fuzz_header(s, size, fields, &f);
    if (off != FUZZ_SKIP && f.count == fields && f.len[0] > 0 &&
        fuzz_text_make(s + off, size - off, &t) == 0) {
        fn(&f, &t);
        fuzz_text_free(&t);
    }
    fuzz_fields_free(&f);
}
