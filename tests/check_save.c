/* SPDX-License-Identifier: MIT */
/* check_save.c - fm_doc_save: atomic replacement through a temporary file,
 * permission bits, symbolic links, and failures that leave the original
 * file intact with an FM_ERR_IO message naming the cause. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* ===================================================================== */
/* Fixture: a fresh folder under /tmp for every test                     */
/* ===================================================================== */

static char dir[64];

static void remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char sub[PATH_MAX];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                remove_tree(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void setup(void) {
    strcpy(dir, "/tmp/fm_check_save_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void) {
    remove_tree(dir);
}

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

static const char original[] = "---\ntitle: Original\ntags: [a, b]\n---\nThe body.\n";

/* dir/name in buf. */
static const char *in_dir(char *buf, const char *name) {
    int n = snprintf(buf, PATH_MAX, "%s/%s", dir, name);
    ck_assert(n > 0 && n < PATH_MAX);
    return buf;
}

static void write_file(const char *path, const char *text, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_msg(fd >= 0, "cannot create %s: %s", path, strerror(errno));
    size_t len = strlen(text);
    ck_assert_int_eq((int)write(fd, text, len), (int)len);
    close(fd);
    ck_assert_int_eq(chmod(path, mode), 0);
}

/* The whole file, NUL-terminated (release with free). */
static char *read_all(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0)
            buf = realloc(buf, cap *= 2);
    }
    fclose(fp);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void assert_file(const char *path, const char *expect) {
    size_t len;
    char *got = read_all(path, &len);
    ck_assert_msg(len == strlen(expect) && memcmp(got, expect, len) == 0,
                  "%s holds \"%s\", expected \"%s\"", path, got, expect);
    free(got);
}

static mode_t mode_of(const char *path) {
    struct stat st;
    ck_assert_msg(stat(path, &st) == 0, "stat %s: %s", path, strerror(errno));
    return st.st_mode & 07777;
}

/* The folder holds exactly the NULL-terminated list of names (in any
 * order): no temporary file was left behind. */
static void assert_folder_holds(const char *folder, const char *const *names) {
    size_t want = 0;
    while (names[want])
        want++;
    DIR *d = opendir(folder);
    ck_assert_msg(d != NULL, "opendir %s: %s", folder, strerror(errno));
    size_t seen = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int known = 0;
        for (size_t i = 0; i < want; i++)
            if (strcmp(e->d_name, names[i]) == 0)
                known = 1;
        ck_assert_msg(known, "unexpected file %s/%s", folder, e->d_name);
        seen++;
    }
    closedir(d);
    ck_assert_uint_eq(seen, want);
}

static fm_doc *edited_doc(void) {
    fm_error err;
    fm_doc *doc = fm_test_parse(original, 0);
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "Edited", 6, &err), 0);
    return doc;
}

static const char edited[] = "---\ntitle: Edited\ntags: [a, b]\n---\nThe body.\n";

/* Expects a failed save with FM_ERR_IO and a message holding `cause`. */
static void assert_save_fails(const fm_doc *doc, const char *path, const char *cause) {
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_doc_save(doc, path, &err), -1);
    ck_assert_msg(err.code == FM_ERR_IO, "code %s (%s)", fm_code_name(err.code),
                  err.message);
    ck_assert_msg(strstr(err.message, cause) != NULL, "message \"%s\" lacks \"%s\"",
                  err.message, cause);
    ck_assert_msg(strstr(err.message, path) != NULL, "message \"%s\" lacks the path %s",
                  err.message, path);
}

/* ===================================================================== */
/* Saving                                                                */
/* ===================================================================== */

START_TEST(save_to_a_new_path_follows_the_umask) {
    char path[PATH_MAX];
    fm_error err;
    fm_doc *doc = edited_doc();
    mode_t old = umask(022);
    ck_assert_int_eq(fm_doc_save(doc, in_dir(path, "new.md"), &err), 0);
    assert_file(path, edited);
    ck_assert_uint_eq(mode_of(path), 0644);
    umask(027);
    ck_assert_int_eq(fm_doc_save(doc, in_dir(path, "private.md"), &err), 0);
    ck_assert_uint_eq(mode_of(path), 0640);
    umask(old);
    static const char *const names[] = {"new.md", "private.md", NULL};
    assert_folder_holds(dir, names);
    fm_doc_free(doc);
}
END_TEST

