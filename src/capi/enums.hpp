// C enum values <-> C++ enums, by explicit tables (never by position): the C values are a
// stable ABI, the C++ enums may be reordered. An unknown C value is CSIKIT_E_ARGUMENT naming the
// field and listing the accepted values.
#pragma once

#include "handles.hpp"

#include "csikit/bootstrap.hpp"
#include "csikit/ipa.hpp"
#include "csikit/pls.hpp"
#include "csikit/scoring.hpp"

#include <string>

namespace csikit_capi {

template <class E>
struct enum_entry {
    int c;
    E cpp;
    const char* name;  ///< the C constant
};

inline constexpr enum_entry<csikit::inner_scheme> scheme_table[] = {
    {CSIKIT_SCHEME_PATH, csikit::inner_scheme::path, "CSIKIT_SCHEME_PATH"},
    {CSIKIT_SCHEME_CENTROID, csikit::inner_scheme::centroid, "CSIKIT_SCHEME_CENTROID"},
    {CSIKIT_SCHEME_FACTORIAL, csikit::inner_scheme::factorial, "CSIKIT_SCHEME_FACTORIAL"},
};

inline constexpr enum_entry<csikit::missing_treatment> missing_table[] = {
    {CSIKIT_MISSING_LISTWISE, csikit::missing_treatment::listwise, "CSIKIT_MISSING_LISTWISE"},
    {CSIKIT_MISSING_MEAN, csikit::missing_treatment::mean_replacement, "CSIKIT_MISSING_MEAN"},
    {CSIKIT_MISSING_PAIRWISE, csikit::missing_treatment::pairwise, "CSIKIT_MISSING_PAIRWISE"},
};

inline constexpr enum_entry<csikit::stop_rule> stopping_table[] = {
    {CSIKIT_STOP_MAX_ABS_CHANGE, csikit::stop_rule::max_abs_change, "CSIKIT_STOP_MAX_ABS_CHANGE"},
    {CSIKIT_STOP_PLSPM, csikit::stop_rule::plspm, "CSIKIT_STOP_PLSPM"},
};

inline constexpr enum_entry<csikit::rescaling> rescaling_table[] = {
    {CSIKIT_RESCALE_LINEAR, csikit::rescaling::linear, "CSIKIT_RESCALE_LINEAR"},
    {CSIKIT_RESCALE_PROPORTIONAL, csikit::rescaling::proportional, "CSIKIT_RESCALE_PROPORTIONAL"},
    {CSIKIT_RESCALE_LABELS, csikit::rescaling::labels, "CSIKIT_RESCALE_LABELS"},
};

inline constexpr enum_entry<csikit::aggregation> aggregation_table[] = {
    {CSIKIT_AGGREGATE_RESPONDENT_FIRST, csikit::aggregation::respondent_first, "CSIKIT_AGGREGATE_RESPONDENT_FIRST"},
    {CSIKIT_AGGREGATE_MEAN_FIRST, csikit::aggregation::mean_first, "CSIKIT_AGGREGATE_MEAN_FIRST"},
};

inline constexpr enum_entry<csikit::proportion_method> interval_table[] = {
    {CSIKIT_INTERVAL_WILSON, csikit::proportion_method::wilson, "CSIKIT_INTERVAL_WILSON"},
    {CSIKIT_INTERVAL_AGRESTI_COULL, csikit::proportion_method::agresti_coull, "CSIKIT_INTERVAL_AGRESTI_COULL"},
    {CSIKIT_INTERVAL_CLOPPER_PEARSON, csikit::proportion_method::clopper_pearson, "CSIKIT_INTERVAL_CLOPPER_PEARSON"},
};

inline constexpr enum_entry<csikit::crosshair_rule> crosshair_table[] = {
    {CSIKIT_CROSSHAIR_MIDPOINT, csikit::crosshair_rule::scale_midpoint, "CSIKIT_CROSSHAIR_MIDPOINT"},
    {CSIKIT_CROSSHAIR_MEAN, csikit::crosshair_rule::data_mean, "CSIKIT_CROSSHAIR_MEAN"},
    {CSIKIT_CROSSHAIR_MEDIAN, csikit::crosshair_rule::data_median, "CSIKIT_CROSSHAIR_MEDIAN"},
    {CSIKIT_CROSSHAIR_CUSTOM, csikit::crosshair_rule::custom, "CSIKIT_CROSSHAIR_CUSTOM"},
};

inline constexpr enum_entry<csikit::quadrant> quadrant_table[] = {
    {CSIKIT_CONCENTRATE_HERE, csikit::quadrant::concentrate_here, "CSIKIT_CONCENTRATE_HERE"},
    {CSIKIT_KEEP_UP, csikit::quadrant::keep_up, "CSIKIT_KEEP_UP"},
    {CSIKIT_LOW_PRIORITY, csikit::quadrant::low_priority, "CSIKIT_LOW_PRIORITY"},
    {CSIKIT_POSSIBLE_OVERKILL, csikit::quadrant::possible_overkill, "CSIKIT_POSSIBLE_OVERKILL"},
};

inline constexpr enum_entry<csikit::parameter_kind> parameter_table[] = {
    {CSIKIT_PARAM_WEIGHT, csikit::parameter_kind::weight, "CSIKIT_PARAM_WEIGHT"},
    {CSIKIT_PARAM_LOADING, csikit::parameter_kind::loading, "CSIKIT_PARAM_LOADING"},
    {CSIKIT_PARAM_PATH, csikit::parameter_kind::path, "CSIKIT_PARAM_PATH"},
    {CSIKIT_PARAM_TOTAL_EFFECT, csikit::parameter_kind::total_effect, "CSIKIT_PARAM_TOTAL_EFFECT"},
    {CSIKIT_PARAM_R2, csikit::parameter_kind::r2, "CSIKIT_PARAM_R2"},
    {CSIKIT_PARAM_INDEX, csikit::parameter_kind::index, "CSIKIT_PARAM_INDEX"},
    {CSIKIT_PARAM_HTMT, csikit::parameter_kind::htmt, "CSIKIT_PARAM_HTMT"},
    {CSIKIT_PARAM_F2, csikit::parameter_kind::f2, "CSIKIT_PARAM_F2"},
    {CSIKIT_PARAM_R2_ADJUSTED, csikit::parameter_kind::r2_adjusted, "CSIKIT_PARAM_R2_ADJUSTED"},
    {CSIKIT_PARAM_TOTAL_INDIRECT, csikit::parameter_kind::total_indirect, "CSIKIT_PARAM_TOTAL_INDIRECT"},
    {CSIKIT_PARAM_INDIRECT_EFFECT, csikit::parameter_kind::indirect_effect, "CSIKIT_PARAM_INDIRECT_EFFECT"},
};

/// A table is complete when it has one row per C++ enumerator and no C value twice; the
/// static_asserts below hold the tables to that (a new C++ enumerator must be added here).
template <class E, std::size_t N>
constexpr bool one_to_one(const enum_entry<E> (&t)[N], std::size_t enumerators) {
    if (N != enumerators) return false;
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = i + 1; j < N; ++j)
            if (t[i].c == t[j].c || t[i].cpp == t[j].cpp) return false;
    return true;
}
static_assert(one_to_one(scheme_table, 3));
static_assert(one_to_one(missing_table, 3));
static_assert(one_to_one(stopping_table, 2));
static_assert(one_to_one(rescaling_table, 3));
static_assert(one_to_one(aggregation_table, 2));
static_assert(one_to_one(interval_table, 3));
static_assert(one_to_one(crosshair_table, 4));
static_assert(one_to_one(quadrant_table, 4));
static_assert(one_to_one(parameter_table, 11));
// The C++ enumerators the tables were written against: a reordered or renumbered enum fails
// here, and one_to_one() above fails when a table misses a row.
static_assert(static_cast<int>(csikit::parameter_kind::index) == 5 && static_cast<int>(csikit::parameter_kind::indirect_effect) == 10 && static_cast<int>(csikit::quadrant::possible_overkill) == 3 &&
              static_cast<int>(csikit::crosshair_rule::custom) == 3 && static_cast<int>(csikit::rescaling::labels) == 2 &&
              static_cast<int>(csikit::missing_treatment::pairwise) == 2 && static_cast<int>(csikit::inner_scheme::factorial) == 2 &&
              static_cast<int>(csikit::stop_rule::plspm) == 1 && static_cast<int>(csikit::aggregation::mean_first) == 1 &&
              static_cast<int>(csikit::proportion_method::clopper_pearson) == 2,
              "a C++ enum gained a value: add it to its table in src/capi/enums.hpp and to csikit.h");

/// The C++ value of the C value `value` of `field`; CSIKIT_E_ARGUMENT naming the field otherwise.
template <class E, std::size_t N>
E from_c(const enum_entry<E> (&t)[N], int value, const char* where, const char* field) {
    for (const auto& e : t)
        if (e.c == value) return e.cpp;
    std::string accepted;
    for (const auto& e : t) accepted += (accepted.empty() ? "" : ", ") + std::to_string(e.c) + " " + e.name;
    throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": " + field + " is " + std::to_string(value) +
                                           " (expected one of " + accepted + ")"};
}

/// The C value of a C++ enumerator (every enumerator is in its table, see above).
template <class E, std::size_t N>
int to_c(const enum_entry<E> (&t)[N], E value) {
    for (const auto& e : t)
        if (e.cpp == value) return e.c;
    throw abi_error{CSIKIT_E_INTERNAL, "csikit: an enum value without a C counterpart (a bug)"};
}

}  // namespace csikit_capi
