/* The R package's only compiled code: .Call entry points over csikit's C ABI (csikit.h).
 *
 * Rules kept here so R never crashes (docs/r.md, "Errors"):
 *  - No R error is raised while a csikit resource is unowned: every handle is wrapped in an
 *    external pointer with a finalizer right after it is made, every owned string is copied
 *    into R under R_UnwindProtect, which frees it even if the copy longjmps.
 *  - A failed csikit call does not call Rf_error: it returns a "csikit_failure" list (status,
 *    status name, message) and the R wrapper (R/call.R) raises a classed condition from it.
 *  - Nothing of R is called from inside csikit except the bootstrap's progress callback, which
 *    checks for an interrupt through R_ToplevelExec (no longjmp through C++ frames).
 */
#include <csikit/csikit.h>

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- failures: returned to R, raised there ------------------------------------------------- */

static SEXP failure(int status, const char *fn) {
    SEXP out = PROTECT(Rf_allocVector(VECSXP, 4));
    SEXP names = PROTECT(Rf_allocVector(STRSXP, 4));
    SET_VECTOR_ELT(out, 0, Rf_ScalarInteger(status));
    SET_VECTOR_ELT(out, 1, Rf_mkString(csikit_status_string(status)));
    SET_VECTOR_ELT(out, 2, Rf_ScalarString(Rf_mkCharCE(csikit_last_error(), CE_UTF8)));
    SET_VECTOR_ELT(out, 3, Rf_mkString(fn));
    SET_STRING_ELT(names, 0, Rf_mkChar("status"));
    SET_STRING_ELT(names, 1, Rf_mkChar("status_name"));
    SET_STRING_ELT(names, 2, Rf_mkChar("message"));
    SET_STRING_ELT(names, 3, Rf_mkChar("fn"));
    Rf_setAttrib(out, R_NamesSymbol, names);
    Rf_setAttrib(out, R_ClassSymbol, Rf_mkString("csikit_failure"));
    UNPROTECT(2);
    return out;
}

#define TRY(call, fn)                                  \
    do {                                               \
        int status_ = (call);                          \
        if (status_ != CSIKIT_OK) return failure(status_, fn); \
    } while (0)

/* ---- handles as external pointers ------------------------------------------------------------ */

/* Wraps a fresh handle at once (the finalizer owns it from here on). */
static SEXP wrap(void *h, const char *type, R_CFinalizer_t fin) {
    SEXP p = PROTECT(R_MakeExternalPtr(h, Rf_install(type), R_NilValue));
    R_RegisterCFinalizerEx(p, fin, TRUE);
    UNPROTECT(1);
    return p;
}

/* The handle of an external pointer of `type`; an R error (no csikit resource is open yet)
 * for anything else, and for a pointer restored from a saved session (address NULL). */
static void *unwrap(SEXP p, const char *type, int allow_null) {
    if (allow_null && p == R_NilValue) return NULL;
    if (TYPEOF(p) != EXTPTRSXP || R_ExternalPtrTag(p) != Rf_install(type))
        Rf_error("csikit: expected a %s handle", type);
    void *h = R_ExternalPtrAddr(p);
    if (!h) Rf_error("csikit: this %s comes from a saved R session or was released; make it again", type);
    return h;
}

/* One handle type T (csikit_T, freed by csikit_T_free): its finalizer, `wrap_T(h)` for a fresh
 * handle and `T_of(p, allow_null)` for the handle inside an external pointer, so the tag string,
 * the cast and the free function are written once per type. */
#define CSIKIT_R_HANDLE(T)                                                                      \
    static void fin_##T(SEXP p) {                                                               \
        csikit_##T##_free((csikit_##T *)R_ExternalPtrAddr(p));                                  \
        R_ClearExternalPtr(p);                                                                  \
    }                                                                                           \
    static SEXP wrap_##T(csikit_##T *h) { return wrap(h, "csikit_" #T, fin_##T); }              \
    static const csikit_##T *T##_of(SEXP p, int allow_null) {                                   \
        return (const csikit_##T *)unwrap(p, "csikit_" #T, allow_null);                        \
    }
