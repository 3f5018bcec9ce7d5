#include <algorithm>

#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// A CDN answers the static requests it holds (its hit ratio is set in RoutingPlan: fixed, or
// the TTL estimate) and fetches the rest from its origin: origin load = static rate x
// (1 - hit).
void routeCdn(const ModelContext& c, std::size_t i, NodeRouting& r)
{
    const auto& origins = c.index.out(i);
    if (origins.empty())
        return;
    const std::size_t k = origins.front();
    const double miss = 1.0 - std::max(0.0, r.hitRatio);
    r.calls.push_back({c.index.to(k), c.topology.links[k].latencyMs(), 0.0, 0.0, false, miss});
}

std::string cdnLoadRemedy(const Node&, const NodeEstimate&)
{
    return "raise the CDN's workers (more edge capacity)";
}

std::string cdnSpofRemedy(const ModelContext&, std::size_t)
{
    return "set fallback, so that its traffic goes to the origin while it is down";
}
} // namespace

extern const AnalysisModel kCdnModel{KindRole::Cdn, &routeCdn, &cdnLoadRemedy, &cdnSpofRemedy};

} // namespace scalelab::core
