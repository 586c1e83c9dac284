/* SPDX-License-Identifier: MIT */
/* body.c - Document's body methods over fm_body_*: HTML, plain text, summary,
 * headings, table of contents, word count and reading time. */
#include "fmpy.h"

#include <string.h>

static PyTypeObject SummaryType, HeadingType, StatsType;

/* A string the library allocated from the body: to str (by the document's
 * encoding_errors flags), then released with fm_free. */
static PyObject *take_string(char *s, size_t len, const fm_error *err, unsigned flags) {
    if (!s)
        return fmpy_raise_error(err);
    PyObject *r = fmpy_body_str(s, len, flags);
    fm_free(s);
    return r;
}

/* Fills a struct sequence from n new references (any NULL: fails, all freed). */
static PyObject *struct_seq(PyTypeObject *type, PyObject **items, Py_ssize_t n) {
    PyObject *t = PyStructSequence_New(type);
    int ok = t != NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        ok = ok && items[i];
        if (t)
            PyStructSequence_SET_ITEM(t, i, items[i]);
        else
            Py_XDECREF(items[i]);
    }
    if (!ok)
        Py_CLEAR(t);
    return t;
}

/* ===================================================================== */
/* Rendering                                                             */
/* ===================================================================== */

PyObject *fmpy_body_html(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"smart", "hardbreaks", "sourcepos", "unsafe", NULL};
    int smart = 0, hardbreaks = 0, sourcepos = 0, unsafe = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$pppp:html", kwlist, &smart,
                                     &hardbreaks, &sourcepos, &unsafe))
        return NULL;
    unsigned options = (smart ? FM_OPT_SMART : 0) | (hardbreaks ? FM_OPT_HARDBREAKS : 0) |
                       (sourcepos ? FM_OPT_SOURCEPOS : 0) | (unsafe ? FM_OPT_UNSAFE : 0);
    fm_error err;
    size_t len = 0;
    char *html = fm_body_html(fm_doc_body_view(self->doc), options, &len, &err);
    return take_string(html, len, &err, self->flags);
}

PyObject *fmpy_body_text(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, ":text", kwlist))
        return NULL;
    fm_error err;
    size_t len = 0;
    char *text = fm_body_text(fm_doc_body_view(self->doc), 0, &len, &err);
    return take_string(text, len, &err, self->flags);
}

/* ===================================================================== */
/* Summary                                                               */
/* ===================================================================== */

PyObject *fmpy_body_summary(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"words", "separator", "cjk", NULL};
    Py_ssize_t words = 70;
    const char *separator = NULL;
    int cjk = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|nz$p:summary", kwlist, &words,
                                     &separator, &cjk))
        return NULL;
    if (words < 1) {
        PyErr_SetString(PyExc_ValueError, "words must be at least 1");
        return NULL;
    }
    fm_summary_options opts;
    fm_summary_options_init(&opts);
    opts.words = (size_t)words;
    opts.separator = separator;
    opts.options = cjk ? FM_OPT_CJK : 0;
    /* The article's summary: the library decides which front-matter key is
     * the summary (and, per dialect, the excerpt and its separator). */
    fm_error err;
    fm_article *a = fm_article_from_doc(self->doc, 0, &err);
    fm_summary *s = a ? fm_article_summary(a, &opts, &err) : NULL;
    fm_article_free(a);
    if (!s)
        return fmpy_raise_error(&err);
    PyObject *items[4] = {
        PyUnicode_FromString(fm_summary_rule_name(s->rule)),
        PyBool_FromLong(s->truncated),
        fmpy_body_str(s->markdown, s->markdown_len, self->flags),
        fmpy_body_str(s->text, s->text_len, self->flags),
    };
    fm_summary_free(s);
    return struct_seq(&SummaryType, items, 4);
}

/* ===================================================================== */
/* Headings and statistics                                               */
/* ===================================================================== */

static PyObject *heading(const fm_heading *h, unsigned flags) {
    PyObject *items[4] = {
        PyLong_FromLong(h->level),
        fmpy_body_str(h->text, h->text_len, flags),
        fmpy_body_str(h->anchor, h->anchor_len, flags),
        PyLong_FromUnsignedLong(h->line),
    };
    return struct_seq(&HeadingType, items, 4);
}

