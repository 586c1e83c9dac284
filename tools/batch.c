/* SPDX-License-Identifier: MIT */
/* batch.c - many files at once: expands folders (sorted, recursive, globs,
 * each file once if asked), loads the files with fm_load_many, prints each
 * file's output in input order as soon as it and all before it are done,
 * counts how each came out, and draws a progress bar. */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <stdio_ext.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "batch_out.h"
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

/* A list of files (malloc'd copies of their paths); lock is held while
 * paths moves: workers read it while the walk adds to it. */
typedef struct batch_files {
    char **paths;
    size_t count, cap;
    pthread_mutex_t lock;
} batch_files;

static int push(batch_files *l, const char *path) {
    if (l->count == l->cap) {
        pthread_mutex_lock(&l->lock);
        char **p = grow_array(l->paths, &l->cap, l->count + 1, sizeof *p, 256);
        if (p)
            l->paths = p;
        pthread_mutex_unlock(&l->lock);
        if (!p)
            return -1;
    }
    l->paths[l->count] = strdup(path);
    return l->paths[l->count++] ? 0 : -1;
}

static void batch_files_free(batch_files *files) {
    for (size_t i = 0; i < files->count; i++)
        free(files->paths[i]);
    free(files->paths);
    files->paths = NULL;
    files->count = files->cap = 0;
}

/* fnmatch(glob, name, 0) || fnmatch(glob, path, FNM_PATHNAME), without
 * fnmatch for the common `*.suffix`: its star cannot match the slashes of
 * path, and it matches name when name ends with the suffix. */
static int glob_matches(const char *glob, const char *name, const char *path) {
    if (glob[0] == '*' && !strpbrk(glob + 1, "*?[\\")) {
        size_t n = strlen(name), k = strlen(glob + 1);
        return n >= k && memcmp(name + n - k, glob + 1, k) == 0;
    }
    return fnmatch(glob, name, 0) == 0 || fnmatch(glob, path, FNM_PATHNAME) == 0;
}

static int matches_any(const char *name, const char *path, const char **globs, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (glob_matches(globs[i], name, path))
            return 1;
    return 0;
}

/* A folder's entries: each name NUL-terminated in one pool, after a byte
 * holding what readdir says it is (DT_*), and the names sorted. One
 * allocation for the names of a folder, not one each; an array of
 * pointers, which qsort moves as words. */
typedef struct entries {
    char *pool;
    char **names; /* into pool; names[i][-1] is the type */
    size_t count;
} entries;

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A walk in sorted order that can stop after some files and go on later.
 * It lists the files named by the paths given: a file as given ("-"
 * included), a folder walked recursively in sorted order, keeping the files
 * that match an include glob and skipping whatever matches an exclude glob
 * (on its name or its path) and names starting with a dot. The stack holds
 * the folders being walked, deepest last. */
typedef struct frame {
    char *dir;
    entries e;
    size_t next; /* the entry to visit next */
} frame;

typedef struct walker {
    char **paths; /* the paths given */
    int count;
    int arg;      /* the next of them */
    const batch_options *o;
    batch_files *out;
    frame *stack;
    size_t depth, cap;
    int unreadable; /* a folder could not be read */
} walker;

/* The type of a folder entry: readdir's, or stat's (which follows links)
 * when readdir does not know or the entry is a link. */
static unsigned char entry_type(const char *path, unsigned char type) {
    struct stat st;
    if (type != DT_UNKNOWN && type != DT_LNK)
        return type;
    if (stat(path, &st) != 0)
        return DT_UNKNOWN;
    return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
}

/* The entries of an open folder, sorted by name; -1 when out of memory. */
static int read_entries(DIR *d, entries *e) {
    outbuf pool = {0};
    size_t n = 0;
    struct dirent *de;
    e->names = NULL;
    while ((de = readdir(d)) != NULL) {
        char type = (char)de->d_type;
        ob_write(&pool, &type, 1);
        ob_write(&pool, de->d_name, strlen(de->d_name) + 1);
        if (pool.failed)
            break;
        n++;
    }
    e->pool = pool.data;
    e->names = de ? NULL : malloc((n ? n : 1) * sizeof *e->names);
    if (!e->names) { /* out of memory */
        ob_free(&pool);
        return -1;
    }
    for (size_t i = 0, at = 0; i < n; i++) { /* the pool moves no more */
        e->names[i] = pool.data + at + 1;
        at += strlen(e->names[i]) + 2;
    }
    if (n)
        qsort(e->names, n, sizeof *e->names, compare_names);
    e->count = n;
    return 0;
}

