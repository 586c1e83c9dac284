/* SPDX-License-Identifier: MIT */
/* gen.c - deterministic corpus generator for the benchmarks: N articles
 * shaped like examples/article.md (varied titles, dates, 0-10 tags,
 * summaries of varied length, bodies of 1-20 KB), written to a folder in
 * sub-folders of 1,000; with --toml, the same articles in TOML. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t state = 0x9E3779B97F4A7C15ULL;

static uint32_t next_random(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 11);
}

static unsigned pick(unsigned n) {
    return next_random() % n;
}

static const char *const words[] = {
    "mistral", "business", "summit", "model", "open", "weights", "europe", "startup",
    "revenue", "cluster", "inference", "partner", "defense", "banking", "assistant",
    "enterprise", "deploy", "custom", "interface", "frontier", "champion", "capital",
    "market", "growth", "data", "center", "energy", "policy", "research", "release",
    "product", "launch", "users", "mobile", "app", "download", "chat", "vision",
    "language", "action", "edge", "device", "latency", "voice", "vehicle", "manual"};
#define NWORDS (sizeof words / sizeof words[0])

static const char *const tag_names[] = {"techcrunch", "ai", "europe", "startups",
                                        "funding", "mistral", "llm", "policy",
                                        "enterprise", "mobile", "cloud", "chips"};

static void sentence(FILE *fp, unsigned n) {
    for (unsigned i = 0; i < n; i++) {
        const char *w = words[pick(NWORDS)];
        if (i == 0)
            fprintf(fp, "%c%s", w[0] - 'a' + 'A', w + 1);
        else
            fprintf(fp, " %s", w);
    }
    fputc('.', fp);
}

static int toml; /* write TOML front matter (+++) instead of YAML */

/* `key: ` or `key = ` */
static void key(FILE *fp, const char *name) {
    fprintf(fp, toml ? "%s = " : "%s: ", name);
}

/* A list of quoted strings: YAML block style, TOML arrays. */
static void string_list(FILE *fp, const char *name, const char *const *items, unsigned n) {
    if (toml) {
        fprintf(fp, "%s = [", name);
        for (unsigned i = 0; i < n; i++)
            fprintf(fp, "%s\"%s\"", i ? ", " : "", items[i]);
        fputs("]\n", fp);
        return;
    }
    fprintf(fp, "%s:%s\n", name, n ? "" : " []");
    for (unsigned i = 0; i < n; i++)
        fprintf(fp, "  - \"%s\"\n", items[i]);
}

static void front_matter(FILE *fp, unsigned id) {
    const char *fence = toml ? "+++" : "---";
    fprintf(fp, "%s\n", fence);
    key(fp, "title");
    fputc('"', fp);
    sentence(fp, 3 + pick(8));
    fprintf(fp, " (%u)\"\n", id);
    key(fp, "date");
    fprintf(fp, "\"%04u-%02u-%02u %02u:%02u:%02u\"\n", 2015 + pick(11), 1 + pick(12),
            1 + pick(28), pick(24), pick(60), pick(60));
    key(fp, "summary");
    fputc('"', fp);
    unsigned sentences = 1 + pick(6);
    for (unsigned s = 0; s < sentences; s++) {
        if (s)
            fputc(' ', fp);
        sentence(fp, 6 + pick(14));
    }
    fputs("\"\n", fp);
    static const char *const techcrunch[] = {"techcrunch"}, *const en[] = {"en"},
                             *const widgets[] = {"search", "recent", "taglist"};
    string_list(fp, "categories", techcrunch, 1);
    string_list(fp, "lang", en, 1);
    string_list(fp, "translations", en, 1);
    const char *tags[10];
    unsigned ntags = pick(11);
    for (unsigned t = 0; t < ntags; t++)
        tags[t] = tag_names[pick(sizeof tag_names / sizeof *tag_names)];
    string_list(fp, "tags", tags, ntags);
    static const char *const empty[] = {"menu", "thumbnail", "lead"};
    for (unsigned i = 0; i < 3; i++) {
        key(fp, empty[i]);
        fputs("\"\"\n", fp);
    }
    static const char *const flags[] = {"comments", "authorbox", "pager", "toc", "mathjax"};
    for (unsigned i = 0; i < 5; i++) {
        key(fp, flags[i]);
        fputs(i == 0 ? (pick(2) ? "true\n" : "false\n") : i == 2 ? "true\n" : "false\n",
              fp);
    }
    key(fp, "sidebar");
    fputs("\"right\"\n", fp);
    string_list(fp, "widgets", widgets, 3);
    fprintf(fp, "%s\n\n", fence);
}

static void body(FILE *fp) {
    long target = 1024 + (long)pick(19 * 1024), written = 0;
    while (written < target) {
        long start = ftell(fp);
        if (pick(8) == 0) {
            fprintf(fp, "## ");
            sentence(fp, 2 + pick(4));
        } else {
            unsigned n = 2 + pick(5);
            for (unsigned s = 0; s < n; s++) {
                if (s)
                    fputc(' ', fp);
                sentence(fp, 8 + pick(16));
            }
            if (pick(3) == 0)
                fprintf(fp, " See [%s](https://example.com/%u).", words[pick(NWORDS)],
                        pick(100000));
        }
        fputs("\n\n", fp);
        written += ftell(fp) - start;
    }
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[3], "--toml") == 0)
        toml = 1;
    else if (argc != 3) {
        fprintf(stderr, "usage: bench_gen COUNT FOLDER [--toml]\n");
        return 2;
    }
    unsigned count = (unsigned)strtoul(argv[1], NULL, 10);
    const char *dir = argv[2];
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }
    char path[4096];
    for (unsigned i = 0; i < count; i++) {
        if (i % 1000 == 0) {
            snprintf(path, sizeof path, "%s/%03u", dir, i / 1000);
            mkdir(path, 0755);
        }
        snprintf(path, sizeof path, "%s/%03u/article-%06u.md", dir, i / 1000, i);
        FILE *fp = fopen(path, "wb");
        if (!fp) {
            perror(path);
            return 1;
        }
        front_matter(fp, i);
        body(fp);
        if (fclose(fp) != 0) {
            perror(path);
            return 1;
        }
    }
    return 0;
}
