#include "gui/live/SimulationController.h"

#include <algorithm>
#include <cmath>

#include <QTimer>

#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"
#include "gui/document/Document.h"
#include "gui/planning/PriceBook.h"

namespace scalelab::gui {

namespace {
constexpr int kFrameMs = 16;
constexpr double kEngineBoundBudgetMs = 28.0;
constexpr double kMaxEngineBoundBudgetMs = 100.0;
// A frame after a stall (debugger, a modal dialog) must not jump the simulation ahead.
constexpr double kMaxWallStepS = 0.1;
// Requests drawn on the canvas at most: 5,000 sprites fit in a frame (tests/bench).
constexpr std::size_t kDotsShown = 5000;
using core::sim::kNsPerS;
} // namespace

SimulationController::SimulationController(Document* document, QObject* parent)
    : QObject(parent), m_document(document), m_timer(new QTimer(this))
{
    m_timer->setInterval(kFrameMs);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SimulationController::onTick);
    m_wall.start();
    connect(m_document, &Document::nodeChanged, this, &SimulationController::onDocumentNodeChanged);
    const auto structural = [this] {
        if (m_sim)
            m_pendingStructure = true;
    };
    connect(m_document, &Document::nodeAdded, this, structural);
    connect(m_document, &Document::nodeRemoved, this, structural);
    connect(m_document, &Document::linkAdded, this, structural);
    connect(m_document, &Document::linkRemoved, this, structural);
    // A node's edit re-announces its links; only a real change to a link is structural
    // (the engine has no live "set" for links).
    connect(m_document, &Document::linkChanged, this, [this](const core::LinkKey& key) {
        if (!m_sim)
            return;
        const core::Link* mine = m_topology.findLink(key);
        const core::Link* theirs = m_document->link(key);
        if (!mine || !theirs || !(*mine == *theirs))
            m_pendingStructure = true;
    });
    // A new or reopened document makes the running simulation meaningless.
    connect(m_document, &Document::resetDone, this, &SimulationController::reset);
}

SimulationController::~SimulationController() = default;

void SimulationController::setSpeed(double speed)
{
    m_speed = std::max(0.0, speed);
}

double SimulationController::simSeconds() const
{
    return m_sim ? core::sim::toSeconds(m_sim->now()) : 0.0;
}

double SimulationController::endSeconds() const
{
    return m_sim ? core::sim::toSeconds(m_sim->end()) : m_document->topology().simulation.durationS;
}

core::sim::RunResults SimulationController::results() const
{
    return m_sim ? m_sim->results() : core::sim::RunResults{};
}

std::optional<std::size_t> SimulationController::simIndex(const core::NodeId& id) const
{
    return m_sim ? m_ids.node(id) : std::nullopt;
}

const core::Node* SimulationController::simNode(const core::NodeId& id) const
{
    const std::optional<std::size_t> i = simIndex(id);
    return i ? &m_topology.nodes[*i] : nullptr;
}

