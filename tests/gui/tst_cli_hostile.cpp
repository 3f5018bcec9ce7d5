// The command line against hostile files and awkward outputs (issue 20), through the real
// binary without a display: strings from a file never become markup, outputs are written
// whole or not at all (a device is written to, the input is never overwritten), and
// inputs that would hang or exhaust memory are refused with a short, located message.
#include <sys/stat.h>
#include <sys/types.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "CliTestSupport.h"

using scalelab::testsupport::CliRun;
using scalelab::testsupport::runCli;

namespace {
const QString kEvilName = QStringLiteral("R&D <draft> </title><script>alert(1)</script>");

// A valid two-node design whose strings try to break out of every format they land in.
QByteArray evilDesign()
{
    QFile f(QStringLiteral(SCALELAB_TEST_DATA "/hostile/evil-names.scalelab"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write a test file");
    return path;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool isCharDevice(const char* path)
{
    struct stat st {};
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

// Every element name of an XML document; empty (and `error` set) when it does not parse.
QStringList elementsOf(const QByteArray& xmlText, QString* error, QString* title = nullptr)
{
    QXmlStreamReader xml(xmlText);
    QStringList names;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            names << xml.name().toString();
            if (title && xml.name() == QLatin1String("title") && title->isEmpty())
                *title = xml.readElementText();
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
        return {};
    }
    return names;
}
} // namespace

class TestCliHostile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void svgOfAHostileNameIsWellFormed()
    {
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("evil.scalelab"), evilDesign());
        const QString svg = dir.filePath(QStringLiteral("evil.svg"));
        const CliRun r = runCli({QStringLiteral("export"), design, QStringLiteral("--image"), svg});
        QVERIFY2(r.code == 0, r.err.constData());
        QString error, title;
        const QStringList elements = elementsOf(readAll(svg), &error, &title);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(elements.size() > 10);
        QVERIFY(!elements.contains(QStringLiteral("script")));
        QCOMPARE(title, kEvilName); // the name, as text
    }

    void htmlReportHasNoScriptFromTheFile()
    {
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("evil.scalelab"), evilDesign());
        const QString html = dir.filePath(QStringLiteral("evil.html"));
        const CliRun r = runCli({QStringLiteral("run"), design, QStringLiteral("--report"), html});
        QVERIFY2(r.code == 0, r.err.constData());
        // The report is XHTML-style: it parses as XML, and no element is a script.
        QString error;
        const QStringList elements = elementsOf(readAll(html), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(elements.contains(QStringLiteral("svg")));
        QVERIFY(!elements.contains(QStringLiteral("script")));
        QVERIFY(readAll(html).contains("R&amp;D &lt;draft&gt;"));
    }

    void pdfReportKeepsTheNameAsText()
    {
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfinfo.isEmpty())
            QSKIP("pdfinfo (poppler-utils) is not installed");
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("evil.scalelab"), evilDesign());
        const QString pdf = dir.filePath(QStringLiteral("evil.pdf"));
        const CliRun r = runCli({QStringLiteral("run"), design, QStringLiteral("--report"), pdf});
        QVERIFY2(r.code == 0, r.err.constData());
        QProcess info;
        info.start(pdfinfo, {pdf});
        QVERIFY(info.waitForFinished(60000));
        QCOMPARE(info.exitCode(), 0); // a whole, readable PDF
        QVERIFY2(info.readAllStandardOutput().contains(kEvilName.toUtf8() + " - ScaleLab report"),
                 "the title is the name, unchanged");
    }

    void csvCarriesNoTextFromTheFile()
    {
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("evil.scalelab"), evilDesign());
        const CliRun r =
            runCli({QStringLiteral("run"), design, QStringLiteral("--csv"), QStringLiteral("-")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() > 3);
        QCOMPARE(lines.first(), QByteArray("t_s,throughput_rps,p50_ms,p99_ms,errors"));
        // No cell a spreadsheet could read as a formula: numbers only.
        for (qsizetype i = 1; i < lines.size(); ++i)
            for (const QByteArray& cell : lines[i].split(',')) {
                bool ok = false;
                cell.toDouble(&ok);
                QVERIFY2(ok, cell.constData());
            }
    }

    void dashMeansStandardOutput()
    {
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("d.scalelab"), evilDesign());
        const CliRun r =
            runCli({QStringLiteral("run"), design, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(r.code == 0, r.err.constData());
        // Standard output carries the document and nothing else.
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(doc.object().value(QStringLiteral("format")).toString(),
                 QStringLiteral("scalelab-results/1"));
        QVERIFY(!QFile::exists(QDir::current().filePath(QStringLiteral("-"))));
        QCOMPARE(runCli({QStringLiteral("run"), design, QStringLiteral("--json"),
                         QStringLiteral("-"), QStringLiteral("--csv"), QStringLiteral("-")})
                     .code,
                 2);
    }

    void devicesAreWrittenToNotReplaced()
    {
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("d.scalelab"), evilDesign());
        QCOMPARE(runCli({QStringLiteral("analyze"), design, QStringLiteral("--json"),
                         QStringLiteral("/dev/null")})
                     .code,
                 0);
        QCOMPARE(runCli({QStringLiteral("run"), design, QStringLiteral("--csv"),
                         QStringLiteral("/dev/null")})
                     .code,
                 0);
        // A picture name that links to the device: the link and the device stay.
        const QString link = dir.filePath(QStringLiteral("null.png"));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), link));
        QCOMPARE(runCli({QStringLiteral("export"), design, QStringLiteral("--image"), link}).code,
                 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(isCharDevice("/dev/null"));

        // A FIFO is written to: a reader at the other end gets the whole document.
        const QString fifo = dir.filePath(QStringLiteral("out.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QProcess reader;
        reader.start(QStringLiteral("cat"), {fifo});
        QVERIFY(reader.waitForStarted());
        QCOMPARE(runCli({QStringLiteral("analyze"), design, QStringLiteral("--json"), fifo}).code,
                 0);
        QVERIFY(reader.waitForFinished(30000));
        QCOMPARE(QJsonDocument::fromJson(reader.readAllStandardOutput())
                     .object()
                     .value(QStringLiteral("format"))
                     .toString(),
                 QStringLiteral("scalelab-analysis/1"));
    }

    void theInputIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QByteArray original = evilDesign();
        const QString design = write(dir, QStringLiteral("d.scalelab"), original);
        for (const QString& option : {QStringLiteral("--json"), QStringLiteral("--csv")}) {
            const CliRun r = runCli({QStringLiteral("run"), design, option, design});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("would overwrite the input"), r.err.constData());
        }
        QCOMPARE(runCli({QStringLiteral("analyze"), design, QStringLiteral("--json"), design}).code,
                 2);
        // The same file under a picture's name (a hard link) is the input too.
        const QString alias = dir.filePath(QStringLiteral("alias.png"));
        QCOMPARE(
            ::link(QFile::encodeName(design).constData(), QFile::encodeName(alias).constData()), 0);
        QCOMPARE(runCli({QStringLiteral("export"), design, QStringLiteral("--image"), alias}).code,
                 2);
        QCOMPARE(readAll(design), original);
    }

    void aFullDiskKeepsTheOldFile()
    {
        // /dev/full: every write fails with "no space left", the command says so, exit 1.
        QTemporaryDir dir;
        const QString design = write(dir, QStringLiteral("d.scalelab"), evilDesign());
        CliRun r = runCli({QStringLiteral("analyze"), design, QStringLiteral("--json"),
                           QStringLiteral("/dev/full")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/dev/full"), r.err.constData());
        QVERIFY(isCharDevice("/dev/full"));

        // A really full file system: a 64 KiB tmpfs (needs root; skipped where mounting is
        // not allowed). The previous results stay as they were.
        QTemporaryDir mountDir;
        const QString disk = mountDir.path();
        QProcess mount;
        mount.start(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=64k"), QStringLiteral("tmpfs"), disk});
        if (!mount.waitForFinished(10000) || mount.exitCode() != 0)
            QSKIP("cannot mount a small tmpfs here; /dev/full was checked");
        const auto unmount =
            qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {disk}); });
        const QString old = disk + QStringLiteral("/results.json");
        {
            QFile f(old);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"old\": true}\n");
        }
        {
            // Fill what is left.
            QFile filler(disk + QStringLiteral("/filler"));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(1024, 'x');
            while (filler.write(block) == block.size() && filler.flush())
                ;
        }
        r = runCli({QStringLiteral("run"), design, QStringLiteral("--json"), old});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("disk full"), r.err.constData());
        QCOMPARE(readAll(old), QByteArray("{\"old\": true}\n"));
    }

    void everyWriterReportsAFullDisk_data()
    {
        // Every kind of output to /dev/full, directly or through a name whose suffix picks
        // the format: exit 1, the device named, the link left as it was.
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("name");
        QTest::newRow("run --csv") << "run"
                                   << "--csv"
                                   << "";
        QTest::newRow("run --report html") << "run"
                                           << "--report"
                                           << "r.html";
        QTest::newRow("run --report pdf") << "run"
                                          << "--report"
                                          << "r.pdf";
        QTest::newRow("export --image png") << "export"
                                            << "--image"
                                            << "d.png";
        QTest::newRow("export --image svg") << "export"
                                            << "--image"
                                            << "d.svg";
    }

    void everyWriterReportsAFullDisk()
    {
        QFETCH(QString, command);
        QFETCH(QString, option);
        QFETCH(QString, name);
        QTemporaryDir dir;
        QString out = QStringLiteral("/dev/full");
        if (!name.isEmpty()) {
            out = dir.filePath(name);
            QVERIFY(QFile::link(QStringLiteral("/dev/full"), out));
        }
        const QString design = QStringLiteral(SCALELAB_EXAMPLES "/01-single-server.scalelab");
        QStringList args{command, design, option, out};
        if (command == QLatin1String("run"))
            args << QStringLiteral("--duration") << QStringLiteral("5")
                 << QStringLiteral("--warmup") << QStringLiteral("0");
        const CliRun r = runCli(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/dev/full") || r.err.contains(out.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("No space left"), r.err.constData());
        QVERIFY(QFileInfo(out).isSymLink() || name.isEmpty());
        QVERIFY(isCharDevice("/dev/full"));
    }

    void absurdNumbersAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString design = QStringLiteral(SCALELAB_TEST_DATA "/valid/design-example.scalelab");
        QTest::newRow("--duration 1e300")
            << QStringList{QStringLiteral("run"), design, QStringLiteral("--duration"),
                           QStringLiteral("1e300")}
            << QStringLiteral("<= 1e+07, got '1e300'");
        QTest::newRow("--duration nan")
            << QStringList{QStringLiteral("run"), design, QStringLiteral("--duration"),
                           QStringLiteral("nan")}
            << QStringLiteral("got 'nan'");
        QTest::newRow("--warmup inf")
            << QStringList{QStringLiteral("run"), design, QStringLiteral("--warmup"),
                           QStringLiteral("inf")}
            << QStringLiteral("got 'inf'");
        QTest::newRow("--run-for nan")
            << QStringList{design, QStringLiteral("--screenshot"), QStringLiteral("x.png"),
                           QStringLiteral("--run-for"), QStringLiteral("nan")}
            << QStringLiteral("--run-for needs a number of seconds");
        QTest::newRow("validate FILE --bogus")
            << QStringList{QStringLiteral("validate"), design, QStringLiteral("--bogus")}
            << QStringLiteral("bogus");
    }

    void absurdNumbersAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CliRun r = runCli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    }

    void inputsThatWouldHangOrExhaustAreRefused()
    {
        QTemporaryDir dir;
        // A device that never ends, a FIFO nobody writes to, a folder: each refused at once.
        CliRun r = runCli({QStringLiteral("validate"), QStringLiteral("/dev/zero")}, {}, 20000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        const QString fifo = dir.filePath(QStringLiteral("in.scalelab"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        r = runCli({QStringLiteral("validate"), fifo}, {}, 20000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        r = runCli({QStringLiteral("validate"), dir.path()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("it is a folder"), r.err.constData());

        // Past the size limit (a sparse file: no disk used).
        const QString big = dir.filePath(QStringLiteral("big.scalelab"));
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(65LL << 20));
        }
        r = runCli({QStringLiteral("validate"), big});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("the limit is 64 MiB"), r.err.constData());

        // An unterminated 50 MB string: one short line, not the string.
        const QString unterminated =
            write(dir, QStringLiteral("u.scalelab"),
                  "{\"format\":\"scalelab/1\",\"name\":\"" + QByteArray(50 << 20, 'a'));
        r = runCli({QStringLiteral("validate"), unterminated});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("syntax error"), r.err.left(300).constData());
        QVERIFY2(r.err.size() < 1000, qPrintable(QString::number(r.err.size())));
    }

    void controlCharactersNeverReachTheTerminal()
    {
        const QString design =
            QStringLiteral(SCALELAB_TEST_DATA "/hostile/control-characters.scalelab");
        const CliRun r = runCli({QStringLiteral("validate"), design});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("\\u001b[2J"), r.err.constData());
        QVERIFY(!r.err.contains('\x1b'));
        QVERIFY(!r.err.contains('\x07'));
    }

    // A valid design whose name and description carry escape sequences: the summaries of
    // run and analyze print them as \u001b, never as the byte itself.
    void summariesEscapeControlCharacters()
    {
        QTemporaryDir dir;
        QJsonObject o = QJsonDocument::fromJson(
                            readAll(QStringLiteral(SCALELAB_EXAMPLES "/01-single-server.scalelab")))
                            .object();
        QVERIFY(!o.isEmpty());
        o[QStringLiteral("name")] = QStringLiteral("clear\x1b[2J\x07bell");
        o[QStringLiteral("description")] = QStringLiteral("title\x1b]0;pwned\x07");
        const QString design =
            write(dir, QStringLiteral("escapes.scalelab"), QJsonDocument(o).toJson());
        for (const char* command : {"run", "analyze"}) {
            const CliRun r = runCli({QLatin1String(command), design});
            QCOMPARE(r.code, 0);
            QVERIFY2(!r.out.contains('\x1b') && !r.out.contains('\x07'), r.out.constData());
            QVERIFY2(!r.err.contains('\x1b'), r.err.constData());
        }
    }

    // A summary that cannot be written (standard output on a full disk) fails the command.
    void aFullStandardOutputFails()
    {
        if (!isCharDevice("/dev/full"))
            QSKIP("no /dev/full here");
        QProcess p;
        p.setProcessEnvironment(scalelab::testsupport::headlessEnvironment());
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(QStringLiteral(SCALELAB_BINARY),
                {QStringLiteral("analyze"),
                 QStringLiteral(SCALELAB_EXAMPLES "/01-single-server.scalelab")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("cannot write to standard output"));
    }

    void farFlungDiagramsGiveBoundedPictures()
    {
        QTemporaryDir dir;
        const QString design = QStringLiteral(SCALELAB_TEST_DATA "/hostile/far-apart.scalelab");
        const QString png = dir.filePath(QStringLiteral("far.png"));
        const CliRun r = runCli({QStringLiteral("export"), design, QStringLiteral("--image"), png});
        QVERIFY2(r.code == 0, r.err.constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() <= 16384 && image.height() <= 16384);
        QVERIFY(qint64(image.width()) * image.height() <= 32LL * 1024 * 1024);
        QVERIFY(image.width() > 4000); // as large as allowed, not a thumbnail

        // Positions past the stated limit are refused by validation.
        const QString farther = QStringLiteral(SCALELAB_TEST_DATA "/broken/far-position.scalelab");
        const CliRun v = runCli({QStringLiteral("validate"), farther});
        QCOMPARE(v.code, 1);
        QVERIFY2(v.err.contains(
                     "/nodes/0/pos: must be two numbers between -1e+06 and 1e+06, got [1e+308"),
                 v.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
