/* SPDX-License-Identifier: MIT */
/* batch.c - many files at once: expands folders (sorted, recursive, globs),
 * hands files to worker threads, prints each file's output in input order
 * as soon as it and all before it are done, and draws a progress bar. */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"

static const char *default_include[] = {"*.md", "*.markdown", "*.mdown", "*.html", "*.htm"};

/* ===================================================================== */
/* Options                                                               */
/* ===================================================================== */

static int add_glob(const char ***list, size_t *count, const char *glob) {
    const char **l = realloc(*list, (*count + 1) * sizeof *l);
    if (!l)
        return -1;
    l[(*count)++] = glob;
    *list = l;
    return 1;
}

int batch_option(int argc, char **argv, int *i, batch_options *o) {
    const char *a = argv[*i];
    const char *value = NULL;
    if (strncmp(a, "-j", 2) == 0 && a[2] != '\0')
        value = a + 2;
    else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
             strcmp(a, "--include") == 0 || strcmp(a, "--exclude") == 0) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "fmatter: %s needs a value\n", a);
            return -1;
        }
        value = argv[++*i];
    } else if (strcmp(a, "--progress") == 0) {
        o->progress = 1;
        return 1;
    } else if (strcmp(a, "--no-progress") == 0) {
        o->progress = -1;
        return 1;
    } else {
        return 0;
    }
    if (strcmp(a, "--include") == 0)
        return add_glob(&o->include, &o->include_count, value);
    if (strcmp(a, "--exclude") == 0)
        return add_glob(&o->exclude, &o->exclude_count, value);
    char *end;
    long n = strtol(value, &end, 10);
    if (*end != '\0' || n < 1 || n > 1024) {
        fprintf(stderr, "fmatter: -j needs a number from 1 to 1024\n");
        return -1;
    }
    o->jobs = (int)n;
    return 1;
}

/* ===================================================================== */
/* Expanding folders                                                     */
/* ===================================================================== */

typedef struct file_list {
    char **paths;
    size_t count, cap;
} file_list;

static int push(file_list *l, const char *path) {
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return -1;
        l->paths = p;
        l->cap = cap;
    }
    l->paths[l->count] = strdup(path);
    return l->paths[l->count++] ? 0 : -1;
}

static int matches_any(const char *name, const char *path, const char **globs, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], name, 0) == 0 || fnmatch(globs[i], path, FNM_PATHNAME) == 0)
            return 1;
    return 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *dir, const batch_options *o, file_list *out);

/* One folder entry: a sub-folder to walk or a file to keep. */
static int visit(const char *dir, const char *name, const batch_options *o, file_list *out) {
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return 0;
    struct stat st;
    if (name[0] == '.' || stat(path, &st) != 0)
        return 0;
    if (matches_any(name, path, o->exclude, o->exclude_count))
        return 0;
    if (S_ISDIR(st.st_mode))
        return walk(path, o, out);
    if (!S_ISREG(st.st_mode))
        return 0;
    const char **inc = o->include_count ? o->include : default_include;
    size_t ninc = o->include_count ? o->include_count
                                   : sizeof default_include / sizeof default_include[0];
    return matches_any(name, path, inc, ninc) ? push(out, path) : 0;
}

/* 1 when a folder could not be read (reported), -1 when out of memory. */
static int walk(const char *dir, const batch_options *o, file_list *out) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: error: cannot read folder: %s\n", dir, strerror(errno));
        return 1;
    }
    file_list names = {0};
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL)
        rc = push(&names, e->d_name);
    closedir(d);
    if (names.count)
        qsort(names.paths, names.count, sizeof *names.paths, compare_names);
    int unreadable = 0;
    for (size_t i = 0; i < names.count; i++) {
        if (rc >= 0) {
            int r = visit(dir, names.paths[i], o, out);
            unreadable |= r == 1;
            rc = r < 0 ? -1 : 0;
        }
        free(names.paths[i]);
    }
    free(names.paths);
    return rc < 0 ? -1 : unreadable;
}

/* 0, 1 when a folder could not be read, -1 when out of memory. */
static int expand(char **paths, int count, const batch_options *o, file_list *out) {
    int unreadable = 0;
    for (int i = 0; i < count; i++) {
        struct stat st;
        int rc = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode) ? walk(paths[i], o, out)
                                                                  : push(out, paths[i]);
        if (rc < 0)
            return -1;
        unreadable |= rc == 1;
    }
    return unreadable;
}

