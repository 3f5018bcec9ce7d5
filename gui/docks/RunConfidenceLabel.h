#pragma once

#include <QLabel>

namespace scalelab::core::sim {
struct RunResults;
}

namespace scalelab::gui {

/// The run's headline figures with their 95% intervals (batch means) and the run's
/// warnings, such as an interval wider than 5% with the run length that would narrow it.
/// Hidden without a run.
class RunConfidenceLabel : public QLabel {
    Q_OBJECT
public:
    explicit RunConfidenceLabel(QWidget* parent = nullptr);
    void setResults(const core::sim::RunResults& results);
    void clearResults();
};

/// "61 %" or "61 ± 2.4 %" for a utilization and its half-width (NaN: unknown).
QString utilizationWithInterval(double utilization, double halfWidth);

} // namespace scalelab::gui
