// Putting a parsed model into a survey (private to src/schema): shared by with_model and by
// parse_survey's "model" string, so both read a construct over a segment column the same way.
#pragma once

#include "csikit/model_syntax.hpp"

CSIKIT_NAMESPACE_BEGIN

namespace schema_detail {

/// Sets the survey's constructs, paths, HOCs, interactions and categorical constructs from `m`;
/// a construct over one segment column (not an item) becomes categorical.
void assign_model(survey& s, const model_syntax& m);

}  // namespace schema_detail

CSIKIT_NAMESPACE_END
