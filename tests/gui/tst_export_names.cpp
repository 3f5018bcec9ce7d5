// Exports and Save As complete a name typed without a suffix with the chosen filter's
// (a bare "report" once failed with "unknown image type '.'"), and propose a name.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "GuiTestSupport.h"
#include "gui/app/MainActions.h"
#include "gui/document/FileController.h"
#include "gui/report/DiagramImage.h"
#include "gui/util/SaveFileName.h"

using namespace scalelab;

class TestExportNames : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void addsTheSelectedFiltersSuffix()
    {
        const QString images = QStringLiteral("PNG image (*.png);;SVG drawing (*.svg)");
        QCOMPARE(gui::withFilterSuffix(QStringLiteral("/tmp/diagram"),
                                       QStringLiteral("SVG drawing (*.svg)"), images),
                 QStringLiteral("/tmp/diagram.svg"));
        // No filter reported (some dialogs): the first one is the default type.
        QCOMPARE(gui::withFilterSuffix(QStringLiteral("/tmp/diagram"), QString(), images),
                 QStringLiteral("/tmp/diagram.png"));
        // A suffix of the list stays, whatever filter was selected; others are completed.
        QCOMPARE(gui::withFilterSuffix(QStringLiteral("/tmp/a.SVG"),
                                       QStringLiteral("PNG image (*.png)"), images),
                 QStringLiteral("/tmp/a.SVG"));
        QCOMPARE(gui::withFilterSuffix(QStringLiteral("/tmp/v1.2"),
                                       QStringLiteral("PNG image (*.png)"), images),
                 QStringLiteral("/tmp/v1.2.png"));
        // "All files (*)" names no suffix: the diagram type is still the default.
        const QString diagrams = QStringLiteral("ScaleLab diagrams (*.scalelab);;All files (*)");
        QCOMPARE(gui::withFilterSuffix(QStringLiteral("/tmp/mine"), QStringLiteral("All files (*)"),
                                       diagrams),
                 QStringLiteral("/tmp/mine.scalelab"));
        QVERIFY(gui::withFilterSuffix(QString(), QString(), images).isEmpty()); // cancelled
    }

    void completedNameExports()
    {
        // The bug as a user met it: the name the dialog gave, exported after completion.
        QTemporaryDir dir;
        const QString typed = dir.filePath(QStringLiteral("diagram"));
        QString error;
        QVERIFY(!gui::exportDiagramImage(testsupport::sampleTopology(), typed, &error));
        const QString completed =
            gui::withFilterSuffix(typed, QStringLiteral("PNG image (*.png)"),
                                  QStringLiteral("PNG image (*.png);;SVG drawing (*.svg)"));
        QVERIFY2(gui::exportDiagramImage(testsupport::sampleTopology(), completed, &error),
                 qPrintable(error));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("diagram.png"))));
    }

    void proposesANameFromTheDiagram()
    {
        auto w = testsupport::openSampleWindow();
        const QString filters = QStringLiteral("HTML report (*.html);;PDF report (*.pdf)");
        // A new diagram: its name, in the home folder.
        QCOMPARE(w->actions()->proposedExportPath(filters),
                 QDir::home().filePath(QStringLiteral("Test diagram.html")));
        // A saved one: beside its file, named after it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("my-first.scalelab"));
        QVERIFY(w->fileController()->saveTo(path));
        QCOMPARE(w->actions()->proposedExportPath(QStringLiteral("PNG image (*.png)")),
                 dir.filePath(QStringLiteral("my-first.png")));
        // Characters a file name cannot hold are replaced, not kept.
        QCOMPARE(gui::proposedSavePath(dir.path(), QStringLiteral("a/b: c"), filters),
                 dir.filePath(QStringLiteral("a-b- c.html")));
    }
};

QTEST_MAIN(TestExportNames)
#include "tst_export_names.moc"
