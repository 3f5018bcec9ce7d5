#pragma once

#include "core/io/TopologyJson.h"
#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::core {

/// Every semantic rule of DESIGN.md: parameter ranges, duplicate ids, dangling links,
/// request loops, replicas without a master, private nodes reached by clients, ...
/// Paths point into the file layout (/nodes/3/params/workers).
Diagnostics validate(const Topology& topology);

/// Loads a file and validates what could be read: every problem of both steps at once,
/// in file order of the steps (syntax and types first). `ok()` means ready to simulate.
LoadResult loadAndValidateFile(const std::string& path);

} // namespace scalelab::core
