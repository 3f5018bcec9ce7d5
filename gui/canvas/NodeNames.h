#pragma once

#include <string>
#include <vector>

namespace scalelab::core {
class Topology;
struct Node;
} // namespace scalelab::core

namespace scalelab::gui {

/// A display name no node of `topology` or `pending` has: `wanted` when free, else the
/// next free number, as draw.io and file managers number copies: "Web server" gives
/// "Web server 2", "Web 1" gives "Web 2". Empty stays empty (the label shows the id).
std::string freeNodeName(const core::Topology& topology, const std::string& wanted,
                         const std::vector<core::Node>& pending = {});

} // namespace scalelab::gui
