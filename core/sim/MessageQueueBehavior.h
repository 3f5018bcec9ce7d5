#pragma once

#include <deque>
#include <vector>

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

class WorkerBehavior;

/// A message queue: a publish is a request served by `workers` ack servers (`service_ms`);
/// served, it becomes a job at the tail of a FIFO backlog of at most `capacity` jobs (a
/// full backlog fails the publish: rejected). Jobs go to the workers its consume links
/// reach whenever one of their threads is free, so the backlog and the worker pool
/// together are one c-server queue. A job whose worker fails under it is handed out again
/// from the head of the backlog (at-least-once delivery); one a worker answers with an
/// error (its downstream failed) counts as failed. The backlog survives the queue's own
/// failure (a durable queue): while it is down, publishes are refused and nothing is
/// handed out.
class MessageQueueBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;

    void init() override;
    void reconfigure() override;
    void recover() override;
    void childReturned(std::uint32_t frame, const Frame& child) override;
    void fillSnapshot(NodeSnapshot& out) override;

    /// Hands waiting jobs to consumers with a free thread (also called by a worker that
    /// recovers or grows).
    void dispatch();
    std::uint64_t backlog() const { return m_backlog.size(); }

protected:
    void served(std::uint32_t frame) override;

private:
    struct Job {
        SimTime publishedAt = 0;
        std::uint64_t key = 0;
        RequestClass cls = RequestClass::Read;
    };
    struct Consumer {
        std::uint32_t link = kNone;
        WorkerBehavior* worker = nullptr;
        std::uint32_t inFlight = 0; ///< jobs handed to it and not answered yet
    };
    /// A consumer with a free thread, round robin; kNone when all are busy or down.
    std::uint32_t freeConsumer();
    void enqueue(const Job& job, bool atHead);

    std::deque<Job> m_backlog;
    std::vector<Consumer> m_consumers;
    std::uint32_t m_next = 0;
    std::uint64_t m_capacity = 0;
    bool m_dispatching = false;
};

} // namespace scalelab::core::sim
