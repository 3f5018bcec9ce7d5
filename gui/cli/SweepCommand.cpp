// `scalelab sweep`: a full factorial over --vary parameters, R seeds a point, on every core
// (or written as jobs for a cluster and merged back). docs/capacity-planning.md.
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>

#include "core/experiment/Sweep.h"
#include "core/experiment/SweepCsvWriter.h"
#include "core/experiment/SweepJobs.h"
#include "core/experiment/SweepJsonWriter.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/ExperimentOptions.h"
#include "gui/cli/PriceOption.h"
#include "gui/cli/SimulationOverrides.h"
#include "gui/report/SweepReport.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/StreamedFile.h"

namespace scalelab::gui::cli {

namespace sweep_command_detail {

namespace ex = core::experiment;

// A file of an --emit-jobs folder: whole or not at all.
bool writeJobFile(const QString& path, const QByteArray& bytes, const QString& what)
{
    QString problem;
    if (!writeFileAtomically(path, bytes, &problem)) {
        printError(QStringLiteral("the %1: %2").arg(what, problem));
        return false;
    }
    return true;
}

QString sweepCell(const nlohmann::ordered_json& point, const char* pointer, double scale,
                  int decimals)
{
    const nlohmann::ordered_json::json_pointer at(pointer);
    if (!point.contains(at) || !point.at(at).is_number())
        return QStringLiteral("-");
    QString text = QString::number(point.at(at).get<double>() * scale, 'f', decimals);
    const nlohmann::ordered_json::json_pointer ci(std::string("/ci95") + pointer);
    if (point.contains(ci) && point.at(ci).is_number())
        text += QStringLiteral("±") +
                QString::number(point.at(ci).get<double>() * scale, 'f', decimals);
    return text;
}

// The table on the terminal, a row as each point finishes. Over a progress line on the
// same terminal, the row first wipes it (the next progress line follows the row).
class SweepTablePrinter : public ex::SweepSink {
public:
    explicit SweepTablePrinter(bool overProgress) : m_overProgress(overProgress) {}

    void begin(const nlohmann::ordered_json& header) override
    {
        QStringList names;
        for (const auto& a : header.at("vary"))
            names << QString::fromStdString(a.at("node").get<std::string>() + "." +
                                            a.at("param").get<std::string>());
        names << QStringLiteral("throughput req/s") << QStringLiteral("availability %")
              << QStringLiteral("p99 ms") << QStringLiteral("cost $/month")
              << QStringLiteral("goals");
        printOut(names.join(QStringLiteral("  ")));
    }

    void point(std::size_t, const nlohmann::ordered_json& p) override
    {
        QStringList row;
        for (const auto& [key, value] : p.at("values").items())
            row << QString::fromStdString(value.is_string() ? value.get<std::string>()
                                                            : value.dump());
        if (p.contains("error")) {
            row << QStringLiteral("error: ") +
                       QString::fromStdString(p.at("error").get<std::string>());
        } else {
            row << sweepCell(p, "/throughput_rps", 1, 1) << sweepCell(p, "/availability", 100, 3)
                << sweepCell(p, "/latency_ms/p99", 1, 1) << sweepCell(p, "/cost/per_month", 1, 0)
                << (p.contains("goals_met")
                        ? (p.at("goals_met").get<bool>() ? QStringLiteral("met")
                                                         : QStringLiteral("MISSED"))
                        : QStringLiteral("-"));
        }
        if (m_overProgress)
            std::fprintf(stderr, "\r%60s\r", "");
        printOut(row.join(QStringLiteral("  ")));
        std::fflush(stdout);
    }

