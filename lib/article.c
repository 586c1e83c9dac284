/* SPDX-License-Identifier: MIT */
/* article.c - the typed view: maps front-matter keys (Hugo and Jekyll
 * spellings, any letter case) to fm_article fields, with diagnostics. */
#include "private.h"

#include <stddef.h>
#include <string.h>

typedef enum field_id {
    F_TITLE,
    F_SUMMARY,
    F_DESCRIPTION,
    F_SLUG,
    F_URL,
    F_PERMALINK,
    F_LAYOUT,
    F_TYPE,
    F_AUTHOR,
    F_MENU,
    F_THUMBNAIL,
    F_LEAD,
    F_SIDEBAR,
    F_TAGS,
    F_CATEGORIES,
    F_KEYWORDS,
    F_ALIASES,
    F_AUTHORS,
    F_IMAGES,
    F_SERIES,
    F_LANG,
    F_TRANSLATIONS,
    F_WIDGETS,
    F_DATE,
    F_LASTMOD,
    F_PUBLISH_DATE,
    F_EXPIRY_DATE,
    F_DRAFT,
    F_COMMENTS,
    F_AUTHORBOX,
    F_PAGER,
    F_TOC,
    F_MATHJAX,
    F_WEIGHT,
    F_PUBLISHED,
    FIELD_COUNT
} field_id;

#define FIELD(id, name, kind, member) \
    [id] = {name, sizeof(name) - 1, kind, offsetof(fm_article, member)}

const fmp_field fmp_fields[FIELD_COUNT] = {
    FIELD(F_TITLE, "title", FMP_KIND_STRING, title),
    FIELD(F_SUMMARY, "summary", FMP_KIND_STRING, summary),
    FIELD(F_DESCRIPTION, "description", FMP_KIND_STRING, description),
    FIELD(F_SLUG, "slug", FMP_KIND_STRING, slug),
    FIELD(F_URL, "url", FMP_KIND_STRING, url),
    FIELD(F_PERMALINK, "permalink", FMP_KIND_STRING, permalink),
    FIELD(F_LAYOUT, "layout", FMP_KIND_STRING, layout),
    FIELD(F_TYPE, "type", FMP_KIND_STRING, type),
    FIELD(F_AUTHOR, "author", FMP_KIND_STRING, author),
    FIELD(F_MENU, "menu", FMP_KIND_MENU, menu),
    FIELD(F_THUMBNAIL, "thumbnail", FMP_KIND_STRING, thumbnail),
    FIELD(F_LEAD, "lead", FMP_KIND_STRING, lead),
    FIELD(F_SIDEBAR, "sidebar", FMP_KIND_STRING, sidebar),
    FIELD(F_TAGS, "tags", FMP_KIND_WORDS, tags),
    FIELD(F_CATEGORIES, "categories", FMP_KIND_WORDS, categories),
    FIELD(F_KEYWORDS, "keywords", FMP_KIND_LIST, keywords),
    FIELD(F_ALIASES, "aliases", FMP_KIND_LIST, aliases),
    FIELD(F_AUTHORS, "authors", FMP_KIND_LIST, authors),
    FIELD(F_IMAGES, "images", FMP_KIND_LIST, images),
    FIELD(F_SERIES, "series", FMP_KIND_LIST, series),
    FIELD(F_LANG, "lang", FMP_KIND_LIST, lang),
    FIELD(F_TRANSLATIONS, "translations", FMP_KIND_LIST, translations),
    FIELD(F_WIDGETS, "widgets", FMP_KIND_LIST, widgets),
    FIELD(F_DATE, "date", FMP_KIND_DATE, date),
    FIELD(F_LASTMOD, "lastmod", FMP_KIND_DATE, lastmod),
    FIELD(F_PUBLISH_DATE, "publishDate", FMP_KIND_DATE, publish_date),
    FIELD(F_EXPIRY_DATE, "expiryDate", FMP_KIND_DATE, expiry_date),
    FIELD(F_DRAFT, "draft", FMP_KIND_BOOL, draft),
    FIELD(F_COMMENTS, "comments", FMP_KIND_BOOL, comments),
    FIELD(F_AUTHORBOX, "authorbox", FMP_KIND_BOOL, authorbox),
    FIELD(F_PAGER, "pager", FMP_KIND_BOOL, pager),
    FIELD(F_TOC, "toc", FMP_KIND_BOOL, toc),
    FIELD(F_MATHJAX, "mathjax", FMP_KIND_BOOL, mathjax),
    FIELD(F_WEIGHT, "weight", FMP_KIND_INT, weight),
    FIELD(F_PUBLISHED, "published", FMP_KIND_PUBLISHED, draft),
};

