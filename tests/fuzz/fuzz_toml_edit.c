/* SPDX-License-Identifier: MIT */
/* fuzz_toml_edit.c - edits of TOML front matter: the input's first line is
 * "OP\tPATH\tARG" (s: set the string ARG, v: set the value of `v = ARG` in
 * TOML, or in YAML when that is no TOML, n: set null, u: unset, r: rename
 * to ARG), the rest the document. The result loads in the same format
 * (YAML when the document had none) and holds the value (or no longer the
 * key, or the old value under the new name), every other top-level key is
 * unchanged; a failed edit (null, or what TOML cannot hold) changes
 * nothing. */
#include "fuzz.h"

#include <string.h>

typedef struct job {
    char op;
    const char *path, *arg;
    size_t arg_len;
    fm_value *value; /* s, v, n: what the path must hold */
} job;

/* The value of `v = arg` in a document of that fence, or NULL. */
static fm_value *value_in(const char *fence, const char *sep, const char *arg,
                          size_t len) {
    size_t cap = len + 32;
    char *text = malloc(cap);
    int n = snprintf(text, cap, "%s\nv%s%s\n%s\n", fence, sep, arg, fence);
    fm_doc *probe = fm_doc_parse(text, (size_t)n, 0, NULL);
    fm_value *v = probe ? fm_value_copy(fm_doc_get(probe, "v")) : NULL;
    fm_doc_free(probe);
    free(text);
    return v;
}

static fm_value *wanted(const job *j) {
    switch (j->op) {
    case 's':
        return fm_value_new_string(j->arg, j->arg_len, NULL);
    case 'n':
        return fm_value_new_null();
    case 'v': {
        fm_value *v = value_in("+++", " = ", j->arg, j->arg_len);
        return v ? v : value_in("---", ": ", j->arg, j->arg_len);
    }
    default:
        return NULL;
    }
}

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    const job *j = arg;
    if (j->op == 'u')
        return fm_doc_remove(doc, j->path, err);
    if (j->op == 'r')
        return fm_doc_rename(doc, j->path, j->arg, err);
    return fm_doc_set(doc, j->path, j->value, err);
}

/* The key is gone, or its list is one item shorter. */
static void check_unset(const fm_doc *orig, const fm_doc *again, const job *j) {
    fuzz_place p;
    FUZZ_REQUIRE(fuzz_locate(fm_doc_root(orig), j->path, &p) == 0,
                 "only what is there can be removed");
    if (fm_value_type(p.parent) != FM_SEQUENCE) {
        FUZZ_REQUIRE(fm_doc_get(again, j->path) == NULL, "the key is gone");
        return;
    }
    const fm_value *now = fuzz_follow(fm_doc_root(again), &p);
    FUZZ_REQUIRE(now && fm_value_size(now) + 1 == fm_value_size(p.parent),
                 "the list is one item shorter");
}

/* The old key's value is under its new name, in the same mapping. */
static void check_rename(const fm_doc *orig, const fm_doc *again, const job *j) {
    fuzz_place p;
    FUZZ_REQUIRE(fuzz_locate(fm_doc_root(orig), j->path, &p) == 0 &&
                     fm_value_type(p.parent) == FM_MAPPING,
                 "only a key that is there can be renamed");
    const fm_value *now = fuzz_follow(fm_doc_root(again), &p);
    FUZZ_REQUIRE(now && fm_value_size(now) == fm_value_size(p.parent), "as many keys");
    const fm_value *moved = fm_value_lookup(now, j->arg, j->arg_len);
    FUZZ_REQUIRE(moved && fm_value_equal(moved, p.node), "the value has its new name");
}

static void check(const fm_doc *orig, const fm_doc *again, const void *arg) {
    const job *j = arg;
    /* a document without front matter gets YAML's */
    FUZZ_REQUIRE(fm_doc_format(again) == fm_doc_format(orig) ||
                     (fm_doc_format(orig) == FM_FORMAT_NONE &&
                      fm_doc_format(again) == FM_FORMAT_YAML),
                 "the format stays");
    if (fm_doc_format(orig) == FM_FORMAT_TOML && j->value)
        FUZZ_REQUIRE(fm_value_type(j->value) != FM_NULL, "TOML has no null");
    if (j->op == 'u')
        check_unset(orig, again, j);
    else if (j->op == 'r')
        check_rename(orig, again, j);
    else
        FUZZ_REQUIRE(fuzz_same_value(j->value, fm_doc_get(again, j->path),
                                     fm_doc_format(again) == FM_FORMAT_JSON),
                     "the path holds the value");
    fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), j->path);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    job j = {f->field[0][0], f->field[1], f->field[2], f->len[2], NULL};
    if (f->len[0] != 1 || !strchr("svnur", j.op))
        return;
    j.value = wanted(&j);
    if (j.value || j.op == 'u' || j.op == 'r')
        fuzz_run_edit(t, edit, check, &j);
    fm_value_free(j.value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 3, run);
    return 0;
}
