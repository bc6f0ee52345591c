// The ECSI case at the benchmark sizes: mobi itself (n = 250) or n rows drawn from it with a
// fixed xorshift generator, so every run and every benchmark sees the same data.
#pragma once

#include <cstdint>
#include <map>

#include "support/ecsi.hpp"

namespace bench {

using test_support::ecsi_survey;

/// mobi (n = 250) or n rows resampled from it, built once per n.
inline const csikit::responses& ecsi_data(long n) {
    static std::map<long, csikit::responses> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    csikit::responses mobi = test_support::ecsi_responses();
    if (n == 250) return cache.emplace(n, std::move(mobi)).first->second;
    csikit::responses big = mobi;
    big.values.resize(n, mobi.values.cols());
    big.weights = Eigen::VectorXd::Ones(n);
    big.lines.clear();
    std::uint64_t x = 88172645463325252ULL;
    for (long i = 0; i < n; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        big.values.row(i) = mobi.values.row(static_cast<Eigen::Index>(x % 250));
    }
    return cache.emplace(n, std::move(big)).first->second;
}

}  // namespace bench
