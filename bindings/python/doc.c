/* SPDX-License-Identifier: MIT */
/* doc.c - fmatter.Document: a loaded fm_doc as a Post-like mapping, its edits
 * (the library's minimal-diff edit functions), text, save, pickle. */
#include "fmpy.h"

#include <stdio.h>
#include <string.h>

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

PyObject *fmpy_doc_wrap(fm_doc *doc, PyObject *path, unsigned options, unsigned flags) {
    fmpy_doc *self = PyObject_New(fmpy_doc, &fmpy_DocType);
    if (!self) {
        fm_doc_free(doc);
        return NULL;
    }
    self->doc = doc;
    self->path = path ? path : Py_None;
    Py_INCREF(self->path);
    self->options = options;
    self->flags = flags;
    return (PyObject *)self;
}

/* A key or path argument as UTF-8 without NUL bytes. */
static const char *key_arg(PyObject *key, Py_ssize_t *len) {
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "keys are str, not %.100s", Py_TYPE(key)->tp_name);
        return NULL;
    }
    const char *s = PyUnicode_AsUTF8AndSize(key, len);
    if (s && strlen(s) != (size_t)*len) {
        PyErr_SetString(PyExc_ValueError, "a key cannot hold a NUL character");
        return NULL;
    }
    return s;
}

static const fm_value *lookup(fmpy_doc *self, PyObject *key) {
    Py_ssize_t len;
    const char *k = key_arg(key, &len);
    if (!k)
        return NULL;
    const fm_value *v = fm_value_lookup(fm_doc_root(self->doc), k, (size_t)len);
    if (!v)
        PyErr_SetObject(PyExc_KeyError, key);
    return v;
}

static PyObject *keys_list(fmpy_doc *self) {
    const fm_value *root = fm_doc_root(self->doc);
    size_t n = fm_value_size(root);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        size_t len;
        const char *k = fm_value_key_text(root, i, &len);
        PyObject *key = fmpy_str(k, len);
        if (!key)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, key);
    }
    return list;
}

/* ===================================================================== */
/* Edits                                                                 */
/* ===================================================================== */

/* A path argument: a str in the library's path syntax ('params."og.title"',
 * 'tags[0]'), or a tuple or list of steps, str keys and int indexes from 0
 * (("params", "og.title"), ("tags", 0)), which need no syntax. */
typedef struct pypath {
    const char *text;      /* a str path, else NULL */
    fm_path_step *steps;   /* the steps of a sequence */
    size_t n;
    PyObject *seq;         /* keeps the keys' UTF-8 alive */
    fm_path_step inline_steps[8];
} pypath;

static void pypath_free(pypath *p) {
    if (p->steps != p->inline_steps)
        PyMem_Free(p->steps);
    Py_CLEAR(p->seq);
}

static int pypath_step(PyObject *item, size_t i, fm_path_step *s) {
    if (PyUnicode_Check(item)) {
        Py_ssize_t len;
        s->key = PyUnicode_AsUTF8AndSize(item, &len);
        s->len = (size_t)len;
        s->index = 0;
        return s->key ? 0 : -1;
    }
    if (PyLong_Check(item) && !PyBool_Check(item)) {
        Py_ssize_t index = PyLong_AsSsize_t(item);
        if (index == -1 && PyErr_Occurred())
            return -1;
        if (index < 0) {
            PyErr_Format(PyExc_IndexError, "path step %zu: a list index is 0 or more", i);
            return -1;
        }
        *s = (fm_path_step){NULL, 0, (size_t)index};
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "path step %zu is a %.100s, not a str key or an int "
                                  "index", i, Py_TYPE(item)->tp_name);
    return -1;
}