/* Opens folder dir for the walk (its entries read, sorted, on top of the
 * stack). 0; 1 when it could not be read (reported); -1 out of memory. */
static int enter(walker *w, const char *dir) {
    if (w->depth == w->cap) {
        frame *st = grow_array(w->stack, &w->cap, w->depth + 1, sizeof *st, 16);
        if (!st)
            return -1;
        w->stack = st;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: error: cannot read folder: %s\n", dir, strerror(errno));
        return 1;
    }
    frame *f = &w->stack[w->depth];
    int listed = read_entries(d, &f->e);
    closedir(d);
    f->dir = listed == 0 ? strdup(dir) : NULL;
    if (!f->dir) {
        if (listed == 0) {
            free(f->e.names);
            free(f->e.pool);
        }
        return -1;
    }
    f->next = 0;
    w->depth++;
    return 0;
}

static void leave(walker *w) {
    frame *f = &w->stack[--w->depth];
    free(f->e.names);
    free(f->e.pool);
    free(f->dir);
}

/* One folder entry (name, and type as readdir says): a sub-folder to enter
 * or a file to keep. */
static int visit(walker *w, const char *dir, const char *name, unsigned char type) {
    const batch_options *o = w->o;
    char path[4096];
    size_t dlen = strlen(dir), nlen = strlen(name);
    if (name[0] == '.' || dlen + nlen + 2 > sizeof path)
        return 0;
    memcpy(path, dir, dlen); /* dir/name, without snprintf's cost per file */
    path[dlen] = '/';
    memcpy(path + dlen + 1, name, nlen + 1);
    if (matches_any(name, path, o->exclude, o->exclude_count))
        return 0;
    type = entry_type(path, type);
    if (type == DT_DIR)
        return enter(w, path);
    if (type != DT_REG)
        return 0;
    const char **inc = o->include_count ? o->include : default_include;
    size_t ninc = o->include_count ? o->include_count
                                   : sizeof default_include / sizeof default_include[0];
    return matches_any(name, path, inc, ninc) ? push(w->out, path) : 0;
}

/* The next step of the walk: an entry of the deepest folder open, or the
 * next path given. 0 on; 1 when the walk is over; -1 out of memory. */
static int walk_step(walker *w) {
    int rc;
    if (w->depth > 0) {
        frame *f = &w->stack[w->depth - 1];
        if (f->next == f->e.count) {
            leave(w);
            return 0;
        }
        const char *name = f->e.names[f->next++];
        rc = visit(w, f->dir, name, (unsigned char)name[-1]);
    } else if (w->arg < w->count) {
        struct stat st;
        const char *p = w->paths[w->arg++];
        rc = strcmp(p, "-") != 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode)
                 ? enter(w, p)
                 : push(w->out, p);
    } else {
        return 1;
    }
    if (rc < 0)
        return -1;
    w->unreadable |= rc == 1;
    return 0;
}

/* Walks until at least `want` more files are listed or the walk is over
 * (returns 1 then); -1 when out of memory. */
static int walk_some(walker *w, size_t want) {
    size_t until = w->out->count + want;
    int rc = 0;
    while (rc == 0 && w->out->count < until)
        rc = walk_step(w);
    return rc;
}

static void walker_free(walker *w) {
    while (w->depth > 0)
        leave(w);
    free(w->stack);
}

/* A listed file's identity, for keeping each file once. */
typedef struct file_id {
    dev_t dev;
    ino_t ino;
    size_t index; /* its place in the list */
    int known;    /* stat succeeded ("-" and missing files are never merged) */
} file_id;

