#pragma once

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

class DatabaseBehavior;

/// One shard of a sharded database: its own c-server queue (the database's connections,
/// read_ms and write_ms), fed by the database node with the requests whose keys the shard
/// map gives it. It is no node of its own: the node counts arrivals and failures, answers
/// for it when it fails, and asks it for its figures (nodes.ID.shards).
class ShardStation final : public QueueStation {
public:
    ShardStation(Kernel& kernel, std::uint32_t index, DatabaseBehavior& owner);

    void reconfigure() override;
    /// A request of this shard reaches its queue.
    void take(std::uint32_t frame);
    /// The node failed: everything queued or in service here is gone (the node answers it).
    void drop() { clearQueue(); }
    /// A write parked for its sync replicas' acks (DatabaseBehavior::parkForAcks) is done.
    void acknowledge(std::uint32_t frame);

protected:
    void accept(std::uint32_t frame) override { take(frame); }
    void served(std::uint32_t frame) override;

private:
    DatabaseBehavior& m_owner;
};

} // namespace scalelab::core::sim
