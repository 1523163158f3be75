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
/* The Python side keeps one point for all segments (a failed read leaves the last one): so here. */
static float point_x, point_y;

static int bound(void) {
    if (get_text_object == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "pipeline._pdfium_bulk: bind() has not been called");
        return 0;
    }
    return 1;
}

static PyObject *bind(PyObject *self, PyObject *args) {
    unsigned long long a[7];
    if (!PyArg_ParseTuple(args, "KKKKKKK", &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6]))
        return NULL;
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

static PyObject *token_boxes(PyObject *self, PyObject *args) {
    unsigned long long handle;
    PyObject *text;
    if (!PyArg_ParseTuple(args, "KU", &handle, &text) || !bound())
        return NULL;
    void *page = (void *)(uintptr_t)handle;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    RectF box = {0, 0, 0, 0};
    Py_ssize_t i = 0;
    while (i < n) {
        if (!token_char(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t first = i;
        while (i < n && token_char(PyUnicode_READ(kind, data, i)))
            i++;
        uintptr_t textobj = (uintptr_t)get_text_object(page, (int)first);
        get_loose_char_box(page, (int)first, &box);
        double left = box.left, bottom = box.bottom;
        if (i - first > 1)
            get_loose_char_box(page, (int)(i - 1), &box);
        PyObject *item = Py_BuildValue("(nnKddd)", first, i, (unsigned long long)textobj, left, bottom,
                                       (double)box.right);
        if (item == NULL || PyList_Append(out, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(item);
    }
    return out;
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
     "bind(get_text_object, get_loose_char_box, count_segments, get_segment, segment_type, "
     "segment_point, segment_closes): the addresses of those PDFium functions."},
    {"token_boxes", token_boxes, METH_VARARGS,
     "token_boxes(textpage, text) -> [(first, end, text object, left, bottom, right)] per token."},
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
