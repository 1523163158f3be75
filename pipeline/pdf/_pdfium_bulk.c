/* Many PDFium values in one call: the compiled half of pipeline/pdf/pdfium_bulk.py.
 *
 * Reading a page costs a few PDFium calls per character, word or path segment, and through
 * ctypes each call costs about a microsecond of Python, more than PDFium's own work. These
 * functions make the same calls from C and return what they read as Python tuples; the logic
 * that builds words and edges from them stays in Python. pipeline/pdf/pdfium_bulk.py holds the same
 * functions in Python (used when this module was not built), and the tests compare the two.
 *
 * PDFium is not linked: bind() receives the addresses of the functions pypdfium2 already loaded,
 * so this module builds with nothing but Python's headers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>
#include <stdint.h>

typedef struct { float left, top, right, bottom; } RectF;  /* PDFium's FS_RECTF */

typedef void *(*GetTextObjectFn)(void *, int);
typedef int (*GetLooseCharBoxFn)(void *, int, RectF *);
typedef int (*CountSegmentsFn)(void *);
typedef void *(*GetSegmentFn)(void *, int);
typedef int (*SegmentTypeFn)(void *);
typedef int (*SegmentPointFn)(void *, float *, float *);
typedef int (*SegmentClosesFn)(void *);
typedef int (*IsGeneratedFn)(void *, int);
typedef struct { float a, b, c, d, e, f; } MatrixF; /* PDFium's FS_MATRIX */
typedef int (*CountObjectsFn)(void *);
typedef void *(*GetObjectFn)(void *, int);
typedef void *(*GetFormObjectFn)(void *, unsigned long);
typedef int (*ObjectTypeFn)(void *);
typedef int (*GetMatrixFn)(void *, MatrixF *);
typedef int (*GetCharOriginFn)(void *, int, double *, double *);
typedef int (*GetCharMatrixFn)(void *, int, MatrixF *);
typedef double (*GetFontSizeFn)(void *, int);
typedef int (*GetFontWeightFn)(void *, int);

static GetTextObjectFn get_text_object;
static GetLooseCharBoxFn get_loose_char_box;
static CountSegmentsFn count_segments;
static GetSegmentFn get_segment;
static SegmentTypeFn segment_type;
static SegmentPointFn segment_point;
static SegmentClosesFn segment_closes;
static IsGeneratedFn is_generated;
static GetCharOriginFn get_char_origin;
static CountObjectsFn page_object_count, form_object_count;
static GetObjectFn page_object;
static GetFormObjectFn form_object;
static ObjectTypeFn object_type;
static GetMatrixFn get_matrix;
static GetCharMatrixFn get_char_matrix;
static GetFontSizeFn get_font_size;
static GetFontWeightFn get_font_weight;
/* PDFium's constants (pipeline.pdf.pdfium_bulk checks them against pypdfium2's before using this). */
#define PAGEOBJ_PATH 2
#define PAGEOBJ_FORM 5
#define SEGMENT_BEZIERTO 1
#define SEGMENT_MOVETO 2
static PyTypeObject *edge_type; /* pipeline.pdf.model.Edge, a named tuple */
static PyObject *horizontal, *vertical; /* "h", "v" */
/* Ligatures expanded in a word's text (pdf_reader.LIGATURES as a str.translate table). */
#define MAX_LIGATURES 16
static PyObject *ligature_table;
static Py_UCS4 ligature_chars[MAX_LIGATURES];
static int ligature_count;
static PyTypeObject *word_type; /* pipeline.pdf.model.Word, a named tuple */
/* The Python side keeps one point for all segments (a failed read leaves the last one): so here. */
static float point_x, point_y;

static int bound(void) {
    if (word_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "pipeline.pdf._pdfium_bulk: bind() has not been called");
        return 0;
    }
    return 1;
}

