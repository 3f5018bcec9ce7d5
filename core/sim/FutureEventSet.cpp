#include "core/sim/FutureEventSet.h"

#include "core/sim/CalendarQueue.h"
#include "core/sim/DaryHeapQueue.h"
#include "core/sim/TimingWheelQueue.h"

namespace scalelab::core::sim {

std::unique_ptr<FutureEventSet> makeEventQueue(QueueKind kind)
{
    switch (kind) {
    case QueueKind::BinaryHeap:
        return std::make_unique<DaryHeapQueue<2>>();
    case QueueKind::QuaternaryHeap:
    case QueueKind::Adaptive: // starts as the 4-ary heap; the kernel moves it when it grows
        return std::make_unique<DaryHeapQueue<4>>();
    case QueueKind::Calendar:
        return std::make_unique<CalendarQueue>();
    case QueueKind::Wheel:
        return std::make_unique<TimingWheelQueue>();
    }
    return std::make_unique<DaryHeapQueue<4>>();
}

std::string_view toString(QueueKind kind)
{
    switch (kind) {
    case QueueKind::BinaryHeap:
        return "binary_heap";
    case QueueKind::QuaternaryHeap:
        return "4ary_heap";
    case QueueKind::Calendar:
        return "calendar";
    case QueueKind::Adaptive:
        return "adaptive";
    case QueueKind::Wheel:
        return "timing_wheel";
    }
    return "?";
}

} // namespace scalelab::core::sim
