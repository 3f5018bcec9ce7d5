#include "core/sim/ShardStation.h"

#include "core/sim/DatabaseBehavior.h"

namespace scalelab::core::sim {

ShardStation::ShardStation(Kernel& kernel, std::uint32_t index, DatabaseBehavior& owner)
    : QueueStation(kernel, index), m_owner(owner)
{
}

void ShardStation::reconfigure()
{
    DatabaseBehavior::configureStation(*this, node());
}

void ShardStation::take(std::uint32_t frame)
{
    ++m_counters.arrivals;
    QueueStation::accept(frame);
}

void ShardStation::served(std::uint32_t frame)
{
    if (!m_owner.parkForAcks(frame))
        answer(frame, m_owner.finish(frame));
}

void ShardStation::acknowledge(std::uint32_t frame)
{
    answer(frame, m_owner.finish(frame));
}

} // namespace scalelab::core::sim
