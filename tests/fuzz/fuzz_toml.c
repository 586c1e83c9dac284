/* SPDX-License-Identifier: MIT */
/* fuzz_toml.c - the TOML loader: the input is TOML text, put between +++
 * fences. It loads or fails with a code and a place whose line and column
 * are those of its byte offset; a loaded tree has spans inside the input
 * that agree with their offsets, the source text of every bare key and
 * plain scalar at its span, weights that count nodes, valid UTF-8 strings,
 * valid date-times; the text comes back byte for byte (edits: see
 * fuzz_toml_edit.c). Split and loaded in one pass (the loader finds the
 * closing fence), it gives the parts, tree or error of fm_split's search
 * first (FM_OPT_NO_FAST_PATH), the input's own +++ lines anywhere in it,
 * with the closing fence after it or none. */
#include "fuzz.h"

#include <string.h>

#include "../../lib/private.h" /* weights and flags */
#include "../treecmp.h"

typedef struct wrapped {
    const char *text;
    size_t len;
} wrapped;

/* The line and column (in characters, as the library counts them) of
 * byte `offset` of the text. */
static void position_of(const wrapped *w, size_t offset, unsigned *line,
                        unsigned *column) {
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset && i < w->len; i++) {
        unsigned char c = (unsigned char)w->text[i];
        if (c == '\n') {
            ++*line;
            *column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

static void check_place(const wrapped *w, size_t offset, unsigned line, unsigned column,
                        const char *what) {
    unsigned l, c;
    FUZZ_REQUIRE(offset <= w->len, what);
    position_of(w, offset, &l, &c);
    if (l != line || c != column)
        fprintf(stderr, "%s: %u:%u at offset %zu, which is %u:%u\n", what, line, column,
                offset, l, c);
    FUZZ_REQUIRE(l == line && c == column, what);
}

static void check_span(const wrapped *w, const fm_value *v) {
    fm_span s = fm_value_span(v);
    FUZZ_REQUIRE(s.offset + s.length <= w->len, "span inside the input");
    FUZZ_REQUIRE(s.offset >= 4, "span inside the front matter");
    check_place(w, s.offset, s.line, s.column, "span start at its offset");
    check_place(w, s.offset + s.length, s.end_line, s.end_column,
                "span end at its offset");
}

/* A bare key or a number, boolean or date-time: its text is its source. */
static void check_source_text(const wrapped *w, const fm_value *v) {
    fm_span s = fm_value_span(v);
    FUZZ_REQUIRE(s.length == v->text_len &&
                     memcmp(w->text + s.offset, v->text, s.length) == 0,
                 "plain text is its source");
}

static void check_scalar(const wrapped *w, const fm_value *v, int key) {
    size_t len;
    const char *text = fm_value_text(v, &len);
    fm_value *copy = fm_value_new_string(text, len, NULL);
    FUZZ_REQUIRE(copy != NULL, "text is valid UTF-8");
    fm_value_free(copy);
    FUZZ_REQUIRE(fm_value_span(v).length > 0, "a scalar or key takes text");
    if (fm_value_style(v) == FM_STYLE_PLAIN)
        check_source_text(w, v);
    if (key || fm_value_type(v) == FM_STRING) {
        FUZZ_REQUIRE(fm_value_type(v) == FM_STRING, "keys are strings");
        FUZZ_REQUIRE(fm_value_style(v) != FM_STYLE_PLAIN || key, "strings are quoted");
        return;
    }
    FUZZ_REQUIRE(fm_value_style(v) == FM_STYLE_PLAIN, "other scalars are plain");
    if (fm_value_type(v) == FM_TIMESTAMP) {
        char buf[64];
        FUZZ_REQUIRE(fm_datetime_format(fm_value_datetime(v), buf, sizeof buf) > 0,
                     "date-times are valid");
    }
}

/* Returns the number of nodes under v (keys included). */
static size_t check_tree(const wrapped *w, const fm_value *v, int depth) {
    check_span(w, v);
    FUZZ_REQUIRE(depth <= FM_DEFAULT_MAX_DEPTH + 1, "depth bounded");
    if (fm_value_type(v) != FM_MAPPING && fm_value_type(v) != FM_SEQUENCE) {
        FUZZ_REQUIRE(v->flags == 0, "scalars have no table flags");
        check_scalar(w, v, 0);
        return 1;
    }
    size_t nodes = 1;
    for (size_t i = 0; i < fm_value_size(v); i++) {
        if (fm_value_type(v) == FM_MAPPING) {
            check_span(w, fm_value_key_at(v, i));
            check_scalar(w, fm_value_key_at(v, i), 1);
            nodes++;
        }
        nodes += check_tree(w, fm_value_at(v, i), depth + 1);
    }
    FUZZ_REQUIRE(v->weight == nodes, "weights count nodes");
    return nodes;
}

/* One pass and fm_split first: the same parts and tree, or the same error. */
static void same_both_ways(const char *text, size_t len, const fm_config *cfg) {
    char why[1024];
    if (fm_parse_diff(text, len, cfg, NULL, why, sizeof why) != 0) {
        fprintf(stderr, "one pass vs fm_split first: %s\n", why);
        FUZZ_REQUIRE(0, "one pass loads as fm_split then the loader");
    }
    fm_config lenient = *cfg;
    lenient.options |= FM_OPT_LENIENT;
    if (fm_parse_diff(text, len, &lenient, NULL, why, sizeof why) != 0) {
        fprintf(stderr, "one pass vs fm_split first, lenient: %s\n", why);
        FUZZ_REQUIRE(0, "one pass loads as fm_split then the loader");
    }
}

static void load(const wrapped *w, const fm_config *cfg) {
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(w->text, w->len, cfg, &err);
    if (!doc) {
        FUZZ_REQUIRE(err.code != FM_OK && err.message[0] != '\0', "a failure says why");
        if (err.code != FM_ERR_NOMEM)
            check_place(w, err.offset, err.line, err.column, "error at its offset");
        return;
    }
    FUZZ_REQUIRE(fm_doc_format(doc) == FM_FORMAT_TOML, "TOML");
    FUZZ_REQUIRE(fm_value_type(fm_doc_root(doc)) == FM_MAPPING, "root is a mapping");
    check_tree(w, fm_doc_root(doc), 0);
    size_t len;
    char *out = fm_doc_emit(doc, &len, &err);
    FUZZ_REQUIRE(out && len == w->len && memcmp(out, w->text, len) == 0, "round trip");
    fm_free(out);
    fm_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1 << 16)
        return 0;
    char *text = malloc(size + 10);
    if (!text)
        return 0;
    memcpy(text, "+++\n", 4);
    memcpy(text + 4, data, size);
    memcpy(text + 4 + size, "\n+++\n", 5);
    wrapped w = {text, size + 9};
    fm_config cfg;
    fuzz_config(&cfg);
    load(&w, &cfg);
    same_both_ways(w.text, w.len, &cfg);
    same_both_ways(w.text, w.len - 5, &cfg); /* no closing fence of ours */
    /* Tight limits, so that every limit check is reached. */
    cfg.max_depth = 3;
    cfg.max_keys = 6;
    cfg.max_key_length = 8;
    cfg.max_scalar_length = 16;
    load(&w, &cfg);
    same_both_ways(w.text, w.len, &cfg);
    free(text);
    return 0;
}
