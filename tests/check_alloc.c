/* SPDX-License-Identifier: MIT */
/* check_alloc.c - allocation failures: failing the N-th allocation, for every
 * N along parse, article, edits and emit, gives FM_ERR_NOMEM (or success),
 * never a crash, never a leak, and leaves the document as it was. */
#include "config.h" /* FM_NO_FAST_PATH */

#include <stdio.h>

#include "testutil.h"

typedef struct failing {
    long fail_at; /* the allocation number that fails (0: none) */
    long count;   /* allocations so far */
    long live;    /* blocks not yet freed */
    long failed;  /* how many allocations were refused */
    size_t sizes[8]; /* the sizes asked for by the first mallocs */
} failing;

static void *f_malloc(size_t n, void *ud) {
    failing *f = ud;
    if (++f->count == f->fail_at) {
        f->failed++;
        return NULL;
    }
    if (f->count <= 8)
        f->sizes[f->count - 1] = n;
    void *p = malloc(n);
    f->live += p != NULL;
    return p;
}

static void *f_realloc(void *p, size_t n, void *ud) {
    failing *f = ud;
    if (++f->count == f->fail_at) {
        f->failed++;
        return NULL;
    }
    void *q = realloc(p, n);
    f->live += q != NULL && p == NULL;
    return q;
}

static void f_free(void *p, void *ud) {
    failing *f = ud;
    f->live -= p != NULL;
    free(p);
}

static char *sample;
static size_t sample_len;

static void load_sample(void) {
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/article.md", top ? top : ".");
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    sample = malloc(1 << 16);
    sample_len = fread(sample, 1, 1 << 16, fp);
    fclose(fp);
}

static void free_sample(void) {
    free(sample);
}

/* Runs an edit; on failure it must be FM_ERR_NOMEM and leave the text. */
static int edit_step(fm_doc *doc, int rc, const char *before, size_t before_len,
                     const fm_error *err) {
    if (rc == 0)
        return 0;
    ck_assert_msg(err->code == FM_ERR_NOMEM, "edit failed with %s: %s",
                  fm_code_name(err->code), err->message);
    size_t len;
    const char *now = fm_doc_text(doc, &len);
    ck_assert_uint_eq(len, before_len);
    ck_assert(memcmp(now, before, len) == 0);
    return -1;
}

/* The whole path; returns 0 when every step succeeded, -1 after a NOMEM. */
static int scenario(const fm_config *cfg, const void *unused) {
    (void)unused;
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(sample, sample_len, cfg, &err);
    if (!doc) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "parse failed with %s", err.message);
        return -1;
    }
    int rc = 0;
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    if (!a) {
        ck_assert_int_eq(err.code, FM_ERR_NOMEM);
        rc = -1;
    }
    char *before = malloc(200000);
    size_t before_len = 0;
    static const char *const tags[] = {"one", "two: three"};
    for (int step = 0; rc == 0 && step < 8; step++) {
        const char *t = fm_doc_text(doc, &before_len);
        memcpy(before, t, before_len);
        int r;
        switch (step) {
        case 0: r = fm_doc_set_string(doc, "title", "A new title", 11, &err); break;
        case 1: r = fm_doc_set_strings(doc, "tags", tags, NULL, 2, &err); break;
        case 2: r = fm_doc_set_string(doc, "params.author", "Ann", 3, &err); break;
        case 3: r = fm_doc_remove(doc, "lead", &err); break;
        case 4: r = fm_doc_rename(doc, "menu", "navigation", &err); break;
        case 5: r = fm_doc_set_body(doc, "New body.\n", 10, &err); break;
        case 6: r = fm_doc_set_int(doc, "weight", 3, &err); break;
        default: {
            fm_article *edited = (fm_article *)a;
            edited->draft = FM_TRUE;
            r = fm_article_apply(edited, doc, &err);
            break;
        }
        }
        rc = edit_step(doc, r, before, before_len, &err);
    }
    if (rc == 0) {
        char buf[8192];
        size_t needed;
        ck_assert_int_eq(fm_doc_emit_buffer(doc, buf, sizeof buf, &needed, &err), 0);
        ck_assert(strstr(buf, "title: \"A new title\"") != NULL);
        ck_assert(strstr(buf, "draft: true") != NULL);
    }
    free(before);
    fm_article_free(a);
    fm_doc_free(doc);
    return rc;
}

