/*
 * csikit.h - the stable C ABI of csikit (plain C99).
 *
 * One header, opaque handles, status codes and a thread-local message: the same core the C++
 * and Python faces use, callable from C and from any language with a C FFI (ctypes, cffi,
 * Rust, Go, Julia, R, ...). docs/c_api.md has a quick start and the stability promise.
 *
 * Conventions (they hold for every function below unless its comment says otherwise):
 *  - Every function that can fail returns an int status: CSIKIT_OK (0) or a csikit_status
 *    code. The message of the failure is csikit_last_error() on the same thread.
 *  - Out parameters come last and are only written on success (size queries excepted).
 *  - Handles are opaque. A handle created by csikit_X_create/load/... is owned by the caller
 *    and released with csikit_X_free(), which accepts NULL. Handles are immutable after
 *    creation: one handle may be read from several threads at once.
 *  - Strings returned through `const char **` are BORROWED: they belong to the handle and stay
 *    valid until it is freed. Strings returned through `char **` are OWNED by the caller: a
 *    malloc'd, NUL-terminated UTF-8 buffer released with csikit_free().
 *  - Arrays are copied into caller buffers: pass the capacity (in elements); the needed size
 *    is always written to the size out parameter, and CSIKIT_E_BUFFER_TOO_SMALL is returned
 *    when the buffer is too short. out = NULL with capacity 0 is a pure size query.
 *  - Missing values are NaN (quiet NaN) on input and output.
 *  - Option structs start with `struct_size`; fill them with csikit_X_options_init() and then
 *    change fields. A NULL options pointer means the defaults.
 *  - No C++ exception, abort or exit ever crosses this boundary.
 *  - A handle that was freed, is of another type or never was a handle is reported as
 *    CSIKIT_E_BAD_HANDLE without being read; freeing it again is ignored (docs/c_api.md,
 *    "Handle checks", says what is and is not caught).
 *
 * ABI stability: within one CSIKIT_ABI_VERSION no exported function changes its signature or
 * meaning; a changed function is added under a new name (`_v2`). Option structs only grow at
 * their end (older callers pass a smaller struct_size). Enum values are never reused.
 */
#ifndef CSIKIT_H
#define CSIKIT_H

#include <stddef.h>
#include <stdint.h>

/* ---- linkage ------------------------------------------------------------------------------ */

/* CSIKIT_API marks the exported functions; everything else in libcsikit_c is hidden. */
#if defined(CSIKIT_C_STATIC)
#define CSIKIT_API
#elif defined(_WIN32)
#if defined(CSIKIT_C_BUILDING)
#define CSIKIT_API __declspec(dllexport)
#else
#define CSIKIT_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define CSIKIT_API __attribute__((visibility("default")))
#else
#define CSIKIT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions ----------------------------------------------------------------------------- */

/** The ABI generation of this header; bumped only by a breaking change of the C ABI. */
#define CSIKIT_ABI_VERSION 1

/** The library version (major.minor.patch) as text, e.g. "0.1.0". Static string; never NULL. */
CSIKIT_API const char *csikit_version(void);

/** The ABI generation of the loaded library; compare with CSIKIT_ABI_VERSION at start-up. */
CSIKIT_API int csikit_abi_version(void);

/* ---- status codes and errors -------------------------------------------------------------- */

/** Status codes. 1..9 are csikit::error_kind (the C++ error hierarchy); 100+ belong to the ABI.
 *  Values are stable and never reused. */
typedef enum csikit_status {
    CSIKIT_OK = 0,                 /**< success */
    CSIKIT_E_IO = 1,               /**< a file cannot be opened or read */
    CSIKIT_E_PARSE = 2,            /**< malformed JSON or CSV text */
    CSIKIT_E_SCHEMA = 3,           /**< the survey schema is inconsistent */
    CSIKIT_E_DATA = 4,             /**< the data do not fit the schema */
    CSIKIT_E_MODEL = 5,            /**< the path model cannot be estimated as specified */
    CSIKIT_E_NUMERIC = 6,          /**< singular or degenerate matrices, constant items */
    CSIKIT_E_CONVERGENCE = 7,      /**< an iterative algorithm did not converge */
    CSIKIT_E_CANCELLED = 8,        /**< the progress callback asked to stop */
    CSIKIT_E_ARGUMENT = 9,         /**< a bad option or argument value */
    CSIKIT_E_NULL_ARGUMENT = 100,  /**< a required pointer argument is NULL */
    CSIKIT_E_BAD_HANDLE = 101,     /**< a handle of the wrong type or already freed */
    CSIKIT_E_BUFFER_TOO_SMALL = 102, /**< the caller's buffer is shorter than the size written */
    CSIKIT_E_NO_MEMORY = 103,      /**< an allocation failed */
    CSIKIT_E_SYSTEM = 104,         /**< the operating system refused a resource (a thread, a lock) */
    CSIKIT_E_INTERNAL = 199        /**< an unexpected failure inside csikit (a bug) */
} csikit_status;

/** The message of the most recent failed call on this thread, in the form
 *  "where: what is wrong (expected)", one problem per line; "" when the most recent call
 *  succeeded. Owned by the library, valid until the next csikit call on this thread. */
CSIKIT_API const char *csikit_last_error(void);

/** A static English name of a status code ("ok", "schema", "buffer too small", ...). */
CSIKIT_API const char *csikit_status_string(int status);

/** Releases a buffer the library returned through a `char **` parameter. NULL is ignored. */
CSIKIT_API void csikit_free(void *buffer);

/* ---- handles ------------------------------------------------------------------------------ */

/** A validated survey schema (scales, items, hierarchy, constructs, paths). */
typedef struct csikit_survey csikit_survey;
/** The responses to one survey (n respondents x p items, weights, segments). Keeps its survey. */
typedef struct csikit_data csikit_data;
/** A PLS path-model estimate. Keeps its survey and data (needed by bootstrap, indices, IPMA). */
typedef struct csikit_fit csikit_fit;
/** A bootstrap of a fit. */
typedef struct csikit_boot csikit_boot;

/* ---- survey ------------------------------------------------------------------------------- */

/** Parses and validates schema JSON text (UTF-8, NUL-terminated) into *out.
 *  CSIKIT_E_PARSE for malformed JSON, CSIKIT_E_SCHEMA listing every problem. */
CSIKIT_API int csikit_survey_from_json(const char *json_text, csikit_survey **out);

/** Reads, parses and validates a schema file. CSIKIT_E_IO if it cannot be read. */
CSIKIT_API int csikit_survey_load(const char *path, csikit_survey **out);

/** Releases a survey; NULL is ignored. Data and fits made from it keep their own reference. */
CSIKIT_API void csikit_survey_free(csikit_survey *survey);

/** The survey as JSON text (round-trips through csikit_survey_from_json). Caller frees *out
 *  with csikit_free. */
CSIKIT_API int csikit_survey_to_json(const csikit_survey *survey, char **out);

