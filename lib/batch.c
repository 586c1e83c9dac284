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
/* Files open at once through io_uring, all threads together (a thread reads
 * up to FMP_RING_FILES at a time, fewer when there are many threads); below
 * MIN_RING_FILES at a time a thread reads its files one by one. */
#define MAX_FILES_OPEN 256
#define MIN_RING_FILES 4

typedef struct run {
    const fm_load_item *items; /* the first items, the caller's */
    size_t first;              /* how many */
    fm_load_options opts;
    fm_config cfg;
    fm_config file_cfg; /* cfg as fm_doc_load_file_config uses it */
    const fm_allocator *al;
    fm_load_result *results; /* the caller's, or NULL */
    size_t batch;            /* items per batch at most */
    size_t ring_files;       /* files a thread reads at once through its ring;
                                0: one by one (fmp_read_file) */
    size_t window;           /* batches in flight at most */
    fm_load_result *slots;   /* window * batch results: batch k uses row k % window */
    fm_load_item *slot_items; /* the items those results are for */
    unsigned char *user;     /* the same rows of user_size scratch bytes */
    size_t user_stride;
    size_t *row_start, *row_end; /* per row: the items of its batch */
    bool *finished;          /* per row: loaded, not handed over yet */
    /* Shared by the threads, under lock (only the calling thread writes
     * more, more_count, more_cap and ended). */
    fm_load_item *more;  /* copies of the items opts.more gave */
    size_t more_count, more_cap;
    size_t count;        /* items known: first + more_count */
    bool ended;          /* no item will come after the count known */
    bool failed;         /* out of memory for further items */
    size_t taken;        /* items in the batches taken */
    size_t next;         /* the next batch to take */
    size_t delivered;    /* batches handed over */
    bool caller_waits;
    size_t workers_waiting;
    pthread_mutex_t lock;
    pthread_cond_t finished_one; /* the calling thread waits for it */
    pthread_cond_t moved;        /* the window moved or items came: workers wait */
} run;

/* What a loading thread reads its files with: its own io_uring, made when
 * it first has files to read (NULL when the kernel offers none). */
typedef struct reader {
    fmp_ring *ring;
    bool tried;
} reader;

typedef struct worker {
    run *run;
    unsigned id;
    pthread_t thread;
} worker;

/* ===================================================================== */
/* One item, one batch                                                   */
/* ===================================================================== */

static size_t slot_of(const run *r, size_t k, size_t i) {
    size_t row = k % r->window;
    return row * r->batch + (i - r->row_start[row]);
}

/* Loads item i of batch k; ahead: the file read already (or NULL). */
static void load_item(run *r, size_t k, size_t i, unsigned worker_id,
                      fmp_read_ahead *ahead) {
    size_t s = slot_of(r, k, i);
    fm_load_result *res = &r->slots[s];
    unsigned char *user = r->user ? r->user + s * r->user_stride : NULL;
    memset(res, 0, sizeof *res);
    res->index = i;
    res->worker = worker_id;
    if (user) {
        memset(user, 0, r->opts.user_size);
        res->user = user;
    }
    const fm_load_item *it = &r->slot_items[s];
    if (ahead && ahead->buf)
        res->doc = fmp_doc_load_read(it->path, ahead, &r->file_cfg, &res->error);
    else if (it->path)
        res->doc = fmp_doc_load_file(it->path, &r->file_cfg, &res->error);
    else
        res->doc = fm_doc_parse_config(it->text, it->len, &r->cfg, &res->error);
    if (res->doc)
        res->error.code = FM_OK;
    if (r->opts.work)
        r->opts.work(res, r->opts.ud);
    if (!r->results && !r->opts.done && res->doc) {
        fm_doc_free(res->doc); /* nobody takes it */
        res->doc = NULL;
    }
}

/* Takes the next batch (the caller holds the lock when there are threads):
 * up to r->batch of the items known, copied into its row. Returns its
 * number. */
