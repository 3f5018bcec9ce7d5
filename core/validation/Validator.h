#pragma once

#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::core {

/// Every semantic rule of DESIGN.md: parameter ranges, duplicate ids, dangling links,
/// request loops, replicas without a master, private nodes reached by clients, ...
/// Paths point into the file layout (/nodes/3/params/workers).
Diagnostics validate(const Topology& topology);

} // namespace scalelab::core
