#pragma once

#include <QDockWidget>

class QLabel;
class QTreeWidget;

namespace scalelab::core {
struct GoalSpec;
}

namespace scalelab::gui {

class Document;
class SimulationController;

/// "12,000 req/s", "99.95 %", "184 ms": a goal's target or measured value as a person
/// reads it (grouped digits, fractions as percentages, the goal's unit).
QString formatGoalValue(double value, const core::GoalSpec& spec);

/// The diagram's goals in a table of their own: what each asks for, in words, and how
/// the run so far stands against it (met, missed, not yet measured). Before a run it
/// lists the targets, so a person sees what the design is meant to reach. Above the table,
/// what the design costs (a goal `max_cost_per_month` is read against the same figure).
class GoalsDock : public QDockWidget {
    Q_OBJECT
public:
    GoalsDock(const Document* document, const SimulationController* controller,
              QWidget* parent = nullptr);

    /// Re-reads the goals and, while a run is active, its statistics.
    void refresh();
    /// Called once per frame: refreshes every few simulated seconds (the check reads the
    /// whole run's statistics).
    void refreshThrottled();

    /// The table as text, a row a line: "✔ p99 latency | ≤ 1,000 ms | 184 ms" (tests).
    QString tableText() const;
    int goalCount() const;
    /// "Cost $1.93/h · $1,409/month": the run's cost, or the design's before a run (tests).
    QString costLine() const;

private:
    const Document* m_document;
    const SimulationController* m_controller;
    QTreeWidget* m_table;
    QLabel* m_summary;
    QLabel* m_cost;
    double m_refreshedAtS = -1;
};

} // namespace scalelab::gui