static size_t take_batch(run *r) {
    size_t k = r->next++, row = k % r->window;
    size_t n = r->count - r->taken < r->batch ? r->count - r->taken : r->batch;
    r->row_start[row] = r->taken;
    r->row_end[row] = r->taken + n;
    for (size_t j = 0; j < n; j++) {
        size_t i = r->taken + j;
        r->slot_items[row * r->batch + j] = i < r->first ? r->items[i]
                                                         : r->more[i - r->first];
    }
    r->taken += n;
    return k;
}

/* The ring of rd, made on first use; NULL when there is none. */
static fmp_ring *reader_ring(run *r, reader *rd) {
    if (!rd->tried) {
        rd->tried = true;
        rd->ring = fmp_ring_new(r->al);
    }
    return rd->ring;
}

/* Loads items [i, end) of batch k, reading the files among them first,
 * together, when there are two or more and a ring. */
static void load_chunk(run *r, size_t k, size_t i, size_t end, unsigned worker_id,
                       reader *rd) {
    const char *paths[FMP_RING_FILES];
    size_t at[FMP_RING_FILES], n = 0;
    for (size_t j = i; j < end; j++) {
        const char *path = r->slot_items[slot_of(r, k, j)].path;
        if (path) {
            at[n] = j;
            paths[n++] = path;
        }
    }
    fmp_read_ahead ahead[FMP_RING_FILES];
    fmp_ring *ring = n >= 2 ? reader_ring(r, rd) : NULL;
    if (ring)
        fmp_ring_read(ring, paths, n, r->al, r->file_cfg.max_input_size,
                      r->file_cfg.options, ahead);
    for (size_t j = i, m = 0; j < end; j++) {
        bool file = m < n && at[m] == j;
        load_item(r, k, j, worker_id, ring && file ? &ahead[m] : NULL);
        m += file;
    }
}

static void load_batch(run *r, size_t k, unsigned worker_id, reader *rd) {
    size_t row = k % r->window, end = r->row_end[row];
    size_t step = r->ring_files ? r->ring_files : end - r->row_start[row];
    for (size_t i = r->row_start[row]; i < end; i += step) {
        size_t to = end - i < step ? end : i + step;
        if (r->ring_files)
            load_chunk(r, k, i, to, worker_id, rd);
        else
            for (size_t j = i; j < to; j++)
                load_item(r, k, j, worker_id, NULL);
    }
}

/* Hands batch k over: into results, then to done, in input order. */
static void deliver_batch(run *r, size_t k) {
    size_t row = k % r->window;
    for (size_t i = r->row_start[row], end = r->row_end[row]; i < end; i++) {
        fm_load_result *res = &r->slots[slot_of(r, k, i)];
        if (r->results) {
            r->results[i] = *res;
            r->results[i].user = NULL;
        }
        if (r->opts.done)
            r->opts.done(res, r->opts.ud);
    }
}

/* Room for n more copies of items; false when out of memory. */
static bool more_room(run *r, size_t n) {
    if (n > SIZE_MAX / 2 / sizeof *r->more - r->more_count)
        return false;
    if (r->more_count + n <= r->more_cap)
        return true;
    size_t cap = r->more_cap ? 2 * r->more_cap : 256;
    while (cap < r->more_count + n)
        cap *= 2;
    fm_load_item *m =
        fmp_realloc(r->al, r->more, r->more_cap * sizeof *m, cap * sizeof *m);
    if (!m)
        return false;
    r->more = m;
    r->more_cap = cap;
    return true;
}

/* On the calling thread, without the lock: asks opts.more for further
 * items and appends copies of them (under the lock when `locked`). */
static void ask_more(run *r, bool locked) {
    size_t n = 0;
    const fm_load_item *got = r->opts.more(&n, r->opts.ud);
    if (locked)
        pthread_mutex_lock(&r->lock);
    if (!got || n == 0) {
        r->ended = true;
    } else if (!more_room(r, n)) {
        r->ended = r->failed = true;
    } else {
        memcpy(r->more + r->more_count, got, n * sizeof *got);
        r->more_count += n;
        r->count += n;
    }
    if (locked) {
        if (r->workers_waiting)
            pthread_cond_broadcast(&r->moved);
        pthread_mutex_unlock(&r->lock);
    }
}

