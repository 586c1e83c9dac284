/* SPDX-License-Identifier: MIT */
/* check_threads.c - no shared mutable state: 8 threads parse, edit, map and
 * emit different documents at once and get the same bytes as one thread.
 * tests/tsan.sh builds this suite with ThreadSanitizer as well. */
#include <pthread.h>
#include <stdio.h>

#include "testutil.h"

#define THREADS 8
#define ROUNDS 150

typedef struct job {
    int id;
    char input[512];
    char expected[1024];
    size_t expected_len;
    int failures;
} job;

static void make_input(job *j) {
    snprintf(j->input, sizeof j->input,
             "---\ntitle: \"Thread %d\"\ndate: 2025-02-%02d\ntags: [t%d, shared]\n"
             "params:\n  n: %d\n---\n# Heading %d\n\nBody of thread %d.\n",
             j->id, j->id + 1, j->id, j->id, j->id, j->id);
}

/* One full cycle: parse, article, three edits, emit. Returns the text. */
static char *cycle(const job *j, size_t *len) {
    fm_error err;
    fm_doc *doc = fm_doc_parse(j->input, strlen(j->input), 0, &err);
    if (!doc)
        return NULL;
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    char title[64];
    snprintf(title, sizeof title, "Edited by %d: yes", j->id);
    int ok = a && a->tags.count == 2 &&
             fm_doc_set_string(doc, "title", title, strlen(title), &err) == 0 &&
             fm_doc_set_int(doc, "params.n", j->id * 10, &err) == 0 &&
             fm_doc_remove(doc, "date", &err) == 0;
    char *text = ok ? fm_doc_emit(doc, len, &err) : NULL;
    fm_article_free(a);
    fm_doc_free(doc);
    return text;
}

static void *run(void *arg) {
    job *j = arg;
    for (int r = 0; r < ROUNDS; r++) {
        size_t len;
        char *text = cycle(j, &len);
        if (!text || len != j->expected_len || memcmp(text, j->expected, len) != 0)
            j->failures++;
        fm_free(text);
    }
    return NULL;
}

START_TEST(eight_threads_match_one) {
    static job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].id = i;
        jobs[i].failures = 0;
        make_input(&jobs[i]);
        size_t len;
        char *text = cycle(&jobs[i], &len);
        ck_assert_ptr_nonnull(text);
        ck_assert_uint_lt(len, sizeof jobs[i].expected);
        memcpy(jobs[i].expected, text, len);
        jobs[i].expected_len = len;
        fm_free(text);
    }
    char want[512];
    snprintf(want, sizeof want,
             "---\ntitle: \"Edited by 3: yes\"\ntags: [t3, shared]\nparams:\n  n: 30\n---\n"
             "# Heading 3\n\nBody of thread 3.\n");
    ck_assert_str_eq(jobs[3].expected, want);
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, run, &jobs[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < THREADS; i++)
        ck_assert_msg(jobs[i].failures == 0, "thread %d: %d rounds differ", i,
                      jobs[i].failures);
}
END_TEST

/* An article outlives its document and can be read from another thread. */
static void *read_article(void *arg) {
    const fm_article *a = arg;
    return (void *)(uintptr_t)(a->title.ptr && strcmp(a->title.ptr, "Thread 5") == 0);
}

START_TEST(an_article_moves_between_threads) {
    job j;
    j.id = 5;
    make_input(&j);
    fm_doc *doc = fm_doc_parse(j.input, strlen(j.input), 0, NULL);
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    fm_doc_free(doc);
    pthread_t t;
    void *ok;
    ck_assert_int_eq(pthread_create(&t, NULL, read_article, a), 0);
    pthread_join(t, &ok);
    ck_assert(ok != NULL);
    fm_article_free(a);
}
END_TEST

/* Threads map one shared document at once, holding two articles of it at a
 * time (a document keeps room for one article: the others allocate their
 * own), freed in either order. */
