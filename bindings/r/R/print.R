# print() and summary() methods, laid out as seminr prints them.

header <- function() {
  cat("\nResults from package csikit (", csikit_version()$version, ")\n", sep = "")
}

print_matrix <- function(m, digits = 3) {
  print(round(m, digits), na.print = ".", quote = FALSE)
}

print.csikit_fit <- function(x, digits = 3, ...) {
  i <- x$info
  header()
  cat("PLS", if (isTRUE(i$consistent)) "c" else "", " path model: ", length(x$construct_names), " constructs, ",
      length(x$indicator_names), " indicators, ", i$respondents_used, " of ", i$respondents,
      " respondents used\n", sep = "")
  cat(if (isTRUE(i$converged)) "Converged" else "Did NOT converge", " after ", i$iterations, " iterations\n", sep = "")
  cat("\nPath Coefficients:\n")
  print_matrix(summary_paths(x), digits)
  invisible(x)
}

# seminr's `summary(model)$paths`: predictors (rows) x outcomes, with R^2 and AdjR^2 on top.
summary_paths <- function(fit) {
  endo <- colnames(fit$rSquared)
  pc <- fit$path_coef[, endo, drop = FALSE]
  pred <- rownames(pc)[rowSums(pc != 0) > 0]
  m <- rbind("R^2" = fit$rSquared["Rsq", endo], "AdjR^2" = fit$rSquared["AdjRsq", endo], pc[pred, , drop = FALSE])
  m[-(1:2), ][pc[pred, , drop = FALSE] == 0] <- NA
  m
}

summary.csikit_fit <- function(object, ...) {
  c <- object$constructs
  rel <- cbind(alpha = c$alpha, rhoC = c$rho_c, AVE = c$ave, rhoA = c$rho_a)
  rownames(rel) <- c$id
  sq <- function(name) {
    v <- object$report[[name]]
    if (is.null(v)) return(NULL)
    m <- v$values
    dimnames(m) <- list(v$constructs, v$constructs)
    m
  }
  f2 <- object$report$f2
  fsq <- NULL
  if (is.data.frame(f2) && nrow(f2)) {
    fsq <- matrix(NA_real_, length(object$construct_names), length(object$construct_names),
                  dimnames = list(object$construct_names, object$construct_names))
    fsq[cbind(f2$from, f2$to)] <- f2$value
  }
  vif <- setNames(object$indicators$outer_vif, object$indicators$id)
  structure(list(paths = summary_paths(object), reliability = rel,
                 loadings = object$outer_loadings, weights = object$outer_weights,
                 total_effects = object$total_effects,
                 validity = list(htmt = sq("htmt"), fl_criteria = sq("fornell_larcker"), vif_items = vif),
                 fSquare = fsq, it_criteria = c(GoF = object$info$gof, SRMR = object$info$srmr),
                 iterations = object$info$iterations, info = object$info),
            class = "summary.csikit_fit")
}

print.summary.csikit_fit <- function(x, digits = 3, ...) {
  header()
  cat("\nPath Coefficients:\n")
  print_matrix(x$paths, digits)
  cat("\nReliability:\n")
  print_matrix(x$reliability, digits)
  cat("\nAlpha, rhoC, and rhoA should exceed 0.7 while AVE should exceed 0.5\n")
  cat("\nModel fit: GoF ", format(round(x$it_criteria[["GoF"]], digits)), ", SRMR ",
      format(round(x$it_criteria[["SRMR"]], digits)), "; ", x$iterations, " iterations\n", sep = "")
  invisible(x)
}

print.csikit_boot <- function(x, digits = 3, ...) {
  header()
  cat("Bootstrap resamples: ", x$resamples, " (", x$succeeded, " succeeded, ", x$failed, " failed), seed ",
      format(x$options$seed), "\n", sep = "")
  cat("\nBootstrapped Structural Paths:\n")
  print_matrix(seminr_table(x$paths, x$options$confidence), digits)
  invisible(x)
}

# seminr's bootstrap table columns.
seminr_table <- function(t, confidence) {
  a <- (1 - confidence) / 2
  m <- cbind(t$estimate, t$mean, t$se, t$t, t$ci_low, t$ci_high)
  colnames(m) <- c("Original Est.", "Bootstrap Mean", "Bootstrap SD", "T Stat.",
                   paste0(format(100 * a), "% CI"), paste0(format(100 * (1 - a)), "% CI"))
  rownames(m) <- sub(" -> ", "  ->  ", t$label, fixed = TRUE)
  m
}

summary.csikit_boot <- function(object, ...) {
  cf <- object$options$confidence
  structure(list(bootstrapped_paths = seminr_table(object$paths, cf),
                 bootstrapped_weights = seminr_table(object$weights, cf),
                 bootstrapped_loadings = seminr_table(object$loadings, cf),
                 bootstrapped_total_paths = seminr_table(object$total_effects, cf),
                 bootstrapped_r2 = seminr_table(object$r2, cf),
                 bootstrapped_indices = if (nrow(object$indices)) seminr_table(object$indices, cf),
                 resamples = object$resamples, succeeded = object$succeeded, failed = object$failed),
            class = "summary.csikit_boot")
}

print.summary.csikit_boot <- function(x, digits = 3, ...) {
  header()
  cat("Bootstrap resamples: ", x$resamples, " (", x$failed, " failed)\n", sep = "")
  cat("\nBootstrapped Structural Paths:\n")
  print_matrix(x$bootstrapped_paths, digits)
  cat("\nBootstrapped Weights:\n")
  print_matrix(x$bootstrapped_weights, digits)
  cat("\nBootstrapped Loadings:\n")
  print_matrix(x$bootstrapped_loadings, digits)
  cat("\nBootstrapped Total Paths:\n")
  print_matrix(x$bootstrapped_total_paths, digits)
  if (!is.null(x$bootstrapped_indices)) {
    cat("\nBootstrapped 0-100 Indices:\n")
    print_matrix(x$bootstrapped_indices, digits)
  }
  invisible(x)
}

print.csikit_ipa <- function(x, digits = 2, ...) {
  header()
  show <- function(p, what) {
    cat("\n", what, " (cross-hair: importance ", format(round(attr(p, "importance_cut"), 4)),
        ", performance ", format(round(attr(p, "performance_cut"), 2)), "):\n", sep = "")
    q <- p[, c("importance", "performance")]
    q$importance <- round(q$importance, 4)
    q$performance <- round(q$performance, digits)
    q$quadrant <- p$quadrant
    print(q)
  }
  if (!is.na(x$target)) cat("Importance-performance map of ", x$target, "\n", sep = "")
  show(x$constructs, "Constructs")
  if (!is.null(x$indicators) && nrow(x$indicators)) show(x$indicators, "Indicators")
  invisible(x)
}

print.csikit_scores <- function(x, digits = 2, ...) {
  header()
  cat("Respondents: ", x$sample$respondents, "\n", sep = "")
  if (is.data.frame(x$items)) {
    cat("\nItems:\n")
    cols <- intersect(c("mean_n", "mean_mean", "mean_ci_low", "mean_ci_high", "score_mean"), names(x$items))
    t <- x$items[, cols, drop = FALSE]
    names(t) <- c(mean_n = "n", mean_mean = "mean", mean_ci_low = "ci_low", mean_ci_high = "ci_high",
                  score_mean = "score_0_100")[cols]
    print(t, digits = digits + 2)
  }
  for (n in x$notes) cat("note: ", n, "\n", sep = "")
  invisible(x)
}
