/* SPDX-License-Identifier: MIT */
/* check_dialect.c - the Hugo, Jekyll and Zola dialects of the typed article:
 * keys, conversions, dates and fallbacks, defaults, file-name rules, site
 * roots, duplicate keys, diagnostics with their places, summaries, apply. */
#include "testutil.h"
#include "article_asserts.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

/* The document parsed with dialect d in its config (so Jekyll reads
 * duplicate keys), mapped with d, path and site root. */
static fm_article *read_doc(fm_dialect d, const char *text, const char *path,
                            const char *site, fm_doc **doc_out) {
    fm_config cfg;
    fm_error err;
    fm_config_init(&cfg);
    cfg.dialect = d;
    memset(&err, 0, sizeof err);
    fm_doc *doc = fm_doc_parse_config(text, strlen(text), &cfg, &err);
    ck_assert_msg(doc != NULL, "parse: %s", err.message);
    fm_article_options o;
    fm_article_options_init(&o);
    o.path = path;
    o.site_root = site;
    fm_article *a = fm_article_from_doc_opts(doc, &o, &err);
    ck_assert_msg(a != NULL, "article: %s", err.message);
    ck_assert_int_eq(a->dialect, d);
    if (doc_out)
        *doc_out = doc;
    else
        fm_doc_free(doc);
    return a;
}

static fm_article *read_as(fm_dialect d, const char *text) {
    return read_doc(d, text, NULL, NULL, NULL);
}

/* "---\n<line>\n---\n" read as d. */
static fm_article *read_line(fm_dialect d, const char *line) {
    char text[256];
    int n = snprintf(text, sizeof text, "---\n%s\n---\n", line);
    ck_assert(n > 0 && (size_t)n < sizeof text);
    return read_as(d, text);
}

static void assert_no_diags(const fm_article *a) {
    ck_assert_msg(a->diagnostic_count == 0, "%zu diagnostics, the first: %s",
                  a->diagnostic_count,
                  a->diagnostic_count ? a->diagnostics[0].message : "");
}

static void assert_one_diag(const fm_article *a, fm_code code, unsigned line,
                            unsigned column, const char *key, const char *message) {
    ck_assert_uint_eq(a->diagnostic_count, 1);
    const fm_diagnostic *d = &a->diagnostics[0];
    ck_assert_str_eq(d->message, message);
    ck_assert_str_eq(d->key, key);
    ck_assert_int_eq(d->code, code);
    ck_assert_uint_eq(d->line, line);
    ck_assert_uint_eq(d->column, column);
}

/* ===================================================================== */
/* Hugo                                                                  */
/* ===================================================================== */

