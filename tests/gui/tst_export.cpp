// The command-line picture and analysis outputs, run through the real binary:
// `scalelab export FILE --image OUT.svg|OUT.png` and `scalelab analyze FILE [--json OUT]`.
#include <cmath>

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "CliTestSupport.h"
#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/paint/DiagramPainter.h"

using namespace scalelab;

namespace {

const char* kDesign = R"({"format":"scalelab/1","name":"Two web servers",
  "nodes":[
    {"id":"users","kind":"client","name":"Users","pos":[0,100],"params":{"rate_rps":300,"read_ratio":1}},
    {"id":"lb","kind":"load_balancer","name":"Balancer","pos":[200,100]},
    {"id":"web1","kind":"web_server","name":"Web 1","pos":[400,0],"params":{"network":"private","workers":2,"service_ms":5}},
    {"id":"web2","kind":"web_server","name":"Web 2","pos":[400,200],"params":{"network":"private","workers":2,"service_ms":5}}],
  "links":[{"from":"users","to":"lb","latency_ms":10},{"from":"lb","to":"web1"},{"from":"lb","to":"web2"}]})";

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runScalelab(const QStringList& args)
{
    const testsupport::CliRun r = testsupport::runCli(args);
    return {r.code, r.out, r.err};
}

QString writeDesign(const QTemporaryDir& dir, const char* json, const char* name)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write the test design");
    f.write(json);
    return path;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void svgIsValidXmlWithTheDiagram()
    {
        QTemporaryDir dir;
        const QString design = writeDesign(dir, kDesign, "d.scalelab");
        const QString out = dir.filePath(QStringLiteral("d.svg"));
        const Run r =
            runScalelab({QStringLiteral("export"), design, QStringLiteral("--image"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QString text;
        int elements = 0;
        QSize size;
        QString viewBox;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && elements++ == 0) {
                QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
                size = QSize(xml.attributes().value(QStringLiteral("width")).toInt(),
                             xml.attributes().value(QStringLiteral("height")).toInt());
                viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
            }
            if (xml.isCharacters())
                text += xml.text().toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 20);
        // Pixel sizes matching the view box: the picture shows at its natural size.
        QVERIFY(size.width() > 300 && size.height() > 150);
        QCOMPARE(viewBox, QStringLiteral("0 0 %1 %2").arg(size.width()).arg(size.height()));
        for (const char* name : {"Users", "Balancer", "Web 1", "Web 2"})
            QVERIFY2(text.contains(QLatin1String(name)), name);
    }

    void pngHasTheDiagramsSizeAndInk()
    {
        QTemporaryDir dir;
        const QString design = writeDesign(dir, kDesign, "d.scalelab");
        const QString out = dir.filePath(QStringLiteral("d.png"));
        const Run r =
            runScalelab({QStringLiteral("export"), design, QStringLiteral("--image"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage image(out);
        QVERIFY(!image.isNull());
        // Twice the diagram's bounds plus the 20-unit margin on each side.
        const QRectF bounds = gui::topologyBounds(*core::loadTopology(kDesign).topology);
        QCOMPARE(image.size(), QSize(2 * int(std::ceil(bounds.width() + 40)),
                                     2 * int(std::ceil(bounds.height() + 40))));
        int ink = 0, blue = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                ink += c.lightness() < 200;
                blue += c.blue() > c.red() + 60 && c.saturation() > 100;
            }
        const int samples = (image.width() / 2) * (image.height() / 2);
        QVERIFY2(ink > samples / 100, qPrintable(QString::number(ink)));
        QVERIFY2(blue > 50, qPrintable(QString::number(blue))); // the web server icons
    }

    void eachDataCenterIsShadedInThePicture()
    {
        // Example 14's two sites, each in its own tint behind its nodes; a design without
        // sites has neither.
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("14.png"));
        const Run r = runScalelab({QStringLiteral("export"),
                                   QStringLiteral(SCALELAB_EXAMPLES "/14-data-centers.scalelab"),
                                   QStringLiteral("--image"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage image(out);
        QVERIFY(!image.isNull());
        const auto [eu, us] = testsupport::sitePixels(image);
        qInfo("site-tinted samples: %d green (eu), %d amber (us), a quarter of %lld px", eu, us,
              static_cast<long long>(image.width()) * image.height());
        QVERIFY(eu > image.width() * image.height() / 80); // a twentieth of the samples
        QVERIFY(us > image.width() * image.height() / 80);

        const QString plain = dir.filePath(QStringLiteral("plain.png"));
        QCOMPARE(runScalelab({QStringLiteral("export"), writeDesign(dir, kDesign, "d.scalelab"),
                              QStringLiteral("--image"), plain})
                     .exitCode,
                 0);
        QVERIFY(testsupport::sitePixels(QImage(plain)) == std::make_pair(0, 0));
    }

    void exportUsageAndInputErrors()
    {
        QTemporaryDir dir;
        const QString design = writeDesign(dir, kDesign, "d.scalelab");
        QCOMPARE(runScalelab({QStringLiteral("export"), design}).exitCode, 2);
        QCOMPARE(runScalelab({QStringLiteral("export"), design, QStringLiteral("--image"),
                              dir.filePath(QStringLiteral("d.gif"))})
                     .exitCode,
                 2);
        QCOMPARE(runScalelab(
                     {QStringLiteral("export"), QStringLiteral("--image"), QStringLiteral("x.png")})
                     .exitCode,
                 2);
        const Run missing =
            runScalelab({QStringLiteral("export"), dir.filePath(QStringLiteral("none.scalelab")),
                         QStringLiteral("--image"), dir.filePath(QStringLiteral("x.png"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(!missing.err.isEmpty());
    }

    void analyzePrintsATable()
    {
        QTemporaryDir dir;
        const Run r =
            runScalelab({QStringLiteral("analyze"), writeDesign(dir, kDesign, "d.scalelab")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        // Each web server: 150 req/s x 5 ms / 2 workers = 37.5 % busy.
        QVERIFY(out.contains(QStringLiteral("web1")));
        QVERIFY(out.contains(QStringLiteral("150.0")));
        QVERIFY(out.contains(QStringLiteral("38%")));
        QVERIFY(out.contains(QStringLiteral("Single points of failure: lb")));
        QVERIFY(out.contains(QStringLiteral("grow 2.67x")));
    }

    void analyzeWritesTheJsonContract()
    {
        QTemporaryDir dir;
        const QString design = writeDesign(dir, kDesign, "d.scalelab");
        const QString out = dir.filePath(QStringLiteral("a.json"));
        const Run r =
            runScalelab({QStringLiteral("analyze"), design, QStringLiteral("--json"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto doc = nlohmann::json::parse(f.readAll().toStdString());
        QCOMPARE(doc["format"].get<std::string>(), std::string("scalelab-analysis/1"));
        QCOMPARE(doc["name"].get<std::string>(), std::string("Two web servers"));
        for (const char* id : {"users", "lb", "web1", "web2"})
            for (const char* key : {"kind", "arrival_rps", "utilization", "mean_wait_ms",
                                    "mean_response_ms", "stable"})
                QVERIFY2(doc["nodes"][id].contains(key), key);
        QCOMPARE(doc["nodes"]["web1"]["utilization"].get<double>(), 0.375);
        for (const char* key : {"mean", "read", "write"})
            QVERIFY(doc["end_to_end_ms"].contains(key));
        QVERIFY(doc["end_to_end_ms"]["write"].is_null()); // read_ratio 1: no writes
        QCOMPARE(doc["bottleneck"].get<std::string>(), std::string("web1"));
        QVERIFY(std::abs(doc["max_scale"].get<double>() - 1 / 0.375) < 1e-9);
        QVERIFY(doc["single_points_of_failure"] == nlohmann::json::array({"lb"}));
        QVERIFY(doc["findings"].is_array());
        for (const auto& finding : doc["findings"])
            QVERIFY(finding.contains("severity") && finding.contains("node") &&
                    finding.contains("text"));

        const Run toStdout = runScalelab(
            {QStringLiteral("analyze"), design, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(toStdout.exitCode, 0);
        QVERIFY(nlohmann::json::parse(toStdout.out.toStdString()) == doc);
    }

    void analyzeRefusesInvalidInput()
    {
        QTemporaryDir dir;
        const QString broken = writeDesign(dir, R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":-5}}],"links":[]})",
                                           "bad.scalelab");
        const Run r = runScalelab({QStringLiteral("analyze"), broken});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("/nodes/0/params/rate_rps"), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(runScalelab({QStringLiteral("analyze")}).exitCode, 2);
        QCOMPARE(
            runScalelab({QStringLiteral("analyze"), broken, QStringLiteral("--nope")}).exitCode, 2);
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
