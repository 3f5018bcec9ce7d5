#pragma once

#include <string>

namespace scalelab::gui {

/// Sets up spdlog once for the whole program: a stderr sink at the given level
/// ("trace", "debug", "info", "warn", "error", "off"). Returns false for an unknown level.
bool configureLogging(const std::string& level);

} // namespace scalelab::gui
