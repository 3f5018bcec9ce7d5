#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMainWindow;
class QMenuBar;

namespace scalelab::gui {

class CanvasScene;
class Document;
class PlanDialog;
class SweepDock;

/// Capacity planning in the window: File > Load Price Sheet…, Simulation > Sweep… (a dock
/// whose chart fills in as points finish) and Simulation > Size It for Me… (the planner).
class PlanningView : public QObject {
    Q_OBJECT
public:
    PlanningView(QMainWindow* window, Document* document, CanvasScene* scene);

    /// Adds the actions to the File and Simulation menus (after the Simulation menu exists).
    void populateMenus(QMenuBar* menuBar);

    SweepDock* sweepDock() const { return m_dock; }
    /// Runs a sweep of the current design without the dialog (tests, scripts).
    bool startSweep(const QStringList& vary, int replications, double durationS);
    /// The planner's dialog, created on first use (modeless).
    PlanDialog* planDialog();

    QAction* sweepAction() const { return m_sweep; }
    QAction* planAction() const { return m_plan; }
    QAction* pricesAction() const { return m_prices; }

private:
    void openSweepDialog();
    void openPlanDialog();
    void loadPriceSheet();

    QMainWindow* m_window;
    Document* m_document;
    CanvasScene* m_scene;
    SweepDock* m_dock;
    PlanDialog* m_planDialog = nullptr;
    QAction* m_sweep;
    QAction* m_plan;
    QAction* m_prices;
};

} // namespace scalelab::gui
