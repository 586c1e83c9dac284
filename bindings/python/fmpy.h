/* SPDX-License-Identifier: MIT */
/* fmpy.h - what the files of the CPython extension fmatter._fmatter share:
 * the Document and Article types, value conversion, errors. */
#ifndef FMPY_H
#define FMPY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "fmatter.h"

/* Conversion flags kept with a document (load keywords). */
#define FMPY_YAML11 (1u << 0) /* plain yes/no/on/off are booleans, as PyYAML reads them */
/* encoding_errors: how a body that is not UTF-8 reads; neither bit is
 * 'strict', where such a body fails the load. */
#define FMPY_BODY_SURROGATEESCAPE (1u << 1) /* bad bytes read as lone surrogates */
#define FMPY_BODY_REPLACE (1u << 2)         /* bad bytes read as U+FFFD */
#define FMPY_BODY_MASK (FMPY_BODY_SURROGATEESCAPE | FMPY_BODY_REPLACE)
#define FMPY_FLAGS (FMPY_YAML11 | FMPY_BODY_MASK)

/* Document options kept with a document (load keywords), so a pickled or
 * copied document is parsed the same way again. */
#define FMPY_DOC_OPTIONS (FM_OPT_LENIENT | FM_OPT_ALLOW_DUPLICATES)

typedef struct fmpy_doc {
    PyObject_HEAD fm_doc *doc;
    PyObject *path;   /* str, or None when not loaded from a file */
    unsigned options; /* FM_OPT_* parse options it was loaded with */
    unsigned flags;   /* FMPY_* conversion flags */
} fmpy_doc;

/* ---- _fmatter.c: module, exceptions, loading */
/* This interpreter's fmatter._fmatter (borrowed), NULL when not imported. */
PyObject *fmpy_module(void);
extern PyObject *fmpy_ParseError;
extern PyObject *fmpy_EditError;

/* A new exception object for a failed load (ParseError, MemoryError, or
 * the OSError subclass of err->sys_errno); path is a str or NULL (then
 * "<string>"). */
PyObject *fmpy_load_error(const fm_error *err, PyObject *path);
/* Raises exc (taking the reference; NULL: the pending exception); NULL. */
PyObject *fmpy_raise_object(PyObject *exc);
/* Raises the error of a failed edit of path (a dotted path or NULL); NULL. */
PyObject *fmpy_raise_edit_error(const fm_error *err, const char *path);
/* Raises the error of a failed save to file (str or bytes); NULL. */
PyObject *fmpy_raise_save_error(const fm_error *err, PyObject *file);
/* A path argument: *fs gets the file-system encoded path, which *keep (a new
 * reference: the bytes, or arg itself when an ASCII str) holds, and the
 * return value its str form (new reference); NULL with an exception. */
PyObject *fmpy_path_arg(PyObject *arg, PyObject **keep, const char **fs);
/* "yaml", "json" or "toml" as *f: 0, or -1 with ValueError set. */
int fmpy_format_from_name(const char *name, fm_format *f);
/* Raises MemoryError, or fmatter.EditError with the error's code, for a
 * failed body call; returns NULL. */
PyObject *fmpy_raise_error(const fm_error *err);

/* ---- utf8.c: UTF-8 to str */
/* PyUnicode_DecodeUTF8(s, len, errors)'s str or exception, made in two
 * passes (count, then write at the width needed) when s is valid UTF-8 and
 * not short. */
PyObject *fmpy_utf8_str(const char *s, size_t len, const char *errors);

/* ---- value.c: fm_value <-> Python objects */
int fmpy_value_init(void);
/* UTF-8 bytes to str; bytes that are not UTF-8 become lone surrogates (for
 * paths and messages; the library's values are UTF-8). */
