// Writing a command's output files (output_file.hpp).
#include "output_file.hpp"

#include <csikit/error.hpp>

#include <fstream>

namespace csikit_cli {

void write_output_file(const std::string& path, std::string_view text, std::string_view what) {
    std::ofstream f(path, std::ios::binary);
    if (!f || !f.write(text.data(), static_cast<std::streamsize>(text.size())) || (f.close(), !f))
        throw csikit::io_error({path, 0, {}}, "cannot write " + std::string(what) + " (expected a writable path)");
}

}  // namespace csikit_cli
