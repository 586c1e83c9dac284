/* SPDX-License-Identifier: MIT */
/* check_front_only.c - FM_OPT_FRONT_ONLY: files read only as far as their
 * body starts load the same tree, spans, errors and body position as the
 * whole text, hold no body, and can never be written out. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

static char dir[64];
static char file[128];

static void setup(void) {
    strcpy(dir, "/tmp/fm_check_front_only_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/post.md", dir);
}

static void teardown(void) {
    unlink(file);
    rmdir(dir);
}

static void write_bytes(const char *text, size_t len) {
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ck_assert_msg(fd >= 0, "cannot create %s: %s", file, strerror(errno));
    ck_assert_int_eq((int)write(fd, text, len), (int)len);
    close(fd);
}

/* A growable text for building files around the 4096-byte first read. */
typedef struct text {
    char *s;
    size_t len;
} text;

static void add(text *t, const char *s) {
    size_t n = strlen(s);
    t->s = realloc(t->s, t->len + n + 1);
    ck_assert_ptr_nonnull(t->s);
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
}

/* Lines "kNNNN: vvvv...\n" of 32 bytes each until t is at least `at` long. */
static void pad_keys(text *t, size_t at) {
    char line[40];
    for (int i = 0; t->len < at; i++) {
        snprintf(line, sizeof line, "k%04d: %s\n", i, "abcdefghijklmnopqrstuvwx");
        add(t, line);
    }
}

/* Body lines until t is at least `at` long. */
static void pad_body(text *t, size_t at) {
    while (t->len < at)
        add(t, "Some words of the body, a line of it.\n");
}

static fm_doc *load_front(unsigned options, fm_error *err) {
    memset(err, 0, sizeof *err);
    return fm_doc_load_file(file, options | FM_OPT_FRONT_ONLY, err);
}

static void spans_equal(const fm_value *a, const fm_value *b) {
    fm_span x = fm_value_span(a), y = fm_value_span(b);
    ck_assert_uint_eq(x.offset, y.offset);
    ck_assert_uint_eq(x.length, y.length);
    ck_assert_uint_eq(x.line, y.line);
    ck_assert_uint_eq(x.column, y.column);
    ck_assert_uint_eq(x.end_line, y.end_line);
    ck_assert_uint_eq(x.end_column, y.end_column);
    size_t n = fm_value_size(a);
    ck_assert_uint_eq(n, fm_value_size(b));
    for (size_t i = 0; i < n; i++) {
        if (fm_value_type(a) == FM_MAPPING)
            spans_equal(fm_value_key_at(a, i), fm_value_key_at(b, i));
        spans_equal(fm_value_at(a, i), fm_value_at(b, i));
    }
}

/* Writes t, loads it front-only, and checks it against the whole text
 * parsed from memory: format, tree, spans, body position; no body. */
