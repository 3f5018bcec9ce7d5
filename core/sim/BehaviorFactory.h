#pragma once

#include <cstdint>
#include <memory>

#include "core/model/KindSpec.h"

namespace scalelab::core::sim {

class Kernel;
class NodeBehavior;

/// Creates the behaviour of a node from its kind's role (one table row per role).
std::unique_ptr<NodeBehavior> makeBehavior(KindRole role, Kernel& kernel, std::uint32_t index);

} // namespace scalelab::core::sim
