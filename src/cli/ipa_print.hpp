// The survey IPA as text (src/cli/ipa.cpp): used by `csikit ipa` and by `csikit analyze` on a
// survey without a path model.
#pragma once

#include <csikit/ipa_survey.hpp>

#include <iosfwd>
#include <string>

namespace csikit_cli {

/// The map, per group, and the notes, labels in `language`.
void print_survey_ipa(std::ostream& out, const csikit::survey_ipa_result& r, const std::string& language);

}  // namespace csikit_cli
