// --model FILE and the extended-model tables (model_option.hpp).
#include "model_option.hpp"

#include "table.hpp"

#include <csikit/model_syntax.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>
#include <sstream>

namespace csikit_cli {

csikit::survey load_survey_with_model(const std::string& schema_path, const std::optional<std::string>& model_path) {
    csikit::survey s = csikit::load_survey(schema_path);
    if (!model_path) return s;
    std::string text;
    {
        std::ifstream file;
        std::istream* in = &std::cin;
        if (*model_path != "-") {
            file.open(*model_path, std::ios::binary);
            if (!file) throw csikit::io_error({*model_path, 0, ""}, "cannot open the model file (expected a readable text file)");
            in = &file;
        }
        char buf[65536];
        while (in->read(buf, sizeof buf) || in->gcount() > 0) {
            text.append(buf, static_cast<std::size_t>(in->gcount()));
            if (text.size() > csikit::max_model_syntax_bytes)
                throw csikit::io_error({*model_path, 0, ""}, "the model file is larger than 16 MiB (the limit max_model_syntax_bytes)");
        }
    }
    return csikit::with_model_syntax(s, text, *model_path);
}

void print_extended(std::ostream& out, const csikit::extended_fit& e) {
    if (!e.higher_order.empty()) {
        out << "\nHigher-order constructs / 高阶构念\n";
        table t({"HOC", "LOC", "approach", "weight", "loading"}, 3);
        for (const auto& h : e.higher_order)
            for (std::size_t k = 0; k < h.components.size(); ++k)
                t.add({h.id, h.components[k], csikit::to_string(h.approach), num(h.weights[k]), num(h.loadings[k])});
        t.print(out);
    }
    if (!e.interactions.empty()) {
        out << "\nInteraction terms and simple slopes / 交互项与简单斜率\n";
        table t({"term", "dependent", "approach", "path", "rescaled", "slope -1SD", "slope mean", "slope +1SD"}, 3);
        for (const auto& x : e.interactions)
            t.add({x.id, x.dependent, csikit::to_string(x.approach), num(x.path), num(x.path_rescaled), num(x.slope_low),
                   num(x.slope_mean), num(x.slope_high)});
        t.print(out);
    }
    for (const auto& c : e.expanded.categorical)
        if (c.missing > 0)
            out << "\n" << c.id << ": " << c.missing << " respondent(s) without a category in \"" << c.column
                << "\" (their dummies are missing) / 无类别的受访者\n";
    if (!e.categorical.empty()) {
        out << "\nSlopes per category (categorical moderator) / 各类别的斜率\n";
        table t({"moderator", "category", "predictor", "dependent", "respondents", "slope", "vs reference", "term"}, 3);
        for (const auto& c : e.categorical)
            for (std::size_t k = 0; k < c.categories.size(); ++k)
                t.add({c.moderator, c.categories[k] + (k == 0 ? " (reference)" : ""), c.predictor, c.dependent,
                       num(c.respondents[k], 0), num(c.slopes[k]), k == 0 ? "-" : num(c.differences[k]), c.terms[k].empty() ? "-" : c.terms[k]});
        t.print(out);
    }
    if (e.expanded.stage1) {
        const csikit::pls_fit& f = *e.expanded.stage1;
        out << "\nStage 1 (first-order model) / 第一阶段\n";
        table t({"construct", "R2", "AVE", "rho_c", "rho_a"});
        for (std::size_t j = 0; j < f.constructs.size(); ++j) {
            const auto k = static_cast<Eigen::Index>(j);
            t.add({f.constructs[j], num(f.r2[k]), f.ave.size() ? num(f.ave[k]) : "-", f.rho_c.size() ? num(f.rho_c[k]) : "-",
                   f.rho_a.size() ? num(f.rho_a[k]) : "-"});
        }
        t.print(out);
    }
}

}  // namespace csikit_cli
