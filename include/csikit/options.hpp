// One description of the options of each analysis: name, type, default, one line of doc, and
// how each face reaches it (CLI flag, Python keyword, C field) or why a face deliberately does
// not. tests/options/check_options.py checks every face against it, so the faces cannot drift:
// an option a face lacks without a recorded exception fails the test. JSON: options_json()
// (report.hpp) and csikit_options_json() (csikit.h). docs/options.md lists them.
#pragma once

#include "version.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// How one face reaches an option: by `name`, or not at all for the stated `exception`.
struct option_face {
    std::string name;       ///< CLI flag (without --), Python keyword or C field; "" = not reachable
    std::string exception;  ///< why the face lacks it (required when name is ""); "TODO ..." fails the parity test
};

/// One option of an analysis.
struct option_description {
    std::string name;           ///< the C++ field (nested fields as "nps.promoter_min")
    std::string type;           ///< "bool", "int", "size", "uint64", "double", "string", "enum", "map", "callback", "pointer", "list"
    std::string default_value;  ///< the default as text ("1e-07", "path", "" for none)
    std::vector<std::string> choices;  ///< the values of an enum (as the CLI and Python spell them)
    std::string doc;            ///< one line
    option_face cli, python, c;
};

/// The options of one analysis and where each face takes them.
struct analysis_description {
    std::string analysis;     ///< "estimate", "bootstrap", "score", "analyze"
    std::string cpp;          ///< the C++ options struct(s)
    std::string cli;          ///< the CLI command whose flags carry them
    std::string python;       ///< the Python function ("module.function" or "module.Class.method")
    std::string c;            ///< the C options struct of csikit.h
    std::vector<option_description> options;
};

/// Every analysis with its options; defaults are read from the default-constructed C++ structs.
const std::vector<analysis_description>& option_descriptions();

CSIKIT_NAMESPACE_END
