/* SPDX-License-Identifier: MIT */
/* value.c - fm_value trees to Python objects and back: str, int, float, bool,
 * None, list, dict, datetime.date and datetime.datetime. */
#include "fmpy.h"

#include <datetime.h>
#include <stdint.h>
#include <string.h>

/* Deeper Python values than this are refused (and cycles caught). */
#define MAX_DEPTH 256

int fmpy_value_init(void) {
    PyDateTime_IMPORT;
    return PyDateTimeAPI ? 0 : -1;
}

PyObject *fmpy_str(const char *s, size_t len) {
    return fmpy_utf8_str(s, len, "surrogateescape");
}

PyObject *fmpy_body_str(const char *s, size_t len, unsigned flags) {
    const char *errors = flags & FMPY_BODY_SURROGATEESCAPE ? "surrogateescape"
                         : flags & FMPY_BODY_REPLACE      ? "replace"
                                                          : "strict";
    return fmpy_utf8_str(s, len, errors);
}

PyObject *fmpy_body_bytes(PyObject *o, unsigned flags) {
    int escape = (flags & FMPY_BODY_SURROGATEESCAPE) != 0;
    if (PyUnicode_Check(o))
        return PyUnicode_AsEncodedString(o, "utf-8", escape ? "surrogateescape" : "strict");
    PyObject *b = NULL;
    if (PyBytes_Check(o)) {
        Py_INCREF(o);
        b = o;
    } else if (PyObject_CheckBuffer(o)) {
        b = PyBytes_FromObject(o);
    } else {
        PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.100s",
                     Py_TYPE(o)->tp_name);
        return NULL;
    }
    if (b && !(flags & FMPY_BODY_MASK)) {
        /* 'strict': the body stays UTF-8 (UnicodeDecodeError says where not). */
        PyObject *check = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b),
                                               "strict");
        if (!check)
            Py_CLEAR(b);
        Py_XDECREF(check);
    }
    return b;
}

/* ===================================================================== */
/* To Python                                                             */
/* ===================================================================== */

static PyObject *timezone_of(int minutes) {
    PyObject *delta = PyDelta_FromDSU(0, minutes * 60, 0);
    if (!delta)
        return NULL;
    PyObject *tz = PyTimeZone_FromOffset(delta);
    Py_DECREF(delta);
    return tz;
}

/* The RFC 3339 text of a datetime Python cannot represent. */
static PyObject *datetime_text(const fm_datetime *dt) {
    char buf[64];
    size_t n = fm_datetime_format(dt, buf, sizeof buf);
    return fmpy_str(buf, n < sizeof buf ? n : sizeof buf - 1);
}

PyObject *fmpy_datetime_to_py(const fm_datetime *dt) {
    if (!dt || !(dt->flags & FM_DT_SET))
        Py_RETURN_NONE;
    if (dt->year < 1 || dt->second > 59)
        return datetime_text(dt);
    if (!(dt->flags & FM_DT_HAS_TIME))
        return PyDate_FromDate(dt->year, dt->month, dt->day);
    /* Python keeps microseconds: nanoseconds are truncated. */
    int usec = dt->nanosecond / 1000;
    if (!(dt->flags & FM_DT_HAS_OFFSET))
        return PyDateTime_FromDateAndTime(dt->year, dt->month, dt->day, dt->hour,
                                          dt->minute, dt->second, usec);
    PyObject *tz = timezone_of(dt->utc_offset);
    if (!tz)
        return NULL;
    PyObject *r = PyDateTimeAPI->DateTime_FromDateAndTime(
        dt->year, dt->month, dt->day, dt->hour, dt->minute, dt->second, usec, tz,
        PyDateTimeAPI->DateTimeType);
    Py_DECREF(tz);
    return r;
}

/* PyYAML's (YAML 1.1) boolean words that the core schema reads as text. */
static PyObject *string_to_py(const fm_value *v) {
    size_t len;
    const char *s = fm_value_string(v, &len);
    return fmpy_str(s, len);
}

