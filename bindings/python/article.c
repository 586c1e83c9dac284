/* SPDX-License-Identifier: MIT */
/* article.c - fmatter.Article: the typed view (fm_article) with one read-only
 * attribute per field, None when unset, and its diagnostics. */
#include "fmpy.h"

#include <stddef.h>
#include <string.h>

typedef struct fmpy_article {
    PyObject_HEAD fm_article *art;
    unsigned options; /* parse options of the document it came from */
    unsigned flags;   /* conversion flags of the document it came from */
    PyObject *path;   /* the document's file (str), or None: for the dialects'
                         file-name rules when the article is mapped again */
} fmpy_article;

static PyTypeObject ArticleType;
static PyTypeObject DiagnosticType;

/* ===================================================================== */
/* Fields: one attribute per entry of the library's field table          */
/* ===================================================================== */

static PyObject *str_field(const fm_str *s) {
    if (!s->ptr)
        Py_RETURN_NONE;
    return fmpy_str(s->ptr, s->len);
}

static PyObject *list_field(const fm_strlist *l) {
    PyObject *list = PyList_New((Py_ssize_t)l->count);
    for (size_t i = 0; list && i < l->count; i++) {
        PyObject *s = fmpy_str(l->items[i].ptr, l->items[i].len);
        if (!s)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

/* Field number `closure` of the table, None when unset. */
static PyObject *get_field(fmpy_article *self, void *closure) {
    fm_field_value v;
    if (fm_article_field_get(self->art, (size_t)(uintptr_t)closure, &v) != 1)
        Py_RETURN_NONE;
    switch (v.type) {
    case FM_FIELD_STRING:
        return str_field(&v.u.str);
    case FM_FIELD_LIST:
        return list_field(&v.u.list);
    case FM_FIELD_DATE:
        return fmpy_datetime_to_py(&v.u.date);
    case FM_FIELD_BOOL:
        return PyBool_FromLong(v.u.flag == FM_TRUE);
    case FM_FIELD_INT:
        return PyLong_FromLongLong((long long)v.u.integer);
    case FM_FIELD_VALUE:
        return fmpy_value_to_py(v.u.value, self->flags);
    }
    Py_RETURN_NONE;
}

static PyObject *get_extra(fmpy_article *self, void *closure) {
    (void)closure;
    PyObject *d = PyDict_New();
    for (size_t i = 0; d && i < self->art->extra_count; i++) {
        const fm_extra *e = &self->art->extra[i];
        PyObject *k = fmpy_str(e->key, e->key_len);
        PyObject *v = k ? fmpy_value_to_py(e->value, self->flags) : NULL;
        if (!v || PyDict_SetItem(d, k, v) != 0)
            Py_CLEAR(d);
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    return d;
}

static PyObject *get_body(fmpy_article *self, void *closure) {
    (void)closure;
    return fmpy_body_str(self->art->body, self->art->body_len, self->flags);
}

static PyObject *get_body_line(fmpy_article *self, void *closure) {
    (void)closure;
    return PyLong_FromUnsignedLong(self->art->body_line);
}

static PyObject *get_title_from_body(fmpy_article *self, void *closure) {
    (void)closure;
    return PyBool_FromLong(self->art->title_from_body);
}

/* A C string as str, None for NULL. */
static PyObject *opt_str(const char *s) {
    if (!s)
        Py_RETURN_NONE;
    return fmpy_str(s, strlen(s));
}

static PyObject *diagnostic(const fm_diagnostic *d) {
    PyObject *t = PyStructSequence_New(&DiagnosticType);
    if (!t)
        return NULL;
    PyObject *items[6] = {
        PyUnicode_FromString(fm_code_name(d->code)),
        PyLong_FromUnsignedLong(d->line),
        PyLong_FromUnsignedLong(d->column),
        opt_str(d->key),
        opt_str(d->message),
        PyLong_FromSize_t(d->offset),
    };
    int ok = 1;
    for (Py_ssize_t i = 0; i < 6; i++) {
        ok = ok && items[i];
        PyStructSequence_SET_ITEM(t, i, items[i]); /* NULL items are skipped on free */
    }
    if (!ok)
        Py_CLEAR(t);
    return t;
}

static PyObject *get_diagnostics(fmpy_article *self, void *closure) {
    (void)closure;
    size_t n = self->art->diagnostic_count;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *d = diagnostic(&self->art->diagnostics[i]);
        if (!d)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}

static PyObject *get_dialect(fmpy_article *self, void *closure) {
    (void)closure;
    return PyUnicode_FromString(fm_dialect_name(self->art->dialect));
}

/* The typed fields (the library's field table, read at module init) plus
 * extra, body, body_line, title_from_body, diagnostics, dialect. */
#define MAX_FIELDS 120
static PyGetSetDef article_getset[MAX_FIELDS + 8];

static int fill_getset(void) {
    size_t i, n = fm_article_field_count();
    if (n > MAX_FIELDS) {
        PyErr_SetString(PyExc_RuntimeError, "libfmatter has more typed fields than "
                                            "this binding has room for");
        return -1;
    }
    for (i = 0; i < n; i++) {
        article_getset[i].name = fm_article_field_info(i)->name;
        article_getset[i].get = (getter)get_field;
        article_getset[i].closure = (void *)(uintptr_t)i;
    }
    PyGetSetDef more[] = {
        {"extra", (getter)get_extra, NULL, "the other top-level keys, in source order",
         NULL},
        {"body", (getter)get_body, NULL, "the body", NULL},
        {"body_line", (getter)get_body_line, NULL, "1-based line where the body starts",
         NULL},
        {"title_from_body", (getter)get_title_from_body, NULL,
         "True when title came from the body's first level-1 heading", NULL},
        {"diagnostics", (getter)get_diagnostics, NULL,
         "list of Diagnostic (code, line, column, key, message, offset)", NULL},
        {"dialect", (getter)get_dialect, NULL,
         "the dialect the fields were read in: generic, hugo, jekyll or zola", NULL},
    };
    for (size_t j = 0; j < sizeof more / sizeof more[0]; j++)
        article_getset[i++] = more[j];
    return 0;
}

/* ===================================================================== */
/* The type                                                              */
/* ===================================================================== */

/* A new Article of doc mapped with opts (NULL: the defaults). */
static PyObject *article_of(const fm_doc *doc, const fm_article_options *opts,
                            unsigned options, unsigned flags, PyObject *path) {
    fm_error err;
    fm_article *art = fm_article_from_doc_opts(doc, opts, &err);
    if (!art)
        return fmpy_raise_error(&err);
    fmpy_article *self = PyObject_New(fmpy_article, &ArticleType);
    if (!self) {
        fm_article_free(art);
        return NULL;
    }
    self->art = art;
    self->options = options;
    self->flags = flags;
    self->path = path ? path : Py_None;
    Py_INCREF(self->path);
    return (PyObject *)self;
}

PyObject *fmpy_article_new(const fmpy_doc *doc) {
    return article_of(doc->doc, NULL, doc->options, doc->flags, doc->path);
}

/* An article pickles as the text it was made from: the body points into the
 * document's whole text and runs to its end, body_offset bytes after its
 * start. */
static PyObject *article_reduce(fmpy_article *self, PyObject *unused) {
    (void)unused;
    const fm_article *a = self->art;
    PyObject *mod = PyImport_ImportModule("fmatter._fmatter");
    PyObject *restore = mod ? PyObject_GetAttrString(mod, "_restore_article") : NULL;
    Py_XDECREF(mod);
    PyObject *text = restore ? PyBytes_FromStringAndSize(
                                   a->body - a->body_offset,
                                   (Py_ssize_t)(a->body_offset + a->body_len))
                             : NULL;
    if (!text) {
        Py_XDECREF(restore);
        return NULL;
    }
    return Py_BuildValue("N(NII)", restore, text, self->options, self->flags);
}

PyObject *fmpy_article_restore(PyObject *mod, PyObject *args) {
    const char *text;
    Py_ssize_t len;
    unsigned options = 0, flags = 0;
    (void)mod;
    if (!PyArg_ParseTuple(args, "y#|II:_restore_article", &text, &len, &options, &flags))
        return NULL;
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, (size_t)len, options & FMPY_DOC_OPTIONS, &err);
    if (!doc)
        return fmpy_raise_object(fmpy_load_error(&err, NULL));
    PyObject *r = article_of(doc, NULL, options & FMPY_DOC_OPTIONS, flags & FMPY_FLAGS,
                             NULL);
    fm_doc_free(doc);
    return r;
}

/* article(dialect=None, path=None, site=None, strict=False): the same text
 * mapped again, in another dialect or as the page at path in the site at
 * site (so doc.article(dialect="hugo") reads as Hugo does). */
static PyObject *article_call(fmpy_article *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"dialect", "path", "site", "strict", NULL};
    const char *dialect = NULL;
    PyObject *path = Py_None, *site = Py_None, *path_b = NULL, *site_b = NULL;
    int strict = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$zOOp:article", kwlist, &dialect, &path,
                                     &site, &strict))
        return NULL;
    fm_article_options opts;
    fm_article_options_init(&opts);
    opts.options = strict ? FM_OPT_STRICT : 0;
    opts.dialect = self->art->dialect;
    if (dialect && fm_dialect_from_name(dialect, strlen(dialect), &opts.dialect) != 0)
        return PyErr_Format(PyExc_ValueError, "unknown dialect '%s' (generic, hugo, "
                                              "jekyll, zola)", dialect);
    if (path == Py_None)
        path = self->path;
    if ((path != Py_None && !PyUnicode_FSConverter(path, &path_b)) ||
        (site != Py_None && !PyUnicode_FSConverter(site, &site_b))) {
        Py_XDECREF(path_b);
        return NULL;
    }
    opts.path = path_b ? PyBytes_AS_STRING(path_b) : NULL;
    opts.site_root = site_b ? PyBytes_AS_STRING(site_b) : NULL;
    const fm_article *a = self->art;
    fm_error err;
    fm_doc *doc = fm_doc_parse(a->body - a->body_offset, a->body_offset + a->body_len,
                               self->options & FMPY_DOC_OPTIONS, &err);
    PyObject *r = doc ? article_of(doc, &opts, self->options, self->flags, path)
                      : fmpy_raise_object(fmpy_load_error(&err, NULL));
    fm_doc_free(doc);
    Py_XDECREF(path_b);
    Py_XDECREF(site_b);
    return r;
}