static int pypath_from(PyObject *o, pypath *p) {
    memset(p, 0, offsetof(pypath, inline_steps));
    if (PyUnicode_Check(o)) {
        Py_ssize_t len;
        p->text = PyUnicode_AsUTF8AndSize(o, &len);
        if (p->text && strlen(p->text) != (size_t)len) {
            PyErr_SetString(PyExc_ValueError, "a path cannot hold a NUL character");
            return -1;
        }
        return p->text ? 0 : -1;
    }
    if (!PyTuple_Check(o) && !PyList_Check(o)) {
        PyErr_Format(PyExc_TypeError, "a path is a str or a tuple of keys and indexes, "
                                      "not %.100s", Py_TYPE(o)->tp_name);
        return -1;
    }
    p->seq = PySequence_Tuple(o);
    if (!p->seq)
        return -1;
    p->n = (size_t)PyTuple_GET_SIZE(p->seq);
    p->steps = p->n <= 8 ? p->inline_steps : PyMem_Malloc(p->n * sizeof *p->steps);
    if (!p->steps) {
        pypath_free(p);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < p->n; i++)
        if (pypath_step(PyTuple_GET_ITEM(p->seq, (Py_ssize_t)i), i, &p->steps[i]) != 0) {
            pypath_free(p);
            return -1;
        }
    return 0;
}

/* One top-level key as a path (it may hold dots: no syntax applies). */
static void pypath_key(pypath *p, const char *key, size_t len) {
    memset(p, 0, offsetof(pypath, inline_steps));
    p->inline_steps[0] = (fm_path_step){key, len, 0};
    p->steps = p->inline_steps;
    p->n = 1;
}

static int path_set(fmpy_doc *self, const pypath *p, const fm_value *v, fm_error *err) {
    return p->text ? fm_doc_set(self->doc, p->text, v, err)
                   : fm_doc_set_steps(self->doc, p->steps, p->n, v, err);
}

static int path_remove(fmpy_doc *self, const pypath *p, fm_error *err) {
    return p->text ? fm_doc_remove(self->doc, p->text, err)
                   : fm_doc_remove_steps(self->doc, p->steps, p->n, err);
}

/* Sets a path to a Python value. */
static int set_value(fmpy_doc *self, const pypath *p, PyObject *value) {
    fm_error err;
    fm_datetime dt;
    int isdate = fmpy_datetime_from_py(value, &dt);
    if (isdate < 0)
        return -1;
    fm_value *v = isdate ? fm_value_new_datetime(&dt, &err) : fmpy_value_from_py(value);
    if (!v) {
        if (isdate)
            fmpy_raise_edit_error(&err, p->text);
        return -1;
    }
    int rc = path_set(self, p, v, &err);
    fm_value_free(v);
    if (rc != 0) {
        fmpy_raise_edit_error(&err, p->text);
        return -1;
    }
    return 0;
}

static int remove_value(fmpy_doc *self, const pypath *p) {
    fm_error err;
    if (path_remove(self, p, &err) != 0) {
        fmpy_raise_edit_error(&err, p->text);
        return -1;
    }
    return 0;
}

static int doc_ass_subscript(fmpy_doc *self, PyObject *key, PyObject *value) {
    Py_ssize_t len;
    const char *k = key_arg(key, &len);
    if (!k)
        return -1;
    pypath p;
    pypath_key(&p, k, (size_t)len);
    if (!value && !fm_value_lookup(fm_doc_root(self->doc), k, (size_t)len)) {
        PyErr_SetObject(PyExc_KeyError, key);
        return -1;
    }
    return value ? set_value(self, &p, value) : remove_value(self, &p);
}