static PyObject *timestamp_to_py(const fm_value *v) {
    const fm_datetime *dt = fm_value_datetime(v);
    if (dt->year < 1 || dt->second > 59) {
        size_t len;
        const char *s = fm_value_text(v, &len);
        return s ? fmpy_str(s, len) : datetime_text(dt);
    }
    return fmpy_datetime_to_py(dt);
}

static PyObject *to_py(const fm_value *v, unsigned flags, PyObject **keys);

static PyObject *sequence_to_py(const fm_value *v, unsigned flags, PyObject **keys) {
    size_t n = fm_value_size(v);
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *item = to_py(fm_value_at(v, i), flags, keys);
        if (!item) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

/* A dict sized for n keys from the start (no resize while it is filled;
 * CPython's _PyDict_NewPresized, public in its headers since 3.6). */
static PyObject *new_dict(size_t n) {
#ifdef PYPY_VERSION
    (void)n;
    return PyDict_New();
#else
    return _PyDict_NewPresized(n > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : (Py_ssize_t)n);
#endif
}

/* A key's str from the module's cache of keys (fmpy_state_keys) when it is
 * there, else made and kept in its slot: the same keys come back document
 * after document, already hashed. Short ASCII keys only; slots NULL: no
 * cache. */
static PyObject *key_str(const char *k, size_t len, PyObject **slots) {
    if (!slots || len > FMPY_KEY_MAX)
        return fmpy_str(k, len);
    /* the slot: from the length and the first and last eight bytes */
    uint64_t a = len, b = 0;
    if (len >= 8) {
        memcpy(&a, k, 8);
        memcpy(&b, k + len - 8, 8);
    } else {
        for (size_t i = 0; i < len; i++)
            a = a << 8 | (unsigned char)k[i];
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15u ^ b) * 0xC2B2AE3D27D4EB4Fu + len;
    PyObject **slot = &slots[h >> 56 & (FMPY_KEY_SLOTS - 1)], *o = *slot;
    if (o && (size_t)PyUnicode_GET_LENGTH(o) == len && PyUnicode_IS_ASCII(o) &&
        memcmp(PyUnicode_1BYTE_DATA(o), k, len) == 0) {
        Py_INCREF(o);
        return o;
    }
    o = fmpy_str(k, len);
    if (o && PyUnicode_IS_ASCII(o) && (size_t)PyUnicode_GET_LENGTH(o) == len) {
        Py_INCREF(o);
        Py_XSETREF(*slot, o);
    }
    return o;
}

static PyObject *mapping_to_py(const fm_value *v, unsigned flags, PyObject **keys) {
    size_t n = fm_value_size(v);
    PyObject *dict = new_dict(n);
    if (!dict)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t klen;
        const char *k = fm_value_key_text(v, i, &klen);
        PyObject *key = key_str(k, klen, keys);
        PyObject *val = key ? to_py(fm_value_at(v, i), flags, keys) : NULL;
        int rc = val ? PyDict_SetItem(dict, key, val) : -1;
        Py_XDECREF(key);
        Py_XDECREF(val);
        if (rc != 0) {
            Py_DECREF(dict);
            return NULL;
        }
    }
    return dict;
}

/* yaml11=True: a plain scalar typed as YAML 1.1 (PyYAML) types its text,
 * by the library's rule (fm_value_parse_scalar); NULL when it is not one. */
static PyObject *yaml11_to_py(const fm_value *v) {
    fm_type t = fm_value_type(v);
    if (t == FM_SEQUENCE || t == FM_MAPPING || fm_value_style(v) != FM_STYLE_PLAIN ||
        fm_value_tag(v))
        return NULL;
    size_t len;
    const char *s = fm_value_text(v, &len);
    if (fm_scalar_type(FM_SCHEMA_YAML11, s, len) == FM_STRING)
        return fmpy_str(s, len); /* most words: no value made */
    fm_error err;
    fm_value *typed = fm_value_parse_scalar(FM_SCHEMA_YAML11, s, len, &err);
    if (!typed)
        return fmpy_raise_error(&err);
    PyObject *o = to_py(typed, 0, NULL);
    fm_value_free(typed);
    return o;
}

