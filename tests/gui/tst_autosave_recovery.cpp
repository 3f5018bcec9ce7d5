// Autosave writes unsaved work to the session's recovery file; the next session recovers
// it (still marked unsaved); saving or a clean close removes it; two windows never touch
// each other's.

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>
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
    void init()
    {
        for (const QString& f : gui::Autosave::orphanedRecoveries())
            gui::Autosave::removeRecovery(f);
    }

    void unmodifiedDocumentWritesNothing()
    {
        auto w = testsupport::openSampleWindow();
        QVERIFY(!w->fileController()->autosave()->saveNow());
        QVERIFY(!w->fileController()->autosave()->hasRecoveryFile());
    }

    void aFailedAutosaveSaysSo()
    {
        // The recovery file's name taken by a folder: the write fails, and the window says
        // so in the status bar rather than leaving the work silently unprotected.
        auto w = testsupport::openSampleWindow();
        gui::Autosave* autosave = w->fileController()->autosave();
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"lb"}, "", "Entry"));
        QVERIFY(QDir().mkpath(autosave->recoveryPath()));
        QSignalSpy failed(autosave, &gui::Autosave::failed);
        QVERIFY(!autosave->saveNow());
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(autosave->recoveryPath()),
                 qPrintable(failed.first().first().toString()));
        const QString shown = w->statusBar()->currentMessage();
        QVERIFY2(shown.startsWith(QLatin1String("Autosave failed")), qPrintable(shown));
        // Once the name is free again the next autosave succeeds, silently.
        QVERIFY(QDir(autosave->recoveryPath()).removeRecursively());
        QVERIFY(autosave->saveNow());
        QCOMPARE(failed.size(), 1);
        w->document()->markSaved();
        autosave->discard();
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
            QVERIFY(w->fileController()->autosave()->hasRecoveryFile());
            QVERIFY(gui::Autosave::orphanedRecoveries().isEmpty()); // its session is alive
            // The window is destroyed without close(): what a crash leaves behind.
        }
        QCOMPARE(gui::Autosave::orphanedRecoveries().size(), 1);
        gui::MainWindow next(gui::MainWindow::Interaction::NoDialogs);
        QVERIFY(next.fileController()->offerRecovery());
        QVERIFY(next.document()->topology() == edited);
        QVERIFY(next.document()->isModified());
        QCOMPARE(next.document()->filePath(), QFileInfo(original).absoluteFilePath());
        QVERIFY(gui::Autosave::orphanedRecoveries().isEmpty()); // taken over by this session
        QVERIFY(next.fileController()->autosave()->hasRecoveryFile());
        QVERIFY(next.fileController()->save());
        QVERIFY(!next.fileController()->autosave()->hasRecoveryFile()); // saved: nothing to recover
    }

    void undoToSavedStateRemovesOwnRecoveryOnly()
    {
        auto w = testsupport::openSampleWindow();
        // Another session's recovery file is not touched by an idle window.
        QVERIFY(!w->fileController()->autosave()->saveNow());
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
        QVERIFY(w->fileController()->autosave()->saveNow());
        QVERIFY(w->fileController()->autosave()->hasRecoveryFile());
        w->document()->undoStack()->undo(); // back to the state on disk
        QVERIFY(!w->fileController()->autosave()->saveNow());
        QVERIFY(!w->fileController()->autosave()->hasRecoveryFile());
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
        QCOMPARE(gui::Autosave::orphanedRecoveries().size(), 1); // still there to be offered
    }

    void autosaveTimerFires()
    {
        auto w = testsupport::openSampleWindow();
        w->fileController()->autosave()->setIntervalMs(20);
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
        QTRY_VERIFY_WITH_TIMEOUT(w->fileController()->autosave()->hasRecoveryFile(), 5000);
    }

    void cleanCloseRemovesRecovery()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->undoStack()->push(
            new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
        QVERIFY(w->fileController()->autosave()->saveNow());
        const QString recovery = w->fileController()->autosave()->recoveryPath();
        QVERIFY(QFileInfo::exists(recovery));
        QVERIFY(w->close()); // no dialogs in this mode: closes without asking
        QVERIFY(!QFileInfo::exists(recovery));
    }

    // Two windows (or two instances) each keep their own recovery file: one closing
    // cleanly or saving removes only its own, and a window that is still open is never
    // taken for a crashed one.
    void twoWindowsKeepTheirOwnRecovery()
    {
        auto a = testsupport::openSampleWindow();
        auto b = testsupport::openSampleWindow();
        a->document()->undoStack()->push(
            new gui::RenameNodeCommand(a->document(), core::NodeId{"db"}, "", "From A"));
        b->document()->undoStack()->push(
            new gui::RenameNodeCommand(b->document(), core::NodeId{"db"}, "", "From B"));
        QVERIFY(a->fileController()->autosave()->saveNow());
        QVERIFY(b->fileController()->autosave()->saveNow());
        const QString fromB = b->fileController()->autosave()->recoveryPath();
        QVERIFY(fromB != a->fileController()->autosave()->recoveryPath());
        QVERIFY(a->close());
        QVERIFY(QFileInfo::exists(fromB)); // A's clean exit left B's work alone
        QVERIFY(gui::Autosave::orphanedRecoveries().isEmpty()); // B is running
        b.reset();                                              // B crashes
        QCOMPARE(gui::Autosave::orphanedRecoveries(),
                 QStringList{QFileInfo(fromB).absoluteFilePath()});
        gui::MainWindow next(gui::MainWindow::Interaction::NoDialogs);
        QVERIFY(next.fileController()->offerRecovery());
        QCOMPARE(next.document()->node(core::NodeId{"db"})->name, std::string("From B"));
    }
};

QTEST_MAIN(TestAutosaveRecovery)
#include "tst_autosave_recovery.moc"
