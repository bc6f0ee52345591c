// The C ABI's handle types and the one guard every exported function runs its body in.
//
// Each handle starts with a magic number, so a handle of the wrong type (a cast in C, a stale
// pointer from another language's FFI) is reported as CSIKIT_E_BAD_HANDLE instead of crashing.
// Handles keep shared references to what they were built from (fit -> data -> survey), so the
// caller may free them in any order.
#pragma once

#include "csikit/csikit.h"

#include "csikit/bootstrap.hpp"
#include "csikit/data.hpp"
#include "csikit/pls.hpp"
#include "csikit/schema.hpp"

#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct csikit_survey {
    static constexpr std::uint32_t kind_magic = 0x43534B53;  // "CSKS"
    std::uint32_t magic = kind_magic;
    std::shared_ptr<const csikit::survey> survey;
};

struct csikit_data {
    static constexpr std::uint32_t kind_magic = 0x43534B44;  // "CSKD"
    std::uint32_t magic = kind_magic;
    std::shared_ptr<const csikit::survey> survey;
    std::shared_ptr<const csikit::responses> data;
};

struct csikit_fit {
    static constexpr std::uint32_t kind_magic = 0x43534B46;  // "CSKF"
    std::uint32_t magic = kind_magic;
    std::shared_ptr<const csikit::survey> survey;
    std::shared_ptr<const csikit::responses> data;
    csikit::pls_model model;
    std::shared_ptr<const csikit::pls_fit> fit;  // shared with the boots made from it (identity)
};

struct csikit_boot {
    static constexpr std::uint32_t kind_magic = 0x43534B42;  // "CSKB"
    std::uint32_t magic = kind_magic;
    std::shared_ptr<const csikit::pls_fit> fit;  // the fit it bootstraps
    csikit::bootstrap_result result;
};

namespace csikit_capi {

/// A failure that belongs to the ABI layer (NULL argument, bad handle, short buffer).
struct abi_error {
    int status;
    std::string message;
};

/// Runs `body` and turns every exception into a status code plus the thread-local message.
/// `where` (the function name) prefixes messages that do not name a place themselves.
template <class Body>
int guard(const char* where, Body&& body) noexcept;

/// Records the message of a failure on this thread and returns `status`. Never throws.
int fail(int status, const char* where, const char* message) noexcept;
/// Empties the thread-local message (called when a call starts).
void clear_error() noexcept;

/// Throws CSIKIT_E_NULL_ARGUMENT naming the parameter if `p` is NULL.
inline void require(const void* p, const char* where, const char* name) {
    if (!p)
        throw abi_error{CSIKIT_E_NULL_ARGUMENT,
                        std::string(where) + ": " + name + " is NULL (expected a valid pointer)"};
}

/// The handle behind `h`, checked for NULL and for its type.
template <class Handle>
const Handle& handle(const Handle* h, const char* where, const char* name) {
    require(h, where, name);
    if (h->magic != Handle::kind_magic)
        throw abi_error{CSIKIT_E_BAD_HANDLE, std::string(where) + ": " + name +
                                                 " is not a live handle of its type (expected one made by csikit and not yet freed)"};
    return *h;
}

/// Frees a handle of type Handle; NULL and foreign pointers are ignored.
template <class Handle>
void release(Handle* h) noexcept {
    if (!h || h->magic != Handle::kind_magic) return;
    h->magic = 0;  // a second free of the same pointer is then caught by the check above
    delete h;
}

/// A malloc'd copy of `s` for a `char **` out parameter (freed with csikit_free).
char* dup_string(const std::string& s);

/// Copies an options struct of a possibly older/newer caller over the defaults in `into`:
/// only the first min(struct_size, sizeof(T)) bytes are taken.
template <class T>
void read_options(const T* given, T& into, const char* where) {
    if (!given) return;
    if (given->struct_size < sizeof(std::uint32_t))
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) +
                                               ": options->struct_size is too small (expected the size set by the _init function)"};
    const std::size_t n = given->struct_size < sizeof(T) ? given->struct_size : sizeof(T);
    std::memcpy(static_cast<void*>(&into), static_cast<const void*>(given), n);
    into.struct_size = static_cast<std::uint32_t>(sizeof(T));
}

/// Writes `full` into the caller's struct, but only as many bytes as its struct_size allows.
template <class T>
void write_struct(const T& full, T* out, const char* where) {
    require(out, where, "out");
    const std::uint32_t size = out->struct_size;
    if (size < sizeof(std::uint32_t))
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": out->struct_size is not set (expected sizeof the struct)"};
    const std::size_t n = size < sizeof(T) ? size : sizeof(T);
    std::memcpy(static_cast<void*>(out), static_cast<const void*>(&full), n);
    out->struct_size = size;
}

/// Copies `n` values into a caller buffer with the size-query protocol of csikit.h.
void copy_out(const double* values, std::size_t n, double* out, std::size_t capacity, std::size_t* size,
              const char* where);

/// Stores a new handle in *out, taking care that *out is only written on success.
template <class Handle>
void give(std::unique_ptr<Handle> h, Handle** out) {
    *out = h.release();
}

}  // namespace csikit_capi

#include "guard.ipp"
