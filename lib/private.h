/* SPDX-License-Identifier: MIT */
/* private.h - what the files of lib/ share: the value node, the arena, the
 * document snapshot, error and UTF-8 helpers. Nothing here is installed. */
#ifndef FM_PRIVATE_H
#define FM_PRIVATE_H

#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "fmatter.h"

#if defined(__GNUC__)
#define FMP_PRINTF(f, a) __attribute__((format(printf, f, a)))
/* For the few helpers a loader calls once or more per line: inlined,
 * whatever the compiler's size heuristics say. */
#define FMP_INLINE static inline __attribute__((always_inline))
#else
#define FMP_PRINTF(f, a)
#define FMP_INLINE static inline
#endif

typedef struct fmp_snap fmp_snap;

/* Counts comparisons (keys compared, values compared for equality) when the
 * library's sources are built with FMP_COUNT_WORK, for the complexity test
 * (tests/check_complexity.c, one thread); nothing otherwise. */
/* The common path of an edit (set a one-line value, emit): kept together in
 * .text.hot by GCC and Clang, so it touches fewer instruction cache lines. */
#if defined(__GNUC__)
#define FMP_HOT __attribute__((hot))
#else
#define FMP_HOT
#endif

#ifdef FMP_COUNT_WORK
extern unsigned long long fmp_work;
#define FMP_WORK(n) (fmp_work += (n))
#else
#define FMP_WORK(n) ((void)0)
#endif

/* ===================================================================== */
/* Allocation (arena.c)                                                  */
/* ===================================================================== */

/* The allocator behind a document; never NULL inside the library. */
const fm_allocator *fmp_allocator_or_default(const fm_allocator *al);
void *fmp_malloc(const fm_allocator *al, size_t size);
void *fmp_realloc(const fm_allocator *al, void *ptr, size_t old_size, size_t size);
void fmp_free(const fm_allocator *al, void *ptr);
/* memset(p, 0, n) and memcpy(dst, src, n) as calls to the C library, for
 * structs of a hundred bytes or more: compilers inline those of a constant
 * size as `rep stos` and `rep movs`, whose start-up costs some x86 CPUs
 * several times the library's vector stores (a tenth of the typed
 * article's time on the shared corpus, on AMD EPYC). */
void fmp_zero(void *p, size_t n);
void fmp_copy_bytes(void *dst, const void *src, size_t n);

/* A bump allocator: many small blocks, freed all at once. */
typedef struct fmp_chunk fmp_chunk;
typedef struct fmp_arena {
    const fm_allocator *al;
    fmp_chunk *chunks;
    char *next;
    char *end;
    size_t chunk_size;
} fmp_arena;

void fmp_arena_init(fmp_arena *a, const fm_allocator *al, size_t first_chunk);
/* An arena that first fills [start, end), memory it does not own (8-byte
 * aligned, allocated elsewhere), then takes chunks from al as
 * fmp_arena_init's would; fmp_arena_release frees those chunks only. */
void fmp_arena_init_in(fmp_arena *a, const fm_allocator *al, char *start, char *end);
/* The first_chunk at least `size` whose chunk, with its header and
 * malloc's, takes whole 4 KB pages. */
size_t fmp_arena_page_fit(size_t size);
/* The general case of fmp_arena_alloc: a new chunk when the current one is
 * full, size 0, sizes near SIZE_MAX. */
void *fmp_arena_alloc_slow(fmp_arena *a, size_t size);
/* 8-byte aligned; NULL when out of memory. Inline: loaders call it per node. */
static inline void *fmp_arena_alloc(fmp_arena *a, size_t size) {
    /* 0 for sizes past SIZE_MAX - 7, which go to the slow path as 0 does:
     * one comparison then says both "not 0" and "fits". */
    size_t need = (size + 7) & ~(size_t)7;
    if (need - 1 < (size_t)(a->end - a->next)) {
        void *p = a->next;
        a->next += need;
        return p;
    }
    return fmp_arena_alloc_slow(a, size);
}
void *fmp_arena_calloc(fmp_arena *a, size_t size);
/* fmp_arena_init(a, al, first) and, in its first chunk (allocated now, with
 * `extra` bytes more that later chunks do not grow from), `size` bytes (not
 * zeroed) taken at once: NULL when out of memory (a then holds nothing). */
void *fmp_arena_first(fmp_arena *a, const fm_allocator *al, size_t first, size_t extra,
                      size_t size);
/* Scratch arrays that start in storage the caller owns (`first`: on the
 * stack, or NULL) and move to al's heap when they fill. Makes room for one
 * more element after `used`: 0, or -1 when out of memory (nothing changed).
 * The caller frees *arr when it is no longer `first`. */
int fmp_scratch_reserve(const fm_allocator *al, void **arr, size_t *cap, size_t used,
                        size_t elem, const void *first);
/* A NUL-terminated copy of s[0..len). */
char *fmp_arena_strndup(fmp_arena *a, const char *s, size_t len);
void fmp_arena_release(fmp_arena *a);
/* fmp_arena_release of an arena that lives, with the allocator it points
 * at, in its own first chunk (a snapshot's): nothing of a is read after
 * that chunk is freed, and a is left as it was. */
void fmp_arena_release_own(fmp_arena *a);

/* A growable text buffer (buf.c). After a failed allocation `failed` is
 * set and further writes are ignored; data is NUL-terminated when len > 0. */
typedef struct fmp_buf {
    char *data;
    size_t len, cap;
    const fm_allocator *al;
    bool failed;
    char *first; /* storage of the caller's it starts in (never freed), or NULL */
} fmp_buf;

void fmp_buf_init(fmp_buf *b, const fm_allocator *al);
/* A buffer that starts in the caller's `cap` bytes at first (on the stack)
 * and moves to al's heap when they fill. */
void fmp_buf_init_in(fmp_buf *b, const fm_allocator *al, char *first, size_t cap);
void fmp_buf_put(fmp_buf *b, const char *s, size_t len);
void fmp_buf_puts(fmp_buf *b, const char *s);
void fmp_buf_putc(fmp_buf *b, char c);
void fmp_buf_spaces(fmp_buf *b, size_t n);
/* Empties the buffer for a fresh start (keeps its storage; forgets a
 * failed allocation). */
void fmp_buf_clear(fmp_buf *b);
void fmp_buf_free(fmp_buf *b);

/* ===================================================================== */
/* Errors                                                                */
/* ===================================================================== */

/* Fills err (when not NULL) with code, no position, and the message. Always
 * returns -1 so callers can `return fmp_fail(...)`. */
int fmp_fail(fm_error *err, fm_code code, const char *fmt, ...) FMP_PRINTF(3, 4);
/* The same with the system's errno recorded in err->sys_errno. */
int fmp_fail_errno(fm_error *err, fm_code code, int sys_errno, const char *fmt, ...)
    FMP_PRINTF(4, 5);
/* The same at byte `offset` of text (line and column computed from it). */
int fmp_fail_at(fm_error *err, fm_code code, const char *text, size_t offset,
                const char *fmt, ...) FMP_PRINTF(5, 6);
/* The same at a known line and column. */
int fmp_fail_pos(fm_error *err, fm_code code, unsigned line, unsigned column,
                 size_t offset, const char *fmt, ...) FMP_PRINTF(6, 7);
void fmp_vformat(char *buf, size_t cap, const char *fmt, va_list ap) FMP_PRINTF(3, 0);
/* 1-based line and character column of byte `offset` in text. */
void fmp_position(const char *text, size_t offset, unsigned *line, unsigned *column);

/* ===================================================================== */
/* UTF-8                                                                 */
/* ===================================================================== */

/* Length of the longest valid UTF-8 prefix of s[0..len). */
size_t fmp_utf8_valid_prefix(const char *s, size_t len);
static inline bool fmp_utf8_valid(const char *s, size_t len) {
    return fmp_utf8_valid_prefix(s, len) == len;
}
/* Body text in every output (HTML, plain text, summaries, headings, titles):
 * passes s[0..len) to put in pieces, with each byte that is not part of a
 * valid UTF-8 sequence, and each NUL, replaced by U+FFFD. */
typedef void (*fmp_put_fn)(void *ctx, const char *s, size_t len);
void fmp_utf8_repair(const char *s, size_t len, fmp_put_fn put, void *ctx);
/* Decodes one code point at s (which must be valid UTF-8), returns its byte
 * length and stores the code point in *cp. */
size_t fmp_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of code points in s[0..len) (counts lead bytes). */
size_t fmp_utf8_count(const char *s, size_t len);
/* Appends the UTF-8 encoding of cp to buf; returns bytes written (1..4). */
size_t fmp_utf8_encode(uint32_t cp, char *buf);
/* True when the 8 bytes at p are printable ASCII (0x20..0x7E). A false
 * "no" is possible (borrows and carries between bytes), never a false yes. */
static inline bool fmp_printable8(const char *p) {
    uint64_t x;
    memcpy(&x, p, sizeof x);
    uint64_t low = x - 0x2020202020202020u, del = x + 0x0101010101010101u;
    return ((low | x | del) & 0x8080808080808080u) == 0;
}

/* ===================================================================== */
/* Dates (datetime.c)                                                    */
/* ===================================================================== */

/* Whether dt is set and every part its flags claim is in range: a real
 * calendar date, a time of day (second 60 allowed), an offset within a day;
 * with FM_DT_NO_DATE a time of day alone (no date, no offset). */
bool fmp_datetime_valid(const fm_datetime *dt);
/* 0 when dt can be written as a value and read back the same (a valid
 * date, with or without a time, or a valid time of day: only TOML writes
 * one, fmp_syntax.cannot_hold refuses it elsewhere); else -1 with
 * FM_ERR_DATE. */
int fmp_datetime_writable(const fm_datetime *dt, fm_error *err);

/* ===================================================================== */
/* Values                                                                */
/* ===================================================================== */

