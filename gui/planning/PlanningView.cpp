#include "gui/planning/PlanningView.h"

#include <stdexcept>

#include <QAction>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include "core/experiment/SweepSpec.h"
#include "core/validation/Validator.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/document/Document.h"
#include "gui/planning/PlanDialog.h"
#include "gui/planning/PriceBook.h"
#include "gui/planning/SweepDialog.h"
#include "gui/planning/SweepDock.h"

namespace scalelab::gui {

namespace planning_view_detail {

// The window's menus are found by title: MainActions and LiveView own them.
QMenu* menuTitled(QMenuBar* bar, const QString& title)
{
    for (QAction* a : bar->actions())
        if (a->menu() && a->menu()->title() == title)
            return a->menu();
    return nullptr;
}

} // namespace planning_view_detail

PlanningView::PlanningView(QMainWindow* window, Document* document, CanvasScene* scene)
    : QObject(window), m_window(window), m_document(document), m_scene(scene),
      m_dock(new SweepDock(window)), m_sweep(new QAction(tr("S&weep…"), this)),
      m_plan(new QAction(tr("Si&ze It for Me…"), this)),
      m_prices(new QAction(tr("Load &Price Sheet…"), this))
{
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();
    m_sweep->setStatusTip(tr("Run the design over ranges of parameters on every core and chart "
                             "the figures with their intervals"));
    m_plan->setStatusTip(tr("Find the cheapest values of some knobs that meet the design's goals, "
                            "proven by simulation"));
    m_prices->setStatusTip(
        tr("Replace the illustrative cost_per_hour defaults with a price sheet"));
    connect(m_sweep, &QAction::triggered, this, &PlanningView::openSweepDialog);
    connect(m_plan, &QAction::triggered, this, &PlanningView::openPlanDialog);
    connect(m_prices, &QAction::triggered, this, &PlanningView::loadPriceSheet);
}

void PlanningView::populateMenus(QMenuBar* menuBar)
{
    using planning_view_detail::menuTitled;
    if (QMenu* file = menuTitled(menuBar, tr("&File"))) {
        // Beside the other exports and imports: before the separator that precedes Quit.
        const QList<QAction*> items = file->actions();
        QAction* before = items.size() >= 2 ? items[items.size() - 2] : nullptr;
        file->insertAction(before, m_prices);
    }
    if (QMenu* sim = menuTitled(menuBar, tr("&Simulation"))) {
        sim->addSeparator();
        sim->addAction(m_sweep);
        sim->addAction(m_plan);
        sim->addAction(m_dock->toggleViewAction());
    }
}

bool PlanningView::startSweep(const QStringList& vary, int replications, double durationS)
{
    core::Topology base = PriceBook::instance().priced(m_document->topology());
    base.simulation.durationS = durationS;
    if (base.simulation.warmupS >= durationS)
        base.simulation.warmupS = durationS / 10;
    try {
        for (const QString& v : vary)
            core::experiment::parseVary(v.toStdString(), base);
    } catch (const std::invalid_argument&) {
        return false;
    }
    m_dock->show();
    m_dock->raise();
    m_dock->start(base, vary, replications,
                  m_document->filePath().isEmpty() ? tr("untitled") : m_document->filePath());
    return true;
}

void PlanningView::openSweepDialog()
{
    if (core::hasErrors(m_document->diagnostics())) {
        QMessageBox::information(m_window, tr("Sweep"),
                                 tr("Fix the errors listed in Problems first: an invalid design "
                                    "cannot be simulated."));
        return;
    }
    const core::Topology priced = PriceBook::instance().priced(m_document->topology());
    SweepDialog dialog(priced, m_scene->selectedNodeIds(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_dock->show();
    m_dock->raise();
    m_dock->start(dialog.base(), dialog.varyTexts(), dialog.replications(),
                  m_document->filePath().isEmpty() ? tr("untitled") : m_document->filePath());
}

PlanDialog* PlanningView::planDialog()
{
    if (!m_planDialog) {
        m_planDialog = new PlanDialog(m_document, m_scene->selectedNodeIds(), m_window);
        // A new design (or the design edited) gets a fresh dialog next time.
        connect(m_document, &Document::changed, m_planDialog, [this] {
            if (m_planDialog && !m_planDialog->isVisible() && !m_planDialog->running()) {
                m_planDialog->deleteLater();
                m_planDialog = nullptr;
            }
        });
    }
    return m_planDialog;
}

void PlanningView::openPlanDialog()
{
    PlanDialog* dialog = planDialog();
    dialog->show();
    dialog->raise();
}

void PlanningView::loadPriceSheet()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Load price sheet"), QString(),
                                                      tr("Price sheet (*.json)"));
    if (path.isEmpty())
        return;
    QString errors;
    if (!PriceBook::instance().load(path, &errors)) {
        QMessageBox::warning(m_window, tr("Price sheet not loaded"),
                             tr("%1 has errors:\n%2").arg(QFileInfo(path).fileName(), errors));
        return;
    }
    m_window->statusBar()->showMessage(
        tr("Prices from %1: analysis, live runs and reports now use them")
            .arg(PriceBook::instance().sheetName()),
        8000);
}

} // namespace scalelab::gui
