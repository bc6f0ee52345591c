/* Tests of the C ABI (include/csikit/csikit.h): every entry point, its error paths (bad JSON,
 * bad handles, NULL pointers, short buffers) and the ECSI results against cSEM's reference.
 * usage: test_capi SCHEMA.json DATA.csv   (the ECSI mobi data in ../shared/data/ecsi) */
#include <csikit/csikit.h>

#include "check.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* cSEM 0.6.1 on mobi, path scheme, tolerance 1e-10 (shared/data/ecsi/reference). */
#define REF_IMAG_CUEX 0.504913933624729
#define REF_R2_CUEX 0.254938080368397
#define REF_W_IMAG1 0.301312155046311
#define REF_L_IMAG1 0.74520807292341

static const char *schema_path;
static const char *data_path;

static size_t index_of(const csikit_fit *fit, int list, const char *id) {
    size_t n = 0, i;
    const char *s = NULL;
    csikit_fit_count(fit, list, &n);
    for (i = 0; i < n; ++i) {
        csikit_fit_id(fit, list, i, &s);
        if (strcmp(s, id) == 0) return i;
    }
    return (size_t)-1;
}

static void test_versions_and_status(void) {
    CHECK(csikit_version() != NULL && strlen(csikit_version()) >= 5);
    CHECK(csikit_abi_version() == CSIKIT_ABI_VERSION);
    CHECK(strcmp(csikit_status_string(CSIKIT_OK), "ok") == 0);
    CHECK(strcmp(csikit_status_string(CSIKIT_E_SCHEMA), "schema") == 0);
    CHECK(strcmp(csikit_status_string(CSIKIT_E_BUFFER_TOO_SMALL), "buffer too small") == 0);
    CHECK(strcmp(csikit_status_string(12345), "unknown status") == 0);
    csikit_free(NULL);
    csikit_survey_free(NULL);
    csikit_data_free(NULL);
    csikit_fit_free(NULL);
    csikit_boot_free(NULL);
}

static void test_survey_errors(void) {
    csikit_survey *s = NULL;
    CHECK_STATUS(csikit_survey_from_json("{ not json", &s), CSIKIT_E_PARSE);
    CHECK(s == NULL);
    CHECK(strlen(csikit_last_error()) > 0);
    CHECK_STATUS(csikit_survey_from_json("{\"scales\":[{\"id\":\"five\",\"min\":1,\"max\":5}],"
                                         "\"items\":[{\"id\":\"Q1\",\"scale\":\"nine\"}]}", &s),
                 CSIKIT_E_SCHEMA);
    CHECK(strstr(csikit_last_error(), "nine") != NULL); /* names the unknown scale */
    CHECK_STATUS(csikit_survey_from_json(NULL, &s), CSIKIT_E_NULL_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "json_text") != NULL);
    CHECK_STATUS(csikit_survey_from_json("{}", NULL), CSIKIT_E_NULL_ARGUMENT);
    CHECK_STATUS(csikit_survey_load("/nonexistent/schema.json", &s), CSIKIT_E_IO);
    CHECK_STATUS(csikit_survey_load(NULL, &s), CSIKIT_E_NULL_ARGUMENT);
    CHECK(s == NULL);
}

static void test_survey(csikit_survey *s) {
    size_t n = 0;
    const char *id = NULL, *name = NULL;
    char *text = NULL;
    csikit_survey *again = NULL;
    CHECK_STATUS(csikit_survey_count(s, CSIKIT_SURVEY_ITEMS, &n), CSIKIT_OK);
    CHECK(n == 24);
    CHECK(strcmp(csikit_last_error(), "") == 0); /* a success clears the message */
    CHECK_STATUS(csikit_survey_count(s, CSIKIT_SURVEY_CONSTRUCTS, &n), CSIKIT_OK);
    CHECK(n == 7);
    CHECK_STATUS(csikit_survey_count(s, CSIKIT_SURVEY_SCALES, &n), CSIKIT_OK);
    CHECK(n == 1);
    CHECK_STATUS(csikit_survey_count(s, 42, &n), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_survey_count(s, CSIKIT_SURVEY_ITEMS, NULL), CSIKIT_E_NULL_ARGUMENT);
    CHECK_STATUS(csikit_survey_id(s, CSIKIT_SURVEY_CONSTRUCTS, 0, &id), CSIKIT_OK);
    CHECK(strcmp(id, "IMAG") == 0);
    CHECK_STATUS(csikit_survey_id(s, CSIKIT_SURVEY_CONSTRUCTS, 7, &id), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "out of range") != NULL);
    CHECK_STATUS(csikit_survey_name(s, &name), CSIKIT_OK);
    CHECK(strstr(name, "ECSI") != NULL);
    CHECK_STATUS(csikit_survey_to_json(s, &text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "CUSA") != NULL);
    CHECK_STATUS(csikit_survey_from_json(text, &again), CSIKIT_OK); /* round trip */
    CHECK_STATUS(csikit_survey_count(again, CSIKIT_SURVEY_ITEMS, &n), CSIKIT_OK);
    CHECK(n == 24);
    csikit_free(text);
    csikit_survey_free(again);
    CHECK_STATUS(csikit_survey_to_json(s, NULL), CSIKIT_E_NULL_ARGUMENT);
}

