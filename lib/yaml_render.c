/* SPDX-License-Identifier: MIT */
/* yaml_render.c - values to YAML (or JSON) source text: when a scalar may stay
 * plain, quoting, block scalars, block and flow collections, and the
 * habits of an existing block (indentation, quoting, list form). */
#include "private.h"

#include <stdio.h>
#include <string.h>

/* ===================================================================== */
/* Characters                                                            */
/* ===================================================================== */

/* Printable in YAML and not a line break or BOM that a reader might fold. */
static bool safe_char(uint32_t c) {
    if (c < 0x20 || c == 0x7F)
        return false;
    if (c >= 0x80 && c <= 0x9F)
        return false;
    if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF)
        return false;
    if (c >= 0xD800 && c <= 0xDFFF)
        return false;
    return c <= 0x10FFFF;
}

static bool is_flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Every code point passes safe_char, or is one of the allowed extras. */
static bool all_safe(const char *s, size_t len, bool tab_ok, bool newline_ok) {
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) { /* printable ASCII: safe, one byte */
            i++;
            continue;
        }
        uint32_t c;
        size_t n = fmp_utf8_decode(s + i, len - i, &c);
        if (n == 0)
            return false;
        bool ok = safe_char(c) || (tab_ok && c == '\t') || (newline_ok && c == '\n');
        if (!ok)
            return false;
        i += n;
    }
    return true;
}

/* ===================================================================== */
/* Which styles can hold a string                                        */
/* ===================================================================== */

/* What a byte is to a plain scalar: PLAIN_STOP, a byte plain_text_ok must
 * look at (not printable ASCII, or `:`, `#`, `?` and the flow indicators);
 * PLAIN_FIRST, a byte that starts a plain scalar only in some cases (an
 * indicator, or NUL: the byte strchr found in the indicators' string). */
#define PLAIN_STOP 1
#define PLAIN_FIRST 2
static const uint8_t plain_class[256] = {
    3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* NUL, controls */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 2, 2, 3, 0, 2, 2, 2, 0, 0, 2, 0, 3, 2, 0, 0, /*  !"#$%&'()*+,-./ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 3, /* 0-9 :;<=>? */
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* @A-O */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0, 0, /* P-Z [\]^_ */
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* `a-o */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2, 3, 0, 1, /* p-z {|}~ DEL */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80-0xFF */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

/* `-x` starts a plain scalar when x is a safe non-space (in flow, not a flow
 * indicator); `?x` and `:x` only outside flow collections (libyaml and
 * PyYAML take `?` and `:` there as indicators). */
static bool plain_start_ok(const char *s, size_t len, bool flow) {
    char c = s[0];
    if (!(plain_class[(unsigned char)c] & PLAIN_FIRST))
        return true;
    if (len < 2 || s[1] == ' ' || s[1] == '\t')
        return false;
    if (c == '-')
        return !flow || !is_flow_indicator(s[1]);
    return (c == '?' || c == ':') && !flow;
}

/* The first byte of s[i..len) that plain_text_ok must look at, or len:
 * four bytes a step while none of them is one. */
FMP_HOT static size_t next_plain_stop(const unsigned char *s, size_t i, size_t len) {
    while (i + 4 <= len && !((plain_class[s[i]] | plain_class[s[i + 1]] |
                              plain_class[s[i + 2]] | plain_class[s[i + 3]]) &
                             PLAIN_STOP))
        i += 4;
    while (i < len && !(plain_class[s[i]] & PLAIN_STOP))
        i++;
    return i;
}

/* No `: ` nor ` #` in s (in flow: no flow indicator, `?` or `:` before one),
 * and every character safe: one pass over the bytes, all_safe only when one
 * is not printable ASCII. */
FMP_HOT static bool plain_text_ok(const char *s, size_t len, bool flow) {
    const unsigned char *u = (const unsigned char *)s;
    bool ascii = true;
    for (size_t i = next_plain_stop(u, 0, len); i < len;
         i = next_plain_stop(u, i + 1, len)) {
        unsigned char c = u[i];
        if (c < 0x20 || c >= 0x7F) {
            ascii = false;
        } else if (c == ':') {
            char next = i + 1 < len ? s[i + 1] : ' ';
            if (next == ' ' || (flow && is_flow_indicator(next)))
                return false;
        } else if (c == '#') {
            if (i > 0 && s[i - 1] == ' ')
                return false;
        } else if (flow) { /* a flow indicator, or `?`: PyYAML ends plain there */
            return false;
        }
    }
    return ascii || all_safe(s, len, false, false);
}

FMP_HOT bool fmp_plain_ok(const char *s, size_t len, fmp_ctx ctx) {
    /* a key may be written in a flow mapping: it follows the flow rules */
    bool flow = ctx != FMP_CTX_BLOCK;
    if (len == 0 || !plain_start_ok(s, len, flow))
        return false;
    if (s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':')
        return false;
    if (len >= 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0))
        return false;
    if (ctx == FMP_CTX_KEY && len > 1024)
        return false;
    return plain_text_ok(s, len, flow) && !fmp_plain_is_ambiguous(s, len);
}

