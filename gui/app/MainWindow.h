#pragma once

#include <memory>

#include <QMainWindow>

class QLabel;

namespace scalelab::gui {

class AnalysisDock;
class AnalysisMarks;
class CanvasScene;
class CanvasView;
class Document;
class EditOperations;
class FileController;
class HistoryDock;
class InspectorDock;
class LiveView;
class MainActions;
class PaletteDock;
class PlanningView;
class ProblemsDock;

/// The application window. Thin: it lays out the canvas and docks; actions, docks,
/// tools, file handling and edit operations live in their own classes.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `Dialogs` for a person at the screen; `NoDialogs` for tests and --screenshot:
    /// nothing modal ever opens, problems go to stderr.
    enum class Interaction { Dialogs, NoDialogs };

    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(Interaction interaction, QWidget* parent = nullptr);
    ~MainWindow() override;

    Interaction interaction() const { return m_interaction; }
    /// Opens a .scalelab file; on failure shows its errors and keeps the current document.
    bool openFile(const QString& path);

    Document* document() const { return m_document; }
    CanvasScene* scene() const { return m_scene; }
    CanvasView* view() const { return m_view; }
    FileController* fileController() const { return m_files; }
    EditOperations* editOperations() const { return m_edit.get(); }
    PaletteDock* paletteDock() const { return m_palette; }
    InspectorDock* inspectorDock() const { return m_inspector; }
    ProblemsDock* problemsDock() const { return m_problems; }
    HistoryDock* historyDock() const { return m_history; }
    MainActions* actions() const { return m_actions; }
    AnalysisDock* analysisDock() const { return m_analysis; }
    AnalysisMarks* analysisMarks() const { return m_marks; }
    /// The simulation side: Run/Pause, traffic on the canvas, metrics and events docks.
    LiveView* liveView() const { return m_live; }
    /// Capacity planning: price sheet, sweeps and the planner.
    PlanningView* planningView() const { return m_planning; }

public Q_SLOTS:
    void showAbout();
    /// View > Reset Layout: the docks and toolbars as a first start shows them (a layout
    /// squeezed by a small window is otherwise kept across restarts).
    void resetLayout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void applyDefaultDockSizes();
    void updateTitle();
    void updateStatusLabels();
    void addAtViewCentre(const std::string& kind);

    Interaction m_interaction;
    QByteArray m_defaultState;
    QSize m_defaultSize;
    Document* m_document;
    CanvasScene* m_scene;
    CanvasView* m_view;
    FileController* m_files;
    std::unique_ptr<EditOperations> m_edit;
    PaletteDock* m_palette;
    InspectorDock* m_inspector;
    ProblemsDock* m_problems;
    HistoryDock* m_history;
    MainActions* m_actions;
    AnalysisDock* m_analysis;
    AnalysisMarks* m_marks;
    LiveView* m_live;
    PlanningView* m_planning = nullptr;
    QLabel* m_zoomLabel;
    QLabel* m_validityLabel;
};

} // namespace scalelab::gui
