/* SPDX-License-Identifier: MIT */
/* batch.c - many documents at once (fm_load_many): threads take items in
 * batches, load them and run the caller's work where they were loaded; the
 * calling thread works too and hands results over in input order. */
#include "private.h"

#include <pthread.h>
#include <unistd.h>

#define MAX_THREADS 256
#define MAX_AUTO_BATCH 32
/* Batches in flight per thread: loaded but not yet handed over, or being
 * loaded. It bounds the memory held when the next item to hand over is slow. */
#define WINDOW_PER_THREAD 4

typedef struct run {
    const fm_load_item *items;
    size_t count;
    fm_load_options opts;
    fm_config cfg;
    fm_load_result *results; /* the caller's, or NULL */
    size_t batch;            /* items per batch */
    size_t nbatches;
    size_t window;           /* batches in flight at most */
    fm_load_result *slots;   /* window * batch results: batch k uses row k % window */
    unsigned char *user;     /* the same rows of user_size scratch bytes */
    size_t user_stride;
    bool *finished;          /* per row: loaded, not handed over yet */
    /* Shared by the threads, under lock. */
    size_t next;      /* the next batch to take */
    size_t delivered; /* batches handed over */
    bool caller_waits;
    size_t workers_waiting;
    pthread_mutex_t lock;
    pthread_cond_t finished_one; /* the calling thread waits for it */
    pthread_cond_t moved;        /* the window moved: workers wait for it */
} run;

typedef struct worker {
    run *run;
    unsigned id;
    pthread_t thread;
} worker;

/* ===================================================================== */
/* One item, one batch                                                   */
/* ===================================================================== */

static fm_load_result *slot(run *r, size_t i, unsigned char **user) {
    size_t row = (i / r->batch) % r->window, k = row * r->batch + i % r->batch;
    *user = r->user ? r->user + k * r->user_stride : NULL;
    return &r->slots[k];
}

static void load_item(run *r, size_t i, unsigned worker_id) {
    unsigned char *user;
    fm_load_result *res = slot(r, i, &user);
    memset(res, 0, sizeof *res);
    res->index = i;
    res->worker = worker_id;
    if (user) {
        memset(user, 0, r->opts.user_size);
        res->user = user;
    }
    const fm_load_item *it = &r->items[i];
    res->doc = it->path ? fm_doc_load_file_config(it->path, &r->cfg, &res->error)
                        : fm_doc_parse_config(it->text, it->len, &r->cfg, &res->error);
    if (res->doc)
        res->error.code = FM_OK;
    if (r->opts.work)
        r->opts.work(res, r->opts.ud);
    if (!r->results && !r->opts.done && res->doc) {
        fm_doc_free(res->doc); /* nobody takes it */
        res->doc = NULL;
    }
}

static size_t batch_end(const run *r, size_t k) {
    size_t end = (k + 1) * r->batch;
    return end < r->count ? end : r->count;
}

static void load_batch(run *r, size_t k, unsigned worker_id) {
    for (size_t i = k * r->batch, end = batch_end(r, k); i < end; i++)
        load_item(r, i, worker_id);
}

/* Hands batch k over: into results, then to done, in input order. */
static void deliver_batch(run *r, size_t k) {
    for (size_t i = k * r->batch, end = batch_end(r, k); i < end; i++) {
        unsigned char *user;
        fm_load_result *res = slot(r, i, &user);
        if (r->results) {
            r->results[i] = *res;
            r->results[i].user = NULL;
        }
        if (r->opts.done)
            r->opts.done(res, r->opts.ud);
    }
}

/* ===================================================================== */
/* Threads                                                               */
/* ===================================================================== */

static void *worker_main(void *arg) {
    worker *w = arg;
    run *r = w->run;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->next < r->nbatches && r->next >= r->delivered + r->window) {
            r->workers_waiting++;
            pthread_cond_wait(&r->moved, &r->lock);
            r->workers_waiting--;
        }
        if (r->next >= r->nbatches)
            break;
        size_t k = r->next++;
        pthread_mutex_unlock(&r->lock);
        load_batch(r, k, w->id);
        pthread_mutex_lock(&r->lock);
        r->finished[k % r->window] = true;
        if (r->caller_waits)
            pthread_cond_signal(&r->finished_one);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

/* The calling thread: hands over the next batch as soon as it is loaded,
 * loads batches itself while it would otherwise wait. */
