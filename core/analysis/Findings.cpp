#include "core/analysis/Findings.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/analysis/RetryStorm.h"
#include "core/analysis/SiteLoss.h"
#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace findings_detail {

int findingRank(Severity severity)
{
    return static_cast<int>(severity); // Error, Warning, Info
}

std::string remedyForLoad(const Node& n, const NodeEstimate& e)
{
    const KindSpec* spec = n.spec();
    const auto remedy = spec ? analysisModel(spec->role).loadRemedy : nullptr;
    return remedy ? remedy(n, e) : "raise its capacity";
}

std::string remedyForSpof(const ModelContext& context, std::size_t i)
{
    const KindSpec* spec = context.topology.nodes[i].spec();
    const auto remedy = spec ? analysisModel(spec->role).spofRemedy : nullptr;
    return remedy ? remedy(context, i) : "duplicate it";
}

// An autoscaled pool: where it settles at this load, or that its largest size is too small.
Finding poolFinding(const NodeRouting& r, const NodeEstimate& e, const std::string& name)
{
    const double needed = e.arrivalRps * e.serviceMs / 1000.0 /
                          (static_cast<double>(r.workers) * r.targetUtilization);
    if (std::isfinite(needed) && std::ceil(needed - 1e-9) > static_cast<double>(r.maxInstances))
        return {Severity::Warning, e.id,
                fmt::format("'{}' autoscales up to {} instances, but holding {:.0f}% utilization "
                            "at this load takes {:.0f}.",
                            name, r.maxInstances, r.targetUtilization * 100,
                            std::ceil(needed - 1e-9)),
                "raise max_instances, or make each instance faster (workers, speed)"};
    if (!std::isfinite(needed) || e.instances <= 0)
        return {};
    return {Severity::Info, e.id,
            fmt::format("'{}' autoscales: at this load it settles at {} instance{} of {} workers "
                        "({:.0f}% target); a traffic step is met within evaluate_s and served "
                        "boot_s later.",
                        name, e.instances, e.instances == 1 ? "" : "s", r.workers,
                        r.targetUtilization * 100),
            ""};
}

std::string percentText(double utilization)
{
    return fmt::format("{:.0f}%", utilization * 100);
}

// A sharded database is as hot as its hottest shard: name it, and what makes it hot (one
// celebrity key cannot be split by more shards).
void shardFindings(const Topology& t, const RoutingPlan& plan, const Analysis& a, NodeNaming naming,
                   std::vector<Finding>& out)
{
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        if (e.shards.empty() || !e.reached || e.arrivalRps <= 0)
            continue;
        const NodeRouting& r = plan.nodes[i];
        std::size_t hot = 0;
        for (std::size_t s = 1; s < e.shards.size(); ++s)
            if (e.shards[s].share > e.shards[hot].share)
                hot = s;
        const ShardEstimate& h = e.shards[hot];
        const double even = 1.0 / static_cast<double>(e.shards.size());
        const bool uneven = h.share > 1.5 * even;
        Severity severity = Severity::Info;
        if (!h.stable)
            severity = Severity::Error;
        else if (h.utilization >= 0.8)
            severity = Severity::Warning;
        else if (!uneven)
            continue;
        std::string text = fmt::format(
            "Shard {} of '{}' takes {:.1f}% of its requests (an even split is {:.1f}%) and runs "
            "at {}{}.",
            hot, nodeLabel(t.nodes[i], naming), h.share * 100, even * 100,
            percentText(h.utilization), h.stable ? "" : ": it is saturated while the others idle");
        std::string remedy;
        if (uneven && r.hotKeyShard == hot && r.hotKeyShare > 0.5 * (h.share - even)) {
            text += fmt::format(" Its hottest key alone is {:.1f}% of all requests: the "
                                "celebrity problem.",
                                r.hotKeyShare * 100);
            remedy = "more shards cannot split one key: put a cache in front for the hot keys, "
                     "or spread a celebrity's data over several keys (key + suffix)";
        } else if (uneven) {
            remedy = "more shards, or consistent hashing with more virtual_nodes to even out "
                     "the key ranges";
        } else {
            remedy = "more shards, or more connections / speed per shard";
        }
        out.push_back({severity, e.id, std::move(text), std::move(remedy)});
    }
}

