#include <QFileInfo>

#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/report/DiagramImage.h"

namespace scalelab::gui::cli {

int exportCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Save a picture of a .scalelab diagram, drawn as the editor shows it: PNG (twice the "
        "natural size) or SVG, chosen by the extension of OUT."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to draw."));
    const QCommandLineOption image(QStringLiteral("image"),
                                   QStringLiteral("Write the diagram to OUT.png or OUT.svg."),
                                   QStringLiteral("OUT"));
    parser.addOption(image);
    int exitCode = Success;
    const QString file = parseFileCommand(parser, args, exitCode);
    if (file.isEmpty())
        return exitCode;
    const QString out = parser.value(image);
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (out.isEmpty() || (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))) {
        printError(QStringLiteral("%1: give --image OUT.png or --image OUT.svg\nTry '%1 --help'.")
                       .arg(args.value(0)));
        return BadUsage;
    }

    if (!outputIsNotInput(args.value(0), QStringLiteral("--image"), file, out))
        return BadUsage;
    const std::optional<core::Topology> loaded = loadValidTopology(file);
    if (!loaded)
        return InvalidInput;
    QString error;
    if (!exportDiagramImage(*loaded, out, &error)) {
        printError(QStringLiteral("%1: %2").arg(args.value(0), error));
        return InvalidInput;
    }
    return Success;
}

} // namespace scalelab::gui::cli
