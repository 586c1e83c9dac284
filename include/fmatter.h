/* SPDX-License-Identifier: MIT */
/*
 * fmatter.h - front-matter Markdown: split, load, typed article, round trip.
 *
 * The one public header of libfmatter. It includes only standard headers.
 * Ownership, in one paragraph: every fm_x_new / fm_x_parse / fm_x_load has a
 * matching fm_x_free, and fm_x_free(NULL) does nothing. Pointers returned by
 * accessors (const results) are borrowed: they stay valid until the object they
 * came from is freed or, for a document, until its next successful edit.
 * Functions that return memory the caller must release say so, and name the
 * function to release it with.
 *
 * Errors: most functions take an optional last `fm_error *err` (NULL allowed).
 * They return 0 or a pointer on success and -1 or NULL on failure, and fill
 * *err on failure. Lines and columns are 1-based and count in the whole file;
 * columns count characters (Unicode code points), offsets count bytes.
 */
#ifndef FMATTER_H
#define FMATTER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "fmatter_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(FM_BUILDING) && defined(__GNUC__)
#define FM_EXPORT __attribute__((visibility("default")))
#else
#define FM_EXPORT
#endif

#if defined(__GNUC__)
#define FM_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define FM_WARN_UNUSED
#endif

/* ===================================================================== */
/* Version                                                               */
/* ===================================================================== */

/* The library's version as "MAJOR.MINOR.PATCH"; equals FMATTER_VERSION_STRING
 * of the header the library was built with. */
FM_EXPORT const char *fm_version(void);

/* The same as a number, 0xMMmmpp. */
FM_EXPORT unsigned long fm_version_number(void);

/* ===================================================================== */
/* Errors                                                                */
/* ===================================================================== */

typedef enum fm_code {
    FM_OK = 0,
    FM_ERR_NOMEM,            /* an allocation failed */
    FM_ERR_IO,               /* reading or writing a file failed; message has errno text */
    FM_ERR_ARG,              /* a caller passed an invalid argument */
    FM_ERR_ENCODING,         /* not UTF-8: a UTF-16/32 BOM or NUL in the first two
                                bytes, or invalid bytes or a NUL in the front
                                matter (the body is not checked) */
    FM_ERR_UNTERMINATED,     /* an opening fence is never closed */
    FM_ERR_SYNTAX,           /* YAML (or JSON) syntax error, libyaml's words */
    FM_ERR_NOT_MAPPING,      /* the front matter is not a mapping */
    FM_ERR_DUPLICATE_KEY,    /* a key appears twice in one mapping */
    FM_ERR_MULTIPLE_DOCUMENTS, /* a second YAML document inside the block */
    FM_ERR_UNSUPPORTED,      /* valid but not supported (no longer returned by a
                                parse: TOML front matter loads) */
    FM_ERR_TAG,              /* an explicit core tag whose value does not fit it */
    FM_ERR_TOO_LARGE,        /* input larger than fm_config.max_input_size */
    FM_ERR_TOO_DEEP,         /* nesting deeper than fm_config.max_depth */
    FM_ERR_ALIAS_LIMIT,      /* aliases expand past fm_config.max_alias_nodes */
    FM_ERR_KEY_TOO_LONG,     /* a key longer than fm_config.max_key_length */
    FM_ERR_SCALAR_TOO_LONG,  /* a scalar longer than fm_config.max_scalar_length */
    FM_ERR_TOO_MANY_KEYS,    /* more keys than fm_config.max_keys */
    FM_ERR_TYPE,             /* a typed field holds a value of the wrong type */
    FM_ERR_DATE,             /* a date field holds text that is not a valid date */
    FM_ERR_NOT_FOUND,        /* a key or path does not exist */
    FM_ERR_READ_ONLY,        /* no longer returned (TOML front matter is edited in
                                TOML); kept for programs that test for it */
    FM_ERR_EMIT,             /* an edit could not be written back faithfully */
    FM_ERR_ALIAS_BYTES,      /* aliases expand to more text than
                                fm_config.max_alias_bytes */
    FM_ERR_CONFLICT,         /* a save found the document's file changed, replaced or
                                removed since it was loaded or last saved */
    FM_ERR_REFUSED,          /* a save would lose something of the file it replaces:
                                it is read-only, or its owner, group, permissions or
                                extended attributes cannot be kept */
    FM_ERR_IGNORED,          /* diagnostics only: a key the site generator of
                                the dialect silently ignores */
    FM_ERR_CONVERT           /* fm_doc_convert: a value the target format cannot
                                hold (a null in TOML, a key that is not a
                                string, a time of day in JSON...) */
} fm_code;

#define FM_ERROR_MESSAGE_SIZE 200

typedef struct fm_error {
    fm_code code;
    unsigned line;   /* 1-based line in the whole file; 0 when not about a place */
    unsigned column; /* 1-based column in characters; 0 when not about a place */
    size_t offset;   /* byte offset in the whole file */
    int sys_errno;   /* the system's errno for FM_ERR_IO (and FM_ERR_NOMEM from the
                        system, FM_ERR_REFUSED when a system call refused), else 0 */
    char message[FM_ERROR_MESSAGE_SIZE]; /* NUL-terminated, no trailing newline */
} fm_error;

/* A short stable name for a code: "duplicate-key", "syntax", ... */
FM_EXPORT const char *fm_code_name(fm_code code);

/* ===================================================================== */
/* Options, limits, allocator                                           */
/* ===================================================================== */

/* Parse options (bit flags). */
#define FM_OPT_LENIENT (1u << 0)          /* unclosed fence: no front matter, no error */
#define FM_OPT_ALLOW_DUPLICATES (1u << 1) /* duplicate keys: the last one wins */
#define FM_OPT_STRICT (1u << 2)           /* typed-field mismatch is an error (given
                                             to a parse, it also applies to every
                                             fm_article_from_doc of the document) */
#define FM_OPT_BORROW (1u << 3)           /* the document borrows the input buffer
                                             until it is freed (edits keep the
                                             body there: see fm_doc_parse) */
#define FM_OPT_NO_FAST_PATH (1u << 4)     /* always load through libyaml */
#define FM_OPT_UTF8_BODY (1u << 5)        /* a body that is not valid UTF-8 fails the
                                             parse (FM_ERR_ENCODING at its first bad
                                             byte); without it the body is not checked */
#define FM_OPT_FRONT_ONLY (1u << 6)       /* fm_doc_load_file and fm_load_many's files:
                                             read the file only as far as its body
                                             starts; the document has no body and
                                             cannot be written out (fm_doc_has_body) */

/* Body rendering options (bit flags, see fm_body_html). */
#define FM_OPT_UNSAFE (1u << 8)     /* keep raw HTML and dangerous links */
#define FM_OPT_SMART (1u << 9)      /* smart punctuation */
#define FM_OPT_HARDBREAKS (1u << 10) /* soft line breaks become <br /> */
#define FM_OPT_SOURCEPOS (1u << 11) /* data-sourcepos attributes, whole-file lines */
#define FM_OPT_CJK (1u << 12)       /* count CJK characters, not words */

/* Memory hooks. All three are called with `ud`. realloc may be NULL (then
 * malloc + copy + free is used). A hook that returns NULL makes the call fail
 * with FM_ERR_NOMEM. libyaml allocates with its own malloc; cmark through
 * these hooks for an article's title taken from the body, through malloc in
 * the fm_body_* calls. No call aborts on out of memory (see fmatter(3)). */
