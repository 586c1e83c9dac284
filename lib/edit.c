/* SPDX-License-Identifier: MIT */
/* edit.c - edits in any syntax: what a path names, what the result must hold,
 * the renderings to try (a syntax's planners: yaml_edit.c, toml_edit.c), and
 * the public setters; splice.c commits and checks each candidate. */
#include "private.h"

#include <string.h>

#define NONE ((size_t)-1)

/* ===================================================================== */
/* Paths and locations                                                   */
/* ===================================================================== */

FMP_HOT const fmp_syntax *fmp_syntax_of(const fm_doc *doc) {
    return doc->snap->parts.format == FM_FORMAT_TOML ? &fmp_toml_syntax : &fmp_yaml_syntax;
}

/* The path of an edit as steps, with its text for messages. */
typedef struct target {
    const fm_path_step *steps;
    size_t n;
    const char *label;
    fmp_path parsed;  /* steps parsed from text */
    fmp_buf formatted; /* label written from steps */
} target;

FMP_HOT static void target_free(const fm_doc *doc, target *t) {
    if (doc)
        fmp_path_free(&t->parsed, &doc->al);
    fmp_buf_free(&t->formatted);
}

static int check_editable(const fm_doc *doc, fm_error *err) {
    if (!doc)
        return fmp_fail(err, FM_ERR_ARG, "no document to edit");
    return 0;
}

/* A path given as text (fm_doc_set and the others). */
FMP_HOT static int target_text(const fm_doc *doc, const char *path, target *t,
                               fm_error *err) {
    memset(t, 0, sizeof *t);
    if (check_editable(doc, err) != 0)
        return -1;
    if (!path || !*path)
        return fmp_fail(err, FM_ERR_ARG, "a non-empty key path is required");
    if (fmp_path_parse(path, doc->snap->root, &doc->al, &t->parsed, err) != 0)
        return -1;
    t->steps = t->parsed.steps;
    t->n = t->parsed.n;
    t->label = path;
    return 0;
}

/* A path given as steps (fm_doc_set_steps and the others). */
static int target_steps(const fm_doc *doc, const fm_path_step *steps, size_t n, target *t,
                        fm_error *err) {
    memset(t, 0, sizeof *t);
    fmp_buf_init(&t->formatted, doc ? &doc->al : fmp_allocator_or_default(NULL));
    if (check_editable(doc, err) != 0)
        return -1;
    if (!steps || n == 0)
        return fmp_fail(err, FM_ERR_ARG, "a path of at least one step is required");
    for (size_t i = 0; i < n; i++)
        if (steps[i].key && !fmp_utf8_valid(steps[i].key, steps[i].len))
            return fmp_fail(err, FM_ERR_ENCODING, "key %zu of the path is not valid UTF-8",
                            i);
    fmp_steps_format(&t->formatted, steps, n);
    if (t->formatted.failed)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    t->steps = steps;
    t->n = n;
    t->label = t->formatted.data;
    return 0;
}

typedef struct location {
    const fm_value *node; /* the value at the path, or the deepest one reached */
    fmp_place where;      /* node's place */
    fmp_place up;         /* the place of node's container */
    size_t found;         /* steps followed: t->n when the value exists */
} location;

FMP_HOT static void locate(const fm_value *root, const target *t, location *loc) {
    memset(loc, 0, sizeof *loc);
    loc->node = root;
    for (; loc->found < t->n; loc->found++) {
        size_t at;
        const fm_value *next = fmp_step_into(loc->node, &t->steps[loc->found], &at);
        if (!next)
            return;
        loc->up = loc->where;
        loc->where = (fmp_place){loc->node, at};
        loc->node = next;
    }
}

/* ===================================================================== */
/* Running candidates                                                    */
/* ===================================================================== */

typedef int (*planner)(const fm_doc *doc, const void *arg, bool safe, fmp_plan *p);

