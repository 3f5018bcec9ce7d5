#include "gui/app/ReportExport.h"

#include <QFileInfo>

#include "core/goals/ResultsWithGoals.h"
#include "gui/app/MainActions.h"
#include "gui/app/MainWindow.h"
#include "gui/document/Document.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"
#include "gui/planning/PriceBook.h"
#include "gui/record/RecordVideoController.h"
#include "gui/report/ReportProvenance.h"
#include "gui/report/ReportWriter.h"

namespace scalelab::gui {

bool exportWindowReport(const MainWindow& window, const QString& path, QString* error)
{
    const SimulationController* sim = window.liveView()->controller();
    const core::Topology topology =
        sim->isActive() ? *sim->simTopology()
                        : PriceBook::instance().priced(window.document()->topology());
    const nlohmann::json results =
        sim->isActive() ? nlohmann::json(core::resultsWithGoals(sim->results(), topology))
                        : nlohmann::json();
    ReportExtras extras;
    const Document* document = window.document();
    // The file's hash only when the report describes the file as it is on disk.
    if (!document->filePath().isEmpty() && !document->isModified() &&
        designSha256(topology) == designSha256(document->topology()))
        extras.sourcePath = document->filePath();
    // The window's last recording travels with a report of the same design.
    if (const record::RecordVideoController* recorder = window.actions()->recordVideo;
        recorder && !recorder->lastRecording().isEmpty() &&
        recorder->lastRecordedDesign() == designSha256(topology) &&
        QFileInfo::exists(recorder->lastRecording()))
        extras.videoPath = recorder->lastRecording();
    return writeReport(topology, results, path, error, extras);
}

} // namespace scalelab::gui
