// moment_accumulator: construction, fingerprints, add and merge (docs/streaming.md).
//
// Rows are taken in cache-sized blocks. A block's sums are formed with matrix products of the
// zero-filled answers, the 0/1 answer mask and the weights; a block without a missing answer
// takes the short way (one cross-product, column sums). In exact mode every product is of
// integers and stays below 2^53, so the doubles are exact and are flushed into 128-bit totals:
// any partitioning and merge order gives the same integers. In real mode each block is centred
// on its own means and merged with Chan's (Pebay's, per pair) update.
#include "accumulator_state.hpp"

#include "csikit/csv_stream.hpp"  // merge_summary: one rule for merging read summaries
#include "csikit/limits.hpp"
#include "csikit/error.hpp"
#include "csikit/format.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <system_error>
#include <new>
#include <thread>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr Eigen::Index block_rows = 2048;  // 2048 x 24 doubles stay in L2; exact sums < 2^41
/// Rows per independently accumulated chunk of a large batch. The partition depends on the
/// batch size only, never on the number of threads: the same bits on any machine.
constexpr Eigen::Index chunk_rows = 32768;

std::uint64_t fnv(std::uint64_t h, const void* data, std::size_t size) {
    const auto* b = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}
constexpr std::uint64_t fnv_basis = 0xcbf29ce484222325ULL;
std::uint64_t fnv_text(std::uint64_t h, const std::string& s) {
    const std::uint64_t len = s.size();
    h = fnv(h, &len, sizeof len);
    return fnv(h, s.data(), s.size());
}
std::uint64_t fnv_double(std::uint64_t h, double x) {
    if (x == 0) x = 0;  // -0 and +0 define the same scale
    return fnv(h, &x, sizeof x);
}

/// What defines an item's values: id, column, scale range, missing codes (by kind), reversal.
std::uint64_t item_fingerprint(const survey& s, const item& it) {
    std::uint64_t h = fnv_text(fnv_basis, it.id);
    h = fnv_text(h, it.column_name());
    const scale* sc = s.find_scale(it.scale);
    if (sc) {
        h = fnv_double(fnv_double(h, sc->min), sc->max);
        std::vector<std::pair<double, int>> codes;
        for (const auto& c : sc->missing) codes.emplace_back(c.code, static_cast<int>(c.kind));
        std::sort(codes.begin(), codes.end());
        for (const auto& [code, kind] : codes) {
            h = fnv_double(h, code);
            h = fnv(h, &kind, sizeof kind);
        }
    }
    const unsigned char rev = it.reverse ? 1 : 0;
    return fnv(h, &rev, 1);
}


int128 to_int(double v) { return static_cast<int128>(static_cast<long long>(v)); }

/// Sums of one block, in doubles (exact in exact mode).
struct block_sums {
    double any_w = 0, any_w2 = 0, cc_w = 0, cc_w2 = 0;
    Eigen::VectorXd cc_x;
    Eigen::MatrixXd cc_xx, n, w2, sx, sxx, sxy;
};