/* Tries the document's own style, then the safest rendering; the first
 * that re-reads to what the check wants is committed. */
FMP_HOT static int run(fm_doc *doc, planner fn, const void *arg, const fmp_check *c,
                       const char *label, fm_error *err) {
    char first[256]; /* a rendering of one line fits */
    for (int safe = 0; safe <= 1; safe++) {
        fmp_plan p = {0, 0, {0}, false};
        fmp_buf_init_in(&p.text, &doc->al, first, sizeof first);
        int rc = fn(doc, arg, safe == 1, &p);
        if (rc == 0)
            rc = fmp_splice_plan(doc, &p, c, err);
        else
            rc = 1;
        fmp_buf_free(&p.text);
        if (rc != 1)
            return rc;
    }
    return fmp_fail(err, FM_ERR_EMIT, "cannot write the edit of '%s' back faithfully",
                    label ? label : "body");
}

typedef struct replace_arg {
    fmp_place where;
    const fm_value *value;
    fmp_place orig; /* the same path in the document as loaded, holding an equal
                       value (orig.in NULL: none) */
} replace_arg;

FMP_HOT static int replace_planner(const fm_doc *doc, const void *arg, bool safe,
                                   fmp_plan *p) {
    const replace_arg *a = arg;
    const fmp_syntax *syn = fmp_syntax_of(doc);
    if (a->orig.in && !safe && syn->restore(doc, &a->where, &a->orig, p) == 0)
        return 0;
    fmp_buf_clear(&p->text);
    return syn->replace(doc, &a->where, a->value, safe, p);
}

FMP_HOT int fmp_doc_orig(fm_doc *doc, const fmp_snap **orig, fm_error *err) {
    if (!doc->orig && doc->lent && doc->snap->text != doc->lent) {
        /* It loaded with this configuration: it loads again, memory allowing. */
        doc->orig = fmp_snap_parse(doc->lent, doc->lent_len, FMP_TEXT_BORROW, &doc->cfg,
                                   NULL);
        if (!doc->orig)
            return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        doc->lent = NULL;
    }
    *orig = doc->orig == doc->snap ? NULL : doc->orig;
    return 0;
}

/* The place of the path in the document as loaded, when it holds a value
 * equal to v (and the document has been edited since); in->in NULL when
 * none. 0, or -1 with FM_ERR_NOMEM. */
FMP_HOT static int original_place(fm_doc *doc, const target *t, const fm_value *v,
                                  fmp_place *in, fm_error *err) {
    *in = (fmp_place){NULL, 0};
    const fmp_snap *orig;
    if (fmp_doc_orig(doc, &orig, err) != 0)
        return -1;
    if (!orig)
        return 0;
    location o;
    locate(orig->root, t, &o);
    if (o.found == t->n && o.where.in && fm_value_equal(o.node, v))
        *in = o.where;
    return 0;
}

FMP_HOT static int replace_at(fm_doc *doc, const target *t, const fmp_place *where,
                              const fm_value *v, fm_error *err) {
    replace_arg a = {*where, v, {NULL, 0}};
    if (original_place(doc, t, v, &a.orig, err) != 0)
        return -1;
    fmp_check c = {.kind = FMP_CHECK_SET,
                   .steps = t->steps,
                   .nsteps = t->n,
                   .value = v,
                   .at_in = where->in,
                   .at = where->at};
    return run(doc, replace_planner, &a, &c, t->label, err);
}

typedef struct insert_arg {
    const fm_value *map;
    size_t after;
    const char *key;
    size_t key_len;
    const fm_value *value;
} insert_arg;

static int insert_planner(const fm_doc *doc, const void *arg, bool safe, fmp_plan *p) {
    const insert_arg *a = arg;
    return fmp_syntax_of(doc)->insert(doc, a->map, a->after, a->key, a->key_len, a->value,
                                      safe, p);
}

/* ===================================================================== */
/* Setting                                                               */
/* ===================================================================== */

