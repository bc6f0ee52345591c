// crosstab(): one variable (an item's scale points, a node's score, the satisfied flag or a
// category column) by a background column, per layer value: counts, shares, means with
// intervals, the chi-square test and the column letters (docs/crosstab.md).
#include "scoring_internal.hpp"

#include "csikit/crosstab.hpp"
#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

CSIKIT_NAMESPACE_BEGIN

using namespace scoring_detail;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double tolerance = 1e-9;  // scale points are integers

const node* find_node(const node& nd, const std::string& id) {
    if ((nd.id.empty() ? nd.item : nd.id) == id) return &nd;
    for (const node& c : nd.children)
        if (const node* f = find_node(c, id)) return f;
    return nullptr;
}

std::string known_columns(const responses& data) {
    std::string known;
    for (const auto& [column, cells] : data.groups) known += (known.empty() ? "" : ", ") + column;
    return known.empty() ? "none in the data" : known;
}

/// A background column's values, sorted, and each row's category (-1 = empty cell).
struct axis {
    std::vector<std::string> values;
    std::vector<int> of_row;
};

axis column_axis(const responses& data, const std::string& column, const char* option) {
    const auto it = data.groups.find(column);
    if (it == data.groups.end())
        throw argument_error({{}, 0, option}, "unknown column \"" + column +
                                                  "\" (expected a segment or wave column: " + known_columns(data) + ")");
    axis a;
    std::map<std::string, int> index;
    for (const auto& v : it->second)
        if (!v.empty()) index.emplace(v, 0);
    if (index.size() > max_crosstab_categories)
        throw argument_error({{}, 0, option}, "column \"" + column + "\" has " + std::to_string(index.size()) +
                                                  " values (expected at most " +
                                                  std::to_string(max_crosstab_categories) + ", max_crosstab_categories)");
    for (auto& [v, k] : index) {
        k = static_cast<int>(a.values.size());
        a.values.push_back(v);
    }
    a.of_row.reserve(it->second.size());
    for (const auto& v : it->second) a.of_row.push_back(v.empty() ? -1 : index.at(v));
    return a;
}

void check_options(const crosstab_options& o) {
    std::vector<problem> problems;
    if (o.rows.empty()) problems.push_back({{{}, 0, "rows"}, "no variable given (expected an item, node, satisfied:ID or column)"});
    if (o.cols.empty()) problems.push_back({{{}, 0, "cols"}, "no background column given (expected a segment or wave column)"});
    if (!o.cols.empty() && (o.cols == o.layer || o.cols == o.rows))
        problems.push_back({{{}, 0, "cols"}, "column \"" + o.cols + "\" is used twice (expected different rows, cols and layer)"});
    if (!o.layer.empty() && o.layer == o.rows)
        problems.push_back({{{}, 0, "layer"}, "column \"" + o.layer + "\" is used twice (expected different rows, cols and layer)"});
    if (!(o.alpha > 0 && o.alpha < 1))
        problems.push_back({{{}, 0, "alpha"}, "alpha " + format_shortest(o.alpha) + " is invalid (expected 0 < alpha < 1, e.g. 0.05)"});
    if (!(o.scoring.level > 0 && o.scoring.level < 1))
        problems.push_back({{{}, 0, "level"}, "confidence level " + format_shortest(o.scoring.level) +
                                                  " is invalid (expected 0 < level < 1, e.g. 0.95)"});
    if (!problems.empty()) throw argument_error(std::move(problems));
}

/// The row variable: its kind, categories and each respondent's category (-1 = missing) or
/// 0-100 score and scale value (NaN = missing).
struct row_variable {
    crosstab_kind kind = crosstab_kind::category;
    std::string label, rule;
    std::vector<crosstab_category> categories;
    std::vector<int> of_row;
    std::vector<double> score, value;  ///< distribution and score kinds
};

