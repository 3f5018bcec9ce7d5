#include "core/analysis/RoutingPlan.h"

#include <algorithm>
#include <deque>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include "core/analysis/CacheHitEstimate.h"
#include "core/analysis/DominantClient.h"
#include "core/analysis/ShardEstimate.h"
#include "core/analysis/models/AnalysisModel.h"
#include "core/model/KindRegistry.h"

namespace scalelab::core {

namespace routing_detail {

using FlowGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

double serviceScvOf(const Node& n)
{
    const std::string dist = n.text("service_dist");
    if (dist == "constant")
        return 0.0;
    if (dist == "lognormal") {
        const double cv = n.number("service_cv");
        return cv * cv;
    }
    return 1.0;
}

// Own service of a queueing node: one service time, or (kinds with read_ms / write_ms)
// one per class with the engine's profile.
void setOwnService(const Node& node, const KindSpec& spec, NodeRouting& r)
{
    r.isQueue = true;
    r.serviceScv = serviceScvOf(node);
    const double speed = node.number("speed") > 0 ? node.number("speed") : 1.0;
    r.servers = spec.serversParam.empty() ? 1 : node.integer(spec.serversParam);
    if (spec.param("read_ms")) {
        const EngineProfile engine = engineProfile(node.text("engine"));
        r.readServiceMs = node.number("read_ms") * engine.readFactor / speed;
        r.writeServiceMs = node.number("write_ms") * engine.writeFactor / speed;
    } else {
        r.readServiceMs = r.writeServiceMs = node.number("service_ms") / speed;
    }
    r.workers = std::max<std::int64_t>(r.servers, 1);
    r.instances = std::max<std::int64_t>(node.integer("instances"), 1);
    r.autoscale = node.flag("autoscale");
    r.minInstances = std::max<std::int64_t>(node.integer("min_instances"), 1);
    r.maxInstances = std::max(r.minInstances, node.integer("max_instances"));
    r.targetUtilization = node.number("target_utilization");
    if (r.autoscale)
        r.instances = std::clamp(r.instances, r.minInstances, r.maxInstances);
    r.servers = r.workers * r.instances;
    r.queueLimit = std::max<std::int64_t>(node.integer("queue_limit"), 0);
    r.blocking = spec.traits.application && node.text("concurrency_model") == "blocking";
    r.cancelAbandoned = spec.param("cancel_on_timeout") && node.flag("cancel_on_timeout");
    if (spec.traits.consumer) {
        // A job holds its thread to the end, and its queue hands it one only when a thread
        // is free: it never waits here, so its own waiting room never fills.
        r.blocking = true;
        r.queueLimit = 0;
    }
}

// Cache hit ratios: fixed, or an LRU estimate over the key space of the client that sends
// the cache most reads (a cache serves one application's keys), whose writes invalidate.
void setHitRatios(const Topology& t, const TopologyIndex& index, RoutingPlan& plan)
{
    const std::size_t n = t.nodes.size();
    std::vector<double> reads(n, -1.0);
    for (std::size_t c = 0; c < n; ++c)
        if (plan.nodes[c].isClient)
            reads[c] = plan.nodes[c].rateRps * plan.nodes[c].readRatio;
    const std::vector<std::size_t> dominant = dominantClients(index, reads);
    for (std::size_t v = 0; v < n; ++v) {
        const std::size_t c = dominant[v];
        if (c != TopologyIndex::kNone && plan.nodes[v].traits.lru &&
            t.nodes[v].integer("capacity_keys") > 0)
            plan.nodes[v].hitRatio =
                lruHitRatio(t.nodes[c].integer("key_space"), t.nodes[c].number("key_skew"),
                            t.nodes[v].integer("capacity_keys"), t.nodes[c].number("read_ratio"));
    }
    // CDNs: fixed, or the TTL estimate over the objects of the clients that send to them
    // (a CDN's static rate is exact: clients send it their static requests directly).
    for (std::size_t e = 0; e < n; ++e) {
        if (!plan.nodes[e].traits.edge)
            continue;
        plan.nodes[e].hitRatio = t.nodes[e].number("hit_ratio");
        const double ttl = t.nodes[e].number("ttl_s");
        if (ttl <= 0)
            continue;
        double rate = 0, dominant = -1;
        std::int64_t objects = 1;
        double skew = 0;
        for (std::size_t k : index.in(e)) {
            const std::size_t c = index.from(k);
            if (!plan.nodes[c].isClient || index.source(c).edge() != k)
                continue;
            const double r = plan.nodes[c].rateRps * plan.nodes[c].staticRatio;
            rate += r;
            if (r > dominant) {
                dominant = r;
                objects = t.nodes[c].integer("object_space");
                skew = t.nodes[c].number("object_skew");
            }
        }
        plan.nodes[e].hitRatio = ttlHitRatio(objects, skew, rate, ttl);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!plan.nodes[i].traits.cacheAside)
            continue;
        if (!plan.nodes[i].traits.lru || t.nodes[i].integer("capacity_keys") <= 0)
            plan.nodes[i].hitRatio = t.nodes[i].number("hit_ratio");
        else if (plan.nodes[i].hitRatio < 0)
            plan.nodes[i].hitRatio = 0; // an LRU no client reaches: nothing cached
    }
}

// Local sessions: a request at server i finds its user's session when the user's previous
// visit to a local server was at the same instance. Behind a balancer that is not sticky the
// previous visit is independent of this one: it was at i with probability q_i (i's share of
// the balancer's traffic to local servers) and at the same one of its m_i instances with
// 1 / m_i, so the miss ratio is 1 - q_i / m_i ((n - 1) / n over n equal servers). A sticky
// balancer pins users: only first logins miss, 0 in steady state. The login is extra
// service of every miss.
void setSessionMisses(const Topology& t, const TopologyIndex& index, RoutingPlan& plan)
{
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const Node& node = t.nodes[i];
        NodeRouting& r = plan.nodes[i];
        if (!r.traits.application || !node.spec()->param("session_state"))
            continue;
        const std::string state = node.text("session_state");
        if (state == "shared") {
            if (const std::size_t k = index.downstream(i).sessionStore();
                k != TopologyIndex::kNone) {
                r.sessionStore = static_cast<std::ptrdiff_t>(index.to(k));
                r.sessionMissRatio = 0;
            }
            continue;
        }
        if (state != "local")
            continue;
        const auto instancesOf = [&](std::size_t n) {
            return static_cast<double>(std::max<std::int64_t>(1, plan.nodes[n].instances));
        };
        double same = 1.0 / instancesOf(i);
        for (std::size_t k : index.in(i)) {
            const std::size_t lb = index.from(k);
            if (!plan.nodes[lb].traits.balancer)
                continue;
            if (t.nodes[lb].flag("sticky_sessions")) {
                same = 1.0;
                break;
            }
            const bool weighted = t.nodes[lb].text("algorithm") == "weighted";
            double mine = 0, local = 0;
            for (std::size_t b : index.out(lb)) {
                const Node& backend = t.nodes[index.to(b)];
                const KindSpec* spec = backend.spec();
                if (!spec || !spec->param("session_state") ||
                    backend.text("session_state") != "local")
                    continue;
                const double share = weighted ? t.links[b].weight() : 1.0;
                local += share;
                if (index.to(b) == i)
                    mine += share;
            }
            if (local > 0)
                same = mine / local / instancesOf(i);
            break; // the first balancer in front
        }
        r.sessionMissRatio = 1.0 - same;
        const double speed = node.number("speed") > 0 ? node.number("speed") : 1.0;
        const double login = r.sessionMissRatio * node.number("login_ms") / speed;
        r.readServiceMs += login;
        r.writeServiceMs += login;
    }
}

