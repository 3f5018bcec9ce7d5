// `scalelab plan`: the cheapest values of the --vary knobs that meet every goal of the
// file, searched on queueing estimates and proven by simulation. docs/capacity-planning.md.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <QCommandLineOption>
#include <QCommandLineParser>

#include "core/experiment/Planner.h"
#include "core/io/TopologyJson.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/ExperimentOptions.h"
#include "gui/cli/PriceOption.h"
#include "gui/cli/SimulationOverrides.h"
#include "gui/report/PlanReport.h"

namespace scalelab::gui::cli {

namespace plan_command_detail {

namespace ex = core::experiment;

QString planValues(const nlohmann::ordered_json& values)
{
    QStringList parts;
    for (const auto& [key, v] : values.items())
        parts << QStringLiteral("%1=%2").arg(
            QString::fromStdString(key),
            QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump()));
    return parts.join(QStringLiteral(", "));
}

// "p99_ms (961)": the goals a step missed even at its interval's better end.
QString clearlyMissed(const nlohmann::ordered_json& step)
{
    QStringList parts;
    for (const auto& name : step.at("clearly_missed")) {
        const auto& mean = step.at("goals").at(name.get<std::string>()).at("mean");
        parts << QStringLiteral("%1 (%2)").arg(
            QString::fromStdString(name.get<std::string>()),
            mean.is_number() ? QString::number(mean.get<double>(), 'g', 4)
                             : QStringLiteral("no number: requests went unanswered"));
    }
    return parts.join(QStringLiteral(", "));
}

// A walk step's verdict: proven, or what it clearly missed and what else it did not prove.
QString walkVerdict(const nlohmann::ordered_json& step)
{
    if (step.at("proven").get<bool>())
        return QStringLiteral("proven");
    QStringList others;
    for (const auto& m : step.at("not_proven"))
        if (std::find(step.at("clearly_missed").begin(), step.at("clearly_missed").end(), m) ==
            step.at("clearly_missed").end())
            others << QString::fromStdString(m.get<std::string>());
    QStringList parts;
    if (!step.at("clearly_missed").empty())
        parts << QStringLiteral("clearly misses ") + clearlyMissed(step);
    if (!others.isEmpty())
        parts << QStringLiteral("not proven: ") + others.join(QStringLiteral(", "));
    return parts.join(QStringLiteral("; "));
}

void printPlan(const nlohmann::ordered_json& doc)
{
    const auto& search = doc.at("search");
    printOut(QStringLiteral(
                 "search      %1 candidates, %2 kept by the queueing estimates, %3 simulated, "
                 "%4 probes, %5 passed over")
                 .arg(search.at("candidates").get<std::size_t>())
                 .arg(search.at("analytic_feasible").get<std::size_t>())
                 .arg(search.at("simulated").size())
                 .arg(search.at("probes").size())
                 .arg(search.at("skipped").get<std::size_t>()));
    if (!search.at("probes").empty())
        printOut(QStringLiteral("probes      every knob at its largest value, then each lowered "
                                "alone:"));
    bool top = true;
    for (const auto& s : search.at("probes")) {
        const bool missed = !s.at("clearly_missed").empty();
        printOut(QStringLiteral("  %1  %2%3")
                     .arg(planValues(s.at("values")),
                          missed ? QStringLiteral("clearly misses ") + clearlyMissed(s)
                                 : QStringLiteral("no goal clearly missed"),
                          top && missed ? QStringLiteral(": nothing in these ranges can meet it")
                                        : QString()));
        top = false;
    }
    if (!search.at("floors").empty()) {
        QStringList floors;
        for (const auto& [key, v] : search.at("floors").items())
            floors << QStringLiteral("%1 >= %2")
                          .arg(QString::fromStdString(key), QString::fromStdString(v.dump()));
        printOut(QStringLiteral("floors      %1 (below each, a probe clearly missed a goal)")
                     .arg(floors.join(QStringLiteral(", "))));
    }
    if (!search.at("simulated").empty())
        printOut(QStringLiteral("walk        cheapest first:"));
    for (const auto& s : search.at("simulated"))
        printOut(QStringLiteral("  %1  $%2/month  %3")
                     .arg(planValues(s.at("values")))
                     .arg(s.at("cost").at("per_month").get<double>(), 0, 'f', 0)
                     .arg(walkVerdict(s)));
    if (!doc.at("proven").get<bool>()) {
        printOut(QStringLiteral("no candidate was proven to meet every goal: widen the --vary "
                                "ranges or relax the goals"));
        return;
    }
    printOut(QStringLiteral("chosen      %1").arg(planValues(doc.at("chosen"))));
    printOut(QStringLiteral("cost        $%1/hour, $%2/month")
                 .arg(doc.at("cost").at("per_hour").get<double>(), 0, 'f', 3)
                 .arg(doc.at("cost").at("per_month").get<double>(), 0, 'f', 0));
    QStringList goals;
    for (const auto& [name, g] : doc.at("goals").items())
        goals << QStringLiteral("%1 %2 %3: %4 ± %5")
                     .arg(QString::fromStdString(name),
                          g.at("bound") == "upper" ? QStringLiteral("<=") : QStringLiteral(">="))
                     .arg(g.at("target").get<double>())
                     .arg(g.at("mean").is_number() ? g.at("mean").get<double>() : NAN, 0, 'g', 5)
                     .arg(g.at("ci95").is_number() ? g.at("ci95").get<double>() : NAN, 0, 'g', 3);
    printOut(QStringLiteral("proven by   %1 replications: %2")
                 .arg(doc.at("verified").at("replications").get<std::size_t>())
                 .arg(goals.join(QStringLiteral("; "))));
}

} // namespace plan_command_detail