/// Block sums of the first m rows of x (zero-filled), mask and weights w; `complete`: no
/// missing answer in the block; `unit`: every weight is 1; cflag: 1 for a complete row.
void block_products(const Eigen::MatrixXd& x, const Eigen::MatrixXd& mask, const Eigen::VectorXd& w,
                    const Eigen::VectorXd& cflag, Eigen::Index m, bool complete, bool unit, block_sums& b) {
    const Eigen::Index p = x.cols();
    const auto X = x.topRows(m);
    const auto W = w.head(m);
    b.any_w = W.sum();
    b.any_w2 = W.squaredNorm();
    if (complete) {
        Eigen::MatrixXd xw;
        const Eigen::VectorXd colsum = unit ? Eigen::VectorXd(X.colwise().sum().transpose())
                                            : Eigen::VectorXd(X.transpose() * W);
        const Eigen::VectorXd colsq = unit ? Eigen::VectorXd(X.cwiseProduct(X).colwise().sum().transpose())
                                           : Eigen::VectorXd(X.cwiseProduct(X).transpose() * W);
        if (unit) {
            b.sxy.setZero(p, p);
            b.sxy.selfadjointView<Eigen::Lower>().rankUpdate(X.transpose());
            b.sxy.triangularView<Eigen::StrictlyUpper>() = b.sxy.transpose();
        } else {
            xw = X.array().colwise() * W.array();
            b.sxy.noalias() = X.transpose() * xw;
        }
        b.n.setConstant(p, p, b.any_w);
        b.w2.setConstant(p, p, b.any_w2);
        b.sx = colsum.replicate(1, p);
        b.sxx = colsq.replicate(1, p);
        b.cc_w = b.any_w;
        b.cc_w2 = b.any_w2;
        b.cc_x = colsum;
        b.cc_xx = b.sxy;
        return;
    }
    const auto M = mask.topRows(m);
    const Eigen::MatrixXd xw = X.array().colwise() * W.array();
    const Eigen::MatrixXd mw = M.array().colwise() * W.array();
    const Eigen::MatrixXd mw2 = mw.array().colwise() * W.array();
    b.n.noalias() = M.transpose() * mw;
    b.w2.noalias() = M.transpose() * mw2;
    b.sx.noalias() = xw.transpose() * M;                         // (i, j): sum w x_i over the pair
    b.sxx.noalias() = xw.cwiseProduct(X).transpose() * M;        // (i, j): sum w x_i^2 over the pair
    b.sxy.noalias() = X.transpose() * xw;
    const Eigen::VectorXd cw = W.cwiseProduct(cflag.head(m));
    b.cc_w = cw.sum();
    b.cc_w2 = cw.dot(W);
    b.cc_x.noalias() = X.transpose() * cw;
    const Eigen::MatrixXd xcw = X.array().colwise() * cw.array();
    b.cc_xx.noalias() = X.transpose() * xcw;
}

void add_exact(exact_sums& e, const block_sums& b, std::size_t p) {
    e.any_w += to_int(b.any_w);
    e.any_w2 += to_int(b.any_w2);
    e.cc_w += to_int(b.cc_w);
    e.cc_w2 += to_int(b.cc_w2);
    for (std::size_t k = 0; k < p; ++k) e.cc_x[k] += to_int(b.cc_x[static_cast<Eigen::Index>(k)]);
    for (std::size_t k = 0; k < p * p; ++k) {
        e.cc_xx[k] += to_int(b.cc_xx.data()[k]);
        e.n[k] += to_int(b.n.data()[k]);
        e.w2[k] += to_int(b.w2.data()[k]);
        e.sx[k] += to_int(b.sx.data()[k]);
        e.sxx[k] += to_int(b.sxx.data()[k]);
        e.sxy[k] += to_int(b.sxy.data()[k]);
    }
}

/// A block's sums (answers shifted by `shift`) as centred real sums.
real_sums centred(const block_sums& b, const Eigen::VectorXd& shift) {
    const Eigen::Index p = shift.size();
    real_sums r;
    r.resize(p);
    r.any_w = b.any_w;
    r.any_w2 = b.any_w2;
    r.cc_w = b.cc_w;
    r.cc_w2 = b.cc_w2;
    if (b.cc_w > 0) {
        r.cc_mean = shift + b.cc_x / b.cc_w;
        r.cc_m2 = b.cc_xx - b.cc_x * b.cc_x.transpose() / b.cc_w;
    }
    r.n = b.n;
    r.w2 = b.w2;
    for (Eigen::Index j = 0; j < p; ++j) {
        for (Eigen::Index i = 0; i < p; ++i) {
            const double n = b.n(i, j);
            if (!(n > 0)) continue;
            r.mean(i, j) = shift[i] + b.sx(i, j) / n;
            r.m2(i, j) = b.sxx(i, j) - b.sx(i, j) * b.sx(i, j) / n;
            r.c(i, j) = b.sxy(i, j) - b.sx(i, j) * b.sx(j, i) / n;
        }
    }
    return r;
}

