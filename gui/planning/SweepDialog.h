#pragma once

#include <vector>

#include <QDialog>
#include <QStringList>

#include "core/model/Topology.h"

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace scalelab::gui {

class KnobTable;

/// Simulation > Sweep…: which parameters to vary and over what values (rows start from the
/// selected nodes and the inspector's parameter list), seeds a point and the run length.
/// Accepting checks the values exactly as `scalelab sweep --vary` does.
class SweepDialog : public QDialog {
    Q_OBJECT
public:
    SweepDialog(const core::Topology& topology, const std::vector<core::NodeId>& selected,
                QWidget* parent = nullptr);

    QStringList varyTexts() const;
    int replications() const;
    /// The design to sweep: the file with the chosen run length.
    core::Topology base() const;
    KnobTable* knobs() const { return m_knobs; }

    void accept() override;

private:
    const core::Topology& m_topology;
    KnobTable* m_knobs;
    QSpinBox* m_replications;
    QDoubleSpinBox* m_duration;
    QLabel* m_problem;
    QLabel* m_size;
};

} // namespace scalelab::gui
