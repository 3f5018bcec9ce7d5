// Ctrl+O with unsaved changes asks about them before the file dialog, as every editor does:
// the answer may well be Cancel, and then no file dialog should have been shown at all.

#include <QFileDialog>
#include <QMessageBox>
#include <QTimer>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/commands/AddNodeCommand.h"
#include "gui/document/FileController.h"

using namespace scalelab;

class TestOpenAsksFirst : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void unsavedChangesAreAskedAboutBeforeTheFileDialog()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::Dialogs); // a person at the screen
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.document()->undoStack()->push(new gui::AddNodeCommand(
            w.document(), testsupport::makeNode("web", "web_server", 0, 0)));
        QVERIFY(w.document()->isModified());
        // Whatever modal window comes first is noted and cancelled.
        QStringList shown;
        std::function<void()> answer = [&] {
            QWidget* modal = QApplication::activeModalWidget();
            if (!modal) {
                QTimer::singleShot(10, answer);
                return;
            }
            shown << QString::fromLatin1(modal->metaObject()->className());
            if (auto* box = qobject_cast<QMessageBox*>(modal))
                box->button(QMessageBox::Cancel)->click();
            else if (auto* dialog = qobject_cast<QDialog*>(modal))
                dialog->reject();
        };
        QTimer::singleShot(0, answer);
        w.view()->setFocus();
        QTest::keyClick(w.view()->viewport(), Qt::Key_O, Qt::ControlModifier);
        QCOMPARE(shown, QStringList{QStringLiteral("QMessageBox")});
        // Cancelled: the diagram and its changes are still there.
        QVERIFY(w.document()->node(core::NodeId{"web"}));
        QVERIFY(w.document()->isModified());
        w.document()->markSaved(); // so closing asks nothing
    }
};

QTEST_MAIN(TestOpenAsksFirst)
#include "tst_open_asks_first.moc"
