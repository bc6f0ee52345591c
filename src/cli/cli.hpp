// The csikit command line: a tiny argument parser and a registry of sub-commands.
// Each sub-command lives in its own file and registers itself with CSIKIT_COMMAND.
#pragma once

#include <csikit/error.hpp>

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csikit_cli {

/// Parsed `--name value` options, `--flag` switches and positional arguments.
class args {
public:
    /// `flags` lists the options that take no value (e.g. "json").
    args(const std::vector<std::string>& argv, const std::vector<std::string>& flags);

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    /// The value of --name, or nullopt.
    std::optional<std::string> get(const std::string& name) const;
    /// The value of --name; argument_error "--name is required" if absent.
    std::string require(const std::string& name) const;
    /// All values given for a repeatable option.
    std::vector<std::string> all(const std::string& name) const;
    /// Integer / number values with a clear argument_error on bad text.
    long get_int(const std::string& name, long fallback) const;
    double get_double(const std::string& name, double fallback) const;
    /// Throws argument_error for any option not in `known`.
    void allow_only(const std::vector<std::string>& known) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::multimap<std::string, std::string> values_;
    std::vector<std::string> positional_;
};

struct command {
    std::string name;
    std::string summary;  ///< one line for `csikit --help`
    std::string usage;    ///< full usage text for `csikit NAME --help`
    std::function<int(const args&, std::ostream& out, std::ostream& err)> run;
    std::vector<std::string> flags;  ///< options without a value
};

/// All registered commands by name.
std::map<std::string, command>& registry();

struct registrar {
    explicit registrar(command c);
};

}  // namespace csikit_cli

#define CSIKIT_CLI_CONCAT2(a, b) a##b
#define CSIKIT_CLI_CONCAT(a, b) CSIKIT_CLI_CONCAT2(a, b)
/// Registers a command at start-up: CSIKIT_COMMAND({ "score", "...", "...", run_score, {"json"} });
#define CSIKIT_COMMAND(...) \
    static ::csikit_cli::registrar CSIKIT_CLI_CONCAT(csikit_cmd_, __LINE__)(::csikit_cli::command __VA_ARGS__)