static PyObject *doc_set(fmpy_doc *self, PyObject *args) {
    PyObject *arg, *value;
    pypath p;
    if (!PyArg_ParseTuple(args, "OO:set", &arg, &value) || pypath_from(arg, &p) != 0)
        return NULL;
    int rc = set_value(self, &p, value);
    pypath_free(&p);
    if (rc != 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *doc_remove(fmpy_doc *self, PyObject *arg) {
    pypath p;
    if (pypath_from(arg, &p) != 0)
        return NULL;
    int rc = remove_value(self, &p);
    pypath_free(&p);
    if (rc != 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *doc_rename(fmpy_doc *self, PyObject *args) {
    PyObject *arg;
    const char *new_key;
    Py_ssize_t new_len;
    fm_error err;
    pypath p;
    if (!PyArg_ParseTuple(args, "Os#:rename", &arg, &new_key, &new_len) ||
        pypath_from(arg, &p) != 0)
        return NULL;
    int rc = p.text ? fm_doc_rename(self->doc, p.text, new_key, &err)
                    : fm_doc_rename_steps(self->doc, p.steps, p.n, new_key, (size_t)new_len,
                                          &err);
    if (rc != 0)
        fmpy_raise_edit_error(&err, p.text);
    pypath_free(&p);
    if (rc != 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *doc_convert(fmpy_doc *self, PyObject *arg) {
    const char *name = PyUnicode_Check(arg) ? PyUnicode_AsUTF8(arg) : NULL;
    fm_format to;
    fm_error err;
    if (!name) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "convert: the format must be a str");
        return NULL;
    }
    if (fmpy_format_from_name(name, &to) != 0)
        return NULL;
    if (fm_doc_convert(self->doc, to, &err) != 0)
        return fmpy_raise_edit_error(&err, NULL);
    Py_RETURN_NONE;
}

static PyObject *doc_insert_after(fmpy_doc *self, PyObject *args) {
    const char *path, *after;
    PyObject *value;
    fm_error err;
    if (!PyArg_ParseTuple(args, "ssO:insert_after", &path, &after, &value))
        return NULL;
    fm_value *v = fmpy_value_from_py(value);
    if (!v)
        return NULL;
    int rc = fm_doc_insert_after(self->doc, path, after, v, &err);
    fm_value_free(v);
    if (rc != 0)
        return fmpy_raise_edit_error(&err, path);
    Py_RETURN_NONE;
}

static int doc_set_content(fmpy_doc *self, PyObject *value, void *closure) {
    (void)closure;
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete the body; assign ''");
        return -1;
    }
    PyObject *b = fmpy_body_bytes(value, self->flags);
    if (!b)
        return -1;
    fm_error err;
    int rc = fm_doc_set_body(self->doc, PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b),
                             &err);
    Py_DECREF(b);
    if (rc != 0) {
        fmpy_raise_edit_error(&err, NULL);
        return -1;
    }
    return 0;
}

/* ===================================================================== */
/* Reading                                                               */
/* ===================================================================== */

static Py_ssize_t doc_length(fmpy_doc *self) {
    return (Py_ssize_t)fm_value_size(fm_doc_root(self->doc));
}

static PyObject *doc_subscript(fmpy_doc *self, PyObject *key) {
    const fm_value *v = lookup(self, key);
    return v ? fmpy_value_to_py(v, self->flags) : NULL;
}

static int doc_contains(fmpy_doc *self, PyObject *key) {
    if (!PyUnicode_Check(key))
        return 0;
    Py_ssize_t len;
    const char *k = PyUnicode_AsUTF8AndSize(key, &len);
    if (!k)
        return -1;
    return fm_value_lookup(fm_doc_root(self->doc), k, (size_t)len) != NULL;
}

static PyObject *doc_iter(fmpy_doc *self) {
    PyObject *keys = keys_list(self);
    if (!keys)
        return NULL;
    PyObject *it = PyObject_GetIter(keys);
    Py_DECREF(keys);
    return it;
}

static PyObject *doc_keys(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    return keys_list(self);
}

static PyObject *doc_values(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    const fm_value *root = fm_doc_root(self->doc);
    size_t n = fm_value_size(root);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *v = fmpy_value_to_py(fm_value_at(root, i), self->flags);
        if (!v)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, v);
    }
    return list;
}

