// One badge layout for every badge of a node (issue 18): the role badge, the SPOF tag and
// the problem marker share a row above the icon and never cover each other or the icon; a
// failed database keeps its MASTER badge readable over the live view's grey "down" look.
#include <QtTest>

#include "GuiTestSupport.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/LiveView.h"
#include "gui/live/NodeStatusLayer.h"
#include "gui/live/SimulationController.h"
#include "gui/paint/NodeGlyph.h"

using namespace scalelab;
using namespace scalelab::gui;

namespace {
QColor pixelAt(CanvasView* view, QPointF scenePos)
{
    const QImage image = view->viewport()->grab().toImage();
    return image.pixelColor(view->mapFromScene(scenePos));
}

bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
               std::abs(a.blue() - b.blue()) <
           24;
}
} // namespace

class TestBadgeLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void badgesShareARowAboveTheIcon()
    {
        const QRectF icon = style::iconRect();
        for (const char* role : {"", "master", "replica"})
            for (bool spof : {false, true})
                for (bool warning : {false, true}) {
                    NodeLook look;
                    look.role = QString::fromLatin1(role);
                    look.spof = spof;
                    look.warning = warning;
                    const NodeGlyph::BadgeLayout b = NodeGlyph::badgeLayout(look);
                    std::vector<QRectF> shown;
                    for (const QRectF& r : {b.role, b.spof, b.problem})
                        if (!r.isEmpty())
                            shown.push_back(r);
                    QCOMPARE(static_cast<int>(shown.size()),
                             (look.role.isEmpty() ? 0 : 1) + (spof ? 1 : 0) + (warning ? 1 : 0));
                    for (std::size_t i = 0; i < shown.size(); ++i) {
                        QVERIFY(!shown[i].intersects(icon));
                        QVERIFY(shown[i].bottom() <= icon.top());
                        // Inside the node item's bounds (the scene repaints that much).
                        QVERIFY(shown[i].left() >= -style::kLabelWidth / 2);
                        QVERIFY(shown[i].top() >= style::kBadgeRowTop - 2);
                        for (std::size_t j = i + 1; j < shown.size(); ++j)
                            QVERIFY2(!shown[i].intersects(shown[j]),
                                     qPrintable(QStringLiteral("%1 spof %2 warning %3")
                                                    .arg(QString::fromLatin1(role))
                                                    .arg(spof)
                                                    .arg(warning)));
                    }
                }
        // The load tag (bottom left) and the instance badge (bottom right) stay apart.
        const QRectF load = NodeGlyph::loadTagRect({0, 0}, 60); // "SATURATED"
        QVERIFY(load.right() <= -style::kIconSize / 2);
    }

    void theSpofTagLeavesTheIconUncovered()
    {
        // users -> lb -> web1 -> db: the load balancer is a single point of failure.
        auto w = testsupport::openSampleWindow();
        QApplication::processEvents();
        NodeItem* lb = w->scene()->nodeItem(core::NodeId{"lb"});
        QVERIFY(lb->isSpof());
        const QColor spofColour(0x9f, 0x12, 0x39);
        NodeLook look = NodeLook::of(*w->document()->node(core::NodeId{"lb"}));
        look.spof = true;
        const QRectF tag = NodeGlyph::badgeLayout(look).spof.translated(lb->pos());
        QVERIFY(near(pixelAt(w->view(), QPointF(tag.left() + 3, tag.center().y())), spofColour));
        // Where the tag used to hang, over the icon's top-left corner, the icon shows.
        const QRectF icon = style::iconRect().translated(lb->pos());
        QVERIFY(!near(pixelAt(w->view(), icon.topLeft() + QPointF(8, 3)), spofColour));
        w->document()->markSaved();
    }

    void aFailedMastersBadgeStaysReadable()
    {
        auto w = testsupport::openSampleWindow();
        SimulationController* c = w->liveView()->controller();
        QVERIFY(c->advanceTo(1.0));
        c->failNode(core::NodeId{"db"});
        QApplication::processEvents();
        NodeItem* db = w->scene()->nodeItem(core::NodeId{"db"});
        const QRectF badge = NodeGlyph::roleBadgeRect(db->pos(), QStringLiteral("master"));
        // The badge's own colour at its left end (the text is in the middle), not the grey
        // of the failed node's cover.
        QVERIFY(near(pixelAt(w->view(), QPointF(badge.left() + 4, badge.center().y())),
                     style::masterBadge()));
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            w->grab().save(shot + QStringLiteral("/badges-failed-master.png"));
        w->document()->markSaved();
    }

    void aFailedMastersBadgeAndItsFailedTagAreBothReadable()
    {
        // The event marker's ring crossed the badge row for its whole life: MASTER read as
        // a red stroke through its letters under the "failed" tag.
        auto w = testsupport::openSampleWindow();
        SimulationController* c = w->liveView()->controller();
        NodeStatusLayer* layer = w->liveView()->statusLayer();
        layer->setClock([] { return qint64{0}; }); // the marker stays as it is born
        QVERIFY(c->advanceTo(1.0));
        c->failNode(core::NodeId{"db"});
        QApplication::processEvents();
        QCOMPARE(layer->markerCount(), std::size_t{1});
        NodeItem* db = w->scene()->nodeItem(core::NodeId{"db"});
        const QRectF badge = NodeGlyph::roleBadgeRect(db->pos(), QStringLiteral("master"));
        const QRectF tag = NodeStatusLayer::markerLabelRect(db->pos(), QStringLiteral("failed"));
        QVERIFY2(!tag.intersects(badge), "the failed tag covers the MASTER badge");
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            w->grab().save(shot + QStringLiteral("/badges-failed-tag.png"));
        // Where the newborn ring (radius: half the icon + 8) crosses the badge's middle
        // line, the badge shows (its green or its white letters), not the ring's red.
        const double r = style::kIconSize / 2 + 8;
        const double dy = badge.center().y() - db->pos().y();
        const double dx = std::sqrt(r * r - dy * dy);
        for (const double x : {db->pos().x() - dx, db->pos().x() + dx}) {
            QVERIFY(x > badge.left() && x < badge.right());
            const QColor seen = pixelAt(w->view(), QPointF(x, badge.center().y()));
            QVERIFY2(!near(seen, live::errorDot()), qPrintable(seen.name()));
            // Green, white or the letters' edge between them: never redder than green.
            QVERIFY2(seen.green() >= seen.red(), qPrintable(seen.name()));
        }
        // The tag itself is drawn, in the failure's red.
        QVERIFY(
            near(pixelAt(w->view(), QPointF(tag.left() + 3, tag.center().y())), live::errorDot()));
        w->document()->markSaved();
    }
};

QTEST_MAIN(TestBadgeLayout)
#include "tst_badge_layout.moc"
