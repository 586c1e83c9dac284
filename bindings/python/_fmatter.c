/* SPDX-License-Identifier: MIT */
/* _fmatter.c - the module fmatter._fmatter: errors as Python exceptions,
 * load / loads / new, and load_many's worker threads. */
#include "fmpy.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
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

static PyObject *os_error(int sys_errno, const char *message, PyObject *path) {
    if (sys_errno == 0)
        return PyObject_CallFunction(PyExc_OSError, "s", message);
    /* OSError(errno, strerror, filename) gives the subclass for errno
     * (FileNotFoundError, PermissionError, IsADirectoryError, ...). */
    return PyObject_CallFunction(PyExc_OSError, "isO", sys_errno, strerror(sys_errno),
                                 path ? path : Py_None);
}

PyObject *fmpy_load_error(const fm_error *err, PyObject *path, int sys_errno) {
    if (err->code == FM_ERR_NOMEM) {
        PyErr_NoMemory();
        return fetch_exception();
    }
    if (err->code == FM_ERR_IO)
        return os_error(sys_errno, err->message, path);
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

static PyObject *raise_object(PyObject *exc) {
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *fmpy_raise_edit_error(const fm_error *err, const char *path, int sys_errno) {
    if (err->code == FM_ERR_NOMEM)
        return PyErr_NoMemory();
    if (err->code == FM_ERR_IO)
        return raise_object(os_error(sys_errno, err->message, NULL));
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
    return raise_object(exc);
}

PyObject *fmpy_raise_error(const fm_error *err) {
    return fmpy_raise_edit_error(err, NULL, 0);
}

/* ===================================================================== */
/* Loading                                                               */
/* ===================================================================== */

static unsigned parse_options(int lenient, int allow_duplicates) {
    return (lenient ? FM_OPT_LENIENT : 0) |
           (allow_duplicates ? FM_OPT_ALLOW_DUPLICATES : 0);
}

/* A path argument: *bytes gets the file-system encoded path (new reference),
 * and the return value its str form (new reference). */
static PyObject *path_arg(PyObject *arg, PyObject **bytes) {
    *bytes = NULL;
    if (!PyUnicode_FSConverter(arg, bytes))
        return NULL;
    PyObject *str = PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(*bytes),
                                                     PyBytes_GET_SIZE(*bytes));
    if (!str)
        Py_CLEAR(*bytes);
    return str;
}

static PyObject *parse_bytes(const char *s, size_t len, PyObject *path, unsigned options,
                             unsigned flags) {
    fm_error err;
    fm_doc *doc;
    PyThreadState *ts = PyEval_SaveThread();
    doc = fm_doc_parse(s, len, options, &err);
    PyEval_RestoreThread(ts);
    if (!doc)
        return raise_object(fmpy_load_error(&err, path, 0));
    return fmpy_doc_wrap(doc, path, options, flags);
}

/* Parses str or bytes-like text; path (str or NULL) is kept for save(). */
static PyObject *parse_text(PyObject *text, PyObject *path, unsigned options,
                            unsigned flags) {
    if (PyUnicode_Check(text)) {
        Py_ssize_t len;
        const char *s = PyUnicode_AsUTF8AndSize(text, &len);
        if (s)
            return parse_bytes(s, (size_t)len, path, options, flags);
        /* Lone surrogates from surrogateescape: back to the bytes they were. */
        PyErr_Clear();
        PyObject *b = PyUnicode_AsEncodedString(text, "utf-8", "surrogateescape");
        if (!b)
            return NULL;
        PyObject *r = parse_bytes(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b), path,
                                  options, flags);
        Py_DECREF(b);
        return r;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(text, &view, PyBUF_SIMPLE) != 0) {
        PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.100s",
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    PyObject *r = parse_bytes(view.buf, (size_t)view.len, path, options, flags);
    PyBuffer_Release(&view);
    return r;
}

static PyObject *mod_loads(PyObject *mod, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"text", "lenient", "allow_duplicates", "yaml11", NULL};
    PyObject *text;
    int lenient = 0, dups = 0, yaml11 = 0;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$ppp:loads", kwlist, &text, &lenient,
                                     &dups, &yaml11))
        return NULL;
    return parse_text(text, NULL, parse_options(lenient, dups), yaml11 ? FMPY_YAML11 : 0);
}

