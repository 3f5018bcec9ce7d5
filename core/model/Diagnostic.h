#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/Ids.h"

namespace scalelab::core {

/// How serious a problem or a finding is. Diagnostics are errors or warnings; the
/// analyzer's findings may also be information.
enum class Severity { Error, Warning, Info };

/// "error", "warning", "info" (as JSON and the reports write it).
inline const char* toString(Severity severity)
{
    return severity == Severity::Error     ? "error"
           : severity == Severity::Warning ? "warning"
                                           : "info";
}

/// One problem found in a file or a topology, located by a JSON pointer.
struct Diagnostic {
    Diagnostic() = default;
    // A constructor rather than an aggregate: call sites that name no link stay short.
    Diagnostic(Severity severity, std::string path, std::string message, std::string nodeId = {},
               std::optional<LinkKey> link = std::nullopt)
        : severity(severity), path(std::move(path)), message(std::move(message)),
          nodeId(std::move(nodeId)), link(std::move(link))
    {
    }

    Severity severity = Severity::Error;
    std::string path;            ///< "/nodes/3/params/workers", "" for the whole document
    std::string message;         ///< "must be an integer >= 1, got -2"
    std::string nodeId;          ///< the node concerned, when there is one (the GUI selects it)
    std::optional<LinkKey> link; ///< the link concerned, when there is one

    /// "/nodes/3/params/workers: must be an integer >= 1, got -2"
    std::string toString() const
    {
        return (path.empty() ? std::string("/") : path) + ": " + message;
    }
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