#define FMP_ALIAS (1u << 0) /* written as *alias: a shallow copy of the anchor */
#define FMP_HEAP (1u << 1)  /* caller-built: malloc'd, owns its children */
#define FMP_HAS_ALIAS (1u << 2) /* an alias somewhere below this node */

struct fm_value {
    uint8_t type;    /* fm_type */
    uint8_t style;   /* fm_style */
    uint16_t flags;  /* FMP_* */
    unsigned line, column, end_line, end_column;
    size_t start, end; /* byte offsets in the snapshot's text */
    const char *text;  /* scalars: resolved text, NUL-terminated */
    size_t text_len;
    const char *tag;
    const char *anchor;
    size_t count;  /* sequence items or mapping pairs */
    size_t cap;    /* caller-built containers, and containers a loader grows
                      (fmp_tree_map_add): allocated slots */
    size_t weight; /* nodes in this subtree, aliases expanded */
    const fm_allocator *al; /* caller-built values: what allocated them */
    union {
        int b;
        int64_t i;
        double f;
        fm_datetime dt;
        fm_value **items; /* sequence: count items; mapping: key, value pairs */
    } u;
};

/* The value of digit c in base (2 to 16; letters in either case), or -1. */
static inline int fmp_digit_value(char c, int base) {
    int d;
    if (c >= '0' && c <= '9')
        d = c - '0';
    else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
    else
        return -1;
    return d < base ? d : -1;
}

/* Resolves a scalar's type from its text, style and tag (YAML 1.2 core schema
 * plus timestamps) and fills v->type and v->u. Returns 0, or -1 when an
 * explicit core tag does not fit the text (message in msg). */
int fmp_resolve_scalar(fm_value *v, char *msg, size_t msg_cap);
/* Core-schema class of a plain text, used by the emitter to decide quoting:
 * the type a plain scalar with this text would load as. */
fm_type fmp_plain_type(const char *s, size_t len);
/* True when some mainstream reader (YAML 1.2 core, YAML 1.1 as PyYAML, Psych
 * and SnakeYAML read it, js-yaml 4, Go's yaml) would read the plain text as
 * something other than this string, or fail on it: such text is quoted. */
bool fmp_plain_is_ambiguous(const char *s, size_t len);
/* True when every one of those readers types the text as the same float:
 * -?(0|[1-9][0-9]*)\.[0-9]+ with an optional signed exponent (PyYAML needs
 * the '.' and the exponent's sign). */
bool fmp_float_text_portable(const char *s, size_t len);
/* The YAML 1.1 bool words in any letter case, as Ruby's Psych (Jekyll) reads
 * them and the generic article accepts them in boolean fields: 1 for yes, on,
 * true; 0 for no, off, false; -1 for any other text. */
int fmp_yaml11_bool(const char *s, size_t len);
int fmp_parse_int(const char *s, size_t len, int64_t *out);
int fmp_parse_float(const char *s, size_t len, double *out);
/* The shortest text that reads back as d in YAML float syntax; returns its
 * length (cap must be at least 32). */
size_t fmp_format_float(double d, char *buf, size_t cap);

/* Caller-built values allocated with al (fm_value_new_* use malloc). */
fm_value *fmp_new_null(const fm_allocator *al);
fm_value *fmp_new_bool(const fm_allocator *al, int b);
fm_value *fmp_new_int(const fm_allocator *al, int64_t i);
fm_value *fmp_new_float(const fm_allocator *al, double d);
fm_value *fmp_new_string(const fm_allocator *al, const char *s, size_t len);
fm_value *fmp_new_datetime(const fm_allocator *al, const fm_datetime *dt);
fm_value *fmp_new_container(const fm_allocator *al, fm_type type);
fm_value *fmp_copy(const fm_allocator *al, const fm_value *v);
/* Fills *v as the fmp_new_* functions fill their nodes (a caller-built
 * scalar of al, its text copied into room, len + 1 bytes), for a value the
 * caller keeps elsewhere (on the stack: never given to fm_value_free). */
void fmp_scalar_init(fm_value *v, const fm_allocator *al, fm_type type, char *room,
                     const char *text, size_t len);

/* An empty mapping node allocated in arena. */
fm_value *fmp_value_empty_mapping(fmp_arena *a);
/* Key i's text of a mapping node. */
static inline const fm_value *fmp_map_key(const fm_value *m, size_t i) {
    return m->u.items[2 * i];
}
static inline const fm_value *fmp_map_val(const fm_value *m, size_t i) {
    return m->u.items[2 * i + 1];
}
/* Index of key[0..len) in mapping m, or (size_t)-1. Linear: for one
 * lookup, never in a loop over the same mapping. */
size_t fmp_map_find(const fm_value *m, const char *key, size_t len);
/* Appends key -> val to a caller-built mapping without looking for an equal
 * key (the caller knows there is none, or copies pairs as they are); takes
 * val (freed on failure). 0 or -1. */
int fmp_map_append(fm_value *map, const char *key, size_t key_len, fm_value *val);
/* Appends a copy of pair i of mapping `from` in the same way. */
int fmp_map_append_copy(fm_value *map, const fm_value *from, size_t i);

/* ===================================================================== */
/* The tree builder (tree.c): what every loader shares                   */
/* ===================================================================== */

/* A place in the file: byte offset, 1-based line and character column. */
typedef struct fmp_pos {
    size_t offset;
    unsigned line, column;
} fmp_pos;

fmp_pos fmp_value_pos(const fm_value *v);
/* Where v ends (just past its last character). */
fmp_pos fmp_value_end(const fm_value *v);

/* One key of one mapping in the duplicate table. */
typedef struct fmp_key_slot {
    uint32_t hash;
    size_t first; /* pair index of the key's first occurrence */
    size_t last;  /* pair index of its latest occurrence */
    const fm_value *map;
    const fm_value *key; /* the first occurrence */
} fmp_key_slot;

#define FMP_TREE_INLINE_KIDS 256
#define FMP_TREE_INLINE_SLOTS 64
/* Mappings up to this many pairs find duplicates with a 64-bit filter and
 * by comparing with earlier keys; larger ones move to the hash table. */
#define FMP_TREE_LINEAR_KEYS 32

/* A loader's building state. The inline arrays come last so that set-up
 * need not clear them. */
typedef struct fmp_tree {
    const fm_config *cfg;
    fmp_snap *snap;       /* the snapshot being built */
    fm_error *err;        /* where failures go; may be NULL */
    fm_code code;         /* the code of the last failure */
    fmp_arena *arena;     /* the snapshot's: nodes live as long as it */
    const fm_allocator *al;
    const char *text;     /* the whole file */
    size_t total_keys;
    size_t linear_keys;
    /* cfg's limits that the inline calls below check per node or key */
    size_t max_scalar_length, max_keys, max_key_length;
    fm_value **kids;      /* children of the open collections, in order */
    size_t nkids, kids_cap;
    fmp_key_slot *slots;  /* open addressing, NULL until a mapping needs it */
    size_t nslots, slots_cap;
    fm_value *inline_kids[FMP_TREE_INLINE_KIDS];
    fmp_key_slot inline_slots[FMP_TREE_INLINE_SLOTS];
} fmp_tree;

void fmp_tree_init(fmp_tree *t, fmp_snap *snap, const fm_config *cfg, fm_error *err);
/* Frees the scratch arrays (the nodes stay in the arena): inline when
 * there are none, fmp_tree_release_scratch when there are. */
void fmp_tree_release_scratch(fmp_tree *t);
static inline void fmp_tree_release(fmp_tree *t) {
    if (t->kids != t->inline_kids || t->slots)
        fmp_tree_release_scratch(t);
}
/* Fill t->err (at a place) and t->code; return -1. */
int fmp_tree_nomem(fmp_tree *t);
int fmp_tree_fail(fmp_tree *t, fm_code code, fmp_pos at, const char *fmt, ...)
    FMP_PRINTF(4, 5);
/* Fails with FM_ERR_TOO_DEEP when a collection at `depth` (0: the root)
 * passes max_depth. */
int fmp_tree_depth(fmp_tree *t, size_t depth, fmp_pos at);
/* Gives collection v the children pushed since kids[first] (copied to the
 * arena), its count and weight, and pops them. */
int fmp_tree_finish(fmp_tree *t, fm_value *v, size_t first);
/* Adds a child's weight and alias flags to its parent. */
void fmp_tree_adopt(fm_value *parent, const fm_value *kid);
/* Collections that grow after later children were added elsewhere (TOML
 * reopens tables): their items live in the arena, v->cap slots of them,
 * and a full array moves to a twice larger one (the old one is left to the
 * arena). fmp_tree_append adds an item to a sequence; fmp_tree_map_add
 * adds a pair to a mapping after fmp_tree_key's checks, and returns as it
 * does (0 added, 1 a duplicate that was not added, -1 an error). Both add
 * the child's weight to the collection only, not to its ancestors: call
 * fmp_tree_weigh on the root when the tree is complete. */
int fmp_tree_append(fmp_tree *t, fm_value *seq, fm_value *item);
int fmp_tree_map_add(fmp_tree *t, fm_value *map, fm_value *key, fm_value *val,
                     fmp_key_slot *dup);
/* fmp_tree_map_add with its common case first (TOML adds every pair with
 * it): the same checks and results, fewer steps. */
int fmp_tree_map_put(fmp_tree *t, fm_value *map, fm_value *key, fm_value *val,
                     fmp_key_slot *dup);
/* The pair index of key's text in a mapping built with fmp_tree_map_add,
 * or (size_t)-1. */
size_t fmp_tree_lookup(fmp_tree *t, const fm_value *map, const fm_value *key);
/* Sets the weight of root and of the collections under it whose flags have
 * any of `grown` (those that grew after their parent took their weight);
 * other nodes' weights are taken as they are. Iterative, so any depth is
 * safe, and linear in the nodes it visits. -1 only when out of memory. */
int fmp_tree_weigh(fmp_tree *t, fm_value *root, unsigned grown);
/* The general case of fmp_tree_key (below), in tree.c. */
int fmp_tree_key_checked(fmp_tree *t, const fm_value *map, fm_value *const *pairs,
                         size_t npairs, const fm_value *key, fmp_key_slot *dup);
