/* SPDX-License-Identifier: MIT */
/* tree.c - the value-tree builder every loader shares: nodes in the snapshot's
 * arena, children of open collections, keys with the load limits and O(1)
 * duplicate detection, errors at a node, and a cursor from bytes to columns. */
#include "private.h"

#include <stdio.h>
#include <string.h>

/* ===================================================================== */
/* Set-up and failures                                                   */
/* ===================================================================== */

/* fmp_tree_init sets each field before the inline arrays, one by one (no
 * memset call for every load): a new field must be set there too. */
typedef char fmp_tree_init_sets_all[offsetof(fmp_tree, inline_kids) ==
                                            18 * sizeof(void *)
                                        ? 1
                                        : -1];

void fmp_tree_init(fmp_tree *t, fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    t->cfg = cfg;
    t->snap = snap;
    t->err = err;
    t->code = FM_OK;
    t->arena = &snap->arena;
    t->al = &snap->al;
    t->text = snap->text;
    t->total_keys = 0;
    t->max_scalar_length = cfg->max_scalar_length;
    t->max_keys = cfg->max_keys;
    t->max_key_length = cfg->max_key_length;
    /* With duplicates allowed every key goes through the table, which keeps
     * each key's first and last occurrence for the merge. */
    t->linear_keys = (cfg->options & FM_OPT_ALLOW_DUPLICATES) ? 0 : FMP_TREE_LINEAR_KEYS;
    t->kids = t->inline_kids;
    t->nkids = 0;
    t->kids_cap = FMP_TREE_INLINE_KIDS;
    t->slots = NULL;
    t->nslots = t->slots_cap = 0;
}

void fmp_tree_release_scratch(fmp_tree *t) {
    if (t->kids != t->inline_kids)
        fmp_free(t->al, t->kids);
    if (t->slots && t->slots != t->inline_slots)
        fmp_free(t->al, t->slots);
    t->kids = t->inline_kids;
    t->slots = NULL;
}

int fmp_tree_nomem(fmp_tree *t) {
    t->code = FM_ERR_NOMEM;
    return fmp_fail(t->err, FM_ERR_NOMEM, "out of memory");
}

