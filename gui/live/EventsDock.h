#pragma once

#include <QDockWidget>

#include "core/sim/Results.h"

class QListWidget;

namespace scalelab::core {
class Topology;
}

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

/// "Master failed — detail" from an engine event, with the label table's verb; nodes by
/// their display names in `run`'s topology, parameters by their labels.
QString describeEvent(const core::sim::EventRecord& event, const SimulationController& run);
/// The display name of node `id` in the run; the id when it has none or is not there.
QString eventNodeName(const std::string& id, const SimulationController& run);
/// The event's detail with node ids as display names and "key=value" as "Label = value unit".
QString eventDetail(const core::sim::EventRecord& event, const SimulationController& run);

} // namespace scalelab::gui
