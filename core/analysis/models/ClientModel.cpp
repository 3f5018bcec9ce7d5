#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// dns_lookup_ratio of the requests first visit each resolver; all go to the one entry point
// (behind a geo DNS: the entry of the client's own site, TopologyIndex::SourceRoutes).
// Static requests go to the client's CDN when it has one (no lookup), else the same way.
// Calls keep the order of the links (the sums over them do too).
void routeClient(const ModelContext& c, std::size_t i, NodeRouting& r)
{
    const Node& node = c.topology.nodes[i];
    const std::size_t entry = c.index.source(i).entry();
    const std::size_t edge = c.index.source(i).edge();
    const double staticElsewhere = edge == TopologyIndex::kNone ? 1.0 : 0.0;
    for (std::size_t k : c.index.out(i)) {
        const Link& l = c.topology.links[k];
        const KindSpec* target = c.topology.nodes[c.index.to(k)].spec();
        if (target && target->traits.resolver) {
            const double d = node.number("dns_lookup_ratio");
            r.calls.push_back({c.index.to(k), l.latencyMs(), d, d, false, d * staticElsewhere});
        } else if (k == entry) {
            r.hasEntry = true; // one entry point; the validator refuses a second
            r.calls.push_back({c.index.to(k), l.latencyMs(), 1.0, 1.0, false, staticElsewhere});
        } else if (k == edge) {
            r.calls.push_back({c.index.to(k), l.latencyMs(), 0.0, 0.0, false, 1.0});
        }
    }
    // Geo routing: the other sites' entries take over when the home one is down.
    const auto& routes = c.index.source(i);
    if (routes.geo)
        for (std::size_t p = 1; p < routes.preference.size(); ++p)
            r.entryFallbacks.push_back(c.index.to(routes.preference[p]));
}
} // namespace

extern const AnalysisModel kClientModel{KindRole::Client, &routeClient, nullptr, nullptr};

} // namespace scalelab::core
