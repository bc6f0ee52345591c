// score_file(): the scoring report of a streamed CSV file. Each chunk's rows are added, in file
// order, to sums kept per group; the figures are finished from the sums with the formulas of
// mean_ci, proportion_ci and nps_ci (stats.cpp), and the report is assembled as score() does.
// The group layout (items, nodes, labels, rules) comes from score_group on no rows.
#include "csikit/score_stream.hpp"

#include "scoring_internal.hpp"

#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

using namespace scoring_detail;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double tolerance = 1e-9;  // as scoring_items.cpp: scale points are integers

/// Sums for a weighted mean with its t-interval: mean_ci's figures without the rows.
struct mean_sums {
    std::size_t n = 0;
    double sw = 0, sw2 = 0, swx = 0, swxx = 0;
    void add(double x, double w) {
        ++n;
        sw += w;
        sw2 += w * w;
        swx += w * x;
        swxx += w * x * x;
    }
    void merge(const mean_sums& o) {
        n += o.n;
        sw += o.sw;
        sw2 += o.sw2;
        swx += o.swx;
        swxx += o.swxx;
    }
    mean_estimate finish(double level) const {
        mean_estimate m;
        m.n = n;
        m.sum_weights = sw;
        if (!(sw > 0)) return m;
        m.n_eff = sw2 > 0 ? sw * sw / sw2 : 0;
        m.mean = swx / sw;
        const double ss = std::max(0.0, swxx - swx * m.mean);  // sum w (x - mean)^2
        if (m.n_eff > 1) {
            m.sd = std::sqrt(ss / sw * m.n_eff / (m.n_eff - 1));
            m.se = m.sd / std::sqrt(m.n_eff);
            m.df = m.n_eff - 1;
            m.ci = t_interval(m.mean, m.se, m.df, level);
        }
        return m;
    }
};

/// Sums for a weighted share: proportion_ci's figures without the rows.
struct share_sums {
    std::size_t n = 0, count = 0;
    double sw = 0, sw2 = 0, shit = 0;
    void add(bool hit, double w) {
        ++n;
        sw += w;
        sw2 += w * w;
        if (hit) {
            ++count;
            shit += w;
        }
    }
    void merge(const share_sums& o) {
        n += o.n;
        count += o.count;
        sw += o.sw;
        sw2 += o.sw2;
        shit += o.shit;
    }
    proportion_estimate finish(double level, proportion_method method) const {
        proportion_estimate p;
        p.n = n;
        p.count = count;
        p.sum_weights = sw;
        if (!(sw > 0)) return p;
        p.n_eff = sw2 > 0 ? sw * sw / sw2 : 0;
        p.p = std::clamp(shit / sw, 0.0, 1.0);
        p.ci = proportion_interval(p.p, p.n_eff, level, method);
        return p;
    }
};

struct nps_sums {
    std::size_t n = 0, promoters = 0, detractors = 0;
    double sw = 0, sw2 = 0, sp = 0, sd = 0;
    void merge(const nps_sums& o) {
        n += o.n;
        promoters += o.promoters;
        detractors += o.detractors;
        sw += o.sw;
        sw2 += o.sw2;
        sp += o.sp;
        sd += o.sd;
    }
};

struct item_sums {
    mean_sums x, y;
    std::vector<std::size_t> count;  // per scale point
    std::vector<double> weight;
    share_sums top, satisfied;
    void merge(const item_sums& o) {
        x.merge(o.x);
        y.merge(o.y);
        for (std::size_t k = 0; k < count.size(); ++k) {
            count[k] += o.count[k];
            weight[k] += o.weight[k];
        }
        top.merge(o.top);
        satisfied.merge(o.satisfied);
    }
};

struct node_sums {
    mean_sums score;
    share_sums satisfied;
    std::size_t renormalised = 0;
    void merge(const node_sums& o) {
        score.merge(o.score);
        satisfied.merge(o.satisfied);
        renormalised += o.renormalised;
    }
};

