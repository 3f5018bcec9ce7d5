// Dragging nodes moves them in the document on release, as one undo step.

#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/NodeItem.h"

using namespace scalelab;

class TestNodeDrag : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void dragMovesNodeAsOneUndoStep()
    {
        auto w = testsupport::openSampleWindow();
        QUndoStack* stack = w->document()->undoStack();
        QCOMPARE(stack->count(), 0);
        testsupport::drag(w->view(), QPointF(400, 200), QPointF(482, 318));
        const core::Node* web = w->document()->node(core::NodeId{"web1"});
        // Snapped to the grid: (480, 320).
        QCOMPARE(web->pos.x, 480.0);
        QCOMPARE(web->pos.y, 320.0);
        QCOMPARE(stack->count(), 1);
        QCOMPARE(w->scene()->nodeItem(web->id)->pos(), QPointF(480, 320));
        QVERIFY(w->document()->isModified());
        stack->undo();
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->pos, (core::Point{400, 200}));
        QCOMPARE(w->scene()->nodeItem(core::NodeId{"web1"})->pos(), QPointF(400, 200));
        QVERIFY(!w->document()->isModified());
        stack->redo();
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->pos, (core::Point{480, 320}));
    }

    void dragMovesWholeSelection()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"db"}, core::NodeId{"db-r1"}});
        testsupport::drag(w->view(), QPointF(600, 200), QPointF(600, 300));
        QCOMPARE(w->document()->node(core::NodeId{"db"})->pos, (core::Point{600, 300}));
        QCOMPARE(w->document()->node(core::NodeId{"db-r1"})->pos, (core::Point{800, 300}));
        QCOMPARE(w->document()->undoStack()->count(), 1);
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->pos, (core::Point{400, 200}));
    }

    void clickWithoutMovingPushesNothing()
    {
        auto w = testsupport::openSampleWindow();
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          testsupport::toViewport(w->view(), QPointF(400, 200)));
        QCOMPARE(w->document()->undoStack()->count(), 0);
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{core::NodeId{"web1"}});
    }

    void ctrlClickExtendsSelection()
    {
        auto w = testsupport::openSampleWindow();
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          testsupport::toViewport(w->view(), QPointF(400, 200)));
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          testsupport::toViewport(w->view(), QPointF(200, 200)));
        QCOMPARE(w->scene()->selectedNodeIds(),
                 (std::vector<core::NodeId>{core::NodeId{"lb"}, core::NodeId{"web1"}}));
    }

    void rubberBandSelects()
    {
        auto w = testsupport::openSampleWindow();
        // From empty canvas below-left of lb to beyond web1.
        testsupport::drag(w->view(), QPointF(140, 300), QPointF(460, 150));
        QCOMPARE(w->scene()->selectedNodeIds(),
                 (std::vector<core::NodeId>{core::NodeId{"lb"}, core::NodeId{"web1"}}));
        QCOMPARE(w->document()->undoStack()->count(), 0);
    }
};

QTEST_MAIN(TestNodeDrag)
#include "tst_node_drag.moc"
