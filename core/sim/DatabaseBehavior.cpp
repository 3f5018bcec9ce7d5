#include "core/sim/DatabaseBehavior.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/model/KindRegistry.h"
#include "core/sim/ReplicationGroup.h"

namespace scalelab::core::sim {

namespace {
/// A request queued or served at a shard station (its number is in Frame::aux).
constexpr std::uint8_t kFlagShard = 64;

std::uint64_t clientKeySpace(const Topology& t)
{
    std::uint64_t keys = 1;
    for (const Node& n : t.nodes)
        if (const KindSpec* spec = n.spec(); spec && spec->traits.source)
            keys =
                std::max<std::uint64_t>(keys, static_cast<std::uint64_t>(n.integer("key_space")));
    return keys;
}
} // namespace

DatabaseBehavior::~DatabaseBehavior() = default;

void DatabaseBehavior::init()
{
    m_group = m_kernel.groupOf(m_index);
    m_configNode = static_cast<std::uint32_t>(m_kernel.index().groupMaster(m_index));
    reconfigure();
}

void DatabaseBehavior::configureStation(QueueStation& station, const Node& n)
{
    const EngineProfile profile = engineProfile(n.text("engine"));
    station.configureReadWrite("connections", n.number("read_ms") * profile.readFactor,
                               n.number("write_ms") * profile.writeFactor);
}

void DatabaseBehavior::reconfigure()
{
    // m_service serves reads; m_writeService serves writes (configureReadWrite sets the
    // writes first: waiting requests it starts at once get the new times).
    configureStation(*this, node());
    for (auto& s : m_shards)
        s->reconfigure();
    reshard();
    // A master resharded by `set shards`: its replicas follow (they read its count).
    if (m_group && m_configNode == m_index)
        for (std::size_t r : m_kernel.index().groups()[m_kernel.index().groupOf(m_index)].replicas)
            if (auto* replica = dynamic_cast<DatabaseBehavior*>(
                    &m_kernel.behavior(static_cast<std::uint32_t>(r))))
                replica->reshard();
}

void DatabaseBehavior::reshard()
{
    const Node& config = m_kernel.node(m_configNode);
    const auto shards =
        static_cast<std::uint32_t>(std::max<std::int64_t>(1, config.integer("shards")));
    const std::string method = config.text("sharding");
    const auto vnodes =
        static_cast<std::uint32_t>(std::max<std::int64_t>(1, config.integer("virtual_nodes")));
    if (shards == m_map.shards() && m_map.consistent() == (method == "consistent") &&
        !m_shards.empty())
        return;
    if (shards <= 1 && m_shards.empty())
        return; // never sharded: the node is its own single station
    const ShardMap before = m_map;
    m_map = ShardMap(shards, method, vnodes);
    while (m_shards.size() < shards) {
        m_shards.push_back(std::make_unique<ShardStation>(m_kernel, m_index, *this));
        m_shards.back()->reconfigure();
    }
    if (m_kernel.now() > 0 || before.shards() > 1) {
        const double moved =
            ShardMap::movedFraction(before, m_map, clientKeySpace(m_kernel.topology()));
        m_kernel.logEvent(EventKind::Resharded, m_index,
                          fmt::format("{} -> {} shards ({}): {:.1f}% of keys moved",
                                      before.shards(), shards, method, moved * 100));
    }
}

void DatabaseBehavior::accept(std::uint32_t frame)
{
    if (m_shards.empty()) {
        QueueStation::accept(frame);
        return;
    }
    Frame& f = m_kernel.frames()[frame];
    const std::uint32_t shard = m_map.shardOf(f.key);
    f.aux = shard;
    f.flags |= kFlagShard;
    m_shards[shard]->take(frame);
}

void DatabaseBehavior::serviceDone(std::uint32_t frame)
{
    const Frame& f = m_kernel.frames()[frame];
    if (f.flags & kFlagShard)
        m_shards[f.aux]->serviceDone(frame);
    else
        QueueStation::serviceDone(frame);
}

FailReason DatabaseBehavior::finish(std::uint32_t frame)
{
    const Frame& f = m_kernel.frames()[frame];
    const SimTime now = m_kernel.now();
    if (f.flags & kFlagSession)
        return FailReason::None; // a session read: sessions are not the replicated data set
    if (f.cls == RequestClass::Write) {
        if (m_group && !m_group->isMaster(m_index))
            return FailReason::Refused; // a replica (or a demoted master) takes no writes
        if (m_group)
            m_group->commit(f.key, now);
    } else if (m_group && m_group->isStale(m_index, f.key, now)) {
        m_kernel.metrics().staleRead(now);
    }
    return FailReason::None;
}

bool DatabaseBehavior::parkForAcks(std::uint32_t frame)
{
    const Frame& f = m_kernel.frames()[frame];
    if (f.cls != RequestClass::Write || !m_group || !m_group->isMaster(m_index))
        return false;
    const SimTime wait = m_group->syncWait();
    if (wait <= 0)
        return false;
    // The connection is free again (the write is done here); the answer waits. Should the
    // master fail meanwhile, NodeBehavior::fail answers it lost: never acknowledged.
    m_kernel.schedule(m_kernel.now() + wait, EventType::Resume, frame, f.gen);
    return true;
}

void DatabaseBehavior::resume(std::uint32_t frame)
{
    // The acks are in: the write commits (the sync replicas have it) and is answered.
    const Frame& f = m_kernel.frames()[frame];
    if (f.flags & kFlagShard)
        m_shards[f.aux]->acknowledge(frame);
    else
        answer(frame, finish(frame));
}

void DatabaseBehavior::served(std::uint32_t frame)
{
    if (!parkForAcks(frame))
        answer(frame, finish(frame));
}

void DatabaseBehavior::fail()
{
    const bool wasUp = m_up;
    for (auto& s : m_shards)
        s->drop();
    QueueStation::fail();
    if (wasUp && m_group)
        m_group->memberFailed(m_index);
}

void DatabaseBehavior::recover()
{
    const bool wasDown = !m_up;
    QueueStation::recover();
    if (wasDown && m_group)
        m_group->memberRecovered(m_index);
}

void DatabaseBehavior::resetStats()
{
    QueueStation::resetStats();
    for (auto& s : m_shards)
        s->resetStats();
}

std::string DatabaseBehavior::role() const
{
    return m_group ? m_group->role(m_index) : node().text("role");
}

void DatabaseBehavior::fillResults(NodeResults& out) const
{
    QueueStation::fillResults(out);
    out.role = role();
    if (m_shards.empty())
        return;
    // The node's figures are its shards' together (and what its own queue served before
    // it was first sharded).
    NodeCounters c = measuredCounters();
    // The node's own station counts only if it served something (before a first reshard).
    Occupancy o = c.waits > 0 ? measuredOccupancy() : Occupancy{};
    for (const auto& s : m_shards) {
        const NodeCounters sc = s->measuredCounters();
        const Occupancy so = s->measuredOccupancy();
        c.completed += sc.completed;
        c.rejected += sc.rejected;
        c.waits += sc.waits;
        c.responses += sc.responses;
        c.waitSumNs += sc.waitSumNs;
        c.responseSumNs += sc.responseSumNs;
        o.busy += so.busy;
        o.servers += so.servers;
        o.queue += so.queue;
        NodeResults shard;
        s->fillResults(shard);
        out.shards.push_back({shard.arrivals, shard.utilization, shard.meanResponseMs});
    }
    if (out.shards.size() > m_map.shards() && m_map.shards() > 0)
        out.shards.resize(std::max<std::size_t>(m_map.shards(), 1)); // drained leftovers
    out.completed = c.completed;
    out.rejected = c.rejected;
    out.meanWaitMs = c.waits ? c.waitSumNs / static_cast<double>(c.waits) * 1e-6 : 0.0;
    out.meanResponseMs =
        c.responses ? c.responseSumNs / static_cast<double>(c.responses) * 1e-6 : 0.0;
    out.utilization = o.servers > 0 ? o.busy / o.servers : 0.0;
    const SimTime now = m_kernel.now();
    const double window = static_cast<double>(now - std::min(now, m_kernel.warmup()));
    out.meanQueueLength = window > 0 ? o.queue / window : 0.0;
}

std::pair<double, double> DatabaseBehavior::serverAreas(SimTime t) const
{
    if (m_shards.empty())
        return QueueStation::serverAreas(t);
    // The node's own station counts only if it served something (before a first reshard),
    // as in fillResults().
    auto [busy, servers] =
        measuredCounters().waits > 0 ? QueueStation::serverAreas(t) : std::pair{0.0, 0.0};
    for (const auto& s : m_shards) {
        const auto [b, n] = s->serverAreas(t);
        busy += b;
        servers += n;
    }
    return {busy, servers};
}

void DatabaseBehavior::fillSnapshot(NodeSnapshot& out)
{
    QueueStation::fillSnapshot(out);
    out.role = role();
    if (m_shards.empty())
        return;
    double busy = 0, servers = 0;
    for (std::size_t s = 0; s < m_map.shards() && s < m_shards.size(); ++s) {
        NodeSnapshot shard;
        m_shards[s]->fillSnapshot(shard);
        out.shardUtilization.push_back(shard.utilization);
        out.queueLength += shard.queueLength;
        out.busy += shard.busy;
        busy += shard.utilization * shard.servers;
        servers += shard.servers;
    }
    out.servers = static_cast<std::uint32_t>(servers);
    out.utilization = servers > 0 ? busy / servers : 0.0;
}

} // namespace scalelab::core::sim
