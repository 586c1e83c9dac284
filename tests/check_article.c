/* SPDX-License-Identifier: MIT */
/* check_article.c - fm_article_from_doc: the sample article, key spellings,
 * lists, bools, Jekyll's published, weight, dates, diagnostics, extras. */
#include "testutil.h"
#include "article_asserts.h"

#include <stddef.h>
#include <stdio.h>

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

/* Every typed field by name, to check that the ones a test does not set are
 * left unset. */
typedef struct named_field {
    const char *name;
    size_t offset;
} named_field;

static const named_field str_fields[] = {
    {"title", offsetof(fm_article, title)},
    {"summary", offsetof(fm_article, summary)},
    {"description", offsetof(fm_article, description)},
    {"slug", offsetof(fm_article, slug)},
    {"url", offsetof(fm_article, url)},
    {"permalink", offsetof(fm_article, permalink)},
    {"layout", offsetof(fm_article, layout)},
    {"type", offsetof(fm_article, type)},
    {"author", offsetof(fm_article, author)},
    {"menu", offsetof(fm_article, menu)},
    {"thumbnail", offsetof(fm_article, thumbnail)},
    {"lead", offsetof(fm_article, lead)},
    {"sidebar", offsetof(fm_article, sidebar)},
};

static const named_field list_fields[] = {
    {"tags", offsetof(fm_article, tags)},
    {"categories", offsetof(fm_article, categories)},
    {"keywords", offsetof(fm_article, keywords)},
    {"aliases", offsetof(fm_article, aliases)},
    {"authors", offsetof(fm_article, authors)},
    {"images", offsetof(fm_article, images)},
    {"series", offsetof(fm_article, series)},
    {"lang", offsetof(fm_article, lang)},
    {"translations", offsetof(fm_article, translations)},
    {"widgets", offsetof(fm_article, widgets)},
};

static const named_field date_fields[] = {
    {"date", offsetof(fm_article, date)},
    {"lastmod", offsetof(fm_article, lastmod)},
    {"publish_date", offsetof(fm_article, publish_date)},
    {"expiry_date", offsetof(fm_article, expiry_date)},
};

static const named_field bool_fields[] = {
    {"draft", offsetof(fm_article, draft)},
    {"comments", offsetof(fm_article, comments)},
    {"authorbox", offsetof(fm_article, authorbox)},
    {"pager", offsetof(fm_article, pager)},
    {"toc", offsetof(fm_article, toc)},
    {"mathjax", offsetof(fm_article, mathjax)},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const void *field_at(const fm_article *a, const named_field *f) {
    return (const char *)a + f->offset;
}

/* True when name is one of the NULL-terminated list set. */
static int is_listed(const char *name, const char *const *set) {
    for (; set && *set; set++)
        if (strcmp(*set, name) == 0)
            return 1;
    return 0;
}

/* Every typed field whose name is not in `set` (NULL-terminated, or NULL
 * for none) is unset: NULL strings and lists, no date flags, FM_UNSET,
 * no weight. */
static void assert_others_unset(const fm_article *a, const char *const *set) {
    size_t i;
    for (i = 0; i < COUNT(str_fields); i++) {
        const fm_str *s = field_at(a, &str_fields[i]);
        if (!is_listed(str_fields[i].name, set))
            ck_assert_msg(s->ptr == NULL && s->len == 0, "%s is set", str_fields[i].name);
    }
    for (i = 0; i < COUNT(list_fields); i++) {
        const fm_strlist *l = field_at(a, &list_fields[i]);
        if (!is_listed(list_fields[i].name, set))
            ck_assert_msg(l->items == NULL && l->count == 0, "%s is set",
                          list_fields[i].name);
    }
    for (i = 0; i < COUNT(date_fields); i++) {
        const fm_datetime *d = field_at(a, &date_fields[i]);
        if (!is_listed(date_fields[i].name, set))
            ck_assert_msg(d->flags == 0, "%s is set", date_fields[i].name);
    }
    for (i = 0; i < COUNT(bool_fields); i++) {
        const fm_tribool *b = field_at(a, &bool_fields[i]);
        if (!is_listed(bool_fields[i].name, set))
            ck_assert_msg(*b == FM_UNSET, "%s is set", bool_fields[i].name);
    }
    if (!is_listed("weight", set)) {
        ck_assert_int_eq(a->has_weight, 0);
        ck_assert_int_eq((long long)a->weight, 0);
    }
}

/* The article of doc with options 0; fails the test when there is none. */
static fm_article *article_of(const fm_doc *doc) {
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_msg(a != NULL, "fm_article_from_doc: %s: %s", fm_code_name(err.code),
                  err.message);
    ck_assert_uint_eq(a->size, sizeof(fm_article));
    return a;
}

/* A document with one line of front matter: "---\n<line>\n---\n". */
static fm_doc *parse_line(const char *line) {
    char text[256];
    int n = snprintf(text, sizeof text, "---\n%s\n---\n", line);
    ck_assert(n > 0 && (size_t)n < sizeof text);
    return fm_test_parse(text, 0);
}

/* ===================================================================== */
/* The sample article                                                    */
/* ===================================================================== */

static const char sample_summary[] =
    "Hundreds of heads of states, tech CEOs and nonprofits have flocked to Paris for the "
    "Artificial Intelligence Action Summit. So far, the winner of this week\xE2\x80\x99"
    "s diplomatic and business parade seems to be Mistral. In business lingo, we would "
    "say that the French AI unicorn is experiencing tailwinds. Mistral has...";

static void sample_path(char *buf, size_t cap) {
    const char *top = getenv("top_srcdir");
    int n = snprintf(buf, cap, "%s/examples/article.md", top && *top ? top : ".");
    ck_assert(n > 0 && (size_t)n < cap);
}

static long file_size(const char *path) {
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    fclose(fp);
    return size;
}

START_TEST(sample_article) {
    static const char *const widgets[] = {"search", "recent", "taglist"};
    static const char *const set[] = {
        "title", "date", "summary",   "categories", "lang",     "translations",
        "tags",  "menu", "thumbnail", "lead",       "comments", "authorbox",
        "pager", "toc",  "mathjax",   "sidebar",    "widgets",  NULL};
    char path[4096];
    fm_error err;
    sample_path(path, sizeof path);
    long size = file_size(path);
    memset(&err, 0, sizeof err);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_msg(doc != NULL, "%s: %s", path, err.message);
    fm_article *a = article_of(doc);

    assert_str("title", a->title, "Mistral gets down to business");
    assert_dt("date", a->date, 2025, 2, 11, 1, 46, 7, 0, 0, DT_TIME);
    assert_str("summary", a->summary, sample_summary);
    assert_list1("categories", a->categories, "techcrunch");
    assert_list1("lang", a->lang, "en");
    assert_list1("translations", a->translations, "en");
    assert_list1("tags", a->tags, "techcrunch");
    assert_str("menu", a->menu, "");
    assert_str("thumbnail", a->thumbnail, "");
    assert_str("lead", a->lead, "");
    ck_assert_int_eq(a->comments, FM_FALSE);
    ck_assert_int_eq(a->authorbox, FM_FALSE);
    ck_assert_int_eq(a->pager, FM_TRUE);
    ck_assert_int_eq(a->toc, FM_FALSE);
    ck_assert_int_eq(a->mathjax, FM_FALSE);
    assert_str("sidebar", a->sidebar, "right");
    assert_list("widgets", a->widgets, widgets, 3);
    ck_assert_int_eq(a->draft, FM_UNSET);
    ck_assert_int_eq(a->has_weight, 0);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);

    size_t text_len;
    const char *text = fm_doc_text(doc, &text_len);
    ck_assert_uint_eq(text_len, (size_t)size);
    ck_assert_uint_eq(a->body_offset, 657);
    ck_assert_uint_eq(a->body_line, 27);
    ck_assert_ptr_eq(a->body, text + 657);
    ck_assert_uint_eq(a->body_len, (size_t)size - 657);
    ck_assert_int_eq(memcmp(a->body, "\nHundreds of heads of states", 28), 0);

    /* The article holds its own reference: still valid without the document. */
    fm_doc_free(doc);
    assert_str("title", a->title, "Mistral gets down to business");
    assert_str("summary", a->summary, sample_summary);
    assert_list("widgets", a->widgets, widgets, 3);
    ck_assert_int_eq(memcmp(a->body, "\nHundreds of heads of states", 28), 0);
    ck_assert_int_eq(a->body[a->body_len - 1], '\n');
    fm_article_free(a);
}
END_TEST

