/* SPDX-License-Identifier: MIT */
/* compat.c - fmatter.compat.load of a path in one call: the file read into
 * the Post python-frontmatter gives, with what writing it back needs. */
#include "fmpy.h"

/* The names used, interned once per module (fmpy_compat_init). */
enum {
    N_HANDLERS, N_LOAD_OPTIONS, N_POST, N_ORIGIN, N_YAML, N_JSON, N_TOML, N_BOUNDARY,
    N_LENIENT, N_DUPLICATES, N_YAML11, N_CONTENT, N_METADATA, N_HANDLER, N_ORIGIN_ATTR,
    N_DOC, N_LEAD, N_TRAIL, N_CRLF, N_FENCES, N_DOCUMENT, N_LOAD_PY, N_POST_OF_FILE,
    N_MODNAME, N_COUNT
};
static const char *const name_text[N_COUNT] = {
    "handlers", "LOAD_OPTIONS", "Post", "_Origin", "YAMLHandler", "JSONHandler",
    "TOMLHandler", "FM_BOUNDARY", "lenient", "allow_duplicates", "yaml11", "content",
    "metadata", "handler", "_origin", "doc", "lead", "trail", "crlf", "fences",
    "_document", "_load", "_post_of_file", "__name__"};

/* The module's state (fmatter._fmatter's m_size): no C globals, so each
 * (sub)interpreter has its own. */
typedef struct compat_state {
    /* fmatter.compat's globals, given once by _compat_setup: its classes,
     * its handlers list and LOAD_OPTIONS are looked up there on every call,
     * so whatever rebinds or changes them is seen as the Python code would. */
    PyObject *globals;
    PyObject *name[N_COUNT];
    PyObject *no_args; /* () */
    PyObject *keys[FMPY_KEY_SLOTS]; /* value.c's cache of keys */
} compat_state;

const Py_ssize_t fmpy_state_size = sizeof(compat_state);

static compat_state *state_of(PyObject *module) {
    return (compat_state *)PyModule_GetState(module);
}

int fmpy_compat_init(PyObject *module) {
    compat_state *st = state_of(module);
    for (int i = 0; i < N_COUNT; i++)
        if (!(st->name[i] = PyUnicode_InternFromString(name_text[i])))
            return -1;
    st->no_args = PyTuple_New(0);
    return st->no_args ? 0 : -1;
}

int fmpy_state_traverse(PyObject *module, visitproc visit, void *arg) {
    compat_state *st = state_of(module);
    if (st)
        Py_VISIT(st->globals);
    return 0;
}

int fmpy_state_clear(PyObject *module) {
    compat_state *st = state_of(module);
    if (!st)
        return 0;
    Py_CLEAR(st->globals);
    for (int i = 0; i < N_COUNT; i++)
        Py_CLEAR(st->name[i]);
    Py_CLEAR(st->no_args);
    for (int i = 0; i < FMPY_KEY_SLOTS; i++)
        Py_CLEAR(st->keys[i]);
    return 0;
}

PyObject **fmpy_state_keys(void) {
    PyObject *m = fmpy_module();
    compat_state *st = m ? state_of(m) : NULL;
    return st ? st->keys : NULL;
}

/* A global of fmatter.compat (borrowed); NULL with NameError when missing. */
static PyObject *global(compat_state *st, int n) {
    PyObject *o = PyDict_GetItemWithError(st->globals, st->name[n]);
    if (!o && !PyErr_Occurred())
        PyErr_SetObject(PyExc_NameError, st->name[n]);
    return o;
}

/* ===================================================================== */
/* When the one call applies                                             */
/* ===================================================================== */

/* cls.<name> (a new reference): the class's own or inherited attribute,
 * looked up in its method cache when cls is a plain class and the attribute
 * no descriptor, else by PyObject_GetAttr. */
static PyObject *class_attr(PyObject *cls, PyObject *name) {
#ifndef PYPY_VERSION
    if (Py_IS_TYPE(cls, &PyType_Type)) {
        PyObject *a = _PyType_Lookup((PyTypeObject *)cls, name);
        if (a && !Py_TYPE(a)->tp_descr_get) {
            Py_INCREF(a);
            return a;
        }
    }
#endif
    return PyObject_GetAttr(cls, name);
}

/* 1 when handler h is of exactly the class global cls, with that class's
 * FM_BOUNDARY; 0 when not; -1 with an exception. */
static int stock_handler(compat_state *st, PyObject *h, int cls) {
    PyObject *c = global(st, cls);
    if (!c)
        return -1;
    if ((PyObject *)Py_TYPE(h) != c)
        return 0;
    PyObject *mine = PyObject_GetAttr(h, st->name[N_BOUNDARY]);
    PyObject *its = mine ? class_attr(c, st->name[N_BOUNDARY]) : NULL;
    int same = its ? mine == its : -1;
    Py_XDECREF(mine);
    Py_XDECREF(its);
    return same;
}

