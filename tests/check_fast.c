/* SPDX-License-Identifier: MIT */
/* check_fast.c - the fast path (lib/yaml_fast.c) builds exactly libyaml's tree
 * or gives up: tests/data, the shared corpus and tricky cases compared node
 * by node, how much of real front matter it takes, and out of memory. */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

#include "private.h" /* linked with the library's objects: fmp_load_fast */
#include "failalloc.h"
#include "readfile.h"
#include "testutil.h"
#include "treecmp.h"

/* ---------------------------------------------------------------- helpers */

/* The configurations every input is compared under: the defaults, tight
 * limits with merged duplicates (so the limit checks are exercised), and
 * FM_OPT_LENIENT (front matter never closed is no front matter). */
#define CONFIGS 3
static void config_at(int i, fm_config *cfg) {
    fm_config_init(cfg);
    if (i == 2)
        cfg->options = FM_OPT_LENIENT;
    if (i == 1) {
        cfg->options = FM_OPT_ALLOW_DUPLICATES;
        cfg->max_depth = 2;
        cfg->max_keys = 5;
        cfg->max_key_length = 6;
        cfg->max_scalar_length = 12;
    }
}

static void assert_same(const char *name, const char *s, size_t len) {
    for (int i = 0; i < CONFIGS; i++) {
        fm_config cfg;
        char why[1024];
        config_at(i, &cfg);
        ck_assert_msg(fm_parse_diff(s, len, &cfg, NULL, why, sizeof why) == 0,
                      "%s (config %d): %s", name, i, why);
    }
}

/* What fmp_load_fast does with the input under cfg: 0 built, 1 gave up;
 * -2 when libyaml cannot load it with the default limits either, -3 when
 * it has no front matter. */
static int fast_status(const char *s, size_t len, const fm_config *cfg) {
    fm_config dflt;
    fm_config_init(&dflt);
    dflt.options = FM_OPT_NO_FAST_PATH;
    fm_error err;
    fmp_snap *snap = fmp_snap_parse(s, len, FMP_TEXT_COPY, &dflt, &err);
    if (!snap)
        return -2;
    int rc = -3;
    if (snap->parts.format != FM_FORMAT_NONE) {
        const fm_value *slow = snap->root;
        snap->root = NULL;
        rc = fmp_load_fast(snap, cfg, &err);
        ck_assert_msg(rc == 0 || snap->root == NULL, "gave up with a root");
        ck_assert_msg(rc != 0 || snap->root != slow, "built no new root");
    }
    fmp_snap_release(snap);
    return rc;
}

static fm_format format_of(const char *s, size_t len) {
    fm_parts parts;
    return fm_split(s, len, 0, &parts, NULL) == 0 ? parts.format : FM_FORMAT_NONE;
}

typedef struct walk_stats {
    size_t files, fast, gave_up, failed, no_front;
} walk_stats;

/* Compares every file under dir (recursively) and counts fast-path use. */
static void walk(const char *dir, walk_stats *st) {
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            walk(path, st);
            continue;
        }
        size_t len;
        char *s = fm_read_file(path, &len);
        ck_assert_msg(s != NULL, "cannot read %s", path);
        assert_same(path, s, len);
        fm_config cfg;
        fm_config_init(&cfg);
        int rc = fast_status(s, len, &cfg);
        st->files++;
        st->fast += rc == 0;
        st->gave_up += rc == 1 && format_of(s, len) == FM_FORMAT_YAML;
        st->failed += rc == -2;
        st->no_front += rc == -3;
        free(s);
    }
    closedir(d);
}

static const char *srcdir(void) {
    const char *top = getenv("top_srcdir");
    return top ? top : ".";
}

/* $FM_CORPUS_DIR/sub, or NULL (with a note) when it is not there. */
static const char *corpus_dir(const char *sub, char *buf, size_t cap) {
    const char *dir = getenv("FM_CORPUS_DIR");
    struct stat sb;
    if (dir)
        snprintf(buf, cap, "%s/%s", dir, sub);
    if (!dir || stat(buf, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "check_fast: skipped %s: FM_CORPUS_DIR/%s not found\n", sub, sub);
        return NULL;
    }
    return buf;
}

/* ---------------------------------------------------------------- same trees */

START_TEST(tests_data_loads_the_same) {
    char dir[4096];
    walk_stats st = {0};
    snprintf(dir, sizeof dir, "%s/tests/data", srcdir());
    walk(dir, &st);
    ck_assert_uint_gt(st.files, 40);
    ck_assert_uint_gt(st.fast, 5);
}
END_TEST

START_TEST(corpus_loads_the_same) {
    static const char *const subs[] = {"hugo-docs", "jekyll-docs"};
    for (size_t i = 0; i < 2; i++) {
        char buf[4096];
        const char *dir = corpus_dir(subs[i], buf, sizeof buf);
        walk_stats st = {0};
        if (!dir)
            continue;
        walk(dir, &st);
        fprintf(stderr,
                "check_fast: %s: %zu files, fast path %zu, gave up %zu, "
                "failed %zu, no front matter %zu\n",
                subs[i], st.files, st.fast, st.gave_up, st.failed, st.no_front);
        /* The fast path takes at least 99% of the front matter there is. */
        size_t yaml = st.fast + st.gave_up;
        ck_assert_msg(100 * st.fast >= 99 * yaml, "%s: fast path took %zu of %zu", subs[i],
                      st.fast, yaml);
    }
}
END_TEST

