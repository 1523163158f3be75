/* Words put in lines: the compiled half of extractors.tables.group_lines, of
 * pipeline.pdf.model.PageLayout.text and of triage's cells (pipeline.pdf.triage._cells).
 *
 * group_lines runs on every page (triage) and on every table cell, over a million words for the
 * throughput benchmark's corpus, and a page's text and cells are made for every page; their loops
 * were a tenth of extracting that corpus. These are the same algorithms as their Python definitions
 * (extractors.tables.py_group_lines, pipeline.pdf.model.py_page_text,
 * pipeline.pdf.triage.py_line_cells): the same sorts (stable, by
 * the same keys), the same comparisons in the same doubles, the same objects. For anything but
 * Word tuples of a str and plain finite floats they return None and Python does the work (NaN
 * would make Python's sorts order differently from any comparator here).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>

/* A word's fields, by their positions in pipeline.pdf.model.Word. */
#define W_X0 1
#define W_X1 3
#define W_TOP 2
#define W_BOTTOM 4
#define W_SIZE 5
#define W_FIELDS 7

typedef struct {
    double key1, key2;
    Py_ssize_t index; /* position before sorting: ties keep their order, as Python's sort does */
} SortItem;

static int by_keys(const void *pa, const void *pb) {
    const SortItem *a = pa, *b = pb;
    if (a->key1 < b->key1)
        return -1;
    if (a->key1 > b->key1)
        return 1;
    if (a->key2 < b->key2)
        return -1;
    if (a->key2 > b->key2)
        return 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Whether an object is a word: a pipeline.pdf.model.Word (the type the caller passes). */
static int is_word(PyObject *w, PyTypeObject *word_type) {
    return Py_TYPE(w) == word_type && PyTuple_GET_SIZE(w) == W_FIELDS;
}

/* The double of a field that must be a plain, finite float; -1 and no error set otherwise. */
static int field(PyObject *word, Py_ssize_t at, double *out) {
    PyObject *value = PyTuple_GET_ITEM(word, at);
    if (!PyFloat_CheckExact(value))
        return -1;
    *out = PyFloat_AS_DOUBLE(value);
    return isfinite(*out) ? 0 : -1;
}

static PyObject *group_lines(PyObject *self, PyObject *args) {
    PyObject *words, *line_type;
    PyTypeObject *word_type;
    if (!PyArg_ParseTuple(args, "OO!O", &words, &PyType_Type, &word_type, &line_type))
        return NULL;
    if (!PyList_CheckExact(words))
        Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(words);
    PyObject *result = NULL, *top_name = NULL, *x0_name = NULL;
    SortItem *order = NULL, *lines_order = NULL;
    Py_ssize_t *line_of = NULL, *line_count = NULL, *members = NULL, *fill = NULL;
    double *tops = NULL, *line_bottoms = NULL, *bottoms = NULL, *sizes = NULL;
    if (n == 0)
        return PyList_New(0);
    order = PyMem_Malloc(n * sizeof(SortItem));
    sizes = PyMem_Malloc(n * sizeof(double));
    bottoms = PyMem_Malloc(n * sizeof(double));
    if (order == NULL || sizes == NULL || bottoms == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PyList_GET_ITEM(words, i);
        double top, x0, bottom, size;
        if (!is_word(w, word_type) || field(w, W_TOP, &top) < 0 ||
            field(w, W_X0, &x0) < 0 || field(w, W_BOTTOM, &bottom) < 0 || field(w, W_SIZE, &size) < 0) {
            result = Py_None; /* not for this half: Python groups them */
            Py_INCREF(result);
            goto done;
        }
        order[i].key1 = top;
        order[i].key2 = x0;
        order[i].index = i;
        sizes[i] = size;
        bottoms[i] = bottom;
    }
    /* sorted(words, key=attrgetter("top", "x0")) */
    qsort(order, n, sizeof(SortItem), by_keys);
    /* Each word joins one of the three most recent lines whose first word is near its top or its
     * bottom, the newest first; else it starts a line. */
    line_of = PyMem_Malloc(n * sizeof(Py_ssize_t));
    tops = PyMem_Malloc(n * sizeof(double)); /* each line's first word's top and bottom */
    line_bottoms = PyMem_Malloc(n * sizeof(double));
    if (line_of == NULL || tops == NULL || line_bottoms == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = order[k].index;
        double top = order[k].key1, bottom = bottoms[i], size = sizes[i];
        double tol = 0.45 * (size != 0.0 ? size : bottom - top);
        if (tol < 1.5)
            tol = 1.5;
        Py_ssize_t j = count - 1, stop = j > 2 ? j - 3 : -1, joined = -1;
        for (; j > stop; j--) {
            if (fabs(tops[j] - top) <= tol || fabs(line_bottoms[j] - bottom) <= tol) {
                joined = j;
                break;
            }
        }
        if (joined < 0) {
            joined = count++;
            tops[joined] = top;
            line_bottoms[joined] = bottom;
        }
        line_of[k] = joined;
    }
    /* Each line's words in the order they joined it, then sorted left to right (stable). */
    line_count = PyMem_Calloc(count, sizeof(Py_ssize_t));
    fill = PyMem_Malloc(count * sizeof(Py_ssize_t));
    members = PyMem_Malloc(n * sizeof(Py_ssize_t));
    lines_order = PyMem_Malloc(count * sizeof(SortItem));
    if (line_count == NULL || fill == NULL || members == NULL || lines_order == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        line_count[line_of[k]]++;
    for (Py_ssize_t j = 0, start = 0; j < count; j++) {
        fill[j] = start;
        start += line_count[j];
    }
    for (Py_ssize_t k = 0; k < n; k++)
        members[fill[line_of[k]]++] = order[k].index;
    top_name = PyUnicode_InternFromString("top");
    x0_name = PyUnicode_InternFromString("x0");
    PyObject *made = PyList_New(count);
    if (top_name == NULL || x0_name == NULL || made == NULL) {
        Py_XDECREF(made);
        goto done;
    }
    for (Py_ssize_t j = 0, start = 0; j < count; j++) {
        Py_ssize_t len = line_count[j];
        Py_ssize_t *ids = members + start; /* ids[0] started the line: the smallest top */
        start += len;
        for (Py_ssize_t m = 0; m < len; m++) { /* line.sort(key=attrgetter("x0")) */
            order[m].key1 = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(PyList_GET_ITEM(words, ids[m]), W_X0));
            order[m].key2 = 0.0;
            order[m].index = m;
        }
        qsort(order, len, sizeof(SortItem), by_keys);
        PyObject *line_words = PyList_New(len);
        if (line_words == NULL) {
            Py_DECREF(made);
            goto done;
        }
        for (Py_ssize_t m = 0; m < len; m++) {
            PyObject *w = PyList_GET_ITEM(words, ids[order[m].index]);
            Py_INCREF(w);
            PyList_SET_ITEM(line_words, m, w);
        }
        PyObject *top = PyTuple_GET_ITEM(PyList_GET_ITEM(words, ids[0]), W_TOP);
        PyObject *x0 = PyTuple_GET_ITEM(PyList_GET_ITEM(line_words, 0), W_X0);
        /* Line(words) with its top and x0 set, as Python sets them (its sort below reads them). */
        PyObject *ln = PyObject_CallOneArg(line_type, line_words);
        Py_DECREF(line_words);
        if (ln == NULL || PyObject_SetAttr(ln, top_name, top) < 0 || PyObject_SetAttr(ln, x0_name, x0) < 0) {
            Py_XDECREF(ln);
            Py_DECREF(made);
            goto done;
        }
        PyList_SET_ITEM(made, j, ln);
        lines_order[j].key1 = PyFloat_AS_DOUBLE(top);
        lines_order[j].key2 = PyFloat_AS_DOUBLE(x0);
        lines_order[j].index = j;
    }
    /* result.sort(key=lambda line: (line.top, line.x0)) */
    qsort(lines_order, count, sizeof(SortItem), by_keys);
    result = PyList_New(count);
    if (result == NULL) {
        Py_DECREF(made);
        goto done;
    }
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *ln = PyList_GET_ITEM(made, lines_order[j].index);
        Py_INCREF(ln);
        PyList_SET_ITEM(result, j, ln);
    }
    Py_DECREF(made);
done:
    Py_XDECREF(top_name);
    Py_XDECREF(x0_name);
    PyMem_Free(order);
    PyMem_Free(lines_order);
    PyMem_Free(line_of);
    PyMem_Free(line_count);
    PyMem_Free(members);
    PyMem_Free(fill);
    PyMem_Free(tops);
    PyMem_Free(line_bottoms);
    PyMem_Free(bottoms);
    PyMem_Free(sizes);
    return result;
}

