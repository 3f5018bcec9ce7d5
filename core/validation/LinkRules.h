#pragma once

#include <optional>
#include <string>

#include "core/model/Topology.h"

namespace scalelab::core {

/// The kind a new link between two nodes takes: the first link kind the registry lets the
/// source kind send to the target kind (database -> database replicates); Request when none.
LinkKind linkKindBetween(const Node& from, const Node& to);

/// Why a link from -> to of the given kind is not allowed, or nothing when it is. The
/// message names both ends. The editor refuses such a link as it is drawn; the validator
/// reports it in a file.
std::optional<std::string> linkRefusal(const Node& from, const Node& to, LinkKind kind);

} // namespace scalelab::core
