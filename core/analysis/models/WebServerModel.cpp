#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// As the simulator serves it: a publish_ratio share of the requests publishes a job to
// the first message queue and is done after the ack; the others call downstream
// (routeApplication).
void routeWebServer(const ModelContext& c, std::size_t i, NodeRouting& r)
{
    // Shared sessions: one store read per request before anything else (published or not).
    if (r.sessionStore >= 0)
        r.calls.push_back({static_cast<std::size_t>(r.sessionStore),
                           c.topology.links[c.index.downstream(i).sessionStore()].latencyMs(), 1.0,
                           1.0});
    const std::size_t publish = c.index.downstream(i).publish();
    const double p =
        publish == TopologyIndex::kNone ? 0.0 : c.topology.nodes[i].number("publish_ratio");
    if (p <= 0) {
        routeApplication(c, i, r, 1.0);
        return;
    }
    routeApplication(c, i, r, 1.0 - p);
    const std::size_t queue = c.index.to(publish);
    r.calls.push_back({queue, c.topology.links[publish].latencyMs(), p, p});
    r.broker = static_cast<std::ptrdiff_t>(queue);
    r.publishRatio = p;
}

std::string webServerLoadRemedy(const Node&, const NodeEstimate&)
{
    return "add a web server behind the load balancer (horizontal scaling) or raise "
           "workers / speed (vertical)";
}

std::string webServerSpofRemedy(const ModelContext&, std::size_t)
{
    return "put two or more web servers behind a load balancer";
}
} // namespace

// Every request calls each next-tier node (another web server or load balancer) in turn,
// then reads ask the first cache and, on a miss, the first data-store link's replication
// group; writes go to that group's master. Further cache or data-store links are not used.
void routeApplication(const ModelContext& c, std::size_t i, NodeRouting& r, double share)
{
    const auto& down = c.index.downstream(i);
    for (std::size_t k : down.nextTier) {
        r.calls.push_back({c.index.to(k), c.topology.links[k].latencyMs(), share, share});
        r.nextTier.push_back(c.index.to(k));
    }
    // Cache-aside; the invalidation a write sends the cache is not a cache request.
    double miss = 1.0;
    if (down.cache() != TopologyIndex::kNone) {
        const std::size_t cache = c.index.to(down.cache());
        r.calls.push_back({cache, c.topology.links[down.cache()].latencyMs(), share, 0.0});
        r.cache = static_cast<std::ptrdiff_t>(cache);
        miss = 1.0 - c.plan.nodes[cache].hitRatio;
    }
    if (down.dataStore() != TopologyIndex::kNone) {
        const std::size_t master = c.index.groupMaster(c.index.to(down.dataStore()));
        const double latency = c.topology.links[down.dataStore()].latencyMs();
        r.groupMaster = static_cast<std::ptrdiff_t>(master);
        const std::size_t g = c.index.groupOf(master);
        const std::vector<std::size_t> none;
        const auto& replicas = g == TopologyIndex::kNone ? none : c.index.groups()[g].replicas;
        // Reads spread evenly over the replicas, or go to the master without any.
        if (replicas.empty()) {
            r.calls.push_back({master, latency, share * miss, share});
        } else {
            r.calls.push_back({master, latency, 0.0, share});
            const double pReplica = share * miss / static_cast<double>(replicas.size());
            // The group hands reads to its healthy replicas in turn (round robin).
            const auto turn = static_cast<std::int64_t>(replicas.size());
            for (std::size_t rep : replicas)
                r.calls.push_back({rep, latency, pReplica, 0.0, false, 0.0, turn});
        }
    }
}

extern const AnalysisModel kWebServerModel{KindRole::WebServer, &routeWebServer,
                                           &webServerLoadRemedy, &webServerSpofRemedy};

} // namespace scalelab::core