    void end() override {}

private:
    bool m_overProgress;
};

// What a sweep writes, fed point by point as the points finish: --json and --csv stream
// into files that appear whole, and only once the sweep has succeeded; --report keeps what
// it draws; the table goes to the terminal. Nothing here holds every point.
class SweepOutputs {
public:
    SweepOutputs(const QCommandLineParser& parser, const QCommandLineOption& json,
                 const QCommandLineOption& csv, const QCommandLineOption& report,
                 const QString& command)
        : m_parser(parser), m_jsonOption(json), m_csvOption(csv), m_reportOption(report),
          m_command(command)
    {
    }

    /// Opens the files before the first run, so a path that cannot be written stops the
    /// sweep at once rather than after it.
    bool open(bool printTable, bool overProgress)
    {
        try {
            return openAll(printTable, overProgress);
        } catch (const std::exception& e) { // no temporary file for --csv
            failed(QString::fromUtf8(e.what()));
            return false;
        }
    }

    ex::SweepSink& sink() { return m_fanOut; }

    /// After the sweep: each file put in place, in the order --json, --csv, --report.
    int finish()
    {
        QString problem;
        if (m_json) {
            m_jsonFile.stream() << '\n';
            if (!m_jsonFile.commit(&problem))
                return failed(problem);
        }
        if (m_csv && !m_csvFile.commit(&problem))
            return failed(problem);
        if (m_report && !m_report->write(m_parser.value(m_reportOption), &problem)) {
            printError(QStringLiteral("%1: cannot write the report: %2").arg(m_command, problem));
            return InvalidInput;
        }
        return Success;
    }

private:
    bool openAll(bool printTable, bool overProgress)
    {
        if (printTable) {
            m_table.emplace(overProgress);
            m_fanOut.add(*m_table);
        }
        if (m_parser.isSet(m_jsonOption)) {
            if (!openFile(m_jsonFile, m_jsonOption))
                return false;
            m_json.emplace(m_jsonFile.stream());
            m_fanOut.add(*m_json);
        }
        if (m_parser.isSet(m_csvOption)) {
            if (!openFile(m_csvFile, m_csvOption))
                return false;
            m_csv.emplace(m_csvFile.stream());
            m_fanOut.add(*m_csv);
        }
        if (m_parser.isSet(m_reportOption)) {
            m_report.emplace();
            m_fanOut.add(*m_report);
        }
        return true;
    }

    bool openFile(StreamedFile& file, const QCommandLineOption& option)
    {
        QString problem;
        if (file.open(m_parser.value(option), &problem))
            return true;
        failed(problem);
        return false;
    }

    int failed(const QString& problem) const
    {
        printError(QStringLiteral("%1: %2").arg(m_command, problem));
        return InvalidInput;
    }

    const QCommandLineParser& m_parser;
    const QCommandLineOption& m_jsonOption;
    const QCommandLineOption& m_csvOption;
    const QCommandLineOption& m_reportOption;
    QString m_command;
    StreamedFile m_jsonFile;
    StreamedFile m_csvFile;
    std::optional<SweepTablePrinter> m_table;
    std::optional<ex::SweepJsonWriter> m_json;
    std::optional<ex::SweepCsvWriter> m_csv;
    std::optional<SweepReportBuilder> m_report;
    ex::SweepFanOut m_fanOut;
};

std::optional<nlohmann::ordered_json> readJsonFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = f.readAll();
    nlohmann::ordered_json doc =
        nlohmann::ordered_json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded())
        return std::nullopt;
    return doc;
}

int mergeSweep(const QString& dirPath, const QString& command, ex::SweepSink& sink)
{
    const QDir dir(dirPath);
    const QString manifestPath = dir.filePath(QStringLiteral("sweep.json"));
    const std::optional<nlohmann::ordered_json> manifest = readJsonFile(manifestPath);
    if (!manifest) {
        printError(QStringLiteral("%1: error: cannot read %2 (written by sweep --emit-jobs)")
                       .arg(command, manifestPath));
        return InvalidInput;
    }
    try {
        ex::mergeSweepJobs(
            nlohmann::json(*manifest),
            [&](const std::string& stem) {
                return readJsonFile(dir.filePath(QString::fromStdString(stem + ".json")));
            },
            sink);
    } catch (const std::exception& e) {
        printError(QStringLiteral("%1: error: %2").arg(dirPath, QString::fromUtf8(e.what())));
        return InvalidInput;
    }
    return Success;
}

