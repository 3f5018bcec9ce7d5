#pragma once

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

class ReplicationGroup;

/// A database: a queue of `connections` with read_ms / write_ms scaled by the engine's
/// profile. Writes commit at the group's master; reads at a replica may be stale.
class DatabaseBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;

    void init() override;
    void reconfigure() override;
    void fail() override;
    void recover() override;
    void fillResults(NodeResults& out) const override;
    void fillSnapshot(NodeSnapshot& out) override;

protected:
    void served(std::uint32_t frame) override;

private:
    std::string role() const;

    ReplicationGroup* m_group = nullptr;
};

} // namespace scalelab::core::sim