int fmp_tree_fail(fmp_tree *t, fm_code code, fmp_pos at, const char *fmt, ...) {
    char msg[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    t->code = code;
    return fmp_fail_pos(t->err, code, at.line, at.column, at.offset, "%s", msg);
}

fmp_pos fmp_value_pos(const fm_value *v) {
    fmp_pos p = {v->start, v->line, v->column};
    return p;
}

fmp_pos fmp_value_end(const fm_value *v) {
    fmp_pos p = {v->end, v->end_line, v->end_column};
    return p;
}

/* ===================================================================== */
/* Nodes and collections                                                 */
/* ===================================================================== */

void fmp_tree_fail_scalar_length(fmp_tree *t, fmp_pos start, size_t len) {
    fmp_tree_fail(t, FM_ERR_SCALAR_TOO_LONG, start,
                  "scalar of %zu bytes is longer than the limit of %zu "
                  "(max_scalar_length)",
                  len, t->cfg->max_scalar_length);
}

int fmp_tree_depth(fmp_tree *t, size_t depth, fmp_pos at) {
    if (depth < t->cfg->max_depth)
        return 0;
    return fmp_tree_fail(t, FM_ERR_TOO_DEEP, at,
                         "collections nested deeper than the limit of %zu (max_depth)",
                         t->cfg->max_depth);
}

int fmp_tree_grow_kids(fmp_tree *t) {
    if (fmp_scratch_reserve(t->al, (void **)&t->kids, &t->kids_cap, t->nkids,
                            sizeof *t->kids, t->inline_kids) != 0)
        return fmp_tree_nomem(t);
    return 0;
}

void fmp_tree_adopt(fm_value *parent, const fm_value *kid) {
    parent->weight += kid->weight;
    if (kid->flags & (FMP_ALIAS | FMP_HAS_ALIAS))
        parent->flags |= FMP_HAS_ALIAS;
}

/* Gives v the n kids from `first` of the stack in items (copied and
 * weighed in one pass) and takes them off the stack. */
static inline void finish_in(fmp_tree *t, fm_value *v, size_t first, size_t n,
                             fm_value **items) {
    v->u.items = items;
    v->count = v->type == FM_MAPPING ? n / 2 : n;
    fm_value *const *kids = t->kids + first;
    size_t weight = v->weight;
    unsigned flags = 0;
    for (size_t i = 0; i < n; i++) {
        fm_value *kid = kids[i];
        items[i] = kid;
        weight += kid->weight;
        flags |= kid->flags;
    }
    v->weight = weight;
    if (flags & (FMP_ALIAS | FMP_HAS_ALIAS))
        v->flags |= FMP_HAS_ALIAS;
    t->nkids = first;
}

/* fmp_tree_finish when the arena's chunk has no room left for the items. */
static __attribute__((noinline)) int finish_grow(fmp_tree *t, fm_value *v, size_t first,
                                                 size_t n) {
    fm_value **items = fmp_arena_alloc_slow(t->arena, (n ? n : 1) * sizeof *items);
    if (!items)
        return fmp_tree_nomem(t);
    finish_in(t, v, first, n, items);
    return 0;
}

/* The common case calls nothing (and so saves no registers): the items fit
 * in the arena's chunk, taken as fmp_arena_alloc would take them. */
int fmp_tree_finish(fmp_tree *t, fm_value *v, size_t first) {
    size_t n = t->nkids - first, size = (n ? n : 1) * sizeof(fm_value *);
    fmp_arena *arena = t->arena;
    if ((size_t)(arena->end - arena->next) < size || n > SIZE_MAX / sizeof(fm_value *))
        return finish_grow(t, v, first, n);
    fm_value **items = (fm_value **)(void *)arena->next;
    arena->next += size;
    finish_in(t, v, first, n, items);
    return 0;
}

/* Makes room for `need` slots in the items of v, in the arena (v->cap
 * counts them); the old array is left to the arena. */
static int reserve_items(fmp_tree *t, fm_value *v, size_t need) {
    if (need <= v->cap)
        return 0;
    size_t cap = v->cap ? v->cap : 8;
    while (cap < need)
        cap *= 2;
    fm_value **items = fmp_arena_alloc(t->arena, cap * sizeof *items);
    if (!items)
        return fmp_tree_nomem(t);
    size_t used = v->type == FM_MAPPING ? 2 * v->count : v->count;
    if (used)
        memcpy(items, v->u.items, used * sizeof *items);
    v->u.items = items;
    v->cap = cap;
    return 0;
}

int fmp_tree_append(fmp_tree *t, fm_value *seq, fm_value *item) {
    if (reserve_items(t, seq, seq->count + 1) != 0)
        return -1;
    seq->u.items[seq->count++] = item;
    fmp_tree_adopt(seq, item);
    return 0;
}

/* One collection being weighed, and the next of its children to visit. */
typedef struct weigh_frame {
    fm_value *v;
    size_t next;
} weigh_frame;

int fmp_tree_weigh(fmp_tree *t, fm_value *root, unsigned grown) {
    weigh_frame first[32], *stack = first;
    size_t n = 0, cap = sizeof first / sizeof first[0];
    int rc = 0;
    stack[n++] = (weigh_frame){root, 0};
    root->weight = 1;
    while (n > 0 && rc == 0) {
        weigh_frame *f = &stack[n - 1];
        size_t items = f->v->type == FM_MAPPING ? 2 * f->v->count : f->v->count;
        if (f->next == items) {
            fm_value *done = stack[--n].v;
            if (n > 0)
                fmp_tree_adopt(stack[n - 1].v, done);
            continue;
        }
        fm_value *kid = f->v->u.items[f->next++];
        bool collection = kid->type == FM_SEQUENCE || kid->type == FM_MAPPING;
        if (!collection || !(kid->flags & grown)) {
            fmp_tree_adopt(f->v, kid); /* its weight is right */
            continue;
        }
        if (fmp_scratch_reserve(t->al, (void **)&stack, &cap, n, sizeof *stack, first) !=
            0) {
            rc = fmp_tree_nomem(t);
            break;
        }
        kid->weight = 1;
        stack[n++] = (weigh_frame){kid, 0};
    }
    if (stack != first)
        fmp_free(t->al, stack);
    return rc;
}

/* ===================================================================== */
/* Keys                                                                  */
/* ===================================================================== */

static uint32_t hash_key(const fm_value *map, const fm_value *key) {
    uint32_t h = 2166136261u ^ ((uint32_t)(uintptr_t)map * 0x9E3779B9u) ^
                 (uint32_t)((uint64_t)(uintptr_t)map >> 32);
    for (size_t i = 0; i < key->text_len; i++)
        h = (h ^ (unsigned char)key->text[i]) * 16777619u;
    return h;
}

static bool same_text(const fm_value *a, const fm_value *b) {
    return a->text_len == b->text_len &&
           (a->text_len == 0 || (a->text[0] == b->text[0] &&
                                 memcmp(a->text, b->text, a->text_len) == 0));
}

static bool is_complex(const fm_value *key) {
    return key->type == FM_SEQUENCE || key->type == FM_MAPPING;
}

static fmp_key_slot *find_slot(fmp_key_slot *slots, size_t cap, uint32_t hash,
                               const fm_value *map, const fm_value *key) {
    for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
        fmp_key_slot *s = &slots[i];
        if (!s->key || (s->hash == hash && s->map == map && same_text(s->key, key)))
            return s;
    }
}

