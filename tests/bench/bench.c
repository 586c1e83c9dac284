/* SPDX-License-Identifier: MIT */
/* bench.c - the C measures: split, load, typed article, load + emit,
 * load + edit + emit, and libyaml's bare event parse of the same front
 * matter blocks (the floor for anything built on libyaml). Each measure is
 * the median of repeated runs over all the files; prints a Markdown table.
 * --big N: every edit on documents of N keys or items, next to their load. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

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
} corpus;

/* ---------------------------------------------------------------- loading */

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
    fm_doc *doc = fm_doc_parse(text, (size_t)n, FM_OPT_BORROW, NULL);
    if (!doc || fm_doc_format(doc) != FM_FORMAT_YAML) {
        fm_doc_free(doc); /* only files whose YAML front matter loads */
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

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

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

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
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
        double start = now();
        fm_doc *doc = fm_doc_parse(text, len, 0, NULL);
        if (!doc)
            return -1;
        if (e != E_LOAD) {
            start = now();
            if (do_edit(doc, s, e) != 0) {
                fm_doc_free(doc);
                return -1;
            }
        }
        t[r] = (now() - start) * 1e3;
        fm_doc_free(doc);
    }
    qsort(t, (size_t)rounds, sizeof *t, compare_double);
    return t[rounds / 2];
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

/* Median seconds for one pass over the corpus. */
static double run(const corpus *c, measure_fn fn, int rounds) {
    double t[64];
    if (rounds > 64)
        rounds = 64;
    for (int r = 0; r < rounds; r++) {
        double start = now();
        for (int k = 0; k < repeat; k++)
            for (size_t i = 0; i < c->count; i++)
                fn(&c->items[i]);
        t[r] = (now() - start) / repeat;
    }
    qsort(t, (size_t)rounds, sizeof *t, compare_double);
    return t[rounds / 2];
}

static void row(const char *name, const corpus *c, double seconds, double floor) {
    double per = seconds / (double)c->count * 1e6;
    printf("| %s | %.2f | %.0f | %.1f | %.2f |\n", name, per, (double)c->count / seconds,
           (double)c->front_bytes / seconds / 1e6, floor > 0 ? seconds / floor : 1.0);
}

int main(int argc, char **argv) {
    int rounds = 7;
    size_t limit = SIZE_MAX;
    const char *tool = NULL, *tool_folder = NULL;
    size_t tool_files = 0;
    corpus c = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
            limit = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--big") == 0 && i + 1 < argc) {
            big_table((size_t)atol(argv[++i]), rounds);
            return 0;
        } else if (strcmp(argv[i], "--tool") == 0 && i + 3 < argc) {
            tool = argv[++i];
            tool_folder = argv[++i];
            tool_files = (size_t)atol(argv[++i]);
        } else
            add_path(&c, argv[i], limit);
    }
    if (tool) {
        printf("| command | throughput | time | peak RSS |\n|---|---|---|---|\n");
        for (int jobs = 1; jobs <= 2; jobs++) {
            char j[16];
            snprintf(j, sizeof j, "-j%d", jobs);
            fflush(stdout); /* else the child's freopen writes our buffer again */
            double start = now();
            pid_t pid = fork();
            if (pid == 0) {
                if (!freopen("/dev/null", "w", stdout) ||
                    !freopen("/dev/null", "w", stderr))
                    _exit(127);
                execl(tool, tool, "check", j, "--no-progress", tool_folder, (char *)NULL);
                _exit(127);
            }
            int status;
            struct rusage ru;
            wait4(pid, &status, 0, &ru);
            double secs = now() - start;
            printf(
                "| fmatter check -j%d (%zu files) | %.0f files/s | %.2f s | %.1f MB |\n",
                jobs, tool_files, (double)tool_files / secs, secs,
                (double)ru.ru_maxrss / 1024.0);
        }
        return 0;
    }
    if (c.count == 0) {
        fprintf(stderr,
                "usage: bench_c [--rounds N] [--repeat N] [--limit N] FILE|FOLDER...\n"
                "       bench_c [--rounds N] --big NKEYS\n"
                "       bench_c --tool FMATTER FOLDER NFILES\n");
        return 2;
    }
    printf("%zu articles, %.1f MB in all, %.2f MB of front matter, median of %d runs\n\n",
           c.count, (double)c.bytes / 1e6, (double)c.front_bytes / 1e6, rounds);
    printf("| measure | µs/article | articles/s | MB/s (front matter) | × libyaml |\n");
    printf("|---|---|---|---|---|\n");
    double floor = run(&c, m_libyaml, rounds);
    row("libyaml bare event parse", &c, floor, floor);
    row("split only", &c, run(&c, m_split, rounds), floor);
    static const struct {
        const char *name;
        measure_fn fn;
    } measures[] = {{"load to the value tree", m_load},
                    {"typed article", m_article},
                    {"load + emit", m_emit},
                    {"load + one edit + emit", m_edit}};
    for (int path = 0; path < 2; path++) {
        load_options = path ? FM_OPT_NO_FAST_PATH : 0;
        for (size_t m = 0; m < sizeof measures / sizeof measures[0]; m++) {
            char name[96];
            snprintf(name, sizeof name, "%s%s", measures[m].name,
                     path ? " (libyaml path)" : "");
            row(name, &c, run(&c, measures[m].fn, rounds), floor);
        }
    }
    for (size_t i = 0; i < c.count; i++)
        free(c.items[i].text);
    free(c.items);
    return 0;
}
