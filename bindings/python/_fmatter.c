/* SPDX-License-Identifier: MIT */
/* _fmatter.c - the module fmatter._fmatter: errors as Python exceptions,
 * load / loads / new, and load_many's worker threads. */
#include "fmpy.h"

#include <stdint.h>
#include <string.h>
#include <structmember.h>
#include <unistd.h>

PyObject *fmpy_ParseError;
PyObject *fmpy_EditError;

/* ===================================================================== */
/* Errors                                                                */
/* ===================================================================== */

/* Sets attributes on an exception object; -1 on failure. */
static int set_attrs(PyObject *exc, const fm_error *err, PyObject *path) {
    PyObject *code = PyUnicode_FromString(fm_code_name(err->code));
    PyObject *msg = code ? fmpy_str(err->message, strlen(err->message)) : NULL;
    PyObject *line = msg ? PyLong_FromUnsignedLong(err->line) : NULL;
    PyObject *column = line ? PyLong_FromUnsignedLong(err->column) : NULL;
    PyObject *offset = column ? PyLong_FromSize_t(err->offset) : NULL;
    int rc = -1;
    if (offset && PyObject_SetAttrString(exc, "code", code) == 0 &&
        PyObject_SetAttrString(exc, "message", msg) == 0 &&
        PyObject_SetAttrString(exc, "line", line) == 0 &&
        PyObject_SetAttrString(exc, "column", column) == 0 &&
        PyObject_SetAttrString(exc, "offset", offset) == 0 &&
        PyObject_SetAttrString(exc, "path", path ? path : Py_None) == 0)
        rc = 0;
    Py_XDECREF(code);
    Py_XDECREF(msg);
    Py_XDECREF(line);
    Py_XDECREF(column);
    Py_XDECREF(offset);
    return rc;
}

/* The pending exception as a new object (to return in place of a result). */
static PyObject *fetch_exception(void) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb && value)
        PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
}

/* An OSError for an FM_ERR_IO error: OSError(errno, strerror, filename)
 * gives the subclass for the system's errno (FileNotFoundError,
 * PermissionError, IsADirectoryError, ...); the library's message when it
 * recorded no errno. */
static PyObject *os_error(const fm_error *err, PyObject *path) {
    if (err->sys_errno == 0)
        return PyObject_CallFunction(PyExc_OSError, "s", err->message);
    return PyObject_CallFunction(PyExc_OSError, "isO", err->sys_errno,
                                 strerror(err->sys_errno), path ? path : Py_None);
}

PyObject *fmpy_load_error(const fm_error *err, PyObject *path) {
    if (err->code == FM_ERR_NOMEM) {
        PyErr_NoMemory();
        return fetch_exception();
    }
    if (err->code == FM_ERR_IO)
        return os_error(err, path);
    PyObject *where =
        path ? PyUnicode_FromFormat("%U", path) : PyUnicode_FromString("<string>");
    PyObject *msg = NULL;
    if (where && err->line)
        msg = PyUnicode_FromFormat("%U:%u:%u: %s", where, err->line, err->column,
                                   err->message);
    else if (where)
        msg = PyUnicode_FromFormat("%U: %s", where, err->message);
    Py_XDECREF(where);
    PyObject *exc = msg ? PyObject_CallOneArg(fmpy_ParseError, msg) : NULL;
    Py_XDECREF(msg);
    if (exc && set_attrs(exc, err, path) != 0)
        Py_CLEAR(exc);
    return exc;
}

