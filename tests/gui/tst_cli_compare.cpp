// `scalelab compare A B` as a user calls it: the scalelab-compare/1 document with the files'
// SHA-256, the HTML and PDF reports with both diagrams, the overlay charts and the parameter
// diff, and usage errors with exit 2.
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCliCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonAndReports();
    void usageAndInputErrors();
};

namespace {
struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runScalelab(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY), args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return r;
}

QString sha256(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromLatin1(
        QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

const QString kA = QStringLiteral(SCALELAB_EXAMPLES "/04-vertical-scaling.scalelab");
const QString kB = QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab");
} // namespace

void TestCliCompare::jsonAndReports()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("c.json"));
    const QString html = dir.filePath(QStringLiteral("c.html"));
    const QString pdf = dir.filePath(QStringLiteral("c.pdf"));
    const Run r = runScalelab({QStringLiteral("compare"), kA, kB, QStringLiteral("--replications"),
                               QStringLiteral("3"), QStringLiteral("--json"), json,
                               QStringLiteral("--report"), html});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // The summary a person reads: every headline figure with its verdict.
    QVERIFY2(r.out.contains(QLatin1String("Mean latency")) &&
                 r.out.contains(QLatin1String("Throughput")),
             qPrintable(r.out));
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("scalelab-compare/1"));
    const QJsonObject a = doc.value(QStringLiteral("a")).toObject();
    const QJsonObject b = doc.value(QStringLiteral("b")).toObject();
    QCOMPARE(a.value(QStringLiteral("sha256")).toString(), sha256(kA));
    QCOMPARE(b.value(QStringLiteral("sha256")).toString(), sha256(kB));
    QCOMPARE(a.value(QStringLiteral("file")).toString(),
             QStringLiteral("04-vertical-scaling.scalelab"));
    const double da =
        a.value(QStringLiteral("latency_ms")).toObject().value(QStringLiteral("mean")).toDouble();
    const double db =
        b.value(QStringLiteral("latency_ms")).toObject().value(QStringLiteral("mean")).toDouble();
    const double delta = doc.value(QStringLiteral("delta"))
                             .toObject()
                             .value(QStringLiteral("latency_ms"))
                             .toObject()
                             .value(QStringLiteral("mean"))
                             .toDouble();
    QVERIFY(std::abs(delta - (db - da)) < 1e-6 * (1 + std::abs(da)));
    QVERIFY(doc.value(QStringLiteral("significant"))
                .toObject()
                .value(QStringLiteral("latency_ms"))
                .toObject()
                .value(QStringLiteral("mean"))
                .isBool());
    // Example 05 adds a load balancer and a second server to example 04.
    const QJsonObject diff = doc.value(QStringLiteral("differences")).toObject();
    QVERIFY(!diff.value(QStringLiteral("nodes_only_in_b")).toArray().isEmpty());

    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(h.readAll());
    QVERIFY2(text.count(QStringLiteral("<svg")) >= 6, "two diagrams and four overlay charts");
    QVERIFY(text.contains(sha256(kA)) && text.contains(sha256(kB)));
    QVERIFY(text.contains(QStringLiteral("ScaleLab " SCALELAB_VERSION)));
    QVERIFY(text.contains(QStringLiteral("What changed from A to B")));
    QVERIFY(text.contains(QStringLiteral("--replications 3 --seed ")));

    const Run p = runScalelab({QStringLiteral("compare"), kA, kB, QStringLiteral("--replications"),
                               QStringLiteral("2"), QStringLiteral("--report"), pdf});
    QVERIFY2(p.exitCode == 0, qPrintable(p.err));
    QFile pf(pdf);
    QVERIFY(pf.open(QIODevice::ReadOnly));
    QCOMPARE(pf.read(5), QByteArray("%PDF-"));
    QVERIFY(pf.size() > 20000); // pictures, not an empty page
}

void TestCliCompare::usageAndInputErrors()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("c.json"));
    QCOMPARE(runScalelab({QStringLiteral("compare"), kA}).exitCode, 2);
    QCOMPARE(runScalelab({QStringLiteral("compare"), kA, kB, QStringLiteral("--report"),
                          dir.filePath(QStringLiteral("c.txt"))})
                 .exitCode,
             2);
    QCOMPARE(runScalelab({QStringLiteral("compare"), kA, kB, QStringLiteral("--replications"),
                          QStringLiteral("0")})
                 .exitCode,
             2);
    const Run missing =
        runScalelab({QStringLiteral("compare"), kA, dir.filePath(QStringLiteral("nope.scalelab")),
                     QStringLiteral("--json"), out});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(!missing.err.isEmpty());
    QVERIFY(!QFile::exists(out));

    // An output naming either design is refused before anything runs; the design stays.
    const QString a = dir.filePath(QStringLiteral("a.scalelab"));
    const QString b = dir.filePath(QStringLiteral("b.scalelab"));
    QVERIFY(QFile::copy(kA, a));
    QVERIFY(QFile::copy(kB, b));
    const QString before = sha256(b);
    const Run overwrite = runScalelab({QStringLiteral("compare"), a, b, QStringLiteral("--json"), b,
                                       QStringLiteral("--replications"), QStringLiteral("2")});
    QCOMPARE(overwrite.exitCode, 2);
    QVERIFY2(overwrite.err.contains(QStringLiteral("would overwrite the input file")),
             qPrintable(overwrite.err));
    QCOMPARE(sha256(b), before);
}

QTEST_MAIN(TestCliCompare)
#include "tst_cli_compare.moc"
