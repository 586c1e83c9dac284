/* SPDX-License-Identifier: MIT */
/* slug.c - the body's headings (plain text, whole-file line, unique slug
 * anchor) and the nested table of contents in HTML or Markdown. */
#include "private.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* The list, its items and all their strings live in one arena; the struct
 * itself is the arena's first allocation. */
typedef struct heading_list {
    fm_headings pub;
    fmp_arena arena;
} heading_list;

/* ===================================================================== */
/* Slugs                                                                 */
/* ===================================================================== */

static bool is_uspace(uint32_t c) {
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Whether a non-ASCII character stays in a slug. Without Unicode tables,
 * every character counts as a letter or digit except the punctuation and
 * symbol blocks below: Latin-1 signs, General Punctuation to Miscellaneous
 * Symbols and Arrows, Supplemental Punctuation, CJK and fullwidth
 * punctuation, variation selectors, private use, specials and emoji. */
static bool slug_keeps(uint32_t c) {
    if (c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA; /* ª µ º */
    if (c == 0xD7 || c == 0xF7 || c == 0x37E || c == 0x387)
        return false;
    if (c >= 0x3000 && c <= 0x303F) /* keep 々 〆 〇 and the kana repeat marks */
        return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3031 && c <= 0x3035) ||
               c == 0x303B || c == 0x303C;
    return !((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
             c == 0x30FB || (c >= 0xE000 && c <= 0xF8FF) ||
             (c >= 0xFE00 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) ||
             (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
             (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
             (c >= 0xFFF0 && c <= 0xFFFF) || (c >= 0x1F000 && c <= 0x1FBFF) ||
             (c >= 0xE0000 && c <= 0xE007F));
}

/* Latin Extended-A: upper and lower case alternate, with a shift at 0x139. */
static uint32_t lower_latin_ext_a(uint32_t c) {
    if (c == 0x130)
        return 'i';
    if (c == 0x178)
        return 0xFF;
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool even_upper = (c <= 0x137) || (c >= 0x14A && c <= 0x177);
    if ((odd_upper && (c & 1)) || (even_upper && !(c & 1)))
        return c + 1;
    return c;
}

/* Lowercase for Latin-1, Latin Extended-A, Greek and Cyrillic capitals;
 * other characters are kept as they are. */
static uint32_t slug_lower(uint32_t c) {
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
        (c >= 0x391 && c <= 0x3AB && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (c >= 0x100 && c <= 0x17F)
        return lower_latin_ext_a(c);
    if (c == 0x386)
        return 0x3AC;
    if (c >= 0x388 && c <= 0x38A)
        return c + 0x25;
    if (c == 0x38C)
        return 0x3CC;
    if (c == 0x38E || c == 0x38F)
        return c + 0x3F;
    return c;
}

static void slug_ascii(fmp_buf *out, char c) {
    if (c >= 'A' && c <= 'Z')
        fmp_buf_putc(out, (char)(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
        fmp_buf_putc(out, c);
    else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        fmp_buf_putc(out, '-');
}

/* The slug of a heading's text, as GitHub makes it: lowercase, each space
 * a '-', letters, digits, '-' and '_' kept, everything else dropped. */
static void slug_base(const char *s, size_t len, fmp_buf *out) {
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            slug_ascii(out, s[i++]);
            continue;
        }
        uint32_t c;
        i += fmp_utf8_decode(s + i, len - i, &c);
        char enc[4];
        if (is_uspace(c))
            fmp_buf_putc(out, '-');
        else if (slug_keeps(c))
            fmp_buf_put(out, enc, fmp_utf8_encode(slug_lower(c), enc));
    }
    if (out->len == 0)
        fmp_buf_puts(out, "heading");
}

/* ===================================================================== */
/* Unique anchors                                                        */
/* ===================================================================== */

/* Anchors given so far, and for each how often it was asked for as a base
 * (github-slugger's rule). Open addressing, at most half full. */
typedef struct slot {
    const char *key;
    size_t len;
    size_t count;
} slot;

typedef struct slug_set {
    slot *slots;
    size_t mask;
} slug_set;

static int set_init(slug_set *t, size_t n) {
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    t->slots = calloc(cap, sizeof *t->slots);
    t->mask = cap - 1;
    return t->slots ? 0 : -1;
}

static slot *set_find(slug_set *t, const char *k, size_t len) {
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)k[i]) * 1099511628211u;
    size_t i = (size_t)h & t->mask;
    while (t->slots[i].key &&
           !(t->slots[i].len == len && !memcmp(t->slots[i].key, k, len)))
        i = (i + 1) & t->mask;
    return &t->slots[i];
}

/* Sets item->anchor: the slug, or the slug with -1, -2... when taken. The
 * anchor is copied into the arena; tmp is scratch space. */
static int make_anchor(slug_set *t, fmp_arena *a, fm_heading *item, fmp_buf *tmp) {
    tmp->len = 0;
    slug_base(item->text, item->text_len, tmp);
    if (tmp->failed)
        return -1;
    size_t base_len = tmp->len;
    slot *base = set_find(t, tmp->data, base_len), *s = base;
    while (s->key) {
        char num[24];
        int n = snprintf(num, sizeof num, "-%zu", ++base->count);
        tmp->len = base_len;
        fmp_buf_put(tmp, num, (size_t)n);
        if (tmp->failed)
            return -1;
        s = set_find(t, tmp->data, tmp->len);
    }
    char *anchor = tmp->failed ? NULL : fmp_arena_strndup(a, tmp->data, tmp->len);
    if (!anchor)
        return -1;
    s->key = anchor;
    s->len = tmp->len;
    item->anchor = anchor;
    item->anchor_len = tmp->len;
    return 0;
}

static int make_anchors(fm_headings *h, fmp_arena *a) {
    slug_set t;
    if (set_init(&t, h->count) != 0)
        return -1;
    fmp_buf tmp;
    fmp_buf_init(&tmp, fmp_allocator_or_default(NULL));
    int rc = 0;
    for (size_t i = 0; i < h->count && rc == 0; i++)
        rc = make_anchor(&t, a, (fm_heading *)&h->items[i], &tmp);
    fmp_buf_free(&tmp);
    free(t.slots);
    return rc;
}

/* ===================================================================== */
/* Headings                                                              */
/* ===================================================================== */

/* cmark ends a line at "\n", "\r\n" or a lone "\r"; fmatter counts '\n'
 * only. The cursor moves forward through the body to turn cmark's lines
 * (whole-file, in increasing order) into fmatter's. */
typedef struct line_cursor {
    const char *s;
    size_t len, pos;
    unsigned cmark_line; /* cmark's line at pos */
    unsigned line;       /* fmatter's line at pos */
} line_cursor;

static unsigned map_line(line_cursor *c, int cmark_line) {
    while (cmark_line > 0 && c->cmark_line < (unsigned)cmark_line && c->pos < c->len) {
        char ch = c->s[c->pos++];
        if (ch == '\n') {
            c->cmark_line++;
            c->line++;
        } else if (ch == '\r' && (c->pos == c->len || c->s[c->pos] != '\n')) {
            c->cmark_line++;
        }
    }
    return c->line;
}

/* Appends one heading (text copied into the arena) to list, an array of
 * fm_heading kept in a byte buffer. */
static int add_heading(cmark_node *node, line_cursor *lines, fmp_arena *a, fmp_buf *list,
                       fmp_buf *tmp) {
    fm_heading h;
    memset(&h, 0, sizeof h);
    h.level = cmark_node_get_heading_level(node);
    h.line = map_line(lines, cmark_node_get_start_line(node));
    tmp->len = 0;
    fmp_node_text(node, tmp);
    fmp_buf_put(tmp, "", 0);
    h.text = tmp->failed ? NULL : fmp_arena_strndup(a, tmp->data, tmp->len);
    h.text_len = tmp->len;
    if (!h.text)
        return -1;
    fmp_buf_put(list, (const char *)&h, sizeof h);
    return list->failed ? -1 : 0;
}

/* What the run of cmark works on (see fmp_cmark_run). */
typedef struct headings_job {
    fm_body body;
    unsigned options;
    fm_error *err;
    fmp_arena *arena; /* the headings' texts */
    fmp_buf list;     /* the fm_heading items */
    fmp_buf tmp;      /* one heading's text */
} headings_job;

/* Collects the headings of the tree in document order into j->list. */
static int collect(cmark_node *root, headings_job *j) {
    line_cursor lines = {j->body.text, j->body.len, 0, j->body.line, j->body.line};
    cmark_iter *it = cmark_iter_new(root);
    if (!it)
        return -1;
    int rc = 0;
    cmark_event_type ev;
    while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
            continue;
        rc = add_heading(n, &lines, j->arena, &j->list, &j->tmp);
        cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* no headings inside one */
    }
    cmark_iter_free(it);
    return rc;
}

static int headings_run(void *arg) {
    headings_job *j = arg;
    cmark_node *root = fmp_body_parse(j->body, j->options, true, j->err);
    if (!root)
        return -1;
    int rc = collect(root, j);
    cmark_node_free(root);
    return rc == 0 ? 0 : fmp_fail(j->err, FM_ERR_NOMEM, "out of memory");
}

/* Copies the collected items into the arena and gives them anchors. */
static int finish(heading_list *hs, const fmp_buf *list) {
    size_t n = list->len / sizeof(fm_heading);
    fm_heading *items = fmp_arena_alloc(&hs->arena, n ? list->len : 1);
    if (!items)
        return -1;
    if (n)
        memcpy(items, list->data, list->len);
    hs->pub.items = items;
    hs->pub.count = n;
    return make_anchors(&hs->pub, &hs->arena);
}

fm_headings *fm_body_headings(fm_body body, unsigned options, fm_error *err) {
    fmp_arena arena;
    fmp_arena_init(&arena, fmp_allocator_or_default(NULL), 4096);
    heading_list *hs = fmp_arena_calloc(&arena, sizeof *hs);
    if (!hs) {
        fmp_arena_release(&arena);
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    hs->arena = arena; /* from now on the arena's state lives in hs */
    headings_job j = {.body = body, .options = options, .err = err, .arena = &hs->arena};
    fmp_buf_init(&j.list, fmp_allocator_or_default(NULL));
    fmp_buf_init(&j.tmp, fmp_allocator_or_default(NULL));
    int rc = fmp_cmark_run(NULL, headings_run, &j, err);
    if (rc == 0 && finish(hs, &j.list) != 0)
        rc = fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    fmp_buf_free(&j.list);
    fmp_buf_free(&j.tmp);
    if (rc != 0) {
        arena = hs->arena;
        fmp_arena_release(&arena);
        return NULL;
    }
    return &hs->pub;
}

void fm_headings_free(fm_headings *headings) {
    if (!headings)
        return;
    /* the arena's state lives in memory it owns: copy it out first */
    fmp_arena arena = ((heading_list *)headings)->arena;
    fmp_arena_release(&arena);
}

/* ===================================================================== */
/* Table of contents                                                     */
/* ===================================================================== */

/* Nesting: the levels of the open lists. A heading deeper than the current
 * list opens one nested list, however many levels it skips (h1 then h3:
 * the h3 is the h1's child, no empty items); a heading that is shallower
 * closes the lists deeper than itself, and a list takes the smallest level
 * of its items (h1, h3, h2: the h2 is the h3's sibling). */
typedef struct toc_state {
    int levels[6];
    size_t depth;
} toc_state;

/* The depth (1-based) at which a heading of this level goes. */
static size_t toc_depth(toc_state *t, int level) {
    level = level < 1 ? 1 : level > 6 ? 6 : level;
    while (t->depth > 1 && level < t->levels[t->depth - 1] &&
           level <= t->levels[t->depth - 2])
        t->depth--;
    if (t->depth == 0 || level > t->levels[t->depth - 1])
        t->levels[t->depth++] = level;
    else if (level < t->levels[t->depth - 1])
        t->levels[t->depth - 1] = level;
    return t->depth;
}

static void html_escape(fmp_buf *b, const char *s, size_t len) {
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = s[i] == '&'   ? "&amp;"
                          : s[i] == '<' ? "&lt;"
                          : s[i] == '>' ? "&gt;"
                          : s[i] == '"' ? "&quot;"
                                        : NULL;
        if (!rep)
            continue;
        fmp_buf_put(b, s + start, i - start);
        fmp_buf_puts(b, rep);
        start = i + 1;
    }
    fmp_buf_put(b, s + start, len - start);
}

/* Backslash before the characters that would make link text Markdown. */
static void markdown_escape(fmp_buf *b, const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (strchr("\\`*_[]<", s[i]) && s[i] != '\0')
            fmp_buf_putc(b, '\\');
        fmp_buf_putc(b, s[i]);
    }
}

/* <ul>/<li> lists; a nested list goes inside its parent's <li>. */
static void toc_html_item(fmp_buf *b, const fm_heading *h, size_t prev, size_t depth) {
    if (prev == 0)
        fmp_buf_puts(b, "<ul>\n");
    else if (depth > prev)
        fmp_buf_puts(b, "\n<ul>\n");
    else {
        for (size_t d = prev; d > depth; d--)
            fmp_buf_puts(b, "</li>\n</ul>\n");
        fmp_buf_puts(b, "</li>\n");
    }
    fmp_buf_puts(b, "<li><a href=\"#");
    html_escape(b, h->anchor, h->anchor_len);
    fmp_buf_puts(b, "\">");
    html_escape(b, h->text, h->text_len);
    fmp_buf_puts(b, "</a>");
}

/* `- [Text](#anchor)`, two spaces of indent per nesting level. */
static void toc_markdown_item(fmp_buf *b, const fm_heading *h, size_t depth) {
    fmp_buf_spaces(b, 2 * (depth - 1));
    fmp_buf_puts(b, "- [");
    markdown_escape(b, h->text, h->text_len);
    fmp_buf_puts(b, "](#");
    fmp_buf_put(b, h->anchor, h->anchor_len);
    fmp_buf_puts(b, ")\n");
}

char *fm_headings_toc(const fm_headings *headings, int markdown, size_t *len,
                      fm_error *err) {
    if (!headings || (headings->count && !headings->items)) {
        fmp_fail(err, FM_ERR_ARG, "headings is NULL");
        return NULL;
    }
    fmp_buf b;
    fmp_buf_init(&b, fmp_allocator_or_default(NULL));
    toc_state t = {{0}, 0};
    size_t prev = 0;
    for (size_t i = 0; i < headings->count; i++) {
        const fm_heading *h = &headings->items[i];
        size_t depth = toc_depth(&t, h->level);
        if (markdown)
            toc_markdown_item(&b, h, depth);
        else
            toc_html_item(&b, h, prev, depth);
        prev = depth;
    }
    for (; !markdown && prev > 0; prev--)
        fmp_buf_puts(&b, "</li>\n</ul>\n");
    return fmp_buf_take(&b, len, err);
}
