// Library version and the versioned inline namespace.
//
// Every public name lives in csikit::v0 (an inline namespace), so that a host application and a
// Python module that embed different csikit versions cannot clash silently at link time.
#pragma once

#define CSIKIT_VERSION_MAJOR 0
#define CSIKIT_VERSION_MINOR 1
#define CSIKIT_VERSION_PATCH 0

#define CSIKIT_NAMESPACE_BEGIN namespace csikit { inline namespace v0 {
#define CSIKIT_NAMESPACE_END } }

CSIKIT_NAMESPACE_BEGIN
/// The library version as "major.minor.patch".
const char* version() noexcept;
CSIKIT_NAMESPACE_END