typedef struct fm_allocator {
    void *(*malloc)(size_t size, void *ud);
    void *(*realloc)(void *ptr, size_t size, void *ud);
    void (*free)(void *ptr, void *ud);
    void *ud;
} fm_allocator;

/* The site generator whose rules the typed article follows (see
 * fm_article_from_doc_opts and fmatter(5)). */
typedef enum fm_dialect {
    FM_DIALECT_DEFAULT = 0, /* in fm_config: generic; in fm_article_options: the
                               dialect of the document's fm_config */
    FM_DIALECT_GENERIC,     /* fmatter's own reading: Hugo and Jekyll spellings,
                               any letter case, as before dialects existed */
    FM_DIALECT_HUGO,        /* Hugo, as its current documentation says */
    FM_DIALECT_JEKYLL,      /* Jekyll 4 */
    FM_DIALECT_ZOLA         /* Zola */
} fm_dialect;

/* Parse configuration. A field left 0 means its default, so both ways of
 * filling it work:
 *     fm_config c; fm_config_init(&c); c.options = FM_OPT_STRICT;
 *     fm_config c = {.options = FM_OPT_STRICT};
 * ABI rule for every public struct with a `size` field (fm_config,
 * fm_article, fm_summary_options): fields are only ever appended, and the
 * library reads no field past `size`; a size of 0 in fm_config (a struct
 * filled without fm_config_init) stands for the fields of fmatter 0.1, the
 * first release: all the fields of this header, so that
 * `fm_config c = {.dialect = FM_DIALECT_HUGO};` works too; later releases
 * will read the fields they add only when `size` says the caller has them.
 * An allocator without malloc or free means the C
 * library's. The default limits refuse only what an attack needs (a huge
 * input, deep nesting, alias expansion, very many keys): a valid document
 * smaller than max_input_size is never refused for the length of one key
 * or scalar, whose defaults equal the input limit. */
typedef struct fm_config {
    size_t size;              /* sizeof(fm_config); set by fm_config_init */
    unsigned options;         /* FM_OPT_* flags */
    size_t max_input_size;    /* bytes; default 64 MiB */
    size_t max_depth;         /* nested collections; default 256 */
    size_t max_alias_nodes;   /* nodes reached through aliases; default 10000 */
    size_t max_keys;          /* keys in the whole document; default 100000 */
    size_t max_key_length;    /* bytes in one key; default 64 MiB (the input limit) */
    size_t max_scalar_length; /* bytes in one scalar; default 64 MiB (the input limit) */
    const fm_allocator *allocator; /* NULL: the C library's malloc */
    size_t max_alias_bytes;   /* bytes of scalar text that aliases may repeat in all;
                                 0 (the default): four times the front matter's
                                 size, and at least 1 MiB */
    fm_dialect dialect;       /* the dialect of fm_article_from_doc (0: generic;
                                 since 0.2, so read only with `size` set).
                                 FM_DIALECT_JEKYLL also loads duplicate keys as
                                 Jekyll does: the last one wins (as with
                                 FM_OPT_ALLOW_DUPLICATES) and the article warns */
} fm_config;

#define FM_DEFAULT_MAX_INPUT_SIZE ((size_t)64 * 1024 * 1024)
#define FM_DEFAULT_MAX_DEPTH 256
#define FM_DEFAULT_MAX_ALIAS_NODES 10000
#define FM_DEFAULT_MAX_KEYS 100000
#define FM_DEFAULT_MAX_KEY_LENGTH FM_DEFAULT_MAX_INPUT_SIZE
#define FM_DEFAULT_MAX_SCALAR_LENGTH FM_DEFAULT_MAX_INPUT_SIZE

/* Fills *cfg with the defaults above and options 0. */
FM_EXPORT void fm_config_init(fm_config *cfg);

/* Frees memory that an fm_ function returned to the caller with a note to
 * release it with fm_free (emitted text, formatted values). NULL is a no-op. */
FM_EXPORT void fm_free(void *ptr);

/* ===================================================================== */
/* Splitting                                                             */
/* ===================================================================== */

typedef enum fm_format {
    FM_FORMAT_NONE = 0, /* no front matter: the whole input is the body */
    FM_FORMAT_YAML,     /* --- ... --- (or ...) */
    FM_FORMAT_TOML,     /* +++ ... +++ */
    FM_FORMAT_JSON      /* { ... } */
} fm_format;

/* The pieces of a file, as pointers into the caller's input (no copy). Every
 * byte of the input belongs to exactly one piece, in this order:
 * bom, lead, open_fence, front, close_fence, body. */
typedef struct fm_parts {
    fm_format format;
    size_t bom_len;           /* 3 when the input starts with a UTF-8 BOM, else 0 */
    const char *lead;         /* blank lines before the opening fence */
    size_t lead_len;
    const char *open_fence;   /* the opening fence line with its newline;
                                 empty for JSON (the braces belong to front) */
    size_t open_fence_len;
    const char *front;        /* the front matter text between the fences */
    size_t front_len;
    const char *close_fence;  /* the closing fence line with its newline, if any;
                                 for JSON the rest of the line after `}` */
    size_t close_fence_len;
    const char *body;         /* everything after the closing fence */
    size_t body_len;
    unsigned front_line;      /* 1-based line where front starts */
    unsigned body_line;       /* 1-based line where body starts */
    int crlf;                 /* 1 when the opening fence line ends in CRLF */
} fm_parts;

/* Splits `s` (len bytes, need not be NUL-terminated) into its parts without
 * allocating. Returns 0 and fills *out, or -1 with FM_ERR_ENCODING (UTF-16/32
 * BOM) or FM_ERR_UNTERMINATED (opening fence never closed, unless
 * FM_OPT_LENIENT, which then yields FM_FORMAT_NONE). */
FM_EXPORT int fm_split(const char *s, size_t len, unsigned options, fm_parts *out,
                       fm_error *err);

/* ===================================================================== */
/* Values                                                                */
/* ===================================================================== */

typedef struct fm_value fm_value;

typedef enum fm_type {
    FM_NULL = 0,
    FM_BOOL,
    FM_INT,
    FM_FLOAT,
    FM_STRING,
    FM_TIMESTAMP,
    FM_SEQUENCE,
    FM_MAPPING
} fm_type;

typedef enum fm_style {
    FM_STYLE_ANY = 0,     /* built by the caller, no source style */
    FM_STYLE_PLAIN,
    FM_STYLE_SINGLE_QUOTED,
    FM_STYLE_DOUBLE_QUOTED,
    FM_STYLE_LITERAL,     /* | */
    FM_STYLE_FOLDED,      /* > */
    FM_STYLE_BLOCK,       /* block sequence or mapping */
    FM_STYLE_FLOW,        /* [ ] or { } */
    FM_STYLE_MULTILINE_DOUBLE, /* TOML """multi-line basic string""" */
    FM_STYLE_MULTILINE_SINGLE  /* TOML '''multi-line literal string''' */
} fm_style;

/* Where a node stood in the source: bytes [offset, offset + length) of the
 * whole file, and the 1-based line and column of its first and last byte. */
typedef struct fm_span {
    size_t offset;
    size_t length;
    unsigned line;
    unsigned column;
    unsigned end_line;
    unsigned end_column; /* column just past the node's last character */
} fm_span;

/* A calendar date and time as written: nothing is converted to UTC or local
 * time. `flags` tells which parts the source had. */
