#include "core/sim/ReplicationGroup.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/sim/Kernel.h"
#include "core/sim/NodeBehavior.h"

namespace scalelab::core::sim {

namespace {
constexpr std::uint32_t kDetected = 0;
constexpr std::uint32_t kPromoted = 1;
} // namespace

ReplicationGroup::ReplicationGroup(Kernel& kernel, std::uint32_t index, std::uint32_t master)
    : m_kernel(kernel), m_index(index), m_log(1024)
{
    m_members.push_back({master});
}

void ReplicationGroup::addReplica(std::uint32_t node, SimTime lag, SimTime syncRoundTrip)
{
    // A sync replica applied a write before the master acknowledged it: no lag after the
    // commit (which happens once the acks are in, see DatabaseBehavior).
    m_members.push_back({node, syncRoundTrip >= 0 ? 0 : lag, syncRoundTrip});
}

SimTime ReplicationGroup::syncWait() const
{
    // A down sync replica is not waited for (as semi-synchronous replication falls back),
    // nor is the master itself; a promoted replica keeps its mode towards the others.
    SimTime wait = 0;
    for (std::uint32_t i = 0; i < m_members.size(); ++i)
        if (i != m_master && m_members[i].syncRoundTrip >= 0 &&
            m_kernel.behavior(m_members[i].node).up())
            wait = std::max(wait, m_members[i].syncRoundTrip);
    return wait;
}

std::uint32_t ReplicationGroup::memberOf(std::uint32_t node) const
{
    for (std::uint32_t i = 0; i < m_members.size(); ++i)
        if (m_members[i].node == node)
            return i;
    return kNone;
}

const char* ReplicationGroup::role(std::uint32_t node) const
{
    return isMaster(node) ? "master" : "replica";
}

std::uint32_t ReplicationGroup::readTarget()
{
    const auto n = static_cast<std::uint32_t>(m_members.size());
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t i = (m_nextRead + k) % n;
        if (i != m_master && m_kernel.behavior(m_members[i].node).up()) {
            m_nextRead = (i + 1) % n;
            return m_members[i].node;
        }
    }
    const std::uint32_t master = m_members[m_master].node;
    return m_kernel.behavior(master).up() ? master : kNone;
}

void ReplicationGroup::commit(std::uint64_t key, SimTime now)
{
    ++m_committed;
    if (m_members.size() > 1) { // with no replica no read can be stale
        if (m_lastWrites.full())
            m_lastWrites.prune(appliedEverywhere(now));
        m_lastWrites.record(key, m_committed);
    }
    appendLog(now, m_committed);
}

void ReplicationGroup::appendLog(SimTime now, std::uint64_t seq)
{
    if (m_members.size() < 2)
        return;
    if (m_logEnd - m_logBase == m_log.size()) {
        trimLog();
        if (m_logEnd - m_logBase == m_log.size()) {
            // Grow the ring: more writes in flight than ever before (allocates rarely).
            std::vector<LogEntry> bigger(m_log.size() * 2);
            for (std::uint64_t p = m_logBase; p < m_logEnd; ++p)
                bigger[p & (bigger.size() - 1)] = m_log[p & (m_log.size() - 1)];
            m_log.swap(bigger);
        }
    }
    m_log[m_logEnd & (m_log.size() - 1)] = {now, seq};
    ++m_logEnd;
}

std::uint64_t ReplicationGroup::applied(Member& m, SimTime now)
{
    if (m.cursor < m_logBase)
        m.cursor = m_logBase;
    while (m.cursor < m_logEnd) {
        const LogEntry& e = m_log[m.cursor & (m_log.size() - 1)];
        if (e.time + m.lag > now)
            break;
        m.applied = e.seq;
        ++m.cursor;
    }
    return m.applied;
}

std::uint64_t ReplicationGroup::appliedEverywhere(SimTime now)
{
    std::uint64_t lowest = m_committed;
    for (std::uint32_t i = 0; i < m_members.size(); ++i)
        if (i != m_master)
            lowest = std::min(lowest, applied(m_members[i], now));
    return lowest;
}

void ReplicationGroup::trimLog()
{
    const SimTime now = m_kernel.now();
    std::uint64_t oldest = m_logEnd;
    for (std::uint32_t i = 0; i < m_members.size(); ++i) {
        if (i == m_master)
            continue;
        applied(m_members[i], now);
        oldest = std::min(oldest, m_members[i].cursor);
    }
    m_logBase = oldest;
}

bool ReplicationGroup::isStale(std::uint32_t node, std::uint64_t key, SimTime now)
{
    const std::uint32_t i = memberOf(node);
    if (i == kNone || i == m_master)
        return false;
    return m_lastWrites.lookup(key) > applied(m_members[i], now);
}

void ReplicationGroup::freezeReplicas(SimTime now)
{
    for (std::uint32_t i = 0; i < m_members.size(); ++i)
        if (i != m_master)
            applied(m_members[i], now);
    m_logBase = m_logEnd;
    for (Member& m : m_members)
        m.cursor = m_logEnd;
}

