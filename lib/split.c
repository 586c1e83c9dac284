/* SPDX-License-Identifier: MIT */
/* split.c - finds the front matter in a file: BOM, leading blank lines,
 * fences (--- +++ {), line endings. No allocation; pointers into the input. */
#include "private.h"

#include <string.h>
#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define SPLIT_SSE2 1
#endif

/* End of the line starting at p: the offset of its '\n', or len. */
static size_t line_end(const char *s, size_t len, size_t p) {
    const char *nl = memchr(s + p, '\n', len - p);
    return nl ? (size_t)(nl - s) : len;
}

/* line_end for a line whose first three bytes are no '\n' (a fence's):
 * most fence lines end right after them, found without a search. */
static size_t fence_line_end(const char *s, size_t len, size_t p) {
    return len - p > 3 && s[p + 3] == '\n' ? p + 3 : line_end(s, len, p);
}

/* line_end with fence_line_end's shortcut when the line starts as a
 * fence line could. */
FMP_INLINE size_t any_line_end(const char *s, size_t len, size_t p) {
    return len - p > 3 && s[p + 3] == '\n' && s[p] != '\n' && s[p + 1] != '\n' &&
                   s[p + 2] != '\n'
               ? p + 3
               : line_end(s, len, p);
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
           is_fence(s, p, fence_line_end(s, len, p), fence);
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

/* The line breaks counted in `breaks`, one byte of each 64-bit half per
 * break (see fence_candidate). */
#ifdef SPLIT_SSE2
static inline unsigned breaks_sum(__m128i breaks) {
    return (unsigned)_mm_cvtsi128_si32(breaks) +
           (unsigned)_mm_cvtsi128_si32(_mm_unpackhi_epi64(breaks, breaks));
}
#endif

/* The first line start at or after c (c is one) whose first byte is a or b,
 * or len; adds the line breaks passed to *lines. Sixteen bytes at a time
 * with SSE2: a '\n' followed by a or b, and then twice that byte (a fence
 * is three of them: most lines, `- item` too, are passed over there). */
static size_t fence_candidate(const char *s, size_t len, size_t c, char a, char b,
                              unsigned *lines) {
    if (s[c] == a || s[c] == b)
        return c;
    size_t i = c;
#ifdef SPLIT_SSE2
    __m128i nl = _mm_set1_epi8('\n'), va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
    __m128i zero = _mm_setzero_si128(), breaks = zero;
    for (; len - i >= 17; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i at_nl = _mm_cmpeq_epi8(x, nl);
        unsigned hit = (unsigned)_mm_movemask_epi8(_mm_and_si128(
            at_nl, _mm_or_si128(_mm_cmpeq_epi8(y, va), _mm_cmpeq_epi8(y, vb))));
        for (; hit; hit &= hit - 1) {
            unsigned k = (unsigned)__builtin_ctz(hit);
            size_t q = i + k + 1;
            if (len - q >= 3 && s[q + 1] == s[q] && s[q + 2] == s[q]) {
                unsigned upto = (2u << k) - 1; /* the breaks up to q */
                unsigned here = (unsigned)_mm_movemask_epi8(at_nl) & upto;
                *lines += breaks_sum(breaks) + (unsigned)__builtin_popcount(here);
                return q;
            }
        }
        /* each break a 1 byte, summed in two 64-bit halves */
        breaks = _mm_add_epi64(breaks, _mm_sad_epu8(_mm_sub_epi8(zero, at_nl), zero));
    }
    *lines += breaks_sum(breaks);
#endif
    for (; i + 1 < len; i++) {
        if (s[i] == '\n') {
            ++*lines;
            if (s[i + 1] == a || s[i + 1] == b)
                return i + 1;
        }
    }
    return len;
}

/* The first line from line start c on that is `fence` (or `alt`), or len;
 * *lines counts the lines before it. */
static size_t find_close(const char *s, size_t len, size_t c, const char *fence,
                         const char *alt, unsigned *lines) {
    char a = fence[0], b = alt ? alt[0] : fence[0];
    for (; c < len; ++*lines, c++) {
        if ((c = fence_candidate(s, len, c, a, b, lines)) == len)
            break;
        size_t e = line_end(s, len, c);
        if (is_fence(s, c, e, fence) || (alt && is_fence(s, c, e, alt)))
            return c;
        c = e; /* past its '\n' (or len) next */
    }
    return len;
}

static int split_fenced(const char *s, size_t len, size_t p, unsigned line,
                        const char *fence, const char *alt, unsigned options, fm_parts *out,
                        fm_error *err) {
    size_t open_end = fence_line_end(s, len, p);
    if (open_end == len) /* the fence is the last line, no newline */
        return fail_unterminated(s, len, p, options, out, err, fence);
    size_t f = open_end + 1;
    unsigned lines = 0;
    size_t c = find_close(s, len, f, fence, alt, &lines);
    if (c == len)
        return fail_unterminated(s, len, p, options, out, err, fence);
    size_t e = fence_line_end(s, len, c);
    set_parts(s, len, p, open_end, f, c, e < len ? e + 1 : len, line, lines, out);
    return 0;
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

/* After split_fenced or split_json (rc): on failure, every field of out
 * but format and bom_len cleared, as fm_split leaves them. */
static int clear_rest(int rc, fm_parts *out) {
    if (rc != 0) {
        fm_format format = out->format;
        size_t bom_len = out->bom_len;
        fmp_zero(out, sizeof *out);
        out->format = format;
        out->bom_len = bom_len;
    }
    return rc;
}

/* What split (open) makes of a text that starts with "---\n" (no BOM, no
 * blank line, the fence alone on its line): set_parts' values for it,
 * without looking any further. */
static int open_at_start(const char *s, size_t len, fm_parts *out) {
    out->format = FM_FORMAT_YAML;
    out->bom_len = 0;
    out->lead = out->open_fence = s;
    out->lead_len = 0;
    out->open_fence_len = 4;
    out->front = s + 4;
    out->front_len = len - 4;
    out->close_fence = out->body = s + len;
    out->close_fence_len = out->body_len = 0;
    out->front_line = out->body_line = 2;
    out->crlf = 0;
    return 1;
}

/* fm_split; with `open`, YAML and TOML front matter whose opening fence
 * line ends with a line break is left open (see fmp_split_open). */
static int split(const char *s, size_t len, unsigned options, fm_parts *out, fm_error *err,
                 bool open) {
    if (!out || (!s && len))
        return fmp_fail(err, FM_ERR_ARG, "fm_split: NULL argument");
    if (!s)
        s = "";
    if (check_encoding(s, len, err) != 0) {
        fmp_zero(out, sizeof *out);
        return -1;
    }
    /* Every way out below sets all the other fields (set_parts,
     * set_no_front_matter, clear_rest): no memset of the whole struct. */
    out->format = FM_FORMAT_NONE;
    out->bom_len = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t p = out->bom_len;
    unsigned line = 1;
    for (; p < len && is_blank_line(s, len, p); line++)
        p = next_line(s, len, p);
    if (p < len && is_fence_line(s, len, p, "---")) {
        out->format = FM_FORMAT_YAML;
        size_t e = fence_line_end(s, len, p);
        if (open && e < len) { /* the front so far: all the rest */
            set_parts(s, len, p, e, e + 1, len, len, line, 0, out);
            return 1;
        }
        return clear_rest(split_fenced(s, len, p, line, "---", "...", options, out, err),
                          out);
    }
    if (p < len && is_fence_line(s, len, p, "+++")) {
        out->format = FM_FORMAT_TOML;
        size_t e = fence_line_end(s, len, p);
        if (open && e < len) { /* as YAML's above */
            set_parts(s, len, p, e, e + 1, len, len, line, 0, out);
            return 1;
        }
        return clear_rest(split_fenced(s, len, p, line, "+++", NULL, options, out, err),
                          out);
    }
    /* `{{< shortcode >}}` and `{% tag %}` open template syntax, not JSON. */
    bool template = p + 1 < len && s[p] == '{' && (s[p + 1] == '{' || s[p + 1] == '%');
    if (p < len && s[p] == '{' && !template) {
        out->format = FM_FORMAT_JSON;
        return clear_rest(split_json(s, len, p, line, options, out, err), out);
    }
    set_no_front_matter(s, len, out);
    return 0;
}

int fm_split(const char *s, size_t len, unsigned options, fm_parts *out, fm_error *err) {
    return split(s, len, options, out, err, false);
}

int fmp_split_open(const char *s, size_t len, unsigned options, fm_parts *out,
                   fm_error *err) {
    if (out && s && len >= 4 && s[3] == '\n' && s[0] == '-' && s[1] == '-' && s[2] == '-')
        return open_at_start(s, len, out); /* most files */
    return split(s, len, options, out, err, true);
}

int fmp_split_close(const char *s, size_t len, unsigned options, fm_parts *out,
                    fm_error *err) {
    bool toml = out->format == FM_FORMAT_TOML;
    return split_fenced(s, len, (size_t)(out->open_fence - s), out->front_line - 1,
                        toml ? "+++" : "---", toml ? NULL : "...", options, out, err);
}

size_t fmp_split_find_close(const char *s, size_t len, size_t c) {
    unsigned lines = 0;
    return find_close(s, len, c, "---", "...", &lines);
}

bool fmp_split_is_close_line(const char *s, size_t len, size_t c) {
    size_t e = any_line_end(s, len, c);
    return is_fence(s, c, e, "---") || is_fence(s, c, e, "...");
}

size_t fmp_split_toml_find_close(const char *s, size_t len, size_t c) {
    unsigned lines = 0;
    return find_close(s, len, c, "+++", NULL, &lines);
}

bool fmp_split_toml_is_close(const char *s, size_t len, size_t c) {
    return is_fence_line(s, len, c, "+++");
}

/* set_parts as split_fenced calls it, for the fields the open split left
 * open: the lead, the opening fence, front_line and crlf stay as they are. */
void fmp_split_close_at(const char *s, size_t len, size_t c, unsigned front_lines,
                        fm_parts *out) {
    size_t e = any_line_end(s, len, c);
    size_t b = e < len ? e + 1 : len;
    out->front_len = (size_t)(s + c - out->front);
    out->close_fence = s + c;
    out->close_fence_len = b - c;
    out->body = s + b;
    out->body_len = len - b;
    out->body_line = out->front_line + front_lines + (b > c && s[b - 1] == '\n');
}
