/* SPDX-License-Identifier: MIT */
/* fuzz_edit.c - edits: set a key (name and value taken from the input),
 * emit, re-load: the key holds the value, every other key is unchanged; a
 * failed edit leaves the text as it was. */
#include "fuzz.h"

#include <string.h>

/* The first line of the input is "KEY\tVALUE"; the rest is the document. */
static size_t split_header(const char *s, size_t size, const char **key, size_t *klen,
                           const char **val, size_t *vlen) {
    const char *nl = memchr(s, '\n', size);
    size_t line = nl ? (size_t)(nl - s) : size;
    const char *tab = memchr(s, '\t', line);
    *key = s;
    *klen = tab ? (size_t)(tab - s) : line;
    *val = tab ? tab + 1 : s + line;
    *vlen = tab ? line - *klen - 1 : 0;
    return nl ? line + 1 : size;
}

/* An alias follows its anchor, which the edit may have changed. */
static int holds_alias(const fm_value *v, int depth) {
    if (fm_value_is_alias(v))
        return 1;
    for (size_t i = 0; depth < 300 && i < fm_value_size(v); i++)
        if (holds_alias(fm_value_at(v, i), depth + 1))
            return 1;
    return 0;
}

static void check_others(const fm_doc *before, const fm_doc *after, const char *key) {
    const fm_value *a = fm_doc_root(before), *b = fm_doc_root(after);
    for (size_t i = 0; i < fm_value_size(a); i++) {
        size_t len;
        const char *k = fm_value_key_text(a, i, &len);
        fm_type kt = fm_value_type(fm_value_key_at(a, i));
        if (kt == FM_SEQUENCE || kt == FM_MAPPING)
            continue; /* a complex key has no text to find it by */
        if (holds_alias(fm_value_at(a, i), 0))
            continue;
        if (strlen(key) == len && memcmp(k, key, len) == 0)
            continue;
        if (memchr(key, '.', strlen(key)) && strncmp(key, k, len) == 0)
            continue; /* the path runs through this key */
        FUZZ_REQUIRE(fm_value_equal(fm_value_at(a, i), fm_value_lookup(b, k, len)),
                     "other keys unchanged");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data, *key, *val;
    size_t klen, vlen;
    size_t off = split_header(s, size, &key, &klen, &val, &vlen);
    char path[64];
    if (klen == 0 || klen >= sizeof path || memchr(key, '\0', klen))
        return 0;
    memcpy(path, key, klen);
    path[klen] = '\0';
    fm_config cfg;
    fuzz_config(&cfg);
    fm_doc *doc = fm_doc_parse_config(s + off, size - off, &cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(s + off, size - off, &cfg, NULL);
    if (!doc || !orig) {
        fm_doc_free(doc);
        fm_doc_free(orig);
        return 0;
    }
    fm_error err;
    if (fm_doc_set_string(doc, path, val, vlen, &err) != 0) {
        size_t a, b;
        const char *ta = fm_doc_text(doc, &a), *tb = fm_doc_text(orig, &b);
        FUZZ_REQUIRE(a == b && memcmp(ta, tb, a) == 0, "failed edit leaves the text");
    } else {
        size_t len;
        char *out = fm_doc_emit(doc, &len, NULL);
        fm_doc *again = fm_doc_parse_config(out, len, &cfg, &err);
        FUZZ_REQUIRE(again != NULL, "edited text loads");
        size_t got_len;
        const char *got = fm_value_string(fm_doc_get(again, path), &got_len);
        FUZZ_REQUIRE(got && got_len == vlen && memcmp(got, val, vlen) == 0,
                     "the key holds the value");
        check_others(orig, again, path);
        fm_doc_free(again);
        fm_free(out);
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
    return 0;
}
