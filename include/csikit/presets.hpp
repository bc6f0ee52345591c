// The ACSI, ECSI and CCSI index models as data (constructs, roles, paths, target), stored as
// JSON embedded in the library (share/presets/*.json is the source), and their binding to a
// survey's items. docs/index_models.md lists the models and their sources.
#pragma once

#include "model.hpp"
#include "schema.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// One construct of a preset model (no items: the survey supplies them).
struct preset_construct {
    std::string id;           ///< e.g. "SAT"
    localized_text label;     ///< {"en": ..., "zh": ...}
    /// What the construct stands for: "image", "expectations", "quality", "value",
    /// "satisfaction", "complaints", "loyalty".
    std::string role;
    bool optional = false;    ///< may be dropped (complaints)
};

/// A preset index model.
struct preset_model {
    std::string name;                          ///< "acsi", "ecsi", "ccsi"
    localized_text title;
    std::vector<preset_construct> constructs;
    std::vector<path> paths;
    std::string target;                        ///< id of the construct with role "satisfaction"
    std::string source;                        ///< where the structure comes from
    std::string note;                          ///< open questions (e.g. CCSI's 11th edge)

    /// The construct with this id, or nullptr.
    const preset_construct* find(std::string_view id) const noexcept;
};

/// Names of the shipped presets: {"acsi", "ccsi", "ecsi"}.
std::vector<std::string> preset_names();

/// The embedded JSON text of a preset (argument_error for an unknown name).
std::string_view preset_json(std::string_view name);

/// Parses a preset JSON document (the shipped ones or a user's file). parse_error for malformed
/// JSON, schema_error listing structural problems (missing fields, duplicate or unknown ids,
/// cycles, a target without role "satisfaction").
preset_model parse_preset(std::string_view json_text, const std::string& source = "<preset>");

/// A shipped preset by name (case-insensitive); argument_error for an unknown name.
preset_model preset(std::string_view name);

/// Binding options.
struct bind_options {
    /// Leave out the construct with role "complaints" and its paths (official ECSI; CCSI has
    /// none). Without this, complaints needs items like every other construct.
    bool drop_complaints = false;
    outer_mode mode = outer_mode::A;  ///< mode of every construct
};

/// Items per construct id (construct id -> item ids).
using construct_items = std::map<std::string, std::vector<std::string>>;

/// The preset with each construct's items filled in, ready for estimate(). schema_error names a
/// construct id in `items` that the preset does not have (or that was dropped), and every
/// construct left without items.
pls_model bind_preset(const preset_model& model, const construct_items& items, const bind_options& options = {});

/// The same for a shipped preset by name.
pls_model bind_preset(std::string_view name, const construct_items& items, const bind_options& options = {});

CSIKIT_NAMESPACE_END
