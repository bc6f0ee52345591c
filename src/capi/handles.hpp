// The C ABI's handle types and the one guard every exported function runs its body in.
//
// A handle holds the core's "result with its provenance" type (csikit/provenance.hpp), so the
// C ABI and the Python package keep a fit the same way: shared references to what it was built
// from (fit -> data -> survey), so the caller may free them in any order.
//
// Every handle is entered in a registry of live handles (registry.cpp) when it is made and
// removed when it is freed. handle() looks the pointer up there BEFORE reading it, so a freed
// handle, a handle of another type or a pointer that never was a handle (a stack struct, a
// pointer from another library) is reported as CSIKIT_E_BAD_HANDLE without touching its
// memory. docs/c_api.md ("Handle checks") says what is and is not caught.
#pragma once

#include "csikit/csikit.h"

#include "csikit/accumulator.hpp"
#include "csikit/poisson_bootstrap.hpp"
#include "csikit/provenance.hpp"
#include "csikit/schema.hpp"

#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct csikit_survey {
    static constexpr std::uint32_t kind = 1;
    static constexpr const char* type_name = "csikit_survey";
    std::shared_ptr<const csikit::survey> survey;
};

struct csikit_data {
    static constexpr std::uint32_t kind = 2;
    static constexpr const char* type_name = "csikit_data";
    csikit::survey_data value;
};

struct csikit_fit {
    static constexpr std::uint32_t kind = 3;
    static constexpr const char* type_name = "csikit_fit";
    csikit::fitted_model value;
};

struct csikit_boot {
    static constexpr std::uint32_t kind = 4;
    static constexpr const char* type_name = "csikit_boot";
    csikit::fitted_bootstrap value;
};

/// A replicate state of the bootstrap at scale (csikit/poisson_bootstrap.hpp); kind 13 leaves
/// room for the handles of other branches.
struct csikit_replicates {
    static constexpr std::uint32_t kind = 13;
    static constexpr const char* type_name = "csikit_replicates";
    std::shared_ptr<csikit::replicate_accumulator> value;
};

/// A moment state of incremental tracking (csikit/accumulator.hpp).
struct csikit_acc {
    static constexpr std::uint32_t kind = 14;
    static constexpr const char* type_name = "csikit_acc";
    std::shared_ptr<csikit::moment_accumulator> value;
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
/// The same with a message made of three parts (composed without letting an exception out).
int fail(int status, const char* where, const char* head, const char* middle, const char* tail) noexcept;
/// Empties the thread-local message (called when a call starts).
void clear_error() noexcept;

/// Throws CSIKIT_E_NULL_ARGUMENT naming the parameter if `p` is NULL.
inline void require(const void* p, const char* where, const char* name) {
    if (!p)
        throw abi_error{CSIKIT_E_NULL_ARGUMENT,
                        std::string(where) + ": " + name + " is NULL (expected a valid pointer)"};
}

// ---- the registry of live handles (registry.cpp) ------------------------------------------

/// What the registry knows of an address.
enum class handle_state { live, freed, unknown };

/// Enters a new handle; throws std::bad_alloc if the registry cannot grow.
void register_handle(const void* p, std::uint32_t kind);
/// The state of `p`; `*actual` receives the kind of a live handle.
handle_state lookup_handle(const void* p, std::uint32_t* actual) noexcept;
/// Removes a live handle of `kind` and returns true; false (nothing done) for any other pointer.
bool unregister_handle(const void* p, std::uint32_t kind) noexcept;
/// Keeps the emptied shell of a freed handle for a while so that its address is not handed out
/// again at once (that is what lets a double free or a use after free be recognised); the
/// oldest shell is deleted through `destroy` once the quarantine is full.
void quarantine(void* p, void (*destroy)(void*)) noexcept;
/// The type name of a handle kind ("csikit_fit"), for messages.
const char* kind_name(std::uint32_t kind) noexcept;

/// The handle behind `h`, checked for NULL, liveness and type before it is read.
template <class Handle>
const Handle& handle(const Handle* h, const char* where, const char* name) {
    require(h, where, name);
    std::uint32_t actual = 0;
    switch (lookup_handle(h, &actual)) {
    case handle_state::live:
        if (actual == Handle::kind) return *h;
        throw abi_error{CSIKIT_E_BAD_HANDLE, std::string(where) + ": " + name + " is a " + kind_name(actual) +
                                                 " (expected a live " + Handle::type_name + ")"};
    case handle_state::freed:
        throw abi_error{CSIKIT_E_BAD_HANDLE, std::string(where) + ": " + name + " was already freed (expected a live " +
                                                 Handle::type_name + ")"};
    case handle_state::unknown: break;
    }
    throw abi_error{CSIKIT_E_BAD_HANDLE, std::string(where) + ": " + name +
                                             " is not a handle made by csikit (expected a live " + Handle::type_name +
                                             " not yet freed)"};
}

/// Frees a handle of type Handle. NULL, freed, foreign and wrong-type pointers are ignored
/// (never read, never freed).
template <class Handle>
void release(Handle* h) noexcept {
    if (!h || !unregister_handle(h, Handle::kind)) return;
    // Drop what the handle owns now; keep the small shell in quarantine (address not reused).
    *h = Handle{};
    quarantine(h, [](void* p) { delete static_cast<Handle*>(p); });
}

/// The core's estimation settings for the C options; an unknown enum value names its field
/// (fit.cpp; also csikit_acc_analyze_json).
csikit::pls_options pls_options_of(const csikit_estimate_options& o, const char* where);

/// The core's read options for the C options (NULL = the defaults; data.cpp).
csikit::read_options core_read_options(const csikit_read_options* given, const char* where);

/// Hands `b` out as a malloc'd buffer (*bytes, freed with csikit_free) and its *size.
void give_bytes(const std::string& b, char** bytes, size_t* size);

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

/// The body of every csikit_*_options_init: checks `options`, zeroes it, sets struct_size,
/// then lets `fill` write the defaults.
template <class T, class Fill>
int init_options(const char* where, T* options, Fill&& fill) noexcept {
    return guard(where, [&] {
        require(options, where, "options");
        *options = T{};
        options->struct_size = sizeof(T);
        fill(*options);
    });
}

/// The caller's options (NULL: none) laid over the defaults that `init` writes.
template <class T>
T options_or_defaults(const T* given, int (*init)(T*), const char* where) {
    T o;
    init(&o);
    read_options(given, o, where);
    return o;
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

/// Registers a new handle and stores it in *out; *out is only written on success.
template <class Handle>
void give(std::unique_ptr<Handle> h, Handle** out) {
    register_handle(h.get(), Handle::kind);
    *out = h.release();
}

/// The bootstrap behind `boot` (NULL allowed), which must come from the fit `f`.
const csikit::bootstrap_result* bootstrap_of(const csikit::fitted_model& f, const csikit_boot* boot, const char* where);

}  // namespace csikit_capi

#include "guard.ipp"