/* Inputs near every edge of the accepted shape, each framed by fences. */
/* clang-format off */
static const char *const tricky[] = {
    /* plain scalars */
    "a: 1\n", "a:\n", "a: b", "a: b   \n", "a: b # c\n", "a: b#c\n", "a: b:c\n",
    "a: b: c\n", "a: b:\n", "a:   # c\nb: 2\n", "a: -1\n", "a: - b\n", "a: -\n",
    "a: --- \n", "a: ...\n", "a: b  # c  \n", "a: b #\n", "a: #\n", "a:#\n", "a:b\n",
    "a:b: c\n", "a: x y  z\n", "a: [x] y\n", "a: {x\n", "a: it's\n", "a: \"x\" y\n",
    "a: 'x'y\n", "a: @x\n", "a: `x\n", "a: %x\n", "a: ,x\n", "a: ]x\n", "a: }x\n",
    "a: ?x\n", "a: ? x\n", "a: :x\n", "a: x:\n", "a: x: \n", "a: &x 1\n", "a: *x\n",
    "a: !t 1\n", "a: !!str 1\n", "a: |\n  x\n", "a: >-\n  x\n",
    /* quoted scalars */
    "a: 'x'\n", "a: 'it''s'\n", "a: ''\n", "a: '''\n", "a: \"\"\n", "a: \"x\" # c\n",
    "a: \"x\"# c\n", "a: \"x\n  y\"\n", "a: 'x\n  y'\n", "a: \"a\\\n  b\"\n",
    "a: \"x\\ny\\t\\u00e9\\x41\\U0001F600\\N\\_\\L\\P\\0\\/\\\\\\\""
    "\\a\\b\\e\\f\\r\\v\\ \"\n",
    "a: \"\\'\"\n", "a: \"\\q\"\n", "a: \"\\ud800\"\n", "a: \"\\x4\"\n", "a: \"\\x4g\"\n",
    "a: \"\\U00110000\"\n", "a: \"\\u0000\"\n", "a: \"\\x80\\xff\"\n", "a: \"x\\\"\n",
    "a: \"\\\\\"\n", "a: \"\\\"\"\n", "a: '\\'\n", "a: \"\\\n",
    /* flow sequences */
    "a: [a, b, c]\n", "a: []\n", "a: [ ]\n", "a: [a,b]\n", "a: [ a , b ]\n",
    "a: ['a', \"b\"]\n", "a: [a b, c]\n", "a: [a,]\n", "a: [,a]\n", "a: [a,,b]\n",
    "a: [a:b]\n", "a: [a: b]\n", "a: [a]#c\n", "a: [a] #c\n", "a: [a] b\n", "a: [a\n",
    "a: [a,\n  b]\n", "a: [[a]]\n", "a: [{a: b}]\n", "a: {a: b}\n", "a: [http://x.y]\n",
    "a: [-1, 2]\n", "a: [a?b]\n", "a: [a#b]\n", "a: [a #b]\n", "a: ['a' , \"b\" ]\n",
    "a: [\"x\\\"y\", 'p''q']\n", "a: [é, ü ]\n", "a: [true, 1, ~, 2.5, 2025-01-02]\n",
    "a: ['a'b]\n", "a: []x\n", "a: [] # c\n",
    /* block collections */
    "a:\n  b: 1\n  c: 2\nd: 3\n", "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
    "a:\n    b: 1\n  c: 2\n", "a:\n  b: 1\n    c: 2\n", "a:\n  b: 1\n c: 2\n",
    "a:\n- x\n- y\nb: 1\n", "a:\n  - x\n  - y\nb: 1\n", "a:\n  - x\n   y\n",
    "a:\n  - x\n  y: 1\n", "a:\n- x\n  y\n", "a:\n-\n- y\n", "a:\n  -\n  - y\n",
    "a:\n  -\n", "a:\n-\nb: 1\n", "a:\n- \n  b: 1\n", "a:\n  - b: 1\n", "a:\n  - - b\n",
    "a:\n  - [a]\n", "a:\n   - x\n  - y\n", "a:\n  - x\n - y\n", "a:\n  b:\n  c: 1\n",
    "a:\n  b:\n- c\n", "a:\n  b:\n  - c\n  d: 1\n", "a:\n- x\n- 'y' # c\n- \"z\"\nb:\n",
    "a:\n  - x\n  -  y  \n  - 'z' # c\n", "a: 1\n- b\n", "a:\n  b: 1\n  - c\n",
    "a:\n  - x\n  - y\n  b: 1\n", "a:\n  x\n", "a:\n  x: 1\n  y\n", "a:\n\n\n  b: 1\n",
    "a:\n  # c\n  b: 1\n", "a:\n# c\n  b: 1\n",
    "a:\n  b:\n    c:\n      d:\n        e: 1\n",
    "a: # c\n  b: 1\n", "a: # c\n- b\n", "p:\n  t:\n  - a\n  u: 1\nv: 2\n",
    "p:\n  t:\n  - a\n- b\n", "a:\n  - x\n\n  # c\n  - y\n",
    /* lines, comments, ends */
    "a: 1\n  b\n", "a: 1\n# c\n  b\n", "a: 1\n  # c\nb: 2\n", "a: 1\n\n\nb: 2\n",
    "a: 1\n   \nb: 2\n", "# only comment\n", "\n\n", "", "   \n", "# c\na: 1\n",
    "\n\na: 1\n\n\n# trailing\n", "a: 1\nb: 2", "a:\n  b: 1", "a:\n- x", "a: [x]",
    "a: 'x'", "a: \"x\"", "a: 1 ", "a:", "a: 1\n  ", "a: 1\n#", "  a: 1\n", "- a\n",
    "a\n", "'a'\n", "[a]\n", "a: 1\n--- x\n", "a: 1\n...x\n", "a: 1\n--\n",
    "%YAML 1.2\n---\na: 1\n", "a: 1\n%x\n",
    /* line ends and characters */
    "a: 1\r\nb: 2\r\n", "a:\r\n  - x\r\n  - y\r\nb: [1, 2]\r\n", "a: 'x'\r\n",
    "a: 1\rb: 2\n", "a:\r\n", "a: b \r\n", "a: b\r", "a: b # c\r\n", "a:\r\n  b: 1\r\n",
    "a: \t1\n", "a: 1\t\n", "\ta: 1\n", "a:\t\n", "a: x\x7f\n", "a: x\x01\n",
    "a: \xc2\x85\n", "a: \xe2\x80\xa8\n", "a: \xe2\x80\xa9x\n", "a: \xef\xbb\xbf\n",
    "\xef\xbb\xbf" "a: 1\n", "a: \xff\n", "a: \xc3\n", "a: \xed\xa0\x80\n",
    "a: \xc2\xa0\n",
    "a: \xc2\x9f\n", "a: \xef\xbf\xbe\n", "a: \xf4\x90\x80\x80\n", "a: \xc0\xaf\n",
    "\xe6\x97\xa5\xe6\x9c\xac: \xe8\xaa\x9e\n\xd0\xba\xd0\xbb: \xd0\xba # c\nt:\n"
    "  - \xf0\x9f\x98\x80" "b\n  - \xc3\xa9\nn: [\xc3\xa9, '\xc3\xbc']\n",
    "a: \xc3\xa9 x \xc3\xa9  # \xc3\xa9\nb:\n  - \"\xc3\xa9\"\n",
    "\xc3\xa9:\n  \xc3\xa9: 1\n\xc3\xa9\xc3\xa9: 2\n",
    /* keys */
    "a: 1\na: 2\n", "a: 1\n'a': 2\n", "a: 1\n\"a\": 2\n", "a:\n  b: 1\nb: 2\n",
    "a:\n  x: 1\n  x: 2\n", "\"a b\": 1\n", "'a': 1\n", "\"a\":1\n", "\"a\" : 1\n",
    "a : 1\n", "a b: 1\n", "a  b: c  d\n", "http://x: y\n", "-a: 1\n", "?a: 1\n",
    ":a: 1\n", "a#b: 1\n", "a #b: 1\n", "&a b: 1\n", "[a]: 1\n", "{a}: 1\n", "*a: 1\n",
    "!a: 1\n", "1: a\ntrue: b\nnull: c\n~: d\n1.5: e\n", "'': 1\n\"\": 2\n", ".a: 1\n",
    "a.b/c_d-e: 1\n", "\"\\u00e9\": 1\n\xc3\xa9: 2\n", "'a''b': 1\n",
    "a: 1\nb: 2\na: 3\n",
    /* block scalars: indicators, chomping, indentation, folding */
    "a: |\n  x\n", "a: |\n  x\n  y\n", "a: >\n  x\n  y\n", "a: |-\n  x\n", "a: |+\n  x\n\n\n",
    "a: >+\n  x\n\n", "a: >-\n  x\n  y\n\n", "a: |2\n   x\n", "a: |1\n  x\n", "a: |2-\n  x\n",
    "a: |-2\n  x\n", "a: |0\n  x\n", "a: |10\n  x\n", "a: |++\n x\n", "a: | # c\n  x\n",
    "a: |#c\n  x\n", "a: | x\n  y\n", "a: |\n\n  x\n", "a: |\n  \n  x\n", "a: |\n    \n  x\n",
    "a: |\n  x\n    y\n  z\n", "a: >\n  x\n    y\n  z\n", "a: >\n  x\n\n  y\n",
    "a: >\n  x\n\n\n  y\n", "a: >\n   x\n  y\n", "a: |\n  x\n# c\nb: 1\n",
    "a: |\n  x\n  # not a comment\n", "a: |\nb: 1\n", "a: |\n\nb: 1\n", "a: |+\n\nb: 1\n",
    "a: |-\n\n\nb: 1\n", "a: |\n  x\n \n", "a: |\n  x   \n", "a: >\n  x \n  y\n",
    "a: >\n  x\n   y\n  z\n", "a: >\n  \n  x\n", "a: >\n x\n\n  y\n z\n", "a:\n- |\n  x\n- >-\n  y\n",
    "a:\n  - |\n    x\n  - b\n", "a: |\n\t x\n", "a: |\n  x\t\n", "a: >\n  \xc3\xa9 x\n  y\n",
    "a:\n  |\n   x\n", "a: |\r\n  x\r\n  y\r\n", "a: >\r\n  x\r\n\r\n  y\r\n", "a: |2\n  x\n   y\n",
    "a: |1\n   x\n", "a: >2\n   x\n  y\n", "a: |\n  x\n y\n", "a: |\n  x\nb: |\n  y\n",
    "a: |\n  x", "a: >\n  x\n  y", "a: |-\n  x\n\n", "a: > \n  x\n", "a: |\n   x\n  y\n",
    /* plain scalars over several lines */
    "a: b\n  c\n", "a: b\n c\n", "a: b\n  c\n  d\n", "a: b\n\n  c\n", "a: b\n\n\n  c\n",
    "a: b\n  \n  c\n", "a: b   \n  c   \n", "a: b\n  c: d\n", "a: b\n  c # x\n  d\n",
    "a: b\n  # c\n  d\n", "a: b\n  - c\n", "a: b\n  [c]\n", "a: b\n  'c'\n", "a: b\n  c#d\n",
    "a: 1\n  2\n", "a: true\n  x\n", "a:\n  b\n  c\n", "a:\n  b\n c\n", "a:\n  b\n\n  c\nd: 1\n",
    "k:\n- a\n  b\n- c\n", "k:\n  - a\n   b\n", "k:\n  - a\n  b\n", "a: b\n  c\n\n",
    "a: b\n  c\nd: e\n  f\n", "a: b c\n  d  e\n", "a: b\n  c ---\n", "a: b\n  ... x\n",
    "a: \xc3\xa9\n  \xc3\xa9 x\n", "a: b\r\n  c\r\n", "a: b\n   \n", "a: -1\n  2\n", "a: b\n  c:\n",
    "a: b\n  c\n  # d\n", "a: b\n  c", "a: b\n  ? c\n", "a: b\n  c: \n", "a: b\n  & c\n",
    "a:\n  b # c\n  d\n", "a:\n  b\n  c: d\n", "a: 2025-01-01\n  x\n", "a: b\n  c   d\n",
    /* quoted scalars over several lines */
    "a: 'b\n  c'\n", "a: \"b\n  c\"\n", "a: 'b\n\n  c'\n", "a: \"b  \n  c\"\n",
    "a: \"b\\\n  c\"\n", "a: \"b \\\n  c\"\n", "a: \"b\\\n\n  c\"\n", "a: '''\n  x\n  '''\n",
    "a: 'it''s\n  x'\n", "a: \"x\\ty\n  z\\u00e9\"\n", "a: \"b\n  c\" # c\n", "a: \"b\n  c\" d\n",
    "a: \"b\n  c\": d\n", "a: 'b\nc'\n", "a: \"b\n  \\q\"\n", "a: \"b\n", "a: 'b\n  c\n",
    "a: \"\\\n  b\"\n", "a: \"b\n  \n  c\"\n", "a:\n  \"b\n  c\"\n", "k:\n  - 'a\n    b'\n",
    "a: \"  b\n  c  \"\n", "a: \"b\\ \n  c\"\n", "a: 'b\r\n  c'\r\n", "a: \"b\n  c\\\"\n  d\"\n",
    "a: 'b''\n  c'\n", "a: \"b\\\\\n  c\"\n", "a: \"b\n  c\\\n\"\n", "a: 'b\n  ---\n  c'\n",
    /* flow mappings, nested and multi-line flow collections */
    "a: {b: 1, c: [2, 3]}\n", "a: {}\n", "a: { }\n", "a: {b: 1,}\n", "a: {b: 1, b: 2}\n",
    "a: {b}\n", "a: {b: }\n", "a: {b:1}\n", "a: {'b': 1}\n", "a: {\"b\": 1}\n",
    "a: {\"b\":1}\n", "a: {b : 1}\n", "a: {b: 1\n  , c: 2}\n", "a: [\n  b,\n  c,\n]\n",
    "a: [\n  'b',\n  \"c\",\n]\n", "a: [b,\n  # c\n  d]\n", "a: [b, # c\n  d]\n",
    "a: [b,#c\n  d]\n", "a: [\n]\n", "a: [\n\n]\n", "a: [[b, c], {d: e}]\n",
    "a: [{b: 1}, [c]]\n", "a: {b: [c, {d: e}]}\n", "a: {b: {c: {d: 1}}}\n", "a: [b\n  c]\n",
    "a: [b\n  , c]\n", "a: {b: c\n  d}\n", "a: [b, , c]\n", "a: [,]\n", "a: [b]]\n", "a: [b}\n",
    "a: {b: c]\n", "k:\n- [a, b]\n- {c: d}\n", "k:\n  - {a: 1}\n", "{a: 1, b: [2]}\n",
    "{a: 1}\nb: 2\n", "{a: 1} # c\n", "{\n  \"a\": 1,\n  \"b\": [2]\n}\n", "a:\n  {b: 1}\n",
    "a:\n  [b]\n", "a: {b: 1}: c\n", "a: {? b: 1}\n", "a: {&x b: 1}\n", "a: {b: *x}\n",
    "a: {b: !t c}\n", "a: {b: -1}\n", "a: {b: 'c''d'}\n", "a: {b: \"c\\nd\"}\n",
    "a: {b: \xc3\xa9}\n", "a: {b: c d}\n", "a: {b: c:d}\n", "a: [b]\r\n", "a: [\r\n  b,\r\n]\r\n",
    "a: {b: c, d: e, f: g, h: i, j: k, l: m, n: o, p: q, r: s, t: u, v: w, x: y}\n",
    "a: [b,\n\n  c]\n", "a: [b,\nc]\n", "a: {b: [\n  c]}\n", "a: {b:\n  c}\n", "a: [b] [c]\n",
    "a: [\"b\",\n  'c']  # d\n", "a: {b: {}}\n", "a: [[]]\n", "{}\n", "{ }\n# c\n",
    "a: [b\n]\n", "a: [b # c\n]\n", "a: {b: c\n}\n", "a: [b\n# c\n, d]\n", "a: [b #c]\n",
    "a: [b\n\n  ]\n", "a: {b: c # d\n  , e: f}\n", "a: [b, c\n   ,d]\n",
    "a: [-1, -b, -]\n", "a: [- b]\n", "a: {b: -1, c: -}\n", "a: [-, b]\n", "a: {-b: c}\n",
    /* keys sharing a duplicate-filter bit (length, first and last byte) */
    "abc: 1\naxc: 2\n", "abc: 1\naxc: 2\nabc: 3\n", "'': 1\n\"\": 2\nx: 3\n",
    /* typing */
    "a: true\nb: FALSE\nc: ~\nd: null\ne: 0x1F\nf: 0o7\ng: 1.5e3\nh: .inf\ni: -.Inf\n"
    "j: .nan\nk: 2025-02-11\nl: 2025-02-11 01:46:07 +0100\nm: 99999999999999999999\n"
    "n: +1\no: nUll\np: True\nq: false \nr: 1_000\ns: 2025-02-30\nt: -0\n",
    "a: 'true'\nb: \"1\"\nc: ''\nd:\ne: 12:30\nf: 1e\ng: .5\nh: 0x\n",
    "a: [~, Null, nULL, tRUE, FALSE, fAlse, nul, nulls, tru, t, f, n, N, ~~, True1]\n",
    "a: [2023-01-01, 2023-13-45, 1234-5, 12345-01-01, 2023-01-01x, 0000-00-00]\n",
    /* flow items and quoted text longer than sixteen bytes (read a chunk at a time) */
    "a: [bbbbbbbbbbbbbbbbbbbbbb:c]\n", "a: [bbbbbbbbbbbbbbbbbbbbbb#c]\n",
    "a: [bbbbbbbbbbbbbbbbbbbbbb #c\n  ]\n", "a: [bbbbbbbbbbbbbbbbbbbbbb?c]\n",
    "a: [bbbbbbbbbbbbbbbbbbbbbb{c]\n", "a: [bbbbbbbbbbbbbbbbbbbbbb}c]\n",
    "a: [bbbbbbbbbbbbbbbbbbbbbb[c]]\n", "a: [bbbbbbbbbbbbbbbbbbbbbb,c]\n",
    "a: [bbbbbbbbbbbbbbbbbbbb]\n", "a: {kkkkkkkkkkkkkkkkkkkkkk: v}\n",
    "a: {kkkkkkkkkkkkkkkkkkkkkk :v}\n", "a: {kkkkkkkkkkkkkkkkkkkkkk:v}\n",
    "a: [b\xc3\xa9" "bbbbbbbbbbbbbbbbbbbb, \xc3\xa9]\n",
    "a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n", "a: 'xxxxxxxxxxxxxxxxxxxx''yyyyyyyy'\n",
    "a: ['xxxxxxxxxxxxxxxxxxxxxxxxx', 'x''y']\n",
};
/* clang-format on */