/* ===================================================================== */
/* Every typed key lands in its own field                                */
/* ===================================================================== */

START_TEST(every_field) {
    static const char text[] = "---\n"
                               "title: T\n"
                               "summary: S\n"
                               "description: D\n"
                               "slug: sl\n"
                               "url: /u/\n"
                               "permalink: /p/\n"
                               "layout: L\n"
                               "type: ty\n"
                               "author: au\n"
                               "menu: me\n"
                               "thumbnail: th.png\n"
                               "lead: le\n"
                               "sidebar: left\n"
                               "tags: [t1, t2]\n"
                               "categories: [c1]\n"
                               "keywords: [k1]\n"
                               "aliases: [/a1]\n"
                               "authors: [a1, a2]\n"
                               "images: [i1.png]\n"
                               "series: [s1]\n"
                               "lang: [fr]\n"
                               "translations: [de]\n"
                               "widgets: [w1]\n"
                               "date: 2020-01-01\n"
                               "lastmod: 2020-01-02\n"
                               "publishDate: 2020-01-03\n"
                               "expiryDate: 2020-01-04\n"
                               "draft: true\n"
                               "comments: true\n"
                               "authorbox: false\n"
                               "pager: false\n"
                               "toc: true\n"
                               "mathjax: false\n"
                               "weight: 12\n"
                               "---\n"
                               "body\n";
    static const char *const tags[] = {"t1", "t2"};
    static const char *const authors[] = {"a1", "a2"};
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);

    assert_str("title", a->title, "T");
    assert_str("summary", a->summary, "S");
    assert_str("description", a->description, "D");
    assert_str("slug", a->slug, "sl");
    assert_str("url", a->url, "/u/");
    assert_str("permalink", a->permalink, "/p/");
    assert_str("layout", a->layout, "L");
    assert_str("type", a->type, "ty");
    assert_str("author", a->author, "au");
    assert_str("menu", a->menu, "me");
    assert_str("thumbnail", a->thumbnail, "th.png");
    assert_str("lead", a->lead, "le");
    assert_str("sidebar", a->sidebar, "left");
    assert_list("tags", a->tags, tags, 2);
    assert_list1("categories", a->categories, "c1");
    assert_list1("keywords", a->keywords, "k1");
    assert_list1("aliases", a->aliases, "/a1");
    assert_list("authors", a->authors, authors, 2);
    assert_list1("images", a->images, "i1.png");
    assert_list1("series", a->series, "s1");
    assert_list1("lang", a->lang, "fr");
    assert_list1("translations", a->translations, "de");
    assert_list1("widgets", a->widgets, "w1");
    assert_dt("date", a->date, 2020, 1, 1, 0, 0, 0, 0, 0, DT_DATE);
    assert_dt("lastmod", a->lastmod, 2020, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    assert_dt("publish_date", a->publish_date, 2020, 1, 3, 0, 0, 0, 0, 0, DT_DATE);
    assert_dt("expiry_date", a->expiry_date, 2020, 1, 4, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(a->draft, FM_TRUE);
    ck_assert_int_eq(a->comments, FM_TRUE);
    ck_assert_int_eq(a->authorbox, FM_FALSE);
    ck_assert_int_eq(a->pager, FM_FALSE);
    ck_assert_int_eq(a->toc, FM_TRUE);
    ck_assert_int_eq(a->mathjax, FM_FALSE);
    ck_assert_int_eq(a->has_weight, 1);
    ck_assert_int_eq((long long)a->weight, 12);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    ck_assert_uint_eq(a->body_offset, sizeof text - 1 - 5);
    ck_assert_uint_eq(a->body_line, 37);
    ck_assert_uint_eq(a->body_len, 5);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Key spellings                                                         */
/* ===================================================================== */

static const char *const publish_spellings[] = {
    "publishDate", "PublishDate", "publishdate", "PUBLISHDATE", "pubdate", "PubDate"};

START_TEST(spelling_publish_date) {
    char line[64];
    snprintf(line, sizeof line, "%s: 2024-01-02", publish_spellings[_i]);
    fm_doc *doc = parse_line(line);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"publish_date", NULL};
    assert_dt(line, a->publish_date, 2024, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

static const char *const expiry_spellings[] = {"expiryDate",    "ExpiryDate",
                                               "expirydate",    "unpublishdate",
                                               "unpublishDate", "UNPUBLISHDATE"};

START_TEST(spelling_expiry_date) {
    char line[64];
    snprintf(line, sizeof line, "%s: 2024-01-02", expiry_spellings[_i]);
    fm_doc *doc = parse_line(line);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"expiry_date", NULL};
    assert_dt(line, a->expiry_date, 2024, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

static const char *const title_spellings[] = {"title", "Title", "TITLE", "tItLe"};

START_TEST(spelling_title) {
    char line[64];
    snprintf(line, sizeof line, "%s: Hello", title_spellings[_i]);
    fm_doc *doc = parse_line(line);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"title", NULL};
    assert_str(line, a->title, "Hello");
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

static const char *const category_spellings[] = {"categories", "Categories", "category",
                                                 "Category", "CATEGORY"};

START_TEST(spelling_category) {
    char line[64];
    snprintf(line, sizeof line, "%s: [news]", category_spellings[_i]);
    fm_doc *doc = parse_line(line);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"categories", NULL};
    assert_list1(line, a->categories, "news");
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Lists                                                                 */
/* ===================================================================== */

START_TEST(list_one_string) {
    fm_doc *doc = fm_test_parse("---\n"
                                "keywords: go\n"
                                "aliases: \"/a b/\"\n"
                                "widgets: 'x  y'\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"keywords", "aliases", "widgets", NULL};
    assert_list1("keywords", a->keywords, "go");
    assert_list1("aliases", a->aliases, "/a b/");
    assert_list1("widgets", a->widgets, "x  y");
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(list_words) {
    fm_doc *doc = fm_test_parse("---\n"
                                "tags: \"a b  c\"\n"
                                "categories: \" x\\ty \"\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    static const char *const abc[] = {"a", "b", "c"};
    static const char *const xy[] = {"x", "y"};
    assert_list("tags", a->tags, abc, 3);
    assert_list("categories", a->categories, xy, 2);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(list_words_category) {
    fm_doc *doc = parse_line("category: \"go rust\"");
    fm_article *a = article_of(doc);
    static const char *const want[] = {"go", "rust"};
    assert_list("categories", a->categories, want, 2);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(list_empty) {
    fm_doc *doc = fm_test_parse("---\n"
                                "tags: []\n"
                                "categories: \"\"\n"
                                "keywords: ''\n"
                                "aliases: \"   \"\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"tags", "categories", "keywords", "aliases", NULL};
    assert_list_empty("tags", a->tags);
    assert_list_empty("categories", a->categories);
    assert_list_empty("keywords", a->keywords);
    /* Not a words list: blanks are one item. */
    assert_list1("aliases", a->aliases, "   ");
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(list_blank_words_empty) {
    fm_doc *doc = parse_line("tags: \"  \"");
    fm_article *a = article_of(doc);
    assert_list_empty("tags", a->tags);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* Items of a sequence are taken whole, never split. */
START_TEST(list_sequence_items_not_split) {
    fm_doc *doc = fm_test_parse("---\n"
                                "tags:\n"
                                "  - a b\n"
                                "  - c\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    static const char *const want[] = {"a b", "c"};
    assert_list("tags", a->tags, want, 2);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(list_absent) {
    fm_doc *doc = parse_line("title: x");
    fm_article *a = article_of(doc);
    for (size_t i = 0; i < COUNT(list_fields); i++)
        assert_list_unset(list_fields[i].name,
                          *(const fm_strlist *)field_at(a, &list_fields[i]));
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Bools                                                                 */
/* ===================================================================== */

static const struct bool_case {
    const char *value;
    fm_tribool want;
    fm_type type; /* the generic value's type */
} bool_cases[] = {
    {"true", FM_TRUE, FM_BOOL},    {"false", FM_FALSE, FM_BOOL},
    {"True", FM_TRUE, FM_BOOL},    {"FALSE", FM_FALSE, FM_BOOL},
    {"Yes", FM_TRUE, FM_STRING},   {"yes", FM_TRUE, FM_STRING},
    {"YES", FM_TRUE, FM_STRING},   {"on", FM_TRUE, FM_STRING},
    {"On", FM_TRUE, FM_STRING},    {"ON", FM_TRUE, FM_STRING},
    {"yEs", FM_TRUE, FM_STRING},   {"\"true\"", FM_TRUE, FM_STRING},
    {"no", FM_FALSE, FM_STRING},   {"No", FM_FALSE, FM_STRING},
    {"off", FM_FALSE, FM_STRING},  {"OFF", FM_FALSE, FM_STRING},
    {"oFf", FM_FALSE, FM_STRING},  {"nO", FM_FALSE, FM_STRING},
    {"'no'", FM_FALSE, FM_STRING}, {"'FALSE'", FM_FALSE, FM_STRING},
};

START_TEST(bool_values) {
    const struct bool_case *c = &bool_cases[_i];
    char line[64];
    snprintf(line, sizeof line, "draft: %s", c->value);
    fm_doc *doc = parse_line(line);
    fm_article *a = article_of(doc);
    ck_assert_msg(a->draft == c->want, "%s: draft %d, expected %d", line, a->draft,
                  c->want);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "draft")), c->type);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(bool_strings_stay_strings) {
    fm_doc *doc = fm_test_parse("---\ndraft: Yes\ncomments: OFF\n---\n", 0);
    fm_article *a = article_of(doc);
    size_t len;
    ck_assert_int_eq(a->draft, FM_TRUE);
    ck_assert_int_eq(a->comments, FM_FALSE);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "draft")), FM_STRING);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "comments")), FM_STRING);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "draft"), &len), "Yes");
    ck_assert_uint_eq(len, 3);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "comments"), &len), "OFF");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Jekyll's published                                                    */
/* ===================================================================== */

START_TEST(published_bool) {
    fm_doc *doc = parse_line("published: false");
    fm_article *a = article_of(doc);
    static const char *const set[] = {"draft", NULL};
    ck_assert_int_eq(a->draft, FM_TRUE);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);

    doc = parse_line("published: true");
    a = article_of(doc);
    ck_assert_int_eq(a->draft, FM_FALSE);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* An explicit draft wins over published, before or after it. */
static const struct {
    const char *text;
    fm_tribool draft;
} draft_wins_cases[] = {
    {"---\ndraft: false\npublished: false\n---\n", FM_FALSE},
    {"---\npublished: false\ndraft: false\n---\n", FM_FALSE},
    {"---\ndraft: true\npublished: true\n---\n", FM_TRUE},
    {"---\npublished: true\ndraft: true\n---\n", FM_TRUE},
    {"---\npublished: true\nDraft: yes\n---\n", FM_TRUE},
};

START_TEST(published_draft_wins) {
    fm_doc *doc = fm_test_parse(draft_wins_cases[_i].text, 0);
    fm_article *a = article_of(doc);
    ck_assert_msg(a->draft == draft_wins_cases[_i].draft, "%s: draft %d",
                  draft_wins_cases[_i].text, a->draft);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(published_date) {
    fm_doc *doc = parse_line("published: 2024-03-01");
    fm_article *a = article_of(doc);
    static const char *const set[] = {"publish_date", NULL};
    assert_dt("publish_date", a->publish_date, 2024, 3, 1, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(a->draft, FM_UNSET);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Weight                                                                */
/* ===================================================================== */

static const struct {
    const char *line;
    long long want;
} weight_cases[] = {
    {"weight: 5", 5},   {"weight: \"7\"", 7}, {"weight: 3.0", 3},
    {"weight: -2", -2}, {"weight: 0", 0},     {"Weight: 9", 9},
};

START_TEST(weight_values) {
    fm_doc *doc = parse_line(weight_cases[_i].line);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"weight", NULL};
    ck_assert_int_eq(a->has_weight, 1);
    ck_assert_int_eq((long long)a->weight, weight_cases[_i].want);
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Dates                                                                 */
/* ===================================================================== */

START_TEST(date_plain_timestamp) {
    fm_doc *doc = parse_line("date: 2025-02-11");
    fm_article *a = article_of(doc);
    assert_dt("date", a->date, 2025, 2, 11, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "date")), FM_TIMESTAMP);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(date_string) {
    fm_doc *doc = parse_line("date: \"2025-02-11T01:46:07Z\"");
    fm_article *a = article_of(doc);
    assert_dt("date", a->date, 2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "date")), FM_STRING);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(date_jekyll_offset) {
    fm_doc *doc = parse_line("date: 2019-08-08 14:10:00 +0800");
    fm_article *a = article_of(doc);
    assert_dt("date", a->date, 2019, 8, 8, 14, 10, 0, 0, 480, DT_ZONED);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(date_lastmod_fraction) {
    fm_doc *doc = parse_line("lastmod: 2025-02-11T01:46:07.5-07:00");
    fm_article *a = article_of(doc);
    static const char *const set[] = {"lastmod", NULL};
    assert_dt("lastmod", a->lastmod, 2025, 2, 11, 1, 46, 7, 500000000, -420, DT_ZONED);
    assert_others_unset(a, set);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Strings                                                               */
/* ===================================================================== */

START_TEST(string_from_scalar_text) {
    fm_doc *doc = fm_test_parse("---\n"
                                "title: 2024\n"
                                "slug: true\n"
                                "layout: 3.50\n"
                                "type: 2025-02-11\n"
                                "author: \"\"\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    static const char *const set[] = {"title", "slug", "layout", "type", "author", NULL};
    assert_str("title", a->title, "2024");
    assert_str("slug", a->slug, "true");
    assert_str("layout", a->layout, "3.50");
    assert_str("type", a->type, "2025-02-11");
    assert_str("author", a->author, "");
    assert_others_unset(a, set);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* Null leaves any field unset, with no diagnostic and no extra. */
START_TEST(null_values_unset) {
    fm_doc *doc = fm_test_parse("---\n"
                                "summary:\n"
                                "title: ~\n"
                                "description: null\n"
                                "tags:\n"
                                "date: ~\n"
                                "draft:\n"
                                "weight: ~\n"
                                "published: ~\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    assert_others_unset(a, NULL);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Diagnostics                                                           */
/* ===================================================================== */

START_TEST(diagnostics_wrong_types) {
    static const char text[] = "---\n"
                               "title: [a]\n"
                               "draft: maybe\n"
                               "weight: heavy\n"
                               "tags: {a: 1}\n"
                               "date: 2025-02-30\n"
                               "---\n"
                               "body\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);
    size_t len;

    ck_assert_uint_eq(a->diagnostic_count, 5);
    assert_diag(&a->diagnostics[0], FM_ERR_TYPE, 2, 8, 11, "title",
                "\"title\": expected a string, found a sequence");
    assert_diag(&a->diagnostics[1], FM_ERR_TYPE, 3, 8, 22, "draft",
                "\"draft\": expected a boolean, found string \"maybe\"");
    assert_diag(&a->diagnostics[2], FM_ERR_TYPE, 4, 9, 36, "weight",
                "\"weight\": expected an integer, found string \"heavy\"");
    assert_diag(&a->diagnostics[3], FM_ERR_TYPE, 5, 7, 48, "tags",
                "\"tags\": expected a list of strings, found a mapping");
    assert_diag(&a->diagnostics[4], FM_ERR_DATE, 6, 7, 61, "date",
                "\"date\": \"2025-02-30\" is not a valid date");

    /* Every field stays unset... */
    assert_str_unset("title", a->title);
    ck_assert_int_eq(a->draft, FM_UNSET);
    ck_assert_int_eq(a->has_weight, 0);
    assert_list_unset("tags", a->tags);
    ck_assert_uint_eq(a->date.flags, 0);
    assert_others_unset(a, NULL);
    /* ...and the document keeps the values. */
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "title")), FM_SEQUENCE);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "draft"), &len), "maybe");
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "weight"), &len), "heavy");
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "tags")), FM_MAPPING);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "date"), &len), "2025-02-30");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* More mismatches: other scalar types, a block value on the next line. */
START_TEST(diagnostics_more_types) {
    static const char text[] = "---\n"
                               "draft: 1\n"
                               "weight: 3.5\n"
                               "date: 2025\n"
                               "summary:\n"
                               "  - a\n"
                               "keywords: [a, [b]]\n"
                               "published: maybe\n"
                               "---\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);

    ck_assert_uint_eq(a->diagnostic_count, 6);
    assert_diag(&a->diagnostics[0], FM_ERR_TYPE, 2, 8, 11, "draft",
                "\"draft\": expected a boolean, found int \"1\"");
    assert_diag(&a->diagnostics[1], FM_ERR_TYPE, 3, 9, 21, "weight",
                "\"weight\": expected an integer, found float \"3.5\"");
    assert_diag(&a->diagnostics[2], FM_ERR_TYPE, 4, 7, 31, "date",
                "\"date\": expected a date, found int \"2025\"");
    assert_diag(&a->diagnostics[3], FM_ERR_TYPE, 6, 3, 47, "summary",
                "\"summary\": expected a string, found a sequence");
    assert_diag(&a->diagnostics[4], FM_ERR_TYPE, 7, 11, 61, "keywords",
                "\"keywords\": expected a list of strings, found a sequence");
    assert_diag(&a->diagnostics[5], FM_ERR_DATE, 8, 12, 81, "published",
                "\"published\": \"maybe\" is not a valid date");
    assert_others_unset(a, NULL);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* Lines count in the whole file: after a BOM and two blank lines. */
START_TEST(diagnostics_whole_file_lines) {
    fm_doc *doc = fm_test_parse("\xEF\xBB\xBF\n\n---\ntitle: ok\ndraft: maybe\n---\n", 0);
    fm_article *a = article_of(doc);
    ck_assert_uint_eq(a->diagnostic_count, 1);
    assert_diag(&a->diagnostics[0], FM_ERR_TYPE, 5, 8, 26, "draft",
                "\"draft\": expected a boolean, found string \"maybe\"");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* Columns count characters: JSON front matter on line 1 after a two-byte é. */
START_TEST(diagnostics_json_columns) {
    fm_doc *doc = fm_test_parse("{\"\xC3\xA9\": 1, \"draft\": \"maybe\"}\nbody\n", 0);
    fm_article *a = article_of(doc);
    ck_assert_uint_eq(a->diagnostic_count, 1);
    assert_diag(&a->diagnostics[0], FM_ERR_TYPE, 1, 19, 19, "draft",
                "\"draft\": expected a boolean, found string \"maybe\"");
    ck_assert_uint_eq(a->extra_count, 1);
    ck_assert_str_eq(a->extra[0].key, "\xC3\xA9");
    ck_assert_uint_eq(a->extra[0].key_len, 2);
    ck_assert_uint_eq(a->body_offset, 28);
    ck_assert_uint_eq(a->body_line, 2);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* The key as written is reported. */
START_TEST(diagnostics_key_as_written) {
    fm_doc *doc = parse_line("DRAFT: maybe");
    fm_article *a = article_of(doc);
    ck_assert_uint_eq(a->diagnostic_count, 1);
    assert_diag(&a->diagnostics[0], FM_ERR_TYPE, 2, 8, 11, "DRAFT",
                "\"DRAFT\": expected a boolean, found string \"maybe\"");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(strict_fails_on_first_diagnostic) {
    fm_doc *doc = fm_test_parse("---\ntitle: ok\ndraft: maybe\nweight: heavy\n---\n", 0);
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(fm_article_from_doc(doc, FM_OPT_STRICT, &err));
    ck_assert_int_eq(err.code, FM_ERR_TYPE);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 8);
    ck_assert_uint_eq(err.offset, 21);
    ck_assert_str_eq(err.message,
                     "\"draft\": expected a boolean, found string \"maybe\"");
    ck_assert_ptr_null(fm_article_from_doc(doc, FM_OPT_STRICT, NULL));
    fm_doc_free(doc);
}
END_TEST

START_TEST(strict_date_error) {
    fm_doc *doc = parse_line("lastmod: \"yesterday\"");
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(fm_article_from_doc(doc, FM_OPT_STRICT, &err));
    ck_assert_int_eq(err.code, FM_ERR_DATE);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 10);
    ck_assert_str_eq(err.message, "\"lastmod\": \"yesterday\" is not a valid date");
    fm_doc_free(doc);
}
END_TEST

START_TEST(strict_clean_document) {
    fm_doc *doc = parse_line("draft: no");
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_article *a = fm_article_from_doc(doc, FM_OPT_STRICT, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->draft, FM_FALSE);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Extras                                                                */
/* ===================================================================== */

START_TEST(extras_in_source_order) {
    fm_doc *doc = fm_test_parse("---\n"
                                "title: A\n"
                                "custom: 42\n"
                                "Title: B\n"
                                "params:\n"
                                "  x: 1\n"
                                "draft: false\n"
                                "tagz: [x]\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    const fm_value *root = fm_doc_root(doc);
    size_t len;

    assert_str("title", a->title, "A");
    ck_assert_int_eq(a->draft, FM_FALSE);
    ck_assert_uint_eq(a->extra_count, 4);

    ck_assert_str_eq(a->extra[0].key, "custom");
    ck_assert_uint_eq(a->extra[0].key_len, 6);
    ck_assert_ptr_eq(a->extra[0].value, fm_value_at(root, 1));
    ck_assert_int_eq(fm_value_type(a->extra[0].value), FM_INT);
    ck_assert_int_eq((long long)fm_value_int(a->extra[0].value, -1), 42);

    ck_assert_str_eq(a->extra[1].key, "Title");
    ck_assert_uint_eq(a->extra[1].key_len, 5);
    ck_assert_ptr_eq(a->extra[1].value, fm_value_at(root, 2));
    ck_assert_int_eq(fm_value_type(a->extra[1].value), FM_STRING);
    ck_assert_str_eq(fm_value_text(a->extra[1].value, &len), "B");
    ck_assert_uint_eq(len, 1);

    ck_assert_str_eq(a->extra[2].key, "params");
    ck_assert_uint_eq(a->extra[2].key_len, 6);
    ck_assert_ptr_eq(a->extra[2].value, fm_value_at(root, 3));
    ck_assert_int_eq(fm_value_type(a->extra[2].value), FM_MAPPING);
    ck_assert_uint_eq(fm_value_size(a->extra[2].value), 1);

    ck_assert_str_eq(a->extra[3].key, "tagz");
    ck_assert_uint_eq(a->extra[3].key_len, 4);
    ck_assert_ptr_eq(a->extra[3].value, fm_value_at(root, 5));
    ck_assert_int_eq(fm_value_type(a->extra[3].value), FM_SEQUENCE);

    ck_assert_uint_eq(a->diagnostic_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* A second spelling of a field already set goes to extras. */
START_TEST(extras_second_spelling) {
    fm_doc *doc = fm_test_parse("---\n"
                                "category: a\n"
                                "categories: b\n"
                                "pubdate: 2024-01-01\n"
                                "PublishDate: 2024-02-02\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    assert_list1("categories", a->categories, "a");
    assert_dt("publish_date", a->publish_date, 2024, 1, 1, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_uint_eq(a->extra_count, 2);
    ck_assert_str_eq(a->extra[0].key, "categories");
    ck_assert_str_eq(a->extra[1].key, "PublishDate");
    ck_assert_int_eq(fm_value_type(a->extra[1].value), FM_TIMESTAMP);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* A key whose value was null or of the wrong type set nothing, so a later
 * spelling still fills the field. */
START_TEST(extras_first_spelling_unset) {
    fm_doc *doc = fm_test_parse("---\n"
                                "title: [a]\n"
                                "Title: ok\n"
                                "summary:\n"
                                "SUMMARY: s\n"
                                "---\n",
                                0);
    fm_article *a = article_of(doc);
    assert_str("title", a->title, "ok");
    assert_str("summary", a->summary, "s");
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 1);
    assert_diag(&a->diagnostics[0], FM_ERR_TYPE, 2, 8, 11, "title",
                "\"title\": expected a string, found a sequence");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Documents without front matter, arguments                             */
/* ===================================================================== */

START_TEST(no_front_matter) {
    static const char text[] = "# Hello\n\nText.\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);
    size_t len;
    const char *doc_text = fm_doc_text(doc, &len);
    static const char *const title_only[] = {"title", NULL};
    assert_others_unset(a, title_only);
    ck_assert_str_eq(a->title.ptr, "Hello"); /* the first level-1 heading */
    ck_assert_uint_eq(a->title.len, 5);
    ck_assert_int_eq(a->title_from_body, 1);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->diagnostic_count, 0);
    ck_assert_ptr_eq(a->body, doc_text);
    ck_assert_uint_eq(a->body_len, sizeof text - 1);
    ck_assert_uint_eq(a->body_offset, 0);
    ck_assert_uint_eq(a->body_line, 1);
    ck_assert_int_eq(memcmp(a->body, text, sizeof text - 1), 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(title_falls_back_to_the_first_level_one_heading) {
    fm_doc *doc = fm_test_parse("---\ndraft: true\n---\n> # Quoted\n\n## Two\n\n"
                                "# The *real* `title`\n\n# Second\n", 0);
    fm_article *a = article_of(doc);
    ck_assert_str_eq(a->title.ptr, "The real title");
    ck_assert_int_eq(a->title_from_body, 1);
    fm_article_free(a);
    fm_doc_free(doc);
    doc = fm_test_parse("---\ntitle: Given\n---\n# Heading\n", 0);
    a = article_of(doc);
    ck_assert_str_eq(a->title.ptr, "Given");
    ck_assert_int_eq(a->title_from_body, 0);
    fm_article_free(a);
    fm_doc_free(doc);
    doc = fm_test_parse("---\ndraft: true\n---\n## Only level two\n", 0);
    a = article_of(doc);
    ck_assert_ptr_null(a->title.ptr);
    ck_assert_int_eq(a->title_from_body, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(apply_is_all_or_nothing) {
    static const char text[] = "---\ntitle: Old\ndraft: false\ntags: [a]\n---\nbody\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);
    /* title changes fine; tags then hold invalid UTF-8: the whole apply fails */
    a->title.ptr = "New";
    a->title.len = 3;
    static const fm_str bad[] = {{"ok", 2}, {"\xFF", 1}};
    a->tags.items = bad;
    a->tags.count = 2;
    fm_error err;
    ck_assert_int_eq(fm_article_apply(a, doc, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    size_t len;
    const char *now = fm_doc_text(doc, &len);
    ck_assert_uint_eq(len, sizeof text - 1);
    ck_assert(memcmp(now, text, len) == 0);
    /* with the tags fixed, both fields are written */
    static const fm_str good[] = {{"ok", 2}};
    a->tags.items = good;
    a->tags.count = 1;
    ck_assert_int_eq(fm_article_apply(a, doc, &err), 0);
    ck_assert_str_eq(fm_doc_text(doc, &len), "---\ntitle: New\ndraft: false\ntags: [ok]\n---\nbody\n");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* fm_article_apply compares with the generic article as loaded, read again
 * from the snapshot the article was made from: a title taken from the body
 * is no change, and neither is a value the document got by an edit since. */
START_TEST(apply_compares_with_the_article_as_loaded) {
    static const char text[] = "---\ndraft: false\n---\n# Heading\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);
    ck_assert_int_eq(a->title_from_body, 1);
    fm_error err;
    size_t len;
    ck_assert_int_eq(fm_article_apply(a, doc, &err), 0);
    ck_assert_str_eq(fm_doc_text(doc, &len), text);
    ck_assert_int_eq(fm_doc_set_bool(doc, "draft", 1, &err), 0);
    ck_assert_int_eq(fm_article_apply(a, doc, &err), 0);
    ck_assert_str_eq(fm_doc_text(doc, &len), "---\ndraft: true\n---\n# Heading\n");
    a->title.ptr = "New";
    a->title.len = 3;
    ck_assert_int_eq(fm_article_apply(a, doc, &err), 0);
    ck_assert_str_eq(fm_doc_text(doc, &len), "---\ndraft: true\ntitle: New\n---\n# Heading\n");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* An article as loaded that needs more memory than apply's first room (many
 * extras) is read again just as well. */
START_TEST(apply_rereads_a_large_article) {
    char text[8192], want[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "---\ntitle: T\n");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "key%03d: value %d\n", i, i);
    memcpy(want, text, n);
    snprintf(text + n, sizeof text - n, "---\nBody.\n");
    snprintf(want + n, sizeof want - n, "weight: 7\n---\nBody.\n");
    fm_doc *doc = fm_test_parse(text, 0);
    fm_article *a = article_of(doc);
    ck_assert_uint_eq(a->extra_count, 200);
    fm_error err;
    size_t len;
    ck_assert_int_eq(fm_article_apply(a, doc, &err), 0);
    ck_assert_str_eq(fm_doc_text(doc, &len), text);
    a->weight = 7;
    a->has_weight = 1;
    ck_assert_int_eq(fm_article_apply(a, doc, &err), 0);
    ck_assert_str_eq(fm_doc_text(doc, &len), want);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(empty_front_matter) {
    fm_doc *doc = fm_test_parse("---\n---\nbody\n", 0);
    fm_article *a = article_of(doc);
    assert_others_unset(a, NULL);
    ck_assert_uint_eq(a->extra_count, 0);
    ck_assert_uint_eq(a->body_offset, 8);
    ck_assert_uint_eq(a->body_line, 3);
    ck_assert_uint_eq(a->body_len, 5);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* The document is read from a buffer longer than len. */
START_TEST(len_shorter_than_buffer) {
    static const char buf[] = "---\ntitle: Short\n---\nbody text\ntitle: no\n";
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_doc *doc = fm_doc_parse(buf, 25, 0, &err);
    ck_assert_ptr_nonnull(doc);
    fm_article *a = article_of(doc);
    assert_str("title", a->title, "Short");
    ck_assert_uint_eq(a->body_offset, 21);
    ck_assert_uint_eq(a->body_len, 4);
    ck_assert_int_eq(memcmp(a->body, "body", 4), 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

START_TEST(null_arguments) {
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(fm_article_from_doc(NULL, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_ptr_null(fm_article_from_doc(NULL, FM_OPT_STRICT, NULL));
    fm_article_free(NULL);
}
END_TEST

/* ===================================================================== */
/* The field table                                                       */
/* ===================================================================== */

static const struct {
    const char *name;
    fm_field_type type;
    const char *key;
} expected_fields[] = {
    {"title", FM_FIELD_STRING, "title"},
    {"summary", FM_FIELD_STRING, "summary"},
    {"description", FM_FIELD_STRING, "description"},
    {"slug", FM_FIELD_STRING, "slug"},
    {"url", FM_FIELD_STRING, "url"},
    {"permalink", FM_FIELD_STRING, "permalink"},
    {"layout", FM_FIELD_STRING, "layout"},
    {"type", FM_FIELD_STRING, "type"},
    {"author", FM_FIELD_STRING, "author"},
    {"menu", FM_FIELD_STRING, "menu"},
    {"thumbnail", FM_FIELD_STRING, "thumbnail"},
    {"lead", FM_FIELD_STRING, "lead"},
    {"sidebar", FM_FIELD_STRING, "sidebar"},
    {"tags", FM_FIELD_LIST, "tags"},
    {"categories", FM_FIELD_LIST, "categories"},
    {"keywords", FM_FIELD_LIST, "keywords"},
    {"aliases", FM_FIELD_LIST, "aliases"},
    {"authors", FM_FIELD_LIST, "authors"},
    {"images", FM_FIELD_LIST, "images"},
    {"series", FM_FIELD_LIST, "series"},
    {"lang", FM_FIELD_LIST, "lang"},
    {"translations", FM_FIELD_LIST, "translations"},
    {"widgets", FM_FIELD_LIST, "widgets"},
    {"date", FM_FIELD_DATE, "date"},
    {"lastmod", FM_FIELD_DATE, "lastmod"},
    {"publish_date", FM_FIELD_DATE, "publishDate"},
    {"expiry_date", FM_FIELD_DATE, "expiryDate"},
    {"draft", FM_FIELD_BOOL, "draft"},
    {"comments", FM_FIELD_BOOL, "comments"},
    {"authorbox", FM_FIELD_BOOL, "authorbox"},
    {"pager", FM_FIELD_BOOL, "pager"},
    {"toc", FM_FIELD_BOOL, "toc"},
    {"mathjax", FM_FIELD_BOOL, "mathjax"},
    {"weight", FM_FIELD_INT, "weight"},
    {"link_title", FM_FIELD_STRING, "linkTitle"},
    {"published", FM_FIELD_BOOL, "published"},
    {"excerpt", FM_FIELD_STRING, "excerpt"},
    {"excerpt_separator", FM_FIELD_STRING, "excerpt_separator"},
    {"path", FM_FIELD_STRING, "path"},
    {"template", FM_FIELD_STRING, "template"},
    {"outputs", FM_FIELD_LIST, "outputs"},
    {"build", FM_FIELD_VALUE, "build"},
    {"params", FM_FIELD_VALUE, "params"},
    {"cascade", FM_FIELD_VALUE, "cascade"},
    {"taxonomies", FM_FIELD_VALUE, "taxonomies"},
};

START_TEST(field_table_order) {
    ck_assert_uint_eq(fm_article_field_count(), COUNT(expected_fields));
    for (size_t i = 0; i < COUNT(expected_fields); i++) {
        const fm_field_info *f = fm_article_field_info(i);
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(f->name, expected_fields[i].name);
        ck_assert_int_eq(f->type, expected_fields[i].type);
        ck_assert_str_eq(f->key, expected_fields[i].key);
        ck_assert_int_eq(fm_article_field_find(f->name, strlen(f->name)), (int)i);
    }
    ck_assert_ptr_null(fm_article_field_info(COUNT(expected_fields)));
    ck_assert_ptr_null(fm_article_field_info((size_t)-1));
    ck_assert_int_eq(fm_article_field_find("nope", 4), -1);
    ck_assert_int_eq(fm_article_field_find("titles", 5), 0); /* len counts */
    ck_assert_int_eq(fm_article_field_find("Title", 5), -1);  /* names are exact */
    ck_assert_int_eq(fm_article_field_find(NULL, 0), -1);
}
END_TEST

/* The keys of a field in one dialect, NULL-terminated. */
static void assert_keys(const char *field, fm_dialect d, const char *const *want) {
    int i = fm_article_field_find(field, strlen(field));
    ck_assert_int_ge(i, 0);
    size_t j = 0;
    for (; want[j]; j++) {
        const char *k = fm_article_field_key((size_t)i, d, j);
        ck_assert_msg(k && strcmp(k, want[j]) == 0, "%s/%s key %zu: %s, want %s", field,
                      fm_dialect_name(d), j, k ? k : "NULL", want[j]);
    }
    ck_assert_ptr_null(fm_article_field_key((size_t)i, d, j));
}

START_TEST(field_keys_per_dialect) {
    /* the generic reading takes the first key of the document: its table
     * is in no order of priority (by length, for the search) */
    static const char *const gen_pub[] = {"pubdate", "publishDate", NULL};
    static const char *const gen_cat[] = {"category", "categories", NULL};
    static const char *const gen_draft[] = {"draft", "published", NULL};
    static const char *const none[] = {NULL};
    static const char *const hugo_date[] = {"date",      "publishDate", "pubdate",
                                            "published", "lastmod",     "modified", NULL};
    static const char *const hugo_lastmod[] = {"lastmod",     "modified", "date",
                                               "publishDate", "pubdate",  "published", NULL};
    static const char *const hugo_pub[] = {"publishDate", "pubdate", "published", "date",
                                           NULL};
    static const char *const hugo_exp[] = {"expiryDate", "unpublishdate", NULL};
    static const char *const hugo_link[] = {"linkTitle", "title", NULL};
    static const char *const hugo_build[] = {"build", "_build", NULL};
    static const char *const hugo_menu[] = {"menus", "menu", NULL};
    static const char *const jek_tags[] = {"tag", "tags", NULL};
    static const char *const jek_cat[] = {"categories", "category", NULL};
    static const char *const jek_pub[] = {"published", NULL};
    static const char *const zola_tags[] = {"taxonomies.tags", NULL};
    static const char *const zola_lastmod[] = {"updated", NULL};
    static const char *const zola_tpl[] = {"template", NULL};
    assert_keys("publish_date", FM_DIALECT_GENERIC, gen_pub);
    assert_keys("publish_date", FM_DIALECT_DEFAULT, gen_pub);
    assert_keys("categories", FM_DIALECT_GENERIC, gen_cat);
    assert_keys("draft", FM_DIALECT_GENERIC, gen_draft);
    assert_keys("link_title", FM_DIALECT_GENERIC, none);
    assert_keys("date", FM_DIALECT_HUGO, hugo_date);
    assert_keys("lastmod", FM_DIALECT_HUGO, hugo_lastmod);
    assert_keys("publish_date", FM_DIALECT_HUGO, hugo_pub);
    assert_keys("expiry_date", FM_DIALECT_HUGO, hugo_exp);
    assert_keys("link_title", FM_DIALECT_HUGO, hugo_link);
    assert_keys("build", FM_DIALECT_HUGO, hugo_build);
    assert_keys("menu", FM_DIALECT_HUGO, hugo_menu);
    assert_keys("permalink", FM_DIALECT_HUGO, none);
    assert_keys("tags", FM_DIALECT_JEKYLL, jek_tags);
    assert_keys("categories", FM_DIALECT_JEKYLL, jek_cat);
    assert_keys("published", FM_DIALECT_JEKYLL, jek_pub);
    assert_keys("draft", FM_DIALECT_JEKYLL, none);
    assert_keys("tags", FM_DIALECT_ZOLA, zola_tags);
    assert_keys("lastmod", FM_DIALECT_ZOLA, zola_lastmod);
    assert_keys("template", FM_DIALECT_ZOLA, zola_tpl);
    ck_assert_ptr_null(fm_article_field_key(999, FM_DIALECT_HUGO, 0));
}
END_TEST

START_TEST(dialect_names) {
    static const char *const names[] = {"default", "generic", "hugo", "jekyll", "zola"};
    for (int d = 0; d < 5; d++) {
        fm_dialect out = (fm_dialect)99;
        ck_assert_str_eq(fm_dialect_name((fm_dialect)d), names[d]);
        ck_assert_int_eq(fm_dialect_from_name(names[d], strlen(names[d]), &out), 0);
        ck_assert_int_eq(out, d);
    }
    fm_dialect out = FM_DIALECT_HUGO;
    ck_assert_ptr_null(fm_dialect_name((fm_dialect)5));
    ck_assert_ptr_null(fm_dialect_name((fm_dialect)-1));
    ck_assert_int_eq(fm_dialect_from_name("Hugo", 4, &out), -1);
    ck_assert_int_eq(fm_dialect_from_name("hugox", 4, &out), 0); /* len counts */
    ck_assert_int_eq(fm_dialect_from_name("zol", 3, &out), -1);
    ck_assert_int_eq(fm_dialect_from_name(NULL, 0, &out), -1);
    ck_assert_int_eq(out, FM_DIALECT_HUGO);
}
END_TEST

/* fm_article_field_get gives every member of the every_field article. */
START_TEST(field_get_matches_members) {
    fm_doc *doc = fm_test_parse("---\ntitle: T\ntags: [a, b]\ndate: 2020-01-02\n"
                                "draft: true\nweight: 12\ncustom: 1\n---\n",
                                0);
    fm_article *a = article_of(doc);
    fm_field_value v;
    for (size_t i = 0; i < fm_article_field_count(); i++) {
        const char *name = fm_article_field_info(i)->name;
        int set = strcmp(name, "title") == 0 || strcmp(name, "tags") == 0 ||
                  strcmp(name, "date") == 0 || strcmp(name, "draft") == 0 ||
                  strcmp(name, "weight") == 0;
        memset(&v, 0xAB, sizeof v);
        ck_assert_int_eq(fm_article_field_get(a, i, &v), set);
        ck_assert_int_eq(v.is_set, set);
        ck_assert_int_eq(v.type, fm_article_field_info(i)->type);
        if (!set) {
            /* the whole value is zeroed */
            fm_field_value zero;
            memset(&zero, 0, sizeof zero);
            zero.type = v.type;
            ck_assert_int_eq(memcmp(&zero, &v, sizeof v), 0);
        }
    }
    ck_assert_int_eq(fm_article_field_get(a, 0, &v), 1);
    ck_assert_ptr_eq(v.u.str.ptr, a->title.ptr);
    ck_assert_uint_eq(v.u.str.len, 1);
    ck_assert_int_eq(fm_article_field_get(a, 13, &v), 1);
    ck_assert_ptr_eq(v.u.list.items, a->tags.items);
    ck_assert_uint_eq(v.u.list.count, 2);
    ck_assert_int_eq(fm_article_field_get(a, 23, &v), 1);
    assert_dt("date", v.u.date, 2020, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(fm_article_field_get(a, 27, &v), 1);
    ck_assert_int_eq(v.u.flag, FM_TRUE);
    ck_assert_int_eq(fm_article_field_get(a, 33, &v), 1);
    ck_assert_int_eq((long long)v.u.integer, 12);
    /* a field the caller changes is read from the member */
    a->draft = FM_UNSET;
    ck_assert_int_eq(fm_article_field_get(a, 27, &v), 0);
    a->has_weight = 0;
    ck_assert_int_eq(fm_article_field_get(a, 33, &v), 0);
    ck_assert_int_eq(a->dialect, FM_DIALECT_GENERIC);
    ck_assert_int_eq(fm_article_field_get(a, fm_article_field_count(), &v), -1);
    ck_assert_int_eq(fm_article_field_get(NULL, 0, &v), -1);
    ck_assert_int_eq(fm_article_field_get(a, 0, NULL), -1);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* A VALUE field points into the document's tree. */
START_TEST(field_get_value) {
    fm_doc *doc = fm_test_parse("---\nparams:\n  x: 1\n---\n", 0);
    fm_article_options o;
    fm_article_options_init(&o);
    o.dialect = FM_DIALECT_HUGO;
    fm_article *a = fm_article_from_doc_opts(doc, &o, NULL);
    ck_assert_ptr_nonnull(a);
    fm_field_value v;
    int i = fm_article_field_find("params", 6);
    ck_assert_int_eq(fm_article_field_get(a, (size_t)i, &v), 1);
    ck_assert_int_eq(v.type, FM_FIELD_VALUE);
    ck_assert_ptr_eq(v.u.value, fm_doc_get(doc, "params"));
    ck_assert_ptr_eq(a->params, v.u.value);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* A struct without its size (a designated initialiser) is read whole;
 * an older, smaller one keeps the defaults past its size. */
START_TEST(options_size) {
    fm_doc *doc = fm_test_parse("---\nTitle: T\n---\n", 0);
    fm_article_options o = {.dialect = FM_DIALECT_JEKYLL};
    fm_article *a = fm_article_from_doc_opts(doc, &o, NULL);
    ck_assert_int_eq(a->dialect, FM_DIALECT_JEKYLL);
    ck_assert_ptr_null(a->title.ptr); /* Jekyll's keys are case-sensitive */
    fm_article_free(a);
    fm_article_options_init(&o);
    o.dialect = FM_DIALECT_JEKYLL;
    o.size = offsetof(fm_article_options, dialect); /* a header without dialect */
    a = fm_article_from_doc_opts(doc, &o, NULL);
    ck_assert_int_eq(a->dialect, FM_DIALECT_GENERIC);
    assert_str("title", a->title, "T");
    fm_article_free(a);
    a = fm_article_from_doc_opts(doc, NULL, NULL);
    ck_assert_int_eq(a->dialect, FM_DIALECT_GENERIC);
    fm_article_free(a);
    fm_error err;
    o = (fm_article_options){.dialect = (fm_dialect)7};
    ck_assert_ptr_null(fm_article_from_doc_opts(doc, &o, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "fm_article_from_doc: unknown dialect 7");
    ck_assert_ptr_null(fm_article_from_doc_opts(NULL, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    fm_doc_free(doc);
}
END_TEST

/* The dialect of the document's config is the default one. */
START_TEST(config_dialect) {
    static const char text[] = "---\ntags: release notes\n---\n";
    fm_config cfg;
    fm_config_init(&cfg);
    ck_assert_int_eq(cfg.dialect, FM_DIALECT_DEFAULT);
    cfg.dialect = FM_DIALECT_HUGO;
    fm_doc *doc = fm_doc_parse_config(text, sizeof text - 1, &cfg, NULL);
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    ck_assert_int_eq(a->dialect, FM_DIALECT_HUGO);
    assert_list1("tags", a->tags, "release notes");
    fm_article_free(a);
    fm_article_options o = {.dialect = FM_DIALECT_GENERIC};
    a = fm_article_from_doc_opts(doc, &o, NULL);
    static const char *const two[] = {"release", "notes"};
    assert_list("tags", a->tags, two, 2);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Suite                                                                 */
/* ===================================================================== */

static Suite *article_suite(void) {
    Suite *s = suite_create("article");
    TCase *sample = tcase_create("sample");
    TCase *keys = tcase_create("keys");
    TCase *values = tcase_create("values");
    TCase *diags = tcase_create("diagnostics");
    TCase *extras = tcase_create("extras");
    TCase *misc = tcase_create("misc");

    tcase_add_test(sample, sample_article);
    tcase_add_test(sample, every_field);
    suite_add_tcase(s, sample);

    tcase_add_loop_test(keys, spelling_publish_date, 0, (int)COUNT(publish_spellings));
    tcase_add_loop_test(keys, spelling_expiry_date, 0, (int)COUNT(expiry_spellings));
    tcase_add_loop_test(keys, spelling_title, 0, (int)COUNT(title_spellings));
    tcase_add_loop_test(keys, spelling_category, 0, (int)COUNT(category_spellings));
    suite_add_tcase(s, keys);

    tcase_add_test(values, list_one_string);
    tcase_add_test(values, list_words);
    tcase_add_test(values, list_words_category);
    tcase_add_test(values, list_empty);
    tcase_add_test(values, list_blank_words_empty);
    tcase_add_test(values, list_sequence_items_not_split);
    tcase_add_test(values, list_absent);
    tcase_add_loop_test(values, bool_values, 0, (int)COUNT(bool_cases));
    tcase_add_test(values, bool_strings_stay_strings);
    tcase_add_test(values, published_bool);
    tcase_add_loop_test(values, published_draft_wins, 0, (int)COUNT(draft_wins_cases));
    tcase_add_test(values, published_date);
    tcase_add_loop_test(values, weight_values, 0, (int)COUNT(weight_cases));
    tcase_add_test(values, date_plain_timestamp);
    tcase_add_test(values, date_string);
    tcase_add_test(values, date_jekyll_offset);
    tcase_add_test(values, date_lastmod_fraction);
    tcase_add_test(values, string_from_scalar_text);
    tcase_add_test(values, null_values_unset);
    suite_add_tcase(s, values);

    tcase_add_test(diags, diagnostics_wrong_types);
    tcase_add_test(diags, diagnostics_more_types);
    tcase_add_test(diags, diagnostics_whole_file_lines);
    tcase_add_test(diags, diagnostics_json_columns);
    tcase_add_test(diags, diagnostics_key_as_written);
    tcase_add_test(diags, strict_fails_on_first_diagnostic);
    tcase_add_test(diags, strict_date_error);
    tcase_add_test(diags, strict_clean_document);
    suite_add_tcase(s, diags);

    tcase_add_test(extras, extras_in_source_order);
    tcase_add_test(extras, extras_second_spelling);
    tcase_add_test(extras, extras_first_spelling_unset);
    suite_add_tcase(s, extras);

    tcase_add_test(misc, no_front_matter);
    tcase_add_test(misc, title_falls_back_to_the_first_level_one_heading);
    tcase_add_test(misc, apply_is_all_or_nothing);
    tcase_add_test(misc, apply_compares_with_the_article_as_loaded);
    tcase_add_test(misc, apply_rereads_a_large_article);
    tcase_add_test(misc, empty_front_matter);
    tcase_add_test(misc, len_shorter_than_buffer);
    tcase_add_test(misc, null_arguments);
    suite_add_tcase(s, misc);

    TCase *table = tcase_create("field-table");
    tcase_add_test(table, field_table_order);
    tcase_add_test(table, field_keys_per_dialect);
    tcase_add_test(table, dialect_names);
    tcase_add_test(table, field_get_matches_members);
    tcase_add_test(table, field_get_value);
    tcase_add_test(table, options_size);
    tcase_add_test(table, config_dialect);
    suite_add_tcase(s, table);
    return s;
}

int main(void) {
    return fm_test_run_suite(article_suite());
}