/* The rare cases of the inline calls below, in tree.c. */
int fmp_tree_grow_kids(fmp_tree *t);
void fmp_tree_fail_scalar_length(fmp_tree *t, fmp_pos start, size_t len);

/* The calls below are made once per node or key by every loader, so they
 * are inline here; each hands its rare cases to a function of tree.c. */

/* Clears v->u (40 bytes) with stores the compiler merges into wide ones:
 * a memset of it becomes `rep stos` where GCC optimises for size (it did
 * in yaml_fast.c's flow collections), slow to start on AMD's cores. */
static inline void fmp_zero_union(fm_value *v) {
    fm_datetime *dt = &v->u.dt;
    dt->year = dt->month = dt->day = dt->hour = dt->minute = dt->second = 0;
    dt->nanosecond = dt->utc_offset = 0;
    dt->flags = 0;
    unsigned char *tail = (unsigned char *)&v->u + sizeof *dt;
    for (size_t i = sizeof *dt; i < sizeof v->u; i++)
        *tail++ = 0;
}

/* v becomes a zeroed node of weight 1 starting and ending at `start`. Field
 * by field: a whole-struct zeroing becomes `rep stos`, slower than these
 * stores for a struct this small. */
FMP_INLINE void fmp_node_init(fm_value *v, fm_type type, fm_style style, fmp_pos start) {
    v->type = (uint8_t)type;
    v->style = (uint8_t)style;
    v->flags = 0;
    v->line = v->end_line = start.line;
    v->column = v->end_column = start.column;
    v->start = v->end = start.offset;
    v->text = NULL;
    v->text_len = 0;
    v->tag = v->anchor = NULL;
    v->count = v->cap = 0;
    v->weight = 1;
    v->al = NULL;
    fmp_zero_union(v);
}

/* A zeroed node of weight 1 starting and ending at `start`, followed in the
 * arena by `extra` bytes for the caller to fill (not zeroed). NULL when out
 * of memory (t->err filled). */
static inline fm_value *fmp_tree_node(fmp_tree *t, fm_type type, fm_style style,
                                      fmp_pos start, size_t extra) {
    fm_value *v = extra <= SIZE_MAX - sizeof *v
                      ? (fm_value *)fmp_arena_alloc(t->arena, sizeof *v + extra)
                      : NULL;
    if (!v) {
        fmp_tree_nomem(t);
        return NULL;
    }
    fmp_node_init(v, type, style, start);
    return v;
}

/* A string node whose len bytes of text the caller writes into *text (the
 * NUL is written); NULL on max_scalar_length or out of memory. */
static inline fm_value *fmp_tree_scalar(fmp_tree *t, fm_style style, fmp_pos start,
                                        size_t len, char **text) {
    if (len > t->max_scalar_length) {
        fmp_tree_fail_scalar_length(t, start, len);
        return NULL;
    }
    fm_value *v = fmp_tree_node(t, FM_STRING, style, start, len + 1);
    if (!v)
        return NULL;
    char *s = (char *)(v + 1);
    s[len] = '\0';
    v->text = s;
    v->text_len = len;
    *text = s;
    return v;
}

/* Where a node ends (never before it starts). */
static inline void fmp_tree_set_end(fm_value *v, fmp_pos end) {
    v->end = end.offset < v->start ? v->start : end.offset;
    v->end_line = end.line;
    v->end_column = end.column;
}

/* Appends a child of the innermost open collection. */
static inline int fmp_tree_push(fmp_tree *t, fm_value *v) {
    if (t->nkids == t->kids_cap && fmp_tree_grow_kids(t) != 0)
        return -1;
    t->kids[t->nkids++] = v;
    return 0;
}

/* One bit of 256 for a key's text. While a mapping is open (until
 * fmp_tree_finish gives it its items), the first 32 bytes of its u hold the
 * bits of its keys so far: a key whose bit is clear is new without
 * comparing it with any. Sets the key's bit; returns whether it was set. */
static inline bool fmp_key_filter(fm_value *map, const fm_value *key) {
    size_t n = key->text_len;
    unsigned h = n ? (unsigned)n + 31u * (unsigned char)key->text[0] +
                         17u * (unsigned char)key->text[n - 1]
                   : 0;
    unsigned char *bits = (unsigned char *)&map->u, bit = (unsigned char)(1u << (h & 7));
    bool seen = bits[(h >> 3) & 31] & bit;
    bits[(h >> 3) & 31] |= bit;
    return seen;
}

/* Checks a new key of map whose earlier pairs are pairs[0..2 * npairs): the
 * key count and key length limits, then duplicates. Returns 0 when the key
 * is new, 1 when the map has it already (*dup tells where: dup->first is
 * the earlier pair's index, dup->key its key), -1 on a limit or out of
 * memory (t->err, t->code). Here: a scalar key of a small mapping, within
 * the limits, whose filter bit is clear; tree.c does the rest. */
static inline int fmp_tree_key(fmp_tree *t, const fm_value *map, fm_value *const *pairs,
                               size_t npairs, const fm_value *key, fmp_key_slot *dup) {
    if (npairs < t->linear_keys && t->total_keys < t->max_keys &&
        key->type < FM_SEQUENCE /* nor FM_MAPPING */ &&
        key->text_len <= t->max_key_length) {
        if (!fmp_key_filter((fm_value *)map, key)) { /* open: its filter is ours */
            t->total_keys++;
            return 0;
        }
    }
    return fmp_tree_key_checked(t, map, pairs, npairs, key, dup);
}
/* The table entry of a key (with duplicates allowed, every key has one). */
fmp_key_slot *fmp_tree_find_key(fmp_tree *t, const fm_value *map, const fm_value *key);
/* With FM_OPT_ALLOW_DUPLICATES: keeps one of the `count` pairs of map per
 * key, at the place of the first occurrence, holding the last occurrence's
 * key and value, and records the dropped keys in the snapshot; returns the
 * pairs kept, or (size_t)-1 when out of memory (t->err, t->code). */
size_t fmp_tree_merge_duplicates(fmp_tree *t, const fm_value *map, fm_value **pairs,
                                 size_t count);
/* FM_ERR_DUPLICATE_KEY at key, naming the first occurrence. */
int fmp_tree_fail_duplicate(fmp_tree *t, const fm_value *key, const fmp_key_slot *first);

/* Turns pointers into the text into positions, walking forward from the last
 * one (a pointer behind the current line is counted from the top). */
typedef struct fmp_cursor {
    const char *text; /* the whole file */
    const char *at;   /* the last position asked for */
    const char *line_start;
    unsigned line, column, base_column; /* base_column: at line_start */
} fmp_cursor;

void fmp_cursor_init(fmp_cursor *c, const char *text, const char *start, unsigned line,
                     unsigned column);
/* The position of p counted from the top (p behind the cursor's line). */
fmp_pos fmp_cursor_from_top(const fmp_cursor *c, const char *p);

/* 0x80 in each of the 8 bytes at p that is not ASCII or is a line break. */
static inline uint64_t fmp_line_break_or_high8(const char *p) {
    uint64_t x, y;
    memcpy(&x, p, sizeof x);
    y = x ^ 0x0A0A0A0A0A0A0A0Au; /* a zero byte where p has '\n' */
    return (x | ((y - 0x0101010101010101u) & ~y)) & 0x8080808080808080u;
}

static inline bool fmp_same_line_ascii8(const char *p) {
    return fmp_line_break_or_high8(p) == 0;
}

/* Moves the cursor from the position it gave last to p, which the caller
 * knows stands on the same line `chars` characters further; p's position. */
static inline fmp_pos fmp_cursor_skip(fmp_cursor *c, const char *p, unsigned chars) {
    c->at = p;
    c->column += chars;
    fmp_pos pos = {(size_t)(p - c->text), c->line, c->column};
    return pos;
}

/* Inline: loaders ask for a position at every node. One pass from the last
 * position, eight bytes at a time while they are ASCII on one line; a step
 * of fewer than 8 such bytes is checked in the word that ends at p. */
static inline fmp_pos fmp_cursor_pos(fmp_cursor *c, const char *p) {
    if (p < c->line_start)
        return fmp_cursor_from_top(c, p);
    if (p < c->at) {
        c->at = c->line_start;
        c->column = c->base_column;
    }
    const char *q = c->at;
    unsigned line = c->line, column = c->column;
    size_t n = (size_t)(p - q);
    if (n > 0 && n < 8 && p - c->text >= 8) {
        static const union {
            uint16_t word;
            uint8_t first;
        } order = {1};
        uint64_t mine = order.first ? ~(uint64_t)0 << (8 * (8 - n)) /* little-endian */
                                    : ((uint64_t)1 << (8 * n)) - 1;
        if ((fmp_line_break_or_high8(p - 8) & mine) == 0) {
            c->at = p;
            c->column = column + (unsigned)n;
            fmp_pos pos = {(size_t)(p - c->text), line, c->column};
            return pos;
        }
    }
    while (q < p) {
        if (p - q >= 8 && fmp_same_line_ascii8(q)) {
            q += 8;
            column += 8;
            continue;
        }
        unsigned char b = (unsigned char)*q++;
        if (b == '\n') {
            line++;
            c->line_start = q;
            c->base_column = column = 1;
        } else {
            column += (b & 0xC0) != 0x80;
        }
    }
    c->at = p;
    c->line = line;
    c->column = column;
    fmp_pos pos = {(size_t)(p - c->text), line, column};
    return pos;
}

/* ===================================================================== */
/* TOML (toml_load.c reads the document, toml_scalar.c its scalars)      */
/* ===================================================================== */

/* Where a TOML table came from, in fm_value.flags (redefinition rules and
 * edits read them; see fmatter(5) for the tree's shape). */
