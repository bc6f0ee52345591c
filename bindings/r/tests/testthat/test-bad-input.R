# Bad input: an R condition of class csikit_error naming the column, construct or argument;
# never a crash.
test_that("factor and character columns are data errors naming the column", {
  d <- toy_data()
  d$A2 <- factor(d$A2)
  e <- expect_error(estimate(d, toy_model()), class = "csikit_data_error")
  expect_match(conditionMessage(e), "column A2 of construct A is a factor")
  d <- toy_data()
  d$C3 <- as.character(d$C3)
  d$C3[5] <- "very good"
  e <- expect_error(estimate(d, toy_model()), class = "csikit_data_error")
  expect_match(conditionMessage(e), "column C3 of construct C holds text \\(\"very good\"\\)")
})

test_that("a missing column and a model naming unknown items or constructs are named", {
  d <- toy_data()
  e <- expect_error(estimate(d[, -2], toy_model()), class = "csikit_data_error")
  expect_match(conditionMessage(e), "construct A: item A2 is not a column of the data")
  # a schema whose item is missing from the data: csikit's own message names the column
  sv <- survey(toy_model(), d)
  e <- expect_error(estimate(d[, -7], sv), class = "csikit_data_error")
  expect_match(conditionMessage(e), "C2")
  expect_error(csikit_model(constructs(composite("A", c("A1", "A2"))), relationships(paths("A", "Z"))),
               "construct Z is not in the measurement model", class = "csikit_model_error")
  expect_error(constructs(composite("A", c("A1", "A2")), composite("B", c("A2", "B1"))),
               "item A2 belongs to more than one construct \\(A, B\\)", class = "csikit_model_error")
  expect_error(composite("A", c("A1"), weights = "C"), "mode_A or mode_B", class = "csikit_model_error")
})

test_that("NA is a missing answer: listwise drops and counts the rows; all-NA is an error", {
  d <- toy_data()
  d$A1[c(3, 9)] <- NA
  fit <- estimate(d, toy_model())
  expect_equal(fit$info$respondents, 120)
  expect_equal(fit$info$respondents_used, 118)
  fm <- estimate(d, toy_model(), missing = "mean")
  expect_equal(fm$info$respondents_used, 120)
  d$B2 <- NA
  expect_error(estimate(d, toy_model()), class = "csikit_error")
  d <- toy_data()
  d$B1[4] <- Inf
  expect_error(estimate(d, toy_model()), "column B1 of construct B has an infinite value in row 4",
               class = "csikit_data_error")
})

test_that("out-of-scale answers are csikit data errors with its message", {
  d <- toy_data()
  d$C1[10] <- 9
  e <- expect_error(estimate(d, toy_model()), class = "csikit_data_error")
  expect_match(conditionMessage(e), "C1")
  expect_equal(e$status, 4L)
  expect_equal(e$fn, "csikit_data_from_matrix")
})

test_that("wrong argument types are argument errors naming the argument", {
  d <- toy_data()
  m <- toy_model()
  expect_error(estimate(list(1, 2), m), "`data` must be a data.frame", class = "csikit_argument_error")
  expect_error(estimate(d, 42), "`model` must be", class = "csikit_argument_error")
  expect_error(estimate(d, m, scheme = "fast"), "`scheme` must be one of", class = "csikit_argument_error")
  expect_error(estimate(d, m, consistent = NA), "`consistent` must be TRUE or FALSE", class = "csikit_argument_error")
  expect_error(estimate(d, m, max_iter = "many"), "`max_iter` must be one number", class = "csikit_argument_error")
  expect_error(estimate(d, m, weights = rep(1, 3)), "`weights` must be 120 numbers", class = "csikit_data_error")
  expect_error(estimate(d, m, weights = c(NA, rep(1, 119))), "row 1", class = "csikit_data_error")
  fit <- estimate(d, m)
  expect_error(bootstrap(d), "`fit` must come from estimate()", class = "csikit_argument_error")
  expect_error(bootstrap(fit, resamples = 1), "`resamples` must be in", class = "csikit_argument_error")
  expect_error(bootstrap(fit, resamples = 10.5), "whole number", class = "csikit_argument_error")
  expect_error(bootstrap(fit, confidence = 1), "`confidence`", class = "csikit_argument_error")
  expect_error(ipa(fit, "Q"), "target construct Q is not in the model", class = "csikit_model_error")
  expect_error(ipa(fit), "`target` is required", class = "csikit_argument_error")
  expect_error(ipa(c(1, 2), c(1)), "two numeric vectors", class = "csikit_argument_error")
  expect_error(score(d, m, threshold = 200), "`threshold`", class = "csikit_argument_error")
  expect_error(report_json(fit, boot = "x"), "`boot`", class = "csikit_argument_error")
  expect_error(toy_model(scale = c(7, 1)), "`scale`", class = "csikit_argument_error")
})

test_that("bad schemas are csikit parse, schema and io errors with csikit's message", {
  e <- expect_error(survey("{\"name\": 1,"), class = "csikit_parse_error")
  expect_match(conditionMessage(e), "column 12: malformed JSON")
  e <- expect_error(survey("{\"name\": \"x\", \"scales\": [], \"items\": [{\"id\": \"a\", \"scale\": \"s\"}]}"),
                    class = "csikit_schema_error")
  expect_match(conditionMessage(e), "scale")
  e <- expect_error(survey(file.path(tempdir(), "no-such-schema.json")), class = "csikit_io_error")
  expect_match(conditionMessage(e), "no-such-schema.json")
  expect_s3_class(e, "csikit_error")
})

test_that("handles survive gc and a saved session's handle is an error, not a crash", {
  fit <- estimate(toy_data(), toy_model())
  b <- bootstrap(fit, resamples = 50, seed = 1)
  f <- tempfile(fileext = ".rds")
  saveRDS(list(fit, b), f)
  rm(fit, b); gc(); gc()
  old <- readRDS(f)
  expect_error(bootstrap(old[[1]], resamples = 50), "saved R session")
  expect_error(report_json(old[[1]]), "saved R session")
  for (i in 1:20) estimate(toy_data(), toy_model())
  gc()
  expect_s3_class(bootstrap(estimate(toy_data(), toy_model()), resamples = 20), "csikit_boot")
})
