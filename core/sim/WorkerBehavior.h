#pragma once

#include "core/sim/WebServerBehavior.h"

namespace scalelab::core::sim {

/// A worker: takes jobs from the message queues whose consume links reach it and runs
/// each as a web server runs a request (own service, then next tiers, cache and data
/// store), holding one of its `workers` threads for the whole job. Its queues hand it a
/// job only when a thread is free, so jobs wait in the queue, not here.
class WorkerBehavior final : public WebServerBehavior {
public:
    using WebServerBehavior::WebServerBehavior;

    void reconfigure() override;
    void recover() override;
    /// Threads a queue may fill now: its servers while up, none while down.
    std::uint32_t freeThreadsLimit() const { return m_up ? servers() : 0; }

private:
    /// More threads, or back up: the queues may hand out what waits.
    void wakeQueues();
};

} // namespace scalelab::core::sim
