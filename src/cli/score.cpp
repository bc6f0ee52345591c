// `csikit score`: descriptive scores with intervals, the hierarchy index, NPS, wave-over-wave
// changes and per-segment tables, printed as aligned text or as the JSON report.
#include "cli.hpp"
#include "data_args.hpp"
#include "output_file.hpp"
#include "stream_args.hpp"
#include "table.hpp"

#include <csikit/crosstab.hpp>
#include <csikit/data.hpp>
#include <csikit/format.hpp>
#include <csikit/html_report.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/score_stream.hpp>
#include <csikit/scoring.hpp>
#include <csikit/standardize.hpp>
#include <csikit/tables.hpp>
#include <csikit/text.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using csikit_cli::num;
using csikit_cli::p_text;

std::string fit(std::string_view s, std::size_t width) { return csikit::fit_width(s, width); }

std::string range(const csikit::interval& ci, int decimals, double scale = 1) {
    return csikit_cli::interval_text(ci.lower, ci.upper, decimals, scale);
}

std::string pct(double share) { return std::isfinite(share) ? num(100 * share, 1) + "%" : "-"; }

/// At most two marks in the score tables (the legend below says so).
std::string marks(const csikit::test_result& t) { return csikit::significance_marks(t.p_value, 2); }

/// The score tables: first column left-aligned, no rule under the header.
struct table : csikit_cli::table {
    explicit table(std::vector<std::string> header) : csikit_cli::table(std::move(header), 1, false) {}
};

constexpr std::size_t label_width = 34;

std::string labelled(const std::string& id, const std::string& label, int depth = 0) {
    std::string s = std::string(2 * static_cast<std::size_t>(depth), ' ') + id;
    if (!label.empty() && label != id) s += " " + label;
    return fit(s, label_width);
}

// ---- sections -----------------------------------------------------------------------------

void print_sample(const csikit::survey& s, const csikit::score_report& r, std::ostream& out) {
    const auto& sm = r.sample;
    out << "Sample\n";
    out << "  respondents   " << sm.respondents;
    if (sm.weighted)
        out << " (weighted: total weight " << num(sm.sum_weights, 2) << ", Kish n_eff " << num(sm.n_eff, 1) << ")";
    out << "\n";
    if (!sm.by_wave.empty()) {
        out << "  waves         ";
        bool first = true;
        for (const auto& [wave, n] : sm.by_wave) {
            out << (first ? "" : ", ") << wave << ": " << n;
            first = false;
        }
        if (sm.without_wave) out << ", no wave: " << sm.without_wave;
        out << "\n";
    }
    out << "  missing       " << sm.missing << " answers of " << sm.respondents * s.items.size() << " ("
        << sm.read.empty << " empty, " << sm.read.missing_codes << " missing codes";
    std::string kinds;
    for (const auto& [kind, n] : sm.read.codes_by_kind) kinds += (kinds.empty() ? ": " : ", ") + kind + " " + std::to_string(n);
    out << kinds << "; " << sm.read.out_of_scale << " out of scale)\n";
    const auto& o = r.options;
    out << "  method        rescale " << csikit::to_string(o.rescale) << ", aggregation "
        << (o.aggregate == csikit::aggregation::respondent_first ? "respondent-first" : "mean-first")
        << ", satisfied = score >= " << num(o.threshold, 1) << ", " << num(100 * o.level, 0) << "% intervals ("
        << csikit::to_string(o.interval) << " for shares)\n";
}

