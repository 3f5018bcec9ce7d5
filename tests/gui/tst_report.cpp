// Reports from a design and a hand-made `scalelab-results/1` document (the contract keys):
// the HTML is one well-formed, self-contained file holding the diagram, the charts and the
// numbers; the PDF renders to pages; the CSV holds the time series.
#include <cmath>

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "core/io/TopologyJson.h"
#include "gui/report/ReportWriter.h"
#include "gui/report/SvgChart.h"

using namespace scalelab;

namespace {

const char* kDesign = R"({"format":"scalelab/1","name":"Replicated shop",
  "description":"Two web servers behind a balancer; a master with two replicas.",
  "simulation":{"duration_s":70,"warmup_s":10,"seed":42},
  "nodes":[
    {"id":"dns","kind":"dns","name":"DNS","pos":[0,0]},
    {"id":"users","kind":"client","name":"Users","pos":[0,200],"params":{"rate_rps":400,"read_ratio":0.9}},
    {"id":"lb","kind":"load_balancer","name":"Load balancer","pos":[200,200]},
    {"id":"web1","kind":"web_server","name":"Web 1","pos":[400,120],"params":{"network":"private","workers":8,"service_ms":20}},
    {"id":"web2","kind":"web_server","name":"Web 2","pos":[400,280],"params":{"network":"private","workers":8,"service_ms":20}},
    {"id":"db","kind":"database","name":"Master","pos":[650,200],"params":{"connections":4,"read_ms":8,"write_ms":10}},
    {"id":"db-r1","kind":"database","name":"Replica 1","pos":[850,120],"params":{"role":"replica","connections":4,"read_ms":8}},
    {"id":"db-r2","kind":"database","name":"Replica 2","pos":[850,280],"params":{"role":"replica","connections":4,"read_ms":8}}],
  "links":[{"from":"users","to":"dns","latency_ms":20},{"from":"users","to":"lb","latency_ms":40},
    {"from":"lb","to":"web1","latency_ms":0.5},{"from":"lb","to":"web2","latency_ms":0.5},
    {"from":"web1","to":"db","latency_ms":1},{"from":"web2","to":"db","latency_ms":1},
    {"from":"db","to":"db-r1","kind":"replication","lag_ms":200},
    {"from":"db","to":"db-r2","kind":"replication","lag_ms":200}],
  "scenario":[{"at_s":30,"action":"fail","node":"db"},{"at_s":55,"action":"recover","node":"db"}],
  "goals":{"availability":0.99}})";

core::Topology design()
{
    core::LoadResult r = core::loadTopology(kDesign);
    if (!r.ok())
        qFatal("test design does not load");
    return *r.topology;
}

