// The architecture rule that keeps the kernel testable without a screen: nothing under
// core/ includes Qt, and nothing under core/ includes gui/.
#include <QDirIterator>
#include <QRegularExpression>
#include <QtTest>

class TestCoreLayering : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coreIncludesNoQtAndNoGui();
};

void TestCoreLayering::coreIncludesNoQtAndNoGui()
{
    const QRegularExpression forbidden(
        QStringLiteral(R"(^\s*#\s*include\s*[<"](Q[A-Za-z]|gui/|qt))"),
        QRegularExpression::MultilineOption);
    QDirIterator it(QStringLiteral(SCALELAB_SOURCE_DIR "/core"),
                    {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.hpp")},
                    QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    QStringList offenders;
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        ++files;
        const QRegularExpressionMatch m = forbidden.match(QString::fromUtf8(f.readAll()));
        if (m.hasMatch())
            offenders << f.fileName() + QStringLiteral(": ") + m.captured(0).trimmed();
    }
    QVERIFY(files > 10);
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
}

QTEST_APPLESS_MAIN(TestCoreLayering)
#include "tst_core_layering.moc"
