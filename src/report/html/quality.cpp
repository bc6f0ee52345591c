// The measurement-quality section of the HTML report: indicator loadings, reliability and
// convergent validity against the usual thresholds, HTMT discriminant validity, R2 and fit.
#include "internal.hpp"

#include "csikit/stats.hpp"

#include <algorithm>
#include <cmath>

namespace csikit::inline v0::html_detail {

namespace {

// The usual thresholds, shared with the CLI (stats.hpp): shown in the table heads.
using thresholds::reliability_min, thresholds::ave_min, thresholds::loading_min, thresholds::vif_max,
    thresholds::srmr_max;

verdict at_least(double x, double minimum) {
    if (!std::isfinite(x)) return verdict::none;
    return x >= minimum ? verdict::pass : verdict::fail;
}

std::string judged(double x, double minimum, int decimals = 3) { return badge(num(x, decimals), at_least(x, minimum)); }

const bootstrap_parameter* boot_find(const bootstrap_result* b, parameter_kind k, int indicator, int to) {
    if (!b) return nullptr;
    for (const auto& p : b->parameters)
        if (p.kind == k && (indicator < 0 || p.indicator == indicator) && (to < 0 || p.to == to)) return &p;
    return nullptr;
}

}  // namespace

std::string section_quality(const context& c) {
    const auto* f = c.in.fit;
    if (!f || f->constructs.empty()) return "";
    const auto J = static_cast<Eigen::Index>(f->constructs.size());
    const auto* boot = c.in.boot;
    std::string body;

    // Reliability and convergent validity.
    if (f->ave.size() == J) {
        body += "<h3>" + html_escape(c.t("reliability")) + "</h3>\n<table class=\"data\"><thead><tr>" + th(c.t("construct")) +
                th(c.t("items"), true) + th("Cronbach \u03B1 \u2265 0.7", true) + th("\u03C1_c \u2265 0.7", true) +
                th("\u03C1_A \u2265 0.7", true) + th("AVE \u2265 0.5", true) + "</tr></thead><tbody>\n";
        for (Eigen::Index j = 0; j < J; ++j) {
            const auto& id = f->constructs[static_cast<std::size_t>(j)];
            const auto q = std::count(f->block.begin(), f->block.end(), static_cast<int>(j));
            // A single-item block has no internal consistency to judge: show the value unjudged.
            const bool single = q < 2;
            const auto cell = [&](double x, double minimum) {
                return "<td class=\"num\">" + (single ? html_escape(num(x, 3)) : judged(x, minimum)) + "</td>";
            };
            body += "<tr>" + td(id + "  " + c.construct_label(id)) + tdn(std::to_string(q)) +
                    cell(f->alpha[j], reliability_min) + cell(f->rho_c[j], reliability_min) +
                    cell(f->rho_a[j], reliability_min) + cell(f->ave[j], ave_min) + "</tr>\n";
        }
        body += "</tbody></table>\n";
    }

    // Discriminant validity: HTMT, lower triangle, coloured against both usual cut-offs.
    if (f->htmt.rows() == J && J > 1) {
        const double strict = c.options.htmt_strict, lenient = c.options.htmt_lenient;
        body += "<h3>HTMT</h3>\n<p class=\"hint\">" +
                html_escape(c.t("htmt_note") + " < " + num(strict, 2) + " \u2713, " + num(strict, 2) + "\u2013" +
                            num(lenient, 2) + " !, \u2265 " + num(lenient, 2) + " \u2717") +
                "</p>\n<table class=\"data matrix\"><thead><tr>" + th("");
        for (Eigen::Index j = 0; j + 1 < J; ++j) body += th(f->constructs[static_cast<std::size_t>(j)], true);
        body += "</tr></thead><tbody>\n";
        for (Eigen::Index r = 1; r < J; ++r) {
            body += "<tr><th scope=\"row\">" + html_escape(f->constructs[static_cast<std::size_t>(r)]) + "</th>";
            for (Eigen::Index k = 0; k + 1 < J; ++k) {
                if (k >= r) {
                    body += "<td></td>";
                    continue;
                }
                const double v = f->htmt(r, k);
                const verdict d = !std::isfinite(v) ? verdict::none : v < strict ? verdict::pass : v < lenient ? verdict::warn : verdict::fail;
                body += "<td class=\"num\">" + badge(num(v, 3), d) + "</td>";
            }
            body += "</tr>\n";
        }
        body += "</tbody></table>\n";
    }

    // Explained variance of the endogenous constructs.
    std::string r2rows;
    for (Eigen::Index j = 0; j < J; ++j) {
        bool endo = false;
        for (Eigen::Index s = 0; s < J; ++s) endo = endo || f->paths(j, s) != 0;
        if (!endo) continue;
        const auto& id = f->constructs[static_cast<std::size_t>(j)];
        r2rows += "<tr>" + td(id + "  " + c.construct_label(id)) + tdn(num(f->r2[j], 3)) +
                  tdn(j < f->r2_adjusted.size() ? num(f->r2_adjusted[j], 3) : "\u2013") + "<td class=\"bar\">" +
                  mini_bar(100 * f->r2[j], NAN, NAN) + "</td>";
        if (boot) {
            const auto* q = boot_find(boot, parameter_kind::r2, -1, static_cast<int>(j));
            r2rows += q ? tdn(range_text(q->ci_low, q->ci_high, 3)) : tdn("\u2013");
        }
        r2rows += "</tr>\n";
    }
    if (!r2rows.empty())
        body += "<h3>R\u00B2</h3>\n<table class=\"data\"><thead><tr>" + th(c.t("construct")) + th("R\u00B2", true) +
                th(c.t("adjusted"), true) + th("") + (boot ? th(num(100 * boot->confidence, 0) + "% CI", true) : "") +
                "</tr></thead><tbody>\n" + r2rows + "</tbody></table>\n";

    if (f->options.quality)
        body += "<p>" + html_escape(c.t("model_fit") + ": ") + "SRMR " +
                badge(num(f->srmr, 3), f->srmr < srmr_max ? verdict::pass : verdict::fail) +
                html_escape(" (< " + num(srmr_max, 2) + "), GoF " + num(f->gof, 3)) + "</p>\n";

    // Indicators: loadings (>= 0.708 keeps half of the item's variance), weights and VIFs.
    body += "<details><summary>" + html_escape(c.t("indicators") + " (" + std::to_string(f->indicators.size()) + ")") +
            "</summary>\n<table class=\"data\"><thead><tr>" + th(c.t("construct")) + th(c.t("item")) +
            th(c.t("loading") + " \u2265 0.708", true) + th(c.t("weight"), true) + th("VIF < 5", true) +
            (boot ? th(c.t("loading") + " " + num(100 * boot->confidence, 0) + "% CI", true) : "") + "</tr></thead><tbody>\n";
    for (std::size_t h = 0; h < f->indicators.size(); ++h) {
        const auto i = static_cast<Eigen::Index>(h);
        const auto& id = f->indicators[h];
        const double vif = i < f->outer_vif.size() ? f->outer_vif[i] : NAN;
        body += "<tr>" + td(f->constructs[static_cast<std::size_t>(f->block[h])]) +
                "<td><span class=\"id\">" + html_escape(id) + "</span> " + html_escape(c.item_label(id) == id ? "" : c.item_label(id)) +
                "</td><td class=\"num\">" + judged(f->loadings[i], loading_min) + "</td>" + tdn(num(f->weights[i], 3)) +
                "<td class=\"num\">" + badge(num(vif, 2), !std::isfinite(vif) ? verdict::none : vif < vif_max ? verdict::pass : verdict::fail) +
                "</td>";
        if (boot) {
            const auto* q = boot_find(boot, parameter_kind::loading, static_cast<int>(h), -1);
            body += q ? tdn(range_text(q->ci_low, q->ci_high, 3)) : tdn("\u2013");
        }
        body += "</tr>\n";
    }
    body += "</tbody></table></details>\n";
    return section("sec-quality", c.t("sec_quality"), body);
}

}  // namespace csikit::v0::html_detail
