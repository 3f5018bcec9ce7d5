#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"

namespace scalelab::gui::cli {

// Not built yet: its issue replaces this file. Says so instead of pretending.
int exportCommand(const QStringList& args)
{
    printError(args.value(0) + QStringLiteral(": not available in this build yet"));
    return BadUsage;
}

} // namespace scalelab::gui::cli