static void test_bad_handles(csikit_survey *s) {
    /* A handle of the wrong type, and a block of zeros that never was a handle. */
    size_t n = 0;
    unsigned char fake[64];
    memset(fake, 0, sizeof fake);
    CHECK_STATUS(csikit_fit_count((const csikit_fit *)(const void *)s, CSIKIT_FIT_CONSTRUCTS, &n),
                 CSIKIT_E_BAD_HANDLE);
    CHECK(strstr(csikit_last_error(), "fit") != NULL);
    CHECK_STATUS(csikit_data_shape((const csikit_data *)(const void *)fake, &n, &n), CSIKIT_E_BAD_HANDLE);
    CHECK_STATUS(csikit_survey_count((const csikit_survey *)(const void *)fake, 0, &n), CSIKIT_E_BAD_HANDLE);
    CHECK_STATUS(csikit_data_shape(NULL, &n, &n), CSIKIT_E_NULL_ARGUMENT);
    /* free ignores foreign pointers instead of crashing */
    csikit_fit_free((csikit_fit *)(void *)fake);
}

static csikit_data *test_data(csikit_survey *s) {
    csikit_data *d = NULL, *rm = NULL, *cm = NULL, *bad = NULL;
    size_t rows = 0, cols = 0, size = 0, i, r, c;
    double *values, *colmajor, *back, small[4];
    const char *names[24];
    const char *wrong[24];
    CHECK_STATUS(csikit_data_read_csv(s, "/nonexistent/answers.csv", &d), CSIKIT_E_IO);
    CHECK_STATUS(csikit_data_read_csv(s, NULL, &d), CSIKIT_E_NULL_ARGUMENT);
    CHECK_STATUS(csikit_data_read_csv(s, data_path, &d), CSIKIT_OK);
    CHECK_STATUS(csikit_data_shape(d, &rows, &cols), CSIKIT_OK);
    CHECK(rows == 250 && cols == 24);
    CHECK_STATUS(csikit_data_values(d, NULL, 0, &size), CSIKIT_OK); /* size query */
    CHECK(size == 250 * 24);
    CHECK_STATUS(csikit_data_values(d, small, 4, &size), CSIKIT_E_BUFFER_TOO_SMALL);
    CHECK(size == 250 * 24);
    CHECK(strstr(csikit_last_error(), "6000") != NULL);
    values = malloc(size * sizeof(double));
    colmajor = malloc(size * sizeof(double));
    back = malloc(size * sizeof(double));
    CHECK_STATUS(csikit_data_values(d, values, size, &size), CSIKIT_OK);
    for (i = 0; i < 24; ++i) csikit_survey_id(s, CSIKIT_SURVEY_ITEMS, i, &names[i]);
    for (r = 0; r < rows; ++r)
        for (c = 0; c < cols; ++c) colmajor[c * rows + r] = values[r * cols + c];

    CHECK_STATUS(csikit_data_from_matrix(s, values, rows, cols, names, CSIKIT_ROW_MAJOR, NULL, &rm), CSIKIT_OK);
    CHECK_STATUS(csikit_data_from_matrix(s, colmajor, rows, cols, names, CSIKIT_COL_MAJOR, NULL, &cm), CSIKIT_OK);
    CHECK_STATUS(csikit_data_values(cm, back, size, &size), CSIKIT_OK);
    CHECK(memcmp(back, values, size * sizeof(double)) == 0); /* both layouts give the same data */
    CHECK_STATUS(csikit_data_values(rm, back, size, &size), CSIKIT_OK);
    CHECK(memcmp(back, values, size * sizeof(double)) == 0);

    /* a missing item column, a NULL name, a bad layout, a value off the 1-10 scale */
    memcpy(wrong, names, sizeof names);
    wrong[3] = "NOT_AN_ITEM";
    CHECK_STATUS(csikit_data_from_matrix(s, values, rows, cols, wrong, CSIKIT_ROW_MAJOR, NULL, &bad), CSIKIT_E_DATA);
    wrong[3] = NULL;
    CHECK_STATUS(csikit_data_from_matrix(s, values, rows, cols, wrong, CSIKIT_ROW_MAJOR, NULL, &bad),
                 CSIKIT_E_NULL_ARGUMENT);
    CHECK_STATUS(csikit_data_from_matrix(s, values, rows, cols, names, 7, NULL, &bad), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_data_from_matrix(s, values, rows, 0, names, CSIKIT_ROW_MAJOR, NULL, &bad), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_data_from_matrix(s, NULL, rows, cols, names, CSIKIT_ROW_MAJOR, NULL, &bad),
                 CSIKIT_E_NULL_ARGUMENT);
    values[5] = 99; /* first respondent, 6th item: outside 1..10 */
    CHECK_STATUS(csikit_data_from_matrix(s, values, rows, cols, names, CSIKIT_ROW_MAJOR, NULL, &bad), CSIKIT_E_DATA);
    CHECK(bad == NULL);

    csikit_data_free(rm);
    csikit_data_free(cm);
    free(values);
    free(colmajor);
    free(back);
    return d;
}

