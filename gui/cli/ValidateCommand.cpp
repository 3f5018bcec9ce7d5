#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"

namespace scalelab::gui::cli {

int validateCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check a .scalelab file. Exit 0 when valid; else print every error "
                       "(JSON-pointer: message) and exit 1. Warnings never fail."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to check."));
    int exitCode = Success;
    const QString file = parseFileCommand(parser, args, exitCode);
    if (file.isEmpty())
        return exitCode;

    const core::LoadResult loaded = core::loadAndValidateFile(file.toStdString());
    const core::Diagnostics& all = loaded.diagnostics;
    int errors = 0;
    int warnings = 0;
    for (const auto& d : all) {
        const bool error = d.severity == core::Severity::Error;
        (error ? errors : warnings)++;
        printError(QStringLiteral("%1: %2: %3")
                       .arg(file, error ? QStringLiteral("error") : QStringLiteral("warning"),
                            diagnosticLine(d)));
    }
    if (errors > 0) {
        printError(
            QStringLiteral("%1: %2 error(s), %3 warning(s)").arg(file).arg(errors).arg(warnings));
        return InvalidInput;
    }
    printOut(QStringLiteral("%1: valid (%2 nodes, %3 links, %4 warning(s))")
                 .arg(file)
                 .arg(loaded.topology->nodes.size())
                 .arg(loaded.topology->links.size())
                 .arg(warnings));
    return Success;
}

} // namespace scalelab::gui::cli