static bool single_ok(const char *s, size_t len) {
    return all_safe(s, len, true, false);
}

bool fmp_yaml_printable(const char *s, size_t len) {
    return single_ok(s, len);
}

/* A literal block can hold text with line breaks whose first line does not
 * start with a blank and that has no line of only blanks. */
static bool literal_ok(const char *s, size_t len) {
    if (!memchr(s, '\n', len) || !all_safe(s, len, true, true))
        return false;
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
        return false;
    size_t line = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '\n') {
            bool blank_only = i > line;
            for (size_t k = line; k < i; k++)
                if (s[k] != ' ' && s[k] != '\t')
                    blank_only = false;
            if (blank_only)
                return false;
            line = i + 1;
        }
    }
    return true;
}

/* ===================================================================== */
/* Writing scalars                                                       */
/* ===================================================================== */

static void write_single(fmp_buf *b, const char *s, size_t len) {
    fmp_buf_putc(b, '\'');
    for (size_t i = 0; i < len;) {
        const char *q = memchr(s + i, '\'', len - i);
        size_t run = q ? (size_t)(q - s) + 1 - i : len - i; /* up to a quote */
        fmp_buf_put(b, s + i, run);
        if (q)
            fmp_buf_putc(b, '\''); /* doubled */
        i += run;
    }
    fmp_buf_putc(b, '\'');
}

/* How many bytes from s on write_double copies as they are: printable ASCII
 * but `"` and `\`. */
