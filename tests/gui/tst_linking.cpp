// Linking with the mouse: from the connection handle or with Shift+drag; links the rules
// refuse are not made and the reason reaches the status bar; master -> replica database
// links become replication links.

#include <QSignalSpy>
#include <QStatusBar>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"

using namespace scalelab;

class TestLinking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void dragFromHandleLinks()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->reset([] {
            core::Topology t;
            t.nodes.push_back(testsupport::makeNode("lb", "load_balancer", 0, 0));
            t.nodes.push_back(testsupport::makeNode("web", "web_server", 240, 100));
            return t;
        }());
        QApplication::processEvents();
        w->view()->resetTransform();
        w->view()->centerOn(120, 50);
        // Hover first so the handle is there, as a person would.
        QTest::mouseMove(w->view()->viewport(), testsupport::toViewport(w->view(), {0, 0}));
        testsupport::drag(w->view(), QPointF(gui::style::kHandleX, 0), QPointF(240, 100));
        const core::Link* l = w->document()->link({core::NodeId{"lb"}, core::NodeId{"web"}});
        QVERIFY(l != nullptr);
        QCOMPARE(l->kind, core::LinkKind::Request);
        // The node did not move: the gesture linked instead.
        QCOMPARE(w->document()->node(core::NodeId{"lb"})->pos, (core::Point{0, 0}));
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QVERIFY(!w->document()->link({core::NodeId{"lb"}, core::NodeId{"web"}}));
    }

    void shiftDragLinks()
    {
        auto w = testsupport::openSampleWindow();
        testsupport::drag(w->view(), QPointF(200, 200), QPointF(600, 200), Qt::ShiftModifier);
        // lb -> db is not allowed (a load balancer sends to web servers only) ...
        QVERIFY(!w->document()->link({core::NodeId{"lb"}, core::NodeId{"db"}}));
        // ... but users -> web1 through Alt is.
        testsupport::drag(w->view(), QPointF(0, 200), QPointF(400, 200), Qt::AltModifier);
        QVERIFY(w->document()->link({core::NodeId{"users"}, core::NodeId{"web1"}}) != nullptr);
        QCOMPARE(w->document()->node(core::NodeId{"users"})->pos, (core::Point{0, 200}));
    }

    void theSourceLosesItsHoverFrameAfterALinkIsDrawn()
    {
        // users -> web1 with Shift+drag: once the link is made the pointer is over web1,
        // and users, where the drag began, no longer shows its hover frame and handle.
        auto w = testsupport::openSampleWindow();
        w->document()->reset([] {
            core::Topology t;
            t.nodes.push_back(testsupport::makeNode("users", "client", 0, 0));
            t.nodes.push_back(testsupport::makeNode("lb", "load_balancer", 240, 0));
            return t;
        }());
        QApplication::processEvents();
        w->view()->resetTransform();
        w->view()->centerOn(120, 0);
        gui::NodeItem* users = w->scene()->nodeItem(core::NodeId{"users"});
        QTest::mouseMove(w->view()->viewport(), testsupport::toViewport(w->view(), {0, 0}));
        QVERIFY(users->isHovered());
        testsupport::drag(w->view(), QPointF(0, 0), QPointF(240, 0), Qt::ShiftModifier);
        QVERIFY(w->document()->link({core::NodeId{"users"}, core::NodeId{"lb"}}));
        QVERIFY(!users->isHovered());
    }

    void refusedLinkExplainsWhy()
    {
        auto w = testsupport::openSampleWindow();
        QSignalSpy messages(w->scene(), &gui::CanvasScene::statusMessage);
        const std::size_t links = w->document()->topology().links.size();
        // database -> client
        testsupport::drag(w->view(), QPointF(600, 200), QPointF(0, 200), Qt::ShiftModifier);
        QCOMPARE(w->document()->topology().links.size(), links);
        QCOMPARE(w->document()->undoStack()->count(), 0);
        QVERIFY(!messages.isEmpty());
        const QString text = messages.last().first().toString();
        QVERIFY2(text.contains(QStringLiteral("refused")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("client")), qPrintable(text));
        QCOMPARE(w->statusBar()->currentMessage(), text);
    }

    void clientToPrivateNodeRefused()
    {
        auto w = testsupport::openSampleWindow();
        QVERIFY(!w->scene()->tryLink(core::NodeId{"users"}, core::NodeId{"db"}));
        QVERIFY(!w->scene()->tryLink(core::NodeId{"users"}, core::NodeId{"lb"})); // exists
    }

    void masterToReplicaIsReplication()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->reset([] {
            core::Topology t;
            t.nodes.push_back(testsupport::makeNode("m", "database", 0, 0));
            t.nodes.push_back(
                testsupport::makeNode("r", "database", 200, 0, {{"role", std::string("replica")}}));
            return t;
        }());
        QVERIFY(w->scene()->tryLink(core::NodeId{"m"}, core::NodeId{"r"}));
        QCOMPARE(w->document()->link({core::NodeId{"m"}, core::NodeId{"r"}})->kind,
                 core::LinkKind::Replication);
        // The other way round: a replica does not replicate to a master.
        QVERIFY(!w->scene()->tryLink(core::NodeId{"r"}, core::NodeId{"m"}));
    }
};

QTEST_MAIN(TestLinking)
#include "tst_linking.moc"