bool SimulationController::ensureSimulation()
{
    if (m_sim)
        return true;
    const core::Topology& topology = m_document->topology();
    const core::Diagnostics problems = core::validate(topology);
    for (const auto& d : problems) {
        if (d.severity == core::Severity::Error) {
            Q_EMIT message(tr("Cannot run: %1").arg(QString::fromStdString(d.toString())));
            return false;
        }
    }
    try {
        core::sim::SimulationOptions options;
        options.inFlightSample = kDotsShown;
        m_sim = std::make_unique<core::sim::Simulation>(topology, options);
    } catch (const std::exception& e) {
        Q_EMIT message(tr("Cannot run: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    m_topology = topology;
    m_ids.rebuild(m_topology);
    PriceBook::instance().apply(m_topology); // cost in the live figures and reports
    m_chart.clear();
    m_events.clear();
    m_lastChartSecond = 0;
    m_pendingStructure = false;
    Q_EMIT chartReset();
    takeSnapshot();
    return true;
}

void SimulationController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    if (state == State::Running) {
        m_lastTickNs = m_wall.nsecsElapsed();
        m_lastAdvanceEndNs = 0; // a pause is no frame's work
        m_timer->start();
    } else {
        m_timer->stop();
    }
    Q_EMIT stateChanged(state);
}

bool SimulationController::run()
{
    if (m_state == State::Finished)
        reset();
    if (!ensureSimulation())
        return false;
    setState(State::Running);
    return true;
}

void SimulationController::pause()
{
    if (m_state == State::Running)
        setState(State::Paused);
}

bool SimulationController::step(double simSeconds)
{
    if (m_state == State::Finished || !ensureSimulation())
        return false;
    advance(m_sim->now() + core::sim::fromSeconds(simSeconds), 1e9);
    setState(m_sim->finished() ? State::Finished : State::Paused);
    Q_EMIT frameReady();
    return true;
}

bool SimulationController::advanceTo(double simSeconds)
{
    if (!ensureSimulation())
        return false;
    advance(core::sim::fromSeconds(simSeconds), 1e12);
    setState(m_sim->finished() ? State::Finished : State::Paused);
    Q_EMIT frameReady();
    return true;
}

void SimulationController::reset()
{
    m_sim.reset();
    m_snapshot = {};
    m_chart.clear();
    m_events.clear();
    m_pendingStructure = false;
    m_achievedSpeed = 0;
    m_fallingBehind = false;
    m_lastFrameEngineBound = false;
    setState(State::Stopped);
    Q_EMIT chartReset();
    Q_EMIT frameReady();
}

void SimulationController::onTick()
{
    if (!m_sim)
        return;
    const qint64 nowNs = m_wall.nsecsElapsed();
    const double wallStepS = std::min(kMaxWallStepS, (nowNs - m_lastTickNs) / 1e9);
    m_lastTickNs = nowNs;
    const std::int64_t before = m_sim->now();
    const std::uint64_t eventsBefore = m_sim->events();
    const std::int64_t target = m_speed == kMaxSpeed
                                    ? m_sim->end()
                                    : before + static_cast<std::int64_t>(wallStepS * m_speed * 1e9);
    QElapsedTimer slice;
    slice.start();
    // Where the engine is the limit (Max, or a speed it fell behind of), it gets six
    // sevenths of the wall time: six times what the rest of the last frame took (painting,
    // charts, input), at least 28 ms, at most 100 ms (10 pictures a second at worst, where
    // the dots have given way to the density view anyway). With 8 ms of a 16 ms frame it
    // reached two thirds of its headless rate at Max, and less at 1000x.
    // A speed the engine cannot deliver runs exactly as Max does (issue 18: 1000x was
    // slower than Max): engine-bound from its first frame when the engine's rate measured
    // before is below it, and for as long as it stays behind; it is capped at its own
    // target only, so it is never faster than asked either.
    const bool beyondEngine = m_speed != kMaxSpeed && m_engineRate > 0 && m_speed >= m_engineRate;
    const bool engineBound = m_speed == kMaxSpeed || m_fallingBehind || beyondEngine;
    m_lastFrameEngineBound = engineBound;
    const double guiMs = m_lastAdvanceEndNs > 0 ? (nowNs - m_lastAdvanceEndNs) / 1e6 : 0.0;
    const double engineBudgetMs =
        std::clamp(6.0 * guiMs, kEngineBoundBudgetMs, kMaxEngineBoundBudgetMs);
    advance(target, engineBound ? std::max(m_budgetMs, engineBudgetMs) : m_budgetMs);
    m_lastAdvanceEndNs = m_wall.nsecsElapsed();
    const double sliceS = std::max(1e-6, slice.nsecsElapsed() / 1e9);
    // Behind until a frame reaches its target within an animation frame's budget: one
    // that needed more would fall behind again with it, and frames alternating between
    // the two budgets ran below Max.
    const bool reached = m_sim->now() >= std::min(target, m_sim->end()) || m_sim->finished();
    if (!reached)
        m_fallingBehind = true;
    else if (sliceS * 1e3 < m_budgetMs)
        m_fallingBehind = false;
    if (engineBound && !reached && wallStepS > 0) {
        const double rate = (m_sim->now() - before) / 1e9 / wallStepS;
        m_engineRate = m_engineRate == 0 ? rate : 0.8 * m_engineRate + 0.2 * rate;
    }
    if (wallStepS > 0) {
        // Smoothed so the status bar does not flicker.
        const double achieved = (m_sim->now() - before) / 1e9 / wallStepS;
        m_achievedSpeed = m_achievedSpeed == 0 ? achieved : 0.8 * m_achievedSpeed + 0.2 * achieved;
        m_eventsPerWallS = (m_sim->events() - eventsBefore) / sliceS;
    }
    if (m_sim->finished())
        setState(State::Finished);
    Q_EMIT frameReady();
}

void SimulationController::advance(std::int64_t target, double budgetMs)
{
    target = std::min(target, m_sim->end());
    QElapsedTimer budget;
    budget.start();
    const int firstNewEvent = static_cast<int>(m_events.size());
    // Slices end at every whole simulated second so each second gives one chart point,
    // however fast the simulation runs; within a second, small slices keep the budget.
    std::int64_t chunk = kNsPerS / 100;
    while (m_sim->now() < target && !m_sim->finished()) {
        const std::int64_t nextSecond = (m_sim->now() / kNsPerS + 1) * kNsPerS;
        const std::int64_t until = std::min({target, nextSecond, m_sim->now() + chunk});
        QElapsedTimer piece;
        piece.start();
        m_sim->runUntil(until);
        if (m_sim->now() % kNsPerS == 0 || m_sim->finished())
            takeSnapshot();
        const double pieceMs = piece.nsecsElapsed() / 1e6;
        // Aim for pieces of about a millisecond of wall time.
        if (pieceMs < 0.5)
            chunk = std::min<std::int64_t>(chunk * 2, kNsPerS);
        else if (pieceMs > 2)
            chunk = std::max<std::int64_t>(chunk / 2, 1000);
        if (budget.nsecsElapsed() / 1e6 >= budgetMs)
            break;
    }
    if (m_sim->now() % kNsPerS != 0 && !m_sim->finished())
        takeSnapshot();
    if (static_cast<int>(m_events.size()) > firstNewEvent)
        Q_EMIT eventsLogged(firstNewEvent);
}

void SimulationController::takeSnapshot()
{
    m_snapshot = m_sim->snapshot();
    m_events.insert(m_events.end(), m_snapshot.newEvents.begin(), m_snapshot.newEvents.end());
    const std::int64_t second = m_snapshot.now / kNsPerS;
    if (second > m_lastChartSecond) {
        m_lastChartSecond = second;
        ChartPoint p;
        p.tS = static_cast<double>(second);
        p.throughputRps = m_snapshot.throughputRps;
        p.p50Ms = m_snapshot.p50Ms;
        p.p95Ms = m_snapshot.p95Ms;
        p.p99Ms = m_snapshot.p99Ms;
        p.errorsPerS = static_cast<double>(m_snapshot.errorsPerS);
        p.utilization.reserve(m_snapshot.nodes.size());
        p.instances.reserve(m_snapshot.nodes.size());
        for (const auto& n : m_snapshot.nodes) {
            p.utilization.push_back(n.utilization);
            p.instances.push_back(n.instances);
        }
        p.hasJobs = m_snapshot.hasJobs;
        p.backlog = static_cast<double>(m_snapshot.backlog);
        m_chart.push_back(std::move(p));
    }
}

void SimulationController::postAction(core::ActionType type, const core::NodeId& id,
                                      const std::string& param, const core::ParamValue& value)
{
    if (!m_sim || !m_topology.findNode(id))
        return;
    core::ScenarioAction action;
    action.action = type;
    action.node = id;
    action.param = param;
    action.value = value;
    post(action);
}

void SimulationController::post(const core::ScenarioAction& action)
{
    if (!m_sim)
        return;
    m_sim->post(action);
    // Applied between events: when paused, a zero-length slice applies it now so the
    // picture shows the change at once.
    if (m_state != State::Running) {
        const int firstNew = static_cast<int>(m_events.size());
        m_sim->runUntil(m_sim->now());
        takeSnapshot();
        if (static_cast<int>(m_events.size()) > firstNew)
            Q_EMIT eventsLogged(firstNew);
        Q_EMIT frameReady();
    }
}

void SimulationController::failNode(const core::NodeId& id)
{
    postAction(core::ActionType::Fail, id);
}

void SimulationController::recoverNode(const core::NodeId& id)
{
    postAction(core::ActionType::Recover, id);
}

void SimulationController::promoteNode(const core::NodeId& id)
{
    postAction(core::ActionType::Promote, id);
}

void SimulationController::failSite(const std::string& site)
{
    core::ScenarioAction action;
    action.action = core::ActionType::FailSite;
    action.site = site;
    post(action);
}

void SimulationController::recoverSite(const std::string& site)
{
    core::ScenarioAction action;
    action.action = core::ActionType::RecoverSite;
    action.site = site;
    post(action);
}

std::vector<std::string> SimulationController::sites() const
{
    std::vector<std::string> out;
    if (!m_sim)
        return out;
    for (const core::Node& n : m_topology.nodes) {
        const std::string site = n.spec() ? n.site() : std::string();
        if (!site.empty() && std::find(out.begin(), out.end(), site) == out.end())
            out.push_back(site);
    }
    return out;
}

namespace {
// The nodes a site action fails (Kernel::applySite): the site's nodes but its users.
template <typename F> void forSiteMembers(const core::Topology& t, const std::string& site, F f)
{
    for (std::size_t i = 0; i < t.nodes.size(); ++i)
        if (t.nodes[i].spec() && !t.nodes[i].spec()->traits.source && t.nodes[i].site() == site)
            f(i);
}
} // namespace

bool SimulationController::siteDown(const std::string& site) const
{
    if (!m_sim || site.empty())
        return false;
    bool any = false, allDown = true;
    forSiteMembers(m_topology, site, [&](std::size_t i) {
        any = true;
        if (i < m_snapshot.nodes.size() && m_snapshot.nodes[i].up)
            allDown = false;
    });
    return any && allDown;
}

bool SimulationController::siteAnyDown(const std::string& site) const
{
    if (!m_sim || site.empty())
        return false;
    bool down = false;
    forSiteMembers(m_topology, site, [&](std::size_t i) {
        if (i < m_snapshot.nodes.size() && !m_snapshot.nodes[i].up)
            down = true;
    });
    return down;
}

void SimulationController::onDocumentNodeChanged(const core::NodeId& id)
{
    // A parameter edited in the inspector applies live; position and name need nothing.
    if (!m_sim)
        return;
    core::Node* mine = m_topology.findNode(id);
    const core::Node* theirs = m_document->node(id);
    if (!mine || !theirs)
        return;
    const core::KindSpec* spec = theirs->spec();
    if (!spec)
        return;
    for (const auto& p : spec->params) {
        const core::ParamValue now = theirs->param(p.name);
        if (now == mine->param(p.name) || p.check(now))
            continue;
        mine->params[p.name] = now;
        postAction(core::ActionType::Set, id, p.name, now);
    }
}

} // namespace scalelab::gui
