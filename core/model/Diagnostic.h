#pragma once

#include <string>
#include <vector>

namespace scalelab::core {

enum class Severity { Error, Warning };

/// One problem found in a file or a topology, located by a JSON pointer.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string path;    ///< "/nodes/3/params/workers", "" for the whole document
    std::string message; ///< "must be an integer >= 1, got -2"
    std::string nodeId;  ///< the node concerned, when there is one (the GUI selects it)

    /// "/nodes/3/params/workers: must be an integer >= 1, got -2"
    std::string toString() const { return (path.empty() ? std::string("/") : path) + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

inline bool hasErrors(const Diagnostics& diagnostics)
{
    for (const auto& d : diagnostics)
        if (d.severity == Severity::Error)
            return true;
    return false;
}

} // namespace scalelab::core