const size_t fmp_field_count = FIELD_COUNT;

/* ===================================================================== */
/* Key matching                                                          */
/* ===================================================================== */

static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* ASCII case-insensitive equality of a[0..len) and b[0..len). */
static bool equal_ci(const char *a, const char *b, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

static bool equal_ci_z(const char *a, size_t alen, const char *b) {
    return strlen(b) == alen && equal_ci(a, b, alen);
}

/* The names a key may have, lowercase, by length: each field's own and a
 * few other spellings (category, pubdate, unpublishdate). */
typedef struct field_name {
    const char *name;
    int id;
} field_name;

static const field_name names_3[] = {{"url", F_URL}, {"toc", F_TOC}, {NULL, 0}};
static const field_name names_4[] = {
    {"slug", F_SLUG}, {"type", F_TYPE}, {"menu", F_MENU}, {"lead", F_LEAD},
    {"tags", F_TAGS}, {"lang", F_LANG}, {"date", F_DATE}, {NULL, 0}};
static const field_name names_5[] = {
    {"title", F_TITLE}, {"draft", F_DRAFT}, {"pager", F_PAGER}, {NULL, 0}};
static const field_name names_6[] = {
    {"layout", F_LAYOUT}, {"author", F_AUTHOR}, {"images", F_IMAGES},
    {"series", F_SERIES}, {"weight", F_WEIGHT}, {NULL, 0}};
static const field_name names_7[] = {
    {"summary", F_SUMMARY}, {"sidebar", F_SIDEBAR}, {"aliases", F_ALIASES},
    {"authors", F_AUTHORS}, {"widgets", F_WIDGETS}, {"lastmod", F_LASTMOD},
    {"mathjax", F_MATHJAX}, {"pubdate", F_PUBLISH_DATE}, {NULL, 0}};
static const field_name names_8[] = {
    {"keywords", F_KEYWORDS}, {"comments", F_COMMENTS}, {"category", F_CATEGORIES},
    {NULL, 0}};
static const field_name names_9[] = {
    {"permalink", F_PERMALINK}, {"thumbnail", F_THUMBNAIL}, {"authorbox", F_AUTHORBOX},
    {"published", F_PUBLISHED}, {NULL, 0}};
static const field_name names_10[] = {
    {"categories", F_CATEGORIES}, {"expirydate", F_EXPIRY_DATE}, {NULL, 0}};
static const field_name names_11[] = {
    {"description", F_DESCRIPTION}, {"publishdate", F_PUBLISH_DATE}, {NULL, 0}};
static const field_name names_12[] = {{"translations", F_TRANSLATIONS}, {NULL, 0}};
static const field_name names_13[] = {{"unpublishdate", F_EXPIRY_DATE}, {NULL, 0}};

/* The field a key feeds, or -1. Keys match in any letter case, as Hugo
 * does; only the names of the key's length are compared. */
static int find_field(const char *key, size_t len) {
    static const field_name *const by_length[] = {
        NULL, NULL, NULL, names_3, names_4, names_5, names_6, names_7, names_8, names_9,
        names_10, names_11, names_12, names_13};
    if (len >= sizeof by_length / sizeof by_length[0] || !by_length[len])
        return -1;
    for (const field_name *n = by_length[len]; n->name; n++)
        if (equal_ci(key, n->name, len))
            return n->id;
    return -1;
}

static void *member(fm_article *a, const fmp_field *f) {
    return (char *)a + f->offset;
}

/* ===================================================================== */
/* Diagnostics                                                           */
/* ===================================================================== */

static const char *describe(const fm_value *v, char *buf, size_t cap) {
    if (v->type == FM_SEQUENCE || v->type == FM_MAPPING || v->type == FM_NULL)
        snprintf(buf, cap, "a %s", fm_type_name((fm_type)v->type));
    else
        snprintf(buf, cap, "%s \"%.40s%s\"", fm_type_name((fm_type)v->type), v->text,
                 v->text_len > 40 ? "..." : "");
    return buf;
}

static int add_diag(fmp_article *a, fm_code code, const fm_value *key, const fm_value *v,
                    const char *expected) {
    if (a->ndiags == a->diags_cap) {
        size_t cap = a->diags_cap ? 2 * a->diags_cap : 4;
        fm_diagnostic *d = fmp_arena_alloc(&a->arena, cap * sizeof *d);
        if (!d)
            return -1;
        if (a->ndiags)
            memcpy(d, a->diags, a->ndiags * sizeof *d);
        a->diags = d;
        a->diags_cap = cap;
    }
    char what[80], msg[FM_ERROR_MESSAGE_SIZE];
    if (code == FM_ERR_DATE)
        snprintf(msg, sizeof msg, "\"%s\": \"%.60s\" is not a valid date", key->text,
                 v->text);
    else
        snprintf(msg, sizeof msg, "\"%s\": expected %s, found %s", key->text, expected,
                 describe(v, what, sizeof what));
    fm_diagnostic *d = &a->diags[a->ndiags];
    d->code = code;
    d->line = v->line;
    d->column = v->column;
    d->offset = v->start;
    d->key = key->text;
    d->message = fmp_arena_strndup(&a->arena, msg, strlen(msg));
    if (!d->message)
        return -1;
    a->ndiags++;
    return 0;
}

/* ===================================================================== */
/* Field readers: each returns 1 when set, 0 when left unset, -1 on a     */
/* mismatch (the caller adds the diagnostic).                            */
/* ===================================================================== */

static bool is_scalar(const fm_value *v) {
    return v->type != FM_SEQUENCE && v->type != FM_MAPPING;
}

static int read_string(const fm_value *v, fm_str *out) {
    if (v->type == FM_NULL)
        return 0;
    if (!is_scalar(v))
        return -1;
    out->ptr = v->text;
    out->len = v->text_len;
    return 1;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Splits text on blanks into items (NULL items: just count). */
static size_t split_words(const char *s, size_t len, fm_str *items, fmp_arena *arena) {
    size_t n = 0, i = 0;
    while (i < len) {
        while (i < len && is_space(s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_space(s[i]))
            i++;
        if (i > start) {
            if (items) {
                items[n].ptr = fmp_arena_strndup(arena, s + start, i - start);
                items[n].len = i - start;
            }
            n++;
        }
    }
    return n;
}

static int read_list(fmp_article *a, const fm_value *v, bool words, fm_strlist *out) {
    static const fm_str no_items[1] = {{"", 0}};
    if (v->type == FM_NULL)
        return 0;
    if (v->type == FM_MAPPING)
        return -1;
    if (v->type == FM_SEQUENCE) {
        for (size_t i = 0; i < v->count; i++)
            if (!is_scalar(v->u.items[i]) || v->u.items[i]->type == FM_NULL)
                return -1;
    }
    size_t n = v->type == FM_SEQUENCE ? v->count
               : words                ? split_words(v->text, v->text_len, NULL, NULL)
               : v->text_len > 0      ? 1
                                      : 0;
    fm_str *items = n ? fmp_arena_alloc(&a->arena, n * sizeof *items) : NULL;
    if (n && !items)
        return -2;
    if (v->type == FM_SEQUENCE) {
        for (size_t i = 0; i < n; i++) {
            items[i].ptr = v->u.items[i]->text;
            items[i].len = v->u.items[i]->text_len;
        }
    } else if (words) {
        split_words(v->text, v->text_len, items, &a->arena);
        for (size_t i = 0; i < n; i++)
            if (!items[i].ptr)
                return -2;
    } else if (n) {
        items[0].ptr = v->text;
        items[0].len = v->text_len;
    }
    out->items = n ? items : no_items;
    out->count = n;
    return 1;
}

/* Dates: a timestamp, or a string that parses as one. -1 wrong type, -3 a
 * string that is not a valid date. */
static int read_date(const fm_value *v, fm_datetime *out) {
    if (v->type == FM_NULL)
        return 0;
    if (v->type == FM_TIMESTAMP) {
        *out = v->u.dt;
        return 1;
    }
    if (v->type != FM_STRING)
        return -1;
    if (v->text_len == 0)
        return 0;
    return fm_datetime_parse(v->text, v->text_len, out) == 0 ? 1 : -3;
}

/* Bools: YAML bools, and YAML 1.1 yes/no/on/off/true/false in any case. */
static int read_bool(const fm_value *v, fm_tribool *out) {
    static const char *const yes[] = {"yes", "on", "true"};
    static const char *const no[] = {"no", "off", "false"};
    if (v->type == FM_NULL)
        return 0;
    if (v->type == FM_BOOL) {
        *out = v->u.b ? FM_TRUE : FM_FALSE;
        return 1;
    }
    if (v->type != FM_STRING)
        return -1;
    for (size_t i = 0; i < 3; i++) {
        if (equal_ci_z(v->text, v->text_len, yes[i])) {
            *out = FM_TRUE;
            return 1;
        }
        if (equal_ci_z(v->text, v->text_len, no[i])) {
            *out = FM_FALSE;
            return 1;
        }
    }
    return -1;
}

static int read_int(const fm_value *v, int64_t *out) {
    if (v->type == FM_NULL)
        return 0;
    if (v->type == FM_INT) {
        *out = v->u.i;
        return 1;
    }
    if (v->type == FM_FLOAT && v->u.f >= -9.2e18 && v->u.f <= 9.2e18 &&
        v->u.f == (double)(int64_t)v->u.f) {
        *out = (int64_t)v->u.f;
        return 1;
    }
    if (v->type == FM_STRING && fmp_parse_int(v->text, v->text_len, out) == 0)
        return 1;
    return -1;
}

/* ===================================================================== */
/* Mapping                                                               */
/* ===================================================================== */

static const char *expected_name(fmp_field_kind kind) {
    switch (kind) {
    case FMP_KIND_STRING:
    case FMP_KIND_MENU:
        return "a string";
    case FMP_KIND_LIST:
    case FMP_KIND_WORDS:
        return "a list of strings";
    case FMP_KIND_DATE:
        return "a date";
    case FMP_KIND_BOOL:
        return "a boolean";
    case FMP_KIND_INT:
        return "an integer";
    default:
        return "a boolean or a date";
    }
}

/* Jekyll's `published`: false (or no/off) means draft; a date means
 * publishDate. Explicit `draft` and `publishDate` keys win in any order. */
static int read_published(fmp_article *a, const fm_value *v) {
    fm_tribool published = FM_UNSET;
    if (read_bool(v, &published) == 1) {
        if (a->pub.draft == FM_UNSET)
            a->pub.draft = published == FM_TRUE ? FM_FALSE : FM_TRUE;
        return 1;
    }
    fm_datetime dt;
    int rc = read_date(v, &dt);
    if (rc == 1 && !(a->pub.publish_date.flags & FM_DT_SET))
        a->pub.publish_date = dt;
    return rc;
}

static int read_field(fmp_article *a, const fmp_field *f, const fm_value *v) {
    void *m = member(&a->pub, f);
    switch (f->kind) {
    case FMP_KIND_STRING:
        return read_string(v, m);
    case FMP_KIND_MENU:
        return is_scalar(v) ? read_string(v, m) : -4;
    case FMP_KIND_LIST:
    case FMP_KIND_WORDS:
        return read_list(a, v, f->kind == FMP_KIND_WORDS, m);
    case FMP_KIND_DATE:
        return read_date(v, m);
    case FMP_KIND_BOOL:
        return read_bool(v, m);
    case FMP_KIND_INT: {
        int rc = read_int(v, &a->pub.weight);
        if (rc == 1)
            a->pub.has_weight = 1;
        return rc;
    }
    default:
        return read_published(a, v);
    }
}

static int add_extra(fmp_article *a, const fm_value *key, const fm_value *v) {
    fm_extra *e = &a->extras[a->nextras++];
    e->key = key->text ? key->text : "";
    e->key_len = key->text ? key->text_len : 0;
    e->value = v;
    return 0;
}

static int map_key(fmp_article *a, const fm_value *key, const fm_value *v) {
    int i = key->text ? find_field(key->text, key->text_len) : -1;
    if (i < 0 || a->source_key[i])
        return add_extra(a, key, v);
    const fmp_field *f = &fmp_fields[i];
    int rc = read_field(a, f, v);
    if (rc == -2)
        return -1;
    if (rc == -4)
        return add_extra(a, key, v);
    if (rc < 0)
        return add_diag(a, rc == -3 ? FM_ERR_DATE : FM_ERR_TYPE, key, v,
                        expected_name(f->kind));
    if (rc == 1)
        a->source_key[i] = key;
    return 0;
}

static fmp_article *article_new(fmp_snap *snap) {
    fmp_arena arena;
    fmp_arena_init(&arena, &snap->al, 2048);
    fmp_article *a = fmp_arena_calloc(&arena, sizeof *a);
    if (!a) {
        fmp_arena_release(&arena);
        return NULL;
    }
    a->al = snap->al;
    a->arena = arena;
    a->arena.al = &a->al;
    a->snap = snap;
    fmp_snap_retain(snap);
    a->pub.size = sizeof a->pub;
    return a;
}

static fm_body body_of(const fmp_snap *s) {
    fm_body b = {s->parts.body, s->parts.body_len, s->parts.body_line};
    return b;
}

static int fill_article(fmp_article *a) {
    const fm_value *root = a->snap->root;
    a->extras = fmp_arena_alloc(&a->arena, (root->count ? root->count : 1) * sizeof *a->extras);
    if (!a->extras)
        return -1;
    for (size_t i = 0; i < root->count; i++)
        if (map_key(a, fmp_map_key(root, i), fmp_map_val(root, i)) != 0)
            return -1;
    fm_article *p = &a->pub;
    if (!p->title.ptr) {
        /* No title in the front matter: the body's first level-1 heading. */
        size_t len;
        const char *h1;
        if (fmp_body_first_h1(body_of(a->snap), &a->arena, &h1, &len) != 0)
            return -1;
        if (h1) {
            p->title.ptr = h1;
            p->title.len = len;
            p->title_from_body = 1;
        }
    }
    p->extra = a->extras;
    p->extra_count = a->nextras;
    p->diagnostics = a->diags;
    p->diagnostic_count = a->ndiags;
    const fm_parts *parts = &a->snap->parts;
    p->body = parts->body;
    p->body_len = parts->body_len;
    p->body_offset = (size_t)(parts->body - a->snap->text);
    p->body_line = parts->body_line;
    a->orig = a->pub;
    return 0;
}

fm_article *fm_article_from_doc(const fm_doc *doc, unsigned options, fm_error *err) {
    if (!doc) {
        fmp_fail(err, FM_ERR_ARG, "fm_article_from_doc: NULL document");
        return NULL;
    }
    fmp_article *a = article_new(doc->snap);
    if (!a || fill_article(a) != 0) {
        fm_article_free(a ? &a->pub : NULL);
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (((options | doc->cfg.options) & FM_OPT_STRICT) && a->ndiags > 0) {
        const fm_diagnostic *d = &a->diags[0];
        fmp_fail_pos(err, d->code, d->line, d->column, d->offset, "%s", d->message);
        fm_article_free(&a->pub);
        return NULL;
    }
    return &a->pub;
}

void fm_article_free(fm_article *article) {
    if (!article)
        return;
    fmp_article *a = (fmp_article *)article;
    fmp_snap *snap = a->snap;
    fm_allocator al = a->al;
    fmp_arena arena = a->arena;
    arena.al = &al;
    fmp_arena_release(&arena);
    fmp_snap_release(snap);
}