/* {key1: {key2: ... v}} for steps[0..n), copies of v; NULL when out of
 * memory. */
static fm_value *nest(const fm_allocator *al, const fm_path_step *steps, size_t n,
                      const fm_value *v) {
    if (n == 0)
        return fmp_copy(al, v);
    fm_value *inner = nest(al, steps + 1, n - 1, v);
    fm_value *map = fmp_new_container(al, FM_MAPPING);
    if (!inner || !map || fm_value_put(map, steps[0].key, steps[0].len, inner) != 0) {
        if (!map)
            fm_value_free(inner);
        fm_value_free(map);
        return NULL;
    }
    return map;
}

/* `valid`: v's own text is known to be valid UTF-8 (the setter checked it). */
FMP_HOT static int check_value(const fm_value *v, size_t depth, bool valid,
                               const fm_config *cfg, fm_error *err) {
    if (depth > cfg->max_depth)
        return fmp_fail(err, FM_ERR_TOO_DEEP, "the value nests deeper than max_depth");
    if (v->type == FM_STRING && !valid && !fmp_utf8_valid(v->text, v->text_len))
        return fmp_fail(err, FM_ERR_ENCODING, "the value is not valid UTF-8");
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->type == FM_SEQUENCE ? v->count : 0;
    for (size_t i = 0; i < n; i++)
        if (check_value(v->u.items[i], depth + 1, false, cfg, err) != 0)
            return -1;
    return 0;
}

static int check_key_length(const fm_doc *doc, size_t len, fm_error *err) {
    if (len <= doc->cfg.max_key_length)
        return 0;
    return fmp_fail(err, FM_ERR_KEY_TOO_LONG,
                    "key of %zu bytes is longer than the limit of %zu (max_key_length)", len,
                    doc->cfg.max_key_length);
}

/* The steps a set must create are all keys (an index names an item that
 * would have to exist). */
static int check_missing(const target *t, const location *loc, fm_error *err) {
    for (size_t i = loc->found; i < t->n; i++)
        if (!t->steps[i].key)
            return fmp_fail(err, FM_ERR_NOT_FOUND, "'%s': no such item in the sequence",
                            t->label);
    return 0;
}

/* Inserts the missing part of a path below the deepest mapping reached. */
static int insert_missing(fm_doc *doc, const target *t, const location *loc,
                          const fm_path_step *after, const fm_value *v, fm_error *err) {
    const fm_value *owner = loc->node;
    const fm_path_step *first = &t->steps[loc->found];
    if (check_key_length(doc, first->len, err) != 0)
        return -1;
    size_t after_at = NONE;
    if (after) {
        after_at = fmp_map_find(owner, after->key, after->len);
        if (after_at == NONE)
            return fmp_fail(err, FM_ERR_NOT_FOUND, "no key '%.*s' to insert after",
                            (int)after->len, after->key);
    }
    fm_value *value = nest(&doc->al, first + 1, t->n - loc->found - 1, v);
    if (!value)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    insert_arg a = {owner, after_at, first->key, first->len, value};
    fmp_check c = {.kind = FMP_CHECK_SET, .steps = t->steps, .nsteps = t->n, .value = v,
                   .into = loc->found + 1 == t->n ? owner : NULL};
    int rc = run(doc, insert_planner, &a, &c, t->label, err);
    fm_value_free(value);
    return rc;
}

/* `params:` with no value becomes the mapping a path below it needs. */
static int fill_null(fm_doc *doc, const target *t, const location *loc, const fm_value *v,
                     fm_error *err) {
    fm_value *holder = nest(&doc->al, t->steps + loc->found, t->n - loc->found, v);
    if (!holder)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    fmp_check c = {.kind = FMP_CHECK_SET, .steps = t->steps, .nsteps = t->n, .value = v};
    replace_arg a = {loc->where, holder, {NULL, 0}};
    int rc = run(doc, replace_planner, &a, &c, t->label, err);
    fm_value_free(holder);
    return rc;
}

