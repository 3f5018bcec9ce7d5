#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model/ParamValue.h"
#include "core/model/Topology.h"

namespace scalelab::core::experiment {

/// One varied parameter: `--vary NODE.PARAM=FROM:TO:STEP` or `=V1,V2,...`. NODE may hold
/// `*` wildcards ("web*.workers"): the value is set on every node it matches.
struct SweepAxis {
    std::string node; ///< as written: an id or a pattern
    std::string param;
    std::vector<NodeId> nodes;      ///< the nodes it sets, file order
    std::vector<ParamValue> values; ///< typed as the parameter declares

    std::string key() const { return node + "." + param; } ///< "NODE.PARAM"
};

/// Reads one `--vary` argument against the file: the node(s) must exist, the parameter
/// must be one of their kind's, each value of its type and range. Throws
/// std::invalid_argument with a message naming the problem ("--vary web9.workers: no node
/// 'web9' (did you mean 'web1'?)"). `requireStep` false accepts FROM:TO as FROM:TO:1 (plan).
SweepAxis parseVary(const std::string& text, const Topology& topology, bool requireStep = true);

/// A full factorial design over the axes. Point p's values: the first axis varies slowest
/// (nested loops in --vary order), so point 0 is every axis at its first value.
class SweepDesign {
public:
    SweepDesign(const Topology& base, std::vector<SweepAxis> axes);

    std::size_t points() const { return m_points; }
    const std::vector<SweepAxis>& axes() const { return m_axes; }
    const Topology& base() const { return m_base; }

    /// Index of each axis' value at point p.
    std::vector<std::size_t> indices(std::size_t point) const;
    /// The design of point p: the base file with the point's values set.
    Topology topology(std::size_t point) const;
    /// {"NODE.PARAM": value, ...} of point p, in axis order.
    nlohmann::ordered_json values(std::size_t point) const;

    /// At most this many points: beyond it a typo (a step of 0.001) is more likely than intent.
    static constexpr std::size_t kMaxPoints = 100000;

private:
    Topology m_base;
    std::vector<SweepAxis> m_axes;
    std::size_t m_points = 1;
};

/// A value as JSON: integers stay integers, reals reals, choices strings.
nlohmann::ordered_json valueJson(const ParamValue& value);

} // namespace scalelab::core::experiment