/// Adds rows [begin, end) of `values` (columns `cols`) with weights `w` (validated; scaled in
/// real mode) to `st` in its current mode.
void add_rows(accumulator_state& st, const Eigen::Ref<const Eigen::MatrixXd>& values,
              const std::vector<Eigen::Index>& cols, const Eigen::VectorXd& w, Eigen::Index begin, Eigen::Index end) {
    const Eigen::Index p = static_cast<Eigen::Index>(cols.size());
    const bool exact = st.mode == accumulation_mode::exact;
    Eigen::MatrixXd x(block_rows, p), mask(block_rows, p);
    Eigen::VectorXd bw(block_rows), cflag(block_rows), shift = Eigen::VectorXd::Zero(p);
    block_sums b;
    for (Eigen::Index r0 = begin; r0 < end; r0 += block_rows) {
        const Eigen::Index rows = std::min(block_rows, end - r0);
        for (Eigen::Index k = 0; k < p; ++k) x.col(k).head(rows) = values.col(cols[static_cast<std::size_t>(k)]).segment(r0, rows);
        st.rows += static_cast<std::uint64_t>(rows);
        Eigen::Index m = rows;
        const bool complete = !x.topRows(rows).hasNaN();
        if (complete) {
            bw.head(rows) = w.segment(r0, rows);
            cflag.head(rows).setOnes();
            for (std::size_t k = 0; k < st.count.size(); ++k) st.count[k] += static_cast<std::uint64_t>(rows);
            st.cc_n += static_cast<std::uint64_t>(rows);
        } else {
            m = 0;
            for (Eigen::Index i = 0; i < rows; ++i) {
                Eigen::Index answered = 0;
                for (Eigen::Index k = 0; k < p; ++k) {
                    const double v = x(i, k);
                    const bool ok = !std::isnan(v);
                    answered += ok;
                    if (!ok) ++st.missing[static_cast<std::size_t>(k)];
                    mask(m, k) = ok ? 1.0 : 0.0;
                    x(m, k) = ok ? v : 0.0;
                }
                if (answered == 0) {  // a counted exclusion under every treatment
                    ++st.excluded;
                    continue;
                }
                bw[m] = w[r0 + i];
                cflag[m] = answered == p ? 1.0 : 0.0;
                st.cc_n += answered == p;
                ++m;
            }
            if (m > 0) {
                const Eigen::MatrixXd cnt = mask.topRows(m).transpose() * mask.topRows(m);
                for (std::size_t k = 0; k < st.count.size(); ++k) st.count[k] += static_cast<std::uint64_t>(cnt.data()[k]);
            }
        }
        if (m == 0) continue;
        st.any_n += static_cast<std::uint64_t>(m);
        const bool unit = (bw.head(m).array() == 1.0).all();
        if (exact) {
            block_products(x, mask, bw, cflag, m, complete, unit, b);
            add_exact(st.ex, b, static_cast<std::size_t>(p));
            continue;
        }
        // Real mode: centre the block on its own available-case means first.
        for (Eigen::Index k = 0; k < p; ++k) {
            double sw = 0, sxw = 0;
            for (Eigen::Index i = 0; i < m; ++i) {
                if (complete || mask(i, k) > 0) {
                    sw += bw[i];
                    sxw += bw[i] * x(i, k);
                }
            }
            shift[k] = sw > 0 ? sxw / sw : 0.0;
            for (Eigen::Index i = 0; i < m; ++i)
                if (complete || mask(i, k) > 0) x(i, k) -= shift[k];
        }
        block_products(x, mask, bw, cflag, m, complete, unit, b);
        st.re.merge(centred(b, shift));
    }
}

/// True if every answer (NaN aside) and weight can be summed exactly as an integer.
bool exact_batch(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::vector<Eigen::Index>& cols,
                 const Eigen::VectorXd& w) {
    for (Eigen::Index i = 0; i < w.size(); ++i)
        if (!(w[i] <= exact_mode_max_value) || w[i] != std::nearbyint(w[i])) return false;
    for (Eigen::Index c : cols) {
        const auto col = values.col(c);
        for (Eigen::Index i = 0; i < col.size(); ++i) {
            const double v = col[i];
            if (std::isnan(v)) continue;
            if (!(std::abs(v) <= exact_mode_max_value) || v != std::nearbyint(v)) return false;
        }
    }
    return true;
}

