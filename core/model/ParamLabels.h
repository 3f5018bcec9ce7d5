#pragma once

#include <string>
#include <string_view>

namespace scalelab::core {

/// How a parameter is named to people ("rate_rps" -> "Request rate"): one table for the
/// inspector, the events log and anything else that shows a parameter. The unit is not
/// part of it (ParamSpec::unit goes beside the value). A name the table lacks is spelled
/// out from the key ("queue_limit" -> "Queue limit").
std::string paramLabel(std::string_view name);

} // namespace scalelab::core
