#include <array>

#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

extern const AnalysisModel kClientModel;
extern const AnalysisModel kDnsModel;
extern const AnalysisModel kLoadBalancerModel;
extern const AnalysisModel kWebServerModel;
extern const AnalysisModel kCacheModel;
extern const AnalysisModel kDatabaseModel;
extern const AnalysisModel kMessageQueueModel;
extern const AnalysisModel kWorkerModel;
extern const AnalysisModel kCdnModel;
extern const AnalysisModel kObjectStoreModel;

namespace {
// A new node kind: its model file and one row here, in KindRole order.
const std::array<const AnalysisModel*, kKindRoleCount> kModels{
    &kClientModel,
    &kDnsModel,
    &kLoadBalancerModel,
    &kWebServerModel,
    &kCacheModel,
    &kDatabaseModel,
    // Message queues and workers.
    &kMessageQueueModel,
    &kWorkerModel,
    // Static content (issue 14)
    &kCdnModel,
    &kObjectStoreModel,
};
} // namespace

const AnalysisModel& analysisModel(KindRole role)
{
    return *kModels[static_cast<std::size_t>(role)];
}

} // namespace scalelab::core
