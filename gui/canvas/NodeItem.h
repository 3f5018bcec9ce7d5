#pragma once

#include <QGraphicsItem>
#include <QString>

#include "core/model/Diagnostic.h"
#include "core/model/Ids.h"

namespace scalelab::core {
struct Node;
}

namespace scalelab::gui {

class CanvasScene;

/// A node on the canvas: icon, name, role badge, problem marker and a connection handle.
/// It stores only its node id and transient state (hover, problem marker); everything it
/// draws is read from the document through the scene.
class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    explicit NodeItem(core::NodeId id);

    const core::NodeId& nodeId() const { return m_id; }
    int type() const override { return Type; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /// Problems found by validation for this node (empty clears the marker).
    void setProblems(const core::Diagnostics& problems);
    bool hasError() const;
    bool hasWarning() const;
    /// The analysis finds the node a single point of failure: a SPOF tag in its badge row.
    void setSpof(bool spof);
    bool isSpof() const { return m_spof; }
    /// The pointer is over it (the hover frame and the connection handle show).
    bool isHovered() const { return m_hover; }
    /// Drops the hover look: a gesture that grabbed the mouse (a link drawn from here)
    /// kept the scene from telling this item the pointer left.
    void clearHover();
    /// True when `scenePos` is on the connection handle (drag from it to link).
    bool isOnHandle(const QPointF& scenePos) const;
    /// What is drawn (icon, badge, marker, the name's actual width), in scene coordinates.
    QRectF visibleSceneRect() const;
    /// The same at the scene's label scale (the name as large as it is drawn now): the box
    /// link labels keep clear of.
    QRectF drawnSceneRect() const;
    /// The scene's label scale, 1 in presentation (pictures).
    double labelScale() const;
    /// The scene's label scale changed: the name's extent with it.
    void labelScaleChanged()
    {
        prepareGeometryChange();
        update();
    }
    /// Re-reads the document (name, role, position) after a change.
    void syncFromDocument();
    /// Draws a role badge ("master" or "replica") for a node centred at `centre`, at least
    /// as wide as the badge of `covers` so it hides one drawn there before; an amber
    /// outline says the role changed during the run. The live view draws the role a node
    /// holds now with this, over the file's role that paint() drew.
    static void paintRoleBadge(QPainter* painter, QPointF centre, const QString& role,
                               const QString& covers = {}, bool changed = false);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    const core::Node* node() const;
    CanvasScene* canvas() const;

    core::NodeId m_id;
    bool m_hover = false;
    bool m_spof = false;
    core::Diagnostics m_problems;
};

} // namespace scalelab::gui