struct group_sums {
    std::size_t n = 0;
    double sw = 0, sw2 = 0;
    std::vector<item_sums> items;
    std::vector<node_sums> nodes;
    nps_sums nps;
    void merge(const group_sums& o) {
        n += o.n;
        sw += o.sw;
        sw2 += o.sw2;
        for (std::size_t k = 0; k < items.size(); ++k) items[k].merge(o.items[k]);
        for (std::size_t k = 0; k < nodes.size(); ++k) nodes[k].merge(o.nodes[k]);
        nps.merge(o.nps);
    }
};

/// What each item needs to be scored row by row, from its layout in score_group's result.
struct item_plan {
    Eigen::Index column = -1;
    const scale* sc = nullptr;
    rescaling rescale = rescaling::linear;
    std::vector<double> top_values;
    satisfied_rule rule;
    double first_point = 0;   // the distribution's first scale point
    std::size_t points = 0;   // 0: no distribution (a scale too wide to list)
};

/// The hierarchy in pre-order (score_hierarchy's node order): a leaf's item, or its children
/// with their weights normalised over the siblings.
struct flat_node {
    int item = -1;
    std::vector<std::size_t> children;
    std::vector<double> omega;
};

void flatten(const survey& s, const node& nd, std::vector<flat_node>& out) {
    const std::size_t slot = out.size();
    out.emplace_back();
    if (nd.is_leaf()) {
        const auto it = std::find_if(s.items.begin(), s.items.end(), [&](const item& i) { return i.id == nd.item; });
        out[slot].item = static_cast<int>(it - s.items.begin());
        return;
    }
    double total = 0;
    for (const node& c : nd.children) total += c.weight;
    for (const node& c : nd.children) {
        out[slot].children.push_back(out.size());
        out[slot].omega.push_back(c.weight / total);
        flatten(s, c, out);
    }
}

bool in_set(double x, const std::vector<double>& set) {
    return std::any_of(set.begin(), set.end(), [x](double v) { return std::fabs(v - x) < tolerance; });
}

/// Distinct values of one segment column, counted (for the --by groups and the notes).
struct column_count {
    std::map<std::string, std::size_t> values;
    std::size_t empty = 0;
    bool over = false;  // more than max_stream_segment_values (only counted for notes)
};

class stream_scorer {
public:
    stream_scorer(const survey& s, const score_options& o) : s_(s), o_(o) {}

    void add(const responses& chunk) {
        if (!started_) start(chunk);
        const Eigen::Index n = chunk.values.rows();
        const bool has_w = chunk.weights.size() == n && n > 0;
        weighted_ = weighted_ || chunk.weighted;
        const std::vector<std::string>* wave =
            waves_ ? &chunk.groups.at(s_.wave_column) : nullptr;
        const std::vector<std::string>* by = o_.by.empty() ? nullptr : &chunk.groups.at(o_.by);
        for (const auto& c : columns_) count_column(c, chunk);
        for (const item& it : s_.items) {
            const Eigen::Index col = plan_[static_cast<std::size_t>(&it - s_.items.data())].column;
            missing_[static_cast<std::size_t>(&it - s_.items.data())] +=
                static_cast<std::size_t>(chunk.values.col(col).array().isNaN().count());
        }
        std::vector<double> x(s_.items.size()), y(s_.items.size()), node_score(flat_.size());
        for (Eigen::Index r = 0; r < n; ++r) {
            const double w = has_w ? chunk.weights(r) : 1.0;
            ++respondents_;
            sw_ += w;
            sw2_ += w * w;
            if (wave) {
                const std::string& v = (*wave)[static_cast<std::size_t>(r)];
                if (v.empty()) ++without_wave_;
                else ++wave_counts_[v];
            }
            for (std::size_t k = 0; k < plan_.size(); ++k) {
                x[k] = chunk.values(r, plan_[k].column);
                y[k] = rescale_value(*plan_[k].sc, x[k], plan_[k].rescale);
            }
            row_nodes(y, node_score);
            add_row(overall_, x, y, node_score, w);
            if (wave) {
                const std::string& v = (*wave)[static_cast<std::size_t>(r)];
                if (!v.empty()) add_row(group(by_wave_, v, s_.wave_column), x, y, node_score, w);
            }
            if (by) {
                const std::string& v = (*by)[static_cast<std::size_t>(r)];
                if (!v.empty()) add_row(group(by_segment_, v, o_.by), x, y, node_score, w);
            }
        }
    }

