#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// A worker runs a job as a web server runs a request (its calls, all of them: a worker
// publishes nothing); the job holds its thread throughout (RoutingPlan: blocking).
void routeWorker(const ModelContext& c, std::size_t i, NodeRouting& r)
{
    routeApplication(c, i, r, 1.0);
}

std::string workerLoadRemedy(const Node&, const NodeEstimate&)
{
    return "add workers (threads) or another worker node consuming the same queue";
}
} // namespace

// A worker is no single point of failure for clients: its jobs wait in the queue.
extern const AnalysisModel kWorkerModel{KindRole::Worker, &routeWorker, &workerLoadRemedy, nullptr};

} // namespace scalelab::core
