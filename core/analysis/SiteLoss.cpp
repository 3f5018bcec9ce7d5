#include "core/analysis/SiteLoss.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/analysis/FailureAnalysis.h"
#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

namespace site_loss_detail {

// Requests per second a client loses between two service levels; static assets are
// counted with the reads (they take the read path when no CDN serves them).
double lostRps(const NodeRouting& r, const ClientService& before, const ClientService& after)
{
    const double readShare = r.staticRatio + (1 - r.staticRatio) * r.readRatio;
    const double writeShare = (1 - r.staticRatio) * (1 - r.readRatio);
    return r.rateRps * (readShare * std::max(0.0, before.reads - after.reads) +
                        writeShare * std::max(0.0, before.writes - after.writes));
}

// Writes a replication group with its master in `site` loses when the site goes: none
// when a replica elsewhere acknowledges synchronously or when no replica is elsewhere
// (then the writes fail instead, counted as cut off); else the lag of the most up to
// date replica elsewhere, the one promoted.
double groupLostWrites(const Topology& t, const ReplicationGroupInfo& g, const std::string& site,
                       double writeRps)
{
    double lag = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < g.replicas.size(); ++k) {
        if (t.nodes[g.replicas[k]].site() == site)
            continue;
        const Link& l = t.links[g.links[k]];
        lag = std::min(lag, l.synchronous() ? 0.0 : l.lagMs());
    }
    return std::isinf(lag) ? 0.0 : writeRps * lag / 1000.0;
}

} // namespace site_loss_detail

using namespace site_loss_detail;

double entryRps(const Topology& t, const TopologyIndex& index, const NodeRouting& r, std::size_t c,
                const std::string& site)
{
    const std::size_t edge = index.source(c).edge();
    const bool staticAway = edge != TopologyIndex::kNone && t.nodes[index.to(edge)].site() != site;
    return r.rateRps * (staticAway ? 1 - r.staticRatio : 1.0);
}

std::vector<SiteLoss> siteLosses(const Topology& t, const Analysis& a)
{
    std::vector<SiteLoss> out;
    std::map<std::string, std::size_t> slot;
    for (const Node& n : t.nodes) {
        const std::string site = n.spec() ? n.site() : std::string();
        if (site.empty())
            continue;
        auto [it, added] = slot.try_emplace(site, out.size());
        if (added)
            out.push_back(SiteLoss{site});
        if (!n.spec()->traits.source)
            ++out[it->second].nodes;
    }
    if (out.empty() || a.nodes.size() != t.nodes.size())
        return {};
    const TopologyIndex index(t);
    const RoutingPlan plan = buildRoutingPlan(t, index);
    if (!plan.acyclic)
        return {};

    std::vector<bool> down(t.nodes.size(), false);
    const std::vector<ClientService> before = serviceAfterFailure(t, plan, down);
    for (SiteLoss& loss : out) {
        // Every failover done: what the clients still lose.
        for (std::size_t i = 0; i < t.nodes.size(); ++i)
            down[i] = t.nodes[i].spec() && !t.nodes[i].spec()->traits.source &&
                      t.nodes[i].site() == loss.site;
        const std::vector<ClientService> after = serviceAfterFailure(t, plan, down);
        for (std::size_t k = 0; k < before.size() && k < after.size(); ++k)
            loss.cutOffRps += lostRps(plan.nodes[before[k].client], before[k], after[k]);

        // Until then: geo users whose home entry is in the site.
        for (std::size_t c = 0; c < t.nodes.size(); ++c) {
            const auto& routes = index.source(c);
            const NodeRouting& r = plan.nodes[c];
            if (!routes.geo || routes.preference.size() < 2 || r.rateRps <= 0 ||
                t.nodes[index.to(routes.preference[0])].site() != loss.site)
                continue;
            const double detectS = t.nodes[index.to(routes.resolver())].number("detect_s");
            const double ttlS = t.nodes[c].number("dns_ttl_s");
            const Link& home = t.links[routes.preference[0]];
            const Link& away = t.links[routes.preference[1]];
            const double moved = entryRps(t, index, r, c, loss.site);
            loss.movedRps += moved;
            loss.failedRequests += moved * (detectS + ttlS / 2);
            loss.backAfterS = std::max(loss.backAfterS, detectS + ttlS);
            loss.extraMs = std::max(loss.extraMs, 2 * (away.latencyMs() - home.latencyMs()));
        }

        for (const ReplicationGroupInfo& g : index.groups())
            if (t.nodes[g.master].site() == loss.site)
                loss.lostWrites += groupLostWrites(t, g, loss.site, a.nodes[g.master].writeRps);
    }
    return out;
}

} // namespace scalelab::core
