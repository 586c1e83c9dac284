/* SPDX-License-Identifier: MIT */
/* compat.c - fmatter.compat.load of a path in one call: the file read into
 * the Post python-frontmatter gives, with what writing it back needs. */
#include "fmpy.h"

/* fmatter.compat's globals, given once by _compat_setup: its classes, its
 * handlers list and LOAD_OPTIONS are looked up there on every call, so
 * whatever rebinds or changes them is seen as the Python code would. */
static PyObject *compat_globals;

/* The names used, interned once (fmpy_compat_init). */
enum {
    N_HANDLERS, N_LOAD_OPTIONS, N_POST, N_ORIGIN, N_YAML, N_JSON, N_TOML, N_BOUNDARY,
    N_LENIENT, N_DUPLICATES, N_YAML11, N_CONTENT, N_METADATA, N_HANDLER, N_ORIGIN_ATTR,
    N_DOC, N_LEAD, N_TRAIL, N_CRLF, N_FENCES, N_DOCUMENT, N_COUNT
};
static const char *const name_text[N_COUNT] = {
    "handlers", "LOAD_OPTIONS", "Post", "_Origin", "YAMLHandler", "JSONHandler",
    "TOMLHandler", "FM_BOUNDARY", "lenient", "allow_duplicates", "yaml11", "content",
    "metadata", "handler", "_origin", "doc", "lead", "trail", "crlf", "fences",
    "_document"};
static PyObject *name[N_COUNT];
static PyObject *no_args; /* () */

int fmpy_compat_init(PyObject *module) {
    (void)module;
    for (int i = 0; i < N_COUNT; i++)
        if (!(name[i] = PyUnicode_InternFromString(name_text[i])))
            return -1;
    no_args = PyTuple_New(0);
    return no_args ? 0 : -1;
}

PyObject *fmpy_compat_setup(PyObject *mod, PyObject *globals) {
    (void)mod;
    if (!PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, "_compat_setup takes fmatter.compat's globals()");
        return NULL;
    }
    Py_INCREF(globals);
    Py_XSETREF(compat_globals, globals);
    Py_RETURN_NONE;
}

/* A global of fmatter.compat (borrowed); NULL with NameError when missing. */
static PyObject *global(int n) {
    PyObject *o = PyDict_GetItemWithError(compat_globals, name[n]);
    if (!o && !PyErr_Occurred())
        PyErr_SetObject(PyExc_NameError, name[n]);
    return o;
}

/* ===================================================================== */
/* When the one call applies                                             */
/* ===================================================================== */

/* 1 when handler h is of exactly the class global cls, with that class's
 * FM_BOUNDARY; 0 when not; -1 with an exception. */
static int stock_handler(PyObject *h, int cls) {
    PyObject *c = global(cls);
    if (!c)
        return -1;
    if ((PyObject *)Py_TYPE(h) != c)
        return 0;
    PyObject *mine = PyObject_GetAttr(h, name[N_BOUNDARY]);
    PyObject *its = mine ? PyObject_GetAttr(c, name[N_BOUNDARY]) : NULL;
    int same = its ? mine == its : -1;
    Py_XDECREF(mine);
    Py_XDECREF(its);
    return same;
}

/* compat's _default_handlers() for a list: a YAMLHandler, a JSONHandler and
 * a TOMLHandler (not subclasses), in this order, with their classes'
 * boundaries. 1, 0 (also for another kind of sequence: the Python code
 * decides then), or -1 with an exception. */
static int default_handlers(void) {
    PyObject *hs = global(N_HANDLERS);
    if (!hs)
        return -1;
    if (!PyList_CheckExact(hs) || PyList_GET_SIZE(hs) != 3)
        return 0;
    for (Py_ssize_t i = 0; i < 3; i++) {
        PyObject *h = PyList_GET_ITEM(hs, i);
        Py_INCREF(h);
        int ok = stock_handler(h, N_YAML + (int)i);
        Py_DECREF(h);
        if (ok <= 0)
            return ok;
    }
    return 1;
}

