// The shared rules of src/core: numbers as text in any locale, terminal widths, control-character
// escaping; Kish's n_eff at extreme weight scales; the sample-size limit of the plans.
#include <csikit/fwd.hpp>  // first: the declarations must agree with the definitions below

#include <csikit/csikit.hpp>
#include <csikit/analysis.hpp>
#include <csikit/format.hpp>
#include <csikit/html_report.hpp>
#include <csikit/report.hpp>
#include <csikit/sampling.hpp>
#include <csikit/stats.hpp>
#include <csikit/text.hpp>

#include <doctest/doctest.h>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <locale>
#include <string>
#include <vector>

using namespace csikit;

// Every type fwd.hpp declares exists (an incomplete type has no size).
static_assert(sizeof(csikit::location) > 0);
static_assert(sizeof(csikit::problem) > 0);
static_assert(sizeof(csikit::survey) > 0);
static_assert(sizeof(csikit::scale) > 0);
static_assert(sizeof(csikit::item) > 0);
static_assert(sizeof(csikit::construct) > 0);
static_assert(sizeof(csikit::node) > 0);
static_assert(sizeof(csikit::path) > 0);
static_assert(sizeof(csikit::localized_text) > 0);
static_assert(sizeof(csikit::preset_model) > 0);
static_assert(sizeof(csikit::pls_model) > 0);
static_assert(sizeof(csikit::responses) > 0);
static_assert(sizeof(csikit::read_options) > 0);
static_assert(sizeof(csikit::read_summary) > 0);
static_assert(sizeof(csikit::interval) > 0);
static_assert(sizeof(csikit::mean_estimate) > 0);
static_assert(sizeof(csikit::proportion_estimate) > 0);
static_assert(sizeof(csikit::test_result) > 0);
static_assert(sizeof(csikit::nps_estimate) > 0);
static_assert(sizeof(csikit::sample_size) > 0);
static_assert(sizeof(csikit::margin_of_error) > 0);
static_assert(sizeof(csikit::allocation) > 0);
static_assert(sizeof(csikit::allocation_options) > 0);
static_assert(sizeof(csikit::score_options) > 0);
static_assert(sizeof(csikit::score_report) > 0);
static_assert(sizeof(csikit::group_scores) > 0);
static_assert(sizeof(csikit::segment_breakdown) > 0);
static_assert(sizeof(csikit::pls_options) > 0);
static_assert(sizeof(csikit::pls_fit) > 0);
static_assert(sizeof(csikit::moments) > 0);
static_assert(sizeof(csikit::index_block) > 0);
static_assert(sizeof(csikit::index_result) > 0);
static_assert(sizeof(csikit::score_summary) > 0);
static_assert(sizeof(csikit::importance_table) > 0);
static_assert(sizeof(csikit::ipa_options) > 0);
static_assert(sizeof(csikit::ipa_result) > 0);
static_assert(sizeof(csikit::ipma_result) > 0);
static_assert(sizeof(csikit::bootstrap_options) > 0);
static_assert(sizeof(csikit::bootstrap_result) > 0);
static_assert(sizeof(csikit::population_model) > 0);
static_assert(sizeof(csikit::simulate_options) > 0);
static_assert(sizeof(csikit::simulated_data) > 0);
static_assert(sizeof(csikit::analysis_options) > 0);
static_assert(sizeof(csikit::analysis_report) > 0);
static_assert(sizeof(csikit::index_analysis) > 0);
static_assert(sizeof(csikit::index_analysis_options) > 0);
static_assert(sizeof(csikit::survey_data) > 0);
static_assert(sizeof(csikit::fitted_model) > 0);
static_assert(sizeof(csikit::fitted_bootstrap) > 0);
static_assert(sizeof(csikit::html_options) > 0);
static_assert(sizeof(csikit::report_input) > 0);

TEST_CASE("format_fixed, format_general and format_shortest match printf in the C locale") {
    CHECK(format_fixed(2.5, 1) == "2.5");
    CHECK(format_fixed(2.25, 1) == "2.2");  // round-half-even on the exact binary value, as printf
    CHECK(format_fixed(-0.0004, 3) == "-0.000");
    CHECK(format_fixed(1234567.891, 2) == "1234567.89");
    CHECK(format_fixed(1e300, 0).size() == 301);
    CHECK(format_fixed(std::nan(""), 2) == "nan");
    CHECK(format_general(0.05) == "0.05");
    CHECK(format_general(1e-10) == "1e-10");
    CHECK(format_general(1234567.0) == "1.23457e+06");
    CHECK(format_shortest(1e-7) == "1e-07");
    CHECK(format_shortest(0.1) == "0.1");
    for (double x : {0.0, 1.0 / 3, 243.4, -17.25, 1e-5, 98765.4321}) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f", x);
        CHECK(format_fixed(x, 3) == buf);
        std::snprintf(buf, sizeof buf, "%g", x);
        CHECK(format_general(x) == buf);
    }
}

TEST_CASE("display_width counts CJK and full-width characters as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("\xE6\xBB\xA1\xE6\x84\x8F") == 4);       // 满意
    CHECK(display_width("\xEF\xBC\xA1") == 2);                   // full-width A
    CHECK(display_width("\xE1\x84\x80") == 2);                   // Hangul Jamo (U+1100)
    CHECK(display_width("\xF0\xA0\x80\x80") == 2);               // U+20000
    CHECK(fit_width("abcdef", 4) == "abc~");
    CHECK(fit_width("\xE6\xBB\xA1\xE6\x84\x8F", 3) == "\xE6\xBB\xA1~");
}