static size_t double_run(const char *s, size_t len) {
    size_t i = 0;
    while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F &&
           s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

/* Double-quoted with escapes valid in both YAML and JSON. */
static void write_double(fmp_buf *b, const char *s, size_t len) {
    fmp_buf_putc(b, '"');
    for (size_t i = 0; i < len;) {
        size_t run = double_run(s + i, len - i);
        if (run) {
            fmp_buf_put(b, s + i, run);
            i += run;
            continue;
        }
        uint32_t c;
        size_t n = fmp_utf8_decode(s + i, len - i, &c);
        char esc[16];
        if (c == '"')
            fmp_buf_puts(b, "\\\"");
        else if (c == '\\')
            fmp_buf_puts(b, "\\\\");
        else if (c == '\n')
            fmp_buf_puts(b, "\\n");
        else if (c == '\t')
            fmp_buf_puts(b, "\\t");
        else if (c == '\r')
            fmp_buf_puts(b, "\\r");
        else if (!safe_char(c) && c <= 0xFFFF) {
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
            fmp_buf_puts(b, esc);
        } else
            fmp_buf_put(b, s + i, n);
        i += n;
    }
    fmp_buf_putc(b, '"');
}

/* `|`, `|-` or `|+` and the lines at `indent`; no final line break (the
 * caller writes it). */
static void write_literal(fmp_buf *b, const char *s, size_t len, size_t indent,
                          const fmp_habits *h) {
    size_t trailing = 0;
    while (trailing < len && s[len - 1 - trailing] == '\n')
        trailing++;
    fmp_buf_puts(b, trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    size_t end = len - trailing, line = 0;
    for (size_t i = 0; i <= end; i++) {
        if (i == end || s[i] == '\n') {
            fmp_buf_puts(b, h->nl);
            if (i > line) {
                fmp_buf_spaces(b, indent);
                fmp_buf_put(b, s + line, i - line);
            }
            line = i + 1;
        }
    }
    for (size_t k = 1; k < trailing; k++)
        fmp_buf_puts(b, h->nl);
}

static void write_folded_line(fmp_buf *b, const char *s, size_t len, size_t indent,
                              const fmp_habits *h) {
    fmp_buf_puts(b, ">-");
    fmp_buf_puts(b, h->nl);
    fmp_buf_spaces(b, indent);
    fmp_buf_put(b, s, len);
}

/* The quoting habit (scanned now for fmp_habits_lazy's habits). */
static fm_style quote_habit(const fmp_habits *h) {
    if (!h->unscanned)
        return h->quote_style;
    fmp_habits scanned;
    fmp_habits_detect(h->unscanned, &scanned);
    return scanned.quote_style;
}

static void write_quoted(fmp_buf *b, const char *s, size_t len, fm_style quote) {
    if (quote == FM_STYLE_SINGLE_QUOTED && single_ok(s, len))
        write_single(b, s, len);
    else
        write_double(b, s, len);
}

FMP_HOT static void write_string(fmp_buf *b, const char *s, size_t len, fm_style want,
                                 fmp_ctx ctx, size_t indent, const fmp_habits *h) {
    if (h->json) {
        write_double(b, s, len);
        return;
    }
    if (want == FM_STYLE_ANY)
        want = memchr(s, '\n', len) && ctx == FMP_CTX_BLOCK ? FM_STYLE_LITERAL
                                                            : h->string_style;
    bool block = ctx == FMP_CTX_BLOCK;
    if ((want == FM_STYLE_LITERAL || want == FM_STYLE_FOLDED) && block && literal_ok(s, len)) {
        write_literal(b, s, len, indent, h);
        return;
    }
    if (want == FM_STYLE_FOLDED && block && len > 0 && !memchr(s, '\n', len) &&
        s[0] != ' ' && s[len - 1] != ' ' && all_safe(s, len, false, false)) {
        write_folded_line(b, s, len, indent, h);
        return;
    }
    if (want == FM_STYLE_PLAIN || want == FM_STYLE_LITERAL || want == FM_STYLE_FOLDED) {
        if (fmp_plain_ok(s, len, ctx))
            fmp_buf_put(b, s, len);
        else
            write_quoted(b, s, len, quote_habit(h));
        return;
    }
    write_quoted(b, s, len, want);
}

/* JSON has no .inf or .nan; everything else has a JSON spelling. */
static int write_json_scalar(fmp_buf *b, const fm_value *v) {
    char num[64];
    switch (v->type) {
    case FM_NULL:
        fmp_buf_puts(b, "null");
        return 0;
    case FM_BOOL:
        fmp_buf_puts(b, v->u.b ? "true" : "false");
        return 0;
    case FM_INT:
        snprintf(num, sizeof num, "%lld", (long long)v->u.i);
        fmp_buf_puts(b, num);
        return 0;
    case FM_FLOAT:
        if (v->u.f != v->u.f || v->u.f > 1.7976931348623157e308 ||
            v->u.f < -1.7976931348623157e308)
            return -1;
        fmp_buf_put(b, num, fmp_format_float(v->u.f, num, sizeof num));
        return 0;
    default:
        write_double(b, v->text, v->text_len);
        return 0;
    }
}

/* Ints in decimal; floats as their text when every reader types it alike
 * (`1.50` stays), else as fmp_format_float writes them (YAML 1.1 readers take
 * `012` as octal, `0o17` and `1e3` as strings); timestamps as RFC 3339,
 * except that a time without a zone is written with a space (Go's yaml reads
 * `2025-01-01T10:00:00` as a string). */
static void write_typed(fmp_buf *b, const fm_value *v) {
    char buf[64];
    size_t n = 0;
    if (v->type == FM_INT) {
        n = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)v->u.i);
    } else if (v->type == FM_FLOAT && !fmp_float_text_portable(v->text, v->text_len)) {
        n = fmp_format_float(v->u.f, buf, sizeof buf);
    } else if (v->type == FM_TIMESTAMP) {
        n = fm_datetime_format(&v->u.dt, buf, sizeof buf);
        if (n > 10 && n < sizeof buf && !(v->u.dt.flags & FM_DT_HAS_OFFSET))
            buf[10] = ' ';
    }
    if (n == 0 || n >= sizeof buf)
        fmp_buf_put(b, v->text, v->text_len);
    else
        fmp_buf_put(b, buf, n);
}

