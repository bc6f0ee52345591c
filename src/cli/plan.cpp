// `csikit plan`: sample sizes, margins of error and stratified allocation (docs/sampling.md).
#include "cli.hpp"

#include <csikit/format.hpp>
#include <csikit/limits.hpp>
#include <csikit/sampling.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace {

using nlohmann::json;

const char* plan_usage =
    "usage:\n"
    "  csikit plan proportion --margin E [--level 0.95] [--p 0.5] [--population N] [--fpc cochran|simple] [--json]\n"
    "  csikit plan mean --sd S --margin E [--level 0.95] [--population N] [--fpc cochran|simple] [--json]\n"
    "  csikit plan allocate --total n --strata N1,N2,... [--sd S1,S2,...] [--cost C1,C2,...]\n"
    "                       [--method proportional|neyman] [--min M] [--json]\n"
    "  csikit plan moe --n n [--p 0.5 | --sd S] [--level 0.95] [--population N] [--deff 1] [--json]\n"
    "\n"
    "proportion: n0 = z^2 p(1-p)/e^2 (e as a proportion, 0.05 = +-5 points); mean: n0 = (z S/e)^2.\n"
    "--population applies the finite-population correction: cochran n0/(1+(n0-1)/N) (default) or\n"
    "simple n0/(1+n0/N). allocate: Neyman needs --sd (default method: neyman when --sd is given,\n"
    "else proportional); --min raises small strata, every stratum is capped at N_h; integers keep\n"
    "the total (largest remainder). moe: z sqrt(p(1-p)/n) sqrt(deff) sqrt((N-n)/(N-1)).";

std::vector<double> number_list(const csikit_cli::args& a, const std::string& name) {
    std::vector<double> out;
    const auto text = a.get(name);
    if (!text) return out;
    std::stringstream ss(*text);
    std::string part;
    while (std::getline(ss, part, ',')) {
        double v = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);  // locale-independent
        if (ec == std::errc() && end == part.data() + part.size() && std::isfinite(v)) {
            out.push_back(v);
            continue;
        }
        throw csikit::argument_error({{}, 0, "--" + name}, "\"" + part + "\" is not a number (expected a comma-separated list)");
    }
    return out;
}

std::optional<double> population(const csikit_cli::args& a) {
    if (!a.has("population")) return std::nullopt;
    return a.get_double("population", 0);
}

csikit::fpc_formula fpc(const csikit_cli::args& a) {
    const std::string f = a.get("fpc").value_or("cochran");
    if (f == "cochran") return csikit::fpc_formula::cochran;
    if (f == "simple") return csikit::fpc_formula::simple;
    throw csikit::argument_error({{}, 0, "--fpc"}, "\"" + f + "\" is unknown (expected cochran or simple)");
}

std::string fixed(double x, int digits) { return csikit::format_fixed(x, digits); }

void line(std::ostream& out, const std::string& key, const std::string& value) {
    out << "  " << std::left << std::setw(22) << key << value << "\n";
}

json size_json(const csikit::sample_size& s, double level) {
    json j{{"level", level}, {"z", s.z}, {"n0", s.n0}, {"adjusted", s.adjusted}, {"n", s.n}};
    j["population"] = s.population ? json(*s.population) : json(nullptr);
    j["fpc"] = s.formula == csikit::fpc_formula::cochran ? "cochran" : "simple";
    return j;
}

void print_size(std::ostream& out, const csikit::sample_size& s, double level) {
    line(out, "confidence level", fixed(100 * level, 1) + "% (z = " + fixed(s.z, 4) + ")");
    line(out, "n0 (infinite N)", fixed(s.n0, 2));
    if (s.population) {
        line(out, "population N", fixed(*s.population, 0));
        line(out, "FPC", s.formula == csikit::fpc_formula::cochran ? "cochran: n0/(1+(n0-1)/N)" : "simple: n0/(1+n0/N)");
        line(out, "n after FPC", fixed(s.adjusted, 2));
    }
    line(out, "respondents needed", std::to_string(s.n));
}

/// A sample size as JSON (`fields` added to the common ones) with --json, else as text under `title`.
int write_size(const csikit_cli::args& a, std::ostream& out, const csikit::sample_size& s, double level,
               const json& fields, const std::string& title) {
    if (a.has("json")) {
        json j = size_json(s, level);
        j.update(fields);
        out << j.dump(2) << "\n";
        return 0;
    }
    out << title << "\n";
    print_size(out, s, level);
    return 0;
}

int run_proportion(const csikit_cli::args& a, std::ostream& out) {
    a.require("margin");
    const double level = a.get_double("level", 0.95), p = a.get_double("p", 0.5);
    const double margin = a.get_double("margin", 0);
    const auto s = csikit::sample_size_proportion(margin, level, p, population(a), fpc(a));
    return write_size(a, out, s, level, {{"kind", "proportion"}, {"margin", margin}, {"p", p}},
                      "sample size for a proportion (margin +-" + csikit::format_general(margin) +
                          ", p = " + csikit::format_general(p) + ")");
}

int run_mean(const csikit_cli::args& a, std::ostream& out) {
    a.require("sd");
    a.require("margin");
    const double level = a.get_double("level", 0.95), sd = a.get_double("sd", 0), margin = a.get_double("margin", 0);
    const auto s = csikit::sample_size_mean(sd, margin, level, population(a), fpc(a));
    return write_size(a, out, s, level, {{"kind", "mean"}, {"margin", margin}, {"sd", sd}},
                      "sample size for a mean (sd " + csikit::format_general(sd) + ", margin +-" +
                          csikit::format_general(margin) + ")");
}

