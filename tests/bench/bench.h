/* SPDX-License-Identifier: MIT */
/* bench.h - what the benchmark programs share: clocks, medians, running a
 * measure in a child process (for its own peak memory), the summary of
 * figures against their targets. Benchmarks are not tests: nothing passes
 * or fails on a timing. */
#ifndef FM_BENCH_H
#define FM_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the calling thread: what a measure in memory costs, not
 * counting the time other processes of a busy machine take the CPU. */
static inline double bench_thread_cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of n values (sorts them). */
static inline double bench_median(double *v, size_t n) {
    qsort(v, n, sizeof *v, bench_compare_double);
    return n ? (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) : 0;
}

/* What one run of a child cost: wall and CPU (user + system) seconds, peak
 * resident memory in MB, exit status. */
typedef struct bench_run {
    double wall, cpu, rss_mb;
    int status;
} bench_run;

static inline double bench_cpu(const struct rusage *ru) {
    return (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec * 1e-6 +
           (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec * 1e-6;
}

/* Runs fn(arg) in a child process and measures it; the child's exit status
 * is fn's return value. */
static inline bench_run bench_in_child(int (*fn)(void *), void *arg) {
    bench_run r = {0, 0, 0, -1};
    fflush(NULL);
    double start = bench_now();
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(arg));
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    if (pid > 0 && wait4(pid, &status, 0, &ru) == pid) {
        r.wall = bench_now() - start;
        r.cpu = bench_cpu(&ru);
        r.rss_mb = (double)ru.ru_maxrss / 1024.0;
        r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    }
    return r;
}

/* Appends one line to the summary of figures ($FM_BENCH_SUMMARY, when set):
 * figure, measured, target, and whether it is met. */
static inline void bench_summary(const char *figure, const char *measured,
                                 const char *target, int met) {
    const char *path = getenv("FM_BENCH_SUMMARY");
    FILE *fp = path && *path ? fopen(path, "a") : NULL;
    if (!fp)
        return;
    fprintf(fp, "| %s | %s | %s | %s |\n", figure, measured, target, met ? "met" : "not met");
    fclose(fp);
}

#endif
