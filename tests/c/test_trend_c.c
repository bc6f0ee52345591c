/* C ABI of issue 14 item 4: csikit_trend_json on the monthly example (docs/trend.md). The JSON
 * is the core's one serializer (the CLI test recomputes its figures); here: NULL options equal
 * the init defaults, a narrower control chart flags more waves, an ABI caller built with a
 * smaller struct still works, and bad input (sigma 0, an unknown wave column, two waves) fails
 * with a status and a message naming where and what.
 * Usage: test_trend_c SCHEMA.json RESPONSES.csv SCRATCH.csv (written: the header and the first
 * two months, 180 rows each) */
#include <csikit/csikit.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* How often `needle` occurs in `text`. */
static int count(const char *text, const char *needle) {
    int n = 0;
    const char *p = text;
    while (p && (p = strstr(p, needle)) != NULL) {
        ++n;
        p += strlen(needle);
    }
    return n;
}

int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d = NULL, *two = NULL;
    char *a = NULL, *b = NULL, *c = NULL;
    csikit_trend_options o;
    if (argc != 4) {
        fprintf(stderr, "usage: test_trend_c SCHEMA.json RESPONSES.csv SCRATCH.csv\n");
        return 2;
    }
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, argv[2], &d) == CSIKIT_OK);

    CHECK(csikit_trend_options_init(&o) == CSIKIT_OK);
    CHECK(o.control_sigma == 3 && o.level == 0.95 && o.threshold == 70 && o.wave == NULL);
    CHECK(csikit_trend_json(d, &o, &a) == CSIKIT_OK);
    CHECK(csikit_trend_json(d, NULL, &b) == CSIKIT_OK);
    CHECK(a && b && strcmp(a, b) == 0);
    CHECK(a && strstr(a, "\"analysis\": \"trend\"") && strstr(a, "\"wave_column\": \"month\""));
    CHECK(count(a, "\"figure\": ") == 20); /* 3 nodes, rate, NPS, 5 items x 3 */
    /* sigma 1: at least as many points out of control as at 3. */
    o.control_sigma = 1;
    CHECK(csikit_trend_json(d, &o, &c) == CSIKIT_OK);
    CHECK(count(c, "\"out_of_control\": true") > count(a, "\"out_of_control\": true"));
    csikit_free(c);
    c = NULL;
    /* A caller built against the first fields only (struct_size up to level) gets the defaults. */
    o.control_sigma = 3;
    o.struct_size = (uint32_t)offsetof(csikit_trend_options, interval);
    CHECK(csikit_trend_json(d, &o, &c) == CSIKIT_OK);
    CHECK(c && strcmp(a, c) == 0);
    csikit_free(c);
    c = NULL;
    CHECK(csikit_trend_options_init(&o) == CSIKIT_OK);

    /* Bad input. */
    o.control_sigma = 0;
    CHECK(csikit_trend_json(d, &o, &c) != CSIKIT_OK && strstr(csikit_last_error(), "control_sigma"));
    o.control_sigma = 3;
    o.wave = "nosuch";
    CHECK(csikit_trend_json(d, &o, &c) != CSIKIT_OK && strstr(csikit_last_error(), "unknown wave column \"nosuch\""));
    o.wave = NULL;
    CHECK(copy_rows(argv[2], argv[3], 0, 2 * 180) == 0); /* the header and the first two months */
    CHECK(csikit_data_read_csv(s, argv[3], &two) == CSIKIT_OK);
    CHECK(csikit_trend_json(two, &o, &c) == CSIKIT_E_DATA &&
          strstr(csikit_last_error(), "wave column \"month\" has 2 waves (expected at least 3 for a trend)"));

    csikit_free(a);
    csikit_free(b);
    csikit_data_free(two);
    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_trend_c");
}
