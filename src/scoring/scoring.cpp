// score(): the whole scoring report. Checks the inputs, scores all respondents, each segment
// value and each wave, and tests every wave-over-wave change.
#include "scoring_internal.hpp"
#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>
#include <set>

CSIKIT_NAMESPACE_BEGIN

using namespace scoring_detail;

namespace {

/// Rows of `data` grouped by the value of a group column, values sorted; "" left out.
std::map<std::string, std::vector<Eigen::Index>> split_by(const responses& data, const std::string& column) {
    std::map<std::string, std::vector<Eigen::Index>> out;
    const auto& cells = data.groups.at(column);
    for (std::size_t r = 0; r < cells.size(); ++r)
        if (!cells[r].empty()) out[cells[r]].push_back(static_cast<Eigen::Index>(r));
    return out;
}

void check_options(const score_options& o) {
    std::vector<problem> problems;
    if (!(o.level > 0 && o.level < 1))
        problems.push_back({{{}, 0, "level"}, "confidence level " + format_shortest(o.level) +
                                                  " is invalid (expected 0 < level < 1, e.g. 0.95)"});
    if (!std::isfinite(o.threshold))
        problems.push_back({{{}, 0, "threshold"}, "threshold is not a number (expected a 0-100 score, e.g. 70)"});
    if (!(o.nps.detractor_max < o.nps.promoter_min))
        problems.push_back({{{}, 0, "nps"}, "detractor_max must be below promoter_min (expected e.g. 6 and 9)"});
    if (!problems.empty()) throw argument_error(std::move(problems));
}

void check_data(const survey& s, const responses& data, const score_options& o) {
    std::vector<problem> problems;
    const location where{data.source, 0, {}};
    for (const item& it : s.items)
        if (find_column(data, it.id) < 0)
            problems.push_back({{data.source, 0, it.id}, "item has no column in the data (expected every survey item)"});
    const Eigen::Index n = data.values.rows();
    if (data.weights.size() != 0 && data.weights.size() != n)
        problems.push_back({where, std::to_string(data.weights.size()) + " weights for " + std::to_string(n) +
                                       " respondents (expected one weight per respondent)"});
    else
        for (Eigen::Index r = 0; r < data.weights.size(); ++r)
            if (!(data.weights(r) >= 0) || !std::isfinite(data.weights(r))) {
                const std::size_t line = r < static_cast<Eigen::Index>(data.lines.size()) ? data.lines[r] : 0;
                problems.push_back({{data.source, line, s.weight_column},
                                    "weight " + format_shortest(data.weights(r)) + " is invalid (expected >= 0)"});
            }
    for (const auto& [column, cells] : data.groups)
        if (cells.size() != static_cast<std::size_t>(n))
            problems.push_back({{data.source, 0, column}, std::to_string(cells.size()) + " values for " +
                                                              std::to_string(n) + " respondents (expected one each)"});
    if (!problems.empty()) throw data_error(std::move(problems));

    if (!o.by.empty() && !data.groups.count(o.by)) {
        std::string known;
        for (const auto& [column, cells] : data.groups) known += (known.empty() ? "" : ", ") + column;
        throw argument_error({{}, 0, "by"}, "unknown segment column \"" + o.by + "\" (expected one of: " +
                                                (known.empty() ? "none present" : known) + ")");
    }
    if (s.hierarchy) {
        auto hp = check_hierarchy(*s.hierarchy);
        if (!hp.empty()) throw schema_error(std::move(hp));
    }
}

sample_summary summarize_sample(const survey& s, const responses& data, const score_options& o) {
    sample_summary out;
    out.respondents = data.respondents();
    out.weighted = data.weighted;
    out.read = data.summary;
    std::vector<double> w(out.respondents, 1.0);
    if (data.weights.size() == data.values.rows())
        for (std::size_t r = 0; r < out.respondents; ++r) w[r] = data.weights(static_cast<Eigen::Index>(r));
    out.n_eff = kish_n_eff(w);
    for (double v : w) out.sum_weights += v;
    for (const item& it : s.items) {
        const Eigen::Index col = find_column(data, it.id);
        const std::size_t k = static_cast<std::size_t>(data.values.col(col).array().isNaN().count());
        out.missing_by_item[it.id] = k;
        out.missing += k;
    }
    if (o.by_wave && !s.wave_column.empty() && data.groups.count(s.wave_column))
        for (const std::string& v : data.groups.at(s.wave_column)) {
            if (v.empty()) ++out.without_wave;
            else ++out.by_wave[v];
        }
    return out;
}

}  // namespace