    score_report finish(const read_summary& read, std::vector<ahp_node> ahp) const {
        score_report report;
        report.ahp = std::move(ahp);
        add_ahp_notes(report);
        report.options = o_;
        sample_summary& sm = report.sample;
        sm.respondents = respondents_;
        sm.weighted = weighted_;
        sm.read = read;
        sm.n_eff = sw2_ > 0 ? sw_ * sw_ / sw2_ : 0;
        sm.sum_weights = sw_;
        for (std::size_t k = 0; k < s_.items.size(); ++k) {
            sm.missing_by_item[s_.items[k].id] = missing_[k];
            sm.missing += missing_[k];
        }
        sm.by_wave = wave_counts_;
        sm.without_wave = without_wave_;

        report.overall = finish_group(overall_, "", "");
        if (!o_.by.empty()) add_segments(report);
        for (const auto& c : columns_) add_column_notes(c, report.notes);
        if (waves_) {
            for (const auto& [value, g] : by_wave_) report.by_wave.push_back(finish_group(g, s_.wave_column, value));
            for (std::size_t k = 1; k < report.by_wave.size(); ++k)
                add_changes(report.by_wave[k - 1], report.by_wave[k], o_.level, report.changes);
            if (sm.without_wave > 0)
                report.notes.push_back(std::to_string(sm.without_wave) +
                                       " respondents have no wave value and are left out of the wave tables");
        }
        add_closing_notes(report, s_, o_);
        return report;
    }

    bool started() const noexcept { return started_; }

private:
    /// The layout from score_group on no rows of the first chunk; the columns it reads.
    void start(const responses& chunk) {
        started_ = true;
        if (!o_.by.empty() && !chunk.groups.count(o_.by)) {
            std::string known;
            for (const auto& [column, cells] : chunk.groups) known += (known.empty() ? "" : ", ") + column;
            throw argument_error({{}, 0, "by"}, "unknown segment column \"" + o_.by + "\" (expected one of: " +
                                                    (known.empty() ? "none present" : known) + ")");
        }
        if (s_.hierarchy) {
            auto hp = check_hierarchy(*s_.hierarchy);
            if (!hp.empty()) throw schema_error(std::move(hp));
        }
        layout_ = score_group(s_, chunk, {}, o_);
        for (const item& it : s_.items) {
            const item_score& is = *layout_.find_item(it.id);
            item_plan p;
            p.column = find_column(chunk, it.id);
            if (p.column < 0)
                throw data_error({{chunk.source, 0, it.id}, "item has no column in the data (expected every survey item)"});
            p.sc = &s_.scale_of(it.id);
            p.rescale = is.rescale_used;
            p.top_values = is.top_box_values;
            p.rule = satisfied_rule_of(s_, it, o_);
            p.points = is.distribution.size();
            if (p.points) p.first_point = is.distribution.front().value;
            plan_.push_back(std::move(p));
        }
        missing_.assign(s_.items.size(), 0);
        if (s_.hierarchy) flatten(s_, *s_.hierarchy, flat_);
        if (!s_.nps_item.empty()) {
            const auto it = std::find_if(s_.items.begin(), s_.items.end(), [&](const item& i) { return i.id == s_.nps_item; });
            if (it == s_.items.end() || find_column(chunk, s_.nps_item) < 0)
                throw data_error({{chunk.source, 0, s_.nps_item}, "the NPS item has no column in the data (expected one)"});
            nps_item_ = static_cast<std::size_t>(it - s_.items.begin());
        }
        waves_ = o_.by_wave && !s_.wave_column.empty() && chunk.groups.count(s_.wave_column);
        std::vector<std::string> columns = s_.segment_columns;
        if (!o_.by.empty() && std::find(columns.begin(), columns.end(), o_.by) == columns.end()) columns.push_back(o_.by);
        for (const auto& c : columns)
            if (chunk.groups.count(c) && c != s_.wave_column) columns_.push_back(c);
        counts_.resize(columns_.size());
        overall_ = empty_group();
    }

