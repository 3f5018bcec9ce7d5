#include "gui/app/MainWindow.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include "core/sim/Simulation.h"
#include "gui/app/MainActions.h"
#include "gui/app/ShortcutList.h"
#include "gui/canvas/AnalysisMarks.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasView.h"
#include "gui/canvas/EditOperations.h"
#include "gui/canvas/NodeItem.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/docks/HistoryDock.h"
#include "gui/docks/InspectorDock.h"
#include "gui/docks/PaletteDock.h"
#include "gui/docks/ProblemsDock.h"
#include "gui/document/Autosave.h"
#include "gui/document/Document.h"
#include "gui/document/FileController.h"
#include "gui/live/Baseline.h"
#include "gui/live/EventsDock.h"
#include "gui/live/GoalsDock.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/SimulationController.h"
#include "gui/planning/PlanningView.h"
#include "gui/planning/SweepDock.h"
#include "gui/tools/Tool.h"

namespace scalelab::gui {

MainWindow::MainWindow(QWidget* parent) : MainWindow(Interaction::Dialogs, parent) {}

MainWindow::MainWindow(Interaction interaction, QWidget* parent)
    : QMainWindow(parent), m_interaction(interaction), m_document(new Document(this)),
      m_scene(new CanvasScene(m_document, this)), m_view(new CanvasView(m_scene, this)),
      m_files(new FileController(m_document, this, interaction == Interaction::Dialogs, this)),
      m_edit(new EditOperations(m_scene)), m_palette(new PaletteDock(this)),
      m_inspector(new InspectorDock(m_document, m_scene, this)),
      m_problems(new ProblemsDock(m_document, this)),
      m_history(new HistoryDock(m_document->undoStack(), this)), m_actions(new MainActions(this)),
      m_analysis(new AnalysisDock(m_document, this)), m_marks(new AnalysisMarks(m_scene)),
      m_live(new LiveView(this, m_document, m_scene, m_view)), m_zoomLabel(new QLabel(this)),
      m_validityLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setCentralWidget(m_view);
    setDockNestingEnabled(true);
    // Side columns run full height; the problems list sits under the canvas only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_palette);
    addDockWidget(Qt::RightDockWidgetArea, m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_history);
    splitDockWidget(m_inspector, m_history, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, m_problems);
    // The simulation's and the analysis' docks share the places of the editor's: charts
    // beside the problems list; analysis and the event log beside the history.
    addDockWidget(Qt::BottomDockWidgetArea, m_live->metricsDock());
    tabifyDockWidget(m_problems, m_live->metricsDock());
    addDockWidget(Qt::RightDockWidgetArea, m_analysis);
    tabifyDockWidget(m_history, m_analysis);
    addDockWidget(Qt::RightDockWidgetArea, m_live->eventsDock());
    tabifyDockWidget(m_analysis, m_live->eventsDock());
    // Goals in a tab of their own beside the analysis they are judged with, not a line
    // under the charts that the charts push out of sight.
    addDockWidget(Qt::RightDockWidgetArea, m_live->goalsDock());
    tabifyDockWidget(m_live->eventsDock(), m_live->goalsDock());
    m_problems->raise();
    m_analysis->raise();
    resize(1280, 800);
    applyDefaultDockSizes();

    auto* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("MainToolBar"));
    toolBar->setMovable(false);
    m_actions->populate(menuBar(), toolBar);
    addToolBar(m_live->toolBar());
    m_live->populateMenu(menuBar());
    m_planning = new PlanningView(this, m_document, m_scene);
    m_planning->populateMenus(menuBar());
    // The sweep's chart is a tab beside the live charts, not a dock of its own beside them:
    // that would take the width of the palette (and Reset Layout shows every dock).
    tabifyDockWidget(m_live->metricsDock(), m_planning->sweepDock());
    m_problems->raise();
    // Every menu is in place: one rule for the tooltips of all their actions.
    addShortcutsToTooltips(menuBar());

    // The analysis follows every edit; its marks give way to the live view during a run.
    m_scene->addItem(m_marks);
    const auto showMarks = [this] {
        m_marks->setAnalysis(m_live->controller()->isActive() ? nullptr : &m_analysis->analysis());
    };
    connect(m_analysis, &AnalysisDock::analysisChanged, this, showMarks);
    connect(m_live->controller(), &SimulationController::stateChanged, this, showMarks);
    showMarks();
    connect(m_live, &LiveView::baselineChanged, this,
            [this](const std::shared_ptr<const Baseline>& baseline) {
                m_analysis->setBaseline(baseline ? &baseline->results : nullptr,
                                        baseline ? baseline->label : QString());
            });
    connect(m_analysis, &AnalysisDock::nodeActivated, this,
            [this](const core::NodeId& id) { m_scene->selectNodes({id}); });
    // After a run (finished or paused), the simulated figures sit beside the estimates.
    connect(m_live->controller(), &SimulationController::stateChanged, this,
            [this](SimulationController::State state) {
                if (state == SimulationController::State::Finished ||
                    state == SimulationController::State::Paused)
                    m_analysis->setRunResults(m_live->controller()->results());
                else if (state == SimulationController::State::Stopped)
                    m_analysis->clearRunResults();
                else if (state == SimulationController::State::Running) {
                    // A run of a diagram with goals is about them; otherwise the log.
                    const core::Topology* t = m_live->controller()->simTopology();
                    if (t && !t->goals.empty())
                        m_live->goalsDock()->raise();
                    else
                        m_live->eventsDock()->raise();
                }
            });

    m_validityLabel->setContentsMargins(12, 0, 12, 0);
    statusBar()->addPermanentWidget(m_validityLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    connect(m_scene, &CanvasScene::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_files, &FileController::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(m_view, &CanvasView::zoomChanged, this, &MainWindow::updateStatusLabels);
    connect(m_document, &Document::diagnosticsChanged, this, &MainWindow::updateStatusLabels);

    connect(m_palette, &PaletteDock::addRequested, this, &MainWindow::addAtViewCentre);
    connect(m_palette, &PaletteDock::placeRequested, this,
            [this](const std::string& kind) { m_scene->armPlaceTool(kind); });
    connect(m_problems, &ProblemsDock::nodeActivated, this, [this](const core::NodeId& id) {
        m_scene->selectNodes({id});
        if (NodeItem* item = m_scene->nodeItem(id))
            m_view->ensureVisible(item, 80, 80);
    });

    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::infoChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::resetDone, this, [this] {
        updateTitle();
        // Shown once the view has its final size (after the event loop lays it out).
        QTimer::singleShot(0, m_view, &CanvasView::showForReading);
    });
    updateTitle();
    updateStatusLabels();
    m_view->setFocus();

    m_defaultState = saveState();
    m_defaultSize = size();
    if (m_interaction == Interaction::Dialogs) {
        // A person gets back the layout they left; tests and screenshots always see the
        // default one.
        QSettings settings;
        if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
            if (const QScreen* screen = this->screen()) {
                // A first start takes most of the screen, all of a laptop's: a lesson's
                // diagram then shows whole at a readable zoom beside the docks.
                const QSize available = screen->availableGeometry().size();
                resize(size().expandedTo(available * 0.9).boundedTo(available));
                if (available.width() < 1600 || available.height() < 1000)
                    setWindowState(windowState() | Qt::WindowMaximized);
                applyDefaultDockSizes();
            }
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
        QTimer::singleShot(0, m_files, &FileController::offerRecovery);
    }
}

