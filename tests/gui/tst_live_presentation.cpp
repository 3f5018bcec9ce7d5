// What a run shows reads as people named things (issue 18, item 20): the events log names
// nodes by their display names and parameters by their labels, its lines wrap instead of
// being cut, and a busy node's heat is a soft glow around its tile, not a flat square.

#include <QGraphicsView>
#include <QListWidget>
#include <QMainWindow>
#include <QScrollBar>
#include <QtTest>

#include "LiveRig.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/document/Document.h"
#include "gui/live/EventsDock.h"
#include "gui/live/HeatGlow.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;
using namespace scalelab::gui;

namespace {
core::Node node(const std::string& id, const std::string& kind, const std::string& name, double x,
                double y, core::ParamMap p = {})
{
    core::Node n;
    n.id = core::NodeId{id};
    n.kind = core::KindId{kind};
    n.name = name;
    n.pos = {x, y};
    n.params = std::move(p);
    return n;
}

/// users -> lb -> web_server-1, web_server-2, named as the palette names them.
core::Topology named(double rate, std::int64_t workers)
{
    core::Topology t;
    t.name = "named";
    t.simulation = {30, 1, 5};
    t.nodes = {node("users", "client", "Shoppers", 0, 100, {{"rate_rps", rate}}),
               node("load_balancer", "load_balancer", "Front door", 200, 100,
                    {{"health_check_interval_s", 1.0}}),
               node("web_server-1", "web_server", "Web A", 400, 0, {{"workers", workers}}),
               node("web_server-2", "web_server", "Web B", 400, 200, {{"workers", workers}})};
    const auto link = [](const char* a, const char* b) {
        return core::Link{core::NodeId{a}, core::NodeId{b}, core::LinkKind::Request, {}};
    };
    t.links = {link("users", "load_balancer"), link("load_balancer", "web_server-1"),
               link("load_balancer", "web_server-2")};
    return t;
}

using Rig = testsupport::LiveRig;
} // namespace

class TestLivePresentation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eventsNameNodesAndParametersAsPeopleDo()
    {
        Rig rig(named(200, 8));
        QVERIFY(rig.c().advanceTo(2.0));
        rig.document.setNodeParam(core::NodeId{"users"}, "rate_rps", core::ParamValue{300.0});
        QVERIFY(rig.c().advanceTo(3.0));
        rig.c().failNode(core::NodeId{"web_server-1"});
        QVERIFY(rig.c().advanceTo(8.0));
        const EventsDock* events = rig.live->eventsDock();
        QStringList lines;
        for (int i = 0; i < events->count(); ++i)
            lines << events->textAt(i);
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY2(
            all.contains(QStringLiteral("Shoppers parameter changed — Request rate = 300 req/s")),
            qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("Web A failed")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Front door took a backend out of rotation — Web A")),
                 qPrintable(all));
        for (const char* id : {"web_server-1", "load_balancer", "rate_rps", "users"})
            QVERIFY2(!all.contains(QLatin1String(id)), qPrintable(all));
    }

    void eventLinesWrapInANarrowDock()
    {
        Rig rig(named(200, 8));
        QVERIFY(rig.c().advanceTo(2.0));
        rig.c().failNode(core::NodeId{"web_server-1"});
        QVERIFY(rig.c().advanceTo(6.0));
        auto* list = rig.live->eventsDock()->findChild<QListWidget*>();
        QVERIFY(list);
        rig.live->eventsDock()->setFloating(true);
        rig.live->eventsDock()->resize(220, 400);
        rig.live->eventsDock()->show();
        QApplication::processEvents();
        QCOMPARE(list->horizontalScrollBar()->maximum(), 0);
        for (int i = 0; i < list->count(); ++i) {
            const QRect row = list->visualItemRect(list->item(i));
            const QRect need = list->fontMetrics().boundingRect(
                QRect(0, 0, row.width() - 8, 10000), Qt::TextWordWrap, list->item(i)->text());
            QVERIFY2(need.height() <= row.height(),
                     qPrintable(QStringLiteral("'%1' needs %2 px, row %3")
                                    .arg(list->item(i)->text())
                                    .arg(need.height())
                                    .arg(row.height())));
        }
    }

    void heatGlowFollowsTheTile()
    {
        // Saturated servers: 2 workers of 20 ms at 300 req/s (3 times what they can do).
        Rig rig(named(300, 2));
        rig.window.show();
        QVERIFY(rig.c().advanceTo(4.0));
        const QPointF centre(400, 0);
        const double half = style::kIconSize / 2;
        QImage image(400, 400, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter p(&image);
            rig.scene->render(&p, QRectF(0, 0, 400, 400),
                              QRectF(centre - QPointF(100, 100), QSizeF(200, 200)));
        }
        // 2 pixels per scene unit, the node at (200, 200).
        const auto at = [&](double dx, double dy) {
            return image.pixelColor(static_cast<int>(200 + 2 * dx), static_cast<int>(200 + 2 * dy));
        };
        const auto tint = [](const QColor& c) {
            return 255 - std::min({c.red(), c.green(), c.blue()});
        };
        // Beside the middle of the tile's right side (links and the queue gauge are on the
        // left), the glow is strong and fades outwards.
        const int near = tint(at(half + 4, 0));
        const int mid = tint(at(half + 9, 0));
        const int far = tint(at(half + 16, 0));
        QVERIFY2(near > mid && mid > far && near > 80,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(near).arg(mid).arg(far)));
        // Off the tile's rounded corner, as far out as the side's strong point, almost
        // nothing: the glow is round there, as the tile is (a flat square was solid).
        const int corner = tint(at(half + 7, half + 7));
        QVERIFY2(corner < near / 3, qPrintable(QStringLiteral("%1 vs %2").arg(corner).arg(near)));
    }
};

QTEST_MAIN(TestLivePresentation)
#include "tst_live_presentation.moc"