    group_sums empty_group() const {
        group_sums g;
        g.items.resize(plan_.size());
        for (std::size_t k = 0; k < plan_.size(); ++k) {
            g.items[k].count.assign(plan_[k].points, 0);
            g.items[k].weight.assign(plan_[k].points, 0.0);
        }
        g.nodes.resize(flat_.size());
        return g;
    }

    group_sums& group(std::map<std::string, group_sums>& groups, const std::string& value, const std::string& column) {
        auto it = groups.find(value);
        if (it != groups.end()) return it->second;
        if (groups.size() >= max_stream_segment_values)
            throw argument_error({{}, 0, column}, "column \"" + column + "\" has more than " +
                                                      std::to_string(max_stream_segment_values) +
                                                      " values (max_stream_segment_values; expected fewer groups, or "
                                                      "score the file read whole)");
        return groups.emplace(value, empty_group()).first->second;
    }

    void count_column(const std::string& column, const responses& chunk) {
        column_count& c = counts_[static_cast<std::size_t>(&column - columns_.data())];
        for (const std::string& v : chunk.groups.at(column)) {
            if (v.empty()) {
                ++c.empty;
                continue;
            }
            auto it = c.values.find(v);
            if (it != c.values.end()) ++it->second;
            else if (c.values.size() < max_stream_segment_values) c.values.emplace(v, 1);
            else c.over = true;
        }
    }

    /// Respondent-first index scores of every node for one row (NaN = none), as score_hierarchy
    /// scores them: children re-normalised over those with a score.
    void row_nodes(const std::vector<double>& y, std::vector<double>& out) const {
        renormalised_row_.assign(flat_.size(), false);
        for (std::size_t k = flat_.size(); k-- > 0;) {
            const flat_node& nd = flat_[k];
            if (nd.item >= 0) {
                out[k] = y[static_cast<std::size_t>(nd.item)];
                continue;
            }
            double num = 0, den = 0;
            bool gap = false;
            for (std::size_t c = 0; c < nd.children.size(); ++c) {
                const double v = out[nd.children[c]];
                if (std::isnan(v)) {
                    gap = true;
                    continue;
                }
                num += nd.omega[c] * v;
                den += nd.omega[c];
            }
            out[k] = den > 0 ? num / den : nan;
            renormalised_row_[k] = den > 0 && gap;
        }
    }

