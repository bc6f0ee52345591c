// --model FILE (lavaan-style model syntax replacing the schema's model) and the tables of
// higher-order constructs and interaction terms, for analyze, report and validate.
#pragma once

#include <csikit/model_expand.hpp>
#include <csikit/schema.hpp>

#include <iosfwd>
#include <optional>
#include <string>

namespace csikit_cli {

/// The schema, with its model replaced by the syntax in `model_path` when given ("-": stdin).
csikit::survey load_survey_with_model(const std::string& schema_path, const std::optional<std::string>& model_path);

/// Higher-order constructs (LOC weights and loadings per order) and interaction terms with
/// their simple slopes; the first stage's paths and R2 when there is one.
void print_extended(std::ostream& out, const csikit::extended_fit& e);

}  // namespace csikit_cli