/// Adds the other state's sums and counts (configuration checked by the caller).
void merge_sums(accumulator_state& st, const accumulator_state& other) {
    st.rows += other.rows;
    st.excluded += other.excluded;
    st.any_n += other.any_n;
    st.cc_n += other.cc_n;
    for (std::size_t k = 0; k < st.missing.size(); ++k) st.missing[k] += other.missing[k];
    for (std::size_t k = 0; k < st.count.size(); ++k) st.count[k] += other.count[k];
    merge_summary(st.summary, other.summary);
    if (st.mode == accumulation_mode::exact && other.mode == accumulation_mode::exact) {
        exact_sums& e = st.ex;
        const exact_sums& o = other.ex;
        e.any_w += o.any_w;
        e.any_w2 += o.any_w2;
        e.cc_w += o.cc_w;
        e.cc_w2 += o.cc_w2;
        for (std::size_t k = 0; k < e.cc_x.size(); ++k) e.cc_x[k] += o.cc_x[k];
        for (std::size_t k = 0; k < e.n.size(); ++k) {
            e.cc_xx[k] += o.cc_xx[k];
            e.n[k] += o.n[k];
            e.w2[k] += o.w2[k];
            e.sx[k] += o.sx[k];
            e.sxx[k] += o.sxx[k];
            e.sxy[k] += o.sxy[k];
        }
        return;
    }
    st.make_real();
    real_sums b = other.mode == accumulation_mode::exact ? other.as_real() : other.re;
    const bool other_fixed = other.mode == accumulation_mode::exact ? other.rows > 0 : other.weight_exp_fixed;
    const int other_exp = other.mode == accumulation_mode::exact ? 0 : other.weight_exp;
    if (other_fixed) {
        if (!st.weight_exp_fixed) {
            st.weight_exp = other_exp;
            st.weight_exp_fixed = true;
            st.re.scale_weights(0);
        } else if (other_exp != st.weight_exp) {
            b.scale_weights(other_exp - st.weight_exp);
        }
    }
    st.re.merge(b);
}

}  // namespace

std::uint64_t combined_fingerprint(const accumulator_state& st) {
    // Items known by id only (for_items): no survey, fingerprint 0.
    const bool none = st.weight_fingerprint == 0 &&
                      std::all_of(st.item_fingerprints.begin(), st.item_fingerprints.end(), [](auto f) { return f == 0; });
    if (none) return 0;
    std::uint64_t h = fnv_basis;
    for (std::uint64_t f : st.item_fingerprints) h = fnv(h, &f, sizeof f);
    return fnv(h, &st.weight_fingerprint, sizeof st.weight_fingerprint);
}

void exact_sums::resize(std::size_t p) {  // empty sums of p items: the scalars too
    any_w = any_w2 = cc_w = cc_w2 = 0;
    cc_x.assign(p, 0);
    for (auto* v : {&cc_xx, &n, &w2, &sx, &sxx, &sxy}) v->assign(p * p, 0);
}

void real_sums::resize(Eigen::Index p) {  // empty sums of p items: the scalars too
    any_w = any_w2 = cc_w = cc_w2 = 0;
    cc_mean = Eigen::VectorXd::Zero(p);
    for (auto* m : {&cc_m2, &n, &w2, &mean, &m2, &c}) m->setZero(p, p);
}

