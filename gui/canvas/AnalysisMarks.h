#pragma once

#include <vector>

#include <QGraphicsItem>

#include "core/model/Ids.h"

namespace scalelab::core {
struct Analysis;
}

namespace scalelab::gui {

class CanvasScene;

/// The instant analysis on the canvas, as you edit: a ring on nodes over 80 % of their
/// capacity (red when saturated) and a "SPOF" tag on single points of failure (drawn by
/// the node in its badge row, NodeGlyph::badgeLayout). Hidden while a simulation runs,
/// when the live layers show what actually happens.
class AnalysisMarks : public QGraphicsItem {
public:
    explicit AnalysisMarks(CanvasScene* scene);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    void setAnalysis(const core::Analysis* analysis);
    int hotCount() const { return m_hot; }
    int spofCount() const { return m_spof; }

private:
    CanvasScene* m_scene;
    const core::Analysis* m_analysis = nullptr;
    QRectF m_bounds;
    int m_hot = 0;
    int m_spof = 0;
    std::vector<core::NodeId> m_spofTagged; ///< nodes told to show a SPOF tag
};

} // namespace scalelab::gui
