/* SPDX-License-Identifier: MIT */
/* field.c - the one table of typed fields (name, type, member) and the keys
 * each dialect reads them from, with the public calls that walk them. */
#include "private.h"

#include <stddef.h>
#include <string.h>

/* ===================================================================== */
/* Fields                                                                */
/* ===================================================================== */

#define FIELD(id, name, type, key, member)                                               \
    [id] = {{name, type, key}, offsetof(fm_article, member)}

const fmp_field fmp_fields[FMP_FIELD_COUNT] = {
    FIELD(F_TITLE, "title", FM_FIELD_STRING, "title", title),
    FIELD(F_SUMMARY, "summary", FM_FIELD_STRING, "summary", summary),
    FIELD(F_DESCRIPTION, "description", FM_FIELD_STRING, "description", description),
    FIELD(F_SLUG, "slug", FM_FIELD_STRING, "slug", slug),
    FIELD(F_URL, "url", FM_FIELD_STRING, "url", url),
    FIELD(F_PERMALINK, "permalink", FM_FIELD_STRING, "permalink", permalink),
    FIELD(F_LAYOUT, "layout", FM_FIELD_STRING, "layout", layout),
    FIELD(F_TYPE, "type", FM_FIELD_STRING, "type", type),
    FIELD(F_AUTHOR, "author", FM_FIELD_STRING, "author", author),
    FIELD(F_MENU, "menu", FM_FIELD_STRING, "menu", menu),
    FIELD(F_THUMBNAIL, "thumbnail", FM_FIELD_STRING, "thumbnail", thumbnail),
    FIELD(F_LEAD, "lead", FM_FIELD_STRING, "lead", lead),
    FIELD(F_SIDEBAR, "sidebar", FM_FIELD_STRING, "sidebar", sidebar),
    FIELD(F_TAGS, "tags", FM_FIELD_LIST, "tags", tags),
    FIELD(F_CATEGORIES, "categories", FM_FIELD_LIST, "categories", categories),
    FIELD(F_KEYWORDS, "keywords", FM_FIELD_LIST, "keywords", keywords),
    FIELD(F_ALIASES, "aliases", FM_FIELD_LIST, "aliases", aliases),
    FIELD(F_AUTHORS, "authors", FM_FIELD_LIST, "authors", authors),
    FIELD(F_IMAGES, "images", FM_FIELD_LIST, "images", images),
    FIELD(F_SERIES, "series", FM_FIELD_LIST, "series", series),
    FIELD(F_LANG, "lang", FM_FIELD_LIST, "lang", lang),
    FIELD(F_TRANSLATIONS, "translations", FM_FIELD_LIST, "translations", translations),
    FIELD(F_WIDGETS, "widgets", FM_FIELD_LIST, "widgets", widgets),
    FIELD(F_DATE, "date", FM_FIELD_DATE, "date", date),
    FIELD(F_LASTMOD, "lastmod", FM_FIELD_DATE, "lastmod", lastmod),
    FIELD(F_PUBLISH_DATE, "publish_date", FM_FIELD_DATE, "publishDate", publish_date),
    FIELD(F_EXPIRY_DATE, "expiry_date", FM_FIELD_DATE, "expiryDate", expiry_date),
    FIELD(F_DRAFT, "draft", FM_FIELD_BOOL, "draft", draft),
    FIELD(F_COMMENTS, "comments", FM_FIELD_BOOL, "comments", comments),
    FIELD(F_AUTHORBOX, "authorbox", FM_FIELD_BOOL, "authorbox", authorbox),
    FIELD(F_PAGER, "pager", FM_FIELD_BOOL, "pager", pager),
    FIELD(F_TOC, "toc", FM_FIELD_BOOL, "toc", toc),
    FIELD(F_MATHJAX, "mathjax", FM_FIELD_BOOL, "mathjax", mathjax),
    FIELD(F_WEIGHT, "weight", FM_FIELD_INT, "weight", weight),
    FIELD(F_LINK_TITLE, "link_title", FM_FIELD_STRING, "linkTitle", link_title),
    FIELD(F_PUBLISHED, "published", FM_FIELD_BOOL, "published", published),
    FIELD(F_EXCERPT, "excerpt", FM_FIELD_STRING, "excerpt", excerpt),
    FIELD(F_EXCERPT_SEPARATOR, "excerpt_separator", FM_FIELD_STRING, "excerpt_separator",
          excerpt_separator),
    FIELD(F_PATH, "path", FM_FIELD_STRING, "path", path),
    FIELD(F_TEMPLATE, "template", FM_FIELD_STRING, "template", template_name),
    FIELD(F_OUTPUTS, "outputs", FM_FIELD_LIST, "outputs", outputs),
    FIELD(F_BUILD, "build", FM_FIELD_VALUE, "build", build),
    FIELD(F_PARAMS, "params", FM_FIELD_VALUE, "params", params),
    FIELD(F_CASCADE, "cascade", FM_FIELD_VALUE, "cascade", cascade),
    FIELD(F_TAXONOMIES, "taxonomies", FM_FIELD_VALUE, "taxonomies", taxonomies),
};

