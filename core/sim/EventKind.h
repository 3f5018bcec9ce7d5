#pragma once

#include <optional>
#include <string_view>

namespace scalelab::core::sim {

/// A state change the engine records. The one table of their names and labels is in
/// EventKind.cpp; the results JSON, the CLI, the events dock, the canvas and the report read it.
enum class EventKind {
    NodeFailed,
    NodeRecovered,
    ParamSet,
    ActionIgnored,
    PromoteIgnored,
    FailoverStarted,
    FailoverCancelled,
    FailoverFailed,
    ReplicaPromoted,
    BackendMarkedDown,
    BackendMarkedUp,
    EventCapReached,
    Resharded,
    ScaledOut,
    ScaledIn,
    Purged,
    SessionsLost,
    // Data centers (issue 15).
    SiteFailed,
    SiteRecovered,
    DnsNoticedDown,
    DnsNoticedUp,
};

/// Whether an event is bad news, a warning sign, good news or neither (for colours).
enum class EventTone { Neutral, Bad, Warning, Good };

struct EventKindInfo {
    EventKind kind;
    const char* id;    ///< "node_failed", as the results JSON writes it
    const char* verb;  ///< "failed": what happened to the node, in a sentence
    const char* badge; ///< short text drawn next to the node on the canvas; nullptr = none
    EventTone tone;
};

const EventKindInfo& eventInfo(EventKind kind);
std::string_view toString(EventKind kind); ///< the id
std::optional<EventKind> eventKindFromString(std::string_view id);

} // namespace scalelab::core::sim