static void test_score(csikit_data *d) {
    char *text = NULL;
    csikit_score_options o;
    CHECK_STATUS(csikit_score_json(d, NULL, &text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "\"overall\"") != NULL && strstr(text, "\"CUSA1\"") != NULL);
    csikit_free(text);
    CHECK_STATUS(csikit_score_options_init(&o), CSIKIT_OK);
    CHECK(o.struct_size == sizeof o && o.level == 0.95 && o.threshold == 70);
    o.rescale = 17;
    CHECK_STATUS(csikit_score_json(d, &o, &text), CSIKIT_E_ARGUMENT);
    csikit_score_options_init(&o);
    o.by = "no_such_column";
    CHECK_STATUS(csikit_score_json(d, &o, &text), CSIKIT_E_ARGUMENT);
    o.struct_size = 0;
    CHECK_STATUS(csikit_score_json(d, &o, &text), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_score_options_init(NULL), CSIKIT_E_NULL_ARGUMENT);
}

static csikit_fit *test_estimate(csikit_data *d) {
    csikit_fit *fit = NULL, *bad = NULL;
    csikit_estimate_options o;
    csikit_fit_info info;
    size_t J = 0, p = 0, size = 0, rows = 0, cols = 0, imag, cuex, imag1;
    double paths[49], small[3], weights[24], loadings[24], r2[7];
    char *report = NULL;

    CHECK_STATUS(csikit_estimate_options_init(&o), CSIKIT_OK);
    CHECK(o.scheme == CSIKIT_SCHEME_PATH && o.max_iterations == 300 && o.tolerance == 1e-7 && o.quality == 1);
    o.scheme = 9;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_E_ARGUMENT);
    csikit_estimate_options_init(&o);
    o.max_iterations = 1;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_E_CONVERGENCE);
    CHECK(strstr(csikit_last_error(), "converge") != NULL);
    CHECK(fit == NULL);
    CHECK_STATUS(csikit_estimate(NULL, NULL, &fit), CSIKIT_E_NULL_ARGUMENT);

    csikit_estimate_options_init(&o);
    o.tolerance = 1e-10;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_OK);
    CHECK_STATUS(csikit_fit_count(fit, CSIKIT_FIT_CONSTRUCTS, &J), CSIKIT_OK);
    CHECK_STATUS(csikit_fit_count(fit, CSIKIT_FIT_INDICATORS, &p), CSIKIT_OK);
    CHECK(J == 7 && p == 24);
    CHECK_STATUS(csikit_fit_count(fit, 5, &J), CSIKIT_E_ARGUMENT);
    imag = index_of(fit, CSIKIT_FIT_CONSTRUCTS, "IMAG");
    cuex = index_of(fit, CSIKIT_FIT_CONSTRUCTS, "CUEX");
    imag1 = index_of(fit, CSIKIT_FIT_INDICATORS, "IMAG1");
    CHECK(imag < 7 && cuex < 7 && imag1 < 24);

    /* size query, short buffer, then the real copy */
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_PATHS, NULL, 0, &size, &rows, &cols), CSIKIT_OK);
    CHECK(size == 49 && rows == 7 && cols == 7);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_PATHS, small, 3, &size, NULL, NULL), CSIKIT_E_BUFFER_TOO_SMALL);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_PATHS, NULL, 49, &size, NULL, NULL), CSIKIT_E_NULL_ARGUMENT);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_PATHS, paths, 49, &size, &rows, &cols), CSIKIT_OK);
    CHECK_NEAR(paths[cuex * 7 + imag], REF_IMAG_CUEX, 1e-8); /* [to, from] */
    CHECK(paths[imag * 7 + cuex] == 0);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_WEIGHTS, weights, 24, &size, &rows, &cols), CSIKIT_OK);
    CHECK(size == 24 && rows == 24 && cols == 1);
    CHECK_NEAR(weights[imag1], REF_W_IMAG1, 1e-8);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_LOADINGS, loadings, 24, &size, NULL, NULL), CSIKIT_OK);
    CHECK_NEAR(loadings[imag1], REF_L_IMAG1, 1e-8);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_R2, r2, 7, &size, NULL, NULL), CSIKIT_OK);
    CHECK_NEAR(r2[cuex], REF_R2_CUEX, 1e-8);
    CHECK(r2[imag] == 0);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_HTMT, NULL, 0, &size, &rows, &cols), CSIKIT_OK);
    CHECK(rows == 7 && cols == 7);
    CHECK_STATUS(csikit_fit_values(fit, 999, NULL, 0, &size, NULL, NULL), CSIKIT_E_ARGUMENT);

    /* info: a caller that knows only the first fields gets only those written */
    memset(&info, 0xff, sizeof info);
    info.struct_size = sizeof info;
    CHECK_STATUS(csikit_fit_get_info(fit, &info), CSIKIT_OK);
    CHECK(info.converged == 1 && info.iterations > 0 && info.respondents == 250 && info.respondents_used == 250);
    CHECK(info.gof > 0 && info.gof < 1);
    memset(&info, 0xff, sizeof info);
    info.struct_size = (uint32_t)(offsetof(csikit_fit_info, iterations) + sizeof info.iterations);
    CHECK_STATUS(csikit_fit_get_info(fit, &info), CSIKIT_OK);
    CHECK(info.iterations > 0 && info.converged == -1); /* untouched beyond struct_size */
    info.struct_size = 0;
    CHECK_STATUS(csikit_fit_get_info(fit, &info), CSIKIT_E_ARGUMENT);

    CHECK_STATUS(csikit_fit_report_json(fit, NULL, -1, &report), CSIKIT_OK);
    CHECK(report != NULL && strstr(report, "\"paths\"") != NULL && strstr(report, "\"csikit_version\"") != NULL);
    CHECK(strstr(report, "\"impacts\"") != NULL); /* the index-model sections, as the CLI writes */
    CHECK(strchr(report, '\n') == NULL); /* indent < 0: one line */
    csikit_free(report);
    CHECK(bad == NULL);
    return fit;
}

