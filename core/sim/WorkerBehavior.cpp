#include "core/sim/WorkerBehavior.h"

#include "core/sim/MessageQueueBehavior.h"

namespace scalelab::core::sim {

void WorkerBehavior::reconfigure()
{
    WebServerBehavior::reconfigure();
    m_holdWorker = true; // a job keeps its thread until its downstream calls return
    wakeQueues();
}

void WorkerBehavior::recover()
{
    const bool wasDown = !m_up;
    WebServerBehavior::recover();
    if (wasDown)
        wakeQueues();
}

void WorkerBehavior::wakeQueues()
{
    for (std::size_t k : m_kernel.index().in(m_index, LinkKind::Consume))
        if (auto* queue = dynamic_cast<MessageQueueBehavior*>(
                &m_kernel.behavior(m_kernel.link(static_cast<std::uint32_t>(k)).from)))
            queue->dispatch();
}

} // namespace scalelab::core::sim
