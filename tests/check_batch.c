/* SPDX-License-Identifier: MIT */
/* check_batch.c - fm_load_many: every item loaded as fm_doc_load_file_config
 * or fm_doc_parse_config would, per-item errors, input order, callbacks on
 * the right threads, ownership of documents, the window, the options, a list
 * that grows (opts.more).
 * tests/tsan.sh builds this suite with ThreadSanitizer as well. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, nanosleep (tsan.sh builds with -std=c99) */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

/* ---------------------------------------------------------------- fixture */

#define NFILES 40

static char dir[256];
static char paths[NFILES + 3][300];
static fm_load_item items[NFILES + 3];
static char texts[NFILES][128];

/* Item i < NFILES: a file (even i) or a buffer (odd i) whose title is i;
 * then a missing file, a folder, and a buffer with a duplicate key. */
static void make_items(void) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/fm-batch-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (int i = 0; i < NFILES; i++) {
        snprintf(texts[i], sizeof texts[i], "---\ntitle: \"Item %d\"\nn: %d\n---\nBody %d\n",
                 i, i, i);
        memset(&items[i], 0, sizeof items[i]);
        if (i % 2 == 0) {
            snprintf(paths[i], sizeof paths[i], "%s/item%02d.md", dir, i);
            FILE *fp = fopen(paths[i], "wb");
            ck_assert_ptr_nonnull(fp);
            fputs(texts[i], fp);
            fclose(fp);
            items[i].path = paths[i];
        } else {
            items[i].text = texts[i];
            items[i].len = strlen(texts[i]);
        }
    }
    snprintf(paths[NFILES], sizeof paths[0], "%s/missing.md", dir);
    items[NFILES] = (fm_load_item){paths[NFILES], NULL, 0};
    items[NFILES + 1] = (fm_load_item){dir, NULL, 0};
    static const char dup[] = "---\na: 1\na: 2\n---\n";
    items[NFILES + 2] = (fm_load_item){NULL, dup, sizeof dup - 1};
}

static void remove_items(void) {
    for (int i = 0; i < NFILES; i += 2)
        unlink(paths[i]);
    rmdir(dir);
}

#define NITEMS (NFILES + 3)

/* The document item i must have loaded to. */
static void check_doc(const fm_doc *doc, size_t i) {
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "n"), -1), (int64_t)i);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_uint_eq(len, strlen(texts[i]));
    ck_assert_int_eq(memcmp(text, texts[i], len), 0);
    ck_assert_str_eq(fm_doc_path(doc) ? fm_doc_path(doc) : "(none)",
                     i % 2 == 0 ? paths[i] : "(none)");
}

/* The three failing items, each with its own error. */
static void check_failures(const fm_load_result *r, unsigned options) {
    ck_assert_ptr_null(r[NFILES].doc);
    ck_assert_int_eq(r[NFILES].error.code, FM_ERR_IO);
    ck_assert_int_eq(r[NFILES].error.sys_errno, ENOENT);
    ck_assert_ptr_null(r[NFILES + 1].doc);
    ck_assert_int_eq(r[NFILES + 1].error.code, FM_ERR_IO);
    ck_assert_int_eq(r[NFILES + 1].error.sys_errno, EISDIR);
    if (options & FM_OPT_ALLOW_DUPLICATES) {
        ck_assert_ptr_nonnull(r[NFILES + 2].doc);
        ck_assert_int_eq(fm_value_int(fm_doc_get(r[NFILES + 2].doc, "a"), 0), 2);
        ck_assert_int_eq(r[NFILES + 2].error.code, FM_OK);
    } else {
        ck_assert_ptr_null(r[NFILES + 2].doc);
        ck_assert_int_eq(r[NFILES + 2].error.code, FM_ERR_DUPLICATE_KEY);
        ck_assert_uint_eq(r[NFILES + 2].error.line, 3);
        ck_assert_uint_eq(r[NFILES + 2].error.column, 1);
        ck_assert_str_eq(r[NFILES + 2].error.message,
                         "duplicate key \"a\" (first at line 2, column 1)");
    }
}

/* ---------------------------------------------------------------- results */

/* Every combination of threads and batch size: the same results. */
START_TEST(results_in_input_order) {
    static const unsigned threads[] = {1, 2, 3, 8};
    static const size_t batches[] = {0, 1, 5, 100};
    make_items();
    for (size_t t = 0; t < 4; t++) {
        for (size_t b = 0; b < 4; b++) {
            fm_load_result res[NITEMS];
            fm_load_options o = {.threads = threads[t], .batch = batches[b]};
            ck_assert_int_eq(fm_load_many(items, NITEMS, &o, res, NULL), 0);
            for (size_t i = 0; i < NITEMS; i++) {
                ck_assert_uint_eq(res[i].index, i);
                ck_assert_uint_lt(res[i].worker, threads[t]);
                ck_assert_uint_lt(res[i].worker, fm_load_threads(&o));
                ck_assert_ptr_null(res[i].user);
            }
            for (size_t i = 0; i < NFILES; i++) {
                check_doc(res[i].doc, i);
                ck_assert_int_eq(res[i].error.code, FM_OK);
            }
            check_failures(res, 0);
            for (size_t i = 0; i < NITEMS; i++)
                fm_doc_free(res[i].doc);
        }
    }
    remove_items();
}
END_TEST