#undef FIELD

/* ===================================================================== */
/* Keys of each dialect                                                  */
/* ===================================================================== */

#define KEY(key, field, read) {key, sizeof(key) - 1, field, FMP_READ_##read, false}
#define FALLBACK(key, field, read) {key, sizeof(key) - 1, field, FMP_READ_##read, true}

/* fmatter's own reading: every field from the key of its name, in any
 * letter case, and a few other spellings. The first key of the document
 * that sets a field owns it, so the order here is free (generic_hash
 * below names each entry by its index). */
static const fmp_key generic_keys[] = {
    KEY("url", F_URL, STRING),
    KEY("toc", F_TOC, BOOL),
    KEY("slug", F_SLUG, STRING),
    KEY("type", F_TYPE, STRING),
    KEY("menu", F_MENU, MENU),
    KEY("lead", F_LEAD, STRING),
    KEY("tags", F_TAGS, WORDS),
    KEY("lang", F_LANG, LIST),
    KEY("date", F_DATE, DATE),
    KEY("title", F_TITLE, STRING),
    KEY("draft", F_DRAFT, BOOL),
    KEY("pager", F_PAGER, BOOL),
    KEY("layout", F_LAYOUT, STRING),
    KEY("author", F_AUTHOR, STRING),
    KEY("images", F_IMAGES, LIST),
    KEY("series", F_SERIES, LIST),
    KEY("weight", F_WEIGHT, INT),
    KEY("summary", F_SUMMARY, STRING),
    KEY("sidebar", F_SIDEBAR, STRING),
    KEY("aliases", F_ALIASES, LIST),
    KEY("authors", F_AUTHORS, LIST),
    KEY("widgets", F_WIDGETS, LIST),
    KEY("lastmod", F_LASTMOD, DATE),
    KEY("mathjax", F_MATHJAX, BOOL),
    KEY("pubdate", F_PUBLISH_DATE, DATE),
    KEY("keywords", F_KEYWORDS, LIST),
    KEY("comments", F_COMMENTS, BOOL),
    KEY("category", F_CATEGORIES, WORDS),
    KEY("permalink", F_PERMALINK, STRING),
    KEY("thumbnail", F_THUMBNAIL, STRING),
    KEY("authorbox", F_AUTHORBOX, BOOL),
    KEY("published", F_DRAFT, PUBLISHED),
    KEY("categories", F_CATEGORIES, WORDS),
    KEY("expiryDate", F_EXPIRY_DATE, DATE),
    KEY("description", F_DESCRIPTION, STRING),
    KEY("publishDate", F_PUBLISH_DATE, DATE),
    KEY("translations", F_TRANSLATIONS, LIST),
    KEY("unpublishdate", F_EXPIRY_DATE, DATE),
};

/* Each generic key's entry by FMP_KEY_HASH (1 + its index in generic_keys,
 * kept with it by hand: -Woverride-init, in -Wextra, refuses two keys of
 * one hash, and the tests look up every key in several letter cases). */
