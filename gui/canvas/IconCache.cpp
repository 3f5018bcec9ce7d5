#include "gui/canvas/IconCache.h"

#include <map>
#include <memory>

#include <QFile>
#include <QPainter>
#include <QSvgRenderer>

#include "gui/canvas/CanvasStyle.h"

namespace scalelab::gui {

namespace {
QSvgRenderer* iconRendererFor(const QString& stem)
{
    // GUI-thread only, like every painter of the canvas.
    static std::map<QString, std::unique_ptr<QSvgRenderer>> renderers;
    auto it = renderers.find(stem);
    if (it == renderers.end()) {
        auto renderer = std::make_unique<QSvgRenderer>(IconCache::resourcePath(stem));
        it = renderers.emplace(stem, renderer->isValid() ? std::move(renderer) : nullptr).first;
    }
    return it->second.get();
}
} // namespace

QString IconCache::resourcePath(const QString& iconStem)
{
    return QStringLiteral(":/icons/%1.svg").arg(iconStem);
}

void IconCache::paint(QPainter& painter, const QString& iconStem, const QRectF& target)
{
    if (QSvgRenderer* r = iconRendererFor(iconStem)) {
        r->render(&painter, target);
        return;
    }
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(style::link());
    painter.drawRoundedRect(target, 10, 10);
    painter.restore();
}

QIcon IconCache::icon(const QString& iconStem)
{
    const QString path = resourcePath(iconStem);
    return QFile::exists(path) ? QIcon(path) : QIcon();
}

} // namespace scalelab::gui