/** What csikit_survey_count and csikit_survey_id enumerate. */
typedef enum csikit_survey_list {
    CSIKIT_SURVEY_ITEMS = 0,      /**< item ids, in schema order */
    CSIKIT_SURVEY_CONSTRUCTS = 1, /**< construct ids of the index model */
    CSIKIT_SURVEY_SCALES = 2      /**< scale ids */
} csikit_survey_list;

/** Number of entries of a list of the survey. */
CSIKIT_API int csikit_survey_count(const csikit_survey *survey, int list, size_t *count);

/** The id of entry `index` of a list. *id is borrowed (valid while the survey lives).
 *  CSIKIT_E_ARGUMENT for an index out of range. */
CSIKIT_API int csikit_survey_id(const csikit_survey *survey, int list, size_t index, const char **id);

/** The survey's name (borrowed; "" if it has none). */
CSIKIT_API int csikit_survey_name(const csikit_survey *survey, const char **name);

/* ---- data --------------------------------------------------------------------------------- */

/** Memory layout of a matrix passed to csikit_data_from_matrix. */
typedef enum csikit_layout {
    CSIKIT_ROW_MAJOR = 0, /**< values[row * n_cols + col] (C arrays, numpy default) */
    CSIKIT_COL_MAJOR = 1  /**< values[col * n_rows + row] (Fortran, R, Eigen, Julia) */
} csikit_layout;

/** Builds responses from an n_rows x n_cols matrix whose columns are named by `columns`
 *  (n_cols UTF-8 names; item columns, extra columns are ignored). CSIKIT_E_ARGUMENT when
 *  n_rows, n_cols or n_rows * n_cols exceeds the limit of the message (PTRDIFF_MAX / 8 values). NaN = missing; the survey's
 *  missing codes, scale checks and reverse recoding apply as for CSV. `weights` is NULL
 *  (unweighted) or n_rows respondent weights. The data keep a reference to the survey.
 *  CSIKIT_E_DATA names a missing item column or an out-of-scale value (row and column). */
CSIKIT_API int csikit_data_from_matrix(const csikit_survey *survey, const double *values, size_t n_rows,
                                       size_t n_cols, const char *const *columns, int layout,
                                       const double *weights, csikit_data **out);

/** Reads a CSV file of answers (header row of column names; comma, semicolon or tab). */
CSIKIT_API int csikit_data_read_csv(const csikit_survey *survey, const char *path, csikit_data **out);

/** Releases data; NULL is ignored. */
CSIKIT_API void csikit_data_free(csikit_data *data);

/** Number of respondents (rows) and items (columns, the survey's item order). Either out
 *  pointer may be NULL. */
CSIKIT_API int csikit_data_shape(const csikit_data *data, size_t *respondents, size_t *items);

/** The recoded values (NaN = missing) as a row-major respondents x items matrix. */
CSIKIT_API int csikit_data_values(const csikit_data *data, double *out, size_t capacity, size_t *size);

/* ---- descriptive scores ------------------------------------------------------------------- */

/** How answers become 0-100 scores (csikit::rescaling). */
typedef enum csikit_rescaling {
    CSIKIT_RESCALE_LINEAR = 0,       /**< 100 (x - a) / (b - a), the ACSI convention */
    CSIKIT_RESCALE_PROPORTIONAL = 1, /**< 100 x / b */
    CSIKIT_RESCALE_LABELS = 2        /**< the scale's per-value scores, linear elsewhere */
} csikit_rescaling;

/** Options of csikit_score_json. */
typedef struct csikit_score_options {
    uint32_t struct_size; /**< sizeof(csikit_score_options), set by the init function */
    int rescale;          /**< csikit_rescaling; default CSIKIT_RESCALE_LINEAR */
    double threshold;     /**< "satisfied" when the 0-100 score >= threshold; default 70 */
    double level;         /**< confidence level of every interval; default 0.95 */
    const char *by;       /**< segment column to break down by; NULL or "" = none */
    /* ---- appended later: callers built before pass a smaller struct_size and get the defaults ---- */
    int aggregate;        /**< csikit_aggregation of the hierarchy index; default RESPONDENT_FIRST */
    int interval;         /**< csikit_proportion_interval of every share; default WILSON */
    double nps_promoter_min;  /**< answers >= this are NPS promoters; default 9 */
    double nps_detractor_max; /**< answers <= this are NPS detractors; default 6 */
    int by_wave;          /**< nonzero: per-wave results when the survey has a wave column; default 1 */
    const char *language; /**< label language; NULL or "" = the survey's first language */
    int ahp_method;       /**< AHP weights of hierarchy nodes with an "ahp" matrix: 0 eigenvector (default), 1 geometric mean */
    int ahp_allow_inconsistent; /**< nonzero: accept an AHP consistency ratio above 0.1 (noted); default 0 */
} csikit_score_options;

/** How the hierarchy index is aggregated (csikit::aggregation). */
typedef enum csikit_aggregation {
    CSIKIT_AGGREGATE_RESPONDENT_FIRST = 0, /**< score each respondent over the tree, then the mean */
    CSIKIT_AGGREGATE_MEAN_FIRST = 1        /**< item means first, then weighted averages up the tree */
} csikit_aggregation;

/** Interval of a share (csikit::proportion_method). */
typedef enum csikit_proportion_interval {
    CSIKIT_INTERVAL_WILSON = 0,
    CSIKIT_INTERVAL_AGRESTI_COULL = 1,
    CSIKIT_INTERVAL_CLOPPER_PEARSON = 2
} csikit_proportion_interval;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_score_options_init(csikit_score_options *options);

/** Scores the data (item means and 0-100 scores with intervals, top box, NPS, the hierarchy
 *  index, breakdowns, wave changes) and returns the report as JSON text (docs/scoring.md).
 *  Caller frees *out with csikit_free. */
CSIKIT_API int csikit_score_json(const csikit_data *data, const csikit_score_options *options, char **out);


/* ---- PLS estimation ----------------------------------------------------------------------- */

/** Inner weighting scheme (csikit::inner_scheme). */
typedef enum csikit_scheme {
    CSIKIT_SCHEME_PATH = 0,
    CSIKIT_SCHEME_CENTROID = 1,
    CSIKIT_SCHEME_FACTORIAL = 2
} csikit_scheme;

/** Treatment of missing answers (csikit::missing_treatment). */
typedef enum csikit_missing {
    CSIKIT_MISSING_LISTWISE = 0,
    CSIKIT_MISSING_MEAN = 1,
    CSIKIT_MISSING_PAIRWISE = 2
} csikit_missing;

/** When the Wold/Lohmoeller iteration stops (csikit::stop_rule). */
typedef enum csikit_stopping {
    CSIKIT_STOP_MAX_ABS_CHANGE = 0, /**< max |w_new - w_old| < tolerance (default) */
    CSIKIT_STOP_PLSPM = 1           /**< plspm's rule on un-normalised outer estimates */
} csikit_stopping;

