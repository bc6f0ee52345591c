/* C ABI of issue 14 item 5: csikit_standardize_json on the constructed pure-composition case
 * (within-region scores 87.5 / 37.5 in both waves, the mix moves from 80% to 40% "a"): raw
 * 77.5 -> 57.5, adjusted 67.5 in both waves (pooled mix 60 / 40), adjusted change 0 -- the
 * figures the CLI and Python tests check on the same data; bad input is CSIKIT_E_ARGUMENT. */
#include <csikit/csikit.h>

#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const char *schema =
    "{\"name\": \"t\", \"scales\": [{\"id\": \"five\", \"min\": 1, \"max\": 5}],"
    " \"items\": [{\"id\": \"Q\", \"scale\": \"five\"}], \"segment_columns\": [\"region\"], \"wave_column\": \"wave\"}";

/* The number after the first `key` that follows `from` in the JSON text. */
static double number_after(const char *text, const char *from, const char *key) {
    const char *p = text ? strstr(text, from) : NULL;
    p = p ? strstr(p, key) : NULL;
    return p ? strtod(p + strlen(key), NULL) : NAN;
}

static void add(FILE *f, int wave, const char *region, int count, int hi, int lo) {
    int k;
    for (k = 0; k < count; ++k) fprintf(f, "%d,%s,%d\n", wave, region, k % 2 ? lo : hi);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "test_capi_standardize.csv";
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    char *text = NULL;
    csikit_standardize_options o;
    FILE *f = fopen(path, "w");
    if (!f) return 1;
    fputs("wave,region,Q\n", f);
    add(f, 1, "a", 8, 5, 4);
    add(f, 1, "b", 2, 2, 3);
    add(f, 2, "a", 4, 5, 4);
    add(f, 2, "b", 6, 2, 3);
    fclose(f);

    CHECK(csikit_survey_from_json(schema, &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, path, &d) == CSIKIT_OK);
    CHECK(csikit_standardize_options_init(&o) == CSIKIT_OK);
    CHECK(o.struct_size == sizeof o && o.use_weights == 1 && o.level == 0.95 && !o.adjust_for && !o.by && !o.reference);
    o.adjust_for = "region";
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_OK);
    CHECK(text && strstr(text, "\"analysis\": \"standardize\""));
    CHECK(fabs(number_after(text, "\"strata\"", "\"reference_share\": ") - 0.6) < 1e-12);
    CHECK(fabs(number_after(text, "\"figures\"", "\"mean\": ") - 77.5) < 1e-9);            /* wave 1 raw */
    CHECK(fabs(number_after(text, "\"adjusted\"", "\"mean\": ") - 67.5) < 1e-9);           /* wave 1 adjusted */
    CHECK(fabs(number_after(text, "\"changes\"", "\"difference\": ") + 20) < 1e-9);        /* raw change */
    {
        const char *changes = strstr(text, "\"changes\"");
        CHECK(changes && fabs(number_after(changes, "\"adjusted\"", "\"difference\": ")) < 1e-9);
    }
    csikit_free(text);
    text = NULL;

    o.reference = "given";
    o.shares = "a,0.5\nb,0.5\n";
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_OK);
    CHECK(fabs(number_after(text, "\"adjusted\"", "\"mean\": ") - 62.5) < 1e-9);
    csikit_free(text);
    text = NULL;

    o.shares = "{\"a\": 0.5}"; /* a stratum missing from the reference */
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "no reference share for \"b\"") != NULL);
    o.shares = "a,0.5\nb,0.6\n";
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "sum to 1.1") != NULL);
    o.shares = NULL;
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "options->shares") != NULL);
    o.reference = "median";
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    o.reference = NULL;
    o.adjust_for = "district";
    CHECK(csikit_standardize_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "unknown column \"district\"") != NULL);
    CHECK(csikit_standardize_json(d, NULL, &text) == CSIKIT_E_ARGUMENT); /* adjust_for is required */
    CHECK(text == NULL);

    csikit_data_free(d);
    csikit_survey_free(s);
    remove(path);
    return check_exit("test_capi_standardize");
}