/* The same cases inside longer documents, to move them off the first line. */
START_TEST(tricky_cases_load_the_same) {
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        char buf[2048];
        int n = snprintf(buf, sizeof buf, "---\n%s%s---\nbody\n", tricky[i],
                         tricky[i][0] && tricky[i][strlen(tricky[i]) - 1] != '\n' ? "\n"
                                                                                  : "");
        assert_same(tricky[i], buf, (size_t)n);
        n = snprintf(buf, sizeof buf, "\n---\r\ntitle: x\n# c\nz:\n  - y\n%s\n---\n",
                     tricky[i]);
        assert_same(tricky[i], buf, (size_t)n);
        /* Nested under a key: every line indented by two spaces. */
        n = snprintf(buf, sizeof buf, "---\nk:\n  ");
        for (const char *p = tricky[i]; *p && n < 1900; p++) {
            buf[n++] = *p;
            if (*p == '\n')
                n += snprintf(buf + n, sizeof buf - (size_t)n, "  ");
        }
        n += snprintf(buf + n, sizeof buf - (size_t)n, "\nz: 1\n---\n");
        assert_same(tricky[i], buf, (size_t)n);
    }
}
END_TEST

START_TEST(keys_at_the_limits_load_the_same) {
    static char buf[1 << 16];
    /* Keys near libyaml's 1024-character simple-key limit. */
    for (size_t n = 990; n <= 1030; n += 5) {
        size_t len = (size_t)snprintf(buf, sizeof buf, "---\n%0*d: 1\n---\n", (int)n, 7);
        assert_same("long key", buf, len);
    }
    /* Many keys: more than the inline table and the inline children. */
    size_t len = (size_t)snprintf(buf, sizeof buf, "---\n");
    for (int i = 0; i < 600; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "k%d: [a, b]\n", i);
    memcpy(buf + len, "---\n", 4);
    assert_same("many keys", buf, len + 4);
    memcpy(buf + len, "k7: dup\n---\n", 12);
    assert_same("many keys and a duplicate", buf, len + 12);
    /* Nesting around the fast path's own depth limit (64). */
    for (int depth = 60; depth <= 70; depth++) {
        len = (size_t)snprintf(buf, sizeof buf, "---\n");
        for (int i = 0; i < depth; i++)
            len +=
                (size_t)snprintf(buf + len, sizeof buf - len, "%*sk%d:\n", 2 * i, "", i);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%*s- x\nz: 1\n---\n",
                                2 * depth, "");
        assert_same("deep nesting", buf, len);
    }
    /* Duplicates around the move from comparing keys to the hash table. */
    for (int n = FMP_TREE_LINEAR_KEYS - 3; n <= FMP_TREE_LINEAR_KEYS + 3; n++) {
        for (int dup = 0; dup <= n; dup++) {
            len = (size_t)snprintf(buf, sizeof buf, "---\np:\n");
            for (int i = 0; i < n; i++)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "  k%d: %d\n", i, i);
            len += (size_t)snprintf(buf + len, sizeof buf - len,
                                    "  k%d: x\nk%d: y\n---\n", dup, dup);
            assert_same("duplicate near the table", buf, len);
        }
    }
}
END_TEST