/* Makes room for one more key in the table (created on first use). */
static int reserve_slot(fmp_tree *t) {
    if (!t->slots) {
        memset(t->inline_slots, 0, sizeof t->inline_slots);
        t->slots = t->inline_slots;
        t->slots_cap = FMP_TREE_INLINE_SLOTS;
    }
    if (2 * (t->nslots + 1) <= t->slots_cap)
        return 0;
    size_t cap = 2 * t->slots_cap;
    fmp_key_slot *s = fmp_malloc(t->al, cap * sizeof *s);
    if (!s)
        return fmp_tree_nomem(t);
    memset(s, 0, cap * sizeof *s);
    for (size_t i = 0; i < t->slots_cap; i++) {
        const fmp_key_slot *o = &t->slots[i];
        if (o->key)
            *find_slot(s, cap, o->hash, o->map, o->key) = *o;
    }
    if (t->slots != t->inline_slots)
        fmp_free(t->al, t->slots);
    t->slots = s;
    t->slots_cap = cap;
    return 0;
}

/* Enters the key of pair `index` of map in the table; 1 (and *dup) when
 * the map already has it: the entry then records `index` as the last. */
static int insert_key(fmp_tree *t, const fm_value *map, const fm_value *key, size_t index,
                      fmp_key_slot **dup) {
    if (reserve_slot(t) != 0)
        return -1;
    uint32_t h = hash_key(map, key);
    fmp_key_slot *s = find_slot(t->slots, t->slots_cap, h, map, key);
    if (s->key) {
        s->last = index;
        *dup = s;
        return 1;
    }
    *s = (fmp_key_slot){h, index, index, map, key};
    t->nslots++;
    return 0;
}

fmp_key_slot *fmp_tree_find_key(fmp_tree *t, const fm_value *map, const fm_value *key) {
    if (!t->slots || is_complex(key))
        return NULL;
    fmp_key_slot *s = find_slot(t->slots, t->slots_cap, hash_key(map, key), map, key);
    return s->key ? s : NULL;
}

/* fmp_key_filter keeps its 256 bits in an open mapping's u. */
typedef char fmp_filter_fits_in_u[sizeof(((fm_value *)0)->u) >= 32 ? 1 : -1];

/* Duplicates of a small mapping: compared with each earlier key whose
 * filter bit matches. */
/* Duplicates of a small mapping: compared with each earlier key. */
static int scan_pairs(fm_value *const *pairs, size_t npairs, const fm_value *key,
                      fmp_key_slot *found) {
    for (size_t i = 0; i < npairs; i++) {
        const fm_value *k = pairs[2 * i];
        if (!is_complex(k) && same_text(k, key)) {
            *found = (fmp_key_slot){0, i, npairs, NULL, k};
            return 1;
        }
    }
    return 0;
}