/* pipeline.pdf.model.py_page_text: the words sorted by (rounded top, x0), ties in their order; a
 * new line where a word's top is over 2 pt from its line's first word's; each line's words left
 * to right (stable), joined by spaces, the lines by line breaks. */
static PyObject *page_text(PyObject *self, PyObject *args) {
    PyObject *words;
    PyTypeObject *word_type;
    if (!PyArg_ParseTuple(args, "OO!", &words, &PyType_Type, &word_type))
        return NULL;
    if (!PyList_CheckExact(words))
        Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(words);
    PyObject *result = NULL, *parts = NULL, *space = NULL, *newline = NULL, *line_parts = NULL;
    SortItem *order = PyMem_Malloc((n ? n : 1) * sizeof(SortItem));
    SortItem *line = PyMem_Malloc((n ? n : 1) * sizeof(SortItem));
    if (order == NULL || line == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PyList_GET_ITEM(words, i);
        double top, x0;
        if (!is_word(w, word_type) || !PyUnicode_CheckExact(PyTuple_GET_ITEM(w, 0)) ||
            field(w, W_TOP, &top) < 0 || field(w, W_X0, &x0) < 0) {
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
        order[i].key1 = rint(top); /* Python's round(): halves to even, as rint in the default mode */
        order[i].key2 = x0;
        order[i].index = i;
    }
    qsort(order, n, sizeof(SortItem), by_keys);
    space = PyUnicode_FromString(" ");
    newline = PyUnicode_FromString("\n");
    parts = PyList_New(0);
    if (space == NULL || newline == NULL || parts == NULL)
        goto done;
    Py_ssize_t k = 0;
    while (k < n) {
        double first_top = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(PyList_GET_ITEM(words, order[k].index), W_TOP));
        Py_ssize_t len = 0;
        do { /* the line's words, in sorted order, then by x0 (stable) */
            PyObject *w = PyList_GET_ITEM(words, order[k].index);
            line[len].key1 = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(w, W_X0));
            line[len].key2 = 0.0;
            line[len].index = len;
            len++;
            k++;
        } while (k < n && fabs(first_top - PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(PyList_GET_ITEM(words, order[k].index),
                                                                             W_TOP))) <= 2);
        Py_ssize_t start = k - len;
        qsort(line, len, sizeof(SortItem), by_keys);
        line_parts = PyList_New(len);
        if (line_parts == NULL)
            goto done;
        for (Py_ssize_t m = 0; m < len; m++) {
            PyObject *text = PyTuple_GET_ITEM(PyList_GET_ITEM(words, order[start + line[m].index].index), 0);
            Py_INCREF(text);
            PyList_SET_ITEM(line_parts, m, text);
        }
        PyObject *joined = PyUnicode_Join(space, line_parts);
        Py_CLEAR(line_parts);
        if (joined == NULL)
            goto done;
        int appended = PyList_Append(parts, joined);
        Py_DECREF(joined);
        if (appended < 0)
            goto done;
    }
    result = PyUnicode_Join(newline, parts);
