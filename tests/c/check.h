/* What every C test of the ABI shares: CHECK and its tally, and copying rows of a CSV file.
   A test returns check_exit("its name") from main. */
#ifndef CSIKIT_TESTS_C_CHECK_H
#define CSIKIT_TESTS_C_CHECK_H

#include <csikit/csikit.h>

#include <math.h>
#include <stdio.h>

static int failures = 0;
static int checks = 0;

/* A failed CHECK names the file, the line, the condition and the library's last error. */
#define CHECK(cond)                                                                                 \
    do {                                                                                            \
        ++checks;                                                                                   \
        if (!(cond)) {                                                                              \
            ++failures;                                                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond, \
                    csikit_last_error() ? csikit_last_error() : "");                                \
        }                                                                                           \
    } while (0)
#define CHECK_STATUS(call, expected) CHECK((call) == (expected))
#define CHECK_NEAR(a, b, tol) CHECK(fabs((a) - (b)) <= (tol))

/* main's exit status: 0 when every CHECK held, else 1; the tally is printed under `test`. */
static inline int check_exit(const char *test) {
    if (failures) {
        fprintf(stderr, "%s: %d of %d checks failed\n", test, failures, checks);
        return 1;
    }
    printf("%s: all %d checks passed\n", test, checks);
    return 0;
}

/* Copies the header line and the data rows [from, to) of the CSV at `path` to `out` (rows counted
   from 0 after the header; lines up to 64 KiB). 0 on success. */
static inline int copy_rows(const char *path, const char *out, long from, long to) {
    static char line[1 << 16];
    long row = -1; /* -1: the header */
    FILE *in = fopen(path, "rb"), *o = fopen(out, "wb");
    if (!in || !o) {
        if (in) fclose(in);
        if (o) fclose(o);
        return 1;
    }
    while (fgets(line, sizeof line, in)) {
        if (row < 0 || (row >= from && row < to)) fputs(line, o);
        ++row;
    }
    fclose(in);
    return fclose(o) != 0;
}

#endif
