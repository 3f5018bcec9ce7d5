#include "gui/live/TrafficLayer.h"

#include <cmath>
#include <vector>

#include <QPainter>

#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/live/HeatGlow.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

namespace {
constexpr double kDot = 8.0;
constexpr double kHalo = style::kIconSize + 2 * HeatGlow::kSpread + 16;

QPixmap makeSprite(const QColor& colour, qreal dpr)
{
    QPixmap pm(QSize(static_cast<int>(kDot * dpr), static_cast<int>(kDot * dpr)));
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colour.darker(140), 0.8));
    p.setBrush(colour);
    p.drawEllipse(QRectF(0.5, 0.5, kDot - 1, kDot - 1));
    return pm;
}
} // namespace

std::array<QPixmap, TrafficLayer::kSpriteCount> TrafficLayer::makeSprites(qreal dpr)
{
    return {makeSprite(live::readDot(), dpr), makeSprite(live::writeDot(), dpr),
            makeSprite(live::errorDot(), dpr), makeSprite(live::staticDot(), dpr),
            makeSprite(live::hitDot(), dpr)};
}

TrafficLayer::TrafficLayer(CanvasScene* scene, const SimulationController* controller)
    : m_scene(scene), m_controller(controller)
{
    setZValue(7); // above links (5), below nodes (10)
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemIsSelectable, false);
    m_sprites = makeSprites(1.0);
}

QRectF TrafficLayer::boundingRect() const
{
    return m_bounds;
}

void TrafficLayer::refresh()
{
    const QRectF bounds = m_scene->diagramBounds().adjusted(-kHalo, -kHalo, kHalo, kHalo);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    const double simS = m_controller->simSeconds();
    const double perFrame = simS - m_lastSimS;
    m_lastSimS = simS;
    // Density when each frame jumps further than the motion could show (hysteresis: a
    // paused or stepped frame keeps the current mode).
    if (perFrame > m_densityThreshold)
        m_density = true;
    else if (perFrame > 0 && perFrame < m_densityThreshold / 2)
        m_density = false;
    update();
}

void TrafficLayer::showDots()
{
    m_density = false;
    m_lastSimS = m_controller->simSeconds();
    update();
}

bool TrafficLayer::linkEnds(std::size_t index, QPointF& from, QPointF& to) const
{
    const core::Topology* t = m_controller->simTopology();
    if (!t || index >= t->links.size())
        return false;
    const core::Link& l = t->links[index];
    const NodeItem* a = m_scene->nodeItem(l.from);
    const NodeItem* b = m_scene->nodeItem(l.to);
    if (!a || !b)
        return false; // deleted from the document while the run goes on
    const QPointF pa = a->pos(), pb = b->pos();
    const QPointF d = pb - pa;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1)
        return false;
    // From icon edge to icon edge, as the arrow is drawn.
    const QPointF unit = d / len;
    const double r = style::kIconSize / 2 + 2;
    from = pa + unit * r;
    to = pb - unit * r;
    return true;
}

void TrafficLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    m_dotsDrawn = 0;
    if (!m_controller->simTopology())
        return;
    paintHeat(painter);
    if (m_density)
        paintDensity(painter);
    else
        paintDots(painter);
}

void TrafficLayer::paintHeat(QPainter* painter)
{
    const core::Topology& t = *m_controller->simTopology();
    const auto& nodes = m_controller->snapshot().nodes;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    for (std::size_t i = 0; i < nodes.size() && i < t.nodes.size(); ++i) {
        const NodeItem* item = m_scene->nodeItem(t.nodes[i].id);
        if (!item || nodes[i].servers == 0 || !nodes[i].up)
            continue;
        // A pool (several instances now) glows around its stacked tiles.
        HeatGlow::paint(*painter, item->pos(), nodes[i].utilization, nodes[i].instances > 1);
    }
}

void TrafficLayer::paintDots(QPainter* painter)
{
    // Stamped in device coordinates, unscaled, in one batch per colour: a scaled or
    // smoothed pixmap per dot is what makes thousands of dots slow (tests/bench).
    const QTransform toDevice = painter->worldTransform();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    if (m_sprites[0].devicePixelRatio() != dpr)
        m_sprites = makeSprites(dpr);
    std::array<std::vector<QPainter::PixmapFragment>, kSpriteCount> batches;
    const auto& samples = m_controller->snapshot().inFlight;
    for (auto& b : batches)
        b.reserve(samples.size());
    for (const auto& s : samples) {
        QPointF a, b;
        if (!linkEnds(s.link, a, b))
            continue;
        const double p = s.response ? 1.0 - s.progress : s.progress;
        const QPointF at = toDevice.map(a + (b - a) * p);
        // Responses ride a little to the side so both directions stay visible.
        QPointF side;
        if (s.response) {
            const QPointF d = toDevice.map(b) - toDevice.map(a);
            const double len = std::hypot(d.x(), d.y());
            if (len > 0)
                side = QPointF(-d.y(), d.x()) / len * 4.0;
        }
        const QPointF c = at + side;
        const std::size_t kind = s.error ? 2 : s.hit ? 4 : s.staticClass ? 3 : s.write ? 1 : 0;
        batches[kind].push_back(
            QPainter::PixmapFragment::create(c, QRectF(0, 0, kDot * dpr, kDot * dpr)));
    }
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (std::size_t k = 0; k < batches.size(); ++k) {
        if (!batches[k].empty())
            painter->drawPixmapFragments(batches[k].data(), static_cast<int>(batches[k].size()),
                                         m_sprites[k]);
        m_dotsDrawn += static_cast<int>(batches[k].size());
    }
    painter->restore();
}

void TrafficLayer::paintDensity(QPainter* painter)
{
    const core::sim::Snapshot& snap = m_controller->snapshot();
    const core::Topology& t = *m_controller->simTopology();
    if (snap.inFlight.empty())
        return;
    // The sample stands for all requests on links: scale its counts up to the total.
    const double scale =
        static_cast<double>(snap.inFlightTotal) / static_cast<double>(snap.inFlight.size());
    std::vector<double> perLink(t.links.size(), 0.0);
    std::vector<double> errors(t.links.size(), 0.0);
    for (const auto& s : snap.inFlight)
        if (s.link < perLink.size()) {
            perLink[s.link] += scale;
            errors[s.link] += s.error ? scale : 0.0;
        }
    painter->setRenderHint(QPainter::Antialiasing);
    for (std::size_t i = 0; i < perLink.size(); ++i) {
        QPointF a, b;
        if (perLink[i] <= 0 || !linkEnds(i, a, b))
            continue;
        // Width grows with the logarithm of the count: 1 request is visible, 10,000 fit.
        const double width = 2.0 + 3.0 * std::log10(1.0 + perLink[i]);
        QColor c = errors[i] > perLink[i] / 2 ? live::errorDot() : live::readDot();
        c.setAlpha(110);
        painter->setPen(QPen(c, width, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(a, b);
        const QPointF mid = (a + b) / 2 + QPointF(0, -width / 2 - 4);
        painter->setPen(c.darker(160));
        painter->drawText(QRectF(mid - QPointF(40, 12), QSizeF(80, 12)), Qt::AlignCenter,
                          QString::number(std::lround(perLink[i])));
    }
}

} // namespace scalelab::gui
