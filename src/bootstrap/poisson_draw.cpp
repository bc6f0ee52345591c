// The counter-based Poisson(1) draw of the bootstrap at scale, and the respondent keys.
//
// The count is a pure function of (seed, key, replicate): three SplitMix64 rounds give a
// uniform 64-bit u, and the count is the number of Poisson(1) CDF thresholds at or below u.
// The thresholds are floor(F(k) 2^64) for k = 0..19, computed once with 80 significant digits
// (docs/scale.md), so the draw uses integers only and is the same on every platform; each
// probability is exact to 2^-64 and P(count > 20) = 0 (it is 7.5e-21 for a true Poisson(1)).
#include "csikit/poisson_bootstrap.hpp"

#include <array>

CSIKIT_NAMESPACE_BEGIN

namespace {

/// SplitMix64's output function: a bijective 64-bit mixer with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// floor(P(X <= k) 2^64) for X ~ Poisson(1), k = 0..19.
constexpr std::array<std::uint64_t, 20> poisson1_cdf = {
    0x5e2d58d8b3bcdf1aULL, 0xbc5ab1b16779be35ULL, 0xeb715e1dc1582dc2ULL, 0xfb23979734a252f1ULL,
    0xff1025f59174dc3dULL, 0xffd90f3ba4055e19ULL, 0xfffa8b71fc72c913ULL, 0xffff540c0914b3c9ULL,
    0xffffed1f4aa8f120ULL, 0xfffffe216e641462ULL, 0xffffffd4d85d3183ULL, 0xfffffffc6da262b4ULL,
    0xffffffffba12d178ULL, 0xfffffffffb07c64cULL, 0xffffffffffab8ea5ULL, 0xfffffffffffabe22ULL,
    0xffffffffffffb11aULL, 0xfffffffffffffba1ULL, 0xffffffffffffffc5ULL, 0xfffffffffffffffdULL,
};

}  // namespace

std::uint32_t poisson_count(std::uint64_t seed, std::uint64_t key, std::uint64_t replicate) noexcept {
    // Each round mixes in one coordinate, so nearby seeds, keys and replicates give unrelated u.
    const std::uint64_t u = mix64(mix64(mix64(seed) ^ key) ^ (replicate * 0xd1b54a32d192ed03ULL));
    std::uint32_t k = 0;
    while (k < poisson1_cdf.size() && u >= poisson1_cdf[k]) ++k;  // 1 + E[X] = 2 steps on average
    return k;
}

std::uint64_t respondent_key(std::string_view id) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64
    for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return mix64(h);
}

CSIKIT_NAMESPACE_END
