/* SPDX-License-Identifier: MIT */
/* article.c - the typed view: maps front-matter keys to fm_article fields by
 * the key tables of field.c (generic or a generator's), with diagnostics. */
#include "private.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ===================================================================== */
/* Diagnostics                                                           */
/* ===================================================================== */

const char *fmp_describe(const fm_value *v, char *buf, size_t cap) {
    if (v->type == FM_SEQUENCE || v->type == FM_MAPPING || v->type == FM_NULL)
        snprintf(buf, cap, "a %s", fm_type_name((fm_type)v->type));
    else
        snprintf(buf, cap, "%s \"%.40s%s\"", fm_type_name((fm_type)v->type), v->text,
                 v->text_len > 40 ? "..." : "");
    return buf;
}

/* Makes room for one more item in the arena array *items of n items of
 * `size` bytes (capacity *cap, doubling from 4). 0, or -1 when out of
 * memory. */
static int grow(fmp_article *a, void **items, size_t n, size_t *cap, size_t size) {
    if (n < *cap)
        return 0;
    size_t new_cap = *cap ? 2 * *cap : 4;
    void *p = fmp_arena_alloc(&a->arena, new_cap * size);
    if (!p)
        return -1;
    if (n)
        memcpy(p, *items, n * size);
    *items = p;
    *cap = new_cap;
    return 0;
}

/* Appends a diagnostic at node `at` about the key written key_text. */
static int add_diag_text(fmp_article *a, fm_code code, const fm_value *at,
                         const char *key_text, const char *msg) {
    if (grow(a, (void **)&a->diags, a->ndiags, &a->diags_cap, sizeof *a->diags) != 0)
        return -1;
    fm_diagnostic *d = &a->diags[a->ndiags];
    d->code = code;
    d->line = at->line;
    d->column = at->column;
    d->offset = at->start;
    d->key = key_text;
    d->message = fmp_arena_strndup(&a->arena, msg, strlen(msg));
    if (!d->message)
        return -1;
    a->ndiags++;
    return 0;
}

static int add_diag(fmp_article *a, fm_code code, const fm_value *key, const fm_value *v,
                    const char *expected) {
    char what[80], msg[FM_ERROR_MESSAGE_SIZE];
    if (code == FM_ERR_DATE)
        snprintf(msg, sizeof msg, "\"%s\": \"%.60s\" is not a valid date", key->text,
                 v->text);
    else
        snprintf(msg, sizeof msg, "\"%s\": expected %s, found %s", key->text, expected,
                 fmp_describe(v, what, sizeof what));
    return add_diag_text(a, code, v, key->text, msg);
}

int fmp_article_diag(fmp_article *a, fm_code code, const fm_value *at,
                     const fm_value *key, const char *fmt, ...) {
    char msg[FM_ERROR_MESSAGE_SIZE];
    const char *k = key->text ? key->text : "";
    int n = snprintf(msg, sizeof msg, "\"%s\": ", k);
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    return add_diag_text(a, code, at, k, msg);
}