CSIKIT_R_HANDLE(survey)
CSIKIT_R_HANDLE(data)
CSIKIT_R_HANDLE(fit)
CSIKIT_R_HANDLE(boot)

/* ---- small converters ------------------------------------------------------------------------ */

static const char *str_arg(SEXP x, const char *what) {
    if (!Rf_isString(x) || XLENGTH(x) != 1 || STRING_ELT(x, 0) == NA_STRING)
        Rf_error("csikit: `%s` must be one string", what);
    return Rf_translateCharUTF8(STRING_ELT(x, 0));
}
static const char *opt_str(SEXP x, const char *what) { return x == R_NilValue ? NULL : str_arg(x, what); }

/* A named option list -> scalar; R/options.R checked types and ranges already. */
static SEXP opt(SEXP list, const char *name) {
    SEXP names = Rf_getAttrib(list, R_NamesSymbol);
    for (R_xlen_t i = 0; i < XLENGTH(list); ++i)
        if (strcmp(CHAR(STRING_ELT(names, i)), name) == 0) return VECTOR_ELT(list, i);
    Rf_error("csikit: internal: option `%s` missing", name);
    return R_NilValue;
}
static double opt_dbl(SEXP list, const char *name) { return Rf_asReal(opt(list, name)); }
static int opt_int(SEXP list, const char *name) { return Rf_asInteger(opt(list, name)); }

/* An owned csikit string -> R string; frees it whatever happens (R_UnwindProtect). */
static SEXP mk_owned_string(void *s) { return Rf_ScalarString(Rf_mkCharCE((const char *)s, CE_UTF8)); }
static void free_owned(void *s, Rboolean jump) { (void)jump; csikit_free(s); }
static SEXP take_string(char *s) {
    SEXP token = PROTECT(R_MakeUnwindCont());
    SEXP out = R_UnwindProtect(mk_owned_string, s, free_owned, s, token);
    UNPROTECT(1);
    return out;
}

/* ---- versions ------------------------------------------------------------------------------- */

static SEXP r_version(void) {
    SEXP out = PROTECT(Rf_allocVector(STRSXP, 2));
    SET_STRING_ELT(out, 0, Rf_mkChar(csikit_version()));
    char abi[16];
    snprintf(abi, sizeof abi, "%d", csikit_abi_version());
    SET_STRING_ELT(out, 1, Rf_mkChar(abi));
    UNPROTECT(1);
    return out;
}

/* ---- survey --------------------------------------------------------------------------------- */

static SEXP r_survey_from_json(SEXP text) {
    csikit_survey *s = NULL;
    TRY(csikit_survey_from_json(str_arg(text, "json"), &s), "csikit_survey_from_json");
    return wrap_survey(s);
}

static SEXP r_survey_load(SEXP path) {
    csikit_survey *s = NULL;
    TRY(csikit_survey_load(str_arg(path, "path"), &s), "csikit_survey_load");
    return wrap_survey(s);
}

static SEXP r_survey_to_json(SEXP sp) {
    char *json = NULL;
    TRY(csikit_survey_to_json(survey_of(sp, 0), &json), "csikit_survey_to_json");
    return take_string(json);
}

static SEXP r_survey_ids(SEXP sp, SEXP list) {
    const csikit_survey *s = survey_of(sp, 0);
    int which = Rf_asInteger(list);
    size_t n = 0;
    TRY(csikit_survey_count(s, which, &n), "csikit_survey_count");
    SEXP out = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; ++i) {
        const char *id = NULL;
        int st = csikit_survey_id(s, which, i, &id);
        if (st != CSIKIT_OK) { UNPROTECT(1); return failure(st, "csikit_survey_id"); }
        SET_STRING_ELT(out, (R_xlen_t)i, Rf_mkCharCE(id, CE_UTF8));
    }
    UNPROTECT(1);
    return out;
}