/** Options of csikit_estimate. */
typedef struct csikit_estimate_options {
    uint32_t struct_size; /**< sizeof(csikit_estimate_options), set by the init function */
    int scheme;           /**< csikit_scheme; default CSIKIT_SCHEME_PATH */
    int missing;          /**< csikit_missing; default CSIKIT_MISSING_LISTWISE */
    int consistent;       /**< nonzero: PLSc (Dijkstra-Henseler); default 0 */
    double tolerance;     /**< stop when max |w_new - w_old| < tolerance; default 1e-7 */
    int max_iterations;   /**< CSIKIT_E_CONVERGENCE beyond this; default 300 */
    int use_weights;      /**< nonzero: honour respondent weights; default 1 */
    int quality;          /**< nonzero: reliability, HTMT, VIF, f2, GoF, SRMR; default 1 */
    /* ---- appended later: callers built before pass a smaller struct_size and get the defaults ---- */
    int stopping;         /**< csikit_stopping; default CSIKIT_STOP_MAX_ABS_CHANGE */
    int keep_scores;      /**< nonzero: keep the construct scores (CSIKIT_CONSTRUCT_SCORES); default 0 */
    int f2_reestimate;    /**< nonzero: f2 by re-estimating without each path; default 0 */
    int strict;           /**< nonzero: PLSc fails (CSIKIT_E_NUMERIC) on an inadmissible solution; default 0 */
} csikit_estimate_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_estimate_options_init(csikit_estimate_options *options);

/** Estimates the survey's PLS path model (its constructs and paths) on `data`. The fit keeps
 *  references to the data and its survey. */
CSIKIT_API int csikit_estimate(const csikit_data *data, const csikit_estimate_options *options, csikit_fit **out);

/** Releases a fit; NULL is ignored. */
CSIKIT_API void csikit_fit_free(csikit_fit *fit);

/** What csikit_fit_count and csikit_fit_id enumerate. */
typedef enum csikit_fit_list {
    CSIKIT_FIT_CONSTRUCTS = 0, /**< J construct ids, in model order */
    CSIKIT_FIT_INDICATORS = 1  /**< p indicator ids, grouped by block */
} csikit_fit_list;

/** Number of constructs or indicators of the fit. */
CSIKIT_API int csikit_fit_count(const csikit_fit *fit, int list, size_t *count);

/** The id of construct/indicator `index` (borrowed, valid while the fit lives). */
CSIKIT_API int csikit_fit_id(const csikit_fit *fit, int list, size_t index, const char **id);

/** Estimates a fit hands out through csikit_fit_values. Shapes: J = constructs,
 *  p = indicators. Matrices over constructs are [to, from] (row = outcome). */
typedef enum csikit_fit_quantity {
    CSIKIT_PATHS = 0,             /**< J x J path coefficients [to, from] */
    CSIKIT_TOTAL_EFFECTS = 1,     /**< J x J [to, from] */
    CSIKIT_WEIGHTS = 2,           /**< p outer weights (standardised indicators) */
    CSIKIT_LOADINGS = 3,          /**< p loadings */
    CSIKIT_R2 = 4,                /**< J R-squared (0 for exogenous constructs) */
    CSIKIT_R2_ADJUSTED = 5,       /**< J adjusted R-squared */
    CSIKIT_AVE = 6,               /**< J average variance extracted */
    CSIKIT_RHO_C = 7,             /**< J composite reliability */
    CSIKIT_RHO_A = 8,             /**< J Dijkstra-Henseler rho_A */
    CSIKIT_ALPHA = 9,             /**< J Cronbach's alpha */
    CSIKIT_HTMT = 10,             /**< J x J heterotrait-monotrait ratios */
    CSIKIT_CROSS_LOADINGS = 11,   /**< p x J */
    CSIKIT_CONSTRUCT_CORRELATION = 12, /**< J x J */
    CSIKIT_OUTER_VIF = 13,        /**< p */
    CSIKIT_WEIGHTS_UNSTANDARDIZED = 14, /**< p weights on the raw item scale */
    CSIKIT_INDIRECT_EFFECTS = 15, /**< J x J [to, from] */
    CSIKIT_CONSTRUCT_SCORES = 16  /**< n x J standardised construct scores (0 x 0 unless keep_scores) */
} csikit_fit_quantity;

/** Copies one quantity of the fit into `out` (row-major) and writes its shape to *rows and
 *  *cols (vectors: cols = 1). `size` receives rows * cols. Quality criteria that were not
 *  computed (options.quality = 0) have shape 0 x 0. rows, cols may be NULL. */
CSIKIT_API int csikit_fit_values(const csikit_fit *fit, int quantity, double *out, size_t capacity,
                                 size_t *size, size_t *rows, size_t *cols);

/** Scalar facts about a fit. */
typedef struct csikit_fit_info {
    uint32_t struct_size;       /**< the caller sets sizeof(csikit_fit_info) */
    int iterations;             /**< iterations of the Wold/Lohmoeller loop */
    int converged;              /**< 1 if the iteration met the tolerance */
    int consistent;             /**< 1 if PLSc corrections were applied */
    int admissible;             /**< 0 if PLSc gave an inadmissible solution */
    double gof;                 /**< Tenenhaus goodness of fit */
    double srmr;                /**< standardised root mean square residual */
    size_t respondents;         /**< respondents in the data */
    size_t respondents_used;    /**< respondents used (listwise: complete ones) */
} csikit_fit_info;

/** Fills *info; the caller sets info->struct_size first (fields beyond it are not written). */
CSIKIT_API int csikit_fit_get_info(const csikit_fit *fit, csikit_fit_info *info);

/** The full report.json of the fit (the same document as `csikit analyze --json`: estimates,
 *  quality criteria, 0-100 indices with intervals, impacts and, when the survey binds a preset,
 *  the IPA of its satisfaction construct), with the bootstrap statistics of `boot` when it is
 *  not NULL (boot must come from this fit). indent -1 gives one line, 0..64 spaces per level
 *  (CSIKIT_E_ARGUMENT naming `indent` otherwise). Caller frees *out with csikit_free. */
CSIKIT_API int csikit_fit_report_json(const csikit_fit *fit, const csikit_boot *boot, int indent, char **out);

/** report.json as csikit_fit_report_json, with the IPA/IPMA of `target` and indices per group
 *  `by` (`csikit analyze --target T --by C`). `target` NULL or "" = the satisfaction construct
 *  of the survey's bound preset (none: the IPA is skipped with a note); `by` NULL or "" = no
 *  groups, else a segment or the wave column. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_fit_index_report_json(const csikit_fit *fit, const csikit_boot *boot, const char *target,
                                            const char *by, int indent, char **out);

/* ---- bootstrap ---------------------------------------------------------------------------- */