/* ---------------------------------------------------------------- coverage */

START_TEST(fast_path_takes_the_sample_article) {
    char path[4096];
    size_t len;
    snprintf(path, sizeof path, "%s/examples/article.md", srcdir());
    char *s = fm_read_file(path, &len);
    ck_assert_ptr_nonnull(s);
    fm_config cfg;
    fm_config_init(&cfg);
    ck_assert_int_eq(fast_status(s, len, &cfg), 0);
    free(s);
}
END_TEST

/* Each case framed as a file: the fast path's status under the defaults
 * must be `want` (or, when want is 1, libyaml fails it too: -2). */
static void expect_status(const char *const *cases, size_t n, int want) {
    fm_config cfg;
    fm_config_init(&cfg);
    for (size_t i = 0; i < n; i++) {
        int rc = fast_status(cases[i], strlen(cases[i]), &cfg);
        ck_assert_msg(rc == want || (want == 1 && rc == -2), "case %zu: status %d", i, rc);
    }
}

/* What the fast path takes besides one-line scalars: block scalars, plain
 * and quoted scalars over several lines, flow mappings, flow collections
 * over several lines with a trailing comma, a root written as a flow
 * mapping. */
START_TEST(fast_path_takes_multi_line_shapes) {
    static const char *const cases[] = {
        "---\na: |\n  x\n---\n",
        "---\na: >-\n  x\n  y\n\n---\n",
        "---\na: |+2\n   x\nb: 1\n---\n",
        "---\na: b\n  c\n---\n",
        "---\nfn:\n  reverse = (src) ->\n    src.split('')\n---\n",
        "---\na: '''\n  x\n  '''\n---\n",
        "---\na: \"b\\\n  c\"\n---\n",
        "---\na: {b: 1, c: [2, {d: e}]}\n---\n",
        "---\naliases: [\n  '/a/',\n  '/b/',\n]\n---\n",
        "---\n{\n  \"title\": \"JSON\",\n  \"n\": 1\n}\n---\n",
    };
    expect_status(cases, sizeof cases / sizeof cases[0], 0);
}
END_TEST

