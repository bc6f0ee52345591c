// The entry of the command line (entry.hpp): finds the command, refuses unknown options, runs
// it and turns every error into a message and an exit code. Nothing escapes; a stdout that
// cannot be written (a full disk, a closed pipe) is an error too. Messages quote input, so
// control characters in them are escaped before they reach the terminal.
#include "entry.hpp"

#include "cli.hpp"

#include <csikit/text.hpp>
#include <csikit/version.hpp>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>

namespace csikit_cli {

namespace {

void print_help(std::ostream& out) {
    out << "csikit " << csikit::version() << " - customer-satisfaction analytics\n\n"
        << "usage: csikit COMMAND [options]   (csikit COMMAND --help for details)\n\ncommands:\n";
    for (const auto& [name, c] : registry()) {
        if (name.rfind("__", 0) == 0) continue;  // hidden commands (__options)
        out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << c.summary << "\n";
    }
}

/// One line on stderr: "csikit COMMAND: message" with control characters escaped.
void message(const std::string& command, const std::string& text) {
    std::cerr << "csikit " << command << ": " << csikit::escape_control(text) << "\n";
}

/// Flushes stdout; a failed write (ENOSPC on /dev/full, EPIPE) is reported and gives exit 2.
int finish(const std::string& command, int rc) {
    errno = 0;
    std::cout.flush();
    if (!std::cout) {
        const int e = errno;
        message(command, std::string("cannot write the output to stdout (") + (e ? std::strerror(e) : "write error") +
                             "; expected a writable output with free space)");
        std::cout.clear();
        return 2;
    }
    return rc;
}

int run_command(const command& cmd, const std::vector<std::string>& rest) {
    args a({rest.begin() + 1, rest.end()}, [&] {
        auto f = cmd.options.switches;
        for (const auto& [name, set] : cmd.subcommands) f.insert(f.end(), set.switches.begin(), set.switches.end());
        f.push_back("help");
        return f;
    }());
    if (a.has("help")) {
        std::cout << cmd.usage << "\n";
        return 0;
    }
    if (cmd.subcommands.empty()) a.allow_only(cmd.options);
    return cmd.run(a, std::cout, std::cerr);
}

}  // namespace

int run(const std::vector<std::string>& rest) {
    std::ios::sync_with_stdio(false);
    if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
        print_help(rest.empty() ? std::cerr : std::cout);
        return finish("help", rest.empty() ? 2 : 0);
    }
    if (rest[0] == "--version") {
        std::cout << "csikit " << csikit::version() << "\n";
        return finish("version", 0);
    }
    auto& commands = registry();
    auto it = commands.find(rest[0]);
    if (it == commands.end()) {
        std::cerr << "csikit: unknown command \"" << csikit::escape_control(rest[0]) << "\"\n";
        print_help(std::cerr);
        return 2;
    }
    const auto& cmd = it->second;
    int rc = 1;
    try {
        rc = run_command(cmd, rest);
    } catch (const csikit::error& e) {
        for (const auto& p : e.problems()) message(cmd.name, p.str());
        rc = 2;
    } catch (const std::filesystem::filesystem_error& e) {
        // e.g. a symlink loop: an input problem, named by its file.
        message(cmd.name, e.path1().string() + ": cannot read the file (" + e.code().message() + ")");
        rc = 2;
    } catch (const std::bad_alloc&) {
        // The readers, the bootstrap and the simulator name what they were allocating (their
        // limits are checked first); what reaches here is the estimate or a report.
        message(cmd.name, "out of memory while computing or writing the results (the data or the model is larger than "
                          "this machine's memory allows; docs/reliability.md lists the limits)");
        rc = 1;
    } catch (const std::exception& e) {
        message(cmd.name, std::string("internal error: ") + e.what());
        rc = 1;
    } catch (...) {
        message(cmd.name, "internal error");
        rc = 1;
    }
    return finish(cmd.name, rc);
}

int run_main(int argc, char** argv) { return run(std::vector<std::string>(argv + 1, argv + argc)); }

}  // namespace csikit_cli