typedef struct progress_log {
    int calls;
    size_t last_done, total;
    int cancel_after; /* cancel on this call (0 = never) */
} progress_log;

static int on_progress(size_t done, size_t total, void *user_data) {
    progress_log *log = (progress_log *)user_data;
    log->calls++;
    log->last_done = done;
    log->total = total;
    return log->cancel_after > 0 && log->calls >= log->cancel_after;
}

static void test_bootstrap(csikit_fit *fit, csikit_data *d) {
    csikit_boot *boot = NULL, *again = NULL, *cancelled = NULL, *other_boot = NULL;
    csikit_fit *other = NULL;
    csikit_bootstrap_options o;
    csikit_boot_parameter q, q1, first;
    progress_log log = {0, 0, 0, 0};
    size_t n = 0, resamples = 0, succeeded = 0, failed = 0;
    char *report = NULL;

    CHECK_STATUS(csikit_bootstrap_options_init(&o), CSIKIT_OK);
    CHECK(o.resamples == 5000 && o.seed == 1 && o.bca == 1 && o.progress == NULL && o.indices == 1);
    o.indices = 0;
    o.resamples = 60;
    o.seed = 7;
    o.threads = 2;
    o.bca = 0;
    o.progress = on_progress;
    o.user_data = &log;
    CHECK_STATUS(csikit_bootstrap(fit, &o, &boot), CSIKIT_OK);
    CHECK(log.calls >= 2 && log.last_done == log.total && log.total >= 60);
    CHECK_STATUS(csikit_boot_counts(boot, &n, &resamples, &succeeded, &failed), CSIKIT_OK);
    CHECK(n > 0 && resamples == 60 && succeeded + failed == 60);
    q.struct_size = sizeof q;
    CHECK_STATUS(csikit_boot_find(boot, CSIKIT_PARAM_PATH, "IMAG", "CUEX", &q), CSIKIT_OK);
    CHECK(strcmp(q.label, "IMAG -> CUEX") == 0 && q.kind == CSIKIT_PARAM_PATH);
    CHECK_NEAR(q.estimate, REF_IMAG_CUEX, 1e-8);
    CHECK(q.se > 0.01 && q.se < 0.2 && q.ci_low < q.estimate && q.estimate < q.ci_high);
    CHECK(isnan(q.bca_low)); /* bca off */
    CHECK_STATUS(csikit_boot_find(boot, CSIKIT_PARAM_PATH, "IMAG", NULL, &q), CSIKIT_E_NULL_ARGUMENT);
    CHECK_STATUS(csikit_boot_find(boot, CSIKIT_PARAM_PATH, "IMAG", "NOPE", &q), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_boot_find(boot, 11, "IMAG", "CUEX", &q), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_boot_find(boot, CSIKIT_PARAM_R2, "CUSA", NULL, &q), CSIKIT_OK);
    CHECK(q.kind == CSIKIT_PARAM_R2 && q.estimate > 0.6);
    first.struct_size = sizeof first;
    CHECK_STATUS(csikit_boot_parameter_at(boot, 0, &first), CSIKIT_OK);
    CHECK(first.label != NULL && first.struct_size == sizeof first);
    CHECK_STATUS(csikit_boot_parameter_at(boot, n, &first), CSIKIT_E_ARGUMENT);

    /* the same seed on one thread gives the same numbers */
    o.threads = 1;
    o.progress = NULL;
    CHECK_STATUS(csikit_bootstrap(fit, &o, &again), CSIKIT_OK);
    q1.struct_size = sizeof q1;
    CHECK_STATUS(csikit_boot_find(again, CSIKIT_PARAM_PATH, "IMAG", "CUEX", &q1), CSIKIT_OK);
    CHECK_STATUS(csikit_boot_find(boot, CSIKIT_PARAM_PATH, "IMAG", "CUEX", &q), CSIKIT_OK);
    CHECK(q1.se == q.se && q1.ci_low == q.ci_low && q1.ci_high == q.ci_high);

    /* the 0-100 indices bootstrapped too: kind INDEX, estimate = the fit's index */
    {
        csikit_boot *with_index = NULL;
        csikit_boot_parameter qi;
        double idx[7];
        size_t size = 0, cusa = index_of(fit, CSIKIT_FIT_CONSTRUCTS, "CUSA"), count = 0;
        o.indices = 1;
        o.resamples = 30;
        CHECK_STATUS(csikit_bootstrap(fit, &o, &with_index), CSIKIT_OK);
        CHECK_STATUS(csikit_fit_indices(fit, NULL, idx, 7, &size), CSIKIT_OK);
        qi.struct_size = sizeof qi;
        CHECK_STATUS(csikit_boot_find(with_index, CSIKIT_PARAM_INDEX, "CUSA", NULL, &qi), CSIKIT_OK);
        CHECK(qi.kind == CSIKIT_PARAM_INDEX && cusa < 7);
        CHECK_NEAR(qi.estimate, idx[cusa], 1e-9);
        CHECK(qi.se > 0 && qi.ci_low < qi.estimate && qi.estimate < qi.ci_high);
        CHECK_STATUS(csikit_boot_counts(with_index, &count, NULL, NULL, NULL), CSIKIT_OK);
        CHECK(count == n + 7); /* the indices follow the other parameters */
        CHECK_STATUS(csikit_boot_parameter_at(with_index, n, &qi), CSIKIT_OK);
        CHECK(qi.kind == CSIKIT_PARAM_INDEX);
        CHECK_STATUS(csikit_boot_find(boot, CSIKIT_PARAM_INDEX, "CUSA", NULL, &qi), CSIKIT_E_ARGUMENT);
        csikit_boot_free(with_index);
        o.indices = 0;
        o.resamples = 60;
    }

    /* cancellation through the callback's return value */
    o.resamples = 2000;
    o.progress = on_progress;
    log.calls = 0;
    log.cancel_after = 1;
    CHECK_STATUS(csikit_bootstrap(fit, &o, &cancelled), CSIKIT_E_CANCELLED);
    CHECK(cancelled == NULL);

    /* the report with the bootstrap, and a bootstrap that belongs to another fit */
    CHECK_STATUS(csikit_fit_report_json(fit, boot, 2, &report), CSIKIT_OK);
    CHECK(strstr(report, "\"bootstrap\"") != NULL && strstr(report, "\"ci_low\"") != NULL);
    csikit_free(report);

    /* mediation (issue 15): a requested chain heads report.json's mediation; the criteria by kind */
    {
        csikit_boot *med = NULL;
        csikit_boot_parameter qm;
        o.resamples = 50;
        o.progress = NULL;
        o.mediation = "IMAG, CUSA, CUSL;PERQ,PERV,CUSA";
        CHECK_STATUS(csikit_bootstrap(fit, &o, &med), CSIKIT_OK);
        CHECK_STATUS(csikit_fit_report_json(fit, med, -1, &report), CSIKIT_OK);
        CHECK(strstr(report, "\"mediation\":[{\"chain\":[\"IMAG\",\"CUSA\",\"CUSL\"]") != NULL);
        CHECK(strstr(report, "\"htmt_bootstrap\"") != NULL && strstr(report, "\"upper\"") != NULL);
        csikit_free(report);
        qm.struct_size = sizeof qm;
        CHECK_STATUS(csikit_boot_find(med, CSIKIT_PARAM_INDIRECT_EFFECT, "IMAG -> CUSA -> CUSL", NULL, &qm), CSIKIT_OK);
        CHECK(qm.kind == CSIKIT_PARAM_INDIRECT_EFFECT && qm.estimate > 0.05 && qm.se > 0);
        CHECK_STATUS(csikit_boot_find(med, CSIKIT_PARAM_HTMT, "IMAG", "CUEX", &qm), CSIKIT_OK);
        CHECK(qm.estimate > 0.8 && qm.ci_low < qm.estimate);
        CHECK_STATUS(csikit_boot_find(med, CSIKIT_PARAM_F2, "IMAG", NULL, &qm), CSIKIT_E_NULL_ARGUMENT);
        csikit_boot_free(med);
        med = NULL;
        o.mediation = "IMAG,CUSL,CUSA";
        CHECK_STATUS(csikit_bootstrap(fit, &o, &med), CSIKIT_E_MODEL);
        CHECK(med == NULL && strstr(csikit_last_error(), "no path CUSL -> CUSA") != NULL);
        o.mediation = NULL;
    }
    CHECK_STATUS(csikit_estimate(d, NULL, &other), CSIKIT_OK);
    o.resamples = 10;
    o.progress = NULL;
    CHECK_STATUS(csikit_bootstrap(other, &o, &other_boot), CSIKIT_OK);
    CHECK_STATUS(csikit_fit_report_json(fit, other_boot, 2, &report), CSIKIT_E_ARGUMENT);
    o.resamples = 1;
    CHECK_STATUS(csikit_bootstrap(other, &o, &cancelled), CSIKIT_E_ARGUMENT);

    csikit_boot_free(other_boot);
    csikit_fit_free(other);
    csikit_boot_free(again);
    csikit_boot_free(boot);
}

