// A link's latency label sits beside its line, not on it: the moving dots of a run ride on
// the line (requests) and just to its right (responses), 8 device pixels wide whatever the
// zoom (TrafficLayer), and hid a label drawn across the line. Nor under a node: a label
// whose place meets a node's box slides along its line or to its other side (example 08's
// "0.5 ms" beside the Cache was half hidden).
#include <cmath>

#include <QImage>
#include <QPainter>
#include <QTest>

#include "gui/app/MainWindow.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasView.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/NodeItem.h"
#include "gui/paint/LinkGlyph.h"

using namespace scalelab;

namespace {

// The link drawn at `scale` device pixels a scene unit, with or without its label.
QImage render(const gui::LinkEnds& ends, const QString& label, double scale,
              const std::vector<QRectF>& nodeBoxes)
{
    QImage image(420, 420, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    gui::LinkGlyph::paint(painter, ends, core::LinkKind::Request, label, false, false, nodeBoxes);
    return image;
}

} // namespace

class TestLinkLabels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDotsLeaveTheLabelVisible_data()
    {
        QTest::addColumn<QPointF>("from");
        QTest::addColumn<QPointF>("to");
        QTest::addColumn<double>("scale");
        QTest::addColumn<int>("node");
        const QPointF c(200, 200);
        // No node in the way; one on the line's middle (the label slides along it); one
        // beside the middle on the label's side (it goes to the other side, or slides).
        for (int node : {0, 1, 2})
            for (double scale : {1.0, 0.5, 1.5}) {
                const auto name = [&](const char* way) {
                    return QByteArray(way) + " at zoom " + QByteArray::number(scale) +
                           (node == 1   ? " past a node"
                            : node == 2 ? " beside a node"
                                        : "");
                };
                QTest::newRow(name("rightwards").constData())
                    << c - QPointF(120, 0) << c + QPointF(120, 0) << scale << node;
                QTest::newRow(name("leftwards").constData())
                    << c + QPointF(120, 0) << c - QPointF(120, 0) << scale << node;
                QTest::newRow(name("down").constData())
                    << c - QPointF(0, 120) << c + QPointF(0, 120) << scale << node;
                QTest::newRow(name("up").constData())
                    << c + QPointF(0, 120) << c - QPointF(0, 120) << scale << node;
                QTest::newRow(name("diagonal").constData())
                    << c - QPointF(100, 60) << c + QPointF(100, 60) << scale << node;
                QTest::newRow(name("steep").constData())
                    << c + QPointF(30, -110) << c - QPointF(30, -110) << scale << node;
            }
    }

    void theDotsLeaveTheLabelVisible()
    {
        QFETCH(QPointF, from);
        QFETCH(QPointF, to);
        QFETCH(double, scale);
        QFETCH(int, node);
        // Scene points of the test's 420-pixel image at this zoom.
        const QPointF mid(210 / scale, 210 / scale);
        const gui::LinkEnds ends{mid + (from - QPointF(200, 200)), mid + (to - QPointF(200, 200))};
        const QString label = QStringLiteral("0.5 ms");
        std::vector<QRectF> nodeBoxes;
        if (node != 0) {
            // A node's box (icon and name) where the label would go without it.
            const QRectF free = gui::LinkGlyph::labelRect(ends, label, scale);
            QRectF box(0, 0, 70, 80);
            box.moveCenter(node == 1 ? mid : free.center());
            nodeBoxes.push_back(box);
            const QRectF placed = gui::LinkGlyph::labelRect(ends, label, scale, nodeBoxes);
            QVERIFY2(!placed.intersects(box), "the label keeps clear of the node");
        }
        const QImage with = render(ends, label, scale, nodeBoxes);
        const QImage without = render(ends, QString(), scale, nodeBoxes);

        // Where the dots go, in device pixels: a request's 8-pixel dot centred on the line,
        // a response's 4 pixels to the line's right (its direction turned clockwise on the
        // screen, as TrafficLayer offsets it).
        const QPointF a = ends.start * scale, b = ends.end * scale;
        const double length = std::hypot(b.x() - a.x(), b.y() - a.y());
        const QPointF unit = (b - a) / length;
        const QPointF right(-unit.y(), unit.x());
        int labelPixels = 0, covered = 0;
        for (int y = 0; y < with.height(); ++y)
            for (int x = 0; x < with.width(); ++x) {
                if (with.pixel(x, y) == without.pixel(x, y))
                    continue;
                ++labelPixels;
                const QPointF p = QPointF(x + 0.5, y + 0.5) - a;
                const double along = QPointF::dotProduct(p, unit);
                const double side = QPointF::dotProduct(p, right);
                if (along >= 0 && along <= length && side >= -4.0 && side <= 8.0)
                    ++covered;
            }
        QVERIFY2(labelPixels > 50, "the label is drawn");
        QVERIFY2(covered == 0, qPrintable(QStringLiteral("%1 of the label's %2 pixels lie where "
                                                         "the dots pass")
                                              .arg(covered)
                                              .arg(labelPixels)));
    }

