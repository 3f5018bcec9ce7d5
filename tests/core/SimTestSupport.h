#pragma once

// Builders shared by the simulator tests: topologies written in code, read back by node.

#include <QtGlobal>

#include "core/model/Topology.h"
#include "core/sim/Results.h"

namespace scalelab::testsupport {

inline core::Node makeNode(const char* id, const char* kind, core::ParamMap params = {})
{
    core::Node n;
    n.id = core::NodeId(id);
    n.kind = core::KindId(kind);
    n.params = std::move(params);
    return n;
}

/// A request link with a one-way latency (none when 0).
inline core::Link makeLink(const char* from, const char* to, double latencyMs = 0)
{
    core::Link l;
    l.from = core::NodeId(from);
    l.to = core::NodeId(to);
    if (latencyMs > 0)
        l.params["latency_ms"] = latencyMs;
    return l;
}

inline const core::sim::NodeResults& nodeOf(const core::sim::RunResults& r, const std::string& id)
{
    for (const auto& n : r.nodes)
        if (n.id == id)
            return n;
    qFatal("no node %s", id.c_str());
}

} // namespace scalelab::testsupport
