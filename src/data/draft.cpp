// draft_schema: a survey drafted from a data file's labels or observed values, with notes on
// what was guessed and what to check.
#include "csikit/draft.hpp"

#include "csv.hpp"
#include "encoding.hpp"
#include "layout.hpp"
#include "responses_check.hpp"
#include "sniff.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN
namespace {

using detail::format_number;
using detail::measure_level;
using detail::raw_table;
using detail::table_column;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
bool has(std::string_view text, std::initializer_list<const char*> words) {
    const std::string low = lower(text);
    for (const char* w : words)
        if (low.find(w) != std::string::npos) return true;
    return false;
}

/// The kind of a missing code told by its label, in Chinese or English.
missing_kind kind_of(std::string_view label) {
    if (has(label, {"不知道", "不清楚", "说不清", "don't know", "dont know", "do not know", "unknown"}))
        return missing_kind::dont_know;
    if (has(label, {"拒答", "拒绝", "refuse", "no answer", "prefer not"})) return missing_kind::refused;
    if (has(label, {"不适用", "没用过", "未使用", "not applicable", "n/a", "does not apply"}))
        return missing_kind::not_applicable;
    return missing_kind::other;
}

/// Columns that describe the response, not an answer: 问卷星's, and the usual id columns.
bool is_metadata(std::string_view name) {
    static const std::set<std::string> names = {
        "序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自ip", "总分", "答题序号", "ip", "id", "resp_id",
        "respondent", "respondent_id", "responseid", "response_id", "startdate", "enddate", "recordeddate",
        "ipaddress", "duration", "duration (in seconds)", "userid", "uuid", "timestamp"};
    return names.count(lower(detail::trim(name))) > 0;
}
bool is_weight_name(std::string_view name) {
    const std::string n = lower(name);
    return n == "weight" || n == "wt" || n == "wgt" || n == "weights" || n == "权重" || n == "加权";
}

/// Columns a platform writes about the response itself (Qualtrics, SurveyMonkey), read as
/// metadata only in that platform's layout: "Status" or "Progress" may be an item elsewhere.
bool is_platform_metadata(detail::export_layout k, std::string_view name) {
    static const std::set<std::string> qualtrics = {
        "status", "progress", "finished", "ipaddress", "recipientlastname", "recipientfirstname",
        "recipientemail", "externalreference", "locationlatitude", "locationlongitude",
        "distributionchannel", "userlanguage"};
    static const std::set<std::string> surveymonkey = {
        "respondent id", "collector id", "start date", "end date", "ip address", "email address",
        "first name", "last name", "custom data 1"};
    const std::string n = lower(detail::trim(name));
    if (k == detail::export_layout::qualtrics) return qualtrics.count(n) > 0;
    if (k == detail::export_layout::surveymonkey) return surveymonkey.count(n) > 0;
    return false;
}

/// The file's bytes as UTF-8 text, by the same rules as read_responses: a BOM or
/// read_options::encoding decides, UTF-16 is detected; text that is not UTF-8 is refused with
/// the message naming the first bad byte's line and the likely encoding.
std::string csv_utf8(std::string_view bytes, const read_options& o, const std::string& source) {
    const auto det = detail::detect_encoding(bytes.substr(0, 4096), detail::parse_encoding(o.encoding));
    std::string text;
    if (det.encoding != detail::text_encoding::utf8) {
        detail::transcoder conv(det.encoding, source, det.bom);
        conv.feed(bytes.substr(det.bom), true, text);
        return text;
    }
    bytes.remove_prefix(det.bom);
    if (const auto bad = detail::find_invalid_utf8(bytes); bad != std::string_view::npos)
        throw parse_error({source, 0, ""}, detail::not_utf8_message(bytes, bad));
    return std::string(bytes);
}

/// CSV text -> a raw_table: numbers where a cell is one, text otherwise. The header layout
/// (Qualtrics, SurveyMonkey, 问卷星, or read_options::header_rows) is told as read_responses
/// tells it; a Qualtrics question-text row becomes the columns' labels (the items' texts).
raw_table csv_table(std::string_view bytes, const draft_options& o, const std::string& source,
                    std::vector<std::string>& platform_metadata) {
    if (o.read.header_rows < 0 || o.read.header_rows > max_header_rows)
        throw argument_error({source, 0, "header_rows"},
                             std::to_string(o.read.header_rows) + " header rows (expected 0 = detect, or 1.." +
                                 std::to_string(max_header_rows) + ", max_header_rows)");
    const std::string utf8 = csv_utf8(bytes, o.read, source);
    const std::string_view text = utf8;
    raw_table t;
    t.source = source;
    t.line_word = "line";
    char delim = o.read.delimiter;
    if (!delim) {
        std::size_t best = 0;
        for (char d : {',', ';', '\t'}) {
            const std::size_t k = detail::count_header_fields(text, d, max_columns + 1);
            if (k > best) best = k, delim = d;
        }
    }
    const detail::header_layout layout = detail::detect_layout(text, delim, o.read.header_rows);
    t.format = layout.kind == detail::export_layout::plain ? "CSV"
                                                           : std::string("CSV (") + detail::layout_name(layout.kind) + ")";
    detail::csv_tokenizer tok(text, delim, 1, max_columns + 1);
    std::vector<detail::csv_field> fields;
    std::vector<detail::csv_issue> issues;
    std::vector<std::vector<std::string>> header;
    while (header.size() < layout.rows && tok.next(fields, issues)) {
        if (fields.size() > max_columns)
            throw parse_error({source, tok.record_line(), ""},
                              "the header has more than " + std::to_string(max_columns) +
                                  " columns, the limit (max_columns; expected one column per item, weight, segment and wave)");
        std::vector<std::string> r;
        for (const auto& f : fields) r.emplace_back(detail::trim(f.text));
        header.push_back(std::move(r));
    }
    if (header.empty()) throw parse_error({source, 1, ""}, "no header row (expected a header row of column names)");
    const std::vector<std::string> names = detail::layout_names(header, layout.kind);
    for (std::size_t c = 0; c < names.size(); ++c) {
        table_column col;
        col.name = names[c];
        if (layout.kind == detail::export_layout::qualtrics && header.size() > 1 && c < header[1].size() &&
            header[1][c] != names[c])
            col.label = header[1][c];
        if (is_platform_metadata(layout.kind, col.name)) platform_metadata.push_back(col.name);
        t.columns.push_back(std::move(col));
    }
    while (tok.next(fields, issues)) {
        if (fields.size() == 1 && fields[0].text.empty()) continue;
        if ((t.rows + 1) * t.columns.size() > detail::max_table_cells)
            throw data_error({source, 0, ""}, "more than " + std::to_string(detail::max_table_cells) +
                                                  " cells, the limit (max_table_cells)");
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            table_column& col = t.columns[c];
            std::string_view cell = c < fields.size() ? detail::trim(fields[c].text) : std::string_view();
            if (detail::skipped_cell(layout.kind, cell)) cell = {};
            double x = nan;
            if (!cell.empty()) {
                auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
                if (ec != std::errc() || p != cell.data() + cell.size() || !std::isfinite(x)) {
                    x = nan;
                    col.texts.resize(t.rows + 1);
                    col.texts[t.rows] = std::string(cell);
                }
            }
            col.numbers.push_back(x);
        }
        t.lines.push_back(tok.record_line());
        ++t.rows;
    }
    for (auto& c : t.columns)
        if (!c.texts.empty()) c.texts.resize(t.rows);
    return t;
}

