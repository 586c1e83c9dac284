/* SPDX-License-Identifier: MIT */
/* check_body.c - the body through cmark: HTML equal to cmark's own, source
 * lines, plain text, summary rules, word counts, headings, slugs and TOC. */
#define _POSIX_C_SOURCE 200809L /* popen, mkstemp */
#include <cmark.h>
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

/* ---------------------------------------------------------------- helpers */

static fm_body body_of(const char *s) {
    fm_body b = {s, strlen(s), 1};
    return b;
}

static void assert_html(fm_body body, unsigned options, const char *want) {
    fm_error err;
    size_t len = 0;
    char *html = fm_body_html(body, options, &len, &err);
    ck_assert_msg(html != NULL, "fm_body_html: %s", err.message);
    ck_assert_str_eq(html, want);
    ck_assert_uint_eq(len, strlen(want));
    fm_free(html);
}

static void assert_text(const char *markdown, const char *want) {
    fm_error err;
    size_t len = 0;
    char *text = fm_body_text(body_of(markdown), 0, &len, &err);
    ck_assert_msg(text != NULL, "fm_body_text: %s", err.message);
    ck_assert_str_eq(text, want);
    ck_assert_uint_eq(len, strlen(want));
    fm_free(text);
}

static fm_summary *summary_of(const char *markdown, const char *front, size_t words,
                              const char *separator) {
    fm_summary_options opts;
    fm_summary_options_init(&opts);
    if (words)
        opts.words = words;
    opts.separator = separator;
    fm_error err;
    fm_summary *s =
        fm_body_summary(body_of(markdown), front, front ? strlen(front) : 0, &opts, &err);
    ck_assert_msg(s != NULL, "fm_body_summary: %s", err.message);
    return s;
}

static void assert_summary(const fm_summary *s, fm_summary_rule rule, int truncated,
                           const char *markdown, const char *text) {
    ck_assert_int_eq(s->rule, rule);
    ck_assert_int_eq(s->truncated, truncated);
    ck_assert_str_eq(s->markdown, markdown);
    ck_assert_uint_eq(s->markdown_len, strlen(markdown));
    ck_assert_str_eq(s->text, text);
    ck_assert_uint_eq(s->text_len, strlen(text));
}

static fm_body_stats stats_of(const char *text, unsigned options) {
    fm_body_stats st;
    fm_error err;
    ck_assert_msg(fm_body_stats_get(body_of(text), options, &st, &err) == 0, "stats: %s",
                  err.message);
    return st;
}

static fm_headings *headings_of(fm_body body) {
    fm_error err;
    fm_headings *h = fm_body_headings(body, 0, &err);
    ck_assert_msg(h != NULL, "fm_body_headings: %s", err.message);
    return h;
}

static void assert_heading(const fm_headings *h, size_t i, int level, const char *text,
                           const char *anchor, unsigned line) {
    ck_assert_uint_gt(h->count, i);
    ck_assert_int_eq(h->items[i].level, level);
    ck_assert_str_eq(h->items[i].text, text);
    ck_assert_uint_eq(h->items[i].text_len, strlen(text));
    ck_assert_str_eq(h->items[i].anchor, anchor);
    ck_assert_uint_eq(h->items[i].anchor_len, strlen(anchor));
    ck_assert_uint_eq(h->items[i].line, line);
}

/* "word word ... word" with n words. */
static char *words(size_t n, const char *word) {
    size_t wl = strlen(word);
    char *s = malloc(n * (wl + 1) + 1);
    ck_assert_ptr_nonnull(s);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        memcpy(s + i * (wl + 1), word, wl);
        s[i * (wl + 1) + wl] = ' ';
    }
    s[n ? n * (wl + 1) - 1 : 0] = '\0';
    return s;
}

/* ---------------------------------------------------------------- cmark parity */

/* cmark's HTML with every data-sourcepos="L1:C1-L2:C2" moved down by
 * `shift` lines (new string, free with free). */
static char *shift_sourcepos(const char *html, unsigned shift) {
    static const char attr[] = "data-sourcepos=\"";
    size_t cap = strlen(html) * 2 + 1, n = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    const char *p = html, *q;
    while ((q = strstr(p, attr)) != NULL) {
        unsigned l1, c1, l2, c2;
        int used = 0;
        q += sizeof attr - 1;
        memcpy(out + n, p, (size_t)(q - p));
        n += (size_t)(q - p);
        ck_assert_int_eq(sscanf(q, "%u:%u-%u:%u%n", &l1, &c1, &l2, &c2, &used), 4);
        n += (size_t)sprintf(out + n, "%u:%u-%u:%u", l1 + shift, c1, l2 + shift, c2);
        ck_assert_uint_lt(n, cap - 64);
        p = q + used;
    }
    strcpy(out + n, p);
    return out;
}

