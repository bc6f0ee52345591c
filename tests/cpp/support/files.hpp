// Paths and whole-file reads for the C++ tests (doctest): the checkout (CSIKIT_SOURCE_DIR) and
// the shared reference data (CSIKIT_SHARED_DATA), both defined by tests/CMakeLists.txt.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace test_support {

/// A file below the checkout, e.g. source_path("examples/bank_branch/schema.json").
inline std::string source_path(const std::string& rel) { return std::string(CSIKIT_SOURCE_DIR) + "/" + rel; }

/// The bytes of a file; a file that cannot be opened fails the test that asked for it.
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace test_support