#define FM_DT_SET (1u << 0)        /* the value is set: a date, or with FM_DT_NO_DATE a
                                      time of day */
#define FM_DT_HAS_TIME (1u << 1)   /* hour, minute, second, nanosecond are set */
#define FM_DT_HAS_OFFSET (1u << 2) /* utc_offset is set; else the time is floating */
#define FM_DT_NO_DATE (1u << 3)    /* a time of day without a date (TOML's local time,
                                      `07:32:00`): year, month and day are 0,
                                      FM_DT_HAS_TIME is set, FM_DT_HAS_OFFSET is not */

typedef struct fm_datetime {
    int year;       /* 0..9999 */
    int month;      /* 1..12 */
    int day;        /* 1..31 */
    int hour;       /* 0..23 */
    int minute;     /* 0..59 */
    int second;     /* 0..60 (60: leap second) */
    int nanosecond; /* 0..999999999 */
    int utc_offset; /* minutes east of UTC, -1439..1439 */
    unsigned flags; /* FM_DT_* */
} fm_datetime;

FM_EXPORT fm_type fm_value_type(const fm_value *v);
FM_EXPORT fm_style fm_value_style(const fm_value *v);
/* A short name for a type: "null", "bool", "int", "float", "string",
 * "timestamp", "sequence", "mapping". */
FM_EXPORT const char *fm_type_name(fm_type type);

/* Typed getters. Each returns its documented failure value when v is NULL or
 * of another type. */
FM_EXPORT int fm_value_bool(const fm_value *v);                /* -1 when not a bool */
FM_EXPORT int64_t fm_value_int(const fm_value *v, int64_t dflt); /* dflt when not an int */
/* A float, or an int converted to double; dflt for anything else. */
FM_EXPORT double fm_value_float(const fm_value *v, double dflt);
/* A string's bytes (NUL-terminated); NULL when not a string. */
FM_EXPORT const char *fm_value_string(const fm_value *v, size_t *len);
/* A timestamp's parts; NULL when not a timestamp. */
FM_EXPORT const fm_datetime *fm_value_datetime(const fm_value *v);
/* Any scalar's text after YAML unquoting and folding (for a plain scalar, the
 * source characters; for `true`, "true"); NULL for collections. */
FM_EXPORT const char *fm_value_text(const fm_value *v, size_t *len);
/* The explicit tag as written-resolved ("tag:yaml.org,2002:str", "!foo"), or
 * NULL. Tags outside the core schema are kept, never acted on. */
FM_EXPORT const char *fm_value_tag(const fm_value *v);
/* The anchor name when the node carried one (`&name`), else NULL. */
FM_EXPORT const char *fm_value_anchor(const fm_value *v);
/* 1 when this node was written as an alias (`*name`). */
FM_EXPORT int fm_value_is_alias(const fm_value *v);
/* The node's place in the source (all zero for caller-built values). */
FM_EXPORT fm_span fm_value_span(const fm_value *v);

/* Collections. fm_value_size: items of a sequence, pairs of a mapping, 0 for
 * scalars. fm_value_at: item i of a sequence or value i of a mapping, NULL
 * when out of range. */
FM_EXPORT size_t fm_value_size(const fm_value *v);
FM_EXPORT const fm_value *fm_value_at(const fm_value *v, size_t i);
/* Key i of a mapping as a node (for its span and type) and as text (a key
 * that is a collection, `? [a, b]`, has its source text: "[a, b]"). */
FM_EXPORT const fm_value *fm_value_key_at(const fm_value *v, size_t i);
FM_EXPORT const char *fm_value_key_text(const fm_value *v, size_t i, size_t *len);
/* The value of the first key of a mapping whose text equals key[0..len). */
FM_EXPORT const fm_value *fm_value_lookup(const fm_value *map, const char *key,
                                          size_t len);

/* Caller-built values, to pass to fm_doc_set. Each constructor returns NULL
 * when out of memory. Free the root with fm_value_free; containers own what
 * was added to them. fm_value_free(NULL) is a no-op; never pass it a value
 * that belongs to a document. The two that can also refuse their input take
 * an fm_error to say which happened (FM_ERR_NOMEM or the input's code). */
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_null(void);
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_bool(int b);
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_int(int64_t i);
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_float(double d);
/* Copies s[0..len). NULL with FM_ERR_ENCODING when s is not valid UTF-8,
 * FM_ERR_ARG when s is NULL with a length, FM_ERR_NOMEM. */
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_string(const char *s, size_t len,
                                                       fm_error *err);
/* NULL with FM_ERR_DATE when *dt is not a valid date or time of day (a
 * time of day alone, FM_DT_NO_DATE, is valid: TOML front matter holds one,
 * a YAML edit refuses it with FM_ERR_EMIT), FM_ERR_ARG when dt is NULL,
 * FM_ERR_NOMEM. */
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_datetime(const fm_datetime *dt,
                                                         fm_error *err);
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_sequence(void);
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_new_mapping(void);
/* Deep copy of any value (from a document or caller-built). */
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_copy(const fm_value *v);
/* Appends `item` to a caller-built sequence, which takes ownership of it
 * (also on failure, where item is freed). Returns 0 or -1. */
FM_EXPORT int fm_value_append(fm_value *seq, fm_value *item);
/* Adds key -> val to a caller-built mapping (replacing an equal key), which
 * takes ownership of val (also on failure, where val is freed). 0 or -1.
 * Finding an equal key takes time linear in the mapping's size. */
FM_EXPORT int fm_value_put(fm_value *map, const char *key, size_t key_len, fm_value *val);
FM_EXPORT void fm_value_free(fm_value *v);
/* How fm_value_parse_scalar types a word. */
typedef enum fm_schema {
    FM_SCHEMA_YAML = 0, /* YAML 1.2 core schema and timestamps: as fmatter loads
                           an unquoted YAML scalar */
    FM_SCHEMA_YAML11,   /* YAML 1.1 as PyYAML reads it: yes/no/on/off, 0b101,
                           012 (octal), 1_000, 1:20 (base 60), 1.5e+3, dates */
    FM_SCHEMA_JSON,     /* a JSON literal: true, false, null, a number */
    FM_SCHEMA_TOML      /* an unquoted TOML value: true, false, integers (0x, 0o,
                           0b, underscores), floats (inf, nan), the four kinds of
                           date-time; TOML has no null */
} fm_schema;

/* The value the text s[0..len) stands for when written unquoted in a
 * document of that schema: a null, bool, int, float or timestamp (with
 * FM_SCHEMA_TOML a time of day alone is one, with FM_DT_NO_DATE), or else
 * the string itself (an integer past 64 bits stays a string). A new caller-built value (free with fm_value_free), or NULL
 * with FM_ERR_ENCODING (s is not UTF-8), FM_ERR_ARG or FM_ERR_NOMEM. The
 * tool's `set` types its words this way. */
FM_EXPORT FM_WARN_UNUSED fm_value *fm_value_parse_scalar(fm_schema schema, const char *s,
                                                         size_t len, fm_error *err);
/* The type of the value fm_value_parse_scalar(schema, s, len, ...) makes,
 * without making it (no allocation): FM_NULL, FM_BOOL, FM_INT, FM_FLOAT,
 * FM_TIMESTAMP, or FM_STRING when the word stays text. It does not check
 * UTF-8 (fm_value_parse_scalar refuses text that is not); FM_STRING for an
 * unknown schema or a NULL s with a length. */
