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

}  // namespace

std::string format_fixed(double x, int decimals) {
    if (!std::isfinite(x)) return special(x);
    decimals = std::clamp(decimals, 0, 60);
    // 1e308 in fixed notation has 309 digits before the point.
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, decimals);
    return std::string(buf, r.ptr);
}

std::string format_general(double x, int precision) {
    if (!std::isfinite(x)) return special(x);
    precision = std::clamp(precision, 1, 60);
    char buf[128];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, precision);
    return std::string(buf, r.ptr);
}

std::string format_shortest(double x) {
    if (!std::isfinite(x)) return special(x);
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

CSIKIT_NAMESPACE_END
