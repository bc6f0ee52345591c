// Private helper: what a data file really is, from its first bytes: the one sniffer. The
// readers' dispatch (sniff.hpp) switches on it, and the CSV reader asks it too, so a workbook, an SPSS file or an archive handed to the CSV reader is
// named as what it is (with how to read it) instead of failing as broken text.
#pragma once

#include "csikit/version.hpp"

#include <string>
#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

enum class file_format {
    text,     ///< anything else: CSV/TSV text in some encoding
    xlsx,     ///< an Office Open XML workbook (a zip holding xl/ or [Content_Types].xml)
    zip,      ///< another zip archive
    gzip,     ///< gzip-compressed data
    xls,      ///< a legacy Excel/OLE2 compound file
    sav,      ///< SPSS .sav ($FL2)
    zsav,     ///< SPSS compressed .zsav ($FL3)
    dta,      ///< Stata .dta (117+ XML-like header, or the binary 104-115 formats)
    parquet,  ///< Apache Parquet (PAR1)
    arrow,    ///< Arrow IPC file (ARROW1)
    pdf,      ///< a PDF document
};

/// The format of a file from its first bytes (4 KiB are plenty; fewer work, less surely).
file_format sniff_format(std::string_view first_bytes) noexcept;

/// A short name for messages: "an Excel workbook (.xlsx)", "an SPSS data file (.sav)", ...
std::string format_description(file_format f);

/// How to read a file of this format with csikit or next to it, for the message that refuses
/// it as CSV (e.g. "export it as CSV UTF-8, or read it in Python with pandas.read_excel ...").
std::string format_remedy(file_format f);

}  // namespace detail
CSIKIT_NAMESPACE_END