int planCommand(const QStringList& args)
{
    using namespace plan_command_detail;
    const QString command = args.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Find the cheapest values of the --vary knobs that meet every goal of the file: a "
        "search on queueing-theory estimates (all cores), then the cheapest candidates are "
        "simulated with replications until one is proven (every goal met even at the worse "
        "end of its 95% interval)."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to size."));
    const QCommandLineOption vary(QStringLiteral("vary"),
                                  QStringLiteral("NODE.PARAM=FROM:TO[:STEP] or =V1,V2,... "
                                                 "(repeatable; NODE may use *)."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Write the planned design here."),
                                 QStringLiteral("PLANNED.scalelab"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Write scalelab-plan/1 JSON here."),
                                  QStringLiteral("OUT"));
    const QCommandLineOption report(
        QStringLiteral("report"),
        QStringLiteral("Write an HTML or PDF report of the plan for a design review: the goals, "
                       "the answer, the probes and the walk, a chart per goal."),
        QStringLiteral("FILE.html|.pdf"));
    parser.addOptions({vary, out, json, report});
    const ExperimentOptions experiment;
    experiment.addTo(parser);
    const SimulationOverrides overrides;
    overrides.addTo(parser);
    const PriceOption prices;
    prices.addTo(parser);

    int exitCode = Success;
    const QString file = parseFileCommand(parser, args, exitCode);
    if (file.isEmpty())
        return exitCode;
    bool toStdout = false;
    if (!checkOutputOptions(command, parser, {&json, &out, &report}, file, toStdout))
        return BadUsage;
    if (parser.isSet(report) &&
        !parser.value(report).endsWith(QLatin1String(".html"), Qt::CaseInsensitive) &&
        !parser.value(report).endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        printError(QStringLiteral("%1: --report needs a file ending in .html or .pdf, got '%2'")
                       .arg(command, parser.value(report)));
        return BadUsage;
    }
    if (!parser.isSet(vary)) {
        printError(QStringLiteral("%1: give the knobs to size with --vary NODE.PARAM=FROM:TO "
                                  "(e.g. --vary 'web*.workers=4:64')")
                       .arg(command));
        return BadUsage;
    }
    int replications = 3;
    unsigned jobs = 0;
    if (!experiment.read(parser, command, 3, replications, jobs))
        return BadUsage;
    const std::optional<core::Topology> loaded = loadValidTopology(file);
    if (!loaded)
        return InvalidInput;
    if (loaded->goals.empty()) {
        printError(QStringLiteral("%1: error: the file sets no goals: a plan needs targets to "
                                  "meet (\"goals\": {\"p99_ms\": 250, ...}, see docs/goals.md)")
                       .arg(file));
        return InvalidInput;
    }
    core::Topology topology = *loaded;
    if (!overrides.apply(parser, command, topology))
        return BadUsage;
    if (!prices.apply(parser, topology))
        return InvalidInput;

    std::vector<ex::SweepAxis> axes;
    try {
        for (const QString& v : parser.values(vary))
            axes.push_back(ex::parseVary(v.toStdString(), topology, false));
    } catch (const std::invalid_argument& e) {
        printError(QStringLiteral("%1: %2").arg(command, QString::fromUtf8(e.what())));
        return BadUsage;
    }
    std::optional<ex::SweepDesign> design;
    try {
        design.emplace(topology, axes);
    } catch (const std::invalid_argument& e) {
        printError(QStringLiteral("%1: %2").arg(command, QString::fromUtf8(e.what())));
        return BadUsage;
    }

    ex::PlanOptions options;
    options.replications = static_cast<std::size_t>(replications);
    options.threads = jobs;
    const bool progress = isatty(fileno(stderr)) != 0;
    const ex::PlanResult result = ex::planDesign(
        *design, options, [&](const std::string& stage, std::size_t done, std::size_t total) {
            if (progress)
                std::fprintf(stderr, "\rplan: %s %zu of %zu   ", stage.c_str(), done, total);
            return true;
        });
    if (progress)
        std::fputc('\n', stderr);
    const nlohmann::ordered_json doc = ex::planJson(result, *design, file.toStdString(), options);
    if (!toStdout)
        printPlan(doc);
    if (parser.isSet(json) &&
        !writeOutput(command, parser.value(json), QByteArray::fromStdString(doc.dump(2) + "\n")))
        return InvalidInput;
    if (parser.isSet(out) && result.chosen) {
        // The file as written (its own duration, no price sheet folded in) with the chosen
        // values: the design to keep, not the verification's settings.
        core::Topology planned = *loaded;
        const std::vector<std::size_t> at = design->indices(result.simulated[*result.chosen].point);
        for (std::size_t i = 0; i < axes.size(); ++i)
            for (const core::NodeId& id : axes[i].nodes)
                planned.findNode(id)->params[axes[i].param] = axes[i].values[at[i]];
        if (!writeOutput(command, parser.value(out),
                         QByteArray::fromStdString(core::saveTopology(planned))))
            return InvalidInput;
    }
    QString problem;
    // The file's goals: a plan that proved nothing carries no targets of its own.
    if (parser.isSet(report) &&
        !writePlanReport(doc, parser.value(report), &problem, topology.goals)) {
        printError(QStringLiteral("%1: cannot write the report: %2").arg(command, problem));
        return InvalidInput;
    }
    return Success;
}

} // namespace scalelab::gui::cli
