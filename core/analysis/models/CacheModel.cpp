#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// A cache answers the reads its application sends it (the hit ratio is set in
// RoutingPlan: fixed, or an LRU estimate); its misses are the application's next call.
std::string cacheLoadRemedy(const Node&, const NodeEstimate&)
{
    return "raise the cache's workers or speed";
}
} // namespace

extern const AnalysisModel kCacheModel{KindRole::Cache, nullptr, &cacheLoadRemedy, nullptr};

} // namespace scalelab::core