static PyObject *bind(PyObject *self, PyObject *args) {
    unsigned long long a[18];
    PyTypeObject *word, *edge;
    PyObject *table;
    if (!PyArg_ParseTuple(args, "O!O!O!KKKKKKKKKKKKKKKKKK", &PyType_Type, &word, &PyType_Type, &edge, &PyDict_Type,
                          &table, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7], &a[8], &a[9], &a[10],
                          &a[11], &a[12], &a[13], &a[14], &a[15], &a[16], &a[17]))
        return NULL;
    if (!PyType_IsSubtype(word, &PyTuple_Type) || !PyType_IsSubtype(edge, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "bind: the word and edge types must be tuples (named tuples)");
        return NULL;
    }
    if (PyDict_Size(table) > MAX_LIGATURES) {
        PyErr_SetString(PyExc_ValueError, "bind: too many ligatures");
        return NULL;
    }
    if (horizontal == NULL && (horizontal = PyUnicode_InternFromString("h")) == NULL)
        return NULL;
    if (vertical == NULL && (vertical = PyUnicode_InternFromString("v")) == NULL)
        return NULL;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    int count = 0;
    while (PyDict_Next(table, &pos, &key, &value)) {
        unsigned long code = PyLong_AsUnsignedLong(key);
        if (code == (unsigned long)-1 && PyErr_Occurred())
            return NULL;
        ligature_chars[count++] = (Py_UCS4)code;
    }
    ligature_count = count;
    Py_INCREF(word);
    Py_XSETREF(word_type, word);
    Py_INCREF(edge);
    Py_XSETREF(edge_type, edge);
    Py_INCREF(table);
    Py_XSETREF(ligature_table, table);
    get_text_object = (GetTextObjectFn)(uintptr_t)a[0];
    get_loose_char_box = (GetLooseCharBoxFn)(uintptr_t)a[1];
    count_segments = (CountSegmentsFn)(uintptr_t)a[2];
    get_segment = (GetSegmentFn)(uintptr_t)a[3];
    segment_type = (SegmentTypeFn)(uintptr_t)a[4];
    segment_point = (SegmentPointFn)(uintptr_t)a[5];
    segment_closes = (SegmentClosesFn)(uintptr_t)a[6];
    is_generated = (IsGeneratedFn)(uintptr_t)a[7];
    get_char_origin = (GetCharOriginFn)(uintptr_t)a[8];
    page_object_count = (CountObjectsFn)(uintptr_t)a[9];
    page_object = (GetObjectFn)(uintptr_t)a[10];
    form_object_count = (CountObjectsFn)(uintptr_t)a[11];
    form_object = (GetFormObjectFn)(uintptr_t)a[12];
    object_type = (ObjectTypeFn)(uintptr_t)a[13];
    get_matrix = (GetMatrixFn)(uintptr_t)a[14];
    get_char_matrix = (GetCharMatrixFn)(uintptr_t)a[15];
    get_font_size = (GetFontSizeFn)(uintptr_t)a[16];
    get_font_weight = (GetFontWeightFn)(uintptr_t)a[17];
    Py_RETURN_NONE;
}

/* Python's re treats a character as white space (\s) exactly when Py_UNICODE_ISSPACE says so;
 * a token is a run of characters neither white space nor NUL that ends after a U+FFFE, as
 * pdfium_bulk.TOKEN matches. */
static int token_char(Py_UCS4 ch) {
    return ch != 0 && !Py_UNICODE_ISSPACE(ch);
}

/* A word of a text page, made as pipeline.pdf.pdfium_bulk.py_text_words makes it. */
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

/* Append a new reference (NULL: an error already set) to a list, which then holds the only one. */
static int append_new(PyObject *list, PyObject *item) {
    if (item == NULL)
        return -1;
    int appended = PyList_Append(list, item);
    Py_DECREF(item);
    return appended;
}

