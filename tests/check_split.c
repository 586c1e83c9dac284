/* SPDX-License-Identifier: MIT */
/* check_split.c - fm_split: BOM, leading blank lines, YAML/TOML/JSON fences,
 * LF and CRLF, piece offsets and lines, unterminated and encoding errors. */
#include "testutil.h"

#include <stdio.h>

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

/* The expected split of one input. Lengths are exact; the pieces must follow
 * each other with no gap (bom, lead, open_fence, front, close_fence, body), so
 * each piece's offset is the sum of the lengths before it. front and body
 * also give the exact bytes (NULL: do not compare, for embedded NULs). */
typedef struct want_parts {
    fm_format format;
    size_t bom_len;
    size_t lead_len;
    size_t open_fence_len;
    size_t front_len;
    size_t close_fence_len;
    size_t body_len;
    const char *front;
    const char *body;
    unsigned front_line;
    unsigned body_line;
    int crlf;
} want_parts;

/* The current exact copy of a test input; freed by the next copy and by the
 * fixture's teardown, so a failed assertion (a longjmp under CK_FORK=no)
 * leaks nothing. */
static char *input_copy;

static void release_copy(void) {
    free(input_copy);
    input_copy = NULL;
}

/* A copy of text[0..len) on the heap with nothing after it, so that a read
 * past `len` shows under valgrind and AddressSanitizer. */
static char *exact_copy(const char *text, size_t len) {
    release_copy();
    input_copy = malloc(len ? len : 1);
    ck_assert_ptr_nonnull(input_copy);
    if (len)
        memcpy(input_copy, text, len);
    return input_copy;
}

static void assert_piece(const char *name, const char *in, const char *ptr, size_t offset,
                         size_t got_len, size_t want_len) {
    ck_assert_msg(ptr == in + offset, "%s at offset %td, expected %zu", name, ptr - in,
                  offset);
    ck_assert_msg(got_len == want_len, "%s_len %zu, expected %zu", name, got_len,
                  want_len);
}

static void assert_bytes(const char *name, const char *ptr, size_t len,
                         const char *want) {
    if (!want)
        return;
    ck_assert_msg(len == strlen(want) && memcmp(ptr, want, len) == 0,
                  "%s is \"%.*s\", expected \"%s\"", name, (int)len, ptr, want);
}

/* Every field of *p against *w, with in the start of the input of len bytes. */
static void assert_parts(const char *in, size_t len, const fm_parts *p,
                         const want_parts *w) {
    size_t at = w->bom_len;
    ck_assert_int_eq(p->format, w->format);
    ck_assert_uint_eq(p->bom_len, w->bom_len);
    assert_piece("lead", in, p->lead, at, p->lead_len, w->lead_len);
    at += w->lead_len;
    assert_piece("open_fence", in, p->open_fence, at, p->open_fence_len,
                 w->open_fence_len);
    at += w->open_fence_len;
    assert_piece("front", in, p->front, at, p->front_len, w->front_len);
    at += w->front_len;
    assert_piece("close_fence", in, p->close_fence, at, p->close_fence_len,
                 w->close_fence_len);
    at += w->close_fence_len;
    assert_piece("body", in, p->body, at, p->body_len, w->body_len);
    at += w->body_len;
    ck_assert_msg(at == len, "pieces cover %zu bytes of %zu", at, len);
    assert_bytes("front", p->front, p->front_len, w->front);
    assert_bytes("body", p->body, p->body_len, w->body);
    ck_assert_uint_eq(p->front_line, w->front_line);
    ck_assert_uint_eq(p->body_line, w->body_line);
    ck_assert_int_eq(p->crlf, w->crlf);
}

/* Splits an exact heap copy of text[0..len) and checks the result. */
static void check_split_len(const char *text, size_t len, unsigned options,
                            const want_parts *w) {
    char *copy = exact_copy(text, len);
    fm_parts p;
    fm_error err;
    memset(&err, 0, sizeof err);
    int rc = fm_split(copy, len, options, &p, &err);
    ck_assert_msg(rc == 0, "split failed: %s at %u:%u: %s", fm_code_name(err.code),
                  err.line, err.column, err.message);
    assert_parts(copy, len, &p, w);
    /* No error reported, and err not touched on success. */
    ck_assert_int_eq(err.code, FM_OK);
    release_copy();
}

static void check_split(const char *text, unsigned options, const want_parts *w) {
    check_split_len(text, strlen(text), options, w);
}

/* Expects fm_split to fail with code at line:column and byte offset, and the
 * message to contain needle; then again with err NULL. */
