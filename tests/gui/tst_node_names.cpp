// Nodes are named as people read them: a component dropped from the palette is called
// "Web server" (then "Web server 2"), not by its id "web_server-2", and a copy of "Web 1"
// is "Web 2", so no two labels on the canvas read the same.

#include "GuiTestSupport.h"
#include "gui/canvas/EditOperations.h"
#include "gui/canvas/NodeNameEditor.h"
#include "gui/canvas/NodeNames.h"

using namespace scalelab;

class TestNodeNames : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void freeNamesAreNumbered()
    {
        core::Topology t;
        QCOMPARE(gui::freeNodeName(t, "Web server"), std::string("Web server"));
        t.nodes.push_back(testsupport::makeNode("a", "web_server", 0, 0));
        t.nodes.back().name = "Web server";
        QCOMPARE(gui::freeNodeName(t, "Web server"), std::string("Web server 2"));
        t.nodes.push_back(testsupport::makeNode("b", "web_server", 0, 0));
        t.nodes.back().name = "Web 1";
        QCOMPARE(gui::freeNodeName(t, "Web 1"), std::string("Web 2"));
        QCOMPARE(gui::freeNodeName(t, ""), std::string());
        QCOMPARE(gui::freeNodeName(t, "Web 2"), std::string("Web 2"));
    }

    void placedNodesHaveReadableNames()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.show();
        const core::NodeId a = w.scene()->placeNode("web_server", {0, 0});
        const core::NodeId b = w.scene()->placeNode("web_server", {200, 0});
        QCOMPARE(w.document()->node(a)->name, std::string("Web server"));
        QCOMPARE(w.document()->node(b)->name, std::string("Web server 2"));
        w.document()->markSaved();
    }

    void duplicatesAreNumberedOn()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        QVERIFY(w->view()->editNodeName(core::NodeId{"web1"}));
        w->view()->nameEditor()->setText(QStringLiteral("Web 1"));
        w->view()->nameEditor()->commit();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        QVERIFY(w->editOperations()->duplicate());
        const core::Node& copy = w->document()->topology().nodes.back();
        QCOMPARE(copy.name, std::string("Web 2"));
        w->document()->markSaved();
    }
};

QTEST_MAIN(TestNodeNames)
#include "tst_node_names.moc"
