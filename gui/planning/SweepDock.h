#pragma once

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include <QDockWidget>
#include <QStringList>

#include "core/model/Topology.h"

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace scalelab::core::experiment {
class SweepDesign;
}

namespace scalelab::gui {

class ExperimentThread;

/// Simulation > Sweep…: the sweep runs on every core off the GUI thread while this dock's
/// chart fills in point by point (mean line, 95% band), with progress and Cancel. When done
/// its document can be saved as JSON or as a report, as `scalelab sweep` writes them.
class SweepDock : public QDockWidget {
    Q_OBJECT
public:
    explicit SweepDock(QWidget* parent = nullptr);
    ~SweepDock() override;

    /// Starts a sweep of `base` over the --vary texts (already checked), R seeds a point.
    void start(const core::Topology& base, const QStringList& vary, int replications,
               const QString& file);
    void cancel();
    bool running() const;

    int pointsDone() const { return static_cast<int>(m_points.size()); }
    /// The document so far (the whole sweep once finished).
    nlohmann::ordered_json document() const;
    QString statusText() const;

Q_SIGNALS:
    void pointAdded(int index);
    void sweepFinished(bool cancelled);

private:
    void redraw();
    void addPoint(nlohmann::ordered_json point);
    void onFinished();
    void saveJson();
    void saveReport();

    QComboBox* m_figure;
    QChart* m_chart; // before m_view, which is built around it
    QChartView* m_view;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QPushButton* m_saveJson;
    QPushButton* m_saveReport;
    QLabel* m_status;
    ExperimentThread* m_thread;
    std::unique_ptr<core::experiment::SweepDesign> m_design;
    QString m_file;
    int m_replications = 1;
    std::vector<nlohmann::ordered_json> m_points;
};

} // namespace scalelab::gui
