// Errors: one base class, one child per kind of trouble, each carrying where it happened.
//
// Every message has the shape `where: what is wrong (what was expected)`, for example
//   schema.json: constructs[2].items[1]: unknown item "CUSA9"
//   answers.csv:17: column "Q3": value 12 is outside the scale 1..5
// Validation collects every problem it finds before throwing, so a user fixes a file in one go.
#pragma once

#include "version.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Where a problem is: any of the parts may be empty/zero when it does not apply.
struct location {
    std::string file;      ///< input file, if the input came from a file
    std::size_t line = 0;  ///< 1-based line in that file (CSV row incl. header = line 1)
    std::string field;     ///< JSON path (`constructs[2].items[1]`), CSV column, or construct id

    /// "file:line: field" with the empty parts left out.
    std::string str() const;
};

/// One problem: where it is and what is wrong.
struct problem {
    location where;
    std::string message;
    std::string str() const;  ///< "where: message"
};

/// Stable numeric kinds; the C ABI returns these as status codes.
enum class error_kind : int {
    io = 1,           ///< a file cannot be opened or read
    parse = 2,        ///< malformed JSON or CSV text
    schema = 3,       ///< the survey schema is inconsistent (unknown ids, duplicates, ...)
    data = 4,         ///< response data do not fit the schema (missing columns, bad values)
    model = 5,        ///< the path model cannot be estimated as specified (cycles, empty blocks)
    numeric = 6,      ///< singular or degenerate matrices, constant columns
    convergence = 7,  ///< an iterative algorithm did not converge
    cancelled = 8,    ///< the caller cancelled a long computation
    argument = 9,     ///< a bad option or argument value
};

/// Base of every csikit exception. `what()` lists every problem, one per line.
class error : public std::runtime_error {
public:
    error(error_kind kind, std::vector<problem> problems);
    error(error_kind kind, location where, const std::string& message);

    error_kind kind() const noexcept { return kind_; }
    const std::vector<problem>& problems() const noexcept { return problems_; }

private:
    error_kind kind_;
    std::vector<problem> problems_;
};

#define CSIKIT_DEFINE_ERROR(name, kind_value)                                                  \
    class name : public error {                                                                \
    public:                                                                                    \
        explicit name(std::vector<problem> problems) : error(kind_value, std::move(problems)) {} \
        name(location where, const std::string& message)                                       \
            : error(kind_value, std::move(where), message) {}                                  \
    };

CSIKIT_DEFINE_ERROR(io_error, error_kind::io)
CSIKIT_DEFINE_ERROR(parse_error, error_kind::parse)
CSIKIT_DEFINE_ERROR(schema_error, error_kind::schema)
CSIKIT_DEFINE_ERROR(data_error, error_kind::data)
CSIKIT_DEFINE_ERROR(model_error, error_kind::model)
CSIKIT_DEFINE_ERROR(numeric_error, error_kind::numeric)
CSIKIT_DEFINE_ERROR(convergence_error, error_kind::convergence)
CSIKIT_DEFINE_ERROR(cancelled_error, error_kind::cancelled)
CSIKIT_DEFINE_ERROR(argument_error, error_kind::argument)

#undef CSIKIT_DEFINE_ERROR

/// A short name for the kind ("schema", "data", ...), used in CLI messages and the C ABI.
const char* to_string(error_kind kind) noexcept;

CSIKIT_NAMESPACE_END
