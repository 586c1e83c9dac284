/* SPDX-License-Identifier: MIT */
/* path.c - key paths: the text form (dotted keys, "quoted" keys, [index]) to
 * steps, the old dotted form where it is not ambiguous, steps followed through
 * a tree, and steps written back as text for messages. */
#include "private.h"

#include <stdio.h>
#include <string.h>

/*
 * A path is a list of steps: a mapping key (any bytes) or a sequence index.
 * In text:
 *
 *     title   params.author   params."og.title"   tags[0]   tags.0
 *
 * A bare segment runs to the next '.' or '['; a quoted one is a JSON-style
 * string ("a\"b", "a\\b"); [N] indexes a sequence; a bare segment of digits
 * indexes a sequence too, and names a key in a mapping. The old form, where
 * `a.b` also finds a key holding the dot, still works when it is the only
 * reading that names something: when both `a.b` as one key and `a` -> `b`
 * exist, the path is ambiguous and must be quoted.
 */

/* Paths of more segments than this are not tried in the old form. */
#define PATH_OLD_FORM_MAX 64

/* A segment of the text: where it stands and how it was written. */
typedef struct token {
    const char *text; /* decoded (quoted segments) or in the path (bare) */
    size_t len;
    size_t raw_start, raw_end; /* in the path text */
    enum { TOK_BARE, TOK_QUOTED, TOK_INDEX } kind;
    size_t index; /* TOK_INDEX, and TOK_BARE made of digits */
    bool digits;
} token;

/* ===================================================================== */
/* Parsing                                                               */
/* ===================================================================== */

static bool parse_index(const char *s, size_t len, size_t *out) {
    if (len == 0 || len > 18)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        n = n * 10 + (size_t)(s[i] - '0');
    }
    *out = n;
    return true;
}

static int bad_path(fm_error *err, const char *path, size_t at, const char *what) {
    return fmp_fail(err, FM_ERR_ARG, "invalid key path '%s' at character %zu: %s", path,
                    at + 1, what);
}

/* A quoted segment at path[i] (its opening quote); decodes into out (which
 * has room for the path's length) and sets *end past the closing quote. */
static int quoted(const char *path, size_t len, size_t i, char *out, size_t *olen,
                  size_t *end, fm_error *err) {
    size_t o = 0;
    for (size_t p = i + 1; p < len; p++) {
        if (path[p] == '"') {
            *olen = o;
            *end = p + 1;
            return 0;
        }
        if (path[p] == '\\') {
            if (p + 1 >= len || (path[p + 1] != '"' && path[p + 1] != '\\'))
                return bad_path(err, path, p, "only \\\" and \\\\ escape in a quoted key");
            p++;
        }
        out[o++] = path[p];
    }
    return bad_path(err, path, i, "quoted key never closed");
}

/* Splits the path into tokens; quoted keys are decoded into buf. */
static int tokenize(const char *path, size_t len, token *toks, size_t *ntoks, char *buf,
                    fm_error *err) {
    size_t n = 0, i = 0, b = 0;
    if (len == 0)
        return bad_path(err, path, 0, "empty path");
    for (;;) {
        token *t = &toks[n++];
        memset(t, 0, sizeof *t);
        t->raw_start = i;
        if (path[i] == '"') {
            size_t end = len;
            if (quoted(path, len, i, buf + b, &t->len, &end, err) != 0)
                return -1;
            t->kind = TOK_QUOTED;
            t->text = buf + b;
            b += t->len;
            i = end;
        } else if (path[i] == '[') {
            const char *close = memchr(path + i, ']', len - i);
            if (!close || !parse_index(path + i + 1, (size_t)(close - path) - i - 1,
                                       &t->index))
                return bad_path(err, path, i, "[ must hold an index and a ]");
            t->kind = TOK_INDEX;
            i = (size_t)(close - path) + 1;
        } else {
            size_t s = i;
            while (i < len && path[i] != '.' && path[i] != '[')
                i++;
            if (i == s)
                return bad_path(err, path, s, "empty key");
            t->kind = TOK_BARE;
            t->text = path + s;
            t->len = i - s;
            t->digits = parse_index(t->text, t->len, &t->index);
        }
        t->raw_end = i;
        if (i == len)
            break;
        if (path[i] == '.') {
            if (++i == len)
                return bad_path(err, path, i - 1, "a path may not end with '.'");
        } else if (path[i] != '[') {
            return bad_path(err, path, i, "expected '.' or '[' after a quoted key");
        }
    }
    *ntoks = n;
    return 0;
}