TEST_CASE("escape_control escapes C0, DEL, C1 and invalid bytes and keeps text") {
    CHECK(escape_control("plain, \xE6\xBB\xA1") == "plain, \xE6\xBB\xA1");
    CHECK(escape_control(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(escape_control("\x1b[2J\x1b]0;pwned\a") == "\\x1b[2J\\x1b]0;pwned\\x07");
    CHECK(escape_control("line\nnext\ttab") == "line\\x0anext\\x09tab");
    CHECK(escape_control("\x7f") == "\\x7f");
    CHECK(escape_control("\xC2\x9B" "1m") == "\\u009b1m");  // C1 CSI
    CHECK(escape_control("\xff\xC3") == "\\xff\\xc3");     // not UTF-8
}

TEST_CASE("Kish n_eff is right for weights of any scale") {
    const std::vector<double> big{1e200, 1e200}, tiny{1e-300, 1e-300, 1e-300}, mixed{1, 2, 3, 4};
    CHECK(kish_n_eff(big) == doctest::Approx(2.0));
    CHECK(kish_n_eff(tiny) == doctest::Approx(3.0));
    CHECK(effective_n(big) == doctest::Approx(2.0));
    CHECK(effective_n(tiny) == doctest::Approx(3.0));
    // Ordinary weights: exactly the plain formula (the power-of-two scaling changes no bit).
    double s = 0, s2 = 0;
    for (double w : mixed) s += w, s2 += w * w;
    CHECK(kish_n_eff(mixed) == s * s / s2);
    const std::vector<double> x{1, 2, 3};
    const auto m = mean_ci(x, tiny);
    CHECK(m.n_eff == doctest::Approx(3.0));
    CHECK(std::isfinite(m.ci.lower));
    CHECK(nps_ci(std::vector<double>{10, 0}, big).n_eff == doctest::Approx(2.0));
}

TEST_CASE("a sample size beyond the limit is refused, never cast to 0") {
    CHECK_THROWS_WITH_AS(sample_size_proportion(1e-10), doctest::Contains("beyond the limit"), argument_error);
    CHECK_THROWS_AS(sample_size_mean(1, 1e-10), argument_error);
    CHECK(sample_size_proportion(0.05).n == 385);
}

namespace {

/// A decimal comma for every C++ stream of the process.
struct comma : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

/// Switches the C locale to a comma-decimal one if the system has (or can build) one.
bool comma_c_locale() {
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8"})
        if (std::setlocale(LC_ALL, name)) return true;
    // Build de_DE in a private directory (no system change) when the locale sources exist.
    const std::string dir = "/tmp/csikit-test-locales";
    const std::string cmd = "localedef -i de_DE -f UTF-8 " + dir + "/de_DE.UTF-8 >/dev/null 2>&1";
    if (std::system(("test -d " + dir + "/de_DE.UTF-8 || { mkdir -p " + dir + " && " + cmd + "; }").c_str()) != 0)
        return false;
    setenv("LOCPATH", dir.c_str(), 1);
    return std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

/// An attribute value that is a number with a decimal comma: x="243,4".
bool comma_attribute(const std::string& html) {
    for (std::size_t i = html.find("=\""); i != std::string::npos; i = html.find("=\"", i + 1)) {
        std::size_t k = i + 2;
        if (k < html.size() && html[k] == '-') ++k;
        const std::size_t start = k;
        while (k < html.size() && digit(html[k])) ++k;
        if (k > start && k + 1 < html.size() && html[k] == ',' && digit(html[k + 1])) return true;
    }
    return false;
}

/// A percentage with a decimal comma: 52,5%.
bool comma_percent(const std::string& text) {
    for (std::size_t i = text.find('%'); i != std::string::npos; i = text.find('%', i + 1)) {
        std::size_t k = i;
        while (k > 0 && digit(text[k - 1])) --k;
        if (k < i && k >= 2 && text[k - 1] == ',' && digit(text[k - 2])) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("a host's comma-decimal locale does not leak into report.html or report.json") {
    const std::string bank = std::string(CSIKIT_SOURCE_DIR) + "/examples/bank_branch";
    const survey s = load_survey(bank + "/schema.json");
    const responses data = read_responses(bank + "/responses.csv", s);
    analysis_options o;
    o.scores = true;
    o.index.target = "SAT";

    const bool c_locale = comma_c_locale();
    if (!c_locale) MESSAGE("no comma-decimal C locale available: checking the C++ locale only");
    const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new comma));
    if (c_locale) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", 2.5);
        REQUIRE(std::string(buf) == "2,5");  // the locale is in force
    }
    const analysis_report r = run_analysis(s, data, o);  // listwise: the missing-data warning has a share
    const std::string json = to_json(r), html = to_html(r);
    std::locale::global(previous);
    std::setlocale(LC_ALL, "C");

    CHECK(format_fixed(2.5, 1) == "2.5");
    // No SVG coordinate or attribute with a decimal comma ...
    CHECK_FALSE(comma_attribute(html));
    CHECK_FALSE(comma_percent(html));
    // ... and the JSON text (the share of the missing-data warning) keeps its point.
    CHECK_FALSE(comma_percent(json));
    CHECK(json.find("respondents (") != std::string::npos);
}
