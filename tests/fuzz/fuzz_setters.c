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
        return fm_datetime_parse(arg, len, dt) == 0 ? fm_value_new_datetime(dt, NULL) : NULL;
    case 's':
        v = fm_value_new_sequence();
        for (const char *p = arg;; p++) {
            const char *tab = strchr(p, '\t');
            size_t n = tab ? (size_t)(tab - p) : strlen(p);
            if (fm_value_append(v, fm_value_new_string(p, n, NULL)) != 0) {
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

typedef struct job {
    char type;
    const char *path;
    fm_value *value;
    fm_datetime dt;
} job;

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    const job *j = arg;
    const fm_value *v = j->value;
    switch (j->type) {
    case 'i':
        return fm_doc_set_int(doc, j->path, fm_value_int(v, 0), err);
    case 'f':
        return fm_doc_set_float(doc, j->path, fm_value_float(v, 0), err);
    case 'b':
        return fm_doc_set_bool(doc, j->path, fm_value_bool(v), err);
    case 'n':
        return fm_doc_set_null(doc, j->path, err);
    case 'd':
        return fm_doc_set_datetime(doc, j->path, &j->dt, err);
    case 's': {
        size_t n = fm_value_size(v);
        const char **items = malloc((n ? n : 1) * sizeof *items);
        size_t *lens = malloc((n ? n : 1) * sizeof *lens);
        for (size_t i = 0; i < n; i++)
            items[i] = fm_value_string(fm_value_at(v, i), &lens[i]);
        int rc = fm_doc_set_strings(doc, j->path, items, lens, n, err);
        free(items);
        free(lens);
        return rc;
    }
    default:
        return fm_doc_set(doc, j->path, v, err);
    }
}

static void check(const fm_doc *orig, const fm_doc *again, const void *arg) {
    const job *j = arg;
    bool json = fm_doc_format(again) == FM_FORMAT_JSON;
    FUZZ_REQUIRE(fuzz_same_value(j->value, fm_doc_get(again, j->path), json),
                 "the path holds the value");
    fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), j->path);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    job j = {f->field[0][0], f->field[1], NULL, {0}};
    if (f->len[0] == 1)
        j.value = wanted(j.type, f->field[2], f->len[2], &j.dt);
    if (j.value) /* NULL when the argument is not a value of the type */
        fuzz_run_edit(t, edit, check, &j);
    fm_value_free(j.value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 3, run);
    return 0;
}
