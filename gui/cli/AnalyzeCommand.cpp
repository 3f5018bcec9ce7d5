#include <algorithm>
#include <cmath>

#include <QFile>

#include "core/analysis/Analysis.h"
#include "core/analysis/AnalysisJson.h"
#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/PriceOption.h"

namespace scalelab::gui::cli {

namespace {

QString number(double value, int decimals)
{
    if (std::isinf(value))
        return QStringLiteral("inf");
    return QString::number(value, 'f', decimals);
}

QString optionalMs(const std::optional<double>& value)
{
    if (!value)
        return QStringLiteral("-");
    return std::isinf(*value) ? QStringLiteral("unbounded (saturated)")
                              : QStringLiteral("%1 ms").arg(number(*value, 1));
}

// A plain-text table people can read in a terminal: one row per node, then the verdicts.
QString analysisTable(const core::Topology& topology, const core::Analysis& a, const QString& file)
{
    QStringList out;
    out << QStringLiteral("Analysis of %1%2")
               .arg(file, topology.name.empty()
                              ? QString()
                              : QStringLiteral(" (%1)").arg(QString::fromStdString(topology.name)));
    out << QString();
    int idWidth = 4;
    for (const auto& n : a.nodes)
        idWidth = std::max(idWidth, static_cast<int>(n.id.str().size()));
    const auto row = [&](const QStringList& cells) {
        QString line = cells[0].leftJustified(idWidth + 2) + cells[1].leftJustified(15);
        for (int i = 2; i < cells.size() - 1; ++i)
            line += cells[i].rightJustified(i == 2 ? 10 : 13);
        return (line + QStringLiteral("  ") + cells.back()).trimmed();
    };
    out << row({QStringLiteral("node"), QStringLiteral("kind"), QStringLiteral("req/s"),
                QStringLiteral("servers"), QStringLiteral("service ms"), QStringLiteral("util"),
                QStringLiteral("wait ms"), QStringLiteral("response ms"), QStringLiteral("notes")});
    for (const auto& n : a.nodes) {
        const bool client = n.source;
        const QString util = client ? QStringLiteral("-")
                                    : QStringLiteral("%1%").arg(number(n.utilization * 100, 0));
        QStringList notes;
        if (!client && !n.stable)
            notes << QStringLiteral("saturated (offered %1%)").arg(number(n.offeredLoad * 100, 0));
        if (n.rejectFraction && *n.rejectFraction >= 0.0005)
            notes << QStringLiteral("rejects %1%").arg(number(*n.rejectFraction * 100, 1));
        if (n.cancelFraction && *n.cancelFraction >= 0.0005)
            notes << QStringLiteral("drops %1% abandoned (offered %2%)")
                         .arg(number(*n.cancelFraction * 100, 1), number(n.offeredLoad * 100, 0));
        if (n.hitRatio)
            notes << QStringLiteral("hit ratio %1").arg(number(*n.hitRatio, 2));
        if (a.bottleneck == n.id)
            notes << QStringLiteral("bottleneck");
        if (std::find(a.singlePointsOfFailure.begin(), a.singlePointsOfFailure.end(), n.id) !=
            a.singlePointsOfFailure.end())
            notes << QStringLiteral("SPOF");
        out << row({QString::fromStdString(n.id.str()), QString::fromStdString(n.kind),
                    number(n.arrivalRps, 1),
                    client ? QStringLiteral("-") : QString::number(n.servers),
                    client ? QStringLiteral("-") : number(n.serviceMs, 2), util,
                    client ? QStringLiteral("-") : number(n.meanWaitMs, 2),
                    number(n.meanResponseMs, 2), notes.join(QStringLiteral(", "))});
    }
    out << QString();
    out << QStringLiteral("End to end: mean %1, reads %2, writes %3 (links counted both ways)")
               .arg(optionalMs(a.endToEndMeanMs), optionalMs(a.endToEndReadMs),
                    optionalMs(a.endToEndWriteMs));
    if (a.bottleneck) {
        const core::NodeEstimate* b = a.node(*a.bottleneck);
        out << QStringLiteral("Bottleneck: %1 at %2% utilization; client rates can grow %3x "
                              "before a node saturates")
                   .arg(QString::fromStdString(a.bottleneck->str()),
                        number(b->utilization * 100, 0), number(a.maxScale, 2));
    } else {
        out << QStringLiteral("Bottleneck: none (no load)");
    }
    QStringList spof;
    for (const auto& id : a.singlePointsOfFailure)
        spof << QString::fromStdString(id.str());
    out << QStringLiteral("Single points of failure: %1")
               .arg(spof.isEmpty() ? QStringLiteral("none") : spof.join(QStringLiteral(", ")));
    out << QStringLiteral("Cost: $%1 per hour, $%2 per month (730 h)")
               .arg(number(a.cost.perHour, 3), number(a.cost.perMonth, 0));
    if (!a.findings.empty()) {
        out << QString() << QStringLiteral("Findings:");
        for (const auto& f : a.findings)
            out << QStringLiteral("  [%1] %2")
                       .arg(QString::fromLatin1(core::toString(f.severity)),
                            QString::fromStdString(f.sentence()));
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace

int analyzeCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Instant queueing-theory estimates of a .scalelab file, no simulation: arrival rates, "
        "utilization and M/M/c waits per node, end-to-end latency, the bottleneck, how far "
        "the load can grow, single points of failure and findings. Prints a table, or with "
        "--json writes the scalelab-analysis/1 document ('-' = standard output)."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to analyze."));
    const QCommandLineOption jsonOut(QStringLiteral("json"),
                                     QStringLiteral("Write the analysis as JSON to OUT."),
                                     QStringLiteral("OUT"));
    parser.addOption(jsonOut);
    const PriceOption prices;
    prices.addTo(parser);
    int exitCode = Success;
    const QString file = parseFileCommand(parser, args, exitCode);
    if (file.isEmpty())
        return exitCode;
    if (parser.isSet(jsonOut) && parser.value(jsonOut).isEmpty()) {
        printError(QStringLiteral("%1: --json needs a file name (or -)").arg(args.value(0)));
        return BadUsage;
    }

    if (parser.isSet(jsonOut) &&
        !outputIsNotInput(args.value(0), QStringLiteral("--json"), file, parser.value(jsonOut)))
        return BadUsage;
    std::optional<core::Topology> loaded = loadValidTopology(file);
    if (!loaded)
        return InvalidInput;
    if (!prices.apply(parser, *loaded))
        return InvalidInput;

    const core::Analysis analysis = core::analyze(*loaded);
    if (!parser.isSet(jsonOut)) {
        printOut(analysisTable(*loaded, analysis, file));
        return Success;
    }
    const QByteArray text = QByteArray::fromStdString(core::analysisToJsonText(analysis));
    return writeOutput(args.value(0), parser.value(jsonOut), text) ? Success : InvalidInput;
}

} // namespace scalelab::gui::cli
