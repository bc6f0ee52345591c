// The few rules every JSON serializer of csikit shares (private to src/report/json): the one
// number writer, the one way a document becomes text, the bootstrap counts.
#pragma once

#include "csikit/report.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace json_write {

using json = nlohmann::ordered_json;  // keep the documented field order

/// A number, or null when it is NaN/infinite (JSON has no NaN).
inline json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

/// The document as text: `indent` checked by check_json_indent() (nlohmann reads past its
/// indent buffer beyond 1024), invalid UTF-8 from user files replaced rather than thrown.
inline std::string dump(const json& doc, int indent) {
    check_json_indent(indent);
    return doc.dump(indent, ' ', false, json::error_handler_t::replace);
}

/// The counts of a bootstrap run that report.json and the bootstrap result's own JSON share,
/// in their documented order (the thread count only where `threads` is true).
json bootstrap_counts(const bootstrap_result& b, bool threads);

/// The mediation class of every specific indirect effect (bootstrap_result::mediation).
json mediation(const bootstrap_result& b);
/// The survey IPA document (ipa_json.cpp), also embedded in report.json.
json survey_ipa_doc(const survey_ipa_result& r);

/// The composition-adjusted comparison (standardize_json.cpp), also the "standardized" member
/// of the score document.
json standardized_doc(const standardized_comparison& r);

}  // namespace json_write

CSIKIT_NAMESPACE_END
