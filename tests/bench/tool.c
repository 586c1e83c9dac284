/* SPDX-License-Identifier: MIT */
/* tool.c - the whole process against the floor: a child that only opens,
 * reads and closes every listed file, then `fmatter check` and `fmatter
 * json` (its output to a file) with one and two threads over the same
 * files, runs interleaved, medians of wall and CPU time, peak memory. Each
 * json run writes a new file (the last run's is removed before the timing). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

typedef struct list {
    char **paths;
    size_t count;
} list;

/* The paths of a file holding one per line. */
static list read_list(const char *path) {
    list l = {NULL, 0};
    FILE *fp = fopen(path, "r");
    char line[4096];
    size_t cap = 0;
    while (fp && fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0])
            continue;
        if (l.count == cap) {
            cap = cap ? 2 * cap : 1024;
            char **p = realloc(l.paths, cap * sizeof *p);
            if (!p)
                break;
            l.paths = p;
        }
        l.paths[l.count++] = strdup(line);
    }
    if (fp)
        fclose(fp);
    return l;
}

/* The floor: open, read to the end, close, for every file. */
static int floor_child(void *arg) {
    const list *l = arg;
    static char buf[1 << 20];
    size_t bytes = 0;
    for (size_t i = 0; i < l->count; i++) {
        int fd = open(l->paths[i], O_RDONLY);
        if (fd < 0)
            return 1;
        ssize_t r;
        while ((r = read(fd, buf, sizeof buf)) > 0)
            bytes += (size_t)r;
        close(fd);
    }
    return bytes > 0 ? 0 : 1;
}

typedef struct command {
    const char *tool, *verb, *jobs, *folder, *out; /* out NULL: /dev/null */
} command;

static int tool_child(void *arg) {
    const command *c = arg;
    int fd = open(c->out ? c->out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_WRONLY);
    if (fd < 0 || null < 0 || dup2(fd, 1) < 0 || dup2(null, 2) < 0)
        return 127;
    execl(c->tool, c->tool, c->verb, c->jobs, "--no-progress", c->folder, (char *)NULL);
    return 127;
}

#define MAX_ROUNDS 32

typedef struct series {
    const char *name;
    double wall[MAX_ROUNDS], cpu[MAX_ROUNDS], rss;
    int failed;
} series;

static void record(series *s, int round, bench_run r) {
    s->wall[round] = r.wall;
    s->cpu[round] = r.cpu;
    if (r.rss_mb > s->rss)
        s->rss = r.rss_mb;
    s->failed |= r.status != 0;
}

/* One round of every command, the floor first. An output file left by the
 * round before is removed first, outside the timed child: truncating tens of
 * MB (and the write-back of what they still held) is the shell's cost before
 * the program starts, and it landed on whichever command ran next. */
static void run_round(series *s, size_t n, const list *l, const command *cmds, int round) {
    record(&s[0], round, bench_in_child(floor_child, (void *)l));
    for (size_t k = 1; k < n; k++) {
        if (cmds[k - 1].out)
            unlink(cmds[k - 1].out);
        record(&s[k], round, bench_in_child(tool_child, (void *)&cmds[k - 1]));
    }
}

static void summary_ratio(const char *figure, double value, const char *target,
                          int met) {
    char measured[64];
    snprintf(measured, sizeof measured, "%.2fx", value);
    bench_summary(figure, measured, target, met);
}

