// HTML escaping for every piece of user text in the report (labels, ids, file names).
#include "csikit/html_report.hpp"

CSIKIT_NAMESPACE_BEGIN

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            // NUL and other C0 controls are invalid in HTML text; show them as U+FFFD.
            case '\t': case '\n': case '\r': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) out += "\uFFFD";
                else out += c;
        }
    }
    return out;
}

CSIKIT_NAMESPACE_END