START_TEST(hugo_keys_any_case) {
    fm_article *a = read_as(FM_DIALECT_HUGO, "---\nTITLE: T\nLinkTitle: L\nDRAFT: true\n"
                                             "PublishDate: 2024-01-02\n---\n");
    assert_str("title", a->title, "T");
    assert_str("link_title", a->link_title, "L");
    ck_assert_int_eq(a->draft, FM_TRUE);
    assert_dt("publish_date", a->publish_date, 2024, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    assert_dt("date", a->date, 2024, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    assert_no_diags(a);
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
}
END_TEST

/* Two keys that differ in case only are one to Hugo: the first is read,
 * the second warned about and left in extra. */
START_TEST(hugo_same_key_other_case) {
    fm_article *a = read_as(FM_DIALECT_HUGO, "---\ntitle: A\nTitle: B\n---\n");
    assert_str("title", a->title, "A");
    assert_str("link_title", a->link_title, "A");
    assert_one_diag(a, FM_ERR_DUPLICATE_KEY, 3, 1, "Title",
                    "\"Title\": same key as \"title\" (line 2) in another letter case "
                    "(Hugo keeps one of the two)");
    ck_assert_uint_eq(a->extra_count, 1);
    ck_assert_str_eq(a->extra[0].key, "Title");
    fm_article_free(a);
}
END_TEST

/* Keys Hugo reads that fmatter does not type stay in extra, quietly;
 * Jekyll's keys are nothing to Hugo. */
START_TEST(hugo_other_keys) {
    fm_article *a =
        read_as(FM_DIALECT_HUGO, "---\nmarkup: md\npermalink: /p/\nauthor: A\n"
                                 "menu: {main: {weight: 1}}\n---\n");
    assert_no_diags(a);
    assert_str_unset("permalink", a->permalink);
    assert_str_unset("author", a->author);
    assert_str_unset("menu", a->menu);
    ck_assert_uint_eq(a->extra_count, 4);
    ck_assert_str_eq(a->extra[0].key, "markup");
    ck_assert_str_eq(a->extra[3].key, "menu");
    ck_assert_int_eq(a->draft, FM_FALSE); /* the default */
    fm_article_free(a);
}
END_TEST

static const struct {
    const char *line;
    const char *want;
} hugo_strings[] = {
    {"title: 1.50", "1.5"},
    {"title: 1e3", "1000"},
    {"title: 0x10", "16"},
    {"title: +5", "5"},
    {"title: true", "true"},
    {"title: \"1.50\"", "1.50"},
    {"title: 2024-01-02", "2024-01-02"},
    {"title: ''", ""},
    {"title: 0.1", "0.1"},
    {"title: -2.5e-7", "-0.00000025"},
    {"title: 1e21", "1000000000000000000000"},
    {"title: 12345678901234567.0", "12345678901234568"},
};

START_TEST(hugo_to_string) {
    fm_article *a = read_line(FM_DIALECT_HUGO, hugo_strings[_i].line);
    assert_str(hugo_strings[_i].line, a->title, hugo_strings[_i].want);
    assert_str(hugo_strings[_i].line, a->link_title, hugo_strings[_i].want);
    assert_no_diags(a);
    fm_article_free(a);
}
END_TEST

START_TEST(hugo_string_of_a_list) {
    fm_article *a = read_line(FM_DIALECT_HUGO, "description: [a]");
    assert_str_unset("description", a->description);
    assert_one_diag(a, FM_ERR_TYPE, 2, 14, "description",
                    "\"description\": expected a string, found a sequence (Hugo reads an "
                    "empty string)");
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
}
END_TEST

/* cast.ToBool; a warning for anything but a bool written true or false. */
static const struct {
    const char *line;
    fm_tribool want;
    const char *warning; /* NULL: none */
} hugo_bools[] = {
    {"draft: true", FM_TRUE, NULL},
    {"draft: True", FM_TRUE, NULL},
    {"draft: FALSE", FM_FALSE, NULL},
    {"draft: tRUE", FM_FALSE, "found bool \"tRUE\" (Hugo reads false)"},
    {"draft: \"true\"", FM_TRUE, "found string \"true\" (Hugo reads true)"},
    {"draft: \"t\"", FM_TRUE, "found string \"t\" (Hugo reads true)"},
    {"draft: \"1\"", FM_TRUE, "found string \"1\" (Hugo reads true)"},
    {"draft: \"yes\"", FM_FALSE, "found string \"yes\" (Hugo reads false)"},
    {"draft: yes", FM_FALSE, "found string \"yes\" (Hugo reads false)"},
    {"draft: 1", FM_TRUE, "found int \"1\" (Hugo reads true)"},
    {"draft: 0", FM_FALSE, "found int \"0\" (Hugo reads false)"},
    {"draft: 0.5", FM_TRUE, "found float \"0.5\" (Hugo reads true)"},
    {"draft: 2024-01-02", FM_FALSE, "found timestamp \"2024-01-02\" (Hugo reads false)"},
    {"draft: [x]", FM_FALSE, "found a sequence (Hugo reads false)"},
    {"draft: ~", FM_FALSE, NULL},
};

START_TEST(hugo_to_bool) {
    fm_article *a = read_line(FM_DIALECT_HUGO, hugo_bools[_i].line);
    ck_assert_msg(a->draft == hugo_bools[_i].want, "%s: draft %d", hugo_bools[_i].line,
                  a->draft);
    if (hugo_bools[_i].warning) {
        char msg[200];
        snprintf(msg, sizeof msg, "\"draft\": expected a boolean, %s",
                 hugo_bools[_i].warning);
        assert_one_diag(a, FM_ERR_TYPE, 2, 8, "draft", msg);
    } else {
        assert_no_diags(a);
    }
    fm_article_free(a);
}
END_TEST

/* cast.ToInt: trimZeroDecimal, then strconv.ParseInt with base 0. */
static const struct {
    const char *line;
    long long want;
    int warns;
} hugo_ints[] = {
    {"weight: 5", 5, 0},           {"weight: -3", -3, 0},
    {"weight: 1.5", 1, 1},         {"weight: -1.5", -1, 1},
    {"weight: 2.0", 2, 0},         {"weight: \"7\"", 7, 0},
    {"weight: \"7.00\"", 7, 0},    {"weight: \"7.\"", 0, 1},
    {"weight: \"1.5\"", 0, 1},     {"weight: \"0x1F\"", 31, 0},
    {"weight: \"010\"", 8, 0},     {"weight: \"0b11\"", 3, 0},
    {"weight: \"0o17\"", 15, 0},   {"weight: \"1_000\"", 1000, 0},
    {"weight: \"0x_1f\"", 31, 0},  {"weight: \"1__0\"", 0, 1},
    {"weight: \"_1\"", 0, 1},      {"weight: \"1_\"", 0, 1},
    {"weight: \"08\"", 0, 1},      {"weight: \"0\"", 0, 0},
    {"weight: \"-0x10\"", -16, 0}, {"weight: \"0x\"", 0, 1},
    {"weight: \"abc\"", 0, 1},     {"weight: true", 1, 1},
    {"weight: [1]", 0, 1},
};

START_TEST(hugo_to_int) {
    fm_article *a = read_line(FM_DIALECT_HUGO, hugo_ints[_i].line);
    ck_assert_int_eq(a->has_weight, 1);
    ck_assert_msg(a->weight == hugo_ints[_i].want, "%s: weight %lld", hugo_ints[_i].line,
                  (long long)a->weight);
    ck_assert_uint_eq(a->diagnostic_count, (size_t)hugo_ints[_i].warns);
    if (hugo_ints[_i].warns) {
        char tail[40];
        snprintf(tail, sizeof tail, "(Hugo reads %lld)", hugo_ints[_i].want);
        const char *m = a->diagnostics[0].message;
        ck_assert_msg(strlen(m) > strlen(tail) &&
                          strcmp(m + strlen(m) - strlen(tail), tail) == 0,
                      "%s", m);
        ck_assert_int_eq(a->diagnostics[0].code, FM_ERR_TYPE);
    }
    fm_article_free(a);
}
END_TEST

START_TEST(hugo_int_message) {
    fm_article *a = read_line(FM_DIALECT_HUGO, "weight: 1.5");
    assert_one_diag(
        a, FM_ERR_TYPE, 2, 9, "weight",
        "\"weight\": expected an integer, found float \"1.5\" (Hugo reads 1)");
    fm_article_free(a);
}
END_TEST

/* Taxonomies: a string is one term; keywords, aliases, outputs: split. */
START_TEST(hugo_lists) {
    static const char *const kw[] = {"a", "b", "c"};
    static const char *const al[] = {"/x", "/y"};
    fm_article *a =
        read_as(FM_DIALECT_HUGO, "---\ntags: release notes\ncategories: 5\n"
                                 "keywords: \" a b\\tc \"\n"
                                 "aliases: \"/x\\u00a0/y\"\noutputs: html\n---\n");
    assert_list1("tags", a->tags, "release notes");
    assert_list1("categories", a->categories, "5");
    assert_list("keywords", a->keywords, kw, 3);
    assert_list("aliases", a->aliases, al, 2); /* U+00A0 is a blank to Go */
    assert_list1("outputs", a->outputs, "html");
    ck_assert_uint_eq(a->diagnostic_count, 2);
    ck_assert_str_eq(
        a->diagnostics[0].message,
        "\"keywords\": expected a list, found string \" a b\tc \" (Hugo splits "
        "it at blanks)");
    ck_assert_uint_eq(a->diagnostics[0].line, 4);
    ck_assert_uint_eq(a->diagnostics[0].column, 11);
    ck_assert_str_eq(a->diagnostics[1].key, "aliases");
    ck_assert_uint_eq(a->diagnostics[1].line, 5);
    ck_assert_uint_eq(a->diagnostics[1].column, 10);
    fm_article_free(a);
}
END_TEST

START_TEST(hugo_list_items) {
    static const char *const items[] = {"1.5", "true", "", "x"};
    fm_article *a = read_line(FM_DIALECT_HUGO, "keywords: [1.50, true, ~, x]");
    assert_list("keywords", a->keywords, items, 4);
    assert_no_diags(a);
    fm_article_free(a);
    a = read_line(FM_DIALECT_HUGO, "tags: {a: 1}");
    assert_list_unset("tags", a->tags);
    assert_one_diag(a, FM_ERR_TYPE, 2, 7, "tags",
                    "\"tags\": expected a list, found a mapping (Hugo reads no terms)");
    fm_article_free(a);
}
END_TEST

/* The [frontmatter] defaults of the current Hugo documentation. */
static const struct {
    const char *text;
    const char *date, *lastmod, *publish, *expiry; /* fm_datetime_format or "" */
} hugo_dates[] = {
    {"date: 2024-01-01", "2024-01-01", "2024-01-01", "2024-01-01", ""},
    {"publishDate: 2024-01-02", "2024-01-02", "2024-01-02", "2024-01-02", ""},
    {"pubdate: 2024-01-03", "2024-01-03", "2024-01-03", "2024-01-03", ""},
    {"published: 2024-01-04", "2024-01-04", "2024-01-04", "2024-01-04", ""},
    {"lastmod: 2024-01-05", "2024-01-05", "2024-01-05", "", ""},
    {"modified: 2024-01-06", "2024-01-06", "2024-01-06", "", ""},
    {"expirydate: 2024-01-07", "", "", "", "2024-01-07"},
    {"unpublishdate: 2024-01-08", "", "", "", "2024-01-08"},
    {"lastmod: 2024-01-05\ndate: 2024-01-01", "2024-01-01", "2024-01-05", "2024-01-01",
     ""},
    {"modified: 2024-01-06\npubdate: 2024-01-03", "2024-01-03", "2024-01-06",
     "2024-01-03", ""},
    {"published: 2024-01-04\npubdate: 2024-01-03", "2024-01-03", "2024-01-03",
     "2024-01-03", ""},
    {"date: ''\nlastmod: 2024-01-05", "2024-01-05", "2024-01-05", "", ""},
    {"date: 15 Oct 2023", "2023-10-15", "2023-10-15", "2023-10-15", ""},
    {"date: 15 oct 2023", "2023-10-15", "2023-10-15", "2023-10-15", ""},
    {"date: 1700000000", "2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z",
     "2023-11-14T22:13:20Z", ""},
    {"date: -86400", "1969-12-31T00:00:00Z", "1969-12-31T00:00:00Z",
     "1969-12-31T00:00:00Z", ""},
    {"date: \"2024-01-01T10:00:00-0700\"", "2024-01-01T10:00:00-07:00",
     "2024-01-01T10:00:00-07:00", "2024-01-01T10:00:00-07:00", ""},
};

static void assert_date_text(const char *what, const char *name, const fm_datetime *dt,
                             const char *want) {
    char buf[64];
    fm_datetime_format(dt, buf, sizeof buf);
    ck_assert_msg(strcmp(buf, want) == 0, "%s: %s is \"%s\", expected \"%s\"", what, name,
                  buf, want);
}

START_TEST(hugo_date_fallbacks) {
    char text[256];
    snprintf(text, sizeof text, "---\n%s\n---\n", hugo_dates[_i].text);
    fm_article *a = read_as(FM_DIALECT_HUGO, text);
    assert_date_text(hugo_dates[_i].text, "date", &a->date, hugo_dates[_i].date);
    assert_date_text(hugo_dates[_i].text, "lastmod", &a->lastmod, hugo_dates[_i].lastmod);
    assert_date_text(hugo_dates[_i].text, "publish_date", &a->publish_date,
                     hugo_dates[_i].publish);
    assert_date_text(hugo_dates[_i].text, "expiry_date", &a->expiry_date,
                     hugo_dates[_i].expiry);
    assert_no_diags(a);
    fm_article_free(a);
}
END_TEST

/* A date that does not parse stops Hugo (0.135 on); it is said once, and
 * the fallbacks go on past it. */
START_TEST(hugo_bad_date) {
    fm_article *a =
        read_as(FM_DIALECT_HUGO, "---\ndate: \"2024-13-01\"\nlastmod: 2024-01-05\n"
                                 "expiryDate: true\n---\n");
    ck_assert_uint_eq(a->diagnostic_count, 2);
    ck_assert_int_eq(a->diagnostics[0].code, FM_ERR_DATE);
    ck_assert_str_eq(
        a->diagnostics[0].message,
        "\"date\": \"2024-13-01\" is not a valid date (Hugo fails the build)");
    ck_assert_uint_eq(a->diagnostics[0].line, 2);
    ck_assert_uint_eq(a->diagnostics[0].column, 7);
    ck_assert_int_eq(a->diagnostics[1].code, FM_ERR_TYPE);
    ck_assert_str_eq(
        a->diagnostics[1].message,
        "\"expiryDate\": expected a date, found bool \"true\" (Hugo fails the "
        "build)");
    assert_date_text("bad", "date", &a->date, "2024-01-05");
    assert_date_text("bad", "publish_date", &a->publish_date, "");
    fm_article_free(a);
}
END_TEST

START_TEST(hugo_maps) {
    fm_doc *doc;
    fm_article *a = read_doc(FM_DIALECT_HUGO,
                             "---\nparams: {a: 1}\n_build: {list: never}\n"
                             "cascade: [{params: {c: red}}, {b: 2}]\n---\n",
                             NULL, NULL, &doc);
    ck_assert_ptr_eq(a->params, fm_doc_get(doc, "params"));
    ck_assert_ptr_eq(a->build, fm_doc_get(doc, "_build"));
    ck_assert_ptr_eq(a->cascade, fm_doc_get(doc, "cascade"));
    assert_no_diags(a);
    fm_article_free(a);
    fm_doc_free(doc);
    a = read_as(FM_DIALECT_HUGO, "---\nparams: x\ncascade: [{a: 1}, 2]\n---\n");
    ck_assert_ptr_null(a->params);
    ck_assert_ptr_null(a->cascade);
    ck_assert_uint_eq(a->diagnostic_count, 2);
    ck_assert_str_eq(
        a->diagnostics[0].message,
        "\"params\": expected a mapping, found string \"x\" (Hugo ignores it)");
    ck_assert_str_eq(a->diagnostics[1].message,
                     "\"cascade\": expected a mapping or a list of mappings, found a "
                     "sequence (Hugo ignores it)");
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
}
END_TEST

/* With duplicates allowed (Hugo refuses them since 0.152). */
START_TEST(hugo_duplicates_allowed) {
    static const char text[] = "---\ntitle: A\ntitle: B\n---\n";
    fm_doc *doc = fm_test_parse(text, FM_OPT_ALLOW_DUPLICATES);
    fm_article_options o = {.dialect = FM_DIALECT_HUGO};
    fm_article *a = fm_article_from_doc_opts(doc, &o, NULL);
    assert_str("title", a->title, "B");
    assert_one_diag(a, FM_ERR_DUPLICATE_KEY, 2, 1, "title",
                    "\"title\": duplicate key (Hugo fails the build)");
    fm_article_free(a);
    /* the generic reading says nothing of them, as before dialects */
    a = fm_article_from_doc(doc, 0, NULL);
    assert_no_diags(a);
    fm_article_free(a);
    fm_doc_free(doc);
    /* and without the option, the document does not load, as with Hugo */
    fm_test_parse_fails(text, 0, FM_ERR_DUPLICATE_KEY, 3, 1, "duplicate key");
}
END_TEST

/* ===================================================================== */
/* Jekyll                                                                */
/* ===================================================================== */

START_TEST(jekyll_keys_as_written) {
    fm_article *a = read_as(FM_DIALECT_JEKYLL, "---\nTitle: T\ntitle: t\nPermalink: /x/\n"
                                               "permalink: /p/\nlayout: post\n---\n");
    assert_str("title", a->title, "t");
    assert_str("permalink", a->permalink, "/p/");
    assert_str("layout", a->layout, "post");
    ck_assert_int_eq(a->published, FM_TRUE); /* the default */
    ck_assert_int_eq(a->draft, FM_UNSET);    /* a page, not a post */
    ck_assert_uint_eq(a->extra_count, 2);
    ck_assert_str_eq(a->extra[0].key, "Title");
    ck_assert_str_eq(a->extra[1].key, "Permalink");
    assert_no_diags(a);
    fm_article_free(a);
}
END_TEST

/* Ruby's truth: nil and false are false, everything else is true. */
static const struct {
    const char *line;
    fm_tribool want;
    const char *found; /* NULL: no diagnostic */
} jekyll_published[] = {
    {"published: false", FM_FALSE, NULL},
    {"published: true", FM_TRUE, NULL},
    {"published: no", FM_FALSE, NULL},
    {"published: OFF", FM_FALSE, NULL},
    {"published: On", FM_TRUE, NULL},
    {"published: \"false\"", FM_TRUE, "string \"false\" (Jekyll publishes the page)"},
    {"published: 'no'", FM_TRUE, "string \"no\" (Jekyll publishes the page)"},
    {"published: 0", FM_TRUE, "int \"0\" (Jekyll publishes the page)"},
    {"published: ~", FM_FALSE, "a null (Jekyll does not publish the page)"},
    {"published:", FM_FALSE, "a null (Jekyll does not publish the page)"}, /* column 11 */
};

START_TEST(jekyll_published_truth) {
    fm_article *a = read_line(FM_DIALECT_JEKYLL, jekyll_published[_i].line);
    ck_assert_msg(a->published == jekyll_published[_i].want, "%s: %d",
                  jekyll_published[_i].line, a->published);
    ck_assert_int_eq(a->draft, FM_UNSET);
    if (jekyll_published[_i].found) {
        char msg[200];
        snprintf(msg, sizeof msg, "\"published\": expected a boolean, found %s",
                 jekyll_published[_i].found);
        ck_assert_uint_eq(a->diagnostic_count, 1);
        ck_assert_str_eq(a->diagnostics[0].message, msg);
        ck_assert_uint_eq(a->diagnostics[0].line, 2);
        /* the value's column; an empty value stands right after the colon */
        ck_assert_uint_eq(a->diagnostics[0].column,
                          strcmp(jekyll_published[_i].line, "published:") == 0 ? 11 : 12);
    } else {
        assert_no_diags(a);
    }
    fm_article_free(a);
}
END_TEST

/* Strings as Ruby writes the values Psych (YAML 1.1) loads. */
static const struct {
    const char *line;
    const char *want;
} jekyll_strings[] = {
    {"title: yes", "true"},        {"title: Off", "false"},       {"title: 'yes'", "yes"},
    {"title: 1.50", "1.5"},        {"title: 2.0", "2.0"},         {"title: 0x10", "16"},
    {"title: 1.0e+20", "1.0e+20"}, {"title: 0.00001", "1.0e-05"}, {"title: .5", "0.5"},
    {"title: 1e3", "1e3"},     /* no '.': a string to YAML 1.1 */
    {"title: 1.5e3", "1.5e3"}, /* an unsigned exponent: a string too */
    {"title: 010", "8"},       /* octal to YAML 1.1 */
    {"title: 08", "08"},           {"title: 0o17", "0o17"},       {"title: -007", "-7"},
    {"title: '1.50'", "1.50"},     {"title: Hi", "Hi"},
    {"title: 12345678901234567.0", "1.2345678901234568e+16"},
    {"title: 1.0e+16", "1.0e+16"}, {"title: 123.456", "123.456"},
};

START_TEST(jekyll_to_s) {
    fm_article *a = read_line(FM_DIALECT_JEKYLL, jekyll_strings[_i].line);
    assert_str(jekyll_strings[_i].line, a->title, jekyll_strings[_i].want);
    assert_no_diags(a);
    fm_article_free(a);
}
END_TEST

/* A post: _posts/YYYY-MM-DD-slug.ext under the site root. */
static fm_article *read_post(const char *text, const char *path) {
    return read_doc(FM_DIALECT_JEKYLL, text, path, "/site", NULL);
}

START_TEST(jekyll_post_from_name) {
    fm_article *a =
        read_post("---\n---\nBody.\n", "/site/_posts/2024-3-2-hello-big--world.md");
    assert_str("title", a->title, "Hello Big  World");
    assert_str("slug", a->slug, "hello-big--world");
    assert_dt("date", a->date, 2024, 3, 2, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(a->draft, FM_FALSE);
    ck_assert_int_eq(a->published, FM_TRUE);
    assert_list_empty("tags", a->tags);
    assert_list_empty("categories", a->categories);
    assert_no_diags(a);
    fm_article_free(a);
}
END_TEST

static const struct {
    const char *name;
    const char *title, *slug;
} jekyll_names[] = {
    {"2024-01-02-x.y..md", "X.y", "x.y"}, /* the periods go before the title is made */
    {"2024-01-02-MIXED-case.markdown", "Mixed Case", "MIXED-case"},
    {"2024-01-02-trailing-.md", "Trailing", "trailing-"},
    {"2024-01-02--lead.md", " Lead", "-lead"},
    {"2024-01-02-a.tar.gz", "A.tar", "a.tar"},
};

START_TEST(jekyll_titleize) {
    char path[128];
    snprintf(path, sizeof path, "/site/_posts/%s", jekyll_names[_i].name);
    fm_article *a = read_post("---\n---\n", path);
    assert_str(path, a->title, jekyll_names[_i].title);
    assert_str(path, a->slug, jekyll_names[_i].slug);
    fm_article_free(a);
}
END_TEST

/* The front matter's own title, slug and date win over the name's. */
START_TEST(jekyll_front_matter_wins) {
    fm_article *a =
        read_post("---\ntitle: ''\nslug: mine\ndate: 2020-05-06 07:08:09 +0200\n"
                  "---\n",
                  "/site/_posts/2024-01-02-name.md");
    assert_str("title", a->title, "");
    assert_str("slug", a->slug, "mine");
    assert_dt("date", a->date, 2020, 5, 6, 7, 8, 9, 0, 120, DT_ZONED);
    fm_article_free(a);
    /* a date that fails the build takes nothing from the name */
    a = read_post("---\ndate: soon\n---\n", "/site/_posts/2024-01-02-name.md");
    ck_assert_uint_eq(a->date.flags, 0);
    assert_one_diag(
        a, FM_ERR_DATE, 2, 7, "date",
        "\"date\": \"soon\" is not a valid date (Jekyll fails the build unless "
        "Ruby's Time.parse reads it)");
    fm_article_free(a);
    /* two-digit years: Ruby's Time.parse is not followed */
    a = read_post("---\n---\n", "/site/_posts/24-01-02-short.md");
    ck_assert_uint_eq(a->date.flags, 0);
    assert_str("slug", a->slug, "short");
    fm_article_free(a);
}
END_TEST

/* Which files are posts, drafts or pages. */
static const struct {
    const char *path;
    fm_tribool draft; /* FM_UNSET: a page */
    const char *slug;
} jekyll_kinds[] = {
    {"/site/_posts/2024-01-02-a.md", FM_FALSE, "a"},
    {"/site/_posts/deep/2024-01-02-b.md", FM_FALSE, "b"},
    {"/site/blog/_posts/2024-01-02-c.md", FM_FALSE, "c"},
    {"/site/_posts/no-date.md", FM_UNSET, NULL},
    {"/site/_posts/2024-01-02-noext", FM_UNSET, NULL},
    {"/site/_drafts/d.md", FM_TRUE, "d"},
    {"/site/_drafts/2024-01-02-e.md", FM_TRUE, "e"},
    {"/site/_drafts/README", FM_UNSET, NULL},
    {"/site/_hidden/_posts/2024-01-02-f.md", FM_UNSET, NULL},
    {"/site/.git/_posts/2024-01-02-g.md", FM_UNSET, NULL},
    {"/site/about.md", FM_UNSET, NULL},
    {"/elsewhere/_posts/2024-01-02-h.md", FM_UNSET, NULL}, /* not under the root */
};

START_TEST(jekyll_post_kinds) {
    fm_article *a = read_post("---\n---\n", jekyll_kinds[_i].path);
    ck_assert_msg(a->draft == jekyll_kinds[_i].draft, "%s: draft %d",
                  jekyll_kinds[_i].path, a->draft);
    if (jekyll_kinds[_i].slug)
        assert_str(jekyll_kinds[_i].path, a->slug, jekyll_kinds[_i].slug);
    else
        assert_str_unset(jekyll_kinds[_i].path, a->slug);
    fm_article_free(a);
}
END_TEST

/* Document#populate_categories: the folders above _posts, the categories
 * split, the category whole, each once. */
START_TEST(jekyll_categories) {
    static const char *const all[] = {"blog", "tech", "a", "b", "release notes"};
    fm_article *a = read_post("---\ncategories: a blog b\ncategory: release notes\n---\n",
                              "/site/blog/tech/_posts/2024-01-02-x.md");
    assert_list("categories", a->categories, all, 5);
    ck_assert_uint_eq(a->diagnostic_count, 1);
    ck_assert_str_eq(a->diagnostics[0].message,
                     "\"categories\": expected a list, found string \"a blog b\" (Jekyll "
                     "splits it at blanks)");
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    /* a null categories drops the folders; the list keeps its items whole */
    static const char *const two[] = {"x y", "2"};
    a = read_post("---\ncategories: ~\ncategory: [x y, [2, ~]]\n---\n",
                  "/site/blog/_posts/2024-01-02-x.md");
    assert_list("categories", a->categories, two, 2);
    fm_article_free(a);
    /* no key: the folders only; "_posts" found as Jekyll finds it, in the text */
    static const char *const folder[] = {"blog"};
    a = read_post("---\n---\n", "/site/blog_posts/_posts/2024-01-02-x.md");
    assert_list("categories", a->categories, folder, 1);
    fm_article_free(a);
}
END_TEST

START_TEST(jekyll_tags) {
    static const char *const split[] = {"a", "b", "c"};
    static const char *const flat[] = {"1", "2", "true"};
    fm_article *a =
        read_post("---\ntags: \" a\\vb\\fc \"\n---\n", "/site/_posts/2024-01-02-x.md");
    assert_list("tags", a->tags, split, 3);
    fm_article_free(a);
    a = read_post("---\ntags: [1, [2, [yes]], ~]\n---\n", "/site/_posts/2024-01-02-x.md");
    assert_list("tags", a->tags, flat, 3);
    assert_no_diags(a);
    fm_article_free(a);
    /* tag beats tags, which is then ignored */
    a = read_post("---\ntags: a b\ntag: one tag\n---\n", "/site/_posts/2024-01-02-x.md");
    assert_list1("tags", a->tags, "one tag");
    /* tags is not read, so not warned about as a string to split */
    assert_one_diag(a, FM_ERR_IGNORED, 2, 1, "tags",
                    "\"tags\": ignored (Jekyll takes \"tag\", line 3)");
    ck_assert_uint_eq(a->extra_count, 0);
    fm_article_free(a);
    /* a null tag falls through to tags; a number in tags is dropped */
    a = read_post("---\ntag: ~\ntags: [x]\n---\n", "/site/_posts/2024-01-02-x.md");
    assert_list1("tags", a->tags, "x");
    fm_article_free(a);
    a = read_post("---\ntags: 5\n---\n", "/site/_posts/2024-01-02-x.md");
    assert_list_empty("tags", a->tags);
    assert_one_diag(a, FM_ERR_TYPE, 2, 7, "tags",
                    "\"tags\": expected a list, found int \"5\" (Jekyll drops it)");
    fm_article_free(a);
}
END_TEST

/* Pages are not posts: no file-name rules, tag and category mean nothing,
 * tags and categories are kept whole. */
START_TEST(jekyll_page) {
    fm_article *a = read_doc(FM_DIALECT_JEKYLL,
                             "---\ntags: a b\ncategories: c d\ncategory: e\ntag: f\n"
                             "draft: true\ndate: soon\n---\n",
                             "/site/about.md", "/site", NULL);
    assert_list1("tags", a->tags, "a b");
    assert_list1("categories", a->categories, "c d");
    assert_str_unset("title", a->title);
    assert_str_unset("slug", a->slug);
    ck_assert_int_eq(a->draft, FM_UNSET);
    assert_one_diag(a, FM_ERR_DATE, 7, 7, "date",
                    "\"date\": \"soon\" is not a valid date (Jekyll keeps it as text)");
    ck_assert_uint_eq(a->extra_count, 3);
    ck_assert_str_eq(a->extra[0].key, "category");
    ck_assert_str_eq(a->extra[1].key, "tag");
    ck_assert_str_eq(a->extra[2].key, "draft");
    fm_article_free(a);
}
END_TEST

START_TEST(jekyll_draft_key_in_a_post) {
    fm_article *a =
        read_post("---\ntitle: T\ndraft: true\n---\n", "/site/_posts/2024-01-02-x.md");
    ck_assert_int_eq(a->draft, FM_FALSE);
    assert_one_diag(
        a, FM_ERR_IGNORED, 3, 1, "draft",
        "\"draft\": ignored (Jekyll publishes every post of _posts; drafts go "
        "in _drafts)");
    ck_assert_uint_eq(a->extra_count, 1);
    fm_article_free(a);
}
END_TEST

/* Psych takes the last of duplicate keys; the config's dialect loads them
 * so, and the article warns at each dropped one. */
START_TEST(jekyll_duplicates) {
    fm_doc *doc;
    fm_article *a = read_doc(
        FM_DIALECT_JEKYLL, "---\ntitle: A\nx:\n  k: 1\n  k: 2\ntitle: B\ntitle: C\n---\n",
        NULL, NULL, &doc);
    assert_str("title", a->title, "C");
    ck_assert_int_eq((long long)fm_value_int(fm_doc_get(doc, "x.k"), 0), 2);
    ck_assert_uint_eq(a->diagnostic_count, 3);
    ck_assert_str_eq(a->diagnostics[0].message,
                     "\"title\": duplicate key (Jekyll takes the one at line 7)");
    ck_assert_uint_eq(a->diagnostics[0].line, 2);
    ck_assert_uint_eq(a->diagnostics[0].column, 1);
    ck_assert_str_eq(a->diagnostics[1].message,
                     "\"k\": duplicate key (Jekyll takes the one at line 5)");
    ck_assert_uint_eq(a->diagnostics[1].line, 4);
    ck_assert_uint_eq(a->diagnostics[1].column, 3);
    ck_assert_int_eq(a->diagnostics[1].code, FM_ERR_DUPLICATE_KEY);
    ck_assert_uint_eq(a->diagnostics[2].line, 6);
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Zola                                                                  */
/* ===================================================================== */

START_TEST(zola_fields) {
    fm_doc *doc;
    fm_article *a =
        read_doc(FM_DIALECT_ZOLA,
                 "---\ntitle: T\ndescription: D\nupdated: 2024-01-02\n"
                 "weight: 0\naliases: [/a/]\nauthors: [Ann]\ntemplate: t.html\n"
                 "path: p\ntaxonomies:\n  tags: [x]\n  categories: [c]\n"
                 "  series: [s]\nextra:\n  mine: 1\n  toc: true\nrender: false\n"
                 "---\n",
                 NULL, NULL, &doc);
    assert_str("title", a->title, "T");
    assert_str("description", a->description, "D");
    assert_dt("lastmod", a->lastmod, 2024, 1, 2, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(a->has_weight, 1);
    ck_assert_int_eq((long long)a->weight, 0);
    assert_list1("aliases", a->aliases, "/a/");
    assert_list1("authors", a->authors, "Ann");
    assert_str("template", a->template_name, "t.html");
    assert_str("path", a->path, "p");
    assert_list1("tags", a->tags, "x");
    assert_list1("categories", a->categories, "c");
    ck_assert_ptr_eq(a->taxonomies, fm_doc_get(doc, "taxonomies"));
    ck_assert_int_eq(a->draft, FM_FALSE);
    assert_no_diags(a);
    /* extra gives its own keys; render is Zola's, kept quietly */
    ck_assert_uint_eq(a->extra_count, 3);
    ck_assert_str_eq(a->extra[0].key, "mine");
    ck_assert_str_eq(a->extra[1].key, "toc");
    ck_assert_str_eq(a->extra[2].key, "render");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* serde converts nothing: every other type refuses the page. */
static const struct {
    const char *line;
    unsigned column;
    const char *message;
} zola_types[] = {
    {"title: 2024", 8,
     "\"title\": expected a string, found int \"2024\" (Zola refuses the page)"},
    {"title: yes", 0, NULL},        /* YAML 1.2: a string */
    {"title: 2024-01-02", 0, NULL}, /* a string to serde_yaml */
    {"slug: ''", 7,
     "\"slug\": expected a string that is not empty, found string \"\" (Zola refuses the "
     "page)"},
    {"draft: \"true\"", 8,
     "\"draft\": expected a boolean, found string \"true\" (Zola refuses the page)"},
    {"draft: ~", 8,
     "\"draft\": expected a boolean, found a null (Zola refuses the page)"},
    {"weight: -1", 9,
     "\"weight\": expected an integer of 0 or more, found int \"-1\" (Zola refuses the "
     "page)"},
    {"weight: 1.5", 9,
     "\"weight\": expected an integer of 0 or more, found float \"1.5\" (Zola refuses "
     "the "
     "page)"},
    {"aliases: /a/", 10,
     "\"aliases\": expected a list of strings, found string \"/a/\" (Zola refuses the "
     "page)"},
    {"authors: [1]", 10,
     "\"authors\": expected a list of strings, found a sequence (Zola refuses the page)"},
    {"taxonomies: [x]", 13,
     "\"taxonomies\": expected a mapping, found a sequence (Zola refuses the page)"},
    {"taxonomies: {tags: [' ']}", 20,
     "\"tags\": expected a list of terms that are not blank, found a sequence (Zola "
     "refuses "
     "the page)"},
    {"date: 5", 7, "\"date\": expected a date, found int \"5\" (Zola refuses the page)"},
    {"tags: [x]", 1,
     "\"tags\": not a Zola field, ignored (your own keys go under \"extra\", taxonomies "
     "under \"taxonomies\")"},
};

START_TEST(zola_strict_types) {
    fm_article *a = read_line(FM_DIALECT_ZOLA, zola_types[_i].line);
    if (!zola_types[_i].message) {
        assert_no_diags(a);
    } else {
        ck_assert_uint_eq(a->diagnostic_count, 1);
        ck_assert_str_eq(a->diagnostics[0].message, zola_types[_i].message);
        ck_assert_uint_eq(a->diagnostics[0].line, 2);
        ck_assert_uint_eq(a->diagnostics[0].column, zola_types[_i].column);
        ck_assert_int_eq(a->diagnostics[0].code,
                         zola_types[_i].column == 1 ? FM_ERR_IGNORED : FM_ERR_TYPE);
    }
    fm_article_free(a);
}
END_TEST

/* Zola's date strings: TOML's forms and its YAML pattern. */
static const struct {
    const char *text;
    const char *want; /* fm_datetime_format, or NULL: refused */
} zola_dates[] = {
    {"2024-03-05", "2024-03-05"},
    {"2024-3-5", "2024-03-05"},
    {"2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"},
    {"2024-03-05t10:00:00z", "2024-03-05T10:00:00Z"},
    {"2024-03-05 10:00:00", "2024-03-05T10:00:00"},
    {"2024-03-05 7:08:09.5 -5", "2024-03-05T07:08:09.5-05:00"},
    {"2024-03-05T10:00:00+02:00", "2024-03-05T10:00:00+02:00"},
    {"2024-03-05T10:00:00+0200", NULL},
    {"2024/03/05", NULL},
    {"2024-02-30", NULL},
    {"2024-03-05T24:00:00Z", NULL},
    {"2024-03-05T10:00Z", NULL},
    {"2024-03-05 ", NULL},
    {"05-03-2024", NULL},
};

START_TEST(zola_date_forms) {
    fm_datetime dt;
    char text[200];
    snprintf(text, sizeof text, "---\ndate: \"%s\"\n---\n", zola_dates[_i].text);
    fm_article *a = read_as(FM_DIALECT_ZOLA, text);
    if (zola_dates[_i].want) {
        assert_date_text(zola_dates[_i].text, "date", &a->date, zola_dates[_i].want);
        assert_no_diags(a);
    } else {
        ck_assert_uint_eq(a->date.flags, 0);
        ck_assert_uint_eq(a->diagnostic_count, 1);
        ck_assert_int_eq(a->diagnostics[0].code, FM_ERR_DATE);
    }
    fm_article_free(a);
    (void)dt;
}
END_TEST

/* The date and slug of a dated file (or folder) name. */
static const struct {
    const char *path;
    const char *date; /* "" none */
    const char *slug;
} zola_names[] = {
    {"content/2024-03-01-hello-world.md", "2024-03-01", "hello-world"},
    {"content/2024-03-01_Hello_World.md", "2024-03-01", "hello-world"},
    {"content/2024-03-01 -spaced.md", "2024-03-01", "spaced"},
    {"content/2024-03-01.md", "2024-03-01", "2024-03-01"},
    {"content/2024-03-01T10:20:30Z-timed.md", "2024-03-01T10:20:30Z", "timed"},
    {"content/2024-03-01T10:20-x.md", "2024-03-01", "2024-03-01t10-20-x"},
    {"content/2024-13-01-x.md", "", "2024-13-01-x"},
    {"content/2024-02-30-x.md", "", "x"},
    {"content/plain Page!.md", "", "plain-page"},
    {"content/2024-05-06-folder/index.md", "2024-05-06", "folder"},
    {"index.md", "", "index"},
    {"content/Crème.md", "", "crème"},
};

START_TEST(zola_file_names) {
    fm_article *a =
        read_doc(FM_DIALECT_ZOLA, "---\n---\n", zola_names[_i].path, NULL, NULL);
    assert_date_text(zola_names[_i].path, "date", &a->date, zola_names[_i].date);
    assert_str(zola_names[_i].path, a->slug, zola_names[_i].slug);
    fm_article_free(a);
}
END_TEST

START_TEST(zola_front_matter_wins) {
    fm_article *a =
        read_doc(FM_DIALECT_ZOLA, "---\ndate: 2020-01-01\nslug: My Own--Slug\n---\n",
                 "content/2024-03-01-name.md", NULL, NULL);
    assert_date_text("fm", "date", &a->date, "2020-01-01");
    assert_str("slug", a->slug, "my-own-slug");
    fm_article_free(a);
    a = read_as(FM_DIALECT_ZOLA, "---\ntitle: T\n---\n"); /* no path: no slug */
    assert_str_unset("slug", a->slug);
    fm_article_free(a);
}
END_TEST

/* ===================================================================== */
/* The generic reading is what it was                                    */
/* ===================================================================== */

START_TEST(generic_reads_no_new_field) {
    fm_article *a =
        read_as(FM_DIALECT_GENERIC,
                "---\nlinkTitle: L\npublished: false\nexcerpt: E\n"
                "excerpt_separator: S\npath: p\ntemplate: t\noutputs: [html]\n"
                "build: {}\nparams: {}\ncascade: {}\ntaxonomies: {}\n---\n");
    ck_assert_int_eq(a->draft, FM_TRUE); /* published: false, as always */
    ck_assert_int_eq(a->published, FM_UNSET);
    for (size_t i = 34; i < fm_article_field_count(); i++) {
        fm_field_value v;
        ck_assert_msg(fm_article_field_get(a, i, &v) == 0, "%s is set",
                      fm_article_field_info(i)->name);
    }
    ck_assert_uint_eq(a->extra_count, 10); /* all keys but published */
    assert_no_diags(a);
    fm_article_free(a);
}
END_TEST

/* ===================================================================== */
/* Site roots                                                            */
/* ===================================================================== */

/* A temporary folder with `config` and _posts/2024-01-02-a-b.md in blog/;
 * returns the post's path in buf. */
static void make_site(char *root, size_t cap, const char *config, char *post,
                      size_t pcap) {
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(root, cap, "%s/fm-site-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert(n > 0 && (size_t)n < cap);
    ck_assert_ptr_nonnull(mkdtemp(root));
    char path[512];
    snprintf(path, sizeof path, "%s/blog", root);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/blog/_posts", root);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(post, pcap, "%s/blog/_posts/2024-01-02-a-b.md", root);
    FILE *fp = fopen(post, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("---\ntitle: T\n---\n", fp);
    fclose(fp);
    if (config) {
        snprintf(path, sizeof path, "%s/%s", root, config);
        fp = fopen(path, "w");
        ck_assert_ptr_nonnull(fp);
        fclose(fp);
    }
}

static void remove_site(const char *root, const char *config) {
    char path[512];
    snprintf(path, sizeof path, "%s/blog/_posts/2024-01-02-a-b.md", root);
    unlink(path);
    snprintf(path, sizeof path, "%s/blog/_posts", root);
    rmdir(path);
    snprintf(path, sizeof path, "%s/blog", root);
    rmdir(path);
    if (config) {
        snprintf(path, sizeof path, "%s/%s", root, config);
        unlink(path);
    }
    rmdir(root);
}

static fm_article *load_post(const char *post, const char *site) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.dialect = FM_DIALECT_JEKYLL;
    fm_doc *doc = fm_doc_load_file_config(post, &cfg, NULL);
    ck_assert_ptr_nonnull(doc);
    fm_article_options o = {.site_root = site};
    fm_article *a = fm_article_from_doc_opts(doc, &o, NULL);
    fm_doc_free(doc);
    ck_assert_ptr_nonnull(a);
    return a;
}

START_TEST(site_root_found) {
    static const char *const configs[] = {"_config.yml", "_config.yaml", "_config.toml"};
    char root[256], post[512];
    make_site(root, sizeof root, configs[_i], post, sizeof post);
    fm_article *a = load_post(post, NULL);
    assert_list1("categories", a->categories, "blog");
    ck_assert_int_eq(a->draft, FM_FALSE);
    assert_str("slug", a->slug, "a-b");
    fm_article_free(a);
    remove_site(root, configs[_i]);
}
END_TEST

START_TEST(site_root_missing_or_given) {
    char root[256], post[512], path[600];
    make_site(root, sizeof root, "hugo.toml", post, sizeof post); /* not Jekyll's */
    fm_article *a = load_post(post, NULL);
    ck_assert_int_eq(a->draft, FM_UNSET); /* no root: no post rules */
    assert_list_unset("categories", a->categories);
    fm_article_free(a);
    a = load_post(post, root);
    assert_list1("categories", a->categories, "blog");
    fm_article_free(a);
    /* a root given with "." and ".." parts, and a trailing slash */
    snprintf(path, sizeof path, "%s/./blog/../", root);
    a = load_post(post, path);
    assert_list1("categories", a->categories, "blog");
    fm_article_free(a);
    /* the root's own folder is no category */
    snprintf(path, sizeof path, "%s/blog", root);
    a = load_post(post, path);
    assert_list_empty("categories", a->categories);
    fm_article_free(a);
    remove_site(root, "hugo.toml");
}
END_TEST

/* A page not on disk: its relative path is read from the root. */
START_TEST(site_path_relative_to_root) {
    fm_article *a = read_doc(FM_DIALECT_JEKYLL, "---\n---\n",
                             "news/_posts/2024-01-02-n.md", "/nowhere/site", NULL);
    assert_list1("categories", a->categories, "news");
    assert_str("slug", a->slug, "n");
    fm_article_free(a);
    a = read_doc(FM_DIALECT_JEKYLL, "---\n---\n", "./x/../news//_posts/2024-01-02-n.md",
                 "/nowhere/site", NULL);
    assert_list1("categories", a->categories, "news");
    fm_article_free(a);
}
END_TEST

/* ===================================================================== */
/* Summaries                                                             */
/* ===================================================================== */

static fm_summary *summary_of(fm_dialect d, const char *text, const char *separator) {
    fm_article *a = read_as(d, text);
    fm_summary_options o;
    fm_summary_options_init(&o);
    o.separator = separator;
    o.dialect = FM_DIALECT_ZOLA; /* ignored: the article's wins */
    fm_error err;
    fm_summary *s = fm_article_summary(a, &o, &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    fm_article_free(a);
    return s;
}

static void assert_summary(fm_summary *s, fm_summary_rule rule, int truncated,
                           const char *markdown) {
    ck_assert_str_eq(fm_summary_rule_name(s->rule), fm_summary_rule_name(rule));
    ck_assert_int_eq(s->truncated, truncated);
    ck_assert_str_eq(s->markdown, markdown);
    fm_summary_free(s);
}

START_TEST(summary_jekyll) {
    static const char body[] = "One\ntwo.\n\nThree. <!--more-->\n\nFour.\n";
    char text[256];
    snprintf(text, sizeof text, "---\n---\n%s", body);
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, NULL), FM_SUMMARY_SEPARATOR, 1,
                   "One\ntwo.");
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, "Three"), FM_SUMMARY_SEPARATOR, 1,
                   "One\ntwo.");
    snprintf(text, sizeof text, "---\nexcerpt_separator: Four\n---\n%s", body);
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, "Three"), FM_SUMMARY_SEPARATOR, 1,
                   "One\ntwo.\n\nThree. <!--more-->");
    snprintf(text, sizeof text, "---\nexcerpt_separator: nowhere\n---\n%s", body);
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, NULL), FM_SUMMARY_BODY, 0,
                   "One\ntwo.\n\nThree. <!--more-->\n\nFour.");
    snprintf(text, sizeof text, "---\nexcerpt_separator: ''\n---\n%s", body);
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, NULL), FM_SUMMARY_EMPTY, 0, "");
    snprintf(text, sizeof text, "---\nexcerpt: Mine\nexcerpt_separator: x\n---\n%s",
             body);
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, NULL), FM_SUMMARY_FRONT_MATTER, 0,
                   "Mine");
    /* the generic summary key is nothing to Jekyll */
    snprintf(text, sizeof text, "---\nsummary: Not this\n---\nOnly paragraph.\n");
    assert_summary(summary_of(FM_DIALECT_JEKYLL, text, NULL), FM_SUMMARY_BODY, 0,
                   "Only paragraph.");
}
END_TEST

