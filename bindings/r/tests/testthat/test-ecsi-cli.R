# ECSI from R equals the CLI's report.json to 1e-12 (the same core; R's data go in through
# csikit_data_from_matrix, the CLI's through its CSV reader).
tol <- 1e-12

test_that("estimates equal the CLI's report.json", {
  need_reference()
  cli <- cli_report()
  fit <- estimate(ecsi_data(), ecsi_schema())
  expect_equal(fit$paths$estimate, cli$paths$estimate, tolerance = tol)
  expect_equal(fit$paths[, c("from", "to")], cli$paths[, c("from", "to")])
  for (col in c("weight", "weight_unstandardized", "loading", "outer_vif", "mean", "sd"))
    expect_equal(fit$indicators[[col]], cli$indicators[[col]], tolerance = tol, label = col)
  for (col in c("r2", "r2_adjusted", "ave", "rho_c", "rho_a", "alpha", "index"))
    expect_equal(fit$constructs[[col]], cli$constructs[[col]], tolerance = tol, label = col)
  expect_equal(fit$effects$total, cli$effects$total, tolerance = tol)
  expect_equal(fit$info$gof, cli$fit$gof, tolerance = tol)
  expect_equal(fit$info$srmr, cli$fit$srmr, tolerance = tol)
  # the seminr-shaped matrices hold the same numbers
  expect_equal(fit$path_coef["IMAG", "CUEX"], cli$paths$estimate[1], tolerance = tol)
  i1 <- cli$indicators[cli$indicators$id == "PERQ3", ]
  expect_equal(fit$outer_loadings["PERQ3", "PERQ"], i1$loading, tolerance = tol)
  expect_equal(fit$outer_weights["PERQ3", "PERQ"], i1$weight, tolerance = tol)
  expect_equal(unname(fit$rSquared["Rsq", "CUSA"]), cli$constructs$r2[cli$constructs$id == "CUSA"], tolerance = tol)
  # the whole document: report_json() is the CLI's JSON
  expect_equal(jsonlite::fromJSON(report_json(fit))$paths, cli$paths, tolerance = tol)
})

test_that("indices and the IPMA equal the CLI's", {
  need_reference()
  cli <- cli_report("--target", "CUSA")
  fit <- estimate(ecsi_data(), ecsi_schema())
  ix <- indices(fit)
  expect_equal(ix[cli$indices$construct, "index"], cli$indices$index, tolerance = tol)
  expect_equal(ix[cli$indices$construct, "ci_low"], cli$indices$ci_low, tolerance = tol)
  expect_equal(ix[cli$indices$construct, "ci_high"], cli$indices$ci_high, tolerance = tol)
  m <- ipa(fit, "CUSA")
  pts <- cli$ipa$points
  if (is.null(pts)) pts <- cli$ipa
  expect_true(nrow(m$constructs) == 4L)
  r <- report(fit, target = "CUSA")
  expect_equal(r$ipa, cli$ipa, tolerance = tol)
})

test_that("the bootstrap equals the CLI's (same seed, any threads)", {
  need_reference()
  cli <- cli_report("--bootstrap", "200", "--seed", "3", "--threads", "2")
  fit <- estimate(ecsi_data(), ecsi_schema())
  b <- bootstrap(fit, resamples = 200, seed = 3, threads = 1)
  p <- b$paths[paste(cli$paths$from, "->", cli$paths$to), ]
  for (col in c("estimate", "mean", "se", "t", "p", "ci_low", "ci_high", "bca_low", "bca_high"))
    expect_equal(p[[col]], cli$paths[[col]], tolerance = tol, label = col)
  w <- b$weights[cli$indicators$id, ]
  expect_equal(w$se, cli$indicators$weight_se, tolerance = tol)
  expect_equal(b$loadings[cli$indicators$id, "ci_low"], cli$indicators$loading_ci_low, tolerance = tol)
  endo <- cli$constructs[cli$constructs$endogenous, ]
  expect_equal(b$r2[endo$id, "se"], endo$r2_se, tolerance = tol)
  expect_equal(b$resamples, 200)
  # and with the bootstrap, report_json() is the CLI's document
  r <- jsonlite::fromJSON(report_json(fit, b))
  expect_equal(r$paths, cli$paths, tolerance = tol)
  expect_equal(r$bootstrap$succeeded, cli$bootstrap$succeeded)
})

test_that("score() equals the CLI's score --json", {
  need_reference()
  out <- tempfile(fileext = ".json")
  expect_equal(system2(Sys.getenv("CSIKIT_CLI"), c("score", "--schema", shQuote(ecsi_schema()), "--data",
                       shQuote(ecsi_csv()), "--json"), stdout = out, stderr = FALSE), 0L)
  cli <- jsonlite::fromJSON(out)
  s <- score(ecsi_data(), ecsi_schema())
  expect_equal(s$items$mean_mean, cli$overall$items$mean$mean, tolerance = tol)
  expect_equal(s$items$score_mean, cli$overall$items$score$mean, tolerance = tol)
  expect_equal(s$items$top_box_share, cli$overall$items$top_box$share, tolerance = tol)
})

test_that("the seminr-style model of ECSI gives the schema's estimates", {
  need_reference(cli = FALSE)
  mm <- constructs(
    composite("IMAG", multi_items("IMAG", 1:5)), composite("CUEX", multi_items("CUEX", 1:3)),
    composite("PERQ", multi_items("PERQ", 1:7)), composite("PERV", multi_items("PERV", 1:2)),
    composite("CUSA", multi_items("CUSA", 1:3)), composite("CUSCO", single_item("CUSCO")),
    composite("CUSL", multi_items("CUSL", 1:3)))
  sm <- relationships(
    paths(from = "IMAG", to = c("CUEX", "CUSA", "CUSL")), paths(from = "CUEX", to = c("PERQ", "PERV", "CUSA")),
    paths(from = "PERQ", to = c("PERV", "CUSA")), paths(from = "PERV", to = "CUSA"),
    paths(from = "CUSA", to = c("CUSCO", "CUSL")), paths(from = "CUSCO", to = "CUSL"))
  a <- estimate(ecsi_data(), ecsi_schema())
  b <- estimate_pls(ecsi_data(), mm, sm)
  expect_equal(b$path_coef[rownames(a$path_coef), colnames(a$path_coef)], a$path_coef, tolerance = tol)
  expect_equal(b$outer_loadings[rownames(a$outer_loadings), colnames(a$outer_loadings)], a$outer_loadings,
               tolerance = tol)
  # the 0-100 indices need the theoretical scale: with scale = c(1, 10) they are the schema's;
  # read from the data (the observed range, 2..10 for some ECSI items) they differ
  c <- estimate(ecsi_data(), csikit_model(mm, sm, scale = c(1, 10)))
  expect_equal(indices(c)[rownames(indices(a)), "index"], indices(a)$index, tolerance = tol)
  expect_false(isTRUE(all.equal(indices(b)[rownames(indices(a)), "index"], indices(a)$index)))
})
