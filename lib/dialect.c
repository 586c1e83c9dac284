/* SPDX-License-Identifier: MIT */
/* dialect.c - what each site generator derives once the keys are read: its
 * defaults, the file-name rules (Jekyll's posts and drafts, Zola's dated
 * pages), Jekyll's categories, and the keys it drops. */
#include "private.h"

#include <stdio.h>
#include <string.h>

/* ===================================================================== */
/* Shared                                                                */
/* ===================================================================== */

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static void default_bool(fm_tribool *b, fm_tribool value) {
    if (*b == FM_UNSET)
        *b = value;
}

/* The entry of the dialect's table read by `read`, or -1. */
static int entry_of(const fmp_article *a, fmp_read read, const char *key) {
    for (size_t e = 0; e < a->keys->count; e++)
        if (a->keys->keys[e].read == read &&
            (!key || strcmp(a->keys->keys[e].key, key) == 0))
            return (int)e;
    return -1;
}

/* Duplicate keys that the load dropped (FM_OPT_ALLOW_DUPLICATES). */
static int warn_duplicates(fmp_article *a) {
    for (const fmp_dup *d = a->snap->dups; d; d = d->next) {
        int rc;
        if (a->pub.dialect == FM_DIALECT_JEKYLL)
            rc = fmp_article_diag(a, FM_ERR_DUPLICATE_KEY, d->key, d->key,
                                  "duplicate key (Jekyll takes the one at line %u)",
                                  d->kept->line);
        else
            rc = fmp_article_diag(a, FM_ERR_DUPLICATE_KEY, d->key, d->key,
                                  "duplicate key (%s fails the build)",
                                  fmp_dialect_title(a->pub.dialect));
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* The file name of path (after its last '/'). */
static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ===================================================================== */
/* Hugo                                                                  */
/* ===================================================================== */

static int hugo_finish(fmp_article *a) {
    default_bool(&a->pub.draft, FM_FALSE);
    return 0;
}

/* ===================================================================== */
/* Jekyll                                                                */
/* ===================================================================== */

/* The parts of a post's file name: Jekyll's DATE_FILENAME_MATCHER
 * (YYYY-MM-DD-slug.ext, year of 2 to 4 digits, month and day of 1 or 2)
 * and, failing it, DATELESS_FILENAME_MATCHER (slug.ext). */
typedef struct post_name {
    const char *date; /* NULL when the name has none */
    size_t date_len;
    const char *slug;
    size_t slug_len;
} post_name;

static size_t count_digits(const char *s, size_t max) {
    size_t n = 0;
    while (n < max && is_digit(s[n]))
        n++;
    return n;
}

/* Where the date of a dated name ends (at its '-'), or 0. */
static size_t dated_prefix(const char *s) {
    size_t y = count_digits(s, 4), i = y;
    if (y < 2 || s[i] != '-')
        return 0;
    size_t m = count_digits(s + ++i, 2);
    if (m == 0 || s[i + m] != '-')
        return 0;
    i += m + 1;
    size_t d = count_digits(s + i, 2);
    if (d == 0 || s[i + d] != '-')
        return 0;
    return i + d;
}

static bool split_post_name(const char *name, post_name *out) {
    const char *dot = strrchr(name, '.');
    memset(out, 0, sizeof *out);
    if (!dot || !dot[1])
        return false; /* no extension: neither matcher */
    size_t date_end = dated_prefix(name);
    if (date_end) {
        out->date = name;
        out->date_len = date_end;
        out->slug = name + date_end + 1;
    } else {
        out->slug = name;
    }
    out->slug_len = (size_t)(dot - out->slug);
    while (out->slug_len > 0 && out->slug[out->slug_len - 1] == '.')
        out->slug_len--; /* slugs never end with a period */
    return true;
}

/* The folder part of rel before "_posts" or "_drafts" appears in it, as
 * Jekyll's superdirs (a substring match, as Jekyll has it). */
static const char *special_dir(const char *rel, const char **dir) {
    const char *p = strstr(rel, "_posts"), *q = strstr(rel, "_drafts");
    if (!p || (q && q < p)) {
        *dir = "_drafts";
        return q;
    }
    *dir = "_posts";
    return p;
}

int fmp_jekyll_kind(const char *rel) {
    post_name n;
    if (!rel)
        return FMP_JEKYLL_PAGE;
    /* The folder must be a component, below folders Jekyll reads (not
     * starting with '_' or '.'). */
    for (const char *c = rel; *c;) {
        const char *end = strchr(c, '/');
        if (!end)
            break;
        size_t len = (size_t)(end - c);
        if (len == 6 && memcmp(c, "_posts", 6) == 0)
            return split_post_name(base_name(rel), &n) && n.date ? FMP_JEKYLL_POST
                                                                 : FMP_JEKYLL_PAGE;
        if (len == 7 && memcmp(c, "_drafts", 7) == 0)
            return split_post_name(base_name(rel), &n) ? FMP_JEKYLL_DRAFT
                                                       : FMP_JEKYLL_PAGE;
        if (c[0] == '_' || c[0] == '.')
            return FMP_JEKYLL_PAGE;
        c = end + 1;
    }
    return FMP_JEKYLL_PAGE;
}

/* Utils.titleize_slug: the words between '-' capitalized, joined by spaces
 * (trailing empty words dropped, as Ruby's split does). */
static int titleize(fmp_article *a, const char *slug, size_t len, fm_str *out) {
    char *t = fmp_arena_alloc(&a->arena, len + 1);
    if (!t)
        return -1;
    while (len > 0 && slug[len - 1] == '-')
        len--;
    bool word_start = true;
    for (size_t i = 0; i < len; i++) {
        char c = slug[i];
        t[i] = c == '-' ? ' ' : word_start ? upper(c) : lower(c);
        word_start = c == '-';
    }
    t[len] = '\0';
    out->ptr = t;
    out->len = len;
    return 0;
}

/* A post's date from its file name, when the front matter has none (a
 * date key that holds a bad date fails Jekyll's build instead). */
static void date_from_name(fmp_article *a, const post_name *n) {
    char text[32];
    int y = 0, m = 0, d = 0;
    int e = entry_of(a, FMP_READ_JEKYLL_DATE, NULL);
    bool has_key = e >= 0 && a->slots[e].key && a->slots[e].value->type != FM_NULL;
    if ((a->pub.date.flags & FM_DT_SET) || has_key || !n->date || n->date_len > 10 ||
        sscanf(n->date, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1000)
        return;
    snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    fm_datetime_parse(text, 10, &a->pub.date);
}

/* Appends item to list (items[0..*n)) unless it is there already. */
static void add_unique(fm_str *items, size_t *n, fm_str item) {
    for (size_t i = 0; i < *n; i++)
        if (items[i].len == item.len && memcmp(items[i].ptr, item.ptr, item.len) == 0)
            return;
    items[(*n)++] = item;
}

/* The folders above _posts or _drafts: superdirs in Jekyll. */
static size_t path_categories(fmp_article *a, fm_str *items) {
    const char *dir, *rel = a->rel_path;
    const char *stop = rel ? special_dir(rel, &dir) : NULL;
    size_t n = 0;
    for (const char *c = rel; stop && c < stop;) {
        const char *end = memchr(c, '/', (size_t)(stop - c));
        size_t len = end ? (size_t)(end - c) : (size_t)(stop - c);
        if (len > 0 && items)
            add_unique(items, &n, (fm_str){fmp_article_strdup(a, c, len), len});
        else if (len > 0)
            n++;
        c += len + 1;
    }
    return n;
}

/* Document#populate_categories: the folders above _posts, the categories
 * (a string split at blanks), then the category (one item), each once. */
static int post_categories(fmp_article *a) {
    int ec = entry_of(a, FMP_READ_JEKYLL_CATEGORY, "categories");
    int e1 = entry_of(a, FMP_READ_JEKYLL_CATEGORY, "category");
    fmp_slot *cats = ec >= 0 && a->slots[ec].key ? &a->slots[ec] : NULL;
    fmp_slot *cat = e1 >= 0 && a->slots[e1].key ? &a->slots[e1] : NULL;
    fm_strlist from_cats = {NULL, 0}, from_cat = {NULL, 0};
    if (cats && fmp_jekyll_list(a, cats, true, &from_cats) < 0)
        return -1;
    if (cat && cat->value->type != FM_NULL &&
        fmp_jekyll_list(a, cat, false, &from_cat) < 0)
        return -1;
    bool path_kept = !cats || cats->value->type != FM_NULL;
    size_t max =
        (path_kept ? path_categories(a, NULL) : 0) + from_cats.count + from_cat.count;
    fm_str *items = fmp_arena_alloc(&a->arena, (max ? max : 1) * sizeof *items);
    if (!items)
        return -1;
    size_t n = path_kept ? path_categories(a, items) : 0;
    for (size_t i = 0; i < n; i++)
        if (!items[i].ptr)
            return -1;
    for (size_t i = 0; i < from_cats.count; i++)
        add_unique(items, &n, from_cats.items[i]);
    for (size_t i = 0; i < from_cat.count; i++)
        add_unique(items, &n, from_cat.items[i]);
    a->pub.categories = (fm_strlist){items, n};
    fmp_slot *src = cats ? cats : cat; /* a changed list goes to the plural */
    if (src) {
        a->source_key[F_CATEGORIES] = src->key;
        if (cats)
            a->consumed[cats->pair] = true;
        if (cat)
            a->consumed[cat->pair] = true;
    }
    return 0;
}

/* A page's categories: the categories key as it is (category is nothing
 * special outside posts). */
static int page_categories(fmp_article *a) {
    int ec = entry_of(a, FMP_READ_JEKYLL_CATEGORY, "categories");
    fmp_slot *cats = ec >= 0 && a->slots[ec].key ? &a->slots[ec] : NULL;
    if (!cats)
        return 0;
    int rc = fmp_jekyll_list(a, cats, false, &a->pub.categories);
    if (rc < 0)
        return -1;
    a->consumed[cats->pair] = true;
    if (rc == FMP_CAST_SET)
        a->source_key[F_CATEGORIES] = cats->key;
    return 0;
}

/* Keys Jekyll reads past in a post: `tags` beside `tag`, and `draft`. */
static int jekyll_ignored(fmp_article *a) {
    int et = entry_of(a, FMP_READ_JEKYLL_WORDS, "tags");
    int e1 = entry_of(a, FMP_READ_JEKYLL_ONE, "tag");
    int ed = entry_of(a, FMP_READ_JEKYLL_DRAFT, NULL);
    fmp_slot *tags = &a->slots[et], *tag = &a->slots[e1], *draft = &a->slots[ed];
    if (tag->key && tags->key && tag->value->type != FM_NULL) {
        a->consumed[tags->pair] = true;
        if (fmp_article_diag(a, FM_ERR_IGNORED, tags->key, tags->key,
                             "ignored (Jekyll takes \"tag\", line %u)", tag->key->line))
            return -1;
    }
    if (draft->key && a->page_kind == FMP_JEKYLL_POST &&
        fmp_article_diag(a, FM_ERR_IGNORED, draft->key, draft->key,
                         "ignored (Jekyll publishes every post of _posts; drafts go "
                         "in _drafts)"))
        return -1;
    return 0;
}

/* Document#populate_title and the rest of a post's file-name rules. */
static int post_rules(fmp_article *a) {
    post_name n;
    fm_article *p = &a->pub;
    split_post_name(base_name(a->rel_path), &n);
    date_from_name(a, &n);
    if (!p->title.ptr && titleize(a, n.slug, n.slug_len, &p->title) != 0)
        return -1;
    if (!p->slug.ptr) {
        p->slug.ptr = fmp_article_strdup(a, n.slug, n.slug_len);
        p->slug.len = n.slug_len;
        if (!p->slug.ptr)
            return -1;
    }
    p->draft = a->page_kind == FMP_JEKYLL_DRAFT ? FM_TRUE : FM_FALSE;
    static const fm_str no_tags[1] = {{"", 0}};
    if (!p->tags.items)
        p->tags = (fm_strlist){no_tags, 0}; /* pluralized_array_from_hash: [] */
    return jekyll_ignored(a) != 0 || post_categories(a) != 0 ? -1 : 0;
}

static int jekyll_finish(fmp_article *a) {
    default_bool(&a->pub.published, FM_TRUE);
    if (a->page_kind == FMP_JEKYLL_PAGE)
        return page_categories(a);
    return post_rules(a);
}

/* ===================================================================== */
/* Zola                                                                  */
/* ===================================================================== */

/* slugify_paths with Zola's default strategy "on" (the slug crate): ASCII
 * letters lowercased, digits kept, any run of other ASCII characters one
 * '-', none at either end; other characters kept as they are. */
static int zola_slugify(fmp_article *a, const char *s, size_t len, fm_str *out) {
    char *t = fmp_arena_alloc(&a->arena, len + 1);
    if (!t)
        return -1;
    size_t n = 0;
    bool dash = false;
    for (size_t i = 0; i < len; i++) {
        char c = lower(s[i]);
        bool keep = (c >= 'a' && c <= 'z') || is_digit(c) || (unsigned char)c >= 0x80;
        if (!keep) {
            dash = n > 0;
            continue;
        }
        if (dash)
            t[n++] = '-';
        dash = false;
        t[n++] = c;
    }
    t[n] = '\0';
    out->ptr = t;
    out->len = n;
    return 0;
}

/* Zola's RFC3339_DATE pattern on a file name: the length of its date (and
 * time) part, and in *slug what follows a '-' or '_' after it. */
static size_t zola_dated(const char *s, const char **slug) {
    size_t n = strlen(s), i = 10;
    *slug = NULL;
    if (n < 10 || count_digits(s, 4) != 4 || s[4] != '-' || s[7] != '-' ||
        !is_digit(s[5]) || !is_digit(s[6]) || !is_digit(s[8]) || !is_digit(s[9]))
        return 0;
    int month = (s[5] - '0') * 10 + s[6] - '0', day = (s[8] - '0') * 10 + s[9] - '0';
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return 0;
    if (s[i] == 'T') {
        /* THH:MM:SS[.frac](Z|+HH:MM): kept only when whole */
        size_t j = i + 1;
        bool ok = count_digits(s + j, 2) == 2 && s[j + 2] == ':' &&
                  count_digits(s + j + 3, 2) == 2 && s[j + 5] == ':' &&
                  count_digits(s + j + 6, 2) == 2;
        j += 8;
        if (ok && s[j] == '.' && count_digits(s + j + 1, 9) > 0)
            for (j++; is_digit(s[j]); j++)
                ;
        if (ok && s[j] == 'Z')
            j++;
        else if (ok && (s[j] == '+' || s[j] == '-') && count_digits(s + j + 1, 2) == 2 &&
                 s[j + 3] == ':' && count_digits(s + j + 4, 2) == 2)
            j += 6;
        else
            ok = false;
        if (ok)
            i = j;
    }
    size_t k = i;
    if (s[k] == ' ' || s[k] == '\t')
        k++;
    if ((s[k] == '-' || s[k] == '_') && s[k + 1])
        *slug = s + k + 1;
    return i;
}

/* The name Zola takes slug and date from: the file's name without its
 * extension, or its folder's for an index.md. */
static const char *zola_name(fmp_article *a, const char *path) {
    const char *base = base_name(path), *dot = strrchr(base, '.');
    size_t len = dot ? (size_t)(dot - base) : strlen(base);
    if (len == 5 && memcmp(base, "index", 5) == 0 && base > path) {
        const char *end = base - 1, *start = end;
        while (start > path && start[-1] != '/')
            start--;
        if (end > start)
            return fmp_article_strdup(a, start, (size_t)(end - start));
    }
    return fmp_article_strdup(a, base, len);
}

static int zola_finish(fmp_article *a) {
    fm_article *p = &a->pub;
    default_bool(&p->draft, FM_FALSE);
    const char *name = a->rel_path ? zola_name(a, a->rel_path) : NULL, *slug = NULL;
    if (a->rel_path && !name)
        return -1;
    size_t dated = name ? zola_dated(name, &slug) : 0;
    if (dated && !(p->date.flags & FM_DT_SET))
        fm_datetime_parse(name, dated, &p->date);
    if (p->slug.ptr)
        return zola_slugify(a, p->slug.ptr, p->slug.len, &p->slug);
    if (slug)
        return zola_slugify(a, slug, strlen(slug), &p->slug);
    return name ? zola_slugify(a, name, strlen(name), &p->slug) : 0;
}

/* ===================================================================== */
/* Dispatch                                                              */
/* ===================================================================== */

int fmp_dialect_finish(fmp_article *a) {
    if (warn_duplicates(a) != 0)
        return -1;
    switch (a->pub.dialect) {
    case FM_DIALECT_HUGO:
        return hugo_finish(a);
    case FM_DIALECT_JEKYLL:
        return jekyll_finish(a);
    case FM_DIALECT_ZOLA:
        return zola_finish(a);
    default:
        return 0;
    }
}
