// The capacity planner's report (`scalelab plan --report`, Size It for Me > Save Report…) on
// the M/M/c file of tst_cli_plan, whose Erlang C minimum is 11 workers, and its spike variant
// whose first candidate saturates (no mean: "no number: requests went unanswered") and whose
// probes find a floor. What is checked is read from the plan itself, never typed in here.
#include <nlohmann/json.hpp>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "core/experiment/Planner.h"
#include "core/io/TopologyJson.h"
#include "gui/report/PlanReport.h"

namespace {

using OJson = nlohmann::ordered_json;
namespace ex = scalelab::core::experiment;

const char* kMmc = R"({"format": "scalelab/1", "name": "M/M/c",
  "simulation": {"duration_s": 40, "warmup_s": 4, "seed": 11},
  "nodes": [
    {"id": "users", "kind": "client", "pos": [0, 0], "params": {"rate_rps": 900, "read_ratio": 1}},
    {"id": "web", "kind": "web_server", "pos": [200, 0], "params": {"workers": 4, "service_ms": 10}}],
  "links": [{"from": "users", "to": "web"}],
  "goals": {"mean_ms": 13}})";

// The same queue, its scenario raising the rate to 2,000 req/s from the start (the
// estimates read 900): the estimates' choice saturates, and probes bound the workers.
const char* kMmcSpike = R"({"format": "scalelab/1", "name": "M/M/c spike",
  "simulation": {"duration_s": 40, "warmup_s": 4, "seed": 11},
  "nodes": [
    {"id": "users", "kind": "client", "pos": [0, 0], "params": {"rate_rps": 900, "read_ratio": 1}},
    {"id": "web", "kind": "web_server", "pos": [200, 0], "params": {"workers": 4, "service_ms": 10}}],
  "links": [{"from": "users", "to": "web"}],
  "scenario": [{"at_s": 0, "action": "set", "node": "users", "param": "rate_rps", "value": 2000}],
  "goals": {"mean_ms": 14}})";

struct Planned {
    OJson plan;
    std::map<std::string, double> goals;
};

Planned plan(const char* file, const char* vary)
{
    const scalelab::core::LoadResult loaded = scalelab::core::loadTopology(file);
    if (!loaded.ok())
        return {};
    const ex::SweepDesign design(*loaded.topology, {ex::parseVary(vary, *loaded.topology, false)});
    ex::PlanOptions options;
    const ex::PlanResult result = ex::planDesign(design, options);
    return {ex::planJson(result, design, "spike.scalelab", options), loaded.topology->goals};
}

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int runScalelab(const QStringList& args, QString* err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY), args);
    if (!p.waitForFinished(300000)) {
        p.kill();
        return -1;
    }
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

// A goal's mean as the report and `scalelab plan` print it.
QString printedMean(const nlohmann::json& figure)
{
    return QString::number(figure.at("mean").get<double>(), 'g', 5) + QStringLiteral(" ± ") +
           QString::number(figure.at("ci95").get<double>(), 'g', 3);
}

} // namespace

class TestPlanReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commandLineWritesTheAnswer();
    void probesFloorsAndSaturationAreShown();
    void nothingProvenIsSaidPlainly();
    void badPathFailsWithoutAFile();
};

