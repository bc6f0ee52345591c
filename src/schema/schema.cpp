// The survey value types: text lookup, scale and id lookups, and loading a schema file.
// Parsing lives in schema_read.cpp, writing in schema_write.cpp, checks in schema_validate.cpp.
#include "csikit/schema.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

std::string localized_text::get(std::string_view language) const {
    // The documented fallback chain: the asked language, the neutral text, English, anything.
    for (std::string_view lang : {language, std::string_view{}, std::string_view{"en"}}) {
        auto it = by_language.find(std::string(lang));
        if (it != by_language.end()) return it->second;
    }
    return by_language.empty() ? std::string{} : by_language.begin()->second;
}

bool scale::is_missing_code(double x) const noexcept {
    return std::any_of(missing.begin(), missing.end(), [x](const missing_code& m) { return m.code == x; });
}

const scale_value* scale::find_value(double x) const noexcept {
    auto it = std::find_if(values.begin(), values.end(), [x](const scale_value& v) { return v.value == x; });
    return it == values.end() ? nullptr : &*it;
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& all, std::string_view id) noexcept {
    auto it = std::find_if(all.begin(), all.end(), [id](const T& x) { return x.id == id; });
    return it == all.end() ? nullptr : &*it;
}
}  // namespace

const scale* survey::find_scale(std::string_view id) const noexcept { return find_by_id(scales, id); }
const item* survey::find_item(std::string_view id) const noexcept { return find_by_id(items, id); }
const construct* survey::find_construct(std::string_view id) const noexcept { return find_by_id(constructs, id); }

const scale& survey::scale_of(std::string_view item_id) const {
    const item* it = find_item(item_id);
    if (!it) throw schema_error({{}, 0, std::string(item_id)}, "unknown item \"" + std::string(item_id) + "\"");
    const scale* sc = find_scale(it->scale);
    if (!sc)
        throw schema_error({{}, 0, std::string(item_id)},
                           "unknown scale \"" + it->scale + "\" (expected one of the survey's scales)");
    return *sc;
}

namespace {
survey load_file(const std::string& path);
}  // namespace

survey load_survey(const std::string& path) {
    try {
        return load_file(path);
    } catch (const std::bad_alloc&) {
        // Name the place: a bare "out of memory" leaves the user guessing which input was too big.
        throw io_error({path, 0, {}}, "not enough memory to read the schema (expected a schema that fits in memory)");
    }
}

namespace {
survey load_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw io_error({path, 0, {}}, "is a directory (expected a schema file)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error({path, 0, {}}, std::string("cannot open the file (") + std::strerror(errno) + ")");
    // Chunk by chunk, so a pipe or FIFO works and an endless input (/dev/zero) stops at the limit.
    std::string text;
    std::vector<char> chunk(1 << 16);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (text.size() + got > max_schema_bytes)
            throw io_error({path, 0, {}}, "the file is larger than the limit of " + std::to_string(max_schema_bytes >> 20) +
                                              " MiB for a schema (max_schema_bytes; expected a JSON schema file)");
        text.append(chunk.data(), got);
    }
    if (in.bad()) throw io_error({path, 0, {}}, "cannot read the file");
    return parse_survey(text, path);
}
}  // namespace

const char* to_string(missing_kind kind) noexcept {
    switch (kind) {
        case missing_kind::dont_know: return "dont_know";
        case missing_kind::refused: return "refused";
        case missing_kind::not_applicable: return "not_applicable";
        case missing_kind::other: return "other";
    }
    return "other";
}

CSIKIT_NAMESPACE_END
