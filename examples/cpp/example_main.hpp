// What every C++ example does around its own steps: check the arguments, read the schema and
// the answers (every problem is reported with file, line and column), write the HTML report
// when a third argument names a file, and turn a csikit::error into a message and status 2.
#pragma once

#include <csikit/csikit.hpp>
#include <csikit/html_report.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace example {

/// main() of an example: `steps(survey, data, report)` on SCHEMA.json RESPONSES.csv
/// [REPORT.html] from the command line; `report` is nullptr when not asked for. Returns what
/// `steps` returns, or 2 on a usage or csikit error.
template <class Steps>
int run(const char* program, int argc, char** argv, Steps steps) {
    if (argc < 3) {
        std::cerr << "usage: " << program << " SCHEMA.json RESPONSES.csv [REPORT.html]\n";
        return 2;
    }
    try {
        const auto survey = csikit::load_survey(argv[1]);
        const auto data = csikit::read_responses(argv[2], survey);
        return steps(survey, data, argc > 3 ? argv[3] : nullptr);
    } catch (const csikit::error& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }
}

/// Writes the English HTML report of `in` to `path` and says where.
inline void write_report(const char* path, const csikit::report_input& in) {
    std::ofstream(path, std::ios::binary) << csikit::html_report(in, {.language = "en"});
    std::printf("report: %s\n", path);
}

}  // namespace example
