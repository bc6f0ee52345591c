# score(): descriptive item and dimension scores with intervals, top box, NPS (docs/scoring.md).

score <- function(data, model, rescale = c("linear", "proportional", "labels"), threshold = 70,
                  level = 0.95, by = NULL, aggregate = c("respondent", "mean"),
                  interval = c("wilson", "agresti-coull", "clopper-pearson"),
                  promoter_min = 9, detractor_max = 6, language = NULL, weights = NULL) {
  if (missing(model)) abort_argument("`model` is required: a schema or csikit_model()")
  opts <- list(rescale = arg_choice(rescale, "rescale", c("linear", "proportional", "labels")),
               threshold = arg_number(threshold, "threshold", 0, 100),
               level = arg_number(level, "level", 0, 1, open = TRUE),
               by = arg_string(by, "by"),
               aggregate = arg_choice(aggregate, "aggregate", c("respondent", "mean")),
               interval = arg_choice(interval, "interval", c("wilson", "agresti-coull", "clopper-pearson")),
               promoter_min = arg_number(promoter_min, "promoter_min"),
               detractor_max = arg_number(detractor_max, "detractor_max"),
               language = arg_string(language, "language"))
  if (!is.null(opts$by) && !is.character(data))
    abort_argument("`by` needs the data as a CSV file path (segment columns are read from the file)")
  sv <- survey(model, data)
  d <- responses(data, sv, weights)
  r <- from_json(cc(C_score_json, d, opts))
  items <- flatten(r$overall$items)
  if (is.data.frame(items)) rownames(items) <- items$id
  structure(list(items = items, nodes = r$overall$nodes, nps = r$overall$nps, sample = r$sample,
                 by_segment = r$by_segment, by_wave = r$by_wave, changes = r$changes,
                 notes = r$notes, report = r), class = "csikit_scores")
}

# Nested JSON tables -> one flat data.frame: mean$sd -> mean_sd, an interval [lo, hi] ->
# mean_ci_low, mean_ci_high; list columns that are not intervals are dropped (kept in $report).
flatten <- function(df, prefix = "") {
  if (!is.data.frame(df) || !nrow(df)) return(df)
  out <- list()
  for (name in names(df)) {
    col <- df[[name]]
    key <- if (prefix == "") name else paste(prefix, name, sep = "_")
    if (is.data.frame(col)) {
      out <- c(out, as.list(flatten(col, key)))
    } else if (is.list(col)) {
      if (endsWith(key, "ci") && all(lengths(col) == 2L)) {
        out[[paste0(key, "_low")]] <- vapply(col, function(v) as.double(v[[1]]), 0)
        out[[paste0(key, "_high")]] <- vapply(col, function(v) as.double(v[[2]]), 0)
      }
    } else if (is.matrix(col) && ncol(col) == 2L && endsWith(key, "ci")) {
      out[[paste0(key, "_low")]] <- col[, 1]
      out[[paste0(key, "_high")]] <- col[, 2]
    } else {
      out[[key]] <- col
    }
  }
  as.data.frame(out, stringsAsFactors = FALSE)
}