PyObject *fmpy_raise_object(PyObject *exc) {
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *fmpy_raise_edit_error(const fm_error *err, const char *path) {
    if (err->code == FM_ERR_NOMEM)
        return PyErr_NoMemory();
    if (err->code == FM_ERR_IO)
        return fmpy_raise_object(os_error(err, NULL));
    PyObject *p = Py_None;
    if (path)
        p = fmpy_str(path, strlen(path));
    else
        Py_INCREF(p);
    PyObject *msg = p ? fmpy_str(err->message, strlen(err->message)) : NULL;
    PyObject *exc = msg ? PyObject_CallOneArg(fmpy_EditError, msg) : NULL;
    if (exc && set_attrs(exc, err, p) != 0)
        Py_CLEAR(exc);
    Py_XDECREF(p);
    Py_XDECREF(msg);
    return fmpy_raise_object(exc);
}

PyObject *fmpy_raise_save_error(const fm_error *err, PyObject *file) {
    if (err->code == FM_ERR_IO)
        return fmpy_raise_object(os_error(err, file));
    return fmpy_raise_edit_error(err, NULL);
}

PyObject *fmpy_raise_error(const fm_error *err) {
    return fmpy_raise_edit_error(err, NULL);
}

/* ===================================================================== */
/* Loading                                                               */
/* ===================================================================== */

static unsigned parse_options(int lenient, int allow_duplicates) {
    return (lenient ? FM_OPT_LENIENT : 0) |
           (allow_duplicates ? FM_OPT_ALLOW_DUPLICATES : 0);
}

/* The conversion flags of yaml11= and encoding_errors= (NULL: "strict");
 * -1 with ValueError for another encoding_errors. */
static int conversion_flags(int yaml11, const char *encoding_errors, unsigned *flags) {
    *flags = yaml11 ? FMPY_YAML11 : 0;
    if (!encoding_errors || strcmp(encoding_errors, "strict") == 0)
        return 0;
    if (strcmp(encoding_errors, "surrogateescape") == 0) {
        *flags |= FMPY_BODY_SURROGATEESCAPE;
        return 0;
    }
    if (strcmp(encoding_errors, "replace") == 0) {
        *flags |= FMPY_BODY_REPLACE;
        return 0;
    }
    PyErr_SetString(PyExc_ValueError,
                    "encoding_errors must be 'strict', 'surrogateescape' or 'replace'");
    return -1;
}

/* With encoding_errors='strict' (the default), the library checks the body:
 * one that is not UTF-8 fails the load at its first bad byte. */
static unsigned with_body_check(unsigned options, unsigned flags) {
    return (flags & FMPY_BODY_MASK) ? options : options | FM_OPT_UTF8_BODY;
}

/* Wraps a parsed document, or gives the error of a failed parse: a new
 * Document, or NULL with the exception raised. */
static PyObject *finish_load(fm_doc *doc, const fm_error *err, PyObject *path,
                             unsigned options, unsigned flags) {
    if (!doc)
        return fmpy_raise_object(fmpy_load_error(err, path));
    return fmpy_doc_wrap(doc, path, options, flags);
}

PyObject *fmpy_path_arg(PyObject *arg, PyObject **keep, const char **fs) {
    *keep = NULL;
    if (PyUnicode_CheckExact(arg) && PyUnicode_IS_ASCII(arg)) {
        /* ASCII is its own file-system encoding, and decodes back to itself:
         * the str's bytes are the path, no copy either way (a NUL byte goes
         * to PyUnicode_FSConverter below for its error). */
        const char *s = (const char *)PyUnicode_1BYTE_DATA(arg);
        if (strlen(s) == (size_t)PyUnicode_GET_LENGTH(arg)) {
            Py_INCREF(arg);
            Py_INCREF(arg);
            *keep = arg;
            *fs = s;
            return arg;
        }
    }
    if (!PyUnicode_FSConverter(arg, keep))
        return NULL;
    *fs = PyBytes_AS_STRING(*keep);
    PyObject *str = PyUnicode_DecodeFSDefaultAndSize(*fs, PyBytes_GET_SIZE(*keep));
    if (!str)
        Py_CLEAR(*keep);
    return str;
}

static PyObject *parse_bytes(const char *s, size_t len, PyObject *path, unsigned options,
                             unsigned flags) {
    fm_error err;
    fm_doc *doc;
    PyThreadState *ts = PyEval_SaveThread();
    doc = fm_doc_parse(s, len, with_body_check(options, flags), &err);
    PyEval_RestoreThread(ts);
    return finish_load(doc, &err, path, options, flags);
}

/* Text as bytes: str as UTF-8 (lone surrogates from surrogateescape turn back
 * into the bytes they came from), bytes as they are, any other buffer copied.
 * A new reference, or NULL with TypeError. */
static PyObject *text_as_bytes(PyObject *text) {
    if (PyUnicode_Check(text))
        return PyUnicode_AsEncodedString(text, "utf-8", "surrogateescape");
    if (PyBytes_Check(text)) {
        Py_INCREF(text);
        return text;
    }
    if (PyObject_CheckBuffer(text))
        return PyBytes_FromObject(text);
    PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.100s",
                 Py_TYPE(text)->tp_name);
    return NULL;
}