// A run as the simulator reports it: every key of the scalelab-results/1 contract, with a
// master failure at 30 s (errors for 5 s, a promotion, a few lost writes).
nlohmann::json results()
{
    using nlohmann::json;
    json r;
    r["format"] = "scalelab-results/1";
    r["name"] = "Replicated shop";
    r["seed"] = 42;
    r["duration_s"] = 70;
    r["warmup_s"] = 10;
    r["requests"] = {
        {"generated", 24012},
        {"completed", 23811},
        {"failed", 201},
        {"by_reason", {{"rejected", 0}, {"refused", 187}, {"timeout", 0}, {"lost", 14}}}};
    r["throughput_rps"] = 396.85;
    r["availability"] = 0.99163;
    const json latency = {{"mean", 117.2}, {"p50", 108.4},  {"p90", 131.9}, {"p95", 139.6},
                          {"p99", 163.27}, {"p999", 221.5}, {"max", 402.1}};
    r["latency_ms"] = latency;
    r["by_class"] = {{"read", {{"count", 21433}, {"latency_ms", latency}}},
                     {"write", {{"count", 2378}, {"latency_ms", latency}}}};
    json nodes;
    const auto node = [&](const char* id, const char* kind, double arrivals, double util,
                          double wait, double response, double up) {
        nodes[id] = {{"kind", kind},
                     {"arrivals", arrivals},
                     {"completed", arrivals},
                     {"utilization", util},
                     {"mean_queue_length", 0.1},
                     {"mean_wait_ms", wait},
                     {"mean_response_ms", response},
                     {"rejected", 0},
                     {"up_fraction", up}};
    };
    node("users", "client", 24012, 0, 0, 117.2, 1);
    node("dns", "dns", 2401, 0.005, 0, 1.01, 1);
    node("lb", "load_balancer", 24012, 0, 0, 0, 1);
    node("web1", "web_server", 12003, 0.498, 0.31, 20.4, 1);
    node("web2", "web_server", 12009, 0.501, 0.29, 20.2, 1);
    node("db", "database", 1650, 0.071, 0.01, 10.1, 0.583);
    node("db-r1", "database", 11020, 0.371, 0.22, 8.3, 1);
    node("db-r2", "database", 10750, 0.362, 0.2, 8.2, 1);
    r["nodes"] = nodes;
    r["data"] = {{"lost_writes", 7}, {"stale_reads", 1312}};
    r["events"] = json::array({
        {{"t_s", 30.0}, {"type", "node_failed"}, {"node", "db"}, {"detail", "scenario"}},
        {{"t_s", 35.0}, {"type", "replica_promoted"}, {"node", "db-r1"}, {"detail", "new master"}},
        {{"t_s", 55.0},
         {"type", "node_recovered"},
         {"node", "db"},
         {"detail", "rejoins as replica"}},
    });
    json t = json::array(), thr = json::array(), p50 = json::array(), p99 = json::array(),
         err = json::array();
    for (int i = 10; i < 70; ++i) {
        const bool outage = i >= 30 && i < 35;
        t.push_back(i);
        thr.push_back(outage ? 362.0 + i % 3 : 398.0 + (i * 7) % 9 - 4);
        p50.push_back(108.0 + (i % 5) * 0.4);
        // An interval with nothing measured is null in the contract: a gap in the chart.
        if (i == 31)
            p99.push_back(nullptr);
        else
            p99.push_back(outage ? 240.0 : 160.0 + (i % 4) * 2);
        err.push_back(outage ? 40 - (i - 30) : 0);
    }
    r["timeseries"] = {{"interval_s", 1.0}, {"t_s", t},      {"throughput_rps", thr},
                       {"p50_ms", p50},     {"p99_ms", p99}, {"errors", err}};
    r["ci95"] = {{"latency_ms", {{"mean", 3.41}}},
                 {"throughput_rps", 4.2},
                 {"nodes", {{"web1", {{"utilization", 0.0123}}}}}};
    r["warnings"] = json::array(
        {"the scenario changes the design at 30 s, inside the measured window: the intervals "
         "(ci95) describe this run's averages, not one steady state, and a longer run narrows "
         "them only as far as the phases stay as they are",
         "nodes.db.utilization = 0.0710 ± 0.0090 (±12.7%, 95% interval by batch means over 40 "
         "batches): a run of about 390 s (duration_s) would bring it under ±5%"});
    r["engine"] = {{"events", 512345}, {"wall_s", 0.42}, {"events_per_s", 1.2e6}};
    return r;
}

