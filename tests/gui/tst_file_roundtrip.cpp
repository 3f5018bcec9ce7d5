// Save writes the format, open reads back the same topology; the title shows "*" while
// modified; a failed save reports and leaves the old file untouched; recent files.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/document/FileController.h"

using namespace scalelab;

class TestFileRoundtrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void saveThenOpenGivesSameTopology()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("diagram.scalelab"));
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        w->document()->undoStack()->push(new gui::MoveNodesCommand(
            w->document(), {{core::NodeId{"web1"}, {{400, 200}, {420, 240}}}}));
        QVERIFY(w->isWindowModified());
        QVERIFY(w->windowTitle().contains(QStringLiteral("[*]")));
        QVERIFY(w->fileController()->saveAs(path));
        QVERIFY(!w->isWindowModified());
        QCOMPARE(w->document()->filePath(), QFileInfo(path).absoluteFilePath());
        const core::Topology saved = w->document()->topology();

        gui::MainWindow other(gui::MainWindow::Interaction::NoDialogs);
        QVERIFY(other.openFile(path));
        QVERIFY(other.document()->topology() == saved);
        QVERIFY(!other.document()->isModified());
        QCOMPARE(other.fileController()->recentFiles().value(0),
                 QFileInfo(path).absoluteFilePath());
        // The file is the documented format.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"format\": \"scalelab/1\""));
    }

    void failedSaveKeepsOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.scalelab"));
        auto w = testsupport::openSampleWindow();
        QVERIFY(w->fileController()->saveTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll();
        f.close();
        w->document()->undoStack()->push(
            new gui::MoveNodesCommand(w->document(), {{core::NodeId{"lb"}, {{200, 200}, {0, 0}}}}));
        // A folder that does not exist cannot be written.
        QString error;
        QVERIFY(!w->fileController()->saveTo(dir.filePath(QStringLiteral("no/such/dir/x.scalelab")),
                                             &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!w->fileController()->lastError().isEmpty());
        QVERIFY(w->document()->isModified()); // still unsaved
        QCOMPARE(w->document()->filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), original);
    }

    void newClearsDocument()
    {
        auto w = testsupport::openSampleWindow();
        QVERIFY(w->fileController()->newDocument());
        QVERIFY(w->document()->topology().nodes.empty());
        QVERIFY(w->document()->filePath().isEmpty());
        QCOMPARE(w->document()->undoStack()->count(), 0);
    }

    void examplesListedWithDescriptions()
    {
        // Whatever the examples folder holds, each entry is a .scalelab file that exists.
        for (const gui::ExampleFile& e : gui::FileController::examples()) {
            QVERIFY(QFileInfo::exists(e.path));
            QVERIFY(e.path.endsWith(QStringLiteral(".scalelab")));
            QVERIFY(!e.name.isEmpty());
        }
    }
};

QTEST_MAIN(TestFileRoundtrip)
#include "tst_file_roundtrip.moc"
