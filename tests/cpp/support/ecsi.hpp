// The shared ECSI reference case (../shared/data/ecsi: schema.json and mobi.csv, 250 x 24),
// read and fitted the way a user does it. One copy for the C++ tests and the benchmarks; it
// needs CSIKIT_SHARED_DATA, which both CMake files define.
#pragma once

#include <csikit/bootstrap.hpp>
#include <csikit/data.hpp>
#include <csikit/pls.hpp>
#include <csikit/schema.hpp>

#include <string>

namespace test_support {

/// A file below the shared reference data folder.
inline std::string shared_path(const std::string& rel) { return std::string(CSIKIT_SHARED_DATA) + "/" + rel; }

/// ecsi/schema.json, loaded once.
inline const csikit::survey& ecsi_survey() {
    static const csikit::survey s = csikit::load_survey(shared_path("ecsi/schema.json"));
    return s;
}

/// ecsi/mobi.csv read against the ECSI schema (a fresh copy each call: callers may change it).
inline csikit::responses ecsi_responses() {
    return csikit::read_responses(shared_path("ecsi/mobi.csv"), ecsi_survey());
}

/// The survey, its answers, its model and one estimate with the given options.
struct ecsi_case {
    csikit::survey s;
    csikit::responses data;
    csikit::pls_model model;
    csikit::pls_fit fit;
};

inline ecsi_case load_ecsi(const csikit::pls_options& options = {}) {
    ecsi_case e;
    e.s = ecsi_survey();
    e.data = ecsi_responses();
    e.model = csikit::pls_model::from_survey(e.s);
    e.fit = csikit::estimate(e.model, e.data, options);
    return e;
}

/// The case above (default options) with a bootstrap of its fit.
struct ecsi_boot_case : ecsi_case {
    csikit::bootstrap_result boot;
};

inline ecsi_boot_case load_ecsi_bootstrapped(const csikit::bootstrap_options& options) {
    ecsi_boot_case e{load_ecsi(), {}};
    e.boot = csikit::bootstrap(e.model, e.data, e.fit, options);
    return e;
}

}  // namespace test_support
