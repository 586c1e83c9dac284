/* SPDX-License-Identifier: MIT */
/* bench.c - the C measures in memory: split, load, typed article, load +
 * emit, load + edit + emit, and the bare event parse of the same front
 * matter blocks by libyaml (the floor for anything built on it) and, when
 * built with it, libfyaml. Each measure is the median of repeated runs over
 * all the files, in CPU time of the measuring thread (what other processes
 * of a busy machine take is not counted); prints a Markdown table and the
 * issue-17 ratios. --big N: every edit on documents of N keys or items,
 * next to their load (wall time). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>
#ifdef HAVE_LIBFYAML
#include <libfyaml.h>
#endif

#include "bench.h"
#include "fmatter.h"

typedef struct input {
    char *text;
    size_t len;
    fm_parts parts;
} input;

typedef struct corpus {
    input *items;
    size_t count, cap;
    size_t bytes, front_bytes;
    fm_format format; /* of its first file: every file has it */
} corpus;

/* ---------------------------------------------------------------- loading */

static fm_format want_format = FM_FORMAT_YAML;
static char first_failure[FM_ERROR_MESSAGE_SIZE + 4096]; /* why a file was left out */

static void add_file(corpus *c, const char *path, size_t limit) {
    if (c->count >= limit)
        return;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (!text || fread(text, 1, (size_t)n, fp) != (size_t)n) {
        free(text);
        fclose(fp);
        return;
    }
    fclose(fp);
    fm_error err;
    fm_parts parts;
    fm_doc *doc = fm_doc_parse(text, (size_t)n, FM_OPT_BORROW, &err);
    if (!doc && !first_failure[0] && fm_split(text, (size_t)n, 0, &parts, NULL) == 0 &&
        parts.format == want_format)
        snprintf(first_failure, sizeof first_failure, "%s: %s", path, err.message);
    if (!doc || fm_doc_format(doc) != want_format) {
        fm_doc_free(doc); /* only files whose front matter loads, in that format */
        free(text);
        return;
    }
    fm_doc_free(doc);
    if (c->count == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 1024;
        c->items = realloc(c->items, c->cap * sizeof *c->items);
    }
    input *in = &c->items[c->count++];
    in->text = text;
    in->len = (size_t)n;
    fm_split(text, in->len, 0, &in->parts, NULL);
    c->bytes += in->len;
    c->front_bytes += in->parts.front_len;
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_path(corpus *c, const char *path, size_t limit) {
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        add_file(c, path, limit);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare);
    for (size_t i = 0; i < n; i++) {
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, names[i]);
        add_path(c, child, limit);
        free(names[i]);
    }
    free(names);
}

/* ---------------------------------------------------------------- measures */

typedef void (*measure_fn)(const input *in);

static volatile size_t sink;

static void m_split(const input *in) {
    fm_parts p;
    fm_split(in->text, in->len, 0, &p, NULL);
    sink += p.front_len;
}

static void m_libyaml(const input *in) {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)in->parts.front,
                                 in->parts.front_len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_event_t ev;
    int done = 0;
    while (!done && yaml_parser_parse(&parser, &ev)) {
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    sink += (size_t)done;
}

#ifdef HAVE_LIBFYAML
/* libfyaml prints its errors (one corpus file ends a flow sequence at
 * column 1, which it rejects): this diagnostic object drops them. */
static struct fy_diag *quiet_diag;

static void drop_output(struct fy_diag *diag, void *user, const char *buf, size_t len) {
    (void)diag, (void)user, (void)buf, (void)len;
}

static void m_libfyaml(const input *in) {
    if (!quiet_diag) {
        struct fy_diag_cfg dcfg;
        fy_diag_cfg_default(&dcfg);
        dcfg.fp = NULL;
        dcfg.output_fn = drop_output;
        quiet_diag = fy_diag_create(&dcfg);
    }
    struct fy_parse_cfg cfg = {NULL, FYPCF_QUIET, NULL, quiet_diag};
    struct fy_parser *fyp = fy_parser_create(&cfg);
    int done = 0;
    if (fyp && fy_parser_set_string(fyp, in->parts.front, in->parts.front_len) == 0) {
        struct fy_event *ev;
        while (!done && (ev = fy_parser_parse(fyp)) != NULL) {
            done = ev->type == FYET_STREAM_END;
            fy_parser_event_free(fyp, ev);
        }
    }
    fy_parser_destroy(fyp);
    sink += (size_t)done;
}
#endif

static unsigned load_options;

static void m_load(const input *in) {
    fm_doc *doc = fm_doc_parse(in->text, in->len, FM_OPT_BORROW | load_options, NULL);
    sink += fm_value_size(fm_doc_root(doc));
    fm_doc_free(doc);
}