static fm_doc *same_as_whole(const text *t, unsigned options) {
    write_bytes(t->s, t->len);
    fm_error err;
    fm_doc *whole = fm_doc_parse(t->s, t->len, options, &err);
    ck_assert_msg(whole != NULL, "whole: %s", err.message);
    fm_doc *doc = load_front(options, &err);
    ck_assert_msg(doc != NULL, "front only: %s", err.message);
    ck_assert_int_eq(fm_doc_format(doc), fm_doc_format(whole));
    ck_assert(fm_value_equal(fm_doc_root(doc), fm_doc_root(whole)));
    spans_equal(fm_doc_root(doc), fm_doc_root(whole));
    ck_assert_uint_eq(fm_doc_body_offset(doc), fm_doc_body_offset(whole));
    ck_assert_uint_eq(fm_doc_body_line(doc), fm_doc_body_line(whole));
    ck_assert_int_eq(fm_doc_has_body(doc), 0);
    ck_assert_int_eq(fm_doc_has_body(whole), 1);
    size_t len = 99;
    ck_assert_ptr_null(fm_doc_body(doc, &len));
    ck_assert_uint_eq(len, 0);
    len = 99;
    ck_assert_ptr_null(fm_doc_text(doc, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_null(fm_doc_parts(doc));
    ck_assert_ptr_null(fm_doc_body_view(doc).text);
    ck_assert_str_eq(fm_doc_path(doc), file);
    fm_doc_free(whole);
    return doc;
}

/* Writes t and expects the front-only load to fail exactly as the whole
 * text's parse does, at line:column with message. */
static void fails_as_whole(const text *t, unsigned options, fm_code code, unsigned line,
                           unsigned column, const char *message) {
    write_bytes(t->s, t->len);
    fm_error whole, front;
    memset(&whole, 0, sizeof whole);
    ck_assert_ptr_null(fm_doc_parse(t->s, t->len, options, &whole));
    ck_assert_ptr_null(load_front(options, &front));
    ck_assert_int_eq(front.code, code);
    ck_assert_uint_eq(front.line, line);
    ck_assert_uint_eq(front.column, column);
    ck_assert_str_eq(front.message, message);
    ck_assert_int_eq(whole.code, code);
    ck_assert_uint_eq(whole.line, line);
    ck_assert_uint_eq(whole.column, column);
    ck_assert_uint_eq(front.offset, whole.offset);
    ck_assert_str_eq(whole.message, message);
}

static void title_is(const fm_doc *doc, const char *want) {
    size_t len;
    const char *s = fm_value_string(fm_doc_get(doc, "title"), &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(len, strlen(want));
    ck_assert(memcmp(s, want, len) == 0);
}

/* same_as_whole, then the title (unless want_title is NULL) and where the
 * body starts; frees the document and t's text. */
static void loads_as_whole(text *t, unsigned options, const char *want_title,
                           size_t body_offset, unsigned body_line) {
    fm_doc *doc = same_as_whole(t, options);
    if (want_title)
        title_is(doc, want_title);
    ck_assert_uint_eq(fm_doc_body_offset(doc), body_offset);
    ck_assert_uint_eq(fm_doc_body_line(doc), body_line);
    fm_doc_free(doc);
    free(t->s);
}

/* ===================================================================== */
/* Loading                                                               */
/* ===================================================================== */

START_TEST(a_small_file) {
    text t = {0};
    add(&t, "---\ntitle: Hi\n---\nThe body.\n");
    fm_doc *doc = same_as_whole(&t, 0);
    title_is(doc, "Hi");
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_YAML);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 18);
    ck_assert_uint_eq(fm_doc_body_line(doc), 4);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

START_TEST(a_large_body_after_a_short_front) {
    text t = {0};
    add(&t, "---\ntitle: Hi\ntags: [a, b]\n---\n");
    pad_body(&t, 20000);
    loads_as_whole(&t, 0, "Hi", 31, 5);
}
END_TEST

START_TEST(a_front_closing_beyond_the_first_read) {
    text t = {0};
    add(&t, "---\ntitle: Long\n");
    pad_keys(&t, 6000); /* 16 + 187 lines of 32 bytes */
    add(&t, "last: value\n---\n");
    pad_body(&t, 20000);
    fm_doc *doc = same_as_whole(&t, 0);
    title_is(doc, "Long");
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 189);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 16 + 187 * 32 + 16);
    ck_assert_uint_eq(fm_doc_body_line(doc), 192);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

START_TEST(an_error_beyond_the_first_read) {
    text t = {0};
    add(&t, "---\ntitle: One\n");
    pad_keys(&t, 6000);
    add(&t, "title: Two\n---\n");
    pad_body(&t, 20000);
    /* title again on line 2 + 188 + 1, after 15 + 188 * 32 bytes */
    fails_as_whole(&t, 0, FM_ERR_DUPLICATE_KEY, 191, 1,
                   "duplicate key \"title\" (first at line 2, column 1)");
    fm_error err;
    fm_doc_free(load_front(0, &err));
    ck_assert_uint_eq(err.offset, 15 + 188 * 32);
    free(t.s);
}
END_TEST

START_TEST(an_error_in_the_first_read) {
    text t = {0};
    add(&t, "---\ntitle: One\ntitle: Two\n---\n");
    pad_body(&t, 20000);
    fails_as_whole(&t, 0, FM_ERR_DUPLICATE_KEY, 3, 1,
                   "duplicate key \"title\" (first at line 2, column 1)");
    free(t.s);
}
END_TEST

START_TEST(an_unclosed_fence) {
    text t = {0};
    add(&t, "---\ntitle: Open\n");
    pad_body(&t, 20000);
    fails_as_whole(&t, 0, FM_ERR_UNTERMINATED, 1, 1,
                   "front matter opened here is never closed (no closing ---)");
    /* Lenient: no front matter, the whole file is body */
    fm_doc *doc = same_as_whole(&t, FM_OPT_LENIENT);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 0);
    ck_assert_uint_eq(fm_doc_body_line(doc), 1);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

START_TEST(an_unclosed_toml_fence_in_a_small_file) {
    text t = {0};
    add(&t, "+++\ntitle = 'x'\n");
    fails_as_whole(&t, 0, FM_ERR_UNTERMINATED, 1, 1,
                   "front matter opened here is never closed (no closing +++)");
    free(t.s);
}
END_TEST

START_TEST(an_empty_file) {
    text t = {0};
    add(&t, "");
    fm_doc *doc = same_as_whole(&t, 0);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 0);
    ck_assert_uint_eq(fm_doc_body_line(doc), 1);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

START_TEST(no_front_matter) {
    text t = {0};
    add(&t, "# A heading\n\n");
    pad_body(&t, 9000);
    fm_doc *doc = same_as_whole(&t, 0);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 0);
    ck_assert_uint_eq(fm_doc_body_line(doc), 1);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

START_TEST(blank_lines_filling_the_first_read) {
    text t = {0};
    for (int i = 0; i < 3000; i++)
        add(&t, " \n");
    add(&t, "---\ntitle: Late\n---\n");
    pad_body(&t, 9000);
    loads_as_whole(&t, 0, "Late", 6000 + 20, 3004);
}
END_TEST

START_TEST(crlf) {
    text t = {0};
    add(&t, "---\r\ntitle: Hi\r\n---\r\n");
    pad_body(&t, 9000);
    loads_as_whole(&t, 0, "Hi", 21, 4);
}
END_TEST

/* The closing fence's CR is the first read's last byte, its LF the next:
 * the first read cannot tell where the body starts. */
START_TEST(crlf_split_by_the_first_read) {
    text t = {0};
    add(&t, "---\r\ntitle: Hi\r\nfill: ");
    while (t.len < 4096 - 6)
        add(&t, "x");
    add(&t, "\r\n---\r\n"); /* the CR of "---\r\n" at offset 4095 */
    ck_assert_uint_eq(t.len, 4097);
    ck_assert_int_eq(t.s[4095], '\r');
    pad_body(&t, 9000);
    loads_as_whole(&t, 0, NULL, 4097, 5);
}
END_TEST

/* The closing fence's newline is the first read's last byte. */
START_TEST(a_fence_ending_the_first_read) {
    text t = {0};
    add(&t, "---\ntitle: Hi\nfill: ");
    while (t.len < 4096 - 5)
        add(&t, "x");
    add(&t, "\n---\n");
    ck_assert_uint_eq(t.len, 4096);
    pad_body(&t, 9000);
    loads_as_whole(&t, 0, NULL, 4096, 5);
}
END_TEST

START_TEST(a_bom) {
    text t = {0};
    add(&t, "\xEF\xBB\xBF---\ntitle: Hi\n---\n");
    pad_body(&t, 9000);
    loads_as_whole(&t, 0, "Hi", 21, 4);
}
END_TEST

START_TEST(toml_and_json) {
    text t = {0};
    add(&t, "+++\ntitle = \"Hi\"\n+++\n");
    pad_body(&t, 9000);
    fm_doc *doc = same_as_whole(&t, 0);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_TOML);
    title_is(doc, "Hi");
    ck_assert_uint_eq(fm_doc_body_offset(doc), 21);
    fm_doc_free(doc);
    free(t.s);
    t = (text){0};
    add(&t, "{\"title\": \"Hi\"}\n");
    pad_body(&t, 9000);
    doc = same_as_whole(&t, 0);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_JSON);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 16);
    ck_assert_uint_eq(fm_doc_body_line(doc), 2);
    fm_doc_free(doc);
    free(t.s);
    /* the body starts on the line of the closing brace */
    t = (text){0};
    add(&t, "{\"title\": \"Hi\"} text\n");
    pad_body(&t, 9000);
    doc = same_as_whole(&t, 0);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 15);
    ck_assert_uint_eq(fm_doc_body_line(doc), 1);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