/* What text_words and char_words return: (words, two counts), or NULL after an error (ok = 0). */
static PyObject *finish(PyObject *words, PyObject *styles, Py_ssize_t a, Py_ssize_t b, int ok) {
    Py_XDECREF(styles);
    if (!ok) {
        Py_XDECREF(words);
        return NULL;
    }
    return Py_BuildValue("(Nnn)", words, a, b);
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
        while (i < n && token_char(PyUnicode_READ(kind, data, i))) {
            /* PDFium's U+FFFE is a hyphen that ends a line, with no line break after it: the word
               ends there, as pdfminer's "docu-" ends its line and "ment" starts the next. */
            if (PyUnicode_READ(kind, data, i++) == 0xFFFE)
                break;
        }
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
        if (append_new(words, new_word(word_type, token, x0, bottom - size_value, x1 > x0 ? x1 : x0, bottom, size,
                                       PyTuple_GET_ITEM(style, 2))) < 0)
            goto fail;
    }
    Py_CLEAR(owned);
    return finish(words, styles, visible, rotated, 1);
fail:
    Py_XDECREF(owned);
    return finish(words, styles, 0, 0, 0);
}

/* pipeline.pdf.pdfium_bulk.py_text_style: (turned, size, weight) of a character's text object. */
static PyObject *text_style(PyObject *self, PyObject *args) {
    unsigned long long handle;
    int index;
    if (!PyArg_ParseTuple(args, "Ki", &handle, &index) || !bound())
        return NULL;
    void *page = (void *)(uintptr_t)handle;
    MatrixF m = {0, 0, 0, 0, 0, 0}; /* left as it is by a failed read */
    get_char_matrix(page, index, &m);
    int turned = fabs((double)m.b) > 1e-3 || fabs((double)m.c) > 1e-3 || (double)m.d <= 0;
    double size = get_font_size(page, index) * (double)m.d;
    return Py_BuildValue("(Ndi)", PyBool_FromLong(turned), size, get_font_weight(page, index));
}

/* A character of the word being built. */
typedef struct {
    Py_UCS4 ch;
    double x0, x1, top, bottom;
    int bold;
} RunChar;

static int is_ligature(Py_UCS4 ch) {
    for (int k = 0; k < ligature_count; k++)
        if (ligature_chars[k] == ch)
            return 1;
    return 0;
}

/* pdf_reader.add_word: the word made of run[0..len), all of one size, appended to words. */
static int add_word(RunChar *run, Py_ssize_t len, double size, PyObject *words) {
    Py_UCS4 *chars = PyMem_Malloc(len * sizeof(Py_UCS4));
    if (chars == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int ligatures = 0;
    for (Py_ssize_t k = 0; k < len; k++) {
        chars[k] = run[k].ch;
        ligatures |= is_ligature(run[k].ch);
    }
    PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, len);
    PyMem_Free(chars);
    if (text == NULL)
        return -1;
    if (ligatures) {
        PyObject *expanded = PyUnicode_Translate(text, ligature_table, NULL);
        Py_DECREF(text);
        if (expanded == NULL)
            return -1;
        text = expanded;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), k;
    for (k = 0; k < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)); k++)
        ;
    if (k == n) { /* blank: no word */
        Py_DECREF(text);
        return 0;
    }
    /* min() and max() keep the first of equal values, as these comparisons do. */
    double x0 = run[0].x0, top = run[0].top, x1 = run[0].x1, bottom = run[0].bottom;
    long bold = run[0].bold;
    for (k = 1; k < len; k++) {
        if (run[k].x0 < x0)
            x0 = run[k].x0;
        if (run[k].top < top)
            top = run[k].top;
        if (run[k].x1 > x1)
            x1 = run[k].x1;
        if (run[k].bottom > bottom)
            bottom = run[k].bottom;
        bold += run[k].bold;
    }
    PyObject *sizef = PyFloat_FromDouble(size == 0.0 ? 0.0 : size); /* float(size or 0) */
    if (sizef == NULL) {
        Py_DECREF(text);
        return -1;
    }
    PyObject *boldb = PyBool_FromLong(len == 1 ? bold : bold * 2 > len);
    int appended = append_new(words, new_word(word_type, text, x0, top, x1, bottom, sizef, boldb));
    Py_DECREF(sizef);
    Py_DECREF(boldb);
    return appended;
}

