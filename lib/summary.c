/* SPDX-License-Identifier: MIT */
/* summary.c - words of the plain text: counting (CJK aware), reading time,
 * and the summary rules (<!--more-->, separator, front matter, first words). */
#include "private.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND ((size_t)-1)
#define DEFAULT_SUMMARY_WORDS 70
#define WORDS_PER_MINUTE 213 /* Hugo's reading speed */
#define CJK_PER_MINUTE 500   /* Hugo's reading speed for CJK text */

const char *fm_summary_rule_name(fm_summary_rule rule) {
    switch (rule) {
    case FM_SUMMARY_MORE:
        return "more";
    case FM_SUMMARY_SEPARATOR:
        return "separator";
    case FM_SUMMARY_FRONT_MATTER:
        return "front-matter";
    case FM_SUMMARY_WORDS:
        return "words";
    case FM_SUMMARY_BODY:
        return "body";
    default:
        return "empty";
    }
}

/* ===================================================================== */
/* Characters and words                                                  */
/* ===================================================================== */

/* White_Space characters of Unicode. */
static bool is_uspace(uint32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* CJK punctuation (ideographic comma and full stop, brackets, fullwidth
 * punctuation): it separates words and is no word itself. */
static bool is_cjk_punct(uint32_t c) {
    return (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65);
}

/* Han, Hiragana, Katakana and Hangul letters. */
static bool is_cjk(uint32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) || /* Hangul Jamo */
           (c >= 0x3040 && c <= 0x30FF) || /* Hiragana, Katakana */
           (c >= 0x3130 && c <= 0x318F) || /* Hangul compatibility Jamo */
           (c >= 0x31F0 && c <= 0x31FF) || /* Katakana extensions */
           (c >= 0x3400 && c <= 0x4DBF) || /* Han extension A */
           (c >= 0x4E00 && c <= 0x9FFF) || /* Han */
           (c >= 0xAC00 && c <= 0xD7AF) || /* Hangul syllables */
           (c >= 0xF900 && c <= 0xFAFF) || /* Han compatibility */
           (c >= 0xFF66 && c <= 0xFF9F) || /* half-width Katakana */
           (c >= 0x20000 && c <= 0x3134F); /* Han extensions B to G */
}

static bool is_separator(uint32_t c) {
    return is_uspace(c) || is_cjk_punct(c);
}

/* The code point at s[i] (U+FFFD for an invalid byte) and its length. */
static size_t cp_at(const char *s, size_t len, size_t i, uint32_t *c) {
    if ((unsigned char)s[i] < 0x80) {
        *c = (unsigned char)s[i];
        return 1;
    }
    return fmp_utf8_decode(s + i, len - i, c);
}

/* The next word of s from *pos, as [*start, *end): a run of characters
 * between separators; with cjk, each CJK character is a word of its own.
 * Returns false when no word is left. */
static bool next_word(const char *s, size_t len, size_t *pos, bool cjk, size_t *start,
                      size_t *end) {
    size_t i = *pos;
    uint32_t c = 0;
    size_t n = 0;
    while (i < len) {
        n = cp_at(s, len, i, &c);
        if (!is_separator(c))
            break;
        i += n;
    }
    if (i >= len) {
        *pos = len;
        return false;
    }
    *start = i;
    i += n;
    if (!(cjk && is_cjk(c))) {
        while (i < len) {
            n = cp_at(s, len, i, &c);
            if (is_separator(c) || (cjk && is_cjk(c)))
                break;
            i += n;
        }
    }
    *end = *pos = i;
    return true;
}

/* Counts the CJK characters of s; the text counts as CJK (returns true) when
 * they make at least half of its characters other than separators, or when
 * options has FM_OPT_CJK. */
static bool detect_cjk(const char *s, size_t len, unsigned options, size_t *cjk_chars) {
    size_t cjk = 0, other = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += cp_at(s, len, i, &c);
        if (is_cjk(c))
            cjk++;
        else if (!is_separator(c))
            other++;
    }
    *cjk_chars = cjk;
    return (options & FM_OPT_CJK) || (cjk > 0 && cjk >= other);
}

