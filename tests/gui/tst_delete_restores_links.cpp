// Delete removes a node with every link touching it; undo puts back the same nodes and
// links in the same file order (the fragment + indices of DeleteCommand).

#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/EditOperations.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/NodeItem.h"

using namespace scalelab;

class TestDeleteRestoresLinks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void deleteKeyThenUndo()
    {
        auto w = testsupport::openSampleWindow();
        const core::Topology before = w->document()->topology();
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          testsupport::toViewport(w->view(), QPointF(400, 200)));
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{core::NodeId{"web1"}});
        QVERIFY(w->editOperations()->deleteSelection());
        const core::Topology& t = w->document()->topology();
        QVERIFY(!t.findNode(core::NodeId{"web1"}));
        QCOMPARE(t.links.size(), std::size_t(2)); // users->lb, db->db-r1 remain
        QVERIFY(!w->scene()->nodeItem(core::NodeId{"web1"}));
        QVERIFY(!w->scene()->linkItem({core::NodeId{"lb"}, core::NodeId{"web1"}}));

        w->document()->undoStack()->undo();
        QVERIFY(w->document()->topology() == before); // same values, same order
        QVERIFY(w->scene()->linkItem({core::NodeId{"lb"}, core::NodeId{"web1"}}));
        QVERIFY(w->scene()->linkItem({core::NodeId{"web1"}, core::NodeId{"db"}}));
        QVERIFY(w->scene()->linkItem({core::NodeId{"web1"}, core::NodeId{"cache"}}));
    }

    void deleteSeveralNodesAndALink()
    {
        auto w = testsupport::openSampleWindow();
        const core::Topology before = w->document()->topology();
        w->scene()->selectNodes({core::NodeId{"users"}, core::NodeId{"db"}});
        w->scene()->linkItem({core::NodeId{"lb"}, core::NodeId{"web1"}})->setSelected(true);
        QVERIFY(w->editOperations()->deleteSelection());
        const core::Topology& t = w->document()->topology();
        QCOMPARE(t.nodes.size(), std::size_t(4));
        QCOMPARE(t.links.size(), std::size_t(1)); // web1 -> cache
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QVERIFY(w->document()->topology() == before);
        w->document()->undoStack()->redo();
        QCOMPARE(w->document()->topology().links.size(), std::size_t(1));
    }

    void deleteKeyShortcutOnCanvas()
    {
        auto w = testsupport::openSampleWindow();
        w->activateWindow();
        w->view()->setFocus();
        w->scene()->selectNodes({core::NodeId{"cache"}});
        QTest::keyClick(w->view()->viewport(), Qt::Key_Delete);
        QVERIFY(!w->document()->node(core::NodeId{"cache"}));
    }
};

QTEST_MAIN(TestDeleteRestoresLinks)
#include "tst_delete_restores_links.moc"
