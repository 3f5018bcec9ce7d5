#pragma once

namespace scalelab::gui::cli {

/// For commands that open no window: drops Qt's platform chatter that says nothing to the
/// user (the runtime-folder warning when XDG_RUNTIME_DIR is unset; the offscreen plugin's
/// "does not support propagateSizeHints()" when widgets are laid out off screen) and passes
/// every other message on. Call before the application object is created.
void installQuietPlatformMessages();

} // namespace scalelab::gui::cli
