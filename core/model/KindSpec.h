#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/LinkKind.h"
#include "core/model/ParamSpec.h"
#include "core/model/Scenario.h"

namespace scalelab::core {

enum class Network { Public, Private };

/// The part a kind plays; the simulator's behaviour table and the analyzer's model table
/// are indexed by it (one row per role, checked complete by tst_kind_registry).
enum class KindRole {
    Client,
    Dns,
    LoadBalancer,
    WebServer,
    Cache,
    Database,
    // Message queues and their workers (issue 15).
    MessageQueue,
    Worker,
    // Static content (issue 14)
    Cdn,
    ObjectStore,
};
inline constexpr std::size_t kKindRoleCount = 10;

/// What the rest of the program asks about a kind instead of testing its name.
struct KindTraits {
    bool source = false;      ///< generates requests (has rate_rps, key_space); receives none
    bool queueing = false;    ///< a c-server FIFO station (servers, service time, queue limit)
    bool resolver = false;    ///< clients look the name up here before their request (DNS)
    bool balancer = false;    ///< spreads each request over one of its backends
    bool application = false; ///< serves, then calls next tiers, its cache and its data store
    bool cacheAside = false;  ///< asked for reads before the data store; writes invalidate it
    bool dataStore = false;   ///< holds the data: reads and writes, master/replica groups
    bool lru = false;         ///< can hold an LRU over the clients' keys (capacity_keys)
    bool broker = false;      ///< keeps published jobs and hands them to consumers (a queue)
    bool consumer = false;    ///< takes jobs from a broker; a job holds a worker to its end
    /// A content edge (CDN): sources send their static requests to it; its misses go to its
    /// origin (its request link), and while it is down it may pass them there (fallback).
    bool edge = false;
    /// A pool: `instances` identical servers drawn as one node, each a backend of its own
    /// to a balancer in front (set by the registry for every kind with `instances`).
    bool pool = false;
};

/// Link kinds a kind may send, and to which kinds: the pairs a link may join.
struct LinkPermit {
    LinkKind link = LinkKind::Request;
    std::vector<std::string> to; ///< kind ids
};

/// How the canvas, the report and the live view draw a kind.
struct KindLook {
    std::string icon;       ///< resource stem, ":/icons/<icon>.svg"
    bool roleBadge = false; ///< shows its current role (MASTER / REPLICA) on the node
};

/// Where the code of a kind lives (paths from the repository root); the registry test
/// checks that each exists, so a new kind cannot ship half-built.
struct KindHome {
    std::string behavior; ///< the header of the simulator's NodeBehavior subclass
    std::string analysis; ///< the analyzer's flow model of the kind
};

/// Everything the program knows about a node kind, declared once in the registry.
struct KindSpec {
    std::string id;          ///< "web_server" — as written in files
    std::string displayName; ///< "Web server"
    std::string help;        ///< one line for the palette and the report
    KindRole role = KindRole::Client;
    KindTraits traits;
    Network network = Network::Public; ///< default of the `network` parameter
    /// The parameter holding the number of servers ("workers", "connections"); "" = none.
    std::string serversParam;
    std::vector<ParamSpec> params;
    /// Default of the `cost_per_hour` parameter every kind gets: USD per instance-hour,
    /// illustrative (docs/cost.md); a price sheet replaces it.
    double defaultCostPerHour = 0;
    /// What it may send; a kind that sends no request link answers requests itself.
    std::vector<LinkPermit> sends;
    /// Scenario actions beyond fail, recover and set that apply to it.
    std::vector<ActionType> extraActions;
    KindLook look;
    KindHome home;

    const ParamSpec* param(std::string_view name) const;
    std::vector<std::string> paramNames() const;
    /// Kinds it may send links of this kind to (empty: none).
    const std::vector<std::string>& sendsTo(LinkKind link = LinkKind::Request) const;
    bool maySend(LinkKind link, std::string_view toKind) const;
    bool allows(ActionType action) const;
};

/// A link kind: its name in files and what it is for.
struct LinkKindSpec {
    LinkKind kind = LinkKind::Request;
    std::string id;          ///< "request", as written in files (`kind`)
    std::string displayName; ///< "Request"
    std::string help;
};

} // namespace scalelab::core
