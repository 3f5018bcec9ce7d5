#pragma once

#include <string>
#include <vector>

#include <QString>

#include "core/sim/Results.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

/// A run kept by Simulation > Set as Baseline: later runs draw its curves in grey under their
/// own and the analysis dock shows its figures beside theirs, so "did it help?" is answered
/// on screen rather than from memory.
struct Baseline {
    QString label;                    ///< "6. Database replication at 60 s"
    std::vector<ChartPoint> chart;    ///< its 1-second chart points
    std::vector<std::string> nodeIds; ///< the order of ChartPoint::utilization
    core::sim::RunResults results;    ///< its statistics when it was kept
};

} // namespace scalelab::gui
