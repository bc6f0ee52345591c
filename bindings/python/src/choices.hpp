// Keyword values that name an enum ("path", "centroid", ...): one table per enum and one
// parser, so every binding refuses an unknown name with the same message shape.
#pragma once

#include "csikit/error.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>

namespace csikit_py {

/// One accepted name of an enum keyword and the value it stands for.
template <class E>
struct choice {
    const char* name;
    E value;
};

/// The value `s` names in `choices`; else argument_error
/// `keyword: unknown what "s" (expected a, b or c)`.
template <class E>
E parse_choice(const std::string& s, const char* keyword, const char* what, std::initializer_list<choice<E>> choices) {
    std::string expected;
    std::size_t listed = 0;
    for (const auto& c : choices) {
        if (s == c.name) return c.value;
        ++listed;
        expected += std::string(listed == 1 ? "" : listed == choices.size() ? " or " : ", ") + c.name;
    }
    throw csikit::argument_error({{}, 0, keyword},
                                 "unknown " + std::string(what) + " \"" + s + "\" (expected " + expected + ")");
}

}  // namespace csikit_py
