// The schema's feedback records (multi-response category items and the verbatim column): read,
// checked and written here so that schema_read/validate/write only call in (docs/feedback.md).
#pragma once

#include "csikit/schema.hpp"

#include <nlohmann/json.hpp>

#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace schema_detail {

/// Reads "multi_response" and "verbatim_column" of the schema's root object into `s`,
/// recording a problem (with its JSON path) for each key or type that is wrong.
void read_multi_response(const nlohmann::json& root, survey& s, std::vector<problem>& problems);

/// Meaning checks: at least one category, ids unique and non-empty, no column used twice or
/// also used by an item, the weight, a segment or the wave.
void validate_multi_response(const survey& s, std::vector<problem>& problems);

/// Writes them back (round-trips through read_multi_response).
void write_multi_response(const survey& s, nlohmann::ordered_json& root);

}  // namespace schema_detail
CSIKIT_NAMESPACE_END
