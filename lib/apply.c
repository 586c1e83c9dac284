/* SPDX-License-Identifier: MIT */
/* apply.c - typed write-back: the fields of an fm_article that differ from
 * what was loaded become edits of the document, under the keys as written. */
#include "private.h"

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

static bool same_field(const fmp_field *f, const fm_article *a, const fm_article *b) {
    const void *x = (const char *)a + f->offset, *y = (const char *)b + f->offset;
    switch (f->kind) {
    case FMP_KIND_STRING:
    case FMP_KIND_MENU:
        return same_str(x, y);
    case FMP_KIND_LIST:
    case FMP_KIND_WORDS:
        return same_list(x, y);
    case FMP_KIND_DATE:
        return memcmp(x, y, sizeof(fm_datetime)) == 0;
    case FMP_KIND_BOOL:
        return *(const fm_tribool *)x == *(const fm_tribool *)y;
    case FMP_KIND_INT:
        return a->has_weight == b->has_weight && (!a->has_weight || a->weight == b->weight);
    default:
        return true;
    }
}

static bool is_set(const fmp_field *f, const fm_article *a) {
    const void *x = (const char *)a + f->offset;
    switch (f->kind) {
    case FMP_KIND_STRING:
    case FMP_KIND_MENU:
        return ((const fm_str *)x)->ptr != NULL;
    case FMP_KIND_LIST:
    case FMP_KIND_WORDS:
        return ((const fm_strlist *)x)->items != NULL;
    case FMP_KIND_DATE:
        return (((const fm_datetime *)x)->flags & FM_DT_SET) != 0;
    case FMP_KIND_BOOL:
        return *(const fm_tribool *)x != FM_UNSET;
    case FMP_KIND_INT:
        return a->has_weight != 0;
    default:
        return false;
    }
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

static fm_value *field_value(const fm_allocator *al, const fmp_field *f, const fm_article *a,
                             const fm_value *source) {
    const void *x = (const char *)a + f->offset;
    switch (f->kind) {
    case FMP_KIND_STRING:
    case FMP_KIND_MENU:
        return fmp_new_string(al, ((const fm_str *)x)->ptr, ((const fm_str *)x)->len);
    case FMP_KIND_LIST:
    case FMP_KIND_WORDS:
        return list_value(al, x, source);
    case FMP_KIND_DATE:
        return date_value(al, x, source);
    case FMP_KIND_BOOL:
        return fmp_new_bool(al, *(const fm_tribool *)x == FM_TRUE);
    default:
        return fmp_new_int(al, a->weight);
    }
}

/* Why a field cannot be written: 0 when it can. */
static fm_code field_problem(const fmp_field *f, const fm_article *a) {
    const void *x = (const char *)a + f->offset;
    if (f->kind == FMP_KIND_STRING || f->kind == FMP_KIND_MENU) {
        const fm_str *s = x;
        return fmp_utf8_valid(s->ptr, s->len) ? FM_OK : FM_ERR_ENCODING;
    }
    if (f->kind == FMP_KIND_LIST || f->kind == FMP_KIND_WORDS) {
        const fm_strlist *l = x;
        for (size_t i = 0; i < l->count; i++)
            if (!l->items[i].ptr || !fmp_utf8_valid(l->items[i].ptr, l->items[i].len))
                return FM_ERR_ENCODING;
    }
    if (f->kind == FMP_KIND_DATE) {
        char text[64];
        fm_datetime check;
        size_t n = fm_datetime_format(x, text, sizeof text);
        if (n == 0 || n >= sizeof text || fm_datetime_parse(text, n, &check) != 0)
            return FM_ERR_DATE;
    }
    return FM_OK;
}

static size_t field_index(const char *name) {
    for (size_t i = 0; i < fmp_field_count; i++)
        if (strcmp(fmp_fields[i].name, name) == 0)
            return i;
    return 0;
}

/* Jekyll: a draft flag that came from `published` goes back there. */
static int apply_published(const fmp_article *a, fm_doc *doc, fm_error *err) {
    size_t pi = field_index("published");
    const fm_value *key = a->source_key[pi];
    const fm_value *v = key ? fm_value_lookup(a->snap->root, key->text, key->text_len) : NULL;
    if (!v || v->type != FM_BOOL)
        return 1;
    if (a->pub.draft == FM_UNSET)
        return fm_doc_remove(doc, key->text, err);
    return fm_doc_set_bool(doc, key->text, a->pub.draft == FM_FALSE, err);
}

static int apply_field(const fmp_article *a, size_t i, fm_doc *doc, fm_error *err) {
    const fmp_field *f = &fmp_fields[i];
    const fm_value *key = a->source_key[i];
    if (f->kind == FMP_KIND_PUBLISHED || same_field(f, &a->pub, &a->orig))
        return 0;
    if (f->kind == FMP_KIND_BOOL && !key && strcmp(f->name, "draft") == 0) {
        int rc = apply_published(a, doc, err);
        if (rc != 1)
            return rc;
    }
    const char *path = key ? key->text : f->name;
    if (!is_set(f, &a->pub))
        return key ? fm_doc_remove(doc, path, err) : 0;
    const fm_value *source = key ? fm_value_lookup(a->snap->root, key->text, key->text_len)
                                 : NULL;
    fm_code problem = field_problem(f, &a->pub);
    if (problem != FM_OK)
        return fmp_fail(err, problem, "field '%s' holds an invalid value", f->name);
    fm_value *v = field_value(&doc->al, f, &a->pub, source);
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
    fmp_snap *before = doc->snap;
    fmp_snap_retain(before);
    for (size_t i = 0; i < fmp_field_count; i++) {
        if (apply_field(a, i, doc, err) != 0) {
            fmp_snap_release(doc->snap);
            doc->snap = before;
            return -1;
        }
    }
    fmp_snap_release(before);
    return 0;
}
