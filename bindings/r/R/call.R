# Calling the C ABI and turning its failures into R conditions.
#
# The compiled glue (src/csikit_r.c) never raises an R error after csikit has failed: it
# returns a "csikit_failure" list and cc() raises the classed condition here, so every error
# of the package is an R condition of class csikit_error (and a subclass naming the kind).

# csikit status codes (csikit.h) -> condition classes.
.status_classes <- c(
  "1" = "csikit_io_error", "2" = "csikit_parse_error", "3" = "csikit_schema_error",
  "4" = "csikit_data_error", "5" = "csikit_model_error", "6" = "csikit_numeric_error",
  "7" = "csikit_convergence_error", "8" = "csikit_cancelled", "9" = "csikit_argument_error")

# A condition of class c(class, "csikit_error", "error", "condition").
csikit_condition <- function(message, class = character(), status = NA_integer_, fn = NA_character_,
                             call = NULL) {
  structure(class = unique(c(class, "csikit_error", "error", "condition")),
            list(message = message, call = call, status = status, fn = fn))
}

# Raises a csikit condition of `class` (R-side checks: arguments, data, model).
abort <- function(class, ...) {
  stop(csikit_condition(paste0(...), class = class))
}
abort_argument <- function(...) abort("csikit_argument_error", ...)
abort_data <- function(...) abort("csikit_data_error", ...)
abort_model <- function(...) abort("csikit_model_error", ...)

# .Call an entry point; a csikit failure becomes a condition carrying csikit's message.
cc <- function(fn, ...) {
  r <- .Call(fn, ...)
  if (inherits(r, "csikit_failure")) {
    cls <- .status_classes[as.character(r$status)]
    if (is.na(cls)) cls <- "csikit_abi_error"
    stop(csikit_condition(r$message, class = cls, status = r$status, fn = r$fn))
  }
  r
}

# Parses a JSON document of the core's serializers (numbers round-trip exactly).
from_json <- function(text) jsonlite::fromJSON(text, simplifyVector = TRUE, simplifyDataFrame = TRUE,
                                               simplifyMatrix = TRUE)

csikit_version <- function() {
  v <- .Call(C_version)
  list(version = v[[1]], abi = as.integer(v[[2]]))
}

# The options description of every analysis (docs/options.md) as a list.
csikit_options <- function() from_json(cc(C_options_json))
