/* Many PDFium values in one call: the compiled half of pipeline/pdfium_bulk.py.
 *
 * Reading a page costs a few PDFium calls per character, word or path segment, and through
 * ctypes each call costs about a microsecond of Python, more than PDFium's own work. These
 * functions make the same calls from C and return what they read as Python tuples; the logic
 * that builds words and edges from them stays in Python. pipeline/pdfium_bulk.py holds the same
 * functions in Python (used when this module was not built), and the tests compare the two.
 *
 * PDFium is not linked: bind() receives the addresses of the functions pypdfium2 already loaded,
 * so this module builds with nothing but Python's headers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef struct { float left, top, right, bottom; } RectF;  /* PDFium's FS_RECTF */

typedef void *(*GetTextObjectFn)(void *, int);
typedef int (*GetLooseCharBoxFn)(void *, int, RectF *);
typedef int (*CountSegmentsFn)(void *);
typedef void *(*GetSegmentFn)(void *, int);
typedef int (*SegmentTypeFn)(void *);
typedef int (*SegmentPointFn)(void *, float *, float *);
typedef int (*SegmentClosesFn)(void *);

static GetTextObjectFn get_text_object;
static GetLooseCharBoxFn get_loose_char_box;
static CountSegmentsFn count_segments;
static GetSegmentFn get_segment;
static SegmentTypeFn segment_type;
static SegmentPointFn segment_point;
static SegmentClosesFn segment_closes;
static PyTypeObject *word_type; /* pipeline.pdf_reader.Word, a named tuple */
/* The Python side keeps one point for all segments (a failed read leaves the last one): so here. */
static float point_x, point_y;

static int bound(void) {
    if (word_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "pipeline._pdfium_bulk: bind() has not been called");
        return 0;
    }
    return 1;
}

static PyObject *bind(PyObject *self, PyObject *args) {
    unsigned long long a[7];
    PyTypeObject *word;
    if (!PyArg_ParseTuple(args, "O!KKKKKKK", &PyType_Type, &word, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5],
                          &a[6]))
        return NULL;
    if (!PyType_IsSubtype(word, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "bind: the word type must be a tuple (a named tuple)");
        return NULL;
    }
    Py_INCREF(word);
    Py_XSETREF(word_type, word);
    get_text_object = (GetTextObjectFn)(uintptr_t)a[0];
    get_loose_char_box = (GetLooseCharBoxFn)(uintptr_t)a[1];
    count_segments = (CountSegmentsFn)(uintptr_t)a[2];
    get_segment = (GetSegmentFn)(uintptr_t)a[3];
    segment_type = (SegmentTypeFn)(uintptr_t)a[4];
    segment_point = (SegmentPointFn)(uintptr_t)a[5];
    segment_closes = (SegmentClosesFn)(uintptr_t)a[6];
    Py_RETURN_NONE;
}

/* Python's re treats a character as white space (\s) exactly when Py_UNICODE_ISSPACE says so;
 * a token is a run of characters neither white space nor NUL, as _TOKEN = [^\s\x00]+ matches. */
static int token_char(Py_UCS4 ch) {
    return ch != 0 && !Py_UNICODE_ISSPACE(ch);
}

/* A word of a text page, made as pipeline.pdfium_bulk.py_text_words makes it. */
static PyObject *new_word(PyTypeObject *type, PyObject *text, double x0, double top, double x1, double bottom,
                          PyObject *size, PyObject *bold) {
    /* What tuple.__new__(Word, (...)) does, without building the tuple twice. */
    PyObject *word = type->tp_alloc(type, 7);
    PyObject *x0f = PyFloat_FromDouble(x0), *topf = PyFloat_FromDouble(top);
    PyObject *x1f = PyFloat_FromDouble(x1), *bottomf = PyFloat_FromDouble(bottom);
    if (word == NULL || x0f == NULL || topf == NULL || x1f == NULL || bottomf == NULL) {
        Py_XDECREF(word);
        Py_XDECREF(x0f);
        Py_XDECREF(topf);
        Py_XDECREF(x1f);
        Py_XDECREF(bottomf);
        Py_DECREF(text);
        return NULL;
    }
    Py_INCREF(size);
    Py_INCREF(bold);
    PyTuple_SET_ITEM(word, 0, text); /* the reference passed in */
    PyTuple_SET_ITEM(word, 1, x0f);
    PyTuple_SET_ITEM(word, 2, topf);
    PyTuple_SET_ITEM(word, 3, x1f);
    PyTuple_SET_ITEM(word, 4, bottomf);
    PyTuple_SET_ITEM(word, 5, size);
    PyTuple_SET_ITEM(word, 6, bold);
    return word;
}

