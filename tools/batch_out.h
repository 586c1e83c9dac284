/* SPDX-License-Identifier: MIT */
/* batch_out.h - a batch run's standard output: each file's bytes in a buffer
 * from its thread's pool (none allocated or freed per file, none freed by
 * another thread), written from there in the blocks stdio would write. */
#ifndef FMATTER_TOOL_BATCH_OUT_H
#define FMATTER_TOOL_BATCH_OUT_H

#include "json.h"

typedef struct batch_out batch_out;

/* Pools for threads 0 to threads - 1 (a buffer for another thread is
 * allocated and freed as it comes). block > 0: stdout is fully buffered by
 * stdio with a buffer of that size and holds nothing yet; the bytes go to
 * file descriptor 1 as stdio would write them (the same bytes in the same
 * writes, at the same points of the run), without being copied into its
 * buffer. block 0: they go through fwrite. NULL when out of memory. */
batch_out *batch_out_new(unsigned threads, size_t block);

/* In thread `thread`: b (empty, owning nothing) gets an empty buffer. */
void batch_out_take(batch_out *o, unsigned thread, outbuf *b);

/* In thread `thread`, after take: b's buffer goes back to its pool when b
 * holds nothing; b is left owning nothing then. */
void batch_out_keep_empty(batch_out *o, unsigned thread, outbuf *b);

/* On the calling thread, in output order: b's bytes go to standard output;
 * its buffer, taken in `thread`, goes back to that thread's pool once they
 * are written. b is left owning nothing. */
void batch_out_write(batch_out *o, unsigned thread, outbuf *b);

/* On the calling thread at the end: the bytes not written yet go into
 * stdio's buffer, where stdio would have them (a write that failed leaves
 * its bytes there too, for stdio to fail on or write at its flush), and
 * everything is freed. NULL is a no-op. */
void batch_out_end(batch_out *o);

#endif
