// `csikit simulate`: survey answers drawn from a known population path model (csikit/simulate.hpp),
// written as DIR/schema.json + DIR/responses.csv (what `csikit analyze` reads) and
// DIR/population.json (the true paths and loadings, to compare estimates with).
#include "cli.hpp"
#include "output_file.hpp"

#include <csikit/format.hpp>
#include <csikit/limits.hpp>
#include <csikit/presets.hpp>
#include <csikit/schema.hpp>
#include <csikit/simulate.hpp>

#include <Eigen/Core>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

const char* simulate_usage =
    "usage: csikit simulate --model acsi|ecsi|ccsi|SCHEMA --n N --out DIR [--seed K]\n"
    "                       [--scale-points 10] [--missing-rate 0.02] [--drop-complaints]\n"
    "\n"
    "Draws N respondents from a population model and writes DIR/schema.json, DIR/responses.csv\n"
    "and DIR/population.json (the true standardised paths and loadings). A preset gets 3 items\n"
    "per construct (ID1..ID3) on a 1..K scale (K = --scale-points, default 10), bound with the\n"
    "schema's \"model\" block. SCHEMA (a schema file) keeps its own constructs, paths and scales.\n"
    "Population: loadings 0.85, 0.80, 0.75 (repeating within each block); a path into a\n"
    "construct with 1, 2 or 3+ predictors is 0.5, 0.4 or 0.3, except paths into a complaints\n"
    "construct: -0.3 (satisfied customers complain less); exogenous constructs correlate 0.3;\n"
    "where the predictors would explain more than 70% of a construct, its paths are scaled down\n"
    "to R2 = 0.7. population.json has the paths actually used.\n"
    "Each answer is left empty with probability --missing-rate (default 0). Same seed, same data.";

using csikit_cli::args;

/// Default population coefficient of a path into a construct with `k` predictors.
double default_path(std::size_t k) { return k <= 1 ? 0.5 : k == 2 ? 0.4 : 0.3; }

/// Default loading of the i-th item of a block.
double default_loading(std::size_t i) {
    static const double l[] = {0.85, 0.80, 0.75};
    return l[i % 3];
}

/// Scales down the paths into any construct whose predictors would explain more than
/// `max_r2` of its variance (the defaults overshoot with many correlated predictors), working
/// through the constructs in causal order with the implied construct correlations.
void calibrate(csikit::population_model& pop, double max_r2) {
    const auto& cons = pop.model.constructs;
    const auto J = static_cast<Eigen::Index>(cons.size());
    std::map<std::string, Eigen::Index> at;
    for (Eigen::Index j = 0; j < J; ++j) at[cons[static_cast<std::size_t>(j)].id] = j;
    Eigen::MatrixXd C = Eigen::MatrixXd::Identity(J, J);
    std::vector<bool> done(static_cast<std::size_t>(J), false);
    std::vector<Eigen::Index> placed;
    for (Eigen::Index round = 0; round < J; ++round) {
        for (Eigen::Index j = 0; j < J; ++j) {
            if (done[static_cast<std::size_t>(j)]) continue;
            std::vector<std::size_t> in;  // indices into pop.model.paths
            bool ready = true;
            for (std::size_t k = 0; k < pop.model.paths.size(); ++k)
                if (at[pop.model.paths[k].to] == j) {
                    in.push_back(k);
                    ready = ready && done[static_cast<std::size_t>(at[pop.model.paths[k].from])];
                }
            if (!ready) continue;
            auto explained = [&] {
                double e = 0;
                for (std::size_t a : in)
                    for (std::size_t b : in)
                        e += pop.path_coefficients[a] * pop.path_coefficients[b] *
                             C(at[pop.model.paths[a].from], at[pop.model.paths[b].from]);
                return e;
            };
            if (in.empty()) {
                for (Eigen::Index k : placed) {
                    bool exo = true;
                    for (const auto& e : pop.model.paths) exo = exo && at[e.to] != k;
                    if (exo) C(j, k) = C(k, j) = pop.exogenous_correlation;
                }
            } else {
                const double e = explained();
                if (e > max_r2)
                    for (std::size_t k : in) pop.path_coefficients[k] *= std::sqrt(max_r2 / e);
                for (Eigen::Index k : placed) {
                    double c = 0;
                    for (std::size_t q : in) c += pop.path_coefficients[q] * C(at[pop.model.paths[q].from], k);
                    C(j, k) = C(k, j) = c;
                }
            }
            done[static_cast<std::size_t>(j)] = true;
            placed.push_back(j);
        }
    }
}

