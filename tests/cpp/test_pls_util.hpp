// Helpers for the PLS tests: reading the shared reference CSV/JSON files and the ECSI model.
#pragma once

#include <csikit/pls.hpp>

#include <Eigen/Core>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/ecsi.hpp"

namespace pls_test {

/// The message of the csikit::error `f` throws, or "no error".
template <class F>
std::string error_text(F&& f) {
    try {
        f();
    } catch (const csikit::error& e) {
        return e.what();
    }
    return "no error";
}

using test_support::shared_path;
inline std::string shared(const std::string& rel) { return shared_path(rel); }

/// Splits one CSV line (double quotes allowed, no embedded commas needed by our files).
inline std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            out.push_back(cell);
            cell.clear();
        } else if (c != '\r') {
            cell += c;
        }
    }
    out.push_back(cell);
    return out;
}

/// A CSV table: header, then rows of text cells.
struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    int col(const std::string& name) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return static_cast<int>(i);
        throw std::runtime_error("no column " + name);
    }
    static double num(const std::string& s) { return s == "NA" || s.empty() ? std::nan("") : std::stod(s); }
    double at(std::size_t r, const std::string& c) const { return num(rows[r][static_cast<std::size_t>(col(c))]); }
};

inline table read_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    table t;
    std::string line;
    std::getline(in, line);
    t.header = split_csv(line);
    while (std::getline(in, line))
        if (!line.empty()) t.rows.push_back(split_csv(line));
    return t;
}

/// A numeric CSV file as responses (column names = item ids); `missing_code` becomes NaN.
inline csikit::responses read_numeric(const std::string& path, double missing_code = std::nan("")) {
    const table t = read_table(path);
    csikit::responses r;
    r.item_ids = t.header;
    r.values.resize(static_cast<Eigen::Index>(t.rows.size()), static_cast<Eigen::Index>(t.header.size()));
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        for (std::size_t k = 0; k < t.header.size(); ++k) {
            double v = table::num(t.rows[i][k]);
            if (v == missing_code) v = std::nan("");
            r.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = v;
        }
    r.weights = Eigen::VectorXd::Ones(r.values.rows());
    r.source = path;
    return r;
}

inline csikit::construct make_construct(const std::string& id, std::vector<std::string> items,
                                        csikit::outer_mode mode = csikit::outer_mode::A) {
    csikit::construct c;
    c.id = id;
    c.items = std::move(items);
    c.mode = mode;
    return c;
}

/// The ECSI mobi model of Tenenhaus et al. (2005), as in ecsi/schema.json.
inline csikit::pls_model ecsi_model() {
    csikit::pls_model m;
    m.constructs = {make_construct("IMAG", {"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"}),
                    make_construct("CUEX", {"CUEX1", "CUEX2", "CUEX3"}),
                    make_construct("PERQ", {"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"}),
                    make_construct("PERV", {"PERV1", "PERV2"}),
                    make_construct("CUSA", {"CUSA1", "CUSA2", "CUSA3"}),
                    make_construct("CUSCO", {"CUSCO"}),
                    make_construct("CUSL", {"CUSL1", "CUSL2", "CUSL3"})};
    m.paths = {{"IMAG", "CUEX"}, {"IMAG", "CUSA"}, {"IMAG", "CUSL"}, {"CUEX", "PERQ"},
               {"CUEX", "PERV"}, {"CUEX", "CUSA"}, {"PERQ", "PERV"}, {"PERQ", "CUSA"},
               {"PERV", "CUSA"}, {"CUSA", "CUSCO"}, {"CUSA", "CUSL"}, {"CUSCO", "CUSL"}};
    return m;
}

/// Tracks the largest absolute difference seen, for the agreement table in docs/pls.md.
struct max_diff {
    double value = 0;
    void add(double a, double b) {
        const double d = std::abs(a - b);
        if (d > value || std::isnan(d)) value = std::isnan(d) ? INFINITY : d;
    }
};

}  // namespace pls_test
