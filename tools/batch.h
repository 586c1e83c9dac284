/* SPDX-License-Identifier: MIT */
/* batch.h - runs a per-file command over many files: folders walked
 * recursively with include/exclude globs, the files loaded by fm_load_many
 * with N threads, output kept in input order, a progress bar on a terminal,
 * and a tally of how the files came out (batch_edit.h builds edits on it). */
#ifndef FMATTER_TOOL_BATCH_H
#define FMATTER_TOOL_BATCH_H

#include "json.h"

typedef struct batch_options {
    int jobs;              /* threads; 0: the number of cores */
    const char **include;  /* globs a file found in a folder must match */
    size_t include_count;  /* 0: the Markdown defaults */
    const char **exclude;  /* globs that skip a file or a folder */
    size_t exclude_count;
    int progress;          /* -1 never, 0 auto (terminal and long run), 1 always */
    unsigned load_options; /* FM_OPT_* every file is loaded with */
    int unique;            /* 1: a file reached twice (same device and inode:
                              named twice, a link) is kept once, where first */
} batch_options;

/* Parses the batch options at argv[*i] (-j N, -jN, --jobs N, --include G,
 * --exclude G, --progress, --no-progress); returns 1 when it took one (and
 * advances *i past its value), 0 when argv[*i] is not one, -1 on an error. */
int batch_option(int argc, char **argv, int *i, batch_options *o);

/* Handles one file in a worker thread: doc is the loaded document, or NULL
 * with load_err saying why it did not load; the document is freed after fn
 * returns. Writes what goes to stdout into out and to stderr into err, and
 * returns the file's exit status (EXIT_OK, EXIT_FAILED, EXIT_USAGE). */
typedef int (*batch_fn)(const char *path, fm_doc *doc, const fm_error *load_err,
                        void *ctx, outbuf *out, outbuf *err);

/* Runs fn over the files and folders in paths (standard input for "-");
 * returns the largest status, EXIT_USAGE when a folder could not be read. */
int batch_run(char **paths, int count, const batch_options *o, batch_fn fn, void *ctx);

/* How a file came out of a run, for a summary. */
typedef enum batch_outcome { BATCH_UNCHANGED, BATCH_CHANGED, BATCH_FAILED } batch_outcome;
typedef struct batch_tally {
    size_t files[3]; /* by outcome: files[BATCH_CHANGED]... */
} batch_tally;

/* A batch_fn that also says how its file came out: *outcome is
 * BATCH_UNCHANGED when fn leaves it. */
typedef int (*batch_tally_fn)(const char *path, fm_doc *doc, const fm_error *load_err,
                              void *ctx, outbuf *out, outbuf *err,
                              batch_outcome *outcome);

/* batch_run with a tally_fn, counting the files in *tally (zeroed first). */
int batch_run_tally(char **paths, int count, const batch_options *o, batch_tally_fn fn,
                    void *ctx, batch_tally *tally);

/* Appends `path:line:col: kind: message` (or `path: kind: message` when
 * line is 0) and a newline to b: tool_report for a worker's output. */
void batch_report(outbuf *b, const char *path, const char *kind, unsigned line,
                  unsigned column, const char *message);

#endif