/* A grown mapping (fmp_tree_map_add) keeps a 256-bit key filter in its u,
 * after its items pointer: a clear bit means a key it does not have. The
 * bit of a key is fmp_key_filter's. */
#define GROWN_FILTER_BYTES 32
typedef char fmp_grown_filter_fits_in_u[sizeof(((fm_value *)0)->u) >=
                                                sizeof(fm_value **) + GROWN_FILTER_BYTES
                                            ? 1
                                            : -1];

static inline unsigned grown_filter_bit(const fm_value *key) {
    size_t n = key->text_len;
    unsigned h = n ? (unsigned)n + 31u * (unsigned char)key->text[0] +
                         17u * (unsigned char)key->text[n - 1]
                   : 0;
    return h & (8 * GROWN_FILTER_BYTES - 1);
}

/* The filter byte that holds bit h of map's filter. */
static unsigned char *grown_filter_byte(const fm_value *map, unsigned h) {
    return (unsigned char *)&map->u + sizeof(fm_value **) + h / 8;
}

static bool grown_filter_has(const fm_value *map, const fm_value *key) {
    unsigned h = grown_filter_bit(key);
    return *grown_filter_byte(map, h) & (1u << (h & 7));
}

/* Sets key's bit in map's filter; returns whether it was set. */
static inline bool grown_filter_add(fm_value *map, const fm_value *key) {
    unsigned h = grown_filter_bit(key);
    unsigned char *byte = grown_filter_byte(map, h), bit = (unsigned char)(1u << (h & 7));
    if (*byte & bit)
        return true;
    *byte |= bit;
    return false;
}

/* The same for a mapping still open on the kids stack, whose u holds its
 * key filter (fmp_key_filter): a clear bit means a new key at once. */
static int scan_keys(const fm_value *map, fm_value *const *pairs, size_t npairs,
                     const fm_value *key, fmp_key_slot *found) {
    if (!fmp_key_filter((fm_value *)map, key))
        return 0;
    return scan_pairs(pairs, npairs, key, found);
}

/* fmp_tree_key's general case; `open`: map is on the kids stack (its u is
 * its key filter), else a grown collection (its u holds its items). */
static int check_key(fmp_tree *t, const fm_value *map, fm_value *const *pairs,
                     size_t npairs, const fm_value *key, fmp_key_slot *dup, bool open) {
    fmp_pos at = fmp_value_pos(key);
    if (++t->total_keys > t->cfg->max_keys)
        return fmp_tree_fail(t, FM_ERR_TOO_MANY_KEYS, at,
                             "more than %zu keys in the front matter (max_keys)",
                             t->cfg->max_keys);
    if (is_complex(key))
        return 0;
    if (key->text_len > t->cfg->max_key_length)
        return fmp_tree_fail(t, FM_ERR_KEY_TOO_LONG, at,
                             "key of %zu bytes is longer than the limit of %zu "
                             "(max_key_length)",
                             key->text_len, t->cfg->max_key_length);
    if (npairs < t->linear_keys && !open && !grown_filter_add((fm_value *)map, key))
        return 0;
    if (npairs < t->linear_keys)
        return open ? scan_keys(map, pairs, npairs, key, dup)
                    : scan_pairs(pairs, npairs, key, dup);
    if (npairs == t->linear_keys) /* the mapping moves to the table */
        for (size_t i = 0; i < npairs; i++)
            if (!is_complex(pairs[2 * i])) {
                fmp_key_slot *unused;
                if (insert_key(t, map, pairs[2 * i], i, &unused) < 0)
                    return -1;
            }
    fmp_key_slot *s = NULL;
    int rc = insert_key(t, map, key, npairs, &s);
    if (rc == 1)
        *dup = *s;
    return rc;
}

int fmp_tree_key_checked(fmp_tree *t, const fm_value *map, fm_value *const *pairs,
                         size_t npairs, const fm_value *key, fmp_key_slot *dup) {
    return check_key(t, map, pairs, npairs, key, dup, true);
}