/** Progress callback: `done` of `total` estimates finished. Called on the thread that called
 *  csikit_bootstrap, never concurrently. Return 0 to continue, nonzero to cancel (the
 *  bootstrap then returns CSIKIT_E_CANCELLED). */
typedef int (*csikit_progress_fn)(size_t done, size_t total, void *user_data);

/** Options of csikit_bootstrap. */
typedef struct csikit_bootstrap_options {
    uint32_t struct_size;        /**< sizeof(csikit_bootstrap_options), set by the init function */
    size_t resamples;            /**< B >= 2; default 5000 */
    uint64_t seed;               /**< results depend on the seed only, never on threads; default 1 */
    unsigned threads;            /**< worker threads; 0 = all cores (default) */
    double confidence;           /**< interval level in (0, 1); default 0.95 */
    int bca;                     /**< nonzero: BCa intervals (jackknife); default 1 */
    csikit_progress_fn progress; /**< NULL = no progress reports */
    void *user_data;             /**< passed to progress unchanged */
    int drop_inadmissible;       /**< nonzero: PLSc resamples with inadmissible solutions count as failed */
    int indices;                 /**< nonzero: also bootstrap every construct's 0-100 index (kind INDEX);
                                      default 1, as `csikit analyze --bootstrap` */
    /* ---- appended later: callers built before pass a smaller struct_size and get the defaults ---- */
    size_t jackknife_max;        /**< exact jackknife up to this many respondents, grouped beyond; default 2000 */
    double max_failed_share;     /**< CSIKIT_E_NUMERIC when more resamples fail; default 0.2 */
    /* ---- appended for mediation (issue 15) ---- */
    const char *mediation;       /**< chains whose mediation is classified first, "FROM,THROUGH,TO;..."
                                      (ids separated by commas, chains by semicolons); NULL or "" = none.
                                      Every specific indirect effect is bootstrapped anyway (report JSON) */
    int criteria;                /**< nonzero: also bootstrap HTMT, f2, adjusted R2, total and specific
                                      indirect effects and the mediation classes; default 1 */
} csikit_bootstrap_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_bootstrap_options_init(csikit_bootstrap_options *options);

/** Bootstraps a fit: B resamples of its respondents, re-estimated with the fit's options. */
CSIKIT_API int csikit_bootstrap(const csikit_fit *fit, const csikit_bootstrap_options *options, csikit_boot **out);

/** Releases a bootstrap; NULL is ignored. */
CSIKIT_API void csikit_boot_free(csikit_boot *boot);

/** Which estimate a bootstrap parameter summarises. */
typedef enum csikit_parameter_kind {
    CSIKIT_PARAM_WEIGHT = 0,
    CSIKIT_PARAM_LOADING = 1,
    CSIKIT_PARAM_PATH = 2,
    CSIKIT_PARAM_TOTAL_EFFECT = 3,
    CSIKIT_PARAM_R2 = 4,
    CSIKIT_PARAM_INDEX = 5, /**< a construct's 0-100 index (only with options->indices) */
    /* Found by csikit_boot_find, not listed by csikit_boot_parameter_at (see the report JSON): */
    CSIKIT_PARAM_HTMT = 6,            /**< HTMT of constructs a, b (a first in model order) */
    CSIKIT_PARAM_F2 = 7,              /**< f2 of the path a -> b */
    CSIKIT_PARAM_R2_ADJUSTED = 8,     /**< adjusted R2 of construct a */
    CSIKIT_PARAM_TOTAL_INDIRECT = 9,  /**< total indirect effect of a on b */
    CSIKIT_PARAM_INDIRECT_EFFECT = 10 /**< specific indirect effect, a = "A -> M -> B" */
} csikit_parameter_kind;

/** The bootstrap summary of one estimate. */
typedef struct csikit_boot_parameter {
    uint32_t struct_size; /**< the caller sets sizeof(csikit_boot_parameter) */
    int kind;             /**< csikit_parameter_kind */
    const char *label;    /**< "IMAG1", "IMAG -> CUEX", "CUSA" (borrowed from the boot handle) */
    double estimate;      /**< the original estimate */
    double mean;          /**< mean over the successful resamples */
    double bias;          /**< mean - estimate */
    double se;            /**< standard deviation over the resamples */
    double t;             /**< estimate / se */
    double p;             /**< two-sided p value */
    double ci_low, ci_high;   /**< percentile interval */
    double bca_low, bca_high; /**< BCa interval (NaN if not computed) */
} csikit_boot_parameter;

/** Number of summarised parameters (weights, loadings, paths, total effects, R2, then the
 *  indices when bootstrapped) and resample counts (any out pointer may be NULL). */
CSIKIT_API int csikit_boot_counts(const csikit_boot *boot, size_t *parameters, size_t *resamples,
                                  size_t *succeeded, size_t *failed);

/** Parameter `index` (0 <= index < parameters). The caller sets out->struct_size first. */
CSIKIT_API int csikit_boot_parameter_at(const csikit_boot *boot, size_t index, csikit_boot_parameter *out);

/** The parameter of `kind` named by ids: weight/loading by indicator id `a`; path/total
 *  effect by construct ids `a` (from) and `b` (to); r2 and index by construct id `a`. CSIKIT_E_ARGUMENT
 *  if there is none. The caller sets out->struct_size first. */
CSIKIT_API int csikit_boot_find(const csikit_boot *boot, int kind, const char *a, const char *b,
                                csikit_boot_parameter *out);

/* ---- indices and importance-performance analysis ------------------------------------------ */

/** Where the IPA cross-hair sits (csikit::crosshair_rule). */
typedef enum csikit_crosshair {
    CSIKIT_CROSSHAIR_MIDPOINT = 0, /**< middle of each axis' scale (0..100) */
    CSIKIT_CROSSHAIR_MEAN = 1,     /**< mean over the factors (default) */
    CSIKIT_CROSSHAIR_MEDIAN = 2,   /**< median over the factors */
    CSIKIT_CROSSHAIR_CUSTOM = 3    /**< custom_importance / custom_performance */
} csikit_crosshair;

/** IPA quadrants ("high" means >= the cross-hair). */
typedef enum csikit_quadrant {
    CSIKIT_CONCENTRATE_HERE = 0,  /**< high importance, low performance */
    CSIKIT_KEEP_UP = 1,           /**< high importance, high performance */
    CSIKIT_LOW_PRIORITY = 2,      /**< low importance, low performance */
    CSIKIT_POSSIBLE_OVERKILL = 3  /**< low importance, high performance */
} csikit_quadrant;

