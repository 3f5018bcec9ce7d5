#pragma once

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

/// A DNS server: a queue that answers lookups itself; down, it fails them (refused).
class DnsBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;
};

} // namespace scalelab::core::sim