static PyObject *doc_items(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    const fm_value *root = fm_doc_root(self->doc);
    size_t n = fm_value_size(root);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        size_t len;
        const char *k = fm_value_key_text(root, i, &len);
        PyObject *key = fmpy_str(k, len);
        PyObject *v = key ? fmpy_value_to_py(fm_value_at(root, i), self->flags) : NULL;
        PyObject *pair = v ? PyTuple_Pack(2, key, v) : NULL;
        Py_XDECREF(key);
        Py_XDECREF(v);
        if (!pair)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, pair);
    }
    return list;
}

static PyObject *doc_get(fmpy_doc *self, PyObject *args) {
    PyObject *key, *dflt = Py_None;
    if (!PyArg_ParseTuple(args, "O|O:get", &key, &dflt))
        return NULL;
    if (PyUnicode_Check(key)) {
        Py_ssize_t len;
        const char *k = PyUnicode_AsUTF8AndSize(key, &len);
        if (!k)
            return NULL;
        const fm_value *v = fm_value_lookup(fm_doc_root(self->doc), k, (size_t)len);
        if (v)
            return fmpy_value_to_py(v, self->flags);
    }
    Py_INCREF(dflt);
    return dflt;
}

static PyObject *doc_get_path(fmpy_doc *self, PyObject *args) {
    PyObject *arg, *dflt = Py_None;
    pypath p;
    if (!PyArg_ParseTuple(args, "O|O:get_path", &arg, &dflt) || pypath_from(arg, &p) != 0)
        return NULL;
    const fm_value *v = p.text ? fm_doc_get(self->doc, p.text)
                               : fm_doc_get_steps(self->doc, p.steps, p.n);
    pypath_free(&p);
    if (v)
        return fmpy_value_to_py(v, self->flags);
    Py_INCREF(dflt);
    return dflt;
}

static PyObject *doc_metadata(fmpy_doc *self, void *closure) {
    (void)closure;
    return fmpy_value_to_py(fm_doc_root(self->doc), self->flags);
}

static PyObject *doc_content(fmpy_doc *self, void *closure) {
    (void)closure;
    size_t len;
    const char *body = fm_doc_body(self->doc, &len);
    return fmpy_body_str(body, len, self->flags);
}

static PyObject *doc_to_dict(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    PyObject *d = doc_metadata(self, NULL);
    PyObject *c = d ? doc_content(self, NULL) : NULL;
    int rc = c ? PyDict_SetItemString(d, "content", c) : -1;
    Py_XDECREF(c);
    if (rc != 0)
        Py_CLEAR(d);
    return d;
}

static PyObject *doc_path(fmpy_doc *self, void *closure) {
    (void)closure;
    Py_INCREF(self->path);
    return self->path;
}

static PyObject *doc_format(fmpy_doc *self, void *closure) {
    (void)closure;
    switch (fm_doc_format(self->doc)) {
    case FM_FORMAT_YAML:
        return PyUnicode_FromString("yaml");
    case FM_FORMAT_JSON:
        return PyUnicode_FromString("json");
    case FM_FORMAT_TOML:
        return PyUnicode_FromString("toml");
    case FM_FORMAT_NONE:
        break;
    }
    Py_RETURN_NONE;
}

/* The ends of body that str.strip() takes off: *start, *end (end > start
 * unless the body is all white space). */
static void strip_span(PyObject *body, Py_ssize_t *start, Py_ssize_t *end) {
    int kind = PyUnicode_KIND(body);
    const void *data = PyUnicode_DATA(body);
    Py_ssize_t i = 0, j = PyUnicode_GET_LENGTH(body);
    while (i < j && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
        i++;
    while (j > i && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1)))
        j--;
    *start = i;
    *end = j;
}

/* "\r\n" and "\n", made once (fmpy_doc_init). */
static PyObject *crlf_str, *lf_str;

