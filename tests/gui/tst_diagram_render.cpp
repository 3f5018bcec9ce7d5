// renderTopology draws the canvas picture without a view: nodes appear where the diagram
// is, scaled into the target; topologyBounds covers every node.

#include <QImage>
#include <QPainter>

#include "GuiTestSupport.h"
#include "gui/canvas/DiagramRender.h"

using namespace scalelab;

class TestDiagramRender : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void boundsCoverEveryNode()
    {
        const core::Topology t = testsupport::sampleTopology();
        const QRectF b = gui::topologyBounds(t);
        for (const auto& n : t.nodes)
            QVERIFY(b.contains(QPointF(n.pos.x, n.pos.y)));
        QVERIFY(b.width() < 1200 && b.height() < 500); // not the whole scene rect
        QVERIFY(gui::topologyBounds(core::Topology{}).isEmpty());
    }

    void drawsIconsInsideTarget()
    {
        QImage image(800, 400, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        {
            QPainter p(&image);
            gui::renderTopology(testsupport::sampleTopology(), p, QRectF(0, 0, 800, 400));
        }
        // The database icon is green: find strongly green pixels in the right half.
        int green = 0;
        int blue = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.green() > 140 && c.red() < 90 && c.blue() < 150)
                    ++green;
                if (c.blue() > 200 && c.red() < 110 && c.green() < 170)
                    ++blue; // the web server's icon
            }
        QVERIFY2(green > 500, qPrintable(QString::number(green)));
        QVERIFY2(blue > 200, qPrintable(QString::number(blue)));
    }
};

QTEST_MAIN(TestDiagramRender)
#include "tst_diagram_render.moc"