/// Builds the draft, column by column.
class drafter {
public:
    /// `platform_metadata`: columns the file's platform layout names as metadata.
    drafter(const raw_table& t, const draft_options& o, std::vector<std::string> platform_metadata = {})
        : t_(t), platform_metadata_(platform_metadata.begin(), platform_metadata.end()), zh_(o.language == "zh"),
          lang_(o.language) {}

    schema_draft run();

private:
    void note(const std::string& column, const char* kind, const std::string& en, const std::string& zh) {
        out_.notes.push_back({column, kind, zh_ ? zh : en});
    }
    localized_text text(const std::string& s) const {
        localized_text l;
        if (!s.empty()) l.by_language[lang_] = s;
        return l;
    }
    /// The id of a scale equal to `sc` (added if new).
    std::string scale_id(scale sc);
    void draft_column(const table_column& c, std::size_t k);
    void segment(const table_column& c, const std::string& why_en, const std::string& why_zh);
    bool first_pass_ = false;  // collecting codes_by_range_ only

    bool metadata(const std::string& name) const { return is_metadata(name) || platform_metadata_.count(name) > 0; }

    const raw_table& t_;
    std::set<std::string> platform_metadata_;
    std::map<std::pair<double, double>, std::set<double>> codes_by_range_;  // first pass (observed values)
    bool zh_;
    std::string lang_;
    schema_draft out_;
};