static PyObject *char_words(PyObject *self, PyObject *args) {
    unsigned long long handle;
    PyObject *text, *style_of;
    double e0, f0, height, x_tolerance_ratio, y_tolerance;
    if (!PyArg_ParseTuple(args, "KUOddddd", &handle, &text, &style_of, &e0, &f0, &height, &x_tolerance_ratio,
                          &y_tolerance) || !bound())
        return NULL;
    void *page = (void *)(uintptr_t)handle;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), len = 0, total = 0, rotated = 0;
    RunChar *run = PyMem_Malloc((n > 0 ? n : 1) * sizeof(RunChar));
    PyObject *words = PyList_New(0), *styles = PyDict_New();
    uintptr_t last_object = 0;
    PyObject *last_style = NULL; /* borrowed from styles */
    int have_group = 0;
    double group = 0.0, ox = 0.0, oy = 0.0;
    RectF box = {0, 0, 0, 0};
    if (run == NULL || words == NULL || styles == NULL) {
        if (run == NULL)
            PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        /* What pdfminer has for it (pdfium_bulk._special_char): a space PDFium inferred, a line
           break, other white space and control characters are none; a line-end hyphen is "-". */
        if (ch == ' ') {
            if (is_generated(page, (int)i))
                continue;
        } else if (ch == 0x02 || ch == 0xFFFE) {
            ch = '-';
        } else if (ch < 32 || ch == 0x7F || Py_UNICODE_ISSPACE(ch)) {
            continue;
        }
        uintptr_t textobj = (uintptr_t)get_text_object(page, (int)i);
        get_loose_char_box(page, (int)i, &box);
        PyObject *style;
        if (textobj == last_object && last_style != NULL) {
            style = last_style;
        } else {
            PyObject *key = PyLong_FromUnsignedLongLong((unsigned long long)textobj);
            if (key == NULL)
                goto fail;
            style = PyDict_GetItemWithError(styles, key);
            if (style == NULL) {
                if (PyErr_Occurred()) {
                    Py_DECREF(key);
                    goto fail;
                }
                PyObject *made = PyObject_CallFunction(style_of, "nO", i, key);
                if (made == NULL || !PyTuple_Check(made) || PyTuple_GET_SIZE(made) != 10) {
                    if (made != NULL) {
                        PyErr_SetString(PyExc_TypeError, "style_of must return a 10-tuple");
                        Py_DECREF(made);
                    }
                    Py_DECREF(key);
                    goto fail;
                }
                int stored = PyDict_SetItem(styles, key, made);
                Py_DECREF(made); /* held by styles */
                if (stored < 0) {
                    Py_DECREF(key);
                    goto fail;
                }
                style = made;
            }
            Py_DECREF(key);
            last_object = textobj;
            last_style = style;
        }
        total++;
        int upright = PyObject_IsTrue(PyTuple_GET_ITEM(style, 1));
        if (upright < 0)
            goto fail;
        if (!upright) { /* left out of the words unless most of the page is so */
            rotated++;
            continue;
        }
        int standing = PyObject_IsTrue(PyTuple_GET_ITEM(style, 7));
        if (standing < 0)
            goto fail;
        if (!standing) { /* the general path reads this page */
            PyMem_Free(run);
            Py_DECREF(words);
            Py_DECREF(styles);
            Py_RETURN_NONE;
        }
        double size = PyFloat_AsDouble(PyTuple_GET_ITEM(style, 2));
        if (size == -1.0 && PyErr_Occurred())
            goto fail;
        if (!have_group || size != group) {
            if (len) {
                if (add_word(run, len, group, words) < 0)
                    goto fail;
                len = 0;
            }
            group = size;
            have_group = 1;
        }
        if (ch == ' ') {
            if (len) {
                if (add_word(run, len, size, words) < 0)
                    goto fail;
                len = 0;
            }
            continue;
        }
        double x0 = box.left + e0, y0;
        PyObject *baseline = PyTuple_GET_ITEM(style, 9);
        if (baseline != Py_None) {
            y0 = PyFloat_AsDouble(baseline);
        } else {
            double descent = PyFloat_AsDouble(PyTuple_GET_ITEM(style, 4));
            get_char_origin(page, (int)i, &ox, &oy);
            y0 = oy + f0 + descent;
        }
        if (PyErr_Occurred())
            goto fail;
        double top = height - (y0 + size);
        if (len) {
            RunChar *p = &run[len - 1];
            if (x0 < p->x0 || x0 > p->x1 + x_tolerance_ratio * size || fabs(top - p->top) > y_tolerance) {
                if (add_word(run, len, size, words) < 0)
                    goto fail;
                len = 0;
            }
        }
        int bold = PyObject_IsTrue(PyTuple_GET_ITEM(style, 8));
        if (bold < 0)
            goto fail;
        run[len].ch = ch;
        run[len].x0 = x0;
        run[len].x1 = box.right + e0;
        run[len].top = top;
        run[len].bottom = height - y0;
        run[len].bold = bold;
        len++;
    }
    if (len && add_word(run, len, group, words) < 0)
        goto fail;
    PyMem_Free(run);
    return finish(words, styles, total, rotated, 1);