static const uint8_t generic_hash[128] = {
    [FMP_KEY_HASH(3, 'u', 'r')] = 1, [FMP_KEY_HASH(3, 't', 'o')] = 2,
    [FMP_KEY_HASH(4, 's', 'l')] = 3, [FMP_KEY_HASH(4, 't', 'y')] = 4,
    [FMP_KEY_HASH(4, 'm', 'e')] = 5, [FMP_KEY_HASH(4, 'l', 'e')] = 6,
    [FMP_KEY_HASH(4, 't', 'a')] = 7, [FMP_KEY_HASH(4, 'l', 'a')] = 8,
    [FMP_KEY_HASH(4, 'd', 'a')] = 9, [FMP_KEY_HASH(5, 't', 'i')] = 10,
    [FMP_KEY_HASH(5, 'd', 'r')] = 11, [FMP_KEY_HASH(5, 'p', 'a')] = 12,
    [FMP_KEY_HASH(6, 'l', 'a')] = 13, [FMP_KEY_HASH(6, 'a', 'u')] = 14,
    [FMP_KEY_HASH(6, 'i', 'm')] = 15, [FMP_KEY_HASH(6, 's', 'e')] = 16,
    [FMP_KEY_HASH(6, 'w', 'e')] = 17, [FMP_KEY_HASH(7, 's', 'u')] = 18,
    [FMP_KEY_HASH(7, 's', 'i')] = 19, [FMP_KEY_HASH(7, 'a', 'l')] = 20,
    [FMP_KEY_HASH(7, 'a', 'u')] = 21, [FMP_KEY_HASH(7, 'w', 'i')] = 22,
    [FMP_KEY_HASH(7, 'l', 'a')] = 23, [FMP_KEY_HASH(7, 'm', 'a')] = 24,
    [FMP_KEY_HASH(7, 'p', 'u')] = 25, [FMP_KEY_HASH(8, 'k', 'e')] = 26,
    [FMP_KEY_HASH(8, 'c', 'o')] = 27, [FMP_KEY_HASH(8, 'c', 'a')] = 28,
    [FMP_KEY_HASH(9, 'p', 'e')] = 29, [FMP_KEY_HASH(9, 't', 'h')] = 30,
    [FMP_KEY_HASH(9, 'a', 'u')] = 31, [FMP_KEY_HASH(9, 'p', 'u')] = 32,
    [FMP_KEY_HASH(10, 'c', 'a')] = 33, [FMP_KEY_HASH(10, 'e', 'x')] = 34,
    [FMP_KEY_HASH(11, 'd', 'e')] = 35, [FMP_KEY_HASH(11, 'p', 'u')] = 36,
    [FMP_KEY_HASH(12, 't', 'r')] = 37, [FMP_KEY_HASH(13, 'u', 'n')] = 38,
};

/* Hugo's front matter fields (gohugo.io/content-management/front-matter),
 * in any letter case; the dates in the order of its [frontmatter] defaults,
 * linkTitle falling back to title. */
static const fmp_key hugo_keys[] = {
    KEY("title", F_TITLE, HUGO_STRING),
    KEY("summary", F_SUMMARY, HUGO_STRING),
    KEY("description", F_DESCRIPTION, HUGO_STRING),
    KEY("slug", F_SLUG, HUGO_STRING),
    KEY("url", F_URL, HUGO_STRING),
    KEY("layout", F_LAYOUT, HUGO_STRING),
    KEY("type", F_TYPE, HUGO_STRING),
    KEY("menus", F_MENU, HUGO_MENU),
    KEY("menu", F_MENU, HUGO_MENU),
    KEY("tags", F_TAGS, HUGO_TERMS),
    KEY("categories", F_CATEGORIES, HUGO_TERMS),
    KEY("keywords", F_KEYWORDS, HUGO_FIELDS),
    KEY("aliases", F_ALIASES, HUGO_FIELDS),
    KEY("date", F_DATE, HUGO_DATE),
    FALLBACK("publishDate", F_DATE, HUGO_DATE),
    FALLBACK("pubdate", F_DATE, HUGO_DATE),
    FALLBACK("published", F_DATE, HUGO_DATE),
    FALLBACK("lastmod", F_DATE, HUGO_DATE),
    FALLBACK("modified", F_DATE, HUGO_DATE),
    KEY("lastmod", F_LASTMOD, HUGO_DATE),
    KEY("modified", F_LASTMOD, HUGO_DATE),
    FALLBACK("date", F_LASTMOD, HUGO_DATE),
    FALLBACK("publishDate", F_LASTMOD, HUGO_DATE),
    FALLBACK("pubdate", F_LASTMOD, HUGO_DATE),
    FALLBACK("published", F_LASTMOD, HUGO_DATE),
    KEY("publishDate", F_PUBLISH_DATE, HUGO_DATE),
    KEY("pubdate", F_PUBLISH_DATE, HUGO_DATE),
    KEY("published", F_PUBLISH_DATE, HUGO_DATE),
    FALLBACK("date", F_PUBLISH_DATE, HUGO_DATE),
    KEY("expiryDate", F_EXPIRY_DATE, HUGO_DATE),
    KEY("unpublishdate", F_EXPIRY_DATE, HUGO_DATE),
    KEY("draft", F_DRAFT, HUGO_BOOL),
    KEY("weight", F_WEIGHT, HUGO_INT),
    KEY("linkTitle", F_LINK_TITLE, HUGO_STRING),
    FALLBACK("title", F_LINK_TITLE, HUGO_STRING),
    KEY("outputs", F_OUTPUTS, HUGO_FIELDS),
    KEY("build", F_BUILD, HUGO_MAP),
    KEY("_build", F_BUILD, HUGO_MAP),
    KEY("params", F_PARAMS, HUGO_MAP),
    KEY("cascade", F_CASCADE, HUGO_CASCADE),
    KEY("headless", FMP_NO_FIELD, KNOWN),
    KEY("isCJKLanguage", FMP_NO_FIELD, KNOWN),
    KEY("markup", FMP_NO_FIELD, KNOWN),
    KEY("resources", FMP_NO_FIELD, KNOWN),
    KEY("sitemap", FMP_NO_FIELD, KNOWN),
    KEY("sites", FMP_NO_FIELD, KNOWN),
    KEY("translationKey", FMP_NO_FIELD, KNOWN),
};