FM_EXPORT fm_type fm_scalar_type(fm_schema schema, const char *s, size_t len);
/* How much of s[0..len) is valid UTF-8, by the rule the library checks all
 * text with (overlong forms, surrogates and code points past U+10FFFF are
 * not valid): the byte length of the valid prefix, len when the whole text
 * is valid. When chars is not NULL, *chars gets the number of code points in
 * that prefix; when max_cp is not NULL, *max_cp gets the largest code point
 * of U+0080 or above in it, or 0 when the prefix is all ASCII. No
 * allocation; 0 (and zeros) for a NULL s. Bindings size their strings with it. */
FM_EXPORT size_t fm_utf8_scan(const char *s, size_t len, size_t *chars, uint32_t *max_cp);
/* The schema an unquoted word is typed in inside front matter of that
 * format: FM_SCHEMA_JSON for JSON, FM_SCHEMA_TOML for TOML, FM_SCHEMA_YAML for
 * YAML and for FM_FORMAT_NONE (an edit gives a document without front matter
 * YAML front matter). The tool's `set` and `--where` type words this way. */
FM_EXPORT fm_schema fm_format_schema(fm_format format);
/* 1 when a and b hold the same data (type, scalar value, items, keys in
 * order); styles, spans and tags are ignored. */
FM_EXPORT int fm_value_equal(const fm_value *a, const fm_value *b);

/* ===================================================================== */
/* Dates                                                                 */
/* ===================================================================== */

/* Parses `2025-02-11`, `2025-02-11 01:46:07`, `2025-02-11T01:46:07`, RFC 3339
 * with `Z` or `+01:00` and up to nine fraction digits, and offsets written
 * `+0800`, `+08:00`, `+08`, with or without a space before them. Returns 0 and
 * fills *out (flags include FM_DT_SET), or -1 when the text is not a date or
 * names an impossible one (month 13, February 30, hour 25). A time of day
 * alone (`07:32:00`) is not a date here: it is -1 (TOML front matter loads one
 * as a timestamp with FM_DT_NO_DATE; YAML reads that text as a string). */
FM_EXPORT int fm_datetime_parse(const char *s, size_t len, fm_datetime *out);

/* Seconds since the epoch, nanoseconds dropped. A floating time (no
 * FM_DT_HAS_OFFSET) is read at `default_offset` minutes east of UTC, a date
 * alone at its midnight. Returns 0, or -1 (leaving *out) when dt is not set,
 * holds an impossible date or time, is a time of day without a date
 * (FM_DT_NO_DATE), or does not fit in time_t. */
FM_EXPORT int fm_datetime_to_time(const fm_datetime *dt, int default_offset, time_t *out);

/* RFC 3339 text: `2025-02-11` (date only), `2025-02-11T01:46:07` (floating),
 * `2025-02-11T01:46:07.5+01:00`, `...Z` for offset 0; a time of day alone
 * (FM_DT_NO_DATE) as `07:32:00` or `07:32:00.25`. Writes at most cap bytes
 * including the NUL and returns the length it needed (excluding the NUL), as
 * snprintf does; 0 when dt is not set or not valid. */
FM_EXPORT size_t fm_datetime_format(const fm_datetime *dt, char *buf, size_t cap);

/* ===================================================================== */
/* Documents                                                             */
/* ===================================================================== */

typedef struct fm_doc fm_doc;

/* Parses a whole file held in s[0..len). The document copies the input once,
 * unless options has FM_OPT_BORROW: then it reads s in place, and s must stay
 * alive and unchanged until the document is freed. Edits then copy only the
 * text before the body: the body stays in s (fm_doc_body, fm_doc_parts and
 * an article's body point there), and fm_doc_text makes the whole text once
 * when it is asked for it. Every edit writes the same bytes as on a document
 * that copied its input. Returns a new document (free with fm_doc_free) or
 * NULL and *err. */
FM_EXPORT FM_WARN_UNUSED fm_doc *fm_doc_parse(const char *s, size_t len, unsigned options,
                                              fm_error *err);
/* The same with limits and an allocator; cfg NULL means defaults. */
FM_EXPORT FM_WARN_UNUSED fm_doc *fm_doc_parse_config(const char *s, size_t len,
                                                     const fm_config *cfg, fm_error *err);
/* Reads and parses the file at path. I/O failures are FM_ERR_IO with the
 * system's reason.
 * With FM_OPT_FRONT_ONLY the file is read only as far as its body starts
 * (its first 4 KB when the front matter closes there, else all of it; a file
 * read no further than 4 KB is not measured, so max_input_size bounds what
 * is read, not the file's size): the
 * format, tree, spans, errors (code, line, column, offset, message),
 * fm_doc_body_offset and fm_doc_body_line are those of the whole file, but
 * the document holds no body. fm_doc_has_body returns 0; fm_doc_body,
 * fm_doc_text and fm_doc_parts return NULL; fm_doc_body_view gives a NULL
 * text; an article made from it has no body (body NULL, so no title from
 * the body's first heading); and fm_doc_emit, fm_doc_emit_buffer,
 * fm_doc_emit_file, fm_doc_emit_fd, fm_doc_save and fm_doc_save_opts fail
 * with FM_ERR_ARG, also after edits: such a document can never be written
 * back without its body. Combined with FM_OPT_UTF8_BODY (a body to check)
 * it fails with FM_ERR_ARG. Text parsed from memory (fm_doc_parse, a
 * fm_load_item with text) is whole: the option does nothing there. */
FM_EXPORT FM_WARN_UNUSED fm_doc *fm_doc_load_file(const char *path, unsigned options,
                                                  fm_error *err);
FM_EXPORT FM_WARN_UNUSED fm_doc *fm_doc_load_file_config(const char *path,
                                                         const fm_config *cfg,
                                                         fm_error *err);
/* An empty document of the given format (YAML, TOML or JSON) with no body,
 * to fill with fm_doc_set: emits canonical Hugo-style front matter. NULL
 * with FM_ERR_ARG for any other format. */
FM_EXPORT FM_WARN_UNUSED fm_doc *fm_doc_new(fm_format format, fm_error *err);
FM_EXPORT void fm_doc_free(fm_doc *doc);

FM_EXPORT fm_format fm_doc_format(const fm_doc *doc);
/* The pieces of the current text (pointers into the document, or for the
 * body as fm_doc_body says); NULL when it was loaded with FM_OPT_FRONT_ONLY. */
FM_EXPORT const fm_parts *fm_doc_parts(const fm_doc *doc);
/* The top-level mapping; an empty mapping when there is no front matter. */
FM_EXPORT const fm_value *fm_doc_root(const fm_doc *doc);
/* Key paths. In text: keys separated by dots, a key holding '.', '[' or '"'
 * written in double quotes (\" and \\ escape), and [N] for item N of a
 * sequence (a key of digits indexes a sequence too):
 *     title   params.author   params."og.title"   tags[0]   tags.0
 * The older form where `a.b` also names one key holding the dot still works
 * when only that reading names something; when both the key "a.b" and
 * a -> b exist the text path is ambiguous (NULL / FM_ERR_ARG): quote it.
 * As steps, a path has no syntax at all: each step is a key (len bytes) or,
 * with key NULL, a sequence index. */
typedef struct fm_path_step {
    const char *key; /* NULL: the step is `index` */
    size_t len;
    size_t index;
} fm_path_step;