/* ===================================================================== */
/* Word count and reading time                                           */
/* ===================================================================== */

static void text_stats(const char *s, size_t len, unsigned options, fm_body_stats *out) {
    memset(out, 0, sizeof *out);
    out->cjk = detect_cjk(s, len, options, &out->cjk_characters);
    size_t pos = 0, start, end;
    while (next_word(s, len, &pos, out->cjk, &start, &end))
        out->words++;
    size_t speed = out->cjk ? CJK_PER_MINUTE : WORDS_PER_MINUTE;
    out->reading_time = (unsigned)(out->words / speed + (out->words % speed != 0));
}

int fm_body_stats_get(fm_body body, unsigned options, fm_body_stats *out, fm_error *err) {
    if (!out)
        return fmp_fail(err, FM_ERR_ARG, "stats output is NULL");
    size_t len;
    char *text = fm_body_text(body, options, &len, err);
    if (!text)
        return -1;
    text_stats(text, len, options, out);
    free(text);
    return 0;
}

/* ===================================================================== */
/* Summary parts                                                         */
/* ===================================================================== */

static bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

/* True when the line s[0..n) (no line break) holds only a Hugo divider. */
static bool is_more_line(const char *s, size_t n) {
    while (n > 0 && is_blank(*s))
        s++, n--;
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    return (n == 11 && memcmp(s, "<!--more-->", 11) == 0) ||
           (n == 13 && memcmp(s, "<!-- more -->", 13) == 0);
}

/* Offset of the first divider line, or NOT_FOUND. */
static size_t find_more_line(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        if (is_more_line(s + i, end - i))
            return i;
        i = end + 1;
    }
    return NOT_FOUND;
}

/* Offset of the first occurrence of sep in s[0..len), or NOT_FOUND. */
static size_t find_string(const char *s, size_t len, const char *sep) {
    size_t n = strlen(sep);
    if (n == 0 || n > len)
        return NOT_FOUND;
    for (size_t i = 0; i + n <= len;) {
        const char *p = memchr(s + i, sep[0], len - n + 1 - i);
        if (!p)
            break;
        i = (size_t)(p - s);
        if (memcmp(p, sep, n) == 0)
            return i;
        i++;
    }
    return NOT_FOUND;
}

/* Narrows s[*off, *off + *len) to drop leading blank lines and trailing
 * whitespace (a summary's Markdown never ends in a line break). */
static void trim_part(const char *s, size_t *off, size_t *len) {
    size_t b = *off, e = *off + *len, i = b;
    while (i < e && (is_blank(s[i]) || s[i] == '\n')) {
        if (s[i++] == '\n')
            b = i;
    }
    while (e > b && (is_blank(s[e - 1]) || s[e - 1] == '\n'))
        e--;
    *off = b;
    *len = e - b;
}

