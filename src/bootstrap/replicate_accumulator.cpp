// replicate_accumulator: the full-sample accumulator and B replicates fed with Poisson counts,
// merged and serialised as one state.
//
// State bytes (little-endian; docs/scale.md): "CSIKPBS\0", u32 version (1), u64 B, u64 seed,
// u64 length + the id column (empty: row numbers), u64 length + the full accumulator's bytes,
// then B times u64 length + a replicate's bytes, and last a u64 FNV-1a checksum of all the
// bytes before it.
#include "csikit/limits.hpp"
#include "csikit/format.hpp"
#include "csikit/poisson_bootstrap.hpp"

#include <algorithm>
#include <exception>
#include <thread>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view magic{"CSIKPBS\0", 8};
constexpr std::uint32_t state_version = 1;

[[noreturn]] void bad_state(const std::string& what) {
    throw parse_error(location{"", 0, "replicate state"}, "replicate state: " + what);
}

void put_u64(std::string& out, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}

void put_text(std::string& out, std::string_view text) {
    put_u64(out, text.size());
    out.append(text);
}

std::uint64_t checksum(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
}

/// Reads the fields in order; every read checks the bytes left first.
struct reader {
    std::string_view rest;
    std::uint64_t u64(const char* what) {
        if (rest.size() < 8) bad_state(std::string("truncated in ") + what + " (expected 8 more bytes)");
        std::uint64_t v = 0;
        for (int b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(rest[b])) << (8 * b);
        rest.remove_prefix(8);
        return v;
    }
    std::string_view text(const char* what) {
        const std::uint64_t n = u64(what);
        if (n > rest.size())
            bad_state(std::string("truncated in ") + what + " (" + std::to_string(n) + " bytes announced, " +
                      std::to_string(rest.size()) + " left)");
        const auto t = rest.substr(0, n);
        rest.remove_prefix(n);
        return t;
    }
};

void check_replicates(std::size_t B) {
    if (B > max_poisson_replicates)
        throw argument_error(location{"", 0, "replicates"},
                             "poisson bootstrap: " + std::to_string(B) + " replicates is out of range (expected 0 .. " +
                                 std::to_string(max_poisson_replicates) + ")");
}

/// Runs f(r) for r = 0..B-1 on up to hardware_concurrency threads, replicate r on one thread
/// only, so every replicate sees its rows in the same order whatever the thread count.
template <class F>
void for_each_replicate(std::size_t B, F f) {
    const std::size_t threads = resolve_threads(0, B);
    if (threads <= 1) {
        for (std::size_t r = 0; r < B; ++r) f(r);
        return;
    }
    std::vector<std::exception_ptr> failure(threads);
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                for (std::size_t r = t; r < B; r += threads) f(r);
            } catch (...) {
                failure[t] = std::current_exception();
            }
        });
    for (auto& th : pool) th.join();
    for (auto& e : failure)
        if (e) std::rethrow_exception(e);
}

}  // namespace

replicate_accumulator::replicate_accumulator(const survey& s, std::vector<std::string> items, std::size_t replicates,
                                             std::uint64_t seed, replicate_keys keys, bool use_weights)
    : full_(s, items, use_weights), seed_(seed), keys_(std::move(keys)) {
    check_replicates(replicates);
    reps_.assign(replicates, full_);
}

replicate_accumulator::replicate_accumulator(moment_accumulator full, std::vector<moment_accumulator> reps,
                                             std::uint64_t seed, replicate_keys keys)
    : full_(std::move(full)), reps_(std::move(reps)), seed_(seed), keys_(std::move(keys)) {}

void replicate_accumulator::add(const Eigen::Ref<const Eigen::MatrixXd>& rows, const Eigen::Ref<const Eigen::VectorXd>& weights,
                                const std::vector<std::uint64_t>& keys) {
    const Eigen::Index m = rows.rows();
    if (keys.size() != static_cast<std::size_t>(m))
        throw argument_error(location{"", 0, "keys"}, "poisson bootstrap: " + std::to_string(keys.size()) +
                                                          " keys for " + std::to_string(m) + " rows (expected one per row)");
    if (weights.size() != 0 && weights.size() != m)
        throw argument_error(location{"", 0, "weights"}, "poisson bootstrap: " + std::to_string(weights.size()) +
                                                             " weights for " + std::to_string(m) + " rows (expected one per row or none)");
    full_.add(rows, weights);  // first: it refuses a bad weight before any replicate sees it
    for_each_replicate(reps_.size(), [&](std::size_t r) {
        Eigen::VectorXd w(m);
        for (Eigen::Index i = 0; i < m; ++i)
            w[i] = (weights.size() ? weights[i] : 1.0) * poisson_count(seed_, keys[static_cast<std::size_t>(i)], r);
        reps_[r].add(rows, w);
    });
}

