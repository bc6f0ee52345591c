// `csikit predict`: PLSpredict of the schema's model (k-fold with repetitions, or leave-one-out)
// with the LM benchmark and, on request, CVPAT against the benchmarks or a second model.
#include "cli.hpp"
#include "output_file.hpp"
#include "table.hpp"

#include <csikit/data.hpp>
#include <csikit/html_report.hpp>
#include <csikit/limits.hpp>
#include <csikit/predict.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace {

const char* predict_usage =
    "usage: csikit predict --schema S --data D [--folds K|loo] [--repeats R] [--seed N] [--threads T]\n"
    "                      [--approach direct|earliest] [--benchmark seminr|csem]\n"
    "                      [--scheme path|centroid|factorial] [--tolerance X] [--max-iter N]\n"
    "                      [--cvpat] [--compare SCHEMA2] [--level 0.95] [--out-of-scale error|missing]\n"
    "                      [--html FILE [--lang zh|en]] [--json]\n"
    "\n"
    "PLSpredict (Shmueli et al. 2016, 2019): every training fold is re-estimated and the held-out\n"
    "respondents' items of the endogenous constructs are predicted. Prints per item the out-of-\n"
    "sample RMSE, MAE and Q2_predict (against the training-fold mean) of PLS and of the linear-\n"
    "model (LM) benchmark, the in-sample RMSE and MAE beside them, and per endogenous construct the\n"
    "prediction of its standardised score. --folds K (default 10) with --repeats R (default 10)\n"
    "random splits drawn from --seed (the numbers never depend on --threads); --folds loo is\n"
    "leave-one-out. --approach: direct antecedents (default, seminr's predict_DA) or earliest\n"
    "antecedents (cSEM's default). --benchmark seminr (default): OLS with intercept on every model\n"
    "item outside the item's construct; csem: OLS without intercept on the exogenous constructs'\n"
    "items (cSEM 0.6.1). Estimation: tolerance 1e-10 by default, listwise deletion, unweighted.\n"
    "--cvpat adds the cross-validated predictive ability test (Liengaard et al. 2021) of the model\n"
    "against the indicator-average and LM benchmarks; --compare SCHEMA2 tests the model against the\n"
    "model of a second schema on the same data (same folds). --json prints the JSON document;\n"
    "--html FILE writes the prediction section as a self-contained HTML page (csikit report\n"
    "--predict adds it to the full report).\n"
    "\n"
    "Exit status: 0 done, 2 bad input (one line per problem on stderr).";

using csikit_cli::num;

csikit::pls_model model_of(const csikit::survey& s, const std::string& path) {
    csikit::pls_model m = csikit::pls_model::from_survey(s);
    if (m.constructs.empty() || m.paths.empty())
        throw csikit::schema_error({path, 0, "constructs"},
                                   "the schema declares no model with paths (expected constructs and paths to predict)");
    return m;
}

void print(const csikit::prediction_result& r, const csikit::cvpat_result* cv, std::ostream& out) {
    out << "PLSpredict: " << (r.leave_one_out ? std::string("leave-one-out") : std::to_string(r.folds) + " folds x " +
                                                                                   std::to_string(r.repeats) + " repetitions")
        << ", " << r.respondents << " respondents";
    if (r.respondents_excluded) out << " (" << r.respondents_excluded << " with a missing item left out)";
    out << ", approach " << csikit::to_string(r.approach) << ", LM benchmark " << csikit::to_string(r.benchmark);
    if (!r.leave_one_out && !r.fixed_folds) out << ", seed " << r.seed;
    out << "\n\nItems (out of sample; in sample averaged over the training fits)\n";
    csikit_cli::table t({"item", "construct", "RMSE", "LM RMSE", "MAE", "LM MAE", "Q2_predict", "IS RMSE", "LM IS RMSE", ""}, 2);
    for (const auto& it : r.items)
        t.add({it.item, it.construct, num(it.rmse), num(it.lm_rmse), num(it.mae), num(it.lm_mae), num(it.q2_predict),
               num(it.is_rmse), num(it.lm_is_rmse), it.rmse < it.lm_rmse ? "PLS < LM" : ""});
    t.print(out);
    out << "\nConstructs (standardised scores)\n";
    csikit_cli::table c({"construct", "RMSE", "MAE", "Q2_predict", "items PLS < LM"});
    for (const auto& k : r.constructs)
        c.add({k.construct, num(k.rmse), num(k.mae), num(k.q2_predict),
               std::to_string(k.items_better) + " of " + std::to_string(k.items)});
    c.print(out);
    out << "\nPredictive power (Shmueli et al. 2019): " << csikit::to_string(r.power) << " (" << r.items_better << " of "
        << r.items.size() << " items predicted better than the LM benchmark)\n";
    for (const auto& w : r.warnings) out << "note: " << w << "\n";
    if (cv) {
        out << "\nCVPAT (Liengaard et al. 2021): " << cv->folds << " folds x " << cv->repeats << " repetitions, approach "
            << csikit::to_string(cv->approach) << "; D = loss(benchmark) - loss(model), t > 0: the model predicts better\n";
        csikit_cli::table ct({"against", "loss model", "loss benchmark", "mean D", "t", "df", "p", "p (one-sided)"});
        for (const auto& x : cv->tests)
            ct.add({x.benchmark, num(x.loss_model, 4), num(x.loss_benchmark, 4), num(x.d_bar, 4), num(x.t, 2),
                    num(x.df, 0), csikit_cli::p_text(x.p), csikit_cli::p_text(x.p_better)});
        ct.print(out);
    }
}

