# Surveys: a csikit schema (a path, JSON text, a list) or a model made by the helpers or syntax.

# survey(x, data = NULL): x is a schema file path, schema JSON text, a schema as a list,
# a csikit_model (constructs()/relationships()), lavaan-style syntax or a csikit_survey.
survey <- function(x, data = NULL, scale = NULL) {
  if (inherits(x, "csikit_survey")) return(x)
  if (inherits(x, "csikit_fit")) return(x$survey)
  if (inherits(x, "csikit_model")) return(survey_from_list(model_schema(x, data)))
  if (is.list(x)) return(survey_from_list(x))
  if (!is.character(x) || length(x) != 1L || is.na(x))
    abort_argument("`model` must be a schema path, schema JSON text, a list, csikit_model() ",
                   "or lavaan-style syntax, not ", describe(x))
  text <- trimws(x)
  if (startsWith(text, "{")) return(make_survey(cc(C_survey_from_json, enc2utf8(x))))
  if (grepl("=~|<~|[[:alnum:]_.][[:space:]]*~[[:space:]]*[[:alnum:]_.]", text) && !file.exists(path.expand(x))) return(syntax_survey(x, data, scale))
  make_survey(cc(C_survey_load, path.expand(x)))
}

survey_from_list <- function(schema) {
  make_survey(cc(C_survey_from_json, enc2utf8(as.character(
    jsonlite::toJSON(schema, auto_unbox = TRUE, digits = NA, null = "null")))))
}

# The handle and what R needs of the schema: item columns, constructs, the weight column.
make_survey <- function(handle) {
  schema <- jsonlite::fromJSON(cc(C_survey_to_json, handle), simplifyVector = FALSE)
  items <- vapply(schema$items, function(i) i$id, "")
  columns <- vapply(schema$items, function(i) if (is.null(i$column) || !nzchar(i$column)) i$id else i$column, "")
  constructs <- lapply(schema$constructs, function(c) unlist(c$items))
  names(constructs) <- vapply(schema$constructs, function(c) c$id, "")
  structure(list(handle = handle, name = if (is.null(schema$name)) "" else schema$name,
                 items = items, columns = columns, constructs = constructs,
                 weight_column = if (is.null(schema$weight_column)) "" else schema$weight_column,
                 schema = schema),
            class = "csikit_survey")
}

print.csikit_survey <- function(x, ...) {
  cat("csikit survey \"", x$name, "\": ", length(x$items), " items, ", length(x$constructs),
      " constructs\n", sep = "")
  for (c in names(x$constructs)) cat("  ", c, ": ", paste(x$constructs[[c]], collapse = ", "), "\n", sep = "")
  invisible(x)
}