std::string drafter::scale_id(scale sc) {
    for (const scale& x : out_.schema.scales) {
        if (x.min != sc.min || x.max != sc.max || x.values.size() != sc.values.size() || x.missing.size() != sc.missing.size())
            continue;
        bool same = true;
        for (std::size_t i = 0; i < x.values.size() && same; ++i)
            same = x.values[i].value == sc.values[i].value && x.values[i].label.by_language == sc.values[i].label.by_language;
        for (std::size_t i = 0; i < x.missing.size() && same; ++i)
            same = x.missing[i].code == sc.missing[i].code && x.missing[i].kind == sc.missing[i].kind;
        if (same) return x.id;
    }
    std::string id = "scale_" + format_number(sc.min) + "_" + format_number(sc.max);
    std::replace(id.begin(), id.end(), '-', 'm');
    std::replace(id.begin(), id.end(), '.', 'p');
    const std::string base = id;
    for (int k = 2; out_.schema.find_scale(id); ++k) id = base + "_" + std::to_string(k);
    sc.id = id;
    out_.schema.scales.push_back(std::move(sc));
    return id;
}

void drafter::segment(const table_column& c, const std::string& why_en, const std::string& why_zh) {
    out_.schema.segment_columns.push_back(c.name);
    note(c.name, "check", "segment column (" + why_en + "): keep it only if results by " + c.name + " are wanted",
         "分组列（" + why_zh + "）：仅在需要按 " + c.name + " 分组时保留");
}