/* A file object: its text, and its name as the path when it is one. */
static PyObject *load_file_object(PyObject *file, unsigned options, unsigned flags) {
    PyObject *text = PyObject_CallMethod(file, "read", NULL);
    if (!text)
        return NULL;
    PyObject *name = PyObject_GetAttrString(file, "name"), *path = NULL;
    if (!name)
        PyErr_Clear();
    else if (PyUnicode_Check(name) || PyBytes_Check(name))
        path = PyOS_FSPath(name);
    if (path && PyBytes_Check(path))
        Py_SETREF(path, PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(path),
                                                         PyBytes_GET_SIZE(path)));
    Py_XDECREF(name);
    PyObject *r = PyErr_Occurred() ? NULL : parse_text(text, path, options, flags);
    Py_DECREF(text);
    Py_XDECREF(path);
    return r;
}

static PyObject *load_path(PyObject *arg, unsigned options, unsigned flags) {
    PyObject *bytes;
    PyObject *path = path_arg(arg, &bytes);
    if (!path)
        return NULL;
    fm_error err;
    fm_doc *doc;
    int saved = 0;
    PyThreadState *ts = PyEval_SaveThread();
    errno = 0;
    doc = fm_doc_load_file(PyBytes_AS_STRING(bytes), options, &err);
    saved = errno;
    PyEval_RestoreThread(ts);
    Py_DECREF(bytes);
    PyObject *r;
    if (!doc) {
        if (err.code == FM_ERR_IO && strstr(err.message, "is a directory"))
            saved = EISDIR;
        r = raise_object(fmpy_load_error(&err, path, saved));
    } else {
        r = fmpy_doc_wrap(doc, path, options, flags);
    }
    Py_DECREF(path);
    return r;
}

static PyObject *mod_load(PyObject *mod, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"file", "lenient", "allow_duplicates", "yaml11", NULL};
    PyObject *arg;
    int lenient = 0, dups = 0, yaml11 = 0;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$ppp:load", kwlist, &arg, &lenient,
                                     &dups, &yaml11))
        return NULL;
    unsigned options = parse_options(lenient, dups), flags = yaml11 ? FMPY_YAML11 : 0;
    if (PyObject_HasAttrString(arg, "read"))
        return load_file_object(arg, options, flags);
    return load_path(arg, options, flags);
}

static PyObject *mod_new(PyObject *mod, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"format", NULL};
    const char *format = "yaml";
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|s:new", kwlist, &format))
        return NULL;
    fm_format f;
    if (strcmp(format, "yaml") == 0)
        f = FM_FORMAT_YAML;
    else if (strcmp(format, "json") == 0)
        f = FM_FORMAT_JSON;
    else {
        PyErr_SetString(PyExc_ValueError, "format must be 'yaml' or 'json'");
        return NULL;
    }
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
                      flags & FMPY_YAML11);
}

/* detect(text): the front-matter format fm_split sees ('yaml', 'json',
 * 'toml'), or None (also for text fm_split rejects). */
static PyObject *mod_detect(PyObject *mod, PyObject *arg) {
    (void)mod;
    Py_buffer view;
    PyObject *b = NULL;
    if (PyUnicode_Check(arg)) {
        b = PyUnicode_AsEncodedString(arg, "utf-8", "surrogateescape");
        if (!b)
            return NULL;
        arg = b;
    }
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) != 0) {
        Py_XDECREF(b);
        return NULL;
    }
    fm_parts parts;
    int rc = fm_split(view.buf, (size_t)view.len, FM_OPT_LENIENT, &parts, NULL);
    PyBuffer_Release(&view);
    Py_XDECREF(b);
    if (rc != 0 || parts.format == FM_FORMAT_NONE)
        Py_RETURN_NONE;
    return PyUnicode_FromString(parts.format == FM_FORMAT_YAML   ? "yaml"
                                : parts.format == FM_FORMAT_JSON ? "json"
                                                                 : "toml");
}

static PyObject *mod_version(PyObject *mod, PyObject *unused) {
    (void)mod;
    (void)unused;
    return PyUnicode_FromString(fm_version());
}

/* ===================================================================== */
/* load_many                                                             */
/* ===================================================================== */

#define MAX_THREADS 64

