// `csikit analyze`: estimate the survey's PLS path model, optionally bootstrap it, print the
// tables a paper would show and write report.json (docs/report.md).
#include "analysis_command.hpp"
#include "state_file.hpp"
#include "stream_args.hpp"
#include "ipa_print.hpp"
#include "cli.hpp"
#include "data_args.hpp"
#include "mediation_tables.hpp"
#include "mga_text.hpp"
#include "model_option.hpp"
#include "table.hpp"

#include <csikit/bootstrap.hpp>
#include <csikit/csv_stream.hpp>
#include <csikit/score_stream.hpp>
#include <csikit/html_report.hpp>
#include <csikit/ipa.hpp>
#include <csikit/predict.hpp>
#include <csikit/format.hpp>
#include <csikit/limits.hpp>
#include <csikit/stats.hpp>
#include <csikit/text.hpp>
#include <csikit/report.hpp>
#include <csikit/tables.hpp>  // readers: --tables-out

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// The usage texts of `csikit analyze` and `csikit report` (one option set, one pipeline): one
// source, the shared part written once (analysis_usage()).
const char* analyze_head =
    "usage: csikit analyze --schema S (--data D [--stream] | --state STATE.csm) [--scheme path|centroid|factorial]\n"
    "                      [--mode pls|plsc]\n"
    "                      [--missing listwise|mean|pairwise] [--tolerance X] [--max-iter N]\n"
    "                      [--bootstrap N [--seed K] [--threads T]] [--confidence 0.95]\n"
    "                      [--target CONSTRUCT] [--by COLUMN] [--crosshair mean|median|midpoint]\n"
    "                      [--out DIR [--lang zh|en] [--title TEXT]] [--scores [--threshold 70]] [--json]\n"
    "                      [--out-of-scale error|missing]\n"
    "                      [--no-weights] [--no-quality] [--stopping max-abs-change|plspm]\n"
    "                      [--f2-reestimate] [--strict] [--no-bca] [--jackknife-max N]\n"
    "                      [--max-failed-share X] [--drop-inadmissible] [--predict]\n"
    "\n"
    "Estimates the schema's PLS path model on the data and prints the sample, paths, indicator\n"
    "weights and loadings, reliability and validity (alpha, rho_c, rho_A >= 0.7; AVE >= 0.5),\n"
    "HTMT (< 0.85), R2 and fit. --bootstrap N adds standard errors, t, p, percentile and BCa\n"
    "intervals from N resamples (the numbers depend on --seed only, not on --threads; default\n"
    "threads: all cores). --out DIR writes DIR/report.json and DIR/report.html (one\n"
    "self-contained page with charts; --lang picks its language, default the schema's first);\n"
    "--json prints report.json instead of tables. --scores adds the descriptive scores (csikit\n"
    "score) and every segment column against the rest to both files (what csikit report does).\n";

const char* report_head =
    "usage: csikit report --schema S --data D --out DIR [--lang zh|en] [--title TEXT]\n"
    "                     [--bootstrap N [--seed K] [--threads T]] [--threshold 70] [--level 0.95]\n"
    "                     [--missing listwise|mean|pairwise] [--target CONSTRUCT] [--by COLUMN]\n"
    "                     [every other option of csikit analyze, below]\n"
    "\n"
    "Writes DIR/report.html (one self-contained page: inline CSS and SVG charts, no scripts, works\n"
    "offline) and DIR/report.json. The same as `csikit analyze --out DIR --scores`: the sample,\n"
    "the hierarchy index and every item's score and distribution, wave-over-wave changes and every\n"
    "segment column against the rest of the sample, all with intervals and tests; when the schema\n"
    "declares constructs and paths also the PLS path diagram, reliability and validity, construct\n"
    "indices, impacts and the importance-performance map (IPMA) of the target construct. A warning\n"
    "heads the page when missing answers leave out more than 20% of the respondents.\n"
    "--lang picks the label language (default: the schema's first language). --bootstrap N adds\n"
    "significance stars and bootstrap intervals from N resamples (seed K, default 1).\n";