void drafter::draft_column(const table_column& c, std::size_t k) {
    const std::size_t n = t_.rows;
    std::set<double> seen;
    std::set<std::string> texts;
    bool integral = true;
    for (std::size_t r = 0; r < n; ++r) {
        const double x = c.numbers[r];
        if (!std::isnan(x)) {
            seen.insert(x);
            integral = integral && x == std::floor(x);
        } else if (auto s = detail::trim(c.text(r)); !s.empty()) {
            if (texts.size() <= 50) texts.insert(std::string(s));
        }
    }
    if (seen.empty() && texts.empty()) {
        out_.skipped_columns.push_back(c.name);
        note(c.name, "guess", "no answers in the column: not drafted", "该列没有数据：未纳入");
        return;
    }
    if (seen.empty() || c.is_string) {  // text
        if (texts.size() <= 20 && texts.size() * 2 <= n) {
            segment(c, std::to_string(texts.size()) + " distinct texts", std::to_string(texts.size()) + " 种取值");
        } else {
            out_.skipped_columns.push_back(c.name);
            note(c.name, "guess", "free text: not drafted", "开放文本：未纳入");
        }
        return;
    }
    if (!texts.empty() && texts.size() <= 20) {  // label text with a few codes (问卷星 "按选项文本下载")
        out_.skipped_columns.push_back(c.name);
        note(c.name, "check", "holds answers as text (" + detail::quote_text(*texts.begin()) +
                                  ", ...): add it as an item on a scale whose labels they are",
             "答案为文本（" + detail::quote_text(*texts.begin()) + " 等）：请以带这些标签的量表添加该题");
        return;
    }
    if (c.measure == measure_level::nominal) {
        segment(c, "nominal in the file", "文件中为名义变量");
        return;
    }

    // Missing codes: declared in the file (SPSS user-missing), or labelled as "don't know" etc.
    scale sc;
    std::map<double, missing_code> codes;
    for (const auto& [lo, hi] : c.missing_ranges) {
        if (lo == hi) codes[lo] = {lo, missing_kind::other, {}};
        else {
            for (const auto& [v, l] : c.value_labels)
                if (v >= lo && v <= hi) codes[v] = {v, missing_kind::other, {}};
            for (double v : seen)
                if (v >= lo && v <= hi) codes[v] = {v, missing_kind::other, {}};
        }
    }
    for (const auto& [v, l] : c.value_labels)
        if (kind_of(l) != missing_kind::other) codes[v] = {v, missing_kind::other, {}};
    std::vector<double> values;  // labelled or observed values that are not missing codes
    for (const auto& [v, l] : c.value_labels)
        if (!codes.count(v)) values.push_back(v);
    const bool labelled = !values.empty();
    if (!labelled) {
        // From observed values: a 9, 99, 999, 98, 97, -9, -99 or -1 standing apart from the rest.
        std::vector<double> rest;
        static const std::set<double> suspects = {9, 99, 999, 98, 97, 96, -9, -99, -999, -1, 0};
        for (double v : seen) if (!suspects.count(v)) rest.push_back(v);
        if (!rest.empty())
            for (double v : seen)
                if (suspects.count(v) && !codes.count(v) && (v > rest.back() + 1 || v < rest.front() - 1)) {
                    codes[v] = {v, missing_kind::other, {}};
                    note(c.name, "check",
                         "value " + format_number(v) + " stands apart from " + format_number(rest.front()) + ".." +
                             format_number(rest.back()) + ": drafted as a missing code; declare its kind (dont_know, refused, not_applicable)",
                         "取值 " + format_number(v) + " 远离 " + format_number(rest.front()) + ".." + format_number(rest.back()) +
                             "：暂作缺失码，请确认其类型（不知道、拒答、不适用）");
                }
        for (double v : seen) if (!codes.count(v)) values.push_back(v);
    }
    if (values.empty() || !integral) {
        out_.skipped_columns.push_back(c.name);
        note(c.name, "guess", "not whole numbers on a short range: not drafted as an item", "非整数评分：未作为题目");
        return;
    }
    for (double v : seen) if (!codes.count(v)) values.push_back(v);
    sc.min = *std::min_element(values.begin(), values.end());
    sc.max = *std::max_element(values.begin(), values.end());
    if (!labelled) {
        // Nobody may have answered the lowest point: round to the usual scales (1..4/5/7/10, 0..10
        // for a "recommend" question) and say so.
        const bool nps_like = has(c.name + " " + c.label, {"recommend", "推荐", "nps"});
        if (sc.max == 10 && sc.min >= 0 && sc.min <= 6) sc.min = nps_like ? 0 : 1;
        else if ((sc.max == 4 || sc.max == 5 || sc.max == 7) && sc.min >= 1 && sc.min <= 3) sc.min = 1;
        // Codes that stand apart in another column on the same range are codes here too.
        for (const auto& [range, shared] : codes_by_range_)
            if (range.first == sc.min && range.second == sc.max)
                for (double v : shared) codes.emplace(v, missing_code{v, missing_kind::other, {}});
        if (first_pass_) {
            for (const auto& [v, m] : codes) codes_by_range_[{sc.min, sc.max}].insert(v);
            return;
        }
    }
    if (sc.max - sc.min > 10 || sc.max == sc.min) {
        out_.skipped_columns.push_back(c.name);
        note(c.name, "guess", "range " + format_number(sc.min) + ".." + format_number(sc.max) + " is no rating scale: not drafted",
             "取值范围 " + format_number(sc.min) + ".." + format_number(sc.max) + " 不像评分量表：未纳入");
        return;
    }
    for (const auto& [v, l] : c.value_labels)
        if (!codes.count(v)) sc.values.push_back({v, text(l), std::nullopt});
    for (auto& [v, m] : codes) {
        const std::string* l = c.label_of(v);
        m.label = text(l ? *l : "");
        m.kind = l ? kind_of(*l) : missing_kind::other;
        sc.missing.push_back(m);
    }
    if (!labelled)
        note(c.name, "check", "scale " + format_number(sc.min) + ".." + format_number(sc.max) +
                                  " from the observed values (rounded to the usual range): check the questionnaire's range and add the labels",
             "量表 " + format_number(sc.min) + ".." + format_number(sc.max) + " 由观测值推得：请按问卷核对范围并补充标签");
    for (const auto& m : sc.missing)
        if (labelled && m.kind == missing_kind::other)
            note(c.name, "check", "missing code " + format_number(m.code) + " has kind other: set dont_know, refused or not_applicable",
                 "缺失码 " + format_number(m.code) + " 类型未知：请设为不知道、拒答或不适用");

    item it;
    const bool plain = std::all_of(c.name.begin(), c.name.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.';
    });
    it.id = plain && !c.name.empty() ? c.name : "Q" + std::to_string(k + 1);
    if (!plain) it.column = c.name;
    it.text = text(c.label.empty() && !plain ? c.name : c.label);
    it.scale = scale_id(std::move(sc));
    const scale& bound = *out_.schema.find_scale(it.scale);
    const std::string about = c.name + " " + c.label;
    if (out_.schema.nps_item.empty() && bound.min == 0 && bound.max == 10 && has(about, {"recommend", "推荐", "nps"})) {
        out_.schema.nps_item = it.id;
        note(c.name, "guess", "the NPS item (0..10, \"recommend\")", "NPS 题（0..10，“推荐”）");
    }
    if (out_.schema.overall_item.empty() && has(about, {"overall", "总体", "总的来说", "整体"})) {
        out_.schema.overall_item = it.id;
        note(c.name, "guess", "the overall-satisfaction item", "总体满意度题");
    }
    out_.schema.items.push_back(std::move(it));
}