/* The parse options and conversion flags of LOAD_OPTIONS when it holds
 * lenient, allow_duplicates and yaml11 and nothing else: 1, 0 when it holds
 * something else (the Python code decides then), -1 with an exception. */
static int load_options(unsigned *options, unsigned *flags) {
    static const unsigned bit[3] = {FM_OPT_LENIENT, FM_OPT_ALLOW_DUPLICATES, FMPY_YAML11};
    PyObject *d = global(N_LOAD_OPTIONS);
    if (!d)
        return -1;
    if (!PyDict_CheckExact(d) || PyDict_GET_SIZE(d) != 3)
        return 0;
    unsigned got[2] = {0, 0};
    for (int i = 0; i < 3; i++) {
        PyObject *v = PyDict_GetItemWithError(d, name[N_LENIENT + i]);
        if (!v)
            return PyErr_Occurred() ? -1 : 0;
        int t = PyObject_IsTrue(v);
        if (t < 0)
            return -1;
        got[i == 2] |= t ? bit[i] : 0;
    }
    *options = got[0];
    *flags = got[1];
    return 1;
}

/* ===================================================================== */
/* The Post                                                              */
/* ===================================================================== */

/* cls.__new__(cls), without __init__: a new reference, NULL with an
 * exception. */
static PyObject *bare_instance(int cls) {
    PyObject *c = global(cls);
    if (!c)
        return NULL;
    if (!PyType_Check(c)) {
        PyErr_Format(PyExc_TypeError, "fmatter.compat.%U is not a class", name[cls]);
        return NULL;
    }
    PyTypeObject *t = (PyTypeObject *)c;
    return t->tp_new(t, no_args, NULL);
}

/* Sets n attributes names[i] = values[i] on o, in order; 0 or -1. */
static int set_attrs(PyObject *o, const int *names, PyObject *const *values, int n) {
    for (int i = 0; i < n; i++)
        if (PyObject_SetAttr(o, name[names[i]], values[i]) != 0)
            return -1;
    return 0;
}

/* compat's _Origin(doc, None, content, lead, trail, crlf), its attributes
 * set in the order its __init__ sets them. body: content, lead, trail,
 * crlf. */
static PyObject *new_origin(PyObject *raw, PyObject *const *body) {
    static const int attrs[] = {N_DOC, N_LEAD, N_TRAIL, N_CONTENT, N_CRLF, N_FENCES,
                                N_DOCUMENT};
    PyObject *values[] = {raw, body[1], body[2], body[0], body[3], Py_None, Py_None};
    PyObject *origin = bare_instance(N_ORIGIN);
    if (origin && set_attrs(origin, attrs, values, 7) != 0)
        Py_CLEAR(origin);
    return origin;
}

/* The handler for fmt: handlers[0, 1 or 2] (a new reference). */
static PyObject *handler_for(fm_format fmt) {
    PyObject *hs = global(N_HANDLERS);
    Py_ssize_t i = fmt == FM_FORMAT_YAML ? 0 : fmt == FM_FORMAT_JSON ? 1 : 2;
    return hs ? PySequence_GetItem(hs, i) : NULL;
}

/* {**defaults, **metadata} (metadata itself when there are no defaults);
 * takes the reference to metadata. */
static PyObject *with_defaults(PyObject *metadata, PyObject *defaults) {
    if (!metadata || PyDict_GET_SIZE(defaults) == 0)
        return metadata;
    PyObject *d = PyDict_Copy(defaults);
    if (d && PyDict_Update(d, metadata) != 0)
        Py_CLEAR(d);
    Py_DECREF(metadata);
    return d;
}

/* After a failed decode of the body (loaded without the library's UTF-8
 * check of the body): the error a load with that check gives, as
 * fmatter.load raises it. NULL. */
