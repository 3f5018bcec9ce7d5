#include "gui/live/LiveView.h"

#include <algorithm>

#include <QAction>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QGraphicsView>
#include <QHelpEvent>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QToolTip>

#include "gui/app/ActionIcons.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/Document.h"
#include "gui/live/Baseline.h"
#include "gui/live/EventsDock.h"
#include "gui/live/GoalsDock.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/NodeStatusLayer.h"
#include "gui/live/SimulationController.h"
#include "gui/live/TrafficLayer.h"

namespace scalelab::gui {

namespace {
struct SpeedChoice {
    const char* label;
    double speed;
};
constexpr SpeedChoice kSpeeds[] = {
    {"0.1x", 0.1}, {"0.5x", 0.5},   {"1x", 1},
    {"2x", 2},     {"5x", 5},       {"10x", 10},
    {"100x", 100}, {"1000x", 1000}, {"Max", SimulationController::kMaxSpeed}};
constexpr int kDefaultSpeed = 2; // 1x

QString formatSpeed(double speed)
{
    return speed >= 10 ? QString::number(speed, 'f', 0) : QString::number(speed, 'g', 2);
}

// 950, 12 k, 3.4 M: an events rate as a person reads it.
QString formatRate(double perSecond)
{
    if (perSecond >= 1e6)
        return QStringLiteral("%1 M").arg(perSecond / 1e6, 0, 'f', 1);
    if (perSecond >= 1e4)
        return QStringLiteral("%1 k").arg(perSecond / 1e3, 0, 'f', 0);
    return QString::number(perSecond, 'f', 0);
}
} // namespace

LiveView::LiveView(QMainWindow* window, Document* document, CanvasScene* scene, QGraphicsView* view)
    : QObject(window), m_window(window), m_document(document), m_scene(scene), m_view(view),
      m_controller(new SimulationController(document, this)),
      m_traffic(new TrafficLayer(scene, m_controller)),
      m_status(new NodeStatusLayer(scene, m_controller)),
      m_metrics(new MetricsDock(m_controller, window)),
      m_events(new EventsDock(m_controller, window)),
      m_goals(new GoalsDock(document, m_controller, window)),
      m_toolBar(new QToolBar(tr("Simulation"), window)), m_speed(new QComboBox(window)),
      m_clock(new QLabel(window))
{
    scene->addItem(m_traffic);
    scene->addItem(m_status);
    m_toolBar->setObjectName(QStringLiteral("SimulationToolBar"));
    createActions();
    // Room on both sides: the status bar's messages and the validity label beside it must
    // not run into the clock.
    m_clock->setContentsMargins(12, 0, 12, 0);
    window->statusBar()->addPermanentWidget(m_clock);
    m_viewport = view->viewport();
    m_viewport->installEventFilter(this);

    connect(m_controller, &SimulationController::frameReady, this, &LiveView::onFrame);
    connect(m_controller, &SimulationController::stateChanged, this, &LiveView::onStateChanged);
    connect(m_controller, &SimulationController::eventsLogged, this, [this](int first) {
        m_events->append(first);
        m_status->addEvents(first);
    });
    connect(m_controller, &SimulationController::chartReset, this, [this] {
        m_metrics->clear();
        m_events->clear();
        m_goals->refresh();
        m_status->clearMarkers();
    });
    connect(m_controller, &SimulationController::message, this,
            [this](const QString& text) { m_window->statusBar()->showMessage(text, 8000); });
    connect(m_events, &EventsDock::nodeActivated, this, [this](const QString& id) {
        if (!id.isEmpty())
            m_scene->selectNodes({core::NodeId{id.toStdString()}});
    });
    onStateChanged();
}

LiveView::~LiveView() = default;

void LiveView::createActions()
{
    m_run = new QAction(tr("&Run"), this);
    m_run->setShortcut(Qt::Key_F5);
    m_run->setToolTip(tr("Run the simulation (F5)"));
    m_pause = new QAction(tr("&Pause"), this);
    m_pause->setShortcut(Qt::Key_F6);
    m_pause->setToolTip(tr("Pause (F6)"));
    m_step = new QAction(tr("&Step"), this);
    m_step->setShortcut(Qt::Key_F10);
    m_step->setToolTip(tr("Advance 0.1 simulated seconds (F10)"));
    m_reset = new QAction(tr("R&eset"), this);
    m_reset->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_reset->setToolTip(tr("Back to time 0; edits to the structure apply now (Shift+F5)"));
    connect(m_run, &QAction::triggered, m_controller, [this] { m_controller->run(); });
    connect(m_pause, &QAction::triggered, m_controller, &SimulationController::pause);
    connect(m_step, &QAction::triggered, m_controller, [this] { m_controller->step(); });
    connect(m_reset, &QAction::triggered, m_controller, &SimulationController::reset);
    m_setBaseline = new QAction(tr("Set as &Baseline"), this);
    m_setBaseline->setToolTip(tr("Keep this run: later runs draw its curves in grey under "
                                 "their own, and the analysis shows both with the differences"));
    m_clearBaseline = new QAction(tr("C&lear Baseline"), this);
    connect(m_setBaseline, &QAction::triggered, this, [this] { setBaseline(); });
    connect(m_clearBaseline, &QAction::triggered, this, &LiveView::clearBaseline);
    for (const auto& s : kSpeeds)
        m_speed->addItem(QString::fromLatin1(s.label), s.speed);
    m_speed->setCurrentIndex(kDefaultSpeed);
    m_speed->setToolTip(tr("Simulated seconds per wall-clock second"));
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int) { m_controller->setSpeed(m_speed->currentData().toDouble()); });
    m_controller->setSpeed(kSpeeds[kDefaultSpeed].speed);
    m_run->setIcon(actionIcon(QStringLiteral("run")));
    m_pause->setIcon(actionIcon(QStringLiteral("pause")));
    m_step->setIcon(actionIcon(QStringLiteral("step")));
    m_reset->setIcon(actionIcon(QStringLiteral("reset")));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_run);
    m_toolBar->addAction(m_pause);
    m_toolBar->addAction(m_step);
    m_toolBar->addAction(m_reset);
    // Run reads "Continue" while paused: its button is as wide as the longer label, so
    // Pause, Step and Speed never move under the pointer.
    if (QWidget* button = m_toolBar->widgetForAction(m_run)) {
        const int longer = std::max(button->fontMetrics().horizontalAdvance(tr("Continue")),
                                    button->fontMetrics().horizontalAdvance(tr("Run")));
        button->setMinimumWidth(longer + m_toolBar->iconSize().width() + 24);
    }
    m_toolBar->addWidget(new QLabel(tr(" Speed "), m_toolBar));
    m_toolBar->addWidget(m_speed);
}

