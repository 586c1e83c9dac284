/* SPDX-License-Identifier: MIT */
/* fuzz.h - what every fuzz target shares: the libFuzzer entry point and a
 * property check that aborts (so libFuzzer and the replay driver see it). */
#ifndef FM_FUZZ_H
#define FM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_REQUIRE(cond, what)                                                          \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", what, __FILE__,         \
                    __LINE__);                                                            \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Smaller limits than the defaults so the fuzzer explores, not allocates
 * (an input with repeat lines uses the defaults: see fuzz_text_make). */
static inline void fuzz_config(fm_config *cfg) {
    fm_config_init(cfg);
    cfg->max_input_size = 1 << 20;
    cfg->max_alias_nodes = 2000;
}

/* ---- props.c: what the edit targets share ---- */

#include <stdbool.h>

#define FUZZ_SKIP ((size_t)-1)
#define FUZZ_MAX_FIELDS 4

/* The fields of an input's first line, split at tabs. */
typedef struct fuzz_fields {
    char *field[FUZZ_MAX_FIELDS]; /* NUL-terminated copies */
    size_t len[FUZZ_MAX_FIELDS];
    int count;
} fuzz_fields;

/* Reads the first line into at most max fields (the last one takes the
 * rest of the line, tabs included); returns the offset of the rest of the
 * input, or FUZZ_SKIP when the line holds a NUL. Free with fuzz_fields_free. */
size_t fuzz_header(const char *s, size_t size, int max, fuzz_fields *f);
void fuzz_fields_free(fuzz_fields *f);

/* The test-only configuration near the default limits: a line
 * `@@ N TEXT` of the document stands for N lines of TEXT, each "%d" in it
 * replaced by the line's number from 0 (`@@ 99999 key%d: x` makes 99,999
 * keys), up to FUZZ_MAX_EXPANDED bytes in all; a document with such lines
 * is loaded with the default limits, others with fuzz_config's. */
#define FUZZ_MAX_REPEAT 200000
#define FUZZ_MAX_EXPANDED ((size_t)8 << 20)

typedef struct fuzz_text {
    char *text;
    size_t len;
    fm_config cfg;
} fuzz_text;

/* -1 when the expansion would pass FUZZ_MAX_EXPANDED (skip the input). */
int fuzz_text_make(const char *s, size_t size, fuzz_text *t);
void fuzz_text_free(fuzz_text *t);

/* Where a path points, read as the library reads it. */
#define FUZZ_MAX_STEPS 512
typedef struct fuzz_place {
    const fm_value *node;         /* the value at the path */
    const fm_value *parent;       /* the mapping or sequence holding it */
    size_t at;                    /* its pair or item index in parent */
    size_t steps[FUZZ_MAX_STEPS]; /* indices from the root to parent */
    size_t depth;
} fuzz_place;

/* 0 and *p filled, or -1 when nothing is at the path. */
int fuzz_locate(const fm_value *root, const char *path, fuzz_place *p);
/* The container at p's steps from another root (the edited document's). */
const fm_value *fuzz_follow(const fm_value *root, const fuzz_place *p);

int fuzz_holds_alias(const fm_value *v);
/* Every top-level key of before that the path does not run through is in
 * after, in the same order, with an equal value (unless it holds an alias). */
void fuzz_check_others(const fm_value *before, const fm_value *after, const char *path);
/* The document's text re-read with cfg; aborts when it does not load. */
fm_doc *fuzz_reload(const fm_doc *doc, const fm_config *cfg);
/* A failed edit left the text as orig's and filled err. */
void fuzz_check_failed(const fm_doc *doc, const fm_doc *orig, const fm_error *err);
/* want and got are the same data; in JSON a timestamp reads back as the
 * string of its text. */
bool fuzz_same_value(const fm_value *want, const fm_value *got, bool json);

/* One edit on a fresh load of t: edit(doc, arg, err) makes it; when it
 * fails the text must be unchanged, when it succeeds the text must load
 * again and check(orig, again, arg) checks the result. */
typedef int (*fuzz_edit_fn)(fm_doc *doc, const void *arg, fm_error *err);
typedef void (*fuzz_check_fn)(const fm_doc *orig, const fm_doc *again, const void *arg);
void fuzz_run_edit(const fuzz_text *t, fuzz_edit_fn edit, fuzz_check_fn check,
                   const void *arg);
/* The entry point of a target whose input is a header line of `fields`
 * fields (the first one not empty) and a document: fn gets both. */
typedef void (*fuzz_input_fn)(const fuzz_fields *f, const fuzz_text *t);
void fuzz_with_header(const uint8_t *data, size_t size, int fields, fuzz_input_fn fn);

#endif
