// The preset a survey's model block names, looked up the one way the schema reader and writer
// share (private to src/schema).
#pragma once

#include "csikit/error.hpp"
#include "csikit/presets.hpp"
#include "csikit/schema.hpp"

#include <optional>

CSIKIT_NAMESPACE_BEGIN

namespace schema_detail {

/// The preset of `s.model`; none without a model block or for an unknown preset (validate()
/// reports that one under "model").
inline std::optional<preset_model> bound_preset(const survey& s) {
    if (!s.model || s.model->preset.empty()) return std::nullopt;
    try {
        return preset(s.model->preset);
    } catch (const error&) {
        return std::nullopt;
    }
}

}  // namespace schema_detail

CSIKIT_NAMESPACE_END
