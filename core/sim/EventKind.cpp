#include "core/sim/EventKind.h"

#include <array>

namespace scalelab::core::sim {

namespace {
using T = EventTone;
// In EventKind order (checked below).
constexpr std::array<EventKindInfo, 21> kEvents{{
    {EventKind::NodeFailed, "node_failed", "failed", "failed", T::Bad},
    {EventKind::NodeRecovered, "node_recovered", "recovered", "recovered", T::Good},
    {EventKind::ParamSet, "param_set", "parameter changed", nullptr, T::Neutral},
    {EventKind::ActionIgnored, "action_ignored", "action ignored", nullptr, T::Neutral},
    {EventKind::PromoteIgnored, "promote_ignored", "promote ignored", nullptr, T::Warning},
    {EventKind::FailoverStarted, "failover_started", "failover started", "failover started",
     T::Warning},
    {EventKind::FailoverCancelled, "failover_cancelled", "failover cancelled", nullptr, T::Neutral},
    {EventKind::FailoverFailed, "failover_failed", "failover failed", "failover failed", T::Bad},
    {EventKind::ReplicaPromoted, "replica_promoted", "promoted to master", "promoted to master",
     T::Good},
    {EventKind::BackendMarkedDown, "backend_marked_down", "took a backend out of rotation",
     "backend out of rotation", T::Warning},
    {EventKind::BackendMarkedUp, "backend_marked_up", "put a backend back in rotation",
     "backend back in rotation", T::Good},
    {EventKind::EventCapReached, "event_cap_reached", "stopped: too many requests in flight",
     nullptr, T::Bad},
    {EventKind::Resharded, "resharded", "resharded", "resharded", T::Warning},
    {EventKind::ScaledOut, "scaled_out", "launched instances", "scaling out", T::Good},
    {EventKind::ScaledIn, "scaled_in", "drained instances", "scaling in", T::Neutral},
    {EventKind::Purged, "purged", "was purged", "purged", T::Warning},
    {EventKind::SessionsLost, "sessions_lost", "lost the sessions it held", "sessions lost",
     T::Bad},
    {EventKind::SiteFailed, "site_failed", "site failed", nullptr, T::Bad},
    {EventKind::SiteRecovered, "site_recovered", "site recovered", nullptr, T::Good},
    {EventKind::DnsNoticedDown, "dns_noticed_down", "noticed an entry point down: rerouting",
     "rerouting", T::Warning},
    {EventKind::DnsNoticedUp, "dns_noticed_up", "noticed an entry point back", "entry back",
     T::Good},
}};

constexpr bool inOrder()
{
    for (std::size_t i = 0; i < kEvents.size(); ++i)
        if (static_cast<std::size_t>(kEvents[i].kind) != i)
            return false;
    return true;
}
static_assert(inOrder(), "one row per EventKind, in its order");
} // namespace

const EventKindInfo& eventInfo(EventKind kind)
{
    return kEvents[static_cast<std::size_t>(kind)];
}

std::string_view toString(EventKind kind)
{
    return eventInfo(kind).id;
}

std::optional<EventKind> eventKindFromString(std::string_view id)
{
    for (const auto& e : kEvents)
        if (id == e.id)
            return e.kind;
    return std::nullopt;
}

} // namespace scalelab::core::sim
