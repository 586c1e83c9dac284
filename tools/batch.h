/* SPDX-License-Identifier: MIT */
/* batch.h - runs a per-file command over many files: folders walked
 * recursively with include/exclude globs, N worker threads, output kept in
 * input order, a progress bar on a terminal. */
#ifndef FMATTER_TOOL_BATCH_H
#define FMATTER_TOOL_BATCH_H

#include "json.h"

typedef struct batch_options {
    int jobs;              /* worker threads; 0: the number of cores */
    const char **include;  /* globs a file found in a folder must match */
    size_t include_count;  /* 0: the Markdown defaults */
    const char **exclude;  /* globs that skip a file or a folder */
    size_t exclude_count;
    int progress;          /* -1 never, 0 auto (terminal and long run), 1 always */
} batch_options;

/* Handles one file: writes what goes to stdout into out and to stderr into
 * err, returns its exit status (EXIT_OK, EXIT_FAILED, EXIT_USAGE). */
typedef int (*batch_fn)(const char *path, void *ctx, outbuf *out, outbuf *err);

/* Parses the batch options at argv[*i] (-j N, -jN, --jobs N, --include G,
 * --exclude G, --progress, --no-progress); returns 1 when it took one (and
 * advances *i past its value), 0 when argv[*i] is not one, -1 on an error. */
int batch_option(int argc, char **argv, int *i, batch_options *o);

/* Runs fn over the files and folders in paths; returns the largest status. */
int batch_run(char **paths, int count, const batch_options *o, batch_fn fn, void *ctx);

#endif