static void m_article(const input *in) {
    fm_doc *doc = fm_doc_parse(in->text, in->len, FM_OPT_BORROW | load_options, NULL);
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    sink += a ? a->tags.count : 0;
    fm_article_free(a);
    fm_doc_free(doc);
}

static char emit_buf[1 << 22];

static void m_emit(const input *in) {
    fm_doc *doc = fm_doc_parse(in->text, in->len, FM_OPT_BORROW | load_options, NULL);
    size_t needed;
    fm_doc_emit_buffer(doc, emit_buf, sizeof emit_buf, &needed, NULL);
    sink += needed;
    fm_doc_free(doc);
}

static void m_edit(const input *in) {
    fm_doc *doc = fm_doc_parse(in->text, in->len, FM_OPT_BORROW | load_options, NULL);
    fm_doc_set_string(doc, "title", "A new title", 11, NULL);
    size_t needed;
    fm_doc_emit_buffer(doc, emit_buf, sizeof emit_buf, &needed, NULL);
    sink += needed;
    fm_doc_free(doc);
}

/* ------------------------------------------------- edits on a big document */

typedef enum big_shape { BIG_BLOCK, BIG_FLOW, BIG_JSON, BIG_LIST, BIG_SHAPES } big_shape;

static const char *const big_names[] = {"block mapping", "nested flow mapping",
                                        "JSON object", "block list"};

/* A document of n entries in one of the shapes, as a malloc'd string. */
static char *big_doc(big_shape s, size_t n, size_t *len) {
    size_t cap = 64 + n * 48, o = 0;
    char *t = malloc(cap);
    static const char *const open[] = {"---\n", "---\nm: {", "{\n", "---\nlist:\n"};
    static const char *const close[] = {"---\nbody\n", "}\n---\nbody\n", "\n}\nbody\n",
                                        "---\nbody\n"};
    o += (size_t)snprintf(t + o, cap - o, "%s", open[s]);
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : s == BIG_FLOW ? ", " : s == BIG_JSON ? ",\n" : "";
        if (s == BIG_JSON)
            o += (size_t)snprintf(t + o, cap - o, "%s\"key%zu\": \"value %zu\"", sep, i,
                                  i);
        else if (s == BIG_LIST)
            o += (size_t)snprintf(t + o, cap - o, "  - value %zu\n", i);
        else
            o += (size_t)snprintf(t + o, cap - o, "%skey%zu: value %zu%s", sep, i, i,
                                  s == BIG_BLOCK ? "\n" : "");
    }
    o += (size_t)snprintf(t + o, cap - o, "%s", close[s]);
    *len = o;
    return t;
}

typedef enum big_edit {
    E_LOAD,
    E_REMOVE,
    E_RENAME,
    E_SET,
    E_INSERT,
    E_SET_INT,
    E_SET_FLOAT,
    E_SET_BOOL,
    E_SET_NULL,
    E_SET_DATETIME,
    E_SET_STRINGS,
    E_SET_BODY,
    E_EDITS
} big_edit;

static const char *const edit_names[] = {"load (for comparison)",
                                         "fm_doc_remove",
                                         "fm_doc_rename",
                                         "fm_doc_set_string",
                                         "fm_doc_insert_after (new key)",
                                         "fm_doc_set_int",
                                         "fm_doc_set_float",
                                         "fm_doc_set_bool",
                                         "fm_doc_set_null",
                                         "fm_doc_set_datetime",
                                         "fm_doc_set_strings (3 items)",
                                         "fm_doc_set_body"};

/* Runs one edit of the 6th entry; returns 0 when it succeeded. */
static int do_edit(fm_doc *doc, big_shape s, big_edit e) {
    const char *path = s == BIG_FLOW ? "m.key5" : s == BIG_LIST ? "list.5" : "key5";
    const char *fresh = s == BIG_FLOW ? "m.fresh" : "fresh";
    static const char *const items[] = {"a", "b", "c"};
    fm_datetime dt = {2025, 2, 11, 0, 0, 0, 0, 0, FM_DT_SET};
    fm_value *v;
    int rc;
    switch (e) {
    case E_REMOVE:
        return fm_doc_remove(doc, path, NULL);
    case E_RENAME:
        return s == BIG_LIST ? 0 : fm_doc_rename(doc, path, "renamed", NULL);
    case E_SET:
        return fm_doc_set_string(doc, path, "new text", 8, NULL);
    case E_INSERT:
        if (s == BIG_LIST)
            return 0;
        v = fm_value_new_string("added", 5, NULL);
        rc = fm_doc_insert_after(doc, fresh, "key5", v, NULL);
        fm_value_free(v);
        return rc;
    case E_SET_INT:
        return fm_doc_set_int(doc, path, 42, NULL);
    case E_SET_FLOAT:
        return fm_doc_set_float(doc, path, 2.5, NULL);
    case E_SET_BOOL:
        return fm_doc_set_bool(doc, path, 1, NULL);
    case E_SET_NULL:
        return fm_doc_set_null(doc, path, NULL);
    case E_SET_DATETIME:
        return fm_doc_set_datetime(doc, path, &dt, NULL);
    case E_SET_STRINGS:
        return fm_doc_set_strings(doc, path, items, NULL, 3, NULL);
    case E_SET_BODY:
        return fm_doc_set_body(doc, "new body\n", 9, NULL);
    default:
        return 0;
    }
}