void real_sums::merge(const real_sums& b) {
    any_w += b.any_w;
    any_w2 += b.any_w2;
    if (b.cc_w > 0) {
        const double total = cc_w + b.cc_w;
        const Eigen::VectorXd d = b.cc_mean - cc_mean;
        cc_m2 += b.cc_m2;
        if (cc_w > 0) cc_m2.noalias() += d * d.transpose() * (cc_w * b.cc_w / total);
        cc_mean += d * (b.cc_w / total);
        cc_w = total;
    }
    cc_w2 += b.cc_w2;
    const Eigen::ArrayXXd total = n.array() + b.n.array();
    const Eigen::ArrayXXd f = (total > 0).select(n.array() * b.n.array() / total, 0.0);
    const Eigen::ArrayXXd g = (total > 0).select(b.n.array() / total, 0.0);
    const Eigen::ArrayXXd d = b.mean.array() - mean.array();
    m2.array() += b.m2.array() + d.square() * f;
    c.array() += b.c.array() + d * d.transpose() * f;
    mean.array() += d * g;
    n = total.matrix();
    w2 += b.w2;
}

void real_sums::scale_weights(int e) {
    if (e == 0) return;
    const double f = std::ldexp(1.0, e), f2 = std::ldexp(1.0, 2 * e);
    any_w *= f;
    cc_w *= f;
    any_w2 *= f2;
    cc_w2 *= f2;
    n *= f;
    w2 *= f2;
    cc_m2 *= f;
    m2 *= f;
    c *= f;
}

void accumulator_state::make_real() {
    if (mode == accumulation_mode::real) return;
    re = as_real();
    mode = accumulation_mode::real;
    weight_exp = 0;
    weight_exp_fixed = rows > 0;
    ex = exact_sums{};
}


moment_accumulator::moment_accumulator(std::unique_ptr<accumulator_state> state) : state_(std::move(state)) {}
moment_accumulator::moment_accumulator(const moment_accumulator& o)
    : state_(std::make_unique<accumulator_state>(*o.state_)) {}
moment_accumulator::moment_accumulator(moment_accumulator&&) noexcept = default;
moment_accumulator& moment_accumulator::operator=(const moment_accumulator& o) {
    if (this != &o) state_ = std::make_unique<accumulator_state>(*o.state_);
    return *this;
}
moment_accumulator& moment_accumulator::operator=(moment_accumulator&&) noexcept = default;
moment_accumulator::~moment_accumulator() = default;

std::unique_ptr<accumulator_state> make_empty_state(std::vector<std::string> items, bool use_weights) {
    if (items.empty()) {
        throw argument_error(location{}, "moment_accumulator: no items given (expected at least one)");
    }
    auto st = std::make_unique<accumulator_state>();
    const std::size_t p = items.size();
    st->items = std::move(items);
    st->use_weights = use_weights;
    st->item_fingerprints.assign(p, 0);
    st->missing.assign(p, 0);
    st->count.assign(p * p, 0);
    st->ex.resize(p);
    st->re.resize(static_cast<Eigen::Index>(p));
    st->summary.header_rows = 0;
    return st;
}

moment_accumulator::moment_accumulator(const survey& s, std::vector<std::string> items, bool use_weights)
    : state_(make_empty_state(std::move(items), use_weights)) {
    std::vector<std::string> seen;
    for (std::size_t k = 0; k < state_->items.size(); ++k) {
        const std::string& id = state_->items[k];
        const item* it = s.find_item(id);
        if (!it) {
            throw argument_error(location{"", 0, id}, "moment_accumulator: item \"" + id +
                                                          "\" is not in the survey (expected one of its item ids)");
        }
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
            throw argument_error(location{"", 0, id}, "moment_accumulator: item \"" + id +
                                                          "\" is given twice (expected each item once)");
        }
        seen.push_back(id);
        state_->item_fingerprints[k] = item_fingerprint(s, *it);
    }
    state_->weight_fingerprint = fnv_text(fnv_basis, use_weights ? s.weight_column : std::string());
    state_->fingerprint = combined_fingerprint(*state_);
}

moment_accumulator moment_accumulator::for_items(std::vector<std::string> items, bool use_weights) {
    return moment_accumulator(make_empty_state(std::move(items), use_weights));
}

