// standardize(): direct standardisation of each group's 0-100 scores to a reference mix of a
// background column: adjusted_g = sum_s pi_s mean_gs, so a change between groups that only
// reflects a moved mix disappears (issue 14 item 5).
#include "scoring_internal.hpp"

#include "csikit/format.hpp"
#include "csikit/standardize.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

CSIKIT_NAMESPACE_BEGIN

using namespace scoring_detail;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

const std::vector<std::string>& column(const responses& data, const std::string& name, const char* option) {
    const auto it = data.groups.find(name);
    if (name.empty() || it == data.groups.end())
        throw argument_error({{}, 0, option}, "unknown column \"" + name + "\" (expected a segment or wave column)");
    return it->second;
}

void collect_nodes(const node& nd, std::vector<std::string>& out) {
    if (!nd.item.empty()) return;  // a leaf is an item: adjusted once, among the items
    out.push_back(nd.id);
    for (const node& c : nd.children) collect_nodes(c, out);
}

mean_estimate combine(const std::vector<mean_estimate>& by_stratum, const std::vector<double>& pi, double level) {
    mean_estimate m;
    double mean = 0, var = 0, df_den = 0;
    for (std::size_t k = 0; k < pi.size(); ++k) {
        if (pi[k] == 0) continue;
        const mean_estimate& e = by_stratum[k];
        if (e.n == 0 || std::isnan(e.mean)) return m;  // a stratum the reference needs is empty
        mean += pi[k] * e.mean;
        const double a = pi[k] * pi[k] * e.se * e.se;
        var += a;
        df_den += a * a / e.df;
        m.n += e.n;
        m.n_eff += e.n_eff;
        m.sum_weights += e.sum_weights;
    }
    m.mean = mean;
    m.se = std::sqrt(var);
    m.df = var > 0 ? var * var / df_den : nan;  // Welch-Satterthwaite over the strata
    if (std::isfinite(m.se) && std::isfinite(m.df)) m.ci = t_interval(m.mean, m.se, m.df, level);
    return m;
}

}  // namespace

namespace {

double share_number(const std::string& text, const std::string& where, const std::string& value) {
    double x = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size())
        throw argument_error({where, 0, {}}, "share \"" + text + "\" of \"" + value + "\" is not a number (expected e.g. 0.25)");
    return x;
}