START_TEST(save_over_a_file_keeps_its_permission_bits) {
    char path[PATH_MAX];
    fm_error err;
    write_file(in_dir(path, "post.md"), original, 0640);
    struct stat before;
    ck_assert_int_eq(stat(path, &before), 0);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "Edited", 6, &err), 0);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), 0); /* the file it was loaded from */
    assert_file(path, edited);
    ck_assert_uint_eq(mode_of(path), 0640);
    struct stat after;
    ck_assert_int_eq(stat(path, &after), 0);
    ck_assert_msg(after.st_ino != before.st_ino, "the file was rewritten in place");
    /* odd bits too, and a file the owner cannot write (the folder is writable) */
    ck_assert_int_eq(chmod(path, 0604), 0);
    ck_assert_int_eq(fm_doc_save(doc, path, &err), 0);
    ck_assert_uint_eq(mode_of(path), 0604);
    ck_assert_int_eq(chmod(path, 0444), 0);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), 0);
    ck_assert_uint_eq(mode_of(path), 0444);
    assert_file(path, edited);
    static const char *const names[] = {"post.md", NULL};
    assert_folder_holds(dir, names);
    fm_doc_free(doc);
}
END_TEST

START_TEST(an_unedited_document_saves_its_bytes) {
    static const char text[] = "\xEF\xBB\xBF\r\n---  \r\n# c\r\na: 'x'\r\n...\r\nbody";
    char path[PATH_MAX];
    fm_error err;
    write_file(in_dir(path, "odd.md"), text, 0600);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), 0);
    assert_file(path, text);
    ck_assert_uint_eq(mode_of(path), 0600);
    fm_doc_free(doc);
}
END_TEST

START_TEST(save_through_a_symlink_writes_its_target) {
    char path[PATH_MAX], link[PATH_MAX], sub[PATH_MAX];
    fm_error err;
    ck_assert_int_eq(mkdir(in_dir(sub, "real"), 0755), 0);
    write_file(in_dir(path, "real/target.md"), original, 0640);
    ck_assert_int_eq(symlink("real/target.md", in_dir(link, "link.md")), 0);
    fm_doc *doc = fm_doc_load_file(link, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "Edited", 6, &err), 0);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), 0);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced");
    char target[PATH_MAX];
    ssize_t n = readlink(link, target, sizeof target - 1);
    ck_assert_int_gt((int)n, 0);
    target[n] = '\0';
    ck_assert_str_eq(target, "real/target.md");
    assert_file(path, edited);
    ck_assert_uint_eq(mode_of(path), 0640);
    static const char *const top[] = {"real", "link.md", NULL};
    assert_folder_holds(dir, top);
    static const char *const inner[] = {"target.md", NULL};
    assert_folder_holds(sub, inner);
    fm_doc_free(doc);
}
END_TEST