static void check_split_fails_len(const char *text, size_t len, unsigned options,
                                  fm_code code, unsigned line, unsigned column,
                                  size_t offset, const char *needle) {
    char *copy = exact_copy(text, len);
    fm_parts p;
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_split(copy, len, options, &p, &err), -1);
    ck_assert_msg(err.code == code, "code %s, expected %s (%s)", fm_code_name(err.code),
                  fm_code_name(code), err.message);
    ck_assert_uint_eq(err.line, line);
    ck_assert_uint_eq(err.column, column);
    ck_assert_uint_eq(err.offset, offset);
    ck_assert_msg(strstr(err.message, needle) != NULL, "message \"%s\" lacks \"%s\"",
                  err.message, needle);
    ck_assert_int_eq(fm_split(copy, len, options, &p, NULL), -1);
    release_copy();
}

static void check_split_fails(const char *text, unsigned options, fm_code code,
                              unsigned line, unsigned column, size_t offset,
                              const char *needle) {
    check_split_fails_len(text, strlen(text), options, code, line, column, offset,
                          needle);
}

/* The whole input after bom_len bytes is the body. */
static void check_no_front_matter(const char *text, size_t len, unsigned options,
                                  size_t bom_len) {
    size_t body_len = len - bom_len;
    want_parts w = {FM_FORMAT_NONE, bom_len, 0, 0, 0, 0, body_len, "", NULL, 0, 1, 0};
    check_split_len(text, len, options, &w);
}

/* ===================================================================== */
/* YAML                                                                  */
/* ===================================================================== */