// A message queue whose workers cannot keep up: the backlog grows (or, bounded, the queue
// stays full and refuses publishes); one that is hot: jobs wait long before a worker.
void jobFindings(const Topology& t, const Analysis& a, NodeNaming naming, std::vector<Finding>& out)
{
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        if (!e.jobs || !e.reached || e.jobs->arrivalRps <= 0)
            continue;
        const JobEstimate& j = *e.jobs;
        const std::string remedy =
            "more worker threads (workers), or another worker consuming the same queue";
        if (j.threads == 0) {
            out.push_back({Severity::Error, e.id,
                           fmt::format("'{}' receives {:.3g} jobs/s but no worker consumes "
                                       "from it: every job waits for ever.",
                                       nodeLabel(t.nodes[i], naming), j.arrivalRps),
                           "a worker linked from it by a consume link"});
            continue;
        }
        const double capacity = static_cast<double>(j.threads) * 1000.0 / j.holdMs;
        if (!j.stable) {
            const std::string consequence =
                j.dropFraction
                    ? fmt::format("its backlog (capacity {}) stays full and about {:.0f}% of "
                                  "publishes fail",
                                  t.nodes[i].integer("capacity"), *j.dropFraction * 100)
                    : std::string("its backlog grows without bound");
            out.push_back({Severity::Error, e.id,
                           fmt::format("The workers of '{}' cannot keep up: {:.3g} jobs/s "
                                       "arrive, {} threads x {:.3g} ms finish about {:.3g} "
                                       "jobs/s; {}.",
                                       nodeLabel(t.nodes[i], naming), j.arrivalRps, j.threads,
                                       j.holdMs, capacity, consequence),
                           remedy});
        } else if (j.utilization >= 0.8) {
            out.push_back({Severity::Warning, e.id,
                           fmt::format("The workers of '{}' are {} busy: jobs wait {:.3g} ms "
                                       "on average in its backlog before a worker takes them.",
                                       nodeLabel(t.nodes[i], naming), percentText(j.utilization),
                                       j.meanWaitMs),
                           remedy});
        }
    }
}

// Web servers that keep sessions locally: how often users log in again, or how many a
// failure logs out. One finding per balancer in front (or per server without one).
void sessionFindings(const Topology& t, const RoutingPlan& plan, const Analysis& a,
                     NodeNaming naming, std::vector<Finding>& out)
{
    const TopologyIndex& index = *plan.index;
    double users = 0;
    for (std::size_t c = 0; c < t.nodes.size(); ++c)
        if (plan.nodes[c].isClient && plan.nodes[c].hasEntry)
            users += static_cast<double>(t.nodes[c].integer("users"));
    std::map<std::size_t, std::vector<std::size_t>> byFront; // front node -> local servers
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        if (plan.nodes[i].sessionMissRatio < 0 || plan.nodes[i].sessionStore >= 0 ||
            !a.nodes[i].reached)
            continue;
        std::size_t front = i;
        for (std::size_t k : index.in(i))
            if (plan.nodes[index.from(k)].traits.balancer) {
                front = index.from(k);
                break;
            }
        byFront[front].push_back(i);
    }
    const std::string remedy = "keep the web tier stateless: session_state shared with a session "
                               "link to a cache or a NoSQL database";
    for (const auto& [front, servers] : byFront) {
        std::vector<std::string> ids;
        double misses = 0, arrivals = 0;
        for (std::size_t i : servers) {
            ids.push_back(nodeLabel(t.nodes[i], naming));
            misses += plan.nodes[i].sessionMissRatio * (a.nodes[i].readRps + a.nodes[i].writeRps);
            arrivals += a.nodes[i].readRps + a.nodes[i].writeRps;
        }
        const double ratio =
            arrivals > 0 ? misses / arrivals : plan.nodes[servers.front()].sessionMissRatio;
        const Node& f = t.nodes[front];
        if (ratio > 1e-9) {
            out.push_back(
                {Severity::Warning, f.id,
                 fmt::format("{} keep{} sessions locally and '{}' does not pin users: about "
                             "{:.0f}% of the requests find no session and log in again (+{:.3g} "
                             "ms each).",
                             fmt::join(ids, ", "), ids.size() == 1 ? "s" : "", nodeLabel(f, naming),
                             ratio * 100, t.nodes[servers.front()].number("login_ms")),
                 remedy + " (sticky_sessions on the load balancer stops the logins but a failed "
                          "server still logs its users out)"});
        } else if (front != servers.front()) {
            const double share = users / static_cast<double>(servers.size());
            out.push_back(
                {Severity::Warning, f.id,
                 fmt::format("{} keep{} sessions locally behind sticky '{}': a failed server "
                             "logs out its share of the users (about {:.0f} of {:.0f}).",
                             fmt::join(ids, ", "), ids.size() == 1 ? "s" : "", nodeLabel(f, naming),
                             share, users),
                 remedy});
        }
    }
}

