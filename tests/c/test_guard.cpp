// The C ABI's guard (src/capi/guard.ipp): every exception a call can meet maps to a typed status
// with a message naming the function, and none escapes. Built from the capi sources that hold
// the guard and the error message, against the core library.
#include "handles.hpp"

#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace {

int failures = 0;

void expect(int status, int expected, const char* needle, const char* what) {
    const char* msg = csikit_last_error();
    if (status != expected || !std::strstr(msg, needle) || !std::strstr(msg, "csikit_test")) {
        ++failures;
        std::fprintf(stderr, "test_guard: %s: status %d (expected %d), message \"%s\" (expected \"%s\")\n", what, status,
                     expected, msg, needle);
    }
}

}  // namespace

int main() {
    using csikit_capi::guard;
    expect(guard("csikit_test", [] { throw std::bad_alloc(); }), CSIKIT_E_NO_MEMORY, "out of memory", "bad_alloc");
    expect(guard("csikit_test", [] { std::vector<double> v; v.reserve(v.max_size() + 1); }), CSIKIT_E_NO_MEMORY,
           "out of memory", "length_error");
    expect(guard("csikit_test",
                 [] { throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again), "thread"); }),
           CSIKIT_E_SYSTEM, "system error", "system_error");
    expect(guard("csikit_test", [] { throw std::runtime_error("odd"); }), CSIKIT_E_INTERNAL, "odd", "runtime_error");
    expect(guard("csikit_test", [] { throw 42; }), CSIKIT_E_INTERNAL, "unknown exception", "int");
    if (std::strcmp(csikit_status_string(CSIKIT_E_SYSTEM), "system") != 0) {
        ++failures;
        std::fprintf(stderr, "test_guard: CSIKIT_E_SYSTEM has no name\n");
    }
    std::printf("test_guard: %d failures\n", failures);
    return failures == 0 ? 0 : 1;
}
