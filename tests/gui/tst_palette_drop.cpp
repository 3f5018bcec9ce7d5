// Dropping a kind from the palette onto the canvas creates a node there; double-click
// adds one at the view's centre; click-then-click places one with the place tool.

#include <QDropEvent>
#include <QMimeData>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "core/model/KindRegistry.h"
#include "gui/canvas/PaletteMime.h"
#include "gui/docks/PaletteDock.h"
#include "gui/docks/PaletteList.h"

using namespace scalelab;

class TestPaletteDrop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void paletteListsEveryRegistryKind()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        auto* list = w.paletteDock()->list();
        QStringList kinds;
        for (int i = 0; i < list->count(); ++i)
            kinds << list->item(i)->data(gui::PaletteList::KindRole).toString();
        QStringList registry;
        for (const auto& k : core::KindRegistry::instance().kindNames())
            registry << QString::fromStdString(k);
        QCOMPARE(kinds, registry);
        QCOMPARE(kinds,
                 (QStringList{"client", "dns", "load_balancer", "web_server", "cache", "database",
                              // Static content.
                              "cdn", "object_store",
                              // Message queues and workers.
                              "message_queue", "worker"}));
        QVERIFY(!list->item(0)->icon().isNull());
    }

    void dropCreatesNodeAtDropPoint()
    {
        auto w = testsupport::openSampleWindow();
        const std::size_t before = w->document()->topology().nodes.size();
        QMimeData mime;
        mime.setData(gui::paletteMimeType(), "cache");
        const QPoint at = testsupport::toViewport(w->view(), QPointF(203, 418));
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w->view()->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w->view()->viewport(), &drop);

        const auto& nodes = w->document()->topology().nodes;
        QCOMPARE(nodes.size(), before + 1);
        QCOMPARE(nodes.back().kind.str(), std::string("cache"));
        QCOMPARE(nodes.back().id.str(), std::string("cache-2")); // "cache" is taken
        // Snapped to the 20 px grid around the drop point.
        QCOMPARE(nodes.back().pos.x, 200.0);
        QCOMPARE(nodes.back().pos.y, 420.0);
        QVERIFY(w->scene()->nodeItem(nodes.back().id) != nullptr);
        QCOMPARE(w->scene()->selectedNodeIds(), std::vector<core::NodeId>{nodes.back().id});
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->topology().nodes.size(), before);
    }

    void doubleClickAddsAtViewCentre()
    {
        auto w = testsupport::openSampleWindow();
        w->view()->centerOn(1000, 1000);
        QApplication::processEvents();
        Q_EMIT w->paletteDock()->addRequested("dns");
        const core::Node& n = w->document()->topology().nodes.back();
        QCOMPARE(n.kind.str(), std::string("dns"));
        QVERIFY(std::abs(n.pos.x - 1000) <= 20);
        QVERIFY(std::abs(n.pos.y - 1000) <= 20);
    }

    void placeToolPutsNodeWhereClicked()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->armPlaceTool("web_server");
        QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          testsupport::toViewport(w->view(), QPointF(400, 400)));
        const core::Node& n = w->document()->topology().nodes.back();
        QCOMPARE(n.kind.str(), std::string("web_server"));
        QCOMPARE(n.pos.x, 400.0);
        QCOMPARE(n.pos.y, 400.0);
    }
};

QTEST_MAIN(TestPaletteDrop)
#include "tst_palette_drop.moc"
