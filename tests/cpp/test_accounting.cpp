// Hardening: the counts add up. On the bank example and on inputs with missing, coded and
// invalid values, every respondent and every answer read is either used or excluded with a
// reason: read_summary, score_report::sample and moments (respondents_used, answers_used,
// answers_imputed) agree with each other and with a count made here from the raw cells.
#include <csikit/data.hpp>
#include <csikit/pls.hpp>
#include <csikit/schema.hpp>
#include <csikit/scoring.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <map>
#include <string>

#include "support/bank.hpp"

using namespace csikit;

namespace {

template <class M>
std::size_t nan_count(const M& m) {
    std::size_t k = 0;
    for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) k += std::isnan(m(i, j)) ? 1 : 0;
    return k;
}

/// The identities every read must satisfy.
void check_read_summary(const responses& d) {
    const read_summary& r = d.summary;
    CHECK(r.respondents == d.respondents());
    CHECK(r.cells == d.respondents() * d.item_ids.size());
    std::size_t by_item = 0;
    for (const auto& [id, k] : r.missing_by_item) by_item += k;
    // Every NaN cell has exactly one reason: empty, a missing code, or out of scale.
    CHECK(by_item == r.empty + r.missing_codes + r.out_of_scale);
    CHECK(nan_count(d.values) == by_item);
    std::size_t by_kind = 0;
    for (const auto& [kind, k] : r.codes_by_kind) by_kind += k;
    CHECK(by_kind == r.missing_codes);
    for (Eigen::Index j = 0; j < d.values.cols(); ++j) {
        const std::string& id = d.item_ids[static_cast<std::size_t>(j)];
        const std::size_t col_nan = nan_count(d.values.col(j));
        const auto it = r.missing_by_item.find(id);
        CHECK_MESSAGE(col_nan == (it == r.missing_by_item.end() ? 0 : it->second), id);
    }
}

/// The sample block of a score report against the data.
void check_sample(const score_report& rep, const responses& d) {
    const sample_summary& s = rep.sample;
    CHECK(s.respondents == d.respondents());
    CHECK(s.missing == nan_count(d.values));
    std::size_t by_item = 0;
    for (const auto& [id, k] : s.missing_by_item) by_item += k;
    CHECK(by_item == s.missing);
    std::size_t waves = s.without_wave;
    for (const auto& [w, k] : s.by_wave) waves += k;
    if (!s.by_wave.empty() || s.without_wave) CHECK(waves == s.respondents);
    CHECK(s.read.respondents == d.summary.respondents);
    CHECK(s.read.missing_codes == d.summary.missing_codes);
    // Per item: answered + missing = respondents of the group.
    for (const auto& it : rep.overall.items) {
        CAPTURE(it.id);
        CHECK(it.mean.n + it.missing == rep.overall.n);
        std::size_t dist = 0;
        for (const auto& v : it.distribution) dist += v.count;
        CHECK(dist <= it.mean.n);  // distribution counts scale points; off-grid values are not points
    }
    CHECK(rep.overall.n == d.respondents());
    std::size_t seg = 0;
    for (const auto& g : rep.by_segment) seg += g.n;
    if (!rep.by_segment.empty()) CHECK(seg <= d.respondents());  // empty segment cells are not a group
    std::size_t wav = 0;
    for (const auto& g : rep.by_wave) wav += g.n;
    if (!rep.by_wave.empty()) CHECK(wav + s.without_wave == d.respondents());
}

/// Moments of the model items under each missing treatment against a count made here.
void check_moments(const responses& d, const std::vector<std::string>& items) {
    std::vector<Eigen::Index> cols;
    for (const auto& id : items) cols.push_back(d.column(id));
    std::size_t complete = 0, observed = 0;
    for (Eigen::Index i = 0; i < d.values.rows(); ++i) {
        bool all = true;
        for (auto c : cols) {
            const bool ok = !std::isnan(d.values(i, c));
            observed += ok ? 1 : 0;
            all = all && ok;
        }
        complete += all ? 1 : 0;
    }
    const std::size_t p = items.size();
    const moments lw = compute_moments(d, items, missing_treatment::listwise);
    CHECK(lw.respondents_total == d.respondents());
    CHECK(lw.respondents_used == complete);
    CHECK(lw.answers_used == complete * p);
    CHECK(lw.answers_imputed == 0);

    const moments mr = compute_moments(d, items, missing_treatment::mean_replacement);
    CHECK(mr.respondents_total == d.respondents());
    CHECK(mr.answers_used == observed);
    CHECK(mr.answers_used + mr.answers_imputed == mr.respondents_used * p);

    try {
        const moments pw = compute_moments(d, items, missing_treatment::pairwise);
        CHECK(pw.respondents_total == d.respondents());
        CHECK(pw.answers_used == observed);
        CHECK(pw.answers_imputed == 0);
        for (Eigen::Index k = 0; k < pw.pair_counts.rows(); ++k)
            CHECK(pw.pair_counts(k, k) <= static_cast<double>(d.respondents()));
    } catch (const numeric_error& e) {
        MESSAGE("pairwise moments refused: " << e.what());
    }
}

}  // namespace

