/* SPDX-License-Identifier: MIT */
/* save.c - saves a document over a file: a temporary file beside it, flushed
 * to disk, renamed over the original; symbolic links followed. */
#include "private.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Creates a new file `.NAME.fmatter-XXXX` beside target with O_EXCL (so the
 * umask applies as for any new file); its path goes to tmp. */
static int create_temp(const char *target, char *tmp, size_t cap) {
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = slash ? slash + 1 : target;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long seed = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^
                         (unsigned long)(uintptr_t)&ts;
    for (int attempt = 0; attempt < 100; attempt++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        int n = snprintf(tmp, cap, "%.*s.%s.fmatter-%06lx", (int)dir_len, target, base,
                         (seed >> 20) & 0xFFFFFF);
        if (n < 0 || (size_t)n >= cap) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

static void sync_folder(const char *target) {
    char dir[PATH_MAX];
    const char *slash = strrchr(target, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == target ? 1 : (int)(slash - target), target);
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* best effort: some file systems refuse it for folders */
        close(fd);
    }
}

/* Writes text to a new temporary file and renames it over target. */
static int save_to(const char *target, const char *text, size_t len, fm_error *err) {
    struct stat st;
    bool exists = stat(target, &st) == 0;
    if (exists && !S_ISREG(st.st_mode))
        return fmp_fail_errno(err, FM_ERR_IO, EINVAL, "cannot save %s: not a regular file",
                              target);
    char tmp[PATH_MAX];
    int fd = create_temp(target, tmp, sizeof tmp);
    if (fd < 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno,
                              "cannot save %s: cannot create a file beside it: %s", target,
                              strerror(errno));
    const char *step = "write";
    if (exists && fchown(fd, st.st_uid, st.st_gid) != 0) {
        /* Not allowed to give the file away: it stays ours, as a new file. */
    }
    if (exists && fchmod(fd, st.st_mode & 07777) != 0)
        step = "keep the permissions of";
    else if (fmp_write_all(fd, text, len) != 0)
        step = "write";
    else if (fsync(fd) != 0)
        step = "flush";
    else
        step = NULL;
    int saved_errno = errno;
    if (close(fd) != 0 && !step) {
        step = "close";
        saved_errno = errno;
    }
    if (!step && rename(tmp, target) != 0) {
        step = "replace";
        saved_errno = errno;
    }
    if (step) {
        unlink(tmp);
        return fmp_fail_errno(err, FM_ERR_IO, saved_errno, "cannot save %s: %s failed: %s",
                              target, step, strerror(saved_errno));
    }
    sync_folder(target);
    return 0;
}

/* The file a path finally names, following symbolic links, also dangling
 * ones (the save creates their target); fails with ELOOP on a loop. */
static int resolve_links(const char *path, char *out, size_t cap) {
    char cur[PATH_MAX];
    if (snprintf(cur, sizeof cur, "%s", path) >= (int)sizeof cur) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return snprintf(out, cap, "%s", cur) >= (int)cap ? (errno = ENAMETOOLONG, -1) : 0;
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0)
            return -1;
        link[n] = '\0';
        const char *slash = strrchr(cur, '/');
        char next[PATH_MAX];
        int w = link[0] == '/' || !slash
                    ? snprintf(next, sizeof next, "%s", link)
                    : snprintf(next, sizeof next, "%.*s/%s", (int)(slash - cur), cur, link);
        if (w < 0 || (size_t)w >= sizeof next) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(cur, next, (size_t)w + 1);
    }
    errno = ELOOP;
    return -1;
}

int fm_doc_save(const fm_doc *doc, const char *path, fm_error *err) {
    if (!doc)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_save: NULL document");
    if (!path)
        path = doc->path;
    if (!path)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_save: no path, and the document was "
                                         "not loaded from a file");
    if (!*path)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_save: empty path");
    char target[PATH_MAX];
    if (resolve_links(path, target, sizeof target) != 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "cannot save %s: %s", path,
                              strerror(errno));
    return save_to(target, doc->snap->text, doc->snap->len, err);
}
