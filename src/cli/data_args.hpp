// The options every command that takes --data shares for reading it: --encoding and
// --header-rows, and --sheet for Excel (docs/data.md). A command appends data_option_names to its option_set and
// calls apply_data_options on its read_options.
#pragma once

#include "cli.hpp"

#include <csikit/data.hpp>

#include <string>
#include <vector>

namespace csikit_cli {

/// The flags apply_data_options reads.
inline const std::vector<std::string> data_option_names = {"encoding", "header-rows", "sheet"};

/// Usage lines for them, to append to a command's options text.
inline constexpr const char* data_options_usage =
    "  --encoding NAME         text encoding of --data: utf-8, utf-16, gbk, gb18030, latin-1, cp1252\n"
    "                          (default: detect UTF-8 / UTF-16 by the byte-order mark)\n"
    "  --header-rows N         header rows above the data (default: detect; 3 for Qualtrics, 2 for\n"
    "                          SurveyMonkey); column names come from the first\n"
    "  --sheet NAME            Excel data: the sheet to read (default the first)\n";

/// Sets `ro.encoding` and `ro.header_rows` from --encoding and --header-rows (argument_error
/// for an unknown encoding or a count outside 1..max_header_rows).
void apply_data_options(const args& a, csikit::read_options& ro);

/// `known` with data_option_names appended.
option_set with_data_options(option_set known);

}  // namespace csikit_cli
