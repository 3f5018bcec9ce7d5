#include "core/analysis/RoutingPlan.h"

#include "core/analysis/CacheHitEstimate.h"
#include "core/model/KindRegistry.h"

#include <algorithm>
#include <deque>
#include <map>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

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

// Share of a load balancer's traffic each backend gets. Round robin and random spread
// evenly; weighted follows the link weights; least connections is approximated by
// spreading in proportion to each backend's capacity (servers x speed / service time),
// which is where joining the shortest queue settles under load.
std::vector<double> backendShares(const Topology& t, const Node& lb,
                                  const std::vector<const Link*>& backends)
{
    std::vector<double> share(backends.size(), 1.0);
    const std::string algorithm = lb.text("algorithm");
    if (algorithm == "weighted") {
        for (std::size_t i = 0; i < backends.size(); ++i)
            share[i] = backends[i]->weight();
    } else if (algorithm == "least_connections") {
        bool allFinite = true;
        for (std::size_t i = 0; i < backends.size(); ++i) {
            const Node* b = t.findNode(backends[i]->to);
            const double service = b ? b->number("service_ms") : 0;
            if (!b || !b->is("web_server") || service <= 0) {
                allFinite = false;
                break;
            }
            share[i] = static_cast<double>(b->integer("workers")) * b->number("speed") / service;
        }
        if (!allFinite)
            std::fill(share.begin(), share.end(), 1.0);
    }
    double total = 0;
    for (double s : share)
        total += s;
    for (double& s : share)
        s = total > 0 ? s / total : 1.0 / static_cast<double>(share.size());
    return share;
}

} // namespace routing_detail

using namespace routing_detail;

const std::vector<std::size_t>& replicasOf(const Topology&, const RoutingPlan& plan,
                                           std::size_t master)
{
    static const std::vector<std::size_t> none;
    return master < plan.replicas.size() ? plan.replicas[master] : none;
}