/* Everything on the calling thread, batch after batch. */
static void run_alone(run *r) {
    reader rd = {NULL, false};
    for (;;) {
        while (r->taken < r->count) {
            size_t k = take_batch(r);
            load_batch(r, k, 0, &rd);
            deliver_batch(r, k);
        }
        if (r->ended)
            break;
        ask_more(r, false);
    }
    fmp_ring_free(rd.ring, r->al);
}

/* ===================================================================== */
/* Threads                                                               */
/* ===================================================================== */

static bool can_take(const run *r) {
    return r->taken < r->count && r->next < r->delivered + r->window;
}

static void *worker_main(void *arg) {
    worker *w = arg;
    run *r = w->run;
    reader rd = {NULL, false};
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (!can_take(r) && !(r->ended && r->taken == r->count)) {
            r->workers_waiting++;
            pthread_cond_wait(&r->moved, &r->lock);
            r->workers_waiting--;
        }
        if (!can_take(r))
            break;
        size_t k = take_batch(r);
        pthread_mutex_unlock(&r->lock);
        load_batch(r, k, w->id, &rd);
        pthread_mutex_lock(&r->lock);
        r->finished[k % r->window] = true;
        if (r->caller_waits)
            pthread_cond_signal(&r->finished_one);
    }
    pthread_mutex_unlock(&r->lock);
    fmp_ring_free(rd.ring, r->al);
    return NULL;
}

/* The calling thread: hands over the next batch as soon as it is loaded,
 * asks for more items while there may be some, and loads batches itself
 * while it would otherwise wait. */
