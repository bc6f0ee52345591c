// to_json() of PLSpredict and CVPAT results (shapes: include/csikit/report.hpp, docs/predict.md).
#include "json_write.hpp"

#include "csikit/predict.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

namespace {

json test_json(const cvpat_test& t) {
    return json{{"benchmark", t.benchmark}, {"loss_model", num(t.loss_model)}, {"loss_benchmark", num(t.loss_benchmark)},
                {"d_bar", num(t.d_bar)},    {"sd_d", num(t.sd_d)},             {"t", num(t.t)},
                {"df", num(t.df)},          {"p", num(t.p)},                   {"p_better", num(t.p_better)}};
}

json prediction_doc(const prediction_result& r) {
    json doc{{"method", "plspredict"},
             {"approach", to_string(r.approach)},
             {"benchmark", to_string(r.benchmark)},
             {"folds", r.folds},
             {"repeats", r.repeats},
             {"leave_one_out", r.leave_one_out},
             {"fixed_folds", r.fixed_folds},
             {"seed", r.seed},
             {"threads", r.threads},
             {"respondents", r.respondents},
             {"respondents_excluded", r.respondents_excluded},
             {"fits", r.fits},
             {"items_better", r.items_better},
             {"power", to_string(r.power)},
             {"items", json::array()},
             {"constructs", json::array()},
             {"warnings", r.warnings}};
    for (const auto& it : r.items) {
        doc["items"].push_back(json{{"item", it.item},
                                    {"construct", it.construct},
                                    {"rmse", num(it.rmse)},
                                    {"mae", num(it.mae)},
                                    {"q2_predict", num(it.q2_predict)},
                                    {"q2_predict_centered", num(it.q2_predict_centered)},
                                    {"lm_rmse", num(it.lm_rmse)},
                                    {"lm_mae", num(it.lm_mae)},
                                    {"lm_q2_predict", num(it.lm_q2_predict)},
                                    {"is_rmse", num(it.is_rmse)},
                                    {"is_mae", num(it.is_mae)},
                                    {"lm_is_rmse", num(it.lm_is_rmse)},
                                    {"lm_is_mae", num(it.lm_is_mae)}});
    }
    for (const auto& c : r.constructs) {
        doc["constructs"].push_back(json{{"construct", c.construct},
                                         {"rmse", num(c.rmse)},
                                         {"mae", num(c.mae)},
                                         {"q2_predict", num(c.q2_predict)},
                                         {"items", c.items},
                                         {"items_better", c.items_better}});
    }
    return doc;
}

json cvpat_doc(const cvpat_result& r) {
    json doc{{"method", "cvpat"},
             {"approach", to_string(r.approach)},
             {"benchmark", to_string(r.benchmark)},
             {"folds", r.folds},
             {"repeats", r.repeats},
             {"seed", r.seed},
             {"respondents", r.respondents},
             {"level", num(r.level)},
             {"items", r.items},
             {"tests", json::array()}};
    for (const auto& t : r.tests) {
        json j = test_json(t);
        j["significant"] = std::isfinite(t.p) && t.p < 1 - r.level;
        doc["tests"].push_back(std::move(j));
    }
    return doc;
}

}  // namespace

std::string to_json(const prediction_result& r, int indent) { return json_write::dump(prediction_doc(r), indent); }

std::string to_json(const cvpat_result& r, int indent) { return json_write::dump(cvpat_doc(r), indent); }

std::string to_json(const prediction_result& r, const cvpat_result& cv, int indent) {
    json doc = prediction_doc(r);
    doc["cvpat"] = cvpat_doc(cv);
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