FMP_HOT static int set_target(fm_doc *doc, const target *t, const fm_path_step *after,
                              const fm_value *v, bool valid, fm_error *err) {
    if (!v)
        return fmp_fail(err, FM_ERR_ARG, "no value to set");
    if (check_value(v, 1, valid, &doc->cfg, err) != 0)
        return -1;
    const fmp_syntax *syn = fmp_syntax_of(doc);
    const char *why = syn->cannot_hold(doc, v);
    if (why)
        return fmp_fail(err, FM_ERR_EMIT, "cannot set '%s': %s", t->label, why);
    location loc;
    locate(doc->snap->root, t, &loc);
    if (loc.found == t->n)
        return fm_value_equal(loc.node, v) ? 0 : replace_at(doc, t, &loc.where, v, err);
    if (loc.node->type == FM_SEQUENCE || check_missing(t, &loc, err) != 0)
        return fmp_fail(err, FM_ERR_NOT_FOUND, "'%s': no such item in the sequence",
                        t->label);
    if (loc.node->type == FM_MAPPING)
        return insert_missing(doc, t, &loc, after, v, err);
    if (loc.node->type == FM_NULL && loc.where.in)
        return fill_null(doc, t, &loc, v, err);
    return fmp_fail(err, FM_ERR_TYPE, "cannot set '%s': a %s is in the way", t->label,
                    fm_type_name((fm_type)loc.node->type));
}

FMP_HOT static int set_text(fm_doc *doc, const char *path, const char *after,
                            const fm_value *v, bool valid, fm_error *err) {
    target t;
    int rc = target_text(doc, path, &t, err);
    fm_path_step after_step = {after, after ? strlen(after) : 0, 0};
    if (rc == 0)
        rc = set_target(doc, &t, after ? &after_step : NULL, v, valid, err);
    target_free(doc, &t);
    return rc;
}

int fm_doc_set(fm_doc *doc, const char *path, const fm_value *v, fm_error *err) {
    return set_text(doc, path, NULL, v, false, err);
}

int fm_doc_insert_after(fm_doc *doc, const char *path, const char *after, const fm_value *v,
                        fm_error *err) {
    if (!after)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_insert_after: no key to insert after");
    return set_text(doc, path, after, v, false, err);
}

int fm_doc_set_steps(fm_doc *doc, const fm_path_step *steps, size_t n, const fm_value *v,
                     fm_error *err) {
    target t;
    int rc = target_steps(doc, steps, n, &t, err);
    if (rc == 0)
        rc = set_target(doc, &t, NULL, v, false, err);
    target_free(doc, &t);
    return rc;
}

/* Sets a caller-built value and frees it. */
static int set_owned(fm_doc *doc, const char *path, fm_value *v, fm_error *err) {
    if (!v)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory or invalid value");
    int rc = fm_doc_set(doc, path, v, err);
    fm_value_free(v);
    return rc;
}

/* The allocator for values an edit builds: the document's. */
static const fm_allocator *doc_al(const fm_doc *doc) {
    return doc ? &doc->al : fmp_allocator_or_default(NULL);
}

/* Strings shorter than this are set from a value on the stack. */
#define STACK_STRING 256

FMP_HOT int fm_doc_set_string(fm_doc *doc, const char *path, const char *s, size_t len,
                              fm_error *err) {
    if (!s && len)
        return fmp_fail(err, FM_ERR_ARG, "NULL string with a length");
    if (!fmp_utf8_valid(s ? s : "", len))
        return fmp_fail(err, FM_ERR_ENCODING, "the string is not valid UTF-8");
    if (len >= STACK_STRING)
        return set_owned(doc, path, fmp_new_string(doc_al(doc), s, len), err);
    char room[STACK_STRING];
    fm_value v;
    fmp_scalar_init(&v, doc_al(doc), FM_STRING, room, s ? s : "", len);
    return set_text(doc, path, NULL, &v, true, err);
}