START_TEST(the_limit_bounds_what_is_read) {
    text t = {0};
    add(&t, "---\ntitle: Hi\n---\n");
    pad_body(&t, 9000);
    write_bytes(t.s, t.len);
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_input_size = 5000;
    fm_error err;
    cfg.options = FM_OPT_FRONT_ONLY;
    fm_doc *doc = fm_doc_load_file_config(file, &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    title_is(doc, "Hi");
    fm_doc_free(doc);
    /* read whole: the file is over the limit */
    cfg.options = 0;
    ck_assert_ptr_null(fm_doc_load_file_config(file, &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_LARGE);
    /* a limit below the first read: the file's size is checked first */
    cfg.options = FM_OPT_FRONT_ONLY;
    cfg.max_input_size = 4000;
    ck_assert_ptr_null(fm_doc_load_file_config(file, &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_LARGE);
    char want[256];
    snprintf(want, sizeof want, "%s: input over the limit of 4000 bytes (max_input_size)",
             file);
    ck_assert_str_eq(err.message, want);
    free(t.s);
}
END_TEST

START_TEST(folders_and_missing_files) {
    fm_error err;
    ck_assert_ptr_null(fm_doc_load_file(dir, FM_OPT_FRONT_ONLY, &err));
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_int_eq(err.sys_errno, EISDIR);
    char want[256];
    snprintf(want, sizeof want, "cannot read %s: is a directory", dir);
    ck_assert_str_eq(err.message, want);
    ck_assert_ptr_null(fm_doc_load_file(file, FM_OPT_FRONT_ONLY, &err));
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_int_eq(err.sys_errno, ENOENT);
}
END_TEST

START_TEST(utf8_body_cannot_be_checked) {
    text t = {0};
    add(&t, "---\ntitle: Hi\n---\nBody\n");
    write_bytes(t.s, t.len);
    fm_error err;
    ck_assert_ptr_null(load_front(FM_OPT_UTF8_BODY, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message,
                     "FM_OPT_FRONT_ONLY reads no body for FM_OPT_UTF8_BODY to check");
    free(t.s);
}
END_TEST

START_TEST(text_from_memory_is_whole) {
    const char *s = "---\ntitle: Hi\n---\nBody\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(s, strlen(s), FM_OPT_FRONT_ONLY, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_has_body(doc), 1);
    size_t len;
    ck_assert_str_eq(fm_doc_body(doc, &len), "Body\n");
    fm_doc_free(doc);
    ck_assert_int_eq(fm_doc_has_body(NULL), 0);
}
END_TEST

START_TEST(load_many_reads_files_front_only) {
    text t = {0};
    add(&t, "---\ntitle: Hi\n---\n");
    pad_body(&t, 9000);
    write_bytes(t.s, t.len);
    fm_load_item items[2] = {{file, NULL, 0}, {NULL, t.s, t.len}};
    fm_load_result results[2];
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = FM_OPT_FRONT_ONLY;
    fm_load_options lo;
    fm_load_options_init(&lo);
    lo.config = &cfg;
    lo.threads = 1;
    fm_error err;
    ck_assert_int_eq(fm_load_many(items, 2, &lo, results, &err), 0);
    ck_assert_int_eq(fm_doc_has_body(results[0].doc), 0);
    ck_assert_int_eq(fm_doc_has_body(results[1].doc), 1);
    ck_assert_uint_eq(fm_doc_body_offset(results[0].doc), 18);
    title_is(results[0].doc, "Hi");
    fm_doc_free(results[0].doc);
    fm_doc_free(results[1].doc);
    free(t.s);
}
END_TEST

/* A pipe whose writer has sent a whole front matter and some body but has
 * not closed it: the load returns without waiting for its end (were it to
 * wait, the writer, waiting for the load, would never close it, and the
 * test would time out). A short file's first read is used the same way. */
START_TEST(a_pipe_is_not_read_to_its_end) {
    const char *s = "---\ntitle: Hi\n---\nBody\n";
    ck_assert_int_eq(mkfifo(file, 0600), 0);
    int done[2];
    ck_assert_int_eq(pipe(done), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(done[1]);
        int fd = open(file, O_WRONLY);
        char c;
        int ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s) &&
                 read(done[0], &c, 1) == 0; /* the load has returned */
        _exit(ok ? 0 : 1);
    }
    close(done[0]);
    fm_error err;
    fm_doc *doc = load_front(0, &err);
    close(done[1]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_msg(doc != NULL, "%s", err.message);
    title_is(doc, "Hi");
    ck_assert_uint_eq(fm_doc_body_offset(doc), 18);
    ck_assert_uint_eq(fm_doc_body_line(doc), 4);
    ck_assert_int_eq(fm_doc_has_body(doc), 0);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Nothing writes it out                                                 */
/* ===================================================================== */

static void refused(const fm_error *err, const char *fn) {
    char want[200];
    snprintf(want, sizeof want,
             "%s: the document was loaded without its body (FM_OPT_FRONT_ONLY)", fn);
    ck_assert_int_eq(err->code, FM_ERR_ARG);
    ck_assert_str_eq(err->message, want);
}

static void nothing_writes(fm_doc *doc) {
    fm_error err;
    size_t len = 7, needed = 7;
    ck_assert_ptr_null(fm_doc_emit(doc, &len, &err));
    refused(&err, "fm_doc_emit");
    char buf[64];
    ck_assert_int_eq(fm_doc_emit_buffer(doc, buf, sizeof buf, &needed, &err), -1);
    refused(&err, "fm_doc_emit_buffer");
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fm_doc_emit_file(doc, fp, &err), -1);
    refused(&err, "fm_doc_emit_file");
    ck_assert_int_eq(fm_doc_emit_fd(doc, fileno(fp), &err), -1);
    refused(&err, "fm_doc_emit_fd");
    ck_assert_int_eq((int)ftell(fp), 0);
    fclose(fp);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), -1);
    refused(&err, "fm_doc_save");
    ck_assert_int_eq(fm_doc_save_opts(doc, file, FM_SAVE_FORCE, &err), -1);
    refused(&err, "fm_doc_save");
}

START_TEST(a_front_only_document_is_never_written) {
    text t = {0};
    add(&t, "---\ntitle: Hi\n---\n# Heading\n");
    pad_body(&t, 9000);
    write_bytes(t.s, t.len);
    fm_error err;
    fm_doc *doc = load_front(0, &err);
    ck_assert_ptr_nonnull(doc);
    nothing_writes(doc);
    /* edits work on the front matter in memory; still nothing writes */
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "New", 3, &err), 0);
    title_is(doc, "New");
    ck_assert_int_eq(fm_doc_has_body(doc), 0);
    ck_assert_ptr_null(fm_doc_text(doc, NULL));
    nothing_writes(doc);
    fm_doc_free(doc);
    /* the file is as it was */
    char *back = malloc(t.len + 1);
    int fd = open(file, O_RDONLY);
    ck_assert_int_eq((int)read(fd, back, t.len + 1), (int)t.len);
    close(fd);
    ck_assert(memcmp(back, t.s, t.len) == 0);
    free(back);
    free(t.s);
}
END_TEST

