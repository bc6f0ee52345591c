# Speed as an R user sees it: csikit::bootstrap against seminr::bootstrap_model, 5,000
# resamples of ECSI (n = 250), 2 cores. Run with the csikit R package installed:
#   Rscript benchmarks/r/bootstrap_vs_seminr.R /work/shared/data/ecsi [resamples] [repetitions]
# seminr is timed only when it is installed (it is not on Debian; CRAN is not reachable here).
# Without it the script compares with SEMINR_SECONDS_PER_1000 (default 10, seminr measured on
# this machine, docs/performance.md) and says so. Prints median wall and CPU (process) seconds.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else file.path("..", "shared", "data", "ecsi")
B <- if (length(args) >= 2) as.integer(args[2]) else 5000L
reps <- if (length(args) >= 3) as.integer(args[3]) else 5L
suppressPackageStartupMessages(library(csikit))
ecsi <- utils::read.csv(file.path(dir, "mobi.csv"))
schema <- file.path(dir, "schema.json")

time_it <- function(f) {
  t <- replicate(reps, { g <- gc(FALSE); s <- proc.time(); f(); e <- proc.time() - s
                         c(wall = e[["elapsed"]], cpu = e[["user.self"]] + e[["sys.self"]]) })
  apply(t, 1, stats::median)
}

fit <- estimate(ecsi, schema)
cat(sprintf("csikit %s, R %s, %d resamples, median of %d, load average %s\n", csikit_version()$version,
            getRversion(), B, reps, paste(readLines("/proc/loadavg", warn = FALSE), collapse = "")))
# seminr's bootstrap_model computes percentile intervals of paths, loadings, weights and total
# effects: the like-for-like csikit call has no BCa jackknife and no index bootstrap.
like <- time_it(function() bootstrap(fit, resamples = B, seed = 1, threads = 2, bca = FALSE, indices = FALSE))
full <- time_it(function() bootstrap(fit, resamples = B, seed = 1, threads = 2))
cat(sprintf("csikit::bootstrap (percentile, as seminr)      wall %.3f s  cpu %.3f s\n", like[["wall"]], like[["cpu"]]))
cat(sprintf("csikit::bootstrap (+ BCa jackknife + indices)  wall %.3f s  cpu %.3f s\n", full[["wall"]], full[["cpu"]]))

if (requireNamespace("seminr", quietly = TRUE)) {
  mm <- seminr::constructs(
    seminr::composite("IMAG", seminr::multi_items("IMAG", 1:5)), seminr::composite("CUEX", seminr::multi_items("CUEX", 1:3)),
    seminr::composite("PERQ", seminr::multi_items("PERQ", 1:7)), seminr::composite("PERV", seminr::multi_items("PERV", 1:2)),
    seminr::composite("CUSA", seminr::multi_items("CUSA", 1:3)), seminr::composite("CUSCO", seminr::single_item("CUSCO")),
    seminr::composite("CUSL", seminr::multi_items("CUSL", 1:3)))
  sm <- seminr::relationships(
    seminr::paths(from = "IMAG", to = c("CUEX", "CUSA", "CUSL")), seminr::paths(from = "CUEX", to = c("PERQ", "PERV", "CUSA")),
    seminr::paths(from = "PERQ", to = c("PERV", "CUSA")), seminr::paths(from = "PERV", to = "CUSA"),
    seminr::paths(from = "CUSA", to = c("CUSCO", "CUSL")), seminr::paths(from = "CUSCO", to = "CUSL"))
  sf <- seminr::estimate_pls(ecsi, mm, sm)
  s <- system.time(seminr::bootstrap_model(sf, nboot = B, cores = 2, seed = 1))[["elapsed"]]
  cat(sprintf("seminr::bootstrap_model (measured)            wall %.3f s\n", s))
} else {
  s <- as.numeric(Sys.getenv("SEMINR_SECONDS_PER_1000", "10")) * B / 1000
  cat(sprintf("seminr::bootstrap_model: not installed; its measured %.0f s per 1,000 resamples here gives %.1f s\n",
              s * 1000 / B, s))
}
cat(sprintf("speed-up (percentile, wall): %.0fx   (with BCa and indices: %.0fx)\n", s / like[["wall"]], s / full[["wall"]]))
