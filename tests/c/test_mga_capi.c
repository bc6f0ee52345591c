/* C ABI of the multi-group analysis: options init with struct_size, the JSON getter (per-group
 * paths as cSEM's), the same JSON for any thread count, and statuses for bad input.
 * usage: test_mga_capi SCHEMA DATA */
#include <csikit/csikit.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    csikit_mga_options o;
    char *a = NULL, *b = NULL, *bad = NULL;
    const char *threads_a, *threads_b;
    if (argc != 3) return 2;
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, argv[2], &d) == CSIKIT_OK);
    CHECK(csikit_mga_options_init(&o) == CSIKIT_OK);
    CHECK(o.struct_size == sizeof o);
    CHECK(o.permutations == 1000 && o.adjust == CSIKIT_ADJUST_HOLM && o.micom == 1);
    o.permutations = 40;
    o.bootstrap = 20;
    o.seed = 4;
    o.threads = 1;
    CHECK(csikit_mga_json(d, "gender", &o, -1, &a) == CSIKIT_OK);
    o.threads = 2;
    CHECK(csikit_mga_json(d, "gender", &o, -1, &b) == CSIKIT_OK);
    if (a && b) {
        /* cSEM's IMAG -> EXPE of the female group, to the printed digits */
        CHECK(strstr(a, "\"label\":\"IMAG -> EXPE\",\"estimate\":[0.6189070") != NULL);
        CHECK(strstr(a, "\"micom\":{\"configural\"") != NULL);
        threads_a = strstr(a, "\"threads\":1");
        threads_b = strstr(b, "\"threads\":2");
        CHECK(threads_a && threads_b && strlen(a) == strlen(b));
        if (threads_a && threads_b) CHECK(strcmp(threads_a + 11, threads_b + 11) == 0);
    }
    CHECK(csikit_mga_json(d, "region", &o, -1, &bad) == CSIKIT_E_ARGUMENT);
    CHECK(bad == NULL);
    CHECK(strstr(csikit_last_error(), "region") != NULL);
    o.adjust = 7;
    CHECK(csikit_mga_json(d, "gender", &o, -1, &bad) == CSIKIT_E_ARGUMENT);
    CHECK(csikit_mga_json(d, NULL, NULL, -1, &bad) == CSIKIT_E_NULL_ARGUMENT);
    csikit_free(a);
    csikit_free(b);
    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_mga_capi");
}