/* Whether the bytes hold "\r\n" (as the str decoded from them does). */
static int has_crlf(const char *s, size_t len) {
    const char *end = s + len, *cr = memchr(s, '\r', len);
    while (cr && cr + 1 < end) {
        if (cr[1] == '\n')
            return 1;
        cr = memchr(cr + 1, '\r', (size_t)(end - cr - 1));
    }
    return 0;
}

/* The body decoded whole, then cut where str.strip() would cut it, into
 * out[0..2] (content, lead, trail). */
static int split_decoded(const char *bytes, size_t len, unsigned flags, PyObject **out) {
    PyObject *body = fmpy_body_str(bytes, len, flags);
    if (!body)
        return -1;
    Py_ssize_t start, end, n = PyUnicode_GET_LENGTH(body);
    strip_span(body, &start, &end);
    out[0] = PyUnicode_Substring(body, start, end);
    out[1] = out[0] ? PyUnicode_Substring(body, 0, start) : NULL;
    out[2] = out[1] ? PyUnicode_Substring(body, end, n) : NULL;
    Py_DECREF(body);
    return out[2] ? 0 : -1;
}

static int is_ascii_space(unsigned char c) {
    return c < 0x80 && Py_UNICODE_ISSPACE(c);
}

/* out[0..2] as split_decoded gives them, decoding each piece on its own when
 * str.strip() stops at ASCII characters at both ends (the usual body): then
 * the pieces split the bytes between ASCII characters, so they decode as the
 * whole does, and the body is not copied twice. */
static int split_body(const char *bytes, size_t len, unsigned flags, PyObject **out) {
    const unsigned char *b = (const unsigned char *)bytes;
    size_t i = 0, j = len;
    while (i < j && is_ascii_space(b[i]))
        i++;
    while (j > i && is_ascii_space(b[j - 1]))
        j--;
    if ((i < j && (b[i] >= 0x80 || b[j - 1] >= 0x80)))
        return split_decoded(bytes, len, flags, out);
    out[0] = fmpy_body_str(bytes + i, j - i, flags);
    out[1] = out[0] ? fmpy_body_str(bytes, i, flags) : NULL;
    out[2] = out[1] ? fmpy_body_str(bytes + j, len - j, flags) : NULL;
    return out[2] ? 0 : -1;
}

int fmpy_post_body(fmpy_doc *self, PyObject **out) {
    size_t len;
    const char *bytes = fm_doc_body(self->doc, &len);
    out[0] = out[1] = out[2] = out[3] = NULL;
    if (split_body(bytes ? bytes : "", len, self->flags, out) != 0)
        goto fail;
    int crlf = len && has_crlf(bytes, len);
    if (crlf) {
        Py_SETREF(out[0], PyUnicode_Replace(out[0], crlf_str, lf_str, -1));
        if (!out[0])
            goto fail;
    }
    out[3] = PyBool_FromLong(crlf);
    return 0;
fail:
    for (int k = 0; k < 3; k++)
        Py_CLEAR(out[k]);
    return -1;
}

/* _post_parts(): what fmatter.compat makes a Post of, in one call: (format,
 * metadata, content, lead, trail, crlf) (see fmpy_post_body). */
