/* SPDX-License-Identifier: MIT */
/* batch_edit.c - one edit over many files: the options the editing commands
 * share, each file edited in a worker of fm_load_many and saved atomically
 * (or diffed with -n), and the summary line of the run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch_edit.h"
#include "commands.h"
#include "diff.h"

int batch_edit_option(int argc, char **argv, int *i, batch_edit_options *o) {
    const char *a = argv[*i];
    if (strcmp(a, "-n") == 0 || strcmp(a, "--dry-run") == 0) {
        o->dry_run = 1;
        return 1;
    }
    if (strcmp(a, "--force") == 0) {
        o->force = 1;
        return 1;
    }
    if (strcmp(a, "--where") != 0)
        return batch_option(argc, argv, i, &o->batch);
    if (*i + 1 >= argc) {
        fprintf(stderr, "fmatter: --where needs a value\n");
        return -1;
    }
    return where_add(&o->where, argv[++*i]) == 0 ? 1 : -1;
}

void batch_edit_options_free(batch_edit_options *o) {
    free(o->batch.include);
    free(o->batch.exclude);
    o->batch.include = o->batch.exclude = NULL;
    where_free(&o->where);
}

int batch_edit_many(char **paths, int count) {
    struct stat st;
    return count > 1 || (count == 1 && strcmp(paths[0], "-") != 0 &&
                         stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode));
}

/* ===================================================================== */
/* One file, in a worker                                                 */
/* ===================================================================== */

typedef struct edit_job {
    const batch_edit_options *o;
    batch_edit_fn fn;
    void *ctx;
} edit_job;

/* Saves doc over the file it was loaded from. */
static int save(const char *path, fm_doc *doc, int force, outbuf *err,
                batch_outcome *outcome) {
    fm_error e;
    if (fm_doc_save_opts(doc, NULL, force ? FM_SAVE_FORCE : 0, &e) == 0) {
        *outcome = BATCH_CHANGED;
        return EXIT_OK;
    }
    *outcome = BATCH_FAILED;
    if (e.code != FM_ERR_CONFLICT && e.code != FM_ERR_REFUSED) {
        batch_report(err, path, "error", 0, 0, e.message);
        return EXIT_USAGE;
    }
    /* the file changed on disk, is read-only, or would lose its owner or
     * attributes: the user decides */
    ob_printf(err, "%s: error: %s (--force saves anyway)\n", path, e.message);
    return EXIT_FAILED;
}

/* After a successful edit: the diff, or the save of a changed file. */
static int finish(const char *path, const char *old, size_t old_len, fm_doc *doc,
                  const batch_edit_options *o, outbuf *out, outbuf *err,
                  batch_outcome *outcome) {
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    int same = old_len == len && memcmp(old, text, len) == 0;
    if (o->dry_run) {
        unified_diff(out, path, old, old_len, text, len);
        *outcome = same ? BATCH_UNCHANGED : BATCH_CHANGED;
        return EXIT_OK;
    }
    if (strcmp(path, "-") == 0) {
        ob_puts(err, "fmatter: cannot edit standard input in place (use -n)\n");
        *outcome = BATCH_FAILED;
        return EXIT_USAGE;
    }
    if (same)
        return EXIT_OK; /* nothing changed: leave the file alone */
    return save(path, doc, o->force, err, outcome);
}

static int edit_one(const char *path, fm_doc *doc, const fm_error *load_err, void *arg,
                    outbuf *out, outbuf *err, batch_outcome *outcome) {
    const edit_job *job = arg;
    if (!doc) {
        batch_report(err, path, "error", load_err->line, load_err->column,
                     load_err->message);
        *outcome = BATCH_FAILED;
        return load_err->code == FM_ERR_IO ? EXIT_USAGE : EXIT_FAILED;
    }
    if (!where_match(&job->o->where, doc))
        return EXIT_OK;
    fm_error e;
    size_t old_len;
    char *old = fm_doc_emit(doc, &old_len, &e);
    int rc = old ? job->fn(doc, job->ctx, &e) : -1;
    int status = EXIT_OK;
    if (rc < 0) {
        batch_report(err, path, "error", e.line, e.column, e.message);
        *outcome = BATCH_FAILED;
        status = EXIT_FAILED;
    } else if (rc == 0) {
        status = finish(path, old, old_len, doc, job->o, out, err, outcome);
    }
    fm_free(old);
    return status;
}

/* ===================================================================== */
/* The run                                                               */
/* ===================================================================== */

int batch_edit(char **paths, int count, const batch_edit_options *o, batch_edit_fn fn,
               void *ctx) {
    batch_options bo = o->batch;
    bo.unique = 1;
    edit_job job = {o, fn, ctx};
    batch_tally t;
    int status = batch_run_tally(paths, count, &bo, edit_one, &job, &t);
    if (tool_flush_stdout() != 0)
        status = EXIT_USAGE;
    if (batch_edit_many(paths, count)) {
        size_t changed = t.files[BATCH_CHANGED];
        fprintf(stderr, "%zu file%s %s, %zu unchanged, %zu failed\n", changed,
                changed == 1 ? "" : "s", o->dry_run ? "would change" : "changed",
                t.files[BATCH_UNCHANGED], t.files[BATCH_FAILED]);
    }
    return status;
}