/* ===================================================================== */
/* Following steps                                                       */
/* ===================================================================== */

FMP_HOT const fm_value *fmp_step_into(const fm_value *v, const fm_path_step *s,
                                      size_t *at) {
    if (!v)
        return NULL;
    if (s->key && v->type == FM_MAPPING) {
        size_t i = fmp_map_find(v, s->key, s->len);
        if (i == (size_t)-1)
            return NULL;
        *at = i;
        return fmp_map_val(v, i);
    }
    if (!s->key && v->type == FM_SEQUENCE && s->index < v->count) {
        *at = s->index;
        return v->u.items[s->index];
    }
    return NULL;
}

const fm_value *fmp_steps_get(const fm_value *root, const fm_path_step *steps, size_t n) {
    const fm_value *v = root;
    for (size_t i = 0; v && i < n; i++) {
        size_t at;
        v = fmp_step_into(v, &steps[i], &at);
    }
    return v;
}

/* The step a token takes at v: an index into a sequence, else a key. */
static fm_path_step step_of(const token *t, const fm_value *v) {
    fm_path_step s = {t->text, t->len, 0};
    bool seq = v && v->type == FM_SEQUENCE;
    if (t->kind == TOK_INDEX || (t->kind == TOK_BARE && t->digits && seq))
        s = (fm_path_step){NULL, 0, t->index};
    return s;
}

/* Resolves toks[i..] from v into steps[k..]; returns the number of steps
 * written, with *found set when they name an existing value. -2 when the
 * path is ambiguous. */
static long resolve(const char *path, const token *toks, size_t ntoks, size_t i,
                    const fm_value *v, fm_path_step *steps, size_t k, bool *found) {
    if (i == ntoks) {
        *found = v != NULL;
        return (long)k;
    }
    /* The old form: the rest of the text, all bare, as one key holding dots. */
    bool all_bare = i + 1 < ntoks;
    for (size_t j = i; all_bare && j < ntoks; j++)
        all_bare = toks[j].kind == TOK_BARE &&
                   (j + 1 == ntoks || path[toks[j].raw_end] == '.');
    const token *t = &toks[i];
    size_t whole_len = toks[ntoks - 1].raw_end - t->raw_start;
    bool literal = all_bare && v && v->type == FM_MAPPING &&
                   fmp_map_find(v, path + t->raw_start, whole_len) != (size_t)-1;
    fm_path_step s = step_of(t, v);
    size_t at;
    const fm_value *next = fmp_step_into(v, &s, &at);
    steps[k] = s;
    bool split_found = false;
    long r = resolve(path, toks, ntoks, i + 1, next, steps, k + 1, &split_found);
    if (r == -2)
        return -2;
    if (literal && split_found)
        return -2;
    if (literal) {
        steps[k] = (fm_path_step){path + t->raw_start, whole_len, 0};
        *found = true;
        return (long)k + 1;
    }
    *found = split_found;
    return r;
}

/* Long paths are read segment by segment only (resolve recurses once per
 * segment). */
static long split_only(const token *toks, size_t ntoks, const fm_value *v,
                       fm_path_step *steps) {
    for (size_t i = 0; i < ntoks; i++) {
        size_t at;
        steps[i] = step_of(&toks[i], v);
        v = fmp_step_into(v, &steps[i], &at);
    }
    return (long)ntoks;
}

/* A path of one bare key (no '.', '[' or '"') that cannot index a sequence
 * (`title`): what tokenize and resolve make of it, one key step, without
 * allocating. */
FMP_HOT static bool one_key(const char *path, size_t len, const fm_value *root,
                            fmp_path *out) {
    size_t at;
    if (len == 0 || (root && root->type == FM_SEQUENCE && parse_index(path, len, &at)))
        return false;
    out->one = (fm_path_step){path, len, 0};
    out->steps = &out->one;
    out->n = 1;
    return true;
}

