# seminr-like model helpers: they build the constructs and paths of a csikit survey schema
# (docs/schema.md), and the scales of its items from `scale` or from the data.

mode_A <- "A"
mode_B <- "B"
correlation_weights <- "A"
regression_weights <- "B"

multi_items <- function(item_name, item_numbers, ...) paste0(item_name, item_numbers, ...)

single_item <- function(item) as.character(item)

composite <- function(construct_name, item_names, weights = mode_A) {
  construct_name <- arg_string(construct_name, "construct_name", null = FALSE)
  if (!is.character(item_names) || length(item_names) == 0L || anyNA(item_names))
    abort_model("construct ", construct_name, ": `item_names` must be a non-empty character vector")
  if (is.function(weights)) abort_model("construct ", construct_name, ": `weights` must be mode_A or mode_B")
  if (!is.character(weights) || length(weights) != 1L || !(weights %in% c("A", "B")))
    abort_model("construct ", construct_name, ": `weights` must be mode_A or mode_B, not ", describe(weights))
  structure(list(id = construct_name, items = unname(item_names), mode = weights), class = "csikit_construct")
}

# PLS estimates composites; a reflective construct is a mode A composite (with consistent = TRUE,
# PLSc corrects it to a common factor, as seminr's estimate_pls does for reflective()).
reflective <- function(construct_name, item_names) composite(construct_name, item_names, mode_A)

constructs <- function(...) {
  cs <- list(...)
  ok <- vapply(cs, inherits, logical(1), "csikit_construct")
  if (length(cs) == 0L || !all(ok))
    abort_model("constructs(): every argument must be a composite() or reflective() construct")
  ids <- vapply(cs, `[[`, "", "id")
  if (anyDuplicated(ids)) abort_model("constructs(): construct ", ids[anyDuplicated(ids)], " is defined twice")
  items <- unlist(lapply(cs, `[[`, "items"))
  if (anyDuplicated(items)) {
    it <- items[anyDuplicated(items)]
    owners <- ids[vapply(cs, function(c) it %in% c$items, logical(1))]
    abort_model("constructs(): item ", it, " belongs to more than one construct (", paste(owners, collapse = ", "), ")")
  }
  structure(cs, names = ids, class = "csikit_measurement")
}

# paths(from, to): every from -> to pair, as in seminr.
paths <- function(from, to) {
  if (!is.character(from) || !is.character(to) || !length(from) || !length(to) || anyNA(c(from, to)))
    abort_model("paths(): `from` and `to` must be non-empty character vectors of construct names")
  g <- expand.grid(from = from, to = to, stringsAsFactors = FALSE)
  structure(g[, c("from", "to")], class = c("csikit_paths", "data.frame"))
}

relationships <- function(...) {
  ps <- list(...)
  if (!length(ps) || !all(vapply(ps, inherits, logical(1), "csikit_paths")))
    abort_model("relationships(): every argument must be paths(from, to)")
  p <- do.call(rbind, lapply(ps, as.data.frame))
  p <- unique(p)
  rownames(p) <- NULL
  structure(p, class = c("csikit_structural", "data.frame"))
}

# A path model: measurement (constructs()), structural (relationships()), the items' scales.
csikit_model <- function(measurement, structural, scale = NULL, name = "csikit model") {
  if (!inherits(measurement, "csikit_measurement")) abort_model("`measurement` must come from constructs()")
  if (inherits(structural, "csikit_paths")) structural <- relationships(structural)
  if (!inherits(structural, "csikit_structural")) abort_model("`structural` must come from relationships()")
  ids <- names(measurement)
  for (i in seq_len(nrow(structural))) {
    for (end in c("from", "to")) {
      if (!(structural[[end]][i] %in% ids))
        abort_model("path ", structural$from[i], " -> ", structural$to[i], ": construct ",
                    structural[[end]][i], " is not in the measurement model (", paste(ids, collapse = ", "), ")")
    }
  }
  if (!is.null(scale) && !(is.numeric(scale) && length(scale) == 2L && !anyNA(scale) && scale[1] < scale[2]) &&
      !is.list(scale))
    abort_argument("`scale` must be c(min, max), a named list of c(min, max) per item, or NULL (from the data)")
  structure(list(measurement = measurement, structural = structural, scale = scale,
                 name = arg_string(name, "name", null = FALSE)), class = "csikit_model")
}

