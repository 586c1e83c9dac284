/* SPDX-License-Identifier: MIT */
/* loaders.c - which loader took each file of a corpus: the YAML fast path,
 * libyaml (the fast path gave up), the JSON loader, none (no front matter),
 * or none because the file does not load. Linked with the library's objects
 * (like tests/check_fast) to call fmp_load_fast. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "private.h"

#include "../readfile.h"
#include "bench.h"

typedef struct counts {
    size_t files, fast, libyaml, json, toml, none, failed;
} counts;

static void classify(const char *s, size_t len, counts *c) {
    fm_config cfg;
    fm_config_init(&cfg);
    fm_error err;
    fm_parts parts;
    c->files++;
    if (fm_split(s, len, 0, &parts, NULL) == 0 && parts.format == FM_FORMAT_TOML) {
        c->toml++; /* whether its loader exists yet or not */
        return;
    }
    fmp_snap *snap = fmp_snap_parse(s, len, FMP_TEXT_BORROW, &cfg, &err);
    if (!snap) {
        c->failed++;
        return;
    }
    switch (snap->parts.format) {
    case FM_FORMAT_NONE:
        c->none++;
        break;
    case FM_FORMAT_JSON:
        c->json++;
        break;
    case FM_FORMAT_TOML:
    case FM_FORMAT_YAML:
        snap->root = NULL; /* the same text again, fast path only */
        if (fmp_load_fast(snap, &cfg, &err) == 0)
            c->fast++;
        else
            c->libyaml++;
        break;
    }
    fmp_snap_release(snap);
}

static void walk(const char *path, counts *c) {
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (S_ISREG(st.st_mode)) {
        size_t len;
        char *s = fm_read_file(path, &len);
        if (s)
            classify(s, len, c);
        free(s);
        return;
    }
    DIR *d = S_ISDIR(st.st_mode) ? opendir(path) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char child[4096];
        if (e->d_name[0] != '.' &&
            (size_t)snprintf(child, sizeof child, "%s/%s", path, e->d_name) < sizeof child)
            walk(child, c);
    }
    if (d)
        closedir(d);
}

static double pct(size_t n, size_t of) {
    return of ? 100.0 * (double)n / (double)of : 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_loaders [--target] LABEL FILE|FOLDER...\n");
        return 2;
    }
    int target = strcmp(argv[1], "--target") == 0;
    const char *label = argv[1 + target];
    counts c = {0};
    for (int i = 2 + target; i < argc; i++)
        walk(argv[i], &c);
    size_t yaml = c.fast + c.libyaml;
    printf("| %s | %zu | %zu (%.1f%% of YAML) | %zu | %zu | %zu | %zu | %zu |\n", label,
           c.files, c.fast, pct(c.fast, yaml), c.libyaml, c.json, c.toml, c.none, c.failed);
    if (target) {
        char measured[64], figure[160];
        snprintf(measured, sizeof measured, "%.1f%% (%zu of %zu)", pct(c.fast, yaml), c.fast,
                 yaml);
        snprintf(figure, sizeof figure, "fast path share of the YAML files, %s", label);
        bench_summary(figure, measured, ">= 99%", 100 * c.fast >= 99 * yaml);
    }
    return 0;
}
