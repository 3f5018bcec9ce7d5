#pragma once

#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QObject>

#include "core/model/IdIndex.h"
#include "core/model/Topology.h"
#include "core/sim/Snapshot.h"

class QTimer;

namespace scalelab::core::sim {
class Simulation;
}

namespace scalelab::gui {

class Document;

/// One point of the live charts: the simulation's last completed 1-second interval.
struct ChartPoint {
    double tS = 0;
    double throughputRps = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double errorsPerS = 0;
    std::vector<double> utilization; ///< per node, sim topology order
    bool hasJobs = false;            ///< the diagram has a message queue
    double backlog = 0;              ///< jobs waiting in its queues
    std::vector<double> instances;   ///< serving instances per node (0: not a pool kind)
};

/// Runs the core engine on its own copy of the document's topology, in slices paced by
/// the GUI's frame clock. It runs on the GUI thread with a time budget per frame: measured,
/// a slice of the engine costs far less than a frame, and one thread needs no locking of
/// snapshots (DESIGN.md: "pick the simpler one that keeps frames under 16 ms").
/// The GUI reads snapshots; it changes the simulation only through post() (fail, recover,
/// set, promote), never by touching its state.
class SimulationController : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Running, Paused, Finished };
    /// Speed 0 means "as fast as possible".
    static constexpr double kMaxSpeed = 0;

    explicit SimulationController(Document* document, QObject* parent = nullptr);
    ~SimulationController() override;

    State state() const { return m_state; }
    bool isActive() const { return m_sim != nullptr; }
    double speed() const { return m_speed; }
    void setSpeed(double speed);
    /// Wall-clock budget of the engine per frame.
    void setFrameBudgetMs(double ms) { m_budgetMs = ms; }
    /// Whether the last frame ran as Max does (the engine the limit, its larger budget):
    /// at Max, and at any speed the engine cannot deliver.
    bool lastFrameEngineBound() const { return m_lastFrameEngineBound; }
    /// Simulated seconds per wall second the engine reached when it was the limit
    /// (smoothed); 0 before any such frame.
    double engineRate() const { return m_engineRate; }

    /// Starts (building the simulation when stopped) or resumes. Refuses an invalid
    /// diagram with a message.
    bool run();
    void pause();
    /// Advances `simSeconds` (default: one tenth of a second) and pauses.
    bool step(double simSeconds = 0.1);
    /// Drops the simulation; the next run starts from the document as it is then.
    void reset();
    /// Runs as fast as possible up to simulated time `simSeconds` (for --run-for and
    /// tests), collecting chart points on the way; then pauses there.
    bool advanceTo(double simSeconds);

    void failNode(const core::NodeId& id);
    void recoverNode(const core::NodeId& id);
    void promoteNode(const core::NodeId& id);
    /// A whole data center down or back, as a scenario's fail_site / recover_site step:
    /// every node of the site but its users.
    void failSite(const std::string& site);
    void recoverSite(const std::string& site);
    /// The sites of the running topology (order of first appearance) and whether each is
    /// down now: every node of it that can fail is down.
    std::vector<std::string> sites() const;
    bool siteDown(const std::string& site) const;
    /// Some node of the site is down (a site partly failed can be recovered).
    bool siteAnyDown(const std::string& site) const;

    /// The topology the simulation runs (its own copy); null when stopped.
    const core::Topology* simTopology() const { return m_sim ? &m_topology : nullptr; }
    std::optional<std::size_t> simIndex(const core::NodeId& id) const;
    /// A node of the run by id, through an index (event lines look up every id they name).
    const core::Node* simNode(const core::NodeId& id) const;
    const core::sim::Snapshot& snapshot() const { return m_snapshot; }
    const std::vector<ChartPoint>& chart() const { return m_chart; }
    const std::vector<core::sim::EventRecord>& eventLog() const { return m_events; }
    /// Statistics of the run so far (empty when stopped).
    core::sim::RunResults results() const;
    double simSeconds() const;
    double endSeconds() const;
    /// Simulated seconds per wall second over the last frames (shows when it falls behind).
    double achievedSpeed() const { return m_achievedSpeed; }
    double eventsPerWallSecond() const { return m_eventsPerWallS; }
    /// Nodes or links were added/removed since the run started: they apply at reset.
    bool hasPendingStructure() const { return m_pendingStructure; }

Q_SIGNALS:
    void stateChanged(scalelab::gui::SimulationController::State state);
    /// A new snapshot (and maybe chart points and events) is available.
    void frameReady();
    void eventsLogged(int firstNewIndex);
    void chartReset();
    void message(const QString& text);

private:
    bool ensureSimulation();
    void setState(State state);
    void onTick();
    /// Runs to `target` (ns) within `budgetMs` of wall time; stops early at the budget.
    void advance(std::int64_t target, double budgetMs);
    void takeSnapshot();
    void postAction(core::ActionType type, const core::NodeId& id, const std::string& param = {},
                    const core::ParamValue& value = {});
    void post(const core::ScenarioAction& action);
    void onDocumentNodeChanged(const core::NodeId& id);

    Document* m_document;
    core::Topology m_topology;
    core::IdIndex m_ids; ///< of m_topology: its nodes never change while it runs
    std::unique_ptr<core::sim::Simulation> m_sim;
    core::sim::Snapshot m_snapshot;
    std::vector<ChartPoint> m_chart;
    std::vector<core::sim::EventRecord> m_events;
    std::int64_t m_lastChartSecond = 0;
    State m_state = State::Stopped;
    double m_speed = 1.0;
    double m_budgetMs = 8.0;
    bool m_fallingBehind = false; // behind its target, until a frame reaches it in budget
    bool m_lastFrameEngineBound = false;
    double m_engineRate = 0; // simulated s per wall s when the engine was the limit
    QTimer* m_timer;
    QElapsedTimer m_wall;
    qint64 m_lastTickNs = 0;
    qint64 m_lastAdvanceEndNs = 0; // when the engine last stopped: the rest is the GUI's
    double m_achievedSpeed = 0;
    double m_eventsPerWallS = 0;
    bool m_pendingStructure = false;
};

} // namespace scalelab::gui
