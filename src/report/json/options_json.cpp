// options_json(): the description of every analysis's options (csikit/options.hpp) as JSON.
#include "json_write.hpp"

#include "csikit/options.hpp"

CSIKIT_NAMESPACE_BEGIN

using json_write::json;

namespace {

json face(const option_face& f) {
    return json{{"name", f.name.empty() ? json(nullptr) : json(f.name)},
                {"exception", f.exception.empty() ? json(nullptr) : json(f.exception)}};
}

}  // namespace

std::string options_json(int indent) {
    check_json_indent(indent);
    json analyses = json::array();
    for (const auto& a : option_descriptions()) {
        json options = json::array();
        for (const auto& o : a.options)
            options.push_back(json{{"name", o.name},
                                   {"type", o.type},
                                   {"default", o.default_value},
                                   {"choices", o.choices},
                                   {"doc", o.doc},
                                   {"cli", face(o.cli)},
                                   {"python", face(o.python)},
                                   {"c", face(o.c)}});
        analyses.push_back(json{{"analysis", a.analysis},
                                {"cpp", a.cpp},
                                {"cli", a.cli},
                                {"python", a.python},
                                {"c", a.c},
                                {"options", std::move(options)}});
    }
    return json_write::dump(json{{"analyses", std::move(analyses)}}, indent);
}

CSIKIT_NAMESPACE_END
