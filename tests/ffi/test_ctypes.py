"""The C ABI from another language: Python's ctypes and nothing else (no csikit Python code,
no compiled glue). Loads libcsikit_c, runs the ECSI model on the mobi data and checks the
results against cSEM 0.6.1 (tolerance 1e-10), the error protocol and the size queries.

usage: python3 test_ctypes.py LIBCSIKIT_C SHARED_DATA_DIR
"""

from __future__ import annotations

import ctypes as C
import json
import math
import sys

OK, E_PARSE, E_DATA, E_ARGUMENT, E_NULL, E_BAD_HANDLE, E_SMALL, E_CANCELLED = 0, 2, 4, 9, 100, 101, 102, 8
PATHS, WEIGHTS, LOADINGS, R2 = 0, 2, 3, 4
CONSTRUCTS, INDICATORS = 0, 1


class EstimateOptionsV1(C.Structure):
    """The struct of the first release: a caller built then passes this smaller struct_size."""
    _fields_ = [("struct_size", C.c_uint32), ("scheme", C.c_int), ("missing", C.c_int), ("consistent", C.c_int),
                ("tolerance", C.c_double), ("max_iterations", C.c_int), ("use_weights", C.c_int),
                ("quality", C.c_int)]


class EstimateOptions(C.Structure):
    _fields_ = EstimateOptionsV1._fields_ + [("stopping", C.c_int), ("keep_scores", C.c_int),
                                             ("f2_reestimate", C.c_int), ("strict", C.c_int)]


PROGRESS = C.CFUNCTYPE(C.c_int, C.c_size_t, C.c_size_t, C.c_void_p)


class BootstrapOptions(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("resamples", C.c_size_t), ("seed", C.c_uint64),
                ("threads", C.c_uint), ("confidence", C.c_double), ("bca", C.c_int), ("progress", PROGRESS),
                ("user_data", C.c_void_p), ("drop_inadmissible", C.c_int), ("indices", C.c_int),
                ("jackknife_max", C.c_size_t), ("max_failed_share", C.c_double),
                ("mediation", C.c_char_p), ("criteria", C.c_int)]


class BootParameter(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("kind", C.c_int), ("label", C.c_char_p)] + [
        (n, C.c_double) for n in ("estimate", "mean", "bias", "se", "t", "p", "ci_low", "ci_high", "bca_low",
                                  "bca_high")]


def load(path: str) -> C.CDLL:
    lib = C.CDLL(path)
    P = C.c_void_p
    sig = {
        "csikit_version": (C.c_char_p, []),
        "csikit_abi_version": (C.c_int, []),
        "csikit_last_error": (C.c_char_p, []),
        "csikit_free": (None, [P]),
        "csikit_survey_from_json": (C.c_int, [C.c_char_p, C.POINTER(P)]),
        "csikit_survey_load": (C.c_int, [C.c_char_p, C.POINTER(P)]),
        "csikit_survey_free": (None, [P]),
        "csikit_data_read_csv": (C.c_int, [P, C.c_char_p, C.POINTER(P)]),
        "csikit_data_from_matrix": (C.c_int, [P, C.POINTER(C.c_double), C.c_size_t, C.c_size_t,
                                              C.POINTER(C.c_char_p), C.c_int, C.POINTER(C.c_double), C.POINTER(P)]),
        "csikit_data_free": (None, [P]),
        "csikit_estimate_options_init": (C.c_int, [C.POINTER(EstimateOptions)]),
        "csikit_estimate": (C.c_int, [P, C.POINTER(EstimateOptions), C.POINTER(P)]),
        "csikit_fit_free": (None, [P]),
        "csikit_fit_count": (C.c_int, [P, C.c_int, C.POINTER(C.c_size_t)]),
        "csikit_fit_id": (C.c_int, [P, C.c_int, C.c_size_t, C.POINTER(C.c_char_p)]),
        "csikit_fit_values": (C.c_int, [P, C.c_int, C.POINTER(C.c_double), C.c_size_t, C.POINTER(C.c_size_t),
                                        C.POINTER(C.c_size_t), C.POINTER(C.c_size_t)]),
        "csikit_fit_report_json": (C.c_int, [P, P, C.c_int, C.POINTER(P)]),
        "csikit_bootstrap_options_init": (C.c_int, [C.POINTER(BootstrapOptions)]),
        "csikit_bootstrap": (C.c_int, [P, C.POINTER(BootstrapOptions), C.POINTER(P)]),
        "csikit_boot_find": (C.c_int, [P, C.c_int, C.c_char_p, C.c_char_p, C.POINTER(BootParameter)]),
        "csikit_boot_free": (None, [P]),
    }
    for name, (res, args) in sig.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args
    return lib


