// feedback(): frequency tables of multi-response category items (share of respondents, share
// of mentions), overall, by segment and wave; the categories most named by the dissatisfied;
// the verbatims of the lowest-scoring respondents (docs/feedback.md).
#include "csikit/feedback.hpp"

#include "scoring_internal.hpp"

#include "csikit/format.hpp"
#include "csikit/stats.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

CSIKIT_NAMESPACE_BEGIN

namespace {

using scoring_detail::group_rows;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double tolerance = 1e-9;

/// One category column read as -1 (empty: no answer), 0 or 1.
using coded_column = std::vector<signed char>;

std::string_view trimmed(std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) t.remove_suffix(1);
    return t;
}

coded_column read_coded(const responses& data, const std::string& column, const std::string& what) {
    auto it = data.groups.find(column);
    if (it == data.groups.end())
        throw data_error({data.source, 0, column}, "no column \"" + column + "\" in the data (expected the 0/1 column of " +
                                                       what + ")");
    coded_column out(it->second.size(), -1);
    for (std::size_t r = 0; r < it->second.size(); ++r) {
        const std::string_view t = trimmed(it->second[r]);
        if (t.empty()) continue;
        double x = nan;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
        if (ec == std::errc() && end == t.data() + t.size() && (x == 0 || x == 1)) {
            out[r] = static_cast<signed char>(x);
            continue;
        }
        const std::size_t line = r < data.lines.size() ? data.lines[r] : 0;
        throw data_error({data.source, line, column},
                         "value \"" + std::string(t.substr(0, 40)) + "\" of " + what +
                             " is not 0 or 1 (expected 1 = named, 0 = not named, empty = no answer)");
    }
    return out;
}

double weight_of(const responses& data, std::size_t r) {
    return data.weights.size() > static_cast<Eigen::Index>(r) ? data.weights(static_cast<Eigen::Index>(r)) : 1.0;
}

/// The table of one item among `rows`. A respondent answered the item unless every one of its
/// category cells is empty; an empty cell of a respondent who answered counts as not named.
frequency_table make_table(const multi_response_item& m, const std::vector<coded_column>& cols,
                           const responses& data, const std::vector<Eigen::Index>& rows, const std::string& language) {
    frequency_table t;
    t.categories.resize(m.categories.size());
    for (std::size_t k = 0; k < m.categories.size(); ++k) {
        t.categories[k].id = m.categories[k].id;
        t.categories[k].label = m.categories[k].label.get(language);
        if (t.categories[k].label.empty()) t.categories[k].label = m.categories[k].id;
    }
    std::vector<double> w;
    double any = 0;
    for (const Eigen::Index row : rows) {
        const auto r = static_cast<std::size_t>(row);
        bool answered = false;
        for (const auto& c : cols) answered = answered || c[r] >= 0;
        if (!answered) continue;
        const double wr = weight_of(data, r);
        ++t.respondents;
        t.weight += wr;
        w.push_back(wr);
        bool named = false;
        for (std::size_t k = 0; k < cols.size(); ++k)
            if (cols[k][r] == 1) {
                ++t.categories[k].count;
                t.categories[k].weighted += wr;
                ++t.mentions;
                t.weighted_mentions += wr;
                named = true;
            }
        if (named) any += wr;
    }
    t.n_eff = kish_n_eff(w);
    for (auto& c : t.categories) {
        c.share_of_respondents = t.weight > 0 ? c.weighted / t.weight : nan;
        c.share_of_mentions = t.weighted_mentions > 0 ? c.weighted / t.weighted_mentions : nan;
    }
    t.named_any = t.weight > 0 ? any / t.weight : nan;
    return t;
}

/// Each respondent's 0-100 score on `on` and whether they are satisfied (NaN = no score).
struct rule_scores {
    std::vector<double> score;
    std::vector<bool> satisfied;
    std::string rule;
};

