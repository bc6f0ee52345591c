/* C ABI of issue 14 item 3: csikit_crosstab_json on a CSV written here (12 respondents, a
 * background column and one item). Expected values are computed here: counts, the column share
 * and Pearson's X^2 of the 2 x 2 table of satisfied (top box) by branch. */
#include <csikit/csikit.h>

#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const char *schema =
    "{\"name\": \"t\", \"scales\": [{\"id\": \"five\", \"min\": 1, \"max\": 5, \"satisfied\": {\"top_box\": true}}],"
    " \"items\": [{\"id\": \"Q\", \"scale\": \"five\"}], \"segment_columns\": [\"branch\"]}";

/* The number after "key": in the JSON text. */
static double number_after(const char *text, const char *key) {
    const char *p = text ? strstr(text, key) : NULL;
    return p ? strtod(p + strlen(key), NULL) : NAN;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "test_capi_crosstab.csv";
    /* north: Q = 5 5 4 4 4 2 (4 of 6 in the top box 4, 5 ... 5 of 6); south: 1 2 3 4 2 1 (1 of 6) */
    const int north[] = {5, 5, 4, 4, 4, 2}, south[] = {1, 2, 3, 4, 2, 1};
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    char *text = NULL;
    csikit_crosstab_options o;
    FILE *f = fopen(path, "w");
    int k;
    double a = 5, b = 1, c = 1, e = 5, n = 12, x2;
    if (!f) return 1;
    fputs("branch,Q\n", f);
    for (k = 0; k < 6; ++k) fprintf(f, "north,%d\nsouth,%d\n", north[k], south[k]);
    fclose(f);

    CHECK(csikit_survey_from_json(schema, &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, path, &d) == CSIKIT_OK);
    CHECK(csikit_crosstab_options_init(&o) == CSIKIT_OK);
    CHECK(o.alpha == 0.05 && o.use_weights == 1 && o.level == 0.95 && o.threshold == 70 && !o.rows && !o.cols);
    o.rows = "satisfied:Q";
    o.cols = "branch";
    CHECK(csikit_crosstab_json(d, &o, &text) == CSIKIT_OK);
    /* table [[5, 1], [1, 5]] (satisfied / not by north / south): X^2 = n (ad - bc)^2 / (r1 r2 c1 c2) */
    x2 = n * (a * e - b * c) * (a * e - b * c) / (6.0 * 6.0 * 6.0 * 6.0);
    CHECK(text && strstr(text, "\"kind\": \"satisfied\""));
    CHECK(fabs(number_after(text, "\"pearson\": ") - x2) < 1e-9);
    CHECK(fabs(number_after(text, "\"col_share\": ") - 5.0 / 6.0) < 1e-12);
    csikit_free(text);
    text = NULL;

    o.cols = "region";
    CHECK(csikit_crosstab_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "unknown column \"region\"") != NULL);
    o.cols = NULL;
    CHECK(csikit_crosstab_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    o.cols = "branch";
    o.rescale = "cubic";
    CHECK(csikit_crosstab_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(csikit_crosstab_json(d, NULL, &text) == CSIKIT_E_ARGUMENT); /* rows and cols are required */

    csikit_data_free(d);
    csikit_survey_free(s);
    remove(path);
    return check_exit("test_capi_crosstab");
}