void TestPlanReport::commandLineWritesTheAnswer()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("mmc.scalelab")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kMmc);
    f.close();
    const QString json = dir.filePath(QStringLiteral("plan.json"));
    const QString html = dir.filePath(QStringLiteral("plan.html"));
    QString err;
    QCOMPARE(runScalelab({QStringLiteral("plan"), f.fileName(), QStringLiteral("--vary"),
                          QStringLiteral("web.workers=1:20"), QStringLiteral("--json"), json,
                          QStringLiteral("--report"), html},
                         &err),
             0);
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const nlohmann::json plan = nlohmann::json::parse(jf.readAll().toStdString());
    QCOMPARE(plan.at("chosen").at("web.workers").get<int>(), 11); // Erlang C
    const QString text = readText(html);
    QVERIFY(text.startsWith(QLatin1String("<!DOCTYPE html>")));
    QVERIFY(text.contains(QLatin1String("Capacity plan: mmc.scalelab")));
    QVERIFY2(text.contains(QLatin1String("<b>Chosen: web.workers = 11</b>")), qPrintable(text));
    const auto& goal = plan.at("goals").at("mean_ms");
    QVERIFY(text.contains(QStringLiteral("≤ %1 ms").arg(goal.at("target").get<double>())));
    QVERIFY2(text.contains(printedMean(goal)), qPrintable(printedMean(goal)));
    QVERIFY(text.contains(
        QStringLiteral("$%1 per month")
            .arg(QLocale(QLocale::English)
                     .toString(plan.at("cost").at("per_month").get<double>(), 'f', 0))));
    // Every candidate of the walk has its row, the proven one says so; one chart per goal.
    for (const auto& step : plan.at("search").at("simulated"))
        QVERIFY(text.contains(printedMean(step.at("goals").at("mean_ms"))));
    QVERIFY(text.contains(QLatin1String("<span class=\"ok\">proven</span>")));
    QCOMPARE(text.count(QLatin1String("<svg ")), int(plan.at("goals").size()));
    QVERIFY(text.contains(QStringLiteral("target ≤ 13 ms")));
    // The PDF through the command line (it needs fonts: a painting application).
    const QString pdf = dir.filePath(QStringLiteral("plan.pdf"));
    QCOMPARE(runScalelab({QStringLiteral("plan"), f.fileName(), QStringLiteral("--vary"),
                          QStringLiteral("web.workers=11:12"), QStringLiteral("--report"), pdf},
                         &err),
             0);
    QVERIFY2(readText(pdf).startsWith(QLatin1String("%PDF")), qPrintable(err));
    // A report that is neither HTML nor PDF is refused before the plan runs.
    QCOMPARE(runScalelab({QStringLiteral("plan"), f.fileName(), QStringLiteral("--vary"),
                          QStringLiteral("web.workers=1:20"), QStringLiteral("--report"),
                          dir.filePath(QStringLiteral("plan.txt"))},
                         &err),
             2);
    QVERIFY2(err.contains(QLatin1String("--report needs a file ending in .html or .pdf")),
             qPrintable(err));
}