static void test_indices_ipa(csikit_fit *fit) {
    double idx[7], icut = 0, pcut = 0;
    double imp[4] = {1, 1, 0, 0}, perf[4] = {0, 1, 0, 1};
    int quad[4] = {-1, -1, -1, -1};
    size_t size = 0, i;
    char *text = NULL;
    csikit_ipa_options o;

    CHECK_STATUS(csikit_fit_indices(fit, NULL, NULL, 0, &size), CSIKIT_OK);
    CHECK(size == 7);
    CHECK_STATUS(csikit_fit_indices(fit, NULL, idx, 7, &size), CSIKIT_OK);
    for (i = 0; i < 7; ++i) CHECK(idx[i] > 30 && idx[i] < 100); /* mobi answers sit high on 1-10 */
    CHECK_STATUS(csikit_fit_indices_json(fit, NULL, &text), CSIKIT_OK);
    CHECK(strstr(text, "\"impacts\"") != NULL && strstr(text, "\"ci_low\"") != NULL);
    csikit_free(text);

    CHECK_STATUS(csikit_fit_ipma_json(fit, "CUSA", NULL, &text), CSIKIT_OK);
    CHECK(strstr(text, "\"target\": \"CUSA\"") != NULL && strstr(text, "\"quadrant\"") != NULL);
    CHECK(strstr(text, "\"PERQ\"") != NULL);
    csikit_free(text);
    CHECK_STATUS(csikit_fit_ipma_json(fit, "NOPE", NULL, &text), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_fit_ipma_json(fit, NULL, NULL, &text), CSIKIT_E_NULL_ARGUMENT);

    CHECK_STATUS(csikit_fit_index_report_json(fit, NULL, "CUSA", NULL, -1, &text), CSIKIT_OK);
    CHECK(strstr(text, "\"impacts\"") != NULL && strstr(text, "\"ipa\"") != NULL);
    csikit_free(text);
    CHECK_STATUS(csikit_fit_index_report_json(fit, NULL, "NOPE", NULL, -1, &text), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_fit_index_report_json(fit, NULL, NULL, "no_such_column", -1, &text), CSIKIT_E_ARGUMENT);

    CHECK_STATUS(csikit_ipa_options_init(&o), CSIKIT_OK);
    CHECK(o.crosshair == CSIKIT_CROSSHAIR_MEAN);
    CHECK_STATUS(csikit_ipa(imp, perf, 4, &o, quad, &icut, &pcut), CSIKIT_OK);
    CHECK(quad[0] == CSIKIT_CONCENTRATE_HERE && quad[1] == CSIKIT_KEEP_UP && quad[2] == CSIKIT_LOW_PRIORITY &&
          quad[3] == CSIKIT_POSSIBLE_OVERKILL);
    CHECK(icut == 0.5 && pcut == 0.5);
    o.crosshair = CSIKIT_CROSSHAIR_CUSTOM;
    o.custom_importance = 2;
    o.custom_performance = -1;
    CHECK_STATUS(csikit_ipa(imp, perf, 4, &o, quad, NULL, NULL), CSIKIT_OK);
    CHECK(quad[0] == CSIKIT_POSSIBLE_OVERKILL && quad[1] == CSIKIT_POSSIBLE_OVERKILL);
    o.crosshair = 8;
    CHECK_STATUS(csikit_ipa(imp, perf, 4, &o, quad, NULL, NULL), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_ipa(imp, perf, 0, NULL, quad, NULL, NULL), CSIKIT_E_ARGUMENT); /* no factors */
    CHECK_STATUS(csikit_ipa(NULL, perf, 4, NULL, quad, NULL, NULL), CSIKIT_E_NULL_ARGUMENT);
}