const char* analysis_options_text =
    "  --tables-out PATH       every table of report.json as FILE.xlsx sheets or DIR/ CSV files\n"
    "  --stream                stream --data into a moment state (bounded memory whatever the file's\n"
    "                          size) and estimate from it, as --state does; --scores (and report's\n"
    "                          scores) from a second streaming pass, as csikit score --stream\n"
    "  --state STATE.csm       estimate from a moment state of csikit accumulate instead of --data:\n"
    "                          paths, quality criteria, indices, impacts and the IPMA from the moments\n"
    "                          (no --bootstrap, --by, --scores or --predict: they need respondent rows)\n"
    "\n"
    "Every construct also gets a 0-100 index (unstandardised weights, normalised; t-interval over\n"
    "the respondents the estimate used, and a bootstrap percentile interval with --bootstrap).\n"
    "--target names the construct whose drivers the impacts and the IPA/IPMA describe (default:\n"
    "the preset's satisfaction construct when the schema binds a preset, else the construct\n"
    "holding the schema's overall_item; else no IPA). --by re-estimates per value of a segment or\n"
    "the wave column (per-wave indices, changes between consecutive waves with Welch tests).\n"
    "--crosshair places the IPA cross-hair (default: mean). --confidence sets the level of every\n"
    "interval (--level is the same option).\n"
    "\n"
    "Missing answers: listwise deletion (the default, as plspm) drops every respondent who misses\n"
    "any model item; the output warns when that leaves out more than 20% of the respondents.\n"
    "--missing mean replaces a missing answer by the item mean, --missing pairwise builds each\n"
    "correlation from the respondents who answered both items. --out-of-scale missing treats a\n"
    "value outside its scale as missing (default: error, as csikit score).\n"
    "\n"
    "Estimation and bootstrap:\n"
    "  --no-weights            ignore the schema's weight column in the estimation, the bootstrap\n"
    "                          and the indices (default: weighted when the data have weights)\n"
    "  --no-quality            skip the quality criteria (reliability, HTMT, VIF, f2, GoF, SRMR)\n"
    "  --stopping max-abs-change|plspm\n"
    "                          stopping rule: largest weight change [default], or plspm's rule\n"
    "  --f2-reestimate         f2 by re-estimating the model without each path (default: from\n"
    "                          the full model's correlations)\n"
    "  --strict                PLSc: fail on an inadmissible solution (default: flag it)\n"
    "  --no-bca                percentile intervals only, no jackknife (default: also BCa)\n"
    "  --jackknife-max N       exact BCa jackknife up to N respondents, grouped beyond (default 2000)\n"
    "  --max-failed-share X    stop when more than this share of the resamples fails (default 0.2)\n"
    "  --drop-inadmissible     PLSc: count inadmissible resamples as failed (default: keep them)\n"
    "  --predict               PLSpredict (10 folds x 10 repetitions, --seed, --threads) and CVPAT\n"
    "                          in report.json (\"prediction\") and report.html; see csikit predict\n"
    "  --no-criteria           bootstrap only weights, loadings, paths, total effects and R2 (no\n"
    "                          HTMT, f2, adjusted R2, indirect effects, mediation)\n"
    "  --mediation A,M[,..],B  the specific indirect effect of this chain, its intervals and its\n"
    "                          mediation class (repeatable; `all` lists every specific indirect\n"
    "                          effect; the class needs --bootstrap)\n"
    "\n"
    "  --model FILE            lavaan-style model syntax replacing the schema's model (\"-\":\n"
    "                          stdin): IMAG =~ IMAG1 + IMAG2; CUSA ~ IMAG + CUEX + IMAG:CUEX\n"
    "\n"
    "Defaults: path scheme, PLS, listwise deletion, tolerance 1e-7, 300 iterations, seed 1.";

using csikit_cli::args;

csikit::inner_scheme parse_scheme(const std::string& s) {
    if (s == "path") return csikit::inner_scheme::path;
    if (s == "centroid") return csikit::inner_scheme::centroid;
    if (s == "factorial") return csikit::inner_scheme::factorial;
    throw csikit::argument_error({{}, 0, "--scheme"}, "unknown scheme \"" + s + "\" (expected path, centroid or factorial)");
}

csikit::missing_treatment parse_missing(const std::string& s) {
    if (s == "listwise") return csikit::missing_treatment::listwise;
    if (s == "mean") return csikit::missing_treatment::mean_replacement;
    if (s == "pairwise") return csikit::missing_treatment::pairwise;
    throw csikit::argument_error({{}, 0, "--missing"}, "unknown treatment \"" + s + "\" (expected listwise, mean or pairwise)");
}

bool parse_mode(const std::string& s) {
    if (s == "pls") return false;
    if (s == "plsc") return true;
    throw csikit::argument_error({{}, 0, "--mode"}, "unknown mode \"" + s + "\" (expected pls or plsc)");
}

csikit::stop_rule parse_stopping(const std::string& s) {
    if (s == "max-abs-change" || s == "max_abs_change") return csikit::stop_rule::max_abs_change;
    if (s == "plspm") return csikit::stop_rule::plspm;
    throw csikit::argument_error({{}, 0, "--stopping"}, "unknown rule \"" + s + "\" (expected max-abs-change or plspm)");
}

using csikit_cli::num;
using csikit_cli::table;

std::string fmt(double x, int digits = 3) { return num(x, digits); }
std::string fmt_p(double p) { return csikit_cli::p_text(p); }

/// A value with a pass/fail mark against a minimum.
std::string judged(double x, double minimum) {
    if (!std::isfinite(x)) return "-";
    return fmt(x) + (x >= minimum ? " ok  " : " FAIL");
}

const csikit::bootstrap_parameter* find(const csikit::bootstrap_result* b, csikit::parameter_kind k,
                                        const std::string& label) {
    if (!b) return nullptr;
    for (const auto& q : b->parameters)
        if (q.kind == k && q.label == label) return &q;
    return nullptr;
}

