#pragma once

#include <QStringList>

namespace scalelab::gui::cli {

/// Exit codes of the command line contract (DESIGN.md).
/// StoppedEarly: `run` hit a cap of the engine (events, call frames) before the end; its
/// outputs are written and say so (summary, "warnings" in the JSON).
enum ExitCode { Success = 0, InvalidInput = 1, BadUsage = 2, StoppedEarly = 3 };

/// Each subcommand gets its arguments with argv[0] replaced by "scalelab <name>".
int validateCommand(const QStringList& args);
int runCommand(const QStringList& args);
int analyzeCommand(const QStringList& args);
int exportCommand(const QStringList& args);
int compareCommand(const QStringList& args);
int sweepCommand(const QStringList& args);
int planCommand(const QStringList& args);

/// What a subcommand needs from Qt, declared once per command in its table row.
enum class Needs {
    Core,    ///< a QCoreApplication: no fonts, no painting
    Painting ///< a QGuiApplication for fonts and QPainter, on a platform that needs no display
};

struct Subcommand {
    const char* name;
    int (*run)(const QStringList&);
    Needs needs;
};

/// The subcommand called `word`, or nullptr.
const Subcommand* findSubcommand(const QString& word);
/// Creates the application object the subcommand needs and runs it with argv[2...].
int runSubcommand(const Subcommand& subcommand, int argc, char** argv);

} // namespace scalelab::gui::cli
