#pragma once

#include <memory>

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include "core/model/Topology.h"

namespace scalelab::gui {

class CanvasScene;
class Document;
class MetricsDock;
class NodeStatusLayer;
class SimulationController;
class TrafficLayer;

namespace record {

/// The live canvas, off screen, driven in simulated time for a recording: its own copy of
/// the diagram and its own simulation, the same traffic and status layers and (optionally)
/// the same charts as the window. A frame depends only on the file, the seed and the frame's
/// time, never on how fast it was drawn: event markers age in video time, not wall time.
class RecordingStage {
public:
    RecordingStage(const core::Topology& topology, QSize frameSize, bool withCharts);
    ~RecordingStage();
    RecordingStage(const RecordingStage&) = delete;
    RecordingStage& operator=(const RecordingStage&) = delete;

    /// Builds the simulation; false with a reason when the diagram cannot run.
    bool start(QString* error);
    /// Simulates up to `simSeconds` (never backwards) and sets the video clock that ages
    /// event markers to `videoMs`.
    void advanceTo(double simSeconds, qint64 videoMs);
    /// The frame at the current time: a title bar with the clock and headline numbers, the
    /// diagram with its traffic, and the charts under it when asked for.
    QImage render();
    double endSeconds() const;
    /// Shown in the title bar when it is not 1 ("10x").
    void setSpeed(double speed) { m_speed = speed; }
    const SimulationController* controller() const { return m_controller.get(); }

private:
    void paintHeader(QPainter& painter, const QRectF& area) const;

    QSize m_size;
    bool m_withCharts;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<CanvasScene> m_scene;
    std::unique_ptr<SimulationController> m_controller;
    TrafficLayer* m_traffic = nullptr;   // owned by m_scene
    NodeStatusLayer* m_status = nullptr; // owned by m_scene
    std::unique_ptr<MetricsDock> m_charts;
    QRectF m_sceneRect;
    qint64 m_videoMs = 0;
    double m_speed = 1;
};

} // namespace record
} // namespace scalelab::gui
