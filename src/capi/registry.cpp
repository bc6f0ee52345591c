// The registry of live C ABI handles (see handles.hpp): a mutex-protected map from address to
// handle kind, plus a quarantine of recently freed shells. A check only reads the map, never
// the handle, so a stale or foreign pointer cannot make the check itself read freed memory.
#include "handles.hpp"

#include <cstddef>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace csikit_capi {

namespace {

/// Freed shells kept before their memory goes back to the allocator. While a shell is here its
/// address cannot belong to a new handle, so a second free or a use of it is recognised.
constexpr std::size_t quarantine_size = 1024;

struct registry {
    std::mutex lock;
    std::unordered_map<const void*, std::uint32_t> live;
    std::unordered_set<const void*> freed;                // the addresses in `shells`
    std::deque<std::pair<void*, void (*)(void*)>> shells;  // oldest first
};

registry& the_registry() noexcept {
    // Never destroyed: a host may free handles from atexit handlers or static destructors.
    static registry* r = new registry();
    return *r;
}

}  // namespace

void register_handle(const void* p, std::uint32_t kind) {
    registry& r = the_registry();
    std::lock_guard<std::mutex> g(r.lock);
    r.live.emplace(p, kind);
    r.freed.erase(p);  // cannot be in quarantine (the allocator got it back), but keep the sets apart
}

handle_state lookup_handle(const void* p, std::uint32_t* actual) noexcept {
    registry& r = the_registry();
    std::lock_guard<std::mutex> g(r.lock);
    if (auto it = r.live.find(p); it != r.live.end()) {
        *actual = it->second;
        return handle_state::live;
    }
    return r.freed.count(p) ? handle_state::freed : handle_state::unknown;
}

bool unregister_handle(const void* p, std::uint32_t kind) noexcept {
    registry& r = the_registry();
    std::lock_guard<std::mutex> g(r.lock);
    auto it = r.live.find(p);
    if (it == r.live.end() || it->second != kind) return false;
    r.live.erase(it);
    return true;
}

void quarantine(void* p, void (*destroy)(void*)) noexcept {
    registry& r = the_registry();
    std::pair<void*, void (*)(void*)> oldest{nullptr, nullptr};
    {
        std::lock_guard<std::mutex> g(r.lock);
        try {
            r.shells.emplace_back(p, destroy);
            r.freed.insert(p);
        } catch (...) {
            // No memory for the bookkeeping: give the shell back at once (only detection is lost).
            if (!r.shells.empty() && r.shells.back().first == p) r.shells.pop_back();
            r.freed.erase(p);
            oldest = {p, destroy};
        }
        if (!oldest.first && r.shells.size() > quarantine_size) {
            oldest = r.shells.front();
            r.shells.pop_front();
            r.freed.erase(oldest.first);
        }
    }
    if (oldest.first) oldest.second(oldest.first);
}

const char* kind_name(std::uint32_t kind) noexcept {
    switch (kind) {
    case csikit_survey::kind: return csikit_survey::type_name;
    case csikit_data::kind: return csikit_data::type_name;
    case csikit_fit::kind: return csikit_fit::type_name;
    case csikit_boot::kind: return csikit_boot::type_name;
    case csikit_replicates::kind: return csikit_replicates::type_name;
    case csikit_acc::kind: return csikit_acc::type_name;
    default: return "handle of unknown type";
    }
}

}  // namespace csikit_capi