namespace scoring_detail {

void add_ahp_notes(score_report& report) {
    for (const auto& a : report.ahp)
        if (a.inconsistent)
            report.notes.push_back("node " + a.node + ": AHP consistency ratio " + format_fixed(a.result.cr, 3) +
                                   " is above 0.1 (allowed by the options)");
}

void add_closing_notes(score_report& report, const survey& s, const score_options& options) {
    if (options.rescale == rescaling::labels) {
        std::set<std::string> fallback;
        for (const item_score& i : report.overall.items)
            if (i.rescale_used != rescaling::labels) fallback.insert(i.scale);
        for (const std::string& sc : fallback)
            report.notes.push_back("scale \"" + sc + "\" has no complete score map: its items use linear rescaling");
    }
    if (s.hierarchy)
        for (const node_score& n : report.overall.nodes)
            if (n.renormalised > 0 && options.aggregate == aggregation::respondent_first)
                report.notes.push_back("node " + n.id + ": weights re-normalised over answered children for " +
                                       std::to_string(n.renormalised) + " respondents");
    if (!s.hierarchy) report.notes.push_back("the survey has no hierarchy: no index and no satisfaction rate");
}

/// Every change from wave `a` to wave `b` (b - a): index nodes, satisfaction rate, NPS, items.
void add_changes(const group_scores& a, const group_scores& b, double level, std::vector<change>& out) {
    auto push = [&](change_kind kind, const std::string& id, const std::string& label, double before,
                    double after, test_result t) {
        change c;
        c.kind = kind;
        c.id = id;
        c.label = label;
        c.from = a.value;
        c.to = b.value;
        c.before = before;
        c.after = after;
        c.test = t;
        out.push_back(std::move(c));
    };
    for (const node_score& nb : b.nodes) {
        const node_score* na = a.find_node(nb.id);
        // Leaves are items: their change is reported once, as an item change below.
        if (na && nb.item.empty()) push(change_kind::node_score, nb.id, nb.label, na->score.mean, nb.score.mean,
                     welch_test(nb.score, na->score, level));
    }
    if (a.satisfaction_rate && b.satisfaction_rate && a.satisfaction_rate->n_eff > 0 && b.satisfaction_rate->n_eff > 0) {
        const auto& ra = *a.satisfaction_rate;
        const auto& rb = *b.satisfaction_rate;
        push(change_kind::satisfaction_rate, b.nodes.empty() ? "" : b.nodes.front().id, "satisfaction rate", ra.p,
             rb.p, two_proportion_test(rb.p, rb.n_eff, ra.p, ra.n_eff, level));
    }
    if (a.nps && b.nps) push(change_kind::nps, "nps", "NPS", a.nps->nps, b.nps->nps, nps_test(*b.nps, *a.nps, level));
    for (const item_score& ib : b.items) {
        const item_score* ia = a.find_item(ib.id);
        if (!ia) continue;
        push(change_kind::item_score, ib.id, ib.label, ia->score.mean, ib.score.mean,
             welch_test(ib.score, ia->score, level));
        if (ia->top_box.n_eff > 0 && ib.top_box.n_eff > 0)
            push(change_kind::item_top_box, ib.id, ib.label, ia->top_box.p, ib.top_box.p,
                 two_proportion_test(ib.top_box.p, ib.top_box.n_eff, ia->top_box.p, ia->top_box.n_eff, level));
    }
}

}  // namespace scoring_detail

