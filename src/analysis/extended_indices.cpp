// analyze_extended_indices(): 0-100 indices, impacts and IPMA of a model with higher-order
// constructs or interaction terms (issue 15; docs/pls.md "Indices of extended models").
//
// The extended estimate is turned into an ordinary index problem the index stage already solves:
//   - repeated indicators ITEM@H are given the scale of ITEM;
//   - a two-stage / embedded two-stage HOC's indicators (stage-1 LOC score columns) are replaced
//     by the LOCs' 0-100 respondent scores from stage 1, on a 0..100 scale, with the weights
//     unstandardised by those scores' SDs; so the HOC's index is sum_j w^_j * index(LOC_j),
//     w^_j = (w_j / sd_j) / sum_k (w_k / sd_k);
//   - interaction terms have no 0-100 metric: they are left out, and the predictor's and the
//     moderator's total effects are those at the moderator's mean (their main effects);
//   - the dummy constructs of a categorical construct have none either: left out too.
// LOCs that stage 2 leaves out (no paths of their own) get their stage-1 index beside the others.
#include "csikit/analysis.hpp"
#include "csikit/pls.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr const char* loc_score_scale = "__csikit_loc_score_0_100";

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

/// The survey with scales for the derived indicators of `fits`: ITEM@H takes ITEM's scale, a
/// stage-1 score column the 0..100 scale of a LOC's respondent score.
survey index_survey(const survey& s, const expanded_model& e, const std::vector<const pls_fit*>& fits) {
    survey out = s;
    scale loc_scale;
    loc_scale.id = loc_score_scale;
    loc_scale.min = 0;
    loc_scale.max = 100;
    out.scales.push_back(loc_scale);
    std::set<std::string> added;
    for (const pls_fit* f : fits)
        for (const auto& id : f->indicators) {
            if (out.find_item(id) || added.count(id)) continue;
            for (const auto& [column, loc] : e.stage1_scores)
                if (column == id) {
                    item it;
                    it.id = id;
                    it.text.by_language[""] = loc + " (0-100 score)";
                    it.scale = loc_score_scale;
                    out.items.push_back(std::move(it));
                    added.insert(id);
                }
            if (added.count(id)) continue;
            const auto at = id.rfind('@');
            if (at == std::string::npos) continue;
            if (const item* base = s.find_item(id.substr(0, at))) {
                item it = *base;
                it.id = id;
                out.items.push_back(std::move(it));
                added.insert(id);
            }
        }
    return out;
}

/// `fit` without the constructs in `drop` (interaction terms): the fields the index stage reads.
pls_fit without_constructs(const pls_fit& fit, const std::set<std::string>& drop) {
    std::vector<Eigen::Index> keep;
    for (std::size_t j = 0; j < fit.constructs.size(); ++j)
        if (!drop.count(fit.constructs[j])) keep.push_back(static_cast<Eigen::Index>(j));
    std::vector<int> new_index(fit.constructs.size(), -1);
    for (std::size_t k = 0; k < keep.size(); ++k) new_index[static_cast<std::size_t>(keep[k])] = static_cast<int>(k);
    pls_fit out;
    out.options = fit.options;
    for (Eigen::Index j : keep) {
        out.constructs.push_back(fit.constructs[static_cast<std::size_t>(j)]);
        out.modes.push_back(fit.modes[static_cast<std::size_t>(j)]);
    }
    std::vector<Eigen::Index> rows;
    for (std::size_t h = 0; h < fit.indicators.size(); ++h) {
        const int b = new_index[static_cast<std::size_t>(fit.block[h])];
        if (b < 0) continue;
        out.indicators.push_back(fit.indicators[h]);
        out.block.push_back(b);
        rows.push_back(static_cast<Eigen::Index>(h));
    }
    const auto p = static_cast<Eigen::Index>(rows.size());
    const auto J = static_cast<Eigen::Index>(keep.size());
    out.weights.resize(p);
    out.weights_unstandardized.resize(p);
    out.loadings.resize(p);
    for (Eigen::Index i = 0; i < p; ++i) {
        out.weights(i) = fit.weights(rows[static_cast<std::size_t>(i)]);
        out.weights_unstandardized(i) = fit.weights_unstandardized(rows[static_cast<std::size_t>(i)]);
        out.loadings(i) = fit.loadings(rows[static_cast<std::size_t>(i)]);
    }
    // An interaction term is exogenous, so dropping its row and column leaves every other total
    // effect as it is: the predictor's is its effect at the moderator's mean.
    out.paths.resize(J, J);
    out.total_effects.resize(J, J);
    for (Eigen::Index t = 0; t < J; ++t)
        for (Eigen::Index f = 0; f < J; ++f) {
            out.paths(t, f) = fit.paths(keep[static_cast<std::size_t>(t)], keep[static_cast<std::size_t>(f)]);
            out.total_effects(t, f) = fit.total_effects(keep[static_cast<std::size_t>(t)], keep[static_cast<std::size_t>(f)]);
        }
    return out;
}