static PyObject *article_to_dict(fmpy_article *self, PyObject *unused) {
    (void)unused;
    PyObject *d = PyDict_New();
    for (PyGetSetDef *g = article_getset; d && g->name; g++) {
        PyObject *v = g->get((PyObject *)self, g->closure);
        if (!v || PyDict_SetItemString(d, g->name, v) != 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    return d;
}

static PyObject *article_repr(fmpy_article *self) {
    PyObject *title = str_field(&self->art->title);
    if (!title)
        return NULL;
    PyObject *r = PyUnicode_FromFormat("<fmatter.Article title=%R>", title);
    Py_DECREF(title);
    return r;
}

static void article_dealloc(fmpy_article *self) {
    fm_article_free(self->art);
    Py_XDECREF(self->path);
    PyObject_Free(self);
}

static PyMethodDef article_methods[] = {
    {"to_dict", (PyCFunction)article_to_dict, METH_NOARGS, "Every field in a dict."},
    {"__reduce__", (PyCFunction)article_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ArticleType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "fmatter.Article",
    .tp_basicsize = sizeof(fmpy_article),
    .tp_dealloc = (destructor)article_dealloc,
    .tp_repr = (reprfunc)article_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_call = (ternaryfunc)article_call,
    .tp_doc = "The typed view of a document's front matter (Document.article); "
              "doc.article(dialect='hugo', path=None, site=None, strict=False) maps "
              "it again as that generator reads it.",
    .tp_methods = article_methods,
    .tp_getset = article_getset,
};

static PyStructSequence_Field diagnostic_fields[] = {
    {"code", "fm_code_name of the problem: 'type' or 'date'"},
    {"line", "1-based line"},
    {"column", "1-based column in characters"},
    {"key", "the key as written"},
    {"message", "what is wrong"},
    {"offset", "byte offset in the file"},
    {NULL, NULL},
};

static PyStructSequence_Desc diagnostic_desc = {
    "fmatter.Diagnostic", "A problem with one typed field that did not stop the load.",
    diagnostic_fields, 5, /* offset stays out of the tuple */
};

int fmpy_article_init(PyObject *module) {
    if (fill_getset() != 0 || PyType_Ready(&ArticleType) < 0 ||
        PyStructSequence_InitType2(&DiagnosticType, &diagnostic_desc) < 0)
        return -1;
    Py_INCREF(&ArticleType);
    if (PyModule_AddObject(module, "Article", (PyObject *)&ArticleType) < 0) {
        Py_DECREF(&ArticleType);
        return -1;
    }
    Py_INCREF(&DiagnosticType);
    if (PyModule_AddObject(module, "Diagnostic", (PyObject *)&DiagnosticType) < 0) {
        Py_DECREF(&DiagnosticType);
        return -1;
    }
    return 0;
}
