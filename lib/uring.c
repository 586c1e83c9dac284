/* SPDX-License-Identifier: MIT */
/* uring.c - reading the files of an fm_load_many batch through io_uring
 * (Linux): the opens of up to FMP_RING_FILES files in one system call, an
 * fstat for each, then their reads and closes in one more; with
 * FM_OPT_FRONT_ONLY, each file's open, first read and close in one system
 * call for all. A file read here is read as readfile.c reads it (open, fstat,
 * one read of the size fstat gave, close; or the first FMP_FRONT_CHUNK bytes
 * when they show the front); any other is left to readfile.c. */
#include "private.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(HAVE_LINUX_IO_URING_H) && defined(__linux__)
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#endif

#ifdef HAVE_VALGRIND_MEMCHECK_H
#include <valgrind/memcheck.h>
#else
#define VALGRIND_MAKE_MEM_DEFINED(addr, len) ((void)(addr), (void)(len))
#endif

#if defined(HAVE_LINUX_IO_URING_H) && defined(__linux__) &&                              \
    defined(__NR_io_uring_setup) && defined(IORING_OFF_SQES)

/* Submission entries: an open, a read and a close per file at most. */
#define RING_ENTRIES (4 * FMP_RING_FILES)
/* Bytes a ring reads its files into, used again batch after batch: the
 * documents copy their text from there. A buffer of their own for each
 * file, freed with its document, would have the allocator give the memory
 * of a whole batch back to the kernel and take it again (a page fault per
 * 4 KB) batch after batch. A file that does not fit gets its own buffer. */
#define STAGE_SIZE ((size_t)512 * 1024)

struct fmp_ring {
    int fd;
    void *rings; /* the submission and completion rings (one mapping) */
    size_t rings_size;
    struct io_uring_sqe *sqes;
    size_t sqes_size;
    unsigned *sq_head, *sq_tail, *sq_mask, *sq_array;
    unsigned *cq_head, *cq_tail, *cq_mask;
    struct io_uring_cqe *cqes;
    unsigned pending; /* entries queued, not yet handed to the kernel */
    char *stage;      /* STAGE_SIZE bytes (made on first use), or NULL */
    size_t staged;    /* bytes of it given out in this batch */
    bool direct;      /* a table of FMP_RING_FILES files registered (front reads) */
    bool broken;      /* a failure the kernel should never give: not used again */
};

/* What one file of a batch is in. */
typedef struct file_state {
    int fd;        /* open, or -1 */
    size_t known;  /* its size (fstat) */
    long read_res; /* the read's result; -1 until it comes */
} file_state;