RoutingPlan buildRoutingPlan(const Topology& t)
{
    RoutingPlan plan;
    const std::size_t n = t.nodes.size();
    plan.nodes.resize(n);
    plan.groupMaster.resize(n);
    std::map<NodeId, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i)
        index.emplace(t.nodes[i].id, i);
    const auto indexOf = [&](const NodeId& id) -> std::optional<std::size_t> {
        auto it = index.find(id);
        return it == index.end() ? std::nullopt : std::optional(it->second);
    };

    // Replication groups: a replica belongs to the master that replicates to it.
    for (std::size_t i = 0; i < n; ++i) {
        plan.groupMaster[i] = i;
        const Node& node = t.nodes[i];
        if (!node.is("database") || node.text("role") != "replica")
            continue;
        for (const Link* l : t.incoming(node.id, LinkKind::Replication))
            if (auto m = indexOf(l->from)) {
                plan.groupMaster[i] = *m;
                break;
            }
    }

    plan.replicas.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        if (plan.groupMaster[i] != i && t.nodes[i].is("database"))
            plan.replicas[plan.groupMaster[i]].push_back(i);

    // Own service of each node.
    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = t.nodes[i];
        NodeRouting& r = plan.nodes[i];
        r.role = node.is("client")          ? NodeRole::Client
                 : node.is("dns")           ? NodeRole::Dns
                 : node.is("load_balancer") ? NodeRole::LoadBalancer
                 : node.is("web_server")    ? NodeRole::WebServer
                 : node.is("cache")         ? NodeRole::Cache
                 : node.is("database")      ? NodeRole::Database
                                            : NodeRole::Unknown;
        if (node.is("client")) {
            r.isClient = true;
            r.rateRps = node.number("rate_rps");
            r.readRatio = node.number("read_ratio");
            continue;
        }
        if (!node.spec())
            continue; // unknown kind: reported by the validator; carries nothing here
        r.isQueue = true;
        r.serviceScv = serviceScvOf(node);
        const double speed = node.number("speed") > 0 ? node.number("speed") : 1.0;
        if (node.is("database")) {
            const EngineProfile engine = engineProfile(node.text("engine"));
            r.servers = node.integer("connections");
            r.readServiceMs = node.number("read_ms") * engine.readFactor / speed;
            r.writeServiceMs = node.number("write_ms") * engine.writeFactor / speed;
        } else {
            r.servers = node.integer("workers");
            r.readServiceMs = r.writeServiceMs = node.number("service_ms") / speed;
        }
        r.servers = std::max<std::int64_t>(r.servers, 1);
        r.queueLimit = std::max<std::int64_t>(node.integer("queue_limit"), 0);
        r.blocking = node.is("web_server") && node.text("concurrency_model") == "blocking";
    }

    // Cache hit ratios: fixed, or an LRU estimate over the key space of the client that
    // sends the cache most reads (a cache serves one application's keys).
    std::vector<double> dominantReads(n, -1.0);
    for (std::size_t c = 0; c < n; ++c) {
        if (!plan.nodes[c].isClient)
            continue;
        std::vector<bool> seen(n, false);
        std::deque<std::size_t> todo{c};
        seen[c] = true;
        while (!todo.empty()) {
            const std::size_t v = todo.front();
            todo.pop_front();
            const double reads = plan.nodes[c].rateRps * plan.nodes[c].readRatio;
            if (t.nodes[v].is("cache") && t.nodes[v].integer("capacity_keys") > 0 &&
                reads > dominantReads[v]) {
                dominantReads[v] = reads;
                plan.nodes[v].hitRatio = lruHitRatio(t.nodes[c].integer("key_space"),
                                                     t.nodes[c].number("key_skew"),
                                                     t.nodes[v].integer("capacity_keys"));
            }
            for (const Link* l : t.outgoing(t.nodes[v].id))
                if (auto w = indexOf(l->to); w && !seen[*w]) {
                    seen[*w] = true;
                    todo.push_back(*w);
                }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (t.nodes[i].is("cache") && t.nodes[i].integer("capacity_keys") <= 0)
            plan.nodes[i].hitRatio = t.nodes[i].number("hit_ratio");
        else if (t.nodes[i].is("cache") && plan.nodes[i].hitRatio < 0)
            plan.nodes[i].hitRatio = 0; // an LRU no client reaches: nothing cached

    // Calls.
    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = t.nodes[i];
        NodeRouting& r = plan.nodes[i];
        const auto out = t.outgoing(node.id);
        if (node.is("client")) {
            bool entry = false;
            for (const Link* l : out) {
                auto to = indexOf(l->to);
                if (!to)
                    continue;
                if (t.nodes[*to].is("dns")) {
                    const double d = node.number("dns_lookup_ratio");
                    r.calls.push_back({*to, l->latencyMs(), d, d});
                } else if (!entry) {
                    entry = true; // one entry point; the validator refuses a second
                    r.hasEntry = true;
                    r.calls.push_back({*to, l->latencyMs(), 1.0, 1.0});
                }
            }
        } else if (node.is("load_balancer")) {
            std::vector<const Link*> backends;
            for (const Link* l : out)
                if (indexOf(l->to))
                    backends.push_back(l);
            const auto share = backendShares(t, node, backends);
            for (std::size_t k = 0; k < backends.size(); ++k)
                r.calls.push_back({*indexOf(backends[k]->to), backends[k]->latencyMs(), share[k],
                                   share[k]});
        } else if (node.is("web_server")) {
            // As the simulator serves it: every request calls each next-tier node (another
            // web server or load balancer) in turn, then reads ask the first cache and, on a
            // miss, the first database link's replication group; writes go to that group's
            // master. Further cache or database links are not used.
            std::vector<const Link*> nextTier;
            const Link* cacheLink = nullptr;
            const Link* dbLink = nullptr;
            for (const Link* l : out) {
                auto to = indexOf(l->to);
                if (!to)
                    continue;
                const Node& target = t.nodes[*to];
                if (target.is("cache")) {
                    if (!cacheLink)
                        cacheLink = l;
                } else if (target.is("database")) {
                    if (!dbLink)
                        dbLink = l;
                } else {
                    nextTier.push_back(l);
                }
            }
            for (const Link* l : nextTier) {
                r.calls.push_back({*indexOf(l->to), l->latencyMs(), 1.0, 1.0});
                r.nextTier.push_back(*indexOf(l->to));
            }
            // Cache-aside; the invalidation a write sends the cache is not a cache request.
            double miss = 1.0;
            if (cacheLink) {
                const std::size_t c = *indexOf(cacheLink->to);
                r.calls.push_back({c, cacheLink->latencyMs(), 1.0, 0.0});
                r.cache = static_cast<std::ptrdiff_t>(c);
                miss = 1.0 - plan.nodes[c].hitRatio;
            }
            if (dbLink) {
                const std::size_t master = plan.groupMaster[*indexOf(dbLink->to)];
                const double latency = dbLink->latencyMs();
                r.groupMaster = static_cast<std::ptrdiff_t>(master);
                const auto replicas = replicasOf(t, plan, master);
                // Reads spread evenly over the replicas, or go to the master without any.
                if (replicas.empty()) {
                    r.calls.push_back({master, latency, miss, 1.0});
                } else {
                    r.calls.push_back({master, latency, 0.0, 1.0});
                    const double pReplica = miss / static_cast<double>(replicas.size());
                    for (std::size_t rep : replicas)
                        r.calls.push_back({rep, latency, pReplica, 0.0});
                }
            }
        }
    }

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