/* compat's _default_handlers() for a list: a YAMLHandler, a JSONHandler and
 * a TOMLHandler (not subclasses), in this order, with their classes'
 * boundaries. 1 with the list in *list (a new reference: loading lets other
 * threads run, which may rebind it), 0 (also for another kind
 * of sequence: the Python code decides then), or -1 with an exception. */
static int default_handlers(compat_state *st, PyObject **list) {
    PyObject *hs = global(st, N_HANDLERS);
    if (!hs)
        return -1;
    if (!PyList_CheckExact(hs) || PyList_GET_SIZE(hs) != 3)
        return 0;
    for (Py_ssize_t i = 0; i < 3; i++) {
        PyObject *h = PyList_GET_ITEM(hs, i);
        Py_INCREF(h);
        int ok = stock_handler(st, h, N_YAML + (int)i);
        Py_DECREF(h);
        if (ok <= 0)
            return ok;
    }
    Py_INCREF(hs);
    *list = hs;
    return 1;
}

/* The parse options and conversion flags of LOAD_OPTIONS when it holds
 * lenient, allow_duplicates and yaml11 and nothing else: 1, 0 when it holds
 * something else (the Python code decides then), -1 with an exception. */
static int load_options(compat_state *st, unsigned *options, unsigned *flags) {
    static const unsigned bit[3] = {FM_OPT_LENIENT, FM_OPT_ALLOW_DUPLICATES, FMPY_YAML11};
    PyObject *d = global(st, N_LOAD_OPTIONS);
    if (!d)
        return -1;
    if (!PyDict_CheckExact(d) || PyDict_GET_SIZE(d) != 3)
        return 0;
    unsigned got[2] = {0, 0};
    for (int i = 0; i < 3; i++) {
        PyObject *v = PyDict_GetItemWithError(d, st->name[N_LENIENT + i]);
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
static PyObject *bare_instance(compat_state *st, int cls) {
    PyObject *c = global(st, cls);
    if (!c)
        return NULL;
    if (!PyType_Check(c)) {
        PyErr_Format(PyExc_TypeError, "fmatter.compat.%U is not a class", st->name[cls]);
        return NULL;
    }
    PyTypeObject *t = (PyTypeObject *)c;
    return t->tp_new(t, st->no_args, NULL);
}

/* Sets n attributes names[i] = values[i] on o, in order; 0 or -1. */
static int set_attrs(compat_state *st, PyObject *o, const int *names,
                     PyObject *const *values, int n) {
    /* (the names are interned: a class without __setattr__ of its own needs
     * nothing of PyObject_SetAttr but its generic setter) */
    setattrofunc set = Py_TYPE(o)->tp_setattro;
    if (set != PyObject_GenericSetAttr)
        set = PyObject_SetAttr;
    for (int i = 0; i < n; i++)
        if (set(o, st->name[names[i]], values[i]) != 0)
            return -1;
    return 0;
}

/* compat's _Origin(doc, None, content, lead, trail, crlf), its attributes
 * set in the order its __init__ sets them. body: content, lead, trail,
 * crlf. */
static PyObject *new_origin(compat_state *st, PyObject *raw, PyObject *const *body) {
    static const int attrs[] = {N_DOC, N_LEAD, N_TRAIL, N_CONTENT, N_CRLF, N_FENCES,
                                N_DOCUMENT};
    PyObject *values[] = {raw, body[1], body[2], body[0], body[3], Py_None, Py_None};
    PyObject *origin = bare_instance(st, N_ORIGIN);
    if (origin && set_attrs(st, origin, attrs, values, 7) != 0)
        Py_CLEAR(origin);
    return origin;
}

/* The handler for fmt in the default handlers' list hs: hs[0, 1 or 2] (a new
 * reference, NULL with an exception when the list is shorter now). */
static PyObject *handler_for(PyObject *hs, fm_format fmt) {
    Py_ssize_t i = fmt == FM_FORMAT_YAML ? 0 : fmt == FM_FORMAT_JSON ? 1 : 2;
    return PySequence_GetItem(hs, i);
}

/* {**defaults, **metadata} (metadata itself when there are no defaults:
 * NULL or empty);
 * takes the reference to metadata. */
static PyObject *with_defaults(PyObject *metadata, PyObject *defaults) {
    if (!metadata || !defaults || PyDict_GET_SIZE(defaults) == 0)
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
static PyObject *new_post(compat_state *st, PyObject *raw, PyObject *hs,
                          PyObject *defaults) {
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
    PyObject *handler = handler_for(hs, fm_doc_format(d->doc));
    PyObject *origin = handler ? new_origin(st, raw, body) : NULL;
    post = origin ? bare_instance(st, N_POST) : NULL;
    PyObject *values[] = {body[0], metadata, handler, origin};
    if (post && set_attrs(st, post, attrs, values, 4) != 0)
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

/* The file at path arg loaded with options (no UTF-8 check of the body) as
 * a Document of flags, or NULL with the load's exception. */
static PyObject *load_raw(PyObject *arg, unsigned options, unsigned flags) {
    const char *fs;
    PyObject *keep, *path = fmpy_path_arg(arg, &keep, &fs);
    if (!path)
        return NULL;
    fm_error err;
    fm_doc *doc;
    PyThreadState *ts = PyEval_SaveThread();
    doc = fm_doc_load_file(fs, options, &err);
    PyEval_RestoreThread(ts);
    Py_DECREF(keep);
    PyObject *raw = doc ? fmpy_doc_wrap(doc, path, options, flags)
                        : fmpy_raise_object(fmpy_load_error(&err, path));
    Py_DECREF(path);
    return raw;
}

/* compat.load(path, **defaults) with the default handlers and encoding, in
 * one call: the Post; the loaded Document when the file has no front matter
 * (compat then looks for longer dash fences); None when `handlers` or
 * LOAD_OPTIONS are not the defaults (compat then takes its general way).
 * defaults: a dict or NULL. The body is decoded without the library's
 * UTF-8 check before (decoding checks it): a bad byte raises the error that
 * check gives. */
static PyObject *load_path(compat_state *st, PyObject *arg, PyObject *defaults) {
    if (!st->globals) {
        PyErr_SetString(PyExc_RuntimeError, "fmatter.compat is not set up (_compat_setup)");
        return NULL;
    }
    unsigned options, flags;
    PyObject *hs = NULL;
    int ok = default_handlers(st, &hs);
    if (ok > 0 && (ok = load_options(st, &options, &flags)) <= 0)
        Py_CLEAR(hs);
    if (ok <= 0) {
        if (ok < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *raw = load_raw(arg, options, flags), *post = raw;
    if (raw && fm_doc_format(((fmpy_doc *)raw)->doc) == FM_FORMAT_NONE)
        post = checked_unfenced(raw);
    else if (raw) {
        post = new_post(st, raw, hs, defaults);
        Py_DECREF(raw);
    }
    Py_DECREF(hs);
    return post;
}

/* _compat_load(path, defaults): load_path for compat's Python load (a call
 * with defaults keywords, or a path that is not a str). */
PyObject *fmpy_compat_load(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "_compat_load(path, defaults)");
        return NULL;
    }
    return load_path(state_of(mod), args[0], args[1]);
}

/* ===================================================================== */
/* fmatter.compat.load                                                   */
/* ===================================================================== */

/* The Post of load_path's result r (taken): a Post as it is; for a
 * Document, compat's _post_of_file(r, {}). */
static PyObject *post_of(compat_state *st, PyObject *r) {
    if (!r || Py_TYPE(r) != &fmpy_DocType)
        return r;
    PyObject *f = global(st, N_POST_OF_FILE);
    PyObject *defaults = f ? PyDict_New() : NULL;
    PyObject *post = defaults ? PyObject_CallFunctionObjArgs(f, r, defaults, NULL) : NULL;
    Py_XDECREF(defaults);
    Py_DECREF(r);
    return post;
}

/* fmatter.compat.load itself: load(fd, encoding="utf-8", handler=None,
 * **defaults). A str path and no other argument (the common call) is
 * load_path without a Python frame; any other call, and handlers or
 * LOAD_OPTIONS that are not the defaults, is compat's Python load (_load)
 * called with the same arguments. */
static PyObject *compat_entry(PyObject *mod, PyObject *const *args, size_t nargsf,
                              PyObject *kwnames) {
    compat_state *st = state_of(mod);
    if (PyVectorcall_NARGS(nargsf) == 1 && (!kwnames || PyTuple_GET_SIZE(kwnames) == 0) &&
        PyUnicode_CheckExact(args[0]) && st->globals) {
        PyObject *r = load_path(st, args[0], NULL);
        if (r != Py_None)
            return post_of(st, r);
        Py_DECREF(r);
    }
    PyObject *general = st->globals ? global(st, N_LOAD_PY) : NULL;
    if (!general && !PyErr_Occurred())
        PyErr_SetString(PyExc_RuntimeError, "fmatter.compat is not set up (_compat_setup)");
    return general ? PyObject_Vectorcall(general, args, nargsf, kwnames) : NULL;
}

static PyMethodDef load_def = {
    "load", (PyCFunction)(void (*)(void))compat_entry, METH_FASTCALL | METH_KEYWORDS,
    "load($module, fd, encoding='utf-8', handler=None, **defaults)\n--\n\n"
    "Load and parse a file-like object or filename, return a Post."};

/* _compat_setup(globals): keeps fmatter.compat's globals and returns its
 * load (compat_entry, with globals' __name__ as its __module__). */
PyObject *fmpy_compat_setup(PyObject *mod, PyObject *globals) {
    if (!PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, "_compat_setup takes fmatter.compat's globals()");
        return NULL;
    }
    compat_state *st = state_of(mod);
    Py_INCREF(globals);
    Py_XSETREF(st->globals, globals);
    PyObject *modname = global(st, N_MODNAME);
    return modname ? PyCFunction_NewEx(&load_def, mod, modname) : NULL;
}