#define FMP_TOML_HEADER (1u << 3)   /* defined by its own [table] or [[array]] header */
#define FMP_TOML_IMPLICIT (1u << 4) /* created by a header's path: [a.b] creates a */
#define FMP_TOML_DOTTED (1u << 5)   /* created or extended by dotted keys: a.b = 1 */
#define FMP_TOML_INLINE (1u << 6)   /* an inline table { }: closed for good */
#define FMP_TOML_AOT (1u << 7)      /* an array of tables, and each of its tables */

/* A TOML reader: the text, where it stands, positions and failures. */
typedef struct fmp_toml_in {
    fmp_tree *tree;
    const char *p;     /* the next byte to read */
    const char *end;   /* the end of the TOML text */
    fmp_cursor cursor; /* turns pointers into lines and columns */
    bool open;         /* the closing fence not met yet (fmp_load_toml_open):
                          end is the whole text's, and every line start the
                          reader enters is checked for the fence */
} fmp_toml_in;

static inline fmp_pos fmp_toml_pos(fmp_toml_in *in, const char *p) {
    return fmp_cursor_pos(&in->cursor, p);
}
/* Fails with code at p (message formatted). Returns -1. */
int fmp_toml_fail(fmp_toml_in *in, fm_code code, const char *p, const char *fmt, ...)
    FMP_PRINTF(4, 5);
/* Fails at p, where something else was expected (`expected` names it):
 * FM_ERR_ENCODING for invalid UTF-8 and control characters, else
 * FM_ERR_SYNTAX naming the character found. Returns -1. */
int fmp_toml_unexpected(fmp_toml_in *in, const char *p, const char *expected);
/* A control character, a lone CR or invalid UTF-8 at p: FM_ERR_ENCODING
 * (`where` ends the message about a control character: "in a comment").
 * Returns -1. */
int fmp_toml_bad_char(fmp_toml_in *in, const char *p, const char *where);
/* 1 for LF, 2 for CRLF at p, else 0. */
static inline size_t fmp_toml_newline(const char *p, const char *end) {
    if (p < end && *p == '\n')
        return 1;
    return end - p > 1 && p[0] == '\r' && p[1] == '\n' ? 2 : 0;
}
/* Length of the valid UTF-8 character at p (0 when invalid). */
size_t fmp_toml_char_len(const fmp_toml_in *in, const char *p);
/* The value at in->p when it is a scalar: a string of any of the four
 * kinds, a boolean, a number or a date-time; moves in->p past it. NULL with
 * the error in the tree. */
fm_value *fmp_toml_scalar(fmp_toml_in *in);
/* One key (one segment of a dotted key) at in->p: bare, or a basic or
 * literal string on one line; moves in->p past it. NULL after failing. */
fm_value *fmp_toml_key(fmp_toml_in *in);

/* The usual `key = value` at in->p, only blanks between the position
 * cursor and it: a bare key, blanks, '=', blanks, then a one-line basic
 * string of printable ASCII without escapes, an array of such strings apart
 * by ", " (`["a", "b"]`, at `depth`) or a number, boolean or date-time.
 * Returns 1 with the key and value built (in->p after the value, the cursor
 * there), 2 when only the key is such (built, in->p after it: the general
 * path reads on as after fmp_toml_key), 0 when the key is not (nothing
 * read), -1 after failing (as the general path would). */
int fmp_toml_line_pair(fmp_toml_in *in, size_t depth, fm_value **key, fm_value **val);

/* While in->open, before the reader crosses line breaks without checking
 * the lines for the closing fence (multi-line strings and arrays): finds
 * the first fence from the cursor's line on; in->end becomes it, or stays
 * the text's end when there is none (toml_load.c). */
void fmp_toml_find_end(fmp_toml_in *in);

/* Builds snap->root from the TOML text of snap->parts.front (toml_load.c).
 * Returns 0 or -1 with err. */
int fmp_load_toml(fmp_snap *snap, const fm_config *cfg, fm_error *err);
/* fmp_load_toml for front matter fmp_split_open left open: the first
 * closing fence at a line start the reader enters ends it, and on success
 * (0) it is recorded in snap->parts as fm_split would; 1 when the front
 * matter is never closed (parts still open: fmp_split_close reports it);
 * -1 with err as fmp_load_toml (FM_ERR_NOMEM even when never closed). */
int fmp_load_toml_open(fmp_snap *snap, const fm_config *cfg, fm_error *err);

/* ===================================================================== */
/* Rendering values as source text (yaml_render.c)                           */
/* ===================================================================== */

typedef enum fmp_ctx {
    FMP_CTX_BLOCK, /* a mapping value or block sequence item */
    FMP_CTX_FLOW,  /* inside [ ] or { } */
    FMP_CTX_KEY    /* a mapping key */
} fmp_ctx;

/* How an existing block writes things, so new text looks like its own. */
typedef struct fmp_habits {
    size_t map_indent;     /* a nested block mapping's indent under its key */
    size_t seq_indent;     /* a block sequence's dash indent under its key (0 or more) */
    fm_style string_style; /* new string values: plain (when safe), single, double */
    fm_style quote_style;  /* when a string must be quoted: single or double */
    fm_style item_style;   /* new list items */
    bool flow_lists;       /* new lists in [a, b] form */
    bool json;             /* JSON front matter: JSON syntax only */
    const char *nl;        /* "\n" or "\r\n" */
    bool keep_styles;      /* conversions: where FM_STYLE_ANY is asked, a value's
                              own style is wanted, and a collection styled
                              FM_STYLE_FLOW is written in flow form */
    const struct fmp_snap *unscanned; /* fmp_habits_lazy's: quote_style is found
                                         in this snapshot when asked for */
} fmp_habits;

void fmp_habits_detect(const struct fmp_snap *snap, fmp_habits *h);
/* The habits for writing one scalar in place of another: nl and json only;
 * the quoting is detected if a string must be quoted (the styles, indents
 * and list form are left unset: a collection or block scalar needs
 * fmp_habits_detect). */
void fmp_habits_lazy(const struct fmp_snap *snap, fmp_habits *h);
/* True when every character of s can stand in YAML text on one line (a
 * comment, a single-quoted scalar): printable, tabs allowed, no line break
 * (nor one that libyaml takes as such). TOML comments hold all of these. */
bool fmp_yaml_printable(const char *s, size_t len);
/* True when s can be written as a plain scalar in ctx and read back as the
 * same string. */
bool fmp_plain_ok(const char *s, size_t len, fmp_ctx ctx);
/* A scalar in style `want` when that style can hold it, else the closest one
 * that can (FM_STYLE_ANY: the habits). Block scalars put their lines at
 * `indent`. -1 only for .inf/.nan in JSON. No final line break. */
int fmp_render_scalar(fmp_buf *b, const fm_value *v, fm_style want, fmp_ctx ctx,
                      size_t indent, const fmp_habits *h);
void fmp_render_key(fmp_buf *b, const char *key, size_t len, fm_style want,
                    const fmp_habits *h);
/* [a, b] / {k: v} (JSON syntax for JSON documents). */
int fmp_render_flow(fmp_buf *b, const fm_value *v, fm_style item_style,
                    const fmp_habits *h);
/* A non-empty collection in block form: its first line goes where the
 * caller stands, later lines start with a line break and `col` spaces. */
int fmp_render_block(fmp_buf *b, const fm_value *v, size_t col, fm_style item_style,
                     const fmp_habits *h);
/* What follows `key:` for a key at column col (0-based): " scalar",
 * " [flow]", or a line break and a block collection. */
int fmp_render_after_colon(fmp_buf *b, const fm_value *v, size_t col, fm_style want,
                           const fmp_habits *h);

/* ===================================================================== */
/* Rendering values as TOML text (toml_render.c)                         */
/* ===================================================================== */

typedef enum fmp_toml_kind {
    FMP_TOML_BASIC,      /* "..." */
    FMP_TOML_LITERAL,    /* '...' */
    FMP_TOML_ML_BASIC,   /* """...""" */
    FMP_TOML_ML_LITERAL  /* '''...''' */
} fmp_toml_kind;

/* A character of a bare key: A-Z a-z 0-9 _ -. */
static inline bool fmp_toml_bare_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}
/* True when a key can be written bare. */
bool fmp_toml_bare_key_ok(const char *s, size_t len);
/* A key, bare when it can be, else as a basic string. */
void fmp_toml_render_key(fmp_buf *b, const char *s, size_t len);
/* A string in the kind asked for when that kind can hold it (the
 * multi-line kinds only for text with line breaks), else the closest one
 * that can: a literal falls back to a basic string. */
void fmp_toml_render_string(fmp_buf *b, const char *s, size_t len, fmp_toml_kind want);
/* A value on one line: a scalar, an array, an inline table. -1 with *why
 * for what TOML cannot hold (null, a key that is a collection). */
int fmp_toml_render_inline(fmp_buf *b, const fm_value *v, fmp_toml_kind want,
                           const char **why);
/* Why TOML cannot hold v (a null anywhere in it, a key that is a
 * collection, a date it cannot write), or NULL. */
const char *fmp_toml_cannot_hold(const fm_value *v);
/* How key/value lines are written: `INDENT PREFIX key = value` and nl. */
typedef struct fmp_toml_lines {
    const char *indent;
    size_t indent_len;
    fmp_buf *prefix; /* dotted keys before each key ("a.b."), or empty */
    fmp_toml_kind want;
    const char *nl;
} fmp_toml_lines;
/* key = v as one line, or, when v is a non-empty mapping, its pairs as
 * lines of dotted keys under key (l->prefix grows and comes back). -1 with
 * *why as fmp_toml_render_inline. */
int fmp_toml_render_pair(fmp_buf *b, const char *key, size_t klen, const fm_value *v,
                         const fmp_toml_lines *l, const char **why);
/* Every pair of map in the same way. */
int fmp_toml_render_lines(fmp_buf *b, const fm_value *map, const fmp_toml_lines *l,
                          const char **why);
/* Types word[0..len) as TOML types an unquoted value (a boolean, an
 * integer, a float, a date-time of any kind) into out->type and out->u
 * (toml_scalar.c): 0, or -1 when it is none of them. */
