#include "csikit/error.hpp"
#include "csikit/version.hpp"

CSIKIT_NAMESPACE_BEGIN

const char* version() noexcept { return CSIKIT_VERSION_STRING; }

std::string location::str() const {
    std::string out = file;
    if (line > 0) out += (out.empty() ? "line " : ":") + std::to_string(line);
    if (!field.empty()) out += (out.empty() ? "" : ": ") + field;
    return out;
}

std::string problem::str() const {
    const std::string w = where.str();
    return w.empty() ? message : w + ": " + message;
}

namespace {
std::string join(const std::vector<problem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += '\n';
        out += p.str();
    }
    return out;
}
}  // namespace

error::error(error_kind kind, std::vector<problem> problems)
    : std::runtime_error(join(problems)), kind_(kind), problems_(std::move(problems)) {}

error::error(error_kind kind, location where, const std::string& message)
    : error(kind, std::vector<problem>{problem{std::move(where), message}}) {}

const char* to_string(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::io: return "io";
        case error_kind::parse: return "parse";
        case error_kind::schema: return "schema";
        case error_kind::data: return "data";
        case error_kind::model: return "model";
        case error_kind::numeric: return "numeric";
        case error_kind::convergence: return "convergence";
        case error_kind::cancelled: return "cancelled";
        case error_kind::argument: return "argument";
    }
    return "unknown";
}

CSIKIT_NAMESPACE_END
