# Sourced by every tests/cli/test_*.sh (not a test itself: its name does not start with test_).
# Reads the three arguments every CLI test gets from CTest, makes a scratch folder that is removed
# on exit, and holds the check and expect helpers, so a script holds only its own cases:
#   . "$(dirname "$0")/lib.sh" "$@"
#   ... checks ...
#   finish
# Sets: cli (the csikit binary, absolute), src (the checkout), shared (the shared reference
# data), tmp (scratch folder), failures (how many checks failed so far).
if [ $# -lt 3 ]; then
    echo "usage: $(basename "$0") CSIKIT_BINARY SOURCE_DIR SHARED_DATA_DIR" >&2
    exit 2
fi
cli=$(readlink -f "$1")
src=$2
shared=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# fail MESSAGE...: count a failure and say what it was (returns 1).
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); return 1; }

# die MESSAGE...: stop at the first failure (for steps that later steps depend on).
die() { echo "FAIL: $*" >&2; exit 1; }

# check NAME COMMAND...: run COMMAND; "ok   NAME" if it succeeds, else "FAIL NAME" and a failure.
check() {
    local name=$1; shift
    if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); return 1; fi
}

# check_equal NAME EXPECTED ACTUAL: the two strings are the same.
check_equal() {
    if [ "$2" != "$3" ]; then fail "$1: expected [$2], got [$3]"; else echo "ok   $1"; fi
}

# run_into NAME COMMAND...: run COMMAND with stdout in $tmp/NAME.out and stderr in $tmp/NAME.err;
# returns COMMAND's exit status.
run_into() {
    local name=$1; shift
    "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
}

# expect_exit CODE NAME [--] COMMAND...: run_into NAME, and the exit status is CODE.
expect_exit() {
    local code=$1 name=$2 got=0
    shift 2
    [ "${1-}" = "--" ] && shift
    run_into "$name" "$@" || got=$?
    [ "$got" -eq "$code" ] || fail "$name: exit status $got (expected $code); stderr: $(head -3 "$tmp/$name.err")"
}

# expect_text FILE TEXT...: FILE holds every TEXT (fixed strings).
expect_text() {
    local file=$1 text; shift
    for text in "$@"; do
        grep -qF -- "$text" "$file" || { fail "$(basename "$file"): lacks: $text"; return 1; }
    done
}

# expect_usage_error NAME TEXT COMMAND...: COMMAND exits 2 and its stderr holds TEXT (a fixed
# string), the way csikit reports bad options and bad input.
expect_usage_error() {
    local name=$1 text=$2 got=0
    shift 2
    run_into bad "$@" || got=$?
    check "$name exits 2" test "$got" -eq 2
    check "$name message" grep -qF -- "$text" "$tmp/bad.err" || cat "$tmp/bad.err" >&2
}

# finish: the summary line; exit 1 if any check failed.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$(basename "$0"): $failures failure(s)" >&2
        exit 1
    fi
    echo "$(basename "$0"): all checks passed"
    exit 0
}