void print_tables(std::ostream& out, const csikit::survey& s, const csikit::pls_fit& fit,
                  const csikit::bootstrap_result* boot) {
    using csikit::parameter_kind;
    const auto& m = fit.data;
    const auto J = static_cast<Eigen::Index>(fit.constructs.size());
    out << "csikit analyze: " << (s.name.empty() ? "PLS path model" : s.name) << "\n\n";

    out << "Sample and estimation\n";
    table t0({"", ""});
    t0.add({"respondents", std::to_string(m.respondents_total)});
    const std::size_t left_out = m.respondents_total - std::min(m.respondents_total, m.respondents_used);
    t0.add({"used", std::to_string(m.respondents_used) + " (" + csikit::missing_name(fit.options.missing) +
                        (left_out ? "; " + std::to_string(left_out) + " left out by missing answers" : std::string()) + ")"});
    t0.add({"answers imputed", std::to_string(m.answers_imputed)});
    t0.add({"effective n", fmt(m.effective_n, 1)});
    t0.add({"scheme / mode", std::string(csikit::scheme_name(fit.options.scheme)) + " / " + (fit.consistent ? "PLSc" : "PLS")});
    t0.add({"iterations", std::to_string(fit.iterations) + (fit.converged ? " (converged)" : " (NOT converged)")});
    if (!fit.admissible) t0.add({"admissible", "NO (see warnings)"});
    if (boot) {
        std::string failed = std::to_string(boot->failed);
        for (const auto& [reason, count] : boot->failed_by_reason) failed += " " + reason + "=" + std::to_string(count);
        t0.add({"bootstrap", std::to_string(boot->resamples) + " resamples, seed " + std::to_string(boot->seed) +
                                 ", failed " + failed});
    }
    t0.print(out);
    if (const std::string w = csikit::missing_data_warning(fit); !w.empty()) out << "\n  WARNING: " << w << "\n";

    out << "\nPaths" << (boot ? " (bootstrap SE, t, p; " + fmt(boot->confidence * 100, 0) + "% percentile and BCa intervals)" : "")
        << "\n";
    std::vector<std::string> ph{"from", "to", "estimate"};
    if (boot) ph.insert(ph.end(), {"SE", "t", "p", "CI low", "CI high", "BCa low", "BCa high"});
    table tp(ph, 2);
    for (Eigen::Index f = 0; f < J; ++f)
        for (Eigen::Index t = 0; t < J; ++t) {
            if (fit.paths(t, f) == 0) continue;
            const auto& from = fit.constructs[static_cast<std::size_t>(f)];
            const auto& to = fit.constructs[static_cast<std::size_t>(t)];
            std::vector<std::string> r{from, to, fmt(fit.paths(t, f))};
            if (const auto* q = find(boot, parameter_kind::path, from + " -> " + to))
                r.insert(r.end(), {fmt(q->se), fmt(q->t, 2), fmt_p(q->p), fmt(q->ci_low), fmt(q->ci_high),
                                   fmt(q->bca_low), fmt(q->bca_high)});
            tp.add(r);
        }
    tp.print(out);

    out << "\nIndicators\n";
    std::vector<std::string> ih{"construct", "item", "weight", "loading", "VIF"};
    if (boot) ih.insert(ih.end(), {"weight SE", "loading SE", "loading CI"});
    table ti(ih, 2);
    for (std::size_t h = 0; h < fit.indicators.size(); ++h) {
        const auto i = static_cast<Eigen::Index>(h);
        std::vector<std::string> r{fit.constructs[static_cast<std::size_t>(fit.block[h])], fit.indicators[h],
                                   fmt(fit.weights[i]), fmt(fit.loadings[i]),
                                   i < fit.outer_vif.size() ? fmt(fit.outer_vif[i], 2) : "-"};
        if (boot) {
            const auto* w = find(boot, parameter_kind::weight, fit.indicators[h]);
            const auto* l = find(boot, parameter_kind::loading, fit.indicators[h]);
            r.push_back(w ? fmt(w->se) : "-");
            r.push_back(l ? fmt(l->se) : "-");
            std::string ci = "[";  // appended piece by piece: GCC 12 warns falsely on "[" + std::string&&
            ci.append(fmt(l ? l->ci_low : 0)).append(", ").append(fmt(l ? l->ci_high : 0)).append("]");
            r.push_back(l ? ci : "-");
        }
        ti.add(r);
    }
    ti.print(out);

    if (fit.ave.size() == J) {
        using csikit::thresholds::reliability_min, csikit::thresholds::ave_min;
        out << "\nReliability and validity (alpha, rho_c, rho_A >= " << csikit::format_general(reliability_min)
            << "; AVE >= " << csikit::format_general(ave_min) << ")\n";
        table tr({"construct", "items", "alpha", "rho_c", "rho_A", "AVE"});
        for (Eigen::Index j = 0; j < J; ++j) {
            const auto q = std::count(fit.block.begin(), fit.block.end(), static_cast<int>(j));
            tr.add({fit.constructs[static_cast<std::size_t>(j)], std::to_string(q), judged(fit.alpha[j], reliability_min),
                    judged(fit.rho_c[j], reliability_min), judged(fit.rho_a[j], reliability_min), judged(fit.ave[j], ave_min)});
        }
        tr.print(out);
    }

    if (fit.htmt.rows() == J) {
        const double htmt_max = csikit::thresholds::htmt_strict;
        out << "\nHTMT (* = " << csikit::format_general(htmt_max) << " or more)\n";
        std::vector<std::string> hh{""};
        for (Eigen::Index j = 0; j + 1 < J; ++j) hh.push_back(fit.constructs[static_cast<std::size_t>(j)]);
        table th(hh);
        for (Eigen::Index r = 1; r < J; ++r) {
            std::vector<std::string> row{fit.constructs[static_cast<std::size_t>(r)]};
            for (Eigen::Index c = 0; c < r; ++c) {
                const double v = fit.htmt(r, c);
                row.push_back(fmt(v) + (std::isfinite(v) && v >= htmt_max ? "*" : " "));
            }
            th.add(row);
        }
        th.print(out);
    }

    out << "\nR2\n";
    std::vector<std::string> rh{"construct", "R2", "adjusted R2"};
    if (boot) rh.insert(rh.end(), {"SE", "CI low", "CI high"});
    table t2(rh);
    for (Eigen::Index j = 0; j < J; ++j) {
        bool endogenous = false;
        for (Eigen::Index f = 0; f < J; ++f) endogenous = endogenous || fit.paths(j, f) != 0;
        if (!endogenous) continue;
        const auto& id = fit.constructs[static_cast<std::size_t>(j)];
        std::vector<std::string> r{id, fmt(fit.r2[j]), fmt(fit.r2_adjusted[j])};
        if (const auto* q = find(boot, parameter_kind::r2, id)) r.insert(r.end(), {fmt(q->se), fmt(q->ci_low), fmt(q->ci_high)});
        t2.add(r);
    }
    t2.print(out);

    if (!fit.warnings.empty()) {
        out << "\nWarnings\n";
        for (const auto& w : fit.warnings) out << "  " << csikit::escape_control(w) << "\n";
    }

    if (fit.options.quality) {
        out << "\nModel fit\n";
        table tf({"", ""});
        tf.add({"GoF", fmt(fit.gof)});
        tf.add({"SRMR", fmt(fit.srmr)});
        tf.print(out);
    }
}