int fmp_toml_type_word(const char *s, size_t len, fm_value *out);

/* ===================================================================== */
/* Documents                                                             */
/* ===================================================================== */

/* One immutable state of a document: its text, its parts and its value tree,
 * all in one arena. Shared (reference-counted) by the document and by the
 * articles made from it; an edit makes a new snapshot. */
/* A key occurrence that FM_OPT_ALLOW_DUPLICATES dropped (tree.c records
 * them, the article warns about them with the Jekyll dialect). */
typedef struct fmp_dup {
    const fm_value *key;  /* the dropped occurrence */
    const fm_value *kept; /* the key of the occurrence kept (the last) */
    struct fmp_dup *next;
} fmp_dup;

/* A bit of fmp_snap.refs: an article holds the snapshot's room (and, as
 * for any article, one reference). */
#define FMP_SNAP_ROOM_TAKEN (1 << 30)

struct fmp_snap {
    int refs; /* references, plus FMP_SNAP_ROOM_TAKEN */
    fm_allocator al;
    fmp_arena arena;
    const char *text;
    size_t len;
    char *owned_text; /* text when the snapshot took over a caller buffer */
    bool borrowed;    /* text is the caller's (FM_OPT_BORROW) */
    bool body_apart;  /* text holds only the bytes before the body, which stays
                         in the caller's input (an edit of a borrowed document:
                         parts.body points there) */
    char *flat;       /* with body_apart: the whole text, built once for
                         fmp_snap_text (NULL until then) */
    fm_parts parts;
    fm_value *root;
    fmp_dup *dups; /* dropped duplicate keys, in no particular order */
    /* A document's first snapshot: FMP_ARTICLE_ROOM bytes allocated in its
     * arena (NULL when its chunk had no such room left) for one article at
     * a time (article.c), which sets FMP_SNAP_ROOM_TAKEN in refs while it
     * lives there. Allocated like any node: nothing else can ever be given
     * them. */
    char *room;
    unsigned local_edits; /* lines splice_local.c re-read into this snapshot's
                             arena for edits in place (each leaves what it
                             read, or the value it replaced, there) */
    bool local_copy; /* splice_local.c moved the tree here from the previous
                        snapshot's (not read whole) */
};

/* What a document knows of its own file (save.c): the snapshot whose text the
 * file held when the document last read or wrote it, and the file's device,
 * inode and modification time then (its size is snap->len). snap is NULL
 * when the document has no file. */
typedef struct fmp_baseline {
    fmp_snap *snap;
    dev_t dev;
    ino_t ino;
    struct timespec mtime;
} fmp_baseline;

struct fm_doc {
    fmp_snap *home; /* the snapshot whose arena holds this struct (its first
                       one), retained until fm_doc_free */
    fmp_snap *snap;
    fmp_snap *orig; /* the snapshot as loaded: an edit back to an original
                       value reuses its original bytes */
    const char *lent; /* FM_OPT_BORROW: the input, alive until fm_doc_free, read
                         again as orig (NULL until then) once an edit needs the
                         document as loaded after it has been edited */
    size_t lent_len;
    fmp_baseline base;
    fm_config cfg;
    fm_allocator al;
    char *path;
    bool front_only; /* loaded with FM_OPT_FRONT_ONLY: the text stops where the
                        body starts, and nothing writes it out */
};

/* The snapshot as loaded into *orig (NULL: none, or it is doc->snap): for a
 * document that borrows its input, that input read again the first time.
 * 0, or -1 with FM_ERR_NOMEM (edit.c). */
int fmp_doc_orig(fm_doc *doc, const fmp_snap **orig, fm_error *err);

/* 0, or -1 with FM_ERR_ARG naming fn when doc was loaded without its body
 * (FM_OPT_FRONT_ONLY): what writes a document out asks this first. */
int fmp_doc_whole(const fm_doc *doc, const char *fn, fm_error *err);
/* fm_doc_load_file_config with a complete configuration (fmp_file_config's):
 * what fm_load_many calls for every file. */
fm_doc *fmp_doc_load_file(const char *path, const fm_config *cfg, fm_error *err);

struct stat;
/* Reads the file at path into a new buffer (allocated with al, NUL-terminated,
 * *len bytes): all of it, or with FM_OPT_FRONT_ONLY in options only up to
 * where its body starts; then, when *split is set, *parts holds fm_split's
 * parts of the buffer's len bytes. *st gets what fstat said of it before
 * the read (zeroed when there was no fstat). NULL with FM_ERR_IO,
 * FM_ERR_TOO_LARGE or FM_ERR_NOMEM. */
char *fmp_read_file(const char *path, const fm_allocator *al, size_t limit,
                    unsigned options, struct stat *st, size_t *len, fm_parts *parts,
                    bool *split, fm_error *err);
/* Whether a file fstat described (*st) may be read whole within limit
 * bytes: 0, EISDIR for a folder, EFBIG for a regular file over the limit
 * (other files have no size to judge by). */
int fmp_file_refusal(const struct stat *st, size_t limit);
/* What FM_OPT_FRONT_ONLY reads first: the front matter of most files fits. */
#define FMP_FRONT_CHUNK 4096
#define FMP_FRONT_UNKNOWN ((size_t)-1)
/* FM_OPT_FRONT_ONLY: whether the bytes read so far, buf[0..len) (eof: the
 * whole file), show where the body starts: then buf is cut there (a NUL),
 * *split tells whether fm_split split it (*parts its parts, body_len 0), and
 * the length kept is returned; else FMP_FRONT_UNKNOWN (read on). */
size_t fmp_front_cut(char *buf, size_t len, bool eof, unsigned options, fm_parts *parts,
                     bool *split);

/* uring.c: the files of a batch read at once through io_uring. */
#define FMP_RING_FILES 32 /* files read at once at most */
typedef struct fmp_ring fmp_ring;
/* A file read ahead: buf (NUL-terminated, len bytes; st what fstat said
 * before the read, zeroed when there was none; parts when split, as
 * fmp_read_file gives them), or buf NULL: left to fmp_read_file. buf is the
 * ring's own (staged: valid until its next read) or from the allocator. */
typedef struct fmp_read_ahead {
    char *buf;
    size_t len;
    struct stat st;
    fm_parts parts;
    bool split;
    bool staged;
} fmp_read_ahead;
/* A ring for the calling thread only; NULL when the kernel offers none
 * (too old, a seccomp filter, kernel.io_uring_disabled). */
fmp_ring *fmp_ring_new(const fm_allocator *al);
void fmp_ring_free(fmp_ring *ring, const fm_allocator *al);
/* Reads paths[0..n) (n at most FMP_RING_FILES) into out[0..n) as
 * fmp_read_file reads them with limit and options: a regular file within
 * limit bytes whole, or with FM_OPT_FRONT_ONLY the front its first read
 * shows; any other is left to fmp_read_file (buf NULL) with no error
 * recorded: what cannot be opened, read or checked here is read again
 * there, which says why. */
void fmp_ring_read(fmp_ring *ring, const char *const *paths, size_t n,
                   const fm_allocator *al, size_t limit, unsigned options,
                   fmp_read_ahead *out);
/* fmp_doc_load_file for a file already read (ahead): takes ahead->buf, or
 * a copy of it when staged. */
fm_doc *fmp_doc_load_read(const char *path, fmp_read_ahead *ahead, const fm_config *cfg,
                          fm_error *err);
/* The bytes s->text holds: all of them, or with body_apart those before the
 * body. */
static inline size_t fmp_snap_held(const fmp_snap *s) {
    return s->body_apart ? s->len - s->parts.body_len : s->len;
}
/* Where the body starts in the whole text. */
static inline size_t fmp_body_offset(const fmp_snap *s) {
    return s->body_apart ? fmp_snap_held(s) : (size_t)(s->parts.body - s->text);
}
/* Whether the body is in the caller's input (FM_OPT_BORROW), which stays
 * alive as long as the document: an edit before it may keep it there. */
static inline bool fmp_body_lent(const fmp_snap *s) {
    return (s->borrowed || s->body_apart) && s->parts.body_len > 0;
}
/* Copies bytes [from, to) of the whole text of s to out (emit.c). */
void fmp_snap_copy(const fmp_snap *s, size_t from, size_t to, char *out);
/* The whole text of s in one piece: s->text, or with body_apart a copy made
 * on the first call (thread-safe); NULL when out of memory (emit.c). */
const char *fmp_snap_text(const fmp_snap *s);
/* Writes the whole text of s to fd: 0, or -1 with errno (emit.c). */
int fmp_snap_write(int fd, const fmp_snap *s);

/* Records that the document's file, described by st, holds snap's text. */
void fmp_baseline_record(fm_doc *doc, fmp_snap *snap, const struct stat *st);

/* How fmp_snap_parse treats the text it is given. */
typedef enum fmp_text_mode {
    FMP_TEXT_COPY,   /* copy it into the snapshot's arena */
    FMP_TEXT_BORROW, /* read it in place; the caller keeps it alive */
    FMP_TEXT_ADOPT   /* take over a buffer from the snapshot's allocator */
} fmp_text_mode;

/* Parses text[0..len) into a new snapshot (refs = 1). With FMP_TEXT_ADOPT the
 * buffer is the snapshot's even on failure. */
fmp_snap *fmp_snap_parse(const char *text, size_t len, fmp_text_mode mode,
                         const fm_config *cfg, fm_error *err);
void fmp_snap_retain(fmp_snap *s);
void fmp_snap_release(fmp_snap *s);
/* Releases an article's reference and the room it held, in one atomic
 * operation. */
void fmp_snap_release_room(fmp_snap *s);
/* An empty snapshot (refs = 1, no text, no root) whose arena's first chunk
 * is sized for a front matter of front_len bytes; NULL when out of memory. */
fmp_snap *fmp_snap_for_front(size_t front_len, const fm_config *cfg);
/* Builds s->root from s->parts.front by its format (YAML: the fast loader,
 * else libyaml). 0, or -1 with err filled. */