static PyObject *doc_post_parts(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    PyObject *items[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    items[0] = doc_format(self, NULL);
    items[1] = items[0] ? doc_metadata(self, NULL) : NULL;
    PyObject *r = NULL;
    if (items[1] && fmpy_post_body(self, items + 2) == 0 && (r = PyTuple_New(6)) != NULL) {
        for (Py_ssize_t i = 0; i < 6; i++)
            PyTuple_SET_ITEM(r, i, items[i]);
        return r;
    }
    for (int i = 0; i < 6; i++)
        Py_XDECREF(items[i]);
    return NULL;
}

static PyObject *doc_body_line(fmpy_doc *self, void *closure) {
    (void)closure;
    return PyLong_FromUnsignedLong(fm_doc_body_line(self->doc));
}

static PyObject *doc_body_offset(fmpy_doc *self, void *closure) {
    (void)closure;
    return PyLong_FromSize_t(fm_doc_body_offset(self->doc));
}

static PyObject *doc_article(fmpy_doc *self, void *closure) {
    (void)closure;
    return fmpy_article_new(self);
}

/* Adds name -> bytes s[0..len) to d, taking no reference. */
static int put_bytes(PyObject *d, const char *name, const char *s, size_t len) {
    PyObject *b = PyBytes_FromStringAndSize(s, (Py_ssize_t)len);
    int rc = b ? PyDict_SetItemString(d, name, b) : -1;
    Py_XDECREF(b);
    return rc;
}

static int put_uint(PyObject *d, const char *name, unsigned n) {
    PyObject *o = PyLong_FromUnsignedLong(n);
    int rc = o ? PyDict_SetItemString(d, name, o) : -1;
    Py_XDECREF(o);
    return rc;
}

static PyObject *doc_parts(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    const fm_parts *p = fm_doc_parts(self->doc);
    PyObject *d = PyDict_New();
    PyObject *fmt = d ? doc_format(self, NULL) : NULL;
    int rc = fmt ? PyDict_SetItemString(d, "format", fmt) : -1;
    Py_XDECREF(fmt);
    if (rc == 0)
        rc = put_bytes(d, "bom", fm_doc_text(self->doc, NULL), p->bom_len);
    if (rc == 0)
        rc = put_bytes(d, "lead", p->lead, p->lead_len);
    if (rc == 0)
        rc = put_bytes(d, "open_fence", p->open_fence, p->open_fence_len);
    if (rc == 0)
        rc = put_bytes(d, "front", p->front, p->front_len);
    if (rc == 0)
        rc = put_bytes(d, "close_fence", p->close_fence, p->close_fence_len);
    if (rc == 0)
        rc = put_bytes(d, "body", p->body, p->body_len);
    if (rc == 0)
        rc = put_uint(d, "front_line", p->front_line);
    if (rc == 0)
        rc = put_uint(d, "body_line", p->body_line);
    if (rc != 0)
        Py_CLEAR(d);
    return d;
}

/* ===================================================================== */
/* Text, saving, pickling                                                */
/* ===================================================================== */

static PyObject *doc_dumpb(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    size_t len;
    const char *text = fm_doc_text(self->doc, &len);
    return PyBytes_FromStringAndSize(text, (Py_ssize_t)len);
}

static PyObject *doc_dumps(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    size_t len;
    const char *text = fm_doc_text(self->doc, &len);
    return fmpy_body_str(text, len, self->flags);
}

static PyObject *doc_str(fmpy_doc *self) {
    return doc_dumps(self, NULL);
}

static PyObject *doc_save(fmpy_doc *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"path", "force", NULL};
    PyObject *arg = Py_None, *fspath = NULL;
    int force = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O$p:save", kwlist, &arg, &force))
        return NULL;
    if (arg == Py_None)
        arg = self->path;
    if (arg == Py_None) {
        PyErr_SetString(PyExc_ValueError,
                        "this document was not loaded from a file: pass save(path)");
        return NULL;
    }
    if (!PyUnicode_FSConverter(arg, &fspath))
        return NULL;
    fm_error err;
    int rc = fm_doc_save_opts(self->doc, PyBytes_AS_STRING(fspath),
                              force ? FM_SAVE_FORCE : 0, &err);
    Py_DECREF(fspath);
    if (rc != 0)
        return fmpy_raise_save_error(&err, arg);
    Py_RETURN_NONE;
}

static PyObject *doc_reduce(fmpy_doc *self, PyObject *unused) {
    (void)unused;
    PyObject *mod = PyImport_ImportModule("fmatter._fmatter");
    PyObject *restore = mod ? PyObject_GetAttrString(mod, "_restore") : NULL;
    Py_XDECREF(mod);
    PyObject *text = restore ? doc_dumpb(self, NULL) : NULL;
    if (!text) {
        Py_XDECREF(restore);
        return NULL;
    }
    return Py_BuildValue("N(NOII)", restore, text, self->path, self->options,
                         self->flags);
}

