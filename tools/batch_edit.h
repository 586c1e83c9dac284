/* SPDX-License-Identifier: MIT */
/* batch_edit.h - one edit over one file or many (set, unset, rename, and any
 * command that rewrites files in place): the per-file callback, its options. */
#ifndef FMATTER_TOOL_BATCH_EDIT_H
#define FMATTER_TOOL_BATCH_EDIT_H

#include "batch.h"
#include "where.h"

/* The options every editing command shares. */
typedef struct batch_edit_options {
    batch_options batch; /* -j, --include, --exclude, --progress (unique is set) */
    int dry_run;         /* -n: print the diffs, write nothing */
    int force;           /* --force: save with FM_SAVE_FORCE */
    where_list where;    /* --where: edit only the files meeting all of them */
} batch_edit_options;

/* Parses an option of every editing command at argv[*i]: -n, --dry-run,
 * --force, --where EXPR and the batch options (batch_option). Returns 1
 * when it took one (advancing *i past its value), 0 when argv[*i] is not
 * one, -1 after printing why it is wrong. */
int batch_edit_option(int argc, char **argv, int *i, batch_edit_options *o);
/* Frees what batch_edit_option allocated; o stays usable (empty). */
void batch_edit_options_free(batch_edit_options *o);

/* 1 when paths make an edit of many files (more than one path, or a
 * folder): then the run ends with a summary line. */
int batch_edit_many(char **paths, int count);

/* The per-file action: edits doc, loaded from one file, in place with the
 * library's editing calls (fm_doc_set, fm_doc_remove, fm_doc_rename,
 * fm_doc_convert...). It runs in a worker thread, several at once: ctx is
 * shared by every call and must only be read; doc belongs to this call
 * alone (batch_edit frees it). Returns
 *    0  done: batch_edit compares the text before and after, and saves the
 *       file (or, with -n, prints its diff) only when the text changed;
 *    1  leave this file alone: it counts as unchanged, nothing is written;
 *   -1  the edit failed, with *err filled: reported as
 *       `FILE:LINE:COL: error: MESSAGE` (`FILE: error: MESSAGE` when
 *       err->line is 0), the file counts as failed and is not written.
 * The files that do not load or do not meet o->where never reach it. */
typedef int (*batch_edit_fn)(fm_doc *doc, void *ctx, fm_error *err);

/* Runs fn on each file of paths (folders walked as batch_run walks them,
 * each file once) that loads and meets o->where; saves each file whose text
 * changed with fm_doc_save_opts (atomically; refused when the file changed
 * on disk since it was read, unless o->force), or with -n appends its diff
 * to the one unified diff of the run, on stdout in input order (operands in
 * order, each folder's files sorted by name), whatever o->batch.jobs is.
 * A file that fails does not stop the others. Over many files
 * (batch_edit_many) ends with the summary line on stderr:
 *     N files changed, M unchanged, K failed      (-n: N files would change)
 * ("1 file" for one). Returns EXIT_OK; EXIT_FAILED when a file did not load,
 * an edit failed or a save was refused (--force would save); EXIT_USAGE for
 * a file or folder that cannot be read, a failed save or output, or "-"
 * without -n. */
int batch_edit(char **paths, int count, const batch_edit_options *o, batch_edit_fn fn,
               void *ctx);

#endif
