# estimate(): the PLS path model of a survey on data, with seminr-like results.

# csikit_fit_quantity values (csikit.h).
.q <- c(paths = 0L, total_effects = 1L, weights = 2L, loadings = 3L, r2 = 4L, r2_adjusted = 5L,
        ave = 6L, rho_c = 7L, rho_a = 8L, alpha = 9L, htmt = 10L, cross_loadings = 11L,
        construct_correlation = 12L, outer_vif = 13L, weights_unstandardized = 14L,
        indirect_effects = 15L, construct_scores = 16L)

estimate <- function(data, model, scheme = c("path", "centroid", "factorial"),
                     missing = c("listwise", "mean", "pairwise"), consistent = FALSE,
                     tolerance = 1e-7, max_iter = 300, weights = NULL, use_weights = TRUE,
                     quality = TRUE, keep_scores = FALSE, stopping = c("max_abs_change", "plspm"),
                     f2_reestimate = FALSE, strict = FALSE) {
  if (missing(model)) abort_argument("`model` is required: a schema, csikit_model() or syntax")
  opts <- list(scheme = arg_choice(scheme, "scheme", c("path", "centroid", "factorial")),
               missing = arg_choice(missing, "missing", c("listwise", "mean", "pairwise")),
               consistent = arg_flag(consistent, "consistent"),
               tolerance = arg_number(tolerance, "tolerance", 0, 1, open = TRUE),
               max_iter = as.integer(arg_count(max_iter, "max_iter", 1, 1e6)),
               use_weights = arg_flag(use_weights, "use_weights"),
               quality = arg_flag(quality, "quality"),
               stopping = arg_choice(stopping, "stopping", c("max_abs_change", "plspm")),
               keep_scores = arg_flag(keep_scores, "keep_scores"),
               f2_reestimate = arg_flag(f2_reestimate, "f2_reestimate"),
               strict = arg_flag(strict, "strict"))
  sv <- survey(model, data)
  if (!length(sv$constructs)) abort_model("the model has no constructs: the schema needs `constructs` and `paths`")
  d <- responses(data, sv, weights)
  handle <- cc(C_estimate, d, opts)
  make_fit(handle, sv, d, opts)
}

# seminr's entry point: estimate_pls(data, measurement_model, structural_model, ...).
estimate_pls <- function(data, measurement_model, structural_model, ...) {
  estimate(data, csikit_model(measurement_model, structural_model), ...)
}

make_fit <- function(handle, sv, d, opts) {
  ids <- cc(C_fit_ids, handle, 0L)
  items <- cc(C_fit_ids, handle, 1L)
  value <- function(q, rows = NULL, cols = NULL) {
    m <- cc(C_fit_values, handle, .q[[q]])
    if (!length(m)) return(NULL)
    dimnames(m) <- list(rows, cols)
    m
  }
  report <- from_json(cc(C_fit_analysis_json, handle, NULL, analysis_options(), -1L))
  owner <- report$indicators$construct
  # seminr's shapes: path_coef [from, to]; outer loadings/weights items x constructs.
  path_coef <- t(value("paths", ids, ids))
  by_block <- function(v) {
    m <- matrix(0, length(items), length(ids), dimnames = list(items, ids))
    m[cbind(seq_along(items), match(owner, ids))] <- v
    m
  }
  r2 <- value("r2")[, 1]
  r2a <- value("r2_adjusted")[, 1]
  endo <- ids[colSums(path_coef != 0) > 0]
  structure(list(
    handle = handle, survey = sv, data = d, options = opts,
    constructs = report$constructs, paths = report$paths, indicators = report$indicators,
    effects = report$effects,
    path_coef = path_coef,
    total_effects = t(value("total_effects", ids, ids)),
    outer_loadings = by_block(value("loadings")[, 1]),
    outer_weights = by_block(value("weights")[, 1]),
    rSquared = rbind(Rsq = setNames(r2, ids)[endo], AdjRsq = setNames(r2a, ids)[endo]),
    construct_scores = if (opts$keep_scores == 1L) value("construct_scores", NULL, ids) else NULL,
    info = cc(C_fit_info, handle),
    report = report,
    construct_names = ids, indicator_names = items),
    class = "csikit_fit")
}

analysis_options <- function(target = NULL, by = NULL, crosshair = "mean", level = 0.95, use_weights = TRUE) {
  list(target = arg_string(target, "target"), by = arg_string(by, "by"),
       crosshair = arg_choice(crosshair, "crosshair", c("midpoint", "mean", "median")),
       level = arg_number(level, "level", 0, 1, open = TRUE),
       use_weights = arg_flag(use_weights, "use_weights"))
}

# report.json of a fit (the `csikit analyze --json` document), optionally with a bootstrap.
report_json <- function(fit, boot = NULL, target = NULL, by = NULL, crosshair = "mean", level = 0.95,
                        use_weights = TRUE, indent = 2L) {
  check_fit(fit)
  if (!is.null(boot)) {
    if (!inherits(boot, "csikit_boot")) abort_argument("`boot` must come from bootstrap() or be NULL")
    boot <- boot$handle
  }
  cc(C_fit_analysis_json, fit$handle, boot, analysis_options(target, by, crosshair, level, use_weights),
     as.integer(arg_count(indent, "indent", 0, 64)))
}

report <- function(fit, boot = NULL, ...) from_json(report_json(fit, boot, indent = 0L, ...))

check_fit <- function(fit) {
  if (!inherits(fit, "csikit_fit")) abort_argument("`fit` must come from estimate(), not ", describe(fit))
}
