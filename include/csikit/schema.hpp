// The survey schema: rating scales, items, the indicator hierarchy, index-model constructs and
// paths, and the columns that carry respondent weights, segments and the wave.
//
// The C++ field names are the JSON keys (docs/schema.md documents the JSON form with a full
// example). Loading validates the whole document and reports every problem with its JSON path.
#pragma once

#include "error.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Text in several languages: language code -> text. A plain JSON string is stored under "".
/// JSON: `"Clean hall"` or `{"en": "Clean hall", "zh": "大厅整洁"}`.
struct localized_text {
    std::map<std::string, std::string> by_language;

    /// The text in `language`; falls back to "", then "en", then any language, then "".
    std::string get(std::string_view language = {}) const;
    bool empty() const noexcept { return by_language.empty(); }
};

/// Why a code means "no answer". JSON: "dont_know", "refused", "not_applicable", "other".
enum class missing_kind { dont_know, refused, not_applicable, other };

/// The JSON name of a missing kind ("dont_know", "refused", "not_applicable", "other").
const char* to_string(missing_kind kind) noexcept;

/// A code in the data that is not a scale value but a reason for no answer (e.g. 98 = don't know).
struct missing_code {
    double code = 0;
    missing_kind kind = missing_kind::other;
    localized_text label;
};

/// One labelled value of a scale, with an optional score (e.g. 很满意 = 100, 满意 = 80, ...).
struct scale_value {
    double value = 0;
    localized_text label;
    std::optional<double> score;  ///< a score on 0..100 used instead of the linear rescaling
};

/// What "satisfied" means for a scale or an item (issue 14 item 8). JSON: "satisfied":
/// {"min_score": 70} (0-100 score >= 70, the default rule), {"min_value": 8} (answer >= 8 on the
/// item's own scale) or {"top_box": true} (the answer is in the scale's top box).
struct satisfied_rule {
    enum class kind { min_score, min_value, top_box };
    kind how = kind::min_score;
    double value = 70;  ///< the threshold of min_score (0-100) or min_value (scale units)
};

/// A rating scale: integer points min..max (e.g. 1..5, 1..10, 0..10).
/// JSON: {"id", "min", "max", "values": [{"value", "label", "score"}], "missing": [...],
///        "top_box": [4, 5]}
struct scale {
    std::string id;
    double min = 1;
    double max = 5;
    std::vector<scale_value> values;      ///< labels/scores per value; may be empty or partial
    std::vector<missing_code> missing;    ///< codes that mean "no answer"
    std::vector<double> top_box;          ///< values counted by top-box/CSAT; empty = top two
    std::optional<satisfied_rule> satisfied;  ///< "satisfied" on this scale; none = score >= threshold

    /// True if `x` is one of the missing-value codes.
    bool is_missing_code(double x) const noexcept;
    /// True if min <= x <= max.
    bool contains(double x) const noexcept { return x >= min && x <= max; }
    /// The labelled value entry for `x`, or nullptr.
    const scale_value* find_value(double x) const noexcept;
};

/// A questionnaire item. `column` names the CSV column (defaults to `id`).
/// JSON: {"id", "text", "scale", "reverse": false, "column"}
struct item {
    std::string id;
    localized_text text;
    std::string scale;     ///< id of a scale
    bool reverse = false;  ///< negatively worded: recoded x -> min + max - x on reading
    std::string column;    ///< data column; empty means the same as `id`
    std::string importance_item;  ///< the item asking how important this one is (stated IPA)
    std::optional<satisfied_rule> satisfied;  ///< overrides the scale's rule for this item

    const std::string& column_name() const noexcept { return column.empty() ? id : column; }
};

/// A node of the indicator hierarchy (指标体系). A leaf refers to an item; an inner node has
/// children. Weights are relative: they are normalised over the siblings that have an answer.
/// JSON: {"id", "label", "weight": 1, "children": [...]} or {"item": "ENV1", "weight": 0.4}
struct node {
    std::string id;         ///< for a leaf, defaults to the item id
    localized_text label;
    double weight = 1.0;
    std::string item;       ///< non-empty for a leaf
    std::vector<node> children;
    std::string importance_item;  ///< the item asking how important this node is (IPA factor)
    /// AHP pairwise comparisons of the children (docs/ahp.md): ahp[i][j] = how much more
    /// important child i is than child j; empty = use the stated weights.
    std::vector<std::vector<double>> ahp;

