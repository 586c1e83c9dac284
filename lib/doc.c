/* SPDX-License-Identifier: MIT */
/* doc.c - documents: configuration, snapshots (text + parts + tree), parse
 * and file loading, accessors and dotted-path lookup. */
#include "private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ===================================================================== */
/* Configuration                                                         */
/* ===================================================================== */

static const fm_config config_defaults = {
    .size = sizeof(fm_config),
    .max_input_size = FM_DEFAULT_MAX_INPUT_SIZE,
    .max_depth = FM_DEFAULT_MAX_DEPTH,
    .max_alias_nodes = FM_DEFAULT_MAX_ALIAS_NODES,
    .max_keys = FM_DEFAULT_MAX_KEYS,
    .max_key_length = FM_DEFAULT_MAX_KEY_LENGTH,
    .max_scalar_length = FM_DEFAULT_MAX_SCALAR_LENGTH,
};

void fm_config_init(fm_config *cfg) {
    if (cfg) /* not a struct copy, which GCC makes `rep stos` and stores */
        fmp_copy_bytes(cfg, &config_defaults, sizeof *cfg);
}

/* The size of fm_config in fmatter 0.1, the first release: the layout a
 * size of 0 stands for (a struct the caller filled without fm_config_init,
 * as with designated initialisers). When a release appends fields, this
 * becomes the offset of the first of them. */
#define CONFIG_V1_SIZE sizeof(fm_config)

static void zero_means_default(size_t *field, size_t dflt) {
    if (*field == 0)
        *field = dflt;
}

/* Copies the fields a caller's struct has (it may come from an older
 * header with a smaller size); the rest keep their defaults, and so does
 * every field the caller left 0. */
void fmp_config_copy(fm_config *dst, const fm_config *src) {
    fm_config_init(dst);
    if (!src)
        return;
    size_t n = src->size ? src->size : CONFIG_V1_SIZE;
    if (n > sizeof *dst)
        n = sizeof *dst;
    if (n > sizeof src->size)
        fmp_copy_bytes((char *)dst + sizeof dst->size,
                       (const char *)src + sizeof src->size, n - sizeof src->size);
    dst->size = sizeof *dst;
    zero_means_default(&dst->max_input_size, FM_DEFAULT_MAX_INPUT_SIZE);
    zero_means_default(&dst->max_depth, FM_DEFAULT_MAX_DEPTH);
    zero_means_default(&dst->max_alias_nodes, FM_DEFAULT_MAX_ALIAS_NODES);
    zero_means_default(&dst->max_keys, FM_DEFAULT_MAX_KEYS);
    zero_means_default(&dst->max_key_length, FM_DEFAULT_MAX_KEY_LENGTH);
    zero_means_default(&dst->max_scalar_length, FM_DEFAULT_MAX_SCALAR_LENGTH);
    if (dst->dialect == FM_DIALECT_JEKYLL)
        dst->options |= FM_OPT_ALLOW_DUPLICATES; /* Psych keeps the last one */
}

size_t fmp_max_alias_bytes(const fm_config *cfg, size_t front_len) {
    if (cfg->max_alias_bytes)
        return cfg->max_alias_bytes;
    size_t floor = (size_t)1 << 20;
    return front_len > floor / 4 ? (front_len > SIZE_MAX / 4 ? SIZE_MAX : 4 * front_len)
                                 : floor;
}

/* ===================================================================== */
/* Snapshots                                                             */
/* ===================================================================== */

void fmp_snap_retain(fmp_snap *s) {
    __atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
}

/* Frees a snapshot no one holds any more. */
static void snap_free(fmp_snap *s) {
    if (s->owned_text || s->flat) {
        fmp_free(&s->al, s->owned_text);
        fmp_free(&s->al, s->flat);
    }
    fmp_arena_release_own(&s->arena); /* s lives in it: last */
}

void fmp_snap_release(fmp_snap *s) {
    if (s && __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) == 0)
        snap_free(s);
}

void fmp_snap_release_room(fmp_snap *s) {
    if (__atomic_sub_fetch(&s->refs, 1 + FMP_SNAP_ROOM_TAKEN, __ATOMIC_ACQ_REL) == 0)
        snap_free(s);
}

/* A new snapshot whose arena's first chunk holds `first` bytes, and `extra`
 * more (a copy of the text) that later chunks do not grow from. */
