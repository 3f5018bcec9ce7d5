#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <QElapsedTimer>
#include <QGraphicsItem>

#include "core/model/Ids.h"

namespace scalelab::gui {

class CanvasScene;
class SimulationController;

/// What sits on top of the nodes while a simulation runs: a queue gauge ("queue 12") beside
/// each busy node, a message queue's backlog (a gauge and the count of jobs waiting), a failed
/// node greyed and crossed out, the live role badge (it moves to a promoted replica), a
/// pool's live instance count, a failed data center hatched in red with "SITE DOWN", and a
/// short-lived marker for each event.
class NodeStatusLayer : public QGraphicsItem {
public:
    NodeStatusLayer(CanvasScene* scene, const SimulationController* controller);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    void refresh();
    /// Shows a marker for the controller's events from `firstIndex` on.
    void addEvents(int firstIndex);
    void clearMarkers()
    {
        m_markers.clear();
        m_backlogPeak.clear();
    }
    /// Replaces the wall clock that ages event markers (milliseconds): a recording ages
    /// them in video time, so the same run gives the same frames however fast it renders.
    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }
    std::size_t markerCount() const { return m_markers.size(); }
    /// The sites drawn as failed (every node of theirs that can fail is down), as of the
    /// last refresh().
    const std::vector<std::string>& failedSites() const { return m_failedSites; }
    /// Where an event marker's words go for a node centred at `centre`: above its badge row
    /// (NodeGlyph::badgeLayout), so a failed master's MASTER badge stays readable.
    static QRectF markerLabelRect(QPointF centre, const QString& text);
    /// The words beside a node's queue gauge: "queue 12" (requests waiting now).
    static QString queueLabel(std::uint32_t waiting);

private:
    struct Marker {
        core::NodeId node;
        QString text;
        QColor colour;
        qint64 bornMs = 0;
    };
    void paintNode(QPainter* painter, std::size_t index);
    void paintMarkers(QPainter* painter);
    void paintFailedSites(QPainter* painter);
    void paintBacklog(QPainter* painter, std::size_t index, const QRectF& icon);
    void paintShards(QPainter* painter, std::size_t index, const QRectF& icon);

    CanvasScene* m_scene;
    const SimulationController* m_controller;
    QRectF m_bounds;
    std::vector<Marker> m_markers;
    std::vector<std::uint64_t> m_backlogPeak; ///< per node: scale of an unbounded queue's gauge
    std::vector<std::string> m_failedSites;
    QElapsedTimer m_clock;
    std::function<qint64()> m_now;
};

} // namespace scalelab::gui