typedef int (*scenario_fn)(const fm_config *cfg, const void *arg);

/* Runs s once cleanly (it must succeed and count its allocations), then
 * once with each of them failing in turn: never a leak. Returns how many
 * runs failed (with FM_ERR_NOMEM); *total gets the allocation count. */
static long fail_each_allocation(scenario_fn s, const void *arg, long *total) {
    failing f = {.fail_at = 0};
    fm_allocator al = {f_malloc, f_realloc, f_free, &f};
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.allocator = &al;
    ck_assert_int_eq(s(&cfg, arg), 0);
    ck_assert_int_eq(f.live, 0);
    long nomem_runs = 0;
    *total = f.count;
    for (long n = 1; n <= *total; n++) {
        f = (failing){.fail_at = n};
        int rc = s(&cfg, arg);
        ck_assert_msg(f.live == 0, "failing allocation %ld of %ld leaks %ld blocks", n,
                      *total, f.live);
        nomem_runs += rc == -1;
    }
    return nomem_runs;
}

START_TEST(every_allocation_can_fail) {
    long total, nomem_runs = fail_each_allocation(scenario, NULL, &total);
    ck_assert_int_gt(total, 20);
    /* Most failures surface as FM_ERR_NOMEM; a few are absorbed (a failed
     * candidate rendering is retried in the safe style). */
    ck_assert_int_gt(nomem_runs, total / 2);
}
END_TEST

/* Loads the document and maps it to an article with cfg; 0 with the title
 * taken from the body, -1 after FM_ERR_NOMEM. */
static int title_scenario(const fm_config *cfg, const char *text) {
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(text, strlen(text), cfg, &err);
    if (!doc) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "parse failed with %s", err.message);
        return -1;
    }
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    int rc = 0;
    if (!a) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "article failed with %s", err.message);
        rc = -1;
    } else {
        ck_assert_str_eq(a->title.ptr, "The title");
        ck_assert_int_eq(a->title_from_body, 1);
    }
    fm_article_free(a);
    fm_doc_free(doc);
    return rc;
}

/* The title taken from the body runs cmark with the document's allocator:
 * each of its allocations can fail too, and is FM_ERR_NOMEM, never a crash,
 * an abort or a leak. */
START_TEST(cmark_allocates_through_the_documents_allocator) {
    static const char with_h1[] = "---\ndate: 2025-01-01\n---\n# The *title*\n\nText.\n";
    static const char without[] = "---\ndate: 2025-01-01\n---\nThe *title*\n\nText.\n";
    for (int realloc_less = 0; realloc_less < 2; realloc_less++) {
        failing f = {.fail_at = 0};
        fm_allocator al = {f_malloc, realloc_less ? NULL : f_realloc, f_free, &f};
        fm_config cfg;
        fm_config_init(&cfg);
        cfg.allocator = &al;
        fm_doc *plain = fm_doc_parse_config(without, strlen(without), &cfg, NULL);
        fm_article *a = fm_article_from_doc(plain, 0, NULL);
        long no_cmark = f.count;
        fm_article_free(a);
        fm_doc_free(plain);
        f = (failing){.fail_at = 0};
        ck_assert_int_eq(title_scenario(&cfg, with_h1), 0);
        ck_assert_int_eq(f.live, 0);
        long total = f.count;
        /* cmark's parser, nodes and iterator come from the allocator */
        ck_assert_int_gt(total, no_cmark + 10);
        for (long n = 1; n <= total; n++) {
            f = (failing){.fail_at = n};
            int rc = title_scenario(&cfg, with_h1);
            ck_assert_msg(f.live == 0, "failing allocation %ld of %ld leaks %ld blocks",
                          n, total, f.live);
            ck_assert_msg(rc == -1, "allocation %ld of %ld failed unseen", n, total);
        }
    }
}
END_TEST

START_TEST(a_realloc_less_allocator_works) {
    failing f = {.fail_at = 0};
    fm_allocator al = {f_malloc, NULL, f_free, &f};
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.allocator = &al;
    ck_assert_int_eq(scenario(&cfg, NULL), 0);
    ck_assert_int_eq(f.live, 0);
}
END_TEST

