// Entry point of the `csikit` command line. Exit codes: 0 success, 2 bad input (one message
// per problem on stderr, naming file, line and field), 1 an internal error. Nothing escapes.
#include "cli.hpp"

#include <csikit/version.hpp>

#include <algorithm>
#include <charconv>
#include <exception>
#include <iostream>

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
    try {
        std::size_t used = 0;
        double out = std::stod(*v, &used);
        if (used == v->size()) return out;
    } catch (const std::exception&) {
    }
    throw csikit::argument_error({{}, 0, "--" + name}, "\"" + *v + "\" is not a number");
}

void args::allow_only(const std::vector<std::string>& known) const {
    std::vector<csikit::problem> bad;
    for (const auto& [name, value] : values_)
        if (name != "help" && std::find(known.begin(), known.end(), name) == known.end())
            bad.push_back({{{}, 0, "--" + name}, "unknown option"});
    if (!bad.empty()) throw csikit::argument_error(std::move(bad));
}

std::map<std::string, command>& registry() {
    static std::map<std::string, command> commands;
    return commands;
}

registrar::registrar(command c) { registry()[c.name] = std::move(c); }

}  // namespace csikit_cli

namespace {

void print_help(std::ostream& out) {
    out << "csikit " << csikit::version() << " - customer-satisfaction analytics\n\n"
        << "usage: csikit COMMAND [options]   (csikit COMMAND --help for details)\n\ncommands:\n";
    for (const auto& [name, c] : csikit_cli::registry())
        out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << c.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    std::vector<std::string> rest(argv + 1, argv + argc);
    if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
        print_help(rest.empty() ? std::cerr : std::cout);
        return rest.empty() ? 2 : 0;
    }
    if (rest[0] == "--version") {
        std::cout << "csikit " << csikit::version() << "\n";
        return 0;
    }
    auto& commands = csikit_cli::registry();
    auto it = commands.find(rest[0]);
    if (it == commands.end()) {
        std::cerr << "csikit: unknown command \"" << rest[0] << "\"\n";
        print_help(std::cerr);
        return 2;
    }
    const auto& cmd = it->second;
    try {
        csikit_cli::args a({rest.begin() + 1, rest.end()}, [&] {
            auto f = cmd.flags;
            f.push_back("help");
            return f;
        }());
        if (a.has("help")) {
            std::cout << cmd.usage << "\n";
            return 0;
        }
        return cmd.run(a, std::cout, std::cerr);
    } catch (const csikit::error& e) {
        for (const auto& p : e.problems()) std::cerr << "csikit " << cmd.name << ": " << p.str() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "csikit " << cmd.name << ": out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "csikit " << cmd.name << ": internal error: " << e.what() << "\n";
        return 1;
    } catch (...) {
        std::cerr << "csikit " << cmd.name << ": internal error\n";
        return 1;
    }
}
