#pragma once

#include <vector>

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

class CacheBehavior;
class ReplicationGroup;

/// Runs the application: serves the request, then calls downstream in order — other
/// web tiers / load balancers it links to, then the data: reads try its cache (a miss or a
/// dead cache goes to the database group), writes go to the group's current master and
/// invalidate the key. With no downstream link it answers itself (an M/M/c queue).
/// `blocking` keeps the worker until downstream calls return; `async` frees it at once.
/// With `publish_ratio`, that share of requests publishes a job to its message queue
/// instead of calling downstream, and is answered after the queue's ack.
/// WorkerBehavior runs its jobs with the same downstream logic.
/// Sessions (session_state): `local` keeps them in the kernel's SessionTable (a request
/// without its user's session here is a login: login_ms more service); `shared` reads the
/// session from the node its session link reaches before going on.
class WebServerBehavior : public QueueStation {
public:
    using QueueStation::QueueStation;

    void init() override;
    void reconfigure() override;
    void childReturned(std::uint32_t frame, const Frame& child) override;
    void fail() override;
    void resetStats() override;
    void fillResults(NodeResults& out) const override;
    void fillSnapshot(NodeSnapshot& out) override;

protected:
    void accept(std::uint32_t frame) override;
    void served(std::uint32_t frame) override;

private:
    void proceed(std::uint32_t frame);
    void readDatabase(std::uint32_t frame);
    void checkLocalSession(std::uint32_t frame);
    /// A dynamic request (after its session read): publish a job or call downstream.
    void publishOrProceed(std::uint32_t frame);
    enum class Sessions { None, Local, Shared };

    std::vector<std::uint32_t> m_tiers; ///< links to web servers / load balancers
    std::uint32_t m_cacheLink = kNone;
    CacheBehavior* m_cache = nullptr;
    std::uint32_t m_dbLink = kNone;
    ReplicationGroup* m_group = nullptr;
    std::uint32_t m_publishLink = kNone;
    double m_publishRatio = 0;
    bool m_leaf = false; ///< nothing behind it: no tier, cache, database, queue or store
    std::uint32_t m_sessionLink = kNone;
    Sessions m_sessions = Sessions::None;
    bool m_everSessions = false; ///< kept sessions at some point of the run (results)
    std::uint64_t m_sessionMisses = 0;
    std::uint64_t m_sessionsLost = 0;
    std::uint64_t m_missesAtWarmup = 0;
    std::uint64_t m_lostAtWarmup = 0;
};

} // namespace scalelab::core::sim
