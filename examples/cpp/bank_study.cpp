// The bank-branch study from start to finish with the C++ API: load the schema and the answers,
// score them, estimate the PLS path model, bootstrap it, compute the 0-100 construct indices and
// the priority map of satisfaction's drivers, print the key figures and write the HTML report.
//
// Usage: bank_study SCHEMA.json RESPONSES.csv [REPORT.html]
#include <csikit/index.hpp>
#include <csikit/ipa.hpp>

#include <cstdio>

#include "example_main.hpp"

int main(int argc, char** argv) {
    return example::run("bank_study", argc, argv, [](const csikit::survey& survey, const csikit::responses& data,
                                                    const char* report) {
        // 1. Schema and answers: example::run has read them (example_main.hpp).
        // 2. Descriptive scores: the hierarchy index, satisfaction rate and NPS, with intervals.
        csikit::score_options so;
        so.language = "en";
        const auto scores = csikit::score(survey, data, so);
        const auto& root = scores.overall.nodes.front();
        std::printf("%s\n", survey.name.c_str());
        std::printf("respondents %zu (Kish n_eff %.1f)\n", scores.sample.respondents, scores.sample.n_eff);
        std::printf("index %s: %.1f [%.1f, %.1f]\n", root.id.c_str(), root.score.mean, root.score.ci.lower, root.score.ci.upper);
        for (const auto& node : scores.overall.nodes)
            if (node.depth == 1) std::printf("  %-4s %-26s %5.1f\n", node.id.c_str(), node.label.c_str(), node.score.mean);
        std::printf("satisfaction rate %.1f%%, NPS %.1f\n", 100 * scores.overall.satisfaction_rate->p, scores.overall.nps->nps);

        // 3. The PLS path model declared in the schema, and a bootstrap (the seed fixes the result).
        const auto model = csikit::pls_model::from_survey(survey);
        const auto fit = csikit::estimate(model, data);
        const auto boot = csikit::bootstrap(model, data, fit, {.resamples = 500, .seed = 42});
        std::printf("\nPLS: %d iterations, %zu of %zu respondents used, SRMR %.3f\n", fit.iterations,
                    fit.data.respondents_used, fit.data.respondents_total, fit.srmr);
        const auto J = static_cast<Eigen::Index>(fit.constructs.size());
        for (Eigen::Index to = 0; to < J; ++to)
            for (Eigen::Index from = 0; from < J; ++from) {
                if (fit.paths(to, from) == 0) continue;
                const auto& f = fit.constructs[static_cast<std::size_t>(from)];
                const auto& t = fit.constructs[static_cast<std::size_t>(to)];
                const auto& q = boot.get(csikit::parameter_kind::path, f, t);
                std::printf("  %s -> %s  %6.3f  (SE %.3f, p %.3f)\n", f.c_str(), t.c_str(), fit.paths(to, from), q.se, q.p);
            }

        // 4. 0-100 construct indices and the importance-performance map of SAT's drivers.
        const auto indices = csikit::compute_indices(fit, survey, data);
        std::printf("\nSAT index %.1f, LOY index %.1f\n", indices.at("SAT").overall.mean, indices.at("LOY").overall.mean);
        const auto map = csikit::ipa(csikit::ipma(fit, survey, data, "SAT").construct_factors());
        std::printf("fix first:");
        for (const auto& id : map.in_quadrant(csikit::quadrant::concentrate_here)) std::printf(" %s", id.c_str());
        std::printf("\n");
        if (!fit.converged) return 1;

        // 5. The HTML report: every piece is optional; pass what you have.
        if (report) {
            csikit::report_input in;
            in.schema = &survey;
            in.scores = &scores;
            in.segments = csikit::segment_breakdowns(survey, data, so);
            in.fit = &fit;
            in.boot = &boot;
            in.indices = &indices;
            in.ipa.push_back({"Drivers of SAT", "importance (total effect)", "performance (index)", map});
            example::write_report(report, in);
        }
        return 0;
    });
}
