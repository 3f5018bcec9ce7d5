// Reports from real runs: every example is simulated by `scalelab run --json`, then
// reported as HTML and PDF. The HTML must parse (XHTML-style) and show the run's
// throughput and p99 as the results say; the PDF must render to pages.
#include <nlohmann/json.hpp>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "core/io/TopologyJson.h"
#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportWriter.h"

using namespace scalelab;

class TestReportExamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyExampleReports_data()
    {
        QTest::addColumn<QString>("file");
        const QDir examples(QStringLiteral(SCALELAB_EXAMPLES));
        const QStringList files =
            examples.entryList({QStringLiteral("*.scalelab")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << examples.filePath(f);
    }
    void everyExampleReports()
    {
        QFETCH(QString, file);
        QTemporaryDir temp;
        const QString keep = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        const QString dir = keep.isEmpty() ? temp.path() : keep;
        QDir().mkpath(dir);
        const QString stem = dir + QLatin1Char('/') + QFileInfo(file).completeBaseName();

        QProcess run;
        run.start(QStringLiteral(SCALELAB_BINARY),
                  {QStringLiteral("run"), file, QStringLiteral("--json"),
                   stem + QStringLiteral(".json")});
        QVERIFY(run.waitForFinished(300000));
        QCOMPARE(run.exitCode(), 0);
        QFile json(stem + QStringLiteral(".json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const nlohmann::json results = nlohmann::json::parse(json.readAll().toStdString());
        const core::LoadResult loaded = core::loadTopologyFile(file.toStdString());
        QVERIFY(loaded.ok());

        QString error;
        QVERIFY2(
            gui::writeReport(*loaded.topology, results, stem + QStringLiteral(".html"), &error),
            qPrintable(error));
        QFile html(stem + QStringLiteral(".html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(html.readAll());
        QXmlStreamReader xml(text);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(
            !xml.hasError(),
            qPrintable(QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString())));
        // The summary shows the run's own figures, formatted as the report formats them.
        QVERIFY(text.contains(gui::reportNumber(results["throughput_rps"].get<double>(), 1)));
        QVERIFY(text.contains(gui::reportMs(results["latency_ms"]["p99"].get<double>())));
        QVERIFY(text.contains(
            QStringLiteral("seed %1").arg(QString::fromStdString(results["seed"].dump()))));

        QVERIFY2(gui::writeReport(*loaded.topology, results, stem + QStringLiteral(".pdf"), &error),
                 qPrintable(error));
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        QVERIFY2(!pdftoppm.isEmpty(),
                 "pdftoppm (poppler-utils, scripts/install-deps.sh) renders the PDF");
        QProcess render;
        render.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("30"),
                                stem + QStringLiteral(".pdf"), stem + QStringLiteral("-page")});
        QVERIFY(render.waitForFinished(120000));
        QCOMPARE(render.exitCode(), 0);
        const QStringList pages = QDir(dir).entryList(
            {QFileInfo(stem).fileName() + QStringLiteral("-page-*.png")}, QDir::Files);
        QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
    }
};

QTEST_MAIN(TestReportExamples)
#include "tst_report_examples.moc"
