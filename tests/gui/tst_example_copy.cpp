// An example opens as an untitled copy: Ctrl+S can no longer overwrite the tutorial, and
// the window's title names the file once there is one (with the modified marker).

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/document/FileController.h"

using namespace scalelab;

namespace {
QByteArray digest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Any edit, through the undo stack as a user's would go.
void moveFirstNode(gui::MainWindow& w)
{
    const core::Node& n = w.document()->topology().nodes.front();
    std::map<core::NodeId, gui::MoveNodesCommand::Move> moves;
    moves.emplace(n.id, gui::MoveNodesCommand::Move{n.pos, {n.pos.x + 40, n.pos.y}});
    w.document()->undoStack()->push(new gui::MoveNodesCommand(w.document(), moves));
}
} // namespace

class TestExampleCopy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void exampleOpensAsUntitledCopy()
    {
        const auto examples = gui::FileController::examples();
        QVERIFY(!examples.isEmpty());
        const QString example = examples.front().path;
        const QByteArray before = digest(example);
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        QVERIFY(gui::FileController::isExample(example));
        QVERIFY(w.openFile(example));
        QVERIFY(w.document()->filePath().isEmpty());
        QCOMPARE(w.fileController()->copiedFrom(), QFileInfo(example).absoluteFilePath());
        // Not a recent file: reopening it from there would open the original.
        QVERIFY(!w.fileController()->recentFiles().contains(QFileInfo(example).absoluteFilePath()));
        moveFirstNode(w);
        QVERIFY(w.document()->isModified());
        // Ctrl+S on the copy goes to Save As (no dialog here: nothing is written).
        QVERIFY(!w.fileController()->save());
        QCOMPARE(digest(example), before);
        // Save As proposes the example's name in the home folder, not the examples folder.
        QCOMPARE(w.fileController()->proposedSavePath(),
                 QDir::home().filePath(QFileInfo(example).completeBaseName() +
                                       QStringLiteral(".scalelab")));
        // The title names the example (its diagram name), modified.
        QVERIFY(w.windowTitle().startsWith(QString::fromStdString(w.document()->topology().name) +
                                           QStringLiteral("[*]")));
        QVERIFY(w.isWindowModified());
        w.document()->markSaved();
    }

    void ownFilesOpenAsThemselves()
    {
        QTemporaryDir dir;
        const QString mine = dir.filePath(QStringLiteral("mine.scalelab"));
        QVERIFY(QFile::copy(gui::FileController::examples().front().path, mine));
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        QVERIFY(!gui::FileController::isExample(mine));
        QVERIFY(w.openFile(mine));
        QCOMPARE(w.document()->filePath(), QFileInfo(mine).absoluteFilePath());
        QVERIFY(w.fileController()->copiedFrom().isEmpty());
    }

    void titleShowsTheSavedFile()
    {
        auto w = testsupport::openSampleWindow(); // its diagram name is "Test diagram"
        QTemporaryDir dir;
        QVERIFY(w->windowTitle().startsWith(QStringLiteral("Test diagram[*]")));
        QVERIFY(w->fileController()->saveTo(dir.filePath(QStringLiteral("my-first.scalelab"))));
        QVERIFY2(w->windowTitle().startsWith(QStringLiteral("my-first.scalelab[*]")),
                 qPrintable(w->windowTitle()));
        QVERIFY(!w->isWindowModified());
        moveFirstNode(*w);
        QVERIFY(w->isWindowModified());
        w->document()->markSaved();
    }
};

QTEST_MAIN(TestExampleCopy)
#include "tst_example_copy.moc"
