#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/model/Topology.h"

namespace scalelab::core {

/// Hours in a billing month, as cloud price lists count them (365 x 24 / 12).
inline constexpr double kHoursPerMonth = 730;

/// What a design costs to run, in USD.
struct Cost {
    double perHour = 0;
    double perMonth = 0;
};

/// One node's price per hour: its `cost_per_hour` times its `instances` and its `shards`
/// (1 for a kind without such a parameter). An autoscaled pool counts the instances it
/// starts with (`instances` inside `min_instances`..`max_instances`, as the pool starts).
double nodeCostPerHour(const Node& node);

/// The instances a pool starts with (1 for a kind that is no pool).
double startingInstances(const Node& node);

/// The same price with `instances` paid for: a run's time-averaged pool size.
double nodeCostPerHour(const Node& node, double instances);

/// The whole design: the sum over its nodes.
Cost costOf(const Topology& topology);

/// {per_hour, per_month}: the `cost` key of analysis and results documents.
nlohmann::ordered_json costJson(const Cost& cost);

} // namespace scalelab::core