// Data centers: what losing a site costs, as SiteLoss.h estimates it (the analysis panel
// and the report show the same figures). Users behind a geo DNS fail until it notices
// and their cached answers expire, then pay the longer link; a master replicating
// asynchronously to another site loses what the replica promoted there lacks.
void siteFindings(const Topology& t, const RoutingPlan& plan, const Analysis& a, NodeNaming naming,
                  std::vector<Finding>& out)
{
    for (const GeoUsersLoss& users : geoUsersLosses(t, plan)) {
        const Link& home = t.links[users.home];
        const Link& away = t.links[users.away];
        out.push_back(
            {Severity::Info, t.nodes[users.client].id,
             fmt::format("If site '{}' fails, '{}' ({:.0f} req/s) fail for detect_s ({:g} s), then "
                         "move to '{}' as their DNS answers expire (dns_ttl_s {:g} s): about "
                         "{:.0f} requests fail, and each then takes {:+.3g} ms ({:g} ms away "
                         "instead of {:g}).",
                         users.site, nodeLabel(t.nodes[users.client], naming), users.movedRps,
                         users.detectS, nodeLabel(t.nodes[plan.index->to(users.away)], naming),
                         users.ttlS, users.failedRequests, users.extraMs, away.latencyMs(),
                         home.latencyMs()),
             "a shorter dns_ttl_s (more lookups) or a faster detect_s on the DNS"});
    }
    for (const WriteLoss& w : writeLosses(t, *plan.index, a)) {
        if (w.lostWrites <= 0)
            continue;
        const Node& master = t.nodes[w.master];
        const Link& l = t.links[w.link];
        const Node& replica = t.nodes[plan.index->to(w.link)];
        out.push_back(
            {Severity::Warning, master.id,
             fmt::format("'{}' replicates to '{}' in site '{}' asynchronously (lag {:g} ms) "
                         "at {:.0f} writes/s: losing site '{}' loses about {:.3g} "
                         "acknowledged writes (write rate x lag).",
                         nodeLabel(master, naming), nodeLabel(replica, naming), replica.site(),
                         l.lagMs(), w.writeRps, master.site(), w.lostWrites),
             fmt::format("mode sync on that link: nothing lost, each write {:+.3g} ms (one "
                         "round trip)",
                         2 * l.latencyMs())});
    }
}

} // namespace findings_detail

using namespace findings_detail;