/* Median milliseconds of the edit alone (the load before it is not timed;
 * E_LOAD times the load), or -1 when the edit failed. */
static double time_edit(const char *text, size_t len, big_shape s, big_edit e,
                        int rounds) {
    double t[64];
    if (rounds > 64)
        rounds = 64;
    for (int r = 0; r < rounds; r++) {
        double start = bench_now();
        fm_doc *doc = fm_doc_parse(text, len, 0, NULL);
        if (!doc)
            return -1;
        if (e != E_LOAD) {
            start = bench_now();
            if (do_edit(doc, s, e) != 0) {
                fm_doc_free(doc);
                return -1;
            }
        }
        t[r] = (bench_now() - start) * 1e3;
        fm_doc_free(doc);
    }
    return bench_median(t, (size_t)rounds);
}

/* The table of `bench_c --big N`: each edit's time next to a load. */
static void big_table(size_t n, int rounds) {
    char *text[BIG_SHAPES];
    size_t len[BIG_SHAPES];
    double load[BIG_SHAPES];
    printf("%zu entries (%zu keys in the mappings); median of %d runs; ms, and in () "
           "the edit's time over the load's\n\n| edit |",
           n + 1, n, rounds);
    for (int s = 0; s < BIG_SHAPES; s++) {
        text[s] = big_doc((big_shape)s, s == BIG_LIST ? n + 1 : n, &len[s]);
        load[s] = time_edit(text[s], len[s], (big_shape)s, E_LOAD, rounds);
        printf(" %s (%.1f MB) |", big_names[s], (double)len[s] / 1e6);
    }
    printf("\n|---|---|---|---|---|\n");
    for (int e = 0; e < E_EDITS; e++) {
        printf("| %s |", edit_names[e]);
        for (int s = 0; s < BIG_SHAPES; s++) {
            double ms = e == E_LOAD ? load[s]
                                    : time_edit(text[s], len[s], (big_shape)s,
                                                (big_edit)e, rounds);
            if ((s == BIG_LIST && (e == E_RENAME || e == E_INSERT)))
                printf(" n/a |");
            else if (ms < 0)
                printf(" failed |");
            else
                printf(" %.1f (%.1f) |", ms, ms / load[s]);
        }
        printf("\n");
    }
    for (int s = 0; s < BIG_SHAPES; s++)
        free(text[s]);
}

static int repeat = 1; /* passes over the corpus per timed round */

typedef struct measure {
    const char *name;
    measure_fn fn;
    unsigned options; /* load_options for it */
    int yaml_only;    /* an event parse: YAML front matter only */
    double t[64];     /* seconds for one pass, per round */
    double median;
} measure;

/* Rounds of every measure in turn, so that a change in the machine's load
 * falls on all of them alike; then each measure's median pass. */
static void run_all(const corpus *c, measure *m, size_t n, int rounds) {
    if (rounds > 64)
        rounds = 64;
    for (int r = 0; r < rounds; r++)
        for (size_t k = 0; k < n; k++) {
            load_options = m[k].options;
            double start = bench_thread_cpu();
            for (int i = 0; i < repeat; i++)
                for (size_t j = 0; j < c->count; j++)
                    m[k].fn(&c->items[j]);
            m[k].t[r] = (bench_thread_cpu() - start) / repeat;
        }
    for (size_t k = 0; k < n; k++)
        m[k].median = bench_median(m[k].t, (size_t)rounds);
}

static void row(const char *name, const corpus *c, double seconds, double floor) {
    double per = seconds / (double)c->count * 1e6;
    char ratio[32] = "-";
    if (floor > 0)
        snprintf(ratio, sizeof ratio, "%.2f", seconds / floor);
    printf("| %s | %.2f | %.0f | %.1f | %s |\n", name, per, (double)c->count / seconds,
           (double)c->front_bytes / seconds / 1e6, ratio);
}

