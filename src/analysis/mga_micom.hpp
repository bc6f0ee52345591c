// Private: the data of a multi-group analysis prepared once (groups, rows, working copies, the
// group estimates) and MICOM on them. mga_prepare.cpp and mga_micom.cpp.
#pragma once

#include "mga_internal.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace mga_detail {

struct prepared {
    std::vector<std::string> items;             ///< model.indicators()
    std::vector<std::string> values;            ///< sorted group values
    std::vector<std::vector<Eigen::Index>> rows_of;  ///< rows of each group in the working data
    std::vector<std::size_t> respondents_of;    ///< rows with the value (before listwise deletion)
    row_matrix zd;    ///< stacked used rows, each group's rows standardised with its own moments
    row_matrix xraw;  ///< the same rows on the item scale (missing answers imputed)
    Eigen::VectorXd v;                          ///< respondent weights (ones when unweighted)
    std::vector<pls_fit> groups_fit;            ///< each group's own estimate (quality criteria on)
    std::uint64_t seed = 1;
    std::size_t left_out_no_group = 0, left_out_missing = 0;
    std::string missing_note;
};

/// Splits `data` by `column` and estimates every group; the errors of multi_group().
prepared prepare(const pls_model& model, const responses& data, const std::string& column, const mga_options& o);

/// MICOM steps 1-3 for every pair of groups.
micom_result micom(const prepared& P, const pls_model& model, const mga_options& o, const pls_options& po,
                   unsigned threads, const mga_labels* labels);

}  // namespace mga_detail
CSIKIT_NAMESPACE_END