START_TEST(summary_zola_and_hugo) {
    assert_summary(summary_of(FM_DIALECT_ZOLA, "---\n---\nA <!--\n more  --> B\n", NULL),
                   FM_SUMMARY_MORE, 1, "A");
    assert_summary(summary_of(FM_DIALECT_ZOLA, "---\n---\nA.\n\nB.\n", NULL),
                   FM_SUMMARY_EMPTY, 0, "");
    assert_summary(summary_of(FM_DIALECT_HUGO, "---\nSummary: S\n---\nA.\n\nB.\n", NULL),
                   FM_SUMMARY_FRONT_MATTER, 0, "S");
    assert_summary(
        summary_of(FM_DIALECT_HUGO, "---\nsummary: S\n---\nA.\n<!--more-->\nB.\n", NULL),
        FM_SUMMARY_MORE, 1, "A.");
    ck_assert_str_eq(fm_summary_rule_name(FM_SUMMARY_BODY), "body");
    fm_error err;
    ck_assert_ptr_null(fm_article_summary(NULL, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
}
END_TEST

/* ===================================================================== */
/* Writing back                                                          */
/* ===================================================================== */

static char *apply_to(fm_dialect d, const char *text, void (*change)(fm_article *)) {
    fm_doc *doc;
    fm_article *a = read_doc(d, text, "content/page.md", NULL, &doc);
    change(a);
    fm_error err;
    ck_assert_msg(fm_article_apply(a, doc, &err) == 0, "apply: %s", err.message);
    size_t len;
    char *out = strdup(fm_doc_text(doc, &len));
    fm_article_free(a);
    fm_doc_free(doc);
    return out;
}

static const fm_str new_tags[] = {{"z", 1}};
static const fm_datetime new_date = {2025, 6, 7, 0, 0, 0, 0, 0, FM_DT_SET};

static void change_tags_and_lastmod(fm_article *a) {
    a->tags.items = new_tags;
    a->tags.count = 1;
    a->lastmod = new_date;
}

static void change_date(fm_article *a) {
    a->date = new_date;
}

static const fm_str new_categories[] = {{"x", 1}};

static void change_categories(fm_article *a) {
    a->categories.items = new_categories;
    a->categories.count = 1;
}

static void change_link_title(fm_article *a) {
    a->link_title.ptr = "New";
    a->link_title.len = 3;
}

START_TEST(apply_dialect_keys) {
    char *out =
        apply_to(FM_DIALECT_ZOLA, "---\ntitle: T\ntaxonomies:\n  tags: [a]\n---\n",
                 change_tags_and_lastmod);
    ck_assert_str_eq(
        out, "---\ntitle: T\ntaxonomies:\n  tags: [z]\nupdated: 2025-06-07\n---\n");
    free(out);
    /* a date Hugo took from `published` is written under date, not there */
    out = apply_to(FM_DIALECT_HUGO, "---\npublished: 2024-01-01\n---\n", change_date);
    ck_assert_str_eq(out, "---\npublished: 2024-01-01\ndate: 2025-06-07\n---\n");
    free(out);
    out = apply_to(FM_DIALECT_HUGO, "---\ntitle: T\n---\n", change_link_title);
    ck_assert_str_eq(out, "---\ntitle: T\nlinkTitle: New\n---\n");
    free(out);
    /* Jekyll's categories go back under categories, beside category */
    fm_doc *cdoc;
    fm_article *ca = read_doc(FM_DIALECT_JEKYLL, "---\ncategory: c\ncategories: [a]\n---\n",
                              "blog/_posts/2024-01-02-x.md", "/s", &cdoc);
    static const char *const merged[] = {"blog", "a", "c"};
    assert_list("categories", ca->categories, merged, 3);
    change_categories(ca);
    ck_assert_int_eq(fm_article_apply(ca, cdoc, NULL), 0);
    size_t clen;
    ck_assert_str_eq(fm_doc_text(cdoc, &clen), "---\ncategory: c\ncategories: [x]\n---\n");
    fm_article_free(ca);
    fm_doc_free(cdoc);
    /* derived values that did not change write nothing */
    fm_doc *doc;
    fm_article *a =
        read_doc(FM_DIALECT_JEKYLL, "---\n---\n", "_posts/2024-01-02-x.md", "/s", &doc);
    ck_assert_int_eq(fm_article_apply(a, doc, NULL), 0);
    size_t len;
    ck_assert_str_eq(fm_doc_text(doc, &len), "---\n---\n");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Suite                                                                 */
/* ===================================================================== */

static Suite *dialect_suite(void) {
    Suite *s = suite_create("dialect");
    TCase *hugo = tcase_create("hugo");
    tcase_add_test(hugo, hugo_keys_any_case);
    tcase_add_test(hugo, hugo_same_key_other_case);
    tcase_add_test(hugo, hugo_other_keys);
    tcase_add_loop_test(hugo, hugo_to_string, 0, (int)COUNT(hugo_strings));
    tcase_add_test(hugo, hugo_string_of_a_list);
    tcase_add_loop_test(hugo, hugo_to_bool, 0, (int)COUNT(hugo_bools));
    tcase_add_loop_test(hugo, hugo_to_int, 0, (int)COUNT(hugo_ints));
    tcase_add_test(hugo, hugo_int_message);
    tcase_add_test(hugo, hugo_lists);
    tcase_add_test(hugo, hugo_list_items);
    tcase_add_loop_test(hugo, hugo_date_fallbacks, 0, (int)COUNT(hugo_dates));
    tcase_add_test(hugo, hugo_bad_date);
    tcase_add_test(hugo, hugo_maps);
    tcase_add_test(hugo, hugo_duplicates_allowed);
    suite_add_tcase(s, hugo);

    TCase *jekyll = tcase_create("jekyll");
    tcase_add_test(jekyll, jekyll_keys_as_written);
    tcase_add_loop_test(jekyll, jekyll_published_truth, 0, (int)COUNT(jekyll_published));
    tcase_add_loop_test(jekyll, jekyll_to_s, 0, (int)COUNT(jekyll_strings));
    tcase_add_test(jekyll, jekyll_post_from_name);
    tcase_add_loop_test(jekyll, jekyll_titleize, 0, (int)COUNT(jekyll_names));
    tcase_add_test(jekyll, jekyll_front_matter_wins);
    tcase_add_loop_test(jekyll, jekyll_post_kinds, 0, (int)COUNT(jekyll_kinds));
    tcase_add_test(jekyll, jekyll_categories);
    tcase_add_test(jekyll, jekyll_tags);
    tcase_add_test(jekyll, jekyll_page);
    tcase_add_test(jekyll, jekyll_draft_key_in_a_post);
    tcase_add_test(jekyll, jekyll_duplicates);
    suite_add_tcase(s, jekyll);

    TCase *zola = tcase_create("zola");
    tcase_add_test(zola, zola_fields);
    tcase_add_loop_test(zola, zola_strict_types, 0, (int)COUNT(zola_types));
    tcase_add_loop_test(zola, zola_date_forms, 0, (int)COUNT(zola_dates));
    tcase_add_loop_test(zola, zola_file_names, 0, (int)COUNT(zola_names));
    tcase_add_test(zola, zola_front_matter_wins);
    suite_add_tcase(s, zola);

    TCase *misc = tcase_create("misc");
    tcase_add_test(misc, generic_reads_no_new_field);
    tcase_add_loop_test(misc, site_root_found, 0, 3);
    tcase_add_test(misc, site_root_missing_or_given);
    tcase_add_test(misc, site_path_relative_to_root);
    tcase_add_test(misc, summary_jekyll);
    tcase_add_test(misc, summary_zola_and_hugo);
    tcase_add_test(misc, apply_dialect_keys);
    suite_add_tcase(s, misc);
    return s;
}

int main(void) {
    return fm_test_run_suite(dialect_suite());
}
