// Versions, status names, the thread-local error message and the shared helpers of the C ABI.
#include "handles.hpp"

#include "csikit/version.hpp"

#include <cstdlib>
#include <string>

namespace {

// The message of the latest failure on this thread; one per thread so that callers on
// different threads never see each other's errors.
thread_local std::string last_message;

}  // namespace

namespace csikit_capi {

int fail(int status, const char* where, const char* message) noexcept {
    try {
        last_message.clear();
        if (where) {
            last_message += where;
            last_message += ": ";
        }
        last_message += message ? message : "";
    } catch (...) {
        // Out of memory while recording the message: keep the status, lose the text.
        last_message.clear();
    }
    return status;
}

int fail(int status, const char* where, const char* head, const char* middle, const char* tail) noexcept {
    fail(status, where, head);
    try {
        last_message += middle ? middle : "";
        last_message += tail ? tail : "";
    } catch (...) {
        // Out of memory while recording the message: keep what fitted.
    }
    return status;
}

void clear_error() noexcept { last_message.clear(); }

char* dup_string(const std::string& s) {
    auto* p = static_cast<char*>(std::malloc(s.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

void give_bytes(const std::string& b, char** bytes, size_t* size) {
    *bytes = dup_string(b);  // one byte more (a NUL) than *size says: never a zero-byte malloc
    *size = b.size();
}

void copy_out(const double* values, std::size_t n, double* out, std::size_t capacity, std::size_t* size,
              const char* where) {
    if (size) *size = n;
    if (!out && capacity == 0) return;  // a size query
    require(out, where, "out");
    if (capacity < n)
        throw abi_error{CSIKIT_E_BUFFER_TOO_SMALL, std::string(where) + ": buffer holds " + std::to_string(capacity) +
                                                       " values (expected at least " + std::to_string(n) + ")"};
    if (n) std::memcpy(out, values, n * sizeof(double));
}

}  // namespace csikit_capi

extern "C" {

CSIKIT_API const char* csikit_version(void) { return csikit::version(); }

CSIKIT_API int csikit_abi_version(void) { return CSIKIT_ABI_VERSION; }

CSIKIT_API const char* csikit_last_error(void) { return last_message.c_str(); }

CSIKIT_API const char* csikit_status_string(int status) {
    switch (status) {
    case CSIKIT_OK: return "ok";
    case CSIKIT_E_IO: return "io";
    case CSIKIT_E_PARSE: return "parse";
    case CSIKIT_E_SCHEMA: return "schema";
    case CSIKIT_E_DATA: return "data";
    case CSIKIT_E_MODEL: return "model";
    case CSIKIT_E_NUMERIC: return "numeric";
    case CSIKIT_E_CONVERGENCE: return "convergence";
    case CSIKIT_E_CANCELLED: return "cancelled";
    case CSIKIT_E_ARGUMENT: return "argument";
    case CSIKIT_E_NULL_ARGUMENT: return "null argument";
    case CSIKIT_E_BAD_HANDLE: return "bad handle";
    case CSIKIT_E_BUFFER_TOO_SMALL: return "buffer too small";
    case CSIKIT_E_NO_MEMORY: return "out of memory";
    case CSIKIT_E_SYSTEM: return "system";
    case CSIKIT_E_INTERNAL: return "internal";
    default: return "unknown status";
    }
}

CSIKIT_API void csikit_free(void* buffer) { std::free(buffer); }

}  // extern "C"