// Least connections sends each request to the backend with the fewest outstanding ones:
// join the shortest queue. Its backends behave almost as one pool whose servers share a
// queue (a request rarely waits at one backend while another has an idle worker), so each
// is estimated as that pool when the balancer is its only sender (LoadModel.cpp).
void setJsqPools(const Topology& t, const TopologyIndex& index, RoutingPlan& plan)
{
    for (std::size_t lb = 0; lb < t.nodes.size(); ++lb) {
        if (!plan.nodes[lb].traits.balancer ||
            t.nodes[lb].text("algorithm") != "least_connections" ||
            t.nodes[lb].flag("sticky_sessions"))
            continue;
        std::int64_t servers = 0;
        bool pooled = !index.out(lb).empty();
        for (std::size_t k : index.out(lb)) {
            const std::size_t b = index.to(k);
            pooled = pooled && plan.nodes[b].isQueue && plan.nodes[b].traits.application;
            for (std::size_t in : index.in(b))
                pooled = pooled && index.from(in) == lb;
            servers += plan.nodes[b].servers;
        }
        if (!pooled)
            continue;
        for (std::size_t k : index.out(lb)) {
            plan.nodes[index.to(k)].jsqBalancer = static_cast<std::ptrdiff_t>(lb);
            plan.nodes[index.to(k)].jsqPoolServers = servers;
        }
    }
}

} // namespace routing_detail