/* A TOML page that takes every growth path of its loader: more keys than
 * the linear scan (the hash table grows), nested arrays past the frames on
 * the stack, more array items than the children stack holds inline, and
 * tables deeper than the weight pass's first stack. */
static char *toml_page(size_t *len) {
    size_t cap = 64 * 1024, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "+++\ntitle = \"T\"\ndate = 2025-02-11\n");
    for (int i = 0; i < 80; i++)
        n += (size_t)snprintf(s + n, cap - n, "k%d.v = \"\\u00e9%d\"\n", i, i);
    n += (size_t)snprintf(s + n, cap - n, "deep = %.40s%.40s\nmany = [",
                          "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                          "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(s + n, cap - n, "%d, ", i);
    n += (size_t)snprintf(s + n, cap - n, "]\n[t");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(s + n, cap - n, ".d%d", i);
    n += (size_t)snprintf(s + n, cap - n,
                          "]\nx = {a.b = [{c = 1}]}\n[[aot]]\n[[aot]]\n+++\nBody\n");
    *len = n;
    return s;
}

static int toml_scenario(const fm_config *cfg, const void *page) {
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(page, strlen(page), cfg, &err);
    if (!doc) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "parse failed with %s", err.message);
        return -1;
    }
    ck_assert_int_eq(fm_value_size(fm_doc_root(doc)), 86);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    int rc = a ? 0 : -1;
    if (!a)
        ck_assert_int_eq(err.code, FM_ERR_NOMEM);
    fm_article_free(a);
    fm_doc_free(doc);
    return rc;
}

START_TEST(every_allocation_of_a_toml_load_can_fail) {
    size_t len;
    char *page = toml_page(&len);
    long total, nomem_runs = fail_each_allocation(toml_scenario, page, &total);
    ck_assert_int_gt(total, 8);
    ck_assert_int_eq(nomem_runs, total); /* a load has nothing to retry */
    free(page);
}
END_TEST

/* fm_article_apply reads the generic article as loaded again: with the title
 * from the body (cmark through the document's allocator) and more extras
 * than its room on the stack holds, so that the reading allocates. */
static char *apply_page(void) {
    size_t cap = 16 * 1024, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "---\ndraft: false\n");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(s + n, cap - n, "key%03d: value %d\n", i, i);
    snprintf(s + n, cap - n, "---\n# The *title*\n\nText.\n");
    return s;
}

static int apply_scenario(const fm_config *cfg, const void *page) {
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(page, strlen(page), cfg, &err);
    if (!doc) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "parse failed with %s", err.message);
        return -1;
    }
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    int rc = a ? 0 : -1;
    if (!a)
        ck_assert_int_eq(err.code, FM_ERR_NOMEM);
    if (a) {
        const failing *f = cfg->allocator->ud;
        long before = f->count;
        size_t len;
        const char *now = fm_doc_text(doc, &len);
        char *text = malloc(len + 1);
        memcpy(text, now, len);
        a->draft = FM_TRUE;
        rc = edit_step(doc, fm_article_apply(a, doc, &err), text, len, &err);
        if (rc == 0) {
            ck_assert(strstr(fm_doc_text(doc, NULL), "---\ndraft: true\nkey000:") != NULL);
            /* the reading again: its arena's chunk and cmark's allocations */
            ck_assert_int_gt(f->count - before, 10);
        }
        free(text);
    }
    fm_article_free(a);
    fm_doc_free(doc);
    return rc;
}

START_TEST(every_allocation_of_an_apply_can_fail) {
    char *page = apply_page();
    long total, nomem_runs = fail_each_allocation(apply_scenario, page, &total);
    ck_assert_int_gt(total, 20);
    ck_assert_int_gt(nomem_runs, total / 2);
    free(page);
}
END_TEST

/* A conversion YAML -> TOML -> YAML -> JSON: each step succeeds or fails
 * with FM_ERR_NOMEM leaving the text as it was. */
