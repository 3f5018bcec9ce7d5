#pragma once

#include <QStringList>
#include <QTableWidget>

#include "core/model/Topology.h"

namespace scalelab::gui {

/// The knobs of a sweep or a plan, one row each: a node (or a pattern such as "web*"), one
/// of its kind's parameters as the inspector lists them, and the values as the command
/// line takes them (FROM:TO:STEP or V1,V2,...). Rows start from the selected nodes.
class KnobTable : public QTableWidget {
    Q_OBJECT
public:
    KnobTable(const core::Topology& topology, QWidget* parent = nullptr);

    /// Adds a row for `node` (an id or pattern) and `param`, its values proposed around
    /// the current one (half to double for a count, in steps).
    void addKnob(const QString& node, const QString& param);
    void removeSelectedKnobs();
    /// "NODE.PARAM=VALUES" of every row, as --vary takes them.
    QStringList varyTexts() const;

    /// Values proposed for a parameter whose current value is `current` ("4:16:4").
    static QString proposedValues(const core::ParamSpec& spec, double current, bool forPlan);

    void setForPlan(bool forPlan) { m_forPlan = forPlan; }

private:
    void fillParams(int row);
    const core::Topology& m_topology;
    bool m_forPlan = false;
};

} // namespace scalelab::gui