    void add_row(group_sums& g, const std::vector<double>& x, const std::vector<double>& y,
                 const std::vector<double>& node_score, double w) const {
        ++g.n;
        g.sw += w;
        g.sw2 += w * w;
        for (std::size_t k = 0; k < plan_.size(); ++k) {
            if (std::isnan(x[k])) continue;
            const item_plan& p = plan_[k];
            item_sums& is = g.items[k];
            is.x.add(x[k], w);
            is.y.add(y[k], w);
            if (p.points) {
                const double off = std::round(x[k] - p.first_point);
                if (off >= 0 && off < static_cast<double>(p.points) && std::fabs(x[k] - (p.first_point + off)) < tolerance) {
                    ++is.count[static_cast<std::size_t>(off)];
                    is.weight[static_cast<std::size_t>(off)] += w;
                }
            }
            const bool top = in_set(x[k], p.top_values);
            bool sat = false;
            switch (p.rule.how) {
                case satisfied_rule::kind::min_score: sat = y[k] >= p.rule.value - tolerance; break;
                case satisfied_rule::kind::min_value: sat = x[k] >= p.rule.value - tolerance; break;
                case satisfied_rule::kind::top_box: sat = top; break;
            }
            is.top.add(top, w);
            is.satisfied.add(sat, w);
        }
        for (std::size_t k = 0; k < flat_.size(); ++k) {
            const double v = node_score[k];
            if (renormalised_row_[k]) ++g.nodes[k].renormalised;
            if (std::isnan(v)) continue;
            g.nodes[k].score.add(v, w);
            g.nodes[k].satisfied.add(v >= o_.threshold - 1e-9, w);
        }
        if (nps_item_ < x.size()) {
            const double v = x[nps_item_];
            if (!std::isnan(v)) {
                nps_sums& e = g.nps;
                ++e.n;
                e.sw += w;
                e.sw2 += w * w;
                if (v >= o_.nps.promoter_min) {
                    e.sp += w;
                    ++e.promoters;
                } else if (v <= o_.nps.detractor_max) {
                    e.sd += w;
                    ++e.detractors;
                }
            }
        }
    }

    group_scores finish_group(const group_sums& g, const std::string& column, const std::string& value) const {
        group_scores out = layout_;
        out.column = column;
        out.value = value;
        out.n = g.n;
        out.n_eff = g.sw2 > 0 ? g.sw * g.sw / g.sw2 : 0;
        out.sum_weights = g.sw;
        for (std::size_t k = 0; k < out.items.size(); ++k) {
            item_score& is = out.items[k];
            const item_sums& sums = g.items[k];
            is.mean = sums.x.finish(o_.level);
            is.score = sums.y.finish(o_.level);
            is.missing = g.n - is.mean.n;
            for (std::size_t v = 0; v < is.distribution.size(); ++v) {
                is.distribution[v].count = sums.count[v];
                is.distribution[v].share = is.mean.sum_weights > 0 ? sums.weight[v] / is.mean.sum_weights : nan;
            }
            is.top_box = sums.top.finish(o_.level, o_.interval);
            is.satisfied = sums.satisfied.finish(o_.level, o_.interval);
        }
        for (std::size_t k = 0; k < out.nodes.size(); ++k) {
            node_score& ns = out.nodes[k];
            ns.score = g.nodes[k].score.finish(o_.level);
            ns.satisfied = g.nodes[k].satisfied.finish(o_.level, o_.interval);
            ns.renormalised = g.nodes[k].renormalised;
        }
        if (!out.nodes.empty()) out.satisfaction_rate = g.nodes.front().satisfied.finish(o_.level, o_.interval);
        if (out.nps) {
            const nps_sums& e = g.nps;
            const double n_eff = e.sw2 > 0 ? e.sw * e.sw / e.sw2 : 0;
            nps_estimate est = e.sw > 0 ? nps_from_shares(e.sp / e.sw, e.sd / e.sw, n_eff, o_.level) : nps_estimate{};
            est.n = e.n;
            est.n_promoters = e.promoters;
            est.n_detractors = e.detractors;
            est.n_passives = e.n - e.promoters - e.detractors;
            out.nps = est;
        }
        return out;
    }

