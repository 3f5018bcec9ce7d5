#include "gui/cli/SimulationOverrides.h"

#include <cmath>

#include "gui/cli/CommonOptions.h"

namespace scalelab::gui::cli {

bool SimulationOverrides::apply(const QCommandLineParser& parser, const QString& command,
                                core::Topology& topology) const
{
    auto seconds = [&](const QCommandLineOption& option, double& target, bool positive) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const double v = parser.value(option).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < 0 || (positive && v <= 0)) {
            printError(QStringLiteral("%1: --%2 needs a number %3, got '%4'")
                           .arg(command, option.names().first(),
                                positive ? QStringLiteral("> 0") : QStringLiteral(">= 0"),
                                parser.value(option)));
            return false;
        }
        target = v;
        return true;
    };
    if (!seconds(duration, topology.simulation.durationS, true) ||
        !seconds(warmup, topology.simulation.warmupS, false))
        return false;
    if (parser.isSet(seed)) {
        bool ok = false;
        const qulonglong v = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            printError(QStringLiteral("%1: --seed needs a non-negative integer, got '%2'")
                           .arg(command, parser.value(seed)));
            return false;
        }
        topology.simulation.seed = v;
    }
    if (topology.simulation.warmupS >= topology.simulation.durationS) {
        printError(QStringLiteral("%1: the warm-up (%2 s) must be shorter than the duration (%3 s)")
                       .arg(command)
                       .arg(topology.simulation.warmupS)
                       .arg(topology.simulation.durationS));
        return false;
    }
    return true;
}

} // namespace scalelab::gui::cli