rule_scores scores_on(const survey& s, const responses& data, const std::string& on, const score_options& o) {
    std::vector<Eigen::Index> all(data.respondents());
    std::iota(all.begin(), all.end(), Eigen::Index{0});
    const group_rows g = scoring_detail::make_group(data, all);
    rule_scores out;
    if (const item* it = s.find_item(on)) {
        out.score = scoring_detail::item_scores(s, *it, g, o.rescale);
        const satisfied_rule rule = scoring_detail::satisfied_rule_of(s, *it, o);
        const scale& sc = s.scale_of(it->id);
        const auto box = o.top_box.find(sc.id);
        const std::vector<double> top = top_box_values(sc, box == o.top_box.end() ? std::vector<double>{} : box->second);
        out.rule = scoring_detail::satisfied_rule_text(rule, top);
        const Eigen::Index col = scoring_detail::find_column(data, it->id);
        out.satisfied.resize(out.score.size());
        for (std::size_t r = 0; r < out.score.size(); ++r) {
            const double x = col >= 0 ? data.values(static_cast<Eigen::Index>(r), col) : nan;
            switch (rule.how) {
                case satisfied_rule::kind::min_score: out.satisfied[r] = out.score[r] >= rule.value - tolerance; break;
                case satisfied_rule::kind::min_value: out.satisfied[r] = x >= rule.value - tolerance; break;
                case satisfied_rule::kind::top_box:
                    out.satisfied[r] = std::any_of(top.begin(), top.end(), [x](double v) { return std::fabs(v - x) < tolerance; });
                    break;
            }
        }
        return out;
    }
    if (!scoring_detail::find_hierarchy_node(s, on))
        throw argument_error({{}, 0, "on"}, "unknown item or hierarchy node \"" + on +
                                                "\" (expected an item id or a node id of the survey's hierarchy)");
    out.score = scoring_detail::node_respondent_scores(s, g, o, on);
    out.rule = "score >= " + format_shortest(o.threshold);
    out.satisfied.resize(out.score.size());
    for (std::size_t r = 0; r < out.score.size(); ++r) out.satisfied[r] = out.score[r] >= o.threshold - 1e-9;
    return out;
}

void check(const feedback_options& o) {
    if (o.top < 1) throw argument_error({{}, 0, "top"}, "must be at least 1 (expected how many categories to list)");
    if (o.max_verbatims < 1 || o.max_verbatims > max_verbatims_limit)
        throw argument_error({{}, 0, "max_verbatims"}, std::to_string(o.max_verbatims) + " is outside 1.." +
                                                          std::to_string(max_verbatims_limit) +
                                                          " (expected at most max_verbatims_limit = " +
                                                          std::to_string(max_verbatims_limit) + ")");
    if (!(o.scoring.threshold >= 0 && o.scoring.threshold <= 100))
        throw argument_error({{}, 0, "threshold"}, "must be in 0..100 (expected a 0-100 score)");
}

}  // namespace

