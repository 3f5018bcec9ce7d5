// Autosave recovery after a process that was really killed: a child process (this same
// executable with --crash-child) edits a diagram, waits for its autosave timer, then is
// killed with SIGKILL — no destructor, no clean exit. The next window offers the work back.
// Also: the GUI survives what people do during a run (undo across it, close during it).
#include <csignal>

#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/commands/RenameNodeCommand.h"
#include "gui/document/Autosave.h"
#include "gui/document/FileController.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;

namespace {
const char* kChildFlag = "--crash-child";

// The child: edit, let the autosave timer write the recovery file, then die hard.
int crashChild(const QString& original)
{
    testsupport::isolateSettings();
    gui::MainWindow window(gui::MainWindow::Interaction::NoDialogs);
    window.show();
    if (!window.openFile(original))
        return 3;
    window.fileController()->autosave()->setIntervalMs(50);
    window.document()->undoStack()->push(
        new gui::RenameNodeCommand(window.document(), core::NodeId{"lb"}, "", "Front door"));
    QElapsedTimer t;
    t.start();
    while (!window.fileController()->autosave()->hasRecoveryFile() && t.elapsed() < 10000)
        QTest::qWait(20);
    std::raise(SIGKILL);
    return 4; // not reached
}
} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        testsupport::isolateSettings();
        for (const QString& f : gui::Autosave::orphanedRecoveries())
            gui::Autosave::removeRecovery(f);
    }
    void killedProcessWorkIsOffered();
    void undoAcrossARun();
    void closeDuringARun();
};

void TestCrashRecovery::killedProcessWorkIsOffered()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("work.scalelab"));
    {
        QFile f(original);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(core::saveTopology(testsupport::sampleTopology()).c_str());
    }
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kChildFlag), original});
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit); // killed, as a crash would
    // Its lock file is still there, naming a process that is gone: the work is offered.
    QCOMPARE(gui::Autosave::orphanedRecoveries().size(), 1);

    gui::MainWindow next(gui::MainWindow::Interaction::NoDialogs);
    QVERIFY(next.fileController()->offerRecovery());
    const core::Node* lb = next.document()->node(core::NodeId{"lb"});
    QVERIFY(lb);
    QCOMPARE(lb->name, std::string("Front door"));
    QVERIFY(next.document()->isModified());
    QCOMPARE(next.document()->filePath(), QFileInfo(original).absoluteFilePath());
    // The file on disk is untouched until the person saves.
    QVERIFY(core::loadTopologyFile(original.toStdString())
                .topology->findNode(core::NodeId{"lb"})
                ->name.empty());
    next.fileController()->autosave()->discard();
    next.document()->markSaved();
}

void TestCrashRecovery::undoAcrossARun()
{
    auto w = testsupport::openSampleWindow();
    w->document()->undoStack()->push(
        new gui::RenameNodeCommand(w->document(), core::NodeId{"db"}, "", "Primary"));
    auto* c = w->liveView()->controller();
    QVERIFY(c->run());
    QTRY_VERIFY_WITH_TIMEOUT(c->simSeconds() > 0.1, 5000);
    w->document()->undoStack()->undo(); // undone while the simulation runs
    QCOMPARE(w->document()->node(core::NodeId{"db"})->name, std::string());
    w->document()->undoStack()->redo();
    QTest::qWait(50);
    QCOMPARE(c->state(), gui::SimulationController::State::Running);
    c->reset();
    w->document()->undoStack()->undo();
    QCOMPARE(w->document()->node(core::NodeId{"db"})->name, std::string());
    w->document()->markSaved();
}

void TestCrashRecovery::closeDuringARun()
{
    auto w = testsupport::openSampleWindow();
    QVERIFY(w->liveView()->controller()->run());
    QTRY_VERIFY_WITH_TIMEOUT(w->liveView()->controller()->simSeconds() > 0.1, 5000);
    QVERIFY(w->close());
    w.reset(); // destroyed mid-run: nothing may touch the deleted document or scene
    QTest::qWait(50);
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc >= 3 && QByteArray(argv[1]) == kChildFlag)
        return crashChild(QString::fromLocal8Bit(argv[2]));
    TestCrashRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crash_recovery.moc"
