/* SPDX-License-Identifier: MIT */
/* save.c - saves a document over a file without clobbering it: the record of
 * the file as read, the checks, then a rename (or, with hard links, in place). */
#include "private.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

/* One save in progress. */
typedef struct save_job {
    fm_doc *doc;
    const char *shown;     /* the path as the caller named it, for messages */
    char target[PATH_MAX]; /* the file written: symbolic links followed */
    char dir[PATH_MAX];    /* its folder */
    bool force;            /* FM_SAVE_FORCE */
    bool exists;           /* target exists; st describes it */
    bool own;              /* target is the document's own file */
    struct stat st;
    fm_error *err;
} save_job;

void fmp_baseline_record(fm_doc *doc, fmp_snap *snap, const struct stat *st) {
    fmp_snap_retain(snap);
    fmp_snap_release(doc->base.snap);
    doc->base.snap = snap;
    doc->base.dev = st->st_dev;
    doc->base.ino = st->st_ino;
    doc->base.mtime = st->st_mtim;
}

/* ===================================================================== */
/* Errors                                                                */
/* ===================================================================== */

/* FM_ERR_IO: "cannot save PATH: STEP failed: REASON". */
static int fail_step(const save_job *j, const char *step, int e) {
    return fmp_fail_errno(j->err, FM_ERR_IO, e, "cannot save %s: %s failed: %s", j->shown,
                          step, strerror(e));
}

/* FM_ERR_IO: no new file could be made beside the target. */
static int fail_create(const save_job *j, int e) {
    return fmp_fail_errno(j->err, FM_ERR_IO, e,
                          "cannot save %s: cannot create a file beside it: %s", j->shown,
                          strerror(e));
}

/* A save that would lose something (code FM_ERR_CONFLICT or FM_ERR_REFUSED):
 * "cannot save PATH: WHY", and ": REASON" when a system call (errno e) said
 * no. */
static int refuse(const save_job *j, fm_code code, int e, const char *fmt, ...)
    FMP_PRINTF(4, 5);

static int refuse(const save_job *j, fm_code code, int e, const char *fmt, ...) {
    char why[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(why, sizeof why, fmt, ap);
    va_end(ap);
    if (e)
        return fmp_fail_errno(j->err, code, e, "cannot save %s: %s: %s", j->shown, why,
                              strerror(e));
    return fmp_fail(j->err, code, "cannot save %s: %s", j->shown, why);
}

/* ===================================================================== */
/* Paths and new files beside the target                                 */
/* ===================================================================== */

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
            return snprintf(out, cap, "%s", cur) >= (int)cap ? (errno = ENAMETOOLONG, -1)
                                                             : 0;
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0)
            return -1;
        link[n] = '\0';
        const char *slash = strrchr(cur, '/');
        char next[PATH_MAX];
        int w = link[0] == '/' || !slash ? snprintf(next, sizeof next, "%s", link)
                                         : snprintf(next, sizeof next, "%.*s/%s",
                                                    (int)(slash - cur), cur, link);
        if (w < 0 || (size_t)w >= sizeof next) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(cur, next, (size_t)w + 1);
    }
    errno = ELOOP;
    return -1;
}