/* Parses str or bytes-like text; path (str or NULL) is kept for save(). */
static PyObject *parse_text(PyObject *text, PyObject *path, unsigned options,
                            unsigned flags) {
    if (PyUnicode_Check(text)) {
        Py_ssize_t len;
        const char *s = PyUnicode_AsUTF8AndSize(text, &len);
        if (s)
            return parse_bytes(s, (size_t)len, path, options, flags);
        PyErr_Clear(); /* lone surrogates: text_as_bytes gives their bytes */
    }
    PyObject *b = text_as_bytes(text);
    if (!b)
        return NULL;
    PyObject *r = parse_bytes(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b), path,
                              options, flags);
    Py_DECREF(b);
    return r;
}

/* The arguments of load and loads: the one positional (or named) argument
 * and the keywords, with their conversion flags and parse options. */
typedef struct load_args {
    PyObject *arg;
    unsigned options, flags;
} load_args;

static int same_name(PyObject *key, const char *name) {
    return PyUnicode_CompareWithASCIIString(key, name) == 0;
}

/* Sets a keyword of load / loads: 0, or -1 with an exception. */
static int load_keyword(const char *fname, int k, PyObject *v, int *bits,
                        const char **encoding_errors) {
    if (k < 3) { /* lenient, allow_duplicates, yaml11: any truth value, as 'p' */
        int t = PyObject_IsTrue(v);
        if (t < 0)
            return -1;
        *bits = t ? *bits | 1 << k : *bits & ~(1 << k);
        return 0;
    }
    if (v == Py_None) {
        *encoding_errors = NULL;
        return 0;
    }
    if (!PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s() argument 'encoding_errors' must be str or None, "
                     "not %.50s", fname, Py_TYPE(v)->tp_name);
        return -1;
    }
    Py_ssize_t len;
    *encoding_errors = PyUnicode_AsUTF8AndSize(v, &len);
    if (*encoding_errors && strlen(*encoding_errors) != (size_t)len) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return -1;
    }
    return *encoding_errors ? 0 : -1;
}

/* fname(argname, *, lenient=False, allow_duplicates=False, yaml11=False,
 * encoding_errors=None) from a vectorcall, without the tuple and dict of
 * PyArg_ParseTupleAndKeywords (compat.load passes three keywords on every
 * call). 0, or -1 with the TypeError that function would give. */
static int parse_load_args(const char *fname, const char *argname, PyObject *const *args,
                           Py_ssize_t nargs, PyObject *kwnames, load_args *out) {
    static const char *const names[] = {"lenient", "allow_duplicates", "yaml11",
                                        "encoding_errors"};
    const char *encoding_errors = NULL;
    int bits = 0;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most 1 positional argument (%zd given)",
                     fname, nargs);
        return -1;
    }
    out->arg = nargs ? args[0] : NULL;
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i), *v = args[nargs + i];
        int k = 0;
        while (k < 4 && !same_name(key, names[k]))
            k++;
        if (k == 4 && same_name(key, argname) && !out->arg) {
            out->arg = v;
            continue;
        }
        if (k == 4 && same_name(key, argname)) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%U') and position (1)", fname,
                         key);
            return -1;
        }
        if (k == 4) {
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %s()", key,
                         fname);
            return -1;
        }
        if (load_keyword(fname, k, v, &bits, &encoding_errors) != 0)
            return -1;
    }
    if (!out->arg) {
        PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos 1)", fname,
                     argname);
        return -1;
    }
    out->options = parse_options(bits & 1, bits & 2);
    return conversion_flags(bits & 4, encoding_errors, &out->flags);
}

static PyObject *mod_loads(PyObject *mod, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) {
    load_args a;
    (void)mod;
    if (parse_load_args("loads", "text", args, nargs, kwnames, &a) != 0)
        return NULL;
    return parse_text(a.arg, NULL, a.options, a.flags);
}

/* The name of a file object as a str path, NULL when it has none (a new
 * reference; NULL with an exception set when that failed). */
static PyObject *file_name(PyObject *file) {
    PyObject *name = PyObject_GetAttrString(file, "name"), *path = NULL;
    if (!name) {
        PyErr_Clear();
        return NULL;
    }
    if (PyUnicode_Check(name) || PyBytes_Check(name))
        path = PyOS_FSPath(name);
    Py_DECREF(name);
    if (path && PyBytes_Check(path))
        Py_SETREF(path, PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(path),
                                                         PyBytes_GET_SIZE(path)));
    return path;
}

