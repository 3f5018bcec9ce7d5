#pragma once

#include <memory>
#include <vector>

#include "core/model/ShardMap.h"
#include "core/sim/QueueStation.h"
#include "core/sim/ShardStation.h"

namespace scalelab::core::sim {

class ReplicationGroup;

/// A database: a queue of `connections` with read_ms / write_ms scaled by the engine's
/// profile. Writes commit at the group's master; reads at a replica may be stale.
/// With `shards` > 1 (read from the group's master: its replicas are sharded alike) each
/// request goes, by the shard map of its key, to one of that many ShardStations, each its
/// own queue of `connections`; `set shards` reshards (event `resharded`). A database that
/// was never sharded serves as one station, exactly as before sharding existed.
class DatabaseBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;
    ~DatabaseBehavior() override;

    void init() override;
    void reconfigure() override;
    void serviceDone(std::uint32_t frame) override;
    void fail() override;
    void recover() override;
    void resetStats() override;
    void fillResults(NodeResults& out) const override;
    /// Sharded: its shards' areas together, as fillResults() adds them up.
    std::pair<double, double> serverAreas(SimTime t) const override;
    void fillSnapshot(NodeSnapshot& out) override;

    /// Reads and writes its service times: the node's and each shard's (ShardStation).
    static void configureStation(QueueStation& station, const Node& node);
    /// A shard served a request: what the database does with it (commit, stale check);
    /// the failure to answer with, None for success.
    FailReason finish(std::uint32_t frame);
    /// A write served at a master with sync replicas waits for their acks (parked at the
    /// node, state Waiting, until an EventType::Resume); true when it was parked.
    bool parkForAcks(std::uint32_t frame);
    void resume(std::uint32_t frame) override;

protected:
    void accept(std::uint32_t frame) override;
    void served(std::uint32_t frame) override;

private:
    std::string role() const;
    /// Re-reads the shard count and method from the group's master; logs `resharded`.
    void reshard();

    ReplicationGroup* m_group = nullptr;
    std::uint32_t m_configNode = 0; ///< the group's master in the file: its shards count
    ShardMap m_map;
    /// Every station ever opened (a reshard to fewer lets the others drain, unused).
    std::vector<std::unique_ptr<ShardStation>> m_shards;
};

} // namespace scalelab::core::sim