/* Looks up a path; NULL when absent, malformed or ambiguous. */
FM_EXPORT const fm_value *fm_doc_get(const fm_doc *doc, const char *path);
FM_EXPORT const fm_value *fm_doc_get_steps(const fm_doc *doc, const fm_path_step *steps,
                                           size_t n);
/* The body, pointing into the document's text (or, after an edit of a
 * document parsed with FM_OPT_BORROW, into its input); *len gets its length.
 * NULL (and *len 0) when the document was loaded with FM_OPT_FRONT_ONLY. */
FM_EXPORT const char *fm_doc_body(const fm_doc *doc, size_t *len);
/* 1 when the document holds its body (it can be emitted and saved); 0 when it
 * was loaded with FM_OPT_FRONT_ONLY, or doc is NULL. */
FM_EXPORT int fm_doc_has_body(const fm_doc *doc);
FM_EXPORT size_t fm_doc_body_offset(const fm_doc *doc);
FM_EXPORT unsigned fm_doc_body_line(const fm_doc *doc);
/* The document's whole current text (the input, or the result of edits);
 * NULL (and *len 0) when it was loaded with FM_OPT_FRONT_ONLY. After an edit
 * of a document parsed with FM_OPT_BORROW the text is made on the first call
 * (and kept until the next edit): NULL (and *len 0) when out of memory. */
FM_EXPORT const char *fm_doc_text(const fm_doc *doc, size_t *len);
/* The file the document was loaded from, or NULL. */
FM_EXPORT const char *fm_doc_path(const fm_doc *doc);

/* ===================================================================== */
/* Many documents at once                                                */
/* ===================================================================== */

/* One input of fm_load_many: a file, or a file's bytes already in memory. */
typedef struct fm_load_item {
    const char *path; /* the file to read; NULL for text */
    const char *text; /* with path NULL: the whole file, len bytes (need not be
                         NUL-terminated); copied into the document unless the
                         config has FM_OPT_BORROW (then it must stay alive and
                         unchanged until the document is freed) */
    size_t len;
} fm_load_item;

/* What became of one item. */
typedef struct fm_load_result {
    size_t index;   /* the item's place in the list */
    fm_doc *doc;    /* the document, or NULL when it did not load; see
                       fm_load_many for who frees it */
    fm_error error; /* why it did not load (code FM_OK when it did); a file that
                       cannot be read is FM_ERR_IO with sys_errno set */
    unsigned worker; /* the thread that loaded it: 0 the calling thread, 1 to
                        threads - 1 the others */
    void *user;     /* fm_load_options.user_size zeroed bytes for the callbacks
                       (NULL when 0): valid from work until done returns */
} fm_load_result;

/* A callback of fm_load_many; ud is fm_load_options.ud. */
typedef void (*fm_load_fn)(fm_load_result *result, void *ud);

/* fm_load_options.more: further items for fm_load_many. Sets *count to how
 * many it returns (their indexes follow the items given so far); returns NULL
 * or sets *count to 0 when there are no more. The array need only stay valid
 * until more returns (the items are copied); the paths and texts in it, until
 * fm_load_many returns. */
typedef const fm_load_item *(*fm_load_more_fn)(size_t *count, void *ud);

/* fm_load_options.flags. */
#define FM_LOAD_PLAIN_READS (1u << 0) /* read each file with its own open, fstat,
                                         read and close, never through io_uring */

/* How fm_load_many runs. Fill it with fm_load_options_init or a designated
 * initialiser: every field left 0 (NULL) means its default. The struct may
 * grow at its end; `size` tells the library how much of it the caller has:
 * sizeof(fm_load_options), or 0 for "this header's struct" (then rebuild
 * when the header grows). */
typedef struct fm_load_options {
    size_t size;            /* sizeof(fm_load_options), or 0 (see above) */
    unsigned threads;       /* threads in all, the calling one included (at most
                               256); 0: one per core; 1: everything on the
                               calling thread, no thread is created (the
                               kernel may run an io_uring worker of its own:
                               see fm_load_many) */
    size_t batch;           /* items a thread takes at a time; 0: chosen from the
                               number of items and threads (at most 32) */
    const fm_config *config; /* used for every item; NULL: defaults */
    fm_load_fn work;        /* optional: called right after each item is loaded
                               (or failed), in the thread that loaded it, so that
                               per-item work runs in parallel too */
    fm_load_fn done;        /* optional: called on the calling thread for each
                               item in input order, as soon as it and every item
                               before it are finished */
    size_t user_size;       /* bytes of scratch per item given as result->user */
    void *ud;               /* passed to work, done and more */
    fm_load_more_fn more;   /* optional: the list grows. Called on the calling
                               thread, with no lock held, while the other threads
                               load the items given so far, until it says there
                               are no more; results must be NULL then */
    unsigned flags;         /* FM_LOAD_* */
} fm_load_options;

/* Fills *opts with the defaults (all zero) and its size. */
FM_EXPORT void fm_load_options_init(fm_load_options *opts);

/* The threads fm_load_many runs with opts (NULL: defaults) at most, the
 * calling one included: opts->threads, or one per core when it is 0, never
 * over 256 (fewer when there are fewer batches than that). Every
 * fm_load_result.worker is below it: size per-thread state with it. */
FM_EXPORT unsigned fm_load_threads(const fm_load_options *opts);

/* Loads `count` items (files or buffers) with opts->threads threads, each item
 * exactly as fm_doc_load_file_config or fm_doc_parse_config would with
 * opts->config. Threads take items in batches; callbacks run without any lock
 * held, work in any thread and order, done on the calling thread in input
 * order. The document of an item belongs, after work returns (work may also
 * free it and set result->doc to NULL):
 *   - to the caller through results[index], when results is not NULL (an
 *     array of count results, filled in input order; done, when given, must
 *     not free the document then);
 *   - else to done, which must fm_doc_free it or keep it;
 *   - else to nobody: it is freed right after work.
 * results[i].user is NULL on return. opts NULL means defaults. Returns 0 when
 * every item went through (each item's own failure is in its result), -1 with
 * *err when nothing could be done: FM_ERR_ARG (items NULL with count > 0,
 * results with opts->more) or FM_ERR_NOMEM (also when the items more gave
 * could not be kept: the items before them went through, more is not called
 * again). With opts->more, count may be 0 and items NULL. Threads that
 * cannot be created leave their share to the others.
 *
 * On Linux, unless opts->flags has FM_LOAD_PLAIN_READS, each thread reads the
 * files of a batch together through an io_uring of its own: their opens in
 * one system call, an fstat each, their reads and closes in one more; with
 * FM_OPT_FRONT_ONLY, every file's open, first read and close in one system
 * call. The bytes, the checks and the errors are fm_doc_load_file's (a file
 * not read that way, a folder, a file that cannot be opened, a front longer
 * than the first read, is read again as fm_doc_load_file reads it, and the
 * error is its). At most 256 files are open at once, all threads
 * together. A file the kernel cannot open at once (not in its caches, or
 * missing) it opens in an io_uring worker thread of its own ("iou-wrk-*",
 * running no code of the caller's or the library's). Where the kernel offers
 * no io_uring (before 5.6, a seccomp filter, kernel.io_uring_disabled) files
 * are read one by one. */
FM_EXPORT int fm_load_many(const fm_load_item *items, size_t count,
                           const fm_load_options *opts, fm_load_result *results,
                           fm_error *err);

/* ===================================================================== */
/* Typed article                                                         */
/* ===================================================================== */