static void caller_main(run *r) {
    reader rd = {NULL, false};
    pthread_mutex_lock(&r->lock);
    for (;;) {
        size_t d = r->delivered;
        if (d < r->next && r->finished[d % r->window]) {
            pthread_mutex_unlock(&r->lock);
            deliver_batch(r, d);
            pthread_mutex_lock(&r->lock);
            r->finished[d % r->window] = false;
            r->delivered++;
            if (r->workers_waiting)
                pthread_cond_broadcast(&r->moved);
        } else if (!r->ended) {
            pthread_mutex_unlock(&r->lock);
            ask_more(r, true);
            pthread_mutex_lock(&r->lock);
        } else if (can_take(r)) {
            size_t k = take_batch(r);
            pthread_mutex_unlock(&r->lock);
            load_batch(r, k, 0, &rd);
            pthread_mutex_lock(&r->lock);
            r->finished[k % r->window] = true;
        } else if (d < r->next) {
            r->caller_waits = true;
            pthread_cond_wait(&r->finished_one, &r->lock);
            r->caller_waits = false;
        } else {
            break; /* ended, every batch taken and handed over */
        }
    }
    pthread_mutex_unlock(&r->lock);
    fmp_ring_free(rd.ring, r->al);
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

/* Threads for nbatches batches (SIZE_MAX: however many come). */
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

unsigned fm_load_threads(const fm_load_options *opts) {
    fm_load_options o;
    options_copy(&o, opts);
    return thread_count(&o, SIZE_MAX);
}

/* Items per batch: at most MAX_AUTO_BATCH, and about eight batches per
 * thread when there are few items, so that threads share them evenly (one
 * thread shares with none: its files are read together, MAX_AUTO_BATCH at a
 * time). */
static size_t batch_size(const fm_load_options *o, size_t count, size_t threads) {
    if (o->batch)
        return o->batch < count ? o->batch : count;
    size_t b = threads == 1 ? count : count / (8 * threads);
    return b < 1 ? 1 : b > MAX_AUTO_BATCH ? MAX_AUTO_BATCH : b;
}

/* Threads, batch size and window (r->count items known; more may come). */
static unsigned plan(run *r) {
    bool known = !r->opts.more;
    unsigned threads = thread_count(&r->opts, known ? r->count : SIZE_MAX);
    r->batch = known ? batch_size(&r->opts, r->count, threads)
                     : r->opts.batch ? r->opts.batch : MAX_AUTO_BATCH;
    size_t nbatches = known ? r->count / r->batch + (r->count % r->batch != 0) : SIZE_MAX;
    threads = thread_count(&r->opts, nbatches);
    r->window = threads == 1 ? 1 : (size_t)threads * WINDOW_PER_THREAD;
    if (r->window > nbatches)
        r->window = nbatches;
    size_t files = MAX_FILES_OPEN / threads;
    r->ring_files = files > FMP_RING_FILES ? FMP_RING_FILES : files;
    unsigned front_body = FM_OPT_FRONT_ONLY | FM_OPT_UTF8_BODY; /* refused per item */
    if (r->ring_files < MIN_RING_FILES || (r->opts.flags & FM_LOAD_PLAIN_READS) ||
        (r->file_cfg.options & front_body) == front_body)
        r->ring_files = 0;
    return threads;
}

/* The rows' memory; false when out of memory. */
static bool alloc_rows(run *r) {
    const fm_allocator *al = r->al;
    if (r->batch > SIZE_MAX / 2 / sizeof *r->slots / r->window)
        return false;
    size_t nslots = r->window * r->batch;
    bool fits = r->opts.user_size <= SIZE_MAX / 2 / nslots;
    r->user_stride = fits ? (r->opts.user_size + 15) & ~(size_t)15 : 0;
    r->slots = fmp_malloc(al, nslots * sizeof *r->slots);
    r->slot_items = fmp_malloc(al, nslots * sizeof *r->slot_items);
    r->row_start = fmp_malloc(al, r->window * sizeof *r->row_start);
    r->row_end = fmp_malloc(al, r->window * sizeof *r->row_end);
    r->finished = fmp_malloc(al, r->window * sizeof *r->finished);
    r->user = r->user_stride ? fmp_malloc(al, nslots * r->user_stride) : NULL;
    if (r->finished)
        memset(r->finished, 0, r->window * sizeof *r->finished);
    return fits && r->slots && r->slot_items && r->row_start && r->row_end &&
           r->finished && (!r->user_stride || r->user);
}

static void free_rows(run *r) {
    fmp_free(r->al, r->user);
    fmp_free(r->al, r->finished);
    fmp_free(r->al, r->row_end);
    fmp_free(r->al, r->row_start);
    fmp_free(r->al, r->slot_items);
    fmp_free(r->al, r->slots);
    fmp_free(r->al, r->more);
}

int fm_load_many(const fm_load_item *items, size_t count, const fm_load_options *opts,
                 fm_load_result *results, fm_error *err) {
    if (!items && count)
        return fmp_fail(err, FM_ERR_ARG, "fm_load_many: NULL items");
    run r;
    memset(&r, 0, sizeof r);
    options_copy(&r.opts, opts);
    if (r.opts.more && results)
        return fmp_fail(err, FM_ERR_ARG, "fm_load_many: results with more");
    if (count == 0 && !r.opts.more)
        return 0;
    r.items = items;
    r.first = r.count = count;
    r.ended = !r.opts.more;
    r.results = results;
    fmp_config_copy(&r.cfg, r.opts.config);
    fmp_file_config(&r.file_cfg, r.opts.config);
    r.al = fmp_allocator_or_default(r.cfg.allocator);
    unsigned threads = plan(&r);
    worker *workers =
        threads > 1 ? fmp_malloc(r.al, (threads - 1) * sizeof *workers) : NULL;
    int rc = 0;
    if (!alloc_rows(&r) || (threads > 1 && !workers))
        rc = fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    else if (threads == 1)
        run_alone(&r);
    else
        run_threads(&r, threads, workers);
    if (rc == 0 && r.failed)
        rc = fmp_fail(err, FM_ERR_NOMEM, "out of memory for further items");
    fmp_free(r.al, workers);
    free_rows(&r);
    return rc;
}
