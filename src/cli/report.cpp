// `csikit report`: everything at once for people who read reports. Scores the survey (with every
// segment column against the rest), estimates the PLS path model when the schema declares one
// (optionally bootstrapped), computes construct indices and the importance-performance map of
// the satisfaction construct, and writes DIR/report.html and DIR/report.json.
#include "cli.hpp"

#include <csikit/bootstrap.hpp>
#include <csikit/html_report.hpp>
#include <csikit/index.hpp>
#include <csikit/ipa.hpp>
#include <csikit/report.hpp>
#include <csikit/scoring.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace {

const char* report_usage =
    "usage: csikit report --schema S --data D --out DIR [--lang zh|en] [--title TEXT]\n"
    "                     [--bootstrap N [--seed K] [--threads T]] [--threshold 70] [--level 0.95]\n"
    "\n"
    "Writes DIR/report.html (one self-contained page: inline CSS and SVG charts, no scripts, works\n"
    "offline) and DIR/report.json. The report holds the sample, the hierarchy index and every\n"
    "item's score and distribution, wave-over-wave changes and every segment column against the\n"
    "rest of the sample, all with intervals and tests. When the schema declares constructs and\n"
    "paths it adds the PLS path diagram, reliability and validity, construct indices, impacts and\n"
    "the importance-performance map (IPMA) of the satisfaction construct (the construct holding\n"
    "the schema's overall_item, else the one with the most predecessors).\n"
    "--lang picks the label language (default: the schema's first language). --bootstrap N adds\n"
    "significance stars from N resamples (seed K, default 1).\n"
    "\n"
    "Exit status: 0 done, 2 bad input (one line per problem on stderr).";

using csikit_cli::args;
using nlohmann::json;

/// The construct the priority map explains: the one holding the overall-satisfaction item, else
/// the one with the most incoming paths (the satisfaction construct in ACSI/ECSI/CCSI models).
std::string target_construct(const csikit::survey& s, const csikit::pls_fit& fit) {
    if (!s.overall_item.empty())
        for (const auto& c : s.constructs)
            if (std::find(c.items.begin(), c.items.end(), s.overall_item) != c.items.end()) return c.id;
    std::string best;
    long most = 0;
    const auto J = static_cast<Eigen::Index>(fit.constructs.size());
    for (Eigen::Index t = 0; t < J; ++t) {
        long in = 0;
        for (Eigen::Index f = 0; f < J; ++f) in += fit.paths(t, f) != 0;
        if (in > most) {
            most = in;
            best = fit.constructs[static_cast<std::size_t>(t)];
        }
    }
    return best;
}

json ipa_json(const csikit::ipa_section& sec) {
    json points = json::array();
    for (const auto& p : sec.map.points)
        points.push_back({{"id", p.id}, {"importance", p.importance}, {"performance", p.performance},
                          {"quadrant", csikit::to_string(p.where)}});
    return {{"title", sec.title},
            {"crosshair", csikit::to_string(sec.map.options.rule)},
            {"importance_cut", sec.map.importance_cut},
            {"performance_cut", sec.map.performance_cut},
            {"points", points}};
}

json indices_json(const csikit::index_result& r) {
    json out = json::array();
    const auto num = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
    for (const auto& k : r.constructs)
        out.push_back({{"construct", k.construct},
                       {"index", num(k.index)},
                       {"mean", k.has_respondents ? num(k.overall.mean) : json(nullptr)},
                       {"ci_low", k.has_respondents ? num(k.overall.ci_low) : json(nullptr)},
                       {"ci_high", k.has_respondents ? num(k.overall.ci_high) : json(nullptr)},
                       {"n", k.has_respondents ? json(k.overall.n) : json(nullptr)}});
    return out;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    if (!f || !(f << text)) throw csikit::io_error({path.string(), 0, ""}, "cannot write the file (expected a writable directory)");
}

