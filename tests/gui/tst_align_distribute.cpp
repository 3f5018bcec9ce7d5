// Align and distribute move the selected nodes as one undoable step.

#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/EditOperations.h"

using namespace scalelab;
using core::NodeId;

class TestAlignDistribute : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void alignTopEdges()
    {
        auto w = testsupport::openSampleWindow();
        // cache is at y 80, db at 200, web1 at 200.
        w->scene()->selectNodes({NodeId{"web1"}, NodeId{"cache"}, NodeId{"db"}});
        QVERIFY(w->editOperations()->align(gui::Alignment::Top));
        for (const char* id : {"web1", "cache", "db"})
            QCOMPARE(w->document()->node(NodeId{id})->pos.y, 80.0);
        QCOMPARE(w->document()->node(NodeId{"web1"})->pos.x, 400.0); // x untouched
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QVERIFY(w->document()->topology() == testsupport::sampleTopology());
    }

    void alignLeftNeedsTwoNodes()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({NodeId{"web1"}});
        QVERIFY(!w->editOperations()->align(gui::Alignment::Left));
        QCOMPARE(w->document()->undoStack()->count(), 0);
    }

    void distributeHorizontallyEvensGaps()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->reset([] {
            core::Topology t;
            t.nodes.push_back(testsupport::makeNode("a", "web_server", 0, 0));
            t.nodes.push_back(testsupport::makeNode("b", "web_server", 60, 40));
            t.nodes.push_back(testsupport::makeNode("c", "web_server", 400, 0));
            t.nodes.push_back(testsupport::makeNode("d", "web_server", 100, 0));
            return t;
        }());
        w->scene()->selectNodes({NodeId{"a"}, NodeId{"b"}, NodeId{"c"}, NodeId{"d"}});
        QVERIFY(w->editOperations()->distribute(Qt::Horizontal));
        // Sorted by x: a(0) b(60) d(100) c(400) -> 0, 133.3, 266.7, 400.
        QCOMPARE(w->document()->node(NodeId{"a"})->pos.x, 0.0);
        QVERIFY(qFuzzyCompare(w->document()->node(NodeId{"b"})->pos.x, 400.0 / 3));
        QVERIFY(qFuzzyCompare(w->document()->node(NodeId{"d"})->pos.x, 800.0 / 3));
        QCOMPARE(w->document()->node(NodeId{"c"})->pos.x, 400.0);
        QCOMPARE(w->document()->node(NodeId{"b"})->pos.y, 40.0);
    }
};

QTEST_MAIN(TestAlignDistribute)
#include "tst_align_distribute.moc"