static PyObject *doc_richcompare(PyObject *a, PyObject *b, int op) {
    if (!PyObject_TypeCheck(b, &fmpy_DocType) || (op != Py_EQ && op != Py_NE))
        Py_RETURN_NOTIMPLEMENTED;
    size_t la, lb;
    const char *ta = fm_doc_text(((fmpy_doc *)a)->doc, &la);
    const char *tb = fm_doc_text(((fmpy_doc *)b)->doc, &lb);
    int eq = la == lb && memcmp(ta, tb, la) == 0;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyObject *doc_repr(fmpy_doc *self) {
    return PyUnicode_FromFormat("<fmatter.Document path=%R keys=%zd>", self->path,
                                doc_length(self));
}

static void doc_dealloc(fmpy_doc *self) {
    fm_doc_free(self->doc);
    Py_XDECREF(self->path);
    PyObject_Free(self);
}

/* ===================================================================== */
/* The type                                                              */
/* ===================================================================== */

static PyMethodDef doc_methods[] = {
    {"keys", (PyCFunction)doc_keys, METH_NOARGS, "Top-level keys in source order."},
    {"values", (PyCFunction)doc_values, METH_NOARGS, "Top-level values in source order."},
    {"items", (PyCFunction)doc_items, METH_NOARGS, "(key, value) pairs in source order."},
    {"get", (PyCFunction)doc_get, METH_VARARGS,
     "get(key, default=None): a top-level value."},
    {"get_path", (PyCFunction)doc_get_path, METH_VARARGS,
     "get_path(path, default=None): the value at a dotted path ('params.author', "
     "'tags.0')."},
    {"to_dict", (PyCFunction)doc_to_dict, METH_NOARGS,
     "The metadata with the body under 'content', as python-frontmatter's Post."},
    {"set", (PyCFunction)doc_set, METH_VARARGS,
     "set(path, value): sets a dotted path, creating it (and missing parents) at the "
     "end of its mapping; rewrites only the bytes it must."},
    {"remove", (PyCFunction)doc_remove, METH_O, "remove(path): removes a dotted path."},
    {"rename", (PyCFunction)doc_rename, METH_VARARGS,
     "rename(path, new_key): renames the last key of path in place."},
    {"convert", (PyCFunction)doc_convert, METH_O,
     "convert(format): rewrites the front matter in 'yaml', 'toml' or 'json'."},
    {"insert_after", (PyCFunction)doc_insert_after, METH_VARARGS,
     "insert_after(key, after, value): adds key right after its sibling after."},
    {"parts", (PyCFunction)doc_parts, METH_NOARGS,
     "The pieces of the text as bytes: bom, lead, open_fence, front, close_fence, body."},
    {"dumps", (PyCFunction)doc_dumps, METH_NOARGS,
     "The whole text (the input, byte for byte, when nothing was edited)."},
    {"dumpb", (PyCFunction)doc_dumpb, METH_NOARGS, "The whole text as bytes."},
    {"save", (PyCFunction)(void (*)(void))doc_save, METH_VARARGS | METH_KEYWORDS,
     "save(path=None, *, force=False): atomically replaces the file (default: the one "
     "it came from); refuses (EditError 'conflict' or 'refused') when the file changed "
     "on disk or its owner, mode or attributes cannot be kept, unless force."},
    {"html", (PyCFunction)(void (*)(void))fmpy_body_html, METH_VARARGS | METH_KEYWORDS,
     "html(*, smart=False, hardbreaks=False, sourcepos=False, unsafe=False): the body "
     "as HTML."},
    {"text", (PyCFunction)(void (*)(void))fmpy_body_text, METH_VARARGS | METH_KEYWORDS,
     "text(): the body as plain text."},
    {"summary", (PyCFunction)(void (*)(void))fmpy_body_summary,
     METH_VARARGS | METH_KEYWORDS,
     "summary(words=70, separator=None, *, cjk=False): a Summary (rule, truncated, "
     "markdown, text)."},
    {"headings", (PyCFunction)(void (*)(void))fmpy_body_headings,
     METH_VARARGS | METH_KEYWORDS,
     "headings(): a list of Heading (level, text, anchor, line)."},
    {"toc", (PyCFunction)(void (*)(void))fmpy_body_toc, METH_VARARGS | METH_KEYWORDS,
     "toc(markdown=False): a nested table of contents, HTML or Markdown."},
    {"stats", (PyCFunction)(void (*)(void))fmpy_body_stats, METH_VARARGS | METH_KEYWORDS,
     "stats(*, cjk=False): BodyStats (words, cjk_characters, cjk, reading_time)."},
    {"__reduce__", (PyCFunction)doc_reduce, METH_NOARGS, NULL},
    {"_post_parts", (PyCFunction)doc_post_parts, METH_NOARGS,
     "For fmatter.compat: (format, metadata, content, lead, trail, crlf)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef doc_getset[] = {
    {"metadata", (getter)doc_metadata, NULL,
     "The front matter as a new dict (editing it does not edit the document).", NULL},
    {"content", (getter)doc_content, (setter)doc_set_content,
     "The body (str; bytes that are not UTF-8 come back as surrogates).", NULL},
    {"body", (getter)doc_content, (setter)doc_set_content, "The body (same as content).",
     NULL},
    {"path", (getter)doc_path, NULL, "The file it was loaded from, or None.", NULL},
    {"format", (getter)doc_format, NULL, "'yaml', 'json', or None without front matter.",
     NULL},
    {"body_line", (getter)doc_body_line, NULL, "1-based line where the body starts.",
     NULL},
    {"body_offset", (getter)doc_body_offset, NULL, "Byte offset where the body starts.",
     NULL},
    {"article", (getter)doc_article, NULL, "The typed view (a new fmatter.Article).",
     NULL},
    {"word_count", (getter)fmpy_body_word_count, NULL, "Words in the body's plain text.",
     NULL},
    {"reading_time", (getter)fmpy_body_reading_time, NULL,
     "Minutes to read the body, rounded up.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMappingMethods doc_as_mapping = {
    (lenfunc)doc_length,
    (binaryfunc)doc_subscript,
    (objobjargproc)doc_ass_subscript,
};

static PySequenceMethods doc_as_sequence = {
    .sq_contains = (objobjproc)doc_contains,
};

PyTypeObject fmpy_DocType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "fmatter._fmatter.Document",
    .tp_basicsize = sizeof(fmpy_doc),
    .tp_dealloc = (destructor)doc_dealloc,
    .tp_repr = (reprfunc)doc_repr,
    .tp_as_sequence = &doc_as_sequence,
    .tp_as_mapping = &doc_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_str = (reprfunc)doc_str,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The C part of fmatter.Document: a loaded fm_doc.",
    .tp_richcompare = doc_richcompare,
    .tp_iter = (getiterfunc)doc_iter,
    .tp_methods = doc_methods,
    .tp_getset = doc_getset,
};

int fmpy_doc_init(PyObject *module) {
    crlf_str = PyUnicode_InternFromString("\r\n");
    lf_str = PyUnicode_InternFromString("\n");
    if (!crlf_str || !lf_str || PyType_Ready(&fmpy_DocType) < 0)
        return -1;
    Py_INCREF(&fmpy_DocType);
    if (PyModule_AddObject(module, "Document", (PyObject *)&fmpy_DocType) < 0) {
        Py_DECREF(&fmpy_DocType);
        return -1;
    }
    return 0;
}