static PyObject *to_py(const fm_value *v, unsigned flags, PyObject **keys) {
    if (!v)
        Py_RETURN_NONE;
    if (flags & FMPY_YAML11) {
        PyObject *o = yaml11_to_py(v);
        if (o || PyErr_Occurred())
            return o;
    }
    switch (fm_value_type(v)) {
    case FM_NULL:
        Py_RETURN_NONE;
    case FM_BOOL:
        return PyBool_FromLong(fm_value_bool(v) > 0);
    case FM_INT:
        return PyLong_FromLongLong((long long)fm_value_int(v, 0));
    case FM_FLOAT:
        return PyFloat_FromDouble(fm_value_float(v, 0.0));
    case FM_STRING:
        return string_to_py(v);
    case FM_TIMESTAMP:
        return timestamp_to_py(v);
    case FM_SEQUENCE:
        return sequence_to_py(v, flags, keys);
    case FM_MAPPING:
        return mapping_to_py(v, flags, keys);
    }
    Py_RETURN_NONE;
}

PyObject *fmpy_value_to_py(const fm_value *v, unsigned flags) {
    return to_py(v, flags, fmpy_state_keys());
}

/* ===================================================================== */
/* From Python                                                           */
/* ===================================================================== */

/* Minutes east of UTC of an aware datetime: 0 and *has = 0 when naive. */
static int utc_offset_minutes(PyObject *o, int *minutes, int *has) {
    *has = 0;
    *minutes = 0;
    PyObject *off = PyObject_CallMethod(o, "utcoffset", NULL);
    if (!off)
        return -1;
    if (off == Py_None) {
        Py_DECREF(off);
        return 0;
    }
    if (!PyDelta_Check(off)) {
        Py_DECREF(off);
        PyErr_SetString(PyExc_TypeError, "utcoffset() did not return a timedelta");
        return -1;
    }
    long secs =
        (long)PyDateTime_DELTA_GET_DAYS(off) * 86400L + PyDateTime_DELTA_GET_SECONDS(off);
    int usecs = PyDateTime_DELTA_GET_MICROSECONDS(off);
    Py_DECREF(off);
    if (usecs != 0 || secs % 60 != 0 || secs <= -86400L || secs >= 86400L) {
        PyErr_SetString(PyExc_ValueError,
                        "a front-matter timestamp's UTC offset must be whole minutes "
                        "within a day");
        return -1;
    }
    *minutes = (int)(secs / 60);
    *has = 1;
    return 0;
}

int fmpy_datetime_from_py(PyObject *o, fm_datetime *out) {
    if (!PyDate_Check(o))
        return 0;
    memset(out, 0, sizeof *out);
    out->year = PyDateTime_GET_YEAR(o);
    out->month = PyDateTime_GET_MONTH(o);
    out->day = PyDateTime_GET_DAY(o);
    out->flags = FM_DT_SET;
    if (!PyDateTime_Check(o))
        return 1;
    out->hour = PyDateTime_DATE_GET_HOUR(o);
    out->minute = PyDateTime_DATE_GET_MINUTE(o);
    out->second = PyDateTime_DATE_GET_SECOND(o);
    out->nanosecond = PyDateTime_DATE_GET_MICROSECOND(o) * 1000;
    out->flags |= FM_DT_HAS_TIME;
    int minutes, has;
    if (utc_offset_minutes(o, &minutes, &has) != 0)
        return -1;
    if (has) {
        out->utc_offset = minutes;
        out->flags |= FM_DT_HAS_OFFSET;
    }
    return 1;
}

static fm_value *value_from_py(PyObject *o, int depth);

static fm_value *nomem(fm_value *v) {
    if (!v && !PyErr_Occurred())
        PyErr_NoMemory();
    return v;
}