QString readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// The output folder: a temporary one, or SCALELAB_REPORT_OUT to keep the files and look.
QString outDir(QTemporaryDir& temp)
{
    const QString keep = qEnvironmentVariable("SCALELAB_REPORT_OUT");
    if (!keep.isEmpty()) {
        QDir().mkpath(keep);
        return keep;
    }
    return temp.path();
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void htmlIsWellFormedAndSelfContained()
    {
        QTemporaryDir temp;
        const QString path = outDir(temp) + QStringLiteral("/report.html");
        QString error;
        QVERIFY2(gui::writeReport(design(), results(), path, &error), qPrintable(error));
        const QString html = readAll(path);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));

        // The whole document (XHTML-style) parses as XML; count the inline SVG pictures
        // and collect their text.
        QXmlStreamReader xml(html);
        int svgs = 0, depthInSvg = 0;
        QString svgText, tableText;
        int tables = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("svg") && depthInSvg++ == 0)
                    ++svgs;
                if (xml.name() == QLatin1String("table"))
                    ++tables;
                // Nothing is fetched: no scripts, no stylesheets, no remote pictures.
                QVERIFY(xml.name() != QLatin1String("script"));
                QVERIFY(xml.name() != QLatin1String("link"));
                for (const auto& attribute : xml.attributes())
                    if (attribute.name() == QLatin1String("src") ||
                        attribute.name() == QLatin1String("href"))
                        QVERIFY2(attribute.value().startsWith(QLatin1String("data:")) ||
                                     attribute.value().startsWith(QLatin1String("#")),
                                 qPrintable(attribute.value().toString()));
            } else if (xml.isEndElement() && xml.name() == QLatin1String("svg")) {
                --depthInSvg;
            } else if (xml.isCharacters()) {
                (depthInSvg > 0 ? svgText : tableText) += xml.text().toString() + QLatin1Char(' ');
            }
        }
        QVERIFY2(
            !xml.hasError(),
            qPrintable(QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString())));
        QCOMPARE(svgs, 5); // diagram, throughput, latency, errors, utilization
        QVERIFY(tables >= 8);

        // The diagram: node names drawn in the inline SVG; the charts: titles and units.
        for (const char* label : {"Load balancer", "Replica 2", "Throughput", "latency (ms)",
                                  "simulated time (s)", "completed requests / s", "p99"})
            QVERIFY2(svgText.contains(QLatin1String(label)), label);
        // The numbers: seed, summary, goals, events, per-node comparison, findings.
        for (const char* fact :
             {"seed 42", "396.9", "163.3", "99.163 %", "221.5", "1,312", "promoted to master",
              "Analysis and simulation per node", "single point of failure", "What to try next",
              "met", "health_check_interval_s", "Time between health checks"})
            QVERIFY2(tableText.contains(QLatin1String(fact)), fact);
        // How far to trust them: the run's 95% intervals and its warnings, word for word.
        for (const char* fact :
             {"throughput 396.9 \u00b1 4.2 req/s", "mean latency 117.2 \u00b1 3.41 ms",
              "49.8 % \u00b1 1.2", "a run of about 390 s (duration_s)", "not one steady state"})
            QVERIFY2(tableText.contains(QString::fromUtf8(fact)), fact);
        // Analysis estimate of a replica: 180 req/s at 36 % (independently: 400 x 0.9 / 2,
        // 180 x 8 ms / 4 connections).
        QVERIFY(tableText.contains(QStringLiteral("180.0")));
        QVERIFY(tableText.contains(QStringLiteral("36.0 %")));
        // What share failed and why, of the 24,012 finished requests (23,811 + 201): 187
        // refused and 14 lost; reasons that failed nothing are left out.
        QVERIFY(tableText.contains(QStringLiteral("201 (0.84 %)")));
        QVERIFY(tableText.contains(QStringLiteral("lost: 14 (0.06 %), refused: 187 (0.78 %)")));
        QVERIFY(!tableText.contains(QStringLiteral("timeout: 0")));
    }

    void costIsTheSumOfTheNodesPrices()
    {
        // Prices set on every node: the report's cost is their sum, an hour and a 730-hour
        // month (3.61 $/h: 0.01 + 0 + 0.10 + 2 x 0.25 + 1.50 + 2 x 0.75).
        core::Topology t = design();
        const std::map<std::string, double> price = {{"dns", 0.01},   {"users", 0.0}, {"lb", 0.10},
                                                     {"web1", 0.25},  {"web2", 0.25}, {"db", 1.50},
                                                     {"db-r1", 0.75}, {"db-r2", 0.75}};
        for (core::Node& n : t.nodes)
            n.params["cost_per_hour"] = price.at(n.id.str());
        QTemporaryDir temp;
        const QString path = outDir(temp) + QStringLiteral("/cost.html");
        QString error;
        QVERIFY2(gui::writeReport(t, results(), path, &error), qPrintable(error));
        const QString html = readAll(path);
        QVERIFY2(html.contains(QStringLiteral("Cost $3.61 per hour, $2,635 per month")),
                 qPrintable(html.left(2000)));
        // A price changed in the design changes the report: the line reads the design.
        t.nodes.front().params["cost_per_hour"] = 1.01;
        QVERIFY2(gui::writeReport(t, results(), path, &error), qPrintable(error));
        QVERIFY(readAll(path).contains(QStringLiteral("Cost $4.61 per hour, $3,365 per month")));
    }

    void withoutRunIsADesignReview()
    {
        QTemporaryDir temp;
        const QString path = outDir(temp) + QStringLiteral("/review.html");
        QString error;
        QVERIFY2(gui::writeReport(design(), nlohmann::json(), path, &error), qPrintable(error));
        const QString html = readAll(path);
        QVERIFY(html.contains(QStringLiteral("Queueing estimates per node")));
        QVERIFY(!html.contains(QStringLiteral("<h2>Summary</h2>")));
        QCOMPARE(html.count(QStringLiteral("<svg")), 1); // the diagram only
    }

    void nodesAreNamedAsOnTheCanvas()
    {
        // The reader saw "Master" and "Load balancer" on the canvas: the findings, the tables
        // and the links say so too; the per-node and findings tables keep the id beside the
        // name for whoever reads the JSON alongside.
        QTemporaryDir temp;
        const QString path = outDir(temp) + QStringLiteral("/names.html");
        QString error;
        QVERIFY2(gui::writeReport(design(), results(), path, &error), qPrintable(error));
        const QString html = readAll(path);
        for (const char* said : {"'Load balancer' is a single point of failure", "<td>Master<br/>",
                                 "<td>Load balancer<br/><span class=\"label\">lb</span>",
                                 "(Load balancer)</li>", "<td>Web 1</td><td>Master</td>"})
            QVERIFY2(html.contains(QLatin1String(said)), said);
        for (const char* id : {"'lb'", "'db'", "(lb)</li>", "<td>web1</td>"})
            QVERIFY2(!html.contains(QLatin1String(id)), id);
        QVERIFY(html.contains(QStringLiteral("Database &#183; db</span>")));
    }

    void pdfRenders()
    {
        QTemporaryDir temp;
        const QString dir = outDir(temp);
        const QString path = dir + QStringLiteral("/report.pdf");
        QString error;
        QVERIFY2(gui::writeReport(design(), results(), path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        QVERIFY2(!pdftoppm.isEmpty(),
                 "pdftoppm (poppler-utils, scripts/install-deps.sh) renders the PDF");
        QProcess p;
        p.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"), path,
                           dir + QStringLiteral("/page")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QStringList pages =
            QDir(dir).entryList({QStringLiteral("page-*.png")}, QDir::Files, QDir::Name);
        QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
        // The first page holds the title and the diagram: plenty of ink, and colour.
        const QImage first(dir + QLatin1Char('/') + pages.first());
        QVERIFY(!first.isNull());
        int dark = 0, coloured = 0;
        for (int y = 0; y < first.height(); ++y)
            for (int x = 0; x < first.width(); ++x) {
                const QColor c = first.pixelColor(x, y);
                dark += c.lightness() < 128;
                coloured += c.saturation() > 80 && c.value() > 60;
            }
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
        QVERIFY2(coloured > 100, qPrintable(QString::number(coloured)));
    }

    void chartAxesCoverTheData()
    {
        QCOMPARE(gui::niceTicks(0, 105, 5), (std::vector<double>{0, 25, 50, 75, 100, 125}));
        QCOMPARE(gui::niceTicks(10, 70, 8), (std::vector<double>{10, 20, 30, 40, 50, 60, 70}));
        QCOMPARE(gui::niceTicks(0, 0.8, 4),
                 (std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8}));
        // Every drawn point lies inside the plot area (40 .. 250 - 46 px from the top),
        // whatever the data: the highest value sits at or under the top tick.
        gui::LineChartSpec spec;
        spec.title = QStringLiteral("t");
        spec.x = {0, 1, 2, 3};
        spec.series.push_back({QStringLiteral("s"), Qt::blue, {3, 104.9, std::nan(""), 12}});
        const QString svg = gui::lineChartSvg(spec);
        QXmlStreamReader xml(svg);
        int points = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement() || xml.name() != QLatin1String("polyline"))
                continue;
            for (const auto& pair : xml.attributes()
                                        .value(QStringLiteral("points"))
                                        .toString()
                                        .split(QLatin1Char(' '))) {
                const double y = pair.section(QLatin1Char(','), 1, 1).toDouble();
                QVERIFY2(y >= 40 - 1e-6 && y <= 204 + 1e-6, qPrintable(pair));
                ++points;
            }
        }
        QVERIFY(!xml.hasError());
        QCOMPARE(points, 2); // the NaN breaks the line; the lone last point is a dot
        QVERIFY(svg.contains(QStringLiteral("<circle")));
    }

    void unknownExtensionIsRefused()
    {
        QString error;
        QVERIFY(!gui::writeReport(design(), results(), QStringLiteral("/tmp/report.docx"), &error));
        QVERIFY(error.contains(QStringLiteral(".docx")));
        QVERIFY(
            !gui::writeReport(design(), results(), QStringLiteral("/no/such/dir/r.html"), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
