// `scalelab validate` and the global options, through the real executable: exit codes
// 0 / 1 / 2 of the command line contract, errors named by JSON pointer on stderr.
#include <QtTest>

#include "CliTestSupport.h"

class TestCliValidate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validFileExitsZero();
    void brokenFilesExitOneWithTheirPlace_data();
    void brokenFilesExitOneWithTheirPlace();
    void badUsageExitsTwo_data();
    void badUsageExitsTwo();
    void helpAndVersion();
    void windowUsageErrorsNeedNoDisplay_data();
    void windowUsageErrorsNeedNoDisplay();
};

namespace {
struct Outcome {
    int code = -1;
    QString out, err;
};

Outcome runScalelab(const QStringList& args)
{
    const scalelab::testsupport::CliRun r = scalelab::testsupport::runCli(args);
    return {r.code, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}
} // namespace

void TestCliValidate::validFileExitsZero()
{
    const Outcome o =
        runScalelab({QStringLiteral("validate"),
                     QStringLiteral(SCALELAB_TEST_DATA "/valid/design-example.scalelab")});
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.contains(QLatin1String("valid (6 nodes, 5 links")), qPrintable(o.out));
    QVERIFY2(o.err.isEmpty(), qPrintable(o.err));
}

void TestCliValidate::brokenFilesExitOneWithTheirPlace_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative workers")
        << QStringLiteral("workers-negative.scalelab")
        << QStringLiteral("/nodes/1/params/workers: must be an integer >= 1, got -2");
    QTest::newRow("unknown kind")
        << QStringLiteral("unknown-kind.scalelab")
        << QStringLiteral("/nodes/1/kind: unknown kind 'web_sever' (did you mean 'web_server'?)");
    QTest::newRow("truncated") << QStringLiteral("truncated.scalelab")
                               << QStringLiteral("/: syntax error at line");
    QTest::newRow("deep nesting") << QStringLiteral("deep-nesting.scalelab")
                                  << QStringLiteral("nesting deeper than");
    QTest::newRow("binary") << QStringLiteral("binary-garbage.scalelab")
                            << QStringLiteral("syntax error");
    QTest::newRow("newer format") << QStringLiteral("newer-format.scalelab")
                                  << QStringLiteral("made by a newer ScaleLab");
}

void TestCliValidate::brokenFilesExitOneWithTheirPlace()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const Outcome o = runScalelab(
        {QStringLiteral("validate"), QStringLiteral(SCALELAB_TEST_DATA "/broken/") + file});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(expected), qPrintable(o.err));
}

void TestCliValidate::badUsageExitsTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no file") << QStringList{QStringLiteral("validate")};
    QTest::newRow("two files") << QStringList{QStringLiteral("validate"), QStringLiteral("a"),
                                              QStringLiteral("b")};
    QTest::newRow("unknown option") << QStringList{
        QStringLiteral("validate"), QStringLiteral("--frobnicate"), QStringLiteral("x")};
    QTest::newRow("bad log level")
        << QStringList{QStringLiteral("validate"), QStringLiteral("--log-level"),
                       QStringLiteral("loud"), QStringLiteral("x")};
}

void TestCliValidate::badUsageExitsTwo()
{
    QFETCH(QStringList, args);
    const Outcome o = runScalelab(args);
    QCOMPARE(o.code, 2);
    QVERIFY(!o.err.isEmpty());
}

void TestCliValidate::helpAndVersion()
{
    Outcome o = runScalelab({QStringLiteral("validate"), QStringLiteral("--help")});
    QCOMPARE(o.code, 0);
    QVERIFY(o.out.contains(QLatin1String("FILE")));
    o = runScalelab({QStringLiteral("--version")});
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.contains(QLatin1String(SCALELAB_VERSION)), qPrintable(o.out));
    o = runScalelab({QStringLiteral("--help")});
    QCOMPARE(o.code, 0);
    QVERIFY(o.out.contains(QLatin1String("validate FILE")));
}

void TestCliValidate::windowUsageErrorsNeedNoDisplay_data()
{
    // Without a subcommand scalelab opens the window, but a command line that cannot open
    // it is refused first: exit 2 with the reason, not an abort for want of a display.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QString file = QStringLiteral(SCALELAB_TEST_DATA "/valid/design-example.scalelab");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--bogus")} << QStringLiteral("Unknown option 'bogus'");
    QTest::newRow("FILE --bogus") << QStringList{file, QStringLiteral("--bogus")}
                                  << QStringLiteral("Unknown option 'bogus'");
    QTest::newRow("two files") << QStringList{file, file} << QStringLiteral("at most one FILE");
    QTest::newRow("bad log level")
        << QStringList{QStringLiteral("--log-level"), QStringLiteral("loud")}
        << QStringLiteral("unknown log level");
}

void TestCliValidate::windowUsageErrorsNeedNoDisplay()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Outcome o = runScalelab(args);
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.contains(expected), qPrintable(o.err));
}

QTEST_GUILESS_MAIN(TestCliValidate)
#include "tst_cli_validate.moc"
