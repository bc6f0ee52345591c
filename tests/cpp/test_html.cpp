// The HTML report: every section from the bank example, escaping of hostile labels and ids,
// languages, optional pieces, determinism, and that the numbers on the page are the results'.
#include <csikit/bootstrap.hpp>
#include <csikit/html_report.hpp>
#include <csikit/index.hpp>
#include <csikit/ipa.hpp>
#include <csikit/model_expand.hpp>
#include <csikit/model_syntax.hpp>
#include <csikit/pls.hpp>
#include <csikit/scoring.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "support/bank.hpp"
#include "support/files.hpp"

using namespace csikit;

namespace {

std::string fixed(double x, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
    return n;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

/// The text of one <section id="...">...</section>.
std::string section_of(const std::string& html, const std::string& id) {
    const auto a = html.find("<section id=\"" + id + "\"");
    if (a == std::string::npos) return {};
    return html.substr(a, html.find("</section>", a) - a);
}

/// Everything the bank example yields, computed once.
struct bank {
    survey s = test_support::bank_survey();
    responses data = test_support::bank_responses();
    score_report scores = score(s, data);
    std::vector<segment_breakdown> segments = segment_breakdowns(s, data);
    pls_model model = pls_model::from_survey(s);
    pls_fit fit = estimate(model, data);
    bootstrap_result boot = bootstrap(model, data, fit, {.resamples = 60, .seed = 7, .threads = 1, .bca = false});
    index_result indices = compute_indices(fit, s, data);
    ipa_result map = ipa(ipma(fit, s, data, "SAT").construct_factors());

    report_input input() const {
        report_input in;
        in.schema = &s;
        in.scores = &scores;
        in.segments = segments;
        in.fit = &fit;
        in.boot = &boot;
        in.indices = &indices;
        in.ipa.push_back({"Drivers of SAT", "importance", "performance", map});
        return in;
    }
};

const bank& example() {
    static const bank b;
    return b;
}

}  // namespace

TEST_CASE("html_escape replaces the five special characters") {
    CHECK(html_escape("<a href=\"x\">Tom & Jerry's</a>") ==
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    CHECK(html_escape("满意度 70%") == "满意度 70%");  // UTF-8 passes through
    CHECK(html_escape(std::string("a\0b", 3)) == "a\uFFFDb");
}

TEST_CASE("the full report has every section, charts and no external resources") {
    const auto& b = example();
    const std::string html = html_report(b.input(), {.language = "en"});
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("Noto Sans CJK SC") != std::string::npos);
    for (const char* id : {"sec-summary", "sec-sample", "sec-index", "sec-items", "sec-waves", "sec-segments", "sec-model",
                           "sec-quality", "sec-indices", "sec-ipa", "sec-settings"})
        CHECK_MESSAGE(html.find("id=\"" + std::string(id) + "\"") != std::string::npos, id);
    // Self-contained: no scripts, no links, no fetched URLs (the SVG namespace is not fetched).
    const auto l = lower(html);
    CHECK(l.find("<script") == std::string::npos);
    CHECK(l.find("<link") == std::string::npos);
    CHECK(l.find("@import") == std::string::npos);
    CHECK(l.find("https://") == std::string::npos);
    CHECK(count(l, "http://") == count(l, "xmlns=\"http://www.w3.org/2000/svg\""));
    // Charts: index bars, per-item mini bars and distributions, dumbbell, segment bars,
    // path diagram, index bars, IPA map.
    CHECK(count(html, "<svg") >= 2 * b.scores.overall.items.size() + 6);
    CHECK(html.find("class=\"chart pathdiagram\"") != std::string::npos);
    CHECK(html.find("class=\"chart ipa\"") != std::string::npos);
    CHECK(html.find("class=\"chart dumbbell\"") != std::string::npos);
    CHECK(html.find(std::string("csikit ") + version()) != std::string::npos);
}

TEST_CASE("numbers on the page are the results' numbers") {
    const auto& b = example();
    const std::string html = html_report(b.input(), {.language = "en"});
    // The overall index and every dimension with its interval.
    const std::string index = section_of(html, "sec-index");
    for (const auto& n : b.scores.overall.nodes) {
        CHECK(index.find(fixed(n.score.mean, 1)) != std::string::npos);
        CHECK(index.find("[" + fixed(n.score.ci.lower, 1) + ", " + fixed(n.score.ci.upper, 1) + "]") != std::string::npos);
    }
    // Each path coefficient labels an arrow in the diagram, with the bootstrap's stars.
    const std::string model = section_of(html, "sec-model");
    const int sat = b.fit.construct_index("SAT"), loy = b.fit.construct_index("LOY");
    const auto& q = b.boot.get(parameter_kind::path, "SAT", "LOY");
    const std::string stars = q.p < 0.001 ? "***" : q.p < 0.01 ? "**" : q.p < 0.05 ? "*" : "";
    CHECK(model.find(">" + fixed(b.fit.paths(loy, sat), 3) + stars + "</text>") != std::string::npos);
    for (const auto& id : b.fit.constructs) CHECK(model.find(">" + id + "</text>") != std::string::npos);
    CHECK(count(model, "marker-end=") == 7);  // the bank model's seven paths
    // Reliability verdicts follow the 0.7 / 0.5 thresholds.
    const std::string quality = section_of(html, "sec-quality");
    for (Eigen::Index j = 0; j < b.fit.alpha.size(); ++j) {
        const std::string cls = b.fit.alpha[j] >= 0.7 ? "badge pass\">" : "badge fail\">";
        CHECK(quality.find(cls + fixed(b.fit.alpha[j], 3)) != std::string::npos);
        const std::string ave = b.fit.ave[j] >= 0.5 ? "badge pass\">" : "badge fail\">";
        CHECK(quality.find(ave + fixed(b.fit.ave[j], 3)) != std::string::npos);
    }
    // The HTMT lower triangle: J(J-1)/2 judged cells.
    const auto J = b.fit.constructs.size();
    const auto htmt = quality.substr(quality.find("<h3>HTMT</h3>"));
    CHECK(count(htmt.substr(0, htmt.find("</table>")), "class=\"badge ") == J * (J - 1) / 2);
}

TEST_CASE("IPA quadrant lists hold exactly the map's factors") {
    const auto& b = example();
    const std::string ipa_html = section_of(html_report(b.input(), {.language = "en"}), "sec-ipa");
    for (const quadrant q : {quadrant::concentrate_here, quadrant::keep_up, quadrant::low_priority, quadrant::possible_overkill}) {
        const auto a = ipa_html.find("<div class=\"quadrant\" data-quadrant=\"" + std::string(to_string(q)) + "\"");
        REQUIRE(a != std::string::npos);
        const auto list = ipa_html.substr(a, ipa_html.find("</ul>", a) - a);
        const auto ids = b.map.in_quadrant(q);
        CHECK(count(list, "<li>") == ids.size());
        for (const auto& id : ids) CHECK(list.find("<span class=\"id\">" + id + "</span>") != std::string::npos);
        CHECK(list.find(quadrant_label(q, "en")) != std::string::npos);
    }
    // One point per factor, and two cross-hair lines.
    CHECK(count(ipa_html, "<g class=\"point\">") == b.map.points.size());
    CHECK(count(ipa_html, "class=\"crosshair\"") == 2);
}

TEST_CASE("segments are tested against the rest of the sample") {
    const auto& b = example();
    for (const auto& seg : b.segments) {
        REQUIRE(seg.groups.size() == seg.rest.size());
        for (std::size_t i = 0; i < seg.groups.size(); ++i) CHECK(seg.groups[i].n + seg.rest[i].n == b.data.respondents());
    }
    // Count the significant differences the tests find; the page shows one mark for each.
    std::size_t significant = 0;
    for (const auto& seg : b.segments)
        for (std::size_t i = 0; i < seg.groups.size(); ++i) {
            for (const auto& n : seg.groups[i].nodes) {
                if (n.depth > 1 || !n.item.empty()) continue;
                significant += welch_test(n.score, seg.rest[i].find_node(n.id)->score).significant;
            }
            const auto& sr = *seg.groups[i].satisfaction_rate;
            const auto& rr = *seg.rest[i].satisfaction_rate;
            significant += two_proportion_test(sr.p, sr.n_eff, rr.p, rr.n_eff).significant;
            significant += nps_test(*seg.groups[i].nps, *seg.rest[i].nps).significant;
        }
    const std::string seg_html = section_of(html_report(b.input(), {.language = "en"}), "sec-segments");
    CHECK(significant > 0);  // the bank data has real segment differences
    CHECK(count(seg_html, "<span class=\"mark ") == significant);
    CHECK_THROWS_AS(segment_breakdowns(b.s, b.data, {}, {"no_such_column"}), argument_error);
}

TEST_CASE("labels follow the language option; Chinese is written as UTF-8") {
    const auto& b = example();
    const std::string zh = html_report(b.input(), {.language = "zh"});
    CHECK(zh.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(zh.find("网点客户满意度指数") != std::string::npos);
    CHECK(zh.find("满意率") != std::string::npos);
    CHECK(zh.find("急需改进") != std::string::npos);
    const std::string en = html_report(b.input(), {.language = "en"});
    CHECK(en.find("Branch satisfaction index") != std::string::npos);
    CHECK(en.find("Satisfaction rate") != std::string::npos);
    CHECK(en.find("concentrate here") != std::string::npos);
    CHECK(en.find("网点客户满意度指数") == std::string::npos);
    // No language: the schema's first one (zh for the bank example).
    CHECK(html_report(b.input()).find("网点客户满意度指数") != std::string::npos);
}

TEST_CASE("every piece of user text is escaped") {
    const auto& b = example();
    survey hostile = b.s;
    hostile.name = "</title><script>alert('name')</script>";
    hostile.items[0].text.by_language = {{"en", "<script>alert('item')</script>"}};
    hostile.constructs[0].label.by_language = {{"en", "<img src=x onerror=alert(1)>"}};
    hostile.hierarchy->label.by_language = {{"en", "\"quoted\" & <b>bold</b>"}};
    score_report scores = b.scores;
    scores.overall.items[1].id = "<script>id</script>";  // ids are user text too
    auto in = b.input();
    in.schema = &hostile;
    in.scores = &scores;
    in.segments.front().groups.front().value = "<script>segment</script>";
    in.ipa.front().title = "<script>title</script>";
    in.settings.push_back({"data", "<script>file.csv</script>"});
    const std::string html = html_report(in, {.language = "en"});
    const auto l = lower(html);
    CHECK(l.find("<script") == std::string::npos);
    CHECK(l.find("<img") == std::string::npos);
    CHECK(l.find("<b>bold") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;item&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("&lt;script&gt;id&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("&lt;script&gt;segment&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<title>&lt;/title&gt;&lt;script&gt;") != std::string::npos);
}

TEST_CASE("pieces are optional; the report is deterministic") {
    const auto& b = example();
    report_input scores_only;
    scores_only.schema = &b.s;
    scores_only.scores = &b.scores;
    const std::string a = html_report(scores_only, {.language = "en"});
    CHECK(a.find("id=\"sec-items\"") != std::string::npos);
    CHECK(a.find("id=\"sec-model\"") == std::string::npos);
    CHECK(a.find("id=\"sec-ipa\"") == std::string::npos);
    CHECK(a.find("id=\"sec-segments\"") == std::string::npos);  // no --by, no breakdowns

    report_input fit_only;
    fit_only.schema = &b.s;
    fit_only.fit = &b.fit;
    const std::string f = html_report(fit_only, {.language = "en"});
    CHECK(f.find("id=\"sec-model\"") != std::string::npos);
    CHECK(f.find("id=\"sec-quality\"") != std::string::npos);
    CHECK(f.find("id=\"sec-items\"") == std::string::npos);
    CHECK(f.find("*</text>") == std::string::npos);  // no bootstrap, no stars

    report_input none;
    CHECK_THROWS_AS(html_report(none), argument_error);
    none.schema = &b.s;
    CHECK_THROWS_AS(html_report(none), argument_error);

    CHECK(html_report(b.input(), {.language = "en"}) == html_report(b.input(), {.language = "en"}));
}

TEST_CASE("the path diagram draws a two-stage HOC's lower-order constructs with their loadings") {
    // examples/higher_order: CSI over six dimensions by two stages; the final fit holds CSI
    // only, so the six LOCs are drawn as extra nodes joined by their second-order loadings.
    const survey s = load_survey(test_support::source_path("examples/higher_order/schema.json"));
    const responses data = read_responses(test_support::bank_path("responses.csv"), s);
    const extended_fit ef = estimate_extended(pls_model::from_survey(s), data);
    REQUIRE(ef.higher_order.size() == 1);
    const higher_order_result& h = ef.higher_order[0];
    REQUIRE(h.components.size() == 6);
    report_input in;
    in.schema = &s;
    in.fit = &ef.fit;
    in.extended = &ef;
    html_options english;
    english.language = "en";
    const std::string model = section_of(html_report(in, english), "sec-model");
    CHECK(count(model, "class=\"node loc\"") == 6);
    for (std::size_t k = 0; k < h.components.size(); ++k) {
        CAPTURE(h.components[k]);
        CHECK(ef.fit.construct_index(h.components[k]) < 0);
        CHECK(model.find("\u03BB " + fixed(h.loadings[k], 3)) != std::string::npos);
    }
    CHECK(model.find("lower-order constructs of a higher-order construct") != std::string::npos);
    // Without the extended result (or for a model whose LOCs are in the fit) no LOC nodes.
    in.extended = nullptr;
    CHECK(count(section_of(html_report(in), "sec-model"), "class=\"node loc\"") == 0);
    const survey r = with_model_syntax(s, "@higher_order repeated_indicators\n"
                                          "ENV =~ ENV1 + ENV2 + ENV3\nTEL =~ TEL1 + TEL2 + TEL3\nQ =~ ENV + TEL\n"
                                          "SAT =~ SAT1 + SAT2 + SAT3\nSAT ~ Q\n");
    const extended_fit rep = estimate_extended(pls_model::from_survey(r), read_responses(test_support::bank_path("responses.csv"), r));
    in.fit = &rep.fit;
    in.extended = &rep;
    CHECK(count(section_of(html_report(in), "sec-model"), "class=\"node loc\"") == 0);
}
