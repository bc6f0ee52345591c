#include "state_file.hpp"

#include <csikit/error.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace csikit_cli {

std::string read_state_file(const std::string& path, const char* command) {
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw csikit::io_error(csikit::location{path, 0, ""},
                               std::string(command) + ": cannot open the state file (expected a readable file)");
    return std::string(std::istreambuf_iterator<char>(f), {});
}

void write_state_file(const std::string& path, const std::string& bytes, const char* command) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        f.close();
        if (!f)
            throw csikit::io_error(csikit::location{path, 0, ""},
                                   std::string(command) + ": cannot write the state file (expected a writable path)");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec)
        throw csikit::io_error(csikit::location{path, 0, ""},
                               std::string(command) + ": cannot replace the state file (" + ec.message() + ")");
}

}  // namespace csikit_cli
