#pragma once

namespace scalelab::gui {

/// Application name, organisation (the settings' folder) and version, for every entry.
void setApplicationInfo();

} // namespace scalelab::gui
