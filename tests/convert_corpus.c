/* SPDX-License-Identifier: MIT */
/* convert_corpus.c - acceptance driver for fm_doc_convert: each file named on
 * standard input that loads is converted to each other format and back; both
 * texts must load afresh in their format, hold the source tree by
 * fmatter(5)'s rules (tests/convcmp.h) and keep the body byte for byte. A
 * refusal must be FM_ERR_CONVERT naming a key, the text unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convcmp.h"
#include "readfile.h"

static const char *const names[] = {"none", "YAML", "TOML", "JSON"};

typedef struct tally {
    unsigned long files, round_trips[4][4], refused[4][4], failures;
} tally;

static void fail(tally *t, const char *path, const char *what, const char *why) {
    if (t->failures++ < 30)
        printf("FAIL %s: %s: %s\n", path, what, why);
}

/* The text of doc loads afresh in format f, holds src by `how` and has the
 * body `body`. */
static int check_text(tally *t, const char *path, const fm_doc *doc, fm_format f,
                      const fm_value *src, unsigned how, const char *body, size_t body_len,
                      const char *what) {
    size_t len, blen;
    const char *text = fm_doc_text(doc, &len);
    fm_error err;
    char why[512];
    fm_doc *fresh = fm_doc_parse(text, len, 0, &err);
    if (!fresh) {
        snprintf(why, sizeof why, "%u:%u: %s", err.line, err.column, err.message);
        fail(t, path, what, why);
        return -1;
    }
    const char *b = fm_doc_body(fresh, &blen);
    int ok = 0;
    if (fm_doc_format(fresh) != f)
        snprintf(why, sizeof why, "the text is %s", names[fm_doc_format(fresh)]);
    else if (blen != body_len || memcmp(b, body, blen) != 0)
        snprintf(why, sizeof why, "the body changed");
    else
        ok = fm_convcmp(src, fm_doc_root(fresh), how, why, sizeof why, 0);
    if (!ok)
        fail(t, path, what, why);
    fm_doc_free(fresh);
    return ok ? 0 : -1;
}

/* A refusal: FM_ERR_CONVERT at a place, naming a key, the text unchanged. */
static void check_refusal(tally *t, const char *path, const fm_doc *doc, const char *buf,
                          size_t len, const fm_error *err, const char *what) {
    size_t now;
    const char *text = fm_doc_text(doc, &now);
    if (err->code != FM_ERR_CONVERT || err->line == 0 || !strchr(err->message, '\''))
        fail(t, path, what, err->message);
    else if (now != len || memcmp(text, buf, len) != 0)
        fail(t, path, what, "a refused conversion changed the text");
}

/* from -> to -> from on a fresh load of buf. */
static void round_trip(tally *t, const char *path, const char *buf, size_t len, fm_format from,
                       fm_format to) {
    fm_error err;
    fm_doc *doc = fm_doc_parse(buf, len, 0, &err);
    fm_value *src = doc ? fm_value_copy(fm_doc_root(doc)) : NULL;
    size_t body_len;
    const char *body = doc ? fm_doc_body(doc, &body_len) : NULL;
    char *body_copy = body ? malloc(body_len + 1) : NULL;
    char what[32];
    if (!src || !body_copy) {
        fail(t, path, "setup", "out of memory");
        goto done;
    }
    memcpy(body_copy, body, body_len);
    unsigned how = (from == FM_FORMAT_TOML || to == FM_FORMAT_TOML ? FM_CONVCMP_ANY_ORDER : 0) |
                   (to == FM_FORMAT_JSON ? FM_CONVCMP_DATES_AS_TEXT : 0);
    snprintf(what, sizeof what, "%s to %s", names[from], names[to]);
    if (fm_doc_convert(doc, to, &err) != 0) {
        check_refusal(t, path, doc, buf, len, &err, what);
        t->refused[from][to]++;
        goto done;
    }
    if (check_text(t, path, doc, to, src, how, body_copy, body_len, what) != 0)
        goto done;
    snprintf(what, sizeof what, "%s to %s and back", names[from], names[to]);
    if (fm_doc_convert(doc, from, &err) != 0) {
        fail(t, path, what, err.message);
        goto done;
    }
    if (check_text(t, path, doc, from, src, how, body_copy, body_len, what) == 0)
        t->round_trips[from][to]++;
done:
    free(body_copy);
    fm_value_free(src);
    fm_doc_free(doc);
}

static void one_file(tally *t, const char *path) {
    size_t len;
    char *buf = fm_read_file(path, &len);
    fm_doc *doc = buf ? fm_doc_parse(buf, len, 0, NULL) : NULL;
    fm_format from = doc ? fm_doc_format(doc) : FM_FORMAT_NONE;
    fm_doc_free(doc);
    if (from != FM_FORMAT_NONE) {
        t->files++;
        for (fm_format to = FM_FORMAT_YAML; to <= FM_FORMAT_JSON; to++)
            if (to != from)
                round_trip(t, path, buf, len, from, to);
    }
    free(buf);
}

int main(int argc, char **argv) {
    unsigned long min_files = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
    tally t;
    memset(&t, 0, sizeof t);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            one_file(&t, line);
    }
    printf("%lu files with front matter\n", t.files);
    for (int f = FM_FORMAT_YAML; f <= FM_FORMAT_JSON; f++)
        for (int to = FM_FORMAT_YAML; to <= FM_FORMAT_JSON; to++)
            if (t.round_trips[f][to] + t.refused[f][to] > 0)
                printf("%s -> %s -> %s: %lu identical, %lu refused (FM_ERR_CONVERT)\n",
                       names[f], names[to], names[f], t.round_trips[f][to], t.refused[f][to]);
    if (t.files < min_files)
        printf("FAIL: fewer than %lu files\n", min_files);
    return t.failures == 0 && t.files >= min_files ? 0 : 1;
}