/// Appends a stage-1 LOC's index (not in the final estimate) to a part: NaN effects and scores.
void append_index(index_part& part, const construct_index& c) {
    index_result& r = part.indices;
    const Eigen::Index J = static_cast<Eigen::Index>(r.constructs.size());
    r.constructs.push_back(c);
    auto grow = [J](Eigen::MatrixXd& m) {
        if (m.rows() != J || m.cols() != J) return;
        m.conservativeResize(J + 1, J + 1);
        m.row(J).setConstant(nan_value);
        m.col(J).setConstant(nan_value);
    };
    grow(r.effects);
    grow(r.impacts);
    if (r.scores.cols() == J) {
        r.scores.conservativeResize(Eigen::NoChange, J + 1);
        r.scores.col(J).setConstant(nan_value);
    }
}

}  // namespace

index_analysis analyze_extended_indices(const extended_fit& ef, const survey& s, const index_analysis_options& options) {
    if (!options.by.empty())
        throw argument_error(location{"", 0, "by"},
                             "per-group indices of a model with higher-order constructs or interaction terms are not "
                             "supported (expected no --by; estimate each group's data on its own)");
    const expanded_model& e = ef.expanded;
    const bool staged_hoc = e.stage1 && e.stage1_model;
    std::vector<const pls_fit*> fits{&ef.fit};
    if (staged_hoc) fits.push_back(&*e.stage1);
    const survey vs = index_survey(s, e, fits);

    std::set<std::string> interactions;
    for (const auto& x : ef.interactions) interactions.insert(x.id);
    std::set<std::string> dropped = interactions;
    std::string dummies;
    for (const auto& c : e.categorical)
        for (const auto& d : c.dummies)
            if (!d.empty()) dropped.insert(d), dummies += (dummies.empty() ? "" : ", ") + d;
    pls_fit vf = without_constructs(ef.fit, dropped);
    responses vd = e.data;

    // Stage 1 as an ordinary index model: the LOCs' indices and 0-100 respondent scores.
    index_analysis stage1;
    std::vector<std::string> notes;
    if (staged_hoc) {
        index_analysis_options o1 = options;
        o1.target.clear();
        stage1 = analyze_indices(*e.stage1_model, *e.stage1, vs, e.stage1_data, o1);
        index_options io = options.index;
        io.refuse_negative_weights = false;  // a refused LOC is reported by `stage1`'s notes
        const index_result all_rows = compute_indices(*e.stage1, vs, e.stage1_data, io);
        for (const auto& [column, loc] : e.stage1_scores) {
            const Eigen::Index j = e.stage1->construct_index(loc);
            if (j < 0) continue;
            const Eigen::Index c = vd.column(column);
            for (Eigen::Index r = 0; r < vd.values.rows(); ++r)
                vd.values(r, c) = std::isnan(vd.values(r, c)) ? nan_value : all_rows.scores(r, j);
        }
        // The moments of the 0-100 LOC scores; their correlations are the stage-1 scores' (an
        // affine map of them with complete answers), so the estimate itself is unchanged.
        vf.data = compute_moments(vd, vf.indicators, vf.options.missing, vf.options.use_weights);
        for (std::size_t h = 0; h < vf.indicators.size(); ++h)
            for (const auto& [column, loc] : e.stage1_scores)
                if (column == vf.indicators[h]) {
                    const auto i = static_cast<Eigen::Index>(h);
                    vf.weights_unstandardized(i) = vf.weights(i) / vf.data.sd(i);
                }
        for (const auto& h : ef.higher_order)
            if (h.approach != hoc_approach::repeated_indicators)
                notes.push_back("index of " + h.id + ": its indicators are its lower-order constructs' 0-100 scores "
                                "from stage 1 (scale 0..100), weighted by the stage-2 weights over those scores' SDs");
    } else {
        vf.data = ef.fit.data;
    }
    index_analysis a = analyze_indices(e.model, vf, vs, vd, options);
    if (!interactions.empty()) {
        std::string ids;
        for (const auto& x : interactions) ids += (ids.empty() ? "" : ", ") + x;
        a.overall.notes.push_back("no 0-100 index for the interaction term" + std::string(interactions.size() > 1 ? "s " : " ") +
                                  ids + " (a product has no 0-100 metric): left out of the indices, impacts and IPA; the "
                                  "predictor's and the moderator's importance is their total effect at the moderator's "
                                  "mean (the main effect)");
    }
    if (!dummies.empty())
        a.overall.notes.push_back("no 0-100 index for the dummy constructs " + dummies +
                                  " (a category has no 0-100 metric): left out of the indices, impacts and IPA");
    a.overall.notes.insert(a.overall.notes.end(), notes.begin(), notes.end());
    if (staged_hoc && a.overall.estimated) {
        for (const auto& note : stage1.overall.notes)
            if (note.rfind("IPA skipped", 0) != 0) a.overall.notes.push_back("stage 1: " + note);
        for (const auto& c : stage1.overall.indices.constructs) {
            const bool present = std::any_of(a.overall.indices.constructs.begin(), a.overall.indices.constructs.end(),
                                             [&](const construct_index& k) { return k.construct == c.construct; });
            if (present) continue;
            append_index(a.overall, c);
            if (contains(stage1.overall.refused, c.construct)) a.overall.refused.push_back(c.construct);
        }
    }
    return a;
}

CSIKIT_NAMESPACE_END