feedback_report feedback(const survey& s, const responses& data, const feedback_options& options) {
    check(options);
    if (s.multi_response.empty())
        throw schema_error({{}, 0, "multi_response"}, "the survey declares no multi-response item (expected a "
                                                      "\"multi_response\" array in the schema; docs/feedback.md)");
    feedback_report out;
    out.options = options;
    const std::string language = scoring_detail::label_language(s, options.scoring);
    const std::size_t n = data.respondents();

    if (!options.by.empty() && !data.groups.count(options.by))
        throw argument_error({{}, 0, "by"}, "unknown segment column \"" + options.by +
                                                "\" (expected one of the schema's segment_columns)");
    out.wave_column = options.wave.empty() ? s.wave_column : options.wave;
    if (!out.wave_column.empty() && !data.groups.count(out.wave_column))
        throw argument_error({{}, 0, "wave"}, "unknown wave column \"" + out.wave_column +
                                                  "\" (expected the schema's wave_column or a segment column)");

    // Who is dissatisfied: the complement of the satisfied rule on `on`.
    out.on = options.on;
    if (out.on.empty()) out.on = s.hierarchy ? (s.hierarchy->id.empty() ? s.hierarchy->item : s.hierarchy->id) : s.overall_item;
    rule_scores rs;
    if (!out.on.empty()) {
        rs = scores_on(s, data, out.on, options.scoring);
        out.satisfied_rule = rs.rule;
    } else {
        out.notes.push_back("no dissatisfied table and no verbatims: the survey has no hierarchy and no overall_item "
                            "(name an item or node with `on`)");
    }
    std::vector<Eigen::Index> all(n), unhappy, happy;
    std::iota(all.begin(), all.end(), Eigen::Index{0});
    double w_scored = 0, w_unhappy = 0;
    for (std::size_t r = 0; r < rs.score.size(); ++r) {
        if (std::isnan(rs.score[r])) continue;
        w_scored += weight_of(data, r);
        if (rs.satisfied[r]) happy.push_back(static_cast<Eigen::Index>(r));
        else {
            unhappy.push_back(static_cast<Eigen::Index>(r));
            w_unhappy += weight_of(data, r);
        }
    }
    out.dissatisfied = unhappy.size();
    out.dissatisfied_share = w_scored > 0 ? w_unhappy / w_scored : nan;

    for (const auto& m : s.multi_response) {
        std::vector<coded_column> cols;
        for (const auto& c : m.categories)
            cols.push_back(read_coded(data, c.column_name(),
                                      "category \"" + c.id + "\" of multi-response item \"" + m.id + "\""));
        feedback_item fi;
        fi.id = m.id;
        fi.label = m.label.get(language);
        if (fi.label.empty()) fi.label = m.id;
        fi.overall = make_table(m, cols, data, all, language);
        auto breakdown = [&](const std::string& column, std::vector<frequency_table>& dst) {
            const auto groups = scoring_detail::group_segments(data, column);
            for (const auto& [value, rows] : groups.groups) {
                frequency_table t = make_table(m, cols, data, rows, language);
                t.column = column;
                t.group = value;
                dst.push_back(std::move(t));
            }
        };
        if (!options.by.empty()) breakdown(options.by, fi.by_segment);
        if (!out.wave_column.empty()) breakdown(out.wave_column, fi.by_wave);
        if (!out.on.empty()) {
            fi.dissatisfied = make_table(m, cols, data, unhappy, language);
            fi.satisfied = make_table(m, cols, data, happy, language);
            fi.dissatisfied.group = "dissatisfied";
            fi.satisfied.group = "satisfied";
            // Most named first (ties: the schema's order), the satisfied in the same order.
            std::vector<std::size_t> order(m.categories.size());
            std::iota(order.begin(), order.end(), std::size_t{0});
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return fi.dissatisfied.categories[a].weighted > fi.dissatisfied.categories[b].weighted;
            });
            order.resize(std::min(order.size(), options.top));
            std::vector<category_share> d, sat;
            for (std::size_t k : order) {
                d.push_back(fi.dissatisfied.categories[k]);
                sat.push_back(fi.satisfied.categories[k]);
            }
            fi.dissatisfied.categories = std::move(d);
            fi.satisfied.categories = std::move(sat);
        }
        out.items.push_back(std::move(fi));
    }

    // Verbatims: the non-empty answers of the lowest scores on `on` (ties: the earlier line).
    out.verbatim_column = s.verbatim_column;
    if (!s.verbatim_column.empty() && !rs.score.empty()) {
        const auto it = data.groups.find(s.verbatim_column);
        if (it == data.groups.end())
            throw data_error({data.source, 0, s.verbatim_column},
                             "no column \"" + s.verbatim_column + "\" in the data (expected the verbatim column)");
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < n; ++r)
            if (!std::isnan(rs.score[r]) && !trimmed(it->second[r]).empty()) rows.push_back(r);
        out.verbatims_available = rows.size();
        std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return rs.score[a] < rs.score[b]; });
        if (options.verbatims) {
            for (std::size_t k = 0; k < rows.size() && k < options.max_verbatims; ++k) {
                const std::size_t r = rows[k];
                out.verbatims.push_back({r < data.lines.size() ? data.lines[r] : 0, rs.score[r],
                                         std::string(trimmed(it->second[r]))});
            }
            if (rows.size() > options.max_verbatims)
                out.notes.push_back("verbatims: the " + std::to_string(options.max_verbatims) + " lowest scores of " +
                                    std::to_string(rows.size()) + " answers are quoted (max_verbatims)");
        } else {
            out.notes.push_back("verbatims left out (--no-verbatims)");
        }
    }
    return out;
}

CSIKIT_NAMESPACE_END