int emitSweepJobs(const ex::SweepDesign& design, const QStringList& varyArgs, const QString& file,
                  int replications, const QString& dirPath, const QString& command)
{
    if (!QDir().mkpath(dirPath)) {
        printError(QStringLiteral("%1: cannot create the folder %2").arg(command, dirPath));
        return InvalidInput;
    }
    std::vector<std::string> vary;
    for (const QString& v : varyArgs)
        vary.push_back(v.toStdString());
    const ex::SweepJobs jobs(design, vary, file.toStdString(),
                             static_cast<std::size_t>(replications));
    const QDir dir(dirPath);
    std::string lines;
    for (std::size_t run = 0; run < jobs.runs(); ++run) {
        const QString name = QString::fromStdString(jobs.stem(run) + ".scalelab");
        if (!writeJobFile(dir.filePath(name), QByteArray::fromStdString(jobs.topologyText(run)),
                          QStringLiteral("job file")))
            return InvalidInput;
        lines += jobs.line(run) + "\n";
    }
    // The manifest last: a folder with sweep.json has every job file it names.
    if (!writeJobFile(dir.filePath(QStringLiteral("jobs.txt")), QByteArray::fromStdString(lines),
                      QStringLiteral("jobs.txt")) ||
        !writeJobFile(dir.filePath(QStringLiteral("sweep.json")),
                      QByteArray::fromStdString(jobs.manifest().dump(2) + "\n"),
                      QStringLiteral("manifest")))
        return InvalidInput;
    printOut(QStringLiteral("wrote %1 runs (%2 points x %3 replications) to %4: run the lines of "
                            "%4/jobs.txt there (GNU Parallel, a Slurm array, ...), then "
                            "scalelab sweep --merge %4")
                 .arg(jobs.runs())
                 .arg(design.points())
                 .arg(replications)
                 .arg(dirPath));
    return Success;
}

} // namespace sweep_command_detail