/* A file object: its text, and its name as the path when it is one. */
static PyObject *load_file_object(PyObject *file, unsigned options, unsigned flags) {
    PyObject *text = PyObject_CallMethod(file, "read", NULL);
    if (!text)
        return NULL;
    PyObject *path = file_name(file);
    PyObject *r = PyErr_Occurred() ? NULL : parse_text(text, path, options, flags);
    Py_DECREF(text);
    Py_XDECREF(path);
    return r;
}

static PyObject *load_path(PyObject *arg, unsigned options, unsigned flags) {
    PyObject *bytes;
    const char *fs;
    PyObject *path = fmpy_path_arg(arg, &bytes, &fs);
    if (!path)
        return NULL;
    fm_error err;
    fm_doc *doc;
    PyThreadState *ts = PyEval_SaveThread();
    doc = fm_doc_load_file(fs, with_body_check(options, flags), &err);
    PyEval_RestoreThread(ts);
    Py_DECREF(bytes);
    PyObject *r = finish_load(doc, &err, path, options, flags);
    Py_DECREF(path);
    return r;
}

/* A str or bytes is a path; asking it for read() would cost a raised and
 * cleared AttributeError, as much as the rest of a small load. */
static int is_file_object(PyObject *o) {
    if (PyUnicode_CheckExact(o) || PyBytes_CheckExact(o))
        return 0;
    return PyObject_HasAttrString(o, "read");
}

static PyObject *mod_load(PyObject *mod, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) {
    load_args a;
    (void)mod;
    if (parse_load_args("load", "file", args, nargs, kwnames, &a) != 0)
        return NULL;
    if (is_file_object(a.arg))
        return load_file_object(a.arg, a.options, a.flags);
    return load_path(a.arg, a.options, a.flags);
}

int fmpy_format_from_name(const char *name, fm_format *f) {
    if (strcmp(name, "yaml") == 0)
        *f = FM_FORMAT_YAML;
    else if (strcmp(name, "json") == 0)
        *f = FM_FORMAT_JSON;
    else if (strcmp(name, "toml") == 0)
        *f = FM_FORMAT_TOML;
    else {
        PyErr_SetString(PyExc_ValueError, "format must be 'yaml', 'json' or 'toml'");
        return -1;
    }
    return 0;
}

static PyObject *mod_new(PyObject *mod, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"format", NULL};
    const char *format = "yaml";
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|s:new", kwlist, &format))
        return NULL;
    fm_format f;
    if (fmpy_format_from_name(format, &f) != 0)
        return NULL;
    fm_error err;
    fm_doc *doc = fm_doc_new(f, &err);
    if (!doc)
        return fmpy_raise_error(&err);
    return fmpy_doc_wrap(doc, NULL, 0, 0);
}

/* _restore(text, path, options, flags): unpickles a Document. */
static PyObject *mod_restore(PyObject *mod, PyObject *args) {
    PyObject *text, *path;
    unsigned options = 0, flags = 0;
    (void)mod;
    if (!PyArg_ParseTuple(args, "SO|II:_restore", &text, &path, &options, &flags))
        return NULL;
    if (path != Py_None && !PyUnicode_Check(path)) {
        PyErr_SetString(PyExc_TypeError, "_restore: path must be str or None");
        return NULL;
    }
    return parse_text(text, path == Py_None ? NULL : path, options & FMPY_DOC_OPTIONS,
                      flags & FMPY_FLAGS);
}

/* detect(text): the front-matter format fm_split sees ('yaml', 'json',
 * 'toml'), or None (also for text fm_split rejects). */
static PyObject *mod_detect(PyObject *mod, PyObject *arg) {
    (void)mod;
    PyObject *b = text_as_bytes(arg);
    if (!b)
        return NULL;
    fm_parts parts;
    int rc = fm_split(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b), FM_OPT_LENIENT,
                      &parts, NULL);
    Py_DECREF(b);
    if (rc != 0 || parts.format == FM_FORMAT_NONE)
        Py_RETURN_NONE;
    return PyUnicode_FromString(parts.format == FM_FORMAT_YAML   ? "yaml"
                                : parts.format == FM_FORMAT_JSON ? "json"
                                                                 : "toml");
}