namespace {

/// Validated weights (ones when none or not honoured); data_error naming the respondent.
Eigen::VectorXd checked_weights(const Eigen::Ref<const Eigen::VectorXd>& weights, Eigen::Index n, bool use,
                                const std::string& source, const std::string& who) {
    if (!use || weights.size() == 0) return Eigen::VectorXd::Ones(n);
    if (weights.size() != n) {
        throw argument_error(location{source, 0, "weight"},
                             "moment_accumulator::add: " + std::to_string(weights.size()) + " weights for " +
                                 std::to_string(n) + " rows (expected one weight per row, or none)");
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!(weights[i] >= 0) || !std::isfinite(weights[i])) {
            throw data_error(location{source, 0, "weight"}, who + std::to_string(i + 1) + ": weight " +
                                                                 format_shortest(weights[i]) +
                                                                 " is invalid (expected a finite value >= 0)");
        }
    }
    return weights;
}

void add_batch(accumulator_state& st, const Eigen::Ref<const Eigen::MatrixXd>& values,
               const std::vector<Eigen::Index>& cols, Eigen::VectorXd w) {
    const Eigen::Index n = values.rows();
    if (n == 0) return;
    if (st.rows + static_cast<std::uint64_t>(n) > accumulator_max_rows) {
        throw data_error(location{"", 0, ""}, "moment_accumulator::add: more than " +
                                                  std::to_string(accumulator_max_rows) +
                                                  " rows in one accumulator (expected at most accumulator_max_rows)");
    }
    if (st.mode == accumulation_mode::exact && !exact_batch(values, cols, w)) st.make_real();
    if (st.mode == accumulation_mode::real) {
        const double largest = w.maxCoeff();
        if (!st.weight_exp_fixed && largest > 0) {
            int e = 0;
            std::frexp(largest, &e);           // largest = f 2^e, f in [0.5, 1)
            st.weight_exp = (e - 1) & ~1;      // even: the largest scaled weight lies in [1, 4)
            st.weight_exp_fixed = true;
        }
        if (st.weight_exp != 0) w *= std::ldexp(1.0, -st.weight_exp);
    }
    const Eigen::Index chunks = (n + chunk_rows - 1) / chunk_rows;
    if (chunks <= 1) {
        add_rows(st, values, cols, w, 0, n);
        return;
    }
    // Large batches: fixed chunks on all cores, merged in chunk order.
    accumulator_state blank = st;
    blank.rows = blank.excluded = blank.any_n = blank.cc_n = 0;
    std::fill(blank.missing.begin(), blank.missing.end(), 0);
    std::fill(blank.count.begin(), blank.count.end(), 0);
    blank.ex.resize(st.p());
    blank.re.resize(static_cast<Eigen::Index>(st.p()));
    blank.summary = read_summary{};
    std::vector<accumulator_state> parts(static_cast<std::size_t>(chunks), blank);
    auto run = [&](Eigen::Index c) {
        add_rows(parts[static_cast<std::size_t>(c)], values, cols, w, c * chunk_rows, std::min(n, (c + 1) * chunk_rows));
    };
    const unsigned threads = resolve_threads(0, static_cast<std::size_t>(chunks));
    std::atomic<Eigen::Index> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        for (Eigen::Index c; (c = next.fetch_add(1)) < chunks;) {
            try {
                run(c);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    // A refused thread (std::system_error) means fewer helpers, not an abort: the chunks are
    // fixed by n, so the result is the same with any number of them.
    try {
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    } catch (const std::system_error&) {
    } catch (const std::bad_alloc&) {  // the thread's own state could not be allocated
    }
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    for (const auto& part : parts) merge_sums(st, part);
}

}  // namespace

void moment_accumulator::add(const Eigen::Ref<const Eigen::MatrixXd>& rows, const Eigen::Ref<const Eigen::VectorXd>& weights) {
    if (static_cast<std::size_t>(rows.cols()) != state_->p()) {
        throw argument_error(location{}, "moment_accumulator::add: " + std::to_string(rows.cols()) +
                                             " columns (expected " + std::to_string(state_->p()) +
                                             ", one per item in items())");
    }
    std::vector<Eigen::Index> cols(state_->p());
    for (std::size_t k = 0; k < cols.size(); ++k) cols[k] = static_cast<Eigen::Index>(k);
    add_batch(*state_, rows, cols,
              checked_weights(weights, rows.rows(), state_->use_weights, "", "moment_accumulator::add: respondent "));
}

void moment_accumulator::add(const responses& data) {
    std::vector<Eigen::Index> cols;
    std::vector<problem> unknown;
    for (const auto& id : state_->items) {
        auto it = std::find(data.item_ids.begin(), data.item_ids.end(), id);
        if (it == data.item_ids.end()) {
            unknown.push_back({location{data.source, 0, id}, "compute_moments: item \"" + id +
                                                                "\" is not in the data (expected one of its columns)"});
        } else {
            cols.push_back(static_cast<Eigen::Index>(it - data.item_ids.begin()));
        }
    }
    if (!unknown.empty()) throw data_error(std::move(unknown));
    const Eigen::Index n = data.values.rows();
    const bool use = state_->use_weights && data.weights.size() == n;
    Eigen::VectorXd w = checked_weights(use ? Eigen::VectorXd(data.weights) : Eigen::VectorXd(), n, use, data.source,
                                        "respondent ");
    add_batch(*state_, data.values, cols, std::move(w));
    merge_summary(state_->summary, data.summary);
}

void moment_accumulator::merge(const moment_accumulator& other) {
    const accumulator_state& a = *state_;
    const accumulator_state& b = *other.state_;
    const std::string where = "moment_accumulator::merge: ";
    if (a.items != b.items) {
        std::size_t k = 0;
        while (k < a.items.size() && k < b.items.size() && a.items[k] == b.items[k]) ++k;
        std::string what;
        if (k < a.items.size() && k < b.items.size()) {
            what = "item " + std::to_string(k + 1) + " is \"" + a.items[k] + "\" here but \"" + b.items[k] + "\" in the other state";
        } else {
            what = "this state has " + std::to_string(a.items.size()) + " items, the other " + std::to_string(b.items.size());
        }
        throw data_error(location{"", 0, k < a.items.size() ? a.items[k] : ""},
                         where + what + " (expected the same items in the same order)");
    }
    if (a.use_weights != b.use_weights) {
        throw data_error(location{"", 0, "weight"}, where + std::string("this state ") +
                                                        (a.use_weights ? "honours" : "ignores") +
                                                        " the respondents' weights and the other does not (expected the same use_weights)");
    }
    if (a.fingerprint != b.fingerprint) {
        for (std::size_t k = 0; k < a.items.size(); ++k) {
            if (a.item_fingerprints[k] != b.item_fingerprints[k]) {
                throw data_error(location{"", 0, a.items[k]},
                                 where + "item \"" + a.items[k] +
                                     "\" is defined differently in the two surveys: scale range, missing codes, reverse flag or column "
                                     "(expected states of the same survey)");
            }
        }
        throw data_error(location{"", 0, "weight"}, where + "the surveys name different weight columns "
                                                            "(expected states of the same survey)");
    }
    if (this == &other) {
        const accumulator_state copy = b;
        merge_sums(*state_, copy);
    } else {
        merge_sums(*state_, b);
    }
}

const std::vector<std::string>& moment_accumulator::items() const noexcept { return state_->items; }
accumulation_mode moment_accumulator::mode() const noexcept { return state_->mode; }
std::size_t moment_accumulator::respondents() const noexcept { return static_cast<std::size_t>(state_->rows); }
std::size_t moment_accumulator::excluded() const noexcept { return static_cast<std::size_t>(state_->excluded); }
std::uint64_t moment_accumulator::fingerprint() const noexcept { return state_->fingerprint; }
const read_summary& moment_accumulator::summary() const noexcept { return state_->summary; }
read_summary& moment_accumulator::summary() noexcept { return state_->summary; }
bool moment_accumulator::uses_weights() const noexcept { return state_->use_weights; }
std::vector<std::uint64_t> moment_accumulator::missing_counts() const { return state_->missing; }

CSIKIT_NAMESPACE_END
