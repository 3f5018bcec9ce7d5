#pragma once

#include <map>

#include "core/model/Topology.h"
#include "gui/commands/MoveNodesCommand.h"

namespace scalelab::gui {

/// Where to put the nodes a file placed out of reach (a position beyond the format's limit,
/// such as 1e308, which no view can show or drag): a row below the other nodes, in file
/// order. Empty when every node is within reach.
std::map<core::NodeId, MoveNodesCommand::Move> strayNodeMoves(const core::Topology& topology);

} // namespace scalelab::gui
