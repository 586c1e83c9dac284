/* SPDX-License-Identifier: MIT */
/* apply.c - typed write-back: the fields of an fm_article that differ from
 * what was loaded become edits of the document, under the keys as written. */
#include "private.h"

#include <stdint.h>
#include <string.h>

static bool same_str(const fm_str *a, const fm_str *b) {
    if (!a->ptr || !b->ptr)
        return a->ptr == b->ptr;
    return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

static bool same_list(const fm_strlist *a, const fm_strlist *b) {
    if (!a->items || !b->items)
        return a->items == b->items;
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (!same_str(&a->items[i], &b->items[i]))
            return false;
    return true;
}

static bool same_field(size_t f, const fm_article *a, const fm_article *b) {
    const void *x = fmp_field_ptr(a, f), *y = fmp_field_ptr(b, f);
    switch (fmp_fields[f].info.type) {
    case FM_FIELD_STRING:
        return same_str(x, y);
    case FM_FIELD_LIST:
        return same_list(x, y);
    case FM_FIELD_DATE:
        return memcmp(x, y, sizeof(fm_datetime)) == 0;
    case FM_FIELD_BOOL:
        return *(const fm_tribool *)x == *(const fm_tribool *)y;
    case FM_FIELD_INT:
        return a->has_weight == b->has_weight && (!a->has_weight || a->weight == b->weight);
    default:
        return *(const fm_value *const *)x == *(const fm_value *const *)y;
    }
}

static bool is_set(size_t f, const fm_article *a) {
    fm_field_value v;
    return fm_article_field_get(a, f, &v) == 1;
}

/* A list written back as it was: a blank-separated string (Jekyll's tags)
 * when the source was one and no item holds a blank. */
static fm_value *list_value(const fm_allocator *al, const fm_strlist *l,
                            const fm_value *source) {
    bool as_words = source && source->type == FM_STRING;
    for (size_t i = 0; as_words && i < l->count; i++)
        if (memchr(l->items[i].ptr, ' ', l->items[i].len) || l->items[i].len == 0)
            as_words = false;
    if (as_words) {
        fmp_buf b;
        fmp_buf_init(&b, al);
        for (size_t i = 0; i < l->count; i++) {
            if (i)
                fmp_buf_putc(&b, ' ');
            fmp_buf_put(&b, l->items[i].ptr, l->items[i].len);
        }
        fm_value *v = b.failed ? NULL : fmp_new_string(al, b.data ? b.data : "", b.len);
        fmp_buf_free(&b);
        return v;
    }
    fm_value *seq = fmp_new_container(al, FM_SEQUENCE);
    for (size_t i = 0; seq && i < l->count; i++)
        if (fm_value_append(seq, fmp_new_string(al, l->items[i].ptr, l->items[i].len)) != 0) {
            fm_value_free(seq);
            seq = NULL;
        }
    return seq;
}

/* A date written back as it was: a string (quoted dates, as in the sample
 * article) in the same layout, or a timestamp. */
static fm_value *date_value(const fm_allocator *al, const fm_datetime *dt,
                            const fm_value *source) {
    if (!source || source->type != FM_STRING)
        return fmp_new_datetime(al, dt);
    char text[64];
    size_t n = fm_datetime_format(dt, text, sizeof text);
    if (n == 0 || n >= sizeof text)
        return NULL;
    if (n > 10 && source->text_len > 10 && source->text[10] == ' ')
        text[10] = ' ';
    return fmp_new_string(al, text, n);
}

static fm_value *field_value(const fm_allocator *al, size_t f, const fm_article *a,
                             const fm_value *source) {
    const void *x = fmp_field_ptr(a, f);
    switch (fmp_fields[f].info.type) {
    case FM_FIELD_STRING:
        return fmp_new_string(al, ((const fm_str *)x)->ptr, ((const fm_str *)x)->len);
    case FM_FIELD_LIST:
        return list_value(al, x, source);
    case FM_FIELD_DATE:
        return date_value(al, x, source);
    case FM_FIELD_BOOL:
        return fmp_new_bool(al, *(const fm_tribool *)x == FM_TRUE);
    case FM_FIELD_INT:
        return fmp_new_int(al, a->weight);
    default:
        return fmp_copy(al, *(const fm_value *const *)x);
    }
}

/* Why a field cannot be written: 0 when it can. */
static fm_code field_problem(size_t f, const fm_article *a) {
    const void *x = fmp_field_ptr(a, f);
    fm_field_type type = fmp_fields[f].info.type;
    if (type == FM_FIELD_STRING) {
        const fm_str *s = x;
        return fmp_utf8_valid(s->ptr, s->len) ? FM_OK : FM_ERR_ENCODING;
    }
    if (type == FM_FIELD_LIST) {
        const fm_strlist *l = x;
        for (size_t i = 0; i < l->count; i++)
            if (!l->items[i].ptr || !fmp_utf8_valid(l->items[i].ptr, l->items[i].len))
                return FM_ERR_ENCODING;
    }
    if (type == FM_FIELD_DATE) {
        char text[64];
        fm_datetime check;
        size_t n = fm_datetime_format(x, text, sizeof text);
        if (n == 0 || n >= sizeof text || fm_datetime_parse(text, n, &check) != 0)
            return FM_ERR_DATE;
    }
    return FM_OK;
}

/* The generic reading: a draft flag that came from `published` goes back
 * there. */
static int apply_published(const fmp_article *a, fm_doc *doc, fm_error *err) {
    const fm_value *key = a->source_key[FMP_CLAIM_PUBLISHED];
    const fm_value *v = key ? fm_value_lookup(a->snap->root, key->text, key->text_len) : NULL;
    if (!v || v->type != FM_BOOL)
        return 1;
    if (a->pub.draft == FM_UNSET)
        return fm_doc_remove(doc, key->text, err);
    return fm_doc_set_bool(doc, key->text, a->pub.draft == FM_FALSE, err);
}

/* The key a field no key set is written under: its own name when the
 * dialect reads it, else the dialect's first key for it. */
static const char *new_key(const fmp_article *a, size_t f) {
    const char *own = fmp_fields[f].info.key, *first = NULL;
    for (size_t j = 0;; j++) {
        const char *k = fm_article_field_key(f, a->pub.dialect, j);
        if (!k)
            return first ? first : own;
        if (strcmp(k, own) == 0)
            return own;
        if (!first)
            first = k;
    }
}

/* The path of the key that set field f ("taxonomies.tags" for a nested
 * one), in buf; NULL when it does not fit. */
static const char *source_path(const fmp_article *a, size_t f, char *buf, size_t cap) {
    const fm_value *key = a->source_key[f];
    if (!a->source_table || !a->source_table[f])
        return key->text;
    int n = snprintf(buf, cap, "%s.%s", a->source_table[f], key->text);
    return n > 0 && (size_t)n < cap ? buf : NULL;
}

/* The value the source key holds in the document as loaded. */
static const fm_value *source_value(const fmp_article *a, size_t f) {
    const fm_value *key = a->source_key[f], *map = a->snap->root;
    if (!key)
        return NULL;
    if (a->source_table && a->source_table[f])
        map = fm_value_lookup(map, a->source_table[f], strlen(a->source_table[f]));
    return fm_value_lookup(map, key->text, key->text_len);
}

static int apply_field(const fmp_article *a, const fm_article *orig, size_t f, fm_doc *doc,
                       fm_error *err) {
    const fm_value *key = a->source_key[f];
    bool generic = a->pub.dialect == FM_DIALECT_GENERIC;
    if ((generic && f == F_PUBLISHED) || same_field(f, &a->pub, orig))
        return 0;
    if (generic && f == F_DRAFT && !key) {
        int rc = apply_published(a, doc, err);
        if (rc != 1)
            return rc;
    }
    char buf[512];
    const char *path = key ? source_path(a, f, buf, sizeof buf) : new_key(a, f);
    if (!path)
        return fmp_fail(err, FM_ERR_ARG, "field '%s': key path too long",
                        fmp_fields[f].info.name);
    if (!is_set(f, &a->pub))
        return key ? fm_doc_remove(doc, path, err) : 0;
    fm_code problem = field_problem(f, &a->pub);
    if (problem != FM_OK)
        return fmp_fail(err, problem, "field '%s' holds an invalid value",
                        fmp_fields[f].info.name);
    fm_value *v = field_value(&doc->al, f, &a->pub, source_value(a, f));
    if (!v)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    int rc = fm_doc_set(doc, path, v, err);
    fm_value_free(v);
    return rc;
}

/* All fields or none: on a failure the document gets back the text it had. */
int fm_article_apply(const fm_article *article, fm_doc *doc, fm_error *err) {
    if (!article || !doc)
        return fmp_fail(err, FM_ERR_ARG, "fm_article_apply: NULL argument");
    const fmp_article *a = (const fmp_article *)article;
    fmp_article loaded; /* the generic reading's article as loaded */
    uint64_t room[256]; /* where it allocates, most of the time (8-byte aligned,
                           as the arena wants) */
    const fm_article *orig = a->orig;
    if (!orig) {
        int read = fmp_article_reread(a, &loaded, (char *)room, sizeof room);
        orig = &loaded.pub;
        if (read != 0) {
            fmp_arena_release(&loaded.arena);
            return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        }
    }
    fmp_snap *before = doc->snap;
    fmp_snap_retain(before);
    int rc = 0;
    for (size_t i = 0; i < FMP_FIELD_COUNT && rc == 0; i++)
        rc = apply_field(a, orig, i, doc, err);
    if (rc != 0) {
        fmp_snap_release(doc->snap);
        doc->snap = before;
    } else {
        fmp_snap_release(before);
    }
    if (!a->orig)
        fmp_arena_release(&loaded.arena);
    return rc != 0 ? -1 : 0;
}
