// Autosave writes unsaved work to the recovery file; the next session recovers it (still
// marked unsaved); saving or a clean close removes it.

#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/commands/RenameNodeCommand.h"
#include "gui/document/Autosave.h"
#include "gui/document/FileController.h"

using namespace scalelab;

class TestAutosaveRecovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }
    void init() { gui::Autosave::discard(); }

    void unmodifiedDocumentWritesNothing()
    {
        auto w = testsupport::openSampleWindow();
        QVERIFY(!w->fileController()->autosave()->saveNow());
        QVERIFY(!gui::Autosave::hasRecovery());
    }

    void crashThenRecover()
    {
        QTemporaryDir dir;
        const QString original = dir.filePath(QStringLiteral("work.scalelab"));
        core::Topology edited;
        {
            auto w = testsupport::openSampleWindow();
            QVERIFY(w->fileController()->saveTo(original));
            w->document()->undoStack()->push(
                new gui::RenameNodeCommand(w->document(), core::NodeId{"lb"}, "", "Entry"));
            edited = w->document()->topology();
            QVERIFY(w->fileController()->autosave()->saveNow());
            QVERIFY(gui::Autosave::hasRecovery());
            // The window is destroyed without close(): what a crash leaves behind.
        }
        QVERIFY(gui::Autosave::hasRecovery());
        gui::MainWindow next(gui::MainWindow::Interaction::NoDialogs);
        QVERIFY(next.fileController()->offerRecovery());
        QVERIFY(next.document()->topology() == edited);
        QVERIFY(next.document()->isModified());
        QCOMPARE(next.document()->filePath(), QFileInfo(original).absoluteFilePath());
        QVERIFY(next.fileController()->save());
        QVERIFY(!gui::Autosave::hasRecovery()); // saved: nothing left to recover
    }

    void undoToSavedStateRemovesOwnRecoveryOnly()
    {
        auto w = testsupport::openSampleWindow();
        // Another session's recovery file is not touched by an idle window.
        QVERIFY(!w->fileController()->autosave()->saveNow());
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
        QVERIFY(w->fileController()->autosave()->saveNow());
        QVERIFY(gui::Autosave::hasRecovery());
        w->document()->undoStack()->undo(); // back to the state on disk
        QVERIFY(!w->fileController()->autosave()->saveNow());
        QVERIFY(!gui::Autosave::hasRecovery());
    }

    void foreignRecoveryKeptByIdleWindow()
    {
        {
            auto crashed = testsupport::openSampleWindow();
            crashed->document()->undoStack()->push(
                new gui::RenameNodeCommand(crashed->document(), core::NodeId{"db"}, "", "X"));
            QVERIFY(crashed->fileController()->autosave()->saveNow());
        }
        auto w = testsupport::openSampleWindow();
        QVERIFY(!w->fileController()->autosave()->saveNow());
        QVERIFY(gui::Autosave::hasRecovery()); // still there to be offered
    }

    void autosaveTimerFires()
    {
        auto w = testsupport::openSampleWindow();
        w->fileController()->autosave()->setIntervalMs(20);
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
        QTRY_VERIFY_WITH_TIMEOUT(gui::Autosave::hasRecovery(), 5000);
    }

    void cleanCloseRemovesRecovery()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
        QVERIFY(w->fileController()->autosave()->saveNow());
        QVERIFY(w->close()); // no dialogs in this mode: closes without asking
        QVERIFY(!gui::Autosave::hasRecovery());
    }
};

QTEST_MAIN(TestAutosaveRecovery)
#include "tst_autosave_recovery.moc"
