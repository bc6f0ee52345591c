// Results together with what they came from. The Python package and the C ABI hand these out
// as their fit and bootstrap handles, so that bootstrap, indices and IPMA need nothing else and
// the caller may drop the survey or the data in any order (shared ownership).
#pragma once

#include "bootstrap.hpp"
#include "data.hpp"
#include "model_expand.hpp"
#include "pls.hpp"
#include "schema.hpp"

#include <memory>

CSIKIT_NAMESPACE_BEGIN

/// Responses with the survey they were read against.
struct survey_data {
    std::shared_ptr<const survey> schema;
    std::shared_ptr<const responses> data;
};

/// A PLS estimate with its survey, data and model.
struct fitted_model {
    std::shared_ptr<const survey> schema;
    std::shared_ptr<const responses> data;
    pls_model model;
    /// Shared with the bootstraps made from it: a bootstrap belongs to this very fit.
    std::shared_ptr<const pls_fit> fit;
    /// A model with HOCs or interaction terms: its stages and figures. `model` and `data` are
    /// then the expanded (ordinary) model and data of the final stage, so bootstrap_fit works.
    std::shared_ptr<const extended_fit> extended;
};

/// A bootstrap with the fit it resampled.
struct fitted_bootstrap {
    std::shared_ptr<const pls_fit> fit;
    bootstrap_result result;
};

/// Estimates `model` on `data` and keeps what the fit came from.
fitted_model fit_model(const survey_data& data, pls_model model, const pls_options& options = {});

/// Bootstraps `fit` (on the data it came from).
fitted_bootstrap bootstrap_fit(const fitted_model& fit, const bootstrap_options& options = {});

CSIKIT_NAMESPACE_END
