// The body of csikit_capi::guard (a template, so every entry point gets its own copy).
// Every exception maps to a typed status with a message; nothing crosses the C boundary.
#pragma once

#include "csikit/error.hpp"

#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

namespace csikit_capi {

template <class Body>
int guard(const char* where, Body&& body) noexcept {
    clear_error();
    try {
        body();
        return CSIKIT_OK;
    } catch (const abi_error& e) {
        return fail(e.status, nullptr, e.message.c_str());
    } catch (const csikit::error& e) {
        // C++ messages already say where (file, line, field); the kind is the status code.
        return fail(static_cast<int>(e.kind()), nullptr, e.what());
    } catch (const std::bad_alloc&) {
        return fail(CSIKIT_E_NO_MEMORY, where, "out of memory (an allocation failed)");
    } catch (const std::length_error& e) {
        // A container asked for more than it can ever hold: an allocation that cannot succeed.
        return fail(CSIKIT_E_NO_MEMORY, where, "out of memory (a size beyond the allocator's limit: ", e.what(), ")");
    } catch (const std::system_error& e) {
        // The operating system refused a resource: a thread, a lock, a file.
        return fail(CSIKIT_E_SYSTEM, where, "system error: ", e.what(), " (expected the resource to be available)");
    } catch (const std::exception& e) {
        return fail(CSIKIT_E_INTERNAL, where, e.what());
    } catch (...) {
        return fail(CSIKIT_E_INTERNAL, where, "unknown exception");
    }
}

}  // namespace csikit_capi