fail:
    PyMem_Free(run);
    return finish(words, styles, 0, 0, 0);
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

/* ---- a page's edges: pipeline.pdf.pdfium_reader.py_page_edges, in C ---- */

typedef struct { double a, b, c, d, e, f; } Matrix;
typedef struct { double x, y; } Point;

/* m then n (row vectors, as PDF matrices compose): pdfium_reader._multiply. */
static Matrix multiply(Matrix m, Matrix n) {
    Matrix r = {m.a * n.a + m.b * n.c, m.a * n.b + m.b * n.d, m.c * n.a + m.d * n.c, m.c * n.b + m.d * n.d,
                m.e * n.a + m.f * n.c + n.e, m.e * n.b + m.f * n.d + n.f};
    return r;
}

static MatrixF object_matrix; /* as pdfium_reader._MATRIX: one for all objects */

static Matrix matrix_of(void *obj) {
    get_matrix(obj, &object_matrix);
    Matrix m = {object_matrix.a, object_matrix.b, object_matrix.c, object_matrix.d, object_matrix.e,
                object_matrix.f};
    return m;
}

typedef struct {
    PyObject *out;
    double height, eps;
} EdgeSink;

static int add_edge(EdgeSink *sink, double x0, double y0, double x1, double y1, PyObject *orientation) {
    double left = x0 <= x1 ? x0 : x1, right = x0 <= x1 ? x1 : x0;
    double low = y0 <= y1 ? y0 : y1, high = y0 <= y1 ? y1 : y0;
    PyObject *edge = edge_type->tp_alloc(edge_type, 5);
    PyObject *v[4] = {PyFloat_FromDouble(left), PyFloat_FromDouble(sink->height - high), PyFloat_FromDouble(right),
                      PyFloat_FromDouble(sink->height - low)};
    if (edge == NULL || v[0] == NULL || v[1] == NULL || v[2] == NULL || v[3] == NULL) {
        Py_XDECREF(edge);
        for (int k = 0; k < 4; k++)
            Py_XDECREF(v[k]);
        return -1;
    }
    Py_INCREF(orientation);
    PyTuple_SET_ITEM(edge, 0, orientation);
    for (int k = 0; k < 4; k++)
        PyTuple_SET_ITEM(edge, k + 1, v[k]);
    return append_new(sink->out, edge);
}

static int same(EdgeSink *sink, Point p, Point q) {
    return fabs(p.x - q.x) < sink->eps && fabs(p.y - q.y) < sink->eps;
}