std::string interval(double low, double high, int digits = 2) { return csikit_cli::interval_text(low, high, digits); }

/// Indices of one part (the whole sample or a group).
void print_indices(std::ostream& out, const csikit::index_part& part, const csikit::bootstrap_result* boot) {
    const std::string level = fmt(100 * (part.indices.constructs.empty() ? 0.95 : part.indices.constructs[0].overall.level), 0);
    std::vector<std::string> h{"construct", "index", level + "% CI (t)", "n"};
    const bool with_boot = boot && !boot->indices.empty();
    if (with_boot) h.insert(h.end(), {"boot SE", level + "% CI (bootstrap)"});
    table t(h);
    for (const auto& c : part.indices.constructs) {
        const bool refused = std::find(part.refused.begin(), part.refused.end(), c.construct) != part.refused.end();
        std::vector<std::string> r{c.construct, refused ? "refused" : fmt(c.index, 2),
                                   interval(c.overall.ci_low, c.overall.ci_high), std::to_string(c.overall.n)};
        if (with_boot) {
            const csikit::bootstrap_parameter* q = nullptr;
            for (const auto& b : boot->indices)
                if (b.label == c.construct) q = &b;
            r.push_back(q && !refused ? fmt(q->se, 2) : "-");
            r.push_back(q && !refused ? interval(q->ci_low, q->ci_high) : "-");
        }
        t.add(r);
    }
    t.print(out);
}