typedef struct job {
    char **paths; /* file-system encoded, borrowed from Python bytes */
    fm_doc **docs;
    fm_error *errs;
    int *errnos;
    size_t n;
    size_t next; /* next index to take, shared by the workers */
    unsigned options;
    size_t done[MAX_THREADS]; /* files each worker loaded */
} job;

typedef struct worker {
    job *job;
    size_t id;
} worker;

static void load_one(job *j, size_t i) {
    errno = 0;
    j->docs[i] = fm_doc_load_file(j->paths[i], j->options, &j->errs[i]);
    j->errnos[i] = errno;
}

/* Worker k first loads file k (so every worker started takes part), then
 * takes the next free index until none is left. */
static void *work(void *arg) {
    worker *w = arg;
    job *j = w->job;
    size_t i = w->id;
    if (i < j->n) {
        load_one(j, i);
        j->done[w->id]++;
        while ((i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->n) {
            load_one(j, i);
            j->done[w->id]++;
        }
    }
    return NULL;
}

static void run_job(job *j, size_t nthreads) {
    pthread_t tids[MAX_THREADS];
    worker ws[MAX_THREADS];
    size_t started = 0;
    j->next = nthreads;
    for (size_t k = 1; k < nthreads; k++) {
        ws[k] = (worker){j, k};
        if (pthread_create(&tids[k], NULL, work, &ws[k]) != 0)
            break;
        started = k;
    }
    /* Files whose worker could not start are loaded by this thread. */
    for (size_t k = started + 1; k < nthreads && k < j->n; k++) {
        load_one(j, k);
        j->done[0]++;
    }
    ws[0] = (worker){j, 0};
    work(&ws[0]);
    for (size_t k = 1; k <= started; k++)
        pthread_join(tids[k], NULL);
}

/* Statistics of the last load_many call, for tests (guarded by the GIL). */
static size_t last_threads;
static size_t last_done[MAX_THREADS];

static size_t default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

/* Turns the job's results into a list; NULL with the first error raised
 * unless collect. Frees every document it does not hand over. */
static PyObject *job_results(job *j, PyObject **strs, int collect) {
    PyObject *list = PyList_New((Py_ssize_t)j->n);
    for (size_t i = 0; i < j->n; i++) {
        PyObject *item = NULL;
        if (!list) {
            fm_doc_free(j->docs[i]);
            continue;
        }
        if (j->docs[i]) {
            item = fmpy_doc_wrap(j->docs[i], strs[i], j->options, 0);
        } else {
            int e = j->errnos[i];
            if (j->errs[i].code == FM_ERR_IO &&
                strstr(j->errs[i].message, "is a directory"))
                e = EISDIR;
            item = fmpy_load_error(&j->errs[i], strs[i], e);
            if (item && !collect) {
                raise_object(item);
                item = NULL;
            }
        }
        if (!item)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

static PyObject *mod_load_many(PyObject *mod, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"paths",   "threads",          "errors",
                             "lenient", "allow_duplicates", NULL};
    PyObject *paths, *threads_arg = Py_None, *result = NULL;
    const char *errors = "raise";
    int lenient = 0, dups = 0;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|Os$pp:load_many", kwlist, &paths,
                                     &threads_arg, &errors, &lenient, &dups))
        return NULL;
    int collect = strcmp(errors, "collect") == 0;
    if (!collect && strcmp(errors, "raise") != 0) {
        PyErr_SetString(PyExc_ValueError, "errors must be 'raise' or 'collect'");
        return NULL;
    }
    size_t nthreads = default_threads();
    if (threads_arg != Py_None) {
        Py_ssize_t t = PyLong_AsSsize_t(threads_arg);
        if (t == -1 && PyErr_Occurred())
            return NULL;
        if (t < 1) {
            PyErr_SetString(PyExc_ValueError, "threads must be at least 1");
            return NULL;
        }
        nthreads = (size_t)t;
    }
    PyObject *seq = PySequence_Fast(paths, "paths must be an iterable of paths");
    if (!seq)
        return NULL;
    size_t n = (size_t)PySequence_Fast_GET_SIZE(seq);
    if (nthreads > MAX_THREADS)
        nthreads = MAX_THREADS;
    if (nthreads > n)
        nthreads = n ? n : 1;

    job j;
    memset(&j, 0, sizeof j);
    j.n = n;
    j.options = parse_options(lenient, dups);
    PyObject **bytes = PyMem_Calloc(n ? n : 1, sizeof *bytes);
    PyObject **strs = PyMem_Calloc(n ? n : 1, sizeof *strs);
    j.paths = PyMem_Calloc(n ? n : 1, sizeof *j.paths);
    j.docs = PyMem_Calloc(n ? n : 1, sizeof *j.docs);
    j.errs = PyMem_Calloc(n ? n : 1, sizeof *j.errs);
    j.errnos = PyMem_Calloc(n ? n : 1, sizeof *j.errnos);
    size_t got = 0;
    PyThreadState *ts;
    if (!bytes || !strs || !j.paths || !j.docs || !j.errs || !j.errnos) {
        PyErr_NoMemory();
        goto out;
    }
    for (; got < n; got++) {
        strs[got] = path_arg(PySequence_Fast_GET_ITEM(seq, got), &bytes[got]);
        if (!strs[got])
            goto out;
        j.paths[got] = PyBytes_AS_STRING(bytes[got]);
    }
    ts = PyEval_SaveThread();
    run_job(&j, nthreads);
    PyEval_RestoreThread(ts);
    last_threads = nthreads;
    memcpy(last_done, j.done, sizeof last_done);
    result = job_results(&j, strs, collect);
out:
    for (size_t i = 0; i < got; i++) {
        Py_XDECREF(bytes[i]);
        Py_XDECREF(strs[i]);
    }
    PyMem_Free(bytes);
    PyMem_Free(strs);
    PyMem_Free(j.paths);
    PyMem_Free(j.docs);
    PyMem_Free(j.errs);
    PyMem_Free(j.errnos);
    Py_DECREF(seq);
    return result;
}

