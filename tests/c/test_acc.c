/* C ABI of incremental tracking: two halves of ECSI added to two moment states, merged through
 * their bytes (the second streamed from its file), give the state and the report of the whole
 * file in one state; corrupt bytes, a
 * merge with an unweighted state and bad handles are refused with the documented status codes.
 * usage: test_acc SCHEMA.json DATA.csv (writes the halves to c_acc_a.csv, c_acc_b.csv here) */
#include <csikit/csikit.h>

#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d = NULL, *h1 = NULL, *h2 = NULL;
    csikit_acc *whole = NULL, *a = NULL, *b = NULL, *back = NULL, *bad = NULL, *unweighted = NULL;
    char *bytes = NULL, *bytes_whole = NULL, *json_whole = NULL, *json_merged = NULL, *summary = NULL;
    size_t size = 0, size_whole = 0;
    uint64_t n = 0;
    csikit_acc_options o;
    if (argc != 3) {
        fprintf(stderr, "usage: test_acc SCHEMA.json DATA.csv\n");
        return 2;
    }
    CHECK(copy_rows(argv[2], "c_acc_a.csv", 0, 100) == 0);
    CHECK(copy_rows(argv[2], "c_acc_b.csv", 100, 1L << 30) == 0);
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, argv[2], &d) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, "c_acc_a.csv", &h1) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(s, "c_acc_b.csv", &h2) == CSIKIT_OK);
    CHECK(csikit_acc_options_init(&o) == CSIKIT_OK);
    CHECK(o.struct_size == sizeof o && o.use_weights == 1);

    CHECK(csikit_acc_create(s, NULL, &whole) == CSIKIT_OK);
    CHECK(csikit_acc_add(whole, d) == CSIKIT_OK);
    CHECK(csikit_acc_respondents(whole, &n) == CSIKIT_OK && n == 250);
    CHECK(csikit_acc_analyze_json(whole, s, NULL, &json_whole) == CSIKIT_OK);
    CHECK(json_whole && strstr(json_whole, "\"paths\"") && strstr(json_whole, "moment state of 250"));
    CHECK(csikit_acc_summary_json(whole, &summary) == CSIKIT_OK);
    CHECK(summary && strstr(summary, "\"mode\": \"exact\"") && strstr(summary, "\"respondents\": 250"));
    CHECK(csikit_acc_to_bytes(whole, &bytes_whole, &size_whole) == CSIKIT_OK && size_whole > 16);

    /* Halves in two states; b travels as bytes and is merged into a: the same bytes and report. */
    CHECK(csikit_acc_create(s, &o, &a) == CSIKIT_OK);
    CHECK(csikit_acc_create(s, &o, &b) == CSIKIT_OK);
    CHECK(csikit_acc_add(a, h1) == CSIKIT_OK);
    CHECK(csikit_acc_add_file(b, s, "c_acc_b.csv", NULL) == CSIKIT_OK); /* streamed */
    CHECK(csikit_acc_add_file(b, s, NULL, NULL) == CSIKIT_E_NULL_ARGUMENT);
    CHECK(csikit_acc_to_bytes(b, &bytes, &size) == CSIKIT_OK);
    CHECK(csikit_acc_from_bytes(bytes, size, &back) == CSIKIT_OK);
    CHECK(csikit_acc_merge(a, back) == CSIKIT_OK);
    csikit_free(bytes);
    bytes = NULL;
    CHECK(csikit_acc_to_bytes(a, &bytes, &size) == CSIKIT_OK);
    CHECK(size == size_whole && bytes && bytes_whole && memcmp(bytes, bytes_whole, size) == 0);
    CHECK(csikit_acc_analyze_json(a, s, NULL, &json_merged) == CSIKIT_OK);
    CHECK(json_whole && json_merged && strcmp(json_whole, json_merged) == 0);

    /* Corrupt bytes, a state without weights, bad handles. */
    bytes[size / 2] ^= 0x20;
    CHECK(csikit_acc_from_bytes(bytes, size, &bad) == CSIKIT_E_PARSE && bad == NULL);
    o.use_weights = 0;
    CHECK(csikit_acc_create(s, &o, &unweighted) == CSIKIT_OK);
    CHECK(csikit_acc_merge(a, unweighted) == CSIKIT_E_DATA && strstr(csikit_last_error(), "use_weights"));
    CHECK(csikit_acc_add(NULL, d) == CSIKIT_E_NULL_ARGUMENT);
    CHECK(csikit_acc_merge(a, (const csikit_acc *)s) == CSIKIT_E_BAD_HANDLE);
    CHECK(csikit_acc_respondents(a, NULL) == CSIKIT_E_NULL_ARGUMENT);

    csikit_free(bytes);
    csikit_free(bytes_whole);
    csikit_free(json_whole);
    csikit_free(json_merged);
    csikit_free(summary);
    csikit_acc_free(unweighted);
    csikit_acc_free(back);
    csikit_acc_free(b);
    csikit_acc_free(a);
    csikit_acc_free(whole);
    csikit_acc_free(whole); /* a second free is ignored */
    csikit_data_free(h2);
    csikit_data_free(h1);
    csikit_data_free(d);
    csikit_survey_free(s);
    return check_exit("test_acc");
}