PyObject *fmpy_str(const char *s, size_t len);
/* A document's body text to str by its encoding_errors flags. */
PyObject *fmpy_body_str(const char *s, size_t len, unsigned flags);
/* str, bytes or a buffer to the bytes of a body (a new reference), encoded
 * by the flags: lone surrogates are refused unless surrogateescape; bytes
 * that are not UTF-8 too under 'strict'. NULL with an exception. */
PyObject *fmpy_body_bytes(PyObject *o, unsigned flags);
PyObject *fmpy_value_to_py(const fm_value *v, unsigned flags);
/* date / datetime for a set fm_datetime, None when unset; the RFC 3339
 * text when Python cannot hold it (year 0, leap second). */
PyObject *fmpy_datetime_to_py(const fm_datetime *dt);
/* Fills *out from a date or datetime: 1 when o is one, 0 when it is not,
 * -1 with an exception (an offset that is not whole minutes). */
int fmpy_datetime_from_py(PyObject *o, fm_datetime *out);
/* A new caller-built value (free with fm_value_free), or NULL with an
 * exception for types YAML cannot hold. */
fm_value *fmpy_value_from_py(PyObject *o);

/* ---- doc.c: the Document type */
extern PyTypeObject fmpy_DocType;
int fmpy_doc_init(PyObject *module);
/* Wraps doc (taking it; freed on failure). path: str or NULL. */
PyObject *fmpy_doc_wrap(fm_doc *doc, PyObject *path, unsigned options, unsigned flags);
/* The body as a compat Post takes it, into out[0..3]: content (the body
 * stripped as str.strip() does, \r\n read as \n), lead and trail (what the
 * strip took off), crlf (whether the body holds a \r\n). 0, or -1 with an
 * exception (out[] all NULL). */
int fmpy_post_body(fmpy_doc *self, PyObject **out);

/* ---- compat.c: fmatter.compat's load of a path in one call */
/* The module's state (what compat.c keeps per module): its size, and the
 * module's m_traverse and m_clear. */
extern const Py_ssize_t fmpy_state_size;
int fmpy_state_traverse(PyObject *module, visitproc visit, void *arg);
int fmpy_state_clear(PyObject *module);
int fmpy_compat_init(PyObject *module);
/* The module's cache of keys made into str (FMPY_KEY_SLOTS slots, for keys
 * of at most FMPY_KEY_MAX bytes; see value.c), or NULL when the module
 * cannot be found. */
#define FMPY_KEY_SLOTS 256
#define FMPY_KEY_MAX 32
PyObject **fmpy_state_keys(void);
/* _compat_setup(globals): fmatter.compat's load, a C function. */
PyObject *fmpy_compat_setup(PyObject *mod, PyObject *globals);
PyObject *fmpy_compat_load(PyObject *mod, PyObject *const *args, Py_ssize_t nargs);

/* ---- article.c: the Article type */
int fmpy_article_init(PyObject *module);
PyObject *fmpy_article_new(const fmpy_doc *doc);
/* _restore_article(text, options, flags): unpickles an Article. */
PyObject *fmpy_article_restore(PyObject *mod, PyObject *args);

/* ---- body.c: body methods of Document */
int fmpy_body_init(PyObject *module);
PyObject *fmpy_body_html(fmpy_doc *self, PyObject *args, PyObject *kwds);
PyObject *fmpy_body_text(fmpy_doc *self, PyObject *args, PyObject *kwds);
PyObject *fmpy_body_summary(fmpy_doc *self, PyObject *args, PyObject *kwds);
PyObject *fmpy_body_headings(fmpy_doc *self, PyObject *args, PyObject *kwds);
PyObject *fmpy_body_toc(fmpy_doc *self, PyObject *args, PyObject *kwds);
PyObject *fmpy_body_stats(fmpy_doc *self, PyObject *args, PyObject *kwds);
PyObject *fmpy_body_word_count(fmpy_doc *self, void *closure);
PyObject *fmpy_body_reading_time(fmpy_doc *self, void *closure);

#endif /* FMPY_H */