MainWindow::~MainWindow()
{
    // Views before the scene before the document: each one listens to the next. All docks
    // go first (also ones added by other parts of the program), they may show the document.
    qDeleteAll(findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly));
    delete m_live; // the simulation reads the document and draws on the scene
    delete m_view;
    delete m_scene;
}

bool MainWindow::openFile(const QString& path)
{
    return m_files->open(path);
}

void MainWindow::updateTitle()
{
    // The file is what a person saved and looks for: its name, as every editor shows it.
    // Without one, the diagram's name ("Untitled" for a new one, an example's title for
    // its copy).
    QString name = m_document->displayName();
    if (m_document->filePath().isEmpty() && !m_document->topology().name.empty())
        name = QString::fromStdString(m_document->topology().name);
    setWindowTitle(QStringLiteral("%1[*] — ScaleLab").arg(name));
    setWindowFilePath(m_document->filePath());
    setWindowModified(m_document->isModified());
}

void MainWindow::updateStatusLabels()
{
    m_zoomLabel->setText(tr("Zoom %1 %").arg(qRound(m_view->zoom() * 100)));
    int errors = 0;
    int warnings = 0;
    for (const auto& d : m_document->diagnostics())
        (d.severity == core::Severity::Error ? errors : warnings)++;
    if (errors == 0 && warnings == 0)
        m_validityLabel->setText(tr("✔ valid"));
    else
        m_validityLabel->setText(QStringLiteral("%1, %2").arg(
            errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors),
            warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings)));
}

void MainWindow::addAtViewCentre(const std::string& kind)
{
    m_scene->setTool(nullptr); // the click of the double-click armed the place tool
    QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    // Do not drop it exactly onto another node.
    while (m_scene->nodeItemAt(m_scene->snap(centre)))
        centre += QPointF(40, 40);
    m_scene->placeNode(kind, centre);
    m_view->setFocus();
}

void MainWindow::resetLayout()
{
    if (!isMaximized() && !isFullScreen())
        resize(m_defaultSize.expandedTo(size()));
    restoreState(m_defaultState);
    for (QDockWidget* dock : findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
        if (!dock->isFloating() && dockWidgetArea(dock) != Qt::NoDockWidgetArea)
            dock->show();
    applyDefaultDockSizes();
}

void MainWindow::applyDefaultDockSizes()
{
    resizeDocks({m_palette, m_inspector}, {250, 310}, Qt::Horizontal);
    resizeDocks({m_inspector, m_history}, {380, 310}, Qt::Vertical);
    resizeDocks({m_problems}, {120}, Qt::Vertical);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About ScaleLab"),
        tr("<h3>ScaleLab %1</h3>"
           "<p>A sandbox for web-system architecture: draw clients, DNS, load balancers, "
           "web servers, caches and replicated databases, run a discrete-event simulation "
           "and watch traffic, latency and failover.</p>"
           "<p>Drag components from the palette. Drag from a node's blue handle, or "
           "Shift+drag, to link. Ctrl+D duplicates with links. Wheel zooms, middle-drag or "
           "Space+drag pans.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(SCALELAB_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    m_files->autosave()->discard(); // a clean exit leaves nothing to recover
    if (m_interaction == Interaction::Dialogs) {
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
    }
    event->accept();
}

} // namespace scalelab::gui