schema_draft drafter::run() {
    out_.format = t_.format;
    out_.respondents = t_.rows;
    survey& s = out_.schema;
    s.name = t_.file_label.empty() ? std::filesystem::path(t_.source).stem().string() : t_.file_label;
    s.languages = {lang_};
    // Two passes over the columns: the first only gathers the codes that stand apart, so that
    // every column on a range shares one scale with all of them.
    first_pass_ = true;
    for (std::size_t k = 0; k < t_.columns.size(); ++k) {
        const table_column& c = t_.columns[k];
        if (!c.name.empty() && !metadata(c.name) && c.name != t_.weight_variable && !is_weight_name(c.name))
            draft_column(c, k);
    }
    first_pass_ = false;
    out_.notes.clear();
    out_.skipped_columns.clear();
    s.scales.clear();
    s.items.clear();
    s.segment_columns.clear();
    s.nps_item.clear();
    s.overall_item.clear();
    for (std::size_t k = 0; k < t_.columns.size(); ++k) {
        const table_column& c = t_.columns[k];
        if (c.name.empty()) continue;
        if (metadata(c.name)) {
            out_.metadata_columns.push_back(c.name);
            continue;
        }
        if (s.weight_column.empty() && (c.name == t_.weight_variable || is_weight_name(c.name))) {
            s.weight_column = c.name;
            note(c.name, c.name == t_.weight_variable ? "guess" : "check",
                 c.name == t_.weight_variable ? "the file's weight variable" : "respondent weights (by its name)",
                 c.name == t_.weight_variable ? "文件中的加权变量" : "按列名推断的权重列");
            continue;
        }
        draft_column(c, k);
    }
    if (!out_.metadata_columns.empty()) {
        std::string list;
        for (const auto& m : out_.metadata_columns) list += (list.empty() ? "" : ", ") + m;
        note("", "guess", "kept as metadata, not items: " + list, "作为元数据而非题目：" + list);
    }
    if (s.items.empty())
        note("", "check", "no item could be drafted: add the items by hand", "未能推得任何题目：请手工添加");
    note("", "check", "no index model or hierarchy is drafted: add constructs and paths (or a preset) for `analyze`",
         "未生成指数模型与指标体系：`analyze` 前请添加构念与路径（或预设模型）");
    // The draft must be a valid schema: parse its own JSON (throws schema_error otherwise).
    out_.schema = parse_survey(to_json_text(s), "<draft>");
    return std::move(out_);
}

}  // namespace

schema_draft draft_schema(const std::string& path, const draft_options& options) {
    if (options.language != "en" && options.language != "zh")
        throw argument_error({{}, 0, "language"}, "unknown language \"" + options.language + "\" (expected en or zh)");
    const std::string source = options.read.source.empty() ? path : options.read.source;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw io_error({path, 0, ""}, "is a directory (expected a data file)");
    const std::string bytes = detail::read_file_bytes(path);
    const detail::file_format f = detail::sniff_format(std::string_view(bytes).substr(0, detail::sniff_bytes_wanted));
    if (!detail::has_reader(f) && f != detail::file_format::text)  // as the CSV reader refuses it
        throw parse_error({source, 0, ""}, "this is " + detail::format_description(f) +
                                               ", not CSV text (expected a CSV file; " + detail::format_remedy(f) + ")");
    std::vector<std::string> platform_metadata;
    const raw_table t = detail::has_reader(f) ? detail::read_table(bytes, f, source, std::nullopt, options.read)
                                              : csv_table(bytes, options, source, platform_metadata);
    return drafter(t, options, std::move(platform_metadata)).run();
}

CSIKIT_NAMESPACE_END
