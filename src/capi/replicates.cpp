// C ABI: replicate states of the bootstrap at scale (csikit/poisson_bootstrap.hpp, docs/scale.md).
#include "handles.hpp"

#include "csikit/poisson_bootstrap.hpp"
#include "csikit/report.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_replicates_options_init(csikit_replicates_options* options) {
    return init_options("csikit_replicates_options_init", options, [](csikit_replicates_options& o) {
        o.replicates = 200;
        o.seed = 1;
        o.id_column = nullptr;
        o.use_weights = 1;
    });
}

CSIKIT_API int csikit_replicates_create(const csikit_survey* survey, const csikit_replicates_options* options,
                                        csikit_replicates** out) {
    const char* where = "csikit_replicates_create";
    return guard(where, [&] {
        const auto& s = handle(survey, where, "survey");
        require(out, where, "out");
        const csikit_replicates_options o = options_or_defaults(options, csikit_replicates_options_init, where);
        auto h = std::make_unique<csikit_replicates>();
        h->value = std::make_shared<csikit::replicate_accumulator>(
            *s.survey, csikit::pls_model::from_survey(*s.survey).indicators(), static_cast<std::size_t>(o.replicates),
            o.seed, csikit::replicate_keys{o.id_column ? o.id_column : ""}, o.use_weights != 0);
        give(std::move(h), out);
    });
}

CSIKIT_API int csikit_replicates_add(csikit_replicates* state, const csikit_data* data, uint64_t first_row) {
    const char* where = "csikit_replicates_add";
    return guard(where, [&] {
        auto& acc = *handle(state, where, "state").value;
        const auto& d = handle(data, where, "data").value;
        acc.add(*d.data, first_row);
    });
}

CSIKIT_API int csikit_replicates_merge(csikit_replicates* state, const csikit_replicates* other) {
    const char* where = "csikit_replicates_merge";
    return guard(where, [&] {
        auto& acc = *handle(state, where, "state").value;
        acc.merge(*handle(other, where, "other").value);
    });
}

CSIKIT_API int csikit_replicates_to_bytes(const csikit_replicates* state, char** bytes, size_t* size) {
    const char* where = "csikit_replicates_to_bytes";
    return guard(where, [&] {
        const auto& acc = *handle(state, where, "state").value;
        require(bytes, where, "bytes");
        require(size, where, "size");
        give_bytes(acc.to_bytes(), bytes, size);
    });
}

CSIKIT_API int csikit_replicates_from_bytes(const char* bytes, size_t size, csikit_replicates** out) {
    const char* where = "csikit_replicates_from_bytes";
    return guard(where, [&] {
        if (size > 0) require(bytes, where, "bytes");
        require(out, where, "out");
        auto h = std::make_unique<csikit_replicates>();
        h->value = std::make_shared<csikit::replicate_accumulator>(
            csikit::replicate_accumulator::from_bytes(std::string_view(bytes ? bytes : "", size)));
        give(std::move(h), out);
    });
}

CSIKIT_API int csikit_replicates_bootstrap_json(const csikit_replicates* state, const csikit_survey* survey, char** out) {
    const char* where = "csikit_replicates_bootstrap_json";
    return guard(where, [&] {
        const auto& acc = *handle(state, where, "state").value;
        const auto& s = handle(survey, where, "survey");
        require(out, where, "out");
        const csikit::pls_model model = csikit::pls_model::from_survey(*s.survey);
        csikit::pls_options po;
        const csikit::pls_fit fit = csikit::estimate(model, acc.full().finish(po.missing), po);
        csikit::poisson_bootstrap_options bo;
        bo.index_survey = s.survey.get();
        const csikit::bootstrap_result boot = csikit::poisson_bootstrap(model, acc, fit, bo);
        *out = dup_string(csikit::to_json(fit, &boot, s.survey.get()));
    });
}

CSIKIT_API void csikit_replicates_free(csikit_replicates* state) { release(state); }

}  // extern "C"
