/* SPDX-License-Identifier: MIT */
/* split.c - finds the front matter in a file: BOM, leading blank lines,
 * fences (--- +++ {), line endings. No allocation; pointers into the input. */
#include "private.h"

#include <string.h>

/* End of the line starting at p: the offset of its '\n', or len. */
static size_t line_end(const char *s, size_t len, size_t p) {
    const char *nl = memchr(s + p, '\n', len - p);
    return nl ? (size_t)(nl - s) : len;
}

/* Offset just past the line's newline (or len). */
static size_t next_line(const char *s, size_t len, size_t p) {
    size_t e = line_end(s, len, p);
    return e < len ? e + 1 : len;
}

/* Length of the line content without its '\r' and trailing spaces/tabs. */
static size_t trimmed_length(const char *s, size_t p, size_t e) {
    while (e > p && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    return e - p;
}

/* True when the line [p, e) is exactly `fence` (3 bytes) plus optional blanks. */
static bool is_fence(const char *s, size_t p, size_t e, const char *fence) {
    return e - p >= 3 && memcmp(s + p, fence, 3) == 0 && trimmed_length(s, p, e) == 3;
}

static bool is_fence_line(const char *s, size_t len, size_t p, const char *fence) {
    return len - p >= 3 && memcmp(s + p, fence, 3) == 0 &&
           is_fence(s, p, line_end(s, len, p), fence);
}

static bool is_blank_line(const char *s, size_t len, size_t p) {
    char c = s[p];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return false; /* most files: their first byte says so */
    size_t e = line_end(s, len, p);
    if (e == len)
        return false; /* a last line without newline is not a separator */
    return trimmed_length(s, p, e) == 0;
}

/* Rejects UTF-16 and UTF-32 input, with or without a byte order mark. */
static int check_encoding(const char *s, size_t len, fm_error *err) {
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) ||
                     (u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)))
        return fmp_fail_pos(err, FM_ERR_ENCODING, 1, 1, 0,
                            "UTF-32 input is not supported; convert the file to UTF-8");
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return fmp_fail_pos(err, FM_ERR_ENCODING, 1, 1, 0,
                            "UTF-16 input is not supported; convert the file to UTF-8");
    if ((len >= 1 && u[0] == 0) || (len >= 2 && u[1] == 0))
        return fmp_fail_pos(err, FM_ERR_ENCODING, 1, 1, 0,
                            "NUL byte at the start: UTF-16/32 or binary input is not "
                            "supported");
    return 0;
}

static unsigned count_lines(const char *s, size_t from, size_t to) {
    unsigned n = 0;
    for (size_t i = from; i < to; i++)
        n += s[i] == '\n';
    return n;
}

/* Offset of the '}' closing the JSON object that opens at p, or len. */
static size_t json_object_end(const char *s, size_t len, size_t p) {
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = p; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return c == '}' ? i : len;
        }
    }
    return len;
}

/* Sets every piece to empty at the end of the prefix; the body takes the rest. */
static void set_no_front_matter(const char *s, size_t len, fm_parts *out) {
    const char *at = s + out->bom_len;
    out->format = FM_FORMAT_NONE;
    out->lead = out->open_fence = out->front = out->close_fence = at;
    out->lead_len = out->open_fence_len = out->front_len = out->close_fence_len = 0;
    out->body = at;
    out->body_len = len - out->bom_len;
    out->front_line = 0;
    out->body_line = 1;
    out->crlf = 0;
}

/* Fills the parts for fenced front matter: fence at p (on 1-based line
 * `line`, which ends at e, its '\n' or len), front [f, c) of `front_lines`
 * lines, closing line [c, b), body from b. */
static void set_parts(const char *s, size_t len, size_t p, size_t e, size_t f, size_t c,
                      size_t b, unsigned line, unsigned front_lines, fm_parts *out) {
    out->lead = s + out->bom_len;
    out->lead_len = p - out->bom_len;
    out->open_fence = s + p;
    out->open_fence_len = f - p;
    out->front = s + f;
    out->front_len = c - f;
    out->close_fence = s + c;
    out->close_fence_len = b - c;
    out->body = s + b;
    out->body_len = len - b;
    out->front_line = line + (f > p);
    out->body_line = out->front_line + front_lines + (b > c && s[b - 1] == '\n');
    out->crlf = e < len && e > p && s[e - 1] == '\r';
}

static int fail_unterminated(const char *s, size_t len, size_t p, unsigned options,
                             fm_parts *out, fm_error *err, const char *what) {
    if (options & FM_OPT_LENIENT) {
        set_no_front_matter(s, len, out);
        return 0;
    }
    return fmp_fail_at(err, FM_ERR_UNTERMINATED, s, p,
                       "front matter opened here is never closed (no closing %s)", what);
}

static int split_fenced(const char *s, size_t len, size_t p, unsigned line,
                        const char *fence, const char *alt, unsigned options, fm_parts *out,
                        fm_error *err) {
    size_t open_end = line_end(s, len, p);
    if (open_end == len) /* the fence is the last line, no newline */
        return fail_unterminated(s, len, p, options, out, err, fence);
    size_t f = open_end + 1;
    unsigned lines = 0;
    for (size_t c = f; c < len; lines++) {
        size_t e = line_end(s, len, c);
        bool maybe = s[c] == fence[0] || (alt && s[c] == alt[0]); /* most lines: no */
        if (maybe && (is_fence(s, c, e, fence) || (alt && is_fence(s, c, e, alt)))) {
            set_parts(s, len, p, open_end, f, c, e < len ? e + 1 : len, line, lines, out);
            return 0;
        }
        c = e < len ? e + 1 : len;
    }
    return fail_unterminated(s, len, p, options, out, err, fence);
}

static int split_json(const char *s, size_t len, size_t p, unsigned line, unsigned options,
                      fm_parts *out, fm_error *err) {
    size_t close = json_object_end(s, len, p);
    if (close == len)
        return fail_unterminated(s, len, p, options, out, err, "}");
    size_t c = close + 1, e = line_end(s, len, c);
    size_t b = trimmed_length(s, c, e) == 0 ? next_line(s, len, c) : c;
    set_parts(s, len, p, line_end(s, len, p), p, c, b, line, count_lines(s, p, c), out);
    return 0;
}

int fm_split(const char *s, size_t len, unsigned options, fm_parts *out, fm_error *err) {
    if (!out || (!s && len))
        return fmp_fail(err, FM_ERR_ARG, "fm_split: NULL argument");
    if (!s)
        s = "";
    fmp_zero(out, sizeof *out);
    if (check_encoding(s, len, err) != 0)
        return -1;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        out->bom_len = 3;
    size_t p = out->bom_len;
    unsigned line = 1;
    for (; p < len && is_blank_line(s, len, p); line++)
        p = next_line(s, len, p);
    if (p < len && is_fence_line(s, len, p, "---")) {
        out->format = FM_FORMAT_YAML;
        return split_fenced(s, len, p, line, "---", "...", options, out, err);
    }
    if (p < len && is_fence_line(s, len, p, "+++")) {
        out->format = FM_FORMAT_TOML;
        return split_fenced(s, len, p, line, "+++", NULL, options, out, err);
    }
    /* `{{< shortcode >}}` and `{% tag %}` open template syntax, not JSON. */
    bool template = p + 1 < len && s[p] == '{' && (s[p + 1] == '{' || s[p + 1] == '%');
    if (p < len && s[p] == '{' && !template) {
        out->format = FM_FORMAT_JSON;
        return split_json(s, len, p, line, options, out, err);
    }
    set_no_front_matter(s, len, out);
    return 0;
}
