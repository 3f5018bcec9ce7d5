// A link's latency label sits beside its line, not on it: the moving dots of a run ride on
// the line (requests) and just to its right (responses), 8 device pixels wide whatever the
// zoom (TrafficLayer), and hid a label drawn across the line.
#include <cmath>

#include <QImage>
#include <QPainter>
#include <QTest>

#include "gui/paint/LinkGlyph.h"

using namespace scalelab;

namespace {

// The link drawn at `scale` device pixels a scene unit, with or without its label.
QImage render(const gui::LinkEnds& ends, const QString& label, double scale)
{
    QImage image(420, 420, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    gui::LinkGlyph::paint(painter, ends, core::LinkKind::Request, label, false, false);
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
        const QPointF c(200, 200);
        for (double scale : {1.0, 0.5, 1.5}) {
            const auto name = [&](const char* way) {
                return QByteArray(way) + " at zoom " + QByteArray::number(scale);
            };
            QTest::newRow(name("rightwards").constData())
                << c - QPointF(120, 0) << c + QPointF(120, 0) << scale;
            QTest::newRow(name("leftwards").constData())
                << c + QPointF(120, 0) << c - QPointF(120, 0) << scale;
            QTest::newRow(name("down").constData())
                << c - QPointF(0, 120) << c + QPointF(0, 120) << scale;
            QTest::newRow(name("up").constData())
                << c + QPointF(0, 120) << c - QPointF(0, 120) << scale;
            QTest::newRow(name("diagonal").constData())
                << c - QPointF(100, 60) << c + QPointF(100, 60) << scale;
            QTest::newRow(name("steep").constData())
                << c + QPointF(30, -110) << c - QPointF(30, -110) << scale;
        }
    }

    void theDotsLeaveTheLabelVisible()
    {
        QFETCH(QPointF, from);
        QFETCH(QPointF, to);
        QFETCH(double, scale);
        // Scene points of the test's 420-pixel image at this zoom.
        const QPointF mid(210 / scale, 210 / scale);
        const gui::LinkEnds ends{mid + (from - QPointF(200, 200)), mid + (to - QPointF(200, 200))};
        const QImage with = render(ends, QStringLiteral("0.5 ms"), scale);
        const QImage without = render(ends, QString(), scale);

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