START_TEST(an_article_has_no_body) {
    text t = {0};
    add(&t, "---\ndate: 2024-01-02\n---\n# From the body\n");
    pad_body(&t, 9000);
    write_bytes(t.s, t.len);
    fm_error err;
    fm_doc *doc = load_front(0, &err);
    ck_assert_ptr_nonnull(doc);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(a->body);
    ck_assert_uint_eq(a->body_len, 0);
    ck_assert_uint_eq(a->body_offset, 25);
    ck_assert_uint_eq(a->body_line, 4);
    ck_assert_ptr_null(a->title.ptr); /* the heading is in the body */
    ck_assert_int_eq(a->title_from_body, 0);
    fm_article_free(a);
    fm_doc_free(doc);
    /* read whole, the title is the heading */
    doc = fm_doc_load_file(file, 0, &err);
    a = fm_article_from_doc(doc, 0, &err);
    ck_assert_uint_eq(a->title.len, 13);
    ck_assert(memcmp(a->title.ptr, "From the body", 13) == 0);
    fm_article_free(a);
    fm_doc_free(doc);
    free(t.s);
}
END_TEST

static Suite *front_only_suite(void) {
    Suite *s = suite_create("front_only");
    TCase *tc = tcase_create("load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, a_small_file);
    tcase_add_test(tc, a_large_body_after_a_short_front);
    tcase_add_test(tc, a_front_closing_beyond_the_first_read);
    tcase_add_test(tc, an_error_beyond_the_first_read);
    tcase_add_test(tc, an_error_in_the_first_read);
    tcase_add_test(tc, an_unclosed_fence);
    tcase_add_test(tc, an_unclosed_toml_fence_in_a_small_file);
    tcase_add_test(tc, an_empty_file);
    tcase_add_test(tc, no_front_matter);
    tcase_add_test(tc, blank_lines_filling_the_first_read);
    tcase_add_test(tc, crlf);
    tcase_add_test(tc, crlf_split_by_the_first_read);
    tcase_add_test(tc, a_fence_ending_the_first_read);
    tcase_add_test(tc, a_bom);
    tcase_add_test(tc, toml_and_json);
    tcase_add_test(tc, the_limit_bounds_what_is_read);
    tcase_add_test(tc, folders_and_missing_files);
    tcase_add_test(tc, utf8_body_cannot_be_checked);
    tcase_add_test(tc, text_from_memory_is_whole);
    tcase_add_test(tc, load_many_reads_files_front_only);
    tcase_add_test(tc, a_pipe_is_not_read_to_its_end);
    suite_add_tcase(s, tc);
    tc = tcase_create("write");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, a_front_only_document_is_never_written);
    tcase_add_test(tc, an_article_has_no_body);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(front_only_suite());
}