std::string trimmed(std::string s) {
    const auto b = s.find_first_not_of(" \t\r");
    const auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::map<std::string, double> parse_reference_shares(const std::string& text, const std::string& where) {
    std::map<std::string, double> out;
    const std::string body = trimmed(text);
    if (!body.empty() && body.front() == '{') {
        const auto j = nlohmann::json::parse(body, nullptr, false);
        if (j.is_discarded() || !j.is_object())
            throw argument_error({where, 0, {}}, "not a JSON object (expected {\"VALUE\": share, ...})");
        for (const auto& [k, v] : j.items()) {
            if (!v.is_number())
                throw argument_error({where, 0, {}}, "share of \"" + k + "\" is not a number (expected e.g. 0.25)");
            out[k] = v.get<double>();
        }
    } else {
        std::istringstream in(body);
        std::string line;
        std::size_t line_no = 0;
        while (std::getline(in, line)) {
            ++line_no;
            line = trimmed(line);
            if (line.empty()) continue;
            const auto comma = line.rfind(',');
            if (comma == std::string::npos)
                throw argument_error({where, line_no, {}}, "no comma in \"" + line + "\" (expected value,share)");
            const std::string value = trimmed(line.substr(0, comma)), share = trimmed(line.substr(comma + 1));
            if (line_no == 1 && out.empty() && share == "share") continue;  // a header line
            if (!out.emplace(value, share_number(share, where, value)).second)
                throw argument_error({where, line_no, {}}, "\"" + value + "\" is given twice (expected one share per value)");
        }
    }
    if (out.empty()) throw argument_error({where, 0, {}}, "no shares (expected one share per value of the column)");
    return out;
}

standardized_comparison standardize(const survey& s, const responses& data, const standardize_options& options) {
    standardized_comparison out;
    out.options = options;
    const std::string by = options.by.empty() ? s.wave_column : options.by;
    out.options.by = by;  // the result names the column actually compared
    const auto& gcol = column(data, by, "by");
    const auto& scol = column(data, options.adjust_for, "adjust_for");
    if (by == options.adjust_for)
        throw argument_error({{}, 0, "adjust_for"}, "\"" + by + "\" is also the column compared (expected another column)");
    const std::size_t n = data.respondents();
    std::map<std::string, std::size_t> gi, si;
    for (std::size_t r = 0; r < n; ++r)
        if (!gcol[r].empty() && !scol[r].empty()) {
            gi.emplace(gcol[r], 0);
            si.emplace(scol[r], 0);
        } else {
            ++out.left_out;
        }
    if (gi.size() < 2)
        throw argument_error({{}, 0, "by"}, "column \"" + by + "\" has " + std::to_string(gi.size()) +
                                                " values (expected at least 2 groups to compare)");
    for (auto& [v, k] : gi) {
        k = out.groups.size();
        out.groups.push_back(v);
    }
    for (auto& [v, k] : si) {
        k = out.strata.size();
        out.strata.push_back(v);
    }
    const std::size_t G = out.groups.size(), S = out.strata.size();
    const bool weighted = options.use_weights && data.weighted && data.weights.size() == data.values.rows();
    out.options.use_weights = weighted;  // whether weights were applied
    std::vector<std::vector<std::vector<Eigen::Index>>> rows(G, std::vector<std::vector<Eigen::Index>>(S));
    std::vector<std::vector<double>> wsum(G, std::vector<double>(S, 0));
    for (std::size_t r = 0; r < n; ++r) {
        if (gcol[r].empty() || scol[r].empty()) continue;
        const std::size_t g = gi.at(gcol[r]), k = si.at(scol[r]);
        rows[g][k].push_back(static_cast<Eigen::Index>(r));
        wsum[g][k] += weighted ? data.weights(static_cast<Eigen::Index>(r)) : 1.0;
    }
    out.mix.assign(G, std::vector<double>(S, 0));
    std::vector<double> pooled(S, 0);
    double total = 0;
    for (std::size_t g = 0; g < G; ++g) {
        double t = 0;
        for (std::size_t k = 0; k < S; ++k) t += wsum[g][k];
        for (std::size_t k = 0; k < S; ++k) {
            out.mix[g][k] = t > 0 ? wsum[g][k] / t : nan;
            pooled[k] += wsum[g][k];
        }
        total += t;
    }
    switch (options.reference) {
        case reference_mix::pooled:
            for (double& p : pooled) p /= total;
            out.reference = pooled;
            break;
        case reference_mix::first: out.reference = out.mix.front(); break;
        case reference_mix::given: {
            double sum = 0;
            for (const auto& v : out.strata) {
                const auto it = options.shares.find(v);
                if (it == options.shares.end())
                    throw argument_error({{}, 0, "shares"}, "no reference share for \"" + v + "\" of " + options.adjust_for +
                                                                " (expected a share for every value)");
                if (!(it->second >= 0) || !std::isfinite(it->second))
                    throw argument_error({{}, 0, "shares"}, "share " + format_shortest(it->second) + " of \"" + v +
                                                                "\" is invalid (expected >= 0)");
                out.reference.push_back(it->second);
                sum += it->second;
            }
            if (std::fabs(sum - 1) > 1e-6)
                throw argument_error({{}, 0, "shares"}, "the reference shares sum to " + format_shortest(sum) + " (expected 1)");
            for (const auto& [v, p] : options.shares)
                if (!si.count(v)) out.notes.push_back("reference share of \"" + v + "\" names no respondent's value: ignored");
            break;
        }
    }

    // Respondent-level 0-100 scores of every figure, per (group, stratum) cell.
    std::vector<std::string> ids;
    if (s.hierarchy) collect_nodes(*s.hierarchy, ids);
    const std::size_t nodes = ids.size();
    for (const item& it : s.items) ids.push_back(it.id);
    score_options so = options.scoring;
    for (std::size_t g = 0; g < G; ++g) {
        std::vector<std::vector<std::vector<double>>> y(ids.size(), std::vector<std::vector<double>>(S));
        std::vector<std::vector<double>> w(S);
        std::vector<double> all_w;
        std::vector<std::vector<double>> all_y(ids.size());
        for (std::size_t k = 0; k < S; ++k) {
            group_rows cell = make_group(data, rows[g][k]);
            if (!weighted) std::fill(cell.weights.begin(), cell.weights.end(), 1.0);
            w[k] = cell.weights;
            all_w.insert(all_w.end(), cell.weights.begin(), cell.weights.end());
            for (std::size_t f = 0; f < ids.size(); ++f) {
                if (f < nodes) {
                    y[f][k] = node_respondent_scores(s, cell, so, ids[f]);
                } else {
                    const item& it = *s.find_item(ids[f]);
                    const rescaling how = so.rescale == rescaling::labels && !has_score_map(s.scale_of(it.id))
                                              ? rescaling::linear : so.rescale;
                    y[f][k] = item_scores(s, it, cell, how);
                }
                all_y[f].insert(all_y[f].end(), y[f][k].begin(), y[f][k].end());
            }
        }
        for (std::size_t f = 0; f < ids.size(); ++f) {
            standardized_figure fig;
            fig.id = ids[f];
            fig.group = out.groups[g];
            fig.raw = mean_ci(all_y[f], all_w, so.level);
            std::vector<mean_estimate> by_stratum;
            for (std::size_t k = 0; k < S; ++k) by_stratum.push_back(mean_ci(y[f][k], w[k], so.level));
            fig.adjusted = combine(by_stratum, out.reference, so.level);
            if (std::isnan(fig.adjusted.mean) && f == 0)
                out.notes.push_back("group " + out.groups[g] + ": a stratum of " + options.adjust_for +
                                    " with a reference share has no answers: no adjusted figure");
            out.figures.push_back(std::move(fig));
        }
    }
    // Changes group k-1 -> k of every figure (figures are stored group-major).
    const std::size_t F = ids.size();
    for (std::size_t g = 1; g < G; ++g)
        for (std::size_t f = 0; f < F; ++f) {
            const auto& a = out.figures[(g - 1) * F + f];
            const auto& b = out.figures[g * F + f];
            standardized_change c;
            c.id = ids[f];
            c.from = a.group;
            c.to = b.group;
            c.raw = welch_test(b.raw, a.raw, so.level);
            if (std::isfinite(a.adjusted.mean) && std::isfinite(b.adjusted.mean))
                c.adjusted = welch_test(b.adjusted, a.adjusted, so.level);
            out.changes.push_back(std::move(c));
        }
    if (out.left_out)
        out.notes.push_back(std::to_string(out.left_out) + " respondents have no value in \"" + by + "\" or \"" +
                            options.adjust_for + "\" and are left out");
    return out;
}

CSIKIT_NAMESPACE_END