static PyObject *body_error(fmpy_doc *raw) {
    if (!PyErr_ExceptionMatches(PyExc_UnicodeDecodeError))
        return NULL;
    size_t len;
    const char *text = fm_doc_text(raw->doc, &len);
    fm_error err;
    fm_doc *again = fm_doc_parse(text, len, raw->options | FM_OPT_UTF8_BODY, &err);
    if (again) { /* cannot happen: keep the decode error */
        fm_doc_free(again);
        return NULL;
    }
    PyErr_Clear();
    return fmpy_raise_object(fmpy_load_error(&err, raw->path == Py_None ? NULL : raw->path));
}

/* The Post of a loaded document with front matter, as compat's
 * _post_from_doc makes it: content, metadata, handler, _origin. */
static PyObject *new_post(PyObject *raw, PyObject *defaults) {
    static const int attrs[] = {N_CONTENT, N_METADATA, N_HANDLER, N_ORIGIN_ATTR};
    fmpy_doc *d = (fmpy_doc *)raw;
    PyObject *body[4], *post = NULL;
    PyObject *metadata = with_defaults(fmpy_value_to_py(fm_doc_root(d->doc), d->flags),
                                       defaults);
    if (!metadata)
        return NULL;
    if (fmpy_post_body(d, body) != 0) {
        Py_DECREF(metadata);
        return body_error(d);
    }
    PyObject *handler = handler_for(fm_doc_format(d->doc));
    PyObject *origin = handler ? new_origin(raw, body) : NULL;
    post = origin ? bare_instance(N_POST) : NULL;
    PyObject *values[] = {body[0], metadata, handler, origin};
    if (post && set_attrs(post, attrs, values, 4) != 0)
        Py_CLEAR(post);
    Py_XDECREF(origin);
    Py_XDECREF(handler);
    Py_DECREF(metadata);
    for (int i = 0; i < 4; i++)
        Py_DECREF(body[i]);
    return post;
}

/* A document without front matter: its body checked as the one with front
 * matter is (the Python code makes its Post). */
static PyObject *checked_unfenced(PyObject *raw) {
    PyObject *body[4];
    if (fmpy_post_body((fmpy_doc *)raw, body) != 0) {
        body_error((fmpy_doc *)raw);
        Py_DECREF(raw);
        return NULL;
    }
    for (int i = 0; i < 4; i++)
        Py_DECREF(body[i]);
    return raw;
}

/* _compat_load(path, defaults): compat.load(path, **defaults) with the
 * default handlers and encoding: the Post; the loaded Document when the
 * file has no front matter (compat then looks for longer dash fences);
 * None when `handlers` or LOAD_OPTIONS are not the defaults (compat then
 * takes its general way). The body is decoded without the library's UTF-8
 * check before (decoding checks it): a bad byte raises the error that
 * check gives. */
PyObject *fmpy_compat_load(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    (void)mod;
    if (nargs != 2 || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "_compat_load(path, defaults)");
        return NULL;
    }
    if (!compat_globals) {
        PyErr_SetString(PyExc_RuntimeError, "_compat_load before _compat_setup");
        return NULL;
    }
    unsigned options, flags;
    int ok = default_handlers();
    if (ok > 0)
        ok = load_options(&options, &flags);
    if (ok <= 0) {
        if (ok < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *bytes, *path = fmpy_path_arg(args[0], &bytes);
    if (!path)
        return NULL;
    fm_error err;
    fm_doc *doc;
    PyThreadState *ts = PyEval_SaveThread();
    doc = fm_doc_load_file(PyBytes_AS_STRING(bytes), options, &err);
    PyEval_RestoreThread(ts);
    Py_DECREF(bytes);
    PyObject *raw = doc ? fmpy_doc_wrap(doc, path, options, flags)
                        : fmpy_raise_object(fmpy_load_error(&err, path));
    Py_DECREF(path);
    if (!raw)
        return NULL;
    if (fm_doc_format(doc) == FM_FORMAT_NONE)
        return checked_unfenced(raw);
    PyObject *post = new_post(raw, args[1]);
    Py_DECREF(raw);
    return post;
}
