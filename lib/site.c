/* SPDX-License-Identifier: MIT */
/* site.c - where a page stands in its site: the site's root (given, or the
 * nearest folder holding the generator's configuration) and the page's path
 * relative to it. */
#include "private.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_CAP 4096

/* The files that mark a site's top folder, per dialect (NULL-terminated). */
static const char *const jekyll_configs[] = {"_config.yml", "_config.yaml",
                                             "_config.toml", NULL};
static const char *const hugo_configs[] = {"hugo.toml",  "hugo.yaml",   "hugo.yml",
                                           "hugo.json",  "config.toml", "config.yaml",
                                           "config.yml", "config.json", NULL};
static const char *const zola_configs[] = {"zola.toml", "config.toml", NULL};

static const char *const *configs_of(fm_dialect d) {
    switch (d) {
    case FM_DIALECT_JEKYLL:
        return jekyll_configs;
    case FM_DIALECT_HUGO:
        return hugo_configs;
    case FM_DIALECT_ZOLA:
        return zola_configs;
    default:
        return NULL;
    }
}

/* Rewrites the absolute path p in place without "." and ".." parts and
 * repeated slashes ("/" stays "/"). */
static void normalize(char *p) {
    char *out = p + 1;
    const char *in = p + 1;
    bool more = *in != '\0';
    while (more) {
        const char *end = strchr(in, '/');
        size_t n = end ? (size_t)(end - in) : strlen(in);
        more = end != NULL; /* decided before the writes below move bytes */
        if (n == 0 || (n == 1 && in[0] == '.')) {
            /* nothing */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > p + 1 && out[-1] == '/')
                out--;
            while (out > p + 1 && out[-1] != '/')
                out--;
        } else {
            memmove(out, in, n);
            out += n;
            *out++ = '/';
        }
        in += n + 1;
    }
    if (out > p + 1 && out[-1] == '/')
        out--;
    *out = '\0';
}

/* path made absolute (from the working folder) and normalized into buf;
 * false when it does not fit. */
static bool absolute(const char *path, char *buf) {
    size_t n = 0;
    if (path[0] != '/') {
        if (!getcwd(buf, PATH_CAP))
            return false;
        n = strlen(buf);
        buf[n++] = '/';
    }
    size_t len = strlen(path);
    if (n + len + 1 > PATH_CAP)
        return false;
    memcpy(buf + n, path, len + 1);
    normalize(buf);
    return true;
}

/* The part of path after folder root, or NULL when path is not under it. */
static const char *under(const char *path, const char *root) {
    size_t n = strlen(root);
    if (n == 1) /* "/" */
        return path[1] ? path + 1 : NULL;
    return strncmp(path, root, n) == 0 && path[n] == '/' ? path + n + 1 : NULL;
}

static bool is_file(const char *folder, const char *name) {
    char buf[PATH_CAP];
    struct stat st;
    size_t n = strlen(folder);
    if (n + 1 + strlen(name) + 1 > PATH_CAP)
        return false;
    memcpy(buf, folder, n);
    buf[n] = '/';
    strcpy(buf + n + 1, name);
    return stat(buf, &st) == 0 && S_ISREG(st.st_mode);
}

/* Walks up from the folder of abs (an absolute file path) to the nearest
 * folder holding one of configs; writes it to root. */
static bool find_root(const char *abs, const char *const *configs, char *root) {
    strcpy(root, abs);
    for (;;) {
        char *slash = strrchr(root, '/');
        if (!slash)
            return false;
        if (slash == root) {
            if (!root[1])
                return false; /* "/" was tried */
            slash[1] = '\0';
        } else {
            *slash = '\0';
        }
        for (size_t i = 0; configs[i]; i++)
            if (is_file(root, configs[i]))
                return true;
    }
}

/* The relative part by the real (symlink-free) paths of both. */
static const char *by_real_paths(fmp_arena *arena, const char *path, const char *root) {
    char real_root[PATH_MAX], real_path[PATH_MAX];
    if (!realpath(root, real_root) || !realpath(path, real_path))
        return NULL;
    const char *rel = under(real_path, real_root);
    return rel ? fmp_arena_strndup(arena, rel, strlen(rel)) : NULL;
}

const char *fmp_site_relative(fmp_arena *arena, fm_dialect d, const char *path,
                              const char *root) {
    static const char *const no_configs[] = {NULL};
    const char *const *configs = configs_of(d);
    char abs_path[PATH_CAP], abs_root[PATH_CAP];
    if (!path || !*path || !absolute(path, abs_path))
        return NULL;
    if (root) {
        if (!absolute(root, abs_root))
            return NULL;
    } else if (!find_root(abs_path, configs ? configs : no_configs, abs_root)) {
        return NULL;
    }
    const char *rel = under(abs_path, abs_root);
    if (rel)
        return fmp_arena_strndup(arena, rel, strlen(rel));
    if (root && (rel = by_real_paths(arena, path, root)) != NULL)
        return rel;
    if (root && path[0] != '/') {
        /* A page that is not on disk under root: its path is root's. */
        char buf[PATH_CAP] = "/";
        if (strlen(path) + 2 > PATH_CAP)
            return NULL;
        strcpy(buf + 1, path);
        normalize(buf);
        return buf[1] ? fmp_arena_strndup(arena, buf + 1, strlen(buf + 1)) : NULL;
    }
    return NULL;
}