void ReplicationGroup::memberFailed(std::uint32_t node)
{
    const std::uint32_t i = memberOf(node);
    if (i != m_master)
        return; // a replica: reads simply go elsewhere
    // The replication stream stops with the master: writes it acknowledged that a replica
    // had not applied yet exist nowhere else (counted as lost if a replica is promoted).
    const SimTime now = m_kernel.now();
    freezeReplicas(now);
    const Node& config = m_kernel.node(m_members[0].node);
    // A lone master has nobody to promote: it is a single point of failure, nothing else.
    if (config.text("failover") != "auto" || m_promoting || m_members.size() < 2)
        return;
    ++m_epoch;
    m_detecting = true;
    m_kernel.schedule(now + fromSeconds(config.number("detect_s")), EventType::Group, m_index,
                      (m_epoch << 1) | kDetected);
}

void ReplicationGroup::memberRecovered(std::uint32_t node)
{
    const std::uint32_t i = memberOf(node);
    if (i == kNone)
        return;
    if (i == m_master) {
        if (m_detecting || m_promoting) {
            ++m_epoch; // back before a replica took over: the pending failover is moot
            m_detecting = m_promoting = false;
            m_kernel.logEvent(EventKind::FailoverCancelled, node, "the master recovered first");
        }
        // Replication resumes: replicas receive what the master committed after their lag.
        appendLog(m_kernel.now(), m_committed);
        return;
    }
    // A replica (or an old master that lost its role) resynchronises from the master.
    m_members[i].applied = m_committed;
    m_members[i].cursor = m_logEnd;
}

void ReplicationGroup::promote(std::uint32_t node)
{
    const std::uint32_t i = memberOf(node);
    if (i == kNone || i == m_master || !m_kernel.behavior(node).up()) {
        m_kernel.logEvent(EventKind::PromoteIgnored, node, "not a healthy replica of this group");
        return;
    }
    ++m_epoch;
    m_detecting = false;
    startPromotion(i, "manual");
}

void ReplicationGroup::startPromotion(std::uint32_t member, const char* how)
{
    const Node& config = m_kernel.node(m_members[0].node);
    const double promoteS = config.number("promote_s");
    m_promoting = true;
    m_candidate = member;
    const std::uint32_t node = m_members[member].node;
    m_kernel.logEvent(EventKind::FailoverStarted, node,
                      fmt::format("{}: {} chosen (applied write {} of {}), promoted in {:g} s", how,
                                  m_kernel.node(node).id.str(), m_members[member].applied,
                                  m_committed, promoteS));
    m_kernel.schedule(m_kernel.now() + fromSeconds(promoteS), EventType::Group, m_index,
                      (m_epoch << 1) | kPromoted);
}

void ReplicationGroup::timer(std::uint32_t code)
{
    if ((code >> 1) != m_epoch)
        return;
    if ((code & 1) == kPromoted) {
        finishPromotion(m_candidate);
        return;
    }
    m_detecting = false;
    // The most up-to-date healthy replica; the first in file order on a tie.
    std::uint32_t best = kNone;
    for (std::uint32_t i = 0; i < m_members.size(); ++i) {
        if (i == m_master || !m_kernel.behavior(m_members[i].node).up())
            continue;
        if (best == kNone || m_members[i].applied > m_members[best].applied)
            best = i;
    }
    if (best == kNone) {
        m_kernel.logEvent(EventKind::FailoverFailed, m_members[m_master].node,
                          "no healthy replica");
        return;
    }
    startPromotion(best, "auto");
}

void ReplicationGroup::finishPromotion(std::uint32_t member)
{
    m_promoting = false;
    const std::uint32_t node = m_members[member].node;
    if (!m_kernel.behavior(node).up()) {
        m_kernel.logEvent(EventKind::FailoverFailed, node, "the chosen replica is down");
        return;
    }
    const SimTime now = m_kernel.now();
    const std::uint64_t have = applied(m_members[member], now);
    const std::uint64_t lost = m_committed > have ? m_committed - have : 0;
    m_kernel.metrics().lostWrites(lost, now);
    const std::uint32_t old = m_members[m_master].node;
    m_master = member;
    // Everyone now follows the new master from its state; numbering continues, so the
    // lost writes never make a later read look stale.
    m_logBase = m_logEnd;
    for (Member& m : m_members) {
        m.applied = m_committed;
        m.cursor = m_logEnd;
    }
    m_kernel.logEvent(EventKind::ReplicaPromoted, node,
                      fmt::format("{} is the master; {} acknowledged writes lost; {} {}",
                                  m_kernel.node(node).id.str(), lost, m_kernel.node(old).id.str(),
                                  m_kernel.behavior(old).up()
                                      ? "is now a replica"
                                      : "rejoins as a replica when it recovers"));
}

} // namespace scalelab::core::sim
