#pragma once

#include <memory>
#include <utility>

#include <QDockWidget>

class QChart;
class QGridLayout;
class QLabel;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace scalelab::gui {

class SimulationController;
struct Baseline;

/// Live charts over simulated time: throughput, latency percentiles (p50/p95/p99),
/// errors per second, the utilization of the busiest nodes, when the diagram has a message
/// queue the jobs waiting in its backlog, and when it has autoscaled pools their serving
/// instances. One point per simulated
/// second, replaced in bulk once per frame (appending point by point costs too much at
/// 1000x).
class MetricsDock : public QDockWidget {
    Q_OBJECT
public:
    MetricsDock(const SimulationController* controller, QWidget* parent = nullptr);

    /// Re-reads the controller's chart points; cheap when nothing new arrived.
    void refresh();
    void clear();
    /// Points currently in the throughput chart (tests).
    int pointCount() const;
    /// Whether the backlog chart shows (the diagram has a message queue), and its points.
    bool backlogShown() const;
    int backlogPointCount() const;
    /// Pools whose instances are charted (tests); the chart is hidden without any.
    int instanceSeriesCount() const { return static_cast<int>(m_instanceSeries.size()); }
    bool instancesChartShown() const;
    /// Curves of an earlier run drawn in grey under the current ones (null: none).
    void setBaseline(std::shared_ptr<const Baseline> baseline);
    /// Points of the baseline's throughput curve shown (tests).
    int baselinePointCount() const;
    /// What share of the finished requests failed so far, and why ("Failed: 13.5% ...").
    QString failuresText() const;
    /// The busiest nodes' names under their chart, each in its curve's colour (tests).
    QLabel* busiestLegend() const { return m_busiestLegend; }
    /// The time axes' span: a run this long shows whole; a longer one its last minutes.
    static constexpr double kTimeWindowS = 120;
    /// The simulated seconds the time axes show at `nowS` of a run of `endS` seconds.
    static std::pair<double, double> timeWindow(double endS, double nowS);

private:
    struct Chart {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QValueAxis* x = nullptr;
        QValueAxis* y = nullptr;
    };
    Chart makeChart(const QString& title, const QString& yTitle);
    QLineSeries* addSeries(Chart& chart, const QString& name, const QColor& colour);
    void refreshUtilization();
    /// Slides every chart's time axis to show the window ending at `nowS`.
    void followTime(double nowS);
    /// Ticks on the time axis no closer than its labels are wide, at the chart's width.
    static void fitTimeTicks(const Chart& chart);
    void refreshBaseline();
    QLineSeries* addBaselineSeries(Chart& chart, const QString& name, Qt::PenStyle style);
    void refreshInstances();
    void refreshFailures();

    const SimulationController* m_controller;
    void refreshBacklog();

    Chart m_throughput, m_latency, m_errors, m_utilization, m_instances;
    Chart m_backlog;
    QLineSeries* m_backlogSeries = nullptr;
    QLineSeries* m_throughputSeries = nullptr;
    QLineSeries* m_p50 = nullptr;
    QLineSeries* m_p95 = nullptr;
    QLineSeries* m_p99 = nullptr;
    QLineSeries* m_errorSeries = nullptr;
    std::vector<QLineSeries*> m_utilSeries;
    std::vector<std::size_t> m_utilNodes;
    std::vector<QLineSeries*> m_instanceSeries; ///< one per autoscaled pool (at most 4)
    std::vector<std::size_t> m_instanceNodes;
    std::size_t m_shownPoints = 0;
    std::shared_ptr<const Baseline> m_baseline;
    std::vector<QLineSeries*> m_baselineSeries; ///< throughput, p50, p95, p99, errors
    std::vector<QLineSeries*> m_baselineUtil;   ///< one per busiest node the baseline has
    double m_baselineMax[3] = {0, 0, 0};        ///< throughput, p99, errors: for the y axes
    QLabel* m_failures = nullptr;
    QGridLayout* m_grid = nullptr;
    QLabel* m_busiestLegend = nullptr;
};

} // namespace scalelab::gui