/* _check_value(value): None when value converts to front matter, else the
 * conversion's exception (TypeError, ValueError, OverflowError). */
static PyObject *mod_check_value(PyObject *mod, PyObject *value) {
    (void)mod;
    fm_datetime dt;
    int isdate = fmpy_datetime_from_py(value, &dt);
    if (isdate < 0)
        return NULL;
    if (!isdate) {
        fm_value *v = fmpy_value_from_py(value);
        if (!v)
            return NULL;
        fm_value_free(v);
    }
    Py_RETURN_NONE;
}

static PyObject *mod_version(PyObject *mod, PyObject *unused) {
    (void)mod;
    (void)unused;
    return PyUnicode_FromString(fm_version());
}

/* ===================================================================== */
/* load_many                                                             */
/* ===================================================================== */

/* What load_many keeps of an item's result (fm_load_result is ~260 bytes,
 * most of it the error's message): its document, or a copy of its error. */
typedef struct outcome {
    fm_doc *doc;
    fm_error *error; /* NULL when it loaded (or no memory for the copy) */
    unsigned worker;
} outcome;

/* The arrays of one load_many call. */
typedef struct batch {
    fm_load_item *inputs;
    PyObject **keep;  /* what each input borrows from: bytes, or the path str
                         itself (new references) */
    PyObject **names; /* the path of each document: str or NULL */
    outcome *out;
    size_t n;    /* inputs */
    size_t got;  /* inputs taken so far */
    size_t done; /* outcomes set so far (fm_load_many's done, in input order) */
} batch;

static int batch_alloc(batch *b, size_t n) {
    size_t m = n ? n : 1;
    memset(b, 0, sizeof *b);
    b->n = n;
    /* inputs are set one by one (take_input), outcomes by keep_outcome: no
     * need to zero them */
    b->inputs = PyMem_New(fm_load_item, m);
    b->keep = PyMem_Calloc(m, sizeof *b->keep);
    b->names = PyMem_Calloc(m, sizeof *b->names);
    b->out = PyMem_New(outcome, m);
    if (b->inputs && b->keep && b->names && b->out)
        return 0;
    PyErr_NoMemory();
    return -1;
}

/* fm_load_many's done (on the calling thread, without the GIL): takes the
 * document, or keeps a copy of the error. */
static void keep_outcome(fm_load_result *res, void *ud) {
    batch *b = ud;
    outcome *o = &b->out[res->index];
    o->doc = res->doc;
    o->error = NULL;
    o->worker = res->worker;
    if (!res->doc && (o->error = PyMem_RawMalloc(sizeof *o->error)) != NULL)
        *o->error = res->error;
    b->done++;
}

static void batch_free(batch *b) {
    for (size_t i = 0; i < b->got; i++) {
        Py_XDECREF(b->keep[i]);
        Py_XDECREF(b->names[i]);
    }
    for (size_t i = 0; i < b->done; i++) {
        if (b->out[i].doc) /* not handed over */
            fm_doc_free(b->out[i].doc);
        if (b->out[i].error)
            PyMem_RawFree(b->out[i].error);
    }
    PyMem_Free(b->inputs);
    PyMem_Free(b->keep);
    PyMem_Free(b->names);
    PyMem_Free(b->out);
}

/* Takes input i: a path (str, bytes, os.PathLike) or a file object whose
 * read() is called here, with the GIL. 0, or -1 with an exception. */
static int take_input(batch *b, size_t i, PyObject *o) {
    fm_load_item *in = &b->inputs[i];
    *in = (fm_load_item){NULL, NULL, 0};
    if (!is_file_object(o)) {
        b->names[i] = fmpy_path_arg(o, &b->keep[i], &in->path);
        if (!b->names[i])
            return -1;
        return 0;
    }
    PyObject *text = PyObject_CallMethod(o, "read", NULL);
    if (!text)
        return -1;
    b->keep[i] = text_as_bytes(text);
    Py_DECREF(text);
    if (!b->keep[i])
        return -1;
    b->names[i] = file_name(o);
    if (!b->names[i] && PyErr_Occurred())
        return -1;
    in->text = PyBytes_AS_STRING(b->keep[i]);
    in->len = (size_t)PyBytes_GET_SIZE(b->keep[i]);
    return 0;
}

/* _wrap=cls of load_many: each Document made into cls.__new__(cls) with its
 * slots _doc (the Document) and _live (None) set, as fmatter.Document._wrap
 * makes it, without a Python call per file. */