/* issue 11 #3: a freed handle is recognised (no use after free in the check, no double free of
 * a live handle), and a pointer that never was a handle is refused without being trusted. */
static void test_stale_handles(void) {
    static const char tiny[] = "{\"name\":\"t\",\"scales\":[{\"id\":\"f\",\"min\":1,\"max\":5}],"
                               "\"items\":[{\"id\":\"Q1\",\"scale\":\"f\"}]}";
    csikit_survey *a = NULL, *b = NULL;
    size_t n = 0, i, reused = 0, destroyed = 0;
    struct { uint32_t magic; void *p; } on_stack;
    CHECK_STATUS(csikit_survey_load(schema_path, &a), CSIKIT_OK);
    csikit_survey_free(a);
    CHECK_STATUS(csikit_survey_count(a, CSIKIT_SURVEY_ITEMS, &n), CSIKIT_E_BAD_HANDLE); /* use after free */
    CHECK(strstr(csikit_last_error(), "already freed") != NULL);
    csikit_survey_free(a); /* double free: ignored */
    /* free, make the next handle, free the first again: the new handle must survive. Before the
     * registry the freed address came back for the next handle 200 of 200 times, so the second
     * free destroyed the live handle (ASan: heap-use-after-free in the handle check). */
    for (i = 0; i < 200; ++i) {
        CHECK_STATUS(csikit_survey_from_json(tiny, &a), CSIKIT_OK);
        csikit_survey_free(a);
        CHECK_STATUS(csikit_survey_from_json(tiny, &b), CSIKIT_OK);
        if (a == b) ++reused;
        csikit_survey_free(a);
        if (csikit_survey_count(b, CSIKIT_SURVEY_ITEMS, &n) != CSIKIT_OK || n != 1) ++destroyed;
        CHECK_STATUS(csikit_survey_name(a, NULL), CSIKIT_E_BAD_HANDLE);
        csikit_survey_free(b);
    }
    CHECK(reused == 0);
    CHECK(destroyed == 0);
    /* a pointer to a stack struct: refused, never read */
    memset(&on_stack, 0, sizeof on_stack);
    CHECK_STATUS(csikit_survey_count((const csikit_survey *)(const void *)&on_stack, 0, &n), CSIKIT_E_BAD_HANDLE);
    CHECK(strstr(csikit_last_error(), "not a handle made by csikit") != NULL);
    csikit_survey_free((csikit_survey *)(void *)&on_stack); /* ignored */
    CHECK_STATUS(csikit_fit_count((const csikit_fit *)(const void *)&on_stack, 0, &n), CSIKIT_E_BAD_HANDLE);
}