/* ---- data ------------------------------------------------------------------------------------ */

/* values: a double matrix (column-major, as R stores it), columns: its names, weights NULL or
 * a double vector of nrow. */
static SEXP r_data_from_matrix(SEXP sp, SEXP values, SEXP columns, SEXP weights) {
    const csikit_survey *s = survey_of(sp, 0);
    if (!Rf_isReal(values) || !Rf_isMatrix(values)) Rf_error("csikit: internal: values must be a double matrix");
    size_t nr = (size_t)Rf_nrows(values), nc = (size_t)Rf_ncols(values);
    if (!Rf_isString(columns) || (size_t)XLENGTH(columns) != nc) Rf_error("csikit: internal: one name per column");
    if (weights != R_NilValue && (!Rf_isReal(weights) || (size_t)XLENGTH(weights) != nr))
        Rf_error("csikit: internal: one weight per row");
    const char **names = (const char **)R_alloc(nc ? nc : 1, sizeof *names);  /* freed by R */
    for (size_t j = 0; j < nc; ++j) names[j] = Rf_translateCharUTF8(STRING_ELT(columns, (R_xlen_t)j));
    csikit_data *d = NULL;
    TRY(csikit_data_from_matrix(s, REAL(values), nr, nc, names, CSIKIT_COL_MAJOR,
                                weights == R_NilValue ? NULL : REAL(weights), &d),
        "csikit_data_from_matrix");
    return wrap_data(d);
}

static SEXP r_data_read_csv(SEXP sp, SEXP path) {
    const csikit_survey *s = survey_of(sp, 0);
    csikit_data *d = NULL;
    TRY(csikit_data_read_csv(s, str_arg(path, "path"), &d), "csikit_data_read_csv");
    return wrap_data(d);
}

/* The recoded values as an n x p double matrix (R is column-major, csikit row-major). */
static SEXP r_data_values(SEXP dp) {
    const csikit_data *d = data_of(dp, 0);
    size_t n = 0, p = 0, size = 0;
    TRY(csikit_data_shape(d, &n, &p), "csikit_data_shape");
    double *buf = (double *)R_alloc(n * p ? n * p : 1, sizeof *buf);
    TRY(csikit_data_values(d, buf, n * p, &size), "csikit_data_values");
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)n, (int)p));
    double *o = REAL(out);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < p; ++j) o[j * n + i] = buf[i * p + j];
    UNPROTECT(1);
    return out;
}

/* ---- scores ---------------------------------------------------------------------------------- */

static SEXP r_score_json(SEXP dp, SEXP o) {
    const csikit_data *d = data_of(dp, 0);
    csikit_score_options so;
    csikit_score_options_init(&so);
    so.rescale = opt_int(o, "rescale");
    so.threshold = opt_dbl(o, "threshold");
    so.level = opt_dbl(o, "level");
    so.by = opt_str(opt(o, "by"), "by");
    so.aggregate = opt_int(o, "aggregate");
    so.interval = opt_int(o, "interval");
    so.nps_promoter_min = opt_dbl(o, "promoter_min");
    so.nps_detractor_max = opt_dbl(o, "detractor_max");
    so.language = opt_str(opt(o, "language"), "language");
    char *json = NULL;
    TRY(csikit_score_json(d, &so, &json), "csikit_score_json");
    return take_string(json);
}

/* ---- estimation ------------------------------------------------------------------------------ */

static SEXP r_estimate(SEXP dp, SEXP o) {
    const csikit_data *d = data_of(dp, 0);
    csikit_estimate_options eo;
    csikit_estimate_options_init(&eo);
    eo.scheme = opt_int(o, "scheme");
    eo.missing = opt_int(o, "missing");
    eo.consistent = opt_int(o, "consistent");
    eo.tolerance = opt_dbl(o, "tolerance");
    eo.max_iterations = opt_int(o, "max_iter");
    eo.use_weights = opt_int(o, "use_weights");
    eo.quality = opt_int(o, "quality");
    eo.stopping = opt_int(o, "stopping");
    eo.keep_scores = opt_int(o, "keep_scores");
    eo.f2_reestimate = opt_int(o, "f2_reestimate");
    eo.strict = opt_int(o, "strict");
    csikit_fit *f = NULL;
    TRY(csikit_estimate(d, &eo, &f), "csikit_estimate");
    return wrap_fit(f);
}

