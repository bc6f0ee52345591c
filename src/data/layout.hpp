// Private helper: the header layouts of survey platforms' CSV exports, detected from the first
// records, and the column names they give (docs/data.md, "Platform exports").
//   Qualtrics: three header rows: column ids (Q1, Q2_1, ...), the question text, and
//     ImportId JSON ({"ImportId":"QID1"}); data from row 4.
//   SurveyMonkey: two header rows: the question text (blank over the further columns of the same
//     question), then the sub-labels ("Response", "Open-Ended Response", a matrix row's label).
//   wjx (问卷星): one header row whose first columns are 序号, 提交答卷时间, 所用时间, 来源, ...
//     (metadata, not items); "(跳过)" marks a skipped question.
#pragma once

#include "csikit/version.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

enum class export_layout { plain, qualtrics, surveymonkey, wjx };

struct header_layout {
    export_layout kind = export_layout::plain;
    std::size_t rows = 1;  ///< header rows above the data
};

/// "csv", "qualtrics", "surveymonkey", "wjx".
const char* layout_name(export_layout k) noexcept;

/// The layout of CSV `text` (no BOM) split with `delim`, from its first three records.
/// `forced_rows` > 0 (--header-rows) fixes the number of header rows; the platform is then kept
/// only if its layout has that many.
header_layout detect_layout(std::string_view text, char delim, int forced_rows);

/// The column names from the header records (record 0 first). SurveyMonkey: "question" where
/// the sub-label is empty, "Response" or "Open-Ended Response", else "question - sub-label",
/// with a blank question cell standing for the question to its left. Others: record 0.
std::vector<std::string> layout_names(const std::vector<std::vector<std::string>>& records, export_layout k);

/// True for a cell the platform writes for a skipped question (wjx's "(跳过)"): read as empty.
bool skipped_cell(export_layout k, std::string_view cell) noexcept;

}  // namespace detail
CSIKIT_NAMESPACE_END
