#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/Topology.h"

namespace scalelab::core::compare {

/// One thing that differs between two designs: `where` is a node id, a link ("lb -> web1"),
/// "simulation", "goals" or "scenario"; `what` the parameter or field; values as shown to a
/// person ("8", "round_robin"), "-" where a side has none.
struct Difference {
    std::string where;
    std::string what;
    std::string a;
    std::string b;
};

/// What changed from design A to design B, for the comparison report: nodes and links added
/// or removed, node parameters whose values in effect differ (an explicit value equal to the
/// default is no change), link fields, simulation settings, goals and the scenario.
/// Positions and display names are not design changes and are left out.
struct DesignDiff {
    std::vector<std::string> nodesOnlyInA, nodesOnlyInB; ///< "web3 (web_server)"
    std::vector<std::string> linksOnlyInA, linksOnlyInB; ///< "lb -> web3"
    std::vector<Difference> changes;
    bool empty() const;
};

DesignDiff diffDesigns(const Topology& a, const Topology& b);

/// {nodes_only_in_a, nodes_only_in_b, links_only_in_a, links_only_in_b,
///  changes: [{where, what, a, b}]}
nlohmann::ordered_json toJson(const DesignDiff& diff);

} // namespace scalelab::core::compare
