#pragma once

#include <QStringList>

namespace scalelab::gui::cli {

/// Exit codes of the command line contract (DESIGN.md).
enum ExitCode { Success = 0, InvalidInput = 1, BadUsage = 2 };

/// Each subcommand gets its arguments with argv[0] replaced by "scalelab <name>".
int validateCommand(const QStringList& args);
int runCommand(const QStringList& args);
int analyzeCommand(const QStringList& args);
int exportCommand(const QStringList& args);

bool isSubcommand(const QString& word);
/// Runs the subcommand named by args[1], or returns -1 when args[1] names none.
int dispatchSubcommand(const QStringList& args);

} // namespace scalelab::gui::cli