void TestPlanReport::probesFloorsAndSaturationAreShown()
{
    const Planned spike = plan(kMmcSpike, "web.workers=1:40");
    QVERIFY(spike.plan.at("proven").get<bool>());
    const OJson& search = spike.plan.at("search");
    QVERIFY(search.at("probes").size() >= 2);
    const QString html = scalelab::gui::planReportHtml(spike.plan, nullptr);
    QVERIFY(html.contains(QLatin1String("<h3>Probes</h3>")));
    QVERIFY2(html.contains(QStringLiteral("<b>Floors: web.workers ≥ %1</b>")
                               .arg(search.at("floors").at("web.workers").get<int>())),
             qPrintable(html));
    // The estimates' choice saturates: its mean has no number, and says why.
    QVERIFY(search.at("simulated").at(0).at("goals").at("mean_ms").at("mean").is_null());
    QVERIFY(html.contains(QLatin1String("<i>no number: requests went unanswered</i>")));
    QVERIFY(html.contains(QLatin1String("clearly misses mean_ms")));
    QVERIFY(html.contains(QStringLiteral("<b>Chosen: web.workers = %1</b>")
                              .arg(spike.plan.at("chosen").at("web.workers").get<int>())));
    // Left out of the chart, never drawn as 0: a dot for each candidate with a mean, but
    // those far above the target, which the note counts.
    int withMean = 0;
    for (const auto& step : search.at("simulated"))
        withMean += step.at("goals").at("mean_ms").at("mean").is_number() ? 1 : 0;
    QVERIFY(html.contains(QLatin1String("Not drawn, see the table: 1 candidate whose mean_ms has "
                                        "no number: requests went unanswered")));
    const QRegularExpressionMatch above =
        QRegularExpression(QStringLiteral("(\\d+) candidates? above the chart")).match(html);
    QCOMPARE(html.count(QLatin1String("<circle ")) +
                 (above.hasMatch() ? above.captured(1).toInt() : 0),
             withMean);
    QCOMPARE(html.count(QLatin1String("<svg ")), 1); // one goal, one chart

    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("plan.pdf"));
    QString error;
    QVERIFY2(scalelab::gui::writePlanReport(spike.plan, pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF"));
    const QRegularExpressionMatch pages =
        QRegularExpression(QStringLiteral("/Type\\s*/Pages\\b[^>]*/Count\\s+(\\d+)"))
            .match(QString::fromLatin1(bytes));
    QVERIFY(pages.hasMatch());
    QVERIFY(pages.captured(1).toInt() >= 2);
    // The PDF's chart is a picture (QTextDocument shows no SVG).
    std::map<QString, QImage> images;
    scalelab::gui::planReportHtml(spike.plan, &images);
    QCOMPARE(images.size(), std::size_t(1));
}

void TestPlanReport::nothingProvenIsSaidPlainly()
{
    // At most 15 workers for 2,000 req/s of 10 ms requests (20 busy on average): the top of
    // the box saturates, so nothing is proven and the plan carries no targets of its own.
    const Planned none = plan(kMmcSpike, "web.workers=1:15");
    QVERIFY(!none.plan.at("proven").get<bool>());
    QVERIFY(none.plan.at("goals").empty());
    const QString html = scalelab::gui::planReportHtml(none.plan, nullptr, none.goals);
    QVERIFY(html.contains(QLatin1String("No candidate was proven to meet every goal")));
    QVERIFY(html.contains(QLatin1String("even the largest values")));
    QVERIFY(html.contains(QLatin1String("clearly miss mean_ms")));
    QVERIFY(!html.contains(QLatin1String("Chosen:")));
    // The target, from the file's goals, in the question and in the walk's header.
    QVERIFY2(html.contains(QStringLiteral(">%1 ms</td>").arg(none.goals.at("mean_ms"))),
             qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("mean_ms (≤ %1 ms)").arg(none.goals.at("mean_ms"))));
    QVERIFY(html.contains(QLatin1String("<i>no number: requests went unanswered</i>")));
    // Nothing to draw: no empty chart, a sentence instead.
    QVERIFY(!html.contains(QLatin1String("<svg ")));
    QVERIFY(html.contains(QLatin1String("no candidate of the walk has a mean to draw")));
}

void TestPlanReport::badPathFailsWithoutAFile()
{
    const Planned small = plan(kMmc, "web.workers=11:12");
    QTemporaryDir dir;
    for (const QString& name : {QStringLiteral("missing/plan.html"),
                                QStringLiteral("missing/plan.pdf"), QStringLiteral("plan.doc")}) {
        const QString path = dir.filePath(name);
        QString error;
        QVERIFY(!scalelab::gui::writePlanReport(small.plan, path, &error, small.goals));
        QVERIFY2(error.contains(QLatin1String("missing/plan")) ||
                     error.contains(QLatin1String("use .html or .pdf")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }
    // A document that is not a whole plan is an error, not a crash or an empty report.
    const OJson broken = {{"format", "scalelab-plan/1"},
                          {"search", {{"simulated", OJson::array({OJson::object()})}}}};
    QString error;
    QVERIFY(
        !scalelab::gui::writePlanReport(broken, dir.filePath(QStringLiteral("b.html")), &error));
    QVERIFY2(error.startsWith(QLatin1String("not a complete scalelab-plan/1 document")),
             qPrintable(error));
    // Nothing half-written left behind either (no temporary files of QSaveFile).
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

QTEST_MAIN(TestPlanReport)
#include "tst_plan_report.moc"