/// Impacts on the target, the IPA of its drivers and the indicator IPMA.
void print_ipa(std::ostream& out, const csikit::survey& s, const csikit::pls_fit& fit, const csikit::index_part& part,
               const std::string& target) {
    if (target.empty() || !part.ipa || !part.ipma) return;
    // Positions in the index table, which may differ from the fit's (an extended model's
    // interaction terms have no index).
    auto index_of = [&](const std::string& id) {
        for (std::size_t k = 0; k < part.indices.constructs.size(); ++k)
            if (part.indices.constructs[k].construct == id) return static_cast<Eigen::Index>(k);
        return Eigen::Index{-1};
    };
    const int t = fit.construct_index(target);
    const Eigen::Index ti_t = index_of(target);
    out << "\nImpacts on " << target << " (change in its 0-100 index for a 5-point rise in the driver)\n";
    table ti({"driver", "impact", "total effect (0-100)", "total effect (std)"});
    for (const auto& e : part.ipma->constructs) {
        const int j = fit.construct_index(e.id);
        const Eigen::Index k = index_of(e.id);
        ti.add({e.id, fmt(part.indices.impacts(ti_t, k)), fmt(part.indices.effects(ti_t, k)), fmt(fit.total_effects(t, j))});
    }
    ti.print(out);
    const auto& r = *part.ipa;
    out << "\nIPA of the drivers of " << target << " (importance = total effect on the 0-100 metric, performance = index;\n"
        << "  cross-hair " << csikit::to_string(r.options.rule) << ": importance " << fmt(r.importance_cut)
        << ", performance " << fmt(r.performance_cut, 2) << ")\n";
    table tq({"factor", "label", "importance", "performance", "quadrant", "象限", "rank"}, 2);
    for (const auto& p : r.points) {
        const csikit::construct* c = s.find_construct(p.id);
        tq.add({p.id, c ? c->label.get() : "", fmt(p.importance), fmt(p.performance, 2),
                csikit::quadrant_label(p.where, "en"), csikit::quadrant_label(p.where, "zh"), std::to_string(p.rank)});
    }
    tq.print(out);
    auto order = [&](const csikit::ipa_result& m) {
        out << "  Priority order (concentrate here first, then z(importance) - z(performance)):";
        for (const auto& id : m.by_priority()) out << " " << id;
        out << "\n";
    };
    order(r);
    if (part.ipa_indicators) {
        const auto& ri = *part.ipa_indicators;
        out << "\nIndicator IPMA for " << target << " (cross-hair: importance " << fmt(ri.importance_cut)
            << ", performance " << fmt(ri.performance_cut, 2) << ")\n";
        table tr({"item", "construct", "importance", "performance", "quadrant", "rank"}, 2);
        for (std::size_t k = 0; k < ri.points.size(); ++k) {
            const auto& p = ri.points[k];
            tr.add({p.id, k < part.ipma->indicators.size() ? part.ipma->indicators[k].construct : "", fmt(p.importance),
                    fmt(p.performance, 2), csikit::quadrant_label(p.where, "en"), std::to_string(p.rank)});
        }
        tr.print(out);
        order(ri);
    }
}

void print_notes(std::ostream& out, const std::vector<std::string>& notes, const std::string& indent = "  ") {
    for (const auto& n : notes) out << indent << "note: " << csikit::escape_control(n) << "\n";
}

void print_analysis(std::ostream& out, const csikit::survey& s, const csikit::pls_fit& fit,
                    const csikit::bootstrap_result* boot, const csikit::index_analysis& a) {
    out << "\n0-100 indices (unstandardised weights, normalised; t-interval over the respondents used)\n";
    if (a.overall.estimated) print_indices(out, a.overall, boot);
    print_notes(out, a.overall.notes);
    print_ipa(out, s, fit, a.overall, a.target);
    if (a.by.empty()) return;
    out << "\nBy " << a.by << (a.by_wave ? " (wave)" : "") << ": each group re-estimated\n";
    {
        std::vector<std::string> h{"construct"};
        for (const auto& g : a.groups) h.push_back(g.value);
        table t(h);
        std::vector<std::string> n{"respondents (used)"};
        for (const auto& g : a.groups) n.push_back(std::to_string(g.part.respondents) + " (" + std::to_string(g.part.used) + ")");
        t.add(n);
        for (const auto& id : fit.constructs) {
            std::vector<std::string> r{id};
            for (const auto& g : a.groups) {
                const csikit::construct_index* c = nullptr;
                if (g.part.estimated)
                    for (const auto& x : g.part.indices.constructs)
                        if (x.construct == id) c = &x;
                const bool refused = std::find(g.part.refused.begin(), g.part.refused.end(), id) != g.part.refused.end();
                r.push_back(!c ? "-" : refused ? "refused" : fmt(c->index, 2) + " " + interval(c->overall.ci_low, c->overall.ci_high, 1));
            }
            t.add(r);
        }
        t.print(out);
    }
    for (const auto& g : a.groups) {
        if (!g.part.notes.empty()) {
            out << "  " << a.by << " = " << g.value << ":\n";
            print_notes(out, g.part.notes, "    ");
        }
    }
    if (!a.changes.empty()) {
        out << "\nChange between waves (Welch test on the respondents' index scores)\n";
        table t({"construct", "from", "to", "index from", "index to", "change", "CI", "t", "df", "p"}, 3);
        for (const auto& c : a.changes)
            t.add({c.construct, c.from, c.to, fmt(c.from_index, 2), fmt(c.to_index, 2), fmt(c.test.difference, 2),
                   interval(c.test.ci.lower, c.test.ci.upper), fmt(c.test.statistic, 2), fmt(c.test.df, 1),
                   fmt_p(c.test.p_value) + (c.test.significant ? " *" : "")});
        t.print(out);
    }
    for (const auto& g : a.groups) {
        if (!g.part.ipa) continue;
        out << "\n--- " << a.by << " = " << g.value << " ---";
        print_ipa(out, s, g.fit, g.part, a.target);
    }
}