/* A string field: ptr NULL when unset, else NUL-terminated with len bytes. */
typedef struct fm_str {
    const char *ptr;
    size_t len;
} fm_str;

/* A list of strings: items NULL when unset (an empty list has items set and
 * count 0). */
typedef struct fm_strlist {
    const fm_str *items;
    size_t count;
} fm_strlist;

/* Three-state boolean: zero means the key was absent (or of a wrong type). */
typedef enum fm_tribool { FM_UNSET = 0, FM_FALSE = 1, FM_TRUE = 2 } fm_tribool;

/* A problem with one typed field that did not stop the load, or (with a
 * dialect) something the site generator would drop or misread. */
typedef struct fm_diagnostic {
    fm_code code;        /* FM_ERR_TYPE or FM_ERR_DATE; with a dialect also
                            FM_ERR_DUPLICATE_KEY and FM_ERR_IGNORED */
    unsigned line;
    unsigned column;
    size_t offset;
    const char *key;     /* the key as written */
    const char *message;
} fm_diagnostic;

/* A top-level key that is not one of the typed fields. */
typedef struct fm_extra {
    const char *key;
    size_t key_len;
    const fm_value *value;
} fm_extra;

typedef struct fm_article {
    size_t size; /* sizeof(fm_article) as the library knows it */

    fm_str title, summary, description, slug, url, permalink, layout, type, author,
        menu, thumbnail, lead, sidebar;
    fm_strlist tags, categories, keywords, aliases, authors, images, series, lang,
        translations, widgets;
    fm_datetime date, lastmod, publish_date, expiry_date;
    fm_tribool draft, comments, authorbox, pager, toc, mathjax;
    int64_t weight;
    int has_weight;

    const fm_extra *extra; /* other top-level keys in source order */
    size_t extra_count;

    const char *body; /* points into the document's text (see fm_doc_body); NULL
                         when the document was loaded with FM_OPT_FRONT_ONLY */
    size_t body_len;
    size_t body_offset;
    unsigned body_line;

    const fm_diagnostic *diagnostics;
    size_t diagnostic_count;

    int title_from_body; /* 1 when title came from the body's first level-1
                            heading because the front matter has none */

    /* Since 0.2. New fields are only ever added here, at the end; `size`
     * tells which ones the library filled. */
    fm_dialect dialect; /* the rules the article was read with (never DEFAULT) */
    fm_str link_title;  /* Hugo's linkTitle (its title when unset) */
    fm_str excerpt;     /* Jekyll's excerpt from the front matter */
    fm_str excerpt_separator; /* Jekyll's excerpt_separator */
    fm_str path;        /* Zola's path (the page's URL path, not its file) */
    fm_str template_name; /* Zola's template */
    fm_strlist outputs; /* Hugo's output formats */
    fm_tribool published; /* Jekyll's published (FM_TRUE unless it says false) */
    const fm_value *build;      /* Hugo's build options (a mapping) */
    const fm_value *params;     /* Hugo's params (a mapping) */
    const fm_value *cascade;    /* Hugo's cascade (a mapping or a list of them) */
    const fm_value *taxonomies; /* Zola's taxonomies (a mapping) */
} fm_article;

/* Maps the document's front matter to typed fields. The article holds its
 * own reference to the document's data, so it stays valid after the document
 * is edited or freed; free it with fm_article_free. options: FM_OPT_STRICT
 * turns the first diagnostic into an error. The dialect is the one of the
 * document's fm_config (generic unless set). */
FM_EXPORT FM_WARN_UNUSED fm_article *fm_article_from_doc(const fm_doc *doc,
                                                         unsigned options,
                                                         fm_error *err);

/* How to map one document (see fm_article_from_doc_opts). */
typedef struct fm_article_options {
    size_t size;           /* sizeof(fm_article_options); set by the init */
    unsigned options;      /* FM_OPT_STRICT */
    fm_dialect dialect;    /* FM_DIALECT_DEFAULT: the document's fm_config.dialect */
    const char *path;      /* the page's file, for the rules a dialect takes from
                              it; NULL: the file the document was loaded from */
    const char *site_root; /* the site's top folder; NULL: the nearest folder
                              above the page holding the dialect's configuration
                              file (see fmatter(5)). A relative path that is
                              not under it is read as relative to it */
} fm_article_options;

/* Fills *opts with the defaults: no options, the document's dialect, its
 * path, the site root found from it. */
FM_EXPORT void fm_article_options_init(fm_article_options *opts);

/* fm_article_from_doc with a dialect and the page's place in its site. opts
 * NULL means defaults; a struct with a smaller `size` (an older header) keeps
 * the defaults of the fields it lacks, and size 0 means this header's size
 * (so designated initialisers work). The strings of opts are read during the
 * call only. */
FM_EXPORT FM_WARN_UNUSED fm_article *fm_article_from_doc_opts(
    const fm_doc *doc, const fm_article_options *opts, fm_error *err);
FM_EXPORT void fm_article_free(fm_article *article);

/* The short name of a dialect: "generic", "hugo", "jekyll", "zola" ("default"
 * for FM_DIALECT_DEFAULT; NULL for other values). */
FM_EXPORT const char *fm_dialect_name(fm_dialect dialect);
/* The dialect named name[0..len) (the names above, "default" included).
 * Returns 0, or -1 when there is none by that name. */
FM_EXPORT int fm_dialect_from_name(const char *name, size_t len, fm_dialect *out);

/* ===================================================================== */
/* The field table: every typed field of fm_article, to walk at run time */
/* ===================================================================== */

typedef enum fm_field_type {
    FM_FIELD_STRING = 1, /* fm_str */
    FM_FIELD_LIST,       /* fm_strlist */
    FM_FIELD_DATE,       /* fm_datetime */
    FM_FIELD_BOOL,       /* fm_tribool */
    FM_FIELD_INT,        /* int64_t (weight, with has_weight) */
    FM_FIELD_VALUE       /* const fm_value *: a mapping (or list) as loaded */
} fm_field_type;

/* One typed field. Returned pointers are to static, read-only storage. */
typedef struct fm_field_info {
    const char *name;   /* "title", "publish_date": the name the tool and the
                           bindings use, and the fm_article member's (but for
                           "template", whose member is template_name) */
    fm_field_type type;
    const char *key;    /* the key a new value is written under when no key
                           set the field (fm_article_apply): "publishDate" */
} fm_field_info;

/* The number of typed fields; their order is the one of fm_article. */
FM_EXPORT size_t fm_article_field_count(void);
/* Field i (0 .. count-1), or NULL past the end. */
FM_EXPORT const fm_field_info *fm_article_field_info(size_t i);
/* The index of the field named name[0..len), or -1. */
FM_EXPORT int fm_article_field_find(const char *name, size_t len);
/* Key number j (from 0) that `dialect` reads field i from, or NULL past the
 * last one. Keys of nested tables are dotted ("taxonomies.tags"); the
 * generic and Hugo dialects match them in any letter case. */
FM_EXPORT const char *fm_article_field_key(size_t i, fm_dialect dialect, size_t j);

/* A field's value, whatever its type; `type` says which member is valid. */
typedef struct fm_field_value {
    fm_field_type type;
    int is_set; /* 0: the field is unset (the member is zero) */
    union {
        fm_str str;            /* FM_FIELD_STRING */
        fm_strlist list;       /* FM_FIELD_LIST */
        fm_datetime date;      /* FM_FIELD_DATE */
        fm_tribool flag;       /* FM_FIELD_BOOL */
        int64_t integer;       /* FM_FIELD_INT */
        const fm_value *value; /* FM_FIELD_VALUE */
    } u;
} fm_field_value;

