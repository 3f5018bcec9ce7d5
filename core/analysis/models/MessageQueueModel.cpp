#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// A queue acknowledges each publish itself, then hands the job to one of its workers: the
// publisher does not wait for the job (async calls). Jobs spread over the workers by their
// threads; the pooled wait (Erlang C over all threads) is the queue's job estimate
// (Analyzer.cpp, JobEstimate).
void routeMessageQueue(const ModelContext& c, std::size_t i, NodeRouting& r)
{
    double threads = 0;
    for (std::size_t k : c.index.consumers(i))
        threads += static_cast<double>(c.plan.nodes[c.index.to(k)].servers);
    if (threads <= 0)
        return;
    for (std::size_t k : c.index.consumers(i)) {
        const std::size_t w = c.index.to(k);
        const double share = static_cast<double>(c.plan.nodes[w].servers) / threads;
        r.calls.push_back({w, c.topology.links[k].latencyMs(), share, share, true});
    }
}

std::string messageQueueLoadRemedy(const Node&, const NodeEstimate&)
{
    return "raise the queue's workers (ack threads) or speed";
}

std::string messageQueueSpofRemedy(const ModelContext&, std::size_t)
{
    return "a replicated (clustered) queue, or publish_ratio 0 for requests that must not "
           "depend on it";
}
} // namespace

extern const AnalysisModel kMessageQueueModel{KindRole::MessageQueue, &routeMessageQueue,
                                              &messageQueueLoadRemedy, &messageQueueSpofRemedy};

} // namespace scalelab::core
