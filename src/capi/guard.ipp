// The body of csikit_capi::guard (a template, so every entry point gets its own copy).
#pragma once

#include "csikit/error.hpp"

#include <exception>
#include <new>
#include <string>

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
        return fail(CSIKIT_E_NO_MEMORY, where, "out of memory");
    } catch (const std::exception& e) {
        return fail(CSIKIT_E_INTERNAL, where, e.what());
    } catch (...) {
        return fail(CSIKIT_E_INTERNAL, where, "unknown exception");
    }
}

}  // namespace csikit_capi