static void caller_main(run *r) {
    pthread_mutex_lock(&r->lock);
    while (r->delivered < r->nbatches) {
        size_t d = r->delivered;
        if (r->finished[d % r->window]) {
            pthread_mutex_unlock(&r->lock);
            deliver_batch(r, d);
            pthread_mutex_lock(&r->lock);
            r->finished[d % r->window] = false;
            r->delivered++;
            if (r->workers_waiting)
                pthread_cond_broadcast(&r->moved);
        } else if (r->next < r->nbatches && r->next < d + r->window) {
            size_t k = r->next++;
            pthread_mutex_unlock(&r->lock);
            load_batch(r, k, 0);
            pthread_mutex_lock(&r->lock);
            r->finished[k % r->window] = true;
        } else {
            r->caller_waits = true;
            pthread_cond_wait(&r->finished_one, &r->lock);
            r->caller_waits = false;
        }
    }
    pthread_mutex_unlock(&r->lock);
}

/* Starts threads - 1 workers (fewer when some cannot be created), works
 * with them, and waits for them. */
static void run_threads(run *r, unsigned threads, worker *workers) {
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->finished_one, NULL);
    pthread_cond_init(&r->moved, NULL);
    unsigned started = 0;
    for (unsigned t = 1; t < threads; t++) {
        workers[started] = (worker){r, t, 0};
        if (pthread_create(&workers[started].thread, NULL, worker_main,
                           &workers[started]) != 0)
            break;
        started++;
    }
    caller_main(r);
    for (unsigned t = 0; t < started; t++)
        pthread_join(workers[t].thread, NULL);
    pthread_cond_destroy(&r->moved);
    pthread_cond_destroy(&r->finished_one);
    pthread_mutex_destroy(&r->lock);
}

/* ===================================================================== */
/* Entry point                                                           */
/* ===================================================================== */

void fm_load_options_init(fm_load_options *opts) {
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->size = sizeof *opts;
}

/* The fields the caller's struct has (size 0: all of this header's). */
static void options_copy(fm_load_options *dst, const fm_load_options *src) {
    fm_load_options_init(dst);
    if (!src)
        return;
    size_t n = src->size == 0 || src->size > sizeof *dst ? sizeof *dst : src->size;
    memcpy(dst, src, n);
    dst->size = sizeof *dst;
}

static unsigned thread_count(const fm_load_options *o, size_t nbatches) {
    size_t n = o->threads;
    if (n == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        n = cores > 0 ? (size_t)cores : 1;
    }
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    return (unsigned)(n < nbatches ? n : nbatches ? nbatches : 1);
}

/* Items per batch: at most MAX_AUTO_BATCH, and about eight batches per
 * thread when there are few items, so that threads share them evenly. */
static size_t batch_size(const fm_load_options *o, size_t count, size_t threads) {
    if (o->batch)
        return o->batch < count ? o->batch : count;
    size_t b = count / (8 * threads);
    return b < 1 ? 1 : b > MAX_AUTO_BATCH ? MAX_AUTO_BATCH : b;
}

int fm_load_many(const fm_load_item *items, size_t count, const fm_load_options *opts,
                 fm_load_result *results, fm_error *err) {
    if (!items && count)
        return fmp_fail(err, FM_ERR_ARG, "fm_load_many: NULL items");
    if (count == 0)
        return 0;
    run r;
    memset(&r, 0, sizeof r);
    r.items = items;
    r.count = count;
    r.results = results;
    options_copy(&r.opts, opts);
    fmp_config_copy(&r.cfg, r.opts.config);
    unsigned threads = thread_count(&r.opts, count);
    r.batch = batch_size(&r.opts, count, threads);
    r.nbatches = count / r.batch + (count % r.batch != 0);
    threads = thread_count(&r.opts, r.nbatches);
    r.window = threads == 1 ? 1 : (size_t)threads * WINDOW_PER_THREAD;
    if (r.window > r.nbatches)
        r.window = r.nbatches;
    size_t nslots = r.window * r.batch;
    const fm_allocator *al = fmp_allocator_or_default(r.cfg.allocator);
    bool fits = r.opts.user_size <= SIZE_MAX / 2 / nslots;
    r.user_stride = fits ? (r.opts.user_size + 15) & ~(size_t)15 : 0;
    r.slots = fmp_malloc(al, nslots * sizeof *r.slots);
    r.finished = fmp_malloc(al, r.window * sizeof *r.finished);
    r.user = r.user_stride ? fmp_malloc(al, nslots * r.user_stride) : NULL;
    worker *workers = threads > 1 ? fmp_malloc(al, (threads - 1) * sizeof *workers) : NULL;
    int rc = 0;
    if (!fits || !r.slots || !r.finished || (r.user_stride && !r.user) ||
        (threads > 1 && !workers)) {
        rc = fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    } else if (threads == 1) {
        for (size_t k = 0; k < r.nbatches; k++) {
            load_batch(&r, k, 0);
            deliver_batch(&r, k);
        }
    } else {
        memset(r.finished, 0, r.window * sizeof *r.finished);
        run_threads(&r, threads, workers);
    }
    fmp_free(al, workers);
    fmp_free(al, r.user);
    fmp_free(al, r.finished);
    fmp_free(al, r.slots);
    return rc;
}
