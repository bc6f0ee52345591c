/* csikit_score_file_json: the bank example streamed gives the report csikit_score_json gives
   on the data read whole (same counts, the same figures to the printed digits checked here);
   mean-first aggregation is CSIKIT_E_ARGUMENT, a NULL path CSIKIT_E_NULL_ARGUMENT. */
#include <csikit/csikit.h>

#include "check.h"

#include <stdlib.h>
#include <string.h>

/* The number after the first occurrence of `key` in `text` at or after `from` (NaN if none). */
static double number_after(const char *text, const char *key) {
    const char *p = text ? strstr(text, key) : NULL;
    return p ? strtod(p + strlen(key), NULL) : NAN;
}

int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    char *whole = NULL, *streamed = NULL, *bad = NULL;
    csikit_score_options o;
    if (argc != 3) {
        fprintf(stderr, "usage: test_score_file SCHEMA.json RESPONSES.csv\n");
        return 2;
    }
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, argv[2], &d) == CSIKIT_OK);
    CHECK(csikit_score_options_init(&o) == CSIKIT_OK);
    o.by = "channel";
    CHECK(csikit_score_json(d, &o, &whole) == CSIKIT_OK);
    CHECK(csikit_score_file_json(s, argv[2], &o, NULL, &streamed) == CSIKIT_OK);
    CHECK(whole && streamed);
    if (whole && streamed) {
        CHECK(number_after(whole, "\"respondents\": ") == number_after(streamed, "\"respondents\": "));
        CHECK(number_after(whole, "\"respondents\": ") > 100);
        CHECK_NEAR(number_after(whole, "\"mean\": "), number_after(streamed, "\"mean\": "), 1e-12);
        CHECK_NEAR(number_after(whole, "\"nps\": "), number_after(streamed, "\"nps\": "), 1e-10);
        CHECK(strstr(streamed, "\"value\": \"branch\"") != NULL || strstr(streamed, "\"column\": \"channel\"") != NULL);
    }
    o.aggregate = CSIKIT_AGGREGATE_MEAN_FIRST;
    CHECK(csikit_score_file_json(s, argv[2], &o, NULL, &bad) == CSIKIT_E_ARGUMENT);
    CHECK(bad == NULL);
    CHECK(strstr(csikit_last_error(), "aggregate") != NULL);
    CHECK(csikit_score_file_json(s, NULL, NULL, NULL, &bad) == CSIKIT_E_NULL_ARGUMENT);
    CHECK(csikit_score_file_json(s, "no/such/file.csv", NULL, NULL, &bad) != CSIKIT_OK);
    csikit_free(whole);
    csikit_free(streamed);
    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_score_file");
}
