// .xlsx: a zip of XML parts. workbook.xml names the sheets, its .rels file maps them to parts,
// sharedStrings.xml holds the text, styles.xml tells which numbers are dates. Each part is
// decompressed with a size cap (a zip bomb stops at the cap) and checked for nesting depth
// before pugixml builds its tree, so a hostile file is refused in bounded memory.
#include "xlsx_reader.hpp"

#include "csv.hpp"  // trim
#include "responses_check.hpp"

#include <pugixml.hpp>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <new>

CSIKIT_NAMESPACE_BEGIN
namespace detail {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const std::string& source, const std::string& what) {
    throw parse_error({source, 0, ""}, what);
}

/// The zip archive, closed on scope exit.
class archive {
public:
    archive(std::string_view bytes, const std::string& source, const xlsx_limits& limits)
        : source_(source), limits_(limits) {
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
        if (!src) throw std::bad_alloc();
        zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
        if (!zip_) {
            zip_source_free(src);
            const std::string why = zip_error_strerror(&err);
            zip_error_fini(&err);
            fail(source, "not a readable zip archive: " + why + " (expected an Excel .xlsx workbook)");
        }
        zip_error_fini(&err);
    }
    ~archive() {
        if (zip_) zip_discard(zip_);
    }
    archive(const archive&) = delete;
    archive& operator=(const archive&) = delete;

    bool has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

    /// The part's bytes, at most limits.part_bytes of them, whatever the archive claims.
    std::string read(const std::string& name) const {
        const zip_int64_t idx = zip_name_locate(zip_, name.c_str(), 0);
        if (idx < 0) fail(source_, "the workbook has no part " + name + " (expected an Excel .xlsx workbook)");
        zip_stat_t st;
        zip_stat_init(&st);
        const std::string limit_text = "the part " + name + " is larger than " +
                                       std::to_string(limits_.part_bytes >> 20) + " MiB uncompressed, the limit (max_xlsx_part_bytes; " +
                                       "expected a worksheet of ordinary size; a zip bomb stops here)";
        if (zip_stat_index(zip_, static_cast<zip_uint64_t>(idx), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
            st.size > limits_.part_bytes)
            fail(source_, limit_text);
        zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(idx), 0);
        if (!f) fail(source_, "cannot open the part " + name + ": " + zip_strerror(zip_) + " (expected an Excel .xlsx workbook)");
        std::string out;
        char chunk[1 << 16];
        for (;;) {
            const zip_int64_t k = zip_fread(f, chunk, sizeof chunk);
            if (k < 0) {
                const std::string why = zip_file_strerror(f);
                zip_fclose(f);
                fail(source_, "cannot decompress the part " + name + ": " + why + " (expected an Excel .xlsx workbook)");
            }
            if (k == 0) break;
            if (out.size() + static_cast<std::size_t>(k) > limits_.part_bytes) {  // the size field may lie
                zip_fclose(f);
                fail(source_, limit_text);
            }
            out.append(chunk, static_cast<std::size_t>(k));
        }
        zip_fclose(f);
        return out;
    }

private:
    zip_t* zip_ = nullptr;
    std::string source_;
    const xlsx_limits& limits_;
};

/// Refuses XML nested deeper than the limit, in one pass before any tree is built.
void check_depth(std::string_view x, std::size_t max_depth, const std::string& source, const std::string& part) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] != '<') continue;
        if (i + 1 >= x.size()) break;
        const char c = x[i + 1];
        if (c == '/') {
            if (depth) --depth;
            continue;
        }
        if (c == '?' || c == '!') {
            const char* end = x.substr(i, 9) == "<![CDATA[" ? "]]>" : (x.substr(i, 4) == "<!--" ? "-->" : ">");
            const std::size_t e = x.find(end, i + 2);
            if (e == std::string_view::npos) return;  // pugixml reports the broken XML
            i = e;
            continue;
        }
        // An opening tag: find its end, skipping quoted attribute values.
        std::size_t j = i + 1;
        char quote = 0;
        for (; j < x.size(); ++j) {
            if (quote) {
                if (x[j] == quote) quote = 0;
            } else if (x[j] == '"' || x[j] == '\'') {
                quote = x[j];
            } else if (x[j] == '>') {
                break;
            }
        }
        if (j >= x.size()) return;
        if (x[j - 1] != '/' && ++depth > max_depth)
            fail(source, "the part " + part + " nests XML elements deeper than " + std::to_string(max_depth) +
                             " levels, the limit (max_xlsx_xml_depth; expected a worksheet as Excel writes it)");
        i = j;
    }
}