void print_index(const csikit::group_scores& g, const csikit::score_options& o, std::ostream& out) {
    if (g.nodes.empty()) return;
    const std::string lv = num(100 * o.level, 0) + "% CI";
    out << "\nIndex and dimensions (0-100)\n";
    table t({"node", "weight", "score", lv, "n", "n_eff", "satisfied", "renorm."});
    for (const auto& n : g.nodes) {
        if (!n.item.empty()) continue;  // items have their own table
        t.add({labelled(n.id, n.label, n.depth), num(n.weight, 3), num(n.score.mean, 1), range(n.score.ci, 1),
               std::to_string(n.score.n), num(n.score.n_eff, 1), pct(n.satisfied.p), std::to_string(n.renormalised)});
    }
    t.print(out);
    if (g.satisfaction_rate) {
        const auto& sr = *g.satisfaction_rate;
        out << "\nSatisfaction rate (overall index >= " << num(o.threshold, 0) << "): " << pct(sr.p) << " " << lv << " "
            << range(sr.ci, 1, 100) << ", n " << sr.n << ", n_eff " << num(sr.n_eff, 1) << "\n";
    }
}

/// True when some item's "satisfied" rule is its own or its scale's, not score >= threshold.
bool custom_satisfied_rules(const csikit::group_scores& g, const csikit::score_options& o) {
    const std::string plain = "score >= " + csikit::format_shortest(o.threshold);
    for (const auto& i : g.items)
        if (i.satisfied_rule != plain) return true;
    return false;
}

/// Issue 14: the AHP weights that replaced the stated ones, with their consistency.
void print_ahp(const csikit::score_report& r, std::ostream& out) {
    if (r.ahp.empty()) return;
    out << "\nAHP weights (" << csikit::to_string(r.ahp.front().result.method)
        << "; consistency ratio CR = CI / RI must be <= 0.1)\n";
    table t({"node", "child", "stated", "AHP weight", "lambda_max", "CI", "RI", "CR"});
    for (const auto& a : r.ahp)
        for (std::size_t k = 0; k < a.children.size(); ++k) {
            const bool first = k == 0;
            t.add({first ? a.node : "", a.children[k], num(a.stated[k], 3), num(a.result.weights[k], 4),
                   first ? num(a.result.lambda_max, 4) : "", first ? num(a.result.ci, 4) : "", first ? num(a.result.ri, 2) : "",
                   first ? num(a.result.cr, 4) + (a.inconsistent ? " (> 0.1, allowed)" : "") : ""});
        }
    t.print(out);
}

void print_items(const csikit::group_scores& g, const csikit::score_options& o, std::ostream& out) {
    const std::string lv = num(100 * o.level, 0) + "% CI";
    const bool rules = custom_satisfied_rules(g, o);  // the rule column only when rules differ
    out << "\nItems\n";
    std::vector<std::string> head{"item", "n", "missing", "mean", "score", lv, "top-box", lv, "satisfied"};
    if (rules) head.push_back("satisfied if");
    table t(head);
    for (const auto& i : g.items) {
        std::vector<std::string> row{labelled(i.id, i.label), std::to_string(i.mean.n), std::to_string(i.missing),
                                     num(i.mean.mean, 2), num(i.score.mean, 1), range(i.score.ci, 1), pct(i.top_box.p),
                                     range(i.top_box.ci, 1, 100), pct(i.satisfied.p)};
        if (rules) row.push_back(i.satisfied_rule);
        t.add(std::move(row));
    }
    t.print(out);
}

void print_nps(const csikit::survey& s, const csikit::group_scores& g, const csikit::score_options& o,
               std::ostream& out) {
    if (!g.nps) return;
    const auto& e = *g.nps;
    out << "\nNPS (" << s.nps_item << ": promoters >= " << csikit::format_shortest(o.nps.promoter_min)
        << ", detractors <= " << csikit::format_shortest(o.nps.detractor_max) << ")\n";  // 8.5 stays 8.5
    out << "  NPS " << num(e.nps, 1) << ", adjusted-Wald " << num(100 * o.level, 0) << "% CI "
        << range(e.adjusted_wald, 1) << " (Wald " << range(e.wald, 1) << ", SE " << num(e.se, 2) << ")\n";
    out << "  promoters " << pct(e.promoters) << ", passives " << pct(e.passives) << ", detractors "
        << pct(e.detractors) << "; n " << e.n << ", n_eff " << num(e.n_eff, 1) << "\n";
}