# An item's scale: model$scale (c(min, max) or a list per item) or its observed range in data.
item_range <- function(model, it, data) {
  s <- model$scale
  if (is.list(s)) s <- s[[it]]
  if (!is.null(s)) {
    if (!(is.numeric(s) && length(s) == 2L && !anyNA(s) && s[1] < s[2]))
      abort_argument("`scale` of item ", it, " must be c(min, max) with min < max")
    return(as.double(s))
  }
  if (is.null(data))
    abort_argument("item ", it, ": no `scale` given and no data to read it from; pass scale = c(min, max)")
  x <- data[[it]]
  if (!is.numeric(x) || all(is.na(x))) return(c(0, 1))  # responses() names the column
  r <- range(x[is.finite(x)])
  c(floor(r[1]), max(ceiling(r[2]), floor(r[1]) + 1))
}

# The schema (a list, as JSON would give it) of a model, its items' scales from `scale` or the data.
model_schema <- function(model, data = NULL) {
  cs <- model$measurement
  items <- unlist(lapply(cs, `[[`, "items"), use.names = FALSE)
  owner <- rep(names(cs), vapply(cs, function(c) length(c$items), 1L))
  range_of <- function(it) item_range(model, it, data)
  if (is.data.frame(data) || is.matrix(data)) {
    cols <- colnames(data)
    for (i in seq_along(items))
      if (!(items[i] %in% cols))
        abort_data("construct ", owner[i], ": item ", items[i], " is not a column of the data")
    data <- as.data.frame(data)
  } else {
    data <- NULL
  }
  ranges <- lapply(items, range_of)
  keys <- vapply(ranges, function(r) paste(r, collapse = ".."), "")
  scales <- unique(keys)
  list(
    name = model$name,
    scales = lapply(scales, function(k) {
      r <- ranges[[match(k, keys)]]
      list(id = k, min = r[1], max = r[2])
    }),
    items = lapply(seq_along(items), function(i) list(id = items[i], scale = keys[i])),
    constructs = unname(lapply(cs, function(c) list(id = c$id, items = I(c$items), mode = c$mode))),
    paths = lapply(seq_len(nrow(model$structural)), function(i)
      list(from = model$structural$from[i], to = model$structural$to[i])))
}

# lavaan-style syntax ("CUSA =~ CUSA1 + CUSA2; CUSA ~ IMAG"): the schema's `"model"` as text,
# parsed by the core (csikit/model_syntax.hpp; docs/schema.md). The items are the data's
# numeric columns, their scales `scale` or the observed ranges. A core without the syntax
# parser rejects a text "model" ("model: expected an object"): that is reported as
# csikit_unsupported_error.
.csikit_syntax_schema <- function(syntax, data = NULL, scale = NULL) {
  if (!is.data.frame(data) && !is.matrix(data))
    abort_argument("lavaan-style syntax needs the data as a data.frame or matrix (its numeric columns are the items)")
  data <- as.data.frame(data)
  cols <- names(data)[vapply(data, function(x) is.numeric(x) && any(is.finite(x)), logical(1))]
  if (!length(cols)) abort_data("data: no numeric column to be an item of the model")
  fake <- list(measurement = list(list(items = cols)), scale = scale)
  ranges <- lapply(cols, function(it) item_range(fake, it, data))
  keys <- vapply(ranges, function(r) paste(r, collapse = ".."), "")
  scales <- unique(keys)
  list(name = "csikit syntax model",
       scales = lapply(scales, function(k) { r <- ranges[[match(k, keys)]]; list(id = k, min = r[1], max = r[2]) }),
       items = lapply(seq_along(cols), function(i) list(id = cols[i], scale = keys[i])),
       model = syntax)
}

syntax_survey <- function(syntax, data, scale = NULL) {
  tryCatch(survey_from_list(.csikit_syntax_schema(syntax, data, scale)),
           csikit_schema_error = function(e) {
             if (grepl("model: expected an object", conditionMessage(e), fixed = TRUE))
               stop(csikit_condition(paste0(
                 "lavaan-style model syntax is not supported by this csikit build (its schema reader ",
                 "has no model syntax); build the model with constructs()/composite()/paths() or a schema"),
                 class = c("csikit_unsupported_error", "csikit_model_error")))
             stop(e)
           })
}

print.csikit_model <- function(x, ...) {
  cat("csikit model \"", x$name, "\": ", length(x$measurement), " constructs, ",
      nrow(x$structural), " paths\n", sep = "")
  for (c in x$measurement)
    cat("  ", c$id, " (mode ", c$mode, "): ", paste(c$items, collapse = ", "), "\n", sep = "")
  cat("  paths: ", paste(x$structural$from, "->", x$structural$to, collapse = "; "), "\n", sep = "")
  invisible(x)
}
