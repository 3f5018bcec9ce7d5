#include "core/cost/Cost.h"

#include <nlohmann/json.hpp>

namespace scalelab::core {

double nodeCostPerHour(const Node& node)
{
    const KindSpec* spec = node.spec();
    if (!spec || !spec->param("cost_per_hour"))
        return 0;
    // A pool (DESIGN.md "Pools and autoscaling") is that many identical servers, each paid;
    // so is a sharded database, one server a shard ("Sharding").
    double servers = 1;
    for (const char* count : {"instances", "shards"})
        if (spec->param(count))
            servers *= static_cast<double>(node.integer(count));
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
