// AHP weights (ahp.hpp, docs/ahp.md): the principal eigenvector by power iteration (a positive
// reciprocal matrix has a simple dominant eigenvalue with a positive eigenvector, Perron-
// Frobenius, so the iteration converges from the uniform start), or row geometric means.
#include "csikit/ahp.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/error.hpp"
#include "csikit/format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

CSIKIT_NAMESPACE_BEGIN

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& what) { throw argument_error(location{"", 0, where}, what); }

constexpr enum_name<ahp_method> method_names[] = {{ahp_method::eigenvector, "eigenvector"},
                                                  {ahp_method::geometric_mean, "geometric_mean"}};

constexpr double random_index[] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};

std::string cell(std::size_t i, std::size_t j) { return "[" + std::to_string(i) + "][" + std::to_string(j) + "]"; }

void check(const std::vector<std::vector<double>>& a, const std::string& where) {
    const std::size_t n = a.size();
    if (n == 0) bad(where, "the comparison matrix is empty (expected one row per child)");
    if (n > max_ahp_size)
        bad(where, "the comparison matrix is " + std::to_string(n) + " x " + std::to_string(n) + " (at most " +
                       std::to_string(max_ahp_size) + " children: Saaty's random index ends there)");
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i].size() != n)
            bad(where + " row " + std::to_string(i), "has " + std::to_string(a[i].size()) + " entries (expected " + std::to_string(n) +
                                                        ", a square matrix)");
        for (std::size_t j = 0; j < n; ++j)
            if (!(std::isfinite(a[i][j]) && a[i][j] > 0))
                bad(where + " cell " + cell(i, j), format_shortest(a[i][j]) + " is not a positive number (expected 1/9..9)");
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (std::fabs(a[i][i] - 1) > 1e-9)
            bad(where + " cell " + cell(i, i), format_shortest(a[i][i]) + " on the diagonal (expected 1: a child compared with itself)");
        for (std::size_t j = i + 1; j < n; ++j)
            // 1.5% relative: 0.33 for 1/3 and 0.17 for 1/6 pass, 0.5 for 1/3 does not.
            if (std::fabs(a[i][j] * a[j][i] - 1) > 0.015)
                bad(where + " cell " + cell(j, i), format_shortest(a[j][i]) + " is not the reciprocal of cell " + cell(i, j) + " = " +
                                                       format_shortest(a[i][j]) + " (expected " + format_fixed(1 / a[i][j], 3) + ")");
    }
}

void collect(node& n, std::vector<node*>& out) {
    if (!n.ahp.empty()) out.push_back(&n);
    for (auto& c : n.children) collect(c, out);
}

node* find(node& n, std::string_view id) {
    if (n.id == id) return &n;
    for (auto& c : n.children)
        if (node* f = find(c, id)) return f;
    return nullptr;
}

double fraction(const nlohmann::json& c) {
    if (c.is_number()) return c.get<double>();
    if (!c.is_string()) return std::nan("");
    const std::string t = c.get<std::string>();
    auto parse = [](std::string_view x) {
        double v = 0;
        const auto [p, ec] = std::from_chars(x.data(), x.data() + x.size(), v);
        return (x.empty() || ec != std::errc() || p != x.data() + x.size()) ? std::nan("") : v;
    };
    const auto slash = t.find('/');
    if (slash == std::string::npos) return parse(t);
    const double a = parse(std::string_view(t).substr(0, slash)), b = parse(std::string_view(t).substr(slash + 1));
    return b != 0 ? a / b : std::nan("");
}

}  // namespace

const char* to_string(ahp_method m) noexcept { return name_of(method_names, m, "unknown"); }

ahp_method parse_ahp_method(std::string_view name) {
    if (name == "eigenvector") return ahp_method::eigenvector;
    if (name == "geometric_mean" || name == "geometric") return ahp_method::geometric_mean;
    bad("ahp_method", "unknown method \"" + std::string(name) + "\" (expected eigenvector or geometric_mean)");
}

double saaty_random_index(std::size_t n) {
    if (n < 1 || n > max_ahp_size) bad("ahp", "no random index for n = " + std::to_string(n) + " (expected 1..15)");
    return random_index[n - 1];
}

