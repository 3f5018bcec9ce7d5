#include "core/sim/BehaviorFactory.h"

#include "core/sim/CacheBehavior.h"
#include "core/sim/ClientBehavior.h"
#include "core/sim/DatabaseBehavior.h"
#include "core/sim/DnsBehavior.h"
#include "core/sim/LoadBalancerBehavior.h"
#include "core/sim/WebServerBehavior.h"

#include <array>

namespace scalelab::core::sim {

namespace {

template <typename T> std::unique_ptr<NodeBehavior> create(Kernel& kernel, std::uint32_t index)
{
    return std::make_unique<T>(kernel, index);
}

struct BehaviorRow {
    std::string_view kind;
    std::unique_ptr<NodeBehavior> (*make)(Kernel&, std::uint32_t);
};

// A new node kind: its class and one row here (its parameters go to KindRegistry.cpp).
constexpr std::array kBehaviors{
    BehaviorRow{"client", &create<ClientBehavior>},
    BehaviorRow{"dns", &create<DnsBehavior>},
    BehaviorRow{"load_balancer", &create<LoadBalancerBehavior>},
    BehaviorRow{"web_server", &create<WebServerBehavior>},
    BehaviorRow{"cache", &create<CacheBehavior>},
    BehaviorRow{"database", &create<DatabaseBehavior>},
};

} // namespace

std::unique_ptr<NodeBehavior> makeBehavior(std::string_view kind, Kernel& kernel, std::uint32_t index)
{
    for (const auto& row : kBehaviors)
        if (row.kind == kind)
            return row.make(kernel, index);
    return nullptr;
}

} // namespace scalelab::core::sim