/* Notes that key was dropped in favour of kept. */
static int record_dup(fmp_tree *t, const fm_value *key, const fm_value *kept) {
    fmp_dup *d = fmp_arena_alloc(t->arena, sizeof *d);
    if (!d)
        return fmp_tree_nomem(t);
    d->key = key;
    d->kept = kept;
    d->next = t->snap->dups;
    t->snap->dups = d;
    return 0;
}

size_t fmp_tree_lookup(fmp_tree *t, const fm_value *map, const fm_value *key) {
    if (map->count > t->linear_keys || t->linear_keys == 0) {
        const fmp_key_slot *s = fmp_tree_find_key(t, map, key);
        return s ? s->first : (size_t)-1;
    }
    fmp_key_slot found;
    if (!grown_filter_has(map, key))
        return (size_t)-1;
    return scan_pairs(map->u.items, map->count, key, &found) ? found.first : (size_t)-1;
}

/* Appends a checked pair to a grown mapping with room for it. */
static void put_pair(fm_value *map, fm_value *key, fm_value *val) {
    map->u.items[2 * map->count] = key;
    map->u.items[2 * map->count + 1] = val;
    map->count++;
    fmp_tree_adopt(map, key);
    fmp_tree_adopt(map, val);
}

int fmp_tree_map_add(fmp_tree *t, fm_value *map, fm_value *key, fm_value *val,
                     fmp_key_slot *dup) {
    int rc = check_key(t, map, map->u.items, map->count, key, dup, false);
    if (rc != 0)
        return rc;
    if (reserve_items(t, map, 2 * map->count + 2) != 0)
        return -1;
    put_pair(map, key, val);
    return 0;
}

int fmp_tree_map_put(fmp_tree *t, fm_value *map, fm_value *key, fm_value *val,
                     fmp_key_slot *dup) {
    /* check_key's common case: a small mapping, a scalar key within the
     * limits whose filter bit was clear (then only room may be missing). */
    if (map->count < t->linear_keys && t->total_keys < t->cfg->max_keys &&
        !is_complex(key) && key->text_len <= t->cfg->max_key_length &&
        !grown_filter_add(map, key)) {
        t->total_keys++;
        if (2 * map->count + 2 > map->cap &&
            reserve_items(t, map, 2 * map->count + 2) != 0)
            return -1;
        put_pair(map, key, val);
        return 0;
    }
    return fmp_tree_map_add(t, map, key, val, dup);
}

size_t fmp_tree_merge_duplicates(fmp_tree *t, const fm_value *map, fm_value **pairs,
                                 size_t count) {
    size_t out = 0;
    for (size_t i = 0; i < count; i++) {
        const fmp_key_slot *e = fmp_tree_find_key(t, map, pairs[2 * i]);
        size_t last = e ? e->last : i;
        if (last != i && record_dup(t, pairs[2 * i], pairs[2 * last]) != 0)
            return (size_t)-1;
        if (e && e->first != i)
            continue;
        fm_value *k = pairs[2 * last], *v = pairs[2 * last + 1];
        pairs[2 * out] = k;
        pairs[2 * out + 1] = v;
        out++;
    }
    return out;
}

int fmp_tree_fail_duplicate(fmp_tree *t, const fm_value *key, const fmp_key_slot *first) {
    return fmp_tree_fail(t, FM_ERR_DUPLICATE_KEY, fmp_value_pos(key),
                         "duplicate key \"%.60s%s\" (first at line %u, column %u)",
                         key->text, key->text_len > 60 ? "..." : "", first->key->line,
                         first->key->column);
}

/* ===================================================================== */
/* Cursor: byte positions to whole-file lines and character columns      */
/* ===================================================================== */

void fmp_cursor_init(fmp_cursor *c, const char *text, const char *start, unsigned line,
                     unsigned column) {
    c->text = text;
    c->at = c->line_start = start;
    c->line = line;
    c->column = c->base_column = column;
}

fmp_pos fmp_cursor_from_top(const fmp_cursor *c, const char *p) {
    fmp_pos pos = {(size_t)(p - c->text), 0, 0};
    fmp_position(c->text, pos.offset, &pos.line, &pos.column);
    return pos;
}