/* Jekyll's variables (jekyllrb.com/docs/front-matter, /docs/posts), as
 * written: Ruby's hash keys are case-sensitive. */
static const fmp_key jekyll_keys[] = {
    KEY("title", F_TITLE, JEKYLL_STRING),
    KEY("slug", F_SLUG, JEKYLL_STRING),
    KEY("permalink", F_PERMALINK, JEKYLL_STRING),
    KEY("layout", F_LAYOUT, JEKYLL_STRING),
    KEY("tag", F_TAGS, JEKYLL_ONE),
    KEY("tags", F_TAGS, JEKYLL_WORDS),
    KEY("categories", F_CATEGORIES, JEKYLL_CATEGORY),
    KEY("category", F_CATEGORIES, JEKYLL_CATEGORY),
    KEY("date", F_DATE, JEKYLL_DATE),
    KEY("published", F_PUBLISHED, JEKYLL_PUBLISHED),
    KEY("excerpt", F_EXCERPT, JEKYLL_STRING),
    KEY("excerpt_separator", F_EXCERPT_SEPARATOR, JEKYLL_STRING),
    KEY("draft", FMP_NO_FIELD, JEKYLL_DRAFT),
};

/* Zola's page front matter (getzola.org/documentation/content/page), as
 * written. */
static const fmp_key zola_keys[] = {
    KEY("title", F_TITLE, ZOLA_STRING),
    KEY("description", F_DESCRIPTION, ZOLA_STRING),
    KEY("slug", F_SLUG, ZOLA_NONEMPTY),
    KEY("taxonomies.tags", F_TAGS, ZOLA_TERMS),
    KEY("taxonomies.categories", F_CATEGORIES, ZOLA_TERMS),
    KEY("aliases", F_ALIASES, ZOLA_LIST),
    KEY("authors", F_AUTHORS, ZOLA_LIST),
    KEY("date", F_DATE, ZOLA_DATE),
    KEY("updated", F_LASTMOD, ZOLA_DATE),
    KEY("draft", F_DRAFT, ZOLA_BOOL),
    KEY("weight", F_WEIGHT, ZOLA_UINT),
    KEY("path", F_PATH, ZOLA_NONEMPTY),
    KEY("template", F_TEMPLATE, ZOLA_STRING),
    KEY("taxonomies", F_TAXONOMIES, ZOLA_TABLE),
    KEY("extra", FMP_NO_FIELD, ZOLA_EXTRA),
    KEY("render", FMP_NO_FIELD, KNOWN),
    KEY("in_search_index", FMP_NO_FIELD, KNOWN),
};

#undef KEY
#undef FALLBACK

