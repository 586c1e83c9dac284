/* SPDX-License-Identifier: MIT */
/* read.c - the readers test's fmatter reader: parses every document of the
 * manifests the writers filled (tomllib.sh's TOML one too) and compares what
 * fmatter reads with what the manifest expects (see write.c); prints each
 * mismatch. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmatter.h"

enum { SHOW_AT_MOST = 40 };

typedef struct tally {
    size_t checked, wrong;
} tally;

static int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes hex in place; its length, or (size_t)-1 on a bad digit. */
static size_t unhex(char *s) {
    size_t n = strlen(s);
    if (n % 2)
        return (size_t)-1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0)
            return (size_t)-1;
        s[i / 2] = (char)(hi * 16 + lo);
    }
    s[n / 2] = '\0';
    return n / 2;
}

static void show(const char *s, size_t n) {
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        printf(c < 0x20 || c == '"' || c == '\\' || c == 0x7F ? "\\x%02X" : "%c", c);
    }
    putchar('"');
}

static double expected_float(const char *s) {
    if (strcmp(s, ".inf") == 0)
        return HUGE_VAL;
    if (strcmp(s, "-.inf") == 0)
        return -HUGE_VAL;
    if (strcmp(s, ".nan") == 0)
        return NAN;
    return strtod(s, NULL);
}

static int same_datetime(const fm_datetime *a, const fm_datetime *b) {
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
           a->nanosecond == b->nanosecond && a->flags == b->flags &&
           (!(a->flags & FM_DT_HAS_OFFSET) || a->utc_offset == b->utc_offset);
}

/* Whether v is what the manifest expects of a typed kind. */
static int typed_ok(const fm_value *v, const char *kind, const char *want) {
    fm_datetime dt;
    if (strcmp(kind, "int") == 0)
        return fm_value_type(v) == FM_INT &&
               fm_value_int(v, 0) == strtoll(want, NULL, 10);
    if (strcmp(kind, "float") == 0) {
        double d = fm_value_float(v, 0), w = expected_float(want);
        return fm_value_type(v) == FM_FLOAT &&
               (isnan(w) ? isnan(d) : d == w && !signbit(d) == !signbit(w));
    }
    if (strcmp(kind, "bool") == 0)
        return fm_value_bool(v) == (strcmp(want, "true") == 0);
    if (strcmp(kind, "null") == 0)
        return v && fm_value_type(v) == FM_NULL;
    if (strcmp(kind, "date") == 0 || strcmp(kind, "datetime") == 0)
        return fm_value_type(v) == FM_TIMESTAMP &&
               fm_datetime_parse(want, strlen(want), &dt) == 0 &&
               same_datetime(fm_value_datetime(v), &dt);
    return 0;
}

/* The key `want` of mapping m is a string key holding "v". */
static int key_ok(const fm_value *m, const char *want, size_t n) {
    for (size_t i = 0; i < fm_value_size(m); i++) {
        size_t kl;
        const char *k = fm_value_key_text(m, i, &kl);
        if (k && kl == n && memcmp(k, want, n) == 0)
            return fm_value_type(fm_value_key_at(m, i)) == FM_STRING &&
                   fm_value_string(fm_value_at(m, i), NULL) &&
                   strcmp(fm_value_string(fm_value_at(m, i), NULL), "v") == 0;
    }
    return 0;
}

/* Mapping m's pairs as kind "pairs" spells them (key=text, key=#integer, one
 * per line) equal want[0..n). */
static int pairs_ok(const fm_value *m, const char *want, size_t n) {
    char got[256];
    size_t o = 0;
    for (size_t i = 0; fm_value_type(m) == FM_MAPPING && i < fm_value_size(m); i++) {
        size_t kl, vl;
        const char *k = fm_value_key_text(m, i, &kl);
        const fm_value *v = fm_value_at(m, i);
        const char *s = fm_value_string(v, &vl);
        int w = s ? snprintf(got + o, sizeof got - o, "%s%.*s=%.*s", i ? "\n" : "",
                             (int)kl, k, (int)vl, s)
                  : fm_value_type(v) == FM_INT
                      ? snprintf(got + o, sizeof got - o, "%s%.*s=#%lld", i ? "\n" : "",
                                 (int)kl, k, (long long)fm_value_int(v, 0))
                      : -1;
        if (w < 0 || (size_t)w >= sizeof got - o)
            return 0;
        o += (size_t)w;
    }
    return fm_value_type(m) == FM_MAPPING && o == n && memcmp(got, want, n) == 0;
}