done:
    Py_XDECREF(line_parts);
    Py_XDECREF(parts);
    Py_XDECREF(space);
    Py_XDECREF(newline);
    PyMem_Free(order);
    PyMem_Free(line);
    return result;
}

/* pipeline.pdf.triage.py_line_cells: each line's words split where the gap between a word's x1 and
 * the next one's x0 is over ``gap``, each part's texts joined by spaces. */
static PyObject *line_cells(PyObject *self, PyObject *args) {
    PyObject *lines, *words_name = NULL, *space = NULL, *result = NULL;
    PyTypeObject *word_type;
    double gap;
    if (!PyArg_ParseTuple(args, "OdO!", &lines, &gap, &PyType_Type, &word_type))
        return NULL;
    if (!PyList_CheckExact(lines))
        Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(lines);
    words_name = PyUnicode_InternFromString("words");
    space = PyUnicode_FromString(" ");
    result = PyList_New(n);
    if (words_name == NULL || space == NULL || result == NULL)
        goto fail;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *ws = PyObject_GetAttr(PyList_GET_ITEM(lines, j), words_name);
        if (ws == NULL)
            goto fail;
        Py_ssize_t len = PyList_CheckExact(ws) ? PyList_GET_SIZE(ws) : -1;
        for (Py_ssize_t m = 0; m < len; m++) {
            PyObject *w = PyList_GET_ITEM(ws, m);
            double x0, x1;
            if (!is_word(w, word_type) || !PyUnicode_CheckExact(PyTuple_GET_ITEM(w, 0)) || field(w, W_X0, &x0) < 0 ||
                field(w, W_X1, &x1) < 0)
                len = -1;
        }
        if (len < 1) { /* not words this half takes (an empty line neither): Python's cells */
            Py_DECREF(ws);
            Py_DECREF(result);
            Py_DECREF(words_name);
            Py_DECREF(space);
            Py_RETURN_NONE;
        }
        PyObject *cells = PyList_New(0);
        Py_ssize_t start = 0;
        for (Py_ssize_t m = 1; m <= len && cells != NULL; m++) {
            if (m < len) {
                double x0 = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(PyList_GET_ITEM(ws, m), W_X0));
                double x1 = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(PyList_GET_ITEM(ws, m - 1), W_X1));
                if (!(x0 - x1 > gap))
                    continue;
            }
            PyObject *texts = PyList_New(m - start);
            if (texts == NULL) {
                Py_CLEAR(cells);
                break;
            }
            for (Py_ssize_t k = start; k < m; k++) {
                PyObject *text = PyTuple_GET_ITEM(PyList_GET_ITEM(ws, k), 0);
                Py_INCREF(text);
                PyList_SET_ITEM(texts, k - start, text);
            }
            PyObject *cell = PyUnicode_Join(space, texts);
            Py_DECREF(texts);
            if (cell == NULL || PyList_Append(cells, cell) < 0) {
                Py_XDECREF(cell);
                Py_CLEAR(cells);
                break;
            }
            Py_DECREF(cell);
            start = m;
        }
        Py_DECREF(ws);
        if (cells == NULL)
            goto fail;
        PyList_SET_ITEM(result, j, cells);
    }
    Py_DECREF(words_name);
    Py_DECREF(space);
    return result;
fail:
    Py_XDECREF(words_name);
    Py_XDECREF(space);
    Py_XDECREF(result);
    return NULL;
}

static PyMethodDef methods[] = {
    {"group_lines", group_lines, METH_VARARGS,
     "group_lines(words, Word, Line) -> [Line], or None for words this half does not take: "
     "see extractors.tables.py_group_lines."},
    {"page_text", page_text, METH_VARARGS,
     "page_text(words, Word) -> str, or None for words this half does not take: "
     "see pipeline.pdf.model.py_page_text."},
    {"line_cells", line_cells, METH_VARARGS,
     "line_cells(lines, gap, Word) -> [[str]], or None for lines this half does not take: "
     "see pipeline.pdf.triage.py_line_cells."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "pipeline.pdf._lines", "Words put in lines (see extractors.tables.group_lines, pipeline.pdf.model.PageLayout.text).", -1, methods,
};

PyMODINIT_FUNC PyInit__lines(void) {
    return PyModule_Create(&module);
}