int fmp_load_front(fmp_snap *s, const fm_config *cfg, fm_error *err);

/* Builds snap->root from the YAML (or JSON) text of snap->parts.front with
 * libyaml. Returns 0 or -1 with err. */
int fmp_load_yaml(fmp_snap *snap, const fm_config *cfg, fm_error *err);
/* Builds snap->root from JSON front matter: a strict RFC 8259 object. */
int fmp_load_json(fmp_snap *snap, const fm_config *cfg, fm_error *err);
/* The same without libyaml for the common shape of front matter (yaml_fast.c):
 * returns 0 when it built snap->root, exactly as fmp_load_yaml would; 1 when
 * the block is outside that shape (snap->root stays NULL: call
 * fmp_load_yaml, which also reports every YAML error); -1 with FM_ERR_NOMEM. */
int fmp_load_fast(fmp_snap *snap, const fm_config *cfg, fm_error *err);

/* YAML and TOML front matter split and loaded in one pass (split.c,
 * yaml_fast.c, toml_load.c): fmp_split_open is fm_split, except that for
 * YAML or TOML front matter whose opening fence line ends with a line break
 * it returns 1 with the front running to the end of the text (close_fence
 * and body empty there), the closing fence not looked for. fmp_split_close
 * then finds it as fm_split does (0, or -1 with fm_split's error;
 * FM_OPT_LENIENT: no front matter); fmp_split_close_at records it at line
 * start c, front_lines lines after the front's start. fmp_split_is_close:
 * is the line at c a closing fence of YAML (inline for a line of three
 * bytes; fmp_split_is_close_line for any); fmp_split_find_close: the first
 * such line from line start c on, or len; fmp_split_toml_* the same for
 * TOML's. */
int fmp_split_open(const char *s, size_t len, unsigned options, fm_parts *out,
                   fm_error *err);
int fmp_split_close(const char *s, size_t len, unsigned options, fm_parts *out,
                    fm_error *err);
void fmp_split_close_at(const char *s, size_t len, size_t c, unsigned front_lines,
                        fm_parts *out);
bool fmp_split_is_close_line(const char *s, size_t len, size_t c);
static inline bool fmp_split_is_close(const char *s, size_t len, size_t c) {
    if (len - c > 3 && s[c + 3] == '\n') /* three bytes alone on their line */
        return (s[c] == '-' || s[c] == '.') && s[c + 1] == s[c] && s[c + 2] == s[c];
    return fmp_split_is_close_line(s, len, c);
}
size_t fmp_split_find_close(const char *s, size_t len, size_t c);
bool fmp_split_toml_is_close(const char *s, size_t len, size_t c);
size_t fmp_split_toml_find_close(const char *s, size_t len, size_t c);
/* fmp_load_fast for front matter left open by fmp_split_open: the first
 * closing fence it reads ends the block, and on success (0) it records it
 * in snap->parts; 1 (gave up, parts still open) or -1 as fmp_load_fast. */
int fmp_load_fast_open(fmp_snap *snap, const fm_config *cfg, fm_error *err);
/* An edited line read again alone (splice_local.c): the line of text (len
 * bytes in all) from its key at byte `at` to `end` (past its line break),
 * line `line` of the file, read as fmp_load_fast reads a block of that line
 * alone, when it is `key: scalar` with a plain key of key's text and type.
 * 0 with *value the scalar, in the arena of `into` (its columns counted
 * from `at`: the block's first column); 1 (*value NULL) when the line is
 * anything else, or when the fast path would not be sure of it (read the
 * block with fmp_load_front then, which gives the same value when this
 * gives one). */
int fmp_load_fast_line(fmp_snap *into, const fm_config *cfg, const char *text, size_t len,
                       size_t at, size_t end, unsigned line, const fm_value *key,
                       fm_value **value);

/* The text of scalars that span lines, as libyaml makes it (yaml_fold.c).
 * Each writes to out, or only measures when out is NULL. */

/* Decodes the escape after the backslash at *p (before end) into out (4
 * bytes at most); returns the bytes written, 0 for an escape the fast path
 * leaves to libyaml, and moves *p past the escape. */
size_t fmp_yaml_unescape(const char **p, const char *end, char *out);
/* The text of a plain scalar, s..e its source from its first byte to its
 * last (quote 0), or of a quoted one, s..e between its quotes (quote '\''
 * or '"'): line breaks folded, indentation dropped, escapes decoded.
 * Returns its length, (size_t)-1 on an escape left to libyaml. */
size_t fmp_yaml_fold(const char *s, const char *e, char quote, char *out);
/* A block scalar's header: `|` or `>`, its indicators, where it stands. */
typedef struct fmp_block_header {
    bool folded;          /* `>` */
    int chomp;            /* -1 strip, 0 clip, 1 keep */
    size_t increment;     /* the indentation indicator, 0 when absent */
    size_t parent_indent; /* the indentation of the collection holding it */
} fmp_block_header;
/* The text of a block scalar whose lines start at p (the line after its
 * header) in a block ending at e: sets *len and returns where libyaml's
 * scan stops (the scalar's end); NULL on a tab in an indentation. */
const char *fmp_yaml_block(const char *p, const char *e, const fmp_block_header *h,
                           char *out, size_t *len);

/* ===================================================================== */
/* Key paths (path.c)                                                    */
/* ===================================================================== */

/* A path parsed from text: its steps (keys point into buf or the text).
 * A path of one bare key has its step in `one` (nothing allocated). */
typedef struct fmp_path {
    fm_path_step *steps;
    size_t n;
    char *buf;
    fm_path_step one;
} fmp_path;

/* Parses a path's text against the tree it will be used on (the old dotted
 * form `a.b` reads as one key when only that reading names something).
 * FM_ERR_ARG for bad syntax or an ambiguous path, FM_ERR_ENCODING. Free
 * with fmp_path_free (also after a failure). */
int fmp_path_parse(const char *path, const fm_value *root, const fm_allocator *al,
                   fmp_path *out, fm_error *err);
void fmp_path_free(fmp_path *p, const fm_allocator *al);
/* One step down from v (a key of a mapping, an index of a sequence): the
 * child and its index in *at, or NULL. */
const fm_value *fmp_step_into(const fm_value *v, const fm_path_step *s, size_t *at);
const fm_value *fmp_steps_get(const fm_value *root, const fm_path_step *steps, size_t n);
/* The steps as path text: keys bare when they can be, else "quoted". */
void fmp_steps_format(fmp_buf *b, const fm_path_step *steps, size_t n);

/* ===================================================================== */
/* The body (body.c, summary.c, slug.c)                                  */
/* ===================================================================== */

struct cmark_node;
struct cmark_mem;

/* Runs fn(arg) with every block cmark allocates taken from al (NULL: the C
 * library's) and listed (cmark_mem.c). When an allocation fails, or a block
 * would pass 512 MiB (cmark aborts past 1 GiB), fn is abandoned with longjmp
 * (as libpng does), every block cmark held is freed, and the result is -1
 * with FM_ERR_NOMEM or FM_ERR_TOO_LARGE. Else fn's result (0 or -1 with err
 * filled by fn). fn makes its cmark objects with fmp_cmark_mem() and frees
 * them; other memory it allocates must be reachable from arg (its own locals
 * are lost on the longjmp), for the caller to free. */
int fmp_cmark_run(const fm_allocator *al, int (*fn)(void *arg), void *arg, fm_error *err);
/* The cmark allocator of this thread's innermost fmp_cmark_run. */
struct cmark_mem *fmp_cmark_mem(void);
/* Bodies up to this size are parsed; with the 512 MiB block limit no buffer
 * of cmark nears its 1 GiB abort. */
#define FMP_CMARK_MAX_BODY ((size_t)128 * 1024 * 1024)

/* Parses a body with cmark (in place), inside fmp_cmark_run; with
 * whole_file_lines, source lines count from the file's first line. NULL with
 * err on failure. */
struct cmark_node *fmp_body_parse(fm_body body, unsigned options, bool whole_file_lines,
                                  fm_error *err);
/* Appends the plain text of a subtree (see fm_body_text). */
void fmp_node_text(struct cmark_node *node, fmp_buf *out);
/* Hands a buffer's bytes over as a malloc'd string (for fm_free). */
char *fmp_buf_take(fmp_buf *b, size_t *len, fm_error *err);
/* The plain text of the first top-level level-1 heading, copied into arena
 * (cmark allocating through the arena's allocator): 0 with *title NULL when
 * there is none, -1 when memory runs out. */
int fmp_body_first_h1(fm_body body, fmp_arena *arena, const char **title, size_t *len);

/* ===================================================================== */
/* Typed articles (article.c maps them, apply.c writes them back)        */
/* ===================================================================== */

/* The typed fields, in the order of fm_article and of the public table. */
typedef enum fmp_field_id {
    F_TITLE, F_SUMMARY, F_DESCRIPTION, F_SLUG, F_URL, F_PERMALINK, F_LAYOUT, F_TYPE,
    F_AUTHOR, F_MENU, F_THUMBNAIL, F_LEAD, F_SIDEBAR,
    F_TAGS, F_CATEGORIES, F_KEYWORDS, F_ALIASES, F_AUTHORS, F_IMAGES, F_SERIES, F_LANG,
    F_TRANSLATIONS, F_WIDGETS,
    F_DATE, F_LASTMOD, F_PUBLISH_DATE, F_EXPIRY_DATE,
    F_DRAFT, F_COMMENTS, F_AUTHORBOX, F_PAGER, F_TOC, F_MATHJAX,
    F_WEIGHT,
    F_LINK_TITLE, F_PUBLISHED, F_EXCERPT, F_EXCERPT_SEPARATOR, F_PATH, F_TEMPLATE,
    F_OUTPUTS, F_BUILD, F_PARAMS, F_CASCADE, F_TAXONOMIES,
    FMP_FIELD_COUNT,
    FMP_NO_FIELD = FMP_FIELD_COUNT
} fmp_field_id;

