#include "gui/app/ReportExport.h"

#include "core/goals/ResultsWithGoals.h"
#include "gui/app/MainWindow.h"
#include "gui/document/Document.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"
#include "gui/report/ReportWriter.h"

namespace scalelab::gui {

bool exportWindowReport(const MainWindow& window, const QString& path, QString* error)
{
    const SimulationController* sim = window.liveView()->controller();
    const core::Topology& topology =
        sim->isActive() ? *sim->simTopology() : window.document()->topology();
    const nlohmann::json results = sim->isActive()
                                       ? nlohmann::json(core::resultsWithGoals(sim->results(), topology))
                                       : nlohmann::json();
    return writeReport(topology, results, path, error);
}

} // namespace scalelab::gui