static int convert_scenario(const fm_config *cfg, const void *unused) {
    (void)unused;
    static const char page[] = "---\n# the title\ntitle: T # here\n"
                               "date: 2025-02-11 01:46:07\nparams:\n  author: Ann\n"
                               "  text: |\n    one\n    two\nlist:\n  - a: 1\n  - a: 2\n"
                               "tags: [x, y]\n---\nBody\n";
    static const fm_format steps[] = {FM_FORMAT_TOML, FM_FORMAT_YAML, FM_FORMAT_JSON};
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(page, strlen(page), cfg, &err);
    if (!doc) {
        ck_assert_msg(err.code == FM_ERR_NOMEM, "parse failed with %s", err.message);
        return -1;
    }
    char before[1024];
    size_t before_len;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        const char *t = fm_doc_text(doc, &before_len);
        ck_assert_uint_lt(before_len, sizeof before);
        memcpy(before, t, before_len);
        rc = edit_step(doc, fm_doc_convert(doc, steps[i], &err), before, before_len, &err);
    }
    if (rc == 0)
        ck_assert_str_eq(fm_doc_text(doc, NULL),
                         "{\n  \"title\": \"T\",\n  \"date\": \"2025-02-11T01:46:07\",\n"
                         "  \"tags\": [\"x\", \"y\"],\n  \"params\": {\n"
                         "    \"author\": \"Ann\",\n    \"text\": \"one\\ntwo\\n\"\n  },\n"
                         "  \"list\": [\n    {\n      \"a\": 1\n    },\n    {\n"
                         "      \"a\": 2\n    }\n  ]\n}\nBody\n");
    fm_doc_free(doc);
    return rc;
}

START_TEST(every_allocation_of_a_conversion_can_fail) {
    long total, nomem_runs = fail_each_allocation(convert_scenario, NULL, &total);
    ck_assert_int_gt(total, 50);
    ck_assert_int_gt(nomem_runs, total / 2);
}
END_TEST

/* A document of n extra keys ("k0: 0" ...) after a title, as a malloc'd
 * string. */
static char *extras_doc(int n, size_t *len) {
    size_t cap = 64 + (size_t)n * 16, o = 0;
    char *t = malloc(cap);
    ck_assert_ptr_nonnull(t);
    o += (size_t)snprintf(t + o, cap - o, "---\ntitle: T\n");
    for (int i = 0; i < n; i++)
        o += (size_t)snprintf(t + o, cap - o, "k%d: %d\n", i, i);
    o += (size_t)snprintf(t + o, cap - o, "---\nbody\n");
    *len = o;
    return t;
}

/* What a load and an article take from the allocator (the exact counts
 * with the fast path built in; libyaml's load takes scratch blocks of its
 * own): the document, its
 * snapshot, tree and article room one block (the snapshot's first chunk,
 * taken at once and freed with the document); the article nothing while it
 * fits its room (2 extras), one chunk of its own once its extras spill out
 * (40: their array of 64 does not fit the room's 1,792 bytes left), more
 * for many (200); all freed with it. */
START_TEST(a_document_and_its_article_take_one_block) {
    static const int extras[] = {2, 40, 200};
    /* 40 and 200 keys: the tree spills out of the first chunk (one more,
     * two more), and its keys go through the key table (allocated and freed
     * during the load: 3 and 7 allocations in all). */
    static const long doc_kept[] = {1, 2, 3}, doc_allocations[] = {1, 3, 7};
    static const long article_blocks[] = {0, 1, 3};
    for (size_t k = 0; k < 3; k++) {
        size_t len;
        char *text = extras_doc(extras[k], &len);
        failing f = {.fail_at = 0};
        fm_allocator al = {f_malloc, f_realloc, f_free, &f};
        fm_config cfg;
        fm_config_init(&cfg);
        cfg.allocator = &al;
        cfg.options = FM_OPT_BORROW;
        fm_error err;
        fm_doc *doc = fm_doc_parse_config(text, len, &cfg, &err);
        ck_assert_ptr_nonnull(doc);
        long doc_blocks = f.live;
#ifndef FM_NO_FAST_PATH /* the counts of the fast path's load */
        ck_assert_int_eq(doc_blocks, doc_kept[k]);
        ck_assert_int_eq(f.count, doc_allocations[k]);
#else
        (void)doc_kept, (void)doc_allocations;
#endif
        fm_article *a = fm_article_from_doc(doc, 0, &err);
        ck_assert_ptr_nonnull(a);
        ck_assert_str_eq(a->title.ptr, "T");
        ck_assert_uint_eq(a->extra_count, (size_t)extras[k]);
#ifndef FM_NO_FAST_PATH
        ck_assert_int_eq(f.live, doc_blocks + article_blocks[k]);
#else
        ck_assert_int_ge(f.live, doc_blocks + article_blocks[k]);
#endif
        fm_article_free(a);
        ck_assert_int_eq(f.live, doc_blocks);
        fm_doc_free(doc);
        ck_assert_int_eq(f.live, 0);
        free(text);
    }
}
END_TEST

