/* SPDX-License-Identifier: MIT */
/* fuzz_article.c - fm_article_from_doc on anything that loads, in every
 * dialect: fields are consistent, diagnostics have positions, strict mode
 * agrees, the summary by the dialect's rules works. */
#include "fuzz.h"

#include <string.h>

/* Every field the table walks is consistent with the article. */
static void check_fields(const fm_article *a) {
    for (size_t i = 0; i < fm_article_field_count(); i++) {
        fm_field_value v;
        int set = fm_article_field_get(a, i, &v);
        FUZZ_REQUIRE(set == 0 || set == 1, "every field reads");
        FUZZ_REQUIRE(v.type == fm_article_field_info(i)->type, "the field has its type");
        if (set && v.type == FM_FIELD_STRING)
            FUZZ_REQUIRE(v.u.str.ptr && strlen(v.u.str.ptr) <= v.u.str.len,
                         "strings are NUL-terminated");
        for (size_t k = 0; set && v.type == FM_FIELD_LIST && k < v.u.list.count; k++)
            FUZZ_REQUIRE(v.u.list.items[k].ptr != NULL, "list items are set");
    }
    for (size_t i = 0; i < a->diagnostic_count; i++) {
        FUZZ_REQUIRE(a->diagnostics[i].line >= 1 && a->diagnostics[i].message,
                     "diagnostic has a place and a message");
        FUZZ_REQUIRE(i == 0 || a->diagnostics[i - 1].offset <= a->diagnostics[i].offset,
                     "diagnostics in source order");
    }
}

/* The article of doc in dialect d (which is `want`), checked, with its
 * summary. */
static void check_dialect(const fm_doc *doc, fm_dialect d, fm_dialect want,
                          const char *path, size_t size) {
    fm_article_options o;
    fm_error err;
    fm_article_options_init(&o);
    o.dialect = d;
    o.path = path;
    o.site_root = "/nonexistent-fmatter-site";
    fm_article *a = fm_article_from_doc_opts(doc, &o, &err);
    FUZZ_REQUIRE(a != NULL, "an article maps from every loaded document");
    FUZZ_REQUIRE(a->dialect == want, "the dialect asked for");
    check_fields(a);
    FUZZ_REQUIRE(a->body_len <= size, "body inside the input");
    o.options = FM_OPT_STRICT;
    fm_article *strict = fm_article_from_doc_opts(doc, &o, &err);
    FUZZ_REQUIRE((strict == NULL) == (a->diagnostic_count > 0),
                 "strict fails iff diagnostics");
    fm_article_free(strict);
    fm_summary *s = fm_article_summary(a, NULL, &err);
    FUZZ_REQUIRE(s != NULL || err.code == FM_ERR_TOO_LARGE || err.code == FM_ERR_NOMEM,
                 "a summary by the dialect's rules");
    fm_summary_free(s);
    fm_article_free(a);
}

/* The generic article unchanged writes nothing back to a document of the
 * same text: fm_article_apply reads the article as loaded again from the
 * article's snapshot, and it must be the article. */
static void check_unchanged_apply(const fm_article *a, const uint8_t *data, size_t size,
                                  const fm_config *cfg) {
    fm_doc *doc = fm_doc_parse_config((const char *)data, size, cfg, NULL);
    FUZZ_REQUIRE(doc != NULL, "the input loads again");
    fm_error err;
    FUZZ_REQUIRE(fm_article_apply(a, doc, &err) == 0, "an unchanged article applies");
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    FUZZ_REQUIRE(len == size && memcmp(text, data, size) == 0,
                 "an unchanged article changes nothing");
    fm_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const struct {
        fm_dialect dialect;
        const char *path;
    } runs[] = {
        {FM_DIALECT_GENERIC, NULL},
        {FM_DIALECT_HUGO, "content/posts/a.md"},
        {FM_DIALECT_JEKYLL, "blog/_posts/2024-01-02-a-b..md"},
        {FM_DIALECT_JEKYLL, "_drafts/x.md"},
        {FM_DIALECT_ZOLA, "content/2024-01-02_a/index.md"},
    };
    fm_config cfg;
    fuzz_config(&cfg);
    fm_doc *doc = fm_doc_parse_config((const char *)data, size, &cfg, NULL);
    if (doc) {
        fm_error err;
        fm_article *a = fm_article_from_doc(doc, 0, &err);
        FUZZ_REQUIRE(a != NULL, "an article maps from every loaded document");
        if (a->title.ptr)
            FUZZ_REQUIRE(strlen(a->title.ptr) <= a->title.len, "title is NUL-terminated");
        fm_article *strict = fm_article_from_doc(doc, FM_OPT_STRICT, &err);
        FUZZ_REQUIRE((strict == NULL) == (a->diagnostic_count > 0),
                     "strict fails iff diagnostics");
        fm_article_free(strict);
        for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++)
            check_dialect(doc, runs[i].dialect, runs[i].dialect, runs[i].path, size);
        fm_doc_free(doc); /* the article holds its own reference */
        check_unchanged_apply(a, data, size, &cfg);
        check_fields(a);
        FUZZ_REQUIRE(a->body_len <= size, "body inside the input");
        fm_article_free(a);
    }
    /* Jekyll's config loads duplicate keys, and the article warns. */
    cfg.dialect = FM_DIALECT_JEKYLL;
    doc = fm_doc_parse_config((const char *)data, size, &cfg, NULL);
    if (doc)
        check_dialect(doc, FM_DIALECT_DEFAULT, FM_DIALECT_JEKYLL,
                      "_posts/2024-01-02-x.md", size);
    fm_doc_free(doc);
    return 0;
}
