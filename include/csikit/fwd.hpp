// Forward declarations of csikit's public types, for headers that only hold pointers or
// references to them (no Eigen, no standard containers: this header costs nothing).
// Include the defining header (named after each group) wherever a type's members are used.
#pragma once

#include "csikit/version.hpp"

CSIKIT_NAMESPACE_BEGIN

// error.hpp
struct location;
struct problem;
// schema.hpp, presets.hpp, model.hpp
struct survey;
struct scale;
struct item;
struct construct;
struct node;
struct path;
struct localized_text;
struct preset_model;
struct pls_model;
// data.hpp
struct responses;
struct read_options;
struct read_summary;
// stats.hpp
struct interval;
struct mean_estimate;
struct proportion_estimate;
struct test_result;
struct nps_estimate;
// sampling.hpp
struct sample_size;
struct margin_of_error;
struct allocation;
struct allocation_options;
// scoring.hpp
struct score_options;
struct score_report;
struct group_scores;
struct segment_breakdown;
// pls.hpp
struct pls_options;
struct pls_fit;
struct moments;
// index.hpp, importance.hpp, ipa.hpp
struct index_block;
struct index_result;
struct score_summary;
struct importance_table;
struct ipa_options;
struct ipa_result;
struct ipma_result;
// bootstrap.hpp
struct bootstrap_options;
struct bootstrap_result;
// simulate.hpp
struct population_model;
struct simulate_options;
struct simulated_data;
// analysis.hpp, provenance.hpp
struct analysis_options;
struct analysis_report;
struct index_analysis;
struct index_analysis_options;
struct survey_data;
struct fitted_model;
struct fitted_bootstrap;
// html_report.hpp
struct html_options;
struct report_input;

CSIKIT_NAMESPACE_END
