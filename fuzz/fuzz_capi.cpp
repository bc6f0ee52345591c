// Fuzz target: the C ABI entry points that take text or caller memory. The input is split at
// its first NUL byte: the part before is schema JSON for csikit_survey_from_json; the part
// after is read as doubles (a matrix of answers, one column per item) for
// csikit_data_from_matrix, then csikit_score_json. Every call must return a status, never
// crash or leak; a non-zero status must come with a csikit_last_error() message.
#include <csikit/csikit.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

void expect(int status) {
    if (status == CSIKIT_OK) return;
    const char* msg = csikit_last_error();
    if (!msg || !*msg) std::abort();
    if (status == CSIKIT_E_INTERNAL) {  // an unexpected C++ exception escaped into the C ABI
        std::fprintf(stderr, "CSIKIT_E_INTERNAL: %s\n", msg);
        std::abort();
    }
    if (!csikit_status_string(status)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const char* bytes = reinterpret_cast<const char*>(data);
    const void* nul = std::memchr(bytes, 0, size);
    const std::size_t json_len = nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - bytes) : size;
    const std::string json(bytes, json_len);

    csikit_survey* survey = nullptr;
    int st = csikit_survey_from_json(json.c_str(), &survey);
    expect(st);
    if (st != CSIKIT_OK) {
        if (survey) std::abort();  // no handle on failure
        return 0;
    }
    char* text = nullptr;
    st = csikit_survey_to_json(survey, &text);
    expect(st);
    if (st == CSIKIT_OK) {
        csikit_survey* again = nullptr;
        if (csikit_survey_from_json(text, &again) != CSIKIT_OK) std::abort();  // round trip
        csikit_survey_free(again);
    }
    csikit_free(text);

    std::size_t items = 0;
    expect(csikit_survey_count(survey, CSIKIT_SURVEY_ITEMS, &items));
    std::vector<std::string> names(items);
    std::vector<const char*> columns(items);
    for (std::size_t j = 0; j < items; ++j) {
        const char* id = nullptr;
        expect(csikit_survey_id(survey, CSIKIT_SURVEY_ITEMS, j, &id));
        names[j] = id ? id : "";
        columns[j] = names[j].c_str();
    }
    const char* dummy = nullptr;
    if (csikit_survey_id(survey, CSIKIT_SURVEY_ITEMS, items, &dummy) == CSIKIT_OK) std::abort();

    const std::size_t rest = nul ? size - json_len - 1 : 0;
    if (items > 0 && rest >= sizeof(double) * items) {
        const std::size_t rows = std::min<std::size_t>(rest / sizeof(double) / items, 64);
        std::vector<double> values(rows * items);
        std::memcpy(values.data(), bytes + json_len + 1, values.size() * sizeof(double));
        csikit_data* d = nullptr;
        st = csikit_data_from_matrix(survey, values.data(), rows, items, columns.data(), CSIKIT_ROW_MAJOR,
                                     nullptr, &d);
        expect(st);
        if (st == CSIKIT_OK) {
            csikit_score_options so;
            csikit_score_options_init(&so);
            char* report = nullptr;
            st = csikit_score_json(d, &so, &report);
            expect(st);
            csikit_free(report);
        }
        csikit_data_free(d);
    }
    csikit_survey_free(survey);
    return 0;
}
