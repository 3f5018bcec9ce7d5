#include "gui/live/NodeStatusLayer.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPainterPath>

#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NetworkRegionItem.h"
#include "gui/canvas/NodeItem.h"
#include "gui/live/EventsDock.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"
#include "gui/paint/NodeGlyph.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace {
constexpr qint64 kMarkerLifeMs = 3000;
constexpr double kMargin = 90;

QColor toneColour(core::sim::EventTone tone)
{
    switch (tone) {
    case core::sim::EventTone::Bad:
        return live::errorDot();
    case core::sim::EventTone::Warning:
        return {0xd9, 0x77, 0x06};
    case core::sim::EventTone::Good:
        return {0x16, 0xa3, 0x4a};
    case core::sim::EventTone::Neutral:
        break;
    }
    return {0x47, 0x55, 0x69};
}

QFont smallBold()
{
    QFont f;
    f.setPixelSize(10);
    f.setBold(true);
    return f;
}
} // namespace

NodeStatusLayer::NodeStatusLayer(CanvasScene* scene, const SimulationController* controller)
    : m_scene(scene), m_controller(controller)
{
    setZValue(20); // above nodes (10)
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    m_clock.start();
    m_now = [this] { return m_clock.elapsed(); };
}

QRectF NodeStatusLayer::boundingRect() const
{
    return m_bounds;
}

void NodeStatusLayer::refresh()
{
    const QRectF bounds = m_scene->diagramBounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    m_failedSites.clear();
    for (const std::string& site : m_controller->sites())
        if (m_controller->siteDown(site))
            m_failedSites.push_back(site);
    const qint64 now = m_now();
    std::erase_if(m_markers, [now](const Marker& m) { return now - m.bornMs > kMarkerLifeMs; });
    update();
}

void NodeStatusLayer::addEvents(int firstIndex)
{
    const auto& log = m_controller->eventLog();
    for (std::size_t i = static_cast<std::size_t>(std::max(0, firstIndex)); i < log.size(); ++i) {
        const core::sim::EventKindInfo& info = core::sim::eventInfo(log[i].kind);
        QString text = QString::fromLatin1(info.badge ? info.badge : info.verb);
        // A backend event is shown at the load balancer, naming the backend.
        const bool backend = log[i].kind == core::sim::EventKind::BackendMarkedDown ||
                             log[i].kind == core::sim::EventKind::BackendMarkedUp;
        if (backend && !log[i].detail.empty())
            text = eventNodeName(log[i].detail, *m_controller) + QLatin1Char(' ') +
                   text.section(QLatin1Char(' '), 1);
        // Several events on one node in one frame: the newest replaces the older marker.
        std::erase_if(m_markers, [&](const Marker& m) { return m.node.str() == log[i].node; });
        m_markers.push_back({core::NodeId{log[i].node}, text, toneColour(info.tone), m_now()});
    }
}

void NodeStatusLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!m_controller->simTopology())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    paintFailedSites(painter);
    const std::size_t n =
        std::min(m_controller->snapshot().nodes.size(), m_controller->simTopology()->nodes.size());
    for (std::size_t i = 0; i < n; ++i)
        paintNode(painter, i);
    paintMarkers(painter);
}