row_variable resolve_rows(const survey& s, const responses& data, const crosstab_options& o,
                          const group_rows& all) {
    row_variable v;
    const std::string lang = label_language(s, o.scoring);
    const std::size_t n = all.rows.size();
    std::string id = o.rows;
    const bool satisfied = id.rfind("satisfied:", 0) == 0;
    if (satisfied) id = id.substr(10);
    const item* it = s.find_item(id);
    const node* nd = s.hierarchy ? find_node(*s.hierarchy, id) : nullptr;
    if (it && find_column(data, it->id) < 0)
        throw data_error({{data.source, 0, it->id}, "item has no column in the data (expected one)"});
    if (satisfied) {
        if (!it && !nd)
            throw argument_error({{}, 0, "rows"}, "unknown item or node \"" + id +
                                                      "\" after satisfied: (expected an item or hierarchy node id)");
        v.kind = crosstab_kind::satisfied;
        v.categories = {{"satisfied", "satisfied"}, {"not satisfied", "not satisfied"}};
        v.of_row.assign(n, -1);
        if (it) {
            v.label = it->text.get(lang);
            const scale& sc = s.scale_of(it->id);
            const auto box = o.scoring.top_box.find(sc.id);
            const auto top = top_box_values(sc, box == o.scoring.top_box.end() ? std::vector<double>{} : box->second);
            const satisfied_rule rule = satisfied_rule_of(s, *it, o.scoring);
            v.rule = satisfied_rule_text(rule, top);
            const rescaling how = o.scoring.rescale == rescaling::labels && !has_score_map(sc) ? rescaling::linear
                                                                                                 : o.scoring.rescale;
            const Eigen::Index col = find_column(data, it->id);
            for (std::size_t r = 0; r < n; ++r) {
                const double x = data.values(all.rows[r], col);
                if (std::isnan(x)) continue;
                bool hit = false;
                switch (rule.how) {
                    case satisfied_rule::kind::min_score: hit = rescale_value(sc, x, how) >= rule.value - tolerance; break;
                    case satisfied_rule::kind::min_value: hit = x >= rule.value - tolerance; break;
                    case satisfied_rule::kind::top_box:
                        hit = std::any_of(top.begin(), top.end(), [x](double t) { return std::fabs(t - x) < tolerance; });
                        break;
                }
                v.of_row[r] = hit ? 0 : 1;
            }
        } else {
            v.label = nd->label.get(lang);
            v.rule = "score >= " + format_shortest(o.scoring.threshold);
            const auto y = node_respondent_scores(s, all, o.scoring, id);
            for (std::size_t r = 0; r < n; ++r)
                if (!std::isnan(y[r])) v.of_row[r] = y[r] >= o.scoring.threshold - tolerance ? 0 : 1;
        }
        return v;
    }
    if (it) {
        const scale& sc = s.scale_of(it->id);
        v.kind = crosstab_kind::distribution;
        v.label = it->text.get(lang);
        if (!std::isfinite(sc.min) || !std::isfinite(sc.max) || !(sc.max >= sc.min) ||
            sc.max - sc.min + 1 > static_cast<double>(max_crosstab_categories))
            throw argument_error({{}, 0, "rows"}, "item \"" + id + "\" has a scale (\"" + sc.id +
                                                      "\") without listable points for a distribution (expected at most " +
                                                      std::to_string(max_crosstab_categories) +
                                                      " integer points; use its node or satisfied:" + id + ")");
        for (double x = sc.min; x <= sc.max + tolerance; x += 1) {
            crosstab_category c{format_shortest(x), format_shortest(x)};
            if (const scale_value* sv = sc.find_value(x); sv && !sv->label.get(lang).empty()) c.label = sv->label.get(lang);
            v.categories.push_back(std::move(c));
        }
        const rescaling how = o.scoring.rescale == rescaling::labels && !has_score_map(sc) ? rescaling::linear
                                                                                             : o.scoring.rescale;
        const Eigen::Index col = find_column(data, it->id);
        v.of_row.assign(n, -1);
        v.score.assign(n, nan);
        v.value.assign(n, nan);
        for (std::size_t r = 0; r < n; ++r) {
            const double x = data.values(all.rows[r], col);
            const double k = std::round(x - sc.min);
            if (std::isnan(x) || std::fabs(x - sc.min - k) > tolerance || k < 0 ||
                k >= static_cast<double>(v.categories.size()))
                continue;  // no answer (or off the scale's points): a missing answer
            v.of_row[r] = static_cast<int>(k);
            v.value[r] = x;
            v.score[r] = rescale_value(sc, x, how);
        }
        return v;
    }
    if (nd) {
        v.kind = crosstab_kind::score;
        v.label = nd->label.get(lang);
        v.score = node_respondent_scores(s, all, o.scoring, id);
        v.of_row.assign(n, -1);
        for (std::size_t r = 0; r < n; ++r)
            if (!std::isnan(v.score[r])) v.of_row[r] = 0;
        return v;
    }
    if (data.groups.count(id)) {
        const axis a = column_axis(data, id, "rows");
        v.kind = crosstab_kind::category;
        v.label = id;
        for (const auto& val : a.values) v.categories.push_back({val, val});
        v.of_row = a.of_row;
        return v;
    }
    throw argument_error({{}, 0, "rows"}, "unknown variable \"" + o.rows +
                                              "\" (expected an item, a hierarchy node, satisfied:ID or a column: " +
                                              known_columns(data) + ")");
}

