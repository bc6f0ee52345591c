// result_tables and write_tables: a result's JSON document flattened into tables, written to
// an .xlsx workbook (libxlsxwriter) or to CSV files. Built from the serializer's JSON, so every
// result that has a serializer has tables, with the same names and numbers.
#include "csikit/tables.hpp"

#include "csikit/format.hpp"

#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <charconv>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN
namespace {

using json = nlohmann::ordered_json;

std::string scalar_text(const json& v, bool& numeric) {
    numeric = v.is_number();
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_float()) return format_shortest(v.get<double>());
    return v.dump();
}

/// The scalar fields of `obj`, nested objects as "a.b"; arrays of scalars joined by "; ".
void flatten(const json& obj, const std::string& prefix, std::vector<std::pair<std::string, const json*>>& out,
             std::deque<json>& keep) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        const json& v = it.value();
        if (v.is_object()) flatten(v, key, out, keep);
        else if (v.is_array()) {
            bool scalars = !v.empty();
            for (const auto& e : v) scalars = scalars && !e.is_structured();
            if (!scalars) continue;  // an array of objects is a table of its own
            std::string joined;
            for (const auto& e : v) {
                bool n = false;
                joined += (joined.empty() ? "" : "; ") + scalar_text(e, n);
            }
            keep.emplace_back(joined);
            out.emplace_back(key, nullptr);
            out.back().second = &keep.back();
        } else {
            out.emplace_back(key, &v);
        }
    }
}

/// A matrix: {"<labels>": [names], "values": [[...], ...]} (HTMT, Fornell-Larcker, ...).
bool matrix_table(const json& j, const std::string& path, std::vector<result_table>& out) {
    if (!j.contains("values") || !j["values"].is_array() || j.size() != 2) return false;
    const json* names = nullptr;
    std::string label;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "values" && it.value().is_array()) names = &it.value(), label = it.key();
    if (!names) return false;
    result_table t;
    t.name = path;
    t.columns.push_back(label);
    for (const auto& n : *names) {
        bool num = false;
        t.columns.push_back(scalar_text(n, num));
    }
    std::size_t r = 0;
    for (const auto& row : j["values"]) {
        if (!row.is_array()) return false;
        bool ignored = false;
        std::vector<std::string> cells{r < names->size() ? scalar_text((*names)[r], ignored) : ""};
        std::vector<bool> num{false};
        for (const auto& v : row) {
            bool n = false;
            cells.push_back(scalar_text(v, n));
            num.push_back(n);
        }
        t.rows.push_back(std::move(cells));
        t.numeric.push_back(std::move(num));
        ++r;
    }
    out.push_back(std::move(t));
    return true;
}

/// An object of scalars below the top (settings, sample, fit): a field/value table.
void field_table(const json& j, const std::string& path, std::vector<result_table>& out) {
    result_table t;
    t.name = path;
    t.columns = {"field", "value"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.value().is_structured()) continue;
        bool n = false;
        const std::string v = scalar_text(it.value(), n);
        t.rows.push_back({it.key(), v});
        t.numeric.push_back({false, n});
    }
    if (!t.rows.empty()) out.push_back(std::move(t));
}

void collect(const json& j, const std::string& path, std::vector<result_table>& out) {
    if (j.is_object()) {
        if (!path.empty() && matrix_table(j, path, out)) return;
        if (!path.empty()) field_table(j, path, out);
        for (auto it = j.begin(); it != j.end(); ++it)
            collect(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
        return;
    }
    if (!j.is_array() || j.empty()) return;
    bool objects = true;
    for (const auto& e : j) objects = objects && e.is_object();
    if (!objects) return;
    result_table t;
    t.name = path;
    std::map<std::string, std::size_t> col;
    for (const auto& e : j) {
        std::vector<std::pair<std::string, const json*>> cells;
        std::deque<json> keep;  // joined arrays; a deque keeps the pointers to them valid
        flatten(e, "", cells, keep);
        std::vector<std::string> row(t.columns.size());
        std::vector<bool> num(t.columns.size(), false);
        for (const auto& [k, v] : cells) {
            auto [it, fresh] = col.emplace(k, t.columns.size());
            if (fresh) {
                t.columns.push_back(k);
                for (auto& r : t.rows) r.emplace_back();
                for (auto& r : t.numeric) r.push_back(false);
                row.emplace_back();
                num.push_back(false);
            }
            bool n = false;
            row[it->second] = scalar_text(*v, n);
            num[it->second] = n;
        }
        t.rows.push_back(std::move(row));
        t.numeric.push_back(std::move(num));
    }
    out.push_back(std::move(t));
    // Arrays of objects inside the rows (e.g. an item's distribution) become tables too.
    std::set<std::string> nested;
    for (const auto& e : j)
        for (auto it = e.begin(); it != e.end(); ++it)
            if (it.value().is_structured()) nested.insert(it.key());
    for (const auto& key : nested) {
        json all = json::array();
        for (const auto& e : j) {
            if (!e.contains(key)) continue;
            const json& v = e[key];
            const auto add = [&](json row) {
                // Name the parent row (its id/label) so the nested rows can be told apart.
                for (const char* id : {"id", "item", "name", "segment", "from", "label"})
                    if (e.contains(id) && !e[id].is_structured()) {
                        row["parent." + std::string(id)] = e[id];
                        break;
                    }
                all.push_back(std::move(row));
            };
            if (v.is_array()) {
                for (const auto& r : v)
                    if (r.is_object()) add(r);
            } else if (v.is_object()) {
                bool flat = true;
                for (const auto& x : v) flat = flat && !x.is_array();
                if (!flat) add(v);
            }
        }
        if (!all.empty()) collect(all, path + "." + key, out);
    }
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string file_name(std::string name) {
    for (char& c : name)
        if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '[' || c == ']' || c == '"' || c == '<' ||
            c == '>' || c == '|')
            c = '_';
    return name.empty() ? "table" : name;
}

/// A unique Excel sheet name: at most 31 bytes (cut on a UTF-8 boundary), no []:*?/\.
std::string sheet_name(const std::string& name, std::set<std::string>& used) {
    std::string s = file_name(name);
    auto cut = [](std::string x, std::size_t n) {
        if (x.size() <= n) return x;
        std::size_t k = n;
        while (k > 0 && (static_cast<unsigned char>(x[k]) & 0xC0) == 0x80) --k;
        return x.substr(0, k);
    };
    std::string out = cut(s, 31);
    for (int k = 2; used.count(out); ++k) out = cut(s, 31 - 1 - std::to_string(k).size()) + "~" + std::to_string(k);
    used.insert(out);
    return out;
}

}  // namespace