static unsigned load_acquire(const unsigned *p) {
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_release(unsigned *p, unsigned v) {
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static void ring_unmap(fmp_ring *ring) {
    if (ring->sqes && ring->sqes != MAP_FAILED)
        munmap(ring->sqes, ring->sqes_size);
    if (ring->rings && ring->rings != MAP_FAILED)
        munmap(ring->rings, ring->rings_size);
    close(ring->fd);
}

/* Maps the rings of a new io_uring whose parameters are p; false when it
 * cannot (the caller then closes ring->fd). */
static bool ring_map(fmp_ring *ring, const struct io_uring_params *p) {
    size_t sq = p->sq_off.array + p->sq_entries * sizeof(unsigned);
    size_t cq = p->cq_off.cqes + p->cq_entries * sizeof(struct io_uring_cqe);
    if (!(p->features & IORING_FEAT_SINGLE_MMAP))
        return false; /* kernels before 5.4: left to plain reads */
    ring->rings_size = sq > cq ? sq : cq;
    ring->rings = mmap(NULL, ring->rings_size, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_POPULATE, ring->fd, IORING_OFF_SQ_RING);
    ring->sqes_size = p->sq_entries * sizeof(struct io_uring_sqe);
    ring->sqes = mmap(NULL, ring->sqes_size, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_POPULATE, ring->fd, IORING_OFF_SQES);
    if (ring->rings == MAP_FAILED || ring->sqes == MAP_FAILED)
        return false;
    char *base = ring->rings;
    ring->sq_head = (unsigned *)(base + p->sq_off.head);
    ring->sq_tail = (unsigned *)(base + p->sq_off.tail);
    ring->sq_mask = (unsigned *)(base + p->sq_off.ring_mask);
    ring->sq_array = (unsigned *)(base + p->sq_off.array);
    ring->cq_head = (unsigned *)(base + p->cq_off.head);
    ring->cq_tail = (unsigned *)(base + p->cq_off.tail);
    ring->cq_mask = (unsigned *)(base + p->cq_off.ring_mask);
    ring->cqes = (struct io_uring_cqe *)(base + p->cq_off.cqes);
    return true;
}

/* ThreadSanitizer sees no file descriptor the kernel opens or closes for a
 * ring: it would take a number used again for a race. Its builds read files
 * one by one. */
#if defined(__SANITIZE_THREAD__)
#define RING_UNSEEN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RING_UNSEEN 1
#endif
#endif

/* Registers an empty table of FMP_RING_FILES files for opens that go
 * straight into it (kernels from 5.15): false when the kernel cannot. */
static bool register_table(fmp_ring *ring) {
#ifdef IORING_RSRC_REGISTER_SPARSE /* and IORING_REGISTER_FILES2 (an enum) */
    struct io_uring_rsrc_register reg;
    memset(&reg, 0, sizeof reg);
    reg.nr = FMP_RING_FILES;
    reg.flags = IORING_RSRC_REGISTER_SPARSE;
    return syscall(__NR_io_uring_register, ring->fd, IORING_REGISTER_FILES2, &reg,
                   sizeof reg) == 0;
#else
    (void)ring;
    return false;
#endif
}

fmp_ring *fmp_ring_new(const fm_allocator *al) {
#ifdef RING_UNSEEN
    (void)al;
    return NULL;
#endif
    fmp_ring *ring = fmp_malloc(al, sizeof *ring);
    if (!ring)
        return NULL;
    memset(ring, 0, sizeof *ring);
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    /* ENOSYS, EPERM (a seccomp filter, kernel.io_uring_disabled), ENOMEM:
     * plain reads then. */
    long fd = syscall(__NR_io_uring_setup, RING_ENTRIES, &p);
    if (fd < 0) {
        fmp_free(al, ring);
        return NULL;
    }
    ring->fd = (int)fd;
    if (!ring_map(ring, &p)) {
        ring_unmap(ring);
        fmp_free(al, ring);
        return NULL;
    }
    ring->direct = register_table(ring);
    return ring;
}

void fmp_ring_free(fmp_ring *ring, const fm_allocator *al) {
    if (!ring)
        return;
    ring_unmap(ring);
    if (!ring->broken) /* else the kernel may still write to it: kept */
        fmp_free(al, ring->stage);
    fmp_free(al, ring);
}

/* Room for n bytes of a file's text: in the stage when it fits (*staged
 * set), else a buffer of its own from al; NULL when out of memory. */
static char *take_room(fmp_ring *ring, size_t n, const fm_allocator *al, bool *staged) {
    if (!ring->stage && n <= STAGE_SIZE)
        ring->stage = fmp_malloc(al, STAGE_SIZE);
    *staged = ring->stage && n <= STAGE_SIZE - ring->staged;
    if (!*staged)
        return fmp_malloc(al, n);
    ring->staged += n;
    return ring->stage + ring->staged - n;
}

/* Gives back the room of a file left to readfile.c. */
static void drop_room(fmp_read_ahead *out, const fm_allocator *al) {
    if (!out->staged)
        fmp_free(al, out->buf);
    out->buf = NULL;
}

/* The next submission entry, zeroed (the caller never queues more than
 * RING_ENTRIES between two waits). */
static struct io_uring_sqe *queue(fmp_ring *ring, unsigned char op, int fd,
                                  uint64_t tag) {
    unsigned tail = *ring->sq_tail + ring->pending++;
    unsigned at = tail & *ring->sq_mask;
    struct io_uring_sqe *sqe = &ring->sqes[at];
    memset(sqe, 0, sizeof *sqe);
    sqe->opcode = op;
    sqe->fd = fd;
    sqe->user_data = tag;
    ring->sq_array[at] = at;
    return sqe;
}

/* Hands the queued entries to the kernel and waits for `want` completions,
 * giving each (tag, result) to take. False when the kernel failed in a way
 * it never should (the ring is broken then, and entries may be in flight). */
static bool submit_wait(fmp_ring *ring, unsigned want,
                        void (*take)(void *, uint64_t, int), void *ud) {
    store_release(ring->sq_tail, *ring->sq_tail + ring->pending);
    unsigned to_submit = ring->pending, got = 0;
    ring->pending = 0;
    while (got < want) {
        long r = syscall(__NR_io_uring_enter, ring->fd, to_submit, want - got,
                         IORING_ENTER_GETEVENTS, NULL, 0);
        if (r < 0 && errno != EINTR && errno != EAGAIN && errno != EBUSY) {
            ring->broken = true;
            return false;
        }
        if (r > 0)
            to_submit -= (unsigned)r < to_submit ? (unsigned)r : to_submit;
        unsigned head = *ring->cq_head, tail = load_acquire(ring->cq_tail);
        for (; head != tail; head++, got++) {
            const struct io_uring_cqe *c = &ring->cqes[head & *ring->cq_mask];
            take(ud, c->user_data, c->res);
        }
        store_release(ring->cq_head, head);
    }
    return true;
}

static void take_open(void *ud, uint64_t tag, int res) {
    file_state *f = ud;
    f[tag].fd = res >= 0 ? res : -1;
}

/* Reads and closes carry the file's index times two, plus one for a close. */
static void take_read(void *ud, uint64_t tag, int res) {
    file_state *f = ud;
    if (!(tag & 1))
        f[tag >> 1].read_res = res;
}

/* Opens paths[0..n) at once: f[i].fd is -1 for any that did not open. */
static bool open_all(fmp_ring *ring, const char *const *paths, size_t n, file_state *f) {
    for (size_t i = 0; i < n; i++) {
        f[i].fd = -1;
        struct io_uring_sqe *sqe = queue(ring, IORING_OP_OPENAT, AT_FDCWD, i);
        sqe->addr = (uint64_t)(uintptr_t)paths[i];
        sqe->open_flags = O_RDONLY | O_CLOEXEC;
    }
    return submit_wait(ring, (unsigned)n, take_open, f);
}

/* Files larger than this are left to readfile.c (a ring's read takes 32
 * bits of length). */
#define RING_MAX_FILE ((size_t)1 << 30)

/* For an open file: room for its text when fstat shows a regular file
 * within the limit (NULL otherwise: left to readfile.c). */
static char *prepare(fmp_ring *ring, file_state *f, const fm_allocator *al, size_t limit,
                     fmp_read_ahead *out) {
    struct stat *st = &out->st;
    if (fstat(f->fd, st) != 0 || fmp_file_refusal(st, limit) != 0 ||
        !S_ISREG(st->st_mode) || (uintmax_t)st->st_size > RING_MAX_FILE)
        return NULL;
    f->known = (size_t)st->st_size;
    return take_room(ring, f->known + 1, al, &out->staged);
}

/* Whole files: opens, then an fstat each, then reads and closes. */
static void read_whole(fmp_ring *ring, const char *const *paths, size_t n,
                       const fm_allocator *al, size_t limit, fmp_read_ahead *out) {
    file_state f[FMP_RING_FILES];
    if (!open_all(ring, paths, n, f)) {
        for (size_t i = 0; i < n; i++)
            if (f[i].fd >= 0)
                close(f[i].fd);
        return;
    }
    unsigned queued = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].fd < 0)
            continue;
        out[i].buf = prepare(ring, &f[i], al, limit, &out[i]);
        f[i].read_res = -1;
        if (out[i].buf && f[i].known) {
            struct io_uring_sqe *sqe = queue(ring, IORING_OP_READ, f[i].fd, 2 * i);
            sqe->addr = (uint64_t)(uintptr_t)out[i].buf;
            sqe->len = (unsigned)f[i].known;
            sqe->flags =
                IOSQE_IO_HARDLINK; /* the close after the read, whatever it gave */
            queued++;
        } else {
            f[i].read_res = 0;
        }
        queue(ring, IORING_OP_CLOSE, f[i].fd, 2 * i + 1);
        queued++;
    }
    if (queued && !submit_wait(ring, queued, take_read, f)) {
        for (size_t i = 0; i < n; i++)
            out[i].buf = NULL; /* the kernel may still write them: kept, never freed */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!out[i].buf)
            continue;
        if (f[i].read_res < 0 || (size_t)f[i].read_res != f[i].known) {
            drop_room(&out[i], al); /* short or failed: readfile.c tries again */
            continue;
        }
        VALGRIND_MAKE_MEM_DEFINED(out[i].buf, f[i].known);
        out[i].buf[f[i].known] = '\0';
        out[i].len = f[i].known;
    }
}

