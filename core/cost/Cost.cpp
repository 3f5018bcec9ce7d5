#include "core/cost/Cost.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace scalelab::core {

double startingInstances(const Node& node)
{
    const KindSpec* spec = node.spec();
    if (!spec || !spec->param("instances"))
        return 1;
    std::int64_t n = node.integer("instances");
    // An autoscaled pool starts inside its bounds (the kernel's InstancePool does the same).
    if (spec->param("autoscale") && node.flag("autoscale")) {
        const std::int64_t low = node.integer("min_instances");
        n = std::clamp(n, low, std::max(low, node.integer("max_instances")));
    }
    return static_cast<double>(std::max<std::int64_t>(n, 1));
}

double nodeCostPerHour(const Node& node)
{
    return nodeCostPerHour(node, startingInstances(node));
}

double nodeCostPerHour(const Node& node, double instances)
{
    const KindSpec* spec = node.spec();
    if (!spec || !spec->param("cost_per_hour"))
        return 0;
    // A pool (DESIGN.md "Pools and autoscaling") is that many identical servers, each paid;
    // so is a sharded database, one server a shard ("Sharding").
    double servers = instances;
    if (spec->param("shards"))
        servers *= static_cast<double>(node.integer("shards"));
    return node.number("cost_per_hour") * servers;
}

Cost costOf(const Topology& topology)
{
    Cost cost;
    for (const Node& node : topology.nodes)
        cost.perHour += nodeCostPerHour(node);
    cost.perMonth = cost.perHour * kHoursPerMonth;
    return cost;
}

nlohmann::ordered_json costJson(const Cost& cost)
{
    return {{"per_hour", cost.perHour}, {"per_month", cost.perMonth}};
}

} // namespace scalelab::core
