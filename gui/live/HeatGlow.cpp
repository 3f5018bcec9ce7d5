#include "gui/live/HeatGlow.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include <QPainter>
#include <QPainterPath>

#include "gui/canvas/CanvasStyle.h"
#include "gui/live/LiveStyle.h"

namespace scalelab::gui {

namespace {
constexpr double kPixelsPerUnit = 2;
constexpr int kSteps = 20; // colour steps from idle to saturated

// One box-blur pass over an 8-bit alpha plane, horizontal then vertical. Three passes
// approximate a Gaussian closely enough for a glow.
void boxBlur(std::vector<int>& alpha, int w, int h, int radius)
{
    std::vector<int> tmp(alpha.size());
    const int span = 2 * radius + 1;
    for (int y = 0; y < h; ++y) {
        int sum = 0;
        for (int x = -radius; x <= radius; ++x)
            sum += alpha[static_cast<std::size_t>(y * w + std::clamp(x, 0, w - 1))];
        for (int x = 0; x < w; ++x) {
            tmp[static_cast<std::size_t>(y * w + x)] = sum / span;
            sum += alpha[static_cast<std::size_t>(y * w + std::min(x + radius + 1, w - 1))] -
                   alpha[static_cast<std::size_t>(y * w + std::max(x - radius, 0))];
        }
    }
    for (int x = 0; x < w; ++x) {
        int sum = 0;
        for (int y = -radius; y <= radius; ++y)
            sum += tmp[static_cast<std::size_t>(std::clamp(y, 0, h - 1) * w + x)];
        for (int y = 0; y < h; ++y) {
            alpha[static_cast<std::size_t>(y * w + x)] = sum / span;
            sum += tmp[static_cast<std::size_t>(std::min(y + radius + 1, h - 1) * w + x)] -
                   tmp[static_cast<std::size_t>(std::max(y - radius, 0) * w + x)];
        }
    }
}

QImage makeSprite(int step, bool pool)
{
    const QRectF area = HeatGlow::rect();
    const int w = static_cast<int>(area.width() * kPixelsPerUnit);
    const int h = static_cast<int>(area.height() * kPixelsPerUnit);
    // The node's shape: its tile, grown a little, and a pool's two tiles behind it
    // (NodeGlyph draws them 4 and 8 units up and to the right).
    QImage shape(w, h, QImage::Format_ARGB32_Premultiplied);
    shape.fill(Qt::transparent);
    {
        QPainter p(&shape);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(kPixelsPerUnit, kPixelsPerUnit);
        p.translate(-area.topLeft());
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::black);
        const QRectF tile = style::iconRect().adjusted(-5, -5, 5, 5);
        for (int k = pool ? 2 : 0; k >= 0; --k)
            p.drawRoundedRect(tile.translated(4 * k, -4 * k), 15, 15);
    }
    std::vector<int> alpha(static_cast<std::size_t>(w * h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            alpha[static_cast<std::size_t>(y * w + x)] = qAlpha(shape.pixel(x, y));
    const int radius = static_cast<int>(HeatGlow::kSpread * kPixelsPerUnit / 3);
    for (int pass = 0; pass < 3; ++pass)
        boxBlur(alpha, w, h, radius);
    // A hotter node glows stronger as well as redder.
    const double u = static_cast<double>(step) / kSteps;
    const QColor colour = live::heatColour(u);
    const double strength = 0.8 + 0.6 * u;
    QImage out(w, h, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const int a = std::min(
                255, static_cast<int>(alpha[static_cast<std::size_t>(y * w + x)] * strength));
            line[x] = qPremultiply(qRgba(colour.red(), colour.green(), colour.blue(), a));
        }
    }
    return out;
}
} // namespace

QRectF HeatGlow::rect()
{
    // The tile grown by 5, a pool's tiles (8 up and right) and the spread around them.
    return style::iconRect().adjusted(-kSpread - 5, -kSpread - 13, kSpread + 13, kSpread + 5);
}

const QImage& HeatGlow::sprite(double utilization, bool pool)
{
    static std::map<int, QImage> cache;
    const int step = static_cast<int>(std::lround(std::clamp(utilization, 0.0, 1.0) * kSteps));
    const int key = step * 2 + (pool ? 1 : 0);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.emplace(key, makeSprite(step, pool)).first;
    return it->second;
}

void HeatGlow::paint(QPainter& painter, QPointF centre, double utilization, bool pool)
{
    painter.drawImage(rect().translated(centre), sprite(utilization, pool));
}

} // namespace scalelab::gui
