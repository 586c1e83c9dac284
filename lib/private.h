/* SPDX-License-Identifier: MIT */
/* private.h - what the files of lib/ share: the value node, the arena, the
 * document snapshot, error and UTF-8 helpers. Nothing here is installed. */
#ifndef FM_PRIVATE_H
#define FM_PRIVATE_H

#include "config.h"

#include <stdarg.h>
#include <stdbool.h>

#include "fmatter.h"

#if defined(__GNUC__)
#define FMP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FMP_PRINTF(f, a)
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

/* ===================================================================== */
/* Errors                                                                */
/* ===================================================================== */

/* Fills err (when not NULL) with code, no position, and the message. Always
 * returns -1 so callers can `return fmp_fail(...)`. */
int fmp_fail(fm_error *err, fm_code code, const char *fmt, ...) FMP_PRINTF(3, 4);
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

/* An empty mapping node allocated in arena. */
fm_value *fmp_value_empty_mapping(fmp_arena *a);
/* Key i's text of a mapping node. */
static inline const fm_value *fmp_map_key(const fm_value *m, size_t i) {
    return m->u.items[2 * i];
}
static inline const fm_value *fmp_map_val(const fm_value *m, size_t i) {
    return m->u.items[2 * i + 1];
}
/* Index of key[0..len) in mapping m, or (size_t)-1. */
size_t fmp_map_find(const fm_value *m, const char *key, size_t len);

/* ===================================================================== */
/* Documents                                                             */
/* ===================================================================== */

/* One immutable state of a document: its text, its parts and its value tree,
 * all in one arena. Shared (reference-counted) by the document and by the
 * articles made from it; an edit makes a new snapshot. */
typedef struct fmp_snap {
    int refs;
    fm_allocator al;
    fmp_arena arena;
    const char *text;
    size_t len;
    fm_parts parts;
    fm_value *root;
} fmp_snap;

struct fm_doc {
    fmp_snap *snap;
    fm_config cfg;
    fm_allocator al;
    char *path;
};

/* Parses text[0..len) into a new snapshot (refs = 1). When copy is true the
 * text is copied into the snapshot's arena. */
fmp_snap *fmp_snap_parse(const char *text, size_t len, bool copy, const fm_config *cfg,
                         fm_error *err);
void fmp_snap_retain(fmp_snap *s);
void fmp_snap_release(fmp_snap *s);

/* Builds snap->root from the YAML (or JSON) text of snap->parts.front with
 * libyaml. Returns 0 or -1 with err. */
int fmp_load_yaml(fmp_snap *snap, const fm_config *cfg, fm_error *err);

/* Follows a dotted path from root (see fm_doc_get). */
const fm_value *fmp_path_get(const fm_value *root, const char *path);

/* Fills *cfg from an optional caller config (NULL: defaults). */
void fmp_config_copy(fm_config *dst, const fm_config *src);

#endif /* FM_PRIVATE_H */