static PyObject *text_words(PyObject *self, PyObject *args) {
    unsigned long long handle;
    PyObject *text, *style_of, *table;
    double height;
    if (!PyArg_ParseTuple(args, "KUdOO", &handle, &text, &height, &style_of, &table) || !bound())
        return NULL;
    void *page = (void *)(uintptr_t)handle;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *words = PyList_New(0), *styles = PyDict_New();
    PyObject *style = NULL; /* the current token's (turned, size, bold): borrowed or owned below */
    PyObject *owned = NULL;
    uintptr_t last_object = 0;
    PyObject *last_style = NULL; /* borrowed from styles */
    Py_ssize_t visible = 0, rotated = 0, i = 0;
    RectF box = {0, 0, 0, 0};
    if (words == NULL || styles == NULL)
        goto fail;
    while (i < n) {
        if (!token_char(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t first = i;
        while (i < n && token_char(PyUnicode_READ(kind, data, i)))
            i++;
        visible += i - first;
        uintptr_t textobj = (uintptr_t)get_text_object(page, (int)first);
        Py_CLEAR(owned);
        if (textobj != 0 && textobj == last_object) {
            style = last_style;
        } else {
            style = NULL;
            PyObject *key = NULL;
            if (textobj != 0) {
                key = PyLong_FromUnsignedLongLong((unsigned long long)textobj);
                if (key == NULL)
                    goto fail;
                style = PyDict_GetItemWithError(styles, key);
                if (style == NULL && PyErr_Occurred()) {
                    Py_DECREF(key);
                    goto fail;
                }
            }
            if (style == NULL) {
                owned = PyObject_CallFunction(style_of, "n", first);
                if (owned == NULL || !PyTuple_Check(owned) || PyTuple_GET_SIZE(owned) != 3) {
                    if (owned != NULL)
                        PyErr_SetString(PyExc_TypeError, "style_of must return (turned, size, bold)");
                    Py_XDECREF(key);
                    goto fail;
                }
                style = owned;
                if (key != NULL && PyDict_SetItem(styles, key, owned) < 0) {
                    Py_DECREF(key);
                    goto fail;
                }
            }
            Py_XDECREF(key);
            if (textobj != 0) {
                last_object = textobj;
                last_style = style; /* now held by styles */
            }
        }
        int turned = PyObject_IsTrue(PyTuple_GET_ITEM(style, 0));
        if (turned < 0)
            goto fail;
        if (turned) {
            rotated += i - first;
            continue;
        }
        PyObject *size = PyTuple_GET_ITEM(style, 1);
        double size_value = PyFloat_AsDouble(size);
        if (size_value == -1.0 && PyErr_Occurred())
            goto fail;
        get_loose_char_box(page, (int)first, &box);
        double x0 = box.left, low = box.bottom;
        if (i - first > 1)
            get_loose_char_box(page, (int)(i - 1), &box);
        double x1 = box.right;
        double bottom = height - low;
        PyObject *token = PyUnicode_Substring(text, first, i);
        if (token == NULL)
            goto fail;
        if (table != Py_None) {
            PyObject *translated = PyObject_CallMethod(token, "translate", "O", table);
            Py_DECREF(token);
            if (translated == NULL)
                goto fail;
            token = translated;
        }
        PyObject *word = new_word(word_type, token, x0, bottom - size_value, x1 > x0 ? x1 : x0, bottom, size,
                                  PyTuple_GET_ITEM(style, 2));
        if (word == NULL)
            goto fail;
        int appended = PyList_Append(words, word);
        Py_DECREF(word);
        if (appended < 0)
            goto fail;
    }
    Py_CLEAR(owned);
    Py_DECREF(styles);
    return Py_BuildValue("(Nnn)", words, visible, rotated);
fail:
    Py_XDECREF(owned);
    Py_XDECREF(words);
    Py_XDECREF(styles);
    return NULL;
}

static PyObject *char_boxes(PyObject *self, PyObject *args) {
    unsigned long long handle;
    int n;
    if (!PyArg_ParseTuple(args, "Ki", &handle, &n) || !bound())
        return NULL;
    void *page = (void *)(uintptr_t)handle;
    PyObject *out = PyList_New(n > 0 ? n : 0);
    if (out == NULL)
        return NULL;
    RectF box = {0, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        uintptr_t textobj = (uintptr_t)get_text_object(page, i);
        get_loose_char_box(page, i, &box);
        PyObject *item = Py_BuildValue("(Kdd)", (unsigned long long)textobj, (double)box.left,
                                       (double)box.right);
        if (item == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, item);
    }
    return out;
}

static PyObject *path_segments(PyObject *self, PyObject *args) {
    unsigned long long handle;
    if (!PyArg_ParseTuple(args, "K", &handle) || !bound())
        return NULL;
    void *path = (void *)(uintptr_t)handle;
    int n = count_segments(path);
    PyObject *out = PyList_New(n > 0 ? n : 0);
    if (out == NULL)
        return NULL;
    for (int i = 0; i < n; i++) {
        void *segment = get_segment(path, i);
        int kind = segment_type(segment);
        segment_point(segment, &point_x, &point_y);
        PyObject *item = Py_BuildValue("(iddO)", kind, (double)point_x, (double)point_y,
                                       segment_closes(segment) ? Py_True : Py_False);
        if (item == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, item);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_VARARGS,
     "bind(Word, get_text_object, get_loose_char_box, count_segments, get_segment, segment_type, "
     "segment_point, segment_closes): the word type and the addresses of those PDFium functions."},
    {"text_words", text_words, METH_VARARGS,
     "text_words(textpage, text, height, style_of, table) -> (words, visible, rotated): "
     "see pipeline.pdfium_bulk.py_text_words."},
    {"char_boxes", char_boxes, METH_VARARGS,
     "char_boxes(textpage, n) -> [(text object, left, right)] per character."},
    {"path_segments", path_segments, METH_VARARGS,
     "path_segments(path) -> [(type, x, y, closes)] per segment."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "pipeline._pdfium_bulk",
    "PDFium values read in bulk (see pipeline/pdfium_bulk.py).", -1, methods,
};

PyMODINIT_FUNC PyInit__pdfium_bulk(void) {
    return PyModule_Create(&module);
}
