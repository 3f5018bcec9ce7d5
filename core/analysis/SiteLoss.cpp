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

} // namespace site_loss_detail

using namespace site_loss_detail;

double entryRps(const Topology& t, const TopologyIndex& index, const NodeRouting& r, std::size_t c,
                const std::string& site)
{
    const std::size_t edge = index.source(c).edge();
    const bool staticAway = edge != TopologyIndex::kNone && t.nodes[index.to(edge)].site() != site;
    return r.rateRps * (staticAway ? 1 - r.staticRatio : 1.0);
}

std::vector<GeoUsersLoss> geoUsersLosses(const Topology& t, const RoutingPlan& plan)
{
    const TopologyIndex& index = *plan.index;
    std::vector<GeoUsersLoss> out;
    for (std::size_t c = 0; c < t.nodes.size(); ++c) {
        const auto& routes = index.source(c);
        const NodeRouting& r = plan.nodes[c];
        if (!routes.geo || routes.preference.size() < 2 || r.rateRps <= 0)
            continue;
        GeoUsersLoss users;
        users.client = c;
        users.home = routes.preference[0];
        users.away = routes.preference[1];
        users.site = t.nodes[index.to(users.home)].site();
        if (users.site.empty())
            continue;
        users.detectS = t.nodes[index.to(routes.resolver())].number("detect_s");
        users.ttlS = t.nodes[c].number("dns_ttl_s");
        // Static requests a CDN elsewhere serves neither fail nor move.
        users.movedRps = entryRps(t, index, r, c, users.site);
        users.failedRequests = users.movedRps * (users.detectS + users.ttlS / 2);
        users.backAfterS = users.detectS + users.ttlS;
        users.extraMs = 2 * (t.links[users.away].latencyMs() - t.links[users.home].latencyMs());
        out.push_back(std::move(users));
    }
    return out;
}

std::vector<WriteLoss> writeLosses(const Topology& t, const TopologyIndex& index, const Analysis& a)
{
    std::vector<WriteLoss> out;
    for (const ReplicationGroupInfo& g : index.groups()) {
        const std::string site = t.nodes[g.master].site();
        if (site.empty() || g.master >= a.nodes.size())
            continue;
        WriteLoss w;
        w.master = g.master;
        w.writeRps = a.nodes[g.master].writeRps;
        // A sync replica has every acknowledged write; else the least lag is promoted
        // (the first of equals, as the simulator picks).
        double lag = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < g.replicas.size(); ++k) {
            if (t.nodes[g.replicas[k]].site() == site)
                continue;
            const Link& l = t.links[g.links[k]];
            const double behind = l.synchronous() ? 0.0 : l.lagMs();
            if (behind < lag) {
                lag = behind;
                w.link = g.links[k];
            }
        }
        // No replica elsewhere: the writes fail instead (counted as cut off).
        if (w.link == TopologyIndex::kNone)
            continue;
        w.lostWrites = w.writeRps * lag / 1000.0;
        out.push_back(w);
    }
    return out;
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

    const std::vector<GeoUsersLoss> geo = geoUsersLosses(t, plan);
    const std::vector<WriteLoss> writes = writeLosses(t, index, a);
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
        for (const GeoUsersLoss& users : geo) {
            if (users.site != loss.site)
                continue;
            loss.movedRps += users.movedRps;
            loss.failedRequests += users.failedRequests;
            loss.backAfterS = std::max(loss.backAfterS, users.backAfterS);
            loss.extraMs = std::max(loss.extraMs, users.extraMs);
        }
        for (const WriteLoss& w : writes)
            if (t.nodes[w.master].site() == loss.site)
                loss.lostWrites += w.lostWrites;
    }
    return out;
}

} // namespace scalelab::core