#define TABLE(keys, fold) {keys, sizeof keys / sizeof keys[0], fold, NULL}

static const fmp_keys dialect_tables[] = {
    {generic_keys, sizeof generic_keys / sizeof generic_keys[0], true, generic_hash},
    TABLE(hugo_keys, true),
    TABLE(jekyll_keys, false),
    TABLE(zola_keys, false),
};

#undef TABLE

const fmp_keys *fmp_dialect_keys(fm_dialect d) {
    if (d < FM_DIALECT_GENERIC || d > FM_DIALECT_ZOLA)
        d = FM_DIALECT_GENERIC;
    return &dialect_tables[d - FM_DIALECT_GENERIC];
}

/* ===================================================================== */
/* Dialect names                                                         */
/* ===================================================================== */

static const char *const dialect_names[] = {"default", "generic", "hugo", "jekyll",
                                            "zola"};

const char *fm_dialect_name(fm_dialect dialect) {
    if ((unsigned)dialect >= sizeof dialect_names / sizeof dialect_names[0])
        return NULL;
    return dialect_names[dialect];
}

int fm_dialect_from_name(const char *name, size_t len, fm_dialect *out) {
    for (size_t i = 0; name && i < sizeof dialect_names / sizeof dialect_names[0]; i++) {
        if (strlen(dialect_names[i]) == len && memcmp(dialect_names[i], name, len) == 0) {
            if (out)
                *out = (fm_dialect)i;
            return 0;
        }
    }
    return -1;
}

/* ===================================================================== */
/* The public walk                                                       */
/* ===================================================================== */

size_t fm_article_field_count(void) {
    return FMP_FIELD_COUNT;
}

const fm_field_info *fm_article_field_info(size_t i) {
    return i < FMP_FIELD_COUNT ? &fmp_fields[i].info : NULL;
}

int fm_article_field_find(const char *name, size_t len) {
    for (size_t i = 0; name && i < FMP_FIELD_COUNT; i++) {
        const char *n = fmp_fields[i].info.name;
        if (strlen(n) == len && memcmp(n, name, len) == 0)
            return (int)i;
    }
    return -1;
}

const char *fm_article_field_key(size_t i, fm_dialect dialect, size_t j) {
    const fmp_keys *t = fmp_dialect_keys(dialect);
    for (size_t k = 0; i < FMP_FIELD_COUNT && k < t->count; k++)
        if (t->keys[k].field == i && j-- == 0)
            return t->keys[k].key;
    return NULL;
}

/* Whether the member at m of a field of type `type` holds a value. */
static int member_is_set(const fm_article *a, fm_field_type type, const void *m) {
    switch (type) {
    case FM_FIELD_STRING:
        return ((const fm_str *)m)->ptr != NULL;
    case FM_FIELD_LIST:
        return ((const fm_strlist *)m)->items != NULL;
    case FM_FIELD_DATE:
        return (((const fm_datetime *)m)->flags & FM_DT_SET) != 0;
    case FM_FIELD_BOOL:
        return *(const fm_tribool *)m != FM_UNSET;
    case FM_FIELD_INT:
        return a->has_weight != 0;
    default:
        return *(const fm_value *const *)m != NULL;
    }
}

int fm_article_field_get(const fm_article *article, size_t i, fm_field_value *out) {
    if (!article || !out || i >= FMP_FIELD_COUNT || fmp_fields[i].offset >= article->size)
        return -1;
    const fmp_field *f = &fmp_fields[i];
    const void *m = fmp_field_ptr(article, i);
    memset(out, 0, sizeof *out);
    out->type = f->info.type;
    out->is_set = member_is_set(article, f->info.type, m);
    if (!out->is_set)
        return 0;
    switch (f->info.type) {
    case FM_FIELD_STRING:
        out->u.str = *(const fm_str *)m;
        break;
    case FM_FIELD_LIST:
        out->u.list = *(const fm_strlist *)m;
        break;
    case FM_FIELD_DATE:
        out->u.date = *(const fm_datetime *)m;
        break;
    case FM_FIELD_BOOL:
        out->u.flag = *(const fm_tribool *)m;
        break;
    case FM_FIELD_INT:
        out->u.integer = *(const int64_t *)m;
        break;
    default:
        out->u.value = *(const fm_value *const *)m;
        break;
    }
    return 1;
}