    void labelsKeepClearOfNodesInExample08()
    {
        // Example 08 as it opens (fitted to the window, names drawn larger) and at 100 %:
        // no link's label meets any node's drawn box (icon, badges, name).
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFile(QStringLiteral(SCALELAB_EXAMPLES "/08-millions-of-users.scalelab")));
        QApplication::processEvents();
        w.view()->fitDiagram();
        QApplication::processEvents();
        const auto clear = [&](const char* when) {
            const double zoom = w.view()->zoom();
            std::vector<const gui::LinkItem*> links;
            std::vector<const gui::NodeItem*> nodes;
            for (const QGraphicsItem* item : w.scene()->items()) {
                if (item->type() == gui::LinkItem::Type)
                    links.push_back(static_cast<const gui::LinkItem*>(item));
                else if (item->type() == gui::NodeItem::Type)
                    nodes.push_back(static_cast<const gui::NodeItem*>(item));
            }
            QCOMPARE(links.size(), std::size_t(29));
            QCOMPARE(nodes.size(), std::size_t(16));
            int labels = 0;
            for (const gui::LinkItem* link : links) {
                const QRectF label = link->labelSceneRect(zoom);
                if (label.isEmpty())
                    continue;
                ++labels;
                QVERIFY2(link->boundingRect().contains(label), when);
                for (const gui::NodeItem* node : nodes)
                    QVERIFY2(!label.intersects(node->drawnSceneRect()),
                             qPrintable(QStringLiteral("%1 (zoom %2): the label of %3 -> %4 "
                                                       "meets %5")
                                            .arg(QLatin1String(when))
                                            .arg(zoom)
                                            .arg(QString::fromStdString(link->key().from.str()),
                                                 QString::fromStdString(link->key().to.str()),
                                                 QString::fromStdString(node->nodeId().str()))));
            }
            QCOMPARE(labels, 29);
        };
        clear("fitted");
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            w.grab().save(shot + QStringLiteral("/link-labels-08.png"));
        w.view()->resetZoom();
        QApplication::processEvents();
        clear("at 100 %");

        // A node dragged onto another link's label: that label moves out from under it.
        gui::LinkItem* front = w.scene()->linkItem({core::NodeId{"users"}, core::NodeId{"lb"}});
        gui::NodeItem* moved = w.scene()->nodeItem(core::NodeId{"db-r3"});
        QVERIFY(front && moved);
        const QRectF before = front->labelSceneRect(1.0);
        moved->setPos(before.center() + QPointF(0, -30)); // over it, not over the line
        QVERIFY(before.intersects(moved->drawnSceneRect()));
        QApplication::processEvents();
        QVERIFY(front->labelSceneRect(1.0) != before);
        clear("after a drag");
    }

    void theLabelStaysNearItsLink()
    {
        // Beside the line, but close enough to read as its label: its box within 16 scene
        // units of the line's middle at any zoom, and inside the link's bounding rect.
        const gui::LinkEnds ends{QPointF(0, 0), QPointF(200, 80)};
        for (double scale : {0.1, 0.5, 1.0, 2.0}) {
            const QRectF r = gui::LinkGlyph::labelRect(ends, QStringLiteral("40 ms"), scale);
            const QPointF mid(100, 40);
            const QPointF unit = QPointF(200, 80) / std::hypot(200.0, 80.0);
            const QPointF left(unit.y(), -unit.x());
            double nearest = 1e9;
            for (const QPointF& corner :
                 {r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight()})
                nearest = std::min(nearest, QPointF::dotProduct(corner - mid, left));
            QVERIFY2(nearest > 0 && nearest <= 16, qPrintable(QString::number(nearest)));
            QVERIFY(gui::LinkGlyph::boundingRect(ends, QStringLiteral("40 ms")).contains(r));
        }
    }
};

QTEST_MAIN(TestLinkLabels)
#include "tst_link_labels.moc"