std::string number(double x) {
    if (x == std::floor(x) && std::abs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    return csikit::format_shortest(x);  // '.' whatever the host's locale
}

/// A survey for a preset: one scale 1..K, 3 items per construct, the "model" block.
csikit::survey preset_survey(const csikit::preset_model& pm, int points, bool drop_complaints) {
    csikit::survey s;
    s.name = "Simulated " + pm.title.get("en") + " survey (csikit simulate)";
    csikit::scale sc;
    sc.id = std::string("k").append(std::to_string(points));  // not "k" + std::string&&: GCC 12 warns falsely
    sc.min = 1;
    sc.max = points;
    s.scales.push_back(sc);
    csikit::model_binding m;
    m.preset = pm.name;
    m.drop_complaints = drop_complaints;
    for (const auto& c : pm.constructs) {
        if (drop_complaints && c.role == "complaints") continue;
        for (int i = 1; i <= 3; ++i) {
            csikit::item it;
            it.id = c.id + std::to_string(i);
            it.text.by_language["en"] = c.label.get("en") + " " + std::to_string(i);
            it.scale = sc.id;
            s.items.push_back(it);
            m.constructs[c.id].push_back(it.id);
        }
    }
    s.model = m;
    // Parse the written form back: it expands the model block like any user's schema.
    return csikit::parse_survey(csikit::to_json_text(s), "<simulate>");
}

int run_simulate(const args& a, std::ostream& out, std::ostream&) {
    const std::string model_name = a.require("model");
    a.require("n");
    const std::uint64_t n = a.get_whole("n", 0, csikit::simulate_n_range.min, csikit::simulate_n_range.max);
    const std::uint64_t seed = a.get_whole("seed", 1, csikit::seed_range.min, csikit::seed_range.max);
    const std::string dir = a.require("out");
    const long points = static_cast<long>(a.get_whole("scale-points", 10, 2, 101));
    if (points < 2 || points > 101)
        throw csikit::argument_error({{}, 0, "--scale-points"}, std::to_string(points) + " points (expected 2..101)");
    const double missing_rate = a.get_double("missing-rate", 0.0);
    if (!(missing_rate >= 0 && missing_rate < 1))
        throw csikit::argument_error({{}, 0, "--missing-rate"}, number(missing_rate) + " (expected 0 <= rate < 1)");
    const bool drop = a.has("drop-complaints");

    csikit::survey s;
    std::string role_complaints;  // construct id with role "complaints" (negative paths into it)
    auto names = csikit::preset_names();
    std::string lower = model_name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(names.begin(), names.end(), lower) != names.end()) {
        const csikit::preset_model pm = csikit::preset(lower);
        s = preset_survey(pm, static_cast<int>(points), drop);
        for (const auto& c : pm.constructs)
            if (c.role == "complaints") role_complaints = c.id;
    } else {
        std::error_code exists_error;
        const bool exists = std::filesystem::exists(model_name, exists_error);
        if (exists_error)  // a symlink loop, a directory without permission: the file's problem
            throw csikit::io_error({model_name, 0, ""}, "cannot read the file (" + exists_error.message() +
                                                            "; expected a preset name or a readable schema file)");
        if (!exists)
            throw csikit::argument_error({{}, 0, "--model"}, "\"" + model_name +
                                                              "\" is neither a preset nor a schema file (expected acsi, ecsi, ccsi or a schema.json)");
        if (a.has("drop-complaints"))
            throw csikit::argument_error({{}, 0, "--drop-complaints"}, "only applies to a preset (expected --model acsi|ecsi|ccsi)");
        s = csikit::load_survey(model_name);
        if (s.model) {
            try {
                for (const auto& c : csikit::preset(s.model->preset).constructs)
                    if (c.role == "complaints") role_complaints = c.id;
            } catch (const csikit::error&) {
            }
        }
        if (s.constructs.empty())
            throw csikit::argument_error({{}, 0, "--model"}, model_name + ": the schema has no constructs (expected an index model to simulate from)");
    }

    // The population model.
    csikit::population_model pop;
    pop.model = csikit::pls_model::from_survey(s);
    std::map<std::string, std::size_t> predictors;
    for (const auto& p : pop.model.paths) ++predictors[p.to];
    for (const auto& p : pop.model.paths)
        pop.path_coefficients.push_back(p.to == role_complaints && !role_complaints.empty() ? -0.3 : default_path(predictors[p.to]));
    for (const auto& c : pop.model.constructs)
        for (std::size_t i = 0; i < c.items.size(); ++i) pop.loadings.push_back(default_loading(i));
    pop.exogenous_correlation = 0.3;
    calibrate(pop, 0.7);

    csikit::simulate_options so;
    so.seed = seed;
    so.scale_points = 0;  // continuous; each item is cut to its own scale below
    const csikit::simulated_data sim = csikit::simulate(pop, static_cast<std::size_t>(n), so);

    // CSV: every schema column. Construct items from the model, other items uniform on their
    // scale, weight 1, segments "A"/"B" alternating, the wave "W1" then "W2" (halves).
    std::mt19937_64 rng(static_cast<std::uint64_t>(seed) ^ 0x5eedULL);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::string> header;
    for (const auto& it : s.items) header.push_back(it.column_name());
    if (!s.weight_column.empty()) header.push_back(s.weight_column);
    for (const auto& c : s.segment_columns) header.push_back(c);
    if (!s.wave_column.empty()) header.push_back(s.wave_column);

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto path_of = [&](const char* name) { return (std::filesystem::path(dir) / name).string(); };
    auto write = [&](const std::string& path, const std::string& text) {
        if (ec) throw csikit::io_error({path, 0, ""}, "cannot create the folder (expected a writable directory)");
        csikit_cli::write_output_file(path, text, "the file");
    };

    std::ostringstream csv;
    for (std::size_t k = 0; k < header.size(); ++k) csv << (k ? "," : "") << header[k];
    csv << "\n";
    for (std::uint64_t r = 0; r < n; ++r) {
        std::string line;
        for (const auto& it : s.items) {
            const csikit::scale& sc = s.scale_of(it.id);
            const double K = sc.max - sc.min + 1;
            const auto col = std::find(sim.item_ids.begin(), sim.item_ids.end(), it.id);
            double x;
            if (col != sim.item_ids.end()) {
                const double z = sim.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(col - sim.item_ids.begin()));
                x = std::clamp(std::round((z + 3.0) / 6.0 * (K - 1.0)), 0.0, K - 1.0) + sc.min;
            } else {
                x = sc.min + std::floor(unit(rng) * K);
                x = std::min(x, sc.max);
            }
            if (it.reverse) x = sc.min + sc.max - x;  // the reader recodes it back
            const bool missing = missing_rate > 0 && unit(rng) < missing_rate;
            if (&it != &s.items.front()) line += ',';
            if (!missing) line += number(x);
        }
        if (!s.weight_column.empty()) line += ",1";
        for (std::size_t k = 0; k < s.segment_columns.size(); ++k) line += r % 2 ? ",B" : ",A";
        if (!s.wave_column.empty()) line += r < n / 2 ? ",W1" : ",W2";
        csv << line << "\n";
    }

    nlohmann::ordered_json popj;
    popj["model"] = model_name;
    popj["n"] = n;
    popj["seed"] = seed;
    popj["scale_points"] = points;
    popj["missing_rate"] = missing_rate;
    popj["exogenous_correlation"] = pop.exogenous_correlation;
    nlohmann::ordered_json paths = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < pop.model.paths.size(); ++k)
        paths.push_back({{"from", pop.model.paths[k].from}, {"to", pop.model.paths[k].to}, {"coefficient", pop.path_coefficients[k]}});
    popj["paths"] = std::move(paths);
    nlohmann::ordered_json loadings = nlohmann::ordered_json::array();
    const auto ind = pop.model.indicators();
    for (std::size_t k = 0; k < ind.size(); ++k) loadings.push_back({{"item", ind[k]}, {"loading", pop.loadings[k]}});
    popj["loadings"] = std::move(loadings);

    write(path_of("schema.json"), csikit::to_json_text(s));
    write(path_of("responses.csv"), csv.str());
    write(path_of("population.json"), popj.dump(2) + "\n");
    out << "csikit simulate: " << n << " respondents from " << model_name << " (seed " << seed << ") -> "
        << path_of("schema.json") << ", " << path_of("responses.csv") << ", " << path_of("population.json") << "\n";
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"simulate", "draw survey answers from a population index model (preset or schema)", simulate_usage,
                run_simulate, {{"model", "n", "seed", "out", "scale-points", "missing-rate"}, {"drop-complaints"}}});