static SEXP r_fit_ids(SEXP fp, SEXP list) {
    const csikit_fit *f = fit_of(fp, 0);
    int which = Rf_asInteger(list);
    size_t n = 0;
    TRY(csikit_fit_count(f, which, &n), "csikit_fit_count");
    SEXP out = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; ++i) {
        const char *id = NULL;
        int st = csikit_fit_id(f, which, i, &id);
        if (st != CSIKIT_OK) { UNPROTECT(1); return failure(st, "csikit_fit_id"); }
        SET_STRING_ELT(out, (R_xlen_t)i, Rf_mkCharCE(id, CE_UTF8));
    }
    UNPROTECT(1);
    return out;
}

/* One quantity as an R matrix (rows x cols, copied from csikit's row-major order). */
static SEXP r_fit_values(SEXP fp, SEXP quantity) {
    const csikit_fit *f = fit_of(fp, 0);
    int q = Rf_asInteger(quantity);
    size_t size = 0, rows = 0, cols = 0;
    TRY(csikit_fit_values(f, q, NULL, 0, &size, &rows, &cols), "csikit_fit_values");
    double *buf = (double *)R_alloc(size ? size : 1, sizeof *buf);
    TRY(csikit_fit_values(f, q, buf, size, &size, &rows, &cols), "csikit_fit_values");
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)rows, (int)cols));
    double *o = REAL(out);
    for (size_t i = 0; i < rows; ++i)
        for (size_t j = 0; j < cols; ++j) o[j * rows + i] = buf[i * cols + j];
    UNPROTECT(1);
    return out;
}

static SEXP r_fit_info(SEXP fp) {
    const csikit_fit *f = fit_of(fp, 0);
    csikit_fit_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    TRY(csikit_fit_get_info(f, &info), "csikit_fit_get_info");
    const char *names[] = {"iterations", "converged", "consistent", "admissible", "gof", "srmr",
                           "respondents", "respondents_used"};
    SEXP out = PROTECT(Rf_allocVector(VECSXP, 8));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, 8));
    SET_VECTOR_ELT(out, 0, Rf_ScalarInteger(info.iterations));
    SET_VECTOR_ELT(out, 1, Rf_ScalarLogical(info.converged != 0));
    SET_VECTOR_ELT(out, 2, Rf_ScalarLogical(info.consistent != 0));
    SET_VECTOR_ELT(out, 3, Rf_ScalarLogical(info.admissible != 0));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(info.gof));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(info.srmr));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal((double)info.respondents));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)info.respondents_used));
    for (int i = 0; i < 8; ++i) SET_STRING_ELT(nm, i, Rf_mkChar(names[i]));
    Rf_setAttrib(out, R_NamesSymbol, nm);
    UNPROTECT(2);
    return out;
}

/* report.json with every analysis option (`csikit analyze --json`), boot NULL or of this fit. */
static SEXP r_fit_analysis_json(SEXP fp, SEXP bp, SEXP o, SEXP indent) {
    const csikit_fit *f = fit_of(fp, 0);
    const csikit_boot *b = boot_of(bp, 1);
    csikit_analysis_options ao;
    csikit_analysis_options_init(&ao);
    ao.target = opt_str(opt(o, "target"), "target");
    ao.by = opt_str(opt(o, "by"), "by");
    ao.crosshair = opt_int(o, "crosshair");
    ao.level = opt_dbl(o, "level");
    ao.use_weights = opt_int(o, "use_weights");
    char *json = NULL;
    TRY(csikit_fit_analysis_json(f, b, &ao, Rf_asInteger(indent), &json), "csikit_fit_analysis_json");
    return take_string(json);
}

