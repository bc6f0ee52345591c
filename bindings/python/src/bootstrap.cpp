// csikit._core.bootstrap: the bootstrap (csikit::fitted_bootstrap) with the GIL released; the progress callback (on the calling thread) takes the GIL
// back to check for Ctrl-C and to call the user's Python callback, and cancels on either.
#include "prelude.hpp"

#include <optional>

namespace csikit_py {

namespace {

using parameter_kind_t = csikit::parameter_kind;
using fb = csikit::fitted_bootstrap;

const char* kind_name(csikit::parameter_kind k) { return csikit::to_string(k); }

/// Parameters as columns (for a DataFrame): dict of equal-length lists; `extra` adds the
/// columns upper (one-sided HTMT bound) and mediators (of a specific indirect effect).
py::dict columns_of(const std::vector<const csikit::bootstrap_parameter*>& all, bool extra) {
    std::vector<std::string> kind, label;
    std::vector<double> est, mean, bias, se, t, p, lo, hi, blo, bhi, upper;
    std::vector<std::size_t> mediators;
    for (const auto* qp : all) {
        upper.push_back(qp->upper);
        mediators.push_back(qp->chain.size() >= 2 ? qp->chain.size() - 2 : 0);
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
    py::dict d(py::arg("kind") = kind, py::arg("label") = label, py::arg("estimate") = est,
               py::arg("mean") = mean, py::arg("bias") = bias, py::arg("se") = se, py::arg("t") = t,
               py::arg("p") = p, py::arg("ci_low") = lo, py::arg("ci_high") = hi, py::arg("bca_low") = blo,
               py::arg("bca_high") = bhi);
    if (extra) {
        d["upper"] = upper;
        d["mediators"] = mediators;
    }
    return d;
}

py::dict columns(const csikit::bootstrap_result& r) {
    std::vector<const csikit::bootstrap_parameter*> all;
    for (const auto& q : r.parameters) all.push_back(&q);
    for (const auto& q : r.indices) all.push_back(&q);  // present when bootstrapped with indices
    return columns_of(all, false);
}

/// The criteria and the specific indirect effects (one table, kind tells them apart).
py::dict extra_columns(const csikit::bootstrap_result& r) {
    std::vector<const csikit::bootstrap_parameter*> all;
    for (const auto& q : r.criteria) all.push_back(&q);
    for (const auto& q : r.indirect_effects) all.push_back(&q);
    return columns_of(all, true);
}

/// The mediation classes as columns.
py::dict mediation_columns(const csikit::bootstrap_result& r) {
    std::vector<std::string> label, type, type_en, type_zh;
    std::vector<py::list> chain;
    std::vector<bool> requested, ind_sig, has_direct, dir_sig;
    std::vector<double> ind, ilo, ihi, dir, dlo, dhi, total;
    for (const auto& m : r.mediation) {
        label.push_back(m.label);
        py::list c;
        for (const auto& id : m.chain) c.append(id);
        chain.push_back(c);
        requested.push_back(m.requested);
        ind.push_back(m.indirect);
        ilo.push_back(m.indirect_low);
        ihi.push_back(m.indirect_high);
        ind_sig.push_back(m.indirect_significant);
        has_direct.push_back(m.has_direct);
        dir.push_back(m.direct);
        dlo.push_back(m.direct_low);
        dhi.push_back(m.direct_high);
        dir_sig.push_back(m.direct_significant);
        total.push_back(m.total_indirect);
        type.push_back(csikit::to_string(m.type));
        type_en.push_back(csikit::mediation_label(m.type, "en"));
        type_zh.push_back(csikit::mediation_label(m.type, "zh"));
    }
    return py::dict(py::arg("label") = label, py::arg("chain") = chain, py::arg("requested") = requested,
                    py::arg("indirect") = ind, py::arg("indirect_ci_low") = ilo, py::arg("indirect_ci_high") = ihi,
                    py::arg("indirect_significant") = ind_sig, py::arg("total_indirect") = total,
                    py::arg("has_direct") = has_direct, py::arg("direct") = dir, py::arg("direct_ci_low") = dlo,
                    py::arg("direct_ci_high") = dhi, py::arg("direct_significant") = dir_sig, py::arg("type") = type,
                    py::arg("type_en") = type_en, py::arg("type_zh") = type_zh);
}

parameter_kind_t parse_kind(const std::string& name) {
    for (int k = 0; k <= static_cast<int>(parameter_kind_t::indirect_effect); ++k)
        if (name == csikit::to_string(static_cast<parameter_kind_t>(k))) return static_cast<parameter_kind_t>(k);
    throw std::runtime_error("Bootstrap: a broken pickle state (unknown parameter kind \"" + name + "\")");
}

py::list parameters_state(const std::vector<csikit::bootstrap_parameter>& ps) {
    py::list out;
    for (const auto& q : ps)
        out.append(py::make_tuple(csikit::to_string(q.kind), q.indicator, q.from, q.to, q.label, q.estimate, q.mean,
                                  q.bias, q.se, q.t, q.p, q.ci_low, q.ci_high, q.bca_low, q.bca_high, q.upper, q.chain));
    return out;
}

std::vector<csikit::bootstrap_parameter> parameters_from(const py::list& l) {
    std::vector<csikit::bootstrap_parameter> out;
    for (const auto& h : l) {
        const auto t = h.cast<py::tuple>();
        csikit::bootstrap_parameter q;
        q.kind = parse_kind(t[0].cast<std::string>());
        q.indicator = t[1].cast<int>();
        q.from = t[2].cast<int>();
        q.to = t[3].cast<int>();
        q.label = t[4].cast<std::string>();
        double* stats[] = {&q.estimate, &q.mean, &q.bias, &q.se, &q.t, &q.p, &q.ci_low, &q.ci_high, &q.bca_low, &q.bca_high};
        for (std::size_t k = 0; k < 10; ++k) *stats[k] = t[5 + k].cast<double>();
        if (t.size() >= 17) {
            q.upper = t[15].cast<double>();
            q.chain = t[16].cast<std::vector<int>>();
        }
        out.push_back(std::move(q));
    }
    return out;
}

py::list mediation_state(const std::vector<csikit::mediation_result>& ms) {
    py::list out;
    for (const auto& m : ms)
        out.append(py::make_tuple(m.chain, m.label, m.requested, m.indirect, m.indirect_low, m.indirect_high,
                                  m.indirect_significant, m.has_direct, m.direct, m.direct_low, m.direct_high,
                                  m.direct_significant, m.total_indirect, static_cast<int>(m.type)));
    return out;
}

std::vector<csikit::mediation_result> mediation_from(const py::list& l) {
    std::vector<csikit::mediation_result> out;
    for (const auto& h : l) {
        const auto t = h.cast<py::tuple>();
        csikit::mediation_result m;
        m.chain = t[0].cast<std::vector<std::string>>();
        m.label = t[1].cast<std::string>();
        m.requested = t[2].cast<bool>();
        m.indirect = t[3].cast<double>();
        m.indirect_low = t[4].cast<double>();
        m.indirect_high = t[5].cast<double>();
        m.indirect_significant = t[6].cast<bool>();
        m.has_direct = t[7].cast<bool>();
        m.direct = t[8].cast<double>();
        m.direct_low = t[9].cast<double>();
        m.direct_high = t[10].cast<double>();
        m.direct_significant = t[11].cast<bool>();
        m.total_indirect = t[12].cast<double>();
        const int type = t[13].cast<int>();
        if (type < 0 || type > static_cast<int>(csikit::mediation_type::competitive))
            throw std::runtime_error("Bootstrap: a broken pickle state (unknown mediation type)");
        m.type = static_cast<csikit::mediation_type>(type);
        out.push_back(std::move(m));
    }
    return out;
}

/// Every bootstrap_result field (the numbers cannot be recomputed cheaply, unlike a fit's).
py::tuple result_state(const csikit::bootstrap_result& r) {
    return py::make_tuple(parameters_state(r.parameters), r.resamples, r.succeeded, r.failed, r.failed_by_reason,
                          r.failure_examples, r.seed, r.threads, r.confidence, r.df, r.respondents, r.jackknife,
                          r.jackknife_failed, parameters_state(r.indices), parameters_state(r.criteria),
                          parameters_state(r.indirect_effects), mediation_state(r.mediation));
}

csikit::fitted_bootstrap restore(const csikit::fitted_model& f, const py::tuple& t) {
    if (t.size() != 17) throw std::runtime_error("Bootstrap: a broken pickle state (expected 17 elements)");
    csikit::bootstrap_result r;
    r.parameters = parameters_from(t[0].cast<py::list>());
    r.resamples = t[1].cast<std::size_t>();
    r.succeeded = t[2].cast<std::size_t>();
    r.failed = t[3].cast<std::size_t>();
    r.failed_by_reason = t[4].cast<std::map<std::string, std::size_t>>();
    r.failure_examples = t[5].cast<std::map<std::string, std::string>>();
    r.seed = t[6].cast<std::uint64_t>();
    r.threads = t[7].cast<unsigned>();
    r.confidence = t[8].cast<double>();
    r.df = t[9].cast<double>();
    r.respondents = t[10].cast<std::size_t>();
    r.jackknife = t[11].cast<std::size_t>();
    r.jackknife_failed = t[12].cast<std::size_t>();
    r.indices = parameters_from(t[13].cast<py::list>());
    r.criteria = parameters_from(t[14].cast<py::list>());
    r.indirect_effects = parameters_from(t[15].cast<py::list>());
    r.mediation = mediation_from(t[16].cast<py::list>());
    return csikit::fitted_bootstrap{f.fit, std::move(r)};
}

}  // namespace

void register_bootstrap(py::module_& m) {
    py::class_<fb>(m, "Bootstrap", "A bootstrap of a fit (immutable).")
        .def_property_readonly("parameters", [](const fb& b) { return columns(b.result); })
        .def_property_readonly("criteria", [](const fb& b) { return extra_columns(b.result); },
                               "HTMT, f2, adjusted R2, total and specific indirect effects as columns (kind tells them apart).")
        .def_property_readonly("mediation", [](const fb& b) { return mediation_columns(b.result); },
                               "The mediation class of every specific indirect effect, as columns.")
        .def_property_readonly("resamples", [](const fb& b) { return b.result.resamples; })
        .def_property_readonly("succeeded", [](const fb& b) { return b.result.succeeded; })
        .def_property_readonly("failed", [](const fb& b) { return b.result.failed; })
        .def_property_readonly("failed_by_reason", [](const fb& b) { return b.result.failed_by_reason; })
        .def_property_readonly("failure_examples", [](const fb& b) { return b.result.failure_examples; })
        .def_property_readonly("seed", [](const fb& b) { return b.result.seed; })
        .def_property_readonly("threads", [](const fb& b) { return b.result.threads; })
        .def_property_readonly("confidence", [](const fb& b) { return b.result.confidence; })
        .def_property_readonly("df", [](const fb& b) { return b.result.df; })
        .def_property_readonly("respondents", [](const fb& b) { return b.result.respondents; })
        .def_property_readonly("jackknife", [](const fb& b) { return b.result.jackknife; })
        .def("result_state", [](const fb& b) { return result_state(b.result); },
             "The result as a tuple of plain values (for pickling with the fit it belongs to).");
    m.def("restore", &restore, py::arg("fit"), py::arg("state"),
          "A bootstrap of `fit` from Bootstrap.result_state() (how csikit.BootstrapResult unpickles).");

    m.def("bootstrap",
          [](const csikit::fitted_model& f, std::size_t resamples, std::uint64_t seed, unsigned threads, double confidence, bool bca,
             std::size_t jackknife_max, double max_failed_share, bool drop_inadmissible, bool indices,
             bool criteria, const std::vector<std::vector<std::string>>& mediation, const py::object& progress) {
              csikit::bootstrap_options o;
              o.resamples = resamples;
              o.seed = seed;
              o.threads = threads;
              o.confidence = confidence;
              o.bca = bca;
              o.jackknife_max = jackknife_max;
              o.max_failed_share = max_failed_share;
              o.drop_inadmissible = drop_inadmissible;
              o.criteria = criteria;
              o.mediation = mediation;
              if (indices) o.index_survey = f.schema.get();  // kept alive by the fit
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
              fb b;
              try {
                  py::gil_scoped_release unlocked;
                  b = csikit::bootstrap_fit(f, o);
              } catch (const csikit::cancelled_error&) {
                  if (pending) throw std::move(*pending);
                  throw;
              }
              // Drop the callback (and its reference to `progress`) while we hold the GIL.
              o.progress = nullptr;
              return b;
          },
          // No defaults here: csikit.bootstrap is where the Python face states them.
          py::arg("fit"), py::kw_only(), py::arg("resamples"), py::arg("seed"), py::arg("threads"), py::arg("confidence"),
          py::arg("bca"), py::arg("jackknife_max"), py::arg("max_failed_share"), py::arg("drop_inadmissible"),
          py::arg("indices"), py::arg("criteria"), py::arg("mediation"), py::arg("progress"),
          "Bootstraps a fit. `progress(done, total)` may return False to cancel; Ctrl-C interrupts.");
}

}  // namespace csikit_py