START_TEST(fast_path_gives_up_and_libyaml_decides) {
    static const char *const cases[] = {
        "---\na: &x 1\nb: *x\n---\n",
        "---\na: b: c\n---\n",
        "---\na: 1\na: 2\n---\n",
        "---\na:\t1\n---\n",
        "---\na: b\n  c: d\n---\n",
        "---\n- a\n---\n",
        "---\na: \"\\q\"\n---\n",
        "---\na: {b}\n---\n",
        "---\na: [b\n  c]\n---\n",
        "---\na: |0\n  x\n---\n",
        "---\na: 'b\nc'\n---\n",
        "---\n? a\n: b\n---\n",
        "---\na: \xc2\x85\n---\n",
        "{\"a\": 1}\n",
    };
    expect_status(cases, sizeof cases / sizeof cases[0], 1);
    /* A limit that would trigger sends the document to libyaml too. */
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_keys = 1;
    ck_assert_int_eq(fast_status("---\na: 1\nb: 2\n---\n", 19, &cfg), 1);
}
END_TEST

/* ---------------------------------------------------------------- memory */

/* Failing each allocation in turn (the arena's chunks, the fast path's
 * scratch tables): FM_ERR_NOMEM or the same tree, and nothing leaks. */
START_TEST(out_of_memory_is_reported_or_harmless) {
    static char buf[1 << 15];
    size_t len = (size_t)snprintf(buf, sizeof buf, "---\n");
    for (int i = 0; i < 300; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "key%d: [v, \"w\"]\n", i);
    len += (size_t)snprintf(buf + len, sizeof buf - len, "---\n");
    fm_config ref_cfg;
    fm_config_init(&ref_cfg);
    ref_cfg.options = FM_OPT_NO_FAST_PATH;
    fm_doc *ref = fm_doc_parse_config(buf, len, &ref_cfg, NULL);
    ck_assert_ptr_nonnull(ref);
    for (long n = 1;; n++) {
        failing f = {n, 0, 0};
        fm_allocator al = {f_malloc, f_realloc, f_free, &f};
        fm_config cfg;
        fm_error err;
        char why[1024];
        fm_config_init(&cfg);
        cfg.allocator = &al;
        cfg.options = FM_OPT_BORROW; /* a small first chunk: the arena grows */
        fm_doc *doc = fm_doc_parse_config(buf, len, &cfg, &err);
        if (doc) {
            ck_assert_msg(
                fm_tree_diff(fm_doc_root(doc), fm_doc_root(ref), why, sizeof why) == 0,
                "allocation %ld: %s", n, why);
            fm_doc_free(doc);
        } else {
            ck_assert_msg(err.code == FM_ERR_NOMEM, "allocation %ld: %s", n, err.message);
        }
        ck_assert_int_eq(f.live, 0);
        if (f.count < n)
            break; /* every allocation has been failed once */
    }
    fm_doc_free(ref);
}
END_TEST

/* ---------------------------------------------------------------- one pass */

/* Whole files around the closing fence, which the fast path finds itself
 * as it reads the lines (fm_split's search runs when it gives up): close
 * fences of every kind, fence-like lines, fences inside scalars and flow
 * collections over several lines, block scalars (which need the end before
 * they read on), front matter never closed. */
/* clang-format off */
static const char *const one_pass[] = {
    "---\na: 1\n---\nbody\n", "---\na: 1\n...\nbody\n", "---\na: 1\n---  \t\nbody\n",
    "---\r\na: 1\r\n---\r\nbody\r\n", "---\na: 1\n--- \r\r\nbody\n", "---\na: 1\n---",
    "---\na: 1\n...", "---\na: 1\n--- ", "---\n---\nbody\n", "---\n...\n", "---\n---",
    "\xef\xbb\xbf\n  \n---\na: 1\n---\n", "\n---\na: 1\n---\n", "---\n# c\n---\n",
    "---\na: 1\n----\nb: 2\n---\n", "---\na: 1\n---x\n---\n", "---\na: 1\n--\n---\n",
    "---\na: 1\n.. \n---\n", "---\na: 1\n....\n...\n", "---\na: 1\n--- x\n---\n",
    "---\na:\n- x\n- y\n---\n- z\n", "---\na:\n- ---\n- ...\n---\n",
    "---\na: b\n  c\n---\n  d\n", "---\na: b\n---\n  c\n", "---\na: b\n  ---\n---\n",
    "---\na: 'b\n---\n  c'\n---\n", "---\na: \"b\n...\n\"\n", "---\na: 'b\n  ---\n  c'\n---\n",
    "---\na: [b,\n---\n  c]\n---\n", "---\na: {b: c,\n...\n}\n", "---\na: [b,\n  ---]\n---\n",
    "---\na: |\n  x\n---\n  y\n", "---\na: |\n  x\n  ---\n---\n", "---\na: >\n  x\n\n...\nbody\n",
    "---\na: |\n---\n", "---\na: |\n  x\n---", "---\na:\n  - |\n    x\n  - >-\n    y\n...\n",
    "---\na: |\n  x\n----\n---\n", "---\na: |\n  x\n", "---\na: |\n  x", "---\na: |\n",
    "---\na: 1\n", "---\na: 1", "---\n", "---", "---\na: 1\nb: [x, y]\n# c\n",
    "---\na:\n  b: 1\n...x\n...\n", "---\n{a: 1}\n---\n", "---\n{a: 1\n---\n}\n---\n",
    "---\na: 1\n---\n---\nb: 2\n---\n", "---\n- a\n---\n", "---\na: 1\n\n\n---\n\n\nbody",
    "---\na: \xc3\xa9\n---\n\xc3\xa9", "---\na: 1\n---\n...\n", "---\r\na: 1\n---\r\n",
    "---\na: 1\r\n---\n", "---\na: 1\n  ---\n---\n", "---\na: 1\n\t---\n---\n",
    "---\na: 1\n---\t\r\n", "---\na: \"x\"\n---\n", "---\na: {}\n...\n",
};
/* clang-format on */

START_TEST(one_pass_loads_the_same) {
    for (size_t i = 0; i < sizeof one_pass / sizeof one_pass[0]; i++)
        assert_same(one_pass[i], one_pass[i], strlen(one_pass[i]));
}
END_TEST

/* What the fast path does with front matter fmp_split_open left open: 0
 * when it built the tree (its parts then exactly fm_split's), 1 when it
 * gave up (the parts left open). Read from an exact copy of s on the heap
 * (nothing after its last byte may be read). */
static int open_status(const char *text) {
    size_t len = strlen(text);
    char *s = malloc(len ? len : 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, text, len);
    fm_config cfg;
    fm_config_init(&cfg);
    fm_parts open, split;
    ck_assert_int_eq(fmp_split_open(s, len, 0, &open, NULL), 1);
    fmp_snap *snap = fmp_snap_for_front(len, &cfg);
    ck_assert_ptr_nonnull(snap);
    snap->text = s;
    snap->len = len;
    snap->borrowed = true;
    snap->parts = open;
    int rc = fmp_load_fast_open(snap, &cfg, NULL);
    const fm_parts *p = &snap->parts, *w = rc == 0 ? &split : &open;
    if (rc == 0)
        ck_assert_int_eq(fm_split(s, len, 0, &split, NULL), 0);
    ck_assert(fm_parts_same(p, w));
    ck_assert(rc == 0 ? snap->root != NULL : snap->root == NULL);
    fmp_snap_release(snap);
    free(s);
    return rc;
}

/* The fast path closes the front matter itself: after a block scalar (the
 * end looked for first), at "..." and at fences with blanks or CRLF. */