    /// The --by groups as score() shows them: every value, or the largest max_segments_shown
    /// (ties: the smaller value) and the rest pooled as other_segments.
    void add_segments(score_report& report) const {
        std::vector<const std::pair<const std::string, group_sums>*> order;
        for (const auto& entry : by_segment_) order.push_back(&entry);
        if (order.size() > max_segments_shown) {
            std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(max_segments_shown) - 1, order.end(),
                             [](const auto* a, const auto* b) {
                                 return a->second.n != b->second.n ? a->second.n > b->second.n : a->first < b->first;
                             });
            group_sums other = empty_group();
            for (std::size_t k = max_segments_shown; k < order.size(); ++k) other.merge(order[k]->second);
            order.resize(max_segments_shown);
            std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
            for (const auto* e : order) report.by_segment.push_back(finish_group(e->second, o_.by, e->first));
            report.by_segment.push_back(finish_group(other, o_.by, other_segments));
        } else {
            for (const auto* e : order) report.by_segment.push_back(finish_group(e->second, o_.by, e->first));
        }
    }

    void add_column_notes(const std::string& column, std::vector<std::string>& notes) const {
        const column_count& c = counts_[static_cast<std::size_t>(&column - columns_.data())];
        if (c.empty > 0)
            notes.push_back(std::to_string(c.empty) + " respondents have no value in the segment column \"" + column +
                            "\" and are left out of its segment tables");
        if (c.over)
            notes.push_back("the segment column \"" + column + "\" has more than " + std::to_string(max_stream_segment_values) +
                            " values: the " + std::to_string(max_segments_shown) + " largest are shown, the others pooled as \"" +
                            other_segments + "\"");
        else if (c.values.size() > max_segments_shown) {
            std::vector<std::pair<std::size_t, std::string>> sizes;
            for (const auto& [v, n] : c.values) sizes.emplace_back(n, v);
            std::sort(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) {
                return a.first != b.first ? a.first > b.first : a.second < b.second;
            });
            std::size_t pooled_rows = 0;
            for (std::size_t k = max_segments_shown; k < sizes.size(); ++k) pooled_rows += sizes[k].first;
            notes.push_back("the segment column \"" + column + "\" has " + std::to_string(c.values.size()) + " values: the " +
                            std::to_string(max_segments_shown) + " largest are shown, the other " +
                            std::to_string(c.values.size() - max_segments_shown) + " are pooled as \"" + other_segments +
                            "\" (" + std::to_string(pooled_rows) + " respondents)");
        }
    }

    const survey& s_;
    const score_options& o_;
    bool started_ = false, weighted_ = false, waves_ = false;
    group_scores layout_;
    std::vector<item_plan> plan_;
    std::vector<flat_node> flat_;
    mutable std::vector<bool> renormalised_row_;
    std::size_t nps_item_ = std::numeric_limits<std::size_t>::max();  // index in s_.items
    std::vector<std::string> columns_;
    std::vector<column_count> counts_;
    std::vector<std::size_t> missing_;
    std::size_t respondents_ = 0, without_wave_ = 0;
    double sw_ = 0, sw2_ = 0;
    std::map<std::string, std::size_t> wave_counts_;
    group_sums overall_;
    std::map<std::string, group_sums> by_wave_, by_segment_;
};

}  // namespace

score_report score_file(const survey& given, const std::string& path, const score_options& options,
                        const read_options& read, const stream_options& stream) {
    if (options.aggregate == aggregation::mean_first)
        throw argument_error({{}, 0, "aggregate"}, "mean-first aggregation is not available on a streamed file (its "
                                                   "linearised standard error needs every row; expected respondent-first, "
                                                   "or the file read whole)");
    survey with_ahp;
    std::vector<ahp_node> ahp;
    if (has_ahp(given)) {
        with_ahp = given;
        ahp = apply_ahp(with_ahp, options.ahp);
    }
    const survey& s = ahp.empty() ? given : with_ahp;
    stream_scorer scorer(s, options);
    const read_summary summary = stream_responses(path, s, [&](responses&& chunk) { scorer.add(chunk); }, read, stream);
    if (!scorer.started())
        throw data_error({{path, 0, {}}, "the file has no data rows (expected at least one respondent)"});
    return scorer.finish(summary, std::move(ahp));
}

CSIKIT_NAMESPACE_END
