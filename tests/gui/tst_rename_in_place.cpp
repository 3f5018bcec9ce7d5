// Rename in place, as in draw.io and Figma: double-click a node (or F2 on the selected
// one) and type over its name where it is drawn; Return commits one undoable rename,
// Escape leaves it, a click elsewhere commits.

#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/app/MainActions.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/canvas/NodeNameEditor.h"
#include "gui/paint/NodeGlyph.h"

using namespace scalelab;

namespace {
const core::NodeId kWeb{"web1"}, kLb{"lb"};

QString shownName(gui::MainWindow& w, const core::NodeId& id)
{
    return gui::NodeLook::of(*w.document()->node(id)).name;
}
} // namespace

class TestRenameInPlace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void doubleClickOnTheLabelEditsItThere()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        const QPointF label = QPointF(400, 200) + gui::style::labelRect().center();
        QTest::mouseDClick(w->view()->viewport(), Qt::LeftButton, {},
                           testsupport::toViewport(w->view(), label));
        gui::NodeNameEditor* editor = w->view()->nameEditor();
        QVERIFY(editor);
        QCOMPARE(editor->nodeId(), kWeb);
        QCOMPARE(editor->text(), shownName(*w, kWeb));
        QVERIFY(editor->hasSelectedText()); // typing replaces it
        // Over the label, where the eye already is.
        QVERIFY(editor->geometry().contains(testsupport::toViewport(w->view(), label)));
        const int steps = w->document()->undoStack()->count();
        QTest::keyClicks(editor, QStringLiteral("Frontend A"));
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(!w->view()->nameEditor());
        QCOMPARE(w->document()->node(kWeb)->name, std::string("Frontend A"));
        QCOMPARE(w->document()->undoStack()->count(), steps + 1);
        // One Ctrl+Z on the canvas takes the rename back; Ctrl+Y brings it again.
        QTest::keyClick(w->view()->viewport(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(w->document()->node(kWeb)->name != "Frontend A");
        QTest::keyClick(w->view()->viewport(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(w->document()->node(kWeb)->name, std::string("Frontend A"));
        w->document()->markSaved();
    }

    void f2RenamesTheSelectedNodeAndEscapeCancels()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        w->view()->setFocus();
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, {},
                          testsupport::toViewport(w->view(), {200, 200}));
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{kLb});
        QVERIFY(w->actions()->rename->isEnabled());
        QTest::keyClick(w->view()->viewport(), Qt::Key_F2);
        gui::NodeNameEditor* editor = w->view()->nameEditor();
        QVERIFY(editor);
        QCOMPARE(editor->nodeId(), kLb);
        const QString before = shownName(*w, kLb);
        const int steps = w->document()->undoStack()->count();
        QTest::keyClicks(editor, QStringLiteral("Never mind"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QVERIFY(!w->view()->nameEditor());
        QCOMPARE(shownName(*w, kLb), before);
        QCOMPARE(w->document()->undoStack()->count(), steps);
        // Two nodes selected: F2 has nothing to rename.
        w->scene()->selectNodes({kLb, kWeb});
        QVERIFY(!w->actions()->rename->isEnabled());
        w->view()->renameSelected();
        QVERIFY(!w->view()->nameEditor());
    }

    void clickingElsewhereCommits()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        QVERIFY(w->view()->editNodeName(kWeb));
        gui::NodeNameEditor* editor = w->view()->nameEditor();
        QVERIFY(editor);
        editor->setText(QStringLiteral("API"));
        // Focus goes back to the canvas (a click on it): the typed name stays.
        w->view()->setFocus(Qt::MouseFocusReason);
        QApplication::processEvents();
        QVERIFY(!w->view()->nameEditor());
        QCOMPARE(w->document()->node(kWeb)->name, std::string("API"));
        // Unchanged text renames nothing.
        const int steps = w->document()->undoStack()->count();
        QVERIFY(w->view()->editNodeName(kWeb));
        QTest::keyClick(w->view()->nameEditor(), Qt::Key_Return);
        QCOMPARE(w->document()->undoStack()->count(), steps);
        w->document()->markSaved();
    }

    void theEditorFollowsTheZoom()
    {
        auto w = testsupport::openSampleWindow();
        QVERIFY(w->view()->editNodeName(kWeb));
        const QRect before = w->view()->nameEditor()->geometry();
        w->view()->zoomIn();
        const QRect after = w->view()->nameEditor()->geometry();
        const QPoint label = testsupport::toViewport(
            w->view(), QPointF(400, 200) + gui::style::labelRect().center());
        QVERIFY(after != before);
        QVERIFY(after.contains(label));
        w->view()->nameEditor()->cancel();
    }
};

QTEST_MAIN(TestRenameInPlace)
#include "tst_rename_in_place.moc"
