// Every command restores the exact topology on undo and reproduces it on redo, and says
// what it did as the canvas names things (display names, parameter labels, "1 node").

#include <functional>

#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/AddLinkCommand.h"
#include "gui/commands/AddNodeCommand.h"
#include "gui/commands/DeleteCommand.h"
#include "gui/commands/InsertFragmentCommand.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/commands/RenameNodeCommand.h"
#include "gui/commands/SetDiagramInfoCommand.h"
#include "gui/commands/SetParamCommand.h"

using namespace scalelab;
using Factory = std::function<QUndoCommand*(gui::Document*)>;
Q_DECLARE_METATYPE(Factory)

class TestUndoCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void undoRedoRestoresExactly_data()
    {
        QTest::addColumn<Factory>("make");
        using core::NodeId;
        QTest::newRow("add node") << Factory([](gui::Document* d) {
            return new gui::AddNodeCommand(d, testsupport::makeNode("dns", "dns", 0, 0));
        });
        QTest::newRow("add link") << Factory([](gui::Document* d) {
            return new gui::AddLinkCommand(d, testsupport::makeLink("users", "web1"));
        });
        QTest::newRow("move") << Factory([](gui::Document* d) {
            return new gui::MoveNodesCommand(d, {{NodeId{"lb"}, {{200, 200}, {220, 260}}},
                                                 {NodeId{"web1"}, {{400, 200}, {420, 260}}}});
        });
        QTest::newRow("rename") << Factory([](gui::Document* d) {
            return new gui::RenameNodeCommand(d, NodeId{"lb"}, "", "Front door");
        });
        QTest::newRow("set param (explicit before)") << Factory([](gui::Document* d) {
            return new gui::SetParamCommand(d, std::vector{NodeId{"web1"}}, "workers",
                                            std::int64_t(9));
        });
        QTest::newRow("set param on several (default before)") << Factory([](gui::Document* d) {
            return new gui::SetParamCommand(d, std::vector{NodeId{"db"}, NodeId{"db-r1"}}, "engine",
                                            std::string("nosql"));
        });
        QTest::newRow("set link param") << Factory([](gui::Document* d) {
            return new gui::SetParamCommand(
                d, std::vector{core::LinkKey{NodeId{"lb"}, NodeId{"web1"}}}, "latency_ms", 3.0);
        });
        QTest::newRow("diagram info") << Factory([](gui::Document* d) {
            auto info = gui::SetDiagramInfoCommand::current(*d);
            info.name = "Renamed";
            info.simulation.seed = 99;
            return new gui::SetDiagramInfoCommand(d, info);
        });
        QTest::newRow("delete node with links") << Factory(
            [](gui::Document* d) { return new gui::DeleteCommand(d, {NodeId{"web1"}}, {}); });
        QTest::newRow("delete link") << Factory([](gui::Document* d) {
            return new gui::DeleteCommand(d, {}, {{NodeId{"db"}, NodeId{"db-r1"}}});
        });
        QTest::newRow("insert fragment") << Factory([](gui::Document* d) {
            return new gui::InsertFragmentCommand(
                d, {testsupport::makeNode("web2", "web_server", 400, 300)},
                {testsupport::makeLink("lb", "web2"), testsupport::makeLink("web2", "db")},
                QStringLiteral("Duplicate"));
        });
    }

    void undoRedoRestoresExactly()
    {
        QFETCH(Factory, make);
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        const core::Topology before = doc.topology();
        doc.undoStack()->push(make(&doc));
        const core::Topology after = doc.topology();
        QVERIFY(!(after == before)); // the command did something
        QVERIFY(doc.isModified());
        doc.undoStack()->undo();
        QVERIFY(doc.topology() == before);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QVERIFY(doc.topology() == after);
        doc.undoStack()->undo();
        QVERIFY(doc.topology() == before);
    }

    void textsReadAsTheCanvasNamesThings();
    void sceneFollowsUndoOfEveryCommand()
    {
        // The canvas mirrors the document through signals: after a long sequence and its
        // complete undo, every node and link has its item again, and nothing more.
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        gui::CanvasScene scene(&doc);
        using core::NodeId;
        doc.undoStack()->push(new gui::DeleteCommand(&doc, {NodeId{"db"}}, {}));
        QVERIFY(!scene.nodeItem(NodeId{"db"}));
        QVERIFY(!scene.linkItem({NodeId{"db"}, NodeId{"db-r1"}}));
        doc.undoStack()->push(
            new gui::AddNodeCommand(&doc, testsupport::makeNode("x", "dns", 0, 0)));
        doc.undoStack()->push(new gui::AddLinkCommand(&doc, testsupport::makeLink("users", "x")));
        QVERIFY(scene.linkItem({NodeId{"users"}, NodeId{"x"}}));
        while (doc.undoStack()->canUndo())
            doc.undoStack()->undo();
        for (const auto& n : doc.topology().nodes)
            QVERIFY(scene.nodeItem(n.id));
        for (const auto& l : doc.topology().links)
            QVERIFY(scene.linkItem(l.key()));
        QVERIFY(!scene.nodeItem(NodeId{"x"}));
        QCOMPARE(scene.nodeItem(NodeId{"db"})->pos(), QPointF(600, 200));
    }
};

void TestUndoCommands::textsReadAsTheCanvasNamesThings()
{
    gui::Document d;
    core::Topology t = testsupport::sampleTopology();
    t.nodes[0].name = "Shoppers";
    t.nodes[2].name = "Web 1";
    d.reset(t);
    using core::NodeId;
    const auto text = [&](QUndoCommand* c) {
        const QString out = c->text();
        delete c;
        return out;
    };
    QCOMPARE(text(new gui::SetParamCommand(&d, std::vector<NodeId>{NodeId{"users"}}, "rate_rps",
                                           core::ParamValue{300.0})),
             QStringLiteral("Set Request rate of Shoppers to 300"));
    QCOMPARE(text(new gui::DeleteCommand(&d, {NodeId{"web1"}}, {})),
             QStringLiteral("Delete Web 1"));
    QCOMPARE(text(new gui::DeleteCommand(&d, {}, {core::LinkKey{NodeId{"users"}, NodeId{"lb"}}})),
             QStringLiteral("Delete 1 link"));
    QCOMPARE(text(new gui::DeleteCommand(&d, {NodeId{"web1"}, NodeId{"users"}}, {})),
             QStringLiteral("Delete 2 nodes"));
    QCOMPARE(text(new gui::AddLinkCommand(&d, testsupport::makeLink("users", "web1"))),
             QStringLiteral("Link Shoppers → Web 1"));
    QCOMPARE(text(new gui::MoveNodesCommand(&d, {{NodeId{"web1"}, {{400, 200}, {420, 260}}}})),
             QStringLiteral("Move Web 1"));
    QCOMPARE(text(new gui::RenameNodeCommand(&d, NodeId{"web1"}, "Web 1", "Front")),
             QStringLiteral("Rename Web 1 to \"Front\""));
}

QTEST_MAIN(TestUndoCommands)
#include "tst_undo_commands.moc"
