// fit_model() and bootstrap_fit(): estimate and bootstrap, keeping what each result came from.
#include "csikit/provenance.hpp"

#include "csikit/error.hpp"
#include "csikit/model_expand.hpp"

#include <utility>

CSIKIT_NAMESPACE_BEGIN

fitted_model fit_model(const survey_data& data, pls_model model, const pls_options& options) {
    if (!data.data) throw argument_error({{}, 0, "data"}, "no responses (expected data read against a survey)");
    fitted_model out;
    out.schema = data.schema;
    out.data = data.data;
    if (model.extended()) {
        auto e = std::make_shared<extended_fit>(estimate_extended(model, *data.data, options));
        out.fit = std::make_shared<const pls_fit>(e->fit);
        out.data = std::make_shared<const responses>(e->expanded.data);
        out.model = e->expanded.model;
        out.extended = std::move(e);
        return out;
    }
    out.fit = std::make_shared<const pls_fit>(estimate(model, *data.data, options));
    out.model = std::move(model);
    return out;
}

fitted_bootstrap bootstrap_fit(const fitted_model& fit, const bootstrap_options& options) {
    if (!fit.fit || !fit.data) throw argument_error({{}, 0, "fit"}, "an empty fit (expected one made by fit_model)");
    if (fit.extended) {
        // A two-stage HOC's stage 1 is re-run per resample; derived columns have no 0-100 index.
        bootstrap_options o = options;
        o.index_survey = nullptr;
        return fitted_bootstrap{fit.fit, bootstrap(*fit.extended, o)};
    }
    return fitted_bootstrap{fit.fit, bootstrap(fit.model, *fit.data, *fit.fit, options)};
}

CSIKIT_NAMESPACE_END