std::string change_name(const csikit::change& c) {
    switch (c.kind) {
        case csikit::change_kind::node_score: return fit(c.id + " " + c.label, label_width - 8) + " score";
        case csikit::change_kind::item_score: return fit(c.id + " " + c.label, label_width - 8) + " score";
        case csikit::change_kind::item_top_box: return fit(c.id + " " + c.label, label_width - 8) + " top-box";
        case csikit::change_kind::satisfaction_rate: return "satisfaction rate";
        case csikit::change_kind::nps: return "NPS";
    }
    return c.id;
}

void print_changes(const csikit::score_report& r, std::ostream& out) {
    if (r.changes.empty()) return;
    const std::string lv = num(100 * r.options.level, 0) + "% CI";
    std::string from, to;
    std::unique_ptr<table> t;
    auto flush = [&] {
        if (t) t->print(out);
    };
    for (const auto& c : r.changes) {
        if (c.from != from || c.to != to) {
            flush();
            from = c.from;
            to = c.to;
            out << "\nWave over wave: " << from << " -> " << to << "\n";
            t = std::make_unique<table>(std::vector<std::string>{"figure", from, to, "change", lv, "test", "p", ""});
        }
        const bool share = c.kind == csikit::change_kind::item_top_box ||
                           c.kind == csikit::change_kind::satisfaction_rate;
        const double k = share ? 100 : 1;  // shares print as percentage points
        const bool z = std::isinf(c.test.df);
        t->add({change_name(c), num(k * c.before, 1), num(k * c.after, 1), num(k * c.test.difference, 1),
                range(c.test.ci, 1, k), (z ? "z " : "t ") + num(c.test.statistic, 2), p_text(c.test.p_value),
                marks(c.test)});
    }
    flush();
    out << "  (* p < .05, ** p < .01; scores: Welch t; shares in points: pooled z, Newcombe interval; NPS: z)\n";
}

void print_segments(const csikit::score_report& r, std::ostream& out) {
    if (r.by_segment.empty()) return;
    const auto& o = r.options;
    out << "\nBy " << o.by << "\n";
    std::vector<std::string> head{"segment", "n", "n_eff"};
    const auto& overall = r.overall;
    std::vector<const csikit::node_score*> dims;
    if (!overall.nodes.empty()) {
        head.push_back(overall.nodes.front().id);
        head.push_back(num(100 * o.level, 0) + "% CI");
        head.push_back("satisfied");
        for (const auto& n : overall.nodes)
            if (n.depth == 1) {
                dims.push_back(&n);
                head.push_back(n.id);
            }
    }
    const bool nps = overall.nps.has_value();
    if (nps) {
        head.push_back("NPS");
        head.push_back("adj. Wald CI");
    }
    table t(head);
    auto row = [&](const std::string& name, const csikit::group_scores& g) {
        std::vector<std::string> cells{fit(name, label_width), std::to_string(g.n), num(g.n_eff, 1)};
        if (!g.nodes.empty()) {
            cells.push_back(num(g.nodes.front().score.mean, 1));
            cells.push_back(range(g.nodes.front().score.ci, 1));
            cells.push_back(g.satisfaction_rate ? pct(g.satisfaction_rate->p) : "-");
            for (const auto* d : dims) {
                const auto* n = g.find_node(d->id);
                cells.push_back(n ? num(n->score.mean, 1) : "-");
            }
        }
        if (nps) {
            cells.push_back(g.nps ? num(g.nps->nps, 1) : "-");
            cells.push_back(g.nps ? range(g.nps->adjusted_wald, 1) : "-");
        }
        t.add(std::move(cells));
    };
    for (const auto& g : r.by_segment) row(g.value, g);
    row("(all)", overall);
    t.print(out);

    // Issue 14: top-box and satisfied shares of every item per segment (with or without a
    // hierarchy); each cell "top-box / satisfied", the rule of "satisfied" in the last column.
    out << "\nTop-box / satisfied shares by " << o.by << "\n";
    std::vector<std::string> shead{"item"};
    for (const auto& g : r.by_segment) shead.push_back(csikit::fit_width(g.value, 20));
    shead.push_back("(all)");
    shead.push_back("satisfied if");
    table st(shead);
    for (const auto& it : overall.items) {
        std::vector<std::string> cells{labelled(it.id, it.label)};
        auto cell = [&](const csikit::group_scores& g) {
            for (const auto& i : g.items)
                if (i.id == it.id) return pct(i.top_box.p) + " / " + pct(i.satisfied.p);
            return std::string("-");
        };
        for (const auto& g : r.by_segment) cells.push_back(cell(g));
        cells.push_back(cell(overall));
        cells.push_back(it.satisfied_rule);
        st.add(std::move(cells));
    }
    if (overall.satisfaction_rate) {
        std::vector<std::string> cells{fit("satisfaction rate (index)", label_width)};
        for (const auto& g : r.by_segment) cells.push_back(g.satisfaction_rate ? "- / " + pct(g.satisfaction_rate->p) : "-");
        cells.push_back("- / " + pct(overall.satisfaction_rate->p));
        cells.push_back("index >= " + csikit::format_shortest(o.threshold));
        st.add(std::move(cells));
    }
    st.print(out);
}