void NodeStatusLayer::paintNode(QPainter* painter, std::size_t index)
{
    const core::Node& node = m_controller->simTopology()->nodes[index];
    const core::sim::NodeSnapshot& live = m_controller->snapshot().nodes[index];
    const NodeItem* item = m_scene->nodeItem(node.id);
    if (!item)
        return;
    const QPointF c = item->pos();
    const QRectF icon = style::iconRect().translated(c);

    if (!live.up) {
        QColor grey = live::downGrey();
        grey.setAlpha(170);
        painter->setPen(Qt::NoPen);
        painter->setBrush(grey);
        // The icon only: the badge row above it (the role a failed database held) stays
        // readable.
        painter->drawRoundedRect(icon.adjusted(-3, -1, 3, 3), 10, 10);
        painter->setPen(QPen(live::errorDot(), 4, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(icon.topLeft() + QPointF(6, 6), icon.bottomRight() - QPointF(6, 6));
        painter->drawLine(icon.topRight() + QPointF(-6, 6), icon.bottomLeft() + QPointF(6, -6));
    }

    // The live role, drawn over the file's badge: after a promotion the MASTER badge
    // moves to the promoted replica (outlined in amber to show it changed).
    if (!live.role.empty() && live.role != node.text("role"))
        NodeItem::paintRoleBadge(painter, c, QString::fromStdString(live.role),
                                 QString::fromStdString(node.text("role")), true);
    if (live.shardUtilization.size() > 1 && live.up)
        paintShards(painter, index, icon);
    if (live.hasBacklog)
        paintBacklog(painter, index, icon); // kept while down: a durable queue keeps its jobs
    // A pool's instances now, over the file's count: an autoscaled pool grows and shrinks
    // on the canvas; launched instances still booting show in amber.
    const QString fileInstances = NodeGlyph::instanceText(node);
    if (!fileInstances.isEmpty() || live.instances > 1)
        NodeGlyph::paintInstanceBadge(*painter, c, QStringLiteral("×%1").arg(live.instances),
                                      fileInstances, static_cast<int>(live.instancesBooting));
    if (!live.up)
        return;

    // An edge's hit ratio so far, in the hit colour, left of its icon's bottom corner.
    if (const std::uint64_t looked = live.hits + live.misses; looked > 0) {
        const QString text = QStringLiteral("hit %1%").arg(
            std::round(100.0 * static_cast<double>(live.hits) / static_cast<double>(looked)));
        painter->setFont(smallBold());
        const double w = QFontMetricsF(painter->font()).horizontalAdvance(text) + 10;
        const QRectF r(icon.left() - w + 8, icon.bottom() - 9, w, 14);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(live::hitDot().darker(130));
        painter->drawRoundedRect(r, 7, 7);
        painter->setPen(Qt::white);
        painter->drawText(r, Qt::AlignCenter, text);
    }

    // A server keeping sessions locally: the users whose session it holds now (what a
    // failure of it would log out), in violet, left of its icon's bottom corner.
    if (live.localSessions) {
        const double held = static_cast<double>(live.sessionsHeld);
        const QString count = held >= 10000  ? QStringLiteral("%1k").arg(std::round(held / 1000))
                              : held >= 1000 ? QStringLiteral("%1k").arg(held / 1000, 0, 'f', 1)
                                             : QString::number(live.sessionsHeld);
        const QString text = QStringLiteral("%1 sessions").arg(count);
        painter->setFont(smallBold());
        const double w = QFontMetricsF(painter->font()).horizontalAdvance(text) + 10;
        const QRectF r(icon.left() - w + 8, icon.bottom() - 9, w, 14);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0x6d, 0x28, 0xd9));
        painter->drawRoundedRect(r, 7, 7);
        painter->setPen(Qt::white);
        painter->drawText(r, Qt::AlignCenter, text);
    }

    // Queue gauge: a bar left of the icon, full at 4 waiting per server (or the limit),
    // labelled with the count.
    if (live.servers > 0 && live.queueLength > 0) {
        const std::int64_t limit = node.integer("queue_limit");
        const double full = limit > 0 ? static_cast<double>(limit) : 4.0 * live.servers;
        const double frac = std::min(1.0, live.queueLength / full);
        const QRectF track(icon.left() - 9, icon.top() + 2, 5, icon.height() - 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 40));
        painter->drawRoundedRect(track, 2, 2);
        QRectF fill = track;
        fill.setTop(track.bottom() - track.height() * frac);
        painter->setBrush(live::heatColour(0.7 + 0.3 * frac));
        painter->drawRoundedRect(fill, 2, 2);
        // The bar says what it is: the requests waiting now, beside its top.
        painter->setFont(smallBold());
        const QString text = queueLabel(live.queueLength);
        const double w = QFontMetricsF(painter->font()).horizontalAdvance(text) + 8;
        const QRectF label(track.left() - 2 - w, track.top() - 1, w, 14);
        painter->setPen(QPen(QColor(0xd9, 0x77, 0x06), 1));
        painter->setBrush(QColor(255, 255, 255, 230));
        painter->drawRoundedRect(label, 7, 7);
        painter->setPen(QColor(0x92, 0x40, 0x0e));
        painter->drawText(label, Qt::AlignCenter, text);
    }
}

void NodeStatusLayer::paintShards(QPainter* painter, std::size_t index, const QRectF& icon)
{
    // One bar per shard right of the icon, as tall as that shard is busy: a hot shard
    // stands out at once.
    const auto& shards = m_controller->snapshot().nodes[index].shardUtilization;
    const double gap = 1.5;
    const double width = std::clamp((44.0 - gap * static_cast<double>(shards.size())) /
                                        static_cast<double>(shards.size()),
                                    1.5, 6.0);
    const QRectF area(icon.right() + 4, icon.top() + 2, 0, icon.height() - 4);
    painter->setPen(Qt::NoPen);
    for (std::size_t s = 0; s < shards.size(); ++s) {
        const QRectF track(area.left() + static_cast<double>(s) * (width + gap), area.top(), width,
                           area.height());
        painter->setBrush(QColor(0, 0, 0, 35));
        painter->drawRect(track);
        const double u = std::clamp(shards[s], 0.0, 1.0);
        QRectF fill = track;
        fill.setTop(track.bottom() - track.height() * u);
        painter->setBrush(live::heatColour(u));
        painter->drawRect(fill);
    }
}

