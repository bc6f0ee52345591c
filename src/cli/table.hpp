// Text output of the command line: aligned tables and the number helpers every command uses.
// Numbers go through csikit::format_fixed (locale-independent); widths count terminal columns
// (csikit::display_width: CJK labels are two columns wide).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace csikit_cli {

/// A plain text table: the first `left` columns left-aligned, the others right-aligned, two
/// spaces between columns, trailing blanks cut. The header row is left out when all its cells
/// are empty; `rule` draws a line of dashes under it.
class table {
public:
    explicit table(std::vector<std::string> header, std::size_t left = 1, bool rule = true);
    void add(std::vector<std::string> row);
    void print(std::ostream& out, const std::string& indent = "  ") const;

private:
    std::vector<std::vector<std::string>> rows_;
    std::size_t left_;
    bool rule_;
};

/// `x` with `decimals` digits, "-" when NaN or infinite.
std::string num(double x, int decimals = 3);
/// A p value: "<.001" or three decimals; "-" when NaN.
std::string p_text(double p);
/// "[low, high]" with `decimals` digits (both scaled by `scale`), "-" when an end is not finite.
std::string interval_text(double low, double high, int decimals, double scale = 1);

}  // namespace csikit_cli