/** Options of indices and IPA/IPMA. */
typedef struct csikit_ipa_options {
    uint32_t struct_size;      /**< sizeof(csikit_ipa_options), set by the init function */
    int crosshair;             /**< csikit_crosshair; default CSIKIT_CROSSHAIR_MEAN */
    double custom_importance;  /**< cross-hair for CSIKIT_CROSSHAIR_CUSTOM */
    double custom_performance; /**< cross-hair for CSIKIT_CROSSHAIR_CUSTOM */
    double level;              /**< confidence level of index intervals; default 0.95 */
    int use_respondents;       /**< nonzero: performances/SDs from respondent scores (default 1) */
    /* ---- appended later: callers built before pass a smaller struct_size and get the defaults ---- */
    int use_weights;           /**< nonzero: weight respondents by the data's weights (default 1) */
} csikit_ipa_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_ipa_options_init(csikit_ipa_options *options);

/** The 0-100 index of every construct of the fit (fit construct order), from unstandardised
 *  outer weights and the scales' theoretical bounds. options may be NULL. */
CSIKIT_API int csikit_fit_indices(const csikit_fit *fit, const csikit_ipa_options *options, double *out,
                                  size_t capacity, size_t *size);

/** Indices with intervals and impacts as JSON text: {"constructs": [{"id", "index", "score_sd",
 *  "items", "weights", "mean", "se", "ci_low", "ci_high", "n", "effective_n"}], "impacts":
 *  {"constructs", "values" [to][from]}}. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_fit_indices_json(const csikit_fit *fit, const csikit_ipa_options *options, char **out);

/** Places n factors on the importance-performance plane: writes n quadrants (csikit_quadrant)
 *  and the cross-hair. importance_cut / performance_cut may be NULL. */
CSIKIT_API int csikit_ipa(const double *importance, const double *performance, size_t n,
                          const csikit_ipa_options *options, int *quadrants, double *importance_cut,
                          double *performance_cut);

/** The importance-performance map (IPMA) of the fit for construct `target`, as JSON text:
 *  {"target", "constructs": {"importance_cut", "performance_cut", "points": [{"id",
 *  "construct", "importance", "performance", "quadrant"}]}, "indicators": {same shape}}.
 *  Importance is the unstandardised total effect on the target (0-100 metric), performance the
 *  0-100 index; quadrants use options->crosshair. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_fit_ipma_json(const csikit_fit *fit, const char *target, const csikit_ipa_options *options,
                                    char **out);

/* ---- the whole analysis (report.json) with its options ---------------------------------- */

/** Options of csikit_fit_analysis_json (`csikit analyze --target --by --crosshair --level`). */
typedef struct csikit_analysis_options {
    uint32_t struct_size; /**< sizeof(csikit_analysis_options), set by the init function */
    const char *target;   /**< IPA/IPMA target; NULL or "" = the satisfaction construct of the bound preset */
    const char *by;       /**< segment or wave column for indices per group; NULL or "" = none */
    int crosshair;        /**< csikit_crosshair of the IPA; default CSIKIT_CROSSHAIR_MEAN */
    double level;         /**< confidence level of the index t-intervals; default 0.95 */
    int use_weights;      /**< nonzero: weight respondents in the index scores; default 1 */
} csikit_analysis_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_analysis_options_init(csikit_analysis_options *options);

/** report.json of the fit with the analysis `options` (NULL = defaults) and the bootstrap
 *  statistics of `boot` (NULL or a bootstrap of this fit): the document of
 *  csikit_fit_index_report_json with every analysis option reachable. indent -1..64. Caller
 *  frees *out with csikit_free. */
CSIKIT_API int csikit_fit_analysis_json(const csikit_fit *fit, const csikit_boot *boot,
                                        const csikit_analysis_options *options, int indent, char **out);

/** The description of the options of every analysis (name, type, default, doc, and the CLI
 *  flag, Python keyword and C field that reach each one, or why a face lacks it) as JSON text
 *  (docs/options.md). Caller frees *out with csikit_free. */
CSIKIT_API int csikit_options_json(char **out);

/* ---- readers: a schema drafted from a data file (docs/data.md) ---------------------------- */

/** Drafts a schema from the data file at `path` (SPSS .sav/.zsav, Stata .dta, Excel .xlsx or
 *  CSV, told by its first bytes), as `csikit import --json` prints it: {"format", "respondents",
 *  "schema", "metadata_columns", "skipped_columns", "notes"}. `language` is "en" or "zh" (NULL:
 *  "en"); `sheet` names an Excel sheet (NULL or "": the first). Caller frees *out with
 *  csikit_free. */
CSIKIT_API int csikit_draft_schema_json(const char *path, const char *language, const char *sheet, char **out);
/* ---- issue 14: IPA from stated or derived importance (no path model) ------------------- */

/** Options of csikit_survey_ipa_json (csikit::survey_ipa_options). */
typedef struct csikit_survey_ipa_options {
    uint32_t struct_size;      /**< sizeof(csikit_survey_ipa_options), set by the init function */
    const char *importance;    /**< "stated", "correlation", "beta", "pratt", "rwa", "lmg"; NULL = automatic */
    int crosshair;             /**< csikit_crosshair; default CSIKIT_CROSSHAIR_MEAN */
    double custom_importance;  /**< cross-hair for CSIKIT_CROSSHAIR_CUSTOM */
    double custom_performance; /**< cross-hair for CSIKIT_CROSSHAIR_CUSTOM */
    int diagonal;              /**< nonzero: the iso-priority diagonal (gap I - P) */
    const char *by;            /**< segment or wave column: a map per group; NULL = none */
    int use_weights;           /**< nonzero: weight respondents by the data's weights (default 1) */
} csikit_survey_ipa_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_survey_ipa_options_init(csikit_survey_ipa_options *options);

/** The importance-performance map of the data's survey from stated or derived importance, as
 *  the JSON of csikit::to_json(survey_ipa_result) (docs/ipa.md): {"importance", "crosshair",
 *  "factors": [{"id", "importance", "performance", "quadrant", "priority", "rank", ...}],
 *  "priority_order", "groups", ...}. options may be NULL. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_survey_ipa_json(const csikit_data *data, const csikit_survey_ipa_options *options, char **out);
/* ---- issue 14: trends over many waves (docs/trend.md) ------------------------------------ */

/** Options of csikit_trend_json (csikit::trend_options; the score options of each wave). */
typedef struct csikit_trend_options {
    uint32_t struct_size;     /**< sizeof(csikit_trend_options), set by the init function */
    const char *wave;         /**< the wave column; NULL or "" = the schema's wave_column. The data
                                   handle must have read it (a segment or the wave column) */
    double control_sigma;     /**< control limits at center -/+ this many SE; default 3 */
    int rescale;              /**< csikit_rescaling; default CSIKIT_RESCALE_LINEAR */
    int aggregate;            /**< csikit_aggregation; default RESPONDENT_FIRST */
    double threshold;         /**< "satisfied" when the 0-100 score >= threshold; default 70 */
    double level;             /**< confidence level of every interval and test; default 0.95 */
    int interval;             /**< csikit_proportion_interval of every share; default WILSON */
    double nps_promoter_min;  /**< answers >= this are NPS promoters; default 9 */
    double nps_detractor_max; /**< answers <= this are NPS detractors; default 6 */
    const char *language;     /**< label language; NULL or "" = the survey's first language */
    int ahp_method;           /**< 0 eigenvector (default), 1 geometric mean */
    int ahp_allow_inconsistent; /**< nonzero: accept an AHP consistency ratio above 0.1 */
} csikit_trend_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_trend_options_init(csikit_trend_options *options);

