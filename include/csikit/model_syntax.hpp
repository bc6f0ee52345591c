// Model syntax people already use (lavaan/seminr style) for the constructs and paths of a survey:
//
//   IMAG =~ IMAG1 + IMAG2 + IMAG3     # a reflective (mode A) construct
//   VAL  <~ VAL1 + VAL2               # a formative (mode B) construct
//   QUAL =~ ENV + STAFF + FEES        # a higher-order construct over constructs
//   CUSA ~ IMAG + QUAL                # paths (regressions)
//   CUSL ~ CUSA + SC + CUSA:SC        # an interaction term (also CUSA.SC), id "CUSA*SC"
//   @higher_order repeated_indicators # approach of every HOC (default two_stage)
//   @interaction  orthogonal          # approach of every interaction (default product_indicator)
//   CH =~ channel                     # over a segment column: a categorical construct
//   @categorical  CH online           # categorical (needed for an item), reference category online
//
// Statements end at a line end or ';'; a line ending in an operator or '+', or followed by a line
// starting with '+', continues. '#' starts a comment. docs/schema.md has the grammar.
#pragma once

#include "schema.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// A model as the syntax declares it (ids not yet checked against a survey).
struct model_syntax {
    std::vector<construct> constructs;  ///< first-order constructs, in the order of the text
    std::vector<path> paths;
    std::vector<higher_order_construct> higher_order;
    std::vector<interaction_term> interactions;
    /// Constructs marked `@categorical ID [REFERENCE]` (their column is the one indicator);
    /// with_model adds the constructs over one segment column.
    std::vector<categorical_construct> categorical;
};

/// Longest model text parse_model_syntax reads: 16 MiB (a model of 10^5 constructs is ~3 MB).
inline constexpr std::size_t max_model_syntax_bytes = std::size_t{16} << 20;
/// Most statements, and most terms in one statement: 10^6 each.
inline constexpr std::size_t max_model_syntax_terms = 1000000;

/// Parses model syntax. `source` names the input in messages ("model.txt", "<model>").
/// parse_error (line and column, what was expected) for text that is not the syntax;
/// schema_error for a well-formed text that is inconsistent in itself (a construct defined
/// twice, a path or an interaction over an unknown construct, a HOC mixing constructs and
/// items, a HOC over one construct), each problem with its line and column.
model_syntax parse_model_syntax(std::string_view text, const std::string& source = "<model>");

/// The survey with its model replaced by `m` (constructs, paths, HOCs, interactions; a bound
/// preset is dropped). schema_error listing every problem of the result (validate()), e.g. an
/// item the survey does not have.
survey with_model(const survey& s, const model_syntax& m);

/// parse_model_syntax + with_model. Problems of items name the construct.
survey with_model_syntax(const survey& s, std::string_view text, const std::string& source = "<model>");

/// The survey's model made second-order by its hierarchy (`"model": {"higher_order":
/// "hierarchy"}`): every inner node whose children are items is a first-order construct (the
/// survey's construct of that id, with its label, mode and anchor, when it has one; else mode A
/// over those items), every inner node (the root too) whose children are such nodes a
/// higher-order construct over them. The survey's other constructs stay; a path from (to) a
/// lower-order construct to (from) outside its HOC is moved to the HOC (duplicates merged).
/// schema_error if the survey has no hierarchy, a node mixes items and sub-nodes, or the
/// hierarchy is deeper than a second-order model.
model_syntax hierarchy_model(const survey& s, hoc_approach approach = hoc_approach::two_stage);

/// The model as syntax text (parses back to the same model).
std::string to_model_syntax(const model_syntax& m);

/// "repeated_indicators", "two_stage", "embedded_two_stage".
const char* to_string(hoc_approach a) noexcept;
/// "product_indicator", "two_stage", "orthogonal".
const char* to_string(interaction_approach a) noexcept;

CSIKIT_NAMESPACE_END
