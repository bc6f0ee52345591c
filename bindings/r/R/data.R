# Responses: an R data.frame or matrix (or a CSV path) -> a csikit data handle.
# Every problem is an R condition naming the column; nothing unchecked reaches the C ABI.

responses <- function(data, sv, weights = NULL) {
  if (is.character(data) && length(data) == 1L && !is.na(data)) {
    if (!is.null(weights)) abort_argument("`weights` cannot be given with a CSV file: the file's weight column is used")
    return(cc(C_data_read_csv, sv$handle, path.expand(data)))
  }
  if (is.matrix(data)) data <- as.data.frame(data)
  if (!is.data.frame(data))
    abort_argument("`data` must be a data.frame, a numeric matrix or a CSV file path, not ", describe(data))
  if (is.null(names(data)) || any(names(data) == "")) abort_data("data: every column needs a name")
  n <- nrow(data)
  cols <- unique(sv$columns)
  values <- matrix(NA_real_, n, length(cols))
  for (j in seq_along(cols)) {
    col <- cols[j]
    x <- data[[col]]
    item <- sv$items[match(col, sv$columns)]
    what <- if (identical(item, col)) paste0("column ", col) else paste0("column ", col, " (item ", item, ")")
    owner <- names(sv$constructs)[vapply(sv$constructs, function(c) item %in% c, logical(1))]
    if (length(owner)) what <- paste0(what, " of construct ", owner[1])
    if (is.null(x)) abort_data("data: ", what, " is missing (the data have ", ncol(data), " columns: ",
                                paste(utils::head(names(data), 8), collapse = ", "),
                                if (ncol(data) > 8) ", ..." , ")")
    if (is.factor(x))
      abort_data("data: ", what, " is a factor; csikit needs the numeric answers ",
                 "(as.numeric(as.character(x)) if its levels are numbers, or as.integer(x) for the codes)")
    if (is.character(x)) {
      bad <- x[!is.na(x) & is.na(suppressWarnings(as.numeric(x)))]
      abort_data("data: ", what, " holds text",
                 if (length(bad)) paste0(" (\"", bad[1], "\")"), "; csikit needs numeric answers")
    }
    if (is.logical(x) && all(is.na(x))) x <- as.double(x)
    if (!is.numeric(x)) abort_data("data: ", what, " is ", class(x)[1], ", not numeric")
    if (any(is.infinite(x))) abort_data("data: ", what, " has an infinite value in row ", which(is.infinite(x))[1])
    values[, j] <- as.double(x)   # NA -> NaN: a missing answer
  }
  if (is.null(weights) && nzchar(sv$weight_column) && !is.null(data[[sv$weight_column]]))
    weights <- data[[sv$weight_column]]
  if (!is.null(weights)) {
    if (!is.numeric(weights) || length(weights) != n)
      abort_data("data: `weights` must be ", n, " numbers (one per row), not ", describe(weights))
    if (anyNA(weights) || any(!is.finite(weights)) || any(weights < 0))
      abort_data("data: `weights` must be finite and >= 0 (row ", which(is.na(weights) | !is.finite(weights) | weights < 0)[1], ")")
    weights <- as.double(weights)
  }
  cc(C_data_from_matrix, sv$handle, values, enc2utf8(cols), weights)
}
