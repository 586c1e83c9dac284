/* SPDX-License-Identifier: MIT */
/* growth.c - load time and peak memory for front matter of 10 KB, 1 MB and
 * 10 MB in three shapes (one big list, one big mapping, one long string),
 * through the default loader and the libyaml path: time per KB should not
 * grow with the size. Each load runs in a child process for its own peak
 * memory, with the limits raised so that the sizes fit; times are the CPU
 * time of the loading thread (page faults included), the best of a few. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "fmatter.h"

typedef struct text {
    char *data;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        if (!t->data)
            exit(2);
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
}

/* A document whose front matter has about `size` bytes of the shape. */
static text make_doc(const char *shape, size_t size) {
    text t = {NULL, 0, 0};
    char line[64];
    put(&t, "---\n", 4);
    size_t start = t.len;
    if (strcmp(shape, "list") == 0) {
        put(&t, "items:\n", 7);
        for (unsigned i = 0; t.len - start < size; i++)
            put(&t, line, (size_t)snprintf(line, sizeof line, "  - item %u\n", i));
    } else if (strcmp(shape, "mapping") == 0) {
        for (unsigned i = 0; t.len - start < size; i++)
            put(&t, line, (size_t)snprintf(line, sizeof line, "key%u: value %u\n", i, i));
    } else {
        put(&t, "text: ", 6);
        for (unsigned i = 0; t.len - start < size; i++)
            put(&t, line, (size_t)snprintf(line, sizeof line, "%sword%u", i ? " " : "", i % 97));
        put(&t, "\n", 1);
    }
    put(&t, "---\nbody\n", 9);
    return t;
}

typedef struct job {
    const text *doc;
    unsigned options;
    int repeat;
    double seconds; /* per load, written by the child to a pipe */
    int pipe_fd;
} job;

static int load_child(void *arg) {
    job *j = arg;
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = FM_OPT_BORROW | j->options;
    cfg.max_scalar_length = (size_t)64 << 20;
    cfg.max_keys = (size_t)10 << 20;
    double best = 1e30;
    for (int r = 0; r < j->repeat; r++) {
        double start = bench_thread_cpu();
        fm_error err;
        fm_doc *doc = fm_doc_parse_config(j->doc->data, j->doc->len, &cfg, &err);
        double t = bench_thread_cpu() - start;
        if (!doc) {
            fprintf(stderr, "bench_growth: %s\n", err.message);
            return 1;
        }
        fm_doc_free(doc);
        if (t < best)
            best = t;
    }
    return write(j->pipe_fd, &best, sizeof best) == (ssize_t)sizeof best ? 0 : 1;
}

/* The fastest of `repeat` loads and the child's peak memory. */
static bench_run measure(const text *doc, unsigned options, int repeat, double *secs) {
    int fds[2];
    *secs = 0;
    if (pipe(fds) != 0)
        return (bench_run){0, 0, 0, -1};
    job j = {doc, options, repeat, 0, fds[1]};
    bench_run r = bench_in_child(load_child, &j);
    close(fds[1]);
    if (read(fds[0], secs, sizeof *secs) != (ssize_t)sizeof *secs)
        r.status = -1;
    close(fds[0]);
    return r;
}

int main(void) {
    static const char *const shapes[] = {"list", "mapping", "string"};
    static const char *const labels[] = {"one big list", "one big mapping",
                                         "one long string"};
    static const size_t sizes[] = {10 * 1000, 1000 * 1000, 10 * 1000 * 1000};
    printf("| front matter | size | load | µs per KB | peak RSS | libyaml path | µs per KB | "
           "peak RSS |\n|---|---|---|---|---|---|---|---|\n");
    for (size_t s = 0; s < 3; s++) {
        for (size_t z = 0; z < 3; z++) {
            text doc = make_doc(shapes[s], sizes[z]);
            int repeat = z == 0 ? 200 : z == 1 ? 5 : 2;
            double fast, slow;
            bench_run rf = measure(&doc, 0, repeat, &fast);
            bench_run rs = measure(&doc, FM_OPT_NO_FAST_PATH, repeat, &slow);
            double kb = (double)(doc.len - 17) / 1000.0; /* the front matter alone */
            printf("| %s | %.0f KB | %.3f ms | %.3f | %.1f MB | %.3f ms | %.3f | "
                   "%.1f MB |\n",
                   labels[s], kb, fast * 1e3, fast * 1e6 / kb, rf.rss_mb, slow * 1e3,
                   slow * 1e6 / kb, rs.rss_mb);
            if (rf.status != 0 || rs.status != 0)
                printf("| (a load above failed) | | | | | | | |\n");
            free(doc.data);
        }
    }
    return 0;
}
