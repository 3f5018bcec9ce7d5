#pragma once

#include "core/sim/InstancePool.h"
#include "core/sim/NodeBehavior.h"
#include "core/sim/ServiceTime.h"

namespace scalelab::core::sim {

/// A c-server FIFO queue (DNS, load balancer, web server, cache, database): `workers`
/// servers per instance times `instances` (InstancePool: a pool is one station of N x workers
/// servers, sized by its autoscaler), service times from ServiceTime, `queue_limit` waiting
/// places (full = rejected). Subclasses say what happens once a request is served (served()).
class QueueStation : public NodeBehavior {
public:
    using NodeBehavior::NodeBehavior;

    void reconfigure() override;
    void serviceDone(std::uint32_t frame) override;
    /// The pool's timers (evaluations, instances booting); a subclass with timers of its
    /// own passes the codes it does not know on to this.
    void timer(std::uint32_t code) override;
    void fail() override;
    void recover() override;
    void resetStats() override;
    void fillResults(NodeResults& out) const override;
    std::pair<double, double> serverAreas(SimTime t) const override
    {
        return {m_busyTime.areaAt(t), m_serverTime.areaAt(t)};
    }
    void fillSnapshot(NodeSnapshot& out) override;
    /// Requests it serves at once (a message queue hands a worker no more jobs than this).
    std::uint32_t servers() const { return m_servers; }
    /// Reads and writes with their own mean service times (a database's read_ms /
    /// write_ms): writes are configured first, then the queue (which may start requests).
    void configureReadWrite(const char* serversParam, double readMs, double writeMs);
    /// Busy server-time, server-time and waiting-time areas since the warm-up.
    struct Occupancy {
        double busy = 0;
        double servers = 0;
        double queue = 0;
    };
    Occupancy measuredOccupancy() const;
    void fillSeries(TimeSeries& out) const override;

protected:
    void accept(std::uint32_t frame) override;
    /// Service time of this request: writes have their own when m_writesDiffer (databases).
    /// Not virtual: it is on the path of every request.
    SimTime drawService(const Frame& frame)
    {
        const bool write = m_writesDiffer && frame.cls == RequestClass::Write;
        const SimTime d = (write ? m_writeService : m_service).draw(m_kernel.rng(m_index));
        return (frame.flags & kFlagLogin) ? d + m_loginService : d;
    }
    /// The request has been served: answer it, or send it on. Default: answer.
    virtual void served(std::uint32_t frame) { answer(frame); }
    /// Answers a frame (success when reason is None), releasing a held worker.
    void answer(std::uint32_t frame, FailReason reason = FailReason::None);
    /// Reads workers (or connections), service_ms (when the kind has it), dist, speed, limit.
    void configureQueue(const char* serversParam, double serviceMs);
    /// Empties the queue and the servers without answering anything (a failure: the node
    /// answers what it held).
    void clearQueue();

    ServiceTime m_service;
    ServiceTime m_writeService;
    bool m_writesDiffer = false;
    /// Blocking web servers keep the worker until downstream calls return.
    bool m_holdWorker = false;
    /// Extra service of a request marked kFlagLogin (a web server's session miss).
    SimTime m_loginService = 0;
    /// Instances of the pool serving now.
    std::uint32_t servingInstances() const { return m_pool.serving(); }
    /// Drop a request whose client gave up instead of serving it (cancel_on_timeout).
    bool m_cancelAbandoned = false;

private:
    void startService(std::uint32_t frame);
    /// Checked when a request arrives and when a worker takes it from the queue.
    bool cancelIfAbandoned(std::uint32_t frame);
    void releaseWorker(Frame& frame);
    void fillWorkers();
    void updateCapacity();
    /// Servers = workers x serving instances; draining workers still count while busy.
    void applyServers();
    void evaluatePool();

    InstancePool m_pool;
    std::uint32_t m_workers = 1; ///< servers of one instance
    bool m_evaluating = false;   ///< the pool's evaluation timer runs
    double m_busyAtEvaluation = 0;
    double m_serverAtEvaluation = 0;
    std::uint32_t m_servers = 1;
    std::uint64_t m_queueLimit = 0;
    std::uint32_t m_busy = 0;
    std::uint32_t m_capacity = 0; ///< max(servers, busy): the servers that exist
    std::uint32_t m_queueLength = 0;
    std::uint32_t m_queueHead = kNone;
    std::uint32_t m_queueTail = kNone;
    TimeAverage m_busyTime;
    TimeAverage m_queueTime;
    TimeAverage m_serverTime;
    double m_busyAtWarmup = 0;
    double m_queueAtWarmup = 0;
    double m_serverAtWarmup = 0;
    double m_busyAtSnapshot = 0;
    double m_serverAtSnapshot = 0;
};

} // namespace scalelab::core::sim