START_TEST(yaml_basic) {
    const char *in = "---\ntitle: x\n---\nbody\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 9, 4, 5, "title: x\n", "body\n", 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

/* The pointers are into the caller's buffer itself, not a copy. */
START_TEST(yaml_pointers_into_input) {
    static const char in[] = "---\ntitle: x\n---\nbody\n";
    fm_parts p;
    ck_assert_int_eq(fm_split(in, sizeof in - 1, 0, &p, NULL), 0);
    ck_assert_int_eq(p.format, FM_FORMAT_YAML);
    ck_assert_ptr_eq(p.lead, in);
    ck_assert_ptr_eq(p.open_fence, in);
    ck_assert_int_eq((int)(p.front - in), 4);
    ck_assert_int_eq((int)(p.close_fence - in), 13);
    ck_assert_int_eq((int)(p.body - in), 17);
    ck_assert_uint_eq(p.body_len, 5);
    ck_assert_str_eq(p.body, "body\n");
}
END_TEST

START_TEST(yaml_bom_and_blank_lines) {
    const char *in = "\xEF\xBB\xBF\n  \t\n---\na: 1\n---\nhi\n";
    want_parts w = {FM_FORMAT_YAML, 3, 5, 4, 5, 4, 3, "a: 1\n", "hi\n", 4, 6, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_bom_only) {
    const char *in = "\xEF\xBB\xBF---\na: 1\n---\n";
    want_parts w = {FM_FORMAT_YAML, 3, 0, 4, 5, 4, 0, "a: 1\n", "", 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_crlf) {
    const char *in = "---\r\ntitle: x\r\n---\r\nbody\r\n";
    const char *front = "title: x\r\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 5, 10, 5, 6, front, "body\r\n", 2, 4, 1};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_crlf_bom_blank_lines) {
    const char *in = "\xEF\xBB\xBF\r\n \r\n---\r\na: 1\r\nb: 2\r\n...\r\nbody";
    const char *front = "a: 1\r\nb: 2\r\n";
    want_parts w = {FM_FORMAT_YAML, 3, 5, 5, 12, 5, 4, front, "body", 4, 7, 1};
    check_split(in, 0, &w);
}
END_TEST

/* crlf follows the opening fence line only. */
START_TEST(yaml_crlf_only_on_closing) {
    const char *in = "---\na: 1\r\n---\r\nbody\r\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 6, 5, 6, "a: 1\r\n", "body\r\n", 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_fences_with_trailing_blanks) {
    const char *in = "---  \t\na: 1\n--- \t \nbody";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 7, 5, 7, 4, "a: 1\n", "body", 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_closes_with_dots) {
    const char *in = "---\na: 1\n...\nbody\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 5, 4, 5, "a: 1\n", "body\n", 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_closes_with_dots_and_blanks) {
    const char *in = "---\na: 1\n...  \nbody\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 5, 6, 5, "a: 1\n", "body\n", 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

/* The first closing line wins; a later `---` in the body does not matter. */
START_TEST(yaml_fence_in_body) {
    const char *in = "---\na: 1\n---\nbody\n---\nmore\n";
    const char *body = "body\n---\nmore\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 5, 4, 14, "a: 1\n", body, 2, 4, 0};
    check_split(in, 0, &w);
}
END_TEST

/* `---` with text after it, or four dashes, inside the block do not close. */
START_TEST(yaml_near_fences_inside) {
    const char *in = "---\na: 1\n---x\n----\n--- b\n---\nbody";
    const char *front = "a: 1\n---x\n----\n--- b\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 21, 4, 4, front, "body", 2, 7, 0};
    check_split(in, 0, &w);
}
END_TEST

/* The closing fence is looked for sixteen bytes at a time: every length of
 * front and every place of a line that starts like a fence (and is none)
 * relative to those sixteen bytes, with the exact pieces and lines. */
static const char *const near_fence_lines[] = {
    "- item\n", "-\n", "--\n", "---x\n", "----\n", "--- b\n", "...x\n", ".5\n",
    "+++\n",    "x\n", "\n",   "a: 1\n",
};

START_TEST(yaml_close_after_every_length) {
    const char *near = near_fence_lines[_i % 12];
    for (size_t pad = 0; pad < 40; pad++) {
        for (unsigned before = 0; before < 4; before++) {
            char in[512], front[256];
            size_t n = 0;
            unsigned lines = 0;
            for (unsigned k = 0; k < before; k++, lines++)
                n += (size_t)snprintf(front + n, sizeof front - n, "k%u: v\n", k);
            n += (size_t)snprintf(front + n, sizeof front - n, "p: %.*s\n", (int)pad,
                                  "0123456789012345678901234567890123456789");
            n += (size_t)snprintf(front + n, sizeof front - n, "%s", near);
            lines += 2; /* the p line and the near one */
            for (size_t k = 0; k < (size_t)_i / 12; k++, lines++)
                n += (size_t)snprintf(front + n, sizeof front - n, "-%zu\n", k);
            snprintf(in, sizeof in, "---\n%s%s\nbody", front, _i % 2 ? "..." : "---");
            want_parts w = {FM_FORMAT_YAML, 0, 0, 4, n, 4, 4, front, "body", 2,
                            2 + lines + 1, 0};
            check_split(in, 0, &w);
        }
    }
}
END_TEST

/* The same front matter never closed: the error at the opening fence, or
 * with FM_OPT_LENIENT no front matter at all. */
START_TEST(yaml_unclosed_after_every_length) {
    const char *near = near_fence_lines[_i];
    for (size_t pad = 0; pad < 40; pad++) {
        char in[256];
        snprintf(in, sizeof in, "\n---\np: %.*s\n%s-\n.", (int)pad,
                 "0123456789012345678901234567890123456789", near);
        check_split_fails(in, 0, FM_ERR_UNTERMINATED, 2, 1, 1, "never closed");
        want_parts w = {FM_FORMAT_NONE, 0, 0, 0, 0, 0, strlen(in), "", in, 0, 1, 0};
        check_split(in, FM_OPT_LENIENT, &w);
    }
}
END_TEST

/* TOML: only +++ closes, and lines starting with '+' are looked at too. */
START_TEST(toml_close_after_every_length) {
    for (size_t pad = 0; pad < 40; pad++) {
        char in[512], front[256];
        size_t n = (size_t)snprintf(front, sizeof front, "p = '%.*s'\n+x\n---\n...\n",
                                    (int)pad, "0123456789012345678901234567890123456789");
        snprintf(in, sizeof in, "+++\n%s+++\nbody", front);
        want_parts w = {FM_FORMAT_TOML, 0, 0, 4, n, 4, 4, front, "body", 2, 7, 0};
        check_split(in, 0, &w);
    }
}
END_TEST

START_TEST(yaml_close_at_eof_no_newline) {
    const char *in = "---\na: 1\n---";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 5, 3, 0, "a: 1\n", "", 2, 3, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_close_at_eof_with_blanks) {
    const char *in = "---\r\na: 1\r\n---  ";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 5, 6, 5, 0, "a: 1\r\n", "", 2, 3, 1};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_empty_front) {
    const char *in = "---\n---\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 0, 4, 0, "", "", 2, 3, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(yaml_empty_front_at_eof) {
    const char *in = "---\n---";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 0, 3, 0, "", "", 2, 2, 0};
    check_split(in, 0, &w);
}
END_TEST

/* +++ does not close YAML. */
START_TEST(yaml_not_closed_by_plus) {
    check_split_fails("---\na: 1\n+++\n", 0, FM_ERR_UNTERMINATED, 1, 1, 0,
                      "never closed");
}
END_TEST

/* ===================================================================== */
/* Not a fence                                                           */
/* ===================================================================== */

static const char *const not_fence_cases[] = {
    "----\na: 1\n----\n",
    "--- text\na: 1\n---\n",
    "---yaml\na: 1\n---\n",
    " ---\na: 1\n---\n",
    "...\na: 1\n...\n",
    "++++\na = 1\n++++\n",
    "+++ toml\na = 1\n+++\n",
    " {\"a\": 1}\n",
    "# Title\n\n---\na: 1\n---\n",
    "# Hello\n\nSome text.\n",
    "\n\nhello\n",
    "  \t",
    "\n",
    "-",
    "--",
};

START_TEST(not_a_fence) {
    const char *in = not_fence_cases[_i];
    check_no_front_matter(in, strlen(in), 0, 0);
}
END_TEST

START_TEST(not_a_fence_after_bom) {
    const char *in = "\xEF\xBB\xBF----\nbody\n";
    want_parts w = {FM_FORMAT_NONE, 3, 0, 0, 0, 0, 10, "", "----\nbody\n", 0, 1, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(bom_alone) {
    want_parts w = {FM_FORMAT_NONE, 3, 0, 0, 0, 0, 0, "", "", 0, 1, 0};
    check_split("\xEF\xBB\xBF", 0, &w);
}
END_TEST

START_TEST(empty_input) {
    static const char in[] = "";
    fm_parts p;
    want_parts w = {FM_FORMAT_NONE, 0, 0, 0, 0, 0, 0, "", "", 0, 1, 0};
    check_split("", 0, &w);
    ck_assert_int_eq(fm_split(in, 0, 0, &p, NULL), 0);
    assert_parts(in, 0, &p, &w);
}
END_TEST

/* ===================================================================== */
/* Unterminated                                                          */
/* ===================================================================== */

START_TEST(unterminated_yaml) {
    check_split_fails("---\ntitle: x\n\nbody\n", 0, FM_ERR_UNTERMINATED, 1, 1, 0,
                      "never closed");
}
END_TEST

START_TEST(unterminated_after_blank_lines) {
    check_split_fails("\n \n---\ntitle: x\n", 0, FM_ERR_UNTERMINATED, 3, 1, 3,
                      "never closed");
}
END_TEST

/* The BOM is not a character of the text: the fence after it is at 1:1. */
START_TEST(unterminated_after_bom) {
    check_split_fails("\xEF\xBB\xBF---\ntitle: x\n", 0, FM_ERR_UNTERMINATED, 1, 1, 3,
                      "never closed");
}
END_TEST

START_TEST(unterminated_crlf) {
    check_split_fails("---\r\ntitle: x\r\n", 0, FM_ERR_UNTERMINATED, 1, 1, 0,
                      "never closed");
}
END_TEST

START_TEST(unterminated_lone_fence) {
    check_split_fails("---", 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
    check_split_fails("---  ", 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
    check_split_fails("---\n", 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
    check_split_fails("+++", 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
}
END_TEST

START_TEST(unterminated_toml) {
    check_split_fails("+++\ntitle = \"x\"\n---\n", 0, FM_ERR_UNTERMINATED, 1, 1, 0,
                      "never closed");
}
END_TEST

START_TEST(unterminated_json) {
    check_split_fails("{\"title\": \"x\"\n\nbody\n", 0, FM_ERR_UNTERMINATED, 1, 1, 0,
                      "never closed");
    /* The `}` inside the string does not count. */
    check_split_fails("\n{\"title\": \"}\"\n", 0, FM_ERR_UNTERMINATED, 2, 1, 1,
                      "never closed");
}
END_TEST

START_TEST(unterminated_lenient) {
    static const char *const cases[] = {
        "---\ntitle: x\n\nbody\n",
        "\n \n---\ntitle: x\n",
        "---",
        "---\n",
        "+++\na = 1\n",
        "{\"a\": 1\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_no_front_matter(cases[i], strlen(cases[i]), FM_OPT_LENIENT, 0);
}
END_TEST

START_TEST(unterminated_lenient_after_bom) {
    const char *in = "\xEF\xBB\xBF\n---\na: 1\n";
    check_no_front_matter(in, strlen(in), FM_OPT_LENIENT, 3);
}
END_TEST

/* ===================================================================== */
/* Encoding                                                              */
/* ===================================================================== */

static const struct encoding_case {
    const char *text;
    size_t len;
    const char *needle;
} encoding_cases[] = {
    {"\xFF\xFE-\0-\0-\0\n\0", 8, "UTF-16"}, /* UTF-16 LE BOM */
    {"\xFE\xFF\0-\0-\0-\0\n", 8, "UTF-16"}, /* UTF-16 BE BOM */
    {"\xFF\xFE", 2, "UTF-16"},              /* the BOM alone */
    {"\xFF\xFE\0\0-\0\0\0", 8, "UTF-32"},   /* UTF-32 LE BOM */
    {"\0\0\xFE\xFF\0\0\0-", 8, "UTF-32"},   /* UTF-32 BE BOM */
    {"\0-\0-\0-\0\n", 8, "NUL"},            /* UTF-16 BE without BOM */
    {"-\0-\0-\0\n\0", 8, "NUL"},            /* UTF-16 LE without BOM */
    {"\0\0", 2, "NUL"},
    {"\0", 1, "NUL"}, /* a first byte NUL, even with nothing after it */
};

/* What a failed split leaves in the parts: the format and BOM it found,
 * every other field cleared (whatever the struct held before). */
static void check_failed_parts(const char *text, fm_format format, size_t bom_len) {
    fm_parts p;
    memset(&p, 0xAB, sizeof p);
    ck_assert_int_eq(fm_split(text, strlen(text), 0, &p, NULL), -1);
    ck_assert_int_eq(p.format, format);
    ck_assert_uint_eq(p.bom_len, bom_len);
    ck_assert_ptr_null(p.lead);
    ck_assert_ptr_null(p.open_fence);
    ck_assert_ptr_null(p.front);
    ck_assert_ptr_null(p.close_fence);
    ck_assert_ptr_null(p.body);
    ck_assert_uint_eq(p.lead_len + p.open_fence_len + p.front_len + p.close_fence_len +
                          p.body_len,
                      0);
    ck_assert_uint_eq(p.front_line, 0);
    ck_assert_uint_eq(p.body_line, 0);
    ck_assert_int_eq(p.crlf, 0);
}

START_TEST(failure_clears_parts) {
    check_failed_parts("\xEF\xBB\xBF---\ntitle: x\n", FM_FORMAT_YAML, 3);
    check_failed_parts("\n---\r\ntitle: x\r\n", FM_FORMAT_YAML, 0);
    check_failed_parts("---", FM_FORMAT_YAML, 0);
    check_failed_parts("+++\ntitle = 1\n---\n", FM_FORMAT_TOML, 0);
    check_failed_parts("\xEF\xBB\xBF{\"a\": 1\n", FM_FORMAT_JSON, 3);
    fm_parts p;
    memset(&p, 0xAB, sizeof p);
    ck_assert_int_eq(fm_split("\xFF\xFE-\0", 4, 0, &p, NULL), -1); /* UTF-16 */
    ck_assert_int_eq(p.format, FM_FORMAT_NONE);
    ck_assert_uint_eq(p.bom_len, 0);
    ck_assert_ptr_null(p.body);
    ck_assert_uint_eq(p.body_len, 0);
}
END_TEST

START_TEST(encoding_rejected) {
    const struct encoding_case *c = &encoding_cases[_i];
    check_split_fails_len(c->text, c->len, 0, FM_ERR_ENCODING, 1, 1, 0, c->needle);
    check_split_fails_len(c->text, c->len, FM_OPT_LENIENT, FM_ERR_ENCODING, 1, 1, 0,
                          c->needle);
}
END_TEST

/* ===================================================================== */
/* TOML                                                                  */
/* ===================================================================== */

START_TEST(toml_basic) {
    const char *in = "+++\ntitle = \"x\"\ndate = 2025-02-11\n+++\nbody\n";
    const char *front = "title = \"x\"\ndate = 2025-02-11\n";
    want_parts w = {FM_FORMAT_TOML, 0, 0, 4, 30, 4, 5, front, "body\n", 2, 5, 0};
    check_split(in, 0, &w);
}
END_TEST

/* `---` and `...` do not close TOML; trailing blanks after +++ are fine. */
START_TEST(toml_only_plus_closes) {
    const char *in = "\n+++ \r\na = 1\r\n---\r\n...\r\n+++\t\r\nbody";
    const char *front = "a = 1\r\n---\r\n...\r\n";
    want_parts w = {FM_FORMAT_TOML, 0, 1, 6, 17, 6, 4, front, "body", 3, 7, 1};
    check_split(in, 0, &w);
}
END_TEST

/* The TOML block loads; its lines count in the whole file. */
START_TEST(toml_doc_loads) {
    fm_doc *doc = fm_test_parse("+++\ntitle = \"x\"\n+++\nbody\n", 0);
    const fm_value *title = fm_doc_get(doc, "title");
    ck_assert_str_eq(fm_value_string(title, NULL), "x");
    ck_assert_uint_eq(fm_value_span(title).line, 2);
    ck_assert_uint_eq(fm_value_span(title).column, 9);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_TOML);
    fm_doc_free(doc);
}
END_TEST

/* A BOM before the fence is not a character of the TOML text. */
START_TEST(toml_doc_error_after_bom) {
    fm_test_parse_fails("\xEF\xBB\xBF+++\ntitle = \n+++\n", 0, FM_ERR_SYNTAX, 2, 9,
                        "expected a value, found the end of the line");
}
END_TEST

/* ===================================================================== */
/* JSON                                                                  */
/* ===================================================================== */

START_TEST(json_basic) {
    const char *in = "{\n  \"title\": \"a } b {\",\n  \"n\": {\"x\": [1, 2]}\n}\nbody\n";
    const char *front = "{\n  \"title\": \"a } b {\",\n  \"n\": {\"x\": [1, 2]}\n}";
    want_parts w = {FM_FORMAT_JSON, 0, 0, 0, 46, 1, 5, front, "body\n", 1, 5, 0};
    check_split(in, 0, &w);
}
END_TEST

/* An escaped quote does not end the string, so the `}` after it is text. */
START_TEST(json_escaped_quote) {
    const char *in = "{\"a\": \"x\\\"}\"}\nbody";
    const char *front = "{\"a\": \"x\\\"}\"}";
    want_parts w = {FM_FORMAT_JSON, 0, 0, 0, 13, 1, 4, front, "body", 1, 2, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(json_trailing_blanks) {
    const char *in = "\xEF\xBB\xBF\n{\"a\": 1}  \t\r\nbody\r\n";
    want_parts w = {FM_FORMAT_JSON, 3, 1, 0, 8, 5, 6, "{\"a\": 1}", "body\r\n", 2, 3, 1};
    check_split(in, 0, &w);
}
END_TEST

/* Text after `}` on the same line: no closing line, the body starts at once. */
START_TEST(json_text_after_brace) {
    const char *in = "{\"a\": 1} tail\nbody";
    const char *body = " tail\nbody";
    want_parts w = {FM_FORMAT_JSON, 0, 0, 0, 8, 0, 10, "{\"a\": 1}", body, 1, 1, 0};
    check_split(in, 0, &w);
}
END_TEST

START_TEST(json_at_eof) {
    const char *in = "{\"a\": 1}";
    want_parts w = {FM_FORMAT_JSON, 0, 0, 0, 8, 0, 0, "{\"a\": 1}", "", 1, 1, 0};
    check_split(in, 0, &w);
}
END_TEST

/* ===================================================================== */
/* Lengths, not NUL terminators                                          */
/* ===================================================================== */

/* The buffer goes on past len; only len bytes count. */
START_TEST(len_shorter_than_buffer) {
    static const char buf[] = "---\na: 1\n---\nbody text\n---\n";
    want_parts closed = {FM_FORMAT_YAML, 0, 0, 4, 5, 3, 0, "a: 1\n", "", 2, 3, 0};
    want_parts body = {FM_FORMAT_YAML, 0, 0, 4, 5, 4, 4, "a: 1\n", "body", 2, 4, 0};
    fm_parts p;

    /* "---\na: 1\n---": the closing fence is the last line, no newline. */
    check_split_len(buf, 12, 0, &closed);
    ck_assert_int_eq(fm_split(buf, 12, 0, &p, NULL), 0);
    assert_parts(buf, 12, &p, &closed);

    /* "---\na: 1\n---\nbody" */
    check_split_len(buf, 17, 0, &body);
    ck_assert_int_eq(fm_split(buf, 17, 0, &p, NULL), 0);
    assert_parts(buf, 17, &p, &body);

    /* "---\na: 1\n--": the closing fence is cut, so it is never closed. */
    check_split_fails_len(buf, 11, 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
    /* "---": a lone fence. */
    check_split_fails_len(buf, 3, 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
}
END_TEST

START_TEST(len_cuts_json) {
    static const char buf[] = "{\"a\": \"}\"}\nbody";
    want_parts w = {FM_FORMAT_JSON, 0, 0, 0, 10, 1, 2, "{\"a\": \"}\"}", "bo", 1, 2, 0};
    check_split_len(buf, 13, 0, &w);
    check_split_fails_len(buf, 9, 0, FM_ERR_UNTERMINATED, 1, 1, 0, "never closed");
}
END_TEST

/* ===================================================================== */
/* Arguments                                                             */
/* ===================================================================== */

START_TEST(null_arguments) {
    fm_parts p;
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_split(NULL, 5, 0, &p, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_int_eq(fm_split(NULL, 5, 0, &p, NULL), -1);

    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_split("---\n---\n", 8, 0, NULL, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_int_eq(fm_split("---\n---\n", 8, 0, NULL, NULL), -1);
}
END_TEST

/* err may be NULL on success too. */
START_TEST(null_err_on_success) {
    static const char in[] = "---\na: 1\n---\nbody\n";
    want_parts w = {FM_FORMAT_YAML, 0, 0, 4, 5, 4, 5, "a: 1\n", "body\n", 2, 4, 0};
    fm_parts p;
    ck_assert_int_eq(fm_split(in, sizeof in - 1, 0, &p, NULL), 0);
    assert_parts(in, sizeof in - 1, &p, &w);
}
END_TEST

/* ===================================================================== */
/* Suite                                                                 */
/* ===================================================================== */

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ===================================================================== */
/* A document's parts: the fast path's open split, closed as it loads     */
/* ===================================================================== */

/* Each text with its exact parts, as fm_split gives them and as a document
 * loaded from it keeps them, with the fast path (which leaves the front
 * open from "---\n" until the loader meets the closing line, a line of
 * three bytes recognised inline) and without it. */
typedef struct doc_parts_case {
    const char *text;
    want_parts want;
} doc_parts_case;

static const doc_parts_case doc_parts_cases[] = {
    {"---\ntitle: a\n---\nbody\n",
     {FM_FORMAT_YAML, 0, 0, 4, 9, 4, 5, "title: a\n", "body\n", 2, 4, 0}},
    {"---\ntitle: a\n--- \nbody", /* the closing line is not three bytes */
     {FM_FORMAT_YAML, 0, 0, 4, 9, 5, 4, "title: a\n", "body", 2, 4, 0}},
    {"---\ntitle: a\n...\nbody",
     {FM_FORMAT_YAML, 0, 0, 4, 9, 4, 4, "title: a\n", "body", 2, 4, 0}},
    {"---\na: 1\n---", /* closed by the last line, no line break */
     {FM_FORMAT_YAML, 0, 0, 4, 5, 3, 0, "a: 1\n", "", 2, 3, 0}},
    {"---\n---\n", {FM_FORMAT_YAML, 0, 0, 4, 0, 4, 0, "", "", 2, 3, 0}},
    {"---\n---x: 1\n---\nb", /* a key that starts as a fence */
     {FM_FORMAT_YAML, 0, 0, 4, 8, 4, 1, "---x: 1\n", "b", 2, 4, 0}},
    {"---\na: 1\n---\r\nb", /* a closing line of more than three bytes */
     {FM_FORMAT_YAML, 0, 0, 4, 5, 5, 1, "a: 1\n", "b", 2, 4, 0}},
    {"---\na: |\n  x\n---\nb", /* a block scalar */
     {FM_FORMAT_YAML, 0, 0, 4, 9, 4, 1, "a: |\n  x\n", "b", 2, 5, 0}},
    {"---\r\na: 1\r\n---\r\nbody", /* not "---\n" */
     {FM_FORMAT_YAML, 0, 0, 5, 6, 5, 4, "a: 1\r\n", "body", 2, 4, 1}},
    {"\n---\na: 1\n---\n", /* a blank line first */
     {FM_FORMAT_YAML, 0, 1, 4, 5, 4, 0, "a: 1\n", "", 3, 5, 0}},
    {"\xEF\xBB\xBF---\na: 1\n---\n",
     {FM_FORMAT_YAML, 3, 0, 4, 5, 4, 0, "a: 1\n", "", 2, 4, 0}},
    {"---  \na: 1\n---\n", /* blanks after the opening fence */
     {FM_FORMAT_YAML, 0, 0, 6, 5, 4, 0, "a: 1\n", "", 2, 4, 0}},
};

START_TEST(doc_parts_as_split) {
    const doc_parts_case *c = &doc_parts_cases[_i];
    size_t len = strlen(c->text);
    check_split(c->text, 0, &c->want);
    const unsigned opts[] = {FM_OPT_BORROW, FM_OPT_BORROW | FM_OPT_NO_FAST_PATH};
    for (size_t k = 0; k < 2; k++) {
        char *copy = exact_copy(c->text, len);
        fm_error err;
        fm_doc *doc = fm_doc_parse(copy, len, opts[k], &err);
        ck_assert_msg(doc != NULL, "%s: %s", c->text, err.message);
        assert_parts(copy, len, fm_doc_parts(doc), &c->want);
        fm_doc_free(doc);
        release_copy();
    }
}
END_TEST

/* "---\n" and nothing that closes it: fm_split's error, from the document
 * too, with and without the fast path. */
static const char *const doc_unclosed[] = {"---\n", "---\na: 1\n", "---\na: 1\n----\n",
                                           "---\na: 1\n-- \n", "---\na: 1\n--"};

START_TEST(doc_unclosed_as_split) {
    const char *text = doc_unclosed[_i];
    size_t len = strlen(text);
    const unsigned opts[] = {FM_OPT_BORROW, FM_OPT_BORROW | FM_OPT_NO_FAST_PATH};
    for (size_t k = 0; k < 2; k++) {
        fm_error err;
        memset(&err, 0, sizeof err);
        char *copy = exact_copy(text, len);
        ck_assert_ptr_null(fm_doc_parse(copy, len, opts[k], &err));
        ck_assert_int_eq(err.code, FM_ERR_UNTERMINATED);
        ck_assert_uint_eq(err.line, 1);
        ck_assert_uint_eq(err.column, 1);
        ck_assert_uint_eq(err.offset, 0);
        ck_assert_str_eq(err.message,
                         "front matter opened here is never closed (no closing ---)");
        release_copy();
    }
}
END_TEST

static Suite *split_suite(void) {
    Suite *s = suite_create("split");
    TCase *yaml = tcase_create("yaml");
    TCase *none = tcase_create("none");
    TCase *unterminated = tcase_create("unterminated");
    TCase *encoding = tcase_create("encoding");
    TCase *other = tcase_create("toml_json");
    TCase *args = tcase_create("arguments");
    TCase *all[] = {yaml, none, unterminated, encoding, other, args};

    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        tcase_add_checked_fixture(all[i], NULL, release_copy);

    tcase_add_test(yaml, yaml_basic);
    tcase_add_test(yaml, yaml_pointers_into_input);
    tcase_add_test(yaml, yaml_bom_and_blank_lines);
    tcase_add_test(yaml, yaml_bom_only);
    tcase_add_test(yaml, yaml_crlf);
    tcase_add_test(yaml, yaml_crlf_bom_blank_lines);
    tcase_add_test(yaml, yaml_crlf_only_on_closing);
    tcase_add_test(yaml, yaml_fences_with_trailing_blanks);
    tcase_add_test(yaml, yaml_closes_with_dots);
    tcase_add_test(yaml, yaml_closes_with_dots_and_blanks);
    tcase_add_test(yaml, yaml_fence_in_body);
    tcase_add_test(yaml, yaml_near_fences_inside);
    tcase_add_loop_test(yaml, yaml_close_after_every_length, 0, 48);
    tcase_add_test(yaml, yaml_close_at_eof_no_newline);
    tcase_add_test(yaml, yaml_close_at_eof_with_blanks);
    tcase_add_test(yaml, yaml_empty_front);
    tcase_add_test(yaml, yaml_empty_front_at_eof);
    tcase_add_test(yaml, yaml_not_closed_by_plus);
    suite_add_tcase(s, yaml);

    tcase_add_loop_test(none, not_a_fence, 0, COUNT(not_fence_cases));
    tcase_add_test(none, not_a_fence_after_bom);
    tcase_add_test(none, bom_alone);
    tcase_add_test(none, empty_input);
    suite_add_tcase(s, none);

    tcase_add_test(unterminated, unterminated_yaml);
    tcase_add_test(unterminated, unterminated_after_blank_lines);
    tcase_add_test(unterminated, unterminated_after_bom);
    tcase_add_test(unterminated, unterminated_crlf);
    tcase_add_test(unterminated, unterminated_lone_fence);
    tcase_add_test(unterminated, unterminated_toml);
    tcase_add_test(unterminated, unterminated_json);
    tcase_add_test(unterminated, unterminated_lenient);
    tcase_add_test(unterminated, unterminated_lenient_after_bom);
    tcase_add_test(unterminated, failure_clears_parts);
    tcase_add_loop_test(unterminated, yaml_unclosed_after_every_length, 0,
                        COUNT(near_fence_lines));
    suite_add_tcase(s, unterminated);

    tcase_add_loop_test(encoding, encoding_rejected, 0, COUNT(encoding_cases));
    suite_add_tcase(s, encoding);

    tcase_add_test(other, toml_basic);
    tcase_add_test(other, toml_close_after_every_length);
    tcase_add_test(other, toml_only_plus_closes);
    tcase_add_test(other, toml_doc_loads);
    tcase_add_test(other, toml_doc_error_after_bom);
    tcase_add_test(other, json_basic);
    tcase_add_test(other, json_escaped_quote);
    tcase_add_test(other, json_trailing_blanks);
    tcase_add_test(other, json_text_after_brace);
    tcase_add_test(other, json_at_eof);
    tcase_add_test(other, len_shorter_than_buffer);
    tcase_add_test(other, len_cuts_json);
    suite_add_tcase(s, other);

    tcase_add_loop_test(other, doc_parts_as_split, 0, COUNT(doc_parts_cases));
    tcase_add_loop_test(other, doc_unclosed_as_split, 0, COUNT(doc_unclosed));
    tcase_add_test(args, null_arguments);
    tcase_add_test(args, null_err_on_success);
    suite_add_tcase(s, args);
    return s;
}

int main(void) {
    return fm_test_run_suite(split_suite());
}