/// Issue 14: each group's raw and composition-adjusted score with both intervals, the mixes,
/// and the raw and adjusted change from group to group.
void print_adjusted(const csikit::standardized_comparison& c, std::ostream& out) {
    const std::string lv = num(100 * c.options.scoring.level, 0) + "% CI";
    const char* ref = c.options.reference == csikit::reference_mix::pooled ? "pooled mix of the groups"
                      : c.options.reference == csikit::reference_mix::first ? "mix of the first group"
                                                                            : "given shares";
    out << "\nComposition-adjusted scores by " << c.options.by << " (adjusted for " << c.options.adjust_for
        << ": direct standardisation to the " << ref << ")\n";
    std::vector<std::string> mhead{c.options.adjust_for, "reference"};
    for (const auto& g : c.groups) mhead.push_back(fit(g, 20));
    table m(mhead);
    for (std::size_t k = 0; k < c.strata.size(); ++k) {
        std::vector<std::string> row{fit(c.strata[k], label_width), pct(c.reference[k])};
        for (const auto& g : c.mix) row.push_back(pct(g[k]));
        m.add(std::move(row));
    }
    m.print(out);
    out << "\n";
    table t({"figure", c.options.by, "n", "raw", lv, "adjusted", lv});
    for (const auto& f : c.figures)
        t.add({fit(f.id, label_width), fit(f.group, 20), std::to_string(f.raw.n), num(f.raw.mean, 1), range(f.raw.ci, 1),
               num(f.adjusted.mean, 1), range(f.adjusted.ci, 1)});
    t.print(out);
    if (c.changes.empty()) return;
    out << "\n";
    table d({"figure", "change", "raw", lv, "p", "adjusted", lv, "p", ""});
    for (const auto& ch : c.changes)
        d.add({fit(ch.id, label_width), fit(ch.from + " -> " + ch.to, 30), num(ch.raw.difference, 1), range(ch.raw.ci, 1),
               p_text(ch.raw.p_value), num(ch.adjusted.difference, 1), range(ch.adjusted.ci, 1),
               p_text(ch.adjusted.p_value), marks(ch.adjusted)});
    d.print(out);
    out << "  (Welch t of the two groups' figures; * p < .05, ** p < .01 for the adjusted change)\n";
    for (const auto& n : c.notes) out << "  - " << csikit::escape_control(n) << "\n";
}

void print_report(const csikit::survey& s, const csikit::score_report& r, std::ostream& out) {
    out << "csikit score: " << s.name << "\n\n";
    print_sample(s, r, out);
    print_index(r.overall, r.options, out);
    print_ahp(r, out);
    print_items(r.overall, r.options, out);
    print_nps(s, r.overall, r.options, out);
    print_changes(r, out);
    print_segments(r, out);
    if (!r.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& n : r.notes) out << "  - " << csikit::escape_control(n) << "\n";
    }
}