ahp_result ahp_weights(const std::vector<std::vector<double>>& a, ahp_method method, const std::string& where) {
    check(a, where);
    const std::size_t n = a.size();
    ahp_result r;
    r.method = method;
    std::vector<double> w(n, 1.0 / static_cast<double>(n));
    if (method == ahp_method::geometric_mean) {
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            double log_sum = 0;
            for (std::size_t j = 0; j < n; ++j) log_sum += std::log(a[i][j]);
            w[i] = std::exp(log_sum / static_cast<double>(n));
            sum += w[i];
        }
        for (double& x : w) x /= sum;
    } else {
        // Power iteration; for n <= 15 and Saaty's 1/9..9 cells it converges in a few dozen steps.
        for (int it = 0; it < 10000; ++it) {
            std::vector<double> next(n, 0.0);
            double sum = 0;
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t j = 0; j < n; ++j) next[i] += a[i][j] * w[j];
                sum += next[i];
            }
            double change = 0;
            for (std::size_t i = 0; i < n; ++i) {
                next[i] /= sum;
                change = std::max(change, std::fabs(next[i] - w[i]));
            }
            w = std::move(next);
            if (change < 1e-15) break;
        }
    }
    double lambda = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double aw = 0;
        for (std::size_t j = 0; j < n; ++j) aw += a[i][j] * w[j];
        lambda += aw / w[i];
    }
    r.lambda_max = lambda / static_cast<double>(n);
    r.weights = std::move(w);
    r.ri = saaty_random_index(n);
    if (n > 2) {
        r.ci = std::max(0.0, (r.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1));
        r.cr = r.ci / r.ri;
    }
    return r;
}

bool has_ahp(const survey& s) noexcept {
    if (!s.hierarchy) return false;
    std::vector<const node*> todo{&*s.hierarchy};
    while (!todo.empty()) {
        const node* n = todo.back();
        todo.pop_back();
        if (!n->ahp.empty()) return true;
        for (const auto& c : n->children) todo.push_back(&c);
    }
    return false;
}

std::vector<ahp_node> apply_ahp(survey& s, const ahp_options& options) {
    std::vector<ahp_node> out;
    if (!s.hierarchy) return out;
    std::vector<node*> nodes;
    collect(*s.hierarchy, nodes);
    for (node* n : nodes) {
        const std::string where = "hierarchy node " + n->id + " ahp";
        if (n->ahp.size() != n->children.size())
            bad(where, "has " + std::to_string(n->ahp.size()) + " rows for " + std::to_string(n->children.size()) +
                           " children (expected one row and one column per child)");
        ahp_node e;
        e.node = n->id;
        e.result = ahp_weights(n->ahp, options.method, where);
        e.inconsistent = e.result.cr > max_consistency_ratio;
        if (e.inconsistent && !options.allow_inconsistent)
            bad(where, "consistency ratio " + format_fixed(e.result.cr, 3) + " is above " + format_shortest(max_consistency_ratio) +
                           " (CI " + format_fixed(e.result.ci, 3) + ", RI " + format_shortest(e.result.ri) +
                           "; expected more consistent judgements, or allow_inconsistent / --ahp-allow-inconsistent)");
        for (std::size_t k = 0; k < n->children.size(); ++k) {
            e.children.push_back(n->children[k].id);
            e.stated.push_back(n->children[k].weight);
            n->children[k].weight = e.result.weights[k];
        }
        out.push_back(std::move(e));
    }
    return out;
}

void load_ahp_file(survey& s, const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw io_error(location{path, 0, ""}, "cannot open the AHP file (expected a readable JSON file)");
    std::stringstream text;
    text << f.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw parse_error(location{path, 0, ""}, std::string("not valid JSON (") + e.what() + ")");
    }
    if (!doc.is_object())
        throw parse_error(location{path, 0, ""}, "expected an object {\"NODE_ID\": [[1, 3], [\"1/3\", 1]], ...}");
    if (!s.hierarchy) bad(path, "the schema has no hierarchy for the AHP matrices");
    for (const auto& [id, m] : doc.items()) {
        node* n = find(*s.hierarchy, id);
        const std::string where = path + ": " + id;
        if (!n) bad(where, "unknown hierarchy node \"" + id + "\"");
        if (n->is_leaf()) bad(where, "is a leaf (expected an inner node: AHP weighs a node's children)");
        if (!m.is_array()) bad(where, "expected an array of rows");
        std::vector<std::vector<double>> a;
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (!m[i].is_array()) bad(where + " row " + std::to_string(i), "expected an array of numbers");
            std::vector<double> row;
            for (std::size_t j = 0; j < m[i].size(); ++j) {
                const double x = fraction(m[i][j]);
                if (!(std::isfinite(x) && x > 0))
                    bad(where + " cell " + cell(i, j), "expected a positive number or a fraction such as \"1/3\"");
                row.push_back(x);
            }
            a.push_back(std::move(row));
        }
        if (a.size() != n->children.size())
            bad(where, "has " + std::to_string(a.size()) + " rows for " + std::to_string(n->children.size()) +
                           " children (expected one row and one column per child)");
        n->ahp = std::move(a);
    }
}

CSIKIT_NAMESPACE_END
