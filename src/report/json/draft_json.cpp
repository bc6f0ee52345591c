// to_json(schema_draft): the drafted schema (as its own JSON) with the notes of `csikit import`.
#include "json_write.hpp"

#include "csikit/draft.hpp"

CSIKIT_NAMESPACE_BEGIN

std::string to_json(const schema_draft& d, int indent) {
    using json_write::json;
    json j;
    j["format"] = d.format;
    j["respondents"] = d.respondents;
    j["schema"] = json::parse(to_json_text(d.schema, -1));
    j["metadata_columns"] = d.metadata_columns;
    j["skipped_columns"] = d.skipped_columns;
    json notes = json::array();
    for (const auto& n : d.notes) notes.push_back({{"column", n.column}, {"kind", n.kind}, {"text", n.text}});
    j["notes"] = std::move(notes);
    return json_write::dump(j, indent);
}

CSIKIT_NAMESPACE_END
