# The ECSI case and the CLI that is its reference. The suite (ctest r_package) sets
# CSIKIT_SHARED_DATA and CSIKIT_CLI; CSIKIT_R_REQUIRE_REFERENCE=1 makes their absence a failure
# instead of a skip, so the comparison with the CLI cannot silently vanish from the suite.
shared_data <- function() Sys.getenv("CSIKIT_SHARED_DATA")
need_reference <- function(cli = TRUE) {
  ok <- nzchar(shared_data()) && file.exists(file.path(shared_data(), "ecsi", "mobi.csv")) &&
    (!cli || (nzchar(Sys.getenv("CSIKIT_CLI")) && file.exists(Sys.getenv("CSIKIT_CLI"))))
  if (!ok) {
    if (Sys.getenv("CSIKIT_R_REQUIRE_REFERENCE") == "1")
      stop("CSIKIT_SHARED_DATA / CSIKIT_CLI do not point at the ECSI data and the csikit CLI")
    skip("no ECSI data or csikit CLI (set CSIKIT_SHARED_DATA and CSIKIT_CLI)")
  }
}
ecsi_schema <- function() file.path(shared_data(), "ecsi", "schema.json")
ecsi_csv <- function() file.path(shared_data(), "ecsi", "mobi.csv")
ecsi_data <- function() utils::read.csv(ecsi_csv())

# report.json written by the CLI: `csikit analyze --json ARGS`.
cli_report <- function(...) {
  out <- tempfile(fileext = ".json")
  status <- system2(Sys.getenv("CSIKIT_CLI"), c("analyze", "--schema", shQuote(ecsi_schema()),
                    "--data", shQuote(ecsi_csv()), "--json", ...), stdout = out, stderr = FALSE)
  expect_equal(status, 0L)
  jsonlite::fromJSON(out)
}

# A small survey that needs no shared data: 3 constructs on a 1..7 scale, from a known model.
toy_data <- function(n = 120, seed = 7) {
  set.seed(seed)
  a <- rnorm(n); b <- 0.6 * a + rnorm(n, sd = 0.8); c <- 0.4 * a + 0.4 * b + rnorm(n, sd = 0.7)
  item <- function(f) pmin(7, pmax(1, round(4 + 1.2 * f + rnorm(n, sd = 0.7))))
  data.frame(A1 = item(a), A2 = item(a), A3 = item(a), B1 = item(b), B2 = item(b),
             C1 = item(c), C2 = item(c), C3 = item(c))
}
toy_model <- function(scale = c(1, 7)) {
  csikit_model(constructs(composite("A", multi_items("A", 1:3)), composite("B", multi_items("B", 1:2)),
                          composite("C", multi_items("C", 1:3))),
               relationships(paths(from = "A", to = c("B", "C")), paths(from = "B", to = "C")),
               scale = scale)
}
