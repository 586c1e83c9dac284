/* SPDX-License-Identifier: MIT */
/* roundtrip.c - acceptance driver: for each file that loads (YAML, TOML or
 * JSON front matter), the emitted text equals the input; setting `title`
 * changes only the title's lines; setting it back (or removing it again)
 * gives the input byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmatter.h"

#define NEW_TITLE "fmatter round-trip title"

static char *read_all(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += r;
        if (n == cap) {
            char *b2 = realloc(buf, cap *= 2);
            if (!b2) {
                free(buf);
                buf = NULL;
            }
            buf = b2;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

/* Lines that differ between a and b once common leading and trailing lines
 * are set aside, on each side. */
static void changed_lines(const char *a, size_t al, const char *b, size_t bl, size_t *ca,
                          size_t *cb) {
    size_t head = 0, min = al < bl ? al : bl;
    while (head < min && a[head] == b[head])
        head++;
    while (head > 0 && a[head - 1] != '\n')
        head--;
    size_t tail = 0;
    while (tail < min - head && a[al - 1 - tail] == b[bl - 1 - tail])
        tail++;
    /* The common tail starts at a line start on both sides. */
    while (tail > 0 && ((al > tail && a[al - tail - 1] != '\n') ||
                        (bl > tail && b[bl - tail - 1] != '\n')))
        tail--;
    *ca = *cb = 0;
    for (size_t i = head; i < al - tail; i++)
        *ca += a[i] == '\n';
    for (size_t i = head; i < bl - tail; i++)
        *cb += b[i] == '\n';
}

/* Lines the title entry takes in the source (key line to value's last line). */
static size_t title_lines(const fm_doc *doc) {
    const fm_value *root = fm_doc_root(doc);
    for (size_t i = 0; i < fm_value_size(root); i++) {
        size_t len;
        const char *k = fm_value_key_text(root, i, &len);
        if (len == 5 && memcmp(k, "title", 5) == 0) {
            fm_span ks = fm_value_span(fm_value_key_at(root, i));
            fm_span vs = fm_value_span(fm_value_at(root, i));
            unsigned last = vs.end_line;
            if (vs.end_column == 1 && last > vs.line)
                last--; /* a block scalar ends at the next line's start */
            return last - ks.line + 1;
        }
    }
    return 0;
}

static int same_text(const fm_doc *doc, const char *in, size_t len) {
    size_t n;
    const char *t = fm_doc_text(doc, &n);
    return n == len && memcmp(t, in, len) == 0;
}

/* 0 ok, 1 failed (reported), 2 skipped (does not load). */
static int check_file(const char *path) {
    size_t len;
    char *in = read_all(path, &len);
    fm_error err;
    fm_doc *doc = in ? fm_doc_parse(in, len, 0, &err) : NULL;
    if (!doc) {
        free(in);
        return 2;
    }
    int rc = 0;
    size_t out_len;
    char *out = fm_doc_emit(doc, &out_len, &err);
    if (!out || out_len != len || memcmp(out, in, len) != 0) {
        printf("FAIL %s: emitted text differs from the input\n", path);
        rc = 1;
    }
    fm_free(out);
    const fm_value *old = fm_doc_get(doc, "title");
    fm_value *saved = old ? fm_value_copy(old) : NULL;
    size_t entry = title_lines(doc);
    fm_format before = fm_doc_format(doc);
    size_t keys_before = fm_value_size(fm_doc_root(doc));
    if (rc == 0 && fm_doc_set_string(doc, "title", NEW_TITLE, strlen(NEW_TITLE), &err) != 0) {
        printf("FAIL %s: set title: %s\n", path, err.message);
        rc = 1;
    }
    if (rc == 0) {
        size_t now, ca, cb;
        const char *t = fm_doc_text(doc, &now);
        changed_lines(in, len, t, now, &ca, &cb);
        /* A new title is one line; a file without front matter gets the two
         * fences too; in JSON the pair before it gains a comma. */
        size_t want_a = entry, want_b = 1;
        if (!old && before == FM_FORMAT_JSON && keys_before > 0)
            want_a = 1, want_b = 2;
        if (!old && before == FM_FORMAT_NONE)
            want_b = 3;
        if (ca != want_a || cb != want_b) {
            printf("FAIL %s: title edit changed %zu lines into %zu (title takes %zu)\n", path,
                   ca, cb, entry);
            rc = 1;
        }
    }
    int back = saved ? fm_doc_set(doc, "title", saved, &err) : fm_doc_remove(doc, "title", &err);
    if (rc == 0 && (back != 0 || !same_text(doc, in, len))) {
        printf("FAIL %s: title set back does not restore the input%s%s\n", path,
               back ? ": " : "", back ? err.message : "");
        rc = 1;
    }
    fm_value_free(saved);
    fm_doc_free(doc);
    free(in);
    return rc;
}

int main(int argc, char **argv) {
    size_t ok = 0, failed = 0, skipped = 0;
    char line[4096];
    /* File names come as arguments, or one per line on standard input. */
    for (int i = 1;; i++) {
        const char *path;
        if (argc > 1) {
            if (i >= argc)
                break;
            path = argv[i];
        } else {
            if (!fgets(line, sizeof line, stdin))
                break;
            line[strcspn(line, "\n")] = '\0';
            path = line;
        }
        int rc = check_file(path);
        ok += rc == 0;
        failed += rc == 1;
        skipped += rc == 2;
    }
    printf("round trip: %zu files byte for byte, %zu failed, %zu do not load (skipped)\n", ok,
           failed, skipped);
    return failed == 0 && ok > 0 ? 0 : 1;
}