static fmp_snap *snap_new(size_t first, size_t extra, const fm_config *cfg, fm_error *err) {
    const fm_allocator *al = fmp_allocator_or_default(cfg->allocator);
    fmp_arena arena;
    fmp_snap *s = fmp_arena_first(&arena, al, first, extra, sizeof *s);
    if (!s) {
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    fmp_zero(s, sizeof *s);
    s->al = *al;
    s->arena = arena;
    s->arena.al = &s->al;
    s->refs = 1;
    return s;
}

/* The parts of text, moved to the same places in a copy of it. */
static void move_parts(fm_parts *p, const char *from, const char *to) {
    p->lead = to + (p->lead - from);
    p->open_fence = to + (p->open_fence - from);
    p->front = to + (p->front - from);
    p->close_fence = to + (p->close_fence - from);
    p->body = to + (p->body - from);
}

/* Room for the nodes and strings of a front matter: about twelve bytes per
 * byte of YAML for ordinary blocks, so one chunk is usually enough; for
 * the document that may live in it (doc_wrap); and `room` more. Whole pages
 * (with the arena's chunk header): a program that loads and frees document
 * after document then gets the same few sizes back from malloc. */
static size_t first_chunk_for(size_t front_len, size_t room) {
    size_t nodes = front_len < 256 * 1024 / 12 ? front_len * 12 : 256 * 1024;
    return fmp_arena_page_fit(nodes + 512 + sizeof(fm_doc) + room);
}

/* FM_OPT_UTF8_BODY: the body's first invalid byte is an error. */
static int check_body(const fmp_snap *s, fm_error *err) {
    size_t ok = fmp_utf8_valid_prefix(s->parts.body, s->parts.body_len);
    if (ok == s->parts.body_len)
        return 0;
    return fmp_fail_at(err, FM_ERR_ENCODING, s->text, (size_t)(s->parts.body - s->text) + ok,
                       "invalid UTF-8 byte 0x%02x in the body",
                       (unsigned char)s->parts.body[ok]);
}

fmp_snap *fmp_snap_for_front(size_t front_len, const fm_config *cfg) {
    return snap_new(first_chunk_for(front_len, 0), 0, cfg, NULL);
}

int fmp_load_front(fmp_snap *s, const fm_config *cfg, fm_error *err) {
    switch (s->parts.format) {
    case FM_FORMAT_NONE:
        s->root = fmp_value_empty_mapping(&s->arena);
        return s->root ? 0 : fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    case FM_FORMAT_JSON:
        return fmp_load_json(s, cfg, err);
    case FM_FORMAT_TOML:
        return fmp_load_toml(s, cfg, err);
    default:
        break;
    }
#ifndef FM_NO_FAST_PATH
    if (!(cfg->options & FM_OPT_NO_FAST_PATH)) {
        int fast = fmp_load_fast(s, cfg, err);
        if (fast <= 0)
            return fast;
    }
#endif
    return fmp_load_yaml(s, cfg, err);
}

/* The front matter of YAML not yet closed: the fast path finds its end
 * as it reads its lines (the text is then read once); sized for at most
 * this many bytes of it until then. */
#define OPEN_FRONT_GUESS 1024

/* fm_split, or with the fast path on fmp_split_open (1: YAML or TOML front
 * matter left open for load_open). */
static int split_text(const char *text, size_t len, const fm_config *cfg, fm_parts *parts,
                      fm_error *err) {
#ifndef FM_NO_FAST_PATH
    if (!(cfg->options & FM_OPT_NO_FAST_PATH))
        return fmp_split_open(text, len, cfg->options, parts, err);
#endif
    return fm_split(text, len, cfg->options, parts, err);
}

/* Out of memory while the front matter is still open: fm_split's error
 * comes first when it is never closed, as when fm_split ran before any
 * allocation (else err keeps FM_ERR_NOMEM). */
static void open_failed(const char *text, size_t len, const fm_config *cfg,
                        const fm_parts *parts, fm_error *err) {
    fm_parts p = *parts;
    fmp_split_close(text, len, cfg->options, &p, err);
}

/* fmp_load_front for front matter that fmp_split_open left open: the fast
 * path or the TOML loader closes it, or fm_split's search does before
 * libyaml reads it (or reports that it is never closed). */
static int load_open(fmp_snap *s, const fm_config *cfg, fm_error *err) {
    int fast = s->parts.format == FM_FORMAT_TOML ? fmp_load_toml_open(s, cfg, err)
                                                 : fmp_load_fast_open(s, cfg, err);
    if (fast < 0)
        open_failed(s->text, s->len, cfg, &s->parts, err);
    if (fast <= 0)
        return fast;
    if (fmp_split_close(s->text, s->len, cfg->options, &s->parts, err) != 0)
        return -1;
    return s->parts.format == FM_FORMAT_YAML ? fmp_load_yaml(s, cfg, err)
                                             : fmp_load_front(s, cfg, err);
}

/* fmp_snap_parse with `room` more bytes in the arena's first chunk, and the
 * text's parts when known (split: NULL to split it here). */
static fmp_snap *snap_parse(const char *text, size_t len, fmp_text_mode mode,
                            const fm_config *cfg, size_t room, const fm_parts *split,
                            fm_error *err) {
    bool copy = mode == FMP_TEXT_COPY;
    fm_parts parts;
    if (split)
        parts = *split;
    fmp_snap *s = NULL;
    int open = split ? 0 : -1;
    if (len > cfg->max_input_size)
        fmp_fail(err, FM_ERR_TOO_LARGE, "input of %zu bytes is over the limit of %zu", len,
                 cfg->max_input_size);
    else if (split || (open = split_text(text, len, cfg, &parts, err)) >= 0)
        s = snap_new(first_chunk_for(open && parts.front_len > OPEN_FRONT_GUESS
                                         ? OPEN_FRONT_GUESS
                                         : parts.front_len,
                                     room),
                     copy ? len + 1 : 0, cfg, err);
    if (!s) {
        if (open == 1)
            open_failed(text, len, cfg, &parts, err);
        if (mode == FMP_TEXT_ADOPT)
            fmp_free(fmp_allocator_or_default(cfg->allocator), (char *)text);
        return NULL;
    }
    s->len = len;
    s->borrowed = mode == FMP_TEXT_BORROW;
    if (mode == FMP_TEXT_ADOPT)
        s->owned_text = (char *)text;
    s->text = copy ? fmp_arena_strndup(&s->arena, text ? text : "", len) : text;
    if (!s->text) {
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        if (open == 1)
            open_failed(text, len, cfg, &parts, err);
        goto fail;
    }
    s->parts = parts;
    if (copy)
        move_parts(&s->parts, text, s->text);
    if ((open ? load_open(s, cfg, err) : fmp_load_front(s, cfg, err)) == 0 &&
        (!(cfg->options & FM_OPT_UTF8_BODY) || check_body(s, err) == 0))
        return s;
fail:
    fmp_snap_release(s);
    return NULL;
}

fmp_snap *fmp_snap_parse(const char *text, size_t len, fmp_text_mode mode,
                         const fm_config *cfg, fm_error *err) {
    return snap_parse(text, len, mode, cfg, 0, NULL, err);
}

/* ===================================================================== */
/* Documents                                                             */
/* ===================================================================== */

/* doc_wrap sets each field of a document one by one: a new field must be
 * set there too (these fail to compile when one is added). */
typedef char doc_wrap_sets_all[offsetof(fm_doc, cfg) ==
                                           5 * sizeof(void *) + sizeof(fmp_baseline) &&
                                       offsetof(fm_doc, al) ==
                                           offsetof(fm_doc, cfg) + sizeof(fm_config) &&
                                       offsetof(fm_doc, path) ==
                                           offsetof(fm_doc, al) + sizeof(fm_allocator) &&
                                       offsetof(fm_doc, front_only) ==
                                           offsetof(fm_doc, path) + sizeof(char *) &&
                                       sizeof(fm_doc) - offsetof(fm_doc, front_only) <=
                                           sizeof(void *)
                                   ? 1
                                   : -1];

/* The document lives in the arena of its first snapshot (no allocation of
 * its own), which it keeps as its home until fm_doc_free. */
static fm_doc *doc_wrap(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    fm_doc *doc = fmp_arena_alloc(&snap->arena, sizeof *doc);
    if (!doc) {
        fmp_snap_release(snap);
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    /* Field by field: cfg and al are copied whole below. */
    doc->home = snap;
    doc->snap = snap;
    doc->orig = snap->borrowed ? NULL : snap;
    doc->lent = snap->borrowed ? snap->text : NULL;
    doc->lent_len = snap->borrowed ? snap->len : 0;
    memset(&doc->base, 0, sizeof doc->base);
    doc->path = NULL;
    doc->front_only = false;
    /* Its references as home and orig: no other thread knows snap yet, so
     * they are added without an atomic operation. */
    snap->refs += 1 + !snap->borrowed;
    doc->cfg = *cfg;
    doc->al = snap->al;
    doc->cfg.allocator = &doc->al;
    /* The room for an article, when the current chunk has it (never a new
     * chunk for it). */
    if ((size_t)(snap->arena.end - snap->arena.next) >= FMP_ARTICLE_ROOM)
        snap->room = fmp_arena_alloc(&snap->arena, FMP_ARTICLE_ROOM);
    return doc;
}

/* fm_doc_parse_config with a complete configuration (fmp_config_copy's). */
static fm_doc *doc_parse(const char *s, size_t len, const fm_config *cfg, fm_error *err) {
    if (!s && len) {
        fmp_fail(err, FM_ERR_ARG, "fm_doc_parse: NULL text");
        return NULL;
    }
    fmp_text_mode mode = (cfg->options & FM_OPT_BORROW) ? FMP_TEXT_BORROW : FMP_TEXT_COPY;
    fmp_snap *snap = snap_parse(s ? s : "", len, mode, cfg, FMP_ARTICLE_ROOM, NULL, err);
    return snap ? doc_wrap(snap, cfg, err) : NULL;
}

fm_doc *fm_doc_parse_config(const char *s, size_t len, const fm_config *cfg_in,
                            fm_error *err) {
    fm_config cfg;
    fmp_config_copy(&cfg, cfg_in);
    return doc_parse(s, len, &cfg, err);
}

fm_doc *fm_doc_parse(const char *s, size_t len, unsigned options, fm_error *err) {
    fm_config cfg = config_defaults; /* as fmp_config_copy would make them */
    cfg.options = options;
    return doc_parse(s, len, &cfg, err);
}

/* The document of a file read into buf (taken): its text parsed (parts:
 * fm_split's, when the read split it), its path kept, and what fstat said
 * of a regular file kept for fm_doc_save's check. */
static fm_doc *doc_from_file(const char *path, char *buf, size_t len,
                             const struct stat *st, const fm_parts *parts,
                             const fm_config *cfg, fm_error *err) {
    fmp_snap *snap =
        snap_parse(buf, len, FMP_TEXT_ADOPT, cfg, FMP_ARTICLE_ROOM, parts, err);
    fm_doc *doc = snap ? doc_wrap(snap, cfg, err) : NULL;
    if (!doc)
        return NULL;
    /* in the arena the document lives in: freed with it */
    size_t plen = strlen(path);
    doc->path = fmp_arena_alloc(&doc->home->arena, plen + 1);
    if (!doc->path) {
        fm_doc_free(doc);
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(doc->path, path, plen + 1);
    doc->front_only = (cfg->options & FM_OPT_FRONT_ONLY) != 0;
    if (S_ISREG(st->st_mode))
        fmp_baseline_record(doc, doc->snap, st);
    return doc;
}

fm_doc *fmp_doc_load_file(const char *path, const fm_config *cfg, fm_error *err) {
    if (!path) {
        fmp_fail(err, FM_ERR_ARG, "fm_doc_load_file: NULL path");
        return NULL;
    }
    const fm_allocator *al = fmp_allocator_or_default(cfg->allocator);
    size_t len;
    struct stat st;
    if (err)
        err->code = FM_OK;
    if ((cfg->options & FM_OPT_FRONT_ONLY) && (cfg->options & FM_OPT_UTF8_BODY)) {
        fmp_fail(err, FM_ERR_ARG, "FM_OPT_FRONT_ONLY reads no body for FM_OPT_UTF8_BODY "
                                  "to check");
        return NULL;
    }
    fm_parts parts;
    bool split;
    char *buf = fmp_read_file(path, al, cfg->max_input_size, cfg->options, &st, &len,
                              &parts, &split, err);
    return buf ? doc_from_file(path, buf, len, &st, split ? &parts : NULL, cfg, err) : NULL;
}

fm_doc *fmp_doc_load_read(const char *path, fmp_read_ahead *ahead, const fm_config *cfg,
                          fm_error *err) {
    if (err)
        err->code = FM_OK;
    char *buf = ahead->buf;
    if (ahead->staged) {
        /* A buffer of the text's size, as readfile.c's: with the text in the
         * arena's first chunk, its later chunks would double from there. */
        buf = fmp_malloc(fmp_allocator_or_default(cfg->allocator), ahead->len + 1);
        if (!buf) {
            fmp_fail(err, FM_ERR_NOMEM, "%s: out of memory", path);
            return NULL;
        }
        memcpy(buf, ahead->buf, ahead->len + 1);
        if (ahead->split)
            move_parts(&ahead->parts, ahead->buf, buf);
    }
    return doc_from_file(path, buf, ahead->len, &ahead->st,
                         ahead->split ? &ahead->parts : NULL, cfg, err);
}

void fmp_file_config(fm_config *dst, const fm_config *src) {
    fmp_config_copy(dst, src);
    dst->options &= ~FM_OPT_BORROW;
}

fm_doc *fm_doc_load_file_config(const char *path, const fm_config *cfg_in,
                                fm_error *err) {
    fm_config cfg;
    fmp_file_config(&cfg, cfg_in);
    return fmp_doc_load_file(path, &cfg, err);
}

fm_doc *fm_doc_load_file(const char *path, unsigned options, fm_error *err) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = options;
    return fm_doc_load_file_config(path, &cfg, err);
}

fm_doc *fm_doc_new(fm_format format, fm_error *err) {
    const char *text;
    if (format == FM_FORMAT_YAML)
        text = "---\n---\n";
    else if (format == FM_FORMAT_JSON)
        text = "{\n}\n";
    else if (format == FM_FORMAT_TOML)
        text = "+++\n+++\n";
    else {
        fmp_fail(err, FM_ERR_ARG, "fm_doc_new: format must be YAML, TOML or JSON");
        return NULL;
    }
    return fm_doc_parse(text, strlen(text), 0, err);
}

void fm_doc_free(fm_doc *doc) {
    if (!doc)
        return;
    fmp_snap *home = doc->home; /* holds doc itself: released last */
    /* As loaded and never edited (its file's baseline, if any, that same
     * snapshot), with no article left: the document holds every reference
     * to its one snapshot, and nothing can take a new one while it is freed
     * (an article's release synchronises with this load), so it is freed
     * without an atomic operation. */
    int mine = 2 + (doc->orig == home) + (doc->base.snap == home);
    if (doc->snap == home && (!doc->orig || doc->orig == home) &&
        (!doc->base.snap || doc->base.snap == home) &&
        __atomic_load_n(&home->refs, __ATOMIC_ACQUIRE) == mine) {
        snap_free(home);
        return;
    }
    fmp_snap_release(doc->snap);
    fmp_snap_release(doc->orig);
    fmp_snap_release(doc->base.snap);
    fmp_snap_release(home);
}

/* ===================================================================== */
/* Accessors                                                             */
/* ===================================================================== */

fm_format fm_doc_format(const fm_doc *doc) {
    return doc ? doc->snap->parts.format : FM_FORMAT_NONE;
}

const fm_parts *fm_doc_parts(const fm_doc *doc) {
    return doc && !doc->front_only ? &doc->snap->parts : NULL;
}

const fm_value *fm_doc_root(const fm_doc *doc) {
    return doc ? doc->snap->root : NULL;
}

const char *fm_doc_body(const fm_doc *doc, size_t *len) {
    if (len)
        *len = doc && !doc->front_only ? doc->snap->parts.body_len : 0;
    return doc && !doc->front_only ? doc->snap->parts.body : NULL;
}

int fm_doc_has_body(const fm_doc *doc) {
    return doc && !doc->front_only;
}

int fmp_doc_whole(const fm_doc *doc, const char *fn, fm_error *err) {
    if (!doc || !doc->front_only)
        return 0;
    return fmp_fail(err, FM_ERR_ARG, "%s: the document was loaded without its body "
                                     "(FM_OPT_FRONT_ONLY)", fn);
}

size_t fm_doc_body_offset(const fm_doc *doc) {
    return doc ? fmp_body_offset(doc->snap) : 0;
}

unsigned fm_doc_body_line(const fm_doc *doc) {
    return doc ? doc->snap->parts.body_line : 0;
}

const char *fm_doc_text(const fm_doc *doc, size_t *len) {
    const char *text = doc && !doc->front_only ? fmp_snap_text(doc->snap) : NULL;
    if (len)
        *len = text ? doc->snap->len : 0;
    return text;
}

const char *fm_doc_path(const fm_doc *doc) {
    return doc ? doc->path : NULL;
}

const fm_value *fm_doc_get(const fm_doc *doc, const char *path) {
    if (!doc || !path)
        return NULL;
    fmp_path p;
    if (fmp_path_parse(path, doc->snap->root, &doc->al, &p, NULL) != 0)
        return NULL;
    const fm_value *v = fmp_steps_get(doc->snap->root, p.steps, p.n);
    fmp_path_free(&p, &doc->al);
    return v;
}

const fm_value *fm_doc_get_steps(const fm_doc *doc, const fm_path_step *steps, size_t n) {
    if (!doc || (!steps && n))
        return NULL;
    return fmp_steps_get(doc->snap->root, steps, n);
}