/* The registry under threads: handles made, used, freed twice and checked on 4 threads at once. */
static void *churn_handles(void *arg) {
    static const char tiny[] = "{\"name\":\"t\",\"scales\":[{\"id\":\"f\",\"min\":1,\"max\":5}],"
                               "\"items\":[{\"id\":\"Q1\",\"scale\":\"f\"}]}";
    int *bad = (int *)arg, i;
    size_t n = 0;
    csikit_survey *h = NULL;
    for (i = 0; i < 100; ++i) {
        if (csikit_survey_from_json(tiny, &h) != CSIKIT_OK) ++*bad;
        if (csikit_survey_count(h, CSIKIT_SURVEY_ITEMS, &n) != CSIKIT_OK || n != 1) ++*bad;
        csikit_survey_free(h);
        csikit_survey_free(h);
        if (csikit_survey_count(h, CSIKIT_SURVEY_ITEMS, &n) != CSIKIT_E_BAD_HANDLE) ++*bad;
    }
    return NULL;
}

static void test_handles_threads(void) {
    pthread_t t[4];
    int bad[4] = {0, 0, 0, 0}, i;
    for (i = 0; i < 4; ++i) CHECK(pthread_create(&t[i], NULL, churn_handles, &bad[i]) == 0);
    for (i = 0; i < 4; ++i) {
        CHECK(pthread_join(t[i], NULL) == 0);
        CHECK(bad[i] == 0);
    }
}

/* issue 11 #18: a matrix too large to index (2^63 rows) is an argument error naming the size */
static void test_matrix_limits(csikit_survey *s) {
    csikit_data *bad = NULL;
    double v[4] = {1, 2, 3, 4};
    const char *names[2] = {"IMAG1", "IMAG2"};
    CHECK_STATUS(csikit_data_from_matrix(s, v, SIZE_MAX / 2 + 1, 2, names, CSIKIT_ROW_MAJOR, NULL, &bad),
                 CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "n_rows") != NULL && strstr(csikit_last_error(), "at most") != NULL);
    CHECK_STATUS(csikit_data_from_matrix(s, v, (size_t)-1, 2, names, CSIKIT_ROW_MAJOR, NULL, &bad), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_data_from_matrix(s, v, 2, SIZE_MAX / 2 + 1, names, CSIKIT_ROW_MAJOR, NULL, &bad),
                 CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "n_cols") != NULL);
    CHECK_STATUS(csikit_data_from_matrix(s, v, SIZE_MAX / 1024, 4096, names, CSIKIT_ROW_MAJOR, NULL, &bad),
                 CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "n_rows * n_cols") != NULL);
    CHECK(bad == NULL);
}

/* issue 11 #2: the JSON indent is checked (nlohmann read past its buffer above 1024) */
static void test_json_indent(csikit_fit *fit) {
    char *text = NULL;
    csikit_analysis_options o;
    CHECK_STATUS(csikit_fit_report_json(fit, NULL, 2147483647, &text), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "indent") != NULL);
    CHECK_STATUS(csikit_fit_report_json(fit, NULL, 1025, &text), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_fit_report_json(fit, NULL, 65, &text), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_fit_report_json(fit, NULL, -2, &text), CSIKIT_E_ARGUMENT);
    CHECK_STATUS(csikit_fit_index_report_json(fit, NULL, NULL, NULL, 100000, &text), CSIKIT_E_ARGUMENT);
    CHECK(text == NULL);
    CHECK_STATUS(csikit_fit_report_json(fit, NULL, 64, &text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "\n                                                                \"csikit_version\"") != NULL);
    csikit_free(text);
    text = NULL;
    CHECK_STATUS(csikit_analysis_options_init(&o), CSIKIT_OK);
    CHECK(o.crosshair == CSIKIT_CROSSHAIR_MEAN && o.level == 0.95 && o.use_weights == 1);
    CHECK_STATUS(csikit_fit_analysis_json(fit, NULL, &o, 4096, &text), CSIKIT_E_ARGUMENT);
    o.target = "CUSA";
    o.crosshair = CSIKIT_CROSSHAIR_MEDIAN;
    CHECK_STATUS(csikit_fit_analysis_json(fit, NULL, &o, -1, &text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "\"data_median\"") != NULL);
    csikit_free(text);
    o.crosshair = 42;
    CHECK_STATUS(csikit_fit_analysis_json(fit, NULL, &o, -1, &text), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "options->crosshair") != NULL);
}

/* issue 10: C enums are mapped by table; an out-of-range value names its field. The pls_options
 * fields added to the C struct reach the core. */