/* ===================================================================== */
/* Workers                                                               */
/* ===================================================================== */

typedef struct slot {
    outbuf out, err;
    int status;
    int done;
} slot;

typedef struct pool {
    file_list *files;
    batch_fn fn;
    void *ctx;
    slot *slots;   /* a window of `window` files, indexed modulo window */
    size_t window;
    size_t next;   /* next file to hand out */
    size_t printed; /* files printed so far */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pool;

static void *worker(void *arg) {
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->next < p->files->count && p->next >= p->printed + p->window)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->next >= p->files->count)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        slot s = {{0}, {0}, 0, 1};
        s.status = p->fn(p->files->paths[i], p->ctx, &s.out, &s.err);
        pthread_mutex_lock(&p->lock);
        p->slots[i % p->window] = s;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void draw_progress(size_t done, size_t total, int final) {
    int width = 40, filled = total ? (int)((double)done / (double)total * width) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled,
            "========================================", width - filled, "", done, total);
    if (final)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prints finished files in order; returns the largest status. */
static int print_in_order(pool *p, int show_progress) {
    int status = EXIT_OK;
    double start = now_seconds(), last_draw = 0;
    int drawing = 0;
    pthread_mutex_lock(&p->lock);
    while (p->printed < p->files->count) {
        slot *s = &p->slots[p->printed % p->window];
        while (!s->done)
            pthread_cond_wait(&p->changed, &p->lock);
        slot done = *s;
        s->done = 0;
        p->printed++;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if (done.out.len)
            fwrite(done.out.data, 1, done.out.len, stdout);
        if (done.err.len || done.err.failed) {
            if (drawing)
                fputs("\r\033[K", stderr);
            fwrite(done.err.data, 1, done.err.len, stderr);
        }
        if (done.err.failed)
            fprintf(stderr, "%s: error: out of memory\n",
                    p->files->paths[p->printed - 1]);
        ob_free(&done.out);
        ob_free(&done.err);
        if (done.status > status)
            status = done.status;
        double t = now_seconds();
        if (show_progress && (show_progress > 0 || t - start > 1.0) && t - last_draw > 0.1) {
            draw_progress(p->printed, p->files->count, 0);
            drawing = 1;
            last_draw = t;
        }
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    if (drawing)
        draw_progress(p->printed, p->files->count, 1);
    return status;
}

static int default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int batch_run(char **paths, int count, const batch_options *o, batch_fn fn, void *ctx) {
    file_list files = {0};
    int listed = expand(paths, count, o, &files);
    if (listed < 0) {
        fprintf(stderr, "fmatter: out of memory listing files\n");
        return EXIT_USAGE;
    }
    int jobs = o->jobs > 0 ? o->jobs : default_jobs();
    if ((size_t)jobs > files.count)
        jobs = files.count ? (int)files.count : 1;
    pool p = {&files, fn, ctx, NULL, (size_t)jobs * 8 + 64, 0, 0,
              PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    p.slots = calloc(p.window, sizeof *p.slots);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    int status = EXIT_USAGE;
    if (!p.slots || !threads) {
        fprintf(stderr, "fmatter: out of memory\n");
    } else {
        int started = 0, rc = 0;
        while (started < jobs &&
               (rc = pthread_create(&threads[started], NULL, worker, &p)) == 0)
            started++;
        int show = o->progress < 0 ? 0 : o->progress > 0 ? 1 : isatty(2) ? -1 : 0;
        if (!started)
            fprintf(stderr, "fmatter: cannot start a thread: %s\n", strerror(rc));
        status = started ? print_in_order(&p, show > 0 ? 1 : show < 0 ? -1 : 0) : EXIT_USAGE;
        for (int t = 0; t < started; t++)
            pthread_join(threads[t], NULL);
    }
    for (size_t i = 0; i < files.count; i++)
        free(files.paths[i]);
    free(files.paths);
    free(p.slots);
    free(threads);
    return listed == 1 && status < EXIT_USAGE ? EXIT_USAGE : status;
}
