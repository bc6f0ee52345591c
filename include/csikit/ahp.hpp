// AHP weights for the indicator hierarchy (层次分析法; Saaty 1980; issue 14 item 6,
// docs/ahp.md): a pairwise comparison matrix per node gives its children's weights by the
// principal eigenvector (or the row geometric mean), with the consistency index and ratio.
#pragma once

#include "schema.hpp"

#include <cstddef>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// How the weights come from a comparison matrix.
enum class ahp_method {
    eigenvector,     ///< principal right eigenvector, normalised to sum 1 (Saaty)
    geometric_mean,  ///< row geometric means, normalised (Crawford & Williams 1985)
};

/// "eigenvector", "geometric_mean".
const char* to_string(ahp_method m) noexcept;
/// Parses the names above (also "geometric"); argument_error (field "ahp_method") otherwise.
ahp_method parse_ahp_method(std::string_view name);

/// Settings of the AHP step.
struct ahp_options {
    ahp_method method = ahp_method::eigenvector;
    /// Accept a consistency ratio above max_consistency_ratio (reported, with a note) instead of
    /// refusing the matrix.
    bool allow_inconsistent = false;
};

/// The consistency ratio above which a matrix is refused (Saaty's 0.10).
inline constexpr double max_consistency_ratio = 0.10;
/// Largest matrix: 15 x 15, the end of Saaty's random-index table.
inline constexpr std::size_t max_ahp_size = 15;

/// Saaty's random index RI(n) for n = 1..15 (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45,
/// 1.49, 1.51, 1.48, 1.56, 1.57, 1.59); argument_error outside.
double saaty_random_index(std::size_t n);

/// The weights of one matrix and its consistency.
struct ahp_result {
    std::vector<double> weights;  ///< sum to 1, in the matrix's row order
    double lambda_max = 0;        ///< mean of (A w)_i / w_i (the principal eigenvalue for eigenvector weights)
    double ci = 0;                ///< consistency index (lambda_max - n) / (n - 1); 0 for n <= 2
    double ri = 0;                ///< Saaty's random index RI(n)
    double cr = 0;                ///< consistency ratio CI / RI; 0 for n <= 2
    ahp_method method = ahp_method::eigenvector;
};

/// The weights of a pairwise comparison matrix. `where` names it in messages (e.g.
/// "hierarchy node SERVICE"). argument_error for a matrix that is not square, larger than
/// max_ahp_size, has a non-positive or non-finite cell, a diagonal cell other than 1, or a
/// reciprocal violation a_ji != 1/a_ij (relative tolerance 1.5%, so 0.33 stands for 1/3) naming
/// the cell. The consistency ratio is not checked here (see apply_ahp).
ahp_result ahp_weights(const std::vector<std::vector<double>>& matrix, ahp_method method = ahp_method::eigenvector,
                       const std::string& where = "ahp");

/// One hierarchy node whose children's weights came from its matrix.
struct ahp_node {
    std::string node;
    std::vector<std::string> children;  ///< child ids in matrix order
    std::vector<double> stated;         ///< the weights the schema stated before
    ahp_result result;
    bool inconsistent = false;          ///< cr > max_consistency_ratio (allowed by the options)
};

/// True if some node of the hierarchy has an "ahp" matrix.
bool has_ahp(const survey& s) noexcept;

/// Replaces the children's weights of every node with an "ahp" matrix by its AHP weights and
/// returns what was done (pre-order). argument_error naming the node when its consistency
/// ratio exceeds max_consistency_ratio and options.allow_inconsistent is false, or for a bad
/// matrix (ahp_weights).
std::vector<ahp_node> apply_ahp(survey& s, const ahp_options& options = {});

/// Reads an AHP file {"NODE_ID": [[1, 3], ["1/3", 1]], ...} into the hierarchy's nodes
/// (replacing matrices given in the schema). io_error if unreadable, parse_error for bad JSON,
/// argument_error naming an unknown node, a leaf, a cell that is not a positive number or "a/b",
/// or a matrix whose size is not the node's number of children.
void load_ahp_file(survey& s, const std::string& path);

CSIKIT_NAMESPACE_END
