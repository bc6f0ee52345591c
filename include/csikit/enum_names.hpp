// The text of an enumerator from a small table {value, text}, so an enum's names are data, not
// one more switch. Used by the to_string() functions of the stages.
#pragma once

#include "csikit/version.hpp"

#include <cstddef>

CSIKIT_NAMESPACE_BEGIN

template <class E>
struct enum_name {
    E value;
    const char* text;
};

/// The text of `value` in `table`, or `otherwise` when the table has no row for it.
template <class E, std::size_t N>
constexpr const char* name_of(const enum_name<E> (&table)[N], E value, const char* otherwise) noexcept {
    for (const auto& row : table)
        if (row.value == value) return row.text;
    return otherwise;
}

CSIKIT_NAMESPACE_END