int fmp_slot_diag(fmp_article *a, fmp_slot *s, fm_code code, const char *fmt, ...) {
    if (s->diagnosed)
        return 0;
    /* One key may feed several entries (Hugo's dates): say it once. */
    for (size_t e = 0; e < a->keys->count; e++)
        if (a->slots[e].value == s->value)
            a->slots[e].diagnosed = true;
    s->diagnosed = true;
    char msg[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fmp_article_diag(a, code, s->value, s->key, "%s", msg);
}

const char *fmp_article_strdup(fmp_article *a, const char *s, size_t len) {
    return fmp_arena_strndup(&a->arena, s, len);
}

/* Diagnostics in source order (a stable insertion sort: dialects add some
 * of them after reading all keys). */
static void sort_diags(fmp_article *a) {
    for (size_t i = 1; i < a->ndiags; i++) {
        fm_diagnostic d = a->diags[i];
        size_t j = i;
        for (; j > 0 && a->diags[j - 1].offset > d.offset; j--)
            a->diags[j] = a->diags[j - 1];
        a->diags[j] = d;
    }
}

/* ===================================================================== */
/* Generic readers: each returns 1 when set, 0 when left unset, -1 on a  */
/* mismatch (the caller adds the diagnostic), -2 out of memory, -3 a     */
/* string that is no date, -4 a value that stays in extra.               */
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

/* Dates: a timestamp, or a string that parses as one. -1 wrong type (a
 * TOML time of day has no date), -3 a string that is not a valid date. */
static int read_date(const fm_value *v, fm_datetime *out) {
    if (v->type == FM_NULL)
        return 0;
    if (v->type == FM_TIMESTAMP && (v->u.dt.flags & FM_DT_NO_DATE))
        return -1;
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
    if (v->type == FM_NULL)
        return 0;
    if (v->type == FM_BOOL) {
        *out = v->u.b ? FM_TRUE : FM_FALSE;
        return 1;
    }
    if (v->type != FM_STRING)
        return -1;
    int b = fmp_yaml11_bool(v->text, v->text_len);
    if (b < 0)
        return -1;
    *out = b ? FM_TRUE : FM_FALSE;
    return 1;
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

static const char *expected_name(fmp_read read) {
    switch (read) {
    case FMP_READ_STRING:
    case FMP_READ_MENU:
        return "a string";
    case FMP_READ_LIST:
    case FMP_READ_WORDS:
        return "a list of strings";
    case FMP_READ_DATE:
        return "a date";
    case FMP_READ_BOOL:
        return "a boolean";
    case FMP_READ_INT:
        return "an integer";
    default:
        return "a boolean or a date";
    }
}

static int read_generic(fmp_article *a, const fmp_key *k, const fm_value *v) {
    void *m = fmp_field_ptr(&a->pub, k->field);
    switch (k->read) {
    case FMP_READ_STRING:
        return read_string(v, m);
    case FMP_READ_MENU:
        return is_scalar(v) ? read_string(v, m) : -4;
    case FMP_READ_LIST:
    case FMP_READ_WORDS:
        return read_list(a, v, k->read == FMP_READ_WORDS, m);
    case FMP_READ_DATE:
        return read_date(v, m);
    case FMP_READ_BOOL:
        return read_bool(v, m);
    case FMP_READ_INT: {
        int rc = read_int(v, &a->pub.weight);
        if (rc == 1)
            a->pub.has_weight = 1;
        return rc;
    }
    default:
        return read_published(a, v);
    }
}

/* ===================================================================== */
/* Extras                                                                */
/* ===================================================================== */

static int add_extra(fmp_article *a, const fm_value *key, const fm_value *v) {
    if (grow(a, (void **)&a->extras, a->nextras, &a->extras_cap, sizeof *a->extras) != 0)
        return -1;
    fm_extra *e = &a->extras[a->nextras++];
    e->key = key->text ? key->text : "";
    e->key_len = key->text ? key->text_len : 0;
    e->value = v;
    return 0;
}

/* ===================================================================== */
/* The generic reading: the first key that sets a field owns it          */
/* ===================================================================== */

/* The entry of the table for a key, or NULL. A table with a hash has one
 * candidate for the key: the entry its hash names. */
static inline const fmp_key *find_key(const fmp_keys *t, const char *key, size_t len) {
    if (!key)
        return NULL;
    if (t->hash) {
        size_t e = len >= 3 ? t->hash[FMP_KEY_HASH(len, key[0], key[1])] : 0;
        return e && fmp_key_matches(t, &t->keys[e - 1], key, len) ? &t->keys[e - 1] : NULL;
    }
    for (size_t i = 0; i < t->count; i++)
        if (fmp_key_matches(t, &t->keys[i], key, len))
            return &t->keys[i];
    return NULL;
}

/* The generic published claims a place of its own beside draft. */
static size_t claim_of(const fmp_key *k) {
    return k->read == FMP_READ_PUBLISHED ? FMP_CLAIM_PUBLISHED : k->field;
}

static int map_generic_key(fmp_article *a, const fm_value *key, const fm_value *v) {
    const fmp_key *k = find_key(a->keys, key->text, key->text_len);
    size_t claim = k ? claim_of(k) : 0;
    if (!k || a->source_key[claim])
        return add_extra(a, key, v);
    int rc = read_generic(a, k, v);
    if (rc == -2)
        return -1;
    if (rc == -4)
        return add_extra(a, key, v);
    if (rc < 0)
        return add_diag(a, rc == -3 ? FM_ERR_DATE : FM_ERR_TYPE, key, v,
                        expected_name((fmp_read)k->read));
    if (rc == 1)
        a->source_key[claim] = key;
    return 0;
}

static int read_generic_keys(fmp_article *a) {
    const fm_value *root = a->snap->root;
    size_t n = root->count; /* the tree does not change: read once */
    for (size_t i = 0; i < n; i++)
        if (map_generic_key(a, fmp_map_key(root, i), fmp_map_val(root, i)) != 0)
            return -1;
    fm_article *p = &a->pub;
    if (!p->title.ptr) {
        /* No title in the front matter: the body's first level-1 heading. */
        size_t len;
        fm_body b = {a->snap->parts.body, a->snap->parts.body_len,
                     a->snap->parts.body_line};
        const char *h1;
        if (fmp_body_first_h1(b, &a->arena, &h1, &len) != 0)
            return -1;
        if (h1) {
            p->title.ptr = h1;
            p->title.len = len;
            p->title_from_body = 1;
        }
    }
    return 0;
}

/* ===================================================================== */
/* A dialect's reading: each key entry gets its pair, then each field    */
/* takes the first of its keys that gives it a value                     */
/* ===================================================================== */

static bool is_nested(const fmp_key *k) {
    return memchr(k->key, '.', k->len) != NULL;
}

/* A key the dialect reads twice: Hugo folds the letter case of keys, so
 * `Title` and `title` are one key to it, which keeps one at random. */
static int warn_same_key(fmp_article *a, const fmp_slot *s, const fm_value *key) {
    return fmp_article_diag(a, FM_ERR_DUPLICATE_KEY, key, key,
                            "same key as \"%s\" (line %u) in another letter case (%s "
                            "keeps one of the two)",
                            s->key->text, s->key->line,
                            fmp_dialect_title(a->pub.dialect));
}

static int warn_unknown(fmp_article *a, const fm_value *key) {
    if (a->pub.dialect != FM_DIALECT_ZOLA || !key->text)
        return 0;
    return fmp_article_diag(
        a, FM_ERR_IGNORED, key, key,
        "not a Zola field, ignored (your own keys go under \"extra\", "
        "taxonomies under \"taxonomies\")");
}

/* Gives pair i of the root to every entry of its key; returns -1 when out
 * of memory. */
static int match_pair(fmp_article *a, size_t i) {
    const fmp_keys *t = a->keys;
    const fm_value *key = fmp_map_key(a->snap->root, i),
                   *v = fmp_map_val(a->snap->root, i);
    bool matched = false, taken = false;
    for (size_t e = 0; key->text && e < t->count; e++) {
        if (is_nested(&t->keys[e]) ||
            !fmp_key_matches(t, &t->keys[e], key->text, key->text_len))
            continue;
        matched = true;
        fmp_slot *s = &a->slots[e];
        if (s->key) {
            if (!taken && warn_same_key(a, s, key) != 0)
                return -1;
            taken = true;
            continue;
        }
        *s = (fmp_slot){key, v, NULL, i, false};
    }
    return matched ? 0 : warn_unknown(a, key);
}

/* The keys of a table entry's mapping feed the entries "table.key". */
static void match_table(fmp_article *a, const fmp_slot *table) {
    const fmp_keys *t = a->keys;
    const fm_value *m = table->value;
    size_t tlen = table->key->text_len;
    for (size_t i = 0; m->type == FM_MAPPING && i < m->count; i++) {
        const fm_value *key = fmp_map_key(m, i);
        for (size_t e = 0; key->text && e < t->count; e++) {
            const fmp_key *k = &t->keys[e];
            if (!is_nested(k) || k->len <= tlen + 1 || k->key[tlen] != '.' ||
                memcmp(k->key, table->key->text, tlen) != 0 || a->slots[e].key)
                continue;
            fmp_key sub = *k; /* the part after "table." */
            sub.key += tlen + 1;
            sub.len = (uint8_t)(k->len - tlen - 1);
            if (!fmp_key_matches(t, &sub, key->text, key->text_len))
                continue;
            a->slots[e] =
                (fmp_slot){key, fmp_map_val(m, i), table->key->text, table->pair, false};
        }
    }
}

/* Reads field f from its entries: the first that sets it wins. */
static int read_field(fmp_article *a, size_t f) {
    const fmp_keys *t = a->keys;
    for (size_t e = 0; e < t->count; e++) {
        const fmp_key *k = &t->keys[e];
        fmp_slot *s = &a->slots[e];
        if (k->field != f || !s->key || k->read == FMP_READ_JEKYLL_CATEGORY)
            continue;
        int rc = fmp_cast(a, k, s, fmp_field_ptr(&a->pub, f));
        if (rc < 0)
            return -1;
        if (rc != FMP_CAST_EXTRA)
            a->consumed[s->pair] = true;
        if (rc == FMP_CAST_SET) {
            if (!k->fallback) {
                a->source_key[f] = s->key;
                a->source_table[f] = s->table;
            }
            return 0;
        }
    }
    return 0;
}

/* The other keys, in source order; Zola's `extra` gives its own keys. */
static int collect_extras(fmp_article *a) {
    const fm_value *root = a->snap->root;
    const fmp_keys *t = a->keys;
    for (size_t i = 0; i < root->count; i++) {
        const fm_value *key = fmp_map_key(root, i), *v = fmp_map_val(root, i);
        if (a->consumed[i])
            continue;
        const fmp_key *k = find_key(t, key->text, key->text_len);
        if (k && k->read == FMP_READ_ZOLA_EXTRA && v->type == FM_MAPPING) {
            for (size_t j = 0; j < v->count; j++)
                if (add_extra(a, fmp_map_key(v, j), fmp_map_val(v, j)) != 0)
                    return -1;
        } else if (add_extra(a, key, v) != 0) {
            return -1;
        }
    }
    return 0;
}

static int read_dialect_keys(fmp_article *a) {
    const fm_value *root = a->snap->root;
    a->consumed = fmp_arena_calloc(&a->arena, (root->count ? root->count : 1) *
                                                  sizeof *a->consumed);
    a->slots = fmp_arena_calloc(&a->arena, a->keys->count * sizeof *a->slots);
    a->source_table = fmp_arena_calloc(&a->arena, FMP_FIELD_COUNT * sizeof *a->source_table);
    if (!a->consumed || !a->slots || !a->source_table)
        return -1;
    for (size_t i = 0; i < root->count; i++)
        if (match_pair(a, i) != 0)
            return -1;
    for (size_t e = 0; e < a->keys->count; e++)
        if (a->keys->keys[e].read == FMP_READ_ZOLA_TABLE && a->slots[e].key)
            match_table(a, &a->slots[e]);
    for (size_t f = 0; f < FMP_FIELD_COUNT; f++)
        if (read_field(a, f) != 0)
            return -1;
    if (fmp_dialect_finish(a) != 0 || collect_extras(a) != 0)
        return -1;
    sort_diags(a);
    return 0;
}

/* ===================================================================== */
/* Articles                                                              */
/* ===================================================================== */

/* Takes a reference to the snapshot and, when it keeps a room for an
 * article that no other article holds (several threads may map one
 * document at once), the room: one atomic operation for both. */
static bool retain_with_room(fmp_snap *snap) {
    int old = __atomic_load_n(&snap->refs, __ATOMIC_RELAXED), want;
    bool room;
    do {
        room = snap->room && !(old & FMP_SNAP_ROOM_TAKEN);
        want = old + 1 + (room ? FMP_SNAP_ROOM_TAKEN : 0);
    } while (!__atomic_compare_exchange_n(&snap->refs, &old, want, true, __ATOMIC_ACQUIRE,
                                          __ATOMIC_RELAXED));
    return room;
}

/* An empty article of snap (no reference taken) allocating in arena. */
static void article_init(fmp_article *a, fmp_snap *snap, const fmp_arena *arena,
                         bool in_room) {
    fmp_zero(a, sizeof *a);
    a->al = snap->al;
    a->arena = *arena;
    a->arena.al = &a->al;
    a->snap = snap;
    a->in_room = in_room;
    a->pub.size = sizeof a->pub;
}

static fmp_article *article_new(fmp_snap *snap) {
    fmp_arena arena;
    bool in_room = retain_with_room(snap);
    if (in_room) /* no allocation for the article itself */
        fmp_arena_init_in(&arena, &snap->al, snap->room, snap->room + FMP_ARTICLE_ROOM);
    else /* the article itself and, most of the time, all it allocates */
        fmp_arena_init(&arena, &snap->al, fmp_arena_page_fit(FMP_ARTICLE_ROOM));
    fmp_article *a = fmp_arena_alloc(&arena, sizeof *a);
    if (!a) { /* never in the room, which has space for it */
        fmp_arena_release(&arena);
        fmp_snap_release(snap);
        return NULL;
    }
    article_init(a, snap, &arena, in_room);
    return a;
}

/* The article as loaded is kept for fm_article_apply: a dialect's as a
 * copy (it may depend on the path, known only during the call); the
 * generic reading's is read again from the snapshot when needed. */
static int keep_as_loaded(fmp_article *a) {
    if (a->pub.dialect == FM_DIALECT_GENERIC)
        return 0;
    a->orig = fmp_arena_alloc(&a->arena, sizeof *a->orig);
    if (!a->orig)
        return -1;
    fmp_copy_bytes(a->orig, &a->pub, sizeof a->pub);
    return 0;
}

static int fill_article(fmp_article *a, fm_dialect dialect, const char *path,
                        const char *site_root, bool front_only) {
    a->pub.dialect = dialect;
    a->keys = fmp_dialect_keys(dialect);
    if (dialect == FM_DIALECT_JEKYLL && path) {
        a->rel_path = fmp_site_relative(&a->arena, dialect, path, site_root);
        a->page_kind = fmp_jekyll_kind(a->rel_path);
    } else if (dialect == FM_DIALECT_ZOLA) {
        a->rel_path = path; /* only its file name counts, read during the call */
    }
    int rc = dialect == FM_DIALECT_GENERIC ? read_generic_keys(a) : read_dialect_keys(a);
    if (rc != 0)
        return -1;
    a->rel_path = NULL;
    fm_article *p = &a->pub;
    p->extra = a->extras;
    p->extra_count = a->nextras;
    p->diagnostics = a->diags;
    p->diagnostic_count = a->ndiags;
    const fm_parts *parts = &a->snap->parts;
    p->body = front_only ? NULL : parts->body; /* loaded without its body: say so */
    p->body_len = parts->body_len;
    p->body_offset = fmp_body_offset(a->snap);
    p->body_line = parts->body_line;
    return keep_as_loaded(a);
}

int fmp_article_reread(const fmp_article *a, fmp_article *out, char *room, size_t cap) {
    fmp_arena arena;
    fmp_arena_init_in(&arena, &a->al, room, room + cap);
    article_init(out, a->snap, &arena, false);
    return fill_article(out, FM_DIALECT_GENERIC, NULL, NULL, false);
}

void fm_article_options_init(fm_article_options *opts) {
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->size = sizeof *opts;
}

/* The caller's options over the defaults: `size` bytes of them (size 0:
 * this version's struct, so that designated initialisers work). */
static void options_copy(fm_article_options *dst, const fm_article_options *src) {
    fm_article_options_init(dst);
    if (!src)
        return;
    size_t n = src->size == 0 || src->size > sizeof *dst ? sizeof *dst : src->size;
    if (n > sizeof src->size)
        memcpy((char *)dst + sizeof dst->size, (const char *)src + sizeof src->size,
               n - sizeof src->size);
}

/* fm_article_from_doc_opts with its options complete (options_copy's). */
static fm_article *article_from_doc(const fm_doc *doc, const fm_article_options *o,
                                    fm_error *err) {
    if (!doc) {
        fmp_fail(err, FM_ERR_ARG, "fm_article_from_doc: NULL document");
        return NULL;
    }
    fm_dialect dialect = o->dialect ? o->dialect : doc->cfg.dialect;
    if (dialect == FM_DIALECT_DEFAULT)
        dialect = FM_DIALECT_GENERIC;
    if (!fm_dialect_name(dialect)) {
        fmp_fail(err, FM_ERR_ARG, "fm_article_from_doc: unknown dialect %d",
                 (int)dialect);
        return NULL;
    }
    fmp_article *a = article_new(doc->snap);
    if (!a || fill_article(a, dialect, o->path ? o->path : doc->path, o->site_root,
                           doc->front_only) != 0) {
        fm_article_free(a ? &a->pub : NULL);
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (((o->options | doc->cfg.options) & FM_OPT_STRICT) && a->ndiags > 0) {
        const fm_diagnostic *d = &a->diags[0];
        fmp_fail_pos(err, d->code, d->line, d->column, d->offset, "%s", d->message);
        fm_article_free(&a->pub);
        return NULL;
    }
    return &a->pub;
}

fm_article *fm_article_from_doc_opts(const fm_doc *doc, const fm_article_options *opts,
                                     fm_error *err) {
    fm_article_options o;
    options_copy(&o, opts);
    return article_from_doc(doc, &o, err);
}

fm_article *fm_article_from_doc(const fm_doc *doc, unsigned options, fm_error *err) {
    /* fm_article_options_init's defaults (all zero) without its call and copy. */
    fm_article_options o = {.size = sizeof o, .options = options};
    return article_from_doc(doc, &o, err);
}

void fm_article_free(fm_article *article) {
    if (!article)
        return;
    fmp_article *a = (fmp_article *)article;
    fmp_snap *snap = a->snap;
    bool in_room = a->in_room; /* a may live in the room: read it all first */
    if (a->arena.chunks) { /* what did not fit where the article lives */
        fm_allocator al = a->al;
        fmp_arena arena = a->arena;
        arena.al = &al;
        fmp_arena_release(&arena);
    }
    if (in_room)
        fmp_snap_release_room(snap);
    else
        fmp_snap_release(snap);
}
