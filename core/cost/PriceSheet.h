#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::core {

inline constexpr std::string_view kPriceSheetFormat = "scalelab-prices/1";

/// Prices per instance-hour by kind, replacing the registry's illustrative defaults:
/// {"format": "scalelab-prices/1", "name": "...", "currency": "USD",
///  "cost_per_hour": {"web_server": 0.096, ...}} (docs/cost.md).
struct PriceSheet {
    std::string name;
    std::string currency = "USD";
    std::map<std::string, double> costPerHour; ///< kind -> USD per instance-hour
};

struct PriceSheetLoad {
    std::optional<PriceSheet> sheet; ///< present when there is no error
    Diagnostics diagnostics;         ///< located: "/cost_per_hour/web_srever: unknown kind ..."
};

/// Parses a price sheet; never throws. Unknown kinds (with the nearest name), negative or
/// non-numeric prices and unknown keys are errors.
PriceSheetLoad loadPriceSheet(std::string_view json);
PriceSheetLoad loadPriceSheetFile(const std::string& path);

/// Gives every node whose file does not set `cost_per_hour` its kind's price from the
/// sheet (a price written on a node in the file stays: it is that node's own).
void applyPrices(Topology& topology, const PriceSheet& sheet);

} // namespace scalelab::core