START_TEST(save_through_a_dangling_symlink) {
    char link[PATH_MAX], loop1[PATH_MAX], loop2[PATH_MAX];
    fm_doc *doc = edited_doc();
    ck_assert_int_eq(symlink("nowhere.md", in_dir(link, "dangling.md")), 0);
    ck_assert_int_eq(symlink("loop2", in_dir(loop1, "loop1")), 0);
    ck_assert_int_eq(symlink("loop1", in_dir(loop2, "loop2")), 0);
#if 1
    /* (fixed) BUG 8: a link whose target does not exist yet, or a loop of links, is
     * replaced by a regular file (realpath fails and the link itself is
     * renamed over); expected: the target is created behind the link, and a
     * loop fails with ELOOP. */
    fm_error err;
    char target[PATH_MAX];
    struct stat st;
    ck_assert_int_eq(fm_doc_save(doc, link, &err), 0);
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced");
    assert_file(in_dir(target, "nowhere.md"), edited);
    assert_save_fails(doc, loop1, "Too many levels of symbolic links");
    ck_assert_int_eq(lstat(loop1, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
#endif
    fm_doc_free(doc);
}
END_TEST

START_TEST(save_to_a_relative_path) {
    char cwd[PATH_MAX], path[PATH_MAX];
    fm_error err;
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    fm_doc *doc = edited_doc();
    ck_assert_int_eq(chdir(dir), 0);
    int rc = fm_doc_save(doc, "rel.md", &err);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_msg(rc == 0, "%s", err.message);
    assert_file(in_dir(path, "rel.md"), edited);
    static const char *const names[] = {"rel.md", NULL};
    assert_folder_holds(dir, names);
    fm_doc_free(doc);
}
END_TEST

/* ===================================================================== */
/* Failures                                                              */
/* ===================================================================== */

START_TEST(save_into_a_missing_folder_fails) {
    char path[PATH_MAX];
    fm_doc *doc = edited_doc();
    assert_save_fails(doc, in_dir(path, "missing/x.md"), "No such file or directory");
    static const char *const none[] = {NULL};
    assert_folder_holds(dir, none);
    fm_doc_free(doc);
}
END_TEST

START_TEST(save_over_a_folder_fails) {
    char path[PATH_MAX], inner[PATH_MAX];
    fm_doc *doc = edited_doc();
    ck_assert_int_eq(mkdir(in_dir(path, "sub"), 0755), 0);
    write_file(in_dir(inner, "sub/keep.md"), original, 0644);
    assert_save_fails(doc, path, "not a regular file");
    assert_file(inner, original);
    static const char *const names[] = {"sub", NULL};
    assert_folder_holds(dir, names);
    fm_doc_free(doc);
}
END_TEST

START_TEST(save_below_a_file_fails) {
    char path[PATH_MAX], file[PATH_MAX];
    fm_doc *doc = edited_doc();
    write_file(in_dir(file, "file.md"), original, 0644);
    assert_save_fails(doc, in_dir(path, "file.md/x.md"), "Not a directory");
    assert_file(file, original);
    static const char *const names[] = {"file.md", NULL};
    assert_folder_holds(dir, names);
    fm_doc_free(doc);
}
END_TEST

/* Runs fm_doc_save(doc, path) in a child process after `prepare` (which
 * returns 0 when it could do its part), and sends back the error. Returns
 * the child's exit status: 0 saved, 1 failed (err filled), 2 prepare failed,
 * 3 the error could not be sent. */
static int save_in_child(fm_doc *doc, const char *path, int (*prepare)(void),
                         fm_error *err) {
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        fm_error e;
        memset(&e, 0, sizeof e);
        int status = 2;
        if (prepare() == 0)
            status = fm_doc_save(doc, path, &e) == 0 ? 0 : 1;
        ssize_t w = write(fds[1], &e, sizeof e);
        fm_doc_free(doc); /* nothing left for valgrind to report in the child */
        _exit(w == (ssize_t)sizeof e ? status : 3);
    }
    close(fds[1]);
    memset(err, 0, sizeof *err);
    ssize_t got = read(fds[0], err, sizeof *err);
    close(fds[0]);
    int wstatus;
    ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
    ck_assert_msg(WIFEXITED(wstatus), "the child did not exit normally");
    ck_assert_int_eq((int)got, (int)sizeof *err);
    return WEXITSTATUS(wstatus);
}

/* A full disk, simulated: files may not grow past 64 bytes. */
static int limit_file_size(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_FSIZE, &rl) != 0)
        return -1;
    rl.rlim_cur = 64;
    signal(SIGXFSZ, SIG_IGN);
    return setrlimit(RLIMIT_FSIZE, &rl);
}

