#include <cmath>
#include <cstdio>
#include <exception>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>

#include "core/goals/GoalCatalog.h"
#include "core/goals/GoalCheck.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/io/TopologyJson.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "core/validation/Limits.h"
#include "core/validation/Validator.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/ExperimentOptions.h"
#include "gui/cli/PriceOption.h"
#include "gui/cli/RunReplications.h"
#include "gui/report/ReportWriter.h"

namespace scalelab::gui::cli {

namespace {

namespace simns = core::sim;

void printGoals(const std::vector<core::GoalResult>& goals)
{
    QStringList parts;
    for (const auto& g : goals) {
        const core::GoalSpec* spec = core::GoalCatalog::instance().find(g.name);
        const QString bound = spec && spec->bound == core::GoalBound::Lower ? QStringLiteral(">=")
                                                                            : QStringLiteral("<=");
        parts << QStringLiteral("%1 %2 %3: %4 %5")
                     .arg(QString::fromStdString(g.name), bound)
                     .arg(g.target)
                     .arg(g.actual ? QString::number(*g.actual, 'g', 5) : QStringLiteral("n/a"))
                     .arg(g.met ? QStringLiteral("met") : QStringLiteral("MISSED"));
    }
    printOut(QStringLiteral("goals       ") + parts.join(QStringLiteral("; ")));
}

QString runFixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

void printRunSummary(const simns::RunResults& r)
{
    const QString name = QString::fromStdString(r.name.empty() ? std::string("(unnamed)") : r.name);
    if (r.engine.eventCapReached)
        printOut(QStringLiteral(
                     "%1 — STOPPED EARLY: %2 s of %3 s simulated (%4 s warm-up excluded), seed %5")
                     .arg(name)
                     .arg(r.engine.simulatedS)
                     .arg(r.durationS)
                     .arg(r.warmupS)
                     .arg(r.seed));
    else
        printOut(QStringLiteral("%1 — %2 s simulated (%3 s warm-up excluded), seed %4")
                     .arg(name)
                     .arg(r.durationS)
                     .arg(r.warmupS)
                     .arg(r.seed));
    for (const auto& w : r.warnings)
        printOut(QStringLiteral("warning     ") + QString::fromStdString(w));
    const QString overdue = r.overdue > 0
                                ? QStringLiteral(" (%1 open since the first half)").arg(r.overdue)
                                : QString();
    printOut(
        QStringLiteral(
            "requests    %1 generated, %2 completed, %3 failed, %4 unfinished%5; availability %6%")
            .arg(r.generated)
            .arg(r.completed)
            .arg(r.failed)
            .arg(r.unfinished)
            .arg(overdue)
            .arg(runFixed(100.0 * r.availability, 3)));
    QStringList reasons;
    for (const auto& [reason, count] : r.byReason)
        if (count > 0)
            reasons << QStringLiteral("%1 %2").arg(QString::fromStdString(reason)).arg(count);
    if (!reasons.isEmpty())
        printOut(QStringLiteral("failures    ") + reasons.join(QStringLiteral(", ")));
    // Headline figures with their batch-means 95% half-widths (left out when unknown).
    const auto ci = [](double half, int decimals) {
        return std::isfinite(half) ? QStringLiteral(" \u00b1 ") + runFixed(half, decimals)
                                   : QString();
    };
    printOut(QStringLiteral("throughput  %1%2 req/s")
                 .arg(runFixed(r.throughputRps, 1), ci(r.ci95.throughputRps, 1)));
    const auto& l = r.latency;
    printOut(QStringLiteral("latency ms  mean %1  p50 %2  p90 %3  p99 %4  p99.9 %5  max %6")
                 .arg(runFixed(l.mean, 2) + ci(r.ci95.latencyMeanMs, 2), runFixed(l.p50, 2),
                      runFixed(l.p90, 2), runFixed(l.p99, 2), runFixed(l.p999, 2),
                      runFixed(l.max, 2)));
    printOut(QStringLiteral("data        %1 lost writes, %2 stale reads")
                 .arg(r.lostWrites)
                 .arg(r.staleReads));
    if (r.jobs.present) {
        const auto& j = r.jobs;
        printOut(QStringLiteral("jobs        %1 published, %2 completed, %3 dropped, %4 failed; "
                                "at most %5 waiting; latency ms mean %6  p50 %7  p99 %8  max %9")
                     .arg(j.published)
                     .arg(j.completed)
                     .arg(j.dropped)
                     .arg(j.failed)
                     .arg(j.backlogMax)
                     .arg(runFixed(j.latency.mean, 2), runFixed(j.latency.p50, 2),
                          runFixed(j.latency.p99, 2), runFixed(j.latency.max, 2)));
    }
    if (std::isfinite(r.ci95.latencyMeanMs))
        printOut(QStringLiteral("            (\u00b1: 95% intervals by batch means over %1 "
                                "batches of the measured window)")
                     .arg(r.ci95.batches));
    printOut(QString());
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                 .arg(QStringLiteral("node"), -16)
                 .arg(QStringLiteral("kind"), -14)
                 .arg(QStringLiteral("arrivals"), 10)
                 .arg(QStringLiteral("util %"), 7)
                 .arg(QStringLiteral("queue"), 8)
                 .arg(QStringLiteral("wait ms"), 9)
                 .arg(QStringLiteral("resp ms"), 9)
                 .arg(QStringLiteral("up %"), 6)
                 .arg(QStringLiteral("util \u00b1"), 7));
    for (const auto& n : r.nodes)
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(QString::fromStdString(n.id), -16)
                     .arg(QString::fromStdString(n.kind), -14)
                     .arg(n.arrivals, 10)
                     .arg(runFixed(100.0 * n.utilization, 1), 7)
                     .arg(runFixed(n.meanQueueLength, 2), 8)
                     .arg(runFixed(n.meanWaitMs, 2), 9)
                     .arg(runFixed(n.meanResponseMs, 2), 9)
                     .arg(runFixed(100.0 * n.upFraction, 1), 6)
                     .arg(std::isfinite(n.utilizationCi95) ? runFixed(100.0 * n.utilizationCi95, 1)
                                                           : QStringLiteral("-"),
                          7));
    if (!r.events.empty()) {
        printOut(QString());
        for (const auto& e : r.events)
            printOut(QStringLiteral("t=%1 s  %2 %3 %4")
                         .arg(runFixed(e.tS, 3),
                              QString::fromLatin1(simns::toString(e.kind).data()),
                              QString::fromStdString(e.node), QString::fromStdString(e.detail)));
    }
    printOut(QString());
    printOut(QStringLiteral("engine      %1 events in %2 s wall (%3 M events/s)")
                 .arg(r.engine.events)
                 .arg(runFixed(r.engine.wallS, 3))
                 .arg(runFixed(r.engine.eventsPerS / 1e6, 2)));
}

} // namespace

int runCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Simulate a .scalelab file and print a summary; optionally write the "
                       "scalelab-results/1 JSON and the 1-second time series as CSV."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to simulate."));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Simulated seconds (overrides the file)."),
                                      QStringLiteral("S"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
                                    QStringLiteral("Warm-up seconds excluded from statistics."),
                                    QStringLiteral("S"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("N"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral(
            "Write scalelab-results/1 JSON here ('-' = standard output, instead of the summary)."),
        QStringLiteral("OUT"));
    const QCommandLineOption csv(
        QStringLiteral("csv"),
        QStringLiteral("Write the 1-second time series as CSV here ('-' = standard output)."),
        QStringLiteral("OUT"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QStringLiteral("Write an HTML or PDF report here."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption video(
        QStringLiteral("embed-video"),
        QStringLiteral("With --report: a recording of the run (.mp4, .webm, .gif from --record) "
                       "the HTML report plays and the PDF shows by its last frame."),
        QStringLiteral("VIDEO"));
    const QCommandLineOption maxEvents(
        QStringLiteral("max-events"),
        QStringLiteral("Stop the run after N events (default and most: the engine's cap of "
                       "4e9); a run stopped early says so and exits 3."),
        QStringLiteral("N"));
    parser.addOptions({duration, warmup, seed, json, csv, report, video, maxEvents});
    const ExperimentOptions experiment;
    experiment.addTo(parser);
    const PriceOption prices;
    prices.addTo(parser);
    int exitCode = Success;
    const QString file = parseFileCommand(parser, args, exitCode);
    if (file.isEmpty())
        return exitCode;
    if (parser.isSet(report) &&
        !parser.value(report).endsWith(QLatin1String(".html"), Qt::CaseInsensitive) &&
        !parser.value(report).endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        printError(QStringLiteral("%1: --report needs a file ending in .html or .pdf, got '%2'")
                       .arg(args.value(0), parser.value(report)));
        return BadUsage;
    }

    if (parser.isSet(video) && !parser.isSet(report)) {
        printError(QStringLiteral("%1: --embed-video needs --report (the report carries the video)")
                       .arg(args.value(0)));
        return BadUsage;
    }
    if (parser.isSet(video) && !QFileInfo(parser.value(video)).isFile()) {
        // Before the run: a missing video should not cost the user a whole simulation.
        printError(QStringLiteral("%1: cannot embed %2: no such file")
                       .arg(args.value(0), parser.value(video)));
        return InvalidInput;
    }

    int replications = 1;
    unsigned jobs = 0;
    if (!experiment.read(parser, args.value(0), 1, replications, jobs))
        return BadUsage;
    // '-' sends the JSON or the CSV to standard output, which then carries nothing else.
    const bool jsonToStdout = parser.isSet(json) && parser.value(json) == QLatin1String("-");
    const bool csvToStdout = parser.isSet(csv) && parser.value(csv) == QLatin1String("-");
    if (jsonToStdout && csvToStdout) {
        printError(QStringLiteral("%1: only one of --json and --csv can be '-' (standard output)")
                       .arg(args.value(0)));
        return BadUsage;
    }
    for (const QCommandLineOption* option : {&json, &csv, &report}) {
        if (!parser.isSet(*option))
            continue;
        const QString name = QStringLiteral("--") + option->names().first();
        if (parser.value(*option).isEmpty()) {
            printError(QStringLiteral("%1: %2 needs a file name").arg(args.value(0), name));
            return BadUsage;
        }
        if (!outputIsNotInput(args.value(0), name, file, parser.value(*option)))
            return BadUsage;
    }

    const std::optional<core::Topology> loaded = loadValidTopology(file);
    if (!loaded)
        return InvalidInput;
    core::Topology topology = *loaded;
    if (!prices.apply(parser, topology))
        return InvalidInput;

    auto number = [&](const QCommandLineOption& option, double& target, bool positive) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const double v = parser.value(option).toDouble(&ok);
        // The same bound as duration_s in a file (the clock counts nanoseconds).
        if (!ok || !std::isfinite(v) || v < 0 || (positive && v <= 0) || v > core::kMaxDurationS) {
            printError(QStringLiteral("%1: --%2 needs a number of seconds %3 and <= %4, got '%5'")
                           .arg(args.value(0), option.names().first(),
                                positive ? QStringLiteral("> 0") : QStringLiteral(">= 0"))
                           .arg(core::kMaxDurationS, 0, 'g')
                           .arg(parser.value(option)));
            return false;
        }
        target = v;
        return true;
    };
    if (!number(duration, topology.simulation.durationS, true) ||
        !number(warmup, topology.simulation.warmupS, false))
        return BadUsage;
    if (parser.isSet(seed)) {
        bool ok = false;
        const qulonglong v = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            printError(QStringLiteral("%1: --seed needs a non-negative integer, got '%2'")
                           .arg(args.value(0), parser.value(seed)));
            return BadUsage;
        }
        topology.simulation.seed = v;
    }
    simns::SimulationOptions engine;
    if (parser.isSet(maxEvents)) {
        bool ok = false;
        const qulonglong v = parser.value(maxEvents).toULongLong(&ok);
        if (!ok || v == 0 || v > engine.maxEvents) {
            printError(
                QStringLiteral("%1: --max-events needs a whole number from 1 to %2, got '%3'")
                    .arg(args.value(0))
                    .arg(engine.maxEvents)
                    .arg(parser.value(maxEvents)));
            return BadUsage;
        }
        if (parser.isSet(experiment.replications)) {
            printError(QStringLiteral("%1: --max-events stops a single run; it does not combine "
                                      "with --replications")
                           .arg(args.value(0)));
            return BadUsage;
        }
        engine.maxEvents = v;
    }
    if (topology.simulation.warmupS >= topology.simulation.durationS) {
        printError(QStringLiteral("%1: the warm-up (%2 s) must be shorter than the duration (%3 s)")
                       .arg(args.value(0))
                       .arg(topology.simulation.warmupS)
                       .arg(topology.simulation.durationS));
        return BadUsage;
    }

    simns::RunResults results;
    // --replications: replication 0 (the file's seed) is reported in full as usual, the
    // across-seed figures go under the additive "replications" key.
    std::optional<core::experiment::ReplicatedRun> replicated;
    if (parser.isSet(experiment.replications)) {
        replicated = runReplications(topology, replications, jobs, file);
        if (!replicated)
            return InvalidInput;
        results = replicated->first;
    } else {
        try {
            simns::Simulation simulation(topology, engine);
            const bool progress = isatty(fileno(stderr)) != 0;
            // Slices of a hundredth of the run: progress without slowing the engine down.
            const simns::SimTime slice = std::max<simns::SimTime>(1, simulation.end() / 100);
            while (!simulation.finished()) {
                simulation.runUntil(simulation.now() + slice);
                if (progress)
                    std::fprintf(stderr, "\rsimulating %s: %3.0f%%", file.toUtf8().constData(),
                                 100.0 * static_cast<double>(simulation.now()) /
                                     static_cast<double>(simulation.end()));
            }
            if (progress)
                std::fputc('\n', stderr);
            results = simulation.results();
        } catch (const std::exception& e) {
            printError(QStringLiteral("%1: error: %2").arg(file, QString::fromUtf8(e.what())));
            return InvalidInput;
        }
    }

    const bool summary = !jsonToStdout && !csvToStdout;
    if (summary)
        printRunSummary(results);
    // The results document, with the file's goals checked against it when it sets any.
    nlohmann::ordered_json document = core::resultsWithGoals(results, topology);
    if (summary)
        printOut(QStringLiteral("cost        $%1/hour, $%2/month (730 h)")
                     .arg(results.cost.perHour, 0, 'f', 3)
                     .arg(results.cost.perMonth, 0, 'f', 0));
    if (summary && document.contains("goals") && !replicated)
        printGoals(core::checkGoals(topology.goals, results));
    if (replicated) {
        document["replications"] = core::experiment::replicationsJson(*replicated, topology);
        if (summary) {
            printReplications(*replicated, jobs);
            if (!topology.goals.empty())
                printGoals(core::checkGoals(
                    topology.goals,
                    simns::resultsFromDocument(nlohmann::json(document["replications"]["mean"]))));
        }
    }
    // The timing block goes last, after goals and replications: everything before it is
    // the same, byte for byte, for the same file and seed (docs/format.md).
    if (const auto engine = document.find("engine"); engine != document.end()) {
        nlohmann::ordered_json timing = std::move(*engine);
        document.erase(engine);
        document["engine"] = std::move(timing);
    }
    if (parser.isSet(json) && !writeOutput(args.value(0), parser.value(json),
                                           QByteArray::fromStdString(document.dump(2) + "\n")))
        return InvalidInput;
    if (parser.isSet(report)) {
        QString error;
        ReportExtras extras;
        extras.sourcePath = file;
        extras.videoPath = parser.value(video);
        if (!writeReport(topology, nlohmann::json(document), parser.value(report), &error,
                         extras)) {
            printError(QStringLiteral("%1: cannot write the report: %2").arg(args.value(0), error));
            return InvalidInput;
        }
    }
    // The CSV holds numbers and fixed column names only: no text from the file reaches a
    // cell, so a spreadsheet has no formula to run.
    if (parser.isSet(csv) &&
        !writeOutput(args.value(0), parser.value(csv),
                     QByteArray::fromStdString(simns::timeSeriesToCsv(results))))
        return InvalidInput;
    if (results.engine.eventCapReached) {
        // Also on standard error: a script that only keeps the JSON still hears of it.
        for (const auto& w : results.warnings)
            printError(QStringLiteral("%1: warning: %2").arg(file, QString::fromStdString(w)));
        return StoppedEarly;
    }
    return Success;
}

} // namespace scalelab::gui::cli