int fm_doc_set_int(fm_doc *doc, const char *path, int64_t i, fm_error *err) {
    return set_owned(doc, path, fmp_new_int(doc_al(doc), i), err);
}

int fm_doc_set_float(fm_doc *doc, const char *path, double d, fm_error *err) {
    return set_owned(doc, path, fmp_new_float(doc_al(doc), d), err);
}

int fm_doc_set_bool(fm_doc *doc, const char *path, int b, fm_error *err) {
    return set_owned(doc, path, fmp_new_bool(doc_al(doc), b), err);
}

int fm_doc_set_null(fm_doc *doc, const char *path, fm_error *err) {
    return set_owned(doc, path, fmp_new_null(doc_al(doc)), err);
}

int fm_doc_set_datetime(fm_doc *doc, const char *path, const fm_datetime *dt,
                        fm_error *err) {
    if (!dt)
        return fmp_fail(err, FM_ERR_DATE, "not a valid date");
    if (fmp_datetime_writable(dt, err) != 0)
        return -1;
    return set_owned(doc, path, fmp_new_datetime(doc_al(doc), dt), err);
}

int fm_doc_set_strings(fm_doc *doc, const char *path, const char *const *items,
                       const size_t *lens, size_t n, fm_error *err) {
    if (n && !items)
        return fmp_fail(err, FM_ERR_ARG, "no items");
    fm_value *seq = fmp_new_container(doc_al(doc), FM_SEQUENCE);
    for (size_t i = 0; seq && i < n; i++) {
        size_t len = lens ? lens[i] : (items[i] ? strlen(items[i]) : 0);
        if (!items[i] && len) {
            fm_value_free(seq);
            return fmp_fail(err, FM_ERR_ARG, "item %zu is NULL with a length", i);
        }
        if (!fmp_utf8_valid(items[i] ? items[i] : "", len)) {
            fm_value_free(seq);
            return fmp_fail(err, FM_ERR_ENCODING, "item %zu is not valid UTF-8", i);
        }
        fm_value *item = fmp_new_string(doc_al(doc), items[i] ? items[i] : "", len);
        if (fm_value_append(seq, item) != 0) {
            fm_value_free(seq);
            seq = NULL;
        }
    }
    return set_owned(doc, path, seq, err);
}

/* ===================================================================== */
/* Removing                                                              */
/* ===================================================================== */

void fmp_plan_remove_flow(const fm_value *in, size_t at, fmp_plan *p) {
    bool map = in->type == FM_MAPPING;
    const fm_value *first = map ? fmp_map_key(in, at) : in->u.items[at];
    const fm_value *last = map ? fmp_map_val(in, at) : in->u.items[at];
    if (in->count == 1) {
        p->start = in->start + 1;
        p->end = in->end - 1;
    } else if (at + 1 < in->count) {
        p->start = first->start;
        p->end = map ? fmp_map_key(in, at + 1)->start : in->u.items[at + 1]->start;
    } else {
        p->start = map ? fmp_map_val(in, at - 1)->end : in->u.items[at - 1]->end;
        p->end = last->end;
    }
}

/* A copy of container `in` without entry `at`. */
static fm_value *copy_without(const fm_allocator *al, const fm_value *in, size_t at) {
    fm_value *c = fmp_new_container(al, (fm_type)in->type);
    for (size_t i = 0; c && i < in->count; i++) {
        if (i == at)
            continue;
        int rc = in->type == FM_MAPPING ? fmp_map_append_copy(c, in, i)
                                        : fm_value_append(c, fmp_copy(al, in->u.items[i]));
        if (rc != 0) {
            fm_value_free(c);
            return NULL;
        }
    }
    return c;
}

/* After the last key is removed from a block the document did not have when
 * loaded, the fences go too: the text is as it was. */
