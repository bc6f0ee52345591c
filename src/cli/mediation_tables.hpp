// `csikit analyze` text tables of the bootstrapped quality criteria and of mediation
// (src/cli/mediation_tables.cpp); analyze.cpp calls them after its own tables.
#pragma once

#include <csikit/bootstrap.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace csikit_cli {

/// --mediation values: "all" or "FROM,THROUGH[,..],TO"; argument_error naming --mediation for
/// a chain with fewer than three ids. `all` is set when "all" was given.
std::vector<std::vector<std::string>> parse_mediation(const std::vector<std::string>& values, bool& all);

/// HTMT with its bootstrap interval and one-sided upper bound, f2, adjusted R2 and total
/// indirect effects with their intervals (only with a bootstrap).
void print_bootstrap_criteria(std::ostream& out, const csikit::bootstrap_result& boot);

/// The mediation table of the requested chains, and with `all` every specific indirect effect.
/// Without a bootstrap: point estimates only. model_error for a chain that is not a path.
void print_mediation(std::ostream& out, const csikit::pls_fit& fit, const csikit::bootstrap_result* boot,
                     const std::vector<std::vector<std::string>>& chains, bool all);

}  // namespace csikit_cli
