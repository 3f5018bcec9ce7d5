#include "core/analysis/Findings.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace scalelab::core {

namespace findings_detail {

int findingRank(const std::string& severity)
{
    return severity == "error" ? 0 : severity == "warning" ? 1 : 2;
}

std::string remedyForLoad(const Node& n, const NodeEstimate& e)
{
    if (n.is("web_server"))
        return "add a web server behind the load balancer (horizontal scaling) or raise "
               "workers / speed (vertical)";
    if (n.is("database")) {
        if (e.readRps >= e.writeRps)
            return "put a cache in front of it or add read replicas (reads dominate)";
        return "raise connections / speed; writes dominate, so replicas will not help";
    }
    if (n.is("cache"))
        return "raise the cache's workers or speed";
    if (n.is("load_balancer"))
        return "raise the load balancer's workers or add a second one";
    if (n.is("dns"))
        return "raise the DNS workers or lower dns_lookup_ratio (longer TTL)";
    return "raise its capacity";
}

std::string remedyForSpof(const Topology& t, const RoutingPlan& plan, std::size_t i)
{
    const Node& n = t.nodes[i];
    if (n.is("load_balancer"))
        return "run a second load balancer (active/passive with a floating address)";
    if (n.is("web_server"))
        return "put two or more web servers behind a load balancer";
    if (n.is("dns"))
        return "use redundant name servers";
    if (n.is("database")) {
        if (replicasOf(t, plan, i).empty())
            return "add a replica (replication link) with failover auto";
        return "set failover to auto so a replica is promoted without an operator";
    }
    return "duplicate it";
}

std::string percentText(double utilization)
{
    return fmt::format("{:.0f}%", utilization * 100);
}

} // namespace findings_detail

using namespace findings_detail;