/// Letters of each cell: columns whose share this cell's share is significantly larger than,
/// z tests on n_eff over every pair of the row, Holm-adjusted within the row.
void mark_letters(crosstab_table& t, const std::vector<std::string>& letters, double alpha) {
    const std::size_t c = t.col_weighted.size();
    for (auto& row : t.cells) {
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        std::vector<double> p;
        for (std::size_t a = 0; a < c; ++a)
            for (std::size_t b = a + 1; b < c; ++b) {
                if (!(t.col_n_eff[a] > 0) || !(t.col_n_eff[b] > 0)) continue;
                const double pa = row[a].col_share, pb = row[b].col_share;
                const test_result z = two_proportion_test(pa, t.col_n_eff[a], pb, t.col_n_eff[b]);
                pairs.emplace_back(a, b);
                p.push_back(std::isfinite(z.p_value) ? z.p_value : nan);
            }
        const auto adj = holm_adjust(p);
        for (std::size_t k = 0; k < pairs.size(); ++k) {
            if (!(adj[k] < alpha)) continue;
            const auto [a, b] = pairs[k];
            if (row[a].col_share > row[b].col_share) row[a].letters += letters[b];
            else if (row[b].col_share > row[a].col_share) row[b].letters += letters[a];
        }
        for (auto& cell : row) std::sort(cell.letters.begin(), cell.letters.end());
    }
}

}  // namespace

const char* to_string(crosstab_kind k) noexcept {
    switch (k) {
        case crosstab_kind::distribution: return "distribution";
        case crosstab_kind::score: return "score";
        case crosstab_kind::satisfied: return "satisfied";
        case crosstab_kind::category: return "category";
    }
    return "unknown";
}

std::string crosstab_letter(std::size_t k) {
    std::string out;
    for (std::size_t m = k + 1; m > 0; m = (m - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (m - 1) % 26));
    return out;
}