int run_allocate(const csikit_cli::args& a, std::ostream& out) {
    a.require("strata");
    a.require("total");
    const std::uint64_t total = a.get_whole("total", 0, 0, csikit::plan_n_range.max);
    csikit::allocation_options o;
    o.sd = number_list(a, "sd");
    o.cost = number_list(a, "cost");
    o.minimum = a.get_double("min", 0);
    const std::string method = a.get("method").value_or(o.sd.empty() ? "proportional" : "neyman");
    if (method == "neyman") o.method = csikit::allocation_method::neyman;
    else if (method == "proportional") o.method = csikit::allocation_method::proportional;
    else throw csikit::argument_error({{}, 0, "--method"}, "\"" + method + "\" is unknown (expected proportional or neyman)");
    const std::vector<double> strata = number_list(a, "strata");
    const auto r = csikit::allocate(static_cast<std::size_t>(total), strata, o);
    if (a.has("json")) {
        json j{{"kind", "allocation"}, {"method", method}, {"total", total}, {"minimum", o.minimum}};
        j["strata"] = json::array();
        for (std::size_t h = 0; h < strata.size(); ++h) {
            json s{{"population", strata[h]}, {"exact", r.exact[h]}, {"n", r.n[h]},
                   {"at_minimum", static_cast<bool>(r.at_minimum[h])}, {"at_cap", static_cast<bool>(r.at_cap[h])}};
            if (!o.sd.empty()) s["sd"] = o.sd[h];
            j["strata"].push_back(s);
        }
        j["variance"] = std::isnan(r.variance) ? json(nullptr) : json(r.variance);
        out << j.dump(2) << "\n";
        return 0;
    }
    out << method << " allocation of " << total << " respondents\n";
    out << "  stratum        N_h      exact      n_h\n";
    for (std::size_t h = 0; h < strata.size(); ++h) {
        out << "  " << std::left << std::setw(8) << (h + 1) << std::right << std::setw(9) << fixed(strata[h], 0)
            << std::setw(11) << fixed(r.exact[h], 1) << std::setw(9) << r.n[h]
            << (r.at_minimum[h] ? "  (raised to minimum)" : "") << (r.at_cap[h] ? "  (capped at N_h)" : "") << "\n";
    }
    if (!std::isnan(r.variance)) line(out, "variance of mean", fixed(r.variance, 6) + " (se " + fixed(std::sqrt(r.variance), 4) + ")");
    return 0;
}

int run_moe(const csikit_cli::args& a, std::ostream& out) {
    a.require("n");
    const std::uint64_t n = a.get_whole("n", 0, csikit::plan_n_range.min, csikit::plan_n_range.max);
    const double level = a.get_double("level", 0.95), deff = a.get_double("deff", 1.0);
    if (a.has("p") && a.has("sd")) throw csikit::argument_error({{}, 0, "--sd"}, "cannot be combined with --p (expected one)");
    const bool mean = a.has("sd");
    const auto m = mean ? csikit::moe_mean(static_cast<std::size_t>(n), a.get_double("sd", 0), level, population(a), deff)
                        : csikit::moe_proportion(static_cast<std::size_t>(n), a.get_double("p", 0.5), level, population(a), deff);
    if (a.has("json")) {
        json j{{"kind", mean ? "moe_mean" : "moe_proportion"}, {"n", n}, {"level", level}, {"z", m.z}, {"se", m.se},
               {"deff", m.deff}, {"fpc", m.fpc}, {"margin", m.margin}};
        j["population"] = a.has("population") ? json(a.get_double("population", 0)) : json(nullptr);
        if (!mean) j["p"] = m.p;
        out << j.dump(2) << "\n";
        return 0;
    }
    out << "margin of error of a " << (mean ? "mean" : "proportion") << " from " << n << " respondents\n";
    line(out, "confidence level", fixed(100 * level, 1) + "% (z = " + fixed(m.z, 4) + ")");
    if (!mean) line(out, "p", fixed(m.p, 3));
    line(out, "design effect", fixed(m.deff, 3));
    if (a.has("population")) line(out, "FPC factor", fixed(m.fpc, 4));
    line(out, "margin of error", "+-" + fixed(m.margin, 4) + (mean ? "" : " (+-" + fixed(100 * m.margin, 2) + " points)"));
    return 0;
}

int run_plan(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    const auto& pos = a.positional();
    if (pos.size() != 1)
        throw csikit::argument_error({{}, 0, "plan"}, "expected one of proportion, mean, allocate, moe");
    const auto& known = csikit_cli::registry().at("plan").subcommands;
    if (known.count(pos[0])) a.allow_only(known.at(pos[0]));
    if (pos[0] == "proportion") return run_proportion(a, out);
    if (pos[0] == "mean") return run_mean(a, out);
    if (pos[0] == "allocate") return run_allocate(a, out);
    if (pos[0] == "moe") return run_moe(a, out);
    throw csikit::argument_error({{}, 0, "plan"}, "unknown plan \"" + pos[0] + "\" (expected proportion, mean, allocate or moe)");
}

}  // namespace

CSIKIT_COMMAND({"plan", "sample sizes, margins of error and stratified allocation", plan_usage, run_plan, {},
                {{"proportion", {{"margin", "level", "p", "population", "fpc"}, {"json"}}},
                 {"mean", {{"sd", "margin", "level", "population", "fpc"}, {"json"}}},
                 {"allocate", {{"total", "strata", "sd", "cost", "method", "min"}, {"json"}}},
                 {"moe", {{"n", "p", "sd", "level", "population", "deff"}, {"json"}}}}});