/// analyze --by: the per-group paths side by side with a cheap permutation test of their
/// differences (csikit mga runs MICOM, the bootstrap tests and more permutations).
constexpr std::size_t by_permutations = 200;

void print_by_paths(std::ostream& out, const csikit::survey& s, const csikit::responses& data,
                    const csikit::analysis_options& o, std::uint64_t seed, std::uint64_t threads) {
    csikit::mga_options mo;
    mo.pls = o.pls;
    mo.permutations = by_permutations;
    mo.micom = false;
    mo.seed = seed;
    mo.threads = static_cast<unsigned>(threads);
    out << "\nPaths by " << o.index.by << ": each group re-estimated, differences by a permutation test ("
        << by_permutations << " runs; csikit mga for MICOM and the bootstrap tests)\n";
    try {
        const auto r = csikit::multi_group(csikit::pls_model::from_survey(s), data, o.index.by, mo);
        csikit_cli::print_mga(out, r, true);
    } catch (const csikit::error& e) {
        out << "  note: per-group paths not compared: " << csikit::escape_control(e.what()) << "\n";
    }
}

/// Progress on stderr: a redrawn bar on a terminal, else a line every 10%.
csikit::progress_callback progress_bar(std::ostream& err) {
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    return [&err, tty, last = -1](std::size_t done, std::size_t total) mutable {
        const int pct = total ? static_cast<int>(100 * done / total) : 100;
        if (tty) {
            if (pct == last) return true;
            const int filled = pct * 30 / 100;
            err << "\rbootstrap [" << std::string(static_cast<std::size_t>(filled), '#')
                << std::string(static_cast<std::size_t>(30 - filled), ' ') << "] " << std::setw(3) << pct << "% "
                << done << "/" << total << (done == total ? "\n" : "") << std::flush;
        } else if (pct / 10 != last / 10 || done == total) {
            err << "bootstrap: " << done << "/" << total << " (" << pct << "%)\n";
        }
        last = pct;
        return true;
    };
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    // close() flushes the last buffer: a full disk shows there, not in <<.
    if (!f || !(f << text) || (f.close(), !f)) throw csikit::io_error({path.string(), 0, ""}, "cannot write the report (expected a writable directory)");
}

}  // namespace

