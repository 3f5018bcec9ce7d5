#pragma once

#include <string>

#include "core/model/Ids.h"
#include "core/model/KindSpec.h"
#include "core/model/ParamValue.h"

namespace scalelab::core {

struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

/// One component of the topology. Only parameters set explicitly are stored; the
/// accessors fall back to the registry's defaults.
struct Node {
    NodeId id;
    KindId kind;
    std::string name; ///< display name; empty means "use the id"
    Point pos;
    ParamMap params;

    const KindSpec* spec() const;
    /// The value in effect: the explicit one or the registry default (monostate-free).
    ParamValue param(const std::string& name) const;
    double number(const std::string& name) const;
    std::int64_t integer(const std::string& name) const;
    std::string text(const std::string& name) const;
    bool flag(const std::string& name) const;

    const std::string& displayName() const { return name.empty() ? id.str() : name; }
    bool is(std::string_view k) const { return kind.str() == k; }
    Network network() const;
    /// The data center it runs in ("" = none).
    std::string site() const { return text("site"); }

    friend bool operator==(const Node&, const Node&) = default;
};

} // namespace scalelab::core
