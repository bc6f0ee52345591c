/* csikit from C: load a survey, read the answers, estimate the PLS path model, print the
 * paths and R2, bootstrap with a progress line, and write report.json.
 *
 *   cc -std=c99 quickstart.c -I$PREFIX/include -L$PREFIX/lib -lcsikit_c -Wl,-rpath,$PREFIX/lib
 *   ./a.out schema.json answers.csv
 */
#include <csikit/csikit.h>

#include <stdio.h>
#include <stdlib.h>

/* Prints the failed call and csikit's message, then leaves. */
static void check(int status, const char *what) {
    if (status != CSIKIT_OK) {
        fprintf(stderr, "%s failed (%s): %s\n", what, csikit_status_string(status), csikit_last_error());
        exit(1);
    }
}

static int progress(size_t done, size_t total, void *user_data) {
    (void)user_data;
    fprintf(stderr, "\rbootstrap %lu/%lu", (unsigned long)done, (unsigned long)total);
    if (done == total) fprintf(stderr, "\n");
    return 0; /* nonzero would cancel */
}

int main(int argc, char **argv) {
    csikit_survey *survey = NULL;
    csikit_data *data = NULL;
    csikit_fit *fit = NULL;
    csikit_boot *boot = NULL;
    csikit_estimate_options eo;
    csikit_bootstrap_options bo;
    csikit_boot_parameter q;
    size_t J = 0, size = 0, from, to;
    double *paths, *r2;
    const char *name_from, *name_to;
    char *report = NULL;
    FILE *out;

    if (argc != 3) {
        fprintf(stderr, "usage: %s schema.json answers.csv\n", argv[0]);
        return 2;
    }
    if (csikit_abi_version() != CSIKIT_ABI_VERSION) {
        fprintf(stderr, "libcsikit_c has ABI %d, this program was built for %d\n", csikit_abi_version(),
                CSIKIT_ABI_VERSION);
        return 1;
    }
    printf("csikit %s\n", csikit_version());

    check(csikit_survey_load(argv[1], &survey), "csikit_survey_load");
    check(csikit_data_read_csv(survey, argv[2], &data), "csikit_data_read_csv");

    csikit_estimate_options_init(&eo);
    eo.scheme = CSIKIT_SCHEME_PATH;
    check(csikit_estimate(data, &eo, &fit), "csikit_estimate");

    /* Arrays: ask for the size, allocate, copy. Paths are J x J, row-major, [to, from]. */
    check(csikit_fit_count(fit, CSIKIT_FIT_CONSTRUCTS, &J), "csikit_fit_count");
    check(csikit_fit_values(fit, CSIKIT_PATHS, NULL, 0, &size, NULL, NULL), "csikit_fit_values");
    paths = malloc(size * sizeof *paths);
    r2 = malloc(J * sizeof *r2);
    check(csikit_fit_values(fit, CSIKIT_PATHS, paths, size, &size, NULL, NULL), "csikit_fit_values");
    check(csikit_fit_values(fit, CSIKIT_R2, r2, J, &size, NULL, NULL), "csikit_fit_values");

    printf("\npath                  estimate\n");
    for (from = 0; from < J; ++from)
        for (to = 0; to < J; ++to)
            if (paths[to * J + from] != 0) {
                csikit_fit_id(fit, CSIKIT_FIT_CONSTRUCTS, from, &name_from); /* borrowed strings */
                csikit_fit_id(fit, CSIKIT_FIT_CONSTRUCTS, to, &name_to);
                printf("%-6s -> %-10s %8.3f\n", name_from, name_to, paths[to * J + from]);
            }
    printf("\nconstruct   R2\n");
    for (to = 0; to < J; ++to)
        if (r2[to] > 0) {
            csikit_fit_id(fit, CSIKIT_FIT_CONSTRUCTS, to, &name_to);
            printf("%-10s %5.3f\n", name_to, r2[to]);
        }

    csikit_bootstrap_options_init(&bo);
    bo.resamples = 200;
    bo.seed = 42;
    bo.progress = progress;
    check(csikit_bootstrap(fit, &bo, &boot), "csikit_bootstrap");
    q.struct_size = sizeof q;
    check(csikit_boot_find(boot, CSIKIT_PARAM_PATH, "CUSA", "CUSL", &q), "csikit_boot_find");
    printf("\n%s: %.3f (SE %.3f, 95%% CI %.3f to %.3f)\n", q.label, q.estimate, q.se, q.ci_low, q.ci_high);

    check(csikit_fit_report_json(fit, boot, 2, &report), "csikit_fit_report_json"); /* ours to free */
    out = fopen("report.json", "w");
    if (out) {
        fputs(report, out);
        fclose(out);
        printf("report.json written\n");
    }

    csikit_free(report);
    free(paths);
    free(r2);
    csikit_boot_free(boot);
    csikit_fit_free(fit);
    csikit_data_free(data);
    csikit_survey_free(survey);
    return 0;
}