/* floor, check -j1, check -j2, json -j1 > file, json -j2 > file. */
static int compare(const char *tool, const char *list_path, const char *folder, int rounds,
                   const char *outdir) {
    list l = read_list(list_path);
    if (l.count == 0) {
        fprintf(stderr, "bench_tool: no files in %s\n", list_path);
        return 2;
    }
    char json1[4096], json2[4096];
    snprintf(json1, sizeof json1, "%s/json-j1.out", outdir);
    snprintf(json2, sizeof json2, "%s/json-j2.out", outdir);
    command cmds[] = {{tool, "check", "-j1", folder, NULL},
                      {tool, "check", "-j2", folder, NULL},
                      {tool, "json", "-j1", folder, json1},
                      {tool, "json", "-j2", folder, json2}};
    series s[5] = {{"floor: open, read, close each file", {0}, {0}, 0, 0},
                   {"fmatter check -j1", {0}, {0}, 0, 0},
                   {"fmatter check -j2", {0}, {0}, 0, 0},
                   {"fmatter json -j1 > file", {0}, {0}, 0, 0},
                   {"fmatter json -j2 > file", {0}, {0}, 0, 0}};
    if (rounds > MAX_ROUNDS)
        rounds = MAX_ROUNDS;
    for (int r = 0; r < rounds; r++)
        run_round(s, 5, &l, cmds, r);
    double wall[5], cpu[5];
    for (int k = 0; k < 5; k++) {
        wall[k] = bench_median(s[k].wall, (size_t)rounds);
        cpu[k] = bench_median(s[k].cpu, (size_t)rounds);
    }
    printf("%zu files, median of %d interleaved runs\n\n", l.count, rounds);
    printf("| command | wall s | single runs (wall s) | CPU s | × floor (wall) | "
           "× floor (CPU) | files/s | peak RSS |\n|---|---|---|---|---|---|---|---|\n");
    for (int k = 0; k < 5; k++) {
        double lo = s[k].wall[0], hi = s[k].wall[0];
        for (int r = 1; r < rounds; r++) {
            lo = s[k].wall[r] < lo ? s[k].wall[r] : lo;
            hi = s[k].wall[r] > hi ? s[k].wall[r] : hi;
        }
        printf("| %s%s | %.3f | %.3f to %.3f | %.3f | %.2f | %.2f | %.0f | %.1f MB |\n",
               s[k].name, s[k].failed ? " (failed)" : "", wall[k], lo, hi, cpu[k],
               wall[k] / wall[0], cpu[k] / cpu[0], (double)l.count / wall[k], s[k].rss);
    }
    double check_ratio = wall[1] / wall[0], json_ratio = wall[3] / wall[0];
    double check_speedup = wall[1] / wall[2], json_speedup = wall[3] / wall[4];
    printf("\ncheck -j1: %.2fx the floor (target: at most 1.5x, %s); json -j1 to a file: "
           "%.2fx (%s).\n-j2 over -j1 on %ld cores: check %.2fx faster, json %.2fx "
           "(target: at least 1.7x, %s, %s).\n",
           check_ratio, check_ratio <= 1.5 ? "met" : "not met", json_ratio,
           json_ratio <= 1.5 ? "met" : "not met", sysconf(_SC_NPROCESSORS_ONLN),
           check_speedup, json_speedup, check_speedup >= 1.7 ? "met" : "not met",
           json_speedup >= 1.7 ? "met" : "not met");
    char figure[200];
    snprintf(figure, sizeof figure, "fmatter check -j1 vs the floor, %zu files (wall)",
             l.count);
    summary_ratio(figure, check_ratio, "<= 1.5x", check_ratio <= 1.5);
    snprintf(figure, sizeof figure, "fmatter json -j1 > file vs the floor, %zu files (wall)",
             l.count);
    summary_ratio(figure, json_ratio, "<= 1.5x", json_ratio <= 1.5);
    snprintf(figure, sizeof figure, "check -j2 speedup over -j1 (%ld cores)",
             sysconf(_SC_NPROCESSORS_ONLN));
    summary_ratio(figure, check_speedup, ">= 1.7x", check_speedup >= 1.7);
    snprintf(figure, sizeof figure, "json -j2 speedup over -j1 (%ld cores)",
             sysconf(_SC_NPROCESSORS_ONLN));
    summary_ratio(figure, json_speedup, ">= 1.7x", json_speedup >= 1.7);
    return 0;
}

/* Per-file time of the floor and of check -j1 at growing numbers of files. */
static int growth(const char *tool, int rounds, int argc, char **argv) {
    printf("| files | floor µs/file | check -j1 µs/file | × floor | check -j2 µs/file | "
           "peak RSS (check -j1) |\n|---|---|---|---|---|---|\n");
    for (int i = 0; i + 1 < argc; i += 2) {
        list l = read_list(argv[i]);
        if (l.count == 0)
            continue;
        command cmds[] = {{tool, "check", "-j1", argv[i + 1], NULL},
                          {tool, "check", "-j2", argv[i + 1], NULL}};
        series s[3] = {{"floor", {0}, {0}, 0, 0},
                       {"check -j1", {0}, {0}, 0, 0},
                       {"check -j2", {0}, {0}, 0, 0}};
        int n = rounds > MAX_ROUNDS ? MAX_ROUNDS : rounds;
        for (int r = 0; r < n; r++)
            run_round(s, 3, &l, cmds, r);
        double f = bench_median(s[0].wall, (size_t)n) / (double)l.count * 1e6;
        double c1 = bench_median(s[1].wall, (size_t)n) / (double)l.count * 1e6;
        double c2 = bench_median(s[2].wall, (size_t)n) / (double)l.count * 1e6;
        printf("| %zu | %.2f | %.2f | %.2f | %.2f | %.1f MB |\n", l.count, f, c1, c1 / f, c2,
               s[1].rss);
        for (size_t k = 0; k < l.count; k++)
            free(l.paths[k]);
        free(l.paths);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 7 && strcmp(argv[1], "--compare") == 0)
        return compare(argv[2], argv[3], argv[4], atoi(argv[5]), argv[6]);
    if (argc >= 6 && strcmp(argv[1], "--growth") == 0)
        return growth(argv[2], atoi(argv[3]), argc - 4, argv + 4);
    fprintf(stderr, "usage: bench_tool --compare FMATTER LIST FOLDER ROUNDS OUTDIR\n"
                    "       bench_tool --growth FMATTER ROUNDS LIST FOLDER [LIST FOLDER]...\n");
    return 2;
}