static int drop_added_block(fm_doc *doc, fm_error *err) {
    const fmp_snap *s = doc->snap, *orig;
    if (s->root->count > 0 || s->parts.format != FM_FORMAT_YAML)
        return 0;
    if (fmp_doc_orig(doc, &orig, err) != 0)
        return -1;
    if (!orig || orig->parts.format != FM_FORMAT_NONE)
        return 0;
    fmp_buf none;
    fmp_buf_init(&none, &doc->al);
    fmp_check c = {.kind = FMP_CHECK_BODY, .body = s->parts.body,
                   .body_len = s->parts.body_len, .drop_front = true};
    size_t start = s->parts.bom_len, end = fmp_body_offset(s);
    int rc = fmp_splice(doc, start, end, &none, &c, err);
    return rc == 1 ? 0 : rc;
}

/* Tries the syntax's direct removal (lines or a flow pair); 1 when it does
 * not apply or does not check. */
static int remove_directly(fm_doc *doc, const location *loc, const fmp_check *c,
                           fm_error *err) {
    fmp_plan p = {0, 0, {0}, false};
    fmp_buf_init(&p.text, &doc->al);
    int rc = fmp_syntax_of(doc)->remove(doc, &loc->where, &p);
    if (rc == 0)
        rc = fmp_splice_plan(doc, &p, c, err);
    fmp_buf_free(&p.text);
    return rc;
}

static int remove_target(fm_doc *doc, const target *t, fm_error *err) {
    location loc;
    locate(doc->snap->root, t, &loc);
    if (loc.found < t->n)
        return fmp_fail(err, FM_ERR_NOT_FOUND, "no key '%s'", t->label);
    const fm_value *root = doc->snap->root, *in = loc.where.in;
    fmp_check c = {.kind = FMP_CHECK_REMOVE, .steps = t->steps, .nsteps = t->n};
    /* A list's later items move up, so an item is checked through its list. */
    if (in->type == FM_SEQUENCE)
        c = (fmp_check){.kind = FMP_CHECK_REMOVE_ITEM, .steps = t->steps,
                        .nsteps = t->n - 1, .item = loc.where.at};
    int rc = remove_directly(doc, &loc, &c, err);
    if (rc == 1 && in != root) {
        /* Rewrite the container without the entry, in its own place. */
        fm_value *smaller = copy_without(&doc->al, in, loc.where.at);
        replace_arg ra = {loc.up, smaller, {NULL, 0}};
        rc = smaller ? run(doc, replace_planner, &ra, &c, t->label, err)
                     : fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        fm_value_free(smaller);
    } else if (rc == 1) {
        rc = fmp_fail(err, FM_ERR_EMIT, "cannot remove '%s' faithfully", t->label);
    }
    return rc == 0 ? drop_added_block(doc, err) : rc;
}

int fm_doc_remove(fm_doc *doc, const char *path, fm_error *err) {
    target t;
    int rc = target_text(doc, path, &t, err);
    if (rc == 0)
        rc = remove_target(doc, &t, err);
    target_free(doc, &t);
    return rc;
}

int fm_doc_remove_steps(fm_doc *doc, const fm_path_step *steps, size_t n, fm_error *err) {
    target t;
    int rc = target_steps(doc, steps, n, &t, err);
    if (rc == 0)
        rc = remove_target(doc, &t, err);
    target_free(doc, &t);
    return rc;
}

/* ===================================================================== */
/* Renaming                                                              */
/* ===================================================================== */

typedef struct rename_arg {
    fmp_place where;
    const char *key;
    size_t len;
} rename_arg;

static int rename_planner(const fm_doc *doc, const void *arg, bool safe, fmp_plan *p) {
    const rename_arg *a = arg;
    return fmp_syntax_of(doc)->rename(doc, &a->where, a->key, a->len, safe, p);
}

