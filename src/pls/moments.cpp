// compute_moments: the moments of the model's indicators from response data in memory, through
// the one moment accumulator (csikit/accumulator.hpp) that the streaming readers, the state
// files and the distributed engines also use, so there is one code path for every route.
#include "csikit/pls.hpp"

#include "csikit/accumulator.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

moments compute_moments(const responses& data, const std::vector<std::string>& items,
                        missing_treatment missing, bool use_weights) {
    if (items.empty()) {
        throw argument_error(location{}, "compute_moments: no items given (expected at least one)");
    }
    // Items known by id only: the data carry no survey, and no state is merged here.
    moment_accumulator acc = moment_accumulator::for_items(items, use_weights);
    acc.add(data);
    return acc.finish(missing);
}

CSIKIT_NAMESPACE_END