// ---- options ------------------------------------------------------------------------------

template <class Enum>
Enum choice(const csikit_cli::args& a, const std::string& name, Enum fallback,
            const std::vector<std::pair<std::string, Enum>>& names) {
    const auto v = a.get(name);
    if (!v) return fallback;
    std::string known;
    for (const auto& [text, value] : names) {
        if (*v == text) return value;
        known += (known.empty() ? "" : ", ") + text;
    }
    throw csikit::argument_error({{}, 0, "--" + name}, "\"" + *v + "\" is not a valid choice (expected one of: " + known + ")");
}

/// The scale id of `--top-box SCALE=V1,V2`: a scale of the schema.
std::string top_box_scale(const std::string& spec, const csikit::survey& s) {
    const auto eq = spec.find('=');
    const std::string id = spec.substr(0, eq);
    std::string known;
    for (const auto& sc : s.scales) {
        if (sc.id == id && eq != std::string::npos) return id;
        known += (known.empty() ? "" : ", ") + sc.id;
    }
    if (eq == std::string::npos)
        throw csikit::argument_error({{}, 0, "--top-box"}, "\"" + spec + "\" has no '=' (expected SCALE=V1,V2, e.g. sat5=4,5)");
    throw csikit::argument_error({{}, 0, "--top-box"}, "\"" + id + "\" is not a scale of the schema (expected one of: " + known + ")");
}

/// The values of `--top-box SCALE=V1,V2` (at least one number).
std::vector<double> top_box_values(const std::string& spec) {
    std::vector<double> out;
    std::string_view rest = std::string_view(spec).substr(spec.find('=') + 1);
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view part = rest.substr(0, comma);
        double v = 0;
        const auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc() || p != part.data() + part.size() || !std::isfinite(v))
            throw csikit::argument_error({{}, 0, "--top-box"}, "\"" + std::string(part) + "\" in \"" + spec +
                                                                   "\" is not a number (expected SCALE=V1,V2, e.g. sat5=4,5)");
        out.push_back(v);
        if (comma == std::string_view::npos) return out;
        rest = rest.substr(comma + 1);
    }
}

csikit::score_options parse_options(const csikit_cli::args& a, const csikit::survey& s) {
    csikit::score_options o;
    o.rescale = choice(a, "rescale", csikit::rescaling::linear,
                       {{"linear", csikit::rescaling::linear},
                        {"proportional", csikit::rescaling::proportional},
                        {"labels", csikit::rescaling::labels}});
    o.aggregate = choice(a, "aggregate", csikit::aggregation::respondent_first,
                         {{"respondent", csikit::aggregation::respondent_first},
                          {"mean", csikit::aggregation::mean_first}});
    o.interval = choice(a, "interval", csikit::proportion_method::wilson,
                        {{"wilson", csikit::proportion_method::wilson},
                         {"agresti-coull", csikit::proportion_method::agresti_coull},
                         {"clopper-pearson", csikit::proportion_method::clopper_pearson}});
    o.threshold = a.get_double("threshold", 70);
    if (!(o.threshold >= 0 && o.threshold <= 100))
        throw csikit::argument_error({{}, 0, "--threshold"},
                                     a.get("threshold").value_or("") + " is outside 0..100 (expected a 0-100 score, e.g. 70)");
    o.level = a.get_double("level", 0.95);
    if (!(o.level > 0 && o.level < 1))
        throw csikit::argument_error({{}, 0, "--level"},
                                     a.get("level").value_or("") + " is not a confidence level (expected 0 < level < 1, e.g. 0.95)");
    o.language = a.get("lang").value_or("");
    o.nps.promoter_min = a.get_double("promoter-min", o.nps.promoter_min);
    o.nps.detractor_max = a.get_double("detractor-max", o.nps.detractor_max);
    if (!(o.nps.detractor_max < o.nps.promoter_min))
        throw csikit::argument_error({{}, 0, a.has("detractor-max") ? "--detractor-max" : "--promoter-min"},
                                     "detractors <= " + csikit::format_shortest(o.nps.detractor_max) + " and promoters >= " +
                                         csikit::format_shortest(o.nps.promoter_min) + " overlap (expected --detractor-max below --promoter-min, e.g. 6 and 9)");
    for (const auto& spec : a.all("top-box")) o.top_box[top_box_scale(spec, s)] = top_box_values(spec);
    o.by_wave = !a.has("no-waves");
    if (auto m = a.get("ahp-method")) o.ahp.method = csikit::parse_ahp_method(*m);
    o.ahp.allow_inconsistent = a.has("ahp-allow-inconsistent");
    if (auto by = a.get("by")) {
        bool known = false;
        std::string list;
        for (const auto& c : s.segment_columns) {
            known = known || c == *by;
            list += (list.empty() ? "" : ", ") + c;
        }
        if (!known)
            throw csikit::argument_error({{}, 0, "--by"}, "\"" + *by + "\" is not a segment column of the schema (expected one of: " +
                                                              (list.empty() ? "none defined" : list) + ")");
        o.by = *by;
    }
    return o;
}