/* Front reads carry the file's index times four, plus 1 for the read and 2
 * for the close. */
static void take_front(void *ud, uint64_t tag, int res) {
    long *read_res = ud;
    if ((tag & 3) == 1)
        read_res[tag >> 2] = res;
}

/* Queues file i's open into table slot i, its first read (from where the
 * open left it, as read(2) does) and its close, each after the other. */
static void queue_front(fmp_ring *ring, const char *path, size_t i, char *buf) {
    struct io_uring_sqe *sqe = queue(ring, IORING_OP_OPENAT, AT_FDCWD, 4 * i);
    sqe->addr = (uint64_t)(uintptr_t)path;
    sqe->open_flags = O_RDONLY; /* a table's files are never inherited */
    sqe->file_index = (unsigned)i + 1;
    sqe->flags = IOSQE_IO_LINK; /* no open: no read, no close */
    sqe = queue(ring, IORING_OP_READ, (int)i, 4 * i + 1);
    sqe->addr = (uint64_t)(uintptr_t)buf;
    sqe->len = FMP_FRONT_CHUNK;
    sqe->off = (uint64_t)-1;
    sqe->flags = IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;
    sqe = queue(ring, IORING_OP_CLOSE, 0, 4 * i + 2);
    sqe->file_index = (unsigned)i + 1;
}

