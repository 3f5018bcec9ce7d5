// Duplicate (Ctrl+D) copies the selected nodes with their links, including links to
// nodes that were not selected: horizontal scaling in one gesture.

#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/EditOperations.h"
#include "gui/canvas/NodeItem.h"

using namespace scalelab;

class TestDuplicate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void duplicateServerKeepsItsLinks()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        QVERIFY(w->editOperations()->duplicate());
        const core::Topology& t = w->document()->topology();
        const core::Node* copy = t.findNode(core::NodeId{"web1-2"});
        QVERIFY(copy);
        QCOMPARE(copy->integer("workers"), 4);
        QCOMPARE(copy->pos.x, 400.0);
        QVERIFY(copy->pos.y > 200.0); // below the original, not on top of it
        const core::Link* in = t.findLink({core::NodeId{"lb"}, copy->id});
        QVERIFY(in);
        QCOMPARE(in->latencyMs(), 0.5);
        QVERIFY(t.findLink({copy->id, core::NodeId{"db"}}));
        QVERIFY(t.findLink({copy->id, core::NodeId{"cache"}}));
        QCOMPARE(t.links.size(), std::size_t(8));
        QVERIFY(w->scene()->nodeItem(copy->id));
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{copy->id});
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QVERIFY(w->document()->topology() == testsupport::sampleTopology());
    }

    void duplicateTwiceGivesThirdServer()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        QVERIFY(w->editOperations()->duplicate());
        QVERIFY(w->editOperations()->duplicate()); // the copy is selected now
        const core::Topology& t = w->document()->topology();
        QVERIFY(t.findNode(core::NodeId{"web1-3"}));
        const core::Node* a = t.findNode(core::NodeId{"web1-2"});
        const core::Node* b = t.findNode(core::NodeId{"web1-3"});
        QVERIFY(a->pos.y != b->pos.y); // each on a free spot
        QVERIFY(t.findLink({core::NodeId{"lb"}, core::NodeId{"web1-3"}}));
    }

    void duplicateGroupLinksAmongCopies()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}, core::NodeId{"cache"}});
        QVERIFY(w->editOperations()->duplicate());
        const core::Topology& t = w->document()->topology();
        QVERIFY(t.findLink({core::NodeId{"web1-2"}, core::NodeId{"cache-2"}}));
        QVERIFY(!t.findLink({core::NodeId{"web1-2"}, core::NodeId{"cache"}}));
    }

    void ctrlDShortcut()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        w->view()->setFocus();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        QTest::keyClick(w->view()->viewport(), Qt::Key_D, Qt::ControlModifier);
        QVERIFY(w->document()->node(core::NodeId{"web1-2"}));
    }
};

QTEST_MAIN(TestDuplicate)
#include "tst_duplicate.moc"