/* ---- bootstrap ------------------------------------------------------------------------------- */

static void check_interrupt(void *unused) { (void)unused; R_CheckUserInterrupt(); }

/* Called by csikit on this (R's) thread: a pending Ctrl-C cancels the bootstrap; the
 * interrupt is caught by R_ToplevelExec, so no longjmp crosses csikit's C++ frames. */
static int progress(size_t done, size_t total, void *user_data) {
    (void)done; (void)total;
    int *interrupted = (int *)user_data;
    if (!R_ToplevelExec(check_interrupt, NULL)) *interrupted = 1;
    return *interrupted;
}

static SEXP r_bootstrap(SEXP fp, SEXP o) {
    const csikit_fit *f = fit_of(fp, 0);
    csikit_bootstrap_options bo;
    csikit_bootstrap_options_init(&bo);
    int interrupted = 0;
    bo.resamples = (size_t)opt_dbl(o, "resamples");
    bo.seed = (uint64_t)opt_dbl(o, "seed");
    bo.threads = (unsigned)opt_int(o, "threads");
    bo.confidence = opt_dbl(o, "confidence");
    bo.bca = opt_int(o, "bca");
    bo.indices = opt_int(o, "indices");
    bo.drop_inadmissible = opt_int(o, "drop_inadmissible");
    bo.jackknife_max = (size_t)opt_dbl(o, "jackknife_max");
    bo.max_failed_share = opt_dbl(o, "max_failed_share");
    bo.progress = progress;
    bo.user_data = &interrupted;
    csikit_boot *b = NULL;
    TRY(csikit_bootstrap(f, &bo, &b), "csikit_bootstrap");
    return wrap_boot(b);
}