typedef struct fmp_field {
    fm_field_info info;
    size_t offset; /* of the member in fm_article */
} fmp_field;

extern const fmp_field fmp_fields[FMP_FIELD_COUNT];

/* The member of field f in article a. */
static inline void *fmp_field_ptr(const fm_article *a, size_t f) {
    return (char *)(uintptr_t)a + fmp_fields[f].offset;
}

/* How a key's value becomes its field; each dialect has its own readers
 * (the generic ones in article.c, the others in cast.c). */
typedef enum fmp_read {
    FMP_READ_STRING,    /* generic: any scalar's text */
    FMP_READ_MENU,      /* generic: a string; a list or mapping stays in extra */
    FMP_READ_LIST,      /* generic: a list, or a scalar as one item */
    FMP_READ_WORDS,     /* generic: a list, or a string split at blanks */
    FMP_READ_DATE,      /* generic: a timestamp or a string that parses as one */
    FMP_READ_BOOL,      /* generic: a bool or a YAML 1.1 bool word */
    FMP_READ_INT,       /* generic: weight */
    FMP_READ_PUBLISHED, /* generic: a bool (draft = !published) or a date */
    FMP_READ_HUGO_STRING, /* Hugo: cast.ToString */
    FMP_READ_HUGO_MENU,   /* Hugo: a string; a list or mapping stays in extra */
    FMP_READ_HUGO_FIELDS, /* Hugo: cast.ToStringSlice (strings split at blanks) */
    FMP_READ_HUGO_TERMS,  /* Hugo taxonomies: a string is one term */
    FMP_READ_HUGO_DATE,   /* Hugo's date strings */
    FMP_READ_HUGO_BOOL,   /* Hugo: cast.ToBool */
    FMP_READ_HUGO_INT,    /* Hugo: cast.ToInt */
    FMP_READ_HUGO_MAP,    /* Hugo: a mapping kept as it is */
    FMP_READ_HUGO_CASCADE, /* Hugo: a mapping or a list of mappings */
    FMP_READ_JEKYLL_STRING,    /* Jekyll: any scalar, as Ruby's to_s writes it */
    FMP_READ_JEKYLL_DATE,      /* Jekyll: Time.parse of the value's text */
    FMP_READ_JEKYLL_PUBLISHED, /* Jekyll: Ruby truth (nil and false are false) */
    FMP_READ_JEKYLL_ONE,       /* Jekyll's tag: a string is one item */
    FMP_READ_JEKYLL_WORDS,     /* Jekyll's tags: a string split at blanks */
    FMP_READ_JEKYLL_CATEGORY,  /* Jekyll's category and categories (dialect.c) */
    FMP_READ_JEKYLL_DRAFT,     /* Jekyll's draft key: ignored in _posts */
    FMP_READ_ZOLA_STRING,   /* Zola: a string and nothing else */
    FMP_READ_ZOLA_NONEMPTY, /* Zola: a string that is not empty */
    FMP_READ_ZOLA_DATE,     /* Zola: a TOML date or a date string */
    FMP_READ_ZOLA_BOOL,     /* Zola: a bool and nothing else */
    FMP_READ_ZOLA_UINT,     /* Zola: an integer >= 0 */
    FMP_READ_ZOLA_LIST,     /* Zola: a list of strings */
    FMP_READ_ZOLA_TERMS,    /* Zola: a list of strings that are not blank */
    FMP_READ_ZOLA_TABLE,    /* Zola: a mapping whose keys are read as "key.x" */
    FMP_READ_ZOLA_EXTRA,    /* Zola's extra: its keys are the article's extras */
    FMP_READ_KNOWN          /* known to the generator, not typed: stays in extra */
} fmp_read;

/* One key a dialect reads: several keys may feed one field (in the order
 * they are tried), and one key may feed several fields (Hugo's dates). The
 * keys of a field are next to each other in the table. */
typedef struct fmp_key {
    const char *key;   /* as documented; "a.b": key b of the mapping at key a */
    uint8_t len;       /* strlen(key) */
    uint8_t field;     /* fmp_field_id, or FMP_NO_FIELD */
    uint8_t read;      /* fmp_read */
    bool fallback;     /* another field's key, read when the field's own are
                          missing: a change goes under the field's own key */
} fmp_key;

typedef struct fmp_keys {
    const fmp_key *keys;
    size_t count;
    bool fold_case; /* keys match in any ASCII letter case */
    /* The generic table, searched for each key of a document: for each
     * FMP_KEY_HASH of a key, 1 + the index of the one entry that may match
     * it, or 0 (none). NULL for the other tables, searched in order. */
    const uint8_t *hash;
} fmp_keys;

/* The hash of a key of len bytes (3 or more) starting with the bytes a, b,
 * the same in any ASCII letter case; no two generic keys share one. */
#define FMP_KEY_HASH(len, a, b) \
    ((((size_t)(len)) * 2 + (size_t)((a) | 0x20) * 21 + (size_t)((b) | 0x20) * 3) & 127)

/* The key table of a dialect (DEFAULT reads as GENERIC). */
const fmp_keys *fmp_dialect_keys(fm_dialect d);
/* The w (4 or 8) bytes at p as a number, in one load. */
static inline uint64_t fmp_word(const char *p, size_t w) {
    if (w == 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        return x;
    }
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
}

/* Whether the len bytes at a and b are equal: 4 to 16 of them (a key's
 * usual length) in two loads of each, overlapping when len < 2w, without a
 * call. */
static inline bool fmp_same_short(const char *a, const char *b, size_t len) {
    if (len < 4 || len > 16)
        return memcmp(a, b, len) == 0;
    size_t w = len >= 8 ? 8 : 4;
    return ((fmp_word(a, w) ^ fmp_word(b, w)) |
            (fmp_word(a + len - w, w) ^ fmp_word(b + len - w, w))) == 0;
}

/* Whether key[0..len) is table entry k (case folded when the table says:
 * bytes equal, or the same ASCII letter in the other case). */
static inline bool fmp_key_matches(const fmp_keys *t, const fmp_key *k, const char *key,
                                   size_t len) {
    if (k->len != len)
        return false;
    if (fmp_same_short(key, k->key, len))
        return true; /* the common case */
    for (size_t i = 0; i < len; i++) {
        char x = key[i], y = k->key[i];
        if (x == y)
            continue;
        char lx = (char)(x | 0x20);
        if (!t->fold_case || (x ^ y) != 0x20 || lx < 'a' || lx > 'z')
            return false;
    }
    return true;
}

/* The pair a dialect's key entry matched (article.c fills them). */
typedef struct fmp_slot {
    const fm_value *key, *value;
    const char *table;   /* the mapping key it is nested in ("taxonomies"), or NULL */
    size_t pair;         /* the index of its pair (or its table's) in the root */
    bool diagnosed;      /* a diagnostic was given for this value already */
} fmp_slot;

/* What fmp_cast did with a value. */
#define FMP_CAST_UNSET 0 /* left the field unset (null, or a diagnostic) */
#define FMP_CAST_SET 1   /* set the field */
#define FMP_CAST_EXTRA 2 /* not a value of this field: the key stays in extra */

/* The claim of Jekyll's published in the generic reading, which sets draft
 * or publish_date: a key set in source_key beside the fields. */
#define FMP_CLAIM_PUBLISHED FMP_FIELD_COUNT

typedef struct fmp_article {
    fm_article pub;
    fmp_snap *snap;
    bool in_room; /* lives in snap->room (and holds snap->room_taken) */
    fm_allocator al;
    fmp_arena arena;
    const fmp_keys *keys;          /* the dialect's */
    const fm_value *source_key[FMP_FIELD_COUNT + 1]; /* the key that set each field */
    const char **source_table;     /* dialects: the table each key is in */
    fmp_slot *slots;               /* dialects: the pair of each key entry */
    bool *consumed;                /* dialects: per pair of the root, read by a field */
    const char *rel_path;          /* the page relative to its site, or NULL */
    int page_kind;                 /* Jekyll: FMP_JEKYLL_PAGE, _POST or _DRAFT */
    fm_diagnostic *diags;
    size_t ndiags, diags_cap;
    fm_extra *extras;
    size_t nextras, extras_cap;
    fm_article *orig; /* as loaded, for fm_article_apply: a copy in the
                               arena, or NULL when the generic reading made it
                               (fmp_article_reread reads it again then) */
} fmp_article;

/* The room a document's first snapshot keeps for an article: the article
 * itself, a dialect's copy of it as loaded, and what it usually allocates
 * (extras, lists). */
#define FMP_ARTICLE_ROOM (sizeof(fmp_article) + sizeof(fm_article) + 1024)

/* The generic article a as loaded, read again from its snapshot (which no
 * edit changes) into *out, whose arena starts in room[0..cap): 0, or -1
 * when out of memory. Free it with fmp_arena_release(&out->arena). */
int fmp_article_reread(const fmp_article *a, fmp_article *out, char *room, size_t cap);

/* Adds a diagnostic at value (or key) `at` about key (the key as written):
 * message "\"KEY\": " followed by fmt. 0, or -1 when out of memory. */
int fmp_article_diag(fmp_article *a, fm_code code, const fm_value *at,
                     const fm_value *key, const char *fmt, ...) FMP_PRINTF(5, 6);
/* The same once per slot. */
int fmp_slot_diag(fmp_article *a, fmp_slot *s, fm_code code, const char *fmt, ...)
    FMP_PRINTF(4, 5);
/* "a sequence", or `int "5"`: a value's type and text, for messages. */
const char *fmp_describe(const fm_value *v, char *buf, size_t cap);
/* A NUL-terminated copy in the article's arena (NULL: out of memory). */
const char *fmp_article_strdup(fmp_article *a, const char *s, size_t len);

/* cast.c: reads slot s (of entry k) into the member out of entry k's field
 * by the dialect's reader. Returns FMP_CAST_*, or -1 when out of memory.
 * Adds the diagnostics. */