const char* to_string(change_kind k) noexcept {
    switch (k) {
        case change_kind::item_score: return "item_score";
        case change_kind::item_top_box: return "item_top_box";
        case change_kind::node_score: return "node_score";
        case change_kind::satisfaction_rate: return "satisfaction_rate";
        case change_kind::nps: return "nps";
    }
    return "unknown";
}

const item_score* group_scores::find_item(const std::string& id) const noexcept {
    for (const auto& i : items)
        if (i.id == id) return &i;
    return nullptr;
}

const node_score* group_scores::find_node(const std::string& id) const noexcept {
    for (const auto& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}

group_scores score_group(const survey& s, const responses& data, const std::vector<Eigen::Index>& rows,
                         const score_options& options) {
    check_options(options);
    const group_rows g = make_group(data, rows);
    group_scores out;
    out.n = rows.size();
    out.n_eff = kish_n_eff(g.weights);
    for (double w : g.weights) out.sum_weights += w;
    for (const item& it : s.items) out.items.push_back(score_item(s, it, g, options));
    if (s.hierarchy) {
        proportion_estimate rate;
        out.nodes = score_hierarchy(s, g, options, rate);
        out.satisfaction_rate = rate;
    }
    if (!s.nps_item.empty()) {
        const Eigen::Index col = find_column(data, s.nps_item);
        if (col < 0)
            throw data_error({{data.source, 0, s.nps_item}, "the NPS item has no column in the data (expected one)"});
        std::vector<double> x(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) x[i] = data.values(rows[i], col);
        out.nps = nps_ci(x, g.weights, options.level, options.nps);
    }
    return out;
}

score_report score(const survey& given, const responses& data, const score_options& options) {
    check_options(options);
    // AHP matrices replace the stated weights of their nodes' children (docs/ahp.md).
    survey with_ahp;
    std::vector<ahp_node> ahp;
    if (has_ahp(given)) {
        with_ahp = given;
        ahp = apply_ahp(with_ahp, options.ahp);
    }
    const survey& s = ahp.empty() ? given : with_ahp;
    check_data(s, data, options);
    score_report report;
    report.ahp = ahp;
    add_ahp_notes(report);
    report.options = options;
    report.sample = summarize_sample(s, data, options);

    std::vector<Eigen::Index> all(data.respondents());
    for (std::size_t r = 0; r < all.size(); ++r) all[r] = static_cast<Eigen::Index>(r);
    report.overall = score_group(s, data, all, options);

    if (!options.by.empty()) {
        const segment_groups sg = group_segments(data, options.by);
        for (const auto& [value, rows] : sg.groups) {
            report.by_segment.push_back(score_group(s, data, rows, options));
            report.by_segment.back().column = options.by;
            report.by_segment.back().value = value;
        }
    }
    // Empty cells and pooled values of every segment column (the --by table here, the reports'
    // segment tables from segment_breakdowns), as the wave column's empty cells get a note.
    std::vector<std::string> columns = s.segment_columns;
    if (!options.by.empty() && std::find(columns.begin(), columns.end(), options.by) == columns.end())
        columns.push_back(options.by);
    for (const auto& column : columns)
        if (data.groups.count(column) && column != s.wave_column)
            for (auto& note : group_segments(data, column).notes(column)) report.notes.push_back(std::move(note));

    if (options.by_wave && !s.wave_column.empty() && data.groups.count(s.wave_column)) {
        for (const auto& [value, rows] : split_by(data, s.wave_column)) {
            report.by_wave.push_back(score_group(s, data, rows, options));
            report.by_wave.back().column = s.wave_column;
            report.by_wave.back().value = value;
        }
        for (std::size_t k = 1; k < report.by_wave.size(); ++k)
            add_changes(report.by_wave[k - 1], report.by_wave[k], options.level, report.changes);
        if (report.sample.without_wave > 0)
            report.notes.push_back(std::to_string(report.sample.without_wave) +
                                   " respondents have no wave value and are left out of the wave tables");
    }

    add_closing_notes(report, s, options);
    return report;
}

CSIKIT_NAMESPACE_END
