#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/Frame.h"
#include "core/sim/LastWriteTable.h"
#include "core/sim/RandomStream.h"
#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

class Kernel;

/// A master and the replicas its replication links reach. Routes reads and writes, keeps
/// the replication log (each replica applies a write lag_ms after the master committed
/// it), detects stale reads, and runs failover: detection, choice of the most up-to-date
/// replica, promotion, lost writes, the old master rejoining as a replica.
class ReplicationGroup {
public:
    ReplicationGroup(Kernel& kernel, std::uint32_t index, std::uint32_t master);
    /// `syncRoundTrip` >= 0: a sync replica (the master waits that long for its ack);
    /// negative: async, applying each write `lag` after the master committed it.
    void addReplica(std::uint32_t node, SimTime lag, SimTime syncRoundTrip = -1);
    /// How long a write waits at the master for its healthy sync replicas' acks (the
    /// longest round trip); 0 when it has none.
    SimTime syncWait() const;

    bool isMember(std::uint32_t node) const { return memberOf(node) != kNone; }
    bool isMaster(std::uint32_t node) const { return node == m_members[m_master].node; }
    /// The node writes go to (possibly down: such writes are refused).
    std::uint32_t writeTarget() const { return m_members[m_master].node; }
    /// A healthy replica (round robin), else the master if up, else kNone.
    std::uint32_t readTarget();

    /// The master committed a write of `key`.
    void commit(std::uint64_t key, SimTime now);
    /// True when the replica has not applied the latest write of the key yet.
    bool isStale(std::uint32_t node, std::uint64_t key, SimTime now);

    void memberFailed(std::uint32_t node);
    void memberRecovered(std::uint32_t node);
    /// A `promote` action: this replica becomes master after promote_s.
    void promote(std::uint32_t node);
    void timer(std::uint32_t code);
    /// The role now held by a member.
    const char* role(std::uint32_t node) const;

private:
    struct Member {
        std::uint32_t node;
        SimTime lag = 0;
        SimTime syncRoundTrip = -1; ///< >= 0: sync replica
        std::uint64_t applied = 0;  ///< highest write seq applied
        std::uint64_t cursor = 0;   ///< next log position to apply
    };
    struct LogEntry {
        SimTime time;
        std::uint64_t seq;
    };
    std::uint32_t memberOf(std::uint32_t node) const;
    std::uint64_t applied(Member& m, SimTime now);
    void appendLog(SimTime now, std::uint64_t seq);
    void trimLog();
    /// The highest write every replica has applied by `now`.
    std::uint64_t appliedEverywhere(SimTime now);
    /// Replication stops: each replica keeps what it applied by now, the rest is dropped.
    void freezeReplicas(SimTime now);
    void finishPromotion(std::uint32_t member);
    void startPromotion(std::uint32_t member, const char* how);

    Kernel& m_kernel;
    std::uint32_t m_index;
    std::vector<Member> m_members; ///< [0] is the master of the file
    std::uint32_t m_master = 0;    ///< member index of the current master
    std::uint64_t m_committed = 0;
    std::vector<LogEntry> m_log; ///< ring buffer
    std::uint64_t m_logBase = 0; ///< log position of the oldest entry kept
    std::uint64_t m_logEnd = 0;
    /// Latest write of each key some replica may not have applied (sparse, pruned).
    LastWriteTable m_lastWrites;
    std::uint32_t m_nextRead = 0;
    // Failover.
    std::uint32_t m_epoch = 0; ///< timers of an older epoch are ignored
    std::uint32_t m_candidate = kNone;
    bool m_detecting = false;
    bool m_promoting = false;
};

} // namespace scalelab::core::sim
