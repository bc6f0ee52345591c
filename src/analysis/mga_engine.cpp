// The multi-group engine's pieces (mga_internal.hpp): random streams, group sums, moments,
// the parameter layout with sign alignment, the thread pool, quantiles and p-value corrections.
#include "mga_internal.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

CSIKIT_NAMESPACE_BEGIN
namespace mga_detail {

namespace {
std::uint64_t mix64(std::uint64_t z) noexcept {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
__extension__ typedef unsigned __int128 u128;  // GCC/Clang: the product needs 128 bits
}  // namespace

std::uint64_t rng::next() noexcept {
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rng::below(std::uint64_t n) noexcept {
    u128 m = static_cast<u128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<u128>(next()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

rng make_rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t r) noexcept {
    return rng{mix64(mix64(mix64(seed) ^ stream) ^ (r * 0xd1342543de82ef95ULL + 1))};
}

void shuffle(std::vector<int>& labels, rng& g) {
    for (std::size_t i = labels.size(); i > 1; --i) std::swap(labels[i - 1], labels[g.below(i)]);
}

void gather(const row_matrix& z, const Eigen::VectorXd& v, const std::vector<Eigen::Index>& rows,
            const std::vector<std::uint32_t>* mult, sums& out, row_matrix& scratch) {
    const Eigen::Index p = z.cols();
    const auto m = static_cast<Eigen::Index>(rows.size());
    scratch.resize(m, p);
    out.s.setZero(p);
    out.w = out.w2 = 0;
    out.rows = 0;
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < m; ++i) {
        const Eigen::Index row = rows[static_cast<std::size_t>(i)];
        const double c = mult ? (*mult)[static_cast<std::size_t>(i)] : 1.0;
        if (c == 0) continue;
        const double w = v[row] * c;
        out.w += w;
        out.w2 += v[row] * v[row] * c;  // c copies of weight v
        out.rows += static_cast<std::size_t>(c);
        out.s.noalias() += w * z.row(row).transpose();
        scratch.row(k++) = std::sqrt(w) * z.row(row);
    }
    out.c.setZero(p, p);
    out.c.selfadjointView<Eigen::Lower>().rankUpdate(scratch.topRows(k).transpose());
    out.c.triangularView<Eigen::StrictlyUpper>() = out.c.transpose();
}

sums subtract(const sums& a, const sums& b) {
    sums d;
    d.w = a.w - b.w;
    d.w2 = a.w2 - b.w2;
    d.rows = a.rows - b.rows;
    d.s = a.s - b.s;
    d.c = a.c - b.c;
    return d;
}

bool to_moments(const sums& s, const std::vector<std::string>& items, moments& m, Eigen::MatrixXd* cov) {
    const Eigen::Index p = s.s.size();
    const double denom = s.w - s.w2 / s.w;
    if (!(s.w > 0) || !(denom > 0)) return false;
    m.item_ids = items;
    m.mean = s.s / s.w;
    Eigen::MatrixXd C = (s.c - s.w * m.mean * m.mean.transpose()) / denom;
    m.sd.resize(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        if (!(C(k, k) > 1e-20)) return false;
        m.sd[k] = std::sqrt(C(k, k));
    }
    m.correlation = C.array() / (m.sd * m.sd.transpose()).array();
    m.correlation.diagonal().setOnes();
    m.pair_counts = Eigen::MatrixXd::Constant(p, p, static_cast<double>(s.rows));
    m.respondents_total = m.respondents_used = s.rows;
    m.answers_used = s.rows * static_cast<std::size_t>(p);
    m.effective_n = s.w * s.w / s.w2;
    m.missing = missing_treatment::listwise;
    if (cov) *cov = std::move(C);
    return true;
}

layout make_layout(const pls_model& model, const pls_fit& fit) {
    layout l;
    for (const auto& pth : model.paths) {
        mga_parameter q;
        q.kind = parameter_kind::path;
        q.from = fit.construct_index(pth.from);
        q.to = fit.construct_index(pth.to);
        q.label = pth.from + " -> " + pth.to;
        l.params.push_back(q);
    }
    for (auto kind : {parameter_kind::weight, parameter_kind::loading}) {
        for (std::size_t h = 0; h < fit.indicators.size(); ++h) {
            mga_parameter q;
            q.kind = kind;
            q.indicator = static_cast<int>(h);
            q.to = fit.block[h];
            q.label = fit.indicators[h];
            l.params.push_back(q);
        }
    }
    for (std::size_t j = 0; j < fit.constructs.size(); ++j) {
        bool endogenous = false;
        for (const auto& pth : model.paths) endogenous = endogenous || pth.to == fit.constructs[j];
        if (!endogenous) continue;
        mga_parameter q;
        q.kind = parameter_kind::r2;
        q.to = static_cast<int>(j);
        q.label = fit.constructs[j];
        l.params.push_back(q);
    }
    return l;
}

bool extract(const layout& l, const pls_fit& fit, const pls_fit& ref, double* out) {
    const auto J = static_cast<Eigen::Index>(fit.constructs.size());
    Eigen::VectorXd dot = Eigen::VectorXd::Zero(J);
    for (Eigen::Index h = 0; h < fit.weights.size(); ++h) dot[fit.block[static_cast<std::size_t>(h)]] += fit.weights[h] * ref.weights[h];
    const Eigen::VectorXd sign = (dot.array() < 0).select(Eigen::VectorXd::Constant(J, -1.0), 1.0);
    bool ok = true;
    for (std::size_t k = 0; k < l.params.size(); ++k) {
        const auto& q = l.params[k];
        double x = 0;
        switch (q.kind) {
        case parameter_kind::path: x = fit.paths(q.to, q.from) * sign[q.to] * sign[q.from]; break;
        case parameter_kind::weight: x = fit.weights[q.indicator] * sign[q.to]; break;
        case parameter_kind::loading: x = fit.loadings[q.indicator] * sign[q.to]; break;
        default: x = fit.r2[q.to]; break;
        }
        out[k] = x;
        ok = ok && std::isfinite(x);
    }
    return ok;
}

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t, unsigned)>& fn) {
    const unsigned t = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, count)));
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex lock;
    auto work = [&](unsigned worker) {
        try {
            for (std::size_t r; (r = next.fetch_add(1)) < count;) fn(r, worker);
        } catch (...) {
            const std::lock_guard<std::mutex> g(lock);
            if (!failure) failure = std::current_exception();
            next = count;
        }
    };
    if (t == 1) {
        work(0);
    } else {
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < t; ++w) pool.emplace_back(work, w);
        for (auto& th : pool) th.join();
    }
    if (failure) std::rethrow_exception(failure);
}

double quantile7(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return std::nan("");
    const double h = (static_cast<double>(sorted.size()) - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::vector<double> adjust(const std::vector<double>& p, p_adjustment how) {
    std::vector<double> out = p;
    if (how == p_adjustment::none) return out;
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isnan(p[i])) idx.push_back(i);
    const double k = static_cast<double>(idx.size());
    if (how == p_adjustment::bonferroni) {
        for (auto i : idx) out[i] = std::min(1.0, k * p[i]);
        return out;
    }
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    double running = 0;
    for (std::size_t r = 0; r < idx.size(); ++r) {
        running = std::max(running, std::min(1.0, (k - static_cast<double>(r)) * p[idx[r]]));
        out[idx[r]] = running;
    }
    return out;
}

}  // namespace mga_detail
CSIKIT_NAMESPACE_END