std::vector<result_table> result_tables(std::string_view json_text) {
    json j;
    try {
        j = json::parse(json_text.begin(), json_text.end());
    } catch (const json::parse_error& e) {
        throw parse_error({"<result>", 0, ""}, std::string("not JSON: ") + e.what() + " (expected a result's JSON)");
    }
    std::vector<result_table> out;
    if (j.is_object()) {
        result_table info;
        info.name = "info";
        info.columns = {"field", "value"};
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.value().is_structured()) continue;
            bool n = false;
            const std::string v = scalar_text(it.value(), n);
            info.rows.push_back({it.key(), v});
            info.numeric.push_back({false, n});
        }
        if (!info.rows.empty()) out.push_back(std::move(info));
    }
    collect(j, "", out);
    for (auto& t : out)
        if (t.name.empty()) t.name = "table";
    return out;
}

std::vector<std::string> write_tables(std::string_view json_text, const std::string& path) {
    const std::vector<result_table> tables = result_tables(json_text);
    std::vector<std::string> written;
    const bool xlsx = path.size() > 5 && path.compare(path.size() - 5, 5, ".xlsx") == 0;
    if (xlsx) {
        lxw_workbook* wb = workbook_new(path.c_str());
        if (!wb) throw io_error({path, 0, ""}, "cannot create the workbook (expected a writable path)");
        std::set<std::string> used;
        for (const auto& t : tables) {
            lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(t.name, used).c_str());
            if (!ws) continue;
            for (std::size_t c = 0; c < t.columns.size() && c < 16384; ++c)
                worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), nullptr);
            for (std::size_t r = 0; r < t.rows.size() && r + 1 < 1048576; ++r)
                for (std::size_t c = 0; c < t.rows[r].size() && c < 16384; ++c) {
                    const std::string& cell = t.rows[r][c];
                    if (cell.empty()) continue;
                    const auto row = static_cast<lxw_row_t>(r + 1);
                    const auto col = static_cast<lxw_col_t>(c);
                    double x = 0;
                    const auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
                    if (t.numeric[r][c] && ec == std::errc() && p == cell.data() + cell.size())
                        worksheet_write_number(ws, row, col, x, nullptr);  // a double: full precision
                    else
                        worksheet_write_string(ws, row, col, cell.c_str(), nullptr);
                }
        }
        const lxw_error st = workbook_close(wb);
        if (st != LXW_NO_ERROR)
            throw io_error({path, 0, ""}, std::string("cannot write the workbook: ") + lxw_strerror(st) +
                                              " (expected a writable path)");
        written.push_back(path);
        return written;
    }
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (!std::filesystem::is_directory(path, ec))
        throw io_error({path, 0, ""}, "cannot create the folder (expected a folder for the CSV tables, or a path ending in .xlsx)");
    std::set<std::string> used;
    for (const auto& t : tables) {
        std::string base = file_name(t.name);
        for (int k = 2; used.count(base); ++k) base = file_name(t.name) + "_" + std::to_string(k);
        used.insert(base);
        const std::string file = (std::filesystem::path(path) / (base + ".csv")).string();
        std::ofstream f(file, std::ios::binary);
        for (std::size_t c = 0; c < t.columns.size(); ++c) f << (c ? "," : "") << csv_cell(t.columns[c]);
        f << "\n";
        for (const auto& row : t.rows) {
            for (std::size_t c = 0; c < row.size(); ++c) f << (c ? "," : "") << csv_cell(row[c]);
            f << "\n";
        }
        f.close();
        if (!f) throw io_error({file, 0, ""}, "cannot write the table (expected a writable folder)");
        written.push_back(file);
    }
    return written;
}

CSIKIT_NAMESPACE_END