namespace csikit_cli {

std::string analysis_usage(bool report) {
    return std::string(report ? report_head : analyze_head) + analysis_options_text + "\n" + data_options_usage +
           (report ? "\n\nExit status: 0 done, 2 bad input (one line per problem on stderr)." : "");
}

option_set analysis_option_set() {
    return with_data_options(
        {{"schema", "data", "scheme", "mode", "missing", "bootstrap", "seed", "threads", "confidence", "level", "out",
          "tolerance", "max-iter", "target", "by", "crosshair", "lang", "title", "threshold", "out-of-scale",
          "stopping", "jackknife-max", "max-failed-share", "mediation", "tables-out", "model", "state"},
         {"json", "scores", "no-weights", "no-quality", "f2-reestimate", "strict", "no-bca", "drop-inadmissible",
          "no-criteria", "predict", "stream"}});
}

int run_analysis_command(const args& a, std::ostream& out, std::ostream& err, bool report) {
    const std::string schema_path = a.require("schema");
    // --state: a moment state of csikit accumulate stands in for the data (run_analysis's overload).
    const std::optional<std::string> state_path = a.get("state");
    if (state_path && a.has("data"))
        throw csikit::argument_error({{}, 0, "--state"}, "given with --data (expected one of them)");
    const bool stream = a.has("stream");
    if (state_path && stream)
        throw csikit::argument_error({{}, 0, "--stream"}, "given with --state (expected --stream with --data)");
    if ((state_path || stream) && a.has("predict"))
        throw csikit::argument_error({{}, 0, "--predict"}, "PLSpredict needs respondent rows, which a moment state does not hold "
                                                           "(expected --data)");
    const std::string data_path = state_path ? std::string() : a.require("data");
    const std::optional<std::string> dir = report ? std::optional<std::string>(a.require("out")) : a.get("out");
    const bool json = a.has("json");

    csikit::analysis_options o;
    o.pls.scheme = parse_scheme(a.get("scheme").value_or("path"));
    o.pls.consistent = parse_mode(a.get("mode").value_or("pls"));
    o.pls.missing = parse_missing(a.get("missing").value_or("listwise"));
    o.pls.tolerance = a.get_double("tolerance", o.pls.tolerance);
    o.pls.max_iterations = static_cast<int>(a.get_whole("max-iter", static_cast<std::uint64_t>(o.pls.max_iterations),
                                                        csikit::max_iterations_range.min, csikit::max_iterations_range.max));
    o.pls.use_weights = !a.has("no-weights");
    o.pls.quality = !a.has("no-quality");
    if (const auto rule = a.get("stopping")) o.pls.stopping = parse_stopping(*rule);
    o.pls.f2_reestimate = a.has("f2-reestimate");
    o.pls.strict = a.has("strict");
    const std::uint64_t resamples = a.get_whole("bootstrap", 0, csikit::resamples_range.min, csikit::resamples_range.max);
    if (resamples == 1)
        throw csikit::argument_error({{}, 0, "--bootstrap"}, std::to_string(resamples) + " resamples (expected 0 or >= 2)");
    const std::uint64_t seed = a.get_whole("seed", 1, csikit::seed_range.min, csikit::seed_range.max);
    const std::uint64_t threads = a.get_whole("threads", 0, csikit::threads_range.min, csikit::threads_range.max);

    // One confidence level for everything: bootstrap intervals, index t-intervals, scores.
    // --level is the name `csikit report` used; both may be given only with the same value.
    double level = 0.95;
    const char* level_option = "--confidence";
    if (a.has("confidence") && a.has("level") && a.get_double("confidence", 0) != a.get_double("level", 0))
        throw csikit::argument_error({{}, 0, "--level"}, "differs from --confidence (expected one level, e.g. 0.95)");
    if (a.has("confidence")) {
        level = a.get_double("confidence", level);
    } else if (a.has("level")) {
        level = a.get_double("level", level);
        level_option = "--level";
    }
    if (!(level > 0 && level < 1))
        throw csikit::argument_error({{}, 0, level_option}, fmt(level) + " is outside (0, 1) (expected a confidence level, e.g. 0.95)");

    o.index.target = a.get("target").value_or("");
    o.index.by = a.get("by").value_or("");
    if (const auto c = a.get("crosshair")) {
        try {
            o.index.crosshair = csikit::parse_crosshair_rule(*c);
        } catch (const csikit::error&) {
            throw csikit::argument_error({{}, 0, "--crosshair"}, "unknown rule \"" + *c + "\" (expected mean, median or midpoint)");
        }
        if (o.index.crosshair == csikit::crosshair_rule::custom)
            throw csikit::argument_error({{}, 0, "--crosshair"}, "custom needs values (expected mean, median or midpoint)");
    }
    o.index.index.level = level;
    o.index.index.use_weights = o.pls.use_weights;  // --no-weights: one switch for every stage

    o.resamples = static_cast<std::size_t>(resamples);
    o.bootstrap.seed = seed;
    o.bootstrap.threads = static_cast<unsigned>(threads);
    o.bootstrap.confidence = level;
    o.bootstrap.bca = !a.has("no-bca");
    o.bootstrap.jackknife_max = static_cast<std::size_t>(a.get_whole(
        "jackknife-max", o.bootstrap.jackknife_max, csikit::jackknife_max_range.min, csikit::jackknife_max_range.max));
    o.bootstrap.max_failed_share = a.get_double("max-failed-share", o.bootstrap.max_failed_share);
    if (!(o.bootstrap.max_failed_share >= 0 && o.bootstrap.max_failed_share <= 1))
        throw csikit::argument_error({{}, 0, "--max-failed-share"},
                                     csikit::format_shortest(o.bootstrap.max_failed_share) + " is outside 0..1 (expected a share, e.g. 0.2)");
    o.bootstrap.drop_inadmissible = a.has("drop-inadmissible");
    bool all_indirect = false;
    const auto chains = csikit_cli::parse_mediation(a.all("mediation"), all_indirect);
    o.bootstrap.mediation = chains;
    o.bootstrap.criteria = !a.has("no-criteria");
    // A bar where someone watches (a terminal) or the run is long; never with --json.
    if (resamples > 0 && !json && (::isatty(STDERR_FILENO) || resamples >= 1000)) o.bootstrap.progress = progress_bar(err);

    const std::string lang = a.get("lang").value_or("");
    o.scores = (report && !state_path) || a.has("scores");
    o.scoring.language = lang;
    o.scoring.level = level;
    o.scoring.threshold = a.get_double("threshold", o.scoring.threshold);
    if (!(o.scoring.threshold >= 0 && o.scoring.threshold <= 100))
        throw csikit::argument_error({{}, 0, "--threshold"}, "outside 0..100 (expected a 0-100 score, e.g. 70)");

    const csikit::survey s = load_survey_with_model(schema_path, a.get("model"));
    csikit::read_options ro;  // --out-of-scale as in csikit score
    if (const auto policy = a.get("out-of-scale")) {
        if (*policy == "missing") ro.out_of_scale = csikit::out_of_scale_policy::missing;
        else if (*policy != "error")
            throw csikit::argument_error({{}, 0, "--out-of-scale"},
                                         "unknown policy \"" + *policy + "\" (expected error or missing)");
    }
    csikit_cli::apply_data_options(a, ro);
    const bool from_moments = state_path || stream;
    const csikit::responses data = from_moments ? csikit::responses{} : csikit::read_responses(data_path, s, ro);
    csikit::analysis_report r;
    try {
        if (state_path) {
            const auto state = load_state_file<csikit::moment_accumulator>(*state_path, "analyze");
            r = csikit::run_analysis(s, state, o);
        } else if (stream) {  // the data's moments, chunk by chunk: bounded memory
            const csikit::pls_model model = csikit::pls_model::from_survey(s);
            if (model.extended())
                throw csikit::argument_error({{}, 0, "--stream"}, "higher-order constructs and interaction terms are "
                                                                  "estimated from respondent rows (expected no --stream)");
            csikit::moment_accumulator state(s, model.indicators(), o.pls.use_weights);
            csikit::stream_options so;
            so.progress = stream_progress_display(err, "reading");
            csikit::stream_responses(data_path, s, [&](csikit::responses&& chunk) { state.add(chunk); }, ro, so);
            const bool scores = o.scores;
            o.scores = false;  // a moment state holds no scores: they come from a second pass
            r = csikit::run_analysis(s, state, o);
            if (scores) {  // the respondent-level figures: a second streaming pass into sums per group
                csikit::stream_options again;
                again.progress = stream_progress_display(err, "scoring");
                r.scores = csikit::score_file(s, data_path, o.scoring, ro, again);
                r.notes.push_back("the scores come from a second streaming pass over the file (as csikit score --stream)");
            }
        } else {
            r = csikit::run_analysis(s, data, o);
        }
    } catch (const csikit::argument_error& e) {
        // --target / --by (or, from a state, --bootstrap / --scores) name something the schema
        // does not declare or the state cannot give: the option's problem.
        const std::string field = e.problems().empty() ? std::string() : e.problems().front().where.field;
        if (field == "by" || field == "target" || field == "bootstrap" || field == "scores")
            throw csikit::argument_error({{}, 0, "--" + field}, e.problems().front().message);
        throw;
    }
    r.settings = {{"schema", schema_path}, {state_path ? "state" : "data", state_path ? *state_path : data_path}};
    // --predict: PLSpredict (10 folds x 10 repetitions, --seed, --threads) and CVPAT against the
    // benchmarks, in report.json ("prediction") and the HTML page (docs/predict.md).
    if (a.has("predict") && r.fit) {
        const csikit::pls_model model = csikit::pls_model::from_survey(s);
        csikit::predict_options po;
        po.seed = seed;
        po.threads = static_cast<unsigned>(threads);
        r.prediction = csikit::predict(model, data, po);
        csikit::cvpat_options co;
        co.predict = po;  // the same split and approach as the PLSpredict beside it
        r.cvpat = csikit::cvpat(model, data, co);
    }

    const std::string report_json = csikit::to_json(r);
    if (auto tables = a.get("tables-out")) csikit::write_tables(report_json, *tables);  // readers
    std::filesystem::path json_path, html_path;
    if (dir) {
        std::error_code ec;
        std::filesystem::create_directories(*dir, ec);
        if (ec) throw csikit::io_error({*dir, 0, ""}, "cannot create the directory (" + ec.message() + ")");
        json_path = std::filesystem::path(*dir) / "report.json";
        html_path = std::filesystem::path(*dir) / "report.html";
        csikit::html_options ho;
        ho.language = lang;
        ho.title = a.get("title").value_or("");
        write_file(json_path, report_json + "\n");
        write_file(html_path, csikit::to_html(r, ho));
    }
    if (json) {
        out << report_json << "\n";
        return 0;
    }
    if (!report && r.fit) {
        const csikit::bootstrap_result* boot = r.boot ? &*r.boot : nullptr;
        print_tables(out, s, *r.fit, boot);
        if (boot) csikit_cli::print_bootstrap_criteria(out, *boot);
        csikit_cli::print_mediation(out, *r.fit, boot, chains, all_indirect);
        if (r.extended) print_extended(out, *r.extended);
        print_analysis(out, s, *r.fit, boot, r.analysis);
        if (!o.index.by.empty()) print_by_paths(out, s, data, o, seed, threads);
    }
    if (!report && r.ipa) {  // issue 14: the IPA from stated or derived importance
        out << "\n";
        print_survey_ipa(out, *r.ipa, lang);
    }
    // The notes again at the end, where they cannot scroll away (the warning also heads the tables).
    if (!r.notes.empty()) {
        const std::string warning = r.fit ? csikit::missing_data_warning(*r.fit) : std::string();
        out << (report ? "" : "\n");
        for (const auto& n : r.notes) out << (n == warning ? "WARNING: " : "note: ") << csikit::escape_control(n) << "\n";
    }
    if (dir) out << (report ? "" : "\n") << "report: " << html_path.string() << "\nreport: " << json_path.string() << "\n";
    return 0;
}

}  // namespace csikit_cli

namespace {

int run_analyze(const args& a, std::ostream& out, std::ostream& err) {
    return csikit_cli::run_analysis_command(a, out, err, false);
}

}  // namespace

CSIKIT_COMMAND({"analyze", "estimate the PLS path model, indices and IPA; write report.json and report.html",
                csikit_cli::analysis_usage(false), run_analyze, csikit_cli::analysis_option_set()});