START_TEST(a_failed_write_leaves_the_original) {
    char path[PATH_MAX];
    fm_error err;
    write_file(in_dir(path, "post.md"), original, 0640);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(doc);
    char body[512];
    memset(body, 'x', sizeof body - 2);
    body[sizeof body - 2] = '\n';
    body[sizeof body - 1] = '\0';
    ck_assert_int_eq(fm_doc_set_body(doc, body, strlen(body), &err), 0);
    int status = save_in_child(doc, NULL, limit_file_size, &err);
    ck_assert_msg(status == 1, "child status %d", status);
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_msg(strstr(err.message, "write failed: File too large") != NULL, "%s",
                  err.message);
    ck_assert_msg(strstr(err.message, path) != NULL, "%s", err.message);
    assert_file(path, original);
    ck_assert_uint_eq(mode_of(path), 0640);
    static const char *const names[] = {"post.md", NULL};
    assert_folder_holds(dir, names);
    fm_doc_free(doc);
}
END_TEST

/* As root, become nobody; as anyone else, there is nothing to drop. */
static int drop_privileges(void) {
    if (geteuid() != 0)
        return 0;
    if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
        return -1;
    return geteuid() == 65534 ? 0 : -1;
}

START_TEST(a_folder_without_write_permission_fails) {
    char locked[PATH_MAX], path[PATH_MAX];
    fm_error err;
    /* As root the folder is root's with mode 0755 and a child that became
     * nobody saves; otherwise the folder is made read-only (0555). */
    int root = geteuid() == 0;
    ck_assert_int_eq(chmod(dir, 0755), 0); /* others may look inside */
    ck_assert_int_eq(mkdir(in_dir(locked, "locked"), 0755), 0);
    write_file(in_dir(path, "locked/post.md"), original, 0644);
    if (!root)
        ck_assert_int_eq(chmod(locked, 0555), 0);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "Edited", 6, &err), 0);
    int status = save_in_child(doc, NULL, drop_privileges, &err);
    if (!root && status == 0) {
        /* a capability such as CAP_DAC_OVERRIDE lets this user write anyway */
        fprintf(stderr, "check_save: note: cannot test permission denied here "
                        "(the read-only folder was writable)\n");
        fm_doc_free(doc);
        return;
    }
    ck_assert_msg(status == 1, "child status %d", status);
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_msg(strstr(err.message, "Permission denied") != NULL, "%s", err.message);
    ck_assert_msg(strstr(err.message, path) != NULL, "%s", err.message);
    assert_file(path, original);
    ck_assert_uint_eq(mode_of(path), 0644);
    static const char *const names[] = {"post.md", NULL};
    assert_folder_holds(locked, names);
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_parsed_document_has_no_default_path) {
    fm_error err;
    fm_doc *doc = edited_doc();
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_ptr_null(fm_doc_path(doc));
    fm_doc_free(doc);
    doc = fm_doc_new(FM_FORMAT_YAML, &err);
    ck_assert_int_eq(fm_doc_save(doc, NULL, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_int_eq(fm_doc_save(NULL, "/tmp/x", &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
#if 1
    /* (fixed) BUG 9: an empty path is not an argument error: the temporary file is
     * made in the current folder and the rename fails ("cannot save :
     * replace failed: No such file or directory", FM_ERR_IO). */
    ck_assert_int_eq(fm_doc_save(doc, "", &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
#endif
    fm_doc_free(doc);
    static const char *const none[] = {NULL};
    assert_folder_holds(dir, none);
}
END_TEST

static Suite *save_suite(void) {
    Suite *s = suite_create("save");
    TCase *t = tcase_create("save");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, save_to_a_new_path_follows_the_umask);
    tcase_add_test(t, save_over_a_file_keeps_its_permission_bits);
    tcase_add_test(t, an_unedited_document_saves_its_bytes);
    tcase_add_test(t, save_through_a_symlink_writes_its_target);
    tcase_add_test(t, save_through_a_dangling_symlink);
    tcase_add_test(t, save_to_a_relative_path);
    suite_add_tcase(s, t);
    t = tcase_create("failures");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, save_into_a_missing_folder_fails);
    tcase_add_test(t, save_over_a_folder_fails);
    tcase_add_test(t, save_below_a_file_fails);
    tcase_add_test(t, a_failed_write_leaves_the_original);
    tcase_add_test(t, a_folder_without_write_permission_fails);
    tcase_add_test(t, a_parsed_document_has_no_default_path);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(save_suite());
}
