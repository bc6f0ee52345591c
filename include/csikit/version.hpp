// Library version and the versioned inline namespace.
//
// The one source of the version number: CMakeLists.txt reads the three numbers below for
// project(), and pyproject.toml reads them through scikit-build-core's regex provider.
//
// Every public name lives in csikit::v0 (an inline namespace), so that a host application and a
// Python module that embed different csikit versions cannot clash silently at link time.
#pragma once

#define CSIKIT_VERSION_MAJOR 0
#define CSIKIT_VERSION_MINOR 1
#define CSIKIT_VERSION_PATCH 0

#define CSIKIT_VERSION_STRINGIFY2(x) #x
#define CSIKIT_VERSION_STRINGIFY(x) CSIKIT_VERSION_STRINGIFY2(x)
/// "major.minor.patch" as a string literal.
#define CSIKIT_VERSION_STRING                                                             \
    CSIKIT_VERSION_STRINGIFY(CSIKIT_VERSION_MAJOR) "." CSIKIT_VERSION_STRINGIFY(CSIKIT_VERSION_MINOR) "." \
        CSIKIT_VERSION_STRINGIFY(CSIKIT_VERSION_PATCH)

#define CSIKIT_NAMESPACE_BEGIN namespace csikit { inline namespace v0 {
#define CSIKIT_NAMESPACE_END } }

CSIKIT_NAMESPACE_BEGIN
/// The library version as "major.minor.patch".
const char* version() noexcept;
CSIKIT_NAMESPACE_END
