// The csikit command line: a tiny argument parser and a registry of sub-commands.
// Each sub-command lives in its own file and registers itself with CSIKIT_COMMAND, naming the
// options it accepts; the entry (entry.cpp) refuses any other option before the command runs,
// and `csikit __options --json` prints the same lists (the options-parity test reads them).
#pragma once

#include <csikit/error.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csikit_cli {

/// The options of a command: those that take a value and the switches (no value).
struct option_set {
    std::vector<std::string> values;
    std::vector<std::string> switches;
};

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
    /// A whole number in [minimum, maximum]; `fallback` when absent. argument_error naming the
    /// range for text that is not a whole number or lies outside it (no silent wrap-around).
    std::uint64_t get_whole(const std::string& name, std::uint64_t fallback, std::uint64_t minimum,
                            std::uint64_t maximum) const;
    /// A signed whole number (long) with a clear argument_error on bad text.
    long get_int(const std::string& name, long fallback) const;
    /// A finite number; argument_error for bad text, NaN or infinity.
    double get_double(const std::string& name, double fallback) const;
    /// Throws argument_error for any option not in `known` (values or switches).
    void allow_only(const option_set& known) const;
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
    option_set options;   ///< accepted options; checked before run
    /// Commands with sub-commands (`plan proportion`): the options of each; `options` is then
    /// unused and the command checks its sub-command's set itself (subcommand_options()).
    std::map<std::string, option_set> subcommands = {};
};

/// All registered commands by name.
std::map<std::string, command>& registry();

/// The options of `csikit COMMAND SUBCOMMAND` as registered.
const option_set& subcommand_options(const std::string& command, const std::string& subcommand);

struct registrar {
    explicit registrar(command c);
};

}  // namespace csikit_cli

#define CSIKIT_CLI_CONCAT2(a, b) a##b
#define CSIKIT_CLI_CONCAT(a, b) CSIKIT_CLI_CONCAT2(a, b)
/// Registers a command at start-up:
/// CSIKIT_COMMAND({"score", "summary", "usage", run_score, {{"schema", "data"}, {"json"}}});
#define CSIKIT_COMMAND(...) \
    static ::csikit_cli::registrar CSIKIT_CLI_CONCAT(csikit_cmd_, __LINE__)(::csikit_cli::command __VA_ARGS__)
