#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QWidget>

#include "core/model/Ids.h"

class QAction;
class QComboBox;
class QGraphicsView;
class QLabel;
class QMainWindow;
class QMenu;
class QMenuBar;
class QToolBar;

namespace scalelab::gui {

class CanvasScene;
class Document;
class EventsDock;
class GoalsDock;
class MetricsDock;
class NodeStatusLayer;
class SimulationController;
class TrafficLayer;
struct Baseline;

/// The diagram come alive: wires the simulation controller to the canvas layers, the
/// metrics and events docks, the Simulation toolbar and menu, the status bar, and the
/// right-click Fail / Recover menu (a node, or its whole data center) and live tooltips of
/// nodes while a run is active.
class LiveView : public QObject {
    Q_OBJECT
public:
    LiveView(QMainWindow* window, Document* document, CanvasScene* scene, QGraphicsView* view);
    ~LiveView() override;

    SimulationController* controller() const { return m_controller; }
    MetricsDock* metricsDock() const { return m_metrics; }
    EventsDock* eventsDock() const { return m_events; }
    GoalsDock* goalsDock() const { return m_goals; }
    /// The status bar's simulation text ("t = 12.0 s / 120 s  ·  1x").
    QString statusText() const;
    TrafficLayer* trafficLayer() const { return m_traffic; }
    NodeStatusLayer* statusLayer() const { return m_status; }
    QToolBar* toolBar() const { return m_toolBar; }
    /// Adds the Simulation menu to the window's menu bar.
    void populateMenu(QMenuBar* menuBar);

    /// Nodes and links drawn from device pixmaps while traffic moves over them: every
    /// frame repaints the whole diagram, and re-rendering 200 icons is what costs.
    void cacheStaticLayer(bool on);
    /// For --screenshot --run-for: simulates `simSeconds` at once and shows the result.
    bool runFor(double simSeconds);
    /// Text of the live tooltip of a node (tests).
    QString liveTooltip(const QString& nodeId) const;
    /// Fills the right-click menu of a node during a run: Fail / Recover it, Promote a
    /// replica, and Fail site / Recover site for a node in a data center. False when the
    /// node is not in the running topology.
    bool fillNodeMenu(QMenu* menu, const core::NodeId& id);
    /// Simulation > Data Centers: Fail site / Recover site for each site of the run.
    QMenu* sitesMenu() const { return m_sitesMenu; }
    void fillSitesMenu();

    QAction* runAction() const { return m_run; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* resetAction() const { return m_reset; }
    QAction* setBaselineAction() const { return m_setBaseline; }
    QAction* clearBaselineAction() const { return m_clearBaseline; }

    /// Simulation > Set as Baseline: keeps the current run (its chart points and statistics)
    /// to be drawn in grey under later runs. False when there is no run to keep.
    bool setBaseline();
    void clearBaseline();
    std::shared_ptr<const Baseline> baseline() const { return m_baseline; }

Q_SIGNALS:
    /// The kept run changed (null when cleared).
    void baselineChanged(std::shared_ptr<const scalelab::gui::Baseline> baseline);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// "Fail site X" / "Recover site X", as a scenario's fail_site / recover_site step:
    /// the node menu and Simulation > Data Centers add the same pair.
    void addSiteActions(QMenu* menu, const std::string& site);
    void createActions();
    void onFrame();
    void onStateChanged();
    void updateStatus();
    bool showNodeMenu(const QPoint& viewportPos, const QPoint& globalPos);

    QMainWindow* m_window;
    Document* m_document;
    CanvasScene* m_scene;
    QGraphicsView* m_view;
    QPointer<QWidget> m_viewport; // compared in eventFilter, never dereferenced there
    SimulationController* m_controller;
    TrafficLayer* m_traffic;
    NodeStatusLayer* m_status;
    MetricsDock* m_metrics;
    EventsDock* m_events;
    GoalsDock* m_goals;
    QToolBar* m_toolBar;
    QComboBox* m_speed;
    QLabel* m_clock;
    QAction* m_run = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_step = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_setBaseline = nullptr;
    QAction* m_clearBaseline = nullptr;
    QMenu* m_sitesMenu = nullptr;
    std::shared_ptr<const Baseline> m_baseline;
};

} // namespace scalelab::gui
