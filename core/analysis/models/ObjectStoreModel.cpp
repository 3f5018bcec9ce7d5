#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// An object store serves the static files asked of it itself: a c-server queue, no calls.
std::string objectStoreLoadRemedy(const Node&, const NodeEstimate&)
{
    return "put a CDN in front of it (its hits never reach the store) or raise its workers";
}
} // namespace

extern const AnalysisModel kObjectStoreModel{KindRole::ObjectStore, nullptr, &objectStoreLoadRemedy,
                                             nullptr};

} // namespace scalelab::core