static void test_enums_and_new_options(csikit_data *d) {
    csikit_fit *fit = NULL;
    csikit_estimate_options o;
    csikit_score_options so;
    csikit_boot *boot = NULL;
    csikit_bootstrap_options bo;
    size_t rows = 0, cols = 0, size = 0;
    char *text = NULL;
    csikit_estimate_options_init(&o);
    CHECK(o.stopping == CSIKIT_STOP_MAX_ABS_CHANGE && o.keep_scores == 0 && o.f2_reestimate == 0 && o.strict == 0);
    o.scheme = -1;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "options->scheme") != NULL && strstr(csikit_last_error(), "CSIKIT_SCHEME_PATH") != NULL);
    csikit_estimate_options_init(&o);
    o.missing = 3;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "options->missing") != NULL);
    csikit_estimate_options_init(&o);
    o.stopping = 2;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "options->stopping") != NULL);
    CHECK(fit == NULL);
    csikit_estimate_options_init(&o);
    o.keep_scores = 1;
    o.f2_reestimate = 1;
    o.stopping = CSIKIT_STOP_PLSPM;
    o.tolerance = 1e-6;
    CHECK_STATUS(csikit_estimate(d, &o, &fit), CSIKIT_OK);
    CHECK_STATUS(csikit_fit_values(fit, CSIKIT_CONSTRUCT_SCORES, NULL, 0, &size, &rows, &cols), CSIKIT_OK);
    CHECK(rows == 250 && cols == 7 && size == 250 * 7);
    CHECK_STATUS(csikit_fit_report_json(fit, NULL, -1, &text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "\"stopping\":\"plspm\"") != NULL);
    csikit_free(text);

    csikit_bootstrap_options_init(&bo);
    CHECK(bo.jackknife_max == 2000 && bo.max_failed_share == 0.2);
    bo.resamples = 20;
    bo.threads = 1;
    bo.bca = 0;
    bo.max_failed_share = 0.5;
    CHECK_STATUS(csikit_bootstrap(fit, &bo, &boot), CSIKIT_OK);
    csikit_boot_free(boot);
    csikit_fit_free(fit);

    csikit_score_options_init(&so);
    CHECK(so.aggregate == CSIKIT_AGGREGATE_RESPONDENT_FIRST && so.interval == CSIKIT_INTERVAL_WILSON &&
          so.nps_promoter_min == 9 && so.nps_detractor_max == 6 && so.by_wave == 1 && so.language == NULL);
    so.interval = CSIKIT_INTERVAL_CLOPPER_PEARSON;
    so.aggregate = CSIKIT_AGGREGATE_MEAN_FIRST;
    CHECK_STATUS(csikit_score_json(d, &so, &text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "\"clopper_pearson\"") != NULL);
    csikit_free(text);
    so.aggregate = 7;
    CHECK_STATUS(csikit_score_json(d, &so, &text), CSIKIT_E_ARGUMENT);
    CHECK(strstr(csikit_last_error(), "options->aggregate") != NULL);

    CHECK_STATUS(csikit_options_json(&text), CSIKIT_OK);
    CHECK(text != NULL && strstr(text, "\"analyses\"") != NULL && strstr(text, "\"f2_reestimate\"") != NULL);
    csikit_free(text);
    CHECK_STATUS(csikit_options_json(NULL), CSIKIT_E_NULL_ARGUMENT);
}

/* The message is per thread: a failure on another thread leaves ours alone. */
static void *fail_on_thread(void *arg) {
    csikit_survey *s = NULL;
    int *status = (int *)arg;
    *status = csikit_survey_from_json("[", &s);
    return strlen(csikit_last_error()) > 0 ? arg : NULL;
}

static void test_thread_local_error(void) {
    pthread_t t;
    int status = 0;
    void *ret = NULL;
    csikit_survey *s = NULL;
    CHECK_STATUS(csikit_survey_from_json(NULL, &s), CSIKIT_E_NULL_ARGUMENT);
    CHECK(pthread_create(&t, NULL, fail_on_thread, &status) == 0);
    CHECK(pthread_join(t, &ret) == 0);
    CHECK(status == CSIKIT_E_PARSE && ret != NULL);
    CHECK(strstr(csikit_last_error(), "json_text") != NULL); /* still our own message */
}

int main(int argc, char **argv) {
    csikit_survey *s = NULL;
    csikit_data *d;
    csikit_fit *fit;
    if (argc != 3) {
        fprintf(stderr, "usage: test_capi SCHEMA.json DATA.csv\n");
        return 2;
    }
    schema_path = argv[1];
    data_path = argv[2];

    test_versions_and_status();
    test_survey_errors();
    if (csikit_survey_load(schema_path, &s) != CSIKIT_OK) {
        fprintf(stderr, "test_capi: cannot load %s: %s\n", schema_path, csikit_last_error());
        return 1;
    }
    test_survey(s);
    test_bad_handles(s);
    test_stale_handles();
    test_handles_threads();
    test_matrix_limits(s);
    d = test_data(s);
    csikit_survey_free(s); /* the data keep their own reference to the survey */
    test_score(d);
    fit = test_estimate(d);
    test_bootstrap(fit, d);
    test_indices_ipa(fit);
    test_json_indent(fit);
    test_enums_and_new_options(d);
    test_thread_local_error();
    csikit_fit_free(fit);
    csikit_data_free(d);
    return check_exit("test_capi");
}
