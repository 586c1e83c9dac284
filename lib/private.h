/* SPDX-License-Identifier: MIT */
/* private.h - what the files of lib/ share: the value node, the arena, the
 * document snapshot, error and UTF-8 helpers. Nothing here is installed. */
#ifndef FM_PRIVATE_H
#define FM_PRIVATE_H

#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "fmatter.h"

#if defined(__GNUC__)
#define FMP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FMP_PRINTF(f, a)
#endif

typedef struct fmp_snap fmp_snap;

/* Counts comparisons (keys compared, values compared for equality) when the
 * library's sources are built with FMP_COUNT_WORK, for the complexity test
 * (tests/check_complexity.c, one thread); nothing otherwise. */
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
/* 8-byte aligned; NULL when out of memory. */
void *fmp_arena_alloc(fmp_arena *a, size_t size);
void *fmp_arena_calloc(fmp_arena *a, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *fmp_arena_strndup(fmp_arena *a, const char *s, size_t len);
void fmp_arena_release(fmp_arena *a);

/* A growable text buffer (buf.c). After a failed allocation `failed` is
 * set and further writes are ignored; data is NUL-terminated when len > 0. */
typedef struct fmp_buf {
    char *data;
    size_t len, cap;
    const fm_allocator *al;
    bool failed;
} fmp_buf;

void fmp_buf_init(fmp_buf *b, const fm_allocator *al);
void fmp_buf_put(fmp_buf *b, const char *s, size_t len);
void fmp_buf_puts(fmp_buf *b, const char *s);
void fmp_buf_putc(fmp_buf *b, char c);
void fmp_buf_spaces(fmp_buf *b, size_t n);
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
    size_t cap;    /* caller-built containers: allocated slots */
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

/* Resolves a scalar's type from its text, style and tag (YAML 1.2 core schema
 * plus timestamps) and fills v->type and v->u. Returns 0, or -1 when an
 * explicit core tag does not fit the text (message in msg). */
int fmp_resolve_scalar(fm_value *v, char *msg, size_t msg_cap);
/* Core-schema class of a plain text, used by the emitter to decide quoting:
 * the type a plain scalar with this text would load as. */
fm_type fmp_plain_type(const char *s, size_t len);
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
/* Mappings up to this many pairs find duplicates by comparing with each
 * earlier key; larger ones move to the hash table. */
#define FMP_TREE_LINEAR_KEYS 8

/* A loader's building state. The inline arrays come last so that set-up
 * need not clear them. */
typedef struct fmp_tree {
    const fm_config *cfg;
    fm_error *err;        /* where failures go; may be NULL */
    fm_code code;         /* the code of the last failure */
    fmp_arena *arena;     /* the snapshot's: nodes live as long as it */
    const fm_allocator *al;
    const char *text;     /* the whole file */
    size_t total_keys;
    size_t linear_keys;
    fm_value **kids;      /* children of the open collections, in order */
    size_t nkids, kids_cap;
    fmp_key_slot *slots;  /* open addressing, NULL until a mapping needs it */
    size_t nslots, slots_cap;
    fm_value *inline_kids[FMP_TREE_INLINE_KIDS];
    fmp_key_slot inline_slots[FMP_TREE_INLINE_SLOTS];
} fmp_tree;

void fmp_tree_init(fmp_tree *t, fmp_snap *snap, const fm_config *cfg, fm_error *err);
/* Frees the scratch arrays (the nodes stay in the arena). */
void fmp_tree_release(fmp_tree *t);
/* Fill t->err (at a place) and t->code; return -1. */
int fmp_tree_nomem(fmp_tree *t);
int fmp_tree_fail(fmp_tree *t, fm_code code, fmp_pos at, const char *fmt, ...)
    FMP_PRINTF(4, 5);
/* A zeroed node of weight 1 starting and ending at `start`, followed in the
 * arena by `extra` bytes. NULL when out of memory (t->err filled). */
fm_value *fmp_tree_node(fmp_tree *t, fm_type type, fm_style style, fmp_pos start,
                        size_t extra);
/* A string node whose len bytes of text the caller writes into *text (the
 * NUL is written); NULL on max_scalar_length or out of memory. */
fm_value *fmp_tree_scalar(fmp_tree *t, fm_style style, fmp_pos start, size_t len,
                          char **text);
void fmp_tree_set_end(fm_value *v, fmp_pos end);
/* Fails with FM_ERR_TOO_DEEP when a collection at `depth` (0: the root)
 * passes max_depth. */
int fmp_tree_depth(fmp_tree *t, size_t depth, fmp_pos at);
/* Appends a child of the innermost open collection. */
int fmp_tree_push(fmp_tree *t, fm_value *v);
/* Gives collection v the children pushed since kids[first] (copied to the
 * arena), its count and weight, and pops them. */
int fmp_tree_finish(fmp_tree *t, fm_value *v, size_t first);
/* Adds a child's weight and alias flags to its parent. */
void fmp_tree_adopt(fm_value *parent, const fm_value *kid);
/* Checks a new key of map whose earlier pairs are pairs[0..2 * npairs): the
 * key count and key length limits, then duplicates. Returns 0 when the key
 * is new, 1 when the map has it already (*dup tells where: dup->first is
 * the earlier pair's index, dup->key its key), -1 on a limit or out of
 * memory (t->err, t->code). */
int fmp_tree_key(fmp_tree *t, const fm_value *map, fm_value *const *pairs, size_t npairs,
                 const fm_value *key, fmp_key_slot *dup);
/* The table entry of a key (with duplicates allowed, every key has one). */
fmp_key_slot *fmp_tree_find_key(fmp_tree *t, const fm_value *map, const fm_value *key);
/* With FM_OPT_ALLOW_DUPLICATES: keeps one of the `count` pairs of map per
 * key, at the place of the first occurrence, holding the last occurrence's
 * key and value; returns the pairs kept. */
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
fmp_pos fmp_cursor_pos(fmp_cursor *c, const char *p);

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
} fmp_habits;