/* Every bootstrapped parameter as the columns of a data.frame (built in R). */
static SEXP r_boot_table(SEXP bp) {
    const csikit_boot *b = boot_of(bp, 0);
    size_t n = 0, resamples = 0, ok = 0, failed = 0;
    TRY(csikit_boot_counts(b, &n, &resamples, &ok, &failed), "csikit_boot_counts");
    enum { NCOL = 13 };
    const char *names[NCOL] = {"kind", "label", "estimate", "mean", "bias", "se", "t", "p",
                               "ci_low", "ci_high", "bca_low", "bca_high", "counts"};
    SEXP out = PROTECT(Rf_allocVector(VECSXP, NCOL));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, NCOL));
    SET_VECTOR_ELT(out, 0, Rf_allocVector(INTSXP, (R_xlen_t)n));
    SET_VECTOR_ELT(out, 1, Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (int c = 2; c < 12; ++c) SET_VECTOR_ELT(out, c, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP counts = Rf_allocVector(REALSXP, 3);
    SET_VECTOR_ELT(out, 12, counts);
    REAL(counts)[0] = (double)resamples;
    REAL(counts)[1] = (double)ok;
    REAL(counts)[2] = (double)failed;
    for (int c = 0; c < NCOL; ++c) SET_STRING_ELT(nm, c, Rf_mkChar(names[c]));
    Rf_setAttrib(out, R_NamesSymbol, nm);
    for (size_t i = 0; i < n; ++i) {
        csikit_boot_parameter q;
        memset(&q, 0, sizeof q);
        q.struct_size = sizeof q;
        int st = csikit_boot_parameter_at(b, i, &q);
        if (st != CSIKIT_OK) { UNPROTECT(2); return failure(st, "csikit_boot_parameter_at"); }
        INTEGER(VECTOR_ELT(out, 0))[i] = q.kind;
        SET_STRING_ELT(VECTOR_ELT(out, 1), (R_xlen_t)i, Rf_mkCharCE(q.label, CE_UTF8));
        double v[10] = {q.estimate, q.mean, q.bias, q.se, q.t, q.p, q.ci_low, q.ci_high, q.bca_low, q.bca_high};
        for (int c = 0; c < 10; ++c) REAL(VECTOR_ELT(out, c + 2))[i] = v[c];
    }
    UNPROTECT(2);
    return out;
}

/* ---- indices and IPA ------------------------------------------------------------------------- */

static void read_ipa(SEXP o, csikit_ipa_options *io) {
    csikit_ipa_options_init(io);
    io->crosshair = opt_int(o, "crosshair");
    io->custom_importance = opt_dbl(o, "custom_importance");
    io->custom_performance = opt_dbl(o, "custom_performance");
    io->level = opt_dbl(o, "level");
    io->use_respondents = opt_int(o, "use_respondents");
    io->use_weights = opt_int(o, "use_weights");
}

static SEXP r_fit_indices_json(SEXP fp, SEXP o) {
    const csikit_fit *f = fit_of(fp, 0);
    csikit_ipa_options io;
    read_ipa(o, &io);
    char *json = NULL;
    TRY(csikit_fit_indices_json(f, &io, &json), "csikit_fit_indices_json");
    return take_string(json);
}

static SEXP r_fit_ipma_json(SEXP fp, SEXP target, SEXP o) {
    const csikit_fit *f = fit_of(fp, 0);
    csikit_ipa_options io;
    read_ipa(o, &io);
    char *json = NULL;
    TRY(csikit_fit_ipma_json(f, str_arg(target, "target"), &io, &json), "csikit_fit_ipma_json");
    return take_string(json);
}

/* Quadrants of (importance, performance) points: list(quadrant = int, cuts = c(imp, perf)). */
static SEXP r_ipa(SEXP importance, SEXP performance, SEXP o) {
    if (!Rf_isReal(importance) || !Rf_isReal(performance) || XLENGTH(importance) != XLENGTH(performance))
        Rf_error("csikit: internal: importance and performance must be double vectors of one length");
    size_t n = (size_t)XLENGTH(importance);
    csikit_ipa_options io;
    read_ipa(o, &io);
    SEXP out = PROTECT(Rf_allocVector(VECSXP, 2));
    SEXP quad = Rf_allocVector(INTSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 0, quad);
    SEXP cuts = Rf_allocVector(REALSXP, 2);
    SET_VECTOR_ELT(out, 1, cuts);
    int st = csikit_ipa(REAL(importance), REAL(performance), n, &io, INTEGER(quad), REAL(cuts), REAL(cuts) + 1);
    UNPROTECT(1);
    if (st != CSIKIT_OK) return failure(st, "csikit_ipa");
    return out;
}

static SEXP r_options_json(void) {
    char *json = NULL;
    TRY(csikit_options_json(&json), "csikit_options_json");
    return take_string(json);
}

/* ---- registration ---------------------------------------------------------------------------- */

#define ENTRY(name, n) {"C_" #name, (DL_FUNC)&r_##name, n}
static const R_CallMethodDef call_methods[] = {
    ENTRY(version, 0),
    ENTRY(survey_from_json, 1),
    ENTRY(survey_load, 1),
    ENTRY(survey_to_json, 1),
    ENTRY(survey_ids, 2),
    ENTRY(data_from_matrix, 4),
    ENTRY(data_read_csv, 2),
    ENTRY(data_values, 1),
    ENTRY(score_json, 2),
    ENTRY(estimate, 2),
    ENTRY(fit_ids, 2),
    ENTRY(fit_values, 2),
    ENTRY(fit_info, 1),
    ENTRY(fit_analysis_json, 4),
    ENTRY(bootstrap, 2),
    ENTRY(boot_table, 1),
    ENTRY(fit_indices_json, 2),
    ENTRY(fit_ipma_json, 3),
    ENTRY(ipa, 3),
    ENTRY(options_json, 0),
    {NULL, NULL, 0}};

void R_init_csikit(DllInfo *dll) {
    R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
    R_forceSymbols(dll, TRUE);
}
