// Every file of the broken corpus must be refused with an error at the exact JSON pointer
// the corpus manifest names, and a message that says what is wrong.
#include <fstream>
#include <sstream>

#include <QtTest>

#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;

class TestBrokenFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void refusedAtTheRightPlace_data();
    void refusedAtTheRightPlace();
    void corpusIsLargeEnough();
};

namespace {
struct Case {
    QString file, pointer, fragment;
};

QList<Case> readManifest()
{
    QList<Case> cases;
    QFile manifest(QStringLiteral(SCALELAB_TEST_DATA "/broken/expected.tsv"));
    if (!manifest.open(QIODevice::ReadOnly | QIODevice::Text))
        return cases;
    while (!manifest.atEnd()) {
        const QString line = QString::fromUtf8(manifest.readLine()).chopped(1);
        if (line.startsWith(QLatin1Char('#')) || line.isEmpty())
            continue;
        const QStringList parts = line.split(QLatin1Char('\t'));
        if (parts.size() == 3)
            cases.append({parts[0], parts[1], parts[2]});
    }
    return cases;
}
} // namespace

void TestBrokenFiles::refusedAtTheRightPlace_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("fragment");
    for (const Case& c : readManifest())
        QTest::newRow(qPrintable(c.file)) << c.file << c.pointer << c.fragment;
}

void TestBrokenFiles::refusedAtTheRightPlace()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    QFETCH(QString, fragment);
    const std::string path = SCALELAB_TEST_DATA "/broken/" + file.toStdString();
    const LoadResult loaded = loadAndValidateFile(path);
    const Diagnostics& all = loaded.diagnostics;
    QVERIFY2(hasErrors(all), "a broken file was accepted");
    QString report;
    bool found = false;
    for (const auto& d : all) {
        report += QString::fromStdString(d.toString()) + QLatin1Char('\n');
        if (d.severity == Severity::Error && QString::fromStdString(d.path) == pointer &&
            QString::fromStdString(d.message).contains(fragment))
            found = true;
    }
    QVERIFY2(found, qPrintable(QStringLiteral("expected an error at '%1' containing '%2'; got:\n%3")
                                   .arg(pointer, fragment, report)));
}

void TestBrokenFiles::corpusIsLargeEnough()
{
    QVERIFY(readManifest().size() >= 25);
}

QTEST_APPLESS_MAIN(TestBrokenFiles)
#include "tst_broken_files.moc"
