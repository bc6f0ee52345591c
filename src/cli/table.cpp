#include "table.hpp"

#include <csikit/format.hpp>
#include <csikit/text.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace csikit_cli {

table::table(std::vector<std::string> header, std::size_t left, bool rule) : left_(left), rule_(rule) {
    rows_.push_back(std::move(header));
}

void table::add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

void table::print(std::ostream& out, const std::string& indent) const {
    std::vector<std::size_t> width;
    for (const auto& r : rows_) {
        width.resize(std::max(width.size(), r.size()), 0);
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], csikit::display_width(r[c]));
    }
    const bool header = std::any_of(rows_[0].begin(), rows_[0].end(), [](const auto& c) { return !c.empty(); });
    for (std::size_t i = header ? 0 : 1; i < rows_.size(); ++i) {
        std::string line = indent;
        for (std::size_t c = 0; c < rows_[i].size(); ++c) {
            const std::string& cell = rows_[i][c];
            const std::string pad(width[c] - csikit::display_width(cell), ' ');
            line += c < left_ ? cell + pad : pad + cell;
            if (c + 1 < rows_[i].size()) line += "  ";
        }
        out << line.erase(line.find_last_not_of(' ') + 1) << "\n";
        if (i == 0 && header && rule_) {
            std::size_t total = 0;
            for (auto w : width) total += w + 2;
            out << indent << std::string(total - 2, '-') << "\n";
        }
    }
}

std::string num(double x, int decimals) {
    if (!std::isfinite(x)) return "-";
    return csikit::format_fixed(x, decimals);
}

std::string p_text(double p) {
    if (!std::isfinite(p)) return "-";
    return p < 0.001 ? "<.001" : num(p, 3);
}

std::string interval_text(double low, double high, int decimals, double scale) {
    if (!std::isfinite(low) || !std::isfinite(high)) return "-";
    std::string out = "[";  // appended piece by piece: GCC 12 warns falsely on "[" + std::string&&
    return out.append(num(low * scale, decimals)).append(", ").append(num(high * scale, decimals)).append("]");
}

}  // namespace csikit_cli