/** Every figure of the score report over the waves, as the JSON of csikit::to_json(trend_report)
 *  (docs/trend.md): {"analysis": "trend", "wave_column", "waves", "series": [{"figure", "id",
 *  "points": [{"wave", "estimate", "ci", "lower_limit", "upper_limit", "out_of_control"}],
 *  "trend": {"slope", "se", "statistic", "p"}, "first_last", "consecutive"}], "notes"}. Fewer
 *  than 3 waves is an error naming the wave column. options may be NULL. Free *out with csikit_free. */
CSIKIT_API int csikit_trend_json(const csikit_data *data, const csikit_trend_options *options, char **out);

/* ---- issue 14 item 7: coded open answers and feedback records (docs/feedback.md) --------- */

/** Options of csikit_feedback_json (csikit::feedback_options). */
typedef struct csikit_feedback_options {
    uint32_t struct_size;     /**< sizeof(csikit_feedback_options), set by the init function */
    const char *by;           /**< segment column of the breakdown; NULL or "" = none. The data
                                   handle must have read it (a segment or the wave column) */
    const char *wave;         /**< the wave column; NULL or "" = the schema's wave_column */
    const char *on;           /**< item or node of the satisfied rule; NULL or "" = the hierarchy
                                   root, else the schema's overall_item */
    size_t top;               /**< categories listed for the dissatisfied; default 5 */
    int verbatims;            /**< nonzero (default): quote the lowest scorers' verbatims */
    size_t max_verbatims;     /**< verbatims at most, 1..200; default 10 */
    int rescale;              /**< csikit_rescaling; default CSIKIT_RESCALE_LINEAR */
    int aggregate;            /**< csikit_aggregation; default RESPONDENT_FIRST */
    double threshold;         /**< a node's respondent is satisfied when the score >= this; default 70 */
    const char *language;     /**< label language; NULL or "" = the survey's first language */
} csikit_feedback_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_feedback_options_init(csikit_feedback_options *options);

/** The feedback records as the JSON of csikit::to_json(feedback_report) (docs/feedback.md):
 *  {"analysis": "feedback", "items": [{"id", "overall": {"categories": [{"id",
 *  "share_of_respondents", "share_of_mentions"}]}, "by_segment", "by_wave", "dissatisfied"}],
 *  "verbatims": [{"line", "score", "text"}]}. options may be NULL (defaults). *out is freed with
 *  csikit_free. Returns 0 or an error status (csikit_last_error says where and what). */
CSIKIT_API int csikit_feedback_json(const csikit_data *data, const csikit_feedback_options *options, char **out);

/* ---- multi-group analysis (docs/mga.md) ---------------------------------------------------- */

/** Whose means replace a missing answer (csikit_mga_options.imputation). */
typedef enum csikit_mga_imputation {
    CSIKIT_MGA_GROUP_MEANS = 0,  /**< each group's own item means (cSEM) */
    CSIKIT_MGA_POOLED_MEANS = 1  /**< the pooled item means of every respondent analysed (seminr) */
} csikit_mga_imputation;

/** Correction of the pairwise p values over the pairs of a parameter. */
typedef enum csikit_p_adjustment {
    CSIKIT_ADJUST_NONE = 0,
    CSIKIT_ADJUST_HOLM = 1,
    CSIKIT_ADJUST_BONFERRONI = 2
} csikit_p_adjustment;

/** Options of csikit_mga_json (`csikit mga`). */
typedef struct csikit_mga_options {
    uint32_t struct_size;    /**< sizeof(csikit_mga_options), set by the init function */
    size_t permutations;     /**< permutation runs (differences, MICOM); 0 = none; default 1000 */
    size_t bootstrap;        /**< resamples per group (PLS-MGA, parametric, Welch); 0 = none (default) */
    uint64_t seed;           /**< results depend on the seed only, never on threads; default 1 */
    unsigned threads;        /**< worker threads; 0 = all cores (default) */
    int micom;               /**< nonzero: MICOM steps 1-3; default 1 */
    int imputation;          /**< csikit_mga_imputation; default CSIKIT_MGA_GROUP_MEANS */
    int adjust;              /**< csikit_p_adjustment; default CSIKIT_ADJUST_HOLM */
    double alpha;            /**< level of the verdicts; default 0.05 */
    double max_failed_share; /**< CSIKIT_E_NUMERIC when more runs fail; default 0.2 */
    int scheme;              /**< csikit_scheme; default CSIKIT_SCHEME_PATH */
    int missing;             /**< csikit_missing (no pairwise); default CSIKIT_MISSING_LISTWISE */
    int consistent;          /**< nonzero: PLSc; default 0 */
    double tolerance;        /**< default 1e-7 */
    int max_iterations;      /**< default 300 */
    int use_weights;         /**< nonzero: honour respondent weights; default 1 */
} csikit_mga_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_mga_options_init(csikit_mga_options *options);

/** The multi-group analysis of the survey's model on `data`, split by the segment or wave
 *  column `column`: per-group estimates, tests of differences, MICOM (the JSON of
 *  `csikit mga --json`). options NULL = defaults; indent -1..64. Caller frees *out with
 *  csikit_free. CSIKIT_E_ARGUMENT for an unknown column or fewer than two groups. */
CSIKIT_API int csikit_mga_json(const csikit_data *data, const char *column, const csikit_mga_options *options,
                               int indent, char **out);
/* ---- model syntax, higher-order constructs, interaction terms (issue 15) -------------------- */

/** A new survey: `survey` with its model replaced by lavaan-style model syntax (UTF-8,
 *  NUL-terminated; `IMAG =~ IMAG1 + IMAG2`, `<~` Mode B, `CUSA ~ IMAG + CUEX`, `X:M`
 *  interactions, `QUAL =~ ENV + STAFF` higher-order constructs; docs/schema.md). CSIKIT_E_PARSE
 *  or CSIKIT_E_SCHEMA naming line and column. A fit of the new survey estimates the extension. */
CSIKIT_API int csikit_survey_with_model(const csikit_survey *survey, const char *model_text, csikit_survey **out);

/** The "model_extension" document of a fit (higher-order constructs with LOC weights and
 *  loadings, interaction terms with simple slopes, the first stage's report.json; docs/report.md),
 *  or "null" for an ordinary model. indent -1..64. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_fit_extension_json(const csikit_fit *fit, int indent, char **out);
/* ---- data: read options and the Arrow C stream -------------------------------------------- */

