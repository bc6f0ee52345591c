// Compiles the public C header as C++ (extern "C", no C-only constructs) and links it.
#include <csikit/csikit.h>

#include <type_traits>

static_assert(std::is_same<decltype(&csikit_version), const char* (*)()>::value, "csikit_version has a C signature");

int main() { return csikit_abi_version() == CSIKIT_ABI_VERSION ? 0 : 1; }
