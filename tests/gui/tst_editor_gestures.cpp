// What a draw.io user's hands expect: Shift+click adds to the selection, Ctrl+Y redoes,
// Ctrl+Z right after committing an inspector value undoes it, a new link is selected and
// starts with a latency (so the first run shows traffic), a refused link is explained at
// the pointer, and the empty-canvas hint goes when nodes come (and comes back).

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolTip>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/commands/AddNodeCommand.h"
#include "gui/docks/InspectorDock.h"
#include "gui/docks/ParamEditor.h"

using namespace scalelab;

namespace {
const core::NodeId kUsers{"users"}, kLb{"lb"}, kWeb{"web1"}, kDb{"db"};
}

class TestEditorGestures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void shiftClickAddsToSelection()
    {
        auto w = testsupport::openSampleWindow();
        QWidget* vp = w->view()->viewport();
        QTest::mouseClick(vp, Qt::LeftButton, {}, testsupport::toViewport(w->view(), {200, 200}));
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{kLb});
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ShiftModifier,
                          testsupport::toViewport(w->view(), {400, 200}));
        QCOMPARE(w->scene()->selectedNodeIds(), (std::vector<core::NodeId>{kLb, kWeb}));
        QVERIFY(w->document()->topology().links.size() == 5); // a click links nothing
        // Shift+click again takes it out; Shift+click on empty canvas keeps the rest.
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ShiftModifier,
                          testsupport::toViewport(w->view(), {400, 200}));
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{kLb});
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ShiftModifier,
                          testsupport::toViewport(w->view(), {300, 420}));
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{kLb});
        // A plain click on empty canvas still clears.
        QTest::mouseClick(vp, Qt::LeftButton, {}, testsupport::toViewport(w->view(), {300, 420}));
        QVERIFY(w->scene()->selectedNodeIds().empty());
    }

    void ctrlYRedoes()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        w->view()->setFocus();
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, {},
                          testsupport::toViewport(w->view(), {200, 200}));
        QTest::keyClick(w->view()->viewport(), Qt::Key_Delete);
        QVERIFY(!w->document()->node(kLb));
        QTest::keyClick(w->view()->viewport(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(w->document()->node(kLb));
        QTest::keyClick(w->view()->viewport(), Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(!w->document()->node(kLb));
        QTest::keyClick(w->view()->viewport(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!w->document()->node(kLb)); // nothing left to redo: still deleted
        w->document()->markSaved();
    }

    void ctrlZAfterCommittingAnInspectorValue()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        w->scene()->selectNodes({kWeb});
        auto* workers = qobject_cast<QSpinBox*>(w->inspectorDock()->editorFor("workers")->editor());
        QVERIFY(workers);
        workers->setFocus();
        QApplication::processEvents();
        workers->selectAll();
        QTest::keyClicks(workers, QStringLiteral("9"));
        QTest::keyClick(workers, Qt::Key_Return);
        QCOMPARE(w->document()->node(kWeb)->integer("workers"), 9);
        // Still in the field: Ctrl+Z undoes the committed edit in the document.
        QTest::keyClick(workers, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w->document()->node(kWeb)->integer("workers"), 4);
        QCOMPARE(workers->value(), 4);
        QTest::keyClick(workers, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(w->document()->node(kWeb)->integer("workers"), 9);
        w->document()->markSaved();
    }

    void differingValuesReadMixed()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->undoStack()->push(new gui::AddNodeCommand(
            w->document(),
            testsupport::makeNode("web2", "web_server", 400, 400, {{"workers", std::int64_t(8)}})));
        w->scene()->selectNodes({kWeb, core::NodeId{"web2"}});
        auto* workers = qobject_cast<QSpinBox*>(w->inspectorDock()->editorFor("workers")->editor());
        QVERIFY(workers);
        QCOMPARE(workers->text(), QStringLiteral("mixed"));
        // A shared value reads as itself.
        auto* speed =
            qobject_cast<QDoubleSpinBox*>(w->inspectorDock()->editorFor("speed")->editor());
        QVERIFY(speed->text() != QStringLiteral("mixed"));
        workers->setValue(6);
        QCOMPARE(w->document()->node(kWeb)->integer("workers"), 6);
        QCOMPARE(w->document()->node(core::NodeId{"web2"})->integer("workers"), 6);
        QCOMPARE(workers->text(), QStringLiteral("6"));
        w->document()->markSaved();
    }

    void newLinkIsSelectedAndCarriesTraffic()
    {
        auto w = testsupport::openSampleWindow();
        // users -> web1 is allowed (a public web server); the drag starts on the handle.
        QTest::mouseMove(w->view()->viewport(), testsupport::toViewport(w->view(), {0, 200}));
        testsupport::drag(w->view(), QPointF(gui::style::kHandleX, 200), QPointF(400, 200));
        const core::Link* fromClient = w->document()->link({kUsers, kWeb});
        QVERIFY(fromClient);
        QCOMPARE(fromClient->number("latency_ms"), gui::kDrawnLinkLatencyMs);
        // Only the link is selected, not its two ends.
        QVERIFY(w->scene()->selectedNodeIds().empty());
        QCOMPARE(w->scene()->selectedLinkKeys(),
                 (std::vector<core::LinkKey>{core::LinkKey{kUsers, kWeb}}));
        // Inside the data centre the hop is short but not zero.
        w->document()->undoStack()->push(new gui::AddNodeCommand(
            w->document(), testsupport::makeNode("web2", "web_server", 400, 400)));
        QVERIFY(w->scene()->tryLink(kLb, core::NodeId{"web2"}));
        QCOMPARE(w->document()->link({kLb, core::NodeId{"web2"}})->number("latency_ms"),
                 gui::kDrawnInternalLatencyMs);
        w->document()->markSaved();
    }

    void refusedLinkIsExplainedAtThePointer()
    {
        auto w = testsupport::openSampleWindow();
        QString refusal;
        QVERIFY(!w->scene()->tryLink(kUsers, kDb, &refusal)); // a client to a private node
        QVERIFY2(refusal.startsWith(QStringLiteral("Link refused:")), qPrintable(refusal));
        QTest::mouseMove(w->view()->viewport(), testsupport::toViewport(w->view(), {0, 200}));
        testsupport::drag(w->view(), QPointF(gui::style::kHandleX, 200), QPointF(600, 200));
        QVERIFY(!w->document()->link({kUsers, kDb}));
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), refusal);
    }

    void linkIsHitTenPixelsOff()
    {
        auto w = testsupport::openSampleWindow(); // 100 % zoom
        // web1 (400,200) -> db (600,200): a click 10 px under the line's middle.
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, {},
                          testsupport::toViewport(w->view(), {500, 210}));
        QCOMPARE(w->scene()->selectedLinkKeys(),
                 (std::vector<core::LinkKey>{core::LinkKey{kWeb, kDb}}));
    }

    void clickToPlaceSelectsTheNewNode()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        w->view()->setFocus();
        w->scene()->armPlaceTool("web_server");
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, {},
                          testsupport::toViewport(w->view(), QPointF(400, 400)));
        const core::NodeId placed = w->document()->topology().nodes.back().id;
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{placed});
        // So Ctrl+D right after copies it.
        const std::size_t before = w->document()->topology().nodes.size();
        QTest::keyClick(w->view()->viewport(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(w->document()->topology().nodes.size(), before + 1);
        w->document()->markSaved();
    }

    void emptyCanvasHintFollowsTheDiagram()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.show();
        QVERIFY(w.view()->emptyHintVisible());
        w.document()->undoStack()->push(new gui::AddNodeCommand(
            w.document(), testsupport::makeNode("web", "web_server", 0, 0)));
        QVERIFY(!w.view()->emptyHintVisible());
        w.document()->undoStack()->undo();
        QVERIFY(w.view()->emptyHintVisible());
        // An opened diagram never shows it.
        w.document()->reset(testsupport::sampleTopology());
        QVERIFY(!w.view()->emptyHintVisible());
        w.document()->markSaved();
    }
};

QTEST_MAIN(TestEditorGestures)
#include "tst_editor_gestures.moc"