/** How a data file is read (csikit::read_options; docs/data.md). */
typedef struct csikit_read_options {
    uint32_t struct_size;     /**< sizeof(csikit_read_options), set by the init function */
    const char *encoding;     /**< "utf-8", "utf-16", "gbk", "gb18030", "latin-1", "cp1252"; NULL or "" = detect */
    int header_rows;          /**< header rows above the data; 0 = detect (Qualtrics 3, SurveyMonkey 2, else 1) */
    int out_of_scale_missing; /**< nonzero: a value outside its scale is missing; 0 = an error (default) */
    const char *sheet;        /**< Excel .xlsx: the sheet to read by name; NULL or "" = the first (also for
                                   a caller built before this field: its struct_size ends before it) */
} csikit_read_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_read_options_init(csikit_read_options *options);

/** csikit_data_read_csv with read options (NULL = the defaults). */
CSIKIT_API int csikit_data_read_csv_with(const csikit_survey *survey, const char *path,
                                         const csikit_read_options *options, csikit_data **out);

struct ArrowArrayStream; /* the Arrow C stream interface, declared in csikit/arrow_abi.h */

/** Reads responses from an Arrow C stream of record batches (pyarrow, polars, DuckDB, nanoarrow,
 *  ...): item columns of integers, floats, booleans or strings (numbers as text or the scale's
 *  labels), dictionary-encoded strings, nulls = missing. The stream is consumed and released,
 *  also on error. CSIKIT_E_PARSE for a stream that breaks the interface, CSIKIT_E_DATA for the
 *  answers' problems, as for CSV. `options` may be NULL; its encoding, header_rows and sheet are unused. */
CSIKIT_API int csikit_data_read_arrow(const csikit_survey *survey, struct ArrowArrayStream *stream,
                                      const csikit_read_options *options, csikit_data **out);
/* ---- out-of-sample prediction: PLSpredict and CVPAT (docs/predict.md) -------------------- */

/** How held-out construct scores are predicted. */
typedef enum csikit_predict_approach {
    CSIKIT_PREDICT_DIRECT = 0,  /**< direct antecedents (seminr predict_DA) */
    CSIKIT_PREDICT_EARLIEST = 1 /**< earliest antecedents (cSEM's default) */
} csikit_predict_approach;

/** The linear-model benchmark. */
typedef enum csikit_predict_benchmark {
    CSIKIT_BENCHMARK_SEMINR = 0, /**< OLS with intercept on every item outside the construct */
    CSIKIT_BENCHMARK_CSEM = 1    /**< OLS without intercept on the exogenous constructs' items */
} csikit_predict_benchmark;

/** Options of csikit_fit_predict_json (`csikit predict`). */
typedef struct csikit_predict_options {
    uint32_t struct_size; /**< sizeof(csikit_predict_options), set by the init function */
    size_t folds;         /**< K folds; 0 = leave-one-out; default 10 */
    size_t repeats;       /**< repetitions of the K-fold split; default 10 */
    uint64_t seed;        /**< the folds depend on the seed only, never on threads; default 1 */
    unsigned threads;     /**< worker threads; 0 = all cores (default) */
    int approach;         /**< csikit_predict_approach; default CSIKIT_PREDICT_DIRECT */
    int benchmark;        /**< csikit_predict_benchmark; default CSIKIT_BENCHMARK_SEMINR */
    int scheme;           /**< inner scheme of every training fit (csikit_scheme); default path */
    double tolerance;     /**< stopping tolerance of every training fit; default 1e-10 */
    int max_iterations;   /**< default 300 */
    int cvpat;            /**< nonzero: add CVPAT against the IA and LM benchmarks; default 0 */
    double level;         /**< CVPAT significance level 1 - level; default 0.95 */
} csikit_predict_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_predict_options_init(csikit_predict_options *options);

/** PLSpredict of the fit's model on its data as JSON text (the document of `csikit predict
 *  --json`); with options->cvpat or a `compare` fit (NULL = none) also "cvpat": the test of the
 *  model against the IA and LM benchmarks, or against `compare`'s model on the first fit's data.
 *  options may be NULL. indent -1..64. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_fit_predict_json(const csikit_fit *fit, const csikit_fit *compare,
                                       const csikit_predict_options *options, int indent, char **out);

/* ---- issue 14: crosstabs (docs/crosstab.md) ---------------------------------------------- */

/** Options of csikit_crosstab_json (csikit::crosstab_options, `csikit crosstab`). */
typedef struct csikit_crosstab_options {
    uint32_t struct_size;   /**< sizeof(csikit_crosstab_options), set by the init function */
    const char *rows;       /**< item, hierarchy node, "satisfied:ID" or column (required) */
    const char *cols;       /**< background segment or wave column (required) */
    const char *layer;      /**< second background column: one table per value; NULL = none */
    double alpha;           /**< level of the test verdict and the column letters; default 0.05 */
    int use_weights;        /**< nonzero: weight respondents by the data's weights (default 1) */
    double level;           /**< confidence level of the mean intervals; default 0.95 */
    double threshold;       /**< satisfied: 0-100 score >= threshold where no rule is set; default 70 */
    const char *rescale;    /**< "linear", "proportional", "labels"; NULL = linear */
    const char *language;   /**< label language; NULL = the survey's first */
} csikit_crosstab_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_crosstab_options_init(csikit_crosstab_options *options);

/** The crosstab of the data as JSON text (the document of `csikit crosstab --json`,
 *  csikit::to_json(crosstab_result)): {"kind", "rows", "columns", "tables": [{"cells", "test",
 *  ...}], "excluded", "notes", ...}. options must name rows and cols. Caller frees *out with
 *  csikit_free. */
CSIKIT_API int csikit_crosstab_json(const csikit_data *data, const csikit_crosstab_options *options, char **out);

/* ---- the bootstrap at scale (docs/scale.md) --------------------------------------------- */

/** A replicate state: the moments of the respondents added so far and of B Poisson(1)
 *  bootstrap replicates, whose counts come from (seed, respondent key, replicate) alone. */
typedef struct csikit_replicates csikit_replicates;

/** What a new replicate state holds. Set with csikit_replicates_options_init first. */
typedef struct csikit_replicates_options {
    uint32_t struct_size;   /**< sizeof(csikit_replicates_options), set by _init */
    uint64_t replicates;    /**< B, 0..10000 (0 keeps the full sample only); default 200 */
    uint64_t seed;          /**< the replicates depend on it and the keys only; default 1 */
    const char *id_column;  /**< segment or wave column whose text keys a respondent;
                                 NULL or "" = the global row number; default NULL */
    int use_weights;        /**< nonzero: honour the survey's weight column; default 1 */
} csikit_replicates_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_replicates_options_init(csikit_replicates_options *options);

/** A new empty state of the survey's model indicators (options NULL = the defaults; the id
 *  column text is copied). Free with csikit_replicates_free. */
CSIKIT_API int csikit_replicates_create(const csikit_survey *survey, const csikit_replicates_options *options,
                                        csikit_replicates **out);