/* fm_body_html of the body equals cmark_markdown_to_html of the same bytes;
 * with source positions, once cmark's lines are moved to whole-file lines. */
static void assert_sourcepos_as_cmark(fm_body body, const char *what) {
    fm_error err;
    char *ours = fm_body_html(body, FM_OPT_SOURCEPOS, NULL, &err);
    ck_assert_msg(ours != NULL, "%s: %s", what, err.message);
    char *theirs = cmark_markdown_to_html(body.text, body.len, CMARK_OPT_SOURCEPOS);
    char *shifted = shift_sourcepos(theirs, body.line - 1);
    ck_assert_msg(strcmp(ours, shifted) == 0, "%s: source positions differ from cmark's",
                  what);
    free(shifted);
    cmark_get_default_mem_allocator()->free(theirs);
    fm_free(ours);
}

static void assert_same_as_cmark(fm_body body, const char *what) {
    static const struct {
        unsigned fm;
        int cmark;
    } opts[] = {{0, CMARK_OPT_DEFAULT}, {FM_OPT_SMART, CMARK_OPT_SMART}};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        fm_error err;
        size_t len;
        char *ours = fm_body_html(body, opts[i].fm, &len, &err);
        ck_assert_msg(ours != NULL, "%s: %s", what, err.message);
        char *theirs = cmark_markdown_to_html(body.text, body.len, opts[i].cmark);
        ck_assert_msg(strcmp(ours, theirs) == 0,
                      "%s: HTML differs from cmark's (options %u)", what, opts[i].fm);
        ck_assert_uint_eq(len, strlen(theirs));
        cmark_get_default_mem_allocator()->free(theirs);
        fm_free(ours);
    }
    assert_sourcepos_as_cmark(body, what);
}

/* Compares one file's body (every file of the corpus loads, TOML ones too). */
static void compare_file(const char *path) {
    fm_error err;
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_msg(doc != NULL, "%s: %s", path, err.message);
    size_t len;
    const char *text = fm_doc_body(doc, &len);
    fm_body body = fm_doc_body_view(doc);
    ck_assert_ptr_eq(body.text, text);
    ck_assert_uint_eq(body.len, len);
    ck_assert_uint_eq(body.line, fm_doc_body_line(doc));
    assert_same_as_cmark(body, path);
    fm_doc_free(doc);
}

/* Compares every regular file under dir; returns how many. */
static size_t compare_tree(const char *dir) {
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode))
            n += compare_tree(path);
        else if (S_ISREG(st.st_mode)) {
            compare_file(path);
            n++;
        }
    }
    closedir(d);
    return n;
}

START_TEST(summary_rules_have_names) {
    ck_assert_str_eq(fm_summary_rule_name(FM_SUMMARY_EMPTY), "empty");
    ck_assert_str_eq(fm_summary_rule_name(FM_SUMMARY_MORE), "more");
    ck_assert_str_eq(fm_summary_rule_name(FM_SUMMARY_SEPARATOR), "separator");
    ck_assert_str_eq(fm_summary_rule_name(FM_SUMMARY_FRONT_MATTER), "front-matter");
    ck_assert_str_eq(fm_summary_rule_name(FM_SUMMARY_WORDS), "words");
}
END_TEST

START_TEST(html_equals_cmark_for_sample_article) {
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/article.md", top && *top ? top : ".");
    compare_file(path);
}
END_TEST

START_TEST(html_equals_cmark_for_hugo_docs) {
    const char *corpus = getenv("FM_CORPUS_DIR");
    char dir[4096];
    struct stat st;
    snprintf(dir, sizeof dir, "%s/hugo-docs", corpus ? corpus : "");
    if (!corpus || !*corpus || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("check_body: skipped the hugo-docs comparison: no corpus at '%s'\n", dir);
        return;
    }
    size_t n = compare_tree(dir);
    ck_assert_uint_gt(n, 900);
    printf("check_body: %zu hugo-docs bodies render as cmark renders them\n", n);
}
END_TEST

/* ---------------------------------------------------------------- HTML */

START_TEST(raw_html_dropped_unless_unsafe) {
    fm_body b = body_of("<div>block</div>\n\nText with <b>bold</b> and "
                        "[a link](javascript:alert(1)).\n");
    assert_html(b, 0,
                "<!-- raw HTML omitted -->\n"
                "<p>Text with <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> and "
                "<a href=\"\">a link</a>.</p>\n");
    assert_html(b, FM_OPT_UNSAFE,
                "<div>block</div>\n"
                "<p>Text with <b>bold</b> and "
                "<a href=\"javascript:alert(1)\">a link</a>.</p>\n");
}
END_TEST

