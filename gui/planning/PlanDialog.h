#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include <QDialog>

#include "core/model/Topology.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace scalelab::core::experiment {
class SweepDesign;
}

namespace scalelab::gui {

class Document;
class ExperimentThread;
class KnobTable;

/// Simulation > Size It for Me…: the knobs and their ranges, then the planner at work off
/// the GUI thread (the analytic search, each candidate the simulation tries with its
/// verdict), the cheapest proven design, and Apply (one undoable edit).
class PlanDialog : public QDialog {
    Q_OBJECT
public:
    PlanDialog(Document* document, const std::vector<core::NodeId>& selected,
               QWidget* parent = nullptr);
    ~PlanDialog() override;

    KnobTable* knobs() const { return m_knobs; }
    /// Starts the planner; false (with the reason shown) when the knobs or goals are wrong.
    bool startPlan();
    bool running() const;
    /// The plan document once finished (null before).
    const nlohmann::ordered_json& plan() const { return m_plan; }
    /// Sets the chosen values on the document as one undoable edit.
    bool applyPlan();
    /// Writes the finished plan's report (HTML or PDF by the extension): what Save Report…
    /// does once it has the path; false with the reason when there is no plan or it failed.
    bool saveReport(const QString& path, QString* error) const;

Q_SIGNALS:
    void planFinished();

private:
    void onFinished();
    void saveReportWithDialog();

    Document* m_document;
    core::Topology m_topology; ///< what the plan sizes (priced), fixed while it runs
    KnobTable* m_knobs;
    QSpinBox* m_replications;
    QPushButton* m_start;
    QPushButton* m_apply;
    QPushButton* m_saveReport;
    QProgressBar* m_progress;
    QListWidget* m_steps;
    QLabel* m_result;
    ExperimentThread* m_thread;
    std::unique_ptr<core::experiment::SweepDesign> m_design;
    nlohmann::ordered_json m_plan;
    std::optional<std::size_t> m_chosenPoint;
};

} // namespace scalelab::gui
