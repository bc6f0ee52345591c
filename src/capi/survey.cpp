// C ABI: loading a survey schema and reading its lists.
#include "handles.hpp"

#include "csikit/schema.hpp"

using namespace csikit_capi;

namespace {

/// The ids of one list of the survey, as string references.
std::vector<const std::string*> ids_of(const csikit::survey& s, int list, const char* where) {
    std::vector<const std::string*> out;
    switch (list) {
    case CSIKIT_SURVEY_ITEMS:
        for (const auto& i : s.items) out.push_back(&i.id);
        break;
    case CSIKIT_SURVEY_CONSTRUCTS:
        for (const auto& c : s.constructs) out.push_back(&c.id);
        break;
    case CSIKIT_SURVEY_SCALES:
        for (const auto& c : s.scales) out.push_back(&c.id);
        break;
    default:
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": unknown list " + std::to_string(list) +
                                               " (expected a csikit_survey_list value)"};
    }
    return out;
}

/// A new survey handle in *out from `read(source)`; `name` is the source's parameter name.
template <class Read>
int new_survey(const char* where, const char* source, const char* name, csikit_survey** out, Read&& read) {
    return guard(where, [&] {
        require(source, where, name);
        require(out, where, "out");
        auto h = std::make_unique<csikit_survey>();
        h->survey = std::make_shared<const csikit::survey>(read(source));
        give(std::move(h), out);
    });
}

}  // namespace

extern "C" {

CSIKIT_API int csikit_survey_from_json(const char* json_text, csikit_survey** out) {
    return new_survey("csikit_survey_from_json", json_text, "json_text", out, [](const char* s) { return csikit::parse_survey(s); });
}

CSIKIT_API int csikit_survey_load(const char* path, csikit_survey** out) {
    return new_survey("csikit_survey_load", path, "path", out, [](const char* s) { return csikit::load_survey(s); });
}

CSIKIT_API void csikit_survey_free(csikit_survey* survey) { release(survey); }

CSIKIT_API int csikit_survey_to_json(const csikit_survey* survey, char** out) {
    return guard("csikit_survey_to_json", [&] {
        const auto& h = handle(survey, "csikit_survey_to_json", "survey");
        require(out, "csikit_survey_to_json", "out");
        *out = dup_string(csikit::to_json_text(*h.survey));
    });
}

CSIKIT_API int csikit_survey_count(const csikit_survey* survey, int list, size_t* count) {
    return guard("csikit_survey_count", [&] {
        const auto& h = handle(survey, "csikit_survey_count", "survey");
        require(count, "csikit_survey_count", "count");
        *count = ids_of(*h.survey, list, "csikit_survey_count").size();
    });
}

CSIKIT_API int csikit_survey_id(const csikit_survey* survey, int list, size_t index, const char** id) {
    return guard("csikit_survey_id", [&] {
        const auto& h = handle(survey, "csikit_survey_id", "survey");
        require(id, "csikit_survey_id", "id");
        const auto ids = ids_of(*h.survey, list, "csikit_survey_id");
        if (index >= ids.size())
            throw abi_error{CSIKIT_E_ARGUMENT, "csikit_survey_id: index " + std::to_string(index) +
                                                   " is out of range (expected < " + std::to_string(ids.size()) + ")"};
        *id = ids[index]->c_str();
    });
}

CSIKIT_API int csikit_survey_name(const csikit_survey* survey, const char** name) {
    return guard("csikit_survey_name", [&] {
        const auto& h = handle(survey, "csikit_survey_name", "survey");
        require(name, "csikit_survey_name", "name");
        *name = h.survey->name.c_str();
    });
}

}  // extern "C"
