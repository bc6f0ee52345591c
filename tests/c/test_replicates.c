/* C ABI of the bootstrap at scale: two halves of ECSI added to two states, merged through their
 * bytes, give the same report as the whole file in one state; corrupt bytes, a merge of states
 * with other seeds and bad handles are refused with the documented status codes.
 * usage: test_replicates SCHEMA.json DATA.csv */
#include <csikit/csikit.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d = NULL;
    csikit_replicates *whole = NULL, *a = NULL, *b = NULL, *back = NULL, *other = NULL;
    char *bytes = NULL, *json_whole = NULL, *json_merged = NULL;
    csikit_replicates_options o, o10, big;
    size_t size = 0;
    if (argc != 3) {
        fprintf(stderr, "usage: test_replicates SCHEMA.json DATA.csv\n");
        return 2;
    }
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, argv[2], &d) == CSIKIT_OK);
    CHECK(csikit_replicates_options_init(&o) == CSIKIT_OK);
    CHECK(o.struct_size == sizeof o && o.replicates == 200 && o.seed == 1 && o.id_column == NULL && o.use_weights == 1);
    o.replicates = 25;
    o.seed = 9;
    o10 = o;
    o10.seed = 10;
    big = o;
    big.replicates = 20000;
    CHECK(csikit_replicates_create(s, &o, &whole) == CSIKIT_OK);
    CHECK(csikit_replicates_add(whole, d, 0) == CSIKIT_OK);
    CHECK(csikit_replicates_bootstrap_json(whole, s, &json_whole) == CSIKIT_OK);
    CHECK(json_whole && strstr(json_whole, "\"bootstrap\"") != NULL);

    /* The state travels as bytes and is merged into an empty state: the report is the same. */
    CHECK(csikit_replicates_create(s, &o, &a) == CSIKIT_OK);
    CHECK(csikit_replicates_create(s, &o, &b) == CSIKIT_OK);
    CHECK(csikit_replicates_add(a, d, 0) == CSIKIT_OK);
    CHECK(csikit_replicates_to_bytes(a, &bytes, &size) == CSIKIT_OK);
    CHECK(size > 16);
    CHECK(csikit_replicates_from_bytes(bytes, size, &back) == CSIKIT_OK);
    CHECK(csikit_replicates_merge(b, back) == CSIKIT_OK);
    CHECK(csikit_replicates_bootstrap_json(b, s, &json_merged) == CSIKIT_OK);
    CHECK(json_whole && json_merged && strcmp(json_whole, json_merged) == 0);

    bytes[size / 2] ^= 0x20;
    csikit_replicates *bad = NULL;
    CHECK(csikit_replicates_from_bytes(bytes, size, &bad) == CSIKIT_E_PARSE && bad == NULL);
    CHECK(strstr(csikit_last_error(), "checksum") != NULL);
    CHECK(csikit_replicates_from_bytes(bytes, 5, &bad) == CSIKIT_E_PARSE);
    CHECK(csikit_replicates_create(s, &o10, &other) == CSIKIT_OK);
    CHECK(csikit_replicates_merge(a, other) == CSIKIT_E_DATA);
    CHECK(strstr(csikit_last_error(), "seed") != NULL);
    CHECK(csikit_replicates_create(s, &big, &bad) == CSIKIT_E_ARGUMENT);
    {
        csikit_replicates *defaults = NULL;
        CHECK(csikit_replicates_create(s, NULL, &defaults) == CSIKIT_OK);
        csikit_replicates_free(defaults);
    }
    CHECK(csikit_replicates_add(NULL, d, 0) == CSIKIT_E_NULL_ARGUMENT);
    CHECK(csikit_replicates_add((csikit_replicates *)d, d, 0) == CSIKIT_E_BAD_HANDLE);

    csikit_free(bytes);
    csikit_free(json_whole);
    csikit_free(json_merged);
    csikit_replicates_free(whole);
    csikit_replicates_free(a);
    csikit_replicates_free(b);
    csikit_replicates_free(back);
    csikit_replicates_free(other);
    csikit_replicates_free(a); /* a second free is ignored */
    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_replicates");
}