PyObject *fmpy_body_headings(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, ":headings", kwlist))
        return NULL;
    fm_error err;
    fm_headings *hs = fm_body_headings(fm_doc_body_view(self->doc), 0, &err);
    if (!hs)
        return fmpy_raise_error(&err);
    PyObject *list = PyList_New((Py_ssize_t)hs->count);
    for (size_t i = 0; list && i < hs->count; i++) {
        PyObject *h = heading(&hs->items[i], self->flags);
        if (!h)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, h);
    }
    fm_headings_free(hs);
    return list;
}

PyObject *fmpy_body_toc(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"markdown", NULL};
    int markdown = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|p:toc", kwlist, &markdown))
        return NULL;
    fm_error err;
    fm_headings *hs = fm_body_headings(fm_doc_body_view(self->doc), 0, &err);
    if (!hs)
        return fmpy_raise_error(&err);
    size_t len = 0;
    char *toc = fm_headings_toc(hs, markdown, &len, &err);
    fm_headings_free(hs);
    return take_string(toc, len, &err, self->flags);
}

static int stats(fmpy_doc *self, unsigned options, fm_body_stats *out) {
    fm_error err;
    if (fm_body_stats_get(fm_doc_body_view(self->doc), options, out, &err) != 0) {
        fmpy_raise_error(&err);
        return -1;
    }
    return 0;
}

PyObject *fmpy_body_stats(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"cjk", NULL};
    int cjk = 0;
    fm_body_stats st;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$p:stats", kwlist, &cjk) ||
        stats(self, cjk ? FM_OPT_CJK : 0, &st) != 0)
        return NULL;
    PyObject *items[4] = {
        PyLong_FromSize_t(st.words),
        PyLong_FromSize_t(st.cjk_characters),
        PyBool_FromLong(st.cjk),
        PyLong_FromUnsignedLong(st.reading_time),
    };
    return struct_seq(&StatsType, items, 4);
}

PyObject *fmpy_body_word_count(fmpy_doc *self, void *closure) {
    (void)closure;
    fm_body_stats st;
    return stats(self, 0, &st) == 0 ? PyLong_FromSize_t(st.words) : NULL;
}

PyObject *fmpy_body_reading_time(fmpy_doc *self, void *closure) {
    (void)closure;
    fm_body_stats st;
    return stats(self, 0, &st) == 0 ? PyLong_FromUnsignedLong(st.reading_time) : NULL;
}

/* ===================================================================== */
/* Types                                                                 */
/* ===================================================================== */

static PyStructSequence_Field summary_fields[] = {
    {"rule",
     "which rule chose it: 'empty', 'more', 'separator', 'front-matter', 'words'"},
    {"truncated", "True when the summary is shorter than the body"},
    {"markdown", "the summary as Markdown source"},
    {"text", "the summary as plain text"},
    {NULL, NULL},
};

static PyStructSequence_Field heading_fields[] = {
    {"level", "1..6"},
    {"text", "plain text"},
    {"anchor", "slug for links"},
    {"line", "1-based line in the whole file"},
    {NULL, NULL},
};

static PyStructSequence_Field stats_fields[] = {
    {"words", "words in the plain text (CJK characters count one each)"},
    {"cjk_characters", "CJK characters among them"},
    {"cjk", "True when counted as CJK text"},
    {"reading_time", "whole minutes, rounded up"},
    {NULL, NULL},
};

static PyStructSequence_Desc summary_desc = {"fmatter.Summary", "A body's summary.",
                                             summary_fields, 4};
static PyStructSequence_Desc heading_desc = {"fmatter.Heading", "A heading of the body.",
                                             heading_fields, 4};
static PyStructSequence_Desc stats_desc = {
    "fmatter.BodyStats", "Word count and reading time.", stats_fields, 4};

static int add_type(PyObject *module, const char *name, PyTypeObject *type,
                    PyStructSequence_Desc *desc) {
    if (PyStructSequence_InitType2(type, desc) < 0)
        return -1;
    Py_INCREF(type);
    if (PyModule_AddObject(module, name, (PyObject *)type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

int fmpy_body_init(PyObject *module) {
    if (add_type(module, "Summary", &SummaryType, &summary_desc) < 0 ||
        add_type(module, "Heading", &HeadingType, &heading_desc) < 0 ||
        add_type(module, "BodyStats", &StatsType, &stats_desc) < 0)
        return -1;
    return 0;
}
