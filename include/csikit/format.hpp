// Numbers as text, the same in every host: '.' as the decimal mark and no grouping whatever
// locale the process runs in (a Python, R or GUI host may have called setlocale). Every number
// the library, the CLI and the reports write goes through these (std::to_chars underneath).
#pragma once

#include "csikit/version.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

/// `x` with `decimals` digits after the point, as printf("%.*f") in the C locale: 2.50, -0.1.
/// Infinite and NaN values give "inf", "-inf" and "nan".
std::string format_fixed(double x, int decimals);

/// `x` with `precision` significant digits, as printf("%.*g") (and an ostream's default) in the
/// C locale: 0.05, 1e-10, 1.23457e+06.
std::string format_general(double x, int precision = 6);

/// The shortest text that reads back as `x` exactly: 0.1, 1e-07, 300, 1.5e+300.
std::string format_shortest(double x);

CSIKIT_NAMESPACE_END
