/* SPDX-License-Identifier: MIT */
/* failio.c - for tests only: the system calls a save makes, failing on demand
 * as environment variables say (see failio.h). */
#undef _FORTIFY_SOURCE /* its inline open() would clash with the one below */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* RTLD_NEXT, O_TMPFILE, open64 */
#endif

#include "failio.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Test programs are single-threaded while they inject: plain statics do. */
static unsigned long injected; /* injections so far */
static unsigned long matched;  /* calls that FAILIO_CALL and FAILIO_NAME select */
static bool half_written;      /* a failing write wrote half: the next call fails */
static bool touched;

unsigned long failio_count(void) {
    return injected;
}

/* The next definition of `name` after this program's: the C library's, or a
 * sanitizer's interceptor that calls it. */
static void *next_fn(const char *name) {
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) {
        fprintf(stderr, "failio: no %s after the program\n", name);
        abort();
    }
    return f;
}

#define NEXT(type, name) ((type)next_fn(#name))

static long env_long(const char *name, long dflt) {
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : dflt;
}

static bool armed(const char *call) {
    const char *want = getenv("FAILIO_CALL");
    return want && strcmp(want, call) == 0;
}

static bool name_matches(const char *path) {
    const char *pattern = getenv("FAILIO_NAME");
    if (!pattern || !*pattern)
        return true;
    const char *slash = strrchr(path, '/');
    const char *base = slash && slash[1] ? slash + 1 : path;
    return fnmatch(pattern, base, 0) == 0;
}

static bool fd_matches(int fd) {
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0)
        return false;
    path[n] = '\0';
    return name_matches(path);
}

static void note(const char *what) {
    injected++;
    const char *log = getenv("FAILIO_LOG");
    FILE *fp = log && *log ? fopen(log, "a") : NULL;
    if (fp) {
        fprintf(fp, "%s\n", what);
        fclose(fp);
    }
}

/* A selected call: true when it is past FAILIO_SKIP and within FAILIO_TIMES. */
static bool its_turn(void) {
    long skip = env_long("FAILIO_SKIP", 0), times = env_long("FAILIO_TIMES", -1);
    long n = (long)++matched;
    return n > skip && (times < 0 || n <= skip + times);
}

static int fail(const char *call) {
    note(call);
    errno = (int)env_long("FAILIO_ERRNO", EIO);
    return -1;
}

ssize_t write(int fd, const void *buf, size_t count) {
    ssize_t (*next)(int, const void *, size_t) =
        NEXT(ssize_t(*)(int, const void *, size_t), write);
    if (armed("write") && fd_matches(fd) && its_turn()) {
        if (!half_written && count > 1) {
            half_written = true;
            matched--; /* the failure itself comes with the next call */
            return next(fd, buf, count / 2);
        }
        half_written = false;
        return fail("write");
    }
    return next(fd, buf, count);
}

int fsync(int fd) {
    if (armed("fsync") && fd_matches(fd) && its_turn())
        return fail("fsync");
    return NEXT(int (*)(int), fsync)(fd);
}

DIR *opendir(const char *path) {
    if (armed("opendir") && name_matches(path) && its_turn()) {
        fail("opendir");
        return NULL;
    }
    return NEXT(DIR * (*)(const char *), opendir)(path);
}

int rename(const char *from, const char *to) {
    if (armed("rename") && (name_matches(from) || name_matches(to)) && its_turn())
        return fail("rename");
    return NEXT(int (*)(const char *, const char *), rename)(from, to);
}

int link(const char *from, const char *to) {
    long e = env_long("FAILIO_LINK_ERRNO", 0);
    if (e) {
        note("link");
        errno = (int)e;
        return -1;
    }
    return NEXT(int (*)(const char *, const char *), link)(from, to);
}

int fchown(int fd, uid_t uid, gid_t gid) {
    if (armed("fchown") && fd_matches(fd) && its_turn())
        return fail("fchown");
    return NEXT(int (*)(int, uid_t, gid_t), fchown)(fd, uid, gid);
}

int fsetxattr(int fd, const char *name, const void *value, size_t size, int flags) {
    const char *only = getenv("FAILIO_XATTR");
    if (armed("fsetxattr") && fd_matches(fd) && (!only || fnmatch(only, name, 0) == 0) &&
        its_turn())
        return fail("fsetxattr");
    return NEXT(int (*)(int, const char *, const void *, size_t, int),
                fsetxattr)(fd, name, value, size, flags);
}

/* FAILIO_TOUCH: someone else changes a file while a save runs. */
static void touch_once(int flags) {
    const char *path = getenv("FAILIO_TOUCH");
    if (touched || !path || !*path || (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL))
        return;
    touched = true;
    int fd = NEXT(int (*)(const char *, int, ...), open)(path, O_WRONLY | O_APPEND);
    if (fd >= 0) {
        if (NEXT(ssize_t(*)(int, const void *, size_t), write)(fd, "changed\n", 8) == 8)
            note("touch");
        close(fd);
    }
}

static mode_t mode_arg(int flags, va_list ap) {
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int)
                                                                 : 0;
}

/* The next open or open64, after FAILIO_TOUCH's change. */
static int open_via(const char *name, const char *path, int flags, mode_t mode) {
    touch_once(flags);
    return ((int (*)(const char *, int, ...))next_fn(name))(path, flags, mode);
}

int open(const char *path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_via("open", path, flags, mode);
}

int open64(const char *path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_via("open64", path, flags, mode);
}