/* Fills *out with field i of article. Pointers in it are borrowed from the
 * article (they live until fm_article_free, or as long as the caller's own
 * data when the caller changed the field). Returns 1 when the field is set,
 * 0 when unset, -1 when i is out of range or an argument is NULL. */
FM_EXPORT int fm_article_field_get(const fm_article *article, size_t i,
                                   fm_field_value *out);

/* ===================================================================== */
/* Editing and writing back                                              */
/* ===================================================================== */

/* Each edit rewrites only the bytes it must (see fmatter(3)), re-reads the
 * result and checks it; on any failure the document is left as it was.
 * Paths are written as for fm_doc_get (or given as steps); setting a missing
 * path creates it (and any missing parent mappings) at the end of its
 * mapping. Every edit invalidates fm_value pointers taken from the document
 * before it. */
FM_EXPORT int fm_doc_set(fm_doc *doc, const char *path, const fm_value *v, fm_error *err);
FM_EXPORT int fm_doc_set_steps(fm_doc *doc, const fm_path_step *steps, size_t n,
                               const fm_value *v, fm_error *err);
FM_EXPORT int fm_doc_set_string(fm_doc *doc, const char *path, const char *s, size_t len,
                                fm_error *err);
FM_EXPORT int fm_doc_set_int(fm_doc *doc, const char *path, int64_t i, fm_error *err);
FM_EXPORT int fm_doc_set_float(fm_doc *doc, const char *path, double d, fm_error *err);
FM_EXPORT int fm_doc_set_bool(fm_doc *doc, const char *path, int b, fm_error *err);
FM_EXPORT int fm_doc_set_null(fm_doc *doc, const char *path, fm_error *err);
FM_EXPORT int fm_doc_set_datetime(fm_doc *doc, const char *path, const fm_datetime *dt,
                                  fm_error *err);
/* A list of n strings; lens may be NULL when every item is NUL-terminated. */
FM_EXPORT int fm_doc_set_strings(fm_doc *doc, const char *path, const char *const *items,
                                 const size_t *lens, size_t n, fm_error *err);
/* Inserts a new key `path` right after the existing sibling `after` (a key
 * of the same mapping); FM_ERR_NOT_FOUND when after is missing. An existing
 * key is set in place instead. */
FM_EXPORT int fm_doc_insert_after(fm_doc *doc, const char *path, const char *after,
                                  const fm_value *v, fm_error *err);
/* Removes a key (its lines, or its pair in a flow mapping) or a list item. */
FM_EXPORT int fm_doc_remove(fm_doc *doc, const char *path, fm_error *err);
FM_EXPORT int fm_doc_remove_steps(fm_doc *doc, const fm_path_step *steps, size_t n,
                                  fm_error *err);
/* Renames the last key of `path` to new_key, in place. */
FM_EXPORT int fm_doc_rename(fm_doc *doc, const char *path, const char *new_key,
                            fm_error *err);
FM_EXPORT int fm_doc_rename_steps(fm_doc *doc, const fm_path_step *steps, size_t n,
                                  const char *new_key, size_t len, fm_error *err);
/* Replaces the body with s[0..len). */
FM_EXPORT int fm_doc_set_body(fm_doc *doc, const char *s, size_t len, fm_error *err);

/* Rewrites the front matter in format `to` (FM_FORMAT_YAML, FM_FORMAT_TOML
 * or FM_FORMAT_JSON): the same tree in the other syntax, between that
 * format's fences (--- / +++ / a JSON object), with the body, the BOM and
 * the blank lines before the front matter kept byte for byte, and the
 * document's line ends (CRLF when its opening fence has one). Keys keep
 * their order, except that TOML writes a table's plain values before its
 * [tables] and [[arrays of tables]]; dates stay dates (JSON has none: they
 * become strings of their RFC 3339 text); full-line comments above a key
 * and the comment after a one-line value are carried between YAML and TOML.
 * fmatter(5) gives every rule. Like an edit, the new text is re-read and
 * checked to hold the same tree before it replaces the old one.
 * A document already in format `to`, or without front matter, is left as
 * it is. Returns 0, or -1 with the document unchanged: FM_ERR_CONVERT (the
 * message names the key; line and column are the value's, or the key's,
 * in the current text) for what `to` cannot hold, FM_ERR_ARG (NULL doc, a
 * format that is not one of the three), a limit's code when the new text
 * would pass it, FM_ERR_NOMEM. Invalidates fm_value pointers taken from
 * the document before it. */
FM_EXPORT int fm_doc_convert(fm_doc *doc, fm_format to, fm_error *err);

/* Writes the changed typed fields of `article` (compared with the values it
 * was made from) into doc, under each key's original spelling: all of them,
 * or on failure none. */
FM_EXPORT int fm_article_apply(const fm_article *article, fm_doc *doc, fm_error *err);

/* The whole text: exactly the input bytes when nothing was edited. Returns a
 * new NUL-terminated string (release with fm_free), or NULL. These four
 * fail with FM_ERR_ARG for a document loaded with FM_OPT_FRONT_ONLY. */
FM_EXPORT FM_WARN_UNUSED char *fm_doc_emit(const fm_doc *doc, size_t *len, fm_error *err);
/* Into buf (cap bytes): sets *needed to the text length; returns 0 when it
 * fit with a NUL after it, -1 with FM_ERR_ARG when cap <= *needed. */
FM_EXPORT int fm_doc_emit_buffer(const fm_doc *doc, char *buf, size_t cap, size_t *needed,
                                 fm_error *err);
FM_EXPORT int fm_doc_emit_file(const fm_doc *doc, FILE *fp, fm_error *err);
FM_EXPORT int fm_doc_emit_fd(const fm_doc *doc, int fd, fm_error *err);
/* Saving over a file (see fm_doc_set(3)). A document loaded from a file
 * remembers that file (its device, inode, size, modification time to the
 * nanosecond, and the bytes it read) and each save over it records what it
 * wrote, so load, edit, save, edit, save works.
 *
 * fm_doc_save_opts writes the document's text to path, or with path NULL to
 * the file it was loaded from (fm_doc_path); path is only read during the
 * call. Symbolic links are followed and stay links; the file they end at is
 * written. It refuses, leaving the file as it is:
 *   - FM_ERR_CONFLICT when path is the document's own file (NULL, or a path
 *     naming the same inode or, links followed, the same file name) and that
 *     file changed since the document last read or wrote it: removed,
 *     replaced by another inode, or another size, modification time or
 *     content (checked just before the file is replaced). A save to any
 *     other path is a copy: no check, and fm_doc_path and the record stay
 *     with the document's own file.
 *   - FM_ERR_REFUSED when the file exists and its mode has no owner-write bit
 *     (as editors do, even for root).
 * A file with one name is replaced atomically: a temporary file beside it,
 * given the original's owner, group, permission bits and extended attributes
 * (ACLs included), flushed, renamed over it, then the folder flushed (if
 * that flush fails the original, kept under a second name until then, is
 * renamed back). If owner, group, mode or an attribute cannot be kept the
 * save is FM_ERR_REFUSED (sys_errno set). A
 * file with several hard links is written in place so every name sees the
 * new text: its bytes are first copied to a flushed backup beside it, which
 * is copied back on any failure and removed.
 *
 * flags: 0 or FM_SAVE_FORCE, which skips the conflict and read-only checks
 * and saves even when owner, group, permissions or extended attributes
 * cannot be kept (it keeps what it can).
 *
 * Returns 0, or -1 with err filled: FM_ERR_ARG (NULL doc, empty path, no
 * path and not loaded from a file, unknown flags, a document loaded with
 * FM_OPT_FRONT_ONLY), FM_ERR_CONFLICT,
 * FM_ERR_REFUSED, FM_ERR_IO (sys_errno set: ENOSPC, EFBIG, a failed fsync of
 * the file or its folder, a failed rename...), FM_ERR_NOMEM. On every
 * failure the file holds its original bytes and no temporary file is left;
 * the one exception is a write in place whose backup cannot be copied back:
 * the message then names the backup, which is kept. A file size limit
 * raises SIGXFSZ, which kills the process unless it ignores that signal.
 * doc is not const: a successful save to its own file records what it
 * wrote. */
