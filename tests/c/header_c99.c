/* Compiles the public C header alone as strict C99 (-std=c99 -pedantic -Wall -Wextra -Werror):
 * it must need nothing but the C standard library. */
#include <csikit/csikit.h>

int main(void) {
    csikit_estimate_options o;
    return csikit_estimate_options_init(&o) == CSIKIT_OK && csikit_abi_version() == CSIKIT_ABI_VERSION ? 0 : 1;
}
