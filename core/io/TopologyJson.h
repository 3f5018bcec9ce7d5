#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::core {

inline constexpr std::string_view kFormatName = "scalelab";
inline constexpr int kFormatVersion = 1;

struct LoadResult {
    /// Present when the document could be read; may still carry errors in `diagnostics`
    /// (a best-effort topology, for showing the problems in context).
    std::optional<Topology> topology;
    Diagnostics diagnostics;
    bool ok() const { return topology.has_value() && !hasErrors(diagnostics); }
};

/// Parses a `scalelab/1` document. Never throws; every problem is reported at once.
LoadResult loadTopology(std::string_view json);
/// Reads and parses a file; a missing or unreadable file is an error in the result.
LoadResult loadTopologyFile(const std::string& path);

/// Writes the `scalelab/1` document with a stable key order (files diff well).
std::string saveTopology(const Topology& topology);

/// A fragment of nodes and the links between them, as used by the clipboard and by
/// delete-undo: the same JSON shape as a file ({"nodes": [...], "links": [...]}).
std::string saveFragment(const std::vector<Node>& nodes, const std::vector<Link>& links);
LoadResult loadFragment(std::string_view json);

} // namespace scalelab::core