static int rename_target(fm_doc *doc, const target *t, const char *key, size_t len,
                         fm_error *err) {
    if (!key && len)
        return fmp_fail(err, FM_ERR_ARG, "NULL new key with a length");
    if (!key)
        return fmp_fail(err, FM_ERR_ARG, "no new key");
    if (!fmp_utf8_valid(key, len))
        return fmp_fail(err, FM_ERR_ENCODING, "the new key is not valid UTF-8");
    if (check_key_length(doc, len, err) != 0)
        return -1;
    location loc;
    locate(doc->snap->root, t, &loc);
    if (loc.found < t->n || loc.where.in->type != FM_MAPPING)
        return fmp_fail(err, FM_ERR_NOT_FOUND, "no key '%s'", t->label);
    const fm_value *in = loc.where.in, *old = fmp_map_key(in, loc.where.at);
    size_t at = fmp_map_find(in, key, len);
    if (at == loc.where.at)
        return 0;
    if (at != NONE)
        return fmp_fail(err, FM_ERR_DUPLICATE_KEY, "key '%.*s' already exists", (int)len,
                        key);
    if (old->type == FM_SEQUENCE || old->type == FM_MAPPING)
        return fmp_fail(err, FM_ERR_ARG, "cannot rename a complex key");
    fm_path_step *renamed = fmp_malloc(&doc->al, t->n * sizeof *renamed);
    if (!renamed)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    memcpy(renamed, t->steps, t->n * sizeof *renamed);
    renamed[t->n - 1] = (fm_path_step){key, len, 0};
    rename_arg a = {loc.where, key, len};
    fmp_check c = {.kind = FMP_CHECK_RENAME, .steps = t->steps, .nsteps = t->n,
                   .new_steps = renamed, .value = fmp_map_val(in, loc.where.at)};
    int rc = run(doc, rename_planner, &a, &c, t->label, err);
    fmp_free(&doc->al, renamed);
    return rc;
}

int fm_doc_rename(fm_doc *doc, const char *path, const char *new_key, fm_error *err) {
    target t;
    int rc = target_text(doc, path, &t, err);
    if (rc == 0)
        rc = rename_target(doc, &t, new_key, new_key ? strlen(new_key) : 0, err);
    target_free(doc, &t);
    return rc;
}

int fm_doc_rename_steps(fm_doc *doc, const fm_path_step *steps, size_t n,
                        const char *new_key, size_t len, fm_error *err) {
    target t;
    int rc = target_steps(doc, steps, n, &t, err);
    if (rc == 0)
        rc = rename_target(doc, &t, new_key, len, err);
    target_free(doc, &t);
    return rc;
}

/* ===================================================================== */
/* Body                                                                  */
/* ===================================================================== */

int fm_doc_set_body(fm_doc *doc, const char *s, size_t len, fm_error *err) {
    if (!doc || (!s && len))
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_set_body: NULL argument");
    const fm_parts *parts = &doc->snap->parts;
    fmp_buf text;
    fmp_buf_init(&text, &doc->al);
    /* A closing fence (or `}`) at the very end has no line break yet. */
    size_t start = fmp_body_offset(doc->snap);
    bool bare_fence = parts->format != FM_FORMAT_NONE && start == doc->snap->len &&
                      (start == 0 || doc->snap->text[start - 1] != '\n');
    if (bare_fence && len > 0)
        fmp_buf_puts(&text, parts->crlf ? "\r\n" : "\n");
    fmp_buf_put(&text, s ? s : "", len);
    fmp_check c = {.kind = FMP_CHECK_BODY};
    c.body = s ? s : "";
    c.body_len = len;
    int rc = fmp_splice(doc, start, doc->snap->len, &text, &c, err);
    fmp_buf_free(&text);
    if (rc == 1)
        return fmp_fail(err, FM_ERR_EMIT,
                        "the new body would change how the front matter reads");
    return rc;
}
