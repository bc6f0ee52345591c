// Crosstabs (issue 14 item 3): one variable of the survey by a background column, optionally
// split by a second one (the layer), weighted: counts, column and row shares, 0-100 means with
// intervals, the chi-square test of independence (Rao-Scott second-order corrected under
// weights), Cramer's V, and column-proportion z tests with Holm's correction marked by letters
// as SPSS Custom Tables marks them. Formulas and a worked example: docs/crosstab.md.
#pragma once

#include "data.hpp"
#include "schema.hpp"
#include "scoring.hpp"
#include "stats.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Most categories on an axis of a crosstab (rows or columns): the letters stay readable and
/// the Rao-Scott matrices small ((r-1)(c-1) <= 49^2).
inline constexpr std::size_t max_crosstab_categories = 50;

struct crosstab_options {
    /// What is tabulated: an item id (its scale's points), a hierarchy node id (its 0-100 score:
    /// means only), "satisfied:ID" (the item's satisfied rule, or a node's score >= threshold)
    /// or a segment/wave column (its values).
    std::string rows;
    std::string cols;    ///< the background column (segment or wave column): one column per value
    std::string layer;   ///< optional second background column: one table per value; "" = none
    double alpha = 0.05; ///< level of the chi-square verdict and of the Holm-corrected letters
    bool use_weights = true;       ///< weight respondents by the data's weights
    score_options scoring;         ///< rescaling, threshold, level of the mean intervals, language
};

/// What the rows of a crosstab are.
enum class crosstab_kind {
    distribution,  ///< an item's scale points
    score,         ///< a hierarchy node's 0-100 score (one row of means, no categories)
    satisfied,     ///< satisfied / not satisfied
    category,      ///< the values of a segment/wave column
};

/// "distribution", "score", "satisfied", "category".
const char* to_string(crosstab_kind k) noexcept;

/// One category of an axis.
struct crosstab_category {
    std::string value;   ///< the code as text ("4", "north", "satisfied")
    std::string label;   ///< the scale label, if any; else the value
};

/// One cell (row category x column).
struct crosstab_cell {
    std::size_t count = 0;         ///< unweighted respondents
    double weighted = 0;           ///< weighted count
    double col_share = std::numeric_limits<double>::quiet_NaN();  ///< of the column's weighted total
    double row_share = std::numeric_limits<double>::quiet_NaN();  ///< of the row's weighted total
    /// Letters of the columns whose share this cell's column share is significantly larger
    /// than (two-proportion z on n_eff, Holm over the row's column pairs, at alpha).
    std::string letters;
};

/// The chi-square test of independence of one table.
struct crosstab_test {
    bool computed = false;   ///< false: fewer than 2 non-empty rows or columns (see note)
    std::size_t rows_used = 0, cols_used = 0;  ///< non-empty categories entering the test
    double pearson = std::numeric_limits<double>::quiet_NaN();  ///< N sum (p_ij - p_i p_j)^2 / (p_i p_j)
    double df = std::numeric_limits<double>::quiet_NaN();       ///< (r-1)(c-1)
    double p_value = std::numeric_limits<double>::quiet_NaN();  ///< of pearson on df (unweighted)
    bool rao_scott = false;  ///< the weighted data's second-order correction below is the test
    double mean_deff = std::numeric_limits<double>::quiet_NaN();  ///< mean generalised design effect
    double a2 = std::numeric_limits<double>::quiet_NaN();         ///< squared CV of the design effects
    double statistic = std::numeric_limits<double>::quiet_NaN();  ///< the reported chi-square
    double statistic_df = std::numeric_limits<double>::quiet_NaN();  ///< its df (Satterthwaite)
    double statistic_p = std::numeric_limits<double>::quiet_NaN();
    double cramers_v = std::numeric_limits<double>::quiet_NaN();  ///< sqrt(phi^2 / (min(r,c) - 1))
    bool significant = false;  ///< statistic_p < alpha
    std::string note;
};

/// One table: every row category by every column value (one layer value, or all).
struct crosstab_table {
    std::string layer_value;                  ///< "" without a layer
    std::size_t n = 0;                        ///< respondents counted in the table
    double weighted = 0;
    std::vector<std::vector<crosstab_cell>> cells;  ///< [row][column]
    std::vector<std::size_t> row_count, col_count;  ///< unweighted margins
    std::vector<double> row_weighted, col_weighted; ///< weighted margins
    std::vector<double> col_n_eff;                  ///< Kish n_eff of each column
    /// Score and distribution kinds: the 0-100 score per column, then the table's total.
    std::vector<mean_estimate> col_score;
    std::optional<mean_estimate> total_score;
    /// Distribution kind: the mean on the item's own scale per column.
    std::vector<mean_estimate> col_mean;
    crosstab_test test;
};

struct crosstab_result {
    crosstab_options options;
    crosstab_kind kind = crosstab_kind::category;
    std::string variable;        ///< the item, node or column of the rows
    std::string label;           ///< its text in the label language
    std::string satisfied_rule;  ///< satisfied kind: the rule used ("score >= 70", ...)
    bool weighted = false;       ///< weights were present and used
    std::vector<crosstab_category> rows;     ///< empty for the score kind
    std::vector<crosstab_category> columns;  ///< values of options.cols, sorted
    std::vector<std::string> letters;        ///< "A", "B", ... one per column
    std::vector<crosstab_table> tables;      ///< one per layer value (sorted), or one
    std::size_t respondents = 0;             ///< rows of the data
    std::size_t counted = 0;                 ///< respondents in some table
    /// Respondents left out, each counted once in this order.
    std::size_t missing_layer = 0;   ///< empty layer cell
    std::size_t missing_column = 0;  ///< empty cell in the background column
    std::size_t missing_row = 0;     ///< empty category cell (category kind)
    std::size_t missing_answer = 0;  ///< no answer / no score (item and node kinds)
    std::size_t zero_weight = 0;     ///< weight 0: counted in no weighted figure (and no n)
    std::vector<std::string> notes;
};

/// The column letter of column k: A..Z, then AA, AB, ... (as spreadsheets name columns).
std::string crosstab_letter(std::size_t k);

/// The crosstab of `data`. Throws argument_error naming the option for: an empty or unknown
/// rows/cols/layer name, the same column twice, an item whose scale has no listable points
/// (distribution), fewer than 2 categories with answers on the rows or the columns (pooled
/// over the layers), more than max_crosstab_categories on an axis, a bad alpha; what score()
/// throws for the data (missing item columns, bad weights).
crosstab_result crosstab(const survey& s, const responses& data, const crosstab_options& options);

/// Holm's step-down adjustment of p values (same order as given; NaN stays NaN and is not
/// counted in the family).
std::vector<double> holm_adjust(const std::vector<double>& p);

/// The chi-square test of independence of an r x c table of cell totals (rows/cols with a zero
/// margin are left out). Without `design` (or `weighted` false): Pearson on the counts.
/// With weights: p_ij = weighted shares, Pearson X^2 = n sum (p_ij - p_i p_j)^2 / (p_i p_j) on
/// the unweighted n, and the Rao-Scott (1984) second-order correction X^2 / (mean_deff (1 + a2))
/// on df / (1 + a2) from the generalised design effects of the with-replacement linearised
/// covariance of the cell shares (docs/crosstab.md).
struct crosstab_observation {
    std::size_t row = 0, col = 0;
    double weight = 1;
};
crosstab_test chi_square_test(std::size_t rows, std::size_t cols, const std::vector<crosstab_observation>& obs,
                              bool weighted, double alpha);

CSIKIT_NAMESPACE_END
