#include "core/analysis/FailureAnalysis.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>

namespace scalelab::core {

namespace failure_detail {

class ServiceEvaluator {
public:
    ServiceEvaluator(const Topology& t, const RoutingPlan& plan, const std::vector<bool>& down)
        : m_t(t), m_plan(plan), m_down(down), m_memo(t.nodes.size())
    {
    }

    // Fraction of requests of one class that a node answers successfully.
    double serve(std::size_t i, bool read)
    {
        if (m_down[i])
            return 0.0;
        auto& memo = m_memo[i][read ? 0 : 1];
        if (memo)
            return *memo;
        memo = 0.0; // a request loop (invalid anyway) must not recurse forever
        memo = compute(i, read);
        return *memo;
    }

private:
    const Topology& m_t;
    const RoutingPlan& m_plan;
    const std::vector<bool>& m_down;
    std::vector<std::array<std::optional<double>, 2>> m_memo;

    double compute(std::size_t i, bool read)
    {
        const NodeRouting& r = m_plan.nodes[i];
        if (r.traits.balancer) {
            // Health checks take down backends out; the rest share the traffic.
            double share = 0, served = 0;
            for (const auto& c : r.calls) {
                const double p = read ? c.pRead : c.pWrite;
                if (m_down[c.target])
                    continue;
                share += p;
                served += p * serve(c.target, read);
            }
            return share > 0 ? served / share : 0.0;
        }
        if (!r.traits.application)
            return 1.0; // a leaf that is up answers
        // Each next-tier node is called in turn (no health checking): all must answer.
        double next = 1.0;
        for (std::size_t target : r.nextTier)
            next *= serve(target, read);
        double data = 1.0;
        if (r.groupMaster >= 0) {
            const auto m = static_cast<std::size_t>(r.groupMaster);
            data = read ? groupReads(m) : groupWrites(m);
        }
        if (read && r.cache >= 0) {
            const auto c = static_cast<std::size_t>(r.cache);
            const double hit = m_down[c] ? 0.0 : m_plan.nodes[c].hitRatio;
            data = hit + (1 - hit) * data; // a down cache sends its reads to the database
        }
        const double direct = next * data;
        if (r.broker < 0)
            return direct;
        // Publishing requests need only the queue's ack: its workers may be down.
        const double published = m_down[static_cast<std::size_t>(r.broker)] ? 0.0 : 1.0;
        return (1.0 - r.publishRatio) * direct + r.publishRatio * published;
    }

    double groupReads(std::size_t master) const
    {
        if (!m_down[master])
            return 1.0;
        for (std::size_t r : replicasOf(m_plan, master))
            if (!m_down[r])
                return 1.0;
        return 0.0;
    }

    double groupWrites(std::size_t master) const
    {
        if (!m_down[master])
            return 1.0;
        if (m_t.nodes[master].text("failover") != "auto")
            return 0.0;
        for (std::size_t r : replicasOf(m_plan, master))
            if (!m_down[r])
                return 1.0; // promoted after detect_s + promote_s
        return 0.0;
    }
};

} // namespace failure_detail

std::vector<ClientService> serviceAfterFailure(const Topology& t, const RoutingPlan& plan,
                                               const std::vector<bool>& down)
{
    failure_detail::ServiceEvaluator evaluator(t, plan, down);
    std::vector<ClientService> out;
    for (std::size_t c = 0; c < t.nodes.size(); ++c) {
        if (!plan.nodes[c].isClient)
            continue;
        ClientService s{c, 0.0, 0.0};
        bool hasEntry = false;
        double lookups = 1.0;
        for (const auto& call : plan.nodes[c].calls) {
            if (plan.nodes[call.target].traits.resolver) {
                if (down[call.target])
                    lookups = 1.0 - call.pRead; // those lookups fail, the rest skip DNS
            } else {
                hasEntry = true;
                s.reads = evaluator.serve(call.target, true);
                s.writes = evaluator.serve(call.target, false);
            }
        }
        if (!hasEntry)
            continue; // reaches nothing in the first place: nothing to cut off
        s.reads *= lookups;
        s.writes *= lookups;
        out.push_back(s);
    }
    return out;
}

std::vector<std::size_t> singlePointsOfFailure(const Topology& t, const RoutingPlan& plan)
{
    const std::size_t n = t.nodes.size();
    std::vector<bool> down(n, false);
    const auto baseline = serviceAfterFailure(t, plan, down);
    // Only nodes some client's requests can reach are candidates.
    std::vector<bool> reachable(n, false);
    for (std::size_t i : plan.order) {
        if (plan.nodes[i].isClient)
            reachable[i] = true;
        if (reachable[i])
            for (const auto& call : plan.nodes[i].calls)
                reachable[call.target] = true;
    }
    std::vector<std::size_t> spof;
    for (std::size_t v = 0; v < n; ++v) {
        if (plan.nodes[v].isClient || !reachable[v])
            continue;
        down[v] = true;
        const auto after = serviceAfterFailure(t, plan, down);
        down[v] = false;
        for (std::size_t k = 0; k < after.size(); ++k) {
            const auto& before = baseline[k];
            const NodeRouting& client = plan.nodes[before.client];
            const bool readsLost = client.readRatio > 0 && after[k].reads < before.reads - 1e-9;
            const bool writesLost =
                client.readRatio < 1 && after[k].writes < before.writes - 1e-9;
            if (readsLost || writesLost) {
                spof.push_back(v);
                break;
            }
        }
    }
    return spof;
}

} // namespace scalelab::core
