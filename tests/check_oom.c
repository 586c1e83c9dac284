/* SPDX-License-Identifier: MIT */
/* check_oom.c - out of memory in the body calls, which allocate with the C
 * library's malloc (cmark included, through lib/cmark_mem.c): this test is
 * linked with the library's objects and --wrap=malloc (and calloc,
 * realloc), so that the N-th allocation fails, for every N. Each call then
 * returns FM_ERR_NOMEM or its exact result: never a crash or an abort (leaks
 * are the sanitizer pass's to find). */
#include <stdio.h>

#include "private.h" /* FMP_CMARK_MAX_BODY */
#include "testutil.h"

/* ---------------------------------------------------------------- malloc */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static long fail_at; /* the allocation that fails (0: none) */
static long count;   /* allocations so far */
static bool armed;   /* only fmatter's calls count (not Check's or the test's) */

static bool refuse(void) {
    return armed && ++count == fail_at;
}

void *__wrap_malloc(size_t size) {
    return refuse() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size) {
    return refuse() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size) {
    return refuse() ? NULL : __real_realloc(p, size);
}

/* ---------------------------------------------------------------- calls */

static const char body_text[] =
    "# The *title*\n\nSome text, a [link](http://example.com \"t\") and `code`.\n\n"
    "## Part two\n\n> quoted\n\n- one\n- two\n\n<!--more-->\n\nThe rest.\n";

typedef enum call { HTML, TEXT, SUMMARY, STATS, HEADINGS, TOC, TITLE, CALLS } call;
static const char *const call_names[] = {"html",     "text", "summary", "stats",
                                         "headings", "toc",  "title"};

/* Runs one call into out (a malloc'd copy of its result as text, made with
 * allocations not counted); returns 0, or -1 with FM_ERR_NOMEM. */
static int run(call c, char **out) {
    fm_body body = {body_text, sizeof body_text - 1, 3};
    fm_error err;
    memset(&err, 0, sizeof err);
    char buf[4096] = "";
    int ok = 0;
    armed = true;
    if (c == HTML || c == TEXT) {
        char *s = c == HTML ? fm_body_html(body, FM_OPT_SOURCEPOS, NULL, &err)
                            : fm_body_text(body, 0, NULL, &err);
        if ((ok = s != NULL))
            snprintf(buf, sizeof buf, "%s", s);
        fm_free(s);
    } else if (c == SUMMARY) {
        fm_summary *s = fm_body_summary(body, NULL, 0, NULL, &err);
        if ((ok = s != NULL))
            snprintf(buf, sizeof buf, "%s|%s", s->markdown, s->text);
        fm_summary_free(s);
    } else if (c == STATS) {
        fm_body_stats st;
        if ((ok = fm_body_stats_get(body, 0, &st, &err) == 0))
            snprintf(buf, sizeof buf, "%zu words", st.words);
    } else if (c == HEADINGS || c == TOC) {
        fm_headings *h = fm_body_headings(body, 0, &err);
        char *toc = h && c == TOC ? fm_headings_toc(h, 1, NULL, &err) : NULL;
        if ((ok = h && (c == HEADINGS || toc)) && c == HEADINGS)
            snprintf(buf, sizeof buf, "%s#%s@%u %s#%s@%u", h->items[0].text,
                     h->items[0].anchor, h->items[0].line, h->items[1].text,
                     h->items[1].anchor, h->items[1].line);
        else if (ok)
            snprintf(buf, sizeof buf, "%s", toc);
        fm_free(toc);
        fm_headings_free(h);
    } else {
        static const char file[] = "---\ndate: 2025-01-01\n---\n# The *title*\n";
        fm_doc *doc = fm_doc_parse(file, sizeof file - 1, 0, &err);
        fm_article *a = doc ? fm_article_from_doc(doc, 0, &err) : NULL;
        if ((ok = a != NULL))
            snprintf(buf, sizeof buf, "%s", a->title.ptr);
        fm_article_free(a);
        fm_doc_free(doc);
    }
    armed = false;
    if (!ok) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "%s: %s: %s", call_names[c],
                      fm_code_name(err.code), err.message);
        ck_assert_str_eq(err.message, "out of memory");
        return -1;
    }
    *out = strdup(buf);
    return 0;
}

START_TEST(every_allocation_of_the_body_calls_can_fail) {
    call c = (call)_i;
    char *want = NULL, *got = NULL;
    fail_at = count = 0;
    ck_assert_int_eq(run(c, &want), 0);
    long total = count, nomem = 0;
    ck_assert_int_gt(total, 10);
    for (long n = 1; n <= total; n++) {
        fail_at = n;
        count = 0;
        if (run(c, &got) == 0) {
            ck_assert_str_eq(got, want);
            free(got);
        } else {
            nomem++;
        }
    }
    fail_at = 0;
    /* every allocation is needed: each failure is reported */
    ck_assert_int_eq(nomem, total);
    free(want);
}
END_TEST

START_TEST(a_body_too_large_for_cmark) {
    size_t n = FMP_CMARK_MAX_BODY + 1;
    char *big = malloc(n);
    ck_assert_ptr_nonnull(big);
    memset(big, 'a', n);
    fm_body body = {big, n, 1};
    fm_error err;
    ck_assert_ptr_null(fm_body_html(body, 0, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_LARGE);
    ck_assert_str_eq(err.message,
                     "body of 134217729 bytes is over the 128 MiB cmark may parse");
    ck_assert_ptr_null(fm_body_headings(body, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_LARGE);
    free(big);
}
END_TEST

int main(void) {
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("body");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, every_allocation_of_the_body_calls_can_fail, 0, CALLS);
    tcase_add_test(tc, a_body_too_large_for_cmark);
    suite_add_tcase(s, tc);
    return fm_test_run_suite(s);
}
