#include "data_args.hpp"

namespace csikit_cli {

void apply_data_options(const args& a, csikit::read_options& ro) {
    if (auto e = a.get("encoding")) {
        if (e->empty())
            throw csikit::argument_error({{}, 0, "--encoding"},
                                         "empty (expected utf-8, utf-16, gbk, gb18030, latin-1 or cp1252)");
        ro.encoding = *e;
    }
    if (auto sheet = a.get("sheet")) ro.sheet = *sheet;
    if (a.has("header-rows"))
        ro.header_rows = static_cast<int>(a.get_whole("header-rows", 1, 1, csikit::max_header_rows));
}

option_set with_data_options(option_set known) {
    known.values.insert(known.values.end(), data_option_names.begin(), data_option_names.end());
    return known;
}

}  // namespace csikit_cli
