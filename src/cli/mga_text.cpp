// print_mga(): the tables of a multi-group analysis (see mga_text.hpp).
#include "mga_text.hpp"
#include "table.hpp"

#include <csikit/format.hpp>
#include <csikit/text.hpp>

#include <cmath>
#include <ostream>
#include <string>

namespace csikit_cli {

namespace {

const char* kind_title(csikit::parameter_kind k) {
    switch (k) {
    case csikit::parameter_kind::path: return "Paths";
    case csikit::parameter_kind::weight: return "Outer weights";
    case csikit::parameter_kind::loading: return "Loadings";
    default: return "R2";
    }
}

std::string marked(double p, double alpha) { return p_text(p) + (p < alpha ? " *" : ""); }

}  // namespace

void print_mga(std::ostream& out, const csikit::mga_result& r, bool paths_only) {
    const std::size_t G = r.groups.size();
    const bool many = G > 2, boot = r.bootstrap > 0, perm = r.permutations > 0;
    const double alpha = r.options.alpha;
    out << "Multi-group analysis by " << csikit::escape_control(r.column) << ": " << G << " groups (";
    for (std::size_t g = 0; g < G; ++g)
        out << (g ? ", " : "") << csikit::escape_control(r.groups[g].value) << " " << r.groups[g].used;
    out << " respondents used)\n";
    out << "Missing data: " << csikit::escape_control(r.missing_note) << "\n";
    if (r.left_out_no_group) out << "Left out: " << r.left_out_no_group << " respondents with no " << r.column << " value\n";
    out << "Permutations: " << r.permutations << " (" << r.permutations_ok << " estimated), bootstrap per group: " << r.bootstrap
        << ", seed " << r.options.seed << (many ? ", p adjusted (" + std::string(csikit::to_string(r.options.adjust)) + ") over the pairs" : "")
        << "; * p < " << csikit::format_shortest(alpha) << "\n";

    for (auto kind : {csikit::parameter_kind::path, csikit::parameter_kind::r2, csikit::parameter_kind::weight,
                      csikit::parameter_kind::loading}) {
        if (paths_only && (kind == csikit::parameter_kind::weight || kind == csikit::parameter_kind::loading)) continue;
        std::vector<std::string> h{csikit::to_string(kind)};
        for (const auto& g : r.groups) h.push_back(g.value);
        if (many && perm) h.push_back("omnibus p");
        table t(h);
        bool any = false;
        for (const auto& p : r.parameters) {
            if (p.kind != kind) continue;
            any = true;
            std::vector<std::string> row{p.label};
            for (std::size_t g = 0; g < G; ++g)
                row.push_back(num(p.estimate[g]) + (boot ? " (" + num(p.boot_se[g]) + ")" : ""));
            if (many && perm) row.push_back(marked(p.omnibus_p, alpha));
            t.add(row);
        }
        if (!any) continue;
        out << "\n" << kind_title(kind) << " per group" << (boot ? " (bootstrap SE)" : "") << "\n";
        t.print(out);

        std::vector<std::string> dh{csikit::to_string(kind)};
        if (many) dh.push_back("pair");
        dh.push_back("difference");
        if (perm) {
            dh.push_back("perm 95%");
            dh.push_back("p perm");
            if (many) dh.push_back("p adj");
        }
        if (boot) {
            for (const char* c : {"p PLS-MGA", "t param", "p param", "t Welch", "df", "p Welch"}) dh.push_back(c);
        }
        table d(dh, many ? 2 : 1);
        for (const auto& c : r.comparisons) {
            const auto& p = r.parameters[c.parameter];
            if (p.kind != kind) continue;
            std::vector<std::string> row{p.label};
            if (many) row.push_back(r.groups[c.g1].value + " - " + r.groups[c.g2].value);
            row.push_back(num(c.difference));
            if (perm) {
                row.push_back(interval_text(c.perm_low, c.perm_high, 3));
                row.push_back(many ? p_text(c.p_permutation) : marked(c.p_permutation, alpha));
                if (many) row.push_back(marked(c.p_permutation_adjusted, alpha));
            }
            if (boot) {
                row.push_back(marked(c.p_mga_two_sided, alpha));
                row.push_back(num(c.t_parametric, 2));
                row.push_back(marked(many ? c.p_parametric_adjusted : c.p_parametric, alpha));
                row.push_back(num(c.t_welch, 2));
                row.push_back(num(c.df_welch, 0));
                row.push_back(marked(many ? c.p_welch_adjusted : c.p_welch, alpha));
            }
            d.add(row);
        }
        if (!perm && !boot) continue;
        out << "\n" << kind_title(kind) << ": differences" << (many ? " (every pair)" : " (" + r.groups[0].value + " - " + r.groups[1].value + ")")
            << "\n";
        d.print(out);
    }
    if (boot) out << "  p PLS-MGA: two-sided, 2 min(P, 1 - P) of Henseler's P(theta_1 <= theta_2)\n";

    if (!r.micom) return;
    out << "\nMICOM (Henseler, Ringle & Sarstedt 2016)\n  Step 1, configural invariance: "
        << (r.micom->configural_ok ? "established" : "NOT established") << "\n";
    for (const auto& line : r.micom->configural) out << "    - " << csikit::escape_control(line) << "\n";
    for (const auto& mp : r.micom->pairs) {
        out << "  Steps 2-3, " << r.groups[mp.g1].value << " vs " << r.groups[mp.g2].value << " (" << mp.permutations_ok
            << " permutations estimated)\n";
        table t({"construct", "c", "5% quantile", "p", "mean diff", "95% range", "p", "log var ratio", "95% range", "p", "invariance"});
        for (const auto& m : mp.constructs)
            t.add({m.construct, num(m.c, 4), num(m.c_q05, 4), marked(m.c_p, alpha), num(m.mean_diff), interval_text(m.mean_low, m.mean_high, 3),
                   marked(m.mean_p, alpha), num(m.logvar_diff), interval_text(m.logvar_low, m.logvar_high, 3), marked(m.logvar_p, alpha),
                   m.invariance});
        t.print(out, "    ");
    }
    out << "  invariance: full = steps 1-3 hold (the groups may be pooled); partial = steps 1-2 hold (compare the\n"
           "  groups' paths); none = compositional invariance rejected (group comparisons not meaningful)\n";
}

}  // namespace csikit_cli
