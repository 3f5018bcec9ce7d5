#include <cmath>

#include "core/analysis/Analysis.h"
#include "core/analysis/FailureAnalysis.h"
#include "core/analysis/Findings.h"
#include "core/analysis/JobEstimate.h"
#include "core/analysis/LoadModel.h"
#include "core/analysis/RoutingPlan.h"
#include "core/cost/Cost.h"

namespace scalelab::core {

const NodeEstimate* Analysis::node(const NodeId& id) const
{
    for (const auto& n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

namespace analyzer_detail {

bool clientHasEntry(const NodeRouting& client)
{
    return client.hasEntry;
}

// Rate-weighted mean over clients of one class's time; nullopt when no client sends it.
std::optional<double> clientMean(const RoutingPlan& plan, const LoadState& load,
                                 double (*share)(const NodeRouting&),
                                 const std::vector<double>* readMs)
{
    double weight = 0, sum = 0;
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
        const NodeRouting& r = plan.nodes[i];
        if (!r.isClient)
            continue;
        const double w = r.rateRps * share(r);
        if (!clientHasEntry(r) || w <= 0)
            continue;
        weight += w;
        sum += w * (readMs ? (*readMs)[i] : load.writeMs[i]);
    }
    if (weight <= 0)
        return std::nullopt;
    return sum / weight;
}

} // namespace analyzer_detail

Analysis analyze(const Topology& t)
{
    Analysis a;
    a.name = t.name;
    a.cost = costOf(t);
    const TopologyIndex index(t);
    const RoutingPlan plan = buildRoutingPlan(t, index);
    if (!plan.acyclic) {
        for (const auto& n : t.nodes) {
            NodeEstimate e;
            e.id = n.id;
            e.kind = n.kind.str();
            e.source = n.spec() && n.spec()->traits.source;
            a.nodes.push_back(e);
        }
        a.findings.push_back(
            {Severity::Error, {}, "Request links form a loop: no estimate is possible.", {}});
        return a;
    }
    const LoadState load = computeLoad(t, plan, 1.0);
    a.nodes = load.nodes;
    estimateJobs(t, plan, a.nodes);

    using analyzer_detail::clientMean;
    a.endToEndReadMs = clientMean(
        plan, load, [](const NodeRouting& r) { return r.readRatio; }, &load.readMs);
    a.endToEndWriteMs = clientMean(
        plan, load, [](const NodeRouting& r) { return 1.0 - r.readRatio; }, nullptr);
    {
        double weight = 0, sum = 0;
        for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
            const NodeRouting& r = plan.nodes[i];
            if (!r.isClient || r.rateRps <= 0 || !analyzer_detail::clientHasEntry(r))
                continue;
            weight += r.rateRps;
            sum += r.rateRps * a.nodes[i].meanResponseMs;
        }
        if (weight > 0)
            a.endToEndMeanMs = sum / weight;
    }

    double busiest = 0;
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        if (plan.nodes[i].isQueue && e.reached && e.offeredLoad > busiest) {
            busiest = e.offeredLoad;
            a.bottleneck = e.id;
        }
    }
    a.maxScale = maxScale(t, plan);
    for (std::size_t i : singlePointsOfFailure(t, plan))
        a.singlePointsOfFailure.push_back(t.nodes[i].id);
    a.findings = findingsFor(t, plan, a);
    return a;
}

} // namespace scalelab::core