START_TEST(html_of_file_without_front_matter) {
    fm_doc *doc = fm_test_parse("# Title\n\nHello *world* -- \"quoted\"\nnext\n", 0);
    fm_body b = fm_doc_body_view(doc);
    ck_assert_uint_eq(b.line, 1);
    assert_html(
        b, 0,
        "<h1>Title</h1>\n<p>Hello <em>world</em> -- &quot;quoted&quot;\nnext</p>\n");
    assert_html(b, FM_OPT_SMART | FM_OPT_HARDBREAKS,
                "<h1>Title</h1>\n<p>Hello <em>world</em> – “quoted”<br />\nnext</p>\n");
    assert_html(
        b, FM_OPT_SOURCEPOS,
        "<h1 data-sourcepos=\"1:1-1:7\">Title</h1>\n"
        "<p data-sourcepos=\"3:1-4:4\">Hello <em>world</em> -- &quot;quoted&quot;\n"
        "next</p>\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(sourcepos_lines_count_in_whole_file_lf) {
    fm_doc *doc = fm_test_parse("\n---\ntitle: t\nlist:\n  - a\n---\n# Head\n\n"
                                "- one\n- two\n\n```\ncode\n```\n",
                                0);
    ck_assert_uint_eq(fm_doc_body_line(doc), 7);
    assert_html(fm_doc_body_view(doc), FM_OPT_SOURCEPOS,
                "<h1 data-sourcepos=\"7:1-7:6\">Head</h1>\n"
                "<ul data-sourcepos=\"9:1-11:0\">\n"
                "<li data-sourcepos=\"9:1-9:5\">one</li>\n"
                "<li data-sourcepos=\"10:1-11:0\">two</li>\n"
                "</ul>\n"
                "<pre data-sourcepos=\"12:1-14:3\"><code>code\n</code></pre>\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(sourcepos_lines_count_in_whole_file_crlf) {
    fm_doc *doc = fm_test_parse("---\r\ntitle: t\r\n---\r\n# Head\r\n\r\nPara one\r\n"
                                "two\r\n",
                                0);
    ck_assert_uint_eq(fm_doc_body_line(doc), 4);
    assert_html(fm_doc_body_view(doc), FM_OPT_SOURCEPOS,
                "<h1 data-sourcepos=\"4:1-4:6\">Head</h1>\n"
                "<p data-sourcepos=\"6:1-7:3\">Para one\ntwo</p>\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(body_views_and_bad_arguments) {
    fm_doc *doc = fm_test_parse("---\ntitle: t\n---\nbody\n", 0);
    fm_error err;
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_ptr_nonnull(a);
    fm_body d = fm_doc_body_view(doc), v = fm_article_body_view(a);
    ck_assert_str_eq(d.text, "body\n");
    ck_assert_uint_eq(d.len, 5);
    ck_assert_uint_eq(d.line, 4);
    ck_assert_ptr_eq(v.text, a->body);
    ck_assert_uint_eq(v.len, 5);
    ck_assert_uint_eq(v.line, 4);
    fm_article_free(a);
    fm_doc_free(doc);

    fm_body none = fm_doc_body_view(NULL);
    ck_assert_str_eq(none.text, "");
    ck_assert_uint_eq(none.len, 0);
    assert_html(none, 0, "");
    fm_body bad = {NULL, 3, 1};
    ck_assert_ptr_null(fm_body_html(bad, 0, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_ptr_null(fm_body_text(bad, 0, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_ptr_null(fm_headings_toc(NULL, 0, NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_int_eq(fm_body_stats_get(body_of("x"), 0, NULL, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    fm_summary_options zero;
    memset(&zero, 0, sizeof zero);
    ck_assert_ptr_null(fm_body_summary(body_of("x"), NULL, 0, &zero, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    fm_headings_free(NULL);
    fm_summary_free(NULL);
}
END_TEST

/* ---------------------------------------------------------------- plain text */

START_TEST(plain_text_drops_markup_and_raw_html) {
    assert_text(
        "# Title\n"
        "\n"
        "Some *emphasis*, **strong** and `code` with a [link](http://x.org \"t\").\n"
        "Second line<br>with <span>raw</span> HTML &amp;   spaces.\n"
        "\n"
        "- item one\n"
        "- item   two\n"
        "\n"
        "> quoted\n"
        "> text\n"
        "\n"
        "    indented code\n"
        "      more\n"
        "\n"
        "<div>\n"
        "block html\n"
        "</div>\n"
        "\n"
        "![alt text](img.png) after image\n"
        "\n"
        "***\n",
        "Title\n\n"
        "Some emphasis, strong and code with a link. Second line with raw HTML & "
        "spaces.\n\n"
        "item one\n\n"
        "item two\n\n"
        "quoted text\n\n"
        "indented code\n  more\n\n"
        "after image");
    assert_text("", "");
    assert_text("<!-- only a comment -->\n", "");
}
END_TEST

START_TEST(plain_text_survives_deep_nesting) {
    enum { DEPTH = 20000 };
    char *s = malloc(2 * DEPTH + 3);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < DEPTH; i++)
        memcpy(s + 2 * i, "> ", 2);
    memcpy(s + 2 * DEPTH, "x\n", 3);
    assert_text(s, "x");
    free(s);
}
END_TEST

/* ---------------------------------------------------------------- summary */

START_TEST(summary_before_more_divider) {
    fm_summary *s = summary_of("\nIntro **bold** text.\n\n<!--more-->\n\nRest of it.\n",
                               NULL, 0, NULL);
    assert_summary(s, FM_SUMMARY_MORE, 1, "Intro **bold** text.", "Intro bold text.");
    fm_summary_free(s);
    /* spaced form, blanks around it, CRLF lines; wins over the front matter */
    s = summary_of("First *para*.\r\n\r\nSecond.\r\n  <!-- more -->\t\r\nRest.\r\n",
                   "front summary", 0, "Second");
    assert_summary(s, FM_SUMMARY_MORE, 1, "First *para*.\r\n\r\nSecond.",
                   "First para.\n\nSecond.");
    fm_summary_free(s);
    /* inside a line it is no divider */
    s = summary_of("Some <!--more--> text.\n", NULL, 0, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 0, "Some text.", "Some text.");
    fm_summary_free(s);
}
END_TEST

START_TEST(summary_before_separator) {
    fm_summary *s = summary_of("First `para`.\n\nSecond <!-- excerpt --> rest.\n",
                               "front", 0, "<!-- excerpt -->");
    assert_summary(s, FM_SUMMARY_SEPARATOR, 1, "First `para`.\n\nSecond",
                   "First para.\n\nSecond");
    fm_summary_free(s);
    /* a separator that is not there: the next rule */
    s = summary_of("Just text.\n", NULL, 0, "\n\n\n");
    assert_summary(s, FM_SUMMARY_WORDS, 0, "Just text.", "Just text.");
    fm_summary_free(s);
}
END_TEST

START_TEST(summary_from_front_matter) {
    fm_summary *s = summary_of("Body text.\n", "A *front* summary.\n", 0, NULL);
    assert_summary(s, FM_SUMMARY_FRONT_MATTER, 0, "A *front* summary.",
                   "A front summary.");
    fm_summary_free(s);
    /* an empty or blank front summary does not count */
    s = summary_of("Body text.\n", " \n", 0, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 0, "Body text.", "Body text.");
    fm_summary_free(s);
    s = summary_of("", "", 0, NULL);
    assert_summary(s, FM_SUMMARY_EMPTY, 0, "", "");
    fm_summary_free(s);
    s = summary_of("<div>only html</div>\n", NULL, 0, NULL);
    assert_summary(s, FM_SUMMARY_EMPTY, 0, "", "");
    fm_summary_free(s);
}
END_TEST

START_TEST(summary_cut_at_sentence_end) {
    fm_summary *s =
        summary_of("One two three. Four *five* six seven! Eight nine\n", NULL, 8, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 1, "One two three. Four five six seven!",
                   "One two three. Four five six seven!");
    fm_summary_free(s);
    /* a closing quote after the stop belongs to the sentence */
    s = summary_of("He said \"stop.\" Then more words here.\n", NULL, 5, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 1, "He said \"stop.\"", "He said \"stop.\"");
    fm_summary_free(s);
    /* a stop inside a word (3.5, e.x) is no sentence end */
    s = summary_of("Version 3.5 is out now\n", NULL, 3, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 1, "Version 3.5 is", "Version 3.5 is");
    fm_summary_free(s);
    /* the words across paragraphs, the blank line kept */
    s = summary_of("One two.\n\nThree four five\n", NULL, 4, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 1, "One two.", "One two.");
    fm_summary_free(s);
}
END_TEST

START_TEST(summary_cut_without_sentence_end) {
    fm_summary *s =
        summary_of("one two three four five six seven eight nine ten\n", NULL, 8, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 1, "one two three four five six seven eight",
                   "one two three four five six seven eight");
    fm_summary_free(s);
    /* exactly the limit: nothing cut */
    s = summary_of("one two three.\n\nfour\n", NULL, 4, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 0, "one two three.\n\nfour",
                   "one two three.\n\nfour");
    fm_summary_free(s);
    /* the default limit is 70 words */
    char *many = words(71, "w");
    s = summary_of(many, NULL, 0, NULL);
    ck_assert_int_eq(s->rule, FM_SUMMARY_WORDS);
    ck_assert_int_eq(s->truncated, 1);
    ck_assert_uint_eq(s->text_len, 70 * 2 - 1);
    fm_summary_free(s);
    free(many);
}
END_TEST

START_TEST(summary_of_cjk_text) {
    /* 16 characters; cut after 10 words at the ideographic full stop */
    fm_summary *s = summary_of("日本語の文章です。これはテストです。\n", NULL, 10, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 1, "日本語の文章です。", "日本語の文章です。");
    fm_summary_free(s);
}
END_TEST

/* ---------------------------------------------------------------- stats */

START_TEST(cjk_characters_count_as_words) {
    /* Japanese: 8 + 8 characters, the full stops are not words */
    fm_body_stats st = stats_of("日本語の文章です。これはテストです。\n", 0);
    ck_assert_uint_eq(st.words, 16);
    ck_assert_uint_eq(st.cjk_characters, 16);
    ck_assert_int_eq(st.cjk, 1);
    ck_assert_uint_eq(st.reading_time, 1);
    /* Chinese with a Latin word: 1 + 14 */
    st = stats_of("我们用 Hugo 构建静态网站，速度非常快。\n", 0);
    ck_assert_uint_eq(st.words, 15);
    ck_assert_uint_eq(st.cjk_characters, 14);
    ck_assert_int_eq(st.cjk, 1);
    /* 500 CJK characters a minute */
    char *cjk = words(500, "字");
    ck_assert_uint_eq(stats_of(cjk, 0).reading_time, 1);
    free(cjk);
    cjk = words(501, "字");
    st = stats_of(cjk, 0);
    ck_assert_uint_eq(st.words, 501);
    ck_assert_uint_eq(st.reading_time, 2);
    free(cjk);
}
END_TEST

START_TEST(cjk_detection_rule) {
    /* CJK when CJK characters are at least half of the characters that are
     * not whitespace or CJK punctuation */
    fm_body_stats st = stats_of("ab 日本", 0);
    ck_assert_int_eq(st.cjk, 1);
    ck_assert_uint_eq(st.words, 3);
    st = stats_of("abc 日本", 0);
    ck_assert_int_eq(st.cjk, 0);
    ck_assert_uint_eq(st.words, 2);
    ck_assert_uint_eq(st.cjk_characters, 2);
    st = stats_of("Hello world 日本語", 0);
    ck_assert_int_eq(st.cjk, 0);
    ck_assert_uint_eq(st.words, 3);
    st = stats_of("Hello world 日本語", FM_OPT_CJK);
    ck_assert_int_eq(st.cjk, 1);
    ck_assert_uint_eq(st.words, 5);
    ck_assert_uint_eq(st.reading_time, 1);
    /* Korean syllables and Unicode spaces */
    st = stats_of("한국어\xE3\x80\x80텍스트\xC2\xA0ok", 0);
    ck_assert_int_eq(st.cjk, 1);
    ck_assert_uint_eq(st.words, 7);
}
END_TEST

START_TEST(reading_time_rounds_up) {
    static const struct {
        size_t words;
        unsigned minutes;
    } cases[] = {{0, 0}, {1, 1}, {213, 1}, {214, 2}, {426, 2}, {427, 3}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = words(cases[i].words, "word");
        fm_body_stats st = stats_of(s, 0);
        ck_assert_uint_eq(st.words, cases[i].words);
        ck_assert_uint_eq(st.reading_time, cases[i].minutes);
        ck_assert_int_eq(st.cjk, 0);
        free(s);
    }
    fm_body_stats st = stats_of("*Hello*, `code` world!\n\n<div>raw html</div>\n", 0);
    ck_assert_uint_eq(st.words, 3);
}
END_TEST

/* ---------------------------------------------------------------- headings */

START_TEST(duplicate_slugs_get_numbers) {
    fm_headings *h = headings_of(body_of("# Intro\n## Intro\n### Intro\n# Intro 1\n"
                                         "## What's new? (v2.0)\n## C++ & Rust\n## !!!\n"
                                         "## ???\n## Heading\n"));
    ck_assert_uint_eq(h->count, 9);
    assert_heading(h, 0, 1, "Intro", "intro", 1);
    assert_heading(h, 1, 2, "Intro", "intro-1", 2);
    assert_heading(h, 2, 3, "Intro", "intro-2", 3);
    assert_heading(h, 3, 1, "Intro 1", "intro-1-1", 4);
    assert_heading(h, 4, 2, "What's new? (v2.0)", "whats-new-v20", 5);
    assert_heading(h, 5, 2, "C++ & Rust", "c--rust", 6);
    assert_heading(h, 6, 2, "!!!", "heading", 7);
    assert_heading(h, 7, 2, "???", "heading-1", 8);
    assert_heading(h, 8, 2, "Heading", "heading-2", 9);
    fm_headings_free(h);
}
END_TEST

START_TEST(unicode_slugs) {
    fm_headings *h = headings_of(body_of("# Привет мир\n## 日本語\n## 日本語、テスト！\n"
                                         "## Ärger über Öl\n## Ελληνικά Κείμενα\n"
                                         "## 🚀 Launch\n## Łódź — Zürich\n"));
    ck_assert_uint_eq(h->count, 7);
    assert_heading(h, 0, 1, "Привет мир", "привет-мир", 1);
    assert_heading(h, 1, 2, "日本語", "日本語", 2);
    assert_heading(h, 2, 2, "日本語、テスト！", "日本語テスト", 3);
    assert_heading(h, 3, 2, "Ärger über Öl", "ärger-über-öl", 4);
    assert_heading(h, 4, 2, "Ελληνικά Κείμενα", "ελληνικά-κείμενα", 5);
    assert_heading(h, 5, 2, "🚀 Launch", "-launch", 6);
    assert_heading(h, 6, 2, "Łódź — Zürich", "łódź--zürich", 7);
    fm_headings_free(h);
}
END_TEST

START_TEST(heading_lines_count_in_whole_file) {
    static const char *const files[] = {
        "---\ntitle: t\n---\n\n# One `fm_free` *x*\n\ntext\n\nTwo\n---\n\n"
        "> ### Quoted\n",
        "---\r\ntitle: t\r\n---\r\n\r\n# One `fm_free` *x*\r\n\r\ntext\r\n\r\nTwo\r\n"
        "---\r\n\r\n> ### Quoted\r\n",
    };
    for (size_t i = 0; i < 2; i++) {
        fm_doc *doc = fm_test_parse(files[i], 0);
        fm_headings *h = headings_of(fm_doc_body_view(doc));
        ck_assert_uint_eq(h->count, 3);
        assert_heading(h, 0, 1, "One fm_free x", "one-fm_free-x", 5);
        assert_heading(h, 1, 2, "Two", "two", 9);
        assert_heading(h, 2, 3, "Quoted", "quoted", 12);
        fm_headings_free(h);
        fm_doc_free(doc);
    }
    /* cmark also ends lines at a lone CR; fmatter counts line feeds only */
    static const char cr_text[] = "a\r\r# H\n## I\r\n";
    fm_body cr = {cr_text, sizeof cr_text - 1, 5};
    fm_headings *h = headings_of(cr);
    ck_assert_uint_eq(h->count, 2);
    assert_heading(h, 0, 1, "H", "h", 5);
    assert_heading(h, 1, 2, "I", "i", 6);
    fm_headings_free(h);
    h = headings_of(body_of("no headings\n"));
    ck_assert_uint_eq(h->count, 0);
    fm_error err;
    char *toc = fm_headings_toc(h, 0, NULL, &err);
    ck_assert_str_eq(toc, "");
    fm_free(toc);
    fm_headings_free(h);
}
END_TEST

START_TEST(toc_html_and_markdown) {
    fm_headings *h =
        headings_of(body_of("# A\n### B\n## C `x`\n# D\n## E & \"F\"\n###### G_[1]\n"));
    fm_error err;
    size_t len;
    char *html = fm_headings_toc(h, 0, &len, &err);
    ck_assert_ptr_nonnull(html);
    ck_assert_str_eq(html, "<ul>\n"
                           "<li><a href=\"#a\">A</a>\n"
                           "<ul>\n"
                           "<li><a href=\"#b\">B</a></li>\n"
                           "<li><a href=\"#c-x\">C x</a></li>\n"
                           "</ul>\n"
                           "</li>\n"
                           "<li><a href=\"#d\">D</a>\n"
                           "<ul>\n"
                           "<li><a href=\"#e--f\">E &amp; &quot;F&quot;</a>\n"
                           "<ul>\n"
                           "<li><a href=\"#g_1\">G_[1]</a></li>\n"
                           "</ul>\n"
                           "</li>\n"
                           "</ul>\n"
                           "</li>\n"
                           "</ul>\n");
    ck_assert_uint_eq(len, strlen(html));
    fm_free(html);
    char *md = fm_headings_toc(h, 1, &len, &err);
    ck_assert_ptr_nonnull(md);
    ck_assert_str_eq(md, "- [A](#a)\n"
                         "  - [B](#b)\n"
                         "  - [C x](#c-x)\n"
                         "- [D](#d)\n"
                         "  - [E & \"F\"](#e--f)\n"
                         "    - [G\\_\\[1\\]](#g_1)\n");
    ck_assert_uint_eq(len, strlen(md));
    fm_free(md);
    fm_headings_free(h);
    /* a first heading deeper than a later one: both at the top */
    h = headings_of(body_of("## X\n# Y\n"));
    md = fm_headings_toc(h, 1, NULL, &err);
    ck_assert_str_eq(md, "- [X](#x)\n- [Y](#y)\n");
    fm_free(md);
    fm_headings_free(h);
}
END_TEST

/* ---------------------------------------------------------------- the tool */

static const char tool_input[] =
    "---\ntitle: T\nsummary: Front *summary*.\n---\n"
    "# Hello World\n\nSome text here. More <!-- c --> text.\n\n"
    "## Part `two`\n";

/* Runs `$FMATTER args` (FILE in args replaced by path); returns its standard
 * output and sets *status to its exit status. */
static char *run_tool(const char *tool, const char *path, const char *args, int *status) {
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' %s '%s' 2>/dev/null", tool, args, path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t cap = 65536, n = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

static void assert_tool(const char *tool, const char *path, const char *args,
                        const char *want) {
    int status;
    char *out = run_tool(tool, path, args, &status);
    ck_assert_msg(status == 0, "fmatter %s: exit status %d", args, status);
    ck_assert_str_eq(out, want);
    free(out);
}

START_TEST(tool_body_summary_toc_derived) {
    const char *tool = getenv("FMATTER");
    if (!tool || access(tool, X_OK) != 0) {
        printf("check_body: skipped the tool checks: FMATTER not set\n");
        return;
    }
    char path[] = "/tmp/check_body_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, tool_input, sizeof tool_input - 1),
                     (ssize_t)(sizeof tool_input - 1));
    close(fd);
    assert_tool(tool, path, "body --text",
                "Hello World\n\nSome text here. More text.\n\n"
                "Part two\n");
    assert_tool(
        tool, path, "body --sourcepos",
        "<h1 data-sourcepos=\"5:1-5:13\">Hello World</h1>\n"
        "<p data-sourcepos=\"7:1-7:37\">Some text here. More <!-- raw HTML omitted "
        "--> text.</p>\n<h2 data-sourcepos=\"9:1-9:13\">Part <code>two</code></h2>\n");
    assert_tool(tool, path, "summary --json",
                "{\"rule\":\"front-matter\",\"truncated\":false,"
                "\"markdown\":\"Front *summary*.\",\"text\":\"Front summary.\"}\n");
    assert_tool(tool, path, "summary --separator More",
                "Hello World\n\nSome text here.\n");
    assert_tool(tool, path, "toc",
                "- [Hello World](#hello-world)\n"
                "  - [Part two](#part-two)\n");
    assert_tool(tool, path, "toc --json",
                "[{\"level\":1,\"text\":\"Hello World\",\"anchor\":\"hello-world\","
                "\"line\":5},{\"level\":2,\"text\":\"Part two\",\"anchor\":\"part-two\","
                "\"line\":9}]\n");
    int status;
    char *out = run_tool(tool, path, "json --derived", &status);
    ck_assert_int_eq(status, 0);
    static const char tail[] =
        ",\"word_count\":9,\"reading_time\":1,\"summary\":\"Front "
        "summary.\",\"headings\":"
        "[{\"level\":1,\"text\":\"Hello World\",\"anchor\":\"hello-world\",\"line\":5},"
        "{\"level\":2,\"text\":\"Part two\",\"anchor\":\"part-two\",\"line\":9}]}\n";
    size_t n = strlen(out);
    ck_assert_uint_gt(n, sizeof tail - 1);
    ck_assert_str_eq(out + n - (sizeof tail - 1), tail);
    free(out);
    out = run_tool(tool, path, "toc --bogus", &status);
    ck_assert_int_eq(status, 2);
    free(out);
    unlink(path);
}
END_TEST

/* ---------------------------------------------------------------- UTF-8 */

/* One rule for bytes that are not UTF-8 in the body, in every output: each
 * such byte (and each NUL) becomes U+FFFD. \xFF: a byte that starts
 * nothing; \xC3 then 'o': a lead byte without its continuation; \xED\xA0\x80:
 * a surrogate, three bytes, three replacements. */
#define R "\xEF\xBF\xBD"
static const char bad_body[] = "# H\xFF"
                               "ead\n\nSome b\xC3"
                               "ody \xED\xA0\x80 x.\n";

START_TEST(invalid_utf8_in_html_and_text) {
    fm_body body = {bad_body, sizeof bad_body - 1, 1};
    assert_html(body, 0, "<h1>H" R "ead</h1>\n<p>Some b" R "ody " R R R " x.</p>\n");
    /* source columns count the replacements' bytes (cmark's columns are bytes) */
    assert_html(body, FM_OPT_SOURCEPOS,
                "<h1 data-sourcepos=\"1:1-1:9\">H" R "ead</h1>\n"
                "<p data-sourcepos=\"3:1-3:25\">Some b" R "ody " R R R " x.</p>\n");
    assert_text(bad_body, "H" R "ead\n\nSome b" R "ody " R R R " x.");
    /* a NUL, as CommonMark wants */
    static const char nul[] = "a\0b\n";
    fm_body nb = {nul, sizeof nul - 1, 1};
    assert_html(nb, 0, "<p>a" R "b</p>\n");
}
END_TEST

START_TEST(invalid_utf8_in_summaries) {
    fm_summary *s = summary_of(bad_body, NULL, 0, NULL);
    assert_summary(s, FM_SUMMARY_WORDS, 0, "H" R "ead\n\nSome b" R "ody " R R R " x.",
                   "H" R "ead\n\nSome b" R "ody " R R R " x.");
    fm_summary_free(s);
    /* the Markdown of a <!--more--> or separator summary is body text too */
    s = summary_of("Some *b\xC3"
                   "ody*\n<!--more-->\nrest\n",
                   NULL, 0, NULL);
    assert_summary(s, FM_SUMMARY_MORE, 1, "Some *b" R "ody*", "Some b" R "ody");
    fm_summary_free(s);
    s = summary_of("a\xFF"
                   "b CUT c\n",
                   NULL, 0, "CUT");
    assert_summary(s, FM_SUMMARY_SEPARATOR, 1, "a" R "b", "a" R "b");
    fm_summary_free(s);
    /* a replacement character is a letter: "b\xC3ody" stays one word */
    fm_body_stats st = stats_of("b\xC3"
                                "ody \xFF\n",
                                0);
    ck_assert_uint_eq(st.words, 2);
}
END_TEST

START_TEST(invalid_utf8_in_headings_toc_and_title) {
    fm_body body = {bad_body, sizeof bad_body - 1, 4};
    fm_headings *h = headings_of(body);
    ck_assert_uint_eq(h->count, 1);
    assert_heading(h, 0, 1, "H" R "ead", "head", 4); /* U+FFFD is no slug letter */
    fm_error err;
    char *toc = fm_headings_toc(h, 1, NULL, &err);
    ck_assert_str_eq(toc, "- [H" R "ead](#head)\n");
    fm_free(toc);
    toc = fm_headings_toc(h, 0, NULL, &err);
    ck_assert_str_eq(toc, "<ul>\n<li><a href=\"#head\">H" R "ead</a></li>\n</ul>\n");
    fm_free(toc);
    fm_headings_free(h);

    static const char file[] = "---\ndate: 2025-01-01\n---\n# T\xFFitle\n";
    fm_doc *doc = fm_doc_parse(file, sizeof file - 1, 0, &err);
    ck_assert_ptr_nonnull(doc);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->title_from_body, 1);
    ck_assert_str_eq(a->title.ptr, "T" R "itle");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST
#undef R

static Suite *body_suite(void) {
    Suite *s = suite_create("body");
    TCase *tc = tcase_create("html");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, summary_rules_have_names);
    tcase_add_test(tc, html_equals_cmark_for_sample_article);
    tcase_add_test(tc, html_equals_cmark_for_hugo_docs);
    tcase_add_test(tc, raw_html_dropped_unless_unsafe);
    tcase_add_test(tc, html_of_file_without_front_matter);
    tcase_add_test(tc, sourcepos_lines_count_in_whole_file_lf);
    tcase_add_test(tc, sourcepos_lines_count_in_whole_file_crlf);
    tcase_add_test(tc, body_views_and_bad_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, plain_text_drops_markup_and_raw_html);
    tcase_add_test(tc, plain_text_survives_deep_nesting);
    suite_add_tcase(s, tc);

    tc = tcase_create("summary");
    tcase_add_test(tc, summary_before_more_divider);
    tcase_add_test(tc, summary_before_separator);
    tcase_add_test(tc, summary_from_front_matter);
    tcase_add_test(tc, summary_cut_at_sentence_end);
    tcase_add_test(tc, summary_cut_without_sentence_end);
    tcase_add_test(tc, summary_of_cjk_text);
    suite_add_tcase(s, tc);

    tc = tcase_create("stats");
    tcase_add_test(tc, cjk_characters_count_as_words);
    tcase_add_test(tc, cjk_detection_rule);
    tcase_add_test(tc, reading_time_rounds_up);
    suite_add_tcase(s, tc);

    tc = tcase_create("headings");
    tcase_add_test(tc, duplicate_slugs_get_numbers);
    tcase_add_test(tc, unicode_slugs);
    tcase_add_test(tc, heading_lines_count_in_whole_file);
    tcase_add_test(tc, toc_html_and_markdown);
    suite_add_tcase(s, tc);

    tc = tcase_create("utf8");
    tcase_add_test(tc, invalid_utf8_in_html_and_text);
    tcase_add_test(tc, invalid_utf8_in_summaries);
    tcase_add_test(tc, invalid_utf8_in_headings_toc_and_title);
    suite_add_tcase(s, tc);

    tc = tcase_create("tool");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, tool_body_summary_toc_derived);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(body_suite());
}
