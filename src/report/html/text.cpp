// Words of the HTML report in English and Chinese, and the label look-ups of the context.
#include "internal.hpp"

#include <functional>

namespace csikit::inline v0::html_detail {

namespace {

struct phrase {
    std::string_view key, en, zh;
};

// Keys are short ids; the report never shows a key unless a phrase is missing.
constexpr phrase phrases[] = {
    {"sec_sample", "Sample", "样本"},
    {"sec_index", "Satisfaction index and dimensions", "满意度指数与各维度得分"},
    {"sec_items", "Items", "题项得分与分布"},
    {"sec_waves", "Wave over wave", "各期对比"},
    {"sec_segments", "Segments", "客户细分对比"},
    {"sec_model", "Path model", "结构模型（PLS 路径模型）"},
    {"sec_quality", "Reliability and validity", "信度与效度"},
    {"sec_indices", "Construct indices", "潜变量指数"},
    {"sec_ipa", "Priorities: importance-performance map", "改进优先级：重要性-表现四分图"},
    {"sec_settings", "Settings", "分析设置"},
    {"respondents", "Respondents", "受访者"},
    {"unweighted", "unweighted", "未加权"},
    {"weights", "Weights", "权重"},
    {"total_weight", "total weight", "总权重"},
    {"waves", "Waves", "调查期次"},
    {"no_wave", "no wave", "无期次"},
    {"answers_of", "of", "/"},
    {"empty", "empty", "空白"},
    {"missing_codes", "missing codes", "缺失代码"},
    {"out_of_scale", "out of scale", "超出量表"},
    {"missing_answers", "Missing answers", "缺失回答"},
    {"missing_rule", "Missing answers are left out of every figure, never scored as zero.",
     "缺失回答不计入任何指标的分母，不按零分计算。"},
    {"most_missing", "Most often missing", "缺失最多的题项"},
    {"segment", "Segment", "细分"},
    {"used_in_model", "Used in the model", "模型使用样本"},
    {"excluded_listwise", "excluded listwise (a missing answer to a model item)", "因模型题项缺失被整行剔除"},
    {"answers_imputed", "answers replaced by the item mean", "个回答以题项均值替代"},
    {"pairwise_note", "pairwise: each correlation from the respondents who answered both items",
     "成对删除：每个相关系数使用同时回答两题的受访者"},
    {"satisfaction_rate", "Satisfaction rate", "满意率"},
    {"score_at_least", "score \u2265", "得分 \u2265"},
    {"model_fit", "Model fit", "模型拟合"},
    {"index_intro", "Every node of the indicator hierarchy on the 0-100 scale; bars show the score, whiskers the",
     "指标体系中每个节点的百分制得分；条形为得分，须线为"},
    {"interval_whiskers", "confidence interval.", "置信区间。"},
    {"node", "Node", "指标"},
    {"weight", "Weight", "权重"},
    {"score", "Score (0-100)", "得分（百分制）"},
    {"ci", "Interval", "置信区间"},
    {"satisfied", "Satisfied", "满意占比"},
    {"detractors", "detractors", "贬损者"},
    {"passives", "passives", "中立者"},
    {"promoters", "promoters", "推荐者"},
    {"items_intro", "Each item's mean on its own scale, its 0-100 score with the interval, the top-box share and the share of every answer.",
     "每个题项的原始均值、百分制得分及置信区间、顶端两项占比和各选项的回答分布。"},
    {"item", "Item", "题项"},
    {"missing", "Missing", "缺失"},
    {"missing_data", "missing data", "缺失处理"},
    {"mean", "Mean", "均值"},
    {"top_box", "Top box", "顶端占比"},
    {"distribution", "Distribution (%)", "回答分布（%）"},
    {"waves_intro", "Scores per wave; the change from the previous wave is tested (Welch t for scores, z for shares and NPS).",
     "各期得分；与上一期的差异经过显著性检验（得分用 Welch t 检验，比例和 NPS 用 z 检验）。"},
    {"figure", "Figure", "指标"},
    {"from", "From", "从"},
    {"to", "To", "到"},
    {"change", "Change", "变化"},
    {"test", "Test", "检验"},
    {"item_changes", "Item changes", "题项变化"},
    {"marks_note", "\u25B2/\u25BC significant change: * p < .05, ** p < .01, *** p < .001. Shares in percentage points.",
     "\u25B2/\u25BC 表示显著变化：* p < .05，** p < .01，*** p < .001。比例以百分点计。"},
    {"segments_intro", "Each segment against the rest of the sample.", "每个细分群体与其余样本比较。"},
    {"marks_note_segments",
     "\u25B2/\u25BC the segment differs significantly from the rest of the sample (Welch t; z for shares and NPS): * p < .05, ** p < .01, *** p < .001.",
     "\u25B2/\u25BC 表示该群体与其余样本差异显著（Welch t 检验；比例和 NPS 用 z 检验）：* p < .05，** p < .01，*** p < .001。"},
    {"segments_untested", "Groups are shown without tests.", "未进行群体间检验。"},
    {"by", "By", "按"},
    {"model_intro", "Estimated by", "估计方法："},
    {"scheme", "scheme", "内部权重方案"},
    {"iterations", "iterations", "次迭代"},
    {"not_converged", "not converged", "未收敛"},
    {"path_diagram", "Path diagram", "路径图"},
    {"diagram_caption",
     "Boxes are constructs (dark: explained by others, with R\u00B2); arrows carry the path coefficients. Grey dashed arrows are not significant in the bootstrap.",
     "方框为潜变量（深色为内生变量，标注 R\u00B2）；箭头上为路径系数；灰色虚线表示自助法检验不显著。"},
    {"diagram_caption_loc",
     "Dashed white boxes are lower-order constructs of a higher-order construct (estimated in stage 1), joined by their loading (\u03BB) or weight (w) on it.",
     "白色虚线框为高阶构念的低阶构念（第一阶段估计），连线上为其在高阶构念上的载荷（\u03BB）或权重（w）。"},
    {"loc_short", "lower-order", "低阶构念"},
    {"loc_loading", "loading on", "载荷于"},
    {"loc_weight", "weight on", "权重于"},
    {"paths", "Path coefficients", "路径系数"},
    {"coefficient", "Coefficient", "系数"},
    {"boot_note", "Bootstrap:", "自助法："},
    {"resamples", "resamples", "次重抽样"},
    {"failed", "failed", "次失败"},
    {"warnings", "Warnings", "警告"},
    {"missing_warning_title", "Many respondents are left out of the model", "大量受访者未进入模型"},
    {"missing_warning_of", "of", "/"},
    {"missing_warning_text", "respondents were left out of the path model because of missing answers.",
     "名受访者因缺失回答未进入路径模型。"},
    {"missing_warning_listwise",
     "Listwise deletion drops every respondent who misses any model item. Consider --missing mean (mean "
     "replacement keeps everyone with at least one answer) or --missing pairwise.",
     "整行删除会剔除缺少任一模型题项的受访者。建议改用 --missing mean（均值替代，保留至少回答一题的受访者）或 "
     "--missing pairwise（成对删除）。"},
    {"reliability", "Reliability and convergent validity", "信度与收敛效度"},
    {"construct", "Construct", "潜变量"},
    {"items", "Items", "题项数"},
    {"htmt_note", "Heterotrait-monotrait ratio (discriminant validity):", "异质-单质比（区分效度）："},
    {"adjusted", "Adjusted", "调整后"},
    {"indicators", "Indicators: loadings, weights, VIF", "测量题项：载荷、权重、VIF"},
    {"loading", "Loading", "载荷"},
    {"indices_intro", "Each construct's 0-100 index from its items, weighted by the model's outer weights.",
     "根据模型外部权重对各题项加权得到的潜变量百分制指数。"},
    {"index", "Index", "指数"},
    {"impacts", "Impacts", "影响力"},
    {"impacts_note", "The change in the target's index predicted by a 5-point rise in the driver's index.",
     "驱动因素指数提高 5 分时目标指数的预期变化。"},
    {"driver", "Driver", "驱动因素"},
    {"target", "Target", "目标"},
    {"impact", "Impact", "影响力"},
    {"total_effect_0_100", "Total effect (0-100 metric)", "总效应（百分制）"},
    {"ipa_intro", "Factors placed by importance and performance; the dashed cross-hair splits them into four quadrants.",
     "按重要性与表现定位各因素；虚线十字将其分为四个象限。"},
    {"importance", "importance", "重要性"},
    {"performance", "performance", "表现"},
    {"crosshair", "Cross-hair", "分界线"},
    {"priority_order", "Priority order (concentrate here first, then standardised importance minus standardised performance)",
     "改进顺序（先“急需改进”，再按标准化重要性减标准化表现从大到小）"},
    {"setting", "Setting", "设置"},
    {"value", "Value", "取值"},
    {"generated_by", "Generated by csikit", "由 csikit 生成"},
    {"report", "Customer satisfaction report", "客户满意度测评报告"},
    {"contents", "Contents", "目录"},
    // Issue 14 (helper ipa): the manager's report.
    {"reversed", "reversed item (recoded)", "反向题（已反向计分）"},
    {"satisfied_rule", "satisfied if", "满意的判定"},
    {"stated_weight", "Stated weight", "设定权重"},
    {"key_findings", "Key findings", "主要结论"},
};

}  // namespace

context::context(const report_input& input, const html_options& opts) : in(input), options(opts) {
    language = opts.language;
    if (language.empty() && !in.schema->languages.empty()) language = in.schema->languages.front();
    zh = language.rfind("zh", 0) == 0;
    // Hierarchy labels by node id, for sections that only carry ids.
    if (in.schema->hierarchy) {
        std::function<void(const node&)> walk = [&](const node& n) {
            if (!n.id.empty()) node_labels_[n.id] = &n.label;
            for (const auto& k : n.children) walk(k);
        };
        walk(*in.schema->hierarchy);
    }
}

std::string context::t(std::string_view key) const {
    for (const auto& p : phrases)
        if (p.key == key) return std::string(zh ? p.zh : p.en);
    return std::string(key);
}

std::string context::item_label(const std::string& id) const {
    const auto* i = in.schema->find_item(id);
    if (!i) return id;
    auto s = i->text.get(language);
    return s.empty() ? id : s;
}

std::string context::construct_label(const std::string& id) const {
    const auto* k = in.schema->find_construct(id);
    if (!k) return id;
    auto s = k->label.get(language);
    return s.empty() ? id : s;
}

std::string context::node_label(const std::string& id) const {
    const auto it = node_labels_.find(id);
    if (it != node_labels_.end()) {
        auto s = it->second->get(language);
        if (!s.empty()) return s;
    }
    if (in.schema->find_item(id)) return item_label(id);
    return id;
}

std::string context::value_label(const std::string& item_id, double v) const {
    const auto* i = in.schema->find_item(item_id);
    const auto* sc = i ? in.schema->find_scale(i->scale) : nullptr;
    const auto* sv = sc ? sc->find_value(v) : nullptr;
    return sv ? sv->label.get(language) : std::string();
}

}  // namespace csikit::v0::html_detail
