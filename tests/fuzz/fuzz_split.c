/* SPDX-License-Identifier: MIT */
/* fuzz_split.c - fm_split: the pieces cover the input exactly, in order; the
 * closing fence is the first fence line (checked byte by byte). */
#include "fuzz.h"

#include <string.h>

/* Whether the line at s[c..len) is `fence` plus blanks ('\r', ' ', '\t'). */
static int is_fence_at(const char *s, size_t len, size_t c, const char *fence) {
    size_t e = c;
    while (e < len && s[e] != '\n')
        e++;
    while (e > c && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    return e - c == 3 && memcmp(s + c, fence, 3) == 0;
}

static int is_close_at(const char *s, size_t len, size_t c, fm_format format) {
    return format == FM_FORMAT_TOML ? is_fence_at(s, len, c, "+++")
                                    : is_fence_at(s, len, c, "---") ||
                                          is_fence_at(s, len, c, "...");
}

/* Fenced front matter, checked byte by byte against fm_split's faster
 * search: no line of the front closes it, the closing line does (or, when
 * none was found, no line after the opening fence would), and the body's
 * line counts the front's line breaks. */
static void check_fenced(const char *s, size_t size, const fm_parts *p, int closed) {
    size_t from = (size_t)(p->front - s), to = closed ? (size_t)(p->close_fence - s) : size;
    unsigned breaks = 0;
    for (size_t c = from; c < to; c++) {
        if (c == from || s[c - 1] == '\n')
            FUZZ_REQUIRE(!is_close_at(s, size, c, p->format), "no fence inside the front");
        breaks += s[c] == '\n';
    }
    if (!closed)
        return;
    FUZZ_REQUIRE(is_close_at(s, size, to, p->format), "the closing line is a fence");
    unsigned after = p->close_fence_len > 0 && p->body > s && p->body[-1] == '\n';
    FUZZ_REQUIRE(p->body_line == p->front_line + breaks + after, "body line counted");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    fm_parts p;
    fm_error err;
    for (unsigned opts = 0; opts <= FM_OPT_LENIENT; opts += FM_OPT_LENIENT) {
        if (fm_split(s, size, opts, &p, &err) != 0) {
            FUZZ_REQUIRE(err.line >= 1 && err.column >= 1, "split error has a position");
            continue;
        }
        size_t total = p.bom_len + p.lead_len + p.open_fence_len + p.front_len +
                       p.close_fence_len + p.body_len;
        FUZZ_REQUIRE(total == size, "pieces add up to the input");
        FUZZ_REQUIRE(p.lead == s + p.bom_len, "lead follows the BOM");
        FUZZ_REQUIRE(p.open_fence == p.lead + p.lead_len, "fence follows lead");
        FUZZ_REQUIRE(p.front == p.open_fence + p.open_fence_len, "front follows fence");
        FUZZ_REQUIRE(p.close_fence == p.front + p.front_len, "closing fence follows");
        FUZZ_REQUIRE(p.body == p.close_fence + p.close_fence_len, "body follows");
        FUZZ_REQUIRE(p.body_line >= 1, "body line is 1-based");
        if (p.format == FM_FORMAT_YAML || p.format == FM_FORMAT_TOML)
            check_fenced(s, size, &p, 1);
    }
    /* Never closed: the same front, opened by fmp_split_open's pieces. */
    if (fm_split(s, size, 0, &p, &err) != 0 && err.code == FM_ERR_UNTERMINATED &&
        fm_split(s, size, FM_OPT_LENIENT, &p, NULL) == 0) {
        size_t open = err.offset, e = open;
        while (e < size && s[e] != '\n')
            e++;
        fm_parts q = p;
        q.format = s[open] == '+' ? FM_FORMAT_TOML : FM_FORMAT_YAML;
        q.front = s + (e < size ? e + 1 : size);
        if (s[open] != '{')
            check_fenced(s, size, &q, 0);
    }
    return 0;
}
