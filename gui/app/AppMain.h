#pragma once

namespace scalelab::gui {

/// Entry point: a subcommand (run, analyze, validate, export) runs headless; anything
/// else opens the main window.
int appMain(int argc, char** argv);

} // namespace scalelab::gui