std::vector<Finding> findingsFor(const Topology& t, const RoutingPlan& plan, const Analysis& a)
{
    std::vector<Finding> out;
    const auto add = [&](std::string severity, const NodeId& node, std::string text) {
        out.push_back({std::move(severity), node, std::move(text)});
    };

    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        const Node& n = t.nodes[i];
        if (!plan.nodes[i].isQueue || !e.reached || e.arrivalRps <= 0)
            continue;
        const double capacity = static_cast<double>(e.servers) * 1000.0 / e.serviceMs;
        if (!e.stable) {
            const std::string consequence =
                e.rejectFraction
                    ? fmt::format("its queue (limit {}) stays full and rejects about {:.0f}% of "
                                  "them",
                                  n.integer("queue_limit"), *e.rejectFraction * 100)
                    : std::string("queues grow without bound");
            add("error", e.id,
                fmt::format("'{}' is saturated: {:.0f} req/s arrive but it can serve about "
                            "{:.0f} req/s ({} servers x {:.3g} ms); {}. Try: {}.",
                            e.id.str(), e.arrivalRps, capacity, e.servers, e.serviceMs,
                            consequence, remedyForLoad(n, e)));
        } else if (e.offeredLoad >= 0.8) {
            add("warning", e.id,
                fmt::format("'{}' runs at {} utilization: waits climb steeply above 80% (mean "
                            "wait {:.3g} ms now). Try: {}.",
                            e.id.str(), percentText(e.offeredLoad), e.meanWaitMs, remedyForLoad(n, e)));
        }
    }

    for (const NodeId& id : a.singlePointsOfFailure) {
        const std::size_t i = *t.nodeIndex(id);
        add("warning", id,
            fmt::format("'{}' is a single point of failure: if it fails, clients lose requests "
                        "until it comes back. Try: {}.",
                        id.str(), remedyForSpof(t, plan, i)));
    }

    // Read-heavy data tier with no cache in front of it: one finding per replication
    // group, naming the web servers that read it directly.
    std::map<std::size_t, std::pair<std::vector<std::string>, std::pair<double, double>>> uncached;
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        if (!t.nodes[i].is("web_server") || !e.reached || e.arrivalRps <= 0)
            continue;
        bool cache = false;
        std::vector<std::size_t> groups;
        for (const auto& c : plan.nodes[i].calls) {
            cache = cache || t.nodes[c.target].is("cache");
            if (t.nodes[c.target].is("database"))
                groups.push_back(plan.groupMaster[c.target]);
        }
        if (cache)
            continue;
        for (std::size_t g : groups) {
            auto& entry = uncached[g];
            if (std::find(entry.first.begin(), entry.first.end(), e.id.str()) == entry.first.end()) {
                entry.first.push_back(e.id.str());
                entry.second.first += e.readRps;
                entry.second.second += e.arrivalRps;
            }
        }
    }
    for (const auto& [master, entry] : uncached) {
        const double readShare = entry.second.first / entry.second.second;
        if (readShare < 0.7)
            continue;
        add("info", t.nodes[master].id,
            fmt::format("Reads are {:.0f}% of the requests {} send to '{}', with no cache in "
                        "front. Try: a cache (cache-aside); at an 80% hit ratio it takes 4 in 5 "
                        "reads off the database.",
                        readShare * 100, fmt::join(entry.first, ", "), t.nodes[master].id.str()));
    }

    // Replication lag: writes not yet applied on the replicas are lost by a failover.
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const Node& n = t.nodes[i];
        if (!n.is("database") || plan.groupMaster[i] != i || n.text("role") != "master")
            continue;
        double lag = 0;
        for (const Link* l : t.outgoing(n.id, LinkKind::Replication))
            lag = std::max(lag, l->lagMs());
        const double writes = a.nodes[i].writeRps;
        if (lag <= 0 || writes <= 0 || replicasOf(t, plan, i).empty())
            continue;
        add("warning", n.id,
            fmt::format("'{}' replicates with up to {:.3g} ms lag at {:.0f} writes/s: a failover "
                        "loses about {:.3g} acknowledged writes, and reads on replicas can be "
                        "stale. Try: a shorter lag (semi-synchronous replication) or reading "
                        "your own writes from the master.",
                        n.id.str(), lag, writes, writes * lag / 1000.0));
    }

    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const Node& n = t.nodes[i];
        const NodeEstimate& e = a.nodes[i];
        if (n.is("load_balancer") && e.reached && plan.nodes[i].calls.size() == 1)
            add("info", n.id,
                fmt::format("'{}' has one backend: it adds no redundancy yet. Try: a second "
                            "web server behind it.",
                            n.id.str()));
        if (plan.nodes[i].blocking && e.reached && e.stable && e.arrivalRps > 0) {
            const double own = (e.readRps * plan.nodes[i].readServiceMs +
                                e.writeRps * plan.nodes[i].writeServiceMs) /
                               e.arrivalRps;
            if (e.serviceMs > 2 * own)
                add("info", n.id,
                    fmt::format("'{}' is blocking: each worker is held {:.3g} ms, of which "
                                "{:.3g} ms waiting on downstream calls. Try: concurrency_model "
                                "async, or more workers.",
                                n.id.str(), e.serviceMs, e.serviceMs - own));
        }
        if (n.is("client") && e.reached && n.number("timeout_ms") > 0 &&
            e.meanResponseMs > n.number("timeout_ms"))
            add("warning", n.id,
                fmt::format("'{}' times out after {:.3g} ms but requests take {:.3g} ms on "
                            "average: most will fail.",
                            n.id.str(), n.number("timeout_ms"), e.meanResponseMs));
    }

    if (std::none_of(out.begin(), out.end(), [](const Finding& f) { return findingRank(f.severity) < 2; })) {
        if (std::isfinite(a.maxScale) && a.bottleneck)
            add("info", *a.bottleneck,
                fmt::format("No node above 80% and no single point of failure. The load can "
                            "grow {:.3g}x before '{}' saturates.",
                            a.maxScale, a.bottleneck->str()));
    }
    std::stable_sort(out.begin(), out.end(), [](const Finding& x, const Finding& y) {
        return findingRank(x.severity) < findingRank(y.severity);
    });
    return out;
}

} // namespace scalelab::core
