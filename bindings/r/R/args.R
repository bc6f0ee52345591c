# Argument checks: every bad argument is a csikit_argument_error naming it.

arg_flag <- function(x, name) {
  if (!is.logical(x) || length(x) != 1L || is.na(x))
    abort_argument("`", name, "` must be TRUE or FALSE, not ", describe(x))
  as.integer(x)
}

arg_number <- function(x, name, lower = -Inf, upper = Inf, open = FALSE) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x))
    abort_argument("`", name, "` must be one number, not ", describe(x))
  bad <- if (open) x <= lower || x >= upper else x < lower || x > upper
  if (bad) abort_argument("`", name, "` must be in ", if (open) "(" else "[", lower, ", ", upper,
                          if (open) ")" else "]", ", not ", x)
  as.double(x)
}

arg_count <- function(x, name, lower = 0, upper = 2^53) {
  v <- arg_number(x, name, lower, upper)
  if (v != floor(v)) abort_argument("`", name, "` must be a whole number, not ", x)
  v
}

# One of `choices` (a character vector, first = default when x is the full vector).
arg_choice <- function(x, name, choices) {
  if (identical(x, choices)) return(0L)
  if (!is.character(x) || length(x) != 1L || is.na(x) || !(x %in% choices))
    abort_argument("`", name, "` must be one of ", paste0('"', choices, '"', collapse = ", "),
                   ", not ", describe(x))
  match(x, choices) - 1L
}

arg_string <- function(x, name, null = TRUE) {
  if (is.null(x) && null) return(NULL)
  if (!is.character(x) || length(x) != 1L || is.na(x))
    abort_argument("`", name, "` must be one string", if (null) " or NULL", ", not ", describe(x))
  x
}

describe <- function(x) {
  if (is.null(x)) return("NULL")
  if (length(x) != 1L) return(paste0("a ", class(x)[1], " of length ", length(x)))
  if (is.character(x)) return(paste0('"', x, '"'))
  paste0(format(x), " (", class(x)[1], ")")
}