typedef struct wrapper {
    PyTypeObject *cls; /* NULL: the Documents as they are */
    PyObject *doc_slot, *live_slot; /* cls's slot descriptors (new references) */
    Py_ssize_t doc_at, live_at;     /* where the slots are in the object: 0 when
                                       set through the descriptors */
    PyObject *no_args;              /* () for cls.__new__ */
} wrapper;

/* The slot descriptor cls.<name>: a new reference, NULL with an exception. */
static PyObject *slot_of(PyTypeObject *cls, const char *name) {
    PyObject *d = PyObject_GetAttrString((PyObject *)cls, name);
    if (d && !Py_TYPE(d)->tp_descr_set) {
        PyErr_Format(PyExc_TypeError, "%.100s.%s is not a slot", cls->tp_name, name);
        Py_CLEAR(d);
    }
    return d;
}

/* Where a slot descriptor of cls writes: the offset of a writable
 * __slots__ member of cls or a base of it, else 0 (set it through the
 * descriptor). */
static Py_ssize_t slot_offset(PyTypeObject *cls, PyObject *d) {
#ifdef PYPY_VERSION
    (void)cls;
    (void)d;
    return 0;
#else
    if (!Py_IS_TYPE(d, &PyMemberDescr_Type))
        return 0;
    PyMemberDescrObject *m = (PyMemberDescrObject *)d;
    if (m->d_member->type != T_OBJECT_EX || (m->d_member->flags & READONLY) ||
        !PyType_IsSubtype(cls, PyDescr_TYPE(d)))
        return 0;
    return m->d_member->offset;
#endif
}

/* 0, or -1 with an exception; w->cls stays NULL for None. */
static int wrapper_init(wrapper *w, PyObject *cls) {
    memset(w, 0, sizeof *w);
    if (!cls || cls == Py_None)
        return 0;
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "load_many's _wrap must be a class");
        return -1;
    }
    w->cls = (PyTypeObject *)cls;
    w->doc_slot = slot_of(w->cls, "_doc");
    w->live_slot = w->doc_slot ? slot_of(w->cls, "_live") : NULL;
    w->no_args = w->live_slot ? PyTuple_New(0) : NULL;
    if (!w->no_args)
        return -1;
    w->doc_at = slot_offset(w->cls, w->doc_slot);
    w->live_at = w->doc_at ? slot_offset(w->cls, w->live_slot) : 0;
    if (!w->live_at)
        w->doc_at = 0;
    return 0;
}

static void wrapper_free(wrapper *w) {
    Py_XDECREF(w->doc_slot);
    Py_XDECREF(w->live_slot);
    Py_XDECREF(w->no_args);
}

/* Sets a slot of a new object (empty until now) to v. */
static int set_slot(PyObject *o, PyObject *d, Py_ssize_t at, PyObject *v) {
    if (!at)
        return Py_TYPE(d)->tp_descr_set(d, o, v);
    PyObject **slot = (PyObject **)(void *)((char *)o + at);
    Py_INCREF(v);
    Py_XSETREF(*slot, v);
    return 0;
}

/* raw wrapped as w says (taking the reference): a new reference, or NULL
 * with an exception. */
static PyObject *wrap(const wrapper *w, PyObject *raw) {
    if (!raw || !w->cls)
        return raw;
    PyObject *o = w->cls->tp_new(w->cls, w->no_args, NULL);
    /* (an object of another type: the descriptors say what is wrong) */
    int direct = o && PyObject_TypeCheck(o, w->cls);
    if (o && (set_slot(o, w->doc_slot, direct ? w->doc_at : 0, raw) != 0 ||
              set_slot(o, w->live_slot, direct ? w->live_at : 0, Py_None) != 0))
        Py_CLEAR(o);
    Py_DECREF(raw);
    return o;
}

/* The outcome of a failed load: its error, or FM_ERR_NOMEM when there was
 * no memory to copy it. */
static const fm_error *outcome_error(const outcome *o, fm_error *nomem) {
    if (o->error)
        return o->error;
    memset(nomem, 0, sizeof *nomem);
    nomem->code = FM_ERR_NOMEM;
    return nomem;
}

/* Turns the outcomes into a list; NULL with the first error raised unless
 * collect. The documents it hands over leave b (batch_free frees the
 * others). */
