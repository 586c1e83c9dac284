/* SPDX-License-Identifier: MIT */
/* splice.c - commits an edit: replaces one byte range of the document's text,
 * re-reads the result, checks that it holds exactly what the edit asked for
 * and nothing else changed, and only then swaps it in. */
#include "private.h"

#include <string.h>

/* Loose equality for checks: in JSON front matter a timestamp is written as
 * a string of the same text. */
FMP_HOT bool fmp_check_same_value(const fm_value *want, const fm_value *got, bool json) {
    if (json && want->type == FM_TIMESTAMP && got->type == FM_STRING)
        return want->text_len == got->text_len &&
               memcmp(want->text, got->text, want->text_len) == 0;
    if (!json || want->type != got->type || want->type != FM_SEQUENCE)
        return fm_value_equal(want, got);
    if (want->count != got->count)
        return false;
    for (size_t i = 0; i < want->count; i++)
        if (!fmp_check_same_value(want->u.items[i], got->u.items[i], json))
            return false;
    return true;
}

static bool same_key(const fm_value *a, const fm_value *b) {
    FMP_WORK(1);
    size_t al = a->text ? a->text_len : 0, bl = b->text ? b->text_len : 0;
    return al == bl && (al == 0 || memcmp(a->text, b->text, al) == 0);
}

/* Every top-level pair of old except old_skip appears in new, in order,
 * except new_skip. */
static bool others_unchanged(const fm_value *old, size_t old_skip, const fm_value *new_root,
                             size_t new_skip) {
    size_t jn = 0;
    for (size_t jo = 0; jo < old->count; jo++) {
        if (jo == old_skip)
            continue;
        if (jn == new_skip)
            jn++;
        if (jn >= new_root->count)
            return false;
        const fm_value *ov = fmp_map_val(old, jo);
        /* An alias follows its anchor, which the edit may have changed. */
        bool follows = (ov->flags & (FMP_ALIAS | FMP_HAS_ALIAS)) != 0;
        if (!same_key(fmp_map_key(old, jo), fmp_map_key(new_root, jn)) ||
            (!follows && !fm_value_equal(ov, fmp_map_val(new_root, jn))))
            return false;
        jn++;
    }
    if (jn == new_skip)
        jn++;
    return jn >= new_root->count;
}

/* Every item of two lists but item `skip` (of both) is the same. */
static bool items_unchanged(const fm_value *old, const fm_value *new_seq, size_t skip) {
    if (old->count != new_seq->count)
        return false;
    for (size_t i = 0; i < old->count; i++)
        if (i != skip && !fm_value_equal(old->u.items[i], new_seq->u.items[i]))
            return false;
    return true;
}

/* Along the path, in each container it runs through, every entry it does
 * not lead to is unchanged (at the top level: every top-level pair). Stops
 * below where the old text has no container (a key an edit adds, a null
 * that becomes a mapping). */
static bool siblings_unchanged(const fm_value *o, const fm_value *n, const fmp_check *c) {
    for (size_t i = 0; i < c->nsteps; i++) {
        bool last = i + 1 == c->nsteps;
        const fm_path_step *ns =
            c->kind == FMP_CHECK_RENAME && last ? &c->new_steps[i] : &c->steps[i];
        size_t oi = (size_t)-1, ni = (size_t)-1;
        const fm_value *ov = fmp_step_into(o, &c->steps[i], &oi);
        const fm_value *nv = fmp_step_into(n, ns, &ni);
        if (!ov)
            oi = (size_t)-1;
        if (!nv || (c->kind == FMP_CHECK_REMOVE && last))
            ni = (size_t)-1;
        if (o->type != n->type)
            return false;
        bool same = o->type == FM_MAPPING ? others_unchanged(o, oi, n, ni)
                                          : items_unchanged(o, n, oi);
        if (!same)
            return false;
        if (!ov || !nv || (ov->type != FM_MAPPING && ov->type != FM_SEQUENCE) ||
            (ov->flags & (FMP_ALIAS | FMP_HAS_ALIAS)))
            return true;
        o = ov;
        n = nv;
    }
    return true;
}

/* got is the list old without its item `at`. */
static bool list_without(const fm_value *old, size_t at, const fm_value *got, bool json) {
    if (!old || !got || got->type != FM_SEQUENCE || got->count + 1 != old->count)
        return false;
    for (size_t i = 0, j = 0; i < old->count; i++)
        if (i != at && !fmp_check_same_value(old->u.items[i], got->u.items[j++], json))
            return false;
    return true;
}

static bool check(const fmp_snap *old, const fmp_snap *new_snap, const fmp_check *c) {
    const fm_value *o = old->root, *n = new_snap->root;
    bool json = new_snap->parts.format == FM_FORMAT_JSON;
    fm_format want = c->drop_front ? FM_FORMAT_NONE : old->parts.format;
    if (c->kind == FMP_CHECK_CONVERT)
        want = c->format;
    if (c->kind == FMP_CHECK_BODY || c->kind == FMP_CHECK_CONVERT)
        return (c->kind == FMP_CHECK_BODY ? fm_value_equal(o, n)
                                          : fmp_convert_same(c->value, n)) &&
               new_snap->parts.format == want && new_snap->parts.body_len == c->body_len &&
               memcmp(new_snap->parts.body, c->body, c->body_len) == 0;
    if (c->kind == FMP_CHECK_SET) {
        const fm_value *got = fmp_steps_get(n, c->steps, c->nsteps);
        if (!got || !fmp_check_same_value(c->value, got, json))
            return false;
    } else if (c->kind == FMP_CHECK_REMOVE_ITEM) {
        if (!list_without(fmp_steps_get(o, c->steps, c->nsteps), c->item,
                          fmp_steps_get(n, c->steps, c->nsteps), json))
            return false;
    } else if (c->kind == FMP_CHECK_REMOVE) {
        if (fmp_steps_get(n, c->steps, c->nsteps))
            return false;
    } else {
        const fm_value *got = fmp_steps_get(n, c->new_steps, c->nsteps);
        if (!got || fmp_steps_get(n, c->steps, c->nsteps) || !fm_value_equal(c->value, got))
            return false;
    }
    return siblings_unchanged(o, n, c);
}

