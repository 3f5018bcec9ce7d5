#include "core/sim/BehaviorFactory.h"

#include <array>

#include "core/sim/CacheBehavior.h"
#include "core/sim/CdnBehavior.h"
#include "core/sim/ClientBehavior.h"
#include "core/sim/DatabaseBehavior.h"
#include "core/sim/DnsBehavior.h"
#include "core/sim/LoadBalancerBehavior.h"
#include "core/sim/MessageQueueBehavior.h"
#include "core/sim/ObjectStoreBehavior.h"
#include "core/sim/WebServerBehavior.h"
#include "core/sim/WorkerBehavior.h"

namespace scalelab::core::sim {

namespace {

template <typename T> std::unique_ptr<NodeBehavior> create(Kernel& kernel, std::uint32_t index)
{
    return std::make_unique<T>(kernel, index);
}

struct BehaviorRow {
    KindRole role;
    std::unique_ptr<NodeBehavior> (*make)(Kernel&, std::uint32_t);
};

// A new node kind: its class and one row here, in KindRole order (its parameters and
// traits go to KindRegistry.cpp).
constexpr std::array<BehaviorRow, kKindRoleCount> kBehaviors{{
    {KindRole::Client, &create<ClientBehavior>},
    {KindRole::Dns, &create<DnsBehavior>},
    {KindRole::LoadBalancer, &create<LoadBalancerBehavior>},
    {KindRole::WebServer, &create<WebServerBehavior>},
    {KindRole::Cache, &create<CacheBehavior>},
    {KindRole::Database, &create<DatabaseBehavior>},
    // Message queues and workers.
    {KindRole::MessageQueue, &create<MessageQueueBehavior>},
    {KindRole::Worker, &create<WorkerBehavior>},
    // Static content (issue 14)
    {KindRole::Cdn, &create<CdnBehavior>},
    {KindRole::ObjectStore, &create<ObjectStoreBehavior>},
}};

constexpr bool inRoleOrder()
{
    for (std::size_t i = 0; i < kBehaviors.size(); ++i)
        if (static_cast<std::size_t>(kBehaviors[i].role) != i)
            return false;
    return true;
}
static_assert(inRoleOrder(), "one behaviour per role, in KindRole order");

} // namespace

std::unique_ptr<NodeBehavior> makeBehavior(KindRole role, Kernel& kernel, std::uint32_t index)
{
    return kBehaviors[static_cast<std::size_t>(role)].make(kernel, index);
}

} // namespace scalelab::core::sim