std::vector<Finding> findingsFor(const Topology& t, const RoutingPlan& plan, const Analysis& a,
                                 NodeNaming naming)
{
    using findings_detail::siteFindings;
    std::vector<Finding> out;
    const auto add = [&](Severity severity, const NodeId& node, std::string text,
                         std::string remedy = {}) {
        out.push_back({severity, node, std::move(text), std::move(remedy)});
    };
    const ModelContext context{t, *plan.index, plan};
    const auto name = [&](std::size_t i) { return nodeLabel(t.nodes[i], naming); };

    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        const Node& n = t.nodes[i];
        if (!plan.nodes[i].isQueue || !e.reached || e.arrivalRps <= 0)
            continue;
        if (plan.nodes[i].autoscale) {
            out.push_back(poolFinding(plan.nodes[i], e, name(i)));
            if (out.back().text.empty())
                out.pop_back();
        }
        if (plan.nodes[i].traits.consumer)
            continue; // a worker's overload piles up in its queue: reported there (jobFindings)
        if (!e.shards.empty())
            continue; // a sharded node is as hot as its hottest shard: shardFindings
        const double capacity = static_cast<double>(e.servers) * 1000.0 / e.serviceMs;
        if (!e.stable) {
            const std::string consequence =
                e.rejectFraction
                    ? fmt::format("its queue (limit {}) stays full and rejects about {:.0f}% of "
                                  "them",
                                  n.integer("queue_limit"), *e.rejectFraction * 100)
                    : std::string("queues grow without bound");
            add(Severity::Error, e.id,
                fmt::format("'{}' is saturated: {:.0f} req/s arrive but it can serve about "
                            "{:.0f} req/s ({} servers x {:.3g} ms); {}.",
                            name(i), e.arrivalRps, capacity, e.servers, e.serviceMs, consequence),
                remedyForLoad(n, e));
        } else if (e.cancelFraction && e.offeredLoad >= 1) {
            // Stable only because it sheds the tries whose client gave up (M/M/c+D).
            add(Severity::Warning, e.id,
                fmt::format("'{}' is offered {} of its capacity ({:.0f} req/s for about {:.0f}) "
                            "and holds only by dropping about {:.1f}% of the tries, those whose "
                            "client gave up (cancel_on_timeout); the ones it serves wait {:.3g} "
                            "ms on average.",
                            name(i), percentText(e.offeredLoad), e.arrivalRps, capacity,
                            *e.cancelFraction * 100, e.meanWaitMs),
                remedyForLoad(n, e));
        } else if (e.offeredLoad >= 0.8) {
            add(Severity::Warning, e.id,
                fmt::format("'{}' runs at {} utilization: waits climb steeply above 80% (mean "
                            "wait {:.3g} ms now).",
                            name(i), percentText(e.offeredLoad), e.meanWaitMs),
                remedyForLoad(n, e));
        }
    }

    jobFindings(t, a, naming, out);
    shardFindings(t, plan, a, naming, out);
    siteFindings(t, plan, a, naming, out);
    retryStormFindings(t, plan, a, out, naming);

    for (const NodeId& id : a.singlePointsOfFailure) {
        const std::size_t i = *plan.index->node(id); // a map: a chain of 100k has 100k of them
        add(Severity::Warning, id,
            fmt::format("'{}' is a single point of failure: if it fails, clients lose requests "
                        "until it comes back.",
                        name(i)),
            remedyForSpof(context, i));
    }

    // Read-heavy data tier with no cache in front of it: one finding per replication
    // group, naming the web servers that read it directly.
    std::map<std::size_t, std::pair<std::vector<std::size_t>, std::pair<double, double>>> uncached;
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        if (!plan.nodes[i].traits.application || !e.reached || e.arrivalRps <= 0)
            continue;
        bool cache = false;
        std::vector<std::size_t> groups;
        for (const auto& c : plan.nodes[i].calls) {
            if (static_cast<std::ptrdiff_t>(c.target) == plan.nodes[i].sessionStore)
                continue; // the session store is not the data's cache
            cache = cache || plan.nodes[c.target].traits.cacheAside;
            if (plan.nodes[c.target].traits.dataStore)
                groups.push_back(plan.index->groupMaster(c.target));
        }
        if (cache)
            continue;
        for (std::size_t g : groups) {
            auto& entry = uncached[g];
            if (std::find(entry.first.begin(), entry.first.end(), i) == entry.first.end()) {
                entry.first.push_back(i);
                entry.second.first += e.readRps;
                entry.second.second += e.arrivalRps;
            }
        }
    }
    for (const auto& [master, entry] : uncached) {
        const double readShare = entry.second.first / entry.second.second;
        if (readShare < 0.7)
            continue;
        std::vector<std::string> readers;
        for (std::size_t i : entry.first)
            readers.push_back(name(i));
        add(Severity::Info, t.nodes[master].id,
            fmt::format("Reads are {:.0f}% of the requests {} send to '{}', with no cache in "
                        "front.",
                        readShare * 100, fmt::join(readers, ", "), name(master)),
            "a cache (cache-aside); at an 80% hit ratio it takes 4 in 5 reads off the database");
    }

    // Replication lag: writes not yet applied on the replicas are lost by a failover.
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const Node& n = t.nodes[i];
        if (!plan.nodes[i].traits.dataStore || n.text("role") != "master")
            continue;
        double lag = 0;
        bool sync = false;
        for (std::size_t k : plan.index->out(i, LinkKind::Replication)) {
            sync = sync || t.links[k].synchronous();
            if (!t.links[k].synchronous()) // a sync replica has every acknowledged write
                lag = std::max(lag, t.links[k].lagMs());
        }
        if (sync)
            continue; // promoted first (most up to date): nothing lost; sites: siteFindings
        const double writes = a.nodes[i].writeRps;
        if (lag <= 0 || writes <= 0 || replicasOf(plan, i).empty())
            continue;
        add(Severity::Warning, n.id,
            fmt::format("'{}' replicates with up to {:.3g} ms lag at {:.0f} writes/s: a failover "
                        "loses about {:.3g} acknowledged writes, and reads on replicas can be "
                        "stale.",
                        name(i), lag, writes, writes * lag / 1000.0),
            "a shorter lag (semi-synchronous replication) or reading your own writes from the "
            "master");
    }

    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const Node& n = t.nodes[i];
        const NodeEstimate& e = a.nodes[i];
        // A pool behind it counts its instances: each is a backend of its own.
        if (plan.nodes[i].traits.balancer && e.reached && plan.index->backends(i) == 1) {
            const std::size_t backend = plan.index->to(plan.index->out(i).front());
            const bool shrinks = plan.nodes[backend].autoscale;
            add(Severity::Info, n.id,
                fmt::format("'{}' has one backend{}: it adds no redundancy yet.", name(i),
                            shrinks
                                ? fmt::format(" ('{}' may drain to one instance)", name(backend))
                                : std::string()),
                shrinks ? fmt::format("min_instances 2 on '{}'", name(backend))
                        : std::string("a second web server behind it"));
        }
        if (plan.nodes[i].blocking && e.reached && e.stable && e.arrivalRps > 0) {
            const double own = (e.readRps * plan.nodes[i].readServiceMs +
                                e.writeRps * plan.nodes[i].writeServiceMs) /
                               e.arrivalRps;
            if (e.serviceMs > 2 * own)
                add(Severity::Info, n.id,
                    fmt::format("'{}' is blocking: each worker is held {:.3g} ms, of which "
                                "{:.3g} ms waiting on downstream calls.",
                                name(i), e.serviceMs, e.serviceMs - own),
                    "concurrency_model async, or more workers");
        }
        if (plan.nodes[i].traits.source && e.reached && e.timeoutFraction &&
            *e.timeoutFraction >= 0.01)
            add(Severity::Warning, n.id,
                fmt::format("'{}' times out after {:.3g} ms: about {:.3g}% of its requests "
                            "are expected to fail by timeout{}.",
                            name(i), n.number("timeout_ms"), 100 * *e.timeoutFraction,
                            e.triesPerRequest
                                ? fmt::format(" after {:.3g} tries on average", *e.triesPerRequest)
                                : std::string()),
                "a longer timeout_ms, or more capacity on the path");
    }

    // Static assets: served by the web tier without a CDN, or what the CDN takes off it.
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const NodeRouting& r = plan.nodes[i];
        if (!r.isClient || r.staticRatio <= 0 || r.rateRps <= 0 || !r.hasEntry)
            continue;
        const std::size_t edge = plan.index->source(i).edge();
        if (edge == TopologyIndex::kNone) {
            add(Severity::Info, t.nodes[i].id,
                fmt::format("{:.0f}% of the requests of '{}' are static assets ({:.0f} req/s), "
                            "served by the web tier.",
                            r.staticRatio * 100, name(i), r.rateRps * r.staticRatio),
                "a CDN in front of an object store: at a 95% hit ratio the origin sees 1 in 20");
            continue;
        }
        const std::size_t cdn = plan.index->to(edge);
        const double hit = std::max(0.0, plan.nodes[cdn].hitRatio);
        add(Severity::Info, t.nodes[cdn].id,
            fmt::format("'{}' answers about {:.1f}% of the static requests at the edge; its origin "
                        "gets {:.0f} of {:.0f} req/s.",
                        name(cdn), hit * 100, a.nodes[cdn].staticRps * (1 - hit),
                        a.nodes[cdn].staticRps));
    }

    sessionFindings(t, plan, a, naming, out);

    if (std::none_of(out.begin(), out.end(),
                     [](const Finding& f) { return findingRank(f.severity) < 2; })) {
        if (std::isfinite(a.maxScale) && a.bottleneck)
            add(Severity::Info, *a.bottleneck,
                fmt::format("No node above 80% and no single point of failure. The load can "
                            "grow {:.3g}x before '{}' saturates.",
                            a.maxScale, name(*plan.index->node(*a.bottleneck))));
    }
    std::stable_sort(out.begin(), out.end(), [](const Finding& x, const Finding& y) {
        return findingRank(x.severity) < findingRank(y.severity);
    });
    return out;
}

} // namespace scalelab::core