crosstab_result crosstab(const survey& given, const responses& data, const crosstab_options& options) {
    check_options(options);
    survey with_ahp;
    const bool ahp = has_ahp(given);
    if (ahp) {
        with_ahp = given;
        apply_ahp(with_ahp, options.scoring.ahp);
    }
    const survey& s = ahp ? with_ahp : given;
    const std::size_t n = data.respondents();
    const bool weighted = options.use_weights && data.weighted && data.weights.size() == data.values.rows();
    if (weighted)
        for (Eigen::Index r = 0; r < data.weights.size(); ++r)
            if (!(data.weights(r) >= 0) || !std::isfinite(data.weights(r)))
                throw data_error({{data.source, r < static_cast<Eigen::Index>(data.lines.size()) ? data.lines[r] : 0,
                                   s.weight_column},
                                  "weight " + format_shortest(data.weights(r)) + " is invalid (expected >= 0)"});

    crosstab_result out;
    out.options = options;
    out.variable = options.rows.rfind("satisfied:", 0) == 0 ? options.rows.substr(10) : options.rows;
    out.weighted = weighted;
    out.respondents = n;

    const axis cols = column_axis(data, options.cols, "cols");
    std::optional<axis> layer;
    if (!options.layer.empty()) layer = column_axis(data, options.layer, "layer");
    std::vector<Eigen::Index> every(n);
    for (std::size_t r = 0; r < n; ++r) every[r] = static_cast<Eigen::Index>(r);
    group_rows all = make_group(data, every);
    if (!weighted) std::fill(all.weights.begin(), all.weights.end(), 1.0);
    const row_variable rv = resolve_rows(s, data, options, all);
    out.kind = rv.kind;
    out.label = rv.label;
    out.satisfied_rule = rv.rule;
    out.rows = rv.categories;
    for (const auto& v : cols.values) out.columns.push_back({v, v});
    for (std::size_t k = 0; k < cols.values.size(); ++k) out.letters.push_back(crosstab_letter(k));

    // Which respondents count, each exclusion counted once (layer, column, row/answer).
    std::vector<char> used(n, 0);
    std::vector<bool> row_seen(std::max<std::size_t>(rv.categories.size(), 1), false), col_seen(cols.values.size(), false);
    for (std::size_t r = 0; r < n; ++r) {
        if (layer && layer->of_row[r] < 0) ++out.missing_layer;
        else if (cols.of_row[r] < 0) ++out.missing_column;
        else if (rv.of_row[r] < 0) ++(rv.kind == crosstab_kind::category ? out.missing_row : out.missing_answer);
        else if (weighted && !(all.weights[r] > 0)) ++out.zero_weight;
        else {
            used[r] = 1;
            row_seen[static_cast<std::size_t>(rv.of_row[r])] = true;
            col_seen[static_cast<std::size_t>(cols.of_row[r])] = true;
        }
    }
    out.counted = static_cast<std::size_t>(std::count(used.begin(), used.end(), 1));
    const auto seen = [](const std::vector<bool>& v) { return static_cast<std::size_t>(std::count(v.begin(), v.end(), true)); };
    if (rv.kind != crosstab_kind::score && seen(row_seen) < 2)
        throw argument_error({{}, 0, "rows"}, "\"" + options.rows + "\" has " + std::to_string(seen(row_seen)) +
                                                  " categories with answers among the respondents counted (expected at least 2)");
    if (seen(col_seen) < 2)
        throw argument_error({{}, 0, "cols"}, "column \"" + options.cols + "\" has " + std::to_string(seen(col_seen)) +
                                                  " values among the respondents counted (expected at least 2)");
    if (rv.kind == crosstab_kind::distribution)
        for (std::size_t k = 0; k < rv.categories.size(); ++k)
            if (!row_seen[k])
                out.notes.push_back("scale point " + rv.categories[k].value + " of " + out.variable +
                                    " has no answers: shown with 0, left out of the chi-square test");

    const std::size_t nr = rv.kind == crosstab_kind::score ? 0 : rv.categories.size(), nc = cols.values.size();
    const std::size_t layers = layer ? layer->values.size() : 1;
    for (std::size_t l = 0; l < layers; ++l) {
        crosstab_table t;
        if (layer) t.layer_value = layer->values[l];
        t.cells.assign(nr, std::vector<crosstab_cell>(nc));
        t.row_count.assign(nr, 0);
        t.row_weighted.assign(nr, 0);
        t.col_count.assign(nc, 0);
        t.col_weighted.assign(nc, 0);
        std::vector<crosstab_observation> obs;
        std::vector<std::vector<double>> col_w(nc);
        std::vector<double> table_score, table_value, table_w;
        std::vector<std::vector<double>> col_score(nc), col_value(nc);
        for (std::size_t r = 0; r < n; ++r) {
            if (!used[r] || (layer && layer->of_row[r] != static_cast<int>(l))) continue;
            const auto j = static_cast<std::size_t>(cols.of_row[r]);
            const double w = all.weights[r];
            ++t.n;
            t.weighted += w;
            ++t.col_count[j];
            t.col_weighted[j] += w;
            col_w[j].push_back(w);
            if (nr > 0) {
                const auto i = static_cast<std::size_t>(rv.of_row[r]);
                ++t.cells[i][j].count;
                t.cells[i][j].weighted += w;
                ++t.row_count[i];
                t.row_weighted[i] += w;
                obs.push_back({i, j, w});
            }
            if (!rv.score.empty()) {
                col_score[j].push_back(rv.score[r]);
                table_score.push_back(rv.score[r]);
                table_w.push_back(w);
                if (!rv.value.empty()) col_value[j].push_back(rv.value[r]);
            }
        }
        for (std::size_t j = 0; j < nc; ++j) t.col_n_eff.push_back(kish_n_eff(col_w[j]));
        for (std::size_t i = 0; i < nr; ++i)
            for (std::size_t j = 0; j < nc; ++j) {
                auto& cell = t.cells[i][j];
                if (t.col_weighted[j] > 0) cell.col_share = cell.weighted / t.col_weighted[j];
                if (t.row_weighted[i] > 0) cell.row_share = cell.weighted / t.row_weighted[i];
            }
        const double level = options.scoring.level;
        if (!rv.score.empty()) {
            for (std::size_t j = 0; j < nc; ++j) {
                t.col_score.push_back(mean_ci(col_score[j], col_w[j], level));
                if (!rv.value.empty()) t.col_mean.push_back(mean_ci(col_value[j], col_w[j], level));
            }
            t.total_score = mean_ci(table_score, table_w, level);
        }
        if (nr > 0) {
            t.test = chi_square_test(nr, nc, obs, weighted, options.alpha);
            mark_letters(t, out.letters, options.alpha);
        } else {
            t.test.note = "a 0-100 score has no categories: compare the column means and their intervals";
        }
        if (!t.test.note.empty() && (nr > 0 || l == 0))
            out.notes.push_back((layer ? options.layer + " = " + t.layer_value + ": " : std::string()) + t.test.note);
        out.tables.push_back(std::move(t));
    }
    if (out.missing_layer) out.notes.push_back(std::to_string(out.missing_layer) + " respondents have no value in \"" + options.layer + "\" and are left out");
    if (out.missing_column) out.notes.push_back(std::to_string(out.missing_column) + " respondents have no value in \"" + options.cols + "\" and are left out");
    if (out.missing_row) out.notes.push_back(std::to_string(out.missing_row) + " respondents have no value in \"" + options.rows + "\" and are left out");
    if (out.missing_answer) out.notes.push_back(std::to_string(out.missing_answer) + " respondents have no answer to " + out.variable + " and are left out");
    if (out.zero_weight) out.notes.push_back(std::to_string(out.zero_weight) + " respondents have weight 0 and are left out");
    if (weighted)
        out.notes.push_back("weighted: shares and means use the weights; the chi-square test is Rao-Scott second-order corrected; letters use each column's Kish n_eff");
    return out;
}

CSIKIT_NAMESPACE_END