static fm_value *string_from_py(PyObject *o) {
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(o, &len);
    if (!s)
        return NULL;
    return nomem(fm_value_new_string(s, (size_t)len, NULL));
}

static fm_value *int_from_py(PyObject *o) {
    int overflow;
    long long i = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (i == -1 && PyErr_Occurred())
        return NULL;
    if (overflow) {
        PyErr_SetString(PyExc_OverflowError,
                        "front-matter integers are 64-bit signed; this one does not fit");
        return NULL;
    }
    return nomem(fm_value_new_int((int64_t)i));
}

static fm_value *sequence_from_py(PyObject *o, int depth) {
    PyObject *fast = PySequence_Fast(o, "expected a sequence");
    if (!fast)
        return NULL;
    fm_value *seq = nomem(fm_value_new_sequence());
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t i = 0; seq && i < n; i++) {
        fm_value *item = value_from_py(PySequence_Fast_GET_ITEM(fast, i), depth + 1);
        if (!item || fm_value_append(seq, item) != 0) {
            nomem(NULL);
            fm_value_free(seq);
            seq = NULL;
        }
    }
    Py_DECREF(fast);
    return seq;
}

static int put_pair(fm_value *map, PyObject *key, PyObject *val, int depth) {
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "front-matter keys must be str, not %.100s",
                     Py_TYPE(key)->tp_name);
        return -1;
    }
    Py_ssize_t klen;
    const char *k = PyUnicode_AsUTF8AndSize(key, &klen);
    if (!k)
        return -1;
    fm_value *v = value_from_py(val, depth + 1);
    if (!v)
        return -1;
    if (fm_value_put(map, k, (size_t)klen, v) != 0) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static fm_value *mapping_from_py(PyObject *o, int depth) {
    PyObject *items = PyMapping_Items(o);
    if (!items)
        return NULL;
    fm_value *map = nomem(fm_value_new_mapping());
    Py_ssize_t n = PyList_GET_SIZE(items);
    for (Py_ssize_t i = 0; map && i < n; i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "items() must give (key, value) pairs");
        } else if (put_pair(map, PyTuple_GET_ITEM(pair, 0), PyTuple_GET_ITEM(pair, 1),
                            depth) == 0) {
            continue;
        }
        fm_value_free(map);
        map = NULL;
    }
    Py_DECREF(items);
    return map;
}

static fm_value *value_from_py(PyObject *o, int depth) {
    if (depth > MAX_DEPTH) {
        PyErr_SetString(PyExc_ValueError,
                        "value nested too deeply (or it contains itself)");
        return NULL;
    }
    if (o == Py_None)
        return nomem(fm_value_new_null());
    if (PyBool_Check(o))
        return nomem(fm_value_new_bool(o == Py_True));
    if (PyLong_Check(o))
        return int_from_py(o);
    if (PyFloat_Check(o))
        return nomem(fm_value_new_float(PyFloat_AS_DOUBLE(o)));
    if (PyUnicode_Check(o))
        return string_from_py(o);
    fm_datetime dt;
    int isdate = fmpy_datetime_from_py(o, &dt);
    if (isdate < 0)
        return NULL;
    if (isdate) {
        fm_value *v = fm_value_new_datetime(&dt, NULL);
        if (!v)
            PyErr_SetString(PyExc_ValueError, "not a date fmatter can hold");
        return v;
    }
    if (PyList_Check(o) || PyTuple_Check(o))
        return sequence_from_py(o, depth);
    if (PyDict_Check(o) || (PyMapping_Check(o) && PyObject_HasAttrString(o, "items")))
        return mapping_from_py(o, depth);
    PyErr_Format(PyExc_TypeError,
                 "cannot store a %.100s in front matter (use str, int, float, bool, "
                 "None, date, datetime, list or dict)",
                 Py_TYPE(o)->tp_name);
    return NULL;
}

fm_value *fmpy_value_from_py(PyObject *o) {
    return value_from_py(o, 0);
}
