// Copy puts the format's JSON fragment on the clipboard as text; paste reads it back
// with fresh ids and the links between the copied nodes; cut is a delete.

#include <QClipboard>
#include <QGuiApplication>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/canvas/EditOperations.h"

using namespace scalelab;

class TestClipboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void copyPutsFragmentJsonAsText()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"db"}, core::NodeId{"db-r1"}});
        QVERIFY(w->editOperations()->copy());
        const QString text = QGuiApplication::clipboard()->text();
        const core::LoadResult parsed = core::loadFragment(text.toStdString());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.topology->nodes.size(), std::size_t(2));
        QCOMPARE(parsed.topology->links.size(), std::size_t(1)); // only db ==> db-r1
        QCOMPARE(parsed.topology->links[0].kind, core::LinkKind::Replication);
        QCOMPARE(w->document()->undoStack()->count(), 0); // copying edits nothing
    }

    void pasteAddsRenamedCopiesWithInternalLinks()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"db"}, core::NodeId{"db-r1"}});
        QVERIFY(w->editOperations()->copy());
        QVERIFY(w->editOperations()->paste());
        const core::Topology& t = w->document()->topology();
        QCOMPARE(t.nodes.size(), std::size_t(8));
        const core::Node* db2 = t.findNode(core::NodeId{"db-2"});
        const core::Node* r2 = t.findNode(core::NodeId{"db-r1-2"});
        QVERIFY(db2 && r2);
        QCOMPARE(db2->text("role"), std::string("master"));
        QCOMPARE(db2->pos, (core::Point{640, 240})); // offset so the copy is visible
        const core::Link* rep = t.findLink({db2->id, r2->id});
        QVERIFY(rep);
        QCOMPARE(rep->lagMs(), 100.0);
        QCOMPARE(w->scene()->selectedNodeIds(), (std::vector<core::NodeId>{db2->id, r2->id}));
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->topology().nodes.size(), std::size_t(6));
    }

    void pasteBetweenWindows()
    {
        auto a = testsupport::openSampleWindow();
        auto b = testsupport::openSampleWindow();
        b->document()->reset(core::Topology{});
        a->scene()->selectNodes({core::NodeId{"lb"}, core::NodeId{"web1"}});
        QVERIFY(a->editOperations()->copy());
        QVERIFY(b->editOperations()->paste());
        const core::Topology& t = b->document()->topology();
        QCOMPARE(t.nodes.size(), std::size_t(2));
        QVERIFY(t.findNode(core::NodeId{"lb"})); // ids kept when free
        QVERIFY(t.findLink({core::NodeId{"lb"}, core::NodeId{"web1"}}));
    }

    void pasteOfForeignTextIsRefused()
    {
        auto w = testsupport::openSampleWindow();
        QGuiApplication::clipboard()->setText(QStringLiteral("hello, not json"));
        QVERIFY(!w->editOperations()->paste());
        QCOMPARE(w->document()->undoStack()->count(), 0);
    }

    void cutRemovesAndPasteRestores()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"cache"}});
        QVERIFY(w->editOperations()->cut());
        QVERIFY(!w->document()->node(core::NodeId{"cache"}));
        QVERIFY(!w->document()->link({core::NodeId{"web1"}, core::NodeId{"cache"}}));
        QVERIFY(w->editOperations()->paste());
        QVERIFY(w->document()->node(core::NodeId{"cache"})); // its id was free again
    }
};

QTEST_MAIN(TestClipboard)
#include "tst_clipboard.moc"