void NodeStatusLayer::paintBacklog(QPainter* painter, std::size_t index, const QRectF& icon)
{
    const core::sim::NodeSnapshot& live = m_controller->snapshot().nodes[index];
    // Full at the capacity; an unbounded queue scales to the most it held in this run.
    if (m_backlogPeak.size() <= index)
        m_backlogPeak.resize(index + 1, 0);
    m_backlogPeak[index] = std::max(m_backlogPeak[index], live.backlog);
    const double full = static_cast<double>(
        live.backlogCapacity > 0 ? live.backlogCapacity
                                 : std::max<std::uint64_t>(m_backlogPeak[index], 10));
    const double frac = std::min(1.0, static_cast<double>(live.backlog) / full);
    const QRectF track(icon.right() + 4, icon.top() + 2, 7, icon.height() - 4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 40));
    painter->drawRoundedRect(track, 2, 2);
    if (frac > 0) {
        QRectF fill = track;
        fill.setTop(track.bottom() - track.height() * frac);
        painter->setBrush(QColor(0x7c, 0x3a, 0xed));
        painter->drawRoundedRect(fill, 2, 2);
    }
    painter->setFont(smallBold());
    const QString text =
        countOf(static_cast<long long>(live.backlog), QObject::tr("job"), QObject::tr("jobs"));
    const QFontMetricsF fm(painter->font());
    const QRectF label(track.right() + 3, track.center().y() - 8, fm.horizontalAdvance(text) + 8,
                       16);
    painter->setBrush(QColor(255, 255, 255, 230));
    painter->setPen(QPen(QColor(0x7c, 0x3a, 0xed), 1));
    painter->drawRoundedRect(label, 8, 8);
    painter->setPen(QColor(0x5b, 0x21, 0xb6));
    painter->drawText(label, Qt::AlignCenter, text);
}

void NodeStatusLayer::paintFailedSites(QPainter* painter)
{
    if (m_failedSites.empty())
        return;
    // Over the site's shading (the static layer keeps drawing it): a red hatch and border,
    // and "SITE DOWN" at the top right, clear of the site's own label at the top left.
    painter->setFont(smallBold());
    const QFontMetricsF fm(painter->font());
    for (const RegionGlyph::Region& r : m_scene->regionItem()->regions()) {
        if (!r.site || std::find(m_failedSites.begin(), m_failedSites.end(),
                                 r.name.toStdString()) == m_failedSites.end())
            continue;
        QColor hatch = live::errorDot();
        hatch.setAlpha(60);
        painter->setPen(QPen(live::errorDot(), 2.5, Qt::DashLine));
        painter->setBrush(QBrush(hatch, Qt::BDiagPattern));
        painter->drawRoundedRect(r.area, 16, 16);
        const QString text = QObject::tr("SITE DOWN");
        const double w = fm.horizontalAdvance(text) + 16;
        const QRectF tag(r.area.right() - w - 12, r.area.top() + 6, w, 17);
        painter->setPen(Qt::NoPen);
        painter->setBrush(live::errorDot());
        painter->drawRoundedRect(tag, 8.5, 8.5);
        painter->setPen(Qt::white);
        painter->drawText(tag, Qt::AlignCenter, text);
    }
}

QString NodeStatusLayer::queueLabel(std::uint32_t waiting)
{
    return QObject::tr("queue %1").arg(waiting);
}

QRectF NodeStatusLayer::markerLabelRect(QPointF centre, const QString& text)
{
    const double w = QFontMetricsF(smallBold()).horizontalAdvance(text) + 12;
    return {centre.x() - w / 2, centre.y() + style::kBadgeRowTop - 3 - 16, w, 16};
}

void NodeStatusLayer::paintMarkers(QPainter* painter)
{
    const qint64 now = m_now();
    painter->setFont(smallBold());
    for (const Marker& m : m_markers) {
        const NodeItem* item = m_scene->nodeItem(m.node);
        if (!item)
            continue;
        const double age = static_cast<double>(now - m.bornMs) / kMarkerLifeMs;
        QColor ring = m.colour;
        ring.setAlphaF(static_cast<float>(std::max(0.0, 1.0 - age)));
        // A ring that widens as it fades, and the event's words above the node. The ring
        // crosses the badge row above the icon for its whole life: it is left out there,
        // or the MASTER badge of a failed master reads as a red stroke through its text.
        const QPointF c = item->pos();
        const double r = style::kIconSize / 2 + 8 + 14 * age;
        QPainterPath around;
        around.addRect(QRectF(c.x() - r - 4, c.y() - r - 4, 2 * r + 8, 2 * r + 8));
        QPainterPath row;
        row.addRect(QRectF(c.x() - r - 4, c.y() + style::kBadgeRowTop - 1, 2 * r + 8,
                           style::kBadgeHeight + 2));
        painter->save();
        painter->setClipPath(around.subtracted(row));
        painter->setPen(QPen(ring, 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(c, r, r);
        painter->restore();
        const QRectF label = markerLabelRect(c, m.text);
        QColor fill = m.colour;
        fill.setAlphaF(ring.alphaF());
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(label, 8, 8);
        QColor textColour(Qt::white);
        textColour.setAlphaF(ring.alphaF());
        painter->setPen(textColour);
        painter->drawText(label, Qt::AlignCenter, m.text);
    }
}

} // namespace scalelab::gui