START_TEST(one_pass_closes_the_front_matter) {
    ck_assert_int_eq(open_status("---\na: 1\n---\nbody\n"), 0);
    ck_assert_int_eq(open_status("---\r\na: [x,\r\n  y]\r\n... \r\nbody"), 0);
    ck_assert_int_eq(open_status("\xef\xbb\xbf\n---\na: |\n  x\n  ---\n---\t\n  y\n"), 0);
    ck_assert_int_eq(open_status("---\na: b\n  c\n---"), 0);
    ck_assert_int_eq(open_status("---\n---\n"), 0);
    ck_assert_int_eq(open_status("---\n# c\n\n...\n"), 0);
    /* Never closed, or a shape it leaves to libyaml: parts still open. */
    ck_assert_int_eq(open_status("---\na: 1\n"), 1);
    ck_assert_int_eq(open_status("---\na: 1\n--- x\n---\n"), 1);
    ck_assert_int_eq(open_status("---\na: |\n  x\n"), 1);
    ck_assert_int_eq(open_status("---\na: 'b\n---\n  c'\n---\n"), 1);
}
END_TEST

/* The document made in one pass: its exact parts and tree. */
START_TEST(one_pass_exact_parts_and_tree) {
    const char *in = "\xef\xbb\xbf\n---\r\na: 1\r\nb: [x]\r\n--- \r\nbody\r\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(in, strlen(in), FM_OPT_BORROW, &err);
    ck_assert_ptr_nonnull(doc);
    const fm_parts *p = fm_doc_parts(doc);
    ck_assert_int_eq(p->format, FM_FORMAT_YAML);
    ck_assert_uint_eq(p->bom_len, 3);
    ck_assert(p->lead == in + 3 && p->lead_len == 1);
    ck_assert(p->open_fence == in + 4 && p->open_fence_len == 5);
    ck_assert(p->front == in + 9 && p->front_len == 14);
    ck_assert(p->close_fence == in + 23 && p->close_fence_len == 6);
    ck_assert(p->body == in + 29 && p->body_len == 6);
    ck_assert_uint_eq(p->front_line, 3);
    ck_assert_uint_eq(p->body_line, 6);
    ck_assert_int_eq(p->crlf, 1);
    const fm_value *root = fm_doc_root(doc), *b = fm_value_lookup(root, "b", 1);
    ck_assert_uint_eq(fm_value_size(root), 2);
    ck_assert_int_eq(fm_value_int(fm_value_lookup(root, "a", 1), -1), 1);
    ck_assert_str_eq(fm_value_text(fm_value_at(b, 0), NULL), "x");
    ck_assert_uint_eq(b->line, 4);
    ck_assert_uint_eq(b->column, 4);
    ck_assert_uint_eq(b->start, 18);
    ck_assert_uint_eq(b->end, 21);
    ck_assert_uint_eq(root->end_line, 5);
    ck_assert_uint_eq(root->end, 23);
    fm_doc_free(doc);
}
END_TEST

/* Never closed: fm_split's error at the opening fence whichever loader
 * ran, or with FM_OPT_LENIENT no front matter (the whole text the body). */
START_TEST(one_pass_unterminated) {
    static const char *const cases[] = {"\n---\na: 1\n", "\n---\na: |\n  x\n",
                                        "\n---\na: 'b\n"};
    for (size_t i = 0; i < 3; i++) {
        const char *in = cases[i];
        fm_error err;
        ck_assert_ptr_null(fm_doc_parse(in, strlen(in), 0, &err));
        ck_assert_int_eq(err.code, FM_ERR_UNTERMINATED);
        ck_assert_uint_eq(err.line, 2);
        ck_assert_uint_eq(err.column, 1);
        ck_assert_uint_eq(err.offset, 1);
        ck_assert_str_eq(err.message,
                         "front matter opened here is never closed (no closing ---)");
        fm_doc *doc = fm_doc_parse(in, strlen(in), FM_OPT_LENIENT, &err);
        ck_assert_ptr_nonnull(doc);
        ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
        ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
        ck_assert_uint_eq(fm_doc_parts(doc)->body_len, strlen(in));
        fm_doc_free(doc);
    }
}
END_TEST

/* Out of memory at any allocation while front matter that is never closed
 * is still open: fm_split's error, as when it ran before any allocation;
 * with FM_OPT_LENIENT no front matter, or FM_ERR_NOMEM. */
START_TEST(one_pass_unterminated_out_of_memory) {
    static const char *const cases[] = {"---\na: 1\nb: [x]\n", "---\na: |\n  x\n"};
    for (size_t i = 0; i < 2; i++) {
        for (unsigned opts = 0; opts <= 2; opts++) {
            unsigned options = opts == 1 ? FM_OPT_BORROW : opts == 2 ? FM_OPT_LENIENT : 0;
            for (long n = 1;; n++) {
                failing f = {n, 0, 0};
                fm_allocator al = {f_malloc, f_realloc, f_free, &f};
                fm_config cfg;
                fm_error err;
                fm_config_init(&cfg);
                cfg.allocator = &al;
                cfg.options = options;
                fm_doc *doc = fm_doc_parse_config(cases[i], strlen(cases[i]), &cfg, &err);
                if (opts == 2) {
                    ck_assert(doc ? fm_doc_format(doc) == FM_FORMAT_NONE
                                  : err.code == FM_ERR_NOMEM);
                } else {
                    ck_assert_ptr_null(doc);
                    ck_assert_msg(err.code == FM_ERR_UNTERMINATED, "allocation %ld: %s", n,
                                  err.message);
                    ck_assert_uint_eq(err.line, 1);
                    ck_assert_uint_eq(err.column, 1);
                }
                fm_doc_free(doc);
                ck_assert_int_eq(f.live, 0);
                if (f.count < n)
                    break; /* every allocation has been failed once */
            }
        }
    }
}
END_TEST

/* One node as the fast path and libyaml both place it: type, text (NULL
 * for a collection), first and last line and column, byte offsets. */
typedef struct node_at {
    fm_type type;
    const char *text;
    unsigned line, column, end_line, end_column;
    size_t start, end;
} node_at;

/* Checks the tree at v against want, node after node in document order (a
 * mapping's key before its value); returns the next expected node. */
static const node_at *check_nodes(const fm_value *v, const node_at *want) {
    ck_assert_int_eq(v->type, want->type);
    ck_assert_uint_eq(v->line, want->line);
    ck_assert_uint_eq(v->column, want->column);
    ck_assert_uint_eq(v->end_line, want->end_line);
    ck_assert_uint_eq(v->end_column, want->end_column);
    ck_assert_uint_eq(v->start, want->start);
    ck_assert_uint_eq(v->end, want->end);
    if (want->text)
        ck_assert_str_eq(fm_value_text(v, NULL), want->text);
    const node_at *next = want + 1;
    size_t n = fm_value_size(v);
    for (size_t i = 0; i < n; i++) {
        if (v->type == FM_MAPPING)
            next = check_nodes(fm_value_key_at(v, i), next);
        next = check_nodes(fm_value_at(v, i), next);
    }
    return next;
}

/* in loads with the nodes of want (n of them) on both loaders. */
static void check_both_loaders(const char *in, const node_at *want, size_t n) {
    for (int slow = 0; slow < 2; slow++) {
        fm_doc *doc = fm_doc_parse(in, strlen(in), slow ? FM_OPT_NO_FAST_PATH : 0, NULL);
        ck_assert_ptr_nonnull(doc);
        ck_assert_ptr_eq(check_nodes(fm_doc_root(doc), want), want + n);
        fm_doc_free(doc);
    }
}

