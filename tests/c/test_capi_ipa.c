/* C ABI of issue 14: the survey IPA (csikit_survey_ipa_json) and the AHP / "satisfied" parts of
 * csikit_score_json, on a small survey built in memory. Expected values are computed here. */
#include <csikit/csikit.h>

#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const char *schema =
    "{\"name\": \"t\", \"scales\": [{\"id\": \"five\", \"min\": 1, \"max\": 5, \"satisfied\": {\"top_box\": true}}],"
    " \"items\": [{\"id\": \"A\", \"scale\": \"five\", \"importance_item\": \"AI\"},"
    "            {\"id\": \"B\", \"scale\": \"five\", \"importance_item\": \"BI\"},"
    "            {\"id\": \"AI\", \"scale\": \"five\"}, {\"id\": \"BI\", \"scale\": \"five\"}, {\"id\": \"OV\", \"scale\": \"five\"}],"
    " \"hierarchy\": {\"id\": \"R\", \"ahp\": [[1, 3], [\"1/3\", 1]], \"children\": [{\"item\": \"A\"}, {\"item\": \"B\"}]},"
    " \"overall_item\": \"OV\"}";

/* The first two numbers after "key": [ in indented JSON. */
static int first_two(const char *text, const char *key, double *a, double *b) {
    const char *p = text ? strstr(text, key) : NULL;
    char *end = NULL;
    if (!p || !(p = strchr(p, '['))) return 0;
    *a = strtod(p + 1, &end);
    if (!end || !(p = strchr(end, ','))) return 0;
    *b = strtod(p + 1, &end);
    return 1;
}

int main(void) {
    double w1 = 0, w2 = 0;
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    char *text = NULL;
    /* rows: A, B, AI, BI, OV */
    const double values[] = {5, 1, 5, 2, 4, 4, 2, 4, 3, 3, 3, 5, 5, 2, 5, 2, 4, 4, 4, 2};
    const char *columns[] = {"A", "B", "AI", "BI", "OV"};
    csikit_survey_ipa_options o;
    csikit_score_options so;

    CHECK(csikit_survey_from_json(schema, &s) == CSIKIT_OK);
    CHECK(csikit_data_from_matrix(s, values, 4, 5, columns, CSIKIT_ROW_MAJOR, NULL, &d) == CSIKIT_OK);

    CHECK(csikit_survey_ipa_options_init(&o) == CSIKIT_OK);
    CHECK(csikit_survey_ipa_json(d, &o, &text) == CSIKIT_OK);
    /* A: performance mean(5,4,3,2) -> 25 * 2.5 = 62.5; importance mean(5,4,5,4) -> 87.5. */
    CHECK(text && strstr(text, "\"importance\": \"stated\""));
    CHECK(text && strstr(text, "\"performance\": 62.5"));
    CHECK(text && strstr(text, "\"importance\": 87.5"));
    csikit_free(text);
    text = NULL;

    o.importance = "correlation";
    CHECK(csikit_survey_ipa_json(d, &o, &text) == CSIKIT_OK);
    CHECK(text && strstr(text, "\"outcome\": \"OV\""));
    csikit_free(text);
    text = NULL;
    o.importance = "cheese";
    CHECK(csikit_survey_ipa_json(d, &o, &text) == CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "expected stated") != NULL);
    CHECK(csikit_survey_ipa_json(d, NULL, &text) == CSIKIT_OK);
    csikit_free(text);
    text = NULL;

    /* AHP [[1, 3], [1/3, 1]] -> weights 0.75, 0.25; "satisfied" = top box on the scale. */
    CHECK(csikit_score_options_init(&so) == CSIKIT_OK);
    CHECK(so.ahp_method == 0 && so.ahp_allow_inconsistent == 0);
    CHECK(csikit_score_json(d, &so, &text) == CSIKIT_OK);
    CHECK(first_two(text, "\"weights\"", &w1, &w2));
    CHECK(fabs(w1 - 0.75) < 1e-12 && fabs(w2 - 0.25) < 1e-12);
    CHECK(text && strstr(text, "\"satisfied_rule\": \"top box (4,5)\""));
    csikit_free(text);
    text = NULL;
    so.ahp_method = 7;
    CHECK(csikit_score_json(d, &so, &text) == CSIKIT_E_ARGUMENT);

    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_capi_ipa");
}