using namespace routing_detail;

const std::vector<std::size_t>& replicasOf(const RoutingPlan& plan, std::size_t master)
{
    static const std::vector<std::size_t> none;
    const std::size_t g = plan.index->groupOf(master);
    if (g == TopologyIndex::kNone || plan.index->groups()[g].master != master)
        return none;
    return plan.index->groups()[g].replicas;
}

RoutingPlan buildRoutingPlan(const Topology& t, const TopologyIndex& index)
{
    RoutingPlan plan;
    plan.index = &index;
    const std::size_t n = t.nodes.size();
    plan.nodes.resize(n);

    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = t.nodes[i];
        const KindSpec* spec = node.spec();
        if (!spec)
            continue; // unknown kind: reported by the validator; carries nothing here
        NodeRouting& r = plan.nodes[i];
        r.traits = spec->traits;
        if (spec->traits.source) {
            r.isClient = true;
            r.rateRps = node.number("rate_rps");
            r.readRatio = node.number("read_ratio");
            r.staticRatio = node.number("static_ratio");
            if (node.text("arrival") == "constant")
                r.sourceFlow = ArrivalFlow::constant();
        } else if (spec->traits.queueing) {
            setOwnService(node, *spec, r);
        }
    }
    setHitRatios(t, index, plan);
    setShardShares(t, index, plan);
    setSessionMisses(t, index, plan);
    setJsqPools(t, index, plan);
    for (const ReplicationGroupInfo& group : index.groups())
        for (std::size_t k : group.links)
            if (t.links[k].synchronous())
                plan.nodes[group.master].syncAckMs =
                    std::max(plan.nodes[group.master].syncAckMs, 2 * t.links[k].latencyMs());

    const ModelContext context{t, index, plan};
    for (std::size_t i = 0; i < n; ++i)
        if (const KindSpec* spec = t.nodes[i].spec())
            if (const auto route = analysisModel(spec->role).route)
                route(context, i, plan.nodes[i]);

    // Topological order of the flow graph (Boost): senders before receivers.
    FlowGraph g(n);
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& call : plan.nodes[i].calls)
            boost::add_edge(i, call.target, g);
    std::vector<std::size_t> reversed;
    try {
        boost::topological_sort(g, std::back_inserter(reversed));
        plan.order.assign(reversed.rbegin(), reversed.rend());
    } catch (const boost::not_a_dag&) {
        plan.acyclic = false;
    }
    return plan;
}

} // namespace scalelab::core
