# 0-100 indices and importance-performance analysis.

ipa_options <- function(crosshair = "mean", importance_cut = NULL, performance_cut = NULL, level = 0.95,
                        use_respondents = TRUE, use_weights = TRUE) {
  rule <- arg_choice(crosshair, "crosshair", c("midpoint", "mean", "median", "custom"))
  custom <- !is.null(importance_cut) || !is.null(performance_cut)
  if (custom) {
    if (is.null(importance_cut) || is.null(performance_cut))
      abort_argument("give both `importance_cut` and `performance_cut` (a custom cross-hair)")
    rule <- 3L
  } else if (rule == 3L) {
    abort_argument("crosshair = \"custom\" needs `importance_cut` and `performance_cut`")
  }
  list(crosshair = rule,
       custom_importance = if (custom) arg_number(importance_cut, "importance_cut") else 0,
       custom_performance = if (custom) arg_number(performance_cut, "performance_cut") else 0,
       level = arg_number(level, "level", 0, 1, open = TRUE),
       use_respondents = arg_flag(use_respondents, "use_respondents"),
       use_weights = arg_flag(use_weights, "use_weights"))
}

# indices(fit): one row per construct (0-100 index, its t-interval, n); attr "impacts": the
# change of each index (row) per point gained by a driver (column).
indices <- function(fit, level = 0.95, use_respondents = TRUE, use_weights = TRUE) {
  check_fit(fit)
  r <- from_json(cc(C_fit_indices_json, fit$handle,
                    ipa_options(level = level, use_respondents = use_respondents, use_weights = use_weights)))
  t <- r$constructs
  t$items <- NULL
  t$weights <- NULL
  rownames(t) <- t$id
  imp <- r$impacts$values
  dimnames(imp) <- list(r$impacts$constructs, r$impacts$constructs)
  attr(t, "impacts") <- imp
  t
}

ipa <- function(x, ...) UseMethod("ipa")

# The importance-performance map of a fit for `target`: constructs and indicators.
ipa.csikit_fit <- function(x, target, crosshair = c("mean", "midpoint", "median", "custom"),
                           importance_cut = NULL, performance_cut = NULL, level = 0.95,
                           use_respondents = TRUE, use_weights = TRUE, ...) {
  if (missing(target)) abort_argument("`target` is required: the outcome construct of the map")
  target <- arg_string(target, "target", null = FALSE)
  if (!(target %in% x$construct_names))
    abort_model("target construct ", target, " is not in the model (", paste(x$construct_names, collapse = ", "), ")")
  if (identical(crosshair, c("mean", "midpoint", "median", "custom"))) crosshair <- "mean"
  o <- ipa_options(crosshair, importance_cut, performance_cut, level, use_respondents, use_weights)
  r <- from_json(cc(C_fit_ipma_json, x$handle, target, o))
  side <- function(s) {
    p <- s$points
    if (length(p) == 0L || !NROW(p)) p <- data.frame(id = character(), importance = numeric(), performance = numeric(), quadrant = character())
    rownames(p) <- p$id
    structure(p, importance_cut = s$importance_cut, performance_cut = s$performance_cut)
  }
  structure(list(target = target, constructs = side(r$constructs), indicators = side(r$indicators)),
            class = "csikit_ipa")
}

# Quadrants of your own (importance, performance) points.
.quadrants <- c("concentrate_here", "keep_up", "low_priority", "possible_overkill")
ipa.default <- function(x, performance, names = NULL, crosshair = c("mean", "midpoint", "median", "custom"),
                        importance_cut = NULL, performance_cut = NULL, ...) {
  if (!is.numeric(x) || !is.numeric(performance) || length(x) != length(performance) || !length(x))
    abort_argument("ipa(importance, performance): two numeric vectors of one length")
  if (anyNA(x) || anyNA(performance)) abort_argument("ipa(): importance and performance must not be NA")
  if (identical(crosshair, c("mean", "midpoint", "median", "custom"))) crosshair <- "mean"
  o <- ipa_options(crosshair, importance_cut, performance_cut)
  r <- cc(C_ipa, as.double(x), as.double(performance), o)
  if (is.null(names)) names <- if (!is.null(names(x))) names(x) else as.character(seq_along(x))
  p <- data.frame(id = names, importance = as.double(x), performance = as.double(performance),
                  quadrant = .quadrants[r[[1]] + 1L], stringsAsFactors = FALSE)
  rownames(p) <- p$id
  structure(list(target = NA_character_,
                 constructs = structure(p, importance_cut = r[[2]][1], performance_cut = r[[2]][2]),
                 indicators = NULL), class = "csikit_ipa")
}
