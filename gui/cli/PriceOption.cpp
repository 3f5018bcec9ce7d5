#include "gui/cli/PriceOption.h"

#include "core/cost/PriceSheet.h"
#include "gui/cli/CommonOptions.h"

namespace scalelab::gui::cli {

bool PriceOption::apply(const QCommandLineParser& parser, core::Topology& topology) const
{
    if (!parser.isSet(option))
        return true;
    const QString path = parser.value(option);
    const core::PriceSheetLoad loaded = core::loadPriceSheetFile(path.toStdString());
    if (!loaded.sheet) {
        for (const auto& d : loaded.diagnostics)
            printError(
                QStringLiteral("%1: error: %2").arg(path, QString::fromStdString(d.toString())));
        return false;
    }
    core::applyPrices(topology, *loaded.sheet);
    return true;
}

} // namespace scalelab::gui::cli
