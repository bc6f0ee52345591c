// Shared pieces of the HTML report's sections: the rendering context (language, labels), the
// UI strings, and the building blocks every section uses (cards, tables, badges, bar charts).
// Internal to the library (not installed).
#pragma once

#include "csikit/html_report.hpp"
#include "csikit/report.hpp"
#include "svg.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace csikit::inline v0::html_detail {

/// What every section needs: the input, the options and the resolved language.
class context {
public:
    context(const report_input& in, const html_options& options);

    const report_input& in;
    const html_options& options;
    std::string language;  ///< resolved label language ("zh", "en", ...)
    bool zh = false;       ///< headings in Chinese

    /// A UI string by key in the heading language (the key itself if unknown).
    std::string t(std::string_view key) const;
    /// Item text / construct label / hierarchy node label in the report language; the id if none.
    std::string item_label(const std::string& id) const;
    std::string construct_label(const std::string& id) const;
    std::string node_label(const std::string& id) const;
    /// Label of the value `v` on the scale of item `item_id` ("" if none).
    std::string value_label(const std::string& item_id, double v) const;

private:
    std::map<std::string, const localized_text*> node_labels_;
};

// ---- sections: each returns a complete <section> or "" when it has nothing to show ---------
std::string section_summary(const context& c);
std::string section_sample(const context& c);
std::string section_index(const context& c);
std::string section_items(const context& c);
std::string section_waves(const context& c);
std::string section_segments(const context& c);
std::string section_model(const context& c);
std::string section_quality(const context& c);
std::string section_extended(const context& c);  // extended.cpp: HOCs, interactions, simple slopes
std::string section_indices(const context& c);
std::string section_ipa(const context& c);
std::string section_settings(const context& c);
/// Bootstrapped HTMT, f2, adjusted R2 and mediation (mediation.cpp); "" without a bootstrap.
std::string section_mediation(const context& c);
/// Issue 14: the key findings on top (findings.cpp).
std::string section_findings(const context& c);
std::string section_groups(const context& c);  ///< multi-group analysis (groups.cpp)
std::string section_predict(const context& c);  // predict.cpp
std::string section_trend(const context& c);    // trend.cpp: trends over many waves
/// Issue 14 (adjusted.cpp): the composition-adjusted tables (inside the wave section when the
/// groups are the waves, else a section of their own) and the crosstab sections.
std::string adjusted_table(const context& c);
std::string section_adjusted(const context& c);
std::string section_crosstabs(const context& c);
std::string section_feedback(const context& c); // feedback.cpp: multi-response items, verbatims

/// The page's stylesheet (inline in <head>).
std::string_view stylesheet();

// ---- building blocks -----------------------------------------------------------------------

/// <section id=... class="card"><h2>title</h2> body </section>; title escaped, body raw.
std::string section(std::string_view id, std::string_view title, const std::string& body);

/// Significance stars for a p value: *** < .001, ** < .01, * < .05, "" otherwise or NaN.
std::string stars(double p);
/// "<.001" or three decimals.
std::string p_text(double p);

/// A judged value: "pass", "warn" or "fail".
enum class verdict { pass, warn, fail, none };
/// A <span class="badge ..."> with the value and a tick or cross.
std::string badge(const std::string& value, verdict v);

/// Escaped table cell helpers: <td>text</td> and a right-aligned numeric <td class="num">.
std::string td(std::string_view text);
std::string tdn(std::string_view text);
std::string th(std::string_view text, bool numeric = false);

/// A change marker: an up/down triangle with stars when `significant` (class up/down) and a
/// tooltip with the p value; "" when not significant or p is NaN.
std::string change_mark(double difference, double p, bool significant);

/// One row of a horizontal bar chart with interval whiskers.
struct bar_row {
    std::string label;
    double value = 0;
    double low = 0, high = 0;   ///< interval ends (NaN: no whisker)
    int depth = 0;              ///< indent level
    bool muted = false;         ///< drawn lighter (leaf items under dimensions)
    std::string note;           ///< text after the value (e.g. "**")
};

/// Horizontal bars on [axis_min, axis_max] with whiskers and value labels.
std::string bar_chart(const std::vector<bar_row>& rows, double axis_min, double axis_max, std::string_view label,
                      double width = 1000);

/// A small inline bar (0-100) with a whisker, for table cells.
std::string mini_bar(double value, double low, double high);

/// A 100%-stacked bar of shares (in order) with the given colours, for table cells; `tips`
/// are tooltips per segment.
std::string stacked_bar(const std::vector<double>& shares, const std::vector<std::string>& colours,
                        const std::vector<std::string>& tips, double width = 220, double height = 16);

}  // namespace csikit::v0::html_detail
