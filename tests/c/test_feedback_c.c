/* C ABI of issue 14 item 7: csikit_feedback_json on the feedback example (docs/feedback.md).
 * The JSON is the core's one serializer (the doctest and the CLI test check its figures); here:
 * NULL options equal the init defaults, verbatims = 0 leaves them out, a caller built with a
 * smaller struct gets the defaults of the rest, and bad input (max_verbatims 0, an unknown
 * segment column) fails with a status and a message naming where and what.
 * Usage: test_feedback_c SCHEMA.json RESPONSES.csv */
#include <csikit/csikit.h>

#include "check.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>


int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    char *a = NULL, *b = NULL, *c = NULL;
    csikit_feedback_options o;
    if (argc != 3) {
        fprintf(stderr, "usage: test_feedback_c SCHEMA.json RESPONSES.csv\n");
        return 2;
    }
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, argv[2], &d) == CSIKIT_OK);

    CHECK(csikit_feedback_options_init(&o) == CSIKIT_OK);
    CHECK(o.top == 5 && o.max_verbatims == 10 && o.verbatims == 1 && o.threshold == 70 && o.by == NULL);
    CHECK(csikit_feedback_json(d, &o, &a) == CSIKIT_OK);
    CHECK(csikit_feedback_json(d, NULL, &b) == CSIKIT_OK);
    CHECK(a && b && strcmp(a, b) == 0);
    CHECK(a && strstr(a, "\"analysis\": \"feedback\"") && strstr(a, "\"id\": \"complaint\""));
    CHECK(a && strstr(a, "\"share_of_mentions\"") && strstr(a, "\"on\": \"CSI\""));
    CHECK(a && !strstr(a, "\"verbatims\": []"));
    /* A caller built against the fields up to `on` gets the defaults of the rest. */
    o.struct_size = (uint32_t)offsetof(csikit_feedback_options, top);
    CHECK(csikit_feedback_json(d, &o, &c) == CSIKIT_OK);
    CHECK(c && strcmp(a, c) == 0);
    csikit_free(c);
    c = NULL;
    CHECK(csikit_feedback_options_init(&o) == CSIKIT_OK);
    o.verbatims = 0;
    o.by = "channel";
    CHECK(csikit_feedback_json(d, &o, &c) == CSIKIT_OK);
    CHECK(c && strstr(c, "\"verbatims\": []") && strstr(c, "\"group\": \"app\""));
    csikit_free(c);
    c = NULL;

    /* Bad input. */
    CHECK(csikit_feedback_options_init(&o) == CSIKIT_OK);
    o.max_verbatims = 0;
    CHECK(csikit_feedback_json(d, &o, &c) == CSIKIT_E_ARGUMENT && strstr(csikit_last_error(), "max_verbatims"));
    o.max_verbatims = 10;
    o.by = "nosuch";
    CHECK(csikit_feedback_json(d, &o, &c) == CSIKIT_E_ARGUMENT && strstr(csikit_last_error(), "\"nosuch\""));

    csikit_free(a);
    csikit_free(b);
    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_feedback_c");
}