FMP_HOT int fmp_render_scalar(fmp_buf *b, const fm_value *v, fm_style want, fmp_ctx ctx,
                              size_t indent, const fmp_habits *h) {
    if (h->json)
        return write_json_scalar(b, v);
    if (want == FM_STYLE_ANY && h->keep_styles)
        want = (fm_style)v->style;
    switch (v->type) {
    case FM_STRING:
        write_string(b, v->text, v->text_len, want, ctx, indent, h);
        return 0;
    case FM_NULL:
        fmp_buf_puts(b, "null");
        return 0;
    case FM_BOOL:
        fmp_buf_puts(b, v->u.b ? "true" : "false");
        return 0;
    default:
        write_typed(b, v);
        return 0;
    }
}

void fmp_render_key(fmp_buf *b, const char *key, size_t len, fm_style want,
                    const fmp_habits *h) {
    if (h->json || want == FM_STYLE_DOUBLE_QUOTED)
        write_double(b, key, len);
    else if (want == FM_STYLE_SINGLE_QUOTED && single_ok(key, len))
        write_single(b, key, len);
    else if (fmp_plain_ok(key, len, FMP_CTX_KEY))
        fmp_buf_put(b, key, len);
    else
        write_quoted(b, key, len, quote_habit(h));
}

/* ===================================================================== */
/* Collections                                                           */
/* ===================================================================== */

static bool is_collection(const fm_value *v) {
    return v->type == FM_SEQUENCE || v->type == FM_MAPPING;
}

/* A collection the habits write in flow form whatever its size. */
static bool keeps_flow(const fm_value *v, const fmp_habits *h) {
    return h->keep_styles && v->style == FM_STYLE_FLOW;
}

static const char *key_text(const fm_value *k, size_t *len) {
    *len = k->text ? k->text_len : 0;
    return k->text ? k->text : "";
}

int fmp_render_flow(fmp_buf *b, const fm_value *v, fm_style item_style,
                    const fmp_habits *h) {
    if (!is_collection(v))
        return fmp_render_scalar(b, v, item_style, FMP_CTX_FLOW, 0, h);
    bool map = v->type == FM_MAPPING;
    fmp_buf_putc(b, map ? '{' : '[');
    for (size_t i = 0; i < v->count; i++) {
        if (i)
            fmp_buf_puts(b, ", ");
        const fm_value *item = map ? fmp_map_val(v, i) : v->u.items[i];
        if (map) {
            size_t klen;
            const char *k = key_text(fmp_map_key(v, i), &klen);
            fmp_render_key(b, k, klen, FM_STYLE_ANY, h);
            fmp_buf_puts(b, ": ");
        }
        if (fmp_render_flow(b, item, item_style, h) != 0)
            return -1;
    }
    fmp_buf_putc(b, map ? '}' : ']');
    return 0;
}

static int render_block_sequence(fmp_buf *b, const fm_value *v, size_t col,
                                 fm_style item_style, const fmp_habits *h);
static int render_block_mapping(fmp_buf *b, const fm_value *v, size_t col,
                                fm_style item_style, const fmp_habits *h);

int fmp_render_after_colon(fmp_buf *b, const fm_value *v, size_t col, fm_style want,
                           const fmp_habits *h) {
    if (h->json) {
        fmp_buf_putc(b, ' ');
        return fmp_render_flow(b, v, h->item_style, h);
    }
    if (!is_collection(v)) {
        fmp_buf_putc(b, ' ');
        return fmp_render_scalar(b, v, want, FMP_CTX_BLOCK, col + h->map_indent, h);
    }
    if (v->count == 0 || (v->type == FM_SEQUENCE && h->flow_lists) || keeps_flow(v, h)) {
        fmp_buf_putc(b, ' ');
        return fmp_render_flow(b, v, h->item_style, h);
    }
    size_t inner = col + (v->type == FM_SEQUENCE ? h->seq_indent : h->map_indent);
    fmp_buf_puts(b, h->nl);
    fmp_buf_spaces(b, inner);
    return fmp_render_block(b, v, inner, h->item_style, h);
}

static int render_block_mapping(fmp_buf *b, const fm_value *v, size_t col,
                                fm_style item_style, const fmp_habits *h) {
    (void)item_style;
    for (size_t i = 0; i < v->count; i++) {
        if (i) {
            fmp_buf_puts(b, h->nl);
            fmp_buf_spaces(b, col);
        }
        size_t klen;
        const char *k = key_text(fmp_map_key(v, i), &klen);
        fmp_render_key(b, k, klen, FM_STYLE_ANY, h);
        fmp_buf_putc(b, ':');
        if (fmp_render_after_colon(b, fmp_map_val(v, i), col, FM_STYLE_ANY, h) != 0)
            return -1;
    }
    return 0;
}