/// --adjust-for COL [--reference pooled|first|FILE]: the composition-adjusted comparison asked for.
std::optional<csikit::standardize_options> adjust_options(const csikit_cli::args& a, const csikit::score_options& o) {
    const auto col = a.get("adjust-for");
    if (!col) {
        if (a.has("reference"))
            throw csikit::argument_error({{}, 0, "--reference"}, "given without --adjust-for (expected --adjust-for COLUMN)");
        return std::nullopt;
    }
    csikit::standardize_options so;
    so.adjust_for = *col;
    so.by = o.by;  // empty: the wave column
    so.scoring = o;
    const std::string ref = a.get("reference").value_or("pooled");
    if (ref == "pooled") so.reference = csikit::reference_mix::pooled;
    else if (ref == "first") so.reference = csikit::reference_mix::first;
    else {
        std::ifstream f(ref, std::ios::binary);
        if (!f)
            throw csikit::argument_error({{}, 0, "--reference"}, "\"" + ref + "\" is neither pooled, first nor a readable file "
                                                                "(expected pooled, first or a file of value,share lines)");
        std::ostringstream text;
        text << f.rdbuf();
        so.reference = csikit::reference_mix::given;
        so.shares = csikit::parse_reference_shares(text.str(), ref);
    }
    return so;
}

/// --crosstab ROWS:COLS[:LAYER] (repeatable): a crosstab section in the --html report.
csikit::crosstab_options crosstab_spec(const std::string& spec, const csikit::score_options& o) {
    csikit::crosstab_options x;
    const auto first = spec.find(':', spec.rfind("satisfied:", 0) == 0 ? 10 : 0);  // "satisfied:ID" keeps its colon
    if (first == std::string::npos || first == 0 || first + 1 == spec.size())
        throw csikit::argument_error({{}, 0, "--crosstab"}, "\"" + spec + "\" is not ROWS:COLS (expected e.g. SAT1:channel or satisfied:SAT1:wave)");
    x.rows = spec.substr(0, first);
    const std::string rest = spec.substr(first + 1);
    const auto second = rest.find(':');
    x.cols = rest.substr(0, second);
    if (second != std::string::npos) x.layer = rest.substr(second + 1);
    x.scoring = o;
    return x;
}