/* A text parsed from memory is copied into the snapshot's first chunk,
 * after the room for its tree; the chunks the tree takes after that one are
 * the same as when the text is borrowed (they double from the tree's room,
 * not from the text's size: a 1 MB body made them 2 MB and 4 MB). */
START_TEST(a_copied_text_leaves_later_chunks_as_they_were) {
    size_t front_len;
    char *front = extras_doc(200, &front_len);
    size_t body = (size_t)1 << 20, len = front_len + body;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    memcpy(text, front, front_len);
    memset(text + front_len, 'b', body);
    failing f[2];
    const unsigned opts[2] = {FM_OPT_BORROW, 0};
    for (int k = 0; k < 2; k++) {
        memset(&f[k], 0, sizeof f[k]);
        fm_allocator al = {f_malloc, f_realloc, f_free, &f[k]};
        fm_config cfg;
        fm_config_init(&cfg);
        cfg.allocator = &al;
        cfg.options = opts[k];
        fm_error err;
        fm_doc *doc = fm_doc_parse_config(text, len, &cfg, &err);
        ck_assert_ptr_nonnull(doc);
        fm_doc_free(doc);
        ck_assert_int_eq(f[k].live, 0);
    }
    ck_assert_int_eq(f[1].count, f[0].count);
    ck_assert_uint_eq(f[1].sizes[0], f[0].sizes[0] + len + 1);
    for (long i = 1; i < f[0].count && i < 8; i++)
        ck_assert_uint_eq(f[1].sizes[i], f[0].sizes[i]);
#ifndef FM_NO_FAST_PATH /* the fast path's load: two chunks after the first */
    ck_assert_int_eq(f[0].count, 7);
    ck_assert_uint_lt(f[0].sizes[6], (size_t)256 << 10);
#endif
    free(text);
    free(front);
}
END_TEST

/* The snapshot's first chunk refused: FM_ERR_NOMEM, nothing left behind,
 * the same with and without the fast path. */
START_TEST(the_first_chunk_refused) {
    static const char text[] = "---\ntitle: T\n---\nbody\n";
    const unsigned opts[] = {FM_OPT_BORROW, 0, FM_OPT_BORROW | FM_OPT_NO_FAST_PATH};
    for (size_t k = 0; k < 3; k++) {
        failing f = {.fail_at = 1};
        fm_allocator al = {f_malloc, f_realloc, f_free, &f};
        fm_config cfg;
        fm_config_init(&cfg);
        cfg.allocator = &al;
        cfg.options = opts[k];
        fm_error err;
        memset(&err, 0, sizeof err);
        ck_assert_ptr_null(fm_doc_parse_config(text, sizeof text - 1, &cfg, &err));
        ck_assert_int_eq(err.code, FM_ERR_NOMEM);
        ck_assert_str_eq(err.message, "out of memory");
        ck_assert_int_eq(f.count, 1);
        ck_assert_int_eq(f.failed, 1);
        ck_assert_int_eq(f.live, 0);
    }
}
END_TEST

static Suite *alloc_suite(void) {
    Suite *s = suite_create("alloc");
    TCase *t = tcase_create("failures");
    tcase_add_unchecked_fixture(t, load_sample, free_sample);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, every_allocation_can_fail);
    tcase_add_test(t, a_realloc_less_allocator_works);
    tcase_add_test(t, every_allocation_of_a_toml_load_can_fail);
    tcase_add_test(t, every_allocation_of_a_conversion_can_fail);
    tcase_add_test(t, every_allocation_of_an_apply_can_fail);
    tcase_add_test(t, cmark_allocates_through_the_documents_allocator);
    tcase_add_test(t, a_document_and_its_article_take_one_block);
    tcase_add_test(t, the_first_chunk_refused);
    tcase_add_test(t, a_copied_text_leaves_later_chunks_as_they_were);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(alloc_suite());
}
