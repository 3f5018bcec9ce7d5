#include "gui/paint/NodeGlyph.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QPainter>

#include "core/model/Node.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/IconCache.h"
#include "gui/util/SafeText.h"

namespace scalelab::gui {

NodeLook NodeLook::of(const core::Node& node)
{
    NodeLook look;
    // Drawn as text (and written into SVG): no control characters.
    look.name = printableText(QString::fromStdString(node.displayName()));
    const core::KindSpec* spec = node.spec();
    if (spec) {
        look.iconStem = QString::fromStdString(spec->look.icon);
        if (spec->look.roleBadge)
            look.role = QString::fromStdString(node.text("role"));
        look.instances = NodeGlyph::instanceText(node);
    }
    return look;
}

QFont NodeGlyph::labelFont()
{
    QFont f;
    f.setPointSizeF(9.0);
    return f;
}

QFont NodeGlyph::labelFont(double labelScale)
{
    QFont f = labelFont();
    f.setPointSizeF(f.pointSizeF() * labelScale);
    return f;
}

QRectF NodeGlyph::labelRect(double labelScale)
{
    // A grown name takes a little more width, up to the examples' spacing of 200 (nodes
    // on a row 10 grid steps apart), and is elided sooner rather than run into the
    // neighbour's.
    const QRectF r = style::labelRect();
    const double width = labelScale > 1 ? r.width() + 40 : r.width();
    return {-width / 2, r.top(), width, r.height() * labelScale};
}

QFont NodeGlyph::badgeFont()
{
    QFont f;
    f.setPointSizeF(7.0);
    f.setBold(true);
    return f;
}

QFont NodeGlyph::tagFont()
{
    QFont f;
    f.setPixelSize(9);
    f.setBold(true);
    return f;
}

QRectF NodeGlyph::roleBadgeRect(QPointF centre, const QString& role, const QString& covers)
{
    const QFontMetricsF fm(badgeFont());
    const double w =
        std::max(fm.horizontalAdvance(role.toUpper()), fm.horizontalAdvance(covers.toUpper())) + 12;
    // Right-aligned a little past the icon's right edge, in the row above it.
    return {centre.x() + style::kIconSize / 2 + 8 - w, centre.y() + style::kBadgeRowTop, w,
            style::kBadgeHeight};
}

QRectF NodeGlyph::loadTagRect(QPointF centre, double width)
{
    // Hung at the ring's bottom-left corner (the ring is the icon grown by 6), ending at the
    // icon's left edge: clear of the instance badge (bottom right) and of the name.
    const QRectF ring = style::iconRect().translated(centre).adjusted(-6, -6, 6, 6);
    return {centre.x() - style::kIconSize / 2 - width, ring.bottom() - 12, width, 12};
}

NodeGlyph::BadgeLayout NodeGlyph::badgeLayout(const NodeLook& look)
{
    BadgeLayout out;
    constexpr double kGap = 3;
    const double top = style::kBadgeRowTop;
    const double h = style::kBadgeHeight;
    // From the right: the role, then the SPOF tag left of it.
    double right = style::kIconSize / 2 + 8;
    if (!look.role.isEmpty()) {
        out.role = roleBadgeRect({0, 0}, look.role);
        right = out.role.left() - kGap;
    }
    if (look.spof) {
        out.spof = QRectF(right - kSpofWidth, top, kSpofWidth, h);
        right = out.spof.left() - kGap;
    }
    // The problem marker at the icon's left edge, or left of the row when it reaches there.
    if (look.error || look.warning) {
        const double left = std::min(-style::kIconSize / 2 - 6, right - h);
        out.problem = QRectF(left, top, h, h);
    }
    return out;
}

QPainterPath NodeGlyph::shape(const QString& name, double labelScale)
{
    QPainterPath path;
    path.addRoundedRect(style::iconRect().adjusted(-4, -4, 4, 4), 10, 10);
    path.addEllipse(QPointF(style::kHandleX, 0), style::kHandleRadius + 2,
                    style::kHandleRadius + 2);
    const QFontMetricsF fm(labelFont(labelScale));
    const QRectF label = labelRect(labelScale);
    const double w = std::min(fm.horizontalAdvance(name), label.width());
    path.addRect(QRectF(-w / 2 - 2, label.top(), w + 4, label.height()));
    return path;
}

QRectF NodeGlyph::visibleRect(const QString& name, double labelScale)
{
    // The badge row above the icon is part of what is drawn.
    return shape(name, labelScale)
        .boundingRect()
        .united(QRectF(-style::kIconSize / 2 - 8, style::kBadgeRowTop - 1, style::kIconSize + 16,
                       style::kIconSize / 2 - style::kBadgeRowTop + 1));
}

void NodeGlyph::paintRoleBadge(QPainter& painter, QPointF centre, const QString& role,
                               const QString& covers, bool changed)
{
    const QString text = role.toUpper();
    const QRectF r = roleBadgeRect(centre, role, covers);
    painter.setPen(changed ? QPen(QColor(0xf5, 0x9e, 0x0b), 2) : QPen(Qt::white, 1.5));
    painter.setBrush(role == QLatin1String("master") ? style::masterBadge()
                                                     : style::replicaBadge());
    painter.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    painter.setFont(badgeFont());
    painter.setPen(Qt::white);
    painter.drawText(r, Qt::AlignCenter, text);
}

QString NodeGlyph::instanceText(const core::Node& n)
{
    const core::KindSpec* spec = n.spec();
    if (!spec || !spec->traits.queueing)
        return {};
    const bool autoscale = n.flag("autoscale");
    const std::int64_t instances = n.integer("instances");
    if (instances <= 1 && !autoscale)
        return {};
    return QStringLiteral("×%1").arg(instances) + (autoscale ? QStringLiteral(" auto") : QString());
}

void NodeGlyph::paintInstanceBadge(QPainter& painter, QPointF centre, const QString& text,
                                   const QString& covers, int booting)
{
    const QString extra = booting > 0 ? QStringLiteral(" +%1").arg(booting) : QString();
    const QFontMetricsF fm(badgeFont());
    const double textW = fm.horizontalAdvance(text);
    const double w =
        std::max(textW + fm.horizontalAdvance(extra), fm.horizontalAdvance(covers)) + 10;
    const QRectF r(centre.x() + style::kIconSize / 2 - w + 6, centre.y() + style::kIconSize / 2 - 9,
                   w, 14);
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(QColor(0x33, 0x41, 0x55));
    painter.drawRoundedRect(r, 7, 7);
    painter.setFont(badgeFont());
    const QRectF inner = r.adjusted(5, 0, -5, 0);
    painter.setPen(Qt::white);
    painter.drawText(inner, Qt::AlignVCenter | Qt::AlignLeft, text);
    if (!extra.isEmpty()) {
        painter.setPen(QColor(0xfb, 0xbf, 0x24));
        painter.drawText(inner.adjusted(textW, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, extra);
    }
}

void NodeGlyph::paint(QPainter& painter, const NodeLook& look)
{
    painter.setRenderHint(QPainter::Antialiasing);

    const QRectF icon = style::iconRect();
    // Soft shadow, then the kind's icon tile.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(15, 23, 42, 28));
    painter.drawRoundedRect(icon.translated(0, 2).adjusted(-1, -1, 1, 1), 11, 11);
    if (!look.instances.isEmpty()) {
        // A pool is drawn as a stack: two tiles peek out behind the icon.
        for (int k = 2; k >= 1; --k) {
            painter.setPen(QPen(QColor(0x94, 0xa3, 0xb8), 1));
            painter.setBrush(QColor(0xf1, 0xf5, 0xf9));
            painter.drawRoundedRect(icon.translated(4 * k, -4 * k), 10, 10);
        }
    }
    IconCache::paint(painter, look.iconStem, icon);

    if (look.selected || look.hover) {
        QPen ring(look.selected ? style::selection() : style::selection().lighter(160), 2.5);
        painter.setPen(ring);
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(icon.adjusted(-4, -4, 4, 4), 12, 12);
    }

    // Name, elided so neighbours never overlap.
    painter.setFont(labelFont(look.labelScale));
    const QFontMetricsF fm(painter.font());
    const QRectF label = labelRect(look.labelScale);
    const QString name = fm.elidedText(look.name, Qt::ElideMiddle, label.width());
    const double textW = fm.horizontalAdvance(name);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRoundedRect(QRectF(-textW / 2 - 4, label.top(), textW + 8, label.height()), 4, 4);
    painter.setPen(look.selected ? style::selection() : style::text());
    painter.drawText(label, Qt::AlignCenter, name);

    const BadgeLayout badges = badgeLayout(look);
    if (!look.role.isEmpty())
        paintRoleBadge(painter, QPointF(0, 0), look.role);
    if (!look.instances.isEmpty())
        paintInstanceBadge(painter, QPointF(0, 0), look.instances);
    if (look.spof) {
        painter.setPen(QPen(Qt::white, 1));
        painter.setBrush(QColor(0x9f, 0x12, 0x39));
        painter.drawRoundedRect(badges.spof, badges.spof.height() / 2, badges.spof.height() / 2);
        painter.setFont(tagFont());
        painter.setPen(Qt::white);
        painter.drawText(badges.spof, Qt::AlignCenter, QStringLiteral("SPOF"));
    }

    // Problem marker: red for errors, amber for warnings.
    if (look.error || look.warning) {
        const QRectF m = badges.problem;
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(look.error ? style::error() : style::warning());
        painter.drawEllipse(m);
        QFont f = badgeFont();
        f.setPointSizeF(8);
        painter.setFont(f);
        painter.setPen(Qt::white);
        painter.drawText(m, Qt::AlignCenter, QStringLiteral("!"));
    }

    // Connection handle: shown where it can be grabbed.
    if (look.hover || look.selected) {
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(style::selection());
        painter.drawEllipse(QPointF(style::kHandleX, 0), style::kHandleRadius,
                            style::kHandleRadius);
    }
}

} // namespace scalelab::gui