static int is_rectangle(EdgeSink *sink, const Point *p) {
    double e = sink->eps;
#define EQ(u, v) (fabs((u) - (v)) < e)
    return (EQ(p[0].x, p[1].x) && EQ(p[1].y, p[2].y) && EQ(p[2].x, p[3].x) && EQ(p[3].y, p[0].y)) ||
           (EQ(p[0].y, p[1].y) && EQ(p[1].x, p[2].x) && EQ(p[2].y, p[3].y) && EQ(p[3].x, p[0].x));
#undef EQ
}

/* pdfium_reader._subpath_edges. */
static int subpath_edges(EdgeSink *sink, const Point *p, Py_ssize_t n) {
    if (n < 2)
        return 0;
    if (n == 2 || (n == 3 && same(sink, p[0], p[2])))
        return add_edge(sink, p[0].x, p[0].y, p[1].x, p[1].y,
                        fabs(p[0].y - p[1].y) < sink->eps ? horizontal : vertical);
    if (n == 5 && same(sink, p[0], p[4]) && is_rectangle(sink, p)) {
        /* min() and max() keep the first of equal values, as these comparisons do. */
        double left = p[0].x, right = p[0].x, low = p[0].y, high = p[0].y;
        for (int k = 1; k < 5; k++) {
            if (p[k].x < left)
                left = p[k].x;
            if (p[k].x > right)
                right = p[k].x;
            if (p[k].y < low)
                low = p[k].y;
            if (p[k].y > high)
                high = p[k].y;
        }
        if (add_edge(sink, left, high, right, high, horizontal) < 0 ||
            add_edge(sink, left, low, right, low, horizontal) < 0 ||
            add_edge(sink, left, low, left, high, vertical) < 0 ||
            add_edge(sink, right, low, right, high, vertical) < 0)
            return -1;
        return 0;
    }
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        int added = 0;
        if (fabs(p[k].x - p[k + 1].x) < sink->eps)
            added = add_edge(sink, p[k].x, p[k].y, p[k + 1].x, p[k + 1].y, vertical);
        else if (fabs(p[k].y - p[k + 1].y) < sink->eps)
            added = add_edge(sink, p[k].x, p[k].y, p[k + 1].x, p[k + 1].y, horizontal);
        if (added < 0)
            return -1;
    }
    return 0;
}

/* pdfium_reader._object_edges: a curve contributes its end point only; closing a subpath returns
   to its first point. */
static int object_edges(EdgeSink *sink, void *path, Matrix m) {
    int count = count_segments(path);
    if (count <= 0)
        return 0;
    /* Each segment gives at most one point. */
    Point *points = PyMem_Malloc((size_t)count * sizeof(Point));
    Py_ssize_t *starts = PyMem_Malloc((size_t)(count + 1) * sizeof(Py_ssize_t));
    int *closed = PyMem_Malloc((size_t)(count + 1) * sizeof(int));
    int result = 0;
    if (points == NULL || starts == NULL || closed == NULL) {
        PyErr_NoMemory();
        result = -1;
        goto done;
    }
    Py_ssize_t npoints = 0, nsub = 0;
    int bezier = 0;
    for (int i = 0; i < count; i++) {
        void *segment = get_segment(path, i);
        int kind = segment_type(segment);
        if (kind == SEGMENT_BEZIERTO) {
            bezier++;
            if (bezier % 3) /* a control point */
                continue;
        } else {
            bezier = 0;
        }
        segment_point(segment, &point_x, &point_y);
        double px = point_x, py = point_y;
        Point point = {m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f};
        if (kind == SEGMENT_MOVETO || nsub == 0) {
            starts[nsub] = npoints;
            closed[nsub] = 0;
            nsub++;
        }
        points[npoints++] = point;
        if (segment_closes(segment))
            closed[nsub - 1] = 1;
    }
    starts[nsub] = npoints;
    /* Each subpath in turn, in order, is copied where closing it can append its first point. */
    Point *work = PyMem_Malloc((size_t)(npoints + 1) * sizeof(Point));
    if (work == NULL) {
        PyErr_NoMemory();
        result = -1;
        goto done;
    }
    for (Py_ssize_t k = 0; k < nsub && result == 0; k++) {
        Py_ssize_t n = starts[k + 1] - starts[k];
        memcpy(work, points + starts[k], (size_t)n * sizeof(Point));
        if (closed[k] && n > 2 && !same(sink, work[n - 1], work[0]))
            work[n++] = work[0];
        result = subpath_edges(sink, work, n);
    }
    PyMem_Free(work);
done:
    PyMem_Free(points);
    PyMem_Free(starts);
    PyMem_Free(closed);
    return result;
}

