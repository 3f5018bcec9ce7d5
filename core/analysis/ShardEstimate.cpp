#include "core/analysis/ShardEstimate.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/DominantClient.h"

namespace scalelab::core {

std::vector<double> shardShares(const ShardMap& map, std::uint64_t keySpace, double skew)
{
    constexpr std::uint64_t kExact = std::uint64_t{1} << 20;
    constexpr std::uint64_t kTailSample = std::uint64_t{1} << 16;
    std::vector<double> shares(map.shards(), 0.0);
    keySpace = std::max<std::uint64_t>(keySpace, 1);
    double total = 0;
    const std::uint64_t exact = std::min(keySpace, kExact);
    for (std::uint64_t k = 1; k <= exact; ++k) {
        const double w = std::pow(static_cast<double>(k), -skew);
        shares[map.shardOf(k)] += w;
        total += w;
    }
    if (keySpace > exact) {
        // Keys exact+1..keySpace in kTailSample stretches; a stretch's popularity is the
        // integral of k^-s over it, carried by its middle key.
        const double from = static_cast<double>(exact) + 0.5;
        const double to = static_cast<double>(keySpace) + 0.5;
        const auto integral = [skew](double a, double b) {
            return std::abs(skew - 1.0) < 1e-12
                       ? std::log(b / a)
                       : (std::pow(b, 1 - skew) - std::pow(a, 1 - skew)) / (1 - skew);
        };
        for (std::uint64_t i = 0; i < kTailSample; ++i) {
            const double a = from + (to - from) * static_cast<double>(i) / kTailSample;
            const double b = from + (to - from) * static_cast<double>(i + 1) / kTailSample;
            const auto key = static_cast<std::uint64_t>(std::llround(0.5 * (a + b)));
            const double w = integral(a, b);
            shares[map.shardOf(key)] += w;
            total += w;
        }
    }
    for (double& s : shares)
        s /= total;
    return shares;
}

ShardMap shardMapOf(const Topology& t, const TopologyIndex& index, std::size_t node)
{
    const Node& config = t.nodes[index.groupMaster(node)];
    return ShardMap(
        static_cast<std::uint32_t>(std::max<std::int64_t>(1, config.integer("shards"))),
        config.text("sharding"),
        static_cast<std::uint32_t>(std::max<std::int64_t>(1, config.integer("virtual_nodes"))));
}

void setShardShares(const Topology& t, const TopologyIndex& index, RoutingPlan& plan)
{
    const std::size_t n = t.nodes.size();
    // The client sending each group master the most requests (over request links; a group
    // is reached through its master's link).
    std::vector<double> rate(n, -1.0);
    for (std::size_t c = 0; c < n; ++c)
        if (plan.nodes[c].isClient)
            rate[c] = plan.nodes[c].rateRps;
    const std::vector<std::size_t> dominant = dominantClients(index, rate);
    std::vector<std::size_t> client(n, TopologyIndex::kNone);
    for (std::size_t v = 0; v < n; ++v) {
        const std::size_t c = dominant[v];
        if (c == TopologyIndex::kNone || !plan.nodes[v].traits.dataStore)
            continue;
        const std::size_t m = index.groupMaster(v);
        if (client[m] == TopologyIndex::kNone || rate[c] > rate[client[m]] ||
            (rate[c] == rate[client[m]] && c < client[m]))
            client[m] = c;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!plan.nodes[i].traits.dataStore)
            continue;
        const ShardMap map = shardMapOf(t, index, i);
        if (map.shards() <= 1)
            continue;
        const std::size_t c = client[index.groupMaster(i)];
        NodeRouting& r = plan.nodes[i];
        if (c == TopologyIndex::kNone) {
            r.shardShares.assign(map.shards(), 1.0 / map.shards());
        } else {
            const auto keys = static_cast<std::uint64_t>(
                std::max<std::int64_t>(1, t.nodes[c].integer("key_space")));
            const double skew = t.nodes[c].number("key_skew");
            r.shardShares = shardShares(map, keys, skew);
            // The hottest key (key 1) alone: the celebrity of the celebrity problem.
            double total = 0;
            for (std::uint64_t k = 1; k <= std::min<std::uint64_t>(keys, 1 << 20); ++k)
                total += std::pow(static_cast<double>(k), -skew);
            r.hotKeyShare = 1.0 / total;
            r.hotKeyShard = map.shardOf(1);
        }
        r.hotShare = *std::max_element(r.shardShares.begin(), r.shardShares.end());
    }
}

} // namespace scalelab::core