    bool is_leaf() const noexcept { return !item.empty(); }
};

/// One category of a multi-response item: a 0/1 data column (1 = the respondent named it).
/// JSON: {"id": "price", "column": "complaint_price", "label": {"en": "Price", "zh": "价格"}}
struct multi_response_category {
    std::string id;
    std::string column;  ///< data column; empty means the same as `id`
    localized_text label;

    const std::string& column_name() const noexcept { return column.empty() ? id : column; }
};

/// A coded open answer or a "tick all that apply" question: several 0/1 columns read as one
/// item (docs/feedback.md). JSON: {"id": "complaint", "label": ..., "categories": [...]}
struct multi_response_item {
    std::string id;
    localized_text label;
    std::vector<multi_response_category> categories;  ///< at least one
};

/// Outer mode of a construct: A = reflective (correlation weights), B = formative (regression).
enum class outer_mode { A, B };

/// A latent construct of an index model. JSON: {"id", "label", "items": [...], "mode": "A",
/// "anchor": "CUSA1"}; `anchor` names the item whose loading fixes the sign.
struct construct {
    std::string id;
    localized_text label;
    std::vector<std::string> items;
    outer_mode mode = outer_mode::A;
    std::string anchor;
};

/// A structural path from one construct to another. JSON: {"from", "to"}
struct path {
    std::string from;
    std::string to;
};

// ---- higher-order constructs and interaction terms (docs/pls.md, "Higher-order constructs",
// "Moderation"). Estimated by turning them into an ordinary model (include/csikit/model_expand.hpp).

/// How a higher-order construct (HOC) is estimated.
enum class hoc_approach {
    repeated_indicators,  ///< the HOC is measured by every item of its lower-order constructs
    two_stage,            ///< stage 1 without the HOC; stage-1 LOC scores become the HOC's items
    embedded_two_stage,   ///< stage 1 by repeated indicators; its LOC scores become the HOC's items
};

/// How an interaction term (predictor x moderator) is built.
enum class interaction_approach {
    product_indicator,  ///< products of the standardised items of predictor and moderator
    two_stage,          ///< the product of the two standardised construct scores (one item)
    orthogonal,         ///< product indicators residualised on all the items of both (Little et al.)
};

/// A construct measured by other constructs (its lower-order constructs, LOCs).
/// JSON (model syntax): `QUAL =~ ENV + STAFF + FEES` (mode A) or `<~` (mode B).
struct higher_order_construct {
    std::string id;
    localized_text label;
    std::vector<std::string> components;  ///< construct ids of the lower-order constructs
    outer_mode mode = outer_mode::A;
    hoc_approach approach = hoc_approach::two_stage;
};

/// The product of a predictor and a moderator construct, a predictor in the structural model.
/// Model syntax: `CUSL ~ CUSA + SC + CUSA:SC`; its id is "CUSA*SC" (as seminr names it).
struct interaction_term {
    std::string id;         ///< "predictor*moderator"
    std::string predictor;  ///< construct id
    std::string moderator;  ///< construct id
    interaction_approach approach = interaction_approach::product_indicator;
};

/// A categorical construct: one nominal column (a segment column such as "channel", or an item
/// read as categories) entered as K-1 dummy constructs "ID[category]" against a reference
/// category. It may predict constructs and moderate a path (`CUSL ~ CUSA + CH + CUSA:CH`); the
/// fit then gives the predictor's slope in every category (docs/pls.md, "Categorical moderators").
/// Model syntax: `CH =~ channel` over a segment column (or `@categorical CH` for an item), and
/// `@categorical CH online` to choose the reference (default: the first category in order).
struct categorical_construct {
    std::string id;
    std::string column;     ///< a segment column or an item
    std::string reference;  ///< empty = the first category (numeric order for an item, else byte order)
    localized_text label;
};

/// Most categories a categorical construct may have: 50 (49 dummy constructs).
inline constexpr std::size_t max_categorical_levels = 50;