/* A re-read that fails on a limit fails the edit with that limit's code
 * (no rendering can help); any other failure means: try another rendering. */
static int limit_or_retry(const fm_error *perr, fm_error *err) {
    switch (perr->code) {
    case FM_ERR_NOMEM:
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    case FM_ERR_ENCODING: /* a new body that FM_OPT_UTF8_BODY refuses */
        return fmp_fail_pos(err, perr->code, perr->line, perr->column, perr->offset, "%s",
                            perr->message);
    case FM_ERR_TOO_LARGE:
    case FM_ERR_TOO_DEEP:
    case FM_ERR_ALIAS_LIMIT:
    case FM_ERR_KEY_TOO_LONG:
    case FM_ERR_SCALAR_TOO_LONG:
    case FM_ERR_TOO_MANY_KEYS:
        return fmp_fail(err, perr->code, "the edit would break a limit: %s", perr->message);
    default:
        return 1;
    }
}

/* The text with bytes [start, end) of old's replaced by repl, in a new
 * buffer of *len bytes (and a NUL); NULL when out of memory. With `held`
 * only the bytes before the body: the edit ends before it. */
static char *spliced(const fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
                     bool held, size_t *len) {
    const fmp_snap *old = doc->snap;
    size_t to = held ? fmp_body_offset(old) : old->len;
    *len = to - (end - start) + repl->len;
    char *text = fmp_malloc(&doc->al, *len + 1);
    if (!text)
        return NULL;
    fmp_snap_copy(old, 0, start, text);
    if (repl->len)
        memcpy(text + start, repl->data, repl->len);
    fmp_snap_copy(old, end, to, text + start + repl->len);
    text[*len] = '\0';
    return text;
}

/* The edit re-read from the bytes before the body alone, the body left where
 * it is (the caller's input: FM_OPT_BORROW): NULL with *perr, or with
 * perr->code FM_OK when that text does not read as the front matter of the
 * whole one (the whole text must be read instead). */
static fmp_snap *parse_held(const fm_doc *doc, size_t start, size_t end,
                            const fmp_buf *repl, fm_error *perr) {
    const fmp_snap *old = doc->snap;
    size_t len = old->len - (end - start) + repl->len, held;
    perr->code = FM_OK;
    if (len > doc->cfg.max_input_size)
        return NULL;
    char *text = spliced(doc, start, end, repl, true, &held);
    if (!text) {
        fmp_fail(perr, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    fm_error err;
    fmp_snap *snap = fmp_snap_parse(text, held, FMP_TEXT_ADOPT, &doc->cfg, &err);
    /* Front matter that closes with a line break where the text ends reads
     * the same with the body after it (the closing fence is the first one). */
    if (!snap || snap->parts.format == FM_FORMAT_NONE || held == 0 ||
        snap->text[held - 1] != '\n' || snap->parts.body != snap->text + held) {
        if (!snap && err.code == FM_ERR_NOMEM)
            *perr = err;
        fmp_snap_release(snap);
        return NULL;
    }
    snap->body_apart = true;
    snap->len = len;
    snap->parts.body = old->parts.body;
    snap->parts.body_len = old->parts.body_len;
    return snap;
}

FMP_HOT static int splice(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
                         bool rendered, const fmp_check *c, fm_error *err) {
    const fmp_snap *old = doc->snap;
    if (repl->failed)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    if (fmp_splice_local(doc, start, end, repl, rendered, c) == 0)
        return 0;
    fm_error perr;
    fmp_snap *snap = NULL;
    if (fmp_body_lent(old) && end <= fmp_body_offset(old)) {
        snap = parse_held(doc, start, end, repl, &perr);
        if (!snap && perr.code == FM_ERR_NOMEM)
            return limit_or_retry(&perr, err);
    }
    if (!snap) {
        size_t len;
        char *text = spliced(doc, start, end, repl, false, &len);
        if (!text)
            return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        snap = fmp_snap_parse(text, len, FMP_TEXT_ADOPT, &doc->cfg, &perr);
        if (!snap)
            return limit_or_retry(&perr, err);
    }
    if (!check(old, snap, c)) {
        fmp_snap_release(snap);
        return 1;
    }
    fmp_snap_release(doc->snap);
    doc->snap = snap;
    return 0;
}

int fmp_splice(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
               const fmp_check *c, fm_error *err) {
    return splice(doc, start, end, repl, false, c, err);
}

FMP_HOT int fmp_splice_plan(fm_doc *doc, const fmp_plan *p, const fmp_check *c,
                            fm_error *err) {
    return splice(doc, p->start, p->end, &p->text, p->rendered, c, err);
}