/// --stream: the file read chunk by chunk into sums (score_stream.hpp); what needs the rows
/// (the HTML report's segment tests and crosstabs, the composition adjustment) is refused.
int run_streamed(const csikit_cli::args& a, const csikit::survey& s, const std::string& data_path,
                 const csikit::score_options& options, const csikit::read_options& ro, std::ostream& out, std::ostream& err) {
    for (const char* flag : {"html", "crosstab", "adjust-for", "reference"})
        if (a.has(flag))
            throw csikit::argument_error({{}, 0, std::string("--") + flag},
                                         "needs every respondent's row, which --stream does not keep (expected it without "
                                         "--stream)");
    csikit::stream_options so;
    so.progress = csikit_cli::stream_progress_display(err, "reading");
    const csikit::score_report report = csikit::score_file(s, data_path, options, ro, so);
    if (auto path = a.get("out")) csikit_cli::write_output_file(*path, csikit::to_json(report) + "\n", "the report");
    if (auto path = a.get("tables-out")) csikit::write_tables(csikit::to_json(report), *path);
    if (a.has("json")) out << csikit::to_json(report) << "\n";
    else print_report(s, report, out);
    return 0;
}

int run_score(const csikit_cli::args& a, std::ostream& out, std::ostream& err) {
    csikit::survey s = csikit::load_survey(a.require("schema"));
    if (auto f = a.get("ahp")) csikit::load_ahp_file(s, *f);  // matrices from a separate file
    const std::string data_path = a.require("data");
    const csikit::score_options options = parse_options(a, s);
    csikit::read_options ro;
    ro.out_of_scale = choice(a, "out-of-scale", csikit::out_of_scale_policy::error,
                             {{"error", csikit::out_of_scale_policy::error},
                              {"missing", csikit::out_of_scale_policy::missing}});
    csikit_cli::apply_data_options(a, ro);
    if (a.has("stream")) return run_streamed(a, s, data_path, options, ro, out, err);
    const csikit::responses data = csikit::read_responses(data_path, s, ro);
    const csikit::score_report report = csikit::score(s, data, options);
    std::optional<csikit::standardized_comparison> adjusted;
    if (const auto so = adjust_options(a, options)) adjusted = csikit::standardize(s, data, *so);
    const auto document = [&] { return adjusted ? csikit::to_json(report, *adjusted) : csikit::to_json(report); };

    if (a.has("crosstab") && !a.has("html"))
        throw csikit::argument_error({{}, 0, "--crosstab"}, "given without --html (expected --html FILE: the crosstab is a section of the report)");
    if (auto path = a.get("out")) {
        std::ofstream f(*path, std::ios::binary);
        if (!f) throw csikit::io_error({*path, 0, {}}, "cannot open the file for writing (expected a writable path)");
        f << document() << "\n";
        f.close();  // flushes the last buffer: a full disk shows here
        if (!f) throw csikit::io_error({*path, 0, {}}, "writing the report failed (expected free space)");
    }
    if (auto path = a.get("html")) {
        // The HTML report: every segment column against the rest of the sample, labels in --lang.
        csikit::report_input in;
        in.schema = &s;
        in.scores = &report;
        in.segments = csikit::segment_breakdowns(s, data, options);
        if (adjusted) in.adjusted = &*adjusted;
        for (const auto& spec : a.all("crosstab")) in.crosstabs.push_back(csikit::crosstab(s, data, crosstab_spec(spec, options)));
        in.settings = {{"schema", a.require("schema")}, {"data", data_path}};
        csikit::html_options ho;
        ho.language = options.language;
        std::ofstream f(*path, std::ios::binary);
        if (!f || !(f << csikit::html_report(in, ho)) || (f.close(), !f))
            throw csikit::io_error({*path, 0, {}}, "cannot write the HTML report (expected a writable path)");
    }
    if (auto path = a.get("tables-out")) csikit::write_tables(csikit::to_json(report), *path);  // readers
    if (a.has("json")) out << document() << "\n";
    else {
        print_report(s, report, out);
        if (adjusted) print_adjusted(*adjusted, out);
    }
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"score", "descriptive scores, index, NPS, wave changes and segments with intervals",
                "usage: csikit score --schema SCHEMA.json --data RESPONSES.csv [options]\n\n"
                "Prints the sample, the hierarchy index and its dimensions (0-100), every item's mean,\n"
                "0-100 score and top-box share, the satisfaction rate, the NPS, the wave-over-wave changes\n"
                "with their tests, and with --by a table per segment. Every figure has n, the Kish n_eff\n"
                "under weights and a confidence interval.\n\n"
                "options:\n"
                "  --by COLUMN             a table per value of this segment column\n"
                "  --json                  print the JSON report instead of the tables\n"
                "  --out FILE              also write the JSON report to FILE\n"
                "  --html FILE             also write the HTML report (charts, every segment tested) to FILE\n"
                "  --rescale linear|proportional|labels\n"
                "                          0-100 rescaling: 100(x-min)/(max-min) [default], 100x/max,\n"
                "                          or the scale's per-value scores\n"
                "  --threshold 70          satisfied = 0-100 score >= threshold\n"
                "  --level 0.95            confidence level of intervals and tests\n"
                "  --aggregate respondent|mean\n"
                "                          index: score respondents then average [default], or item means first\n"
                "  --interval wilson|agresti-coull|clopper-pearson\n"
                "                          interval for shares (default wilson)\n"
                "  --out-of-scale error|missing\n"
                "                          a value outside its scale: stop [default] or treat as missing\n"
                + std::string(csikit_cli::data_options_usage) +
                "  --lang CODE             label language (default: the schema's first language)\n"
                "  --promoter-min 9        NPS: answers >= this are promoters\n"
                "  --detractor-max 6       NPS: answers <= this are detractors (below --promoter-min)\n"
                "  --top-box SCALE=V1,V2   top-box values of a scale, overriding the schema's (repeatable)\n"
                "  --adjust-for COLUMN     also each wave's (with --by: each segment's) scores directly\n"
                "                          standardised to a reference mix of COLUMN, with the raw and\n"
                "                          adjusted changes (JSON: \"standardized\")\n"
                "  --reference pooled|first|FILE\n"
                "                          the reference mix: all groups' [default], the first group's, or\n"
                "                          FILE's shares (value,share lines or {\"VALUE\": share}; sum 1)\n"
                "  --crosstab ROWS:COLS[:LAYER]\n"
                "                          with --html: a crosstab section (as `csikit crosstab --rows ROWS\n"
                "                          --cols COLS --layer LAYER` prints it; repeatable)\n"
                "  --no-waves              one sample: no per-wave results and changes even with a wave column\n"
                "  --stream                read --data chunk by chunk into sums per group: bounded memory\n"
                "                          whatever the file's size, the same tables (not with --html,\n"
                "                          --crosstab, --adjust-for or --aggregate mean)\n"
                            "  --tables-out PATH       every table of the JSON report as FILE.xlsx sheets or DIR/ CSV files\n"
                "  --ahp FILE              AHP comparison matrices per hierarchy node: {\"NODE\": [[1, 3], [\"1/3\", 1]]}\n"
                "  --ahp-method eigenvector|geometric_mean\n"
                "                          AHP weights: principal eigenvector [default] or row geometric means\n"
                "  --ahp-allow-inconsistent\n"
                "                          accept an AHP matrix with consistency ratio > 0.1 (noted)\n\n"
                "Exit status: 0 done, 2 bad input (one line per problem on stderr).",
                run_score,
                csikit_cli::with_data_options(
                    {{"schema", "data", "by", "out", "rescale", "threshold", "level", "aggregate", "out-of-scale",
                      "interval", "lang", "html", "promoter-min", "detractor-max", "top-box", "tables-out", "ahp",
                      "ahp-method", "adjust-for", "reference", "crosstab"},
                     {"json", "no-waves", "ahp-allow-inconsistent", "stream"}})});

// Issue 14 (helper trend): `csikit trend` scores each wave with the same flags.
namespace csikit_cli {
csikit::score_options parse_score_options(const args& a, const csikit::survey& s) { return parse_options(a, s); }
}  // namespace csikit_cli
