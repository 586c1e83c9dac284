/* SPDX-License-Identifier: MIT */
/* batch_out.c - a batch run's standard output: buffers pooled per thread and
 * given back by the calling thread once written; writes in stdio's blocks. */
#include "batch_out.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* A buffer grown beyond this is freed, not pooled: a file with a huge output
 * keeps no memory for the rest of the run. */
#define SPARE_MAX ((size_t)1 << 16)
#define CACHE_LINE 64
#define IOV_CHUNK 64 /* slices per writev (IOV_MAX is 1024 on Linux) */

typedef struct spare {
    char *data;
    size_t cap;
} spare;

typedef struct stack {
    spare *v;
    size_t n, cap;
} stack;

/* A thread's buffers: it takes from own, alone; the calling thread gives
 * written ones back into back, under lock; own takes all of back when it is
 * empty. The line after keeps the next thread's pool off this one's line. */
typedef struct pool {
    stack own;
    pthread_mutex_t lock;
    stack back;
    char apart[CACHE_LINE];
} pool;

/* Bytes waiting for their write: [at, at + len) of a buffer of a thread. */
typedef struct slice {
    spare buf;
    size_t at, len;
    unsigned thread;
} slice;

struct batch_out {
    pool *pools;
    unsigned threads;
    size_t block; /* stdio's buffer size; 0: everything through fwrite */
    slice *pending;
    size_t count, cap;
    size_t bytes; /* in pending */
};

/* ===================================================================== */
/* Pools                                                                 */
/* ===================================================================== */

static int push(stack *s, spare b) {
    spare *v = grow_array(s->v, &s->cap, s->n + 1, sizeof *v, 64);
    if (!v)
        return -1;
    s->v = v;
    s->v[s->n++] = b;
    return 0;
}

static void stack_free(stack *s) {
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].data);
    free(s->v);
}

batch_out *batch_out_new(unsigned threads, size_t block) {
    batch_out *o = calloc(1, sizeof *o);
    pool *p = calloc(threads ? threads : 1, sizeof *p);
    if (!o || !p) {
        free(o);
        free(p);
        return NULL;
    }
    for (unsigned t = 0; t < threads; t++)
        pthread_mutex_init(&p[t].lock, NULL);
    o->pools = p;
    o->threads = threads;
    o->block = block;
    return o;
}

void batch_out_take(batch_out *o, unsigned thread, outbuf *b) {
    memset(b, 0, sizeof *b);
    if (!o || thread >= o->threads)
        return;
    pool *p = &o->pools[thread];
    if (p->own.n == 0) { /* all that was given back, in one step */
        pthread_mutex_lock(&p->lock);
        stack empty = p->own;
        p->own = p->back;
        p->back = empty;
        pthread_mutex_unlock(&p->lock);
    }
    if (p->own.n == 0)
        return;
    spare s = p->own.v[--p->own.n];
    b->data = s.data;
    b->cap = s.cap;
    b->data[0] = '\0';
}

void batch_out_keep_empty(batch_out *o, unsigned thread, outbuf *b) {
    if (!o || b->len || !b->data || thread >= o->threads)
        return;
    spare s = {b->data, b->cap};
    if (s.cap > SPARE_MAX || push(&o->pools[thread].own, s) != 0)
        free(s.data);
    memset(b, 0, sizeof *b);
}

/* On the calling thread: a buffer written goes back to its thread's pool. */
static void give_back(batch_out *o, unsigned thread, spare b) {
    if (!b.data)
        return;
    if (o && thread < o->threads && b.cap <= SPARE_MAX) {
        pool *p = &o->pools[thread];
        pthread_mutex_lock(&p->lock);
        int kept = push(&p->back, b) == 0;
        pthread_mutex_unlock(&p->lock);
        if (kept)
            return;
    }
    free(b.data);
}

/* ===================================================================== */
/* Writing                                                               */
/* ===================================================================== */

/* Every byte pending goes into stdio's buffer, and from now on each file's
 * bytes too (after a failed write, or out of memory). */
static void to_stdio(batch_out *o) {
    for (size_t i = 0; i < o->count; i++) {
        slice *s = &o->pending[i];
        fwrite(s->buf.data + s->at, 1, s->len, stdout);
        give_back(o, s->thread, s->buf);
    }
    o->count = o->bytes = 0;
    o->block = 0;
}

/* The iovecs for the first `want` bytes pending from slice `from` on (at
 * most IOV_CHUNK of them); returns how many. */
static int gather(const batch_out *o, size_t from, size_t want, struct iovec *iov) {
    int n = 0;
    for (size_t i = from, sum = 0; i < o->count && n < IOV_CHUNK && sum < want; i++) {
        const slice *s = &o->pending[i];
        size_t take = s->len < want - sum ? s->len : want - sum;
        iov[n].iov_base = s->buf.data + s->at;
        iov[n++].iov_len = take;
        sum += take;
    }
    return n;
}

/* Writes the first `want` bytes pending, as stdio's flush of a full buffer
 * and its write of whole blocks would; the buffers written go back. */
static void write_blocks(batch_out *o, size_t want) {
    struct iovec iov[IOV_CHUNK];
    size_t first = 0; /* the first slice not wholly written */
    int failed = 0;
    while (want > 0 && !failed) {
        ssize_t w = writev(1, iov, gather(o, first, want, iov));
        if (w < 0 && errno == EINTR)
            continue;
        failed = w <= 0;
        for (size_t left = w > 0 ? (size_t)w : 0; left > 0;) {
            slice *s = &o->pending[first];
            size_t k = s->len < left ? s->len : left;
            s->at += k;
            s->len -= k;
            left -= k;
            want -= k;
            o->bytes -= k;
            if (s->len == 0)
                give_back(o, s->thread, o->pending[first++].buf);
        }
    }
    o->count -= first;
    memmove(o->pending, o->pending + first, o->count * sizeof *o->pending);
    if (failed) /* stdio tries again, and fails or not as it would have */
        to_stdio(o);
}

void batch_out_write(batch_out *o, unsigned thread, outbuf *b) {
    spare buf = {b->data, b->cap};
    size_t len = b->len;
    memset(b, 0, sizeof *b);
    if (o && o->block && len) {
        slice *p = grow_array(o->pending, &o->cap, o->count + 1, sizeof *p, 64);
        if (p)
            o->pending = p;
        else
            to_stdio(o); /* out of memory: through stdio from now on */
    }
    if (!o || !o->block || !len) {
        if (len)
            fwrite(buf.data, 1, len, stdout);
        give_back(o, thread, buf);
        return;
    }
    o->pending[o->count++] = (slice){buf, 0, len, thread};
    o->bytes += len;
    /* stdio writes when a byte comes that its full buffer has no room for:
     * the buffer and then as many whole blocks as there are */
    if (o->bytes > o->block)
        write_blocks(o, o->bytes / o->block * o->block);
}

void batch_out_end(batch_out *o) {
    if (!o)
        return;
    to_stdio(o);
    for (unsigned t = 0; t < o->threads; t++) {
        stack_free(&o->pools[t].own);
        stack_free(&o->pools[t].back);
        pthread_mutex_destroy(&o->pools[t].lock);
    }
    free(o->pools);
    free(o->pending);
    free(o);
}