static PyObject *batch_results(batch *b, unsigned options, unsigned flags, int collect,
                               const wrapper *w) {
    PyObject *list = PyList_New((Py_ssize_t)b->n);
    for (size_t i = 0; list && i < b->n; i++) {
        fm_error nomem;
        fm_doc *doc = b->out[i].doc;
        const fm_error *e = doc ? NULL : outcome_error(&b->out[i], &nomem);
        b->out[i].doc = NULL; /* finish_load takes it, or frees it */
        PyObject *item = wrap(w, finish_load(doc, e, b->names[i], options, flags));
        if (!item && collect && !PyErr_ExceptionMatches(PyExc_MemoryError))
            item = fetch_exception();
        if (!item)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

/* threads=None: one per core (0 for the library). */
static int threads_arg(PyObject *arg, size_t *nthreads) {
    *nthreads = 0;
    if (arg == Py_None)
        return 0;
    Py_ssize_t t = PyLong_AsSsize_t(arg);
    if (t == -1 && PyErr_Occurred())
        return -1;
    if (t < 1) {
        PyErr_SetString(PyExc_ValueError, "threads must be at least 1");
        return -1;
    }
    *nthreads = (size_t)t;
    return 0;
}

static PyObject *mod_load_many(PyObject *mod, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"paths",  "threads",         "errors",   "lenient",
                             "allow_duplicates", "yaml11", "encoding_errors",
                             "_workers", "_wrap", NULL};
    PyObject *paths, *threads = Py_None, *result = NULL, *workers = NULL, *cls = NULL;
    const char *errors = "raise", *encoding_errors = NULL;
    int lenient = 0, dups = 0, yaml11 = 0;
    unsigned flags;
    size_t nthreads;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|Os$pppzO!O:load_many", kwlist, &paths,
                                     &threads, &errors, &lenient, &dups, &yaml11,
                                     &encoding_errors, &PyList_Type, &workers, &cls) ||
        conversion_flags(yaml11, encoding_errors, &flags) != 0 ||
        threads_arg(threads, &nthreads) != 0)
        return NULL;
    int collect = strcmp(errors, "collect") == 0;
    if (!collect && strcmp(errors, "raise") != 0) {
        PyErr_SetString(PyExc_ValueError, "errors must be 'raise' or 'collect'");
        return NULL;
    }
    if (PyUnicode_Check(paths) || PyBytes_Check(paths) || PyObject_CheckBuffer(paths) ||
        is_file_object(paths)) {
        PyErr_Format(PyExc_TypeError,
                     "load_many takes an iterable of paths or files, not one %.100s "
                     "(for one file, use load() or pass [it])",
                     Py_TYPE(paths)->tp_name);
        return NULL;
    }
    wrapper w;
    if (wrapper_init(&w, cls) != 0)
        return NULL;
    PyObject *seq = PySequence_Fast(paths, "paths must be an iterable of paths or files");
    if (!seq) {
        wrapper_free(&w);
        return NULL;
    }
    size_t n = (size_t)PySequence_Fast_GET_SIZE(seq);
    batch b;
    if (batch_alloc(&b, n) != 0)
        goto out;
    for (; b.got < n; b.got++)
        if (take_input(&b, b.got, PySequence_Fast_GET_ITEM(seq, b.got)) != 0) {
            b.got++; /* its references, if any, are released with the others */
            goto out;
        }
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = with_body_check(parse_options(lenient, dups), flags);
    fm_load_options lo;
    fm_load_options_init(&lo);
    lo.threads = (unsigned)nthreads;
    lo.config = &cfg;
    lo.done = keep_outcome;
    lo.ud = &b;
    fm_error err;
    PyThreadState *ts = PyEval_SaveThread();
    int rc = fm_load_many(b.inputs, n, &lo, NULL, &err);
    PyEval_RestoreThread(ts);
    if (rc != 0) {
        fmpy_raise_error(&err);
        goto out;
    }
    result = batch_results(&b, cfg.options, flags, collect, &w);
    /* _workers (for tests): the thread that loaded each item, 0 the caller's. */
    for (size_t i = 0; result && workers && i < n; i++) {
        PyObject *id = PyLong_FromUnsignedLong(b.out[i].worker);
        if (!id || PyList_Append(workers, id) != 0)
            Py_CLEAR(result);
        Py_XDECREF(id);
    }
