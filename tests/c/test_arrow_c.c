/* The C ABI's data readers of issue 12: csikit_data_read_arrow on an Arrow C stream written here
 * by hand (one batch: Q1..Q3 doubles with a null, region utf8), and csikit_data_read_csv_with
 * reading the GBK and Qualtrics fixtures to the same values as base.csv.
 * Usage: test_arrow_c PLATFORMS_DIR (tests/data/platforms). */
#include <csikit/arrow_abi.h>
#include <csikit/csikit.h>

#include "check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


/* ---- a one-batch producer ---- */
static const double q1[3] = {5, 4, 98}, q2[3] = {1, 0, 3}, q3[3] = {2, 2, 2};
static const unsigned char q2_valid = 0x05; /* row 1 null */
static const int32_t region_off[4] = {0, 1, 2, 3};
static const char region_chars[] = "abc";
static const char *names[4] = {"Q1", "Q2", "Q3", "region"};
static const char *formats[4] = {"g", "g", "g", "u"};
static struct ArrowSchema kids[4];
static struct ArrowSchema *kid_ptrs[4];
static struct ArrowArray arrays[4];
static struct ArrowArray *array_ptrs[4];
static const void *bufs[4][3];
static const void *top_bufs[1] = {NULL};
static int batches_left = 1, stream_released = 0;

static void noop_schema(struct ArrowSchema *s) { s->release = NULL; }
static void noop_array(struct ArrowArray *a) { a->release = NULL; }

static int get_schema(struct ArrowArrayStream *st, struct ArrowSchema *out) {
    int c;
    (void)st;
    for (c = 0; c < 4; ++c) {
        memset(&kids[c], 0, sizeof kids[c]);
        kids[c].format = formats[c];
        kids[c].name = names[c];
        kids[c].release = noop_schema;
        kid_ptrs[c] = &kids[c];
    }
    memset(out, 0, sizeof *out);
    out->format = "+s";
    out->n_children = 4;
    out->children = kid_ptrs;
    out->release = noop_schema;
    return 0;
}

static int get_next(struct ArrowArrayStream *st, struct ArrowArray *out) {
    int c;
    (void)st;
    memset(out, 0, sizeof *out);
    if (batches_left-- <= 0) return 0;
    bufs[0][1] = q1;
    bufs[1][0] = &q2_valid;
    bufs[1][1] = q2;
    bufs[2][1] = q3;
    bufs[3][1] = region_off;
    bufs[3][2] = region_chars;
    for (c = 0; c < 4; ++c) {
        memset(&arrays[c], 0, sizeof arrays[c]);
        arrays[c].length = 3;
        arrays[c].null_count = c == 1 ? 1 : 0;
        arrays[c].n_buffers = c == 3 ? 3 : 2;
        arrays[c].buffers = bufs[c];
        arrays[c].release = noop_array;
        array_ptrs[c] = &arrays[c];
    }
    out->length = 3;
    out->n_buffers = 1;
    out->buffers = top_bufs;
    out->n_children = 4;
    out->children = array_ptrs;
    out->release = noop_array;
    return 0;
}

static const char *last_error(struct ArrowArrayStream *st) { (void)st; return "none"; }
static void release_stream(struct ArrowArrayStream *st) { st->release = NULL; ++stream_released; }

static void same_values(csikit_data *a, csikit_data *b) {
    double va[64], vb[64];
    size_t na = 0, nb = 0, i;
    CHECK(csikit_data_values(a, va, 64, &na) == CSIKIT_OK);
    CHECK(csikit_data_values(b, vb, 64, &nb) == CSIKIT_OK);
    CHECK(na == nb && na == 36);
    for (i = 0; i < na && i < nb; ++i) CHECK((isnan(va[i]) && isnan(vb[i])) || va[i] == vb[i]);
}

int main(int argc, char **argv) {
    char path[4096];
    csikit_survey *s = NULL;
    csikit_data *d = NULL, *base = NULL, *other = NULL;
    struct ArrowArrayStream st;
    csikit_read_options ro;
    double v[9];
    size_t n = 0, rows = 0, items = 0;
    if (argc < 2) return 2;
    snprintf(path, sizeof path, "%s/schema.json", argv[1]);
    CHECK(csikit_survey_load(path, &s) == CSIKIT_OK);

    memset(&st, 0, sizeof st);
    st.get_schema = get_schema;
    st.get_next = get_next;
    st.get_last_error = last_error;
    st.release = release_stream;
    CHECK(csikit_data_read_arrow(s, &st, NULL, &d) == CSIKIT_OK);
    CHECK(stream_released == 1);
    CHECK(csikit_data_shape(d, &rows, &items) == CSIKIT_OK && rows == 3 && items == 3);
    CHECK(csikit_data_values(d, v, 9, &n) == CSIKIT_OK && n == 9);
    CHECK(v[0] == 5 && v[1] == 1 && v[2] == 2); /* row 0 */
    CHECK(isnan(v[4]));                          /* row 1, Q2 null */
    CHECK(isnan(v[6]));                          /* row 2, Q1 98 = don't know */
    csikit_data_free(d);

    /* A NULL survey still releases the stream; a NULL stream is an argument error. */
    st.release = release_stream;
    batches_left = 1;
    CHECK(csikit_data_read_arrow(NULL, &st, NULL, &d) != CSIKIT_OK);
    CHECK(stream_released == 2);
    CHECK(csikit_data_read_arrow(s, NULL, NULL, &d) != CSIKIT_OK);

    /* CSV with read options: GBK and Qualtrics read as base.csv. */
    snprintf(path, sizeof path, "%s/base.csv", argv[1]);
    CHECK(csikit_data_read_csv_with(s, path, NULL, &base) == CSIKIT_OK);
    CHECK(csikit_read_options_init(&ro) == CSIKIT_OK);
    ro.encoding = "gbk";
    snprintf(path, sizeof path, "%s/gbk.csv", argv[1]);
    CHECK(csikit_data_read_csv_with(s, path, &ro, &other) == CSIKIT_OK);
    if (base && other) same_values(base, other);
    csikit_data_free(other);
    other = NULL;
    CHECK(csikit_data_read_csv_with(s, path, NULL, &other) == CSIKIT_E_PARSE); /* not UTF-8: one message */
    CHECK(strstr(csikit_last_error(), "--encoding gbk") != NULL);
    snprintf(path, sizeof path, "%s/qualtrics.csv", argv[1]);
    CHECK(csikit_data_read_csv_with(s, path, NULL, &other) == CSIKIT_OK);
    if (base && other) same_values(base, other);
    csikit_data_free(other);
    csikit_data_free(base);
    csikit_survey_free(s);
    return check_exit("test_arrow_c");
}
