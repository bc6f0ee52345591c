// The bank-branch example of the checkout (examples/bank_branch: schema.json and responses.csv,
// 600 respondents in two waves), read the way a user reads it. Needs CSIKIT_SOURCE_DIR.
#pragma once

#include <csikit/data.hpp>
#include <csikit/schema.hpp>

#include <string>

namespace test_support {

/// A file of the bank example.
inline std::string bank_path(const std::string& file) {
    return std::string(CSIKIT_SOURCE_DIR) + "/examples/bank_branch/" + file;
}

/// examples/bank_branch/schema.json, loaded once.
inline const csikit::survey& bank_survey() {
    static const csikit::survey s = csikit::load_survey(bank_path("schema.json"));
    return s;
}

/// examples/bank_branch/responses.csv read against the bank schema (a fresh copy each call).
inline csikit::responses bank_responses() { return csikit::read_responses(bank_path("responses.csv"), bank_survey()); }

}  // namespace test_support