static int compare_ids(const void *a, const void *b) {
    const file_id *x = a, *y = b;
    if (x->known != y->known)
        return x->known - y->known;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Drops the names of files listed before, from `from` on: the files sorted
 * by identity (then place), every one but the first of a run of equals is
 * marked, and the list is compacted in order. -1 when out of memory. */
static int drop_repeats(batch_files *l, size_t from) {
    size_t n = l->count - from;
    file_id *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        const char *p = l->paths[from + i];
        ids[i].index = from + i;
        ids[i].known = strcmp(p, "-") != 0 && stat(p, &st) == 0;
        ids[i].dev = ids[i].known ? st.st_dev : 0;
        ids[i].ino = ids[i].known ? st.st_ino : 0;
    }
    qsort(ids, n, sizeof *ids, compare_ids);
    for (size_t i = 1; i < n; i++)
        if (ids[i].known && ids[i - 1].known && ids[i].dev == ids[i - 1].dev &&
            ids[i].ino == ids[i - 1].ino) {
            free(l->paths[ids[i].index]);
            l->paths[ids[i].index] = NULL;
        }
    free(ids);
    size_t kept = from;
    for (size_t i = from; i < l->count; i++)
        if (l->paths[i])
            l->paths[kept++] = l->paths[i];
    l->count = kept;
    return 0;
}

/* ===================================================================== */
/* Loading and printing in order                                         */
/* ===================================================================== */

/* Files listed per call of more_files: the walk goes on while the threads
 * load what it listed before. */
#define WALK_CHUNK 128

/* A line of bytes between what the workers read for every file and what
 * the calling thread writes for every file: sharing a cache line, the two
 * cores would pass it back and forth file after file. */
#define CACHE_LINE 64

typedef struct run {
    char before[CACHE_LINE];
    /* Read by the workers: set before fm_load_many starts, stdin_* before
     * "-" is handed to it. */
    batch_files *files; /* a worker reads it only for a file that did not load */
    batch_tally_fn fn;
    void *ctx;
    batch_out *out;     /* the files' standard output */
    bool stdin_failed;  /* then "-" stands for an empty text, and stdin_err says why */
    fm_error stdin_err;
    char apart[CACHE_LINE];
    /* The calling thread's. */
    walker *walk;
    bool walking;        /* the walk is not over: files' messages wait in held */
    int listed;          /* 0; 1 when a folder could not be read; -1 out of memory */
    outbuf held;         /* files' messages while folders' may still come */
    fm_load_item *chunk; /* the items more_files gives */
    size_t chunk_cap;
    char *stdin_text;    /* standard input, read once for "-" */
    size_t stdin_len;
    batch_tally *tally;
    int status;        /* the largest so far */
    size_t printed;
    int show_progress; /* 1 always, -1 after a second, 0 never */
    int drawing;
    double start, last_draw;
} run;

/* What a worker leaves for the printing of one file (fm_load_result.user). */
typedef struct item_out {
    outbuf out, err;
    int status;
    batch_outcome outcome;
} item_out;

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

/* In a worker: the command's work on one loaded file. */
static void work_one(fm_load_result *r, void *ud) {
    run *b = ud;
    item_out *io = r->user;
    /* The path as given: the document's copy of it, else (a file that did
     * not load, standard input) the list's, which the walk may be moving. */
    const char *path = fm_doc_path(r->doc);
    if (!path) {
        pthread_mutex_lock(&b->files->lock);
        path = b->files->paths[r->index];
        pthread_mutex_unlock(&b->files->lock);
    }
    /* stdin_failed is set before "-" is handed to fm_load_many. */
    if (strcmp(path, "-") == 0 && b->stdin_failed) { /* an empty stand-in was loaded */
        fm_doc_free(r->doc);
        r->doc = NULL;
        r->error = b->stdin_err;
    }
    io->outcome = BATCH_UNCHANGED;
    batch_out_take(b->out, r->worker, &io->out);
    io->status = b->fn(path, r->doc, &r->error, b->ctx, &io->out, &io->err, &io->outcome);
    batch_out_keep_empty(b->out, r->worker, &io->out);
    if (io->out.failed || io->err.failed) {
        io->status = EXIT_USAGE;
        io->outcome = BATCH_FAILED;
    }
    fm_doc_free(r->doc);
    r->doc = NULL;
}