static PyObject *mod_load_many_stats(PyObject *mod, PyObject *unused) {
    (void)mod;
    (void)unused;
    PyObject *done = PyList_New((Py_ssize_t)last_threads);
    for (size_t k = 0; done && k < last_threads; k++) {
        PyObject *c = PyLong_FromSize_t(last_done[k]);
        if (!c)
            Py_CLEAR(done);
        else
            PyList_SET_ITEM(done, (Py_ssize_t)k, c);
    }
    return done;
}

/* ===================================================================== */
/* The module                                                            */
/* ===================================================================== */

static PyMethodDef module_methods[] = {
    {"loads", (PyCFunction)(void (*)(void))mod_loads, METH_VARARGS | METH_KEYWORDS,
     "loads(text, *, lenient=False, allow_duplicates=False, yaml11=False) -> Document"},
    {"load", (PyCFunction)(void (*)(void))mod_load, METH_VARARGS | METH_KEYWORDS,
     "load(path_or_file, *, lenient=False, allow_duplicates=False, yaml11=False) -> "
     "Document"},
    {"load_many", (PyCFunction)(void (*)(void))mod_load_many,
     METH_VARARGS | METH_KEYWORDS,
     "load_many(paths, threads=None, errors='raise', *, lenient=False, "
     "allow_duplicates=False) -> list of Document (or exceptions with errors='collect'); "
     "files are parsed in parallel threads without the GIL."},
    {"new", (PyCFunction)(void (*)(void))mod_new, METH_VARARGS | METH_KEYWORDS,
     "new(format='yaml') -> an empty Document to fill with edits."},
    {"detect", (PyCFunction)mod_detect, METH_O,
     "detect(text) -> 'yaml', 'json', 'toml' or None: the front matter's format."},
    {"version", (PyCFunction)mod_version, METH_NOARGS, "The C library's version."},
    {"_restore", (PyCFunction)mod_restore, METH_VARARGS, NULL},
    {"_load_many_stats", (PyCFunction)mod_load_many_stats, METH_NOARGS,
     "Files each worker thread of the last load_many call loaded."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "fmatter._fmatter",
    "The C part of fmatter: libfmatter's documents as Python objects.",
    -1,
    module_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

static PyObject *new_error(PyObject *module, const char *name, const char *doc) {
    char qualified[64];
    snprintf(qualified, sizeof qualified, "fmatter.%s", name);
    PyObject *exc = PyErr_NewExceptionWithDoc(qualified, doc, PyExc_ValueError, NULL);
    if (!exc)
        return NULL;
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
        fmpy_body_init(m) < 0 ||
        PyModule_AddStringConstant(m, "__version__", fm_version()) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