TEST_CASE("bank example: read, scored and modelled counts add up") {
    const survey& s = test_support::bank_survey();
    const responses d = test_support::bank_responses();
    REQUIRE(d.respondents() > 100);
    check_read_summary(d);
    CHECK(d.summary.empty > 0);  // the example has blank cells (NPS, LOY2, ...)

    score_options o;
    if (!s.segment_columns.empty()) o.by = s.segment_columns.front();
    const score_report rep = score(s, d, o);
    check_sample(rep, d);
    REQUIRE(!rep.by_segment.empty());

    if (!s.constructs.empty()) {
        const pls_model model = pls_model::from_survey(s);
        check_moments(d, model.indicators());
        const pls_fit fit = estimate(model, d);
        CHECK(fit.data.respondents_total == d.respondents());
        CHECK(fit.data.respondents_used <= d.respondents());
        CHECK(fit.data.answers_used == fit.data.respondents_used * model.indicators().size());
    }
}

TEST_CASE("missing, coded and out-of-scale values: every cell accounted for once") {
    const survey s = parse_survey(R"({"name": "acc",
      "scales": [{"id": "five", "min": 1, "max": 5,
                  "missing": [{"code": 98, "kind": "dont_know"}, {"code": 99, "kind": "refused"},
                              {"code": 97, "kind": "not_applicable"}]}],
      "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five", "reverse": true},
                {"id": "C", "scale": "five"}],
      "constructs": [{"id": "K", "items": ["A", "B", "C"]}],
      "weight_column": "w", "segment_columns": ["seg"], "wave_column": "wave"})");
    const std::string csv =
        "A,B,C,w,seg,wave\n"
        "1,2,3,1,x,2024\n"
        ",5,98,2,y,2024\n"
        "99,,7,1,,2025\n"
        "4,3,2,0.5,x,\n"
        "5,97,6,1,y,2025\n"
        "2,1,1,1,x,2025\n"
        "3,4,5,1,y,2024\n";
    read_options lenient;
    lenient.out_of_scale = out_of_scale_policy::missing;
    const responses d = parse_responses(csv, s, lenient);
    REQUIRE(d.respondents() == 7);
    check_read_summary(d);
    CHECK(d.summary.cells == 21);
    CHECK(d.summary.empty == 2);
    CHECK(d.summary.missing_codes == 3);
    CHECK(d.summary.out_of_scale == 2);
    CHECK(d.summary.codes_by_kind.at("dont_know") == 1);
    CHECK(d.summary.codes_by_kind.at("refused") == 1);
    CHECK(d.summary.codes_by_kind.at("not_applicable") == 1);
    CHECK(d.summary.missing_by_item.at("A") == 2);
    CHECK(d.summary.missing_by_item.at("B") == 2);
    CHECK(d.summary.missing_by_item.at("C") == 3);
    CHECK(d.summary.reversed_items == 1);

    score_options o;
    o.by = "seg";
    const score_report rep = score(s, d, o);
    check_sample(rep, d);
    CHECK(rep.sample.without_wave == 1);
    CHECK(rep.sample.by_wave.at("2024") == 3);
    CHECK(rep.sample.by_wave.at("2025") == 3);
    check_moments(d, {"A", "B", "C"});
    const moments lw = compute_moments(d, {"A", "B", "C"});
    CHECK(lw.respondents_used == 4);  // rows 1, 4, 6 and 7 are complete

    // The strict policy refuses the same file, naming both out-of-scale cells.
    try {
        parse_responses(csv, s);
        FAIL("out-of-scale values accepted under the error policy");
    } catch (const data_error& e) {
        CHECK(e.problems().size() == 2);
        CHECK(e.problems()[0].where.line == 4);
        CHECK(e.problems()[1].where.line == 6);
    }
}

TEST_CASE("invalid rows are reported, not silently skipped; blank lines are not respondents") {
    const survey s = parse_survey(R"({"name": "acc", "scales": [{"id": "five", "min": 1, "max": 5}],
      "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five"}]})");
    const responses d = parse_responses("A,B\n1,2\n\n3,4\n\n\n5,1\n", s);
    CHECK(d.respondents() == 3);
    CHECK(d.lines == std::vector<std::size_t>{2, 4, 7});
    check_read_summary(d);
    try {
        parse_responses("A,B\n1,2\nx,3\n4\n5,y\n", s);
        FAIL("bad rows accepted");
    } catch (const error& e) {
        // One problem per bad row: line 3 (not a number), line 4 (ragged), line 5 (not a number).
        CHECK(e.problems().size() == 3);
    }
}

TEST_CASE("weights: sum, effective n and zero-weight respondents are consistent") {
    const survey s = parse_survey(R"({"name": "acc", "scales": [{"id": "five", "min": 1, "max": 5}],
      "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five"}], "weight_column": "w"})");
    const responses d = parse_responses("A,B,w\n1,2,1\n3,4,0\n5,1,3\n2,,2\n", s);
    const score_report rep = score(s, d);
    CHECK(rep.sample.weighted);
    CHECK(rep.sample.sum_weights == doctest::Approx(6.0));
    CHECK(rep.sample.n_eff == doctest::Approx(36.0 / 14.0));
    const auto* b = rep.overall.find_item("B");
    REQUIRE(b);
    CHECK(b->missing == 1);
    CHECK(b->mean.n + b->missing == 4);
    check_sample(rep, d);
    const moments m = compute_moments(d, {"A", "B"});
    CHECK(m.respondents_used == 3);
    CHECK(m.effective_n == doctest::Approx(16.0 / 10.0));  // weights 1, 0, 3 of the complete rows
}
