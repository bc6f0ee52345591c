// Responses from an Arrow C stream (ArrowArrayStream, the Arrow C stream interface: a
// documented ABI, declared in arrow_abi.h; no libarrow needed). pyarrow, polars, DuckDB and
// nanoarrow hand their tables out this way.
#pragma once

#include "arrow_abi.h"
#include "data.hpp"

CSIKIT_NAMESPACE_BEGIN

/// Reads a stream of record batches (a struct schema of named columns) into responses, by the
/// rules of make_responses(survey, rows, columns, ...): item columns of int8..int64, uint8..
/// uint64, float, double or bool are numbers; utf8, large_utf8, utf8_view (polars) and dictionary-encoded strings
/// are text (numbers written as text or the scale's labels); the weight column holds numbers;
/// segment and wave columns may be strings or numbers. Nulls are missing. Columns the survey
/// does not use are not read, whatever their type. The stream is consumed and released before
/// return, also on error. A stream that breaks the interface's rules (a NULL callback, a
/// non-struct schema, a batch whose shape differs from the schema, an offset out of order, a
/// dictionary index out of range, an unsupported type in a column the survey uses) is a
/// parse_error naming the column and batch; a producer's error carries its get_last_error text.
responses read_arrow_stream(ArrowArrayStream* stream, const survey& s, read_options options = {});

CSIKIT_NAMESPACE_END
