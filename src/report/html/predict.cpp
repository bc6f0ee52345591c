// The prediction section of the HTML report: PLSpredict's item table beside the LM benchmark,
// the construct figures, Shmueli et al.'s verdict, a dot plot of each item's out-of-sample RMSE
// against the benchmark's, and the CVPAT tests when they were run.
#include "internal.hpp"

#include <algorithm>
#include <cmath>

namespace csikit::inline v0::html_detail {

namespace {

/// Each item's PLS RMSE (filled dot) and LM RMSE (ring) on one shared axis.
std::string rmse_plot(const context& c, const prediction_result& r) {
    double hi = 0;
    double label_w = 0;
    for (const auto& it : r.items) {
        hi = std::max({hi, it.rmse, it.lm_rmse});
        label_w = std::max(label_w, text_width(it.item, 12));
    }
    if (!(hi > 0)) return "";
    const double left = 1.25 * label_w + 24, width = 760, right = 20, row = 20, top = 30;
    const double height = top + row * static_cast<double>(r.items.size()) + 30;
    const double axis = std::ceil(hi * 1.1 * 10) / 10;
    const auto x = [&](double v) { return left + (width - left - right) * v / axis; };
    svg s(width, height, "chart predict-plot", c.zh ? "各题项样本外 RMSE：PLS 与线性模型基准" : "Out-of-sample RMSE per item: PLS and the LM benchmark");
    s.circle(left, 12, 5, "#1f6fb2");
    s.text(left + 10, 16, "PLS", "start", "small");
    s.circle(left + 70, 12, 5, "none", "stroke=\"#c0392b\" stroke-width=\"2\"");
    s.text(left + 80, 16, c.zh ? "线性模型基准" : "LM benchmark", "start", "small");
    for (int k = 0; k <= 4; ++k) {
        const double v = axis * k / 4;
        s.line(x(v), top - 6, x(v), height - 24, "#ddd");
        s.text(x(v), height - 8, num(v, 2), "middle", "small");
    }
    for (std::size_t i = 0; i < r.items.size(); ++i) {
        const auto& it = r.items[i];
        const double y = top + row * static_cast<double>(i) + row / 2;
        s.begin_group({}, it.item + ": RMSE " + num(it.rmse, 3) + ", LM " + num(it.lm_rmse, 3));
        s.text(left - 8, y + 4, it.item, "end", "small");
        s.line(x(std::min(it.rmse, it.lm_rmse)), y, x(std::max(it.rmse, it.lm_rmse)), y, "#999");
        s.circle(x(it.lm_rmse), y, 5, "none", "stroke=\"#c0392b\" stroke-width=\"2\"");
        s.circle(x(it.rmse), y, 4, "#1f6fb2");
        s.end_group();
    }
    return s.str();
}

std::string power_text(const context& c, predictive_power p) {
    switch (p) {
        case predictive_power::high: return c.zh ? "高（所有题项优于基准）" : "high (every item beats the benchmark)";
        case predictive_power::medium: return c.zh ? "中（多数题项优于基准）" : "medium (most items beat the benchmark)";
        case predictive_power::low: return c.zh ? "低（少数题项优于基准）" : "low (a minority of items beats the benchmark)";
        case predictive_power::none: break;
    }
    return c.zh ? "无（没有题项优于基准，或 Q²_predict 均不为正）" : "none (no item beats the benchmark, or no Q²_predict is positive)";
}

}  // namespace

std::string section_predict(const context& c) {
    const auto* r = c.in.prediction;
    if (!r || r->items.empty()) return "";
    const bool zh = c.zh;
    std::string body = "<p>";
    const std::string split = r->leave_one_out ? (zh ? "留一法交叉验证" : "leave-one-out cross-validation")
                                               : std::to_string(r->folds) + (zh ? " 折交叉验证 × " : "-fold cross-validation x ") +
                                                     std::to_string(r->repeats) + (zh ? " 次重复" : " repetitions");
    body += html_escape(split + (zh ? "，" : ", ") + std::to_string(r->respondents) + (zh ? " 位受访者；预测方式：" : " respondents; approach: ") +
                        to_string(r->approach) + (zh ? "；线性模型基准：" : "; LM benchmark: ") + to_string(r->benchmark) +
                        (zh ? "。" : "."));
    body += "</p>\n<p><b>" + html_escape(zh ? "预测能力（Shmueli 等, 2019）：" : "Predictive power (Shmueli et al. 2019): ") + "</b>" +
            html_escape(power_text(c, r->power)) + "</p>\n";
    body += rmse_plot(c, *r);
    body += "<table class=\"data\"><thead><tr>" + th(zh ? "题项" : "item") + th(zh ? "潜变量" : "construct") + th("RMSE", true) +
            th(zh ? "基准 RMSE" : "LM RMSE", true) + th("MAE", true) + th(zh ? "基准 MAE" : "LM MAE", true) +
            th("Q²_predict", true) + th(zh ? "样本内 RMSE" : "in-sample RMSE", true) + "</tr></thead><tbody>\n";
    for (const auto& it : r->items) {
        const verdict v = it.rmse < it.lm_rmse ? verdict::pass : verdict::fail;
        body += "<tr>" + td(it.item) + td(it.construct) + "<td class=\"num\">" + badge(num(it.rmse, 3), v) + "</td>" +
                tdn(num(it.lm_rmse, 3)) + tdn(num(it.mae, 3)) + tdn(num(it.lm_mae, 3)) +
                "<td class=\"num\">" + badge(num(it.q2_predict, 3), it.q2_predict > 0 ? verdict::pass : verdict::fail) +
                "</td>" + tdn(num(it.is_rmse, 3)) + "</tr>\n";
    }
    body += "</tbody></table>\n<h3>" + html_escape(zh ? "潜变量得分的预测" : "Construct scores") + "</h3>\n";
    body += "<table class=\"data\"><thead><tr>" + th(zh ? "潜变量" : "construct") + th("RMSE", true) + th("MAE", true) +
            th("Q²_predict", true) + th(zh ? "优于基准的题项" : "items PLS < LM", true) + "</tr></thead><tbody>\n";
    for (const auto& k : r->constructs)
        body += "<tr>" + td(k.construct + "  " + c.construct_label(k.construct)) + tdn(num(k.rmse, 3)) + tdn(num(k.mae, 3)) +
                tdn(num(k.q2_predict, 3)) + tdn(std::to_string(k.items_better) + " / " + std::to_string(k.items)) + "</tr>\n";
    body += "</tbody></table>\n";
    if (const auto* cv = c.in.cvpat) {
        body += "<h3>CVPAT</h3>\n<p>" +
                html_escape(zh ? "交叉验证预测能力检验（Liengaard 等, 2021）：D = 基准损失 − 模型损失，t > 0 表示模型预测更好。"
                               : "Cross-validated predictive ability test (Liengaard et al. 2021): D = loss of the benchmark "
                                 "- loss of the model; t > 0: the model predicts better.") +
                "</p>\n<table class=\"data\"><thead><tr>" + th(zh ? "对比" : "against") + th(zh ? "模型损失" : "loss model", true) +
                th(zh ? "基准损失" : "loss benchmark", true) + th(zh ? "平均 D" : "mean D", true) + th("t", true) +
                th("p", true) + "</tr></thead><tbody>\n";
        for (const auto& t : cv->tests) {
            const std::string name = t.benchmark == "IA" ? (zh ? "题项均值 (IA)" : "indicator average (IA)")
                                     : t.benchmark == "LM" ? (zh ? "线性模型 (LM)" : "linear model (LM)")
                                                           : (zh ? "第二个模型" : "second model");
            body += "<tr>" + td(name) + tdn(num(t.loss_model, 4)) + tdn(num(t.loss_benchmark, 4)) + tdn(num(t.d_bar, 4)) +
                    tdn(num(t.t, 2)) + tdn(p_text(t.p) + stars(t.p)) + "</tr>\n";
        }
        body += "</tbody></table>\n";
    }
    return section("sec-predict", zh ? "样本外预测" : "Out-of-sample prediction", body);
}

}  // namespace csikit::v0::html_detail