void LiveView::populateMenu(QMenuBar* menuBar)
{
    QMenu* menu = new QMenu(tr("&Simulation"), menuBar);
    menu->addAction(m_run);
    menu->addAction(m_pause);
    menu->addAction(m_step);
    menu->addAction(m_reset);
    menu->addSeparator();
    menu->addAction(m_setBaseline);
    menu->addAction(m_clearBaseline);
    menu->addSeparator();
    // Built when opened: the sites are those of the run, their state as it is now.
    m_sitesMenu = menu->addMenu(tr("&Data Centers"));
    m_sitesMenu->setToolTipsVisible(true);
    connect(m_sitesMenu, &QMenu::aboutToShow, this, &LiveView::fillSitesMenu);
    m_sitesMenu->menuAction()->setEnabled(!m_controller->sites().empty());
    menu->addSeparator();
    menu->addAction(m_metrics->toggleViewAction());
    menu->addAction(m_goals->toggleViewAction());
    menu->addAction(m_events->toggleViewAction());
    // Before Help, where people look for it.
    const QList<QAction*> existing = menuBar->actions();
    if (existing.isEmpty())
        menuBar->addMenu(menu);
    else
        menuBar->insertMenu(existing.last(), menu);
}

void LiveView::onFrame()
{
    m_traffic->refresh();
    m_status->refresh();
    m_metrics->refresh();
    m_goals->refreshThrottled();
    updateStatus();
}

void LiveView::onStateChanged()
{
    using State = SimulationController::State;
    const State s = m_controller->state();
    m_run->setEnabled(s != State::Running);
    m_run->setText(s == State::Paused ? tr("&Continue") : tr("&Run"));
    m_pause->setEnabled(s == State::Running);
    m_step->setEnabled(s != State::Running && s != State::Finished);
    m_reset->setEnabled(s != State::Stopped);
    m_setBaseline->setEnabled(s != State::Stopped && !m_controller->chart().empty());
    m_clearBaseline->setEnabled(m_baseline != nullptr);
    if (m_sitesMenu)
        m_sitesMenu->menuAction()->setEnabled(!m_controller->sites().empty());
    if (s == State::Running) {
        m_metrics->raise();
        cacheStaticLayer(true);
    }
    if (s != State::Running)
        m_goals->refresh();
    updateStatus();
}

void LiveView::updateStatus()
{
    m_clock->setText(statusText());
}

