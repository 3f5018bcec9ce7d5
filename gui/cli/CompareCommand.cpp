#include <cmath>
#include <cstdio>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <QCommandLineParser>
#include <QFileInfo>

#include "core/compare/DesignDiff.h"
#include "core/compare/HeadlineFigures.h"
#include "core/compare/PairedComparison.h"
#include "core/experiment/ReplicationRunner.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/ExperimentOptions.h"
#include "gui/report/ComparisonReport.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/FileHash.h"

namespace scalelab::gui::cli {

namespace compare_detail {
namespace cmp = core::compare;

QString number(double v, const std::string& unit)
{
    if (!std::isfinite(v))
        return QStringLiteral("-");
    if (unit == "%")
        return QString::number(100 * v, 'f', 3);
    const double a = std::abs(v);
    return QString::number(v, 'f', a >= 100 ? 1 : a >= 1 ? 2 : 4);
}

void printTable(const nlohmann::ordered_json& doc, const cmp::PairedComparison& c)
{
    printOut(QStringLiteral("%1 %2 %3 %4 %5  %6")
                 .arg(QStringLiteral("figure"), -28)
                 .arg(QStringLiteral("A"), 12)
                 .arg(QStringLiteral("B"), 12)
                 .arg(QStringLiteral("B - A"), 12)
                 .arg(QStringLiteral("95% CI"), 11)
                 .arg(QStringLiteral("verdict")));
    for (const cmp::HeadlineFigure& f : cmp::headlineFigures()) {
        if (!c.delta.has(f.pointer))
            continue;
        const core::experiment::FigureStats d = c.delta.at(f.pointer);
        const cmp::Verdict v = cmp::significance(d);
        const QString label =
            QString::fromStdString(f.label) +
            (f.unit.empty() ? QString()
                            : QStringLiteral(" (%1)").arg(QString::fromStdString(f.unit)));
        printOut(
            QStringLiteral("%1 %2 %3 %4 %5  %6")
                .arg(label, -28)
                .arg(number(c.a.at(f.pointer).mean, f.unit), 12)
                .arg(number(c.b.at(f.pointer).mean, f.unit), 12)
                .arg((d.mean > 0 ? QStringLiteral("+") : QString()) + number(d.mean, f.unit), 12)
                .arg(std::isfinite(d.ci95) ? QStringLiteral("±") + number(d.ci95, f.unit)
                                           : QStringLiteral("-"),
                     11)
                .arg(QString::fromStdString(cmp::verdictWord(
                    f, d.mean, v == cmp::Verdict::Significant, v != cmp::Verdict::Unknown))));
    }
    (void)doc;
}
} // namespace compare_detail

using namespace compare_detail;

int compareCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run two designs under the same seeds (common random numbers) and report how every "
        "figure differs (B - A), with 95% intervals of the paired difference."));
    parser.addPositionalArgument(QStringLiteral("A"), QStringLiteral("The baseline design."));
    parser.addPositionalArgument(QStringLiteral("B"),
                                 QStringLiteral("The design compared with it."));
    const ExperimentOptions experiment;
    experiment.addTo(parser);
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed both designs share (default: A's)."),
                                  QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Write scalelab-compare/1 JSON here."),
                                  QStringLiteral("OUT"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QStringLiteral("Write an HTML or PDF comparison report here."),
                                    QStringLiteral("OUT"));
    parser.addOptions({seed, json, report});
    int exitCode = Success;
    if (!parseWithCommonOptions(parser, args, exitCode))
        return exitCode;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        printError(QStringLiteral("%1: expected two files A and B, got %2\nTry '%1 --help'.")
                       .arg(args.value(0))
                       .arg(files.size()));
        return BadUsage;
    }
    // Neither design is ever overwritten by an output (compare a b --json a replaced a).
    for (const QString& file : files)
        for (const QCommandLineOption* option : {&json, &report})
            if (parser.isSet(*option) &&
                !outputIsNotInput(args.value(0), QStringLiteral("--") + option->names().first(),
                                  file, parser.value(*option)))
                return BadUsage;
    int replications = 0;
    unsigned jobs = 0;
    if (!experiment.read(parser, args.value(0), 10, replications, jobs))
        return BadUsage;
    if (parser.isSet(report)) {
        const QString suffix = QFileInfo(parser.value(report)).suffix().toLower();
        if (suffix != QLatin1String("html") && suffix != QLatin1String("pdf")) {
            printError(QStringLiteral("%1: --report needs a file ending in .html or .pdf, got '%2'")
                           .arg(args.value(0), parser.value(report)));
            return BadUsage;
        }
    }
    std::optional<std::uint64_t> sharedSeed;
    if (parser.isSet(seed)) {
        bool ok = false;
        sharedSeed = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            printError(QStringLiteral("%1: --seed needs a non-negative integer, got '%2'")
                           .arg(args.value(0), parser.value(seed)));
            return BadUsage;
        }
    }

    const std::optional<core::Topology> a = loadValidTopology(files[0]);
    const std::optional<core::Topology> b = loadValidTopology(files[1]);
    if (!a || !b)
        return InvalidInput;
    if (a->simulation.durationS != b->simulation.durationS ||
        a->simulation.warmupS != b->simulation.warmupS)
        printError(QStringLiteral("%1: note: the files simulate different durations or warm-ups "
                                  "(%2 s / %3 s and %4 s / %5 s): rates compare, counts less so")
                       .arg(args.value(0))
                       .arg(a->simulation.durationS)
                       .arg(a->simulation.warmupS)
                       .arg(b->simulation.durationS)
                       .arg(b->simulation.warmupS));

    // Common random numbers: both designs get the same seed for each replication.
    const std::uint64_t commonSeed = sharedSeed.value_or(a->simulation.seed);
    core::experiment::ReplicationRunner runner(commonSeed, jobs);
    const bool terminal = isatty(fileno(stderr)) != 0;
    int half = 0; // 0 while A runs, 1 for B
    if (terminal)
        runner.setProgress([&](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rcomparing: %s %zu/%zu", half == 0 ? "A" : "B", done, total);
            if (done == total)
                ++half;
            return true;
        });
    const cmp::PairedComparison c =
        cmp::compareDesigns(*a, *b, static_cast<std::size_t>(replications), runner);
    if (terminal)
        std::fputc('\n', stderr);
    if (!c.error.empty()) {
        printError(
            QStringLiteral("%1: error: %2").arg(args.value(0), QString::fromStdString(c.error)));
        return InvalidInput;
    }

    nlohmann::ordered_json doc = cmp::comparisonJson(c, *a, *b);
    const auto describe = [](nlohmann::ordered_json& side, const QString& file) {
        nlohmann::ordered_json front;
        front["file"] = QFileInfo(file).fileName().toStdString();
        front["sha256"] = fileSha256(file).toStdString();
        for (auto& [key, value] : side.items())
            front[key] = value;
        side = std::move(front);
    };
    describe(doc["a"], files[0]);
    describe(doc["b"], files[1]);
    const cmp::DesignDiff diff = cmp::diffDesigns(*a, *b);
    doc["differences"] = cmp::toJson(diff);

    printOut(QStringLiteral("A: %1 (%2)\nB: %3 (%4)\n%5 replications, common seeds from %6")
                 .arg(files[0], QString::fromStdString(a->name), files[1],
                      QString::fromStdString(b->name))
                 .arg(c.delta.runs())
                 .arg(commonSeed));
    printTable(doc, c);

    if (parser.isSet(json)) {
        QString problem;
        if (!writeFileAtomically(parser.value(json), QByteArray::fromStdString(doc.dump(2) + "\n"),
                                 &problem)) {
            printError(QStringLiteral("%1: the JSON output: %2").arg(args.value(0), problem));
            return InvalidInput;
        }
    }
    if (parser.isSet(report)) {
        ComparisonReportInput input{
            *a, *b, files[0], files[1], doc, c.firstDocumentA, c.firstDocumentB, diff};
        QString problem;
        if (!writeComparisonReport(input, parser.value(report), &problem)) {
            printError(
                QStringLiteral("%1: cannot write the report: %2").arg(args.value(0), problem));
            return InvalidInput;
        }
    }
    return Success;
}

} // namespace scalelab::gui::cli
