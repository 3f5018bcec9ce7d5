#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

namespace scalelab::core::sim {

class Kernel;
class NodeBehavior;

/// Creates the behaviour of a node from its kind id (one table row per kind); an unknown
/// kind gets nothing (the validator rejects such files before they run).
std::unique_ptr<NodeBehavior> makeBehavior(std::string_view kind, Kernel& kernel, std::uint32_t index);

} // namespace scalelab::core::sim
