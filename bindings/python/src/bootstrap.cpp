// Bootstrap with the GIL released; the progress callback (on the calling thread) takes the GIL
// back to check for Ctrl-C and to call the user's Python callback, and cancels on either.
#include "prelude.hpp"

#include <optional>

namespace csikit_py {

namespace {

const char* kind_name(csikit::parameter_kind k) { return csikit::to_string(k); }

/// The parameters as columns (for a DataFrame): dict of equal-length lists.
py::dict columns(const csikit::bootstrap_result& r) {
    std::vector<std::string> kind, label;
    std::vector<double> est, mean, bias, se, t, p, lo, hi, blo, bhi;
    std::vector<const csikit::bootstrap_parameter*> all;
    for (const auto& q : r.parameters) all.push_back(&q);
    for (const auto& q : r.indices) all.push_back(&q);  // present when bootstrapped with indices
    for (const auto* qp : all) {
        const auto& q = *qp;
        kind.push_back(kind_name(q.kind));
        label.push_back(q.label);
        est.push_back(q.estimate);
        mean.push_back(q.mean);
        bias.push_back(q.bias);
        se.push_back(q.se);
        t.push_back(q.t);
        p.push_back(q.p);
        lo.push_back(q.ci_low);
        hi.push_back(q.ci_high);
        blo.push_back(q.bca_low);
        bhi.push_back(q.bca_high);
    }
    return py::dict(py::arg("kind") = kind, py::arg("label") = label, py::arg("estimate") = est,
                    py::arg("mean") = mean, py::arg("bias") = bias, py::arg("se") = se, py::arg("t") = t,
                    py::arg("p") = p, py::arg("ci_low") = lo, py::arg("ci_high") = hi, py::arg("bca_low") = blo,
                    py::arg("bca_high") = bhi);
}

}  // namespace

void register_bootstrap(py::module_& m) {
    py::class_<boot_state>(m, "Bootstrap", "A bootstrap of a fit (immutable).")
        .def_property_readonly("parameters", [](const boot_state& b) { return columns(b.result); })
        .def_property_readonly("resamples", [](const boot_state& b) { return b.result.resamples; })
        .def_property_readonly("succeeded", [](const boot_state& b) { return b.result.succeeded; })
        .def_property_readonly("failed", [](const boot_state& b) { return b.result.failed; })
        .def_property_readonly("failed_by_reason", [](const boot_state& b) { return b.result.failed_by_reason; })
        .def_property_readonly("failure_examples", [](const boot_state& b) { return b.result.failure_examples; })
        .def_property_readonly("seed", [](const boot_state& b) { return b.result.seed; })
        .def_property_readonly("threads", [](const boot_state& b) { return b.result.threads; })
        .def_property_readonly("confidence", [](const boot_state& b) { return b.result.confidence; })
        .def_property_readonly("df", [](const boot_state& b) { return b.result.df; })
        .def_property_readonly("respondents", [](const boot_state& b) { return b.result.respondents; })
        .def_property_readonly("jackknife", [](const boot_state& b) { return b.result.jackknife; });

    m.def("bootstrap",
          [](const fit_state& f, std::size_t resamples, std::uint64_t seed, unsigned threads, double confidence, bool bca,
             std::size_t jackknife_max, double max_failed_share, bool drop_inadmissible, bool indices,
             const py::object& progress) {
              csikit::bootstrap_options o;
              o.resamples = resamples;
              o.seed = seed;
              o.threads = threads;
              o.confidence = confidence;
              o.bca = bca;
              o.jackknife_max = jackknife_max;
              o.max_failed_share = max_failed_share;
              o.drop_inadmissible = drop_inadmissible;
              if (indices) o.index_survey = f.survey.get();  // kept alive by the fit
              // A Python error raised in the callback (KeyboardInterrupt, the user's exception)
              // is kept here and re-raised once the GIL is back, instead of cancelled_error.
              std::optional<py::error_already_set> pending;
              o.progress = [&](std::size_t done, std::size_t total) {
                  py::gil_scoped_acquire locked;
                  try {
                      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
                      if (!progress.is_none()) {
                          py::object r = progress(done, total);
                          if (!r.is_none() && !r.cast<bool>()) return false;  // the user asked to stop
                      }
                      return true;
                  } catch (py::error_already_set& e) {
                      pending.emplace(std::move(e));
                      return false;
                  }
              };
              boot_state b{f.fit, {}};
              try {
                  py::gil_scoped_release unlocked;
                  b.result = csikit::bootstrap(f.model, *f.data, *f.fit, o);
              } catch (const csikit::cancelled_error&) {
                  if (pending) throw std::move(*pending);
                  throw;
              }
              // Drop the callback (and its reference to `progress`) while we hold the GIL.
              o.progress = nullptr;
              return b;
          },
          py::arg("fit"), py::kw_only(), py::arg("resamples") = 5000, py::arg("seed") = 1, py::arg("threads") = 0,
          py::arg("confidence") = 0.95, py::arg("bca") = true, py::arg("jackknife_max") = 2000,
          py::arg("max_failed_share") = 0.2, py::arg("drop_inadmissible") = false, py::arg("indices") = true,
          py::arg("progress") = py::none(),
          "Bootstraps a fit. `progress(done, total)` may return False to cancel; Ctrl-C interrupts.");
}

}  // namespace csikit_py
