#pragma once

#include "core/model/Ids.h"
#include "core/model/LinkKind.h"
#include "core/model/ParamValue.h"

namespace scalelab::core {

/// A directed connection: requests travel from -> to, responses come back over it.
struct Link {
    NodeId from;
    NodeId to;
    LinkKind kind = LinkKind::Request;
    ParamMap params; ///< latency_ms, weight, lag_ms when set explicitly

    LinkKey key() const { return {from, to}; }
    double number(const std::string& name) const; ///< explicit value or registry default
    double latencyMs() const { return number("latency_ms"); }
    double weight() const { return number("weight"); }
    double lagMs() const { return number("lag_ms"); }
    /// Replication: a write waits for this replica's ack (`mode` sync).
    bool synchronous() const;

    friend bool operator==(const Link&, const Link&) = default;
};

} // namespace scalelab::core
