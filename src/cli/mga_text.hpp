// The text tables of a multi-group analysis, shared by `csikit mga` and `csikit analyze --by`.
#pragma once

#include <csikit/mga.hpp>

#include <iosfwd>

namespace csikit_cli {

/// Per-group estimates side by side, the differences with their tests, MICOM's verdicts.
/// `paths_only`: only paths and R2 (analyze --by); else weights and loadings too.
void print_mga(std::ostream& out, const csikit::mga_result& r, bool paths_only = false);

}  // namespace csikit_cli
