// csikit._core.limits: the ranges of the whole-number options (include/csikit/limits.hpp), so
// the Python keywords are checked against the very table the CLI flags use (csikit/_args.py).
#include "prelude.hpp"

#include "csikit/limits.hpp"

namespace csikit_py {

void register_limits(py::module_& m) {
    m.def(
        "ranges",
        [] {
            const auto pair = [](const csikit::whole_range& r) { return py::make_tuple(r.min, r.max); };
            py::dict d;
            d["seed"] = pair(csikit::seed_range);
            d["threads"] = pair(csikit::threads_range);
            d["resamples"] = pair(csikit::resamples_range);
            d["jackknife_max"] = pair(csikit::jackknife_max_range);
            d["max_iterations"] = pair(csikit::max_iterations_range);
            d["simulate_n"] = pair(csikit::simulate_n_range);
            d["plan_n"] = pair(csikit::plan_n_range);
            return d;
        },
        "The closed ranges (min, max) of the whole-number options, as the CLI checks them.");
}

}  // namespace csikit_py