/* FM_OPT_FRONT_ONLY: every file's first read, in one system call; the files
 * whose first read shows their front are done (no fstat, as readfile.c's
 * read_front), the others are left to readfile.c. */
static void read_fronts(fmp_ring *ring, const char *const *paths, size_t n,
                        const fm_allocator *al, unsigned options, fmp_read_ahead *out) {
    long read_res[FMP_RING_FILES];
    unsigned queued = 0;
    for (size_t i = 0; i < n; i++) {
        read_res[i] = -1;
        out[i].buf = take_room(ring, FMP_FRONT_CHUNK + 1, al, &out[i].staged);
        if (out[i].buf) {
            queue_front(ring, paths[i], i, out[i].buf);
            queued += 3;
        }
    }
    if (queued && !submit_wait(ring, queued, take_front, read_res)) {
        for (size_t i = 0; i < n; i++)
            out[i].buf = NULL; /* the kernel may still write them: kept, never freed */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t b = FMP_FRONT_UNKNOWN;
        if (out[i].buf && read_res[i] >= 0) {
            VALGRIND_MAKE_MEM_DEFINED(out[i].buf, (size_t)read_res[i]);
            b = fmp_front_cut(out[i].buf, (size_t)read_res[i], read_res[i] == 0, options,
                              &out[i].parts, &out[i].split);
        }
        if (b == FMP_FRONT_UNKNOWN) {
            drop_room(&out[i], al);
            continue;
        }
        memset(&out[i].st, 0, sizeof out[i].st);
        out[i].len = b;
    }
}

void fmp_ring_read(fmp_ring *ring, const char *const *paths, size_t n,
                   const fm_allocator *al, size_t limit, unsigned options,
                   fmp_read_ahead *out) {
    for (size_t i = 0; i < n; i++) {
        out[i].buf = NULL;
        out[i].split = false;
        out[i].staged = false;
    }
    ring->staged = 0; /* the documents of the last batch copied theirs */
    if (ring->broken || n > FMP_RING_FILES)
        return;
    if (!(options & FM_OPT_FRONT_ONLY))
        read_whole(ring, paths, n, al, limit, out);
    else if (ring->direct && limit > FMP_FRONT_CHUNK) /* as readfile.c's read_front */
        read_fronts(ring, paths, n, al, options, out);
}

#else /* no io_uring: every file is left to readfile.c */

fmp_ring *fmp_ring_new(const fm_allocator *al) {
    (void)al;
    return NULL;
}

void fmp_ring_free(fmp_ring *ring, const fm_allocator *al) {
    (void)ring;
    (void)al;
}

void fmp_ring_read(fmp_ring *ring, const char *const *paths, size_t n,
                   const fm_allocator *al, size_t limit, unsigned options,
                   fmp_read_ahead *out) {
    (void)ring;
    (void)paths;
    (void)al;
    (void)limit;
    (void)options;
    for (size_t i = 0; i < n; i++)
        out[i].buf = NULL;
}

#endif