/** Adds every respondent of `data`; without an id column their keys are the row numbers
 *  first_row, first_row + 1, ... */
CSIKIT_API int csikit_replicates_add(csikit_replicates *state, const csikit_data *data, uint64_t first_row);
/** Merges `other` into `state` (CSIKIT_E_DATA naming the difference of B, seed, keys or items). */
CSIKIT_API int csikit_replicates_merge(csikit_replicates *state, const csikit_replicates *other);
/** The state's bytes (versioned, checksummed; docs/scale.md): *bytes malloc'd, free with csikit_free. */
CSIKIT_API int csikit_replicates_to_bytes(const csikit_replicates *state, char **bytes, size_t *size);
/** A state from its bytes (CSIKIT_E_PARSE for truncated, corrupted or foreign bytes). */
CSIKIT_API int csikit_replicates_from_bytes(const char *bytes, size_t size, csikit_replicates **out);
/** Estimates the survey's model from the state (listwise) and bootstraps it on the replicates:
 *  report.json text with the "bootstrap" section. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_replicates_bootstrap_json(const csikit_replicates *state, const csikit_survey *survey,
                                                char **out);
/** Frees a state (NULL, freed and foreign pointers are ignored). */
CSIKIT_API void csikit_replicates_free(csikit_replicates *state);

/* ---- incremental tracking: moment states (docs/streaming.md) ---------------------------- */

/** A moment state: what every missing treatment needs of the model's indicators, the weights
 *  and the missing answers per item, added batch by batch, mergeable and serialisable (the
 *  C face of `csikit accumulate` and csikit::moment_accumulator). */
typedef struct csikit_acc csikit_acc;

/** What a new state holds. Set with csikit_acc_options_init first. */
typedef struct csikit_acc_options {
    uint32_t struct_size;  /**< sizeof(csikit_acc_options), set by _init */
    int use_weights;       /**< nonzero: honour the survey's weight column; default 1 */
} csikit_acc_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_acc_options_init(csikit_acc_options *options);
/** A new empty state of the survey's model indicators (options NULL = the defaults). Free with
 *  csikit_acc_free. */
CSIKIT_API int csikit_acc_create(const csikit_survey *survey, const csikit_acc_options *options, csikit_acc **out);
/** Adds every respondent of `data` (read with the state's survey). */
CSIKIT_API int csikit_acc_add(csikit_acc *state, const csikit_data *data);
/** Adds every respondent of the data file at `path` (CSV streamed chunk by chunk, so memory does
 *  not grow with the file; SPSS, Stata and Excel read whole), read with `survey` (the state's)
 *  and `options` (NULL = the defaults). The errors of csikit_data_read_csv_with. */
CSIKIT_API int csikit_acc_add_file(csikit_acc *state, const csikit_survey *survey, const char *path,
                                   const csikit_read_options *options);

/** csikit_score_json of the CSV file at `path`, read chunk by chunk into sums per group: memory
 *  bounded whatever the file's size, the same report (means and shares to 1e-12;
 *  docs/streaming.md). `read` may be NULL (the defaults). Respondent-first aggregation only:
 *  CSIKIT_AGGREGATE_MEAN_FIRST is CSIKIT_E_ARGUMENT. Caller frees *out with csikit_free. */
CSIKIT_API int csikit_score_file_json(const csikit_survey *survey, const char *path, const csikit_score_options *options,
                                      const csikit_read_options *read, char **out);
/** Merges `other` into `state`: CSIKIT_E_DATA naming the difference when their items, survey
 *  definition (scales, missing codes, reversed items, weight column) or use_weights differ. */
CSIKIT_API int csikit_acc_merge(csikit_acc *state, const csikit_acc *other);
/** The respondents added so far (merged states included). */
CSIKIT_API int csikit_acc_respondents(const csikit_acc *state, uint64_t *respondents);
/** The state's bytes (versioned, little-endian, checksummed; docs/streaming.md): *bytes
 *  malloc'd, free with csikit_free. */
CSIKIT_API int csikit_acc_to_bytes(const csikit_acc *state, char **bytes, size_t *size);
/** A state from its bytes (CSIKIT_E_PARSE naming what is wrong with truncated, corrupted,
 *  foreign or newer-version bytes). */
CSIKIT_API int csikit_acc_from_bytes(const char *bytes, size_t size, csikit_acc **out);
/** What the state holds as JSON text (the document of `csikit accumulate --json`): respondents,
 *  excluded, mode, weighted, fingerprint, items with their missing counts. Free with csikit_free. */
CSIKIT_API int csikit_acc_summary_json(const csikit_acc *state, char **out);
/** report.json of the survey's model estimated from the state (`csikit analyze --state`): paths,
 *  quality criteria, 0-100 indices, impacts and the IPMA from the moments (options NULL = the
 *  defaults; use_weights follows the state). CSIKIT_E_ARGUMENT for a model with higher-order
 *  constructs or interaction terms; CSIKIT_E_DATA for a state of another survey definition.
 *  Caller frees *out with csikit_free. */
CSIKIT_API int csikit_acc_analyze_json(const csikit_acc *state, const csikit_survey *survey,
                                       const csikit_estimate_options *options, char **out);
/** Frees a state (NULL, freed and foreign pointers are ignored). */
CSIKIT_API void csikit_acc_free(csikit_acc *state);

/* ---- issue 14: composition-adjusted scores (docs/crosstab.md) -------------------------- */

/** Options of csikit_standardize_json (csikit::standardize_options, `csikit score --adjust-for`). */
typedef struct csikit_standardize_options {
    uint32_t struct_size;      /**< sizeof(csikit_standardize_options), set by the init function */
    const char *by;            /**< groups compared; NULL = the survey's wave column */
    const char *adjust_for;    /**< background column whose mix is held fixed (required) */
    const char *reference;     /**< "pooled" (default when NULL), "first" or "given" */
    const char *shares;        /**< reference "given": JSON {"VALUE": share} or CSV "value,share" lines */
    int use_weights;           /**< nonzero: weight respondents by the data's weights (default 1) */
    double level;              /**< confidence level of the intervals and tests; default 0.95 */
    const char *rescale;       /**< "linear", "proportional", "labels"; NULL = linear */
} csikit_standardize_options;

/** Fills *options with the defaults. */
CSIKIT_API int csikit_standardize_options_init(csikit_standardize_options *options);

/** Each group's 0-100 scores, raw and directly standardised to the reference mix, with the
 *  group-to-group changes, as JSON text (csikit::to_json(standardized_comparison), the
 *  "standardized" member of `csikit score --json --adjust-for`). options must name adjust_for.
 *  Caller frees *out with csikit_free. */
CSIKIT_API int csikit_standardize_json(const csikit_data *data, const csikit_standardize_options *options, char **out);

#ifdef __cplusplus
}
#endif

#endif /* CSIKIT_H */
