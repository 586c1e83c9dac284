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
} fmpy_article;

static PyTypeObject ArticleType;
static PyTypeObject DiagnosticType;

/* ===================================================================== */
/* Fields                                                                */
/* ===================================================================== */

typedef enum kind { K_STR, K_LIST, K_DATE, K_TRIBOOL } kind;

typedef struct field {
    const char *name;
    kind kind;
    size_t offset;
} field;

#define FIELD(name, kind)                                                                \
    { #name, kind, offsetof(fm_article, name) }

static const field fields[] = {
    FIELD(title, K_STR),         FIELD(summary, K_STR),       FIELD(description, K_STR),
    FIELD(slug, K_STR),          FIELD(url, K_STR),           FIELD(permalink, K_STR),
    FIELD(layout, K_STR),        FIELD(type, K_STR),          FIELD(author, K_STR),
    FIELD(menu, K_STR),          FIELD(thumbnail, K_STR),     FIELD(lead, K_STR),
    FIELD(sidebar, K_STR),       FIELD(tags, K_LIST),         FIELD(categories, K_LIST),
    FIELD(keywords, K_LIST),     FIELD(aliases, K_LIST),      FIELD(authors, K_LIST),
    FIELD(images, K_LIST),       FIELD(series, K_LIST),       FIELD(lang, K_LIST),
    FIELD(translations, K_LIST), FIELD(widgets, K_LIST),      FIELD(date, K_DATE),
    FIELD(lastmod, K_DATE),      FIELD(publish_date, K_DATE), FIELD(expiry_date, K_DATE),
    FIELD(draft, K_TRIBOOL),     FIELD(comments, K_TRIBOOL),  FIELD(authorbox, K_TRIBOOL),
    FIELD(pager, K_TRIBOOL),     FIELD(toc, K_TRIBOOL),       FIELD(mathjax, K_TRIBOOL),
};

#define NFIELDS (sizeof fields / sizeof fields[0])

static PyObject *str_field(const fm_str *s) {
    if (!s->ptr)
        Py_RETURN_NONE;
    return fmpy_str(s->ptr, s->len);
}

static PyObject *list_field(const fm_strlist *l) {
    if (!l->items)
        Py_RETURN_NONE;
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

static PyObject *tribool_field(fm_tribool t) {
    if (t == FM_UNSET)
        Py_RETURN_NONE;
    return PyBool_FromLong(t == FM_TRUE);
}

static PyObject *get_field(fmpy_article *self, void *closure) {
    const field *f = closure;
    const char *base = (const char *)self->art;
    switch (f->kind) {
    case K_STR:
        return str_field((const fm_str *)(base + f->offset));
    case K_LIST:
        return list_field((const fm_strlist *)(base + f->offset));
    case K_DATE:
        return fmpy_datetime_to_py((const fm_datetime *)(base + f->offset));
    case K_TRIBOOL:
        return tribool_field(*(const fm_tribool *)(base + f->offset));
    }
    Py_RETURN_NONE;
}

static PyObject *get_weight(fmpy_article *self, void *closure) {
    (void)closure;
    if (!self->art->has_weight)
        Py_RETURN_NONE;
    return PyLong_FromLongLong((long long)self->art->weight);
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

/* The typed fields plus weight, extra, body, body_line, title_from_body,
 * diagnostics; filled at init from the table above. */
static PyGetSetDef article_getset[NFIELDS + 7];

static void fill_getset(void) {
    size_t i;
    for (i = 0; i < NFIELDS; i++) {
        article_getset[i].name = fields[i].name;
        article_getset[i].get = (getter)get_field;
        article_getset[i].closure = (void *)&fields[i];
    }
    PyGetSetDef more[] = {
        {"weight", (getter)get_weight, NULL, "int, or None when unset", NULL},
        {"extra", (getter)get_extra, NULL, "the other top-level keys, in source order",
         NULL},
        {"body", (getter)get_body, NULL, "the body", NULL},
        {"body_line", (getter)get_body_line, NULL, "1-based line where the body starts",
         NULL},
        {"title_from_body", (getter)get_title_from_body, NULL,
         "True when title came from the body's first level-1 heading", NULL},
        {"diagnostics", (getter)get_diagnostics, NULL,
         "list of Diagnostic (code, line, column, key, message, offset)", NULL},
    };
    for (size_t j = 0; j < sizeof more / sizeof more[0]; j++)
        article_getset[i++] = more[j];
}

/* ===================================================================== */
/* The type                                                              */
/* ===================================================================== */

static PyObject *article_of(const fm_doc *doc, unsigned options, unsigned flags) {
    fm_error err;
    fm_article *art = fm_article_from_doc(doc, 0, &err);
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
    return (PyObject *)self;
}

PyObject *fmpy_article_new(const fmpy_doc *doc) {
    return article_of(doc->doc, doc->options, doc->flags);
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
    PyObject *r = article_of(doc, options & FMPY_DOC_OPTIONS, flags & FMPY_FLAGS);
    fm_doc_free(doc);
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
    .tp_doc = "The typed view of a document's front matter (Document.article).",
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
    fill_getset();
    if (PyType_Ready(&ArticleType) < 0 ||
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