/// A preset index model (ACSI/ECSI/CCSI, csikit/presets.hpp) bound to the survey's items.
/// JSON: "model": {"preset": "ecsi", "constructs": {"IMAG": ["IMAG1", ...], ...},
/// "drop_complaints": false}. parse_survey expands it into `constructs` and `paths` (preset
/// order first, with the preset's labels), so pls_model::from_survey gives the bound model;
/// explicit constructs and paths extend it (docs/schema.md).
struct model_binding {
    std::string preset;                                          ///< "acsi", "ecsi", "ccsi"
    std::map<std::string, std::vector<std::string>> constructs;  ///< preset construct id -> item ids
    bool drop_complaints = false;  ///< leave out the complaints construct and its paths
    /// "model": "IMAG =~ IMAG1 + ..." or {"syntax": "..."}: the model as lavaan-style text
    /// (csikit/model_syntax.hpp), expanded into constructs, paths, HOCs and interactions.
    std::string syntax;
    /// "model": {"higher_order": "hierarchy"}: the hierarchy's inner nodes become constructs
    /// (csikit/model_syntax.hpp, hierarchy_model).
    std::string higher_order;
    std::string higher_order_approach;  ///< "two_stage" (default), "repeated_indicators", "embedded_two_stage"
};

/// The whole survey: the schema of the questionnaire and of the index model.
struct survey {
    std::string name;
    std::vector<std::string> languages;       ///< languages of the labels, first = default
    std::vector<scale> scales;
    std::vector<item> items;
    std::optional<node> hierarchy;            ///< the indicator tree; root = overall index
    std::vector<construct> constructs;
    std::vector<path> paths;
    std::string weight_column;                ///< respondent weights; empty = unweighted
    std::vector<std::string> segment_columns; ///< e.g. "age_band", "channel"
    std::string wave_column;                  ///< period/wave column; empty = one wave
    std::string nps_item;                     ///< the 0-10 "would you recommend" item, if any
    std::string overall_item;                 ///< the overall-satisfaction item, if any
    std::optional<model_binding> model;       ///< a preset bound to items (expanded into constructs/paths)
    /// Higher-order constructs and interaction terms (from model syntax or a hierarchy);
    /// paths may name their ids. Empty for a first-order model.
    std::vector<higher_order_construct> higher_order;
    std::vector<interaction_term> interactions;
    std::vector<categorical_construct> categorical;  ///< nominal predictors and moderators
    /// Multi-response category items (coded open answers; docs/feedback.md).
    std::vector<multi_response_item> multi_response;
    /// The free-text answer column quoted as verbatims in the feedback report; empty = none.
    std::string verbatim_column;

    const scale* find_scale(std::string_view id) const noexcept;
    const item* find_item(std::string_view id) const noexcept;
    const construct* find_construct(std::string_view id) const noexcept;
    /// The scale of an item; throws schema_error if either is unknown.
    const scale& scale_of(std::string_view item_id) const;
};

/// The data columns the feedback records add to the items' (each category column, then the
/// verbatim column), each with what it is for messages ("category \"price\" of multi-response
/// item \"complaint\""). The data readers carry them as text in responses::groups.
std::vector<std::pair<std::string, std::string>> record_columns(const survey& s);

/// Every problem in a survey (unknown ids, duplicates, bad ranges, cycles in the hierarchy),
/// each with its JSON path. An empty result means the survey is valid.
std::vector<problem> validate(const survey& s);

/// Parses schema JSON text. `source` names the input in messages (a file name or "<string>").
/// Throws parse_error for malformed JSON (with line and column), schema_error listing every
/// problem found by the structural checks and by validate().
survey parse_survey(std::string_view json_text, const std::string& source = "<string>");

/// Largest schema file load_survey reads: 256 MiB (a schema of 10^6 items is about 40 MB).
/// Reading stops there, so /dev/zero or a wrong file is refused instead of filling memory.
inline constexpr std::size_t max_schema_bytes = std::size_t{256} << 20;
/// Deepest JSON nesting parse_survey accepts (arrays and objects): 200. Each hierarchy level
/// takes two (a "children" array and the child object), so a hierarchy is at most 99 levels
/// below its root (a per-language label object on the deepest node takes one more).
inline constexpr std::size_t max_schema_depth = 200;

/// Reads and parses a schema file (a regular file, a pipe or a FIFO); io_error if it cannot be
/// read or is larger than max_schema_bytes.
survey load_survey(const std::string& path);

/// The survey as JSON text (round-trips through parse_survey).
std::string to_json_text(const survey& s, int indent = 2);

CSIKIT_NAMESPACE_END