/* The length of path when it is ASCII without '.', '[' or '"' (valid UTF-8
 * and one bare key), else (size_t)-1 (the caller measures and checks it). */
FMP_HOT static size_t plain_ascii(const char *path) {
    size_t i = 0;
    for (unsigned char c; (c = (unsigned char)path[i]) != '\0'; i++)
        if (c >= 0x80 || c == '.' || c == '[' || c == '"')
            return (size_t)-1;
    return i;
}

FMP_HOT int fmp_path_parse(const char *path, const fm_value *root, const fm_allocator *al,
                           fmp_path *out, fm_error *err) {
    memset(out, 0, sizeof *out);
    if (!path)
        return fmp_fail(err, FM_ERR_ARG, "no key path");
    size_t len = plain_ascii(path);
    if (len != (size_t)-1 && one_key(path, len, root, out))
        return 0;
    len = strlen(path);
    if (!fmp_utf8_valid(path, len))
        return fmp_fail(err, FM_ERR_ENCODING, "the key path is not valid UTF-8");
    if (strcspn(path, ".[\"") == len && one_key(path, len, root, out))
        return 0;
    size_t cap = len + 1; /* at most one token per byte and one '.' between */
    /* One block: the steps, then the tokens, then the decoded keys. */
    size_t per = sizeof(fm_path_step) + sizeof(token) + 1;
    char *block = cap <= SIZE_MAX / per ? fmp_malloc(al, cap * per) : NULL;
    token *toks = block ? (token *)(void *)(block + cap * sizeof(fm_path_step)) : NULL;
    out->steps = (fm_path_step *)(void *)block;
    out->buf = block ? block + cap * (sizeof(fm_path_step) + sizeof(token)) : NULL;
    size_t ntoks = 0;
    int rc = block ? 0 : fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    if (rc == 0)
        rc = tokenize(path, len, toks, &ntoks, out->buf, err);
    if (rc == 0) {
        bool found;
        long n = ntoks <= PATH_OLD_FORM_MAX
                     ? resolve(path, toks, ntoks, 0, root, out->steps, 0, &found)
                     : split_only(toks, ntoks, root, out->steps);
        if (n == -2)
            rc = fmp_fail(err, FM_ERR_ARG,
                          "ambiguous key path '%s': a key holds the dots and the keys "
                          "they separate exist too; quote the key that holds them",
                          path);
        else
            out->n = (size_t)n;
    }
    if (rc != 0)
        fmp_path_free(out, al);
    return rc;
}

FMP_HOT void fmp_path_free(fmp_path *p, const fm_allocator *al) {
    if (p->steps != &p->one)
        fmp_free(al, p->steps); /* the block that holds buf too */
    memset(p, 0, sizeof *p);
}

/* ===================================================================== */
/* Steps back to text                                                    */
/* ===================================================================== */

/* A key can be written bare when it holds no '.', '[', '"', is not empty
 * and is not all digits (which would index a sequence). */
static bool bare_ok(const char *k, size_t len) {
    size_t index;
    if (len == 0 || parse_index(k, len, &index))
        return false;
    for (size_t i = 0; i < len; i++)
        if (k[i] == '.' || k[i] == '[' || k[i] == '"')
            return false;
    return true;
}

void fmp_steps_format(fmp_buf *b, const fm_path_step *steps, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const fm_path_step *s = &steps[i];
        if (!s->key) {
            char num[32];
            snprintf(num, sizeof num, "[%zu]", s->index);
            fmp_buf_puts(b, num);
            continue;
        }
        if (i)
            fmp_buf_putc(b, '.');
        if (bare_ok(s->key, s->len)) {
            fmp_buf_put(b, s->key, s->len);
            continue;
        }
        fmp_buf_putc(b, '"');
        for (size_t j = 0; j < s->len; j++) {
            if (s->key[j] == '"' || s->key[j] == '\\')
                fmp_buf_putc(b, '\\');
            fmp_buf_putc(b, s->key[j]);
        }
        fmp_buf_putc(b, '"');
    }
}