void fmp_habits_detect(const struct fmp_snap *snap, fmp_habits *h);
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
/* Documents                                                             */
/* ===================================================================== */

/* One immutable state of a document: its text, its parts and its value tree,
 * all in one arena. Shared (reference-counted) by the document and by the
 * articles made from it; an edit makes a new snapshot. */
struct fmp_snap {
    int refs;
    fm_allocator al;
    fmp_arena arena;
    const char *text;
    size_t len;
    char *owned_text; /* text when the snapshot took over a caller buffer */
    bool borrowed;    /* text is the caller's (FM_OPT_BORROW) */
    fm_parts parts;
    fm_value *root;
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
    fmp_snap *snap;
    fmp_snap *orig; /* the snapshot as loaded: an edit back to an original
                       value reuses its original bytes */
    fmp_baseline base;
    fm_config cfg;
    fm_allocator al;
    char *path;
};

struct stat;
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

/* Follows a dotted path from root (see fm_doc_get). */
const fm_value *fmp_path_get(const fm_value *root, const char *path);
/* One step down a path from v: a mapping key (the whole rest first, so keys
 * holding dots are found) or a sequence index. Sets *used to the bytes of p
 * taken and *at to the child's index; NULL when there is no such child. */
const fm_value *fmp_path_step(const fm_value *v, const char *p, size_t rest, size_t *used,
                              size_t *at);

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

typedef enum fmp_field_kind {
    FMP_KIND_STRING,
    FMP_KIND_MENU, /* a string; Hugo's mapping or list form stays in extra */
    FMP_KIND_LIST,
    FMP_KIND_WORDS, /* a list that a single string fills by splitting on spaces */
    FMP_KIND_DATE,
    FMP_KIND_BOOL,
    FMP_KIND_INT,
    FMP_KIND_PUBLISHED /* Jekyll: a bool (draft = !published) or a date */
} fmp_field_kind;

typedef struct fmp_field {
    const char *name; /* canonical spelling, used for new keys */
    size_t name_len;
    fmp_field_kind kind;
    size_t offset;    /* in fm_article */
} fmp_field;

#define FMP_FIELD_MAX 48 /* at least the number of fields */
extern const fmp_field fmp_fields[];
extern const size_t fmp_field_count;

typedef struct fmp_article {
    fm_article pub;
    fm_article orig; /* as loaded, for fm_article_apply */
    fmp_snap *snap;
    fm_allocator al;
    fmp_arena arena;
    const fm_value *source_key[FMP_FIELD_MAX]; /* the key that set each field */
    fm_diagnostic *diags;
    size_t ndiags, diags_cap;
    fm_extra *extras;
    size_t nextras;
} fmp_article;

/* ===================================================================== */
/* Edits (edit.c plans them, splice.c commits them)                      */
/* ===================================================================== */

typedef enum fmp_check_kind {
    FMP_CHECK_SET,    /* path holds value */
    FMP_CHECK_REMOVE, /* path is gone */
    FMP_CHECK_REMOVE_ITEM, /* the list at path is the old one without `item` */
    FMP_CHECK_RENAME, /* path is gone, new_path holds value */
    FMP_CHECK_BODY    /* the front matter is unchanged */
} fmp_check_kind;

/* What a committed edit must hold; every other top-level key must keep its
 * place and value. */
typedef struct fmp_check {
    fmp_check_kind kind;
    const char *path;
    const char *new_path;
    const fm_value *value;
    bool top_level; /* remove: path is a key of the root */
    size_t item;    /* remove item: its index in the old list */
    const char *body; /* body: the exact body the new text must have */
    size_t body_len;
    bool drop_front;  /* body: the front matter block goes away entirely */
} fmp_check;

/* Replaces text[start, end) with repl, re-reads, checks c, and swaps the new
 * snapshot in. Returns 0 when done, 1 when the result failed to load or to
 * check (the document is unchanged: try another rendering), -1 on error. */
int fmp_splice(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
               const fmp_check *c, fm_error *err);

/* Writes all n bytes to fd, retrying short writes and EINTR (emit.c). Returns
 * 0, or -1 with errno set. */
int fmp_write_all(int fd, const char *p, size_t n);

/* Fills *cfg from an optional caller config (NULL: defaults). */
void fmp_config_copy(fm_config *dst, const fm_config *src);
/* The alias text limit for a front matter of front_len bytes. */
size_t fmp_max_alias_bytes(const fm_config *cfg, size_t front_len);

#endif /* FM_PRIVATE_H */
