#pragma once

#include <QDockWidget>

#include "core/sim/Results.h"

class QListWidget;

namespace scalelab::gui {

class SimulationController;

/// The events log: "23.4 s  db-master failed", "29.4 s  db-replica-1 promoted to master".
/// Clicking an event selects its node.
class EventsDock : public QDockWidget {
    Q_OBJECT
public:
    EventsDock(const SimulationController* controller, QWidget* parent = nullptr);

    void append(int firstIndex);
    void clear();
    int count() const;
    QString textAt(int row) const;

Q_SIGNALS:
    void nodeActivated(const QString& nodeId);

private:
    const SimulationController* m_controller;
    QListWidget* m_list;
};

/// "db-master failed — detail" from an engine event, with the label table's verb.
QString describeEvent(const core::sim::EventRecord& event);

} // namespace scalelab::gui