out:
    batch_free(&b);
    Py_DECREF(seq);
    wrapper_free(&w);
    return result;
}

/* ===================================================================== */
/* The module                                                            */
/* ===================================================================== */

static PyMethodDef module_methods[] = {
    {"loads", (PyCFunction)(void (*)(void))mod_loads, METH_FASTCALL | METH_KEYWORDS,
     "loads(text, *, lenient=False, allow_duplicates=False, yaml11=False, "
     "encoding_errors='strict') -> Document"},
    {"load", (PyCFunction)(void (*)(void))mod_load, METH_FASTCALL | METH_KEYWORDS,
     "load(path_or_file, *, lenient=False, allow_duplicates=False, yaml11=False, "
     "encoding_errors='strict') -> Document"},
    {"load_many", (PyCFunction)(void (*)(void))mod_load_many,
     METH_VARARGS | METH_KEYWORDS,
     "load_many(paths, threads=None, errors='raise', *, lenient=False, "
     "allow_duplicates=False, yaml11=False, encoding_errors='strict') -> list of "
     "Document (or exceptions with errors='collect'); paths holds paths or binary file "
     "objects, parsed in parallel threads without the GIL."},
    {"new", (PyCFunction)(void (*)(void))mod_new, METH_VARARGS | METH_KEYWORDS,
     "new(format='yaml') -> an empty Document to fill with edits."},
    {"detect", (PyCFunction)mod_detect, METH_O,
     "detect(text) -> 'yaml', 'json', 'toml' or None: the front matter's format."},
    {"version", (PyCFunction)mod_version, METH_NOARGS, "The C library's version."},
    {"_restore", (PyCFunction)mod_restore, METH_VARARGS, NULL},
    {"_restore_article", (PyCFunction)fmpy_article_restore, METH_VARARGS, NULL},
    {"_check_value", (PyCFunction)mod_check_value, METH_O, NULL},
    {"_compat_setup", (PyCFunction)fmpy_compat_setup, METH_O, NULL},
    {"_compat_load", (PyCFunction)(void (*)(void))fmpy_compat_load, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static void module_free(void *module) {
    fmpy_state_clear(module);
}

/* m_size is set to fmpy_state_size before the module is made. */
static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "fmatter._fmatter",
    "The C part of fmatter: libfmatter's documents as Python objects.",
    -1,
    module_methods,
    NULL,
    fmpy_state_traverse,
    fmpy_state_clear,
    module_free,
};

PyObject *fmpy_module(void) {
    return PyState_FindModule(&module_def);
}

/* A ValueError subclass fmatter.NAME whose attributes (set on the errors the
 * library reports) default to None, so one built by hand has them too. */
static PyObject *new_error(PyObject *module, const char *name, const char *doc) {
    static const char *const attrs[] = {"path", "line", "column", "offset", "code",
                                        "message"};
    char qualified[64];
    snprintf(qualified, sizeof qualified, "fmatter.%s", name);
    PyObject *exc = PyErr_NewExceptionWithDoc(qualified, doc, PyExc_ValueError, NULL);
    if (!exc)
        return NULL;
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        if (PyObject_SetAttrString(exc, attrs[i], Py_None) != 0) {
            Py_DECREF(exc);
            return NULL;
        }
    }
    Py_INCREF(exc);
    if (PyModule_AddObject(module, name, exc) < 0) {
        Py_DECREF(exc);
        Py_DECREF(exc);
        return NULL;
    }
    return exc;
}

PyMODINIT_FUNC PyInit__fmatter(void);

PyMODINIT_FUNC PyInit__fmatter(void) {
    if (fmpy_value_init() < 0)
        return NULL;
    module_def.m_size = fmpy_state_size;
    PyObject *m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    fmpy_ParseError = new_error(m, "ParseError",
                                "A document could not be parsed: .path, .line, .column "
                                "(1-based), .offset, .code (e.g. 'duplicate-key'), "
                                ".message.");
    fmpy_EditError = fmpy_ParseError
                         ? new_error(m, "EditError",
                                     "An edit could not be made: .code, .message, .path.")
                         : NULL;
    if (!fmpy_EditError || fmpy_doc_init(m) < 0 || fmpy_article_init(m) < 0 ||
        fmpy_body_init(m) < 0 || fmpy_compat_init(m) < 0 ||
        PyModule_AddStringConstant(m, "__version__", fm_version()) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
