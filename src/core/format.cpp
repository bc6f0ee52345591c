#include "csikit/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

CSIKIT_NAMESPACE_BEGIN

namespace {

std::string special(double x) {
    if (std::isnan(x)) return "nan";
    return x < 0 ? "-inf" : "inf";
}

/// `x` written by std::to_chars with the format arguments `how`; 400 characters hold the longest
/// case, 1e308 in fixed notation (309 digits before the point).
template <class... How>
std::string written(double x, How... how) {
    if (!std::isfinite(x)) return special(x);
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, how...);
    return std::string(buf, r.ptr);
}

}  // namespace

std::string format_fixed(double x, int decimals) {
    return written(x, std::chars_format::fixed, std::clamp(decimals, 0, 60));
}

std::string format_general(double x, int precision) {
    return written(x, std::chars_format::general, std::clamp(precision, 1, 60));
}

std::string format_shortest(double x) { return written(x); }

CSIKIT_NAMESPACE_END
