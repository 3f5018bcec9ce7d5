// The headless diagram painter draws the canvas picture without a Document, scene or view:
// nodes appear where the diagram is, scaled into the target; bounds cover every node; and
// the picture is the canvas's own, pixel for pixel.

#include <QImage>
#include <QPainter>

#include "GuiTestSupport.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/document/Document.h"
#include "gui/paint/DiagramPainter.h"

using namespace scalelab;

namespace {
// Every element the canvas draws: a private network, a replication link with its lag, two
// links in opposite directions, a long elided name, a role badge and a warning marker.
core::Topology everythingTopology()
{
    core::Topology t = testsupport::sampleTopology();
    t.nodes.push_back(testsupport::makeNode("web2", "web_server", 400, 380,
                                            {{"network", std::string("private")}}));
    t.nodes.back().name = "A web server with a name far too long for its label";
    t.nodes.push_back(testsupport::makeNode("orphan", "web_server", 0, 420)); // unreachable
    t.links.push_back(testsupport::makeLink("lb", "web2"));
    t.links.push_back(testsupport::makeLink("web2", "lb"));
    return t;
}

QImage canvasPicture(const core::Topology& t, QSize size)
{
    gui::Document document;
    document.reset(t);
    gui::CanvasScene scene(&document);
    scene.setPresentation(true);
    constexpr double m = gui::DiagramPainter::kMargin;
    const QRectF source = scene.diagramBounds().adjusted(-m, -m, m, m);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&p, QRectF(QPointF(0, 0), size), source, Qt::KeepAspectRatio);
    return image;
}

QImage painterPicture(const core::Topology& t, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    gui::DiagramPainter(t).paint(p, QRectF(QPointF(0, 0), size));
    return image;
}
} // namespace

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

    void boundsAreTheCanvasBounds()
    {
        const core::Topology t = everythingTopology();
        gui::Document document;
        document.reset(t);
        gui::CanvasScene scene(&document);
        QCOMPARE(gui::topologyBounds(t), scene.diagramBounds());
    }

    void picturesAreTheCanvasPixelForPixel()
    {
        const core::Topology t = everythingTopology();
        const QRectF b = gui::topologyBounds(t);
        const QSize size(qCeil(b.width() + 40) * 2, qCeil(b.height() + 40) * 2);
        const QImage canvas = canvasPicture(t, size);
        const QImage painted = painterPicture(t, size);
        int differ = 0;
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x)
                differ += canvas.pixel(x, y) != painted.pixel(x, y);
        QCOMPARE(differ, 0);
        // And the picture is not blank: the warning marker's amber is there.
        int amber = 0;
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x) {
                const QColor c = painted.pixelColor(x, y);
                amber += c.red() > 200 && c.green() > 100 && c.green() < 140 && c.blue() < 40;
            }
        QVERIFY2(amber > 50, qPrintable(QString::number(amber)));
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
