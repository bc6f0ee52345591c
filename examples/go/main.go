// csikit from Go through the C ABI (cgo, standard library only): load a survey, read the
// answers, estimate the PLS path model, print the paths, bootstrap, and show an error.
//
//	PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig go run . schema.json answers.csv
//
// `#cgo pkg-config: csikit_c` takes the flags from csikit_c.pc (docs/c_api.md); add
// -Wl,-rpath (CGO_LDFLAGS) or LD_LIBRARY_PATH when the library is not in a system directory.
package main

/*
#cgo pkg-config: csikit_c
#include <stdlib.h>
#include <csikit/csikit.h>
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"unsafe"
)

// csikit_last_error() is per OS thread: keep this goroutine on one thread so the message read
// after a failed call is that call's.
func init() { runtime.LockOSThread() }

// Error is a failed csikit call: its status code and csikit's message.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s (%s)", e.Message, C.GoString(C.csikit_status_string(C.int(e.Status))))
}

func check(status C.int) error {
	if status != C.CSIKIT_OK {
		return &Error{int(status), C.GoString(C.csikit_last_error())}
	}
	return nil
}

func run(schemaPath, dataPath string) error {
	cs, cd := C.CString(schemaPath), C.CString(dataPath)
	defer C.free(unsafe.Pointer(cs))
	defer C.free(unsafe.Pointer(cd))

	var survey *C.csikit_survey
	if err := check(C.csikit_survey_load(cs, &survey)); err != nil {
		return err
	}
	defer C.csikit_survey_free(survey)
	var data *C.csikit_data
	if err := check(C.csikit_data_read_csv(survey, cd, &data)); err != nil {
		return err
	}
	defer C.csikit_data_free(data)
	var fit *C.csikit_fit
	if err := check(C.csikit_estimate(data, nil, &fit)); err != nil { // nil: default options
		return err
	}
	defer C.csikit_fit_free(fit)

	// Arrays: ask for the size, allocate, copy. Paths are J x J, row-major, [to, from].
	var j, size C.size_t
	if err := check(C.csikit_fit_count(fit, C.CSIKIT_FIT_CONSTRUCTS, &j)); err != nil {
		return err
	}
	paths := make([]float64, int(j*j))
	if err := check(C.csikit_fit_values(fit, C.CSIKIT_PATHS, (*C.double)(&paths[0]), j*j, &size, nil, nil)); err != nil {
		return err
	}
	name := func(i int) string {
		var id *C.char // borrowed: valid while the fit lives
		C.csikit_fit_id(fit, C.CSIKIT_FIT_CONSTRUCTS, C.size_t(i), &id)
		return C.GoString(id)
	}
	n := int(j)
	fmt.Printf("csikit %s (ABI %d)\n", C.GoString(C.csikit_version()), int(C.csikit_abi_version()))
	for from := 0; from < n; from++ {
		for to := 0; to < n; to++ {
			if v := paths[to*n+from]; v != 0 {
				fmt.Printf("%-6s -> %-6s %7.3f\n", name(from), name(to), v)
			}
		}
	}

	var opts C.csikit_bootstrap_options
	C.csikit_bootstrap_options_init(&opts)
	opts.resamples, opts.seed, opts.threads = 500, 1, 2
	var boot *C.csikit_boot
	if err := check(C.csikit_bootstrap(fit, &opts, &boot)); err != nil {
		return err
	}
	defer C.csikit_boot_free(boot)
	var p C.csikit_boot_parameter
	p.struct_size = C.uint32_t(unsafe.Sizeof(p))
	a, b := C.CString("IMAG"), C.CString("CUEX")
	defer C.free(unsafe.Pointer(a))
	defer C.free(unsafe.Pointer(b))
	if err := check(C.csikit_boot_find(boot, C.CSIKIT_PARAM_PATH, a, b, &p)); err != nil {
		return err
	}
	fmt.Printf("bootstrap IMAG -> CUEX: se %.3f, 95%% CI [%.3f, %.3f]\n", float64(p.se), float64(p.ci_low), float64(p.ci_high))

	// A failure is a status and a message naming what is wrong.
	bad := C.CString(`{"name": "x", "scales": []`)
	defer C.free(unsafe.Pointer(bad))
	var none *C.csikit_survey
	if err := check(C.csikit_survey_from_json(bad, &none)); err != nil {
		fmt.Printf("error as expected: %v\n", err)
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: quickstart schema.json answers.csv")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "csikit:", err)
		os.Exit(1)
	}
}