static void *map_shared(void *arg) {
    const fm_doc *doc = arg;
    uintptr_t bad = 0;
    for (int r = 0; r < ROUNDS * 4; r++) {
        fm_article *a = fm_article_from_doc(doc, 0, NULL);
        fm_article *b = fm_article_from_doc(doc, 0, NULL);
        bad += !a || !b || strcmp(a->title.ptr, "Thread 2") != 0 ||
               strcmp(b->title.ptr, "Thread 2") != 0 || a->tags.count != 2 ||
               strcmp(b->tags.items[1].ptr, "shared") != 0;
        fm_article_free(r % 2 ? a : b);
        fm_article_free(r % 2 ? b : a);
    }
    return (void *)bad;
}

/* Threads map one document parsed with `options`, then two articles
 * outlive it. */
static void map_one_document(unsigned options) {
    job j;
    j.id = 2;
    make_input(&j);
    fm_doc *doc = fm_doc_parse(j.input, strlen(j.input), options, NULL);
    ck_assert_ptr_nonnull(doc);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, map_shared, doc), 0);
    for (int i = 0; i < 4; i++) {
        void *bad;
        pthread_join(th[i], &bad);
        ck_assert_ptr_null(bad);
    }
    /* Articles outlive their document, the first one and a second one. */
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    fm_article *b = fm_article_from_doc(doc, 0, NULL);
    fm_doc_free(doc);
    ck_assert_str_eq(a->title.ptr, "Thread 2");
    ck_assert_str_eq(b->tags.items[0].ptr, "t2");
    fm_article_free(a);
    ck_assert_str_eq(b->title.ptr, "Thread 2");
    fm_article_free(b);
}

START_TEST(threads_map_one_document) {
    map_one_document(0);
}
END_TEST

/* The same with a borrowed text: the document then holds two references
 * to its snapshot, not three (fm_doc_free frees it at once when they are
 * the only ones left, and must not while an article holds another). */
START_TEST(threads_map_one_borrowed_document) {
    map_one_document(FM_OPT_BORROW);
}
END_TEST

/* fm_doc_free with the article in the document's room still alive, and
 * with one that is not in the room, in both kinds of document; then a
 * document freed after its articles. */
START_TEST(documents_freed_before_and_after_their_articles) {
    job j;
    j.id = 3;
    make_input(&j);
    for (unsigned borrow = 0; borrow < 2; borrow++) {
        unsigned opts = borrow ? FM_OPT_BORROW : 0;
        fm_doc *doc = fm_doc_parse(j.input, strlen(j.input), opts, NULL);
        fm_article *in_room = fm_article_from_doc(doc, 0, NULL);
        fm_doc_free(doc);
        ck_assert_str_eq(in_room->title.ptr, "Thread 3");
        fm_article_free(in_room);

        doc = fm_doc_parse(j.input, strlen(j.input), opts, NULL);
        in_room = fm_article_from_doc(doc, 0, NULL);
        fm_article *own = fm_article_from_doc(doc, 0, NULL);
        fm_article_free(in_room);
        fm_doc_free(doc);
        ck_assert_str_eq(own->tags.items[1].ptr, "shared");
        fm_article_free(own);

        doc = fm_doc_parse(j.input, strlen(j.input), opts, NULL);
        for (int i = 0; i < 3; i++) { /* the room is taken and given back */
            fm_article *a = fm_article_from_doc(doc, 0, NULL);
            ck_assert_str_eq(a->title.ptr, "Thread 3");
            fm_article_free(a);
        }
        fm_doc_free(doc);
    }
}
END_TEST

static Suite *threads_suite(void) {
    Suite *s = suite_create("threads");
    TCase *t = tcase_create("threads");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, eight_threads_match_one);
    tcase_add_test(t, an_article_moves_between_threads);
    tcase_add_test(t, threads_map_one_document);
    tcase_add_test(t, threads_map_one_borrowed_document);
    tcase_add_test(t, documents_freed_before_and_after_their_articles);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(threads_suite());
}