/* The two ratios issue 17 sets targets for, printed and summarized. */
static void ratios(const char *label, double libyaml, double article, double load,
                   double edit) {
    char figure[160], measured[64];
    double speedup = libyaml / article, edit_ratio = edit / load;
    printf("\nTyped article: %.2fx faster than libyaml's event parse (target: at least "
           "6x, %s). Load + one edit + emit: %.2fx load alone (target: at most 2x, %s).\n",
           speedup, speedup >= 6 ? "met" : "not met", edit_ratio,
           edit_ratio <= 2 ? "met" : "not met");
    snprintf(figure, sizeof figure, "typed article vs libyaml's event parse, %s", label);
    snprintf(measured, sizeof measured, "%.2fx faster", speedup);
    bench_summary(figure, measured, ">= 6x", speedup >= 6);
    snprintf(figure, sizeof figure, "load + one edit + emit vs load alone, %s", label);
    snprintf(measured, sizeof measured, "%.2fx", edit_ratio);
    bench_summary(figure, measured, "<= 2x", edit_ratio <= 2);
}

int main(int argc, char **argv) {
    int rounds = 7;
    size_t limit = SIZE_MAX;
    const char *label = "these files";
    corpus c = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
            limit = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
            label = argv[++i];
        else if (strcmp(argv[i], "--toml") == 0)
            want_format = FM_FORMAT_TOML;
        else if (strcmp(argv[i], "--big") == 0 && i + 1 < argc) {
            big_table((size_t)atol(argv[++i]), rounds);
            return 0;
        } else
            add_path(&c, argv[i], limit);
    }
    if (c.count == 0 && first_failure[0]) {
        printf("skipped: no file loads (%s)\n", first_failure);
        return 0;
    }
    if (c.count == 0) {
        fprintf(stderr, "usage: bench_c [--rounds N] [--repeat N] [--limit N] [--label L] "
                        "[--toml] FILE|FOLDER...\n"
                        "       bench_c [--rounds N] --big NKEYS\n");
        return 2;
    }
    printf("%zu articles, %.1f MB in all, %.2f MB of front matter; CPU time of the "
           "measuring thread, median of %d interleaved runs\n\n",
           c.count, (double)c.bytes / 1e6, (double)c.front_bytes / 1e6, rounds);
    printf("| measure | µs/article | articles/s | MB/s (front matter) | × libyaml |\n");
    printf("|---|---|---|---|---|\n");
    enum { LIBYAML, LOAD = 3, ARTICLE, EMIT, EDIT };
    const unsigned slow = FM_OPT_NO_FAST_PATH;
    measure all[] = {
        {"libyaml bare event parse", m_libyaml, 0, 1, {0}, 0},
#ifdef HAVE_LIBFYAML
        {"libfyaml bare event parse", m_libfyaml, 0, 1, {0}, 0},
#else
        {NULL, NULL, 0, 1, {0}, 0},
#endif
        {"split only", m_split, 0, 0, {0}, 0},
        {"load to the value tree", m_load, 0, 0, {0}, 0},
        {"typed article", m_article, 0, 0, {0}, 0},
        {"load + emit", m_emit, 0, 0, {0}, 0},
        {"load + one edit + emit", m_edit, 0, 0, {0}, 0},
        {"load to the value tree (libyaml path)", m_load, slow, 1, {0}, 0},
        {"typed article (libyaml path)", m_article, slow, 1, {0}, 0},
        {"load + emit (libyaml path)", m_emit, slow, 1, {0}, 0},
        {"load + one edit + emit (libyaml path)", m_edit, slow, 1, {0}, 0},
    };
    measure m[sizeof all / sizeof all[0]];
    size_t n = 0, idx[sizeof all / sizeof all[0]];
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        if (all[k].fn && (!all[k].yaml_only || want_format == FM_FORMAT_YAML)) {
            idx[k] = n;
            m[n++] = all[k];
        }
    run_all(&c, m, n, rounds);
    double floor = want_format == FM_FORMAT_YAML ? m[idx[LIBYAML]].median : 0;
    for (size_t k = 0; k < n; k++)
        row(m[k].name, &c, m[k].median, floor);
#ifndef HAVE_LIBFYAML
    if (want_format == FM_FORMAT_YAML)
        printf("\nlibfyaml: skipped (not installed when configure ran; Debian: "
               "libfyaml-dev)\n");
#endif
    if (want_format == FM_FORMAT_YAML)
        ratios(label, floor, m[idx[ARTICLE]].median, m[idx[LOAD]].median,
               m[idx[EDIT]].median);
    for (size_t i = 0; i < c.count; i++)
        free(c.items[i].text);
    free(c.items);
    return 0;
}