void replicate_accumulator::add(const responses& data, std::uint64_t first_row) {
    const std::size_t n = data.respondents();
    std::vector<std::uint64_t> keys(n);
    if (keys_.id_column.empty()) {
        for (std::size_t i = 0; i < n; ++i) keys[i] = first_row + i;
    } else {
        const auto it = data.groups.find(keys_.id_column);
        if (it == data.groups.end())
            throw data_error(location{data.source, 0, keys_.id_column},
                             "poisson bootstrap: id column \"" + keys_.id_column +
                                 "\" is not in the data (expected a segment or wave column of the schema)");
        for (std::size_t i = 0; i < n; ++i) {
            if (it->second[i].empty())
                throw data_error(location{data.source, data.lines.size() > i ? data.lines[i] : 0, keys_.id_column},
                                 "poisson bootstrap: respondent " + std::to_string(i + 1) + " has an empty id in \"" +
                                     keys_.id_column + "\" (expected an id for every respondent)");
            keys[i] = respondent_key(it->second[i]);
        }
    }
    Eigen::MatrixXd rows(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(items().size()));
    for (std::size_t j = 0; j < items().size(); ++j)
        rows.col(static_cast<Eigen::Index>(j)) = data.values.col(data.column(items()[j]));
    add(rows, full_.uses_weights() ? data.weights : Eigen::VectorXd(), keys);
    full_.summary().respondents += data.summary.respondents;
}

void replicate_accumulator::merge(const replicate_accumulator& other) {
    auto refuse = [](const std::string& what) {
        throw data_error(location{"", 0, "merge"}, "poisson bootstrap: cannot merge states: " + what);
    };
    if (other.reps_.size() != reps_.size())
        refuse(std::to_string(other.reps_.size()) + " replicates against " + std::to_string(reps_.size()) +
               " (expected the same B)");
    if (other.seed_ != seed_)
        refuse("seed " + std::to_string(other.seed_) + " against " + std::to_string(seed_) + " (expected the same seed)");
    if (other.keys_.id_column != keys_.id_column)
        refuse("keys from " + (other.keys_.id_column.empty() ? std::string("row numbers") : "\"" + other.keys_.id_column + "\"") +
               " against " + (keys_.id_column.empty() ? std::string("row numbers") : "\"" + keys_.id_column + "\"") +
               " (expected the same id column)");
    full_.merge(other.full_);  // names any difference of items, survey or weights
    for_each_replicate(reps_.size(), [&](std::size_t r) { reps_[r].merge(other.reps_[r]); });
}

std::string replicate_accumulator::to_bytes() const {
    std::string out(magic);
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((state_version >> (8 * b)) & 0xff));
    put_u64(out, reps_.size());
    put_u64(out, seed_);
    put_text(out, keys_.id_column);
    put_text(out, full_.to_bytes());
    for (const auto& r : reps_) put_text(out, r.to_bytes());
    put_u64(out, checksum(out));
    return out;
}

replicate_accumulator replicate_accumulator::from_bytes(std::string_view bytes) {
    if (bytes.size() < magic.size() || bytes.substr(0, magic.size()) != magic)
        bad_state("not a replicate state (expected bytes starting with CSIKPBS)");
    if (bytes.size() < magic.size() + 4 + 8) bad_state("truncated (expected a version and a checksum)");
    std::uint32_t version = 0;
    for (int b = 0; b < 4; ++b)
        version |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[magic.size() + b])) << (8 * b);
    if (version != state_version)
        bad_state("version " + std::to_string(version) + " (expected " + std::to_string(state_version) +
                  "; a newer csikit wrote it)");
    const auto body = bytes.substr(0, bytes.size() - 8);
    reader tail{bytes.substr(bytes.size() - 8)};
    if (tail.u64("checksum") != checksum(body)) bad_state("checksum mismatch (expected the bytes as written: corrupted?)");
    reader in{body.substr(magic.size() + 4)};
    const std::uint64_t B = in.u64("replicates");
    if (B > max_poisson_replicates)
        bad_state(std::to_string(B) + " replicates (expected 0 .. " + std::to_string(max_poisson_replicates) + ")");
    const std::uint64_t seed = in.u64("seed");
    replicate_keys keys{std::string(in.text("id column"))};
    moment_accumulator full = moment_accumulator::from_bytes(in.text("full accumulator"));
    std::vector<moment_accumulator> reps;
    reps.reserve(B);
    for (std::uint64_t r = 0; r < B; ++r) {
        reps.push_back(moment_accumulator::from_bytes(in.text("replicate")));
        if (reps.back().items() != full.items() || reps.back().fingerprint() != full.fingerprint())
            bad_state("replicate " + std::to_string(r) + " is of other items than the full sample (expected the same)");
    }
    if (!in.rest.empty()) bad_state(std::to_string(in.rest.size()) + " bytes after the last replicate (expected none)");
    return replicate_accumulator(std::move(full), std::move(reps), seed, std::move(keys));
}

CSIKIT_NAMESPACE_END
