"""PLSpredict and CVPAT through the C ABI from Python's ctypes (no csikit Python code): the
options struct and its init, leave-one-out against seminr 2.3.4 (1e-8), CVPAT with a second fit,
and the typed status of bad options.

usage: python3 test_predict_ctypes.py LIBCSIKIT_C SHARED_DATA_DIR
"""

from __future__ import annotations

import csv
import ctypes as C
import json
import sys

OK, E_DATA, E_ARGUMENT = 0, 4, 9


class PredictOptions(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("folds", C.c_size_t), ("repeats", C.c_size_t), ("seed", C.c_uint64),
                ("threads", C.c_uint), ("approach", C.c_int), ("benchmark", C.c_int), ("scheme", C.c_int),
                ("tolerance", C.c_double), ("max_iterations", C.c_int), ("cvpat", C.c_int), ("level", C.c_double)]


def main(lib_path: str, shared: str) -> int:
    lib = C.CDLL(lib_path)
    P = C.c_void_p
    lib.csikit_last_error.restype = C.c_char_p
    lib.csikit_free.argtypes = [P]
    lib.csikit_survey_load.argtypes = [C.c_char_p, C.POINTER(P)]
    lib.csikit_data_read_csv.argtypes = [P, C.c_char_p, C.POINTER(P)]
    lib.csikit_estimate.argtypes = [P, P, C.POINTER(P)]
    lib.csikit_predict_options_init.argtypes = [C.POINTER(PredictOptions)]
    lib.csikit_fit_predict_json.argtypes = [P, P, C.POINTER(PredictOptions), C.c_int, C.POINTER(P)]
    for f in ("csikit_survey_free", "csikit_data_free", "csikit_fit_free"):
        getattr(lib, f).argtypes = [P]

    survey, data, fit = P(), P(), P()
    assert lib.csikit_survey_load(f"{shared}/ecsi/schema.json".encode(), C.byref(survey)) == OK
    assert lib.csikit_data_read_csv(survey, f"{shared}/ecsi/mobi.csv".encode(), C.byref(data)) == OK
    assert lib.csikit_estimate(data, None, C.byref(fit)) == OK

    o = PredictOptions()
    assert lib.csikit_predict_options_init(C.byref(o)) == OK
    assert o.struct_size == C.sizeof(PredictOptions), "the ctypes layout matches the C struct"
    assert (o.folds, o.repeats, o.seed, o.approach, o.benchmark, o.cvpat) == (10, 10, 1, 0, 0, 0)
    assert o.tolerance == 1e-10 and o.level == 0.95

    o.folds = 0  # leave-one-out
    out = P()
    assert lib.csikit_fit_predict_json(fit, None, C.byref(o), -1, C.byref(out)) == OK, lib.csikit_last_error()
    doc = json.loads(C.string_at(out).decode())
    lib.csikit_free(out)
    ref = {r["item"]: r for r in csv.DictReader(open(f"{shared}/ecsi/reference/seminr_ecsi_mobi_plspredict_DA_loo_items.csv"))}
    assert len(doc["items"]) == 19
    for it in doc["items"]:
        assert abs(it["rmse"] - float(ref[it["item"]]["PLS_OOS_RMSE"])) < 1e-8, it["item"]
        assert abs(it["lm_mae"] - float(ref[it["item"]]["LM_OOS_MAE"])) < 1e-8, it["item"]

    # CVPAT against the second fit (the same model: D is 0 for every respondent).
    o.folds, o.repeats = 10, 1
    assert lib.csikit_fit_predict_json(fit, fit, C.byref(o), 2, C.byref(out)) == OK, lib.csikit_last_error()
    doc = json.loads(C.string_at(out).decode())
    lib.csikit_free(out)
    t = doc["cvpat"]["tests"][0]
    assert t["benchmark"] == "model2" and t["d_bar"] == 0
    o.cvpat = 1
    assert lib.csikit_fit_predict_json(fit, None, C.byref(o), 2, C.byref(out)) == OK
    doc = json.loads(C.string_at(out).decode())
    lib.csikit_free(out)
    assert [x["benchmark"] for x in doc["cvpat"]["tests"]] == ["IA", "LM"]

    # Bad options: typed status and a message naming the option.
    o.folds = 251
    assert lib.csikit_fit_predict_json(fit, None, C.byref(o), 2, C.byref(out)) == E_ARGUMENT
    assert b"folds" in lib.csikit_last_error()
    o.folds, o.approach = 10, 7
    assert lib.csikit_fit_predict_json(fit, None, C.byref(o), 2, C.byref(out)) == E_ARGUMENT
    assert b"approach" in lib.csikit_last_error()

    lib.csikit_fit_free(fit)
    lib.csikit_data_free(data)
    lib.csikit_survey_free(survey)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