int run_predict(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    const std::string schema_path = a.require("schema");
    const csikit::survey s = csikit::load_survey(schema_path);
    const csikit::pls_model model = model_of(s, schema_path);
    csikit::read_options ro;
    if (const auto v = a.get("out-of-scale")) {
        if (*v == "missing") ro.out_of_scale = csikit::out_of_scale_policy::missing;
        else if (*v != "error")
            throw csikit::argument_error({{}, 0, "--out-of-scale"}, "unknown value \"" + *v + "\" (expected error or missing)");
    }
    const csikit::responses data = csikit::read_responses(a.require("data"), s, ro);

    csikit::predict_options o;
    if (const auto f = a.get("folds"); f && *f == "loo") {
        o.folds = 0;
    } else {
        o.folds = a.get_whole("folds", o.folds, 2, csikit::max_prediction_fits);
    }
    o.repeats = a.get_whole("repeats", o.repeats, 1, csikit::max_prediction_fits);
    o.seed = a.get_whole("seed", o.seed, csikit::seed_range.min, csikit::seed_range.max);
    o.threads = static_cast<unsigned>(a.get_whole("threads", 0, csikit::threads_range.min, csikit::threads_range.max));
    if (const auto v = a.get("approach")) {
        if (*v == "direct") o.approach = csikit::predict_approach::direct;
        else if (*v == "earliest") o.approach = csikit::predict_approach::earliest;
        else throw csikit::argument_error({{}, 0, "--approach"}, "unknown approach \"" + *v + "\" (expected direct or earliest)");
    }
    if (const auto v = a.get("benchmark")) {
        if (*v == "seminr") o.benchmark = csikit::predict_benchmark::seminr;
        else if (*v == "csem") o.benchmark = csikit::predict_benchmark::csem;
        else throw csikit::argument_error({{}, 0, "--benchmark"}, "unknown benchmark \"" + *v + "\" (expected seminr or csem)");
    }
    if (const auto v = a.get("scheme")) {
        if (*v == "path") o.estimation.scheme = csikit::inner_scheme::path;
        else if (*v == "centroid") o.estimation.scheme = csikit::inner_scheme::centroid;
        else if (*v == "factorial") o.estimation.scheme = csikit::inner_scheme::factorial;
        else throw csikit::argument_error({{}, 0, "--scheme"}, "unknown scheme \"" + *v + "\" (expected path, centroid or factorial)");
    }
    o.estimation.tolerance = a.get_double("tolerance", o.estimation.tolerance);
    if (!(o.estimation.tolerance > 0))
        throw csikit::argument_error({{}, 0, "--tolerance"}, "must be positive (expected e.g. 1e-10)");
    o.estimation.max_iterations = static_cast<int>(a.get_whole("max-iter", static_cast<std::uint64_t>(o.estimation.max_iterations),
                                                               csikit::max_iterations_range.min, csikit::max_iterations_range.max));
    const csikit::prediction_result r = csikit::predict(model, data, o);

    std::optional<csikit::cvpat_result> cv;
    if (a.has("cvpat") || a.has("compare")) {
        csikit::cvpat_options co;
        co.predict = o;
        co.level = a.get_double("level", co.level);
        if (const auto other = a.get("compare")) {
            const csikit::survey s2 = csikit::load_survey(*other);
            cv = csikit::cvpat(model, model_of(s2, *other), data, co);
        } else {
            cv = csikit::cvpat(model, data, co);
        }
    }
    if (const auto path = a.get("html")) {
        csikit::report_input in;
        in.schema = &s;
        in.prediction = &r;
        in.cvpat = cv ? &*cv : nullptr;
        in.settings = {{"schema", schema_path}, {"data", a.require("data")}};
        csikit::html_options ho;
        ho.language = a.get("lang").value_or("");
        csikit_cli::write_output_file(*path, csikit::html_report(in, ho), "the HTML report");
    }
    if (a.has("json")) {
        out << (cv ? csikit::to_json(r, *cv) : csikit::to_json(r)) << "\n";
    } else {
        print(r, cv ? &*cv : nullptr, out);
    }
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"predict", "PLSpredict (k-fold or leave-one-out) with the LM benchmark, and CVPAT", predict_usage,
                run_predict,
                {{"schema", "data", "folds", "repeats", "seed", "threads", "approach", "benchmark", "scheme", "tolerance",
                  "max-iter", "compare", "level", "out-of-scale", "html", "lang"},
                 {"cvpat", "json"}}});
