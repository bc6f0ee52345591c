# bootstrap(): resampled inference for every estimate of a fit (parallel, reproducible: the
# numbers depend on `seed` only, never on `threads`).

.kinds <- c("weight", "loading", "path", "total_effect", "r2", "index")

bootstrap <- function(fit, resamples = 5000, seed = 1, threads = 0, confidence = 0.95, bca = TRUE,
                      indices = TRUE, drop_inadmissible = FALSE, jackknife_max = 2000,
                      max_failed_share = 0.2) {
  check_fit(fit)
  opts <- list(resamples = arg_count(resamples, "resamples", 2, 1e7),
               seed = arg_count(seed, "seed", 0, 2^53),
               threads = as.integer(arg_count(threads, "threads", 0, 4096)),
               confidence = arg_number(confidence, "confidence", 0, 1, open = TRUE),
               bca = arg_flag(bca, "bca"), indices = arg_flag(indices, "indices"),
               drop_inadmissible = arg_flag(drop_inadmissible, "drop_inadmissible"),
               jackknife_max = arg_count(jackknife_max, "jackknife_max", 0, 1e9),
               max_failed_share = arg_number(max_failed_share, "max_failed_share", 0, 1))
  handle <- cc(C_bootstrap, fit$handle, opts)
  raw <- cc(C_boot_table, handle)
  kind <- .kinds[raw$kind + 1L]
  ends <- strsplit(raw$label, " -> ", fixed = TRUE)
  two <- lengths(ends) == 2L
  table <- data.frame(kind = kind, label = raw$label,
                      from = ifelse(two, vapply(ends, `[`, "", 1L), NA_character_),
                      to = ifelse(two, vapply(ends, function(e) e[length(e)], ""), NA_character_),
                      estimate = raw$estimate, mean = raw$mean, bias = raw$bias, se = raw$se,
                      t = raw$t, p = raw$p, ci_low = raw$ci_low, ci_high = raw$ci_high,
                      bca_low = raw$bca_low, bca_high = raw$bca_high, stringsAsFactors = FALSE)
  pick <- function(k) { t <- table[table$kind == k, , drop = FALSE]; rownames(t) <- t$label; t }
  structure(list(handle = handle, fit = fit, options = opts, table = table,
                 paths = pick("path"), total_effects = pick("total_effect"), weights = pick("weight"),
                 loadings = pick("loading"), r2 = pick("r2"), indices = pick("index"),
                 resamples = raw$counts[1], succeeded = raw$counts[2], failed = raw$counts[3]),
            class = "csikit_boot")
}
