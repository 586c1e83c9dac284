/* SPDX-License-Identifier: MIT */
/* fuzz_setters.c - the typed setters and fm_doc_set: the input's first line
 * is "T\tPATH\tARG", T choosing the setter (i int, f float, b bool, n null,
 * d datetime, s strings split at tabs, v any value read from ARG as YAML),
 * the rest the document. The result loads, the path holds exactly that
 * value (in JSON front matter a date reads back as its text), other keys
 * are unchanged; a failed edit changes nothing. */
#include "fuzz.h"

#include <string.h>

/* The value the setter writes, built by the caller's API; NULL when the
 * argument is not one (then the setter must fail). */
static fm_value *wanted(char type, const char *arg, size_t len, fm_datetime *dt) {
    fm_value *v = NULL;
    switch (type) {
    case 'i':
        return fm_value_new_int(strtoll(arg, NULL, 10));
    case 'f':
        return fm_value_new_float(strtod(arg, NULL));
    case 'b':
        return fm_value_new_bool(arg[0] == '1');
    case 'n':
        return fm_value_new_null();
    case 'd':
        memset(dt, 0, sizeof *dt);
        return fm_datetime_parse(arg, len, dt) == 0 ? fm_value_new_datetime(dt) : NULL;
    case 's':
        v = fm_value_new_sequence();
        for (const char *p = arg;; p++) {
            const char *tab = strchr(p, '\t');
            size_t n = tab ? (size_t)(tab - p) : strlen(p);
            if (fm_value_append(v, fm_value_new_string(p, n)) != 0) {
                fm_value_free(v);
                return NULL;
            }
            if (!tab)
                return v;
            p = tab;
        }
    default: {
        size_t cap = len + 16;
        char *text = malloc(cap);
        int n = snprintf(text, cap, "---\nv: %s\n---\n", arg);
        fm_doc *probe = fm_doc_parse(text, (size_t)n, 0, NULL);
        v = probe ? fm_value_copy(fm_doc_get(probe, "v")) : NULL;
        fm_doc_free(probe);
        free(text);
        return v;
    }
    }
}

static int set(fm_doc *doc, char type, const char *path, const fm_value *v,
               const fm_datetime *dt, fm_error *err) {
    switch (type) {
    case 'i':
        return fm_doc_set_int(doc, path, fm_value_int(v, 0), err);
    case 'f':
        return fm_doc_set_float(doc, path, fm_value_float(v, 0), err);
    case 'b':
        return fm_doc_set_bool(doc, path, fm_value_bool(v), err);
    case 'n':
        return fm_doc_set_null(doc, path, err);
    case 'd':
        return fm_doc_set_datetime(doc, path, dt, err);
    case 's': {
        size_t n = fm_value_size(v);
        const char **items = malloc((n ? n : 1) * sizeof *items);
        size_t *lens = malloc((n ? n : 1) * sizeof *lens);
        for (size_t i = 0; i < n; i++)
            items[i] = fm_value_string(fm_value_at(v, i), &lens[i]);
        int rc = fm_doc_set_strings(doc, path, items, lens, n, err);
        free(items);
        free(lens);
        return rc;
    }
    default:
        return fm_doc_set(doc, path, v, err);
    }
}

static void run(char type, const char *path, const fm_value *v, const fm_datetime *dt,
                const fuzz_text *t) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fm_error err;
        if (set(doc, type, path, v, dt, &err) != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            bool json = fm_doc_format(again) == FM_FORMAT_JSON;
            FUZZ_REQUIRE(fuzz_same_value(v, fm_doc_get(again, path), json),
                         "the path holds the value");
            fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), path);
            fm_doc_free(again);
        }
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    fuzz_fields f;
    fuzz_text t;
    size_t off = fuzz_header(s, size, 3, &f);
    fm_datetime dt;
    fm_value *v = NULL;
    if (off != FUZZ_SKIP && f.count == 3 && f.len[0] == 1)
        v = wanted(f.field[0][0], f.field[2], f.len[2], &dt);
    if (v && fuzz_text_make(s + off, size - off, &t) == 0) {
        run(f.field[0][0], f.field[1], v, &dt, &t);
        fuzz_text_free(&t);
    }
    fm_value_free(v);
    fuzz_fields_free(&f);
    return 0;
}
