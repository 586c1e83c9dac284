/* SPDX-License-Identifier: MIT */
/* batch.h - runs a per-file command over many files: folders walked
 * recursively with include/exclude globs, the files loaded by fm_load_many
 * with N threads, output kept in input order, a progress bar on a terminal. */
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
} batch_options;

/* Parses the batch options at argv[*i] (-j N, -jN, --jobs N, --include G,
 * --exclude G, --progress, --no-progress); returns 1 when it took one (and
 * advances *i past its value), 0 when argv[*i] is not one, -1 on an error. */
int batch_option(int argc, char **argv, int *i, batch_options *o);

/* A list of files (malloc'd copies of their paths). */
typedef struct batch_files {
    char **paths;
    size_t count, cap;
} batch_files;

/* The files named by paths: a file as given ("-" included), a folder walked
 * recursively in sorted order, keeping the files that match an include glob
 * and skipping whatever matches an exclude glob (on its name or its path)
 * and names starting with a dot. Appends to *out. Returns 0; 1 when a folder
 * could not be read (reported on stderr, the rest is listed); -1 when out of
 * memory. */
int batch_expand(char **paths, int count, const batch_options *o, batch_files *out);
void batch_files_free(batch_files *files);

/* Handles one file in a worker thread: doc is the loaded document, or NULL
 * with load_err saying why it did not load; the document is freed after fn
 * returns. Writes what goes to stdout into out and to stderr into err, and
 * returns the file's exit status (EXIT_OK, EXIT_FAILED, EXIT_USAGE). */
typedef int (*batch_fn)(const char *path, fm_doc *doc, const fm_error *load_err,
                        void *ctx, outbuf *out, outbuf *err);

/* Runs fn over the files and folders in paths (standard input for "-");
 * returns the largest status, EXIT_USAGE when a folder could not be read. */
int batch_run(char **paths, int count, const batch_options *o, batch_fn fn, void *ctx);

#endif