/* Writes a file's messages to stderr; while the walk goes on they wait,
 * so that the folders' come first as when everything was listed first. */
static void print_err(run *b, const char *data, size_t len) {
    if (b->walking) {
        ob_write(&b->held, data, len);
        return;
    }
    if (b->drawing)
        fputs("\r\033[K", stderr);
    fwrite(data, 1, len, stderr);
}

/* On the calling thread, in input order: prints a file's output. */
static void print_one(fm_load_result *r, void *ud) {
    run *b = ud;
    item_out *io = r->user;
    batch_out_write(b->out, r->worker, &io->out);
    if (io->err.len)
        print_err(b, io->err.data, io->err.len);
    if (io->err.failed) { /* not even its error message could be written */
        char line[4200];
        int n = snprintf(line, sizeof line, "%s: error: out of memory\n",
                         b->files->paths[r->index]);
        print_err(b, line, n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    ob_free(&io->err);
    if (io->status > b->status)
        b->status = io->status;
    b->tally->files[io->outcome]++;
    b->printed++;
    if (b->show_progress && !b->walking) {
        double t = now_seconds();
        if ((b->show_progress > 0 || t - b->start > 1.0) && t - b->last_draw > 0.1) {
            draw_progress(b->printed, b->files->count, 0);
            b->drawing = 1;
            b->last_draw = t;
        }
    }
}

/* glibc gives memory freed at the top of a heap back to the system as soon
 * as 128 KB are free there, and takes it again, page fault by page fault,
 * with the next files: with two threads loading, writing and freeing, that
 * was some 4,000 page faults more over 20,000 files than with one, and 8%
 * more CPU time. A batch keeps up to 16 MB of it (it holds a few MB at
 * most). */
static void keep_freed_memory(void) {
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

/* Output to a file or a pipe in large writes: 64 KB, not stdio's 4 KB
 * (glibc ignores the size unless it is given the buffer). Static: stdout
 * keeps it until the process ends; one batch runs per process. Returns the
 * size of the blocks stdio writes then (for batch_out), 0 when the bytes are
 * to go through stdio (a terminal, stdout holding bytes already). */
static size_t stdout_block(void) {
    static char stdout_buffer[(size_t)1 << 16];
    if (isatty(1) || setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer) != 0)
        return 0;
#ifdef __GLIBC__ /* whose full buffer is written as batch_out writes it */
    return __fpending(stdout) == 0 ? sizeof stdout_buffer : 0;
#else
    return 0;
#endif
}

/* The walk is over: the files' messages held so far go out. */
static void end_walk(run *b) {
    b->walking = false;
    if (b->held.len)
        fwrite(b->held.data, 1, b->held.len, stderr);
    if (b->held.failed)
        fputs("fmatter: out of memory holding messages\n", stderr);
    ob_free(&b->held);
}

/* The files from paths[from] on as items; standard input read once, for
 * "-". NULL when out of memory. */
static fm_load_item *make_items(run *b, size_t from) {
    size_t n = b->files->count - from;
    if (n == 0) /* a walk that ends with no further file */
        return b->chunk ? b->chunk : (b->chunk = malloc(sizeof *b->chunk));
    if (n > b->chunk_cap) {
        fm_load_item *c = realloc(b->chunk, n * sizeof *c);
        if (!c)
            return NULL;
        b->chunk = c;
        b->chunk_cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        const char *p = b->files->paths[from + i];
        fm_load_item *it = &b->chunk[i];
        *it = (fm_load_item){p, NULL, 0};
        if (strcmp(p, "-") != 0)
            continue;
        if (!b->stdin_text && !b->stdin_failed)
            b->stdin_failed = !(b->stdin_text = tool_read_stdin(&b->stdin_len, &b->stdin_err));
        *it = (fm_load_item){NULL, b->stdin_failed ? "" : b->stdin_text,
                             b->stdin_failed ? 0 : b->stdin_len};
    }
    return b->chunk;
}

/* fm_load_options.more: the next files of the walk (all of them at once
 * when each file is kept once: that needs the whole list). */
static const fm_load_item *more_files(size_t *count, void *ud) {
    run *b = ud;
    *count = 0;
    if (!b->walking)
        return NULL;
    size_t from = b->files->count;
    int rc = 0;
    if (b->walk->o->unique) {
        while (rc == 0)
            rc = walk_step(b->walk);
        if (rc > 0 && drop_repeats(b->files, 0) != 0)
            rc = -1;
    } else {
        rc = walk_some(b->walk, WALK_CHUNK);
    }
    fm_load_item *items = rc < 0 ? NULL : make_items(b, from);
    if (!items)
        b->listed = -1;
    else if (rc > 0)
        b->listed = b->walk->unreadable;
    if (!items || rc > 0)
        end_walk(b);
    *count = items ? b->files->count - from : 0;
    return items;
}

int batch_run_tally(char **paths, int count, const batch_options *o, batch_tally_fn fn,
                    void *ctx, batch_tally *tally) {
    batch_files files = {0};
    pthread_mutex_init(&files.lock, NULL);
    walker w = {.paths = paths, .count = count, .o = o, .out = &files};
    memset(tally, 0, sizeof *tally);
    keep_freed_memory();
    int show = o->progress < 0 ? 0 : o->progress > 0 ? 1 : isatty(2) ? -1 : 0;
    run b = {.files = &files,
             .walk = &w,
             .walking = true,
             .fn = fn,
             .ctx = ctx,
             .tally = tally,
             .status = EXIT_OK,
             .show_progress = show,
             .start = now_seconds()};
    size_t block = stdout_block();
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = o->load_options;
    fm_load_options lo;
    fm_load_options_init(&lo);
    lo.threads = o->jobs > 0 ? (unsigned)o->jobs : 0;
    lo.config = &cfg;
    lo.work = work_one;
    lo.done = print_one;
    lo.more = more_files;
    lo.user_size = sizeof(item_out);
    lo.ud = &b;
    /* a pool of output buffers for every thread fm_load_many may run */
    b.out = batch_out_new(fm_load_threads(&lo), block);
    fm_error err;
    if (fm_load_many(NULL, 0, &lo, NULL, &err) != 0) {
        fprintf(stderr, "fmatter: %s\n", err.message);
        b.status = EXIT_USAGE;
    }
    batch_out_end(b.out);
    if (b.walking) /* fm_load_many could not start */
        end_walk(&b);
    if (b.listed < 0) {
        fprintf(stderr, "fmatter: out of memory listing files\n");
        b.status = EXIT_USAGE;
    }
    if (b.drawing)
        draw_progress(b.printed, files.count, 1);
    walker_free(&w);
    free(b.chunk);
    free(b.stdin_text);
    batch_files_free(&files);
    pthread_mutex_destroy(&files.lock);
    return b.listed == 1 && b.status < EXIT_USAGE ? EXIT_USAGE : b.status;
}

/* A batch_fn under batch_run_tally: a file that is not EXIT_OK failed. */
typedef struct plain_fn {
    batch_fn fn;
    void *ctx;
} plain_fn;

static int run_plain(const char *path, fm_doc *doc, const fm_error *load_err, void *ctx,
                     outbuf *out, outbuf *err, batch_outcome *outcome) {
    const plain_fn *p = ctx;
    int status = p->fn(path, doc, load_err, p->ctx, out, err);
    *outcome = status == EXIT_OK ? BATCH_UNCHANGED : BATCH_FAILED;
    return status;
}

int batch_run(char **paths, int count, const batch_options *o, batch_fn fn, void *ctx) {
    plain_fn p = {fn, ctx};
    batch_tally tally;
    return batch_run_tally(paths, count, o, run_plain, &p, &tally);
}

void batch_report(outbuf *b, const char *path, const char *kind, unsigned line,
                  unsigned column, const char *message) {
    if (line)
        ob_printf(b, "%s:%u:%u: %s: %s\n", path, line, column, kind, message);
    else
        ob_printf(b, "%s: %s: %s\n", path, kind, message);
}