def take_string(lib: C.CDLL, ptr: C.c_void_p) -> str:
    """Copies a csikit-allocated string and frees it with csikit_free."""
    try:
        return C.string_at(ptr).decode("utf-8")
    finally:
        lib.csikit_free(ptr)


def values(lib: C.CDLL, fit: C.c_void_p, quantity: int) -> tuple[list[float], int, int]:
    """The size-query protocol: ask, allocate, copy."""
    size, rows, cols = C.c_size_t(), C.c_size_t(), C.c_size_t()
    assert lib.csikit_fit_values(fit, quantity, None, 0, C.byref(size), C.byref(rows), C.byref(cols)) == OK
    buf = (C.c_double * size.value)()
    assert lib.csikit_fit_values(fit, quantity, buf, size.value, C.byref(size), None, None) == OK
    return list(buf), rows.value, cols.value


def ids(lib: C.CDLL, fit: C.c_void_p, which: int) -> list[str]:
    n = C.c_size_t()
    assert lib.csikit_fit_count(fit, which, C.byref(n)) == OK
    out = []
    for i in range(n.value):
        s = C.c_char_p()
        assert lib.csikit_fit_id(fit, which, i, C.byref(s)) == OK
        out.append(s.value.decode())
    return out


def main(lib_path: str, shared: str) -> int:
    lib = load(lib_path)
    ref = json.load(open(f"{shared}/ecsi/reference/cSEM_path_tol1e-10.json"))
    assert lib.csikit_abi_version() == 1
    assert lib.csikit_version().decode().count(".") == 2

    # errors: bad JSON, NULL, a survey handle passed as a fit
    survey = C.c_void_p()
    assert lib.csikit_survey_from_json(b"{oops", C.byref(survey)) == E_PARSE
    assert lib.csikit_last_error().decode(), "a failure leaves a message"
    assert lib.csikit_survey_from_json(None, C.byref(survey)) == E_NULL
    assert lib.csikit_survey_load(f"{shared}/ecsi/schema.json".encode(), C.byref(survey)) == OK
    assert lib.csikit_last_error() == b""
    n = C.c_size_t()
    assert lib.csikit_fit_count(survey, CONSTRUCTS, C.byref(n)) == E_BAD_HANDLE

    # data from a row-major matrix read here with the csv module (as any FFI user would)
    import csv

    with open(f"{shared}/ecsi/mobi.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    flat = (C.c_double * (len(body) * len(header)))(*[float(x) for r in body for x in r])
    names = (C.c_char_p * len(header))(*[h.encode() for h in header])
    data = C.c_void_p()
    assert lib.csikit_data_from_matrix(survey, flat, len(body), len(header), names, 0, None, C.byref(data)) == OK
    lib.csikit_survey_free(survey)  # data keep their own reference

    opts = EstimateOptions()
    assert lib.csikit_estimate_options_init(C.byref(opts)) == OK
    assert opts.struct_size == C.sizeof(EstimateOptions), "the ctypes layout matches the C struct"
    opts.tolerance = 1e-10
    fit = C.c_void_p()
    assert lib.csikit_estimate(data, C.byref(opts), C.byref(fit)) == OK

    # an older caller's smaller struct: its fields are read, the newer ones keep their defaults
    old = EstimateOptionsV1(C.sizeof(EstimateOptionsV1), 0, 0, 0, 1e-10, 300, 1, 1)
    old_fit = C.c_void_p()
    assert lib.csikit_estimate(data, C.cast(C.pointer(old), C.POINTER(EstimateOptions)), C.byref(old_fit)) == OK
    old_paths, _, _ = values(lib, old_fit, PATHS)
    lib.csikit_fit_free(old_fit)

    cons, inds = ids(lib, fit, CONSTRUCTS), ids(lib, fit, INDICATORS)
    paths, J, J2 = values(lib, fit, PATHS)
    assert (J, J2) == (7, 7)
    assert old_paths == paths
    for p in ref["paths"]:
        got = paths[cons.index(p["to"]) * J + cons.index(p["from"])]
        assert math.isclose(got, p["coef"], abs_tol=1e-8), (p, got)
    r2, _, _ = values(lib, fit, R2)
    for r in ref["rsquared"]:
        assert math.isclose(r2[cons.index(r["construct"])], r["R2"], abs_tol=1e-8), r
    w, _, _ = values(lib, fit, WEIGHTS)
    for r in ref["weights"]:
        assert math.isclose(w[inds.index(r["item"])], r["weight"], abs_tol=1e-8), r
    lo, _, _ = values(lib, fit, LOADINGS)
    for r in ref["loadings"]:
        assert math.isclose(lo[inds.index(r["item"])], r["loading"], abs_tol=1e-8), r

    small = (C.c_double * 2)()
    size = C.c_size_t()
    assert lib.csikit_fit_values(fit, PATHS, small, 2, C.byref(size), None, None) == E_SMALL
    assert size.value == 49

    # report.json as a malloc'd string freed with csikit_free
    text = C.c_void_p()
    assert lib.csikit_fit_report_json(fit, None, -1, C.byref(text)) == OK
    report = json.loads(take_string(lib, text))
    by_pair = {(p["from"], p["to"]): p["estimate"] for p in report["paths"]}
    assert by_pair[("IMAG", "CUEX")] == paths[cons.index("CUEX") * J + cons.index("IMAG")]

    # bootstrap with a Python progress callback; then a cancelling one
    calls = []

    @PROGRESS
    def progress(done: int, total: int, _user: int) -> int:
        calls.append((done, total))
        return 0

    bo = BootstrapOptions()
    assert lib.csikit_bootstrap_options_init(C.byref(bo)) == OK
    assert bo.struct_size == C.sizeof(BootstrapOptions), "the ctypes layout matches the C struct"
    bo.resamples, bo.seed, bo.threads, bo.bca, bo.progress = 40, 3, 2, 0, progress
    boot = C.c_void_p()
    assert lib.csikit_bootstrap(fit, C.byref(bo), C.byref(boot)) == OK
    assert calls and calls[-1][0] == calls[-1][1]
    q = BootParameter()
    q.struct_size = C.sizeof(BootParameter)
    assert lib.csikit_boot_find(boot, 2, b"CUSA", b"CUSL", C.byref(q)) == OK
    assert q.label == b"CUSA -> CUSL" and q.se > 0 and q.ci_low < q.estimate < q.ci_high

    @PROGRESS
    def cancel(done: int, total: int, _user: int) -> int:
        return 1

    bo.resamples, bo.progress = 1000, cancel
    other = C.c_void_p()
    assert lib.csikit_bootstrap(fit, C.byref(bo), C.byref(other)) == E_CANCELLED
    assert not other.value

    lib.csikit_boot_free(boot)
    lib.csikit_fit_free(fit)
    lib.csikit_data_free(data)
    lib.csikit_fit_free(None)
    print(f"test_ctypes: ECSI via ctypes matches cSEM ({len(ref['paths'])} paths, {len(ref['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
