/* SPDX-License-Identifier: MIT */
/* check_tool_json.c - the tool's JSON writing (tools/json.c): string escapes
 * at every place in strings of every length its word-at-a-time scan treats
 * apart, invalid UTF-8, and integers. */
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>

#include "json.h"

/* json_string over a heap copy of exactly len bytes (a read past the end
 * shows under AddressSanitizer and valgrind); the caller frees the result. */
static char *render(const char *s, size_t len, size_t *out_len) {
    char *copy = malloc(len ? len : 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, s, len);
    outbuf b = {0};
    json_string(&b, copy, len);
    free(copy);
    ck_assert(!b.failed);
    ck_assert_uint_eq(strlen(b.data), b.len); /* NUL-terminated, no NUL inside */
    *out_len = b.len;
    return b.data;
}

static void assert_renders(const char *s, size_t len, const char *want) {
    size_t n;
    char *got = render(s, len, &n);
    ck_assert_msg(n == strlen(want) && memcmp(got, want, n) == 0,
                  "rendered %s, want %s", got, want);
    free(got);
}

START_TEST(escapes) {
    assert_renders("", 0, "\"\"");
    assert_renders("\"\\/", 3, "\"\\\"\\\\/\"");
    assert_renders("\n\r\t\b\f", 5, "\"\\n\\r\\t\\u0008\\u000c\"");
    assert_renders("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\"");
    assert_renders("nul\0x", 5, "\"nul\\u0000x\"");
    /* UTF-8 as it is; a byte that does not start a valid sequence: U+FFFD */
    assert_renders("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9,
                   "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
    assert_renders("a\xff", 2, "\"a\\ufffd\"");
    assert_renders("\xc3", 1, "\"\\ufffd\"");              /* cut short */
    assert_renders("\xc0\xaf", 2, "\"\\ufffd\\ufffd\"");     /* overlong */
    assert_renders("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
    assert_renders("\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* > U+10FFFF */
    assert_renders("sixteen plain by", 16, "\"sixteen plain by\"");
    assert_renders("fifteen plain b\"", 16, "\"fifteen plain b\\\"\"");
}
END_TEST

/* The rule byte by byte, to compare the word-at-a-time writer with. */
static void expect_byte(outbuf *b, const unsigned char *u, size_t len, size_t *i) {
    static const char *const named[] = {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n",
                                        ['\r'] = "\\r", ['\t'] = "\\t"};
    unsigned char c = u[*i];
    char hex[8];
    if (c < sizeof named / sizeof named[0] && named[c]) {
        ob_puts(b, named[c]);
    } else if (c < 0x20 || c == 0x7F) {
        snprintf(hex, sizeof hex, "\\u%04x", c);
        ob_puts(b, hex);
    } else if (c < 0x80) {
        ob_putc(b, (char)c);
    } else if (c == 0xC3 && *i + 1 < len && u[*i + 1] == 0xA9) { /* the only sequence */
        ob_write(b, (const char *)u + *i, 2);
        ++*i;
    } else {
        ob_puts(b, "\\ufffd");
    }
    ++*i;
}

/* Renders s[0..len) and compares it with the rule byte by byte: NULL when
 * they agree, else (to free) what was written and what the rule wants. */
static char *differs_from_rule(const char *s, size_t len) {
    outbuf want = {0}, msg = {0};
    ob_putc(&want, '"');
    for (size_t i = 0; i < len;)
        expect_byte(&want, (const unsigned char *)s, len, &i);
    ob_putc(&want, '"');
    size_t got_len;
    char *got = render(s, len, &got_len);
    if (got_len != want.len || memcmp(got, want.data, got_len) != 0)
        ob_printf(&msg, "%s, want %s", got, want.data);
    free(got);
    ob_free(&want);
    return msg.data;
}

/* One special byte (or the two of U+00E9) at every place of strings of 0 to
 * 70 bytes, with a second special byte at every other place up to 20. */
START_TEST(every_place) {
    static const char *const specials[] = {"\"", "\\", "\n", "\x01", "\x7f", "\xc3\xa9",
                                           "\xff", " ", "~"};
    static const char seconds[] = "\"\\\t\x01\x7f\xff";
    size_t nspecials = sizeof specials / sizeof specials[0];
    char s[80];
    for (size_t len = 0; len <= 70; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < nspecials; k++)
                for (size_t second = 0; second <= (len <= 20 ? len : 0); second++) {
                    size_t sl = strlen(specials[k]);
                    if (at < len && at + sl > len)
                        continue;
                    for (size_t i = 0; i < len; i++)
                        s[i] = (char)('a' + i % 26);
                    if (at < len)
                        memcpy(s + at, specials[k], sl);
                    if (second < len && second != at)
                        s[second] = seconds[k % (sizeof seconds - 1)];
                    char *differs = differs_from_rule(s, len);
                    ck_assert_msg(differs == NULL, "length %zu, special %zu at %zu and %zu: %s",
                                  len, k, at, second, differs);
                }
}
END_TEST

/* Each of the 256 byte values alone at every place of strings of 1 to 40
 * bytes: the edges of the ranges the scans tell apart in one compare
 * (0x1F and space, '~' and 0x7F, 0x80, 0xFF) included. */
START_TEST(every_byte_value) {
    char s[40];
    for (unsigned c = 0; c < 256; c++)
        for (size_t len = 1; len <= sizeof s; len++)
            for (size_t at = 0; at < len; at++) {
                for (size_t i = 0; i < len; i++)
                    s[i] = (char)('a' + i % 26);
                s[at] = (char)c;
                char *differs = differs_from_rule(s, len);
                ck_assert_msg(differs == NULL, "byte 0x%02x at %zu of %zu: %s", c, at, len,
                              differs);
            }
}
END_TEST

/* json_article writes the same bytes with the keys made once and without
 * them: the first key written without its comma, whether it is field 0
 * (title) or a later one (weight), and none at all. */
static void assert_article(const char *text, const json_keys *keys, const char *want) {
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, strlen(text), 0, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_msg(a != NULL, "%s", err.message);
    outbuf with = {0}, without = {0};
    json_article(&with, a, keys);
    json_article(&without, a, NULL);
    ck_assert_str_eq(with.data, want);
    ck_assert_str_eq(without.data, want);
    ob_free(&with);
    ob_free(&without);
    fm_article_free(a);
    fm_doc_free(doc);
}

START_TEST(article_keys) {
    json_keys keys;
    json_keys_init(&keys);
    ck_assert_uint_eq(keys.count, fm_article_field_count());
    ck_assert_uint_eq(keys.end[0], strlen(",\"title\":"));
    ck_assert(memcmp(keys.text.data, ",\"title\":", keys.end[0]) == 0);
    assert_article("---\ntitle: T\ndraft: true\ntags: [a, \"b\\\"c\"]\nweight: 3\n"
                   "date: 2024-01-02\n---\n",
                   &keys,
                   "{\"title\":\"T\",\"tags\":[\"a\",\"b\\\"c\"],\"date\":\"2024-01-02\","
                   "\"draft\":true,\"weight\":3}");
    assert_article("---\nweight: -7\nparams: {x: 1}\n---\n", &keys, "{\"weight\":-7}");
    assert_article("---\nother: 1\n---\n", &keys, "{}");
    json_keys_free(&keys);
    ck_assert_uint_eq(keys.count, 0);
    ck_assert_ptr_null(keys.end);
}
END_TEST

static void assert_int(long long n, const char *want) {
    outbuf b = {0};
    ob_int(&b, n);
    ck_assert_str_eq(b.data, want);
    ob_free(&b);
}

START_TEST(integers) {
    assert_int(0, "0");
    assert_int(-1, "-1");
    assert_int(7, "7");
    assert_int(1234567890123LL, "1234567890123");
    assert_int(INT64_MAX, "9223372036854775807");
    assert_int(INT64_MIN, "-9223372036854775808");
    outbuf b = {0};
    ob_uint(&b, UINT64_MAX);
    ck_assert_str_eq(b.data, "18446744073709551615");
    ob_free(&b);
}
END_TEST

/* Writes that grow the buffer past its first size keep what came before. */
START_TEST(growth) {
    outbuf b = {0};
    char big[5000];
    memset(big, 'x', sizeof big);
    big[4000] = '"';
    for (int i = 0; i < 3; i++)
        json_string(&b, big, sizeof big);
    ck_assert(!b.failed);
    ck_assert_uint_eq(b.len, 3 * (sizeof big + 3));
    ck_assert_mem_eq(b.data + 4001, "\\\"", 2);
    ck_assert_mem_eq(b.data + 2 * (sizeof big + 3) + 4001, "\\\"", 2);
    ob_free(&b);
}
END_TEST

/* grow_array: the capacity doubles from `first` until `need` fits; a need
 * past SIZE_MAX gives NULL and leaves the array and its capacity as they
 * were; a need that fits changes nothing. */
START_TEST(array_growth) {
    size_t cap = 0;
    int *v = grow_array(NULL, &cap, 1, sizeof *v, 16);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(cap, 16);
    for (int i = 0; i < 16; i++)
        v[i] = i;
    ck_assert_ptr_eq(grow_array(v, &cap, 16, sizeof *v, 16), v);
    ck_assert_uint_eq(cap, 16);
    int *w = grow_array(v, &cap, 100, sizeof *v, 16);
    ck_assert_ptr_nonnull(w);
    ck_assert_uint_eq(cap, 128);
    for (int i = 0; i < 16; i++)
        ck_assert_int_eq(w[i], i);
    ck_assert_ptr_null(grow_array(w, &cap, SIZE_MAX / 2, sizeof *w, 16));
    ck_assert_uint_eq(cap, 128);
    ck_assert_int_eq(w[15], 15);
    free(w);
    outbuf b = {0};
    ob_grow(&b, SIZE_MAX - 1);
    ck_assert(b.failed);
    ck_assert_ptr_null(b.data);
}
END_TEST

static Suite *tool_json_suite(void) {
    Suite *s = suite_create("tool_json");
    TCase *tc = tcase_create("strings");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, escapes);
    tcase_add_test(tc, every_place);
    tcase_add_test(tc, every_byte_value);
    tcase_add_test(tc, integers);
    tcase_add_test(tc, article_keys);
    tcase_add_test(tc, growth);
    tcase_add_test(tc, array_growth);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(tool_json_suite());
}