QString LiveView::statusText() const
{
    using State = SimulationController::State;
    const State s = m_controller->state();
    if (s == State::Stopped)
        return tr("Simulation: stopped");
    QString text = tr("t = %1 s / %2 s")
                       .arg(m_controller->simSeconds(), 0, 'f', 1)
                       .arg(m_controller->endSeconds(), 0, 'f', 0);
    if (s == State::Running) {
        const double speed = m_controller->speed();
        const bool max = speed == SimulationController::kMaxSpeed;
        text += max ? tr("  ·  max speed (%1x)").arg(formatSpeed(m_controller->achievedSpeed()))
                    : tr("  ·  %1x").arg(formatSpeed(speed));
        if (!max && m_controller->achievedSpeed() > 0 &&
            m_controller->achievedSpeed() < 0.8 * speed)
            text += tr(" (falling behind: %1x)").arg(formatSpeed(m_controller->achievedSpeed()));
        // The engine's rate says something only when it is the limit (Max speed, or
        // falling behind); at 1x it is the model's rate, not the engine's.
        if (max)
            text += tr("  ·  %1 events/s").arg(formatRate(m_controller->eventsPerWallSecond()));
        if (m_traffic->showsDensity())
            text += tr("  ·  too fast for dots: lines show requests on links");
    } else if (s == State::Paused) {
        text += tr("  ·  paused");
    } else {
        text += tr("  ·  finished");
    }
    // A run where nothing can happen (a lone client, clients with no entry) looks broken
    // unless it says why.
    if (m_controller->snapshot().generated == 0 && m_controller->simSeconds() >= 1.0)
        text += tr("  ·  no requests: link a client to a server (or DNS and a load balancer)");
    if (m_controller->hasPendingStructure())
        text += tr("  ·  structure edited: applies at reset");
    return text;
}

