#include "gui/document/StrayNodes.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/validation/Limits.h"

namespace scalelab::gui {

namespace {

bool withinReach(const core::Point& p)
{
    return core::positionWithinLimits(p.x, p.y); // the validator's rule
}

} // namespace

std::map<core::NodeId, MoveNodesCommand::Move> strayNodeMoves(const core::Topology& topology)
{
    // The other nodes' lower-left corner: the strays line up under them, a grid step apart.
    constexpr double kStep = 160;
    double left = std::numeric_limits<double>::infinity();
    double bottom = -std::numeric_limits<double>::infinity();
    for (const core::Node& n : topology.nodes)
        if (withinReach(n.pos)) {
            left = std::min(left, n.pos.x);
            bottom = std::max(bottom, n.pos.y);
        }
    if (!std::isfinite(left)) {
        left = 0;
        bottom = -kStep;
    }
    std::map<core::NodeId, MoveNodesCommand::Move> moves;
    for (const core::Node& n : topology.nodes)
        if (!withinReach(n.pos)) {
            const double x = left + kStep * static_cast<double>(moves.size());
            moves[n.id] = {n.pos, {x, bottom + kStep}};
        }
    return moves;
}

} // namespace scalelab::gui