/* pdfium_reader._walk_objects: paths' edges, inside forms too (up to 15 deep). */
static int walk_objects(EdgeSink *sink, void *holder, int in_form, Matrix parent, int depth) {
    int count = in_form ? form_object_count(holder) : page_object_count(holder);
    for (int i = 0; i < count; i++) {
        void *obj = in_form ? form_object(holder, (unsigned long)i) : page_object(holder, i);
        int kind = object_type(obj);
        if (kind == PAGEOBJ_PATH) {
            if (object_edges(sink, obj, multiply(matrix_of(obj), parent)) < 0)
                return -1;
        } else if (kind == PAGEOBJ_FORM && depth < 15) {
            if (walk_objects(sink, obj, 1, multiply(matrix_of(obj), parent), depth + 1) < 0)
                return -1;
        }
    }
    return 0;
}

static PyObject *page_edges(PyObject *self, PyObject *args) {
    unsigned long long handle;
    Matrix ctm;
    EdgeSink sink;
    if (!PyArg_ParseTuple(args, "K(dddddd)dd", &handle, &ctm.a, &ctm.b, &ctm.c, &ctm.d, &ctm.e, &ctm.f,
                          &sink.height, &sink.eps) || !bound())
        return NULL;
    sink.out = PyList_New(0);
    if (sink.out == NULL)
        return NULL;
    if (walk_objects(&sink, (void *)(uintptr_t)handle, 0, ctm, 0) < 0) {
        Py_DECREF(sink.out);
        return NULL;
    }
    return sink.out;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_VARARGS,
     "bind(Word, Edge, ligatures, *addresses): the word and edge types, the ligatures' translate "
     "table and the addresses of the PDFium functions pipeline.pdf.pdfium_bulk._BOUND names."},
    {"text_words", text_words, METH_VARARGS,
     "text_words(textpage, text, height, style_of, table) -> (words, visible, rotated): "
     "see pipeline.pdf.pdfium_bulk.py_text_words."},
    {"text_style", text_style, METH_VARARGS,
     "text_style(textpage, index) -> (turned, size, weight): see pipeline.pdf.pdfium_bulk.py_text_style."},
    {"char_words", char_words, METH_VARARGS,
     "char_words(textpage, text, style_of, e0, f0, height, x_tolerance_ratio, y_tolerance) -> "
     "(words, total, rotated) or None: see pipeline.pdf.pdfium_bulk.py_char_words."},
    {"page_edges", page_edges, METH_VARARGS,
     "page_edges(page, ctm, height, eps) -> [Edge]: see pipeline.pdf.pdfium_reader.py_page_edges."},
    {"path_segments", path_segments, METH_VARARGS,
     "path_segments(path) -> [(type, x, y, closes)] per segment."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "pipeline.pdf._pdfium_bulk",
    "PDFium values read in bulk (see pipeline/pdf/pdfium_bulk.py).", -1, methods,
};

PyMODINIT_FUNC PyInit__pdfium_bulk(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddObject(m, "CONSTANTS", Py_BuildValue("(iiii)", PAGEOBJ_PATH, PAGEOBJ_FORM,
                                                                      SEGMENT_MOVETO, SEGMENT_BEZIERTO)) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