#define FM_SAVE_FORCE (1u << 0)
FM_EXPORT int fm_doc_save_opts(fm_doc *doc, const char *path, unsigned flags,
                               fm_error *err);
/* fm_doc_save_opts with flags 0. */
FM_EXPORT int fm_doc_save(fm_doc *doc, const char *path, fm_error *err);

/* ===================================================================== */
/* The body (rendered with cmark)                                        */
/* ===================================================================== */

/* A body to render: its bytes and the 1-based line of the whole file it
 * starts on (so source positions can be given in whole-file lines). */
typedef struct fm_body {
    const char *text;
    size_t len;
    unsigned line;
} fm_body;

/* The body of a document or of an article (pointers into their text). */
FM_EXPORT fm_body fm_doc_body_view(const fm_doc *doc);
FM_EXPORT fm_body fm_article_body_view(const fm_article *article);

/* The body as HTML, rendered by cmark. options: FM_OPT_SMART,
 * FM_OPT_HARDBREAKS, FM_OPT_SOURCEPOS (data-sourcepos in whole-file lines),
 * FM_OPT_UNSAFE (keep raw HTML and dangerous links; dropped by default).
 * Returns a new NUL-terminated string (release with fm_free) or NULL. */
FM_EXPORT FM_WARN_UNUSED char *fm_body_html(fm_body body, unsigned options, size_t *len,
                                            fm_error *err);
/* The body as plain text: no markup, no raw HTML, code kept as text, one
 * space between inline runs, paragraphs separated by a blank line. Release
 * with fm_free. */
FM_EXPORT FM_WARN_UNUSED char *fm_body_text(fm_body body, unsigned options, size_t *len,
                                            fm_error *err);

/* Which rule chose a summary. */
typedef enum fm_summary_rule {
    FM_SUMMARY_EMPTY = 0,     /* nothing to summarize */
    FM_SUMMARY_MORE,          /* the body before a <!--more--> line */
    FM_SUMMARY_SEPARATOR,     /* the body before the caller's separator */
    FM_SUMMARY_FRONT_MATTER,  /* the front matter's summary */
    FM_SUMMARY_WORDS,         /* the first words of the plain text */
    FM_SUMMARY_BODY           /* the whole body (Jekyll, when the separator is
                                 not in it) */
} fm_summary_rule;

/* A short stable name for a rule: "empty", "more", "separator",
 * "front-matter", "words", "body". */
FM_EXPORT const char *fm_summary_rule_name(fm_summary_rule rule);

typedef struct fm_summary_options {
    size_t size;           /* sizeof(fm_summary_options); set by the init */
    size_t words;          /* word limit for FM_SUMMARY_WORDS; default 70 */
    const char *separator; /* Jekyll's excerpt_separator, or NULL */
    unsigned options;      /* FM_OPT_CJK to count CJK characters as words */
    fm_dialect dialect;    /* whose rules (since 0.2; DEFAULT and GENERIC: the
                              rules below, which are Hugo's too): Jekyll takes the
                              front matter's excerpt, else the body before the
                              separator ("\n\n" when NULL), else the whole body;
                              Zola the body before <!-- more -->, else nothing */
} fm_summary_options;

FM_EXPORT void fm_summary_options_init(fm_summary_options *opts);

typedef struct fm_summary {
    fm_summary_rule rule;
    int truncated;    /* 1 when the summary is shorter than the body */
    char *markdown;   /* the summary as Markdown source, NUL-terminated (for
                         FM_SUMMARY_WORDS, the same plain text as `text`) */
    size_t markdown_len;
    char *text;       /* the summary as plain text, NUL-terminated */
    size_t text_len;
} fm_summary;

/* The summary, by the first rule that applies: a <!--more--> (or
 * <!-- more -->) line; the caller's separator; front_summary (the front
 * matter's summary, NULL when none); the first opts->words words of the plain
 * text, cut at the end of a sentence when one falls within the limit (with
 * opts->dialect Jekyll or Zola, their rules instead: see
 * fm_summary_options). opts NULL means defaults; a struct of version 0.1
 * (without dialect) is accepted. Free with fm_summary_free. */
FM_EXPORT FM_WARN_UNUSED fm_summary *fm_body_summary(fm_body body, const char *front_summary,
                                                     size_t front_summary_len,
                                                     const fm_summary_options *opts,
                                                     fm_error *err);
FM_EXPORT void fm_summary_free(fm_summary *summary);

/* The summary of an article by the rules of its dialect: fm_body_summary of
 * its body with its summary (Jekyll: its excerpt, and its excerpt_separator
 * when set) and opts (NULL: defaults) with opts->dialect set to the
 * article's. Free with fm_summary_free. */
FM_EXPORT FM_WARN_UNUSED fm_summary *fm_article_summary(const fm_article *article,
                                                        const fm_summary_options *opts,
                                                        fm_error *err);

typedef struct fm_body_stats {
    size_t words;          /* words in the plain text (CJK characters count one each) */
    size_t cjk_characters; /* CJK characters among them */
    int cjk;               /* 1 when counted as CJK text (detected or FM_OPT_CJK) */
    unsigned reading_time; /* whole minutes, rounded up: 213 words or 500 CJK
                              characters a minute, as Hugo does */
} fm_body_stats;

FM_EXPORT int fm_body_stats_get(fm_body body, unsigned options, fm_body_stats *out,
                                fm_error *err);

typedef struct fm_heading {
    int level;          /* 1..6 */
    const char *text;   /* plain text, NUL-terminated */
    size_t text_len;
    const char *anchor; /* slug: lowercase, spaces to '-', punctuation dropped,
                           letters of any script kept, repeats get -1, -2 */
    size_t anchor_len;
    unsigned line;      /* 1-based line in the whole file */
} fm_heading;

typedef struct fm_headings {
    const fm_heading *items;
    size_t count;
} fm_headings;

/* The body's headings in order. Free with fm_headings_free. */
FM_EXPORT FM_WARN_UNUSED fm_headings *fm_body_headings(fm_body body, unsigned options,
                                                       fm_error *err);
FM_EXPORT void fm_headings_free(fm_headings *headings);

/* A nested table of contents: HTML (<ul> lists of links to #anchor) when
 * markdown is 0, else a Markdown list. Release with fm_free. */
FM_EXPORT FM_WARN_UNUSED char *fm_headings_toc(const fm_headings *headings, int markdown,
                                               size_t *len, fm_error *err);

#ifdef __cplusplus
}
#endif

#endif /* FMATTER_H */