/// A parsed part (its buffer kept alive: the tree points into it).
struct xml_part {
    std::string text;
    pugi::xml_document doc;
};

void parse_part(const archive& zip, const std::string& name, const std::string& source, const xlsx_limits& limits,
                xml_part& out) {
    out.text = zip.read(name);
    check_depth(out.text, limits.depth, source, name);
    const pugi::xml_parse_result res =
        out.doc.load_buffer_inplace(out.text.data(), out.text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!res)
        fail(source, "the part " + name + " is not well-formed XML: " + res.description() + " at byte " +
                         std::to_string(res.offset) + " (expected an Excel .xlsx workbook)");
}

/// The element name without a namespace prefix ("x:row" -> "row").
std::string_view local(const pugi::xml_node& n) {
    std::string_view s = n.name();
    const std::size_t colon = s.find(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}
pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (local(c) == name) return c;
    return {};
}
/// The text of every <t> under `n` that is not phonetic (<rPh>), joined: a rich-text string.
std::string text_of(const pugi::xml_node& n) {
    std::string out;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        const std::string_view name = local(c);
        if (name == "t") out += c.text().get();
        else if (name == "r") out += text_of(c);  // a run: <r><rPr/><t>..</t></r> (one level)
    }
    return out;
}

bool parse_double(std::string_view s, double& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

/// Whether a number format code shows a date or time (y, d, h or s outside quotes and brackets).
bool is_date_format(std::string_view code) {
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '\\') ++i;
        else if (c == '[') bracket = true;
        else if (c == ']') bracket = false;
        else if (!bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'h' || c == 'H' || c == 's' || c == 'S'))
            return true;
    }
    return false;
}

bool is_date_format_id(long id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/// A date serial as ISO text: 2024-03-01, or 2024-03-01T08:30:00 with a time of day.
std::string iso_date(double serial, bool date1904) {
    if (!(serial >= 0 && serial < 2958466)) return format_number(serial);  // beyond 9999-12-31
    double whole = std::floor(serial);
    double frac = serial - whole;
    long days = static_cast<long>(whole);
    if (date1904) days += 1462;
    else if (days < 60) ++days;  // Excel's 1900-02-29, which never was: serials below it are one day off
    long z = days - 25569 + 719468;  // days since 0000-03-01 (Hinnant's civil_from_days)
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[32];
    auto two = [](char* p, long v) { p[0] = static_cast<char>('0' + v / 10 % 10); p[1] = static_cast<char>('0' + v % 10); };
    buf[0] = static_cast<char>('0' + y / 1000 % 10), buf[1] = static_cast<char>('0' + y / 100 % 10);
    two(buf + 2, y % 100);
    buf[4] = '-', two(buf + 5, m), buf[7] = '-', two(buf + 8, d);
    std::string out(buf, 10);
    long secs = std::lround(frac * 86400.0);
    if (secs >= 86400) secs = 86399;
    if (secs > 0) {
        buf[0] = 'T', two(buf + 1, secs / 3600), buf[3] = ':', two(buf + 4, secs / 60 % 60), buf[6] = ':', two(buf + 7, secs % 60);
        out.append(buf, 9);
    }
    return out;
}

/// "AB12" -> column 27 (0-based) and row 12; false if it is no cell reference.
bool parse_ref(std::string_view r, std::size_t& col, std::size_t& row) {
    std::size_t i = 0, c = 0;
    while (i < r.size() && r[i] >= 'A' && r[i] <= 'Z' && i < 4) c = c * 26 + static_cast<std::size_t>(r[i++] - 'A' + 1);
    if (i == 0 || c == 0) return false;
    std::size_t w = 0;
    const auto [p, ec] = std::from_chars(r.data() + i, r.data() + r.size(), w);
    if (ec != std::errc() || p != r.data() + r.size() || w == 0) return false;
    col = c - 1, row = w;
    return true;
}

std::string resolve_target(std::string_view target) {
    if (!target.empty() && target[0] == '/') return std::string(target.substr(1));
    std::string t(target);
    if (t.rfind("../", 0) == 0) return t.substr(3);
    return "xl/" + t;
}

}  // namespace