int sweepCommand(const QStringList& args)
{
    using namespace sweep_command_detail;
    const QString command = args.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run a file over a full factorial of parameter values, R seeds a point, on every core; "
        "report each point's mean and 95% interval of throughput, availability, latency and "
        "cost. Results depend only on the file, its seed and the point, never on --jobs."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to sweep."));
    const QCommandLineOption vary(
        QStringLiteral("vary"),
        QStringLiteral("NODE.PARAM=FROM:TO:STEP or NODE.PARAM=V1,V2,... (repeatable; NODE may "
                       "use * as in web*.workers)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Write scalelab-sweep/1 JSON here."),
                                  QStringLiteral("OUT"));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 QStringLiteral("Write one row a point here."),
                                 QStringLiteral("OUT"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QStringLiteral("Write an HTML or PDF report with a chart per "
                                                   "figure here."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption emitJobs(QStringLiteral("emit-jobs"),
                                      QStringLiteral("Write one .scalelab per run and DIR/jobs.txt "
                                                     "instead of running."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption merge(QStringLiteral("merge"),
                                   QStringLiteral("Assemble the sweep from a folder written by "
                                                  "--emit-jobs whose jobs have run."),
                                   QStringLiteral("DIR"));
    parser.addOptions({vary, json, csv, report, emitJobs, merge});
    const ExperimentOptions experiment;
    experiment.addTo(parser);
    const SimulationOverrides overrides;
    overrides.addTo(parser);
    const PriceOption prices;
    prices.addTo(parser);

    int exitCode = Success;
    if (!parseWithCommonOptions(parser, args, exitCode))
        return exitCode;
    bool toStdout = false;
    const QString input = parser.positionalArguments().value(0);
    if (!checkOutputOptions(command, parser, {&json, &csv, &report}, input, toStdout))
        return BadUsage;
    if (parser.isSet(report) &&
        !parser.value(report).endsWith(QLatin1String(".html"), Qt::CaseInsensitive) &&
        !parser.value(report).endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        printError(QStringLiteral("%1: --report needs a file ending in .html or .pdf, got '%2'")
                       .arg(command, parser.value(report)));
        return BadUsage;
    }

    if (parser.isSet(merge)) {
        if (!parser.positionalArguments().isEmpty() || parser.isSet(vary) ||
            parser.isSet(emitJobs)) {
            printError(QStringLiteral("%1: --merge DIR takes no FILE, --vary or --emit-jobs: the "
                                      "folder holds the sweep")
                           .arg(command));
            return BadUsage;
        }
        SweepOutputs outputs(parser, json, csv, report, command);
        if (!outputs.open(!toStdout, false))
            return InvalidInput;
        if (const int code = mergeSweep(parser.value(merge), command, outputs.sink());
            code != Success)
            return code;
        return outputs.finish();
    }

    const QStringList files = parser.positionalArguments();
    if (files.size() != 1 || files.first().isEmpty()) {
        printError(QStringLiteral("%1: expected exactly one FILE (or --merge DIR), got %2")
                       .arg(command)
                       .arg(files.size()));
        return BadUsage;
    }
    if (!parser.isSet(vary)) {
        printError(
            QStringLiteral("%1: give at least one --vary NODE.PARAM=FROM:TO:STEP").arg(command));
        return BadUsage;
    }
    int replications = 1;
    unsigned jobCount = 0;
    if (!experiment.read(parser, command, 1, replications, jobCount))
        return BadUsage;

    const QString file = files.first();
    std::optional<core::Topology> loaded = loadValidTopology(file);
    if (!loaded)
        return InvalidInput;
    core::Topology topology = std::move(*loaded);
    if (!overrides.apply(parser, command, topology))
        return BadUsage;
    if (!prices.apply(parser, topology))
        return InvalidInput;

    std::vector<ex::SweepAxis> axes;
    try {
        for (const QString& v : parser.values(vary))
            axes.push_back(ex::parseVary(v.toStdString(), topology));
    } catch (const std::invalid_argument& e) {
        printError(QStringLiteral("%1: %2").arg(command, QString::fromUtf8(e.what())));
        return BadUsage;
    }
    std::optional<ex::SweepDesign> design;
    try {
        design.emplace(topology, std::move(axes));
    } catch (const std::invalid_argument& e) {
        printError(QStringLiteral("%1: %2").arg(command, QString::fromUtf8(e.what())));
        return BadUsage;
    }

    if (parser.isSet(emitJobs))
        return emitSweepJobs(*design, parser.values(vary), file, replications,
                             parser.value(emitJobs), command);

    ex::ReplicationRunner runner(topology.simulation.seed, jobCount);
    // No progress line between the lines of a document streamed to the same terminal.
    const bool progress = isatty(fileno(stderr)) != 0 && !(toStdout && isatty(fileno(stdout)) != 0);
    if (progress)
        runner.setProgress([](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rsweep: %zu of %zu runs", done, total);
            return true;
        });
    SweepOutputs outputs(parser, json, csv, report, command);
    if (!outputs.open(!toStdout, progress))
        return InvalidInput;
    try {
        ex::runSweep(*design, file.toStdString(), static_cast<std::size_t>(replications), runner,
                     outputs.sink());
    } catch (const std::exception& e) { // the temporary file of --csv or --report
        printError(QStringLiteral("%1: error: %2").arg(command, QString::fromUtf8(e.what())));
        return InvalidInput;
    }
    if (progress && toStdout) // else the last row has wiped the last progress line
        std::fputc('\n', stderr);
    return outputs.finish();
}

} // namespace scalelab::gui::cli