/* The config applies to every item. */
START_TEST(config_for_every_item) {
    make_items();
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = FM_OPT_ALLOW_DUPLICATES;
    fm_load_result res[NITEMS];
    fm_load_options o = {.threads = 2, .config = &cfg};
    ck_assert_int_eq(fm_load_many(items, NITEMS, &o, res, NULL), 0);
    check_failures(res, FM_OPT_ALLOW_DUPLICATES);
    for (size_t i = 0; i < NITEMS; i++)
        fm_doc_free(res[i].doc);
    cfg.options = 0;
    cfg.max_input_size = 10; /* every item is larger */
    ck_assert_int_eq(fm_load_many(items, NFILES, &o, res, NULL), 0);
    for (size_t i = 0; i < NFILES; i++) {
        ck_assert_ptr_null(res[i].doc);
        ck_assert_int_eq(res[i].error.code, FM_ERR_TOO_LARGE);
    }
    remove_items();
}
END_TEST

/* File items load as fm_doc_load_file_config loads them, FM_OPT_BORROW in
 * the config or not (a file's bytes are always the document's): the same
 * text, path (a long one too), edits and saves; and each document frees in
 * any order with what it handed out (an article, a save of it as it is). */
START_TEST(file_documents_as_load_file_makes_them) {
    make_items();
    char longpath[300];
    int n = snprintf(longpath, sizeof longpath, "%s/", dir);
    while (n < 250)
        longpath[n++] = 'x';
    snprintf(longpath + n, sizeof longpath - (size_t)n, ".md");
    FILE *fp = fopen(longpath, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(texts[0], fp);
    fclose(fp);
    fm_load_item its[3] = {{paths[0], NULL, 0}, {longpath, NULL, 0}, {paths[2], NULL, 0}};
    static const unsigned opts[] = {0, FM_OPT_BORROW, FM_OPT_UTF8_BODY};
    for (size_t k = 0; k < 3; k++) {
        fm_config cfg;
        fm_config_init(&cfg);
        cfg.options = opts[k];
        fm_load_result res[3];
        fm_load_options o = {.threads = 1, .config = &cfg};
        ck_assert_int_eq(fm_load_many(its, 3, &o, res, NULL), 0);
        for (size_t i = 0; i < 3; i++) {
            fm_error err;
            fm_doc *one = fm_doc_load_file_config(its[i].path, &cfg, &err);
            ck_assert_ptr_nonnull(one);
            ck_assert_ptr_nonnull(res[i].doc);
            ck_assert_str_eq(fm_doc_path(res[i].doc), its[i].path);
            size_t la, lb;
            const char *a = fm_doc_text(res[i].doc, &la), *b = fm_doc_text(one, &lb);
            ck_assert_uint_eq(la, lb);
            ck_assert_int_eq(memcmp(a, b, la), 0);
            ck_assert_int_eq(fm_doc_set_string(res[i].doc, "title", "T", 1, &err), 0);
            ck_assert_int_eq(fm_doc_set_string(one, "title", "T", 1, &err), 0);
            char *ea = fm_doc_emit(res[i].doc, &la, &err), *eb = fm_doc_emit(one, &lb, &err);
            ck_assert_ptr_nonnull(ea);
            ck_assert_ptr_nonnull(eb);
            ck_assert_uint_eq(la, lb);
            ck_assert_int_eq(memcmp(ea, eb, la), 0);
            free(ea);
            free(eb);
            fm_doc_free(one);
            fm_doc_free(res[i].doc);
        }
        /* freed after an article taken from it, and after a save as it is */
        ck_assert_int_eq(fm_load_many(its, 3, &o, res, NULL), 0);
        fm_error err;
        fm_article *art = fm_article_from_doc(res[0].doc, 0, &err);
        ck_assert_ptr_nonnull(art);
        fm_doc_free(res[0].doc);
        fm_article_free(art);
        ck_assert_int_eq(fm_doc_save(res[1].doc, NULL, &err), 0);
        ck_assert_str_eq(fm_doc_path(res[1].doc), longpath);
        fm_doc_free(res[1].doc);
        art = fm_article_from_doc(res[2].doc, 0, &err);
        ck_assert_ptr_nonnull(art);
        fm_article_free(art);
        fm_doc_free(res[2].doc);
    }
    unlink(longpath);
    remove_items();
}
END_TEST

/* ---------------------------------------------------------------- callbacks */

typedef struct tally {
    pthread_t caller;
    size_t next_done;      /* the index done expects next */
    int order_ok, thread_ok, user_ok, work_ok;
    unsigned threads;
    int free_in_work;      /* work frees the document */
    pthread_mutex_t lock;
    size_t in_flight, max_in_flight, works;
    int single_thread_ok;  /* with threads = 1: one thread in the process */
    int slow_first;        /* done waits on the first item: the others pile up */
} tally;

/* Threads of this process, from /proc; 0 when /proc is not there. */
/* Whether task `name` of this process is a kernel io_uring worker
 * ("iou-wrk-TID"): the kernel runs one for a file that cannot be opened at
 * once (not in its caches, or missing); it runs no code of ours. */
static bool kernel_io_worker(const char *name) {
    char path[300], comm[64] = "";
    snprintf(path, sizeof path, "/proc/self/task/%s/comm", name);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return false;
    bool io = fgets(comm, sizeof comm, fp) && strncmp(comm, "iou-", 4) == 0;
    fclose(fp);
    return io;
}

/* Threads of this process, the kernel's io_uring workers not counted. */
static int process_threads(void) {
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' && !kernel_io_worker(e->d_name);
    closedir(d);
    return n;
}

static void on_work(fm_load_result *r, void *ud) {
    tally *t = ud;
    int *user = r->user;
    bool user_ok = user[0] == 0 && user[1] == 0 && r->worker < t->threads;
    bool thread_ok = (r->worker == 0) == (pthread_equal(pthread_self(), t->caller) != 0);
    bool work_ok = r->index >= NFILES ||
                   (r->doc && fm_value_int(fm_doc_get(r->doc, "n"), -1) == (int64_t)r->index);
    bool alone = t->threads != 1 || process_threads() == 1;
    user[0] = (int)r->index + 1;
    user[1] = 7;
    if (t->free_in_work) {
        fm_doc_free(r->doc);
        r->doc = NULL;
    }
    pthread_mutex_lock(&t->lock);
    t->works++;
    t->in_flight++;
    if (t->in_flight > t->max_in_flight)
        t->max_in_flight = t->in_flight;
    t->user_ok &= user_ok;
    t->thread_ok &= thread_ok;
    t->work_ok &= work_ok;
    t->single_thread_ok &= alone;
    pthread_mutex_unlock(&t->lock);
}

static void on_done(fm_load_result *r, void *ud) {
    tally *t = ud;
    const int *user = r->user;
    if (r->index != t->next_done++)
        t->order_ok = 0;
    if (t->slow_first && r->index == 0)
        nanosleep(&(struct timespec){0, 50000000}, NULL);
    if (!pthread_equal(pthread_self(), t->caller))
        t->thread_ok = 0;
    if (user[0] != (int)r->index + 1 || user[1] != 7)
        t->user_ok = 0;
    if (!t->free_in_work && r->index < NFILES)
        check_doc(r->doc, r->index);
    if (t->free_in_work && r->doc)
        t->work_ok = 0;
    fm_doc_free(r->doc); /* done owns it */
    pthread_mutex_lock(&t->lock);
    t->in_flight--;
    pthread_mutex_unlock(&t->lock);
}

static tally run_callbacks(unsigned threads, size_t batch, int free_in_work,
                           int slow_first) {
    tally t = {pthread_self(), 0, 1, 1, 1, 1, threads, free_in_work,
               PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 1, slow_first};
    fm_load_options o;
    fm_load_options_init(&o);
    o.threads = threads;
    o.batch = batch;
    o.work = on_work;
    o.done = on_done;
    o.user_size = 2 * sizeof(int);
    o.ud = &t;
    ck_assert_int_eq(fm_load_many(items, NITEMS, &o, NULL, NULL), 0);
    ck_assert_uint_eq(t.next_done, NITEMS);
    ck_assert_uint_eq(t.works, NITEMS);
    ck_assert_msg(t.order_ok, "done out of input order");
    ck_assert_msg(t.thread_ok, "a callback on the wrong thread");
    ck_assert_msg(t.user_ok, "user scratch not zeroed or not kept");
    ck_assert_msg(t.work_ok, "work saw a wrong document");
    ck_assert_uint_eq(t.in_flight, 0);
    return t;
}

START_TEST(callbacks_in_their_threads_and_order) {
    make_items();
    for (unsigned threads = 1; threads <= 4; threads++)
        for (size_t batch = 0; batch <= 3; batch++)
            for (int free_in_work = 0; free_in_work <= 1; free_in_work++)
                run_callbacks(threads, batch, free_in_work, 0);
    remove_items();
}
END_TEST

/* threads = 1: every item on the calling thread, no other thread exists. */
START_TEST(one_thread_creates_none) {
    make_items();
    if (process_threads() != 1) {
        fprintf(stderr, "check_batch: thread count skipped (no /proc or not alone)\n");
    } else {
        tally t = run_callbacks(1, 0, 0, 0);
        ck_assert_msg(t.single_thread_ok, "a thread was created with threads = 1");
    }
    remove_items();
}
END_TEST

/* Items loaded but not yet handed to done stay within the window: four
 * batches per thread, even while done is slow to take the first item. */
START_TEST(window_bounds_items_in_flight) {
    make_items();
    tally t = run_callbacks(3, 2, 0, 1);
    ck_assert_uint_le(t.max_in_flight, 3 * 4 * 2);
    remove_items();
}
END_TEST

/* Neither results nor done: documents are freed after work (the leak
 * checkers of the sanitizer pass and check-valgrind see any that is not). */
static void count_loaded(fm_load_result *r, void *ud) {
    if (r->doc)
        __atomic_add_fetch((size_t *)ud, 1, __ATOMIC_RELAXED);
}

START_TEST(work_only_frees_documents) {
    make_items();
    size_t loaded = 0;
    fm_load_options o = {.threads = 2, .work = count_loaded, .ud = &loaded};
    ck_assert_int_eq(fm_load_many(items, NITEMS, &o, NULL, NULL), 0);
    ck_assert_uint_eq(loaded, NFILES);
    remove_items();
}
END_TEST

/* ---------------------------------------------------------------- options */

START_TEST(arguments_and_options) {
    fm_error err;
    fm_load_result res[1];
    ck_assert_int_eq(fm_load_many(NULL, 1, NULL, res, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "fm_load_many: NULL items");
    ck_assert_int_eq(fm_load_many(NULL, 0, NULL, NULL, &err), 0);
    /* opts NULL: defaults. */
    static const char text[] = "---\nk: v\n---\n";
    fm_load_item one = {NULL, text, sizeof text - 1};
    ck_assert_int_eq(fm_load_many(&one, 1, NULL, res, &err), 0);
    ck_assert_str_eq(fm_value_string(fm_doc_get(res[0].doc, "k"), NULL), "v");
    fm_doc_free(res[0].doc);
    /* An older, shorter struct: the fields past its size keep their defaults. */
    tally t = {pthread_self(), 0, 1, 1, 1, 1, 1, 0, PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 1, 0};
    fm_load_options o = {.size = offsetof(fm_load_options, user_size), .threads = 1,
                         .user_size = 64, .ud = &t};
    ck_assert_int_eq(fm_load_many(&one, 1, &o, res, &err), 0);
    ck_assert_ptr_nonnull(res[0].doc);
    fm_doc_free(res[0].doc);
    fm_load_options init;
    memset(&init, 0xAB, sizeof init);
    fm_load_options_init(&init);
    ck_assert_uint_eq(init.size, sizeof init);
    ck_assert_uint_eq(init.threads, 0);
    ck_assert_ptr_null(init.work);
    fm_load_options_init(NULL);
}
END_TEST

/* fm_load_threads: the threads asked for, at most 256; one per core for 0,
 * NULL, or a struct too short to hold `threads`. */
START_TEST(threads_fm_load_many_may_run) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned per_core = cores > 0 ? (unsigned)(cores > 256 ? 256 : cores) : 1;
    fm_load_options o = {.threads = 3};
    ck_assert_uint_eq(fm_load_threads(&o), 3);
    o.threads = 1;
    ck_assert_uint_eq(fm_load_threads(&o), 1);
    o.threads = 257;
    ck_assert_uint_eq(fm_load_threads(&o), 256);
    o.threads = 0;
    ck_assert_uint_eq(fm_load_threads(&o), per_core);
    ck_assert_uint_eq(fm_load_threads(NULL), per_core);
    fm_load_options shorter = {.size = offsetof(fm_load_options, threads), .threads = 5};
    ck_assert_uint_eq(fm_load_threads(&shorter), per_core);
}
END_TEST

/* An allocator that fails: nothing is loaded, FM_ERR_NOMEM. */
static void *no_malloc(size_t n, void *ud) {
    (void)n, (void)ud;
    return NULL;
}

static void no_free(void *p, void *ud) {
    (void)ud;
    free(p);
}

START_TEST(out_of_memory_loads_nothing) {
    static const char text[] = "---\nk: v\n---\n";
    fm_load_item one = {NULL, text, sizeof text - 1};
    fm_allocator al = {no_malloc, NULL, no_free, NULL};
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.allocator = &al;
    size_t loaded = 0;
    fm_load_options o = {.threads = 2, .config = &cfg, .work = count_loaded, .ud = &loaded};
    fm_error err;
    ck_assert_int_eq(fm_load_many(&one, 1, &o, NULL, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_NOMEM);
    ck_assert_uint_eq(loaded, 0);
}
END_TEST

/* ------------------------------------------------------------ more items */

/* A list that grows: items [0, first) given at once, the rest by more in
 * chunks of 1, 4, 13, ... items, from an array that is spoiled before each
 * call (fm_load_many keeps copies). */
typedef struct growing {
    pthread_t caller;
    size_t first, given, calls, ends, delivered;
    bool bad; /* a check failed in a callback (ck_assert is for the test's thread) */
    fm_load_item chunk[NITEMS];
} growing;

static const fm_load_item *more_items(size_t *count, void *ud) {
    growing *g = ud;
    g->bad |= !pthread_equal(pthread_self(), g->caller) || g->ends > 0;
    memset(g->chunk, 0xA5, sizeof g->chunk);
    size_t n = 1 + 3 * g->calls * g->calls, left = NITEMS - g->given;
    g->calls++;
    if (left == 0) {
        g->ends++;
        *count = 0;
        return g->calls % 2 ? NULL : g->chunk; /* either says "no more" */
    }
    n = n < left ? n : left;
    memcpy(g->chunk, &items[g->given], n * sizeof *items);
    g->given += n;
    *count = n;
    return g->chunk;
}

static void take_in_order(fm_load_result *r, void *ud) {
    growing *g = ud;
    size_t i = g->delivered++;
    g->bad |= r->index != i || !pthread_equal(pthread_self(), g->caller);
    if (i < NFILES) {
        size_t len;
        const char *text = r->doc ? fm_doc_text(r->doc, &len) : NULL;
        g->bad |= !text || len != strlen(texts[i]) || memcmp(text, texts[i], len) != 0;
    } else {
        static const fm_code want[] = {FM_ERR_IO, FM_ERR_IO, FM_ERR_DUPLICATE_KEY};
        g->bad |= r->doc != NULL || r->error.code != want[i - NFILES];
    }
    fm_doc_free(r->doc);
}

START_TEST(more_grows_the_list) {
    static const unsigned threads[] = {1, 2, 3, 8};
    static const size_t batches[] = {0, 1, 5};
    static const size_t firsts[] = {0, 7};
    make_items();
    for (size_t t = 0; t < 4; t++)
        for (size_t b = 0; b < 3; b++)
            for (size_t f = 0; f < 2; f++) {
                growing g = {.caller = pthread_self(), .first = firsts[f],
                             .given = firsts[f]};
                fm_load_options o = {.threads = threads[t], .batch = batches[b],
                                     .done = take_in_order, .more = more_items, .ud = &g};
                fm_error err;
                ck_assert_int_eq(fm_load_many(g.first ? items : NULL, g.first, &o, NULL,
                                              &err), 0);
                ck_assert(!g.bad);
                ck_assert_uint_eq(g.delivered, NITEMS);
                ck_assert_uint_eq(g.ends, 1);
                /* 1 + 4 + 13 < 43 - 7 <= 1 + 4 + 13 + 28: four chunks, then the end */
                ck_assert_uint_eq(g.calls, 5);
            }
    remove_items();
}
END_TEST

START_TEST(more_without_items_and_misuse) {
    make_items();
    growing g = {.caller = pthread_self(), .given = NITEMS};
    fm_load_options o = {.threads = 2, .done = take_in_order, .more = more_items, .ud = &g};
    fm_error err;
    /* more says at once there is nothing: no callback, 0. */
    ck_assert_int_eq(fm_load_many(NULL, 0, &o, NULL, &err), 0);
    ck_assert_uint_eq(g.calls, 1);
    ck_assert_uint_eq(g.delivered, 0);
    /* results cannot be sized for a list that grows. */
    fm_load_result res[NITEMS];
    g = (growing){.caller = pthread_self()};
    ck_assert_int_eq(fm_load_many(items, 1, &o, res, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "fm_load_many: results with more");
    ck_assert_uint_eq(g.calls, 0);
    remove_items();
}
END_TEST

/* The copies of further items cannot be kept: the items before them go
 * through, more is not asked again, FM_ERR_NOMEM. */
static void *no_realloc(void *p, size_t n, void *ud) {
    (void)p, (void)n, (void)ud;
    return NULL;
}

static void *yes_malloc(size_t n, void *ud) {
    (void)ud;
    return malloc(n);
}

static void count_done(fm_load_result *r, void *ud) {
    (*(size_t *)ud)++;
    fm_doc_free(r->doc);
}

static const fm_load_item *one_more(size_t *count, void *ud) {
    static const fm_load_item item = {NULL, "---\nk: v\n---\n", 13};
    (*((size_t *)ud + 1))++;
    *count = 1;
    return &item;
}

START_TEST(more_out_of_memory) {
    static const char text[] = "---\nk: v\n---\n";
    fm_load_item three[3] = {{NULL, text, sizeof text - 1}, {NULL, text, sizeof text - 1},
                             {NULL, text, sizeof text - 1}};
    fm_allocator al = {yes_malloc, no_realloc, no_free, NULL};
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.allocator = &al;
    for (unsigned threads = 1; threads <= 2; threads++) {
        size_t counts[2] = {0, 0}; /* done calls, more calls */
        fm_load_options o = {.threads = threads, .config = &cfg, .done = count_done,
                             .more = one_more, .ud = counts};
        fm_error err;
        ck_assert_int_eq(fm_load_many(three, 3, &o, NULL, &err), -1);
        ck_assert_int_eq(err.code, FM_ERR_NOMEM);
        ck_assert_str_eq(err.message, "out of memory for further items");
        ck_assert_uint_eq(counts[0], 3);
        ck_assert_uint_eq(counts[1], 1);
    }
}
END_TEST

/* ------------------------------------------------------------------ reads */

/* Files of every kind a read meets, twelve kinds over and over (more than
 * two rings' worth): fm_load_many reads them through io_uring by default, one
 * by one with FM_LOAD_PLAIN_READS, and fm_doc_load_file_config reads each;
 * the three must give the same documents and the same errors, whole and
 * with FM_OPT_FRONT_ONLY, with a limit of READ_LIMIT bytes and with one that
 * lets the 300 KB files through (two of them are more than a ring's stage
 * holds at once: the second gets a buffer of its own). */
#define NREADS 75
#define READ_LIMIT 5000

static char rdir[256];
static char rpaths[NREADS][300];
static fm_load_item ritems[NREADS];

static void write_file(const char *path, const char *text, size_t len) {
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
}

/* Text of kind k for file i: n bytes of front matter and body. */
static size_t read_text(char *buf, size_t cap, size_t i, size_t n) {
    size_t len = (size_t)snprintf(buf, cap, "---\ntitle: \"File %zu\"\n---\n", i);
    for (; len < n && len + 1 < cap; len++)
        buf[len] = len % 61 == 60 ? '\n' : (char)('a' + len % 26);
    return len;
}

static void make_read_items(void) {
    static char big[300001];
    const char *tmp = getenv("TMPDIR");
    snprintf(rdir, sizeof rdir, "%s/fm-reads-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(rdir));
    for (size_t i = 0; i < NREADS; i++) {
        snprintf(rpaths[i], sizeof rpaths[i], "%s/f%02zu.md", rdir, i);
        ritems[i] = (fm_load_item){rpaths[i], NULL, 0};
        switch (i % 12) {
        case 0: write_file(rpaths[i], "", 0); break; /* empty */
        case 1: write_file(rpaths[i], big, read_text(big, sizeof big, i, 40)); break;
        case 2: write_file(rpaths[i], big, read_text(big, READ_LIMIT + 1, i, READ_LIMIT));
            break; /* exactly the limit */
        case 3: write_file(rpaths[i], big, read_text(big, sizeof big, i, 4096)); break;
        case 4: break; /* missing */
        case 5: ritems[i].path = rdir; break; /* a folder */
        case 6: ritems[i].path = "/dev/null"; break; /* not a regular file */
        case 7: ck_assert_int_eq(symlink(rpaths[i - 6], rpaths[i]), 0); break;
        case 8: write_file(rpaths[i], "---\na: [1\n---\nbody\n", 19); break; /* bad YAML */
        case 9: write_file(rpaths[i], big, read_text(big, sizeof big, i, 300000)); break;
        case 10: /* a front of 4,500 bytes: more than a first read of the front */
            memcpy(big, "---\nlong: ", 10);
            memset(big + 10, 'x', 4490);
            memcpy(big + 4500, "\n---\nbody\n", 11);
            write_file(rpaths[i], big, 4511);
            break;
        default: write_file(rpaths[i], "No front matter.\n", 17); break;
        }
    }
}

static void remove_read_items(void) {
    for (size_t i = 0; i < NREADS; i++)
        unlink(rpaths[i]);
    rmdir(rdir);
}

/* a and b: the same document, or the same error. */
static void same_result(const fm_doc *a, const fm_error *ea, const fm_doc *b,
                        const fm_error *eb, size_t i) {
    ck_assert_msg((a == NULL) == (b == NULL), "item %zu: loaded one way only", i);
    ck_assert_int_eq(ea->code, eb->code);
    if (ea->code != FM_OK) { /* the rest of an error is set only with one */
        ck_assert_int_eq(ea->sys_errno, eb->sys_errno);
        ck_assert_uint_eq(ea->line, eb->line);
        ck_assert_uint_eq(ea->column, eb->column);
        ck_assert_uint_eq(ea->offset, eb->offset);
        ck_assert_str_eq(ea->message, eb->message);
    }
    if (!a)
        return;
    size_t la, lb;
    const char *ta = fm_doc_text(a, &la), *tb = fm_doc_text(b, &lb);
    ck_assert_int_eq(ta != NULL, tb != NULL); /* NULL: the front only */
    ck_assert_uint_eq(la, lb);
    ck_assert_int_eq(memcmp(ta ? ta : "", tb ? tb : "", la), 0);
    ck_assert_str_eq(fm_doc_path(a), fm_doc_path(b));
    ck_assert_int_eq(fm_doc_format(a), fm_doc_format(b));
    ck_assert_uint_eq(fm_doc_body_offset(a), fm_doc_body_offset(b));
    ck_assert_uint_eq(fm_doc_body_line(a), fm_doc_body_line(b));
    fm_span sa = fm_value_span(fm_doc_root(a)), sb = fm_value_span(fm_doc_root(b));
    ck_assert_uint_eq(sa.offset, sb.offset);
    ck_assert_uint_eq(sa.length, sb.length);
    const char *va = fm_value_string(fm_doc_get(a, "title"), &la);
    const char *vb = fm_value_string(fm_doc_get(b, "title"), &lb);
    ck_assert_str_eq(va ? va : "(none)", vb ? vb : "(none)");
}

START_TEST(reads_together_as_one_by_one) {
    static const unsigned threads[] = {1, 2, 3, 100};
    static const size_t batches[] = {0, 1, 7, 100};
    make_read_items();
    bool front = _i & 1, roomy = _i & 2;
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_input_size = roomy ? (size_t)1 << 20 : READ_LIMIT;
    cfg.options = front ? FM_OPT_FRONT_ONLY : 0;
    fm_doc *ref[NREADS];
    fm_error ref_err[NREADS];
    for (size_t i = 0; i < NREADS; i++)
        ref[i] = fm_doc_load_file_config(ritems[i].path, &cfg, &ref_err[i]);
    /* the kinds are what they claim: checked once on the reference */
    ck_assert_uint_eq(fm_doc_body_offset(ref[0]), 0); /* empty */
    ck_assert_int_eq(ref_err[2].code, FM_OK);
    ck_assert_int_eq(ref_err[4].sys_errno, ENOENT);
    ck_assert_int_eq(ref_err[5].sys_errno, EISDIR);
    ck_assert_ptr_nonnull(ref[6]);
    ck_assert_int_eq(ref_err[8].code, FM_ERR_SYNTAX);
    ck_assert_uint_eq(ref_err[8].line, 3);
    /* over READ_LIMIT: only the whole file passes it */
    ck_assert_int_eq(ref_err[9].code, front || roomy ? FM_OK : FM_ERR_TOO_LARGE);
    ck_assert_uint_eq(fm_value_string(fm_doc_get(ref[10], "long"), NULL) ? 1 : 0, 1);
    ck_assert_ptr_nonnull(ref[11]);
    for (size_t t = 0; t < 4; t++)
        for (size_t b = 0; b < 4; b++)
            for (unsigned flags = 0; flags <= FM_LOAD_PLAIN_READS; flags++) {
                fm_load_result res[NREADS];
                fm_load_options o = {.threads = threads[t], .batch = batches[b],
                                     .config = &cfg, .flags = flags};
                ck_assert_int_eq(fm_load_many(ritems, NREADS, &o, res, NULL), 0);
                for (size_t i = 0; i < NREADS; i++) {
                    same_result(res[i].doc, &res[i].error, ref[i], &ref_err[i], i);
                    fm_doc_free(res[i].doc);
                }
            }
    for (size_t i = 0; i < NREADS; i++)
        fm_doc_free(ref[i]);
    remove_read_items();
}
END_TEST

/* A document read together with others knows its file as one read alone
 * does: saved as it is when the file did not change, refused when it was
 * rewritten or replaced since. */
START_TEST(read_together_saves_as_read_alone) {
    make_items();
    fm_load_result res[NFILES];
    fm_load_item files[NFILES / 2];
    for (size_t i = 0; i < NFILES / 2; i++)
        files[i] = items[2 * i];
    for (unsigned flags = 0; flags <= FM_LOAD_PLAIN_READS; flags++) {
        fm_load_options o = {.threads = 1, .flags = flags};
        ck_assert_int_eq(fm_load_many(files, NFILES / 2, &o, res, NULL), 0);
        for (size_t i = 0; i < NFILES / 2; i++) {
            const char *path = files[i].path;
            if (i % 3 == 1) { /* rewritten in place: same inode, the title's I now X */
                FILE *fp = fopen(path, "r+b");
                ck_assert_ptr_nonnull(fp);
                ck_assert_int_eq(fseek(fp, 12, SEEK_SET), 0);
                fputc('X', fp);
                ck_assert_int_eq(fclose(fp), 0);
            } else if (i % 3 == 2) { /* replaced: the same bytes, a new inode */
                char tmp[320];
                snprintf(tmp, sizeof tmp, "%s.new", path);
                write_file(tmp, texts[2 * i], strlen(texts[2 * i]));
                ck_assert_int_eq(rename(tmp, path), 0);
            }
            ck_assert_int_eq(fm_doc_set_string(res[i].doc, "title", "Saved", 5, NULL), 0);
            fm_error err;
            int rc = fm_doc_save(res[i].doc, NULL, &err);
            if (i % 3 == 0) {
                ck_assert_msg(rc == 0, "file %zu: %s", i, err.message);
            } else {
                ck_assert_int_eq(rc, -1);
                ck_assert_int_eq(err.code, FM_ERR_CONFLICT);
                ck_assert_msg(strstr(err.message, i % 3 == 1 ? "the file changed since"
                                                             : "the file was replaced since"),
                              "file %zu: %s", i, err.message);
            }
            fm_doc_free(res[i].doc);
            write_file(path, texts[2 * i], strlen(texts[2 * i])); /* as made */
        }
    }
    remove_items();
}
END_TEST

/* An allocator that fails its fail_at-th call and counts what is live. */
typedef struct counting {
    long calls, fail_at, live;
} counting;

static void *count_malloc(size_t n, void *ud) {
    counting *c = ud;
    void *p = ++c->calls == c->fail_at ? NULL : malloc(n);
    c->live += p != NULL;
    return p;
}

static void *count_realloc(void *p, size_t n, void *ud) {
    counting *c = ud;
    void *q = ++c->calls == c->fail_at ? NULL : realloc(p, n);
    c->live += q && !p;
    return q;
}

static void count_free(void *p, void *ud) {
    counting *c = ud;
    c->live -= p != NULL;
    free(p);
}

/* Each allocation of files read together fails in turn (the ring's stage,
 * a file's own buffer, a document's copy of its text, the documents): every
 * file then loads as it should or fails with FM_ERR_NOMEM, and nothing is
 * left allocated; whole files and FM_OPT_FRONT_ONLY. */
START_TEST(every_allocation_of_reads_together_can_fail) {
    make_items();
    fm_load_item files[NFILES / 2];
    for (size_t i = 0; i < NFILES / 2; i++)
        files[i] = items[2 * i];
    long k = 1;
    for (bool clean = false; !clean && k < 100000; k++) {
        counting c = {0, k, 0};
        fm_allocator al = {count_malloc, count_realloc, count_free, &c};
        fm_config cfg;
        fm_config_init(&cfg);
        cfg.allocator = &al;
        cfg.options = (unsigned)_i;
        fm_load_result res[NFILES / 2];
        fm_load_options o = {.threads = 1, .config = &cfg};
        fm_error err;
        int rc = fm_load_many(files, NFILES / 2, &o, res, &err);
        clean = rc == 0;
        if (rc != 0)
            ck_assert_int_eq(err.code, FM_ERR_NOMEM);
        for (size_t i = 0; rc == 0 && i < NFILES / 2; i++) {
            if (res[i].doc)
                ck_assert_int_eq(fm_value_int(fm_doc_get(res[i].doc, "n"), -1),
                                 (int64_t)(2 * i));
            else
                ck_assert_int_eq(res[i].error.code, FM_ERR_NOMEM);
            clean &= res[i].doc != NULL;
            fm_doc_free(res[i].doc);
        }
        ck_assert_msg(c.live == 0, "failing call %ld: %ld allocations left", k, c.live);
        clean &= c.calls < k; /* no call failed: every one was tried */
    }
    ck_assert_int_gt(k, 40); /* the stage, 20 copies, 20 documents at least */
    remove_items();
}
END_TEST

static Suite *batch_suite(void) {
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("load_many");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, results_in_input_order);
    tcase_add_test(tc, config_for_every_item);
    tcase_add_test(tc, file_documents_as_load_file_makes_them);
    tcase_add_test(tc, callbacks_in_their_threads_and_order);
    tcase_add_test(tc, one_thread_creates_none);
    tcase_add_test(tc, window_bounds_items_in_flight);
    tcase_add_test(tc, work_only_frees_documents);
    tcase_add_test(tc, arguments_and_options);
    tcase_add_test(tc, threads_fm_load_many_may_run);
    tcase_add_test(tc, out_of_memory_loads_nothing);
    tcase_add_test(tc, more_grows_the_list);
    tcase_add_test(tc, more_without_items_and_misuse);
    tcase_add_test(tc, more_out_of_memory);
    tcase_add_loop_test(tc, reads_together_as_one_by_one, 0, 4);
    tcase_add_loop_test(tc, every_allocation_of_reads_together_can_fail, 0, 1);
    tcase_add_loop_test(tc, every_allocation_of_reads_together_can_fail,
                        FM_OPT_FRONT_ONLY, FM_OPT_FRONT_ONLY + 1);
    tcase_add_test(tc, read_together_saves_as_read_alone);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(batch_suite());
}
