// The argument parser of the command line (cli.hpp): `--name value`, `--name=value`, switches,
// whole numbers with their ranges, and the options a command accepts.
#include "cli.hpp"

#include <csikit/format.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>

namespace csikit_cli {

args::args(const std::vector<std::string>& argv, const std::vector<std::string>& flags) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string name = a.substr(2), value;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (std::find(flags.begin(), flags.end(), name) == flags.end()) {
                if (i + 1 >= argv.size())
                    throw csikit::argument_error({{}, 0, "--" + name}, "needs a value");
                value = argv[++i];
            }
            values_.emplace(name, value);
        } else {
            positional_.push_back(a);
        }
    }
}

std::optional<std::string> args::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string args::require(const std::string& name) const {
    auto v = get(name);
    if (!v) throw csikit::argument_error({{}, 0, "--" + name}, "is required");
    return *v;
}

std::vector<std::string> args::all(const std::string& name) const {
    std::vector<std::string> out;
    auto [b, e] = values_.equal_range(name);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
}

namespace {

[[noreturn]] void not_whole(const std::string& name, const std::string& text, std::uint64_t lo, std::uint64_t hi) {
    throw csikit::argument_error({{}, 0, "--" + name}, "\"" + text + "\" is not a whole number in " + std::to_string(lo) +
                                                           ".." + std::to_string(hi) + " (expected " + std::to_string(lo) +
                                                           " <= N <= " + std::to_string(hi) + ")");
}

}  // namespace

std::uint64_t args::get_whole(const std::string& name, std::uint64_t fallback, std::uint64_t minimum,
                              std::uint64_t maximum) const {
    auto v = get(name);
    if (!v) return fallback;
    std::uint64_t out = 0;
    const char* end = v->data() + v->size();
    auto [p, ec] = std::from_chars(v->data(), end, out);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && p == end && (out < minimum || out > maximum)))
        throw csikit::argument_error({{}, 0, "--" + name}, *v + " is outside " + std::to_string(minimum) + ".." +
                                                               std::to_string(maximum) + " (expected " + std::to_string(minimum) +
                                                               " <= N <= " + std::to_string(maximum) + ")");
    if (!v->empty() && (*v)[0] == '-') {  // a negative number: below any minimum
        long long neg = 0;
        auto [q, ec2] = std::from_chars(v->data(), end, neg);
        if ((ec2 == std::errc() || ec2 == std::errc::result_out_of_range) && q == end)
            throw csikit::argument_error({{}, 0, "--" + name}, *v + " is outside " + std::to_string(minimum) + ".." +
                                                                   std::to_string(maximum) + " (expected " +
                                                                   std::to_string(minimum) + " <= N <= " + std::to_string(maximum) + ")");
    }
    if (ec != std::errc() || p != end) not_whole(name, *v, minimum, maximum);
    return out;
}

long args::get_int(const std::string& name, long fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    long out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size())
        throw csikit::argument_error({{}, 0, "--" + name}, "\"" + *v + "\" is not a whole number");
    return out;
}

double args::get_double(const std::string& name, double fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    double out = 0;
    const char* first = v->data() + (v->size() > 1 && (*v)[0] == '+' ? 1 : 0);
    auto [p, ec] = std::from_chars(first, v->data() + v->size(), out);  // '.' whatever the locale
    if (ec == std::errc() && p == v->data() + v->size() && std::isfinite(out)) return out;
    if (ec == std::errc() && p == v->data() + v->size())
        throw csikit::argument_error({{}, 0, "--" + name}, "\"" + *v + "\" is not a finite number (expected a number such as 0.95)");
    throw csikit::argument_error({{}, 0, "--" + name}, "\"" + *v + "\" is not a number");
}

void args::allow_only(const option_set& known) const {
    std::vector<csikit::problem> bad;
    for (const auto& [name, value] : values_)
        if (name != "help" && std::find(known.values.begin(), known.values.end(), name) == known.values.end() &&
            std::find(known.switches.begin(), known.switches.end(), name) == known.switches.end())
            bad.push_back({{{}, 0, "--" + name}, "unknown option"});
    if (!bad.empty()) throw csikit::argument_error(std::move(bad));
}

std::map<std::string, command>& registry() {
    static std::map<std::string, command> commands;
    return commands;
}

registrar::registrar(command c) { registry()[c.name] = std::move(c); }

const option_set& subcommand_options(const std::string& command, const std::string& subcommand) {
    static const option_set none;
    const auto c = registry().find(command);
    if (c == registry().end()) return none;
    const auto s = c->second.subcommands.find(subcommand);
    return s == c->second.subcommands.end() ? none : s->second;
}

}  // namespace csikit_cli
