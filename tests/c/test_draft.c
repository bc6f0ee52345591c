/* readers: csikit_draft_schema_json drafts a schema from an SPSS file; the JSON loads back
 * as a survey through csikit_survey_from_json; bad arguments give a status, not a crash.
 * csikit_read_options.sheet picks the sheet of the .xlsx beside it (shop_wjx.xlsx).
 * usage: test_draft SHOP.sav */
#include <csikit/csikit.h>

#include "check.h"

#include <stdio.h>
#include <string.h>


int main(int argc, char **argv) {
    char *json = NULL;
    csikit_survey *s = NULL;
    const char *start, *end;
    if (argc != 2) {
        fprintf(stderr, "usage: test_draft SHOP.sav\n");
        return 2;
    }
    CHECK(csikit_draft_schema_json(argv[1], "zh", NULL, &json) == CSIKIT_OK);
    if (json) {
        CHECK(strstr(json, "\"format\": \"SPSS .sav\"") != NULL);
        CHECK(strstr(json, "\"weight_column\": \"wt\"") != NULL);
        CHECK(strstr(json, "\"kind\": \"dont_know\"") != NULL);
        CHECK(strstr(json, "\"kind\": \"refused\"") != NULL);
        CHECK(strstr(json, "\"kind\": \"not_applicable\"") != NULL);
        /* The "schema" member is a survey's JSON: cut it out and load it. */
        start = strstr(json, "\"schema\": ");
        end = strstr(json, ",\n  \"metadata_columns\"");
        CHECK(start != NULL && end != NULL);
        if (start && end) {
            char buf[65536];
            size_t n = (size_t)(end - (start + 10));
            CHECK(n < sizeof buf);
            if (n < sizeof buf) {
                memcpy(buf, start + 10, n);
                buf[n] = '\0';
                CHECK(csikit_survey_from_json(buf, &s) == CSIKIT_OK);
                csikit_survey_free(s);
            }
        }
        csikit_free(json);
    }
    json = NULL;
    CHECK(csikit_draft_schema_json(NULL, NULL, NULL, &json) == CSIKIT_E_NULL_ARGUMENT);
    CHECK(csikit_draft_schema_json(argv[1], NULL, NULL, NULL) == CSIKIT_E_NULL_ARGUMENT);
    CHECK(csikit_draft_schema_json(argv[1], "fr", NULL, &json) == CSIKIT_E_ARGUMENT);
    CHECK(csikit_draft_schema_json("/nonexistent/file.sav", NULL, NULL, &json) == CSIKIT_E_IO);
    CHECK(json == NULL);
    {
        /* The fixtures beside SHOP.sav: shop.json and shop_wjx.xlsx (sheets "Sheet1", "说明"). */
        char dir[4096], path[4200];
        const char *slash = strrchr(argv[1], '/');
        size_t n = slash ? (size_t)(slash - argv[1] + 1) : 0;
        csikit_survey *shop = NULL;
        csikit_data *d = NULL;
        csikit_read_options ro;
        CHECK(n < sizeof dir);
        if (n < sizeof dir) {
            memcpy(dir, argv[1], n);
            dir[n] = '\0';
            snprintf(path, sizeof path, "%sshop.json", dir);
            CHECK(csikit_survey_load(path, &shop) == CSIKIT_OK);
            snprintf(path, sizeof path, "%sshop_wjx.xlsx", dir);
            CHECK(csikit_read_options_init(&ro) == CSIKIT_OK);
            ro.sheet = "Sheet1";
            CHECK(csikit_data_read_csv_with(shop, path, &ro, &d) == CSIKIT_OK);
            csikit_data_free(d);
            d = NULL;
            ro.sheet = "nope";
            CHECK(csikit_data_read_csv_with(shop, path, &ro, &d) == CSIKIT_E_ARGUMENT);
            CHECK(strstr(csikit_last_error(), "no sheet \"nope\"") != NULL);
            CHECK(d == NULL);
            csikit_survey_free(shop);
        }
    }
    return check_exit("test_draft");
}