/* Spans on lines with and without non-ASCII text (columns count
 * characters; each line counts from its own start), scalars whose text is
 * shorter than their source, comments after values, typing of the words
 * and dates: exact, on the fast path and on libyaml's. */
START_TEST(exact_spans_and_types) {
    const char *in = "---\n"
                     "title: Hello w\xc3\xb6rld\n"
                     "'it''s': \"a\\\"b\"  # c\n"
                     "\xc3\xa9: \xc3\xbc\n"
                     "\xc3\xb6: [\xc3\xa4, \"\xc3\x9f\", x y , 'z']\n"
                     "long: [aaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb]\n"
                     "words: [~, Null, nULL, tRUE, FALSE, nul, t]\n"
                     "dates: [2023-01-01, 2023-13-45, 1234-5, 12345-01-01]\n"
                     "---\nbody\n";
    static const node_at want[] = {
        {FM_MAPPING, NULL, 2, 1, 9, 1, 4, 242},
        {FM_STRING, "title", 2, 1, 2, 6, 4, 9},
        {FM_STRING, "Hello w\xc3\xb6rld", 2, 8, 2, 19, 11, 23},
        {FM_STRING, "it's", 3, 1, 3, 8, 24, 31},
        {FM_STRING, "a\"b", 3, 10, 3, 16, 33, 39},
        {FM_STRING, "\xc3\xa9", 4, 1, 4, 2, 45, 47},
        {FM_STRING, "\xc3\xbc", 4, 4, 4, 5, 49, 51},
        {FM_STRING, "\xc3\xb6", 5, 1, 5, 2, 52, 54},
        {FM_SEQUENCE, NULL, 5, 4, 5, 23, 56, 77},
        {FM_STRING, "\xc3\xa4", 5, 5, 5, 6, 57, 59},
        {FM_STRING, "\xc3\x9f", 5, 8, 5, 11, 61, 65},
        {FM_STRING, "x y", 5, 13, 5, 16, 67, 70},
        {FM_STRING, "z", 5, 19, 5, 22, 73, 76},
        {FM_STRING, "long", 6, 1, 6, 5, 78, 82},
        {FM_SEQUENCE, NULL, 6, 7, 6, 67, 84, 144},
        {FM_STRING, "aaaaaaaaaaaaaaaaaaaa", 6, 8, 6, 28, 85, 105},
        {FM_STRING, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 6, 30, 6, 66, 107, 143},
        {FM_STRING, "words", 7, 1, 7, 6, 145, 150},
        {FM_SEQUENCE, NULL, 7, 8, 7, 44, 152, 188},
        {FM_NULL, "~", 7, 9, 7, 10, 153, 154},
        {FM_NULL, "Null", 7, 12, 7, 16, 156, 160},
        {FM_STRING, "nULL", 7, 18, 7, 22, 162, 166},
        {FM_BOOL, "tRUE", 7, 24, 7, 28, 168, 172},
        {FM_BOOL, "FALSE", 7, 30, 7, 35, 174, 179},
        {FM_STRING, "nul", 7, 37, 7, 40, 181, 184},
        {FM_STRING, "t", 7, 42, 7, 43, 186, 187},
        {FM_STRING, "dates", 8, 1, 8, 6, 189, 194},
        {FM_SEQUENCE, NULL, 8, 8, 8, 53, 196, 241},
        {FM_TIMESTAMP, "2023-01-01", 8, 9, 8, 19, 197, 207},
        {FM_STRING, "2023-13-45", 8, 21, 8, 31, 209, 219},
        {FM_STRING, "1234-5", 8, 33, 8, 39, 221, 227},
        {FM_STRING, "12345-01-01", 8, 41, 8, 52, 229, 240},
    };
    fm_config cfg;
    fm_config_init(&cfg);
    ck_assert_int_eq(fast_status(in, strlen(in), &cfg), 0);
    assert_same("exact spans", in, strlen(in));
    for (int slow = 0; slow < 2; slow++) {
        fm_doc *doc = fm_doc_parse(in, strlen(in), slow ? FM_OPT_NO_FAST_PATH : 0, NULL);
        ck_assert_ptr_nonnull(doc);
        const node_at *end = check_nodes(fm_doc_root(doc), want);
        ck_assert_ptr_eq(end, want + sizeof want / sizeof want[0]);
        const fm_value *words = fm_doc_get(doc, "words");
        ck_assert_int_eq(fm_value_bool(fm_value_at(words, 3)), 1);
        ck_assert_int_eq(fm_value_bool(fm_value_at(words, 4)), 0);
        const fm_datetime *dt = fm_value_datetime(fm_doc_get(doc, "dates[0]"));
        ck_assert_ptr_nonnull(dt);
        ck_assert_int_eq(dt->year, 2023);
        ck_assert_int_eq(dt->month, 1);
        ck_assert_int_eq(dt->day, 1);
        fm_doc_free(doc);
    }
}
END_TEST

/* The same lines with CRLF ends: the same columns, each offset after a
 * line end one byte later per line above. */
START_TEST(exact_spans_with_crlf) {
    const char *in = "---\r\n"
                     "\xc3\xa9: \xc3\xbc\r\n"
                     "\xc3\xb6: [\xc3\xa4, \"\xc3\x9f\", x y , 'z']  # c\r\n"
                     "k: 'it''s'\r\n"
                     "---\r\n";
    fm_config cfg;
    fm_config_init(&cfg);
    ck_assert_int_eq(fast_status(in, strlen(in), &cfg), 0);
    assert_same("exact spans, CRLF", in, strlen(in));
    static const node_at want[] = {
        {FM_MAPPING, NULL, 2, 1, 5, 1, 5, 57},
        {FM_STRING, "\xc3\xa9", 2, 1, 2, 2, 5, 7},
        {FM_STRING, "\xc3\xbc", 2, 4, 2, 5, 9, 11},
        {FM_STRING, "\xc3\xb6", 3, 1, 3, 2, 13, 15},
        {FM_SEQUENCE, NULL, 3, 4, 3, 23, 17, 38},
        {FM_STRING, "\xc3\xa4", 3, 5, 3, 6, 18, 20},
        {FM_STRING, "\xc3\x9f", 3, 8, 3, 11, 22, 26},
        {FM_STRING, "x y", 3, 13, 3, 16, 28, 31},
        {FM_STRING, "z", 3, 19, 3, 22, 34, 37},
        {FM_STRING, "k", 4, 1, 4, 2, 45, 46},
        {FM_STRING, "it's", 4, 4, 4, 11, 48, 55},
    };
    check_both_loaders(in, want, sizeof want / sizeof want[0]);
}
END_TEST

/* Where a plain value ends and what comes after it, read as the fast path
 * reads them (the value's node made from its first line, the next content
 * line found where its continuation stops): the next key, a comment line,
 * blank lines, lines continuing it (then a new node of the folded text),
 * a comment ending a continued value, flow collections as values, the
 * block's end. Exact spans and texts on both loaders, and in one pass. */
