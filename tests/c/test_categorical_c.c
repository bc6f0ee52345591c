/* Issue 15 through the C ABI: csikit_survey_with_model with a categorical moderator over the
   bank example's segment column "channel", estimated by csikit_estimate; the slopes per channel
   in csikit_fit_extension_json; a categorical dependent construct is CSIKIT_E_SCHEMA. */
#include <csikit/csikit.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    char *out;
    long n;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    out = malloc((size_t)n + 1);
    if (out && fread(out, 1, (size_t)n, f) != (size_t)n) n = 0;
    if (out) out[n] = 0;
    fclose(f);
    return out;
}

int main(int argc, char **argv) {
    csikit_survey *s = NULL, *m = NULL, *bad = NULL;
    csikit_data *d = NULL;
    csikit_fit *fit = NULL;
    char *ext = NULL, *text;
    if (argc != 4) {
        fprintf(stderr, "usage: test_categorical_c SCHEMA.json RESPONSES.csv MODEL\n");
        return 2;
    }
    text = read_text(argv[3]);
    CHECK(text != NULL);
    CHECK(csikit_survey_load(argv[1], &s) == CSIKIT_OK);
    CHECK(csikit_survey_with_model(s, text, &m) == CSIKIT_OK);
    CHECK(csikit_data_read_csv(m, argv[2], &d) == CSIKIT_OK);
    CHECK(csikit_estimate(d, NULL, &fit) == CSIKIT_OK);
    CHECK(csikit_fit_extension_json(fit, 2, &ext) == CSIKIT_OK);
    CHECK(ext != NULL);
    if (ext) {
        CHECK(strstr(ext, "\"categorical_slopes\"") != NULL);
        CHECK(strstr(ext, "\"term\": \"SAT*CH[mobile]\"") != NULL);
        CHECK(strstr(ext, "\"reference\": \"counter\"") != NULL);
    }
    CHECK(csikit_survey_with_model(s, "SAT =~ SAT1\nCH =~ channel\nCH ~ SAT\n", &bad) == CSIKIT_E_SCHEMA);
    CHECK(bad == NULL);
    CHECK(strstr(csikit_last_error(), "cannot be a dependent construct") != NULL);
    csikit_free(ext);
    csikit_fit_free(fit);
    csikit_data_free(d);
    csikit_survey_free(m);
    csikit_survey_free(s);
    free(text);
    return check_exit("test_categorical_c");
}
