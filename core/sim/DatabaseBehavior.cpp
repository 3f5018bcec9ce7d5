#include "core/sim/DatabaseBehavior.h"

#include "core/model/KindRegistry.h"
#include "core/sim/ReplicationGroup.h"

namespace scalelab::core::sim {

void DatabaseBehavior::init()
{
    m_group = m_kernel.groupOf(m_index);
    reconfigure();
}

void DatabaseBehavior::reconfigure()
{
    const Node& n = node();
    const EngineProfile profile = engineProfile(n.text("engine"));
    // m_service serves reads; m_writeService serves writes. Writes first: configureQueue()
    // may start waiting requests at once, and they get the new service times.
    m_writesDiffer = true;
    m_writeService.configure(n.number("write_ms") * profile.writeFactor, n.text("service_dist"),
                             n.number("service_cv"), n.number("speed"));
    configureQueue("connections", n.number("read_ms") * profile.readFactor);
}

void DatabaseBehavior::served(std::uint32_t frame)
{
    const Frame& f = m_kernel.frames()[frame];
    const SimTime now = m_kernel.now();
    if (f.cls == RequestClass::Write) {
        if (m_group && !m_group->isMaster(m_index)) {
            answer(frame, FailReason::Refused); // a replica (or a demoted master) takes no writes
            return;
        }
        if (m_group)
            m_group->commit(f.key, now);
    } else if (m_group && m_group->isStale(m_index, f.key, now)) {
        m_kernel.metrics().staleRead(now);
    }
    answer(frame);
}

void DatabaseBehavior::fail()
{
    const bool wasUp = m_up;
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

std::string DatabaseBehavior::role() const
{
    return m_group ? m_group->role(m_index) : node().text("role");
}

void DatabaseBehavior::fillResults(NodeResults& out) const
{
    QueueStation::fillResults(out);
    out.role = role();
}

void DatabaseBehavior::fillSnapshot(NodeSnapshot& out)
{
    QueueStation::fillSnapshot(out);
    out.role = role();
}

} // namespace scalelab::core::sim
