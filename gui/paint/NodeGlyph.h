#pragma once

#include <QFont>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

class QPainter;

namespace scalelab::core {
struct Node;
}

namespace scalelab::gui {

/// Everything that decides how one node looks, whoever draws it: the canvas item (with
/// its hover and selection) or a picture of the diagram (neither).
struct NodeLook {
    QString name;      ///< the display name, drawn elided under the icon
    QString iconStem;  ///< the kind's icon (":/icons/<stem>.svg")
    QString role;      ///< "master" / "replica" for a database, else empty
    QString instances; ///< a pool's badge ("×4", "×2 auto"), else empty: see instanceText
    bool error = false;
    bool warning = false;
    bool spof = false; ///< the analysis finds it a single point of failure (editor only)
    bool selected = false;
    bool hover = false;
    /// The name drawn this many times larger (>= 1): a view zoomed out below a readable
    /// size keeps the names readable (CanvasScene::labelScale); pictures use 1.
    double labelScale = 1.0;

    /// Name, icon and role read from the model; no problem, hover or selection.
    static NodeLook of(const core::Node& node);
};

/// How a node is drawn, in coordinates centred on the node. Plain QPainter code: it needs
/// fonts (a QGuiApplication) but no scene, widget or window, so the canvas items and the
/// headless diagram painter share it and a picture cannot drift from the editor.
class NodeGlyph {
public:
    /// Where the badges of a node centred at the origin go: one layout for all of them, so
    /// none covers another or the icon. A row above the icon holds, from the right, the
    /// role badge (MASTER / REPLICA) and the SPOF tag, and the problem marker at the left
    /// (pushed further left when the row reaches it); under the icon's bottom corners, the
    /// pool's instances (right) and the analysis' load tag (left).
    struct BadgeLayout {
        QRectF role;    ///< empty without a role
        QRectF spof;    ///< empty when not a single point of failure
        QRectF problem; ///< empty without an error or a warning
    };
    static BadgeLayout badgeLayout(const NodeLook& look);
    /// The role badge's place for a node centred at `centre`, as wide as the wider of the
    /// two texts.
    static QRectF roleBadgeRect(QPointF centre, const QString& role, const QString& covers = {});
    /// The analysis' load tag ("87%", "SATURATED") at the bottom-left corner of a node
    /// centred at `centre`, `width` wide: clear of the instance badge (bottom right).
    static QRectF loadTagRect(QPointF centre, double width);
    static QFont tagFont();
    static constexpr double kSpofWidth = 30;
    static QFont labelFont();
    static QFont badgeFont();
    /// What can be clicked: the icon, the connection handle and the name as wide as its text.
    static QPainterPath shape(const QString& name, double labelScale = 1.0);
    /// What is drawn (icon, badge, marker, the name's actual width).
    static QRectF visibleRect(const QString& name, double labelScale = 1.0);
    /// Where the name goes, drawn `labelScale` times larger: under the icon, centred.
    static QRectF labelRect(double labelScale);
    /// The name's font, `labelScale` times larger.
    static QFont labelFont(double labelScale);
    static void paint(QPainter& painter, const NodeLook& look);
    /// A role badge ("master" or "replica") for a node centred at `centre`, at least as wide
    /// as the badge of `covers` so it hides one drawn there before; an amber outline says
    /// the role changed during the run.
    static void paintRoleBadge(QPainter& painter, QPointF centre, const QString& role,
                               const QString& covers = {}, bool changed = false);
    /// A pool's instance badge ("×4") on the icon's bottom-right corner of a node centred at
    /// `centre`, at least as wide as `covers`; `booting` instances launched but not serving
    /// yet are added in amber ("×4 +2"). The live view draws the count now with it.
    static void paintInstanceBadge(QPainter& painter, QPointF centre, const QString& text,
                                   const QString& covers = {}, int booting = 0);
    /// The instance badge of a node as the file sets it: "×4", "×2 auto"; empty for a node
    /// that is no pool (one instance, no autoscaling) or of no queueing kind.
    static QString instanceText(const core::Node& node);
};

} // namespace scalelab::gui
