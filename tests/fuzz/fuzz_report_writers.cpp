// libFuzzer entry: the report writers against strings from the input (issue 20). The bytes
// give a design's name, description, ids and node names, built from pieces of markup,
// quotes, formula starters, control characters and non-characters, or taken raw. The design
// runs for two simulated seconds and every writer's output is checked: the HTML report, the
// SVG diagram and a sweep's report parse as XML with no script, no event handler and no
// javascript: URL; the time-series CSV and the sweep CSV hold no cell a spreadsheet
// evaluates. A problem aborts with its description (the input is the reproducer).
#include <cstdio>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

#include "ReportChecks.h"
#include "core/experiment/Sweep.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "gui/report/DiagramImage.h"
#include "gui/report/ReportWriter.h"
#include "gui/report/SweepReport.h"

namespace {

using namespace scalelab;
using testsupport::csvCells;
using testsupport::isFormula;
using testsupport::xmlProblem;

[[noreturn]] void broken(const char* what, const QString& detail)
{
    std::fprintf(stderr, "report fuzz: %s: %s\n", what, qPrintable(detail));
    std::abort();
}

// Made on the first input: libFuzzer and the replay both call only the entry point.
void ensureApplication()
{
    static const QApplication* app = [] {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "fuzz_report_writers";
        static char* argv[] = {name, nullptr};
        return new QApplication(argc, argv);
    }();
    (void)app;
}

// A string as a file could carry it: pieces that mean something to HTML, SVG, CSV or a
// terminal, or raw bytes made valid UTF-8 (a loaded file is always UTF-8; NUL is allowed).
std::string text(FuzzedDataProvider& in)
{
    static const char* const pieces[] = {"<",
                                         ">",
                                         "&",
                                         "\"",
                                         "'",
                                         "`",
                                         "=",
                                         "+",
                                         "-",
                                         "@",
                                         "/",
                                         "\\",
                                         ";",
                                         ",",
                                         " ",
                                         "<script>",
                                         "</script>",
                                         "</title>",
                                         "<svg onload=alert(1)>",
                                         "javascript:",
                                         "<!--",
                                         "-->",
                                         "]]>",
                                         "<![CDATA[",
                                         "<?xml",
                                         "&amp;",
                                         "&#x3c;",
                                         "%s",
                                         "{}",
                                         "\t",
                                         "\n",
                                         "\r",
                                         "#",
                                         "~",
                                         "\x01",
                                         "\x1b[31m",
                                         "\x7f",
                                         "\xef\xbf\xbe",
                                         "\xef\xbf\xbf",
                                         "\xef\xb7\x90",
                                         "\xe2\x80\xae",
                                         "\xf0\x9f\x92\xa5",
                                         "\xc3\xa9",
                                         "R&D",
                                         "x"};
    if (in.ConsumeBool())
        return QString::fromUtf8(in.ConsumeRandomLengthString(24)).toStdString();
    std::string s;
    for (int n = in.ConsumeIntegralInRange(0, 8); n > 0; --n)
        s += pieces[in.ConsumeIntegralInRange<std::size_t>(0, std::size(pieces) - 1)];
    return s;
}

core::Node node(const std::string& id, const char* kind, std::string name, double x,
                core::ParamMap params = {})
{
    return core::Node{
        core::NodeId(id), core::KindId(kind), std::move(name), {x, 50.0}, std::move(params)};
}

void checkCsv(const char* what, const std::string& csv)
{
    for (const QString& cell : csvCells(QString::fromStdString(csv)))
        if (isFormula(cell))
            broken(what, QStringLiteral("a formula cell ") + cell);
}

void checkXml(const char* what, const QByteArray& text)
{
    const QString problem = xmlProblem(text);
    if (!problem.isEmpty())
        broken(what, problem);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    ensureApplication();
    FuzzedDataProvider in(data, size);
    core::Topology t;
    t.name = text(in);
    t.description = text(in);
    t.simulation = {2.0, 0.0, in.ConsumeIntegral<std::uint16_t>()};
    // Ids must differ: a suffix keeps them apart whatever the random part is.
    const std::string users = text(in) + "#u";
    const std::string web = text(in) + "#w";
    const std::string db = text(in) + "#d";
    t.nodes = {node(users, "client", text(in), 0, {{"rate_rps", 50.0}}),
               node(web, "web_server", text(in), 200), node(db, "database", text(in), 400)};
    t.links = {core::Link{core::NodeId(users), core::NodeId(web), core::LinkKind::Request, {}},
               core::Link{core::NodeId(web), core::NodeId(db), core::LinkKind::Request, {}}};
    t.scenario = {{0.5, core::ActionType::Fail, core::NodeId(db), {}, {}, {}},
                  {1.0, core::ActionType::Recover, core::NodeId(db), {}, {}, {}}};
    const core::sim::RunResults results = core::sim::simulate(t);
    const nlohmann::json document = core::resultsWithGoals(results, t);

    static const QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("report.html"));
    QString error;
    if (!gui::writeHtmlReport(t, document, html, &error))
        broken("the HTML report was not written", error);
    QFile file(html);
    if (!file.open(QIODevice::ReadOnly))
        broken("the HTML report cannot be read back", html);
    checkXml("HTML report", file.readAll());
    checkXml("SVG diagram", gui::diagramSvg(t));
    checkCsv("time-series CSV", core::sim::timeSeriesToCsv(results));

    // A sweep over a text parameter: its values, the axis' node id and the points' errors
    // are the file's strings.
    core::experiment::SweepAxis axis{web, "site", {core::NodeId(web)}, {}};
    for (int v = in.ConsumeIntegralInRange(1, 3); v > 0; --v)
        axis.values.emplace_back(text(in));
    const core::experiment::SweepDesign design(t, {axis});
    std::vector<nlohmann::ordered_json> points;
    for (std::size_t p = 0; p < design.points(); ++p)
        points.push_back(core::experiment::sweepPoint(design, p, {}, text(in) + "!"));
    const auto sweep = core::experiment::sweepDocument(design, text(in), 1, std::move(points));
    checkCsv("sweep CSV", core::experiment::sweepCsv(sweep));
    checkXml("sweep report", gui::sweepReportHtml(sweep, nullptr).toUtf8());
    return 0;
}
