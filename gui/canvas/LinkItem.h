#pragma once

#include <cstdint>
#include <vector>

#include <QGraphicsItem>
#include <QPainterPath>
#include <QRectF>

#include "core/model/Diagnostic.h"
#include "core/model/Ids.h"

namespace scalelab::gui {

class CanvasScene;

/// An arrow from one node to another with its latency label; replication links are
/// dashed. Stores only its key and the geometry derived from the two node items.
class LinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    explicit LinkItem(core::LinkKey key);

    const core::LinkKey& key() const { return m_key; }
    int type() const override { return Type; }

    /// Recomputes the arrow from the current positions of the end items.
    void updateGeometry();
    void setProblems(const core::Diagnostics& problems);

    /// Where its label is drawn when a scene unit is `scale` device pixels, in scene
    /// coordinates: clear of every node's drawn box (LinkGlyph::labelRect); empty without
    /// a label.
    QRectF labelSceneRect(double scale) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    CanvasScene* canvas() const;
    /// The drawn boxes of the nodes near it, cached until a node's box changes.
    const std::vector<QRectF>& nodeBoxes() const;

    core::LinkKey m_key;
    QPointF m_start;
    QPointF m_end;
    QRectF m_bounds; ///< the line and its label's box (LinkGlyph::boundingRect)
    bool m_hasError = false;
    mutable std::vector<QRectF> m_nodeBoxes;
    mutable std::uint64_t m_nodeBoxesVersion = ~std::uint64_t(0);
};

} // namespace scalelab::gui
