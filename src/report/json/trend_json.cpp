// to_json(trend_report): the trend document (docs/trend.md). NaN and infinities become null.
#include "json_write.hpp"

CSIKIT_NAMESPACE_BEGIN

namespace {

using json_write::json;
using json_write::num;

json to_j(const interval& i) { return json::array({num(i.lower), num(i.upper)}); }

json to_j(const test_result& t) {
    return {{"difference", num(t.difference)}, {"ci", to_j(t.ci)}, {"statistic", num(t.statistic)},
            {"df", num(t.df)},                 {"p", num(t.p_value)}, {"significant", t.significant}};
}

json to_j(const trend_change& c) {
    return {{"from", c.from}, {"to", c.to}, {"before", num(c.before)}, {"after", num(c.after)}, {"test", to_j(c.test)}};
}

json to_j(const trend_test& t) {
    return {{"slope", num(t.slope)},   {"se", num(t.se)},         {"statistic", num(t.statistic)},
            {"p", num(t.p_value)},     {"ci", to_j(t.ci)},        {"significant", t.significant},
            {"intercept", num(t.intercept)}, {"q", num(t.q)},     {"q_df", t.q_df},
            {"q_p", num(t.q_p)}};
}

json to_j(const trend_series& s) {
    json points = json::array();
    for (const auto& p : s.points)
        points.push_back({{"wave", p.wave}, {"estimate", num(p.estimate)}, {"se", num(p.se)}, {"ci", to_j(p.ci)},
                          {"n", p.n}, {"n_eff", num(p.n_eff)}, {"lower_limit", num(p.lower_limit)},
                          {"upper_limit", num(p.upper_limit)}, {"out_of_control", p.out_of_control}});
    json consecutive = json::array();
    for (const auto& c : s.consecutive) consecutive.push_back(to_j(c));
    return {{"figure", to_string(s.figure)}, {"id", s.id}, {"label", s.label},
            {"unit", is_share(s.figure) ? "share" : s.figure == trend_figure::nps ? "nps" : "score"},
            {"center", num(s.center)}, {"pooled_sd", num(s.pooled_sd)}, {"out_of_control", s.out_of_control},
            {"trend", to_j(s.trend)}, {"first_last", to_j(s.first_last)}, {"consecutive", std::move(consecutive)},
            {"points", std::move(points)}};
}

}  // namespace

std::string to_json(const trend_report& r, int indent) {
    const auto& so = r.options.scoring;
    json j;
    j["analysis"] = "trend";
    j["wave_column"] = r.wave_column;
    j["options"] = {{"control_sigma", num(r.options.control_sigma)}, {"level", num(so.level)},
                    {"rescale", to_string(so.rescale)}, {"aggregate", to_string(so.aggregate)},
                    {"threshold", num(so.threshold)}, {"interval", to_string(so.interval)},
                    {"trend_test", "WLS on wave order, inverse-variance weights (shares: pooled p, Cochran-Armitage)"}};
    j["waves"] = json::array();
    for (const auto& w : r.waves) j["waves"].push_back({{"value", w.value}, {"respondents", w.respondents}, {"n_eff", num(w.n_eff)}});
    j["series"] = json::array();
    for (const auto& s : r.series) j["series"].push_back(to_j(s));
    j["notes"] = r.notes;
    return json_write::dump(j, indent);
}

CSIKIT_NAMESPACE_END
