#pragma once

#include <QIcon>
#include <QRectF>
#include <QString>

class QPainter;

namespace scalelab::gui {

/// The SVG icon of each node kind (":/icons/<KindSpec::icon>.svg"), loaded once.
/// Painting goes through the vector renderer so zoom and SVG/PDF export stay sharp.
class IconCache {
public:
    /// Draws the kind's icon into `target`; a neutral tile when the kind has no icon.
    static void paint(QPainter& painter, const QString& iconStem, const QRectF& target);
    static QIcon icon(const QString& iconStem);
    static QString resourcePath(const QString& iconStem);
};

} // namespace scalelab::gui
