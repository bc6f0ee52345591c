// Format sniffing by signature (the "magic numbers" each format's specification fixes).
#include "file_format.hpp"

CSIKIT_NAMESPACE_BEGIN
namespace detail {

file_format sniff_format(std::string_view b) noexcept {
    auto starts = [&](std::string_view sig) { return b.substr(0, sig.size()) == sig; };
    // Zip local file header (PKWARE APPNOTE 4.3.7); an xlsx names its parts in the first entries.
    if (starts(std::string_view("PK\x03\x04", 4)) || starts(std::string_view("PK\x05\x06", 4)))
        return b.find("xl/") != std::string_view::npos || b.find("[Content_Types].xml") != std::string_view::npos
                   ? file_format::xlsx
                   : file_format::zip;
    if (starts("\x1F\x8B")) return file_format::gzip;                            // RFC 1952
    if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return file_format::xls;    // OLE2 compound file
    if (starts("$FL2")) return file_format::sav;                                 // SPSS system file
    if (starts("$FL3")) return file_format::zsav;                                // SPSS zlib-compressed
    if (starts("<stata_dta>")) return file_format::dta;                          // Stata 117 and later
    // Stata 104-115: release byte, byte order 1 (MSF) or 2 (LSF), file type 1, a zero byte.
    if (b.size() >= 4 && static_cast<unsigned char>(b[0]) >= 104 && static_cast<unsigned char>(b[0]) <= 115 &&
        (b[1] == 1 || b[1] == 2) && b[2] == 1 && b[3] == 0)
        return file_format::dta;
    if (starts("PAR1")) return file_format::parquet;
    if (starts(std::string_view("ARROW1\0\0", 8))) return file_format::arrow;
    if (starts("%PDF-")) return file_format::pdf;
    return file_format::text;
}

std::string format_description(file_format f) {
    switch (f) {
        case file_format::text: return "text";
        case file_format::xlsx: return "an Excel workbook (.xlsx)";
        case file_format::zip: return "a zip archive";
        case file_format::gzip: return "gzip-compressed data (.gz)";
        case file_format::xls: return "a legacy Excel workbook (.xls)";
        case file_format::sav: return "an SPSS data file (.sav)";
        case file_format::zsav: return "a compressed SPSS data file (.zsav)";
        case file_format::dta: return "a Stata data file (.dta)";
        case file_format::parquet: return "an Apache Parquet file";
        case file_format::arrow: return "an Arrow IPC file";
        case file_format::pdf: return "a PDF document";
    }
    return "an unknown format";
}

std::string format_remedy(file_format f) {
    switch (f) {
        case file_format::xlsx:
        case file_format::xls:
            return "save the sheet as \"CSV UTF-8\", or in Python pass pandas.read_excel(FILE) to read_responses";
        case file_format::zip:
        case file_format::gzip: return "unpack it and give the CSV file inside";
        case file_format::sav:
        case file_format::zsav: return "export it as CSV, or in Python pass pandas.read_spss(FILE) to read_responses";
        case file_format::dta: return "export it as CSV, or in Python pass pandas.read_stata(FILE) to read_responses";
        case file_format::parquet:
        case file_format::arrow: return "in Python, read_responses(FILE, survey) reads it through pyarrow";
        case file_format::pdf:
        case file_format::text: break;
    }
    return "give the survey platform's CSV export";
}

}  // namespace detail
CSIKIT_NAMESPACE_END