static int render_block_sequence(fmp_buf *b, const fm_value *v, size_t col,
                                 fm_style item_style, const fmp_habits *h) {
    for (size_t i = 0; i < v->count; i++) {
        const fm_value *item = v->u.items[i];
        if (i) {
            fmp_buf_puts(b, h->nl);
            fmp_buf_spaces(b, col);
        }
        fmp_buf_puts(b, "- ");
        int rc;
        if (item->type == FM_MAPPING && item->count > 0 && !keeps_flow(item, h))
            rc = render_block_mapping(b, item, col + 2, item_style, h);
        else if (is_collection(item))
            rc = fmp_render_flow(b, item, item_style, h);
        else
            rc = fmp_render_scalar(b, item, item_style, FMP_CTX_BLOCK, col + 2, h);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int fmp_render_block(fmp_buf *b, const fm_value *v, size_t col, fm_style item_style,
                     const fmp_habits *h) {
    if (h->json || !is_collection(v) || v->count == 0)
        return fmp_render_flow(b, v, item_style, h);
    if (v->type == FM_SEQUENCE)
        return render_block_sequence(b, v, col, item_style, h);
    return render_block_mapping(b, v, col, item_style, h);
}

/* ===================================================================== */
/* Habits                                                                */
/* ===================================================================== */

typedef struct style_count {
    size_t plain, single, dbl;
} style_count;

static void count_style(style_count *c, const fm_value *v) {
    if (v->type != FM_STRING || (v->flags & FMP_ALIAS))
        return;
    if (v->style == FM_STYLE_PLAIN)
        c->plain++;
    else if (v->style == FM_STYLE_SINGLE_QUOTED)
        c->single++;
    else if (v->style == FM_STYLE_DOUBLE_QUOTED)
        c->dbl++;
}

static fm_style majority(const style_count *c) {
    if (c->dbl > c->plain && c->dbl >= c->single)
        return FM_STYLE_DOUBLE_QUOTED;
    if (c->single > c->plain && c->single > c->dbl)
        return FM_STYLE_SINGLE_QUOTED;
    return FM_STYLE_PLAIN;
}

/* Indentation of a block collection value relative to its key. */
static void note_indent(fmp_habits *h, const fm_value *key, const fm_value *v, bool *map_seen,
                        bool *seq_seen) {
    if (v->style != FM_STYLE_BLOCK || v->count == 0 || (v->flags & FMP_ALIAS) ||
        v->line == key->line)
        return;
    if (v->type == FM_MAPPING && !*map_seen && v->column > key->column) {
        h->map_indent = v->column - key->column;
        *map_seen = true;
    } else if (v->type == FM_SEQUENCE && !*seq_seen && v->column >= key->column) {
        h->seq_indent = v->column - key->column;
        *seq_seen = true;
    }
}

FMP_HOT void fmp_habits_lazy(const fmp_snap *snap, fmp_habits *h) {
    memset(h, 0, sizeof *h);
    h->map_indent = 2;
    h->seq_indent = 2;
    h->nl = snap->parts.crlf ? "\r\n" : "\n";
    h->json = snap->parts.format == FM_FORMAT_JSON;
    h->unscanned = snap;
}

void fmp_habits_detect(const fmp_snap *snap, fmp_habits *h) {
    fmp_habits_lazy(snap, h);
    h->unscanned = NULL;
    style_count strings = {0, 0, 0}, items = {0, 0, 0};
    size_t flow = 0, block = 0;
    bool map_seen = false, seq_seen = false;
    const fm_value *root = snap->root;
    for (size_t i = 0; i < root->count; i++) {
        const fm_value *k = fmp_map_key(root, i), *v = fmp_map_val(root, i);
        count_style(&strings, v);
        note_indent(h, k, v, &map_seen, &seq_seen);
        if (v->type == FM_SEQUENCE && !(v->flags & FMP_ALIAS) && v->count > 0) {
            flow += v->style == FM_STYLE_FLOW;
            block += v->style == FM_STYLE_BLOCK;
            for (size_t j = 0; j < v->count; j++)
                count_style(&items, v->u.items[j]);
        }
    }
    h->string_style = majority(&strings);
    h->item_style = majority(&items);
    h->quote_style = strings.single + items.single > strings.dbl + items.dbl
                         ? FM_STYLE_SINGLE_QUOTED
                         : FM_STYLE_DOUBLE_QUOTED;
    h->flow_lists = flow > block;
}