/* The folder of path ("." for a bare name). */
static void folder_of(const char *path, char *dir, size_t cap) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, cap, ".");
    else
        snprintf(dir, cap, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

/* Makes a new entry `.NAME.fmatter-XXXXXX` beside the target, its path in
 * name: a new file opened for reading and writing (O_EXCL, created with
 * `mode` less the umask), or with as_link a second hard link to the target.
 * Returns the descriptor (0 for a link), or -1 with errno. */
static int new_beside(const save_job *j, char name[PATH_MAX], mode_t mode, bool as_link) {
    const char *slash = strrchr(j->target, '/');
    size_t dir_len = slash ? (size_t)(slash - j->target) + 1 : 0;
    const char *base = slash ? slash + 1 : j->target;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long seed = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^
                         (unsigned long)(uintptr_t)&ts;
    for (int attempt = 0; attempt < 100; attempt++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        int n = snprintf(name, PATH_MAX, "%.*s.%s.fmatter-%06lx", (int)dir_len, j->target,
                         base, (seed >> 20) & 0xFFFFFF);
        if (n < 0 || n >= PATH_MAX) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = as_link ? link(j->target, name)
                         : open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* Flushes the folder's entries to disk: 0, or -1 with errno. A folder that
 * cannot be opened, or a file system that cannot flush folders (EINVAL),
 * counts as flushed. */
static int sync_folder(const save_job *j) {
    int fd = open(j->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

/* Copies all of from's bytes over to's, both from offset 0: 0, or -1 with
 * errno. */
static int copy_bytes(int from, int to) {
    char buf[8192];
    off_t off = 0;
    for (;;) {
        ssize_t r = pread(from, buf, sizeof buf, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return (int)r;
        if (lseek(to, off, SEEK_SET) != off || fmp_write_all(to, buf, (size_t)r) != 0)
            return -1;
        off += r;
    }
}

/* ===================================================================== */
/* Has the document's own file changed since it was read?               */
/* ===================================================================== */

/* 1 when fd holds exactly text[0..len), 0 when not, -1 with errno. */
static int holds_text(int fd, const char *text, size_t len) {
    char buf[8192];
    size_t off = 0;
    for (;;) {
        ssize_t r = pread(fd, buf, sizeof buf, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return off == len;
        if ((size_t)r > len - off || memcmp(buf, text + off, (size_t)r) != 0)
            return 0;
        off += (size_t)r;
    }
}

/* 0 when fd (open on the target) is the file the document last read or
 * wrote: the same device and inode, size, modification time and bytes;
 * else -1 with FM_ERR_CONFLICT (or FM_ERR_IO when it cannot be read). */
static int check_unchanged(const save_job *j, int fd) {
    const fmp_baseline *b = &j->doc->base;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail_step(j, "stat", errno);
    if (st.st_dev != b->dev || st.st_ino != b->ino)
        return refuse(j, FM_ERR_CONFLICT, 0, "the file was replaced since it was loaded");
    int same = 0;
    if ((size_t)st.st_size == b->snap->len && st.st_mtim.tv_sec == b->mtime.tv_sec &&
        st.st_mtim.tv_nsec == b->mtime.tv_nsec) {
        const char *text = fmp_snap_text(b->snap);
        if (!text)
            return fail_step(j, "read", ENOMEM);
        same = holds_text(fd, text, b->snap->len);
    }
    if (same < 0)
        return fail_step(j, "read", errno);
    return same ? 0
                : refuse(j, FM_ERR_CONFLICT, 0, "the file changed since it was loaded");
}

static int check_path_unchanged(const save_job *j) {
    int fd = open(j->target, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return refuse(j, FM_ERR_CONFLICT, 0, "the file was removed since it was loaded");
    if (fd < 0)
        return fail_step(j, "open", errno);
    int rc = check_unchanged(j, fd);
    close(fd);
    return rc;
}

/* The target is the document's own file: no path was given, or the path
 * names the inode it was read from, or the same file name once links are
 * followed. */
static bool is_own_file(const save_job *j, bool path_given) {
    const fm_doc *doc = j->doc;
    if (!doc->base.snap || !doc->path)
        return false;
    if (!path_given)
        return true;
    if (j->exists && j->st.st_dev == doc->base.dev && j->st.st_ino == doc->base.ino)
        return true;
    char loaded[PATH_MAX];
    return resolve_links(doc->path, loaded, sizeof loaded) == 0 &&
           strcmp(loaded, j->target) == 0;
}

/* ===================================================================== */
/* Owner, group, permissions and extended attributes                     */
/* ===================================================================== */

/* With name, the value of that extended attribute of path; without, the
 * NUL-separated list of its names. In a new buffer from al (NULL when
 * empty). 0 (a file system without extended attributes has none), or -1
 * with errno. */
static int xattr_read(const char *path, const char *name, const fm_allocator *al,
                      char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
        ssize_t n = name ? getxattr(path, name, NULL, 0) : listxattr(path, NULL, 0);
        if (n < 0 && !name && errno == ENOTSUP)
            return 0;
        if (n <= 0)
            return n < 0 ? -1 : 0;
        char *buf = fmp_malloc(al, (size_t)n);
        if (!buf) {
            errno = ENOMEM;
            return -1;
        }
        ssize_t got =
            name ? getxattr(path, name, buf, (size_t)n) : listxattr(path, buf, (size_t)n);
        if (got >= 0) {
            *out = buf;
            *len = (size_t)got;
            return 0;
        }
        int e = errno;
        fmp_free(al, buf);
        if (e != ERANGE) {
            errno = e;
            return -1;
        }
    }
    errno = ERANGE;
    return -1;
}

static bool list_has(const char *names, size_t len, const char *name) {
    for (const char *n = names; n && n < names + len; n += strlen(n) + 1)
        if (strcmp(n, name) == 0)
            return true;
    return false;
}

static int copy_xattr(const save_job *j, int fd, const char *name) {
    char *value;
    size_t len;
    int rc = xattr_read(j->target, name, &j->doc->al, &value, &len);
    if (rc == 0)
        rc = fsetxattr(fd, name, value ? value : "", len, 0);
    int e = errno;
    fmp_free(&j->doc->al, value);
    if (rc != 0 && e == ENOMEM)
        return fmp_fail(j->err, FM_ERR_NOMEM, "out of memory");
    if (rc == 0 || j->force)
        return 0;
    return refuse(j, FM_ERR_REFUSED, e, "cannot keep its extended attribute %s", name);
}

/* Gives the new file (fd, at path) the target's extended attributes, ACLs
 * included, and only those (a new file may inherit a folder's default ACL). */
static int keep_xattrs(const save_job *j, int fd, const char *path) {
    const fm_allocator *al = &j->doc->al;
    char *names, *mine;
    size_t len, mine_len;
    if (xattr_read(j->target, NULL, al, &names, &len) != 0) {
        if (errno == ENOMEM)
            return fmp_fail(j->err, FM_ERR_NOMEM, "out of memory");
        return j->force ? 0
                        : refuse(j, FM_ERR_REFUSED, errno,
                                 "cannot read its extended attributes");
    }
    int rc = 0;
    for (const char *n = names; rc == 0 && n && n < names + len; n += strlen(n) + 1)
        rc = copy_xattr(j, fd, n);
    if (rc == 0 && xattr_read(path, NULL, al, &mine, &mine_len) == 0) {
        for (const char *n = mine; rc == 0 && n && n < mine + mine_len;
             n += strlen(n) + 1)
            if (!list_has(names, len, n) && fremovexattr(fd, n) != 0 && !j->force)
                rc = refuse(j, FM_ERR_REFUSED, errno,
                            "cannot leave out extended attribute %s", n);
        fmp_free(al, mine);
    }
    fmp_free(al, names);
    return rc;
}

static int keep_owner(const save_job *j, int fd) {
    struct stat now;
    if (fstat(fd, &now) != 0)
        return fail_step(j, "stat", errno);
    uid_t uid = now.st_uid == j->st.st_uid ? (uid_t)-1 : j->st.st_uid;
    gid_t gid = now.st_gid == j->st.st_gid ? (gid_t)-1 : j->st.st_gid;
    if ((uid == (uid_t)-1 && gid == (gid_t)-1) || fchown(fd, uid, gid) == 0)
        return 0;
    if (!j->force)
        return refuse(j, FM_ERR_REFUSED, errno,
                      "cannot keep its owner and group (%lu:%lu)",
                      (unsigned long)j->st.st_uid, (unsigned long)j->st.st_gid);
    if (gid != (gid_t)-1 && fchown(fd, (uid_t)-1, gid) != 0) {
        /* forced: the group alone when the owner cannot be kept, else neither */
    }
    return 0;
}

/* Gives the new file (fd, at path) the target's owner, group, permission
 * bits (after the owner: a change of owner clears set-ID bits) and
 * extended attributes. */
static int keep_metadata(const save_job *j, int fd, const char *path) {
    if (keep_owner(j, fd) != 0)
        return -1;
    mode_t mode = j->st.st_mode & 07777;
    struct stat now;
    if (fchmod(fd, mode) != 0 && !j->force)
        return refuse(j, FM_ERR_REFUSED, errno, "cannot keep its permissions (%04o)",
                      (unsigned)mode);
    if (keep_xattrs(j, fd, path) != 0)
        return -1;
    if (fstat(fd, &now) != 0)
        return fail_step(j, "stat", errno);
    if ((now.st_mode & 07777) != mode && !j->force)
        return refuse(j, FM_ERR_REFUSED, 0, "cannot keep its permissions (%04o)",
                      (unsigned)mode);
    return 0;
}

/* ===================================================================== */
/* A file with one name: a new file renamed over it                      */
/* ===================================================================== */

/* Writes the text to the new file, gives it the target's metadata, flushes
 * it; *written gets its final state. */
static int fill_temp(const save_job *j, int fd, const char *tmp, struct stat *written) {
    const fmp_snap *s = j->doc->snap;
    if (fmp_snap_write(fd, s) != 0)
        return fail_step(j, "write", errno);
    if (j->exists && keep_metadata(j, fd, tmp) != 0)
        return -1;
    if (fsync(fd) != 0)
        return fail_step(j, "flush", errno);
    if (fstat(fd, written) != 0)
        return fail_step(j, "stat", errno);
    return 0;
}

/* A second name for the original (bak) until the folder is flushed after the
 * rename, so that a failed flush can put it back: a hard link, or where the
 * file system has none, a copy of its bytes and permission bits. */
static int keep_original(const save_job *j, char bak[PATH_MAX]) {
    if (new_beside(j, bak, 0, true) == 0)
        return 0;
    int from = open(j->target, O_RDONLY | O_CLOEXEC);
    if (from < 0)
        return -1;
    int to = new_beside(j, bak, 0600, false);
    int rc = to < 0 || copy_bytes(from, to) != 0 ? -1 : 0;
    int e = errno;
    if (to >= 0 && fchmod(to, j->st.st_mode & 07777) != 0) {
        /* the bytes are what matters: the copy is only for a failed flush */
    }
    if (to >= 0 && close(to) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0 && to >= 0)
        unlink(bak);
    close(from);
    errno = e;
    return rc;
}

/* Renames tmp over the target and flushes the folder. When the flush fails
 * the original goes back under its name (a new file is removed): the
 * target is then as it was, but for an unflushed folder. */
static int replace(const save_job *j, const char *tmp) {
    char bak[PATH_MAX];
    if (j->exists && keep_original(j, bak) != 0) {
        int e = errno;
        unlink(tmp);
        return fail_step(j, "backup", e);
    }
    if (rename(tmp, j->target) != 0) {
        int e = errno;
        unlink(tmp);
        if (j->exists)
            unlink(bak);
        return fail_step(j, "replace", e);
    }
    if (sync_folder(j) == 0) {
        if (j->exists)
            unlink(bak);
        return 0;
    }
    int e = errno;
    if (!j->exists)
        unlink(j->target);
    else if (rename(bak, j->target) != 0)
        return fmp_fail_errno(j->err, FM_ERR_IO, e,
                              "cannot save %s: flush of the folder failed: %s; the "
                              "original is kept in %s",
                              j->shown, strerror(e), bak);
    return fail_step(j, "flush of the folder", e);
}

static int save_by_rename(save_job *j) {
    char tmp[PATH_MAX];
    int fd = new_beside(j, tmp, j->exists ? 0600 : 0666, false);
    if (fd < 0)
        return fail_create(j, errno);
    struct stat written;
    int rc = fill_temp(j, fd, tmp, &written);
    if (close(fd) != 0 && rc == 0)
        rc = fail_step(j, "close", errno);
    /* checked as late as can be: a change while the text was written counts */
    if (rc == 0 && j->own && !j->force)
        rc = check_path_unchanged(j);
    if (rc != 0) {
        unlink(tmp);
        return -1;
    }
    if (replace(j, tmp) != 0)
        return -1;
    if (j->own)
        fmp_baseline_record(j->doc, j->doc->snap, &written);
    return 0;
}

/* ===================================================================== */
/* A file with several names: written in place, behind a backup          */
/* ===================================================================== */

/* A flushed copy of fd's bytes beside the target (bak, descriptor *bfd), so
 * that the original survives a failed write, or a crash, in place. */
static int make_backup(const save_job *j, int fd, char bak[PATH_MAX], int *bfd) {
    *bfd = new_beside(j, bak, 0600, false);
    if (*bfd < 0)
        return fail_create(j, errno);
    const char *step = copy_bytes(fd, *bfd) != 0 ? "backup"
                       : fsync(*bfd) != 0        ? "flush of the backup"
                       : sync_folder(j) != 0     ? "flush of the folder"
                                                 : NULL;
    if (!step)
        return 0;
    int e = errno;
    close(*bfd);
    *bfd = -1;
    unlink(bak);
    return fail_step(j, step, e);
}

/* Puts the backup's bytes and the modification time of `before` back. */
static int restore(int fd, int bfd, const struct stat *before) {
    if (copy_bytes(bfd, fd) != 0 || ftruncate(fd, before->st_size) != 0 || fsync(fd) != 0)
        return -1;
    struct timespec times[2] = {before->st_atim, before->st_mtim};
    if (futimens(fd, times) != 0) {
        /* only the owner may set times: the bytes are back, the time is new */
    }
    return 0;
}

/* Writes the text over fd's bytes; on failure copies the backup back. */
static int overwrite(save_job *j, int fd, int bfd, const char *bak) {
    const fmp_snap *s = j->doc->snap;
    struct stat before, after;
    if (fstat(fd, &before) != 0)
        return fail_step(j, "stat", errno);
    mode_t mode = before.st_mode & 07777;
    const char *step = NULL;
    if (lseek(fd, 0, SEEK_SET) != 0 || fmp_snap_write(fd, s) != 0)
        step = "write";
    else if (ftruncate(fd, (off_t)s->len) != 0)
        step = "truncate";
    else if (fstat(fd, &after) != 0)
        step = "stat";
    /* a write clears set-ID bits unless the writer may keep them */
    else if ((after.st_mode & 07777) != mode && fchmod(fd, mode) != 0 && !j->force)
        step = "keeping the permissions";
    else if (fsync(fd) != 0 || fstat(fd, &after) != 0)
        step = "flush";
    if (!step) {
        unlink(bak);
        if (j->own)
            fmp_baseline_record(j->doc, j->doc->snap, &after);
        return 0;
    }
    int e = errno;
    if (restore(fd, bfd, &before) != 0)
        return fmp_fail_errno(j->err, FM_ERR_IO, e,
                              "cannot save %s: %s failed: %s; the original is kept in %s",
                              j->shown, step, strerror(e), bak);
    unlink(bak);
    return fail_step(j, step, e);
}

static int save_in_place(save_job *j) {
    /* A write by someone other than the owner clears set-ID bits, which only
     * the owner may set again. */
    if ((j->st.st_mode & (S_ISUID | S_ISGID)) && geteuid() != 0 &&
        geteuid() != j->st.st_uid && !j->force)
        return refuse(j, FM_ERR_REFUSED, 0, "cannot keep its set-ID bits (%04o)",
                      (unsigned)(j->st.st_mode & 07777));
    int fd = open(j->target, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return fail_step(j, "open", errno);
    char bak[PATH_MAX];
    int bfd = -1;
    int rc = j->own && !j->force ? check_unchanged(j, fd) : 0;
    if (rc == 0)
        rc = make_backup(j, fd, bak, &bfd);
    if (rc == 0)
        rc = overwrite(j, fd, bfd, bak);
    if (bfd >= 0)
        close(bfd);
    close(fd);
    return rc;
}

/* ===================================================================== */
/* Entry points                                                          */
/* ===================================================================== */

int fm_doc_save_opts(fm_doc *doc, const char *path, unsigned flags, fm_error *err) {
    if (!doc)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_save: NULL document");
    if (fmp_doc_whole(doc, "fm_doc_save", err) != 0)
        return -1;
    if (flags & ~FM_SAVE_FORCE)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_save_opts: unknown flags 0x%x",
                        flags & ~FM_SAVE_FORCE);
    bool path_given = path != NULL;
    if (!path)
        path = doc->path;
    if (!path)
        return fmp_fail(err, FM_ERR_ARG,
                        "fm_doc_save: no path, and the document was "
                        "not loaded from a file");
    if (!*path)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_save: empty path");
    save_job j;
    memset(&j, 0, sizeof j);
    j.doc = doc;
    j.shown = path;
    j.force = (flags & FM_SAVE_FORCE) != 0;
    j.err = err;
    if (resolve_links(path, j.target, sizeof j.target) != 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "cannot save %s: %s", path,
                              strerror(errno));
    folder_of(j.target, j.dir, sizeof j.dir);
    j.exists = stat(j.target, &j.st) == 0;
    if (!j.exists && errno != ENOENT)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "cannot save %s: %s", path,
                              strerror(errno));
    if (j.exists && !S_ISREG(j.st.st_mode))
        return fmp_fail_errno(err, FM_ERR_IO, EINVAL,
                              "cannot save %s: not a regular file", path);
    j.own = is_own_file(&j, path_given);
    if (j.exists && !(j.st.st_mode & S_IWUSR) && !j.force)
        return refuse(&j, FM_ERR_REFUSED, 0, "the file is read-only (mode %04o)",
                      (unsigned)(j.st.st_mode & 07777));
    if (j.exists && j.st.st_nlink > 1)
        return save_in_place(&j);
    return save_by_rename(&j);
}

int fm_doc_save(fm_doc *doc, const char *path, fm_error *err) {
    return fm_doc_save_opts(doc, path, 0, err);
}
