#pragma once

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

/// An object store (S3-like): a queue that serves the static files it is asked for itself,
/// typically as a CDN's origin.
class ObjectStoreBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;
};

} // namespace scalelab::core::sim