/* One allocation: the struct, then the Markdown, then the text. */
static fm_summary *summary_new(fm_summary_rule rule, int truncated, const char *md,
                               size_t md_len, const char *text, size_t text_len,
                               fm_error *err) {
    fm_summary *s = malloc(sizeof(fm_summary) + md_len + text_len + 2);
    if (!s) {
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    char *p = (char *)(s + 1);
    s->rule = rule;
    s->truncated = truncated;
    s->markdown = p;
    s->markdown_len = md_len;
    if (md_len)
        memcpy(p, md, md_len);
    p[md_len] = '\0';
    s->text = p + md_len + 1;
    s->text_len = text_len;
    if (text_len)
        memcpy(s->text, text, text_len);
    s->text[text_len] = '\0';
    return s;
}

static void put_buf(void *b, const char *s, size_t len) {
    fmp_buf_put(b, s, len);
}

/* A summary whose Markdown is md[0..len) (trimmed, with the body's rule for
 * bytes that are not UTF-8) and whose text is the plain text of that
 * Markdown. */
static fm_summary *summary_of_markdown(fm_summary_rule rule, int truncated,
                                       const char *md, size_t len, unsigned options,
                                       fm_error *err) {
    size_t off = 0, text_len;
    trim_part(md, &off, &len);
    fmp_buf clean;
    fmp_buf_init(&clean, fmp_allocator_or_default(NULL));
    fmp_utf8_repair(md + off, len, put_buf, &clean);
    fm_body part = {clean.data ? clean.data : "", clean.len, 1};
    char *text = clean.failed ? NULL : fm_body_text(part, options, &text_len, err);
    fm_summary *s = NULL;
    if (clean.failed)
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    else if (text)
        s = summary_new(rule, truncated, part.text, part.len, text, text_len, err);
    free(text);
    fmp_buf_free(&clean);
    return s;
}

/* ===================================================================== */
/* First words                                                           */
/* ===================================================================== */

/* Closing marks that may follow a sentence's final stop. */
static bool is_closer(uint32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x2019 || c == 0x201D ||
           c == 0x300D || c == 0x300F || c == 0xFF09;
}

/* Offset just past the last sentence end in s[0..limit), or 0 when none: a
 * '.', '!' or '?' (then optional closing quotes or brackets) followed by
 * whitespace or the end of the text, or an ideographic '。', '！', '？'. */
static size_t last_sentence_end(const char *s, size_t limit, size_t len) {
    size_t best = 0;
    for (size_t i = 0; i < limit;) {
        uint32_t c, d;
        i += cp_at(s, len, i, &c);
        bool ascii = c == '.' || c == '!' || c == '?';
        if (!ascii && c != 0x3002 && c != 0xFF01 && c != 0xFF1F)
            continue;
        size_t j = i, n;
        while (j < limit && (n = cp_at(s, len, j, &d), is_closer(d)))
            j += n;
        if (!ascii || j == len || (cp_at(s, len, j, &d), is_uspace(d)))
            best = j;
    }
    return best;
}

/* Length of the summary of s: all of it when it has at most `limit` words,
 * else up to the last sentence end among the first `limit` words, or up to
 * the end of the limit-th word when no sentence ends there. */
static size_t cut_words(const char *s, size_t len, size_t limit, bool cjk) {
    size_t pos = 0, start, end, count = 0, last_end = 0;
    while (next_word(s, len, &pos, cjk, &start, &end)) {
        if (count == limit) {
            size_t sentence = last_sentence_end(s, last_end, len);
            return sentence ? sentence : last_end;
        }
        count++;
        last_end = end;
    }
    return len;
}

static fm_summary *summary_of_words(fm_body body, const fm_summary_options *o,
                                    fm_error *err) {
    size_t len, cjk_chars;
    char *text = fm_body_text(body, o->options, &len, err);
    if (!text)
        return NULL;
    bool cjk = detect_cjk(text, len, o->options, &cjk_chars);
    size_t limit = o->words ? o->words : DEFAULT_SUMMARY_WORDS;
    size_t cut = cut_words(text, len, limit, cjk);
    fm_summary_rule rule = len ? FM_SUMMARY_WORDS : FM_SUMMARY_EMPTY;
    fm_summary *s = summary_new(rule, cut < len, text, cut, text, cut, err);
    free(text);
    return s;
}

/* ===================================================================== */
/* The rules                                                             */
/* ===================================================================== */

void fm_summary_options_init(fm_summary_options *opts) {
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->size = sizeof *opts;
    opts->words = DEFAULT_SUMMARY_WORDS;
}

static bool has_text(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (!is_blank(s[i]) && s[i] != '\n')
            return true;
    return false;
}

/* Zola: the body before <!-- more --> (any blanks inside the comment,
 * anywhere in a line), else no summary. */
static size_t find_zola_more(const char *s, size_t len) {
    for (size_t i = 0; i + 4 <= len; i++) {
        if (memcmp(s + i, "<!--", 4) != 0)
            continue;
        size_t j = i + 4;
        while (j < len && (is_blank(s[j]) || s[j] == '\n'))
            j++;
        if (len - j < 4 || memcmp(s + j, "more", 4) != 0)
            continue;
        j += 4;
        while (j < len && (is_blank(s[j]) || s[j] == '\n'))
            j++;
        if (len - j >= 3 && memcmp(s + j, "-->", 3) == 0)
            return i;
    }
    return NOT_FOUND;
}

static fm_summary *zola_summary(const char *s, size_t len, const fm_summary_options *o,
                                fm_error *err) {
    size_t cut = find_zola_more(s, len);
    if (cut == NOT_FOUND)
        return summary_new(FM_SUMMARY_EMPTY, 0, "", 0, "", 0, err);
    return summary_of_markdown(FM_SUMMARY_MORE, 1, s, cut, o->options, err);
}

/* Jekyll's excerpt: the front matter's, else the body before the
 * separator, else the whole body; an empty separator means none. */
static fm_summary *jekyll_summary(const char *s, size_t len, const char *front,
                                  size_t front_len, const fm_summary_options *o,
                                  fm_error *err) {
    const char *sep = o->separator ? o->separator : "\n\n";
    if (front)
        return summary_of_markdown(FM_SUMMARY_FRONT_MATTER, 0, front, front_len,
                                   o->options, err);
    if (!*sep)
        return summary_new(FM_SUMMARY_EMPTY, 0, "", 0, "", 0, err);
    size_t cut = find_string(s, len, sep);
    if (cut != NOT_FOUND)
        return summary_of_markdown(FM_SUMMARY_SEPARATOR, 1, s, cut, o->options, err);
    return summary_of_markdown(has_text(s, len) ? FM_SUMMARY_BODY : FM_SUMMARY_EMPTY, 0,
                               s, len, o->options, err);
}

/* The caller's options over the defaults: those of version 0.1 (without a
 * dialect) and later are read up to their size. 0, or -1 with err. */
static int options_copy(fm_summary_options *o, const fm_summary_options *opts,
                        fm_error *err) {
    fm_summary_options_init(o);
    if (opts && opts->size < offsetof(fm_summary_options, dialect))
        return fmp_fail(err, FM_ERR_ARG,
                        "summary options not set up by fm_summary_options_init");
    if (opts)
        memcpy(o, opts, opts->size < sizeof *o ? opts->size : sizeof *o);
    o->size = sizeof *o;
    return 0;
}

fm_summary *fm_body_summary(fm_body body, const char *front_summary,
                            size_t front_summary_len, const fm_summary_options *opts,
                            fm_error *err) {
    fm_summary_options o;
    if (options_copy(&o, opts, err) != 0)
        return NULL;
    if (!body.text && body.len) {
        fmp_fail(err, FM_ERR_ARG, "body text is NULL");
        return NULL;
    }
    const char *s = body.text ? body.text : "";
    if (o.dialect == FM_DIALECT_ZOLA)
        return zola_summary(s, body.len, &o, err);
    if (o.dialect == FM_DIALECT_JEKYLL)
        return jekyll_summary(s, body.len, front_summary, front_summary_len, &o, err);
    size_t cut = find_more_line(s, body.len);
    if (cut != NOT_FOUND)
        return summary_of_markdown(FM_SUMMARY_MORE, 1, s, cut, o.options, err);
    if (o.separator && (cut = find_string(s, body.len, o.separator)) != NOT_FOUND)
        return summary_of_markdown(FM_SUMMARY_SEPARATOR, 1, s, cut, o.options, err);
    if (front_summary && has_text(front_summary, front_summary_len))
        return summary_of_markdown(FM_SUMMARY_FRONT_MATTER, 0, front_summary,
                                   front_summary_len, o.options, err);
    return summary_of_words(body, &o, err);
}

void fm_summary_free(fm_summary *summary) {
    free(summary);
}

fm_summary *fm_article_summary(const fm_article *a, const fm_summary_options *opts,
                               fm_error *err) {
    fm_summary_options o;
    if (!a) {
        fmp_fail(err, FM_ERR_ARG, "fm_article_summary: NULL article");
        return NULL;
    }
    if (options_copy(&o, opts, err) != 0)
        return NULL;
    o.dialect = a->dialect;
    fm_str front = a->summary;
    if (a->dialect == FM_DIALECT_JEKYLL) {
        front = a->excerpt;
        if (a->excerpt_separator.ptr)
            o.separator = a->excerpt_separator.ptr;
    }
    return fm_body_summary(fm_article_body_view(a), front.ptr, front.len, &o, err);
}