int run_report(const args& a, std::ostream& out, std::ostream& err) {
    a.allow_only({"schema", "data", "out", "lang", "title", "bootstrap", "seed", "threads", "threshold", "level"});
    const std::string schema_path = a.require("schema");
    const std::string data_path = a.require("data");
    const std::string dir = a.require("out");
    const std::string lang = a.get("lang").value_or("");
    const long resamples = a.get_int("bootstrap", 0);
    if (resamples < 0 || resamples == 1)
        throw csikit::argument_error({{}, 0, "--bootstrap"}, std::to_string(resamples) + " resamples (expected 0 or >= 2)");
    const long seed = a.get_int("seed", 1);
    if (seed < 0) throw csikit::argument_error({{}, 0, "--seed"}, "negative seed (expected >= 0)");
    const long threads = a.get_int("threads", 0);
    if (threads < 0) throw csikit::argument_error({{}, 0, "--threads"}, "negative thread count (expected >= 0)");

    const csikit::survey s = csikit::load_survey(schema_path);
    const csikit::responses data = csikit::read_responses(data_path, s);

    csikit::score_options so;
    so.language = lang;
    so.threshold = a.get_double("threshold", so.threshold);
    if (!(so.threshold >= 0 && so.threshold <= 100))
        throw csikit::argument_error({{}, 0, "--threshold"}, "outside 0..100 (expected a 0-100 score, e.g. 70)");
    so.level = a.get_double("level", so.level);
    if (!(so.level > 0 && so.level < 1))
        throw csikit::argument_error({{}, 0, "--level"}, "not a confidence level (expected 0 < level < 1, e.g. 0.95)");
    const csikit::score_report scores = csikit::score(s, data, so);

    csikit::report_input in;
    in.schema = &s;
    in.scores = &scores;
    in.segments = csikit::segment_breakdowns(s, data, so);
    in.settings = {{"schema", schema_path}, {"data", data_path}};

    // The model part runs only when the schema declares one; trouble in the optional extras
    // (indices refuse negative weights, for instance) is reported in the page, not fatal.
    std::optional<csikit::pls_fit> fit;
    std::optional<csikit::bootstrap_result> boot;
    std::optional<csikit::index_result> indices;
    if (!s.constructs.empty() && !s.paths.empty()) {
        const auto model = csikit::pls_model::from_survey(s);
        fit = csikit::estimate(model, data);
        in.fit = &*fit;
        if (resamples > 0) {
            csikit::bootstrap_options bo;
            bo.resamples = static_cast<std::size_t>(resamples);
            bo.seed = static_cast<std::uint64_t>(seed);
            bo.threads = static_cast<unsigned>(threads);
            boot = csikit::bootstrap(model, data, *fit, bo);
            in.boot = &*boot;
        }
        try {
            indices = csikit::compute_indices(*fit, s, data);
            in.indices = &*indices;
        } catch (const csikit::error& e) {
            in.settings.emplace_back("indices", std::string("not computed: ") + e.what());
        }
        const std::string target = target_construct(s, *fit);
        if (!target.empty()) try {
                const auto r = csikit::ipma(*fit, s, data, target);
                const bool zh = (lang.empty() && !s.languages.empty() ? s.languages.front() : lang).rfind("zh", 0) == 0;
                const std::string of = zh ? "的驱动因素" : "Drivers of ";
                const std::string imp = zh ? "重要性（对 " + target + " 的总效应，百分制）"
                                           : "importance (total effect on " + target + ", 0-100 metric)";
                const std::string perf = zh ? "表现（指数，0-100）" : "performance (index, 0-100)";
                if (const auto f = r.construct_factors(); !f.empty())
                    in.ipa.push_back({zh ? target + of + "（潜变量层面）" : of + target + " (constructs)", imp, perf,
                                      csikit::ipa(f)});
                if (const auto f = r.indicator_factors(); !f.empty())
                    in.ipa.push_back({zh ? target + of + "（题项层面）" : of + target + " (items)", imp,
                                      zh ? "表现（题项得分，0-100）" : "performance (item score, 0-100)", csikit::ipa(f)});
            } catch (const csikit::error& e) {
                in.settings.emplace_back("ipa", std::string("not computed: ") + e.what());
            }
    }

    csikit::html_options ho;
    ho.language = lang;
    ho.title = a.get("title").value_or("");
    const std::string html = csikit::html_report(in, ho);

    json doc = fit ? json::parse(csikit::to_json(*fit, boot ? &*boot : nullptr, &s)) : json{{"csikit_version", csikit::version()}};
    doc["scores"] = json::parse(csikit::to_json(scores));
    if (indices) doc["indices"] = indices_json(*indices);
    if (!in.ipa.empty()) {
        doc["ipa"] = json::array();
        for (const auto& sec : in.ipa) doc["ipa"].push_back(ipa_json(sec));
    }

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw csikit::io_error({dir, 0, ""}, "cannot create the directory (" + ec.message() + ")");
    const auto html_path = std::filesystem::path(dir) / "report.html";
    const auto json_path = std::filesystem::path(dir) / "report.json";
    write_file(html_path, html);
    write_file(json_path, doc.dump(2) + "\n");
    out << "report: " << html_path.string() << "\nreport: " << json_path.string() << "\n";
    (void)err;
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"report", "write report.html (charts, tables) and report.json from a survey and its answers", report_usage,
                run_report, {}});
