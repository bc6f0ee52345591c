// Text tables of the bootstrapped quality criteria and of mediation for `csikit analyze`.
#include "mediation_tables.hpp"

#include "table.hpp"

#include <csikit/error.hpp>
#include <csikit/format.hpp>
#include <csikit/text.hpp>

#include <ostream>

namespace csikit_cli {

namespace {

std::string fmt(double x, int digits = 3) { return num(x, digits); }
std::string ci(double lo, double hi) { return interval_text(lo, hi, 3); }

}  // namespace

std::vector<std::vector<std::string>> parse_mediation(const std::vector<std::string>& values, bool& all) {
    all = false;
    std::vector<std::vector<std::string>> out;
    for (const auto& v : values) {
        if (v == "all") {
            all = true;
            continue;
        }
        std::vector<std::string> ids;
        std::string cur;
        for (char ch : v + ",") {
            if (ch == ',') {
                if (!cur.empty()) ids.push_back(cur);
                cur.clear();
            } else if (ch != ' ') {
                cur += ch;
            }
        }
        if (ids.size() < 3)
            throw csikit::argument_error({{}, 0, "--mediation"}, "\"" + csikit::escape_control(v) +
                                                                     "\" names no mediator (expected FROM,THROUGH[,..],TO or all)");
        out.push_back(std::move(ids));
    }
    return out;
}

void print_bootstrap_criteria(std::ostream& out, const csikit::bootstrap_result& boot) {
    using csikit::parameter_kind;
    const std::string level = fmt(boot.confidence * 100, 0);
    out << "\nBootstrapped HTMT (" << level << "% percentile interval; upper = one-sided " << level
        << "% bound, the " << level << "th percentile; discriminant validity when upper < 0.85 or 0.90)\n";
    table th({"pair", "HTMT", "SE", "CI", "upper", "< 0.85", "< 0.90"}, 1);
    for (const auto& q : boot.criteria)
        if (q.kind == parameter_kind::htmt)
            th.add({q.label, fmt(q.estimate), fmt(q.se), ci(q.ci_low, q.ci_high), fmt(q.upper), q.upper < 0.85 ? "yes" : "NO",
                    q.upper < 0.90 ? "yes" : "NO"});
    th.print(out);
    out << "\nBootstrapped f2, adjusted R2 and total indirect effects (" << level << "% percentile and BCa intervals)\n";
    table tc({"criterion", "of", "estimate", "SE", "CI", "BCa"}, 2);
    for (const auto& q : boot.criteria) {
        if (q.kind == parameter_kind::htmt) continue;
        tc.add({q.kind == parameter_kind::f2 ? "f2" : q.kind == parameter_kind::r2_adjusted ? "adjusted R2" : "total indirect",
                q.label, fmt(q.estimate), fmt(q.se), ci(q.ci_low, q.ci_high), ci(q.bca_low, q.bca_high)});
    }
    tc.print(out);
}

void print_mediation(std::ostream& out, const csikit::pls_fit& fit, const csikit::bootstrap_result* boot,
                     const std::vector<std::vector<std::string>>& chains, bool all) {
    if (chains.empty() && !all) return;
    if (!boot) {
        for (const auto& c : chains) (void)csikit::specific_indirect_effect(fit, c);  // a typed error for a bad chain
        out << "\nSpecific indirect effects (point estimates; intervals and the mediation class need --bootstrap)\n";
        table t({"chain", "estimate"}, 1);
        for (const auto& c : chains) t.add({csikit::chain_label(c), fmt(csikit::specific_indirect_effect(fit, c).estimate)});
        if (all)
            for (const auto& c : csikit::specific_indirect_effects(fit))
                t.add({c.label, fmt(c.estimate)});
        t.print(out);
        return;
    }
    const std::string level = fmt(boot->confidence * 100, 0);
    auto print = [&](bool requested_only, const std::string& title) {
        out << "\n" << title << " (" << level << "% percentile intervals; Zhao, Lynch & Chen 2010)\n";
        table t({"chain", "indirect", "CI", "direct", "CI", "mediation"}, 1);
        for (const auto& m : boot->mediation) {
            if (requested_only && !m.requested) continue;
            t.add({m.label, fmt(m.indirect), ci(m.indirect_low, m.indirect_high), m.has_direct ? fmt(m.direct) : "-",
                   m.has_direct ? ci(m.direct_low, m.direct_high) : "-", csikit::mediation_label(m.type, "en")});
        }
        t.print(out);
    };
    if (!chains.empty()) print(true, "Mediation");
    if (all) {
        print(false, "All specific indirect effects");
        out << "\nSpecific indirect effects: bootstrap statistics\n";
        table t({"chain", "estimate", "mean", "SE", "t", "CI", "BCa"}, 1);
        for (const auto& q : boot->indirect_effects)
            t.add({q.label, fmt(q.estimate), fmt(q.mean), fmt(q.se), fmt(q.t, 2), ci(q.ci_low, q.ci_high), ci(q.bca_low, q.bca_high)});
        t.print(out);
    }
}

}  // namespace csikit_cli
