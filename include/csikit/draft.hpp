// A schema drafted from a data file (`csikit import`): SPSS/Stata variable and value labels,
// user-missing codes and measure levels, or, from CSV and Excel, the observed values. The draft
// is a valid survey to start from; the notes say what was guessed and what the analyst must
// check before the analysis is trusted (docs/data.md, "Drafting a schema").
#pragma once

#include "data.hpp"
#include "schema.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// How a schema is drafted.
struct draft_options {
    std::string language = "en";  ///< language of the labels and notes: "en" or "zh"
    read_options read;            ///< CSV: delimiter, encoding, header_rows; Excel: sheet; source name
};

/// One thing the draft says about a column.
struct draft_note {
    std::string column;  ///< the data column ("" = the whole file)
    std::string kind;    ///< "guess": what was inferred; "check": what the analyst must confirm
    std::string text;    ///< in the draft's language
};

/// The drafted schema and what it rests on.
struct schema_draft {
    survey schema;                              ///< validates (parse_survey of its JSON)
    std::string format;                         ///< "SPSS .sav", "Excel .xlsx", "CSV", ...
    std::size_t respondents = 0;                ///< data rows seen
    std::vector<std::string> metadata_columns;  ///< kept out of the items (ids, 问卷星 序号/提交答卷时间/所用时间)
    std::vector<std::string> skipped_columns;   ///< neither item, weight nor segment (free text, continuous)
    std::vector<draft_note> notes;
};

/// Drafts a schema from the file at `path` (the kind told by its first bytes, as read_responses
/// does). Throws io_error/parse_error for an unreadable file, argument_error for a language
/// other than "en" or "zh".
schema_draft draft_schema(const std::string& path, const draft_options& options = {});

CSIKIT_NAMESPACE_END
