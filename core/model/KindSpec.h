#pragma once

#include "core/model/ParamSpec.h"

#include <string>
#include <string_view>
#include <vector>

namespace scalelab::core {

enum class Network { Public, Private };

/// Everything the program knows about a node kind, declared once in the registry.
struct KindSpec {
    std::string id;          ///< "web_server" — as written in files
    std::string displayName; ///< "Web server"
    std::string help;        ///< one line for the palette and the report
    std::string icon;        ///< resource stem, ":/icons/<icon>.svg"
    std::vector<ParamSpec> params;
    /// Kinds this kind may send requests to; empty = it sends none (a leaf).
    std::vector<std::string> sendsTo;

    const ParamSpec* param(std::string_view name) const;
    std::vector<std::string> paramNames() const;
};

} // namespace scalelab::core