START_TEST(exact_spans_after_plain_values) {
    const char *in = "---\n"
                     "a: x\n"
                     "b: two words   # c\n"
                     "c: one\n"
                     "  two\n"
                     "\n"
                     "   three # d\n"
                     "e: [] # f\n"
                     "g: {}\n"
                     "h:\n"
                     "  i: [j, k]\n"
                     "  l: m\n"
                     "# n\n"
                     "o: p\n"
                     "\n"
                     "q: 'r'\n"
                     "s: t\n"
                     "  \xc3\xa9u\n"
                     "---\nbody\n";
    static const node_at want[] = {
        {FM_MAPPING, NULL, 2, 1, 19, 1, 4, 121},
        {FM_STRING, "a", 2, 1, 2, 2, 4, 5},
        {FM_STRING, "x", 2, 4, 2, 5, 7, 8},
        {FM_STRING, "b", 3, 1, 3, 2, 9, 10},
        {FM_STRING, "two words", 3, 4, 3, 13, 12, 21},
        {FM_STRING, "c", 4, 1, 4, 2, 28, 29},
        {FM_STRING, "one two\nthree", 4, 4, 7, 9, 31, 50},
        {FM_STRING, "e", 8, 1, 8, 2, 55, 56},
        {FM_SEQUENCE, NULL, 8, 4, 8, 6, 58, 60},
        {FM_STRING, "g", 9, 1, 9, 2, 65, 66},
        {FM_MAPPING, NULL, 9, 4, 9, 6, 68, 70},
        {FM_STRING, "h", 10, 1, 10, 2, 71, 72},
        {FM_MAPPING, NULL, 11, 3, 14, 1, 76, 97},
        {FM_STRING, "i", 11, 3, 11, 4, 76, 77},
        {FM_SEQUENCE, NULL, 11, 6, 11, 12, 79, 85},
        {FM_STRING, "j", 11, 7, 11, 8, 80, 81},
        {FM_STRING, "k", 11, 10, 11, 11, 83, 84},
        {FM_STRING, "l", 12, 3, 12, 4, 88, 89},
        {FM_STRING, "m", 12, 6, 12, 7, 91, 92},
        {FM_STRING, "o", 14, 1, 14, 2, 97, 98},
        {FM_STRING, "p", 14, 4, 14, 5, 100, 101},
        {FM_STRING, "q", 16, 1, 16, 2, 103, 104},
        {FM_STRING, "r", 16, 4, 16, 7, 106, 109},
        {FM_STRING, "s", 17, 1, 17, 2, 110, 111},
        {FM_STRING, "t \xc3\xa9u", 17, 4, 18, 5, 113, 120},
    };
    fm_config cfg;
    fm_config_init(&cfg);
    ck_assert_int_eq(fast_status(in, strlen(in), &cfg), 0);
    ck_assert_int_eq(open_status(in), 0);
    assert_same("after plain values", in, strlen(in));
    check_both_loaders(in, want, sizeof want / sizeof want[0]);
}
END_TEST

/* A plain value continued on deeper lines where the tight limits of
 * config_at(1) fall on its first line or only on its folded text, with the
 * line after it shallower, a comment, a document marker or the block's
 * end; and flow collections as values at the depth limit. */
static const char *const continued[] = {
    "a: one two three four\n  five\nb: 1\n",
    "a: one\n  two three four five\nb: 1\n",
    "a: one\n  two\n# c\nb: 1\n",
    "a: one\n  two # c\n  three\nb: 1\n",
    "a: one\n\n\n  two\n",
    "a: one\n--- x\nb: 1\n",
    "a: one\n  --- x\nb: 1\n",
    "a: one\n...x\n",
    "a: one\n  two\n...x\n",
    "a: one\n  two: three\n",
    "a: one\nb:\n  c: [d, [e]]\n  f: {g: [h]}\n",
    "a: [] x\n",
    "a: {} # c\n  b\n",
    "a: [b]\n  c\n",
    "a: [b,\n  c] # d\ne: f\n",
};

START_TEST(plain_continuations_load_the_same) {
    for (size_t i = 0; i < sizeof continued / sizeof continued[0]; i++) {
        char buf[512];
        int n = snprintf(buf, sizeof buf, "---\n%s---\nbody\n", continued[i]);
        assert_same(continued[i], buf, (size_t)n);
        n = snprintf(buf, sizeof buf, "---\r\nz: 0\n%s---", continued[i]);
        assert_same(continued[i], buf, (size_t)n);
        n = snprintf(buf, sizeof buf, "---\n%s", continued[i]);
        assert_same(continued[i], buf, (size_t)n);
    }
}
END_TEST

/* Closing fences and lines that only begin like one, and the fast path's
 * status on each in one pass. */
static const struct {
    const char *in;
    int status;
} fence_forms[] = {
    {"---\na: 1\n---\n", 0},        {"---\na: 1\n...\nbody", 0},
    {"---\na: 1\n---", 0},           {"---\na: 1\n...", 0},
    {"---\na: 1\n---  \nbody", 0},  {"---\na: 1\n---\t\n", 0},
    {"---\na: 1\n---\r\nbody", 0},  {"---\na: b\n  c\n...\n", 0},
    {"---\na: [b]\n---\n", 0},      {"---\na: 1\n----\n---\n", 1},
    {"---\na: 1\n...x\n---\n", 1},  {"---\na: 1\n--\n---\n", 1},
    {"---\na: 1\n-.-\n---\n", 1},   {"---\na: 1\n", 1},
    {"---\na: b\n  c\n", 1},        {"---\na: 1\n-", 1},
    {"---\na: 1\n--", 1},
};

/* The closing fence as the fast path finds it in one pass: "---\n" and
 * "...\n" at once, any other form through fmp_split_is_close (blanks,
 * CRLF, the text's end), and lines that only begin like a fence; never
 * closed (the last line entered empty, at the text's end). */
START_TEST(one_pass_fence_forms) {
    for (size_t i = 0; i < sizeof fence_forms / sizeof fence_forms[0]; i++) {
        const char *in = fence_forms[i].in;
        ck_assert_msg(open_status(in) == fence_forms[i].status, "case %zu", i);
        assert_same(in, in, strlen(in));
    }
}
END_TEST

static Suite *fast_suite(void) {
    Suite *s = suite_create("fast");
    TCase *same = tcase_create("same");
    tcase_set_timeout(same, 120);
    tcase_add_test(same, tests_data_loads_the_same);
    tcase_add_test(same, corpus_loads_the_same);
    tcase_add_test(same, tricky_cases_load_the_same);
    tcase_add_test(same, keys_at_the_limits_load_the_same);
    tcase_add_test(same, exact_spans_and_types);
    tcase_add_test(same, exact_spans_with_crlf);
    tcase_add_test(same, exact_spans_after_plain_values);
    tcase_add_test(same, plain_continuations_load_the_same);
    suite_add_tcase(s, same);
    TCase *pass = tcase_create("one_pass");
    tcase_add_test(pass, one_pass_loads_the_same);
    tcase_add_test(pass, one_pass_closes_the_front_matter);
    tcase_add_test(pass, one_pass_exact_parts_and_tree);
    tcase_add_test(pass, one_pass_unterminated);
    tcase_add_test(pass, one_pass_unterminated_out_of_memory);
    tcase_add_test(pass, one_pass_fence_forms);
    suite_add_tcase(s, pass);
    TCase *cover = tcase_create("coverage");
    tcase_add_test(cover, fast_path_takes_the_sample_article);
    tcase_add_test(cover, fast_path_takes_multi_line_shapes);
    tcase_add_test(cover, fast_path_gives_up_and_libyaml_decides);
    suite_add_tcase(s, cover);
    TCase *mem = tcase_create("memory");
    tcase_set_timeout(mem, 120);
    tcase_add_test(mem, out_of_memory_is_reported_or_harmless);
    suite_add_tcase(s, mem);
    return s;
}

int main(void) {
    return fm_test_run_suite(fast_suite());
}