void LiveView::cacheStaticLayer(bool on)
{
    for (QGraphicsItem* item : m_scene->items())
        if (item != m_traffic && item != m_status)
            item->setCacheMode(on ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
}

bool LiveView::runFor(double simSeconds)
{
    if (simSeconds <= 0)
        return true;
    if (!m_controller->advanceTo(simSeconds))
        return false;
    // The picture after a jump shows where requests are at that instant, as dots.
    onFrame();
    m_traffic->showDots();
    updateStatus();
    return true;
}

bool LiveView::setBaseline()
{
    if (!m_controller->isActive() || m_controller->chart().empty())
        return false;
    auto baseline = std::make_shared<Baseline>();
    const QString name = QString::fromStdString(m_document->topology().name);
    baseline->label = tr("%1 at %2 s")
                          .arg(name.isEmpty() ? tr("the run") : name)
                          .arg(m_controller->simSeconds(), 0, 'f', 0);
    baseline->chart = m_controller->chart();
    for (const core::Node& n : m_controller->simTopology()->nodes)
        baseline->nodeIds.push_back(n.id.str());
    baseline->results = m_controller->results();
    m_baseline = std::move(baseline);
    m_metrics->setBaseline(m_baseline);
    m_clearBaseline->setEnabled(true);
    m_window->statusBar()->showMessage(
        tr("Baseline kept: %1. Change the design and run again to compare.").arg(m_baseline->label),
        8000);
    Q_EMIT baselineChanged(m_baseline);
    return true;
}

void LiveView::clearBaseline()
{
    m_baseline.reset();
    m_metrics->setBaseline(nullptr);
    m_clearBaseline->setEnabled(false);
    Q_EMIT baselineChanged(nullptr);
}

QString LiveView::liveTooltip(const QString& nodeId) const
{
    const auto index = m_controller->simIndex(core::NodeId{nodeId.toStdString()});
    if (!index || *index >= m_controller->snapshot().nodes.size())
        return {};
    const core::sim::NodeSnapshot& n = m_controller->snapshot().nodes[*index];
    const core::Node& node = m_controller->simTopology()->nodes[*index];
    QString text = QStringLiteral("<b>%1</b> — %2<br>")
                       .arg(QString::fromStdString(node.displayName()).toHtmlEscaped(),
                            n.up ? tr("up") : tr("<span style='color:#dc2626'>DOWN</span>"));
    if (!n.role.empty())
        text += tr("role: %1<br>").arg(QString::fromStdString(n.role));
    if (n.servers > 0)
        text += tr("utilization %1%  ·  busy %2 of %3<br>queued %4<br>")
                    .arg(100 * n.utilization, 0, 'f', 0)
                    .arg(n.busy)
                    .arg(n.servers)
                    .arg(n.queueLength);
    if (n.shardUtilization.size() > 1) {
        QStringList shards;
        for (double u : n.shardUtilization)
            shards << QString::number(100 * u, 'f', 0);
        text += tr("shards busy %1 %<br>").arg(shards.join(QStringLiteral(" · ")));
    }
    if (n.hasBacklog)
        text += n.backlogCapacity > 0
                    ? tr("jobs waiting %1 of %2<br>").arg(n.backlog).arg(n.backlogCapacity)
                    : tr("jobs waiting %1<br>").arg(n.backlog);
    text += tr("arrivals %1  ·  completed %2  ·  failed %3")
                .arg(n.arrivals)
                .arg(n.completed)
                .arg(n.failed);
    return text;
}

bool LiveView::fillNodeMenu(QMenu* menu, const core::NodeId& id)
{
    if (!m_controller->simIndex(id))
        return false;
    const auto index = *m_controller->simIndex(id);
    const bool up = index < m_controller->snapshot().nodes.size()
                        ? m_controller->snapshot().nodes[index].up
                        : true;
    menu->setToolTipsVisible(true);
    SimulationController* controller = m_controller;
    QAction* fail = menu->addAction(tr("Fail %1").arg(QString::fromStdString(id.str())));
    fail->setEnabled(up);
    connect(fail, &QAction::triggered, controller, [controller, id] { controller->failNode(id); });
    QAction* recover = menu->addAction(tr("Recover %1").arg(QString::fromStdString(id.str())));
    recover->setEnabled(!up);
    connect(recover, &QAction::triggered, controller,
            [controller, id] { controller->recoverNode(id); });
    const core::Node& node = m_controller->simTopology()->nodes[index];
    if (node.spec() && node.spec()->allows(core::ActionType::Promote) &&
        index < m_controller->snapshot().nodes.size() &&
        m_controller->snapshot().nodes[index].role == "replica") {
        QAction* promote = menu->addAction(tr("Promote to master"));
        connect(promote, &QAction::triggered, controller,
                [controller, id] { controller->promoteNode(id); });
    }
    // The node's whole data center, as a scenario's fail_site / recover_site step.
    const std::string site = node.spec() ? node.site() : std::string();
    if (!site.empty()) {
        menu->addSeparator();
        addSiteActions(menu, site);
    }
    return true;
}

void LiveView::addSiteActions(QMenu* menu, const std::string& site)
{
    SimulationController* controller = m_controller;
    const QString name = QString::fromStdString(site);
    QAction* fail = menu->addAction(tr("Fail site %1").arg(name));
    fail->setToolTip(tr("Every node of data center %1 fails at once (its users stay)").arg(name));
    fail->setEnabled(!controller->siteDown(site));
    connect(fail, &QAction::triggered, controller,
            [controller, site] { controller->failSite(site); });
    QAction* recover = menu->addAction(tr("Recover site %1").arg(name));
    recover->setToolTip(tr("Every failed node of data center %1 comes back").arg(name));
    recover->setEnabled(controller->siteAnyDown(site));
    connect(recover, &QAction::triggered, controller,
            [controller, site] { controller->recoverSite(site); });
}

void LiveView::fillSitesMenu()
{
    m_sitesMenu->clear();
    const std::vector<std::string> sites = m_controller->sites();
    if (sites.empty()) {
        m_sitesMenu->addAction(tr("No data centers in this run"))->setEnabled(false);
        return;
    }
    for (const std::string& site : sites)
        addSiteActions(m_sitesMenu, site);
}

bool LiveView::showNodeMenu(const QPoint& viewportPos, const QPoint& globalPos)
{
    NodeItem* item = m_scene->nodeItemAt(m_view->mapToScene(viewportPos));
    if (!item)
        return false;
    QMenu menu;
    if (!fillNodeMenu(&menu, item->nodeId()))
        return false;
    menu.exec(globalPos);
    return true;
}

bool LiveView::eventFilter(QObject* watched, QEvent* event)
{
    // Only two kinds of event matter; anything else (also those sent while the view is
    // being destroyed) passes untouched, without looking at the view.
    const QEvent::Type type = event->type();
    if ((type != QEvent::ContextMenu && type != QEvent::ToolTip) || watched != m_viewport ||
        !m_controller->isActive())
        return QObject::eventFilter(watched, event);
    if (type == QEvent::ContextMenu) {
        auto* e = static_cast<QContextMenuEvent*>(event);
        return showNodeMenu(e->pos(), e->globalPos());
    }
    auto* e = static_cast<QHelpEvent*>(event);
    if (NodeItem* item = m_scene->nodeItemAt(m_view->mapToScene(e->pos()))) {
        const QString text = liveTooltip(QString::fromStdString(item->nodeId().str()));
        if (!text.isEmpty()) {
            QToolTip::showText(e->globalPos(), text, m_view->viewport());
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace scalelab::gui