/* A rename: key `want` of root holds what `path` held in the document
 * before[0..blen), and path is gone (unless it is want). */
static int rename_ok(const fm_doc *doc, const char *path, const char *want, size_t n,
                     const char *before, size_t blen) {
    fm_error err;
    fm_doc *orig = fm_doc_parse(before, blen, 0, &err);
    const fm_value *now = fm_value_lookup(fm_doc_root(doc), want, n);
    int ok = orig && now && fm_value_equal(now, fm_doc_get(orig, path)) &&
             (strcmp(path, want) == 0 || !fm_doc_get(doc, path));
    fm_doc_free(orig);
    return ok;
}

/* Checks one manifest entry, the document text[0..len) (and, for a rename,
 * the one before the edit); 1 when it matches. */
static int check(const char *name, const char *kind, const char *path, const char *want,
                 size_t n, const char *text, size_t len, const char *before, size_t blen,
                 int verbose) {
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, len, 0, &err);
    if (!doc) {
        if (verbose) {
            printf("%s: does not load: %u:%u: %s: ", name, err.line, err.column,
                   err.message);
            show(text, len);
            putchar('\n');
        }
        return 0;
    }
    const fm_value *v = *path ? fm_doc_get(doc, path) : fm_doc_root(doc);
    const fm_value *z = fm_doc_get(doc, "z");
    size_t got_len = 0;
    const char *got = fm_value_string(v, &got_len);
    int ok;
    if (strcmp(kind, "value") == 0)
        ok = got && got_len == n && memcmp(got, want, n) == 0;
    else if (strcmp(kind, "key") == 0)
        ok = key_ok(v, want, n);
    else if (strcmp(kind, "pairs") == 0)
        ok = pairs_ok(v, want, n);
    else if (strcmp(kind, "rename") == 0)
        ok = before && rename_ok(doc, path, want, n, before, blen);
    else
        ok = typed_ok(v, kind, want);
    ok = ok && fm_value_type(z) == FM_INT && fm_value_int(z, 0) == 1;
    if (!ok && verbose) {
        printf("%s: %s at '%s': expected ", name, kind, path);
        show(want, n);
        printf(", read %s ", v ? fm_type_name(fm_value_type(v)) : "nothing");
        if (got)
            show(got, got_len);
        printf(" from ");
        show(text, len);
        putchar('\n');
    }
    fm_doc_free(doc);
    return ok;
}

/* Splits line at tabs into at most n fields; the number found. */
static size_t split(char *line, char **fields, size_t n) {
    size_t k = 0;
    fields[k++] = line;
    for (char *p = line; *p && k < n; p++)
        if (*p == '\t') {
            *p = '\0';
            fields[k++] = p + 1;
        }
    return k;
}

/* Reads a manifest; -1 when it cannot be read. */
static int check_manifest(const char *manifest, tally *t) {
    FILE *fp = fopen(manifest, "r");
    if (!fp) {
        printf("%s: %s\n", manifest, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, fp)) > 0) {
        char *f[6];
        line[strcspn(line, "\n")] = '\0';
        size_t fields = split(line, f, 6);
        size_t n = fields >= 5 ? unhex(f[3]) : (size_t)-1;
        size_t len = n != (size_t)-1 ? unhex(f[4]) : (size_t)-1;
        size_t blen = fields == 6 ? unhex(f[5]) : 0;
        if (len == (size_t)-1 || blen == (size_t)-1) {
            printf("%s: bad line %zu\n", manifest, t->checked + 1);
            rc = -1;
            break;
        }
        t->checked++;
        if (!check(f[0], f[1], f[2], f[3], n, f[4], len, fields == 6 ? f[5] : NULL, blen,
                   t->wrong < SHOW_AT_MOST))
            t->wrong++;
    }
    free(line);
    fclose(fp);
    printf("fmatter %s: %s: %zu documents, %zu read back wrong\n", fm_version(), manifest,
           t->checked, t->wrong);
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: fm_readers_read MANIFEST...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        tally t = {0, 0};
        if (check_manifest(argv[i], &t) != 0)
            status = 99;
        else if (t.wrong && status == 0)
            status = 1;
    }
    return status;
}