int fmp_cast(fmp_article *a, const fmp_key *k, fmp_slot *s, void *out);
/* The Hugo, Jekyll and Zola names, for messages. */
const char *fmp_dialect_title(fm_dialect d);
/* Splits s[0..len) at blanks into items in the arena (NULL items: count
 * only). ruby: Ruby's blanks (also \v and \f); else Go's unicode.IsSpace. */
size_t fmp_split_fields(fmp_article *a, const char *s, size_t len, bool ruby,
                        fm_str *items);
/* Jekyll's tags and categories: a list flattened (nils dropped), or a
 * string as one item or (split, in a post) split at blanks. FMP_CAST_*. */
int fmp_jekyll_list(fmp_article *a, fmp_slot *s, bool split, fm_strlist *out);
/* Parses a date as Zola does (its TOML and YAML forms, months and days of
 * one digit too). 0 or -1. */
int fmp_zola_date(const char *s, size_t len, fm_datetime *out);

#define FMP_JEKYLL_PAGE 0  /* not in a _posts or _drafts folder */
#define FMP_JEKYLL_POST 1  /* in _posts, with a dated file name */
#define FMP_JEKYLL_DRAFT 2 /* in _drafts */

/* dialect.c: which of those a path relative to a Jekyll site is. */
int fmp_jekyll_kind(const char *rel_path);
/* dialect.c: what a dialect derives after reading the keys: path rules,
 * fallbacks and defaults, Jekyll's categories, duplicate keys. 0 or -1. */
int fmp_dialect_finish(fmp_article *a);

/* site.c: the page's path relative to its site's root ('/'-separated, in
 * the arena), or NULL when there is no page path or no site root. root NULL:
 * the nearest folder above path holding dialect d's configuration file. */
const char *fmp_site_relative(fmp_arena *arena, fm_dialect d, const char *path,
                              const char *root);

/* ===================================================================== */
/* Edits (edit.c plans them, splice.c commits them)                      */
/* ===================================================================== */

typedef enum fmp_check_kind {
    FMP_CHECK_SET,    /* path holds value */
    FMP_CHECK_REMOVE, /* path is gone */
    FMP_CHECK_REMOVE_ITEM, /* the list at path is the old one without `item` */
    FMP_CHECK_RENAME, /* path is gone, new_path holds value */
    FMP_CHECK_BODY,   /* the front matter is unchanged */
    FMP_CHECK_CONVERT /* the front matter is `value` (fmp_convert_same) in
                         `format`, and the body is unchanged */
} fmp_check_kind;

/* What a committed edit must hold; in each mapping or list the path runs
 * through, every other entry must keep its place and value. */
typedef struct fmp_check {
    fmp_check_kind kind;
    const fm_path_step *steps; /* the path the edit names */
    size_t nsteps;
    const fm_path_step *new_steps; /* rename: the path afterwards (nsteps) */
    const fm_value *value;
    size_t item;    /* remove item: its index in the old list */
    const char *body; /* body: the exact body the new text must have */
    size_t body_len;
    bool drop_front;  /* body: the front matter block goes away entirely */
    fm_format format; /* convert: the format the new text must have */
    /* set: the container of the value the edit replaces and its index there
     * (at_in NULL: the set adds the value, or fills a null on the way) */
    const fm_value *at_in;
    size_t at;
    /* set that adds one key: the mapping the pair goes in (NULL: none, or
     * the set creates more than one level) */
    const fm_value *into;
} fmp_check;

/* Where a value sits: item or pair `at` of container `in`. */
typedef struct fmp_place {
    const fm_value *in;
    size_t at;
} fmp_place;

static inline const fm_value *fmp_place_value(const fmp_place *p) {
    return p->in->type == FM_MAPPING ? fmp_map_val(p->in, p->at) : p->in->u.items[p->at];
}

/* A planned edit: text[start, end) becomes `text`. */
typedef struct fmp_plan {
    size_t start, end;
    fmp_buf text;
    /* text is fmp_render_scalar's rendering of a string alone in a block
     * (yaml_edit.c): written as the string's own text, it is because
     * fmp_plain_ok passed on it (splice_local.c then knows its node) */
    bool rendered;
} fmp_plan;

/* How one syntax writes edits (yaml_edit.c for YAML and JSON, toml_edit.c
 * for TOML). Each planner fills *p and returns 0, or 1 / -1 when it has no
 * rendering for the case (the edit then tries another or fails); `safe`
 * asks for the most conservative rendering. */
typedef struct fmp_syntax {
    /* The value at `where` becomes v. */
    int (*replace)(const fm_doc *doc, const fmp_place *where, const fm_value *v, bool safe,
                   fmp_plan *p);
    /* The value at `where` gets back the bytes it had at `orig` in doc->orig. */
    int (*restore)(const fm_doc *doc, const fmp_place *where, const fmp_place *orig,
                   fmp_plan *p);
    /* A new pair key: v in map, after pair `after` ((size_t)-1: at its end);
     * for a document without front matter, a new block. */
    int (*insert)(const fm_doc *doc, const fm_value *map, size_t after, const char *key,
                  size_t klen, const fm_value *v, bool safe, fmp_plan *p);
    /* Removes the entry at `where` (1: the caller rewrites its container). */
    int (*remove)(const fm_doc *doc, const fmp_place *where, fmp_plan *p);
    /* The key of pair `where` becomes key. */
    int (*rename)(const fm_doc *doc, const fmp_place *where, const char *key, size_t klen,
                  bool safe, fmp_plan *p);
    /* Why v cannot be written in doc's syntax at all (TOML has no null,
     * YAML no time of day), or NULL when it can. */
    const char *(*cannot_hold)(const fm_doc *doc, const fm_value *v);
} fmp_syntax;

extern const fmp_syntax fmp_yaml_syntax;
extern const fmp_syntax fmp_toml_syntax;
/* The syntax edits of doc are written in; NULL when it cannot be edited. */
const fmp_syntax *fmp_syntax_of(const fm_doc *doc);

/* The start of the line holding byte pos of t. */
static inline size_t fmp_line_start(const char *t, size_t pos) {
    while (pos > 0 && t[pos - 1] != '\n')
        pos--;
    return pos;
}

/* The length of the YAML line break at p (before end): \n, \r\n, a lone
 * \r, and (YAML 1.1, as libyaml reads) NEL, LS and PS; 0 when none. */
static inline size_t fmp_yaml_break_len(const unsigned char *p,
                                        const unsigned char *end) {
    if (*p == '\n')
        return 1;
    if (*p == '\r')
        return end - p > 1 && p[1] == '\n' ? 2 : 1;
    if (*p == 0xC2)
        return end - p > 1 && p[1] == 0x85 ? 2 : 0;
    if (*p == 0xE2)
        return end - p > 2 && p[1] == 0x80 && (p[2] & 0xFE) == 0xA8 ? 3 : 0;
    return 0;
}

/* Just past the line break of the line holding byte pos (len: no break). */
static inline size_t fmp_after_line(const char *t, size_t len, size_t pos) {
    const char *nl = memchr(t + pos, '\n', len - pos);
    return nl ? (size_t)(nl - t) + 1 : len;
}

/* Removes entry `at` of a flow collection (YAML flow, JSON, a TOML array or
 * inline table) with the comma that separates it (edit.c). */
void fmp_plan_remove_flow(const fm_value *in, size_t at, fmp_plan *p);

/* Replaces text[start, end) with repl, re-reads, checks c, and swaps the new
 * snapshot in. Returns 0 when done, 1 when the result failed to load or to
 * check (the document is unchanged: try another rendering), -1 on error. */
int fmp_splice(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
               const fmp_check *c, fm_error *err);
/* fmp_splice of a planned edit (its `rendered` passed on to splice_local). */
int fmp_splice_plan(fm_doc *doc, const fmp_plan *p, const fmp_check *c, fm_error *err);
/* The cheap way to commit a YAML set (splice_local.c): when the edit
 * replaces one single-line scalar of a block mapping by another, re-reads
 * only that line (or, for a `rendered` string, knows its node from its
 * text), checks the value it reads back, and builds the new snapshot from
 * the old tree with the spans after the edit moved. 0 when done (doc->snap
 * swapped), 1 when it does not apply or is not sure (the document is
 * unchanged: commit it the full way). */
int fmp_splice_local(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
                     bool rendered, const fmp_check *c);
/* The node a load gives the string `repl` (no line break in it: the caller
 * checked) that fmp_render_scalar wrote for want (fmp_plan's `rendered`) at
 * offset `at`, line `line`, column `column`, in arena a: when repl is want's
 * own text (plain) or that text between quotes with nothing to escape, and
 * it is no longer than max_len; else NULL (or out of memory). */
fm_value *fmp_rendered_string(fmp_arena *a, const fmp_buf *repl, const fm_value *want,
                              size_t max_len, size_t at, unsigned line, unsigned column);
/* Loose equality for checks (splice.c): in JSON front matter a timestamp is
 * written as a string of the same text. */
bool fmp_check_same_value(const fm_value *want, const fm_value *got, bool json);

/* convert.c: got, a tree re-read from converted text, holds what the
 * conversion wrote (want, the source tree in the target's types and
 * order): fm_value_equal, with keys that are strings and floats of the
 * same sign. */
bool fmp_convert_same(const fm_value *want, const fm_value *got);

/* Writes all n bytes to fd, retrying short writes and EINTR (emit.c). Returns
 * 0, or -1 with errno set. */
int fmp_write_all(int fd, const char *p, size_t n);

/* Fills *cfg from an optional caller config (NULL: defaults). */
void fmp_config_copy(fm_config *dst, const fm_config *src);
/* The same for loading a file, whose text the document owns: FM_OPT_BORROW off. */
void fmp_file_config(fm_config *dst, const fm_config *src);
/* The alias text limit for a front matter of front_len bytes. */
size_t fmp_max_alias_bytes(const fm_config *cfg, size_t front_len);

#endif /* FM_PRIVATE_H */