raw_table read_xlsx(std::string_view bytes, const std::string& source, const std::string& sheet,
                    const column_filter& keep, const xlsx_limits& limits) {
    archive zip(bytes, source, limits);
    if (!zip.has("xl/workbook.xml"))
        fail(source, "a zip archive without xl/workbook.xml (expected an Excel .xlsx workbook; "
                     "an .ods or .numbers file must first be saved as .xlsx or CSV)");
    raw_table t;
    t.format = "Excel .xlsx";
    t.source = source;
    t.line_word = "row";

    // Sheets and the part of the chosen one.
    xml_part wb;
    parse_part(zip, "xl/workbook.xml", source, limits, wb);
    const pugi::xml_node wbroot = wb.doc.document_element();
    bool date1904 = false;
    if (pugi::xml_node pr = child(wbroot, "workbookPr")) {
        const std::string_view v = pr.attribute("date1904").value();
        date1904 = v == "1" || v == "true";
    }
    std::vector<std::pair<std::string, std::string>> sheets;  // name -> relationship id
    for (pugi::xml_node s = child(child(wbroot, "sheets"), "sheet"); s; s = s.next_sibling()) {
        if (local(s) != "sheet") continue;
        std::string rid;
        for (pugi::xml_attribute a = s.first_attribute(); a; a = a.next_attribute()) {
            const std::string_view an = a.name();
            if (an == "r:id" || (an.size() > 3 && an.substr(an.size() - 3) == ":id")) rid = a.value();
        }
        sheets.emplace_back(valid_utf8(s.attribute("name").value()), rid);
    }
    if (sheets.empty()) fail(source, "the workbook has no sheets (expected at least one worksheet)");
    std::size_t pick = 0;
    if (!sheet.empty()) {
        pick = sheets.size();
        std::string names;
        for (std::size_t k = 0; k < sheets.size(); ++k) {
            if (sheets[k].first == sheet) pick = k;
            names += (k ? ", " : "") + quote_text(sheets[k].first);
        }
        if (pick == sheets.size())
            throw argument_error({source, 0, "sheet"}, "no sheet " + quote_text(sheet) + " in the workbook (expected one of " + names + ")");
    }
    t.file_label = sheets[pick].first;
    std::string sheet_part;
    if (zip.has("xl/_rels/workbook.xml.rels")) {
        xml_part rels;
        parse_part(zip, "xl/_rels/workbook.xml.rels", source, limits, rels);
        for (pugi::xml_node r = rels.doc.document_element().first_child(); r; r = r.next_sibling())
            if (local(r) == "Relationship" && sheets[pick].second == r.attribute("Id").value())
                sheet_part = valid_utf8(resolve_target(r.attribute("Target").value()));
    }
    if (sheet_part.empty()) sheet_part = "xl/worksheets/sheet" + std::to_string(pick + 1) + ".xml";

    // Shared strings and the date styles.
    std::vector<std::string> shared;
    if (zip.has("xl/sharedStrings.xml")) {
        xml_part ss;
        parse_part(zip, "xl/sharedStrings.xml", source, limits, ss);
        for (pugi::xml_node si = ss.doc.document_element().first_child(); si; si = si.next_sibling())
            if (local(si) == "si") shared.push_back(valid_utf8(text_of(si)));
    }
    std::vector<bool> date_style;
    if (zip.has("xl/styles.xml")) {
        xml_part st;
        parse_part(zip, "xl/styles.xml", source, limits, st);
        const pugi::xml_node root = st.doc.document_element();
        std::map<long, bool> custom;
        for (pugi::xml_node f = child(child(root, "numFmts"), "numFmt"); f; f = f.next_sibling())
            custom[f.attribute("numFmtId").as_int()] = is_date_format(f.attribute("formatCode").value());
        for (pugi::xml_node x = child(child(root, "cellXfs"), "xf"); x; x = x.next_sibling()) {
            if (local(x) != "xf") continue;
            const long id = x.attribute("numFmtId").as_int();
            auto it = custom.find(id);
            date_style.push_back(it != custom.end() ? it->second : is_date_format_id(id));
        }
    }

    xml_part ws;
    parse_part(zip, sheet_part, source, limits, ws);
    const pugi::xml_node data = child(ws.doc.document_element(), "sheetData");
    std::vector<int> slot;  // sheet column -> kept table column, -1 = not kept
    bool have_header = false;
    std::size_t row_no = 0;
    struct cell_value {
        double number = nan;
        std::string text;
        bool empty = true;
    };
    std::vector<std::pair<std::size_t, cell_value>> cells;
    for (pugi::xml_node row = data.first_child(); row; row = row.next_sibling()) {
        if (local(row) != "row") continue;
        std::size_t r = row_no + 1;
        if (pugi::xml_attribute ra = row.attribute("r")) {
            std::size_t v = 0;
            const std::string_view s = ra.value();
            const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec == std::errc() && p == s.data() + s.size() && v > row_no) r = v;
        }
        if (r > limits.rows)
            fail(source, "row " + std::to_string(r) + " is beyond " + std::to_string(limits.rows) +
                             " rows, the limit (max_xlsx_rows, Excel's own; expected one row per respondent)");
        row_no = r;
        cells.clear();
        std::size_t col = static_cast<std::size_t>(-1);
        bool any = false;
        for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
            if (local(c) != "c") continue;
            std::size_t cc = col + 1, rr = r;
            if (pugi::xml_attribute ref = c.attribute("r")) parse_ref(ref.value(), cc, rr);
            if (cc <= col && col != static_cast<std::size_t>(-1)) cc = col + 1;
            col = cc;
            if (col >= limits.columns)
                fail(source, "row " + std::to_string(r) + " has a cell in column " + std::to_string(col + 1) +
                                 ", beyond " + std::to_string(limits.columns) +
                                 " columns, the limit (max_xlsx_columns, Excel's own; expected one column per variable)");
            if (have_header && (col >= slot.size() || slot[col] < 0)) {
                // Not kept: only whether the row holds anything matters.
                if (!any && (child(c, "v") || child(c, "is"))) any = true;
                continue;
            }
            cell_value v;
            const std::string_view type = c.attribute("t").value();
            const pugi::xml_node vn = child(c, "v");
            const std::string_view vs = vn ? vn.text().get() : "";
            if (type == "s") {
                std::size_t k = 0;
                const auto [p, ec] = std::from_chars(vs.data(), vs.data() + vs.size(), k);
                if (ec != std::errc() || k >= shared.size())
                    fail(source, "row " + std::to_string(r) + " refers to shared string " + quote_text(valid_utf8(vs)) + " of " +
                                     std::to_string(shared.size()) + " (expected an index into xl/sharedStrings.xml)");
                v.text = shared[k];
            } else if (type == "inlineStr") {
                v.text = valid_utf8(text_of(child(c, "is")));
            } else if (type == "str" || type == "e" || type == "d") {
                v.text = valid_utf8(vs);
            } else if (!vs.empty()) {
                double x = 0;
                if (!parse_double(vs, x) || !std::isfinite(x)) v.text = valid_utf8(vs);
                else {
                    v.number = type == "b" ? (x != 0 ? 1 : 0) : x;
                    const long s = c.attribute("s").as_int(-1);
                    if (type != "b" && s >= 0 && static_cast<std::size_t>(s) < date_style.size() && date_style[s])
                        v.text = iso_date(x, date1904);
                }
            }
            v.empty = std::isnan(v.number) && v.text.empty();
            if (!v.empty) any = true;
            cells.emplace_back(col, std::move(v));
        }
        if (!any) continue;  // a blank row
        if (!have_header) {
            have_header = true;
            std::map<std::string, bool> seen;
            for (auto& [cc, v] : cells) {
                std::string name = v.text.empty() ? (std::isnan(v.number) ? "" : format_number(v.number)) : v.text;
                name = std::string(trim(name));
                if (name.empty() || seen[name] || (keep && !keep->count(name))) continue;
                seen[name] = true;
                if (slot.size() <= cc) slot.resize(cc + 1, -1);
                slot[cc] = static_cast<int>(t.columns.size());
                table_column tc;
                tc.name = std::move(name);
                t.columns.push_back(std::move(tc));
            }
            continue;
        }
        if ((t.rows + 1) * std::max<std::size_t>(t.columns.size(), 1) > limits.cells)
            throw data_error({source, 0, ""}, "the sheet has more than " + std::to_string(limits.cells) +
                                                  " cells, the limit (max_table_cells; expected respondents x columns read to fit)");
        for (auto& c : t.columns) c.numbers.push_back(nan);
        for (auto& [cc, v] : cells) {
            if (v.empty) continue;
            table_column& tc = t.columns[static_cast<std::size_t>(slot[cc])];
            tc.numbers.back() = v.number;
            if (!v.text.empty()) {
                tc.texts.resize(t.rows + 1);
                tc.texts.back() = std::move(v.text);
            }
        }
        t.lines.push_back(r);
        ++t.rows;
    }
    if (!have_header) fail(source, "the sheet " + quote_text(t.file_label) + " is empty (expected a header row of column names)");
    for (auto& c : t.columns)
        if (!c.texts.empty()) c.texts.resize(t.rows);
    return t;
}

}  // namespace detail
CSIKIT_NAMESPACE_END
