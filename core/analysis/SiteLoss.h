#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/analysis/Analysis.h"
#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

/// What losing one data center (every node of a `site` but its users) costs, as the
/// analysis estimates it: the figures the findings and the report state one by one,
/// gathered per site for the analysis panel.
struct SiteLoss {
    std::string site;
    std::size_t nodes = 0; ///< what fails: the site's nodes that are not clients
    /// Users behind a geo DNS whose home entry is in the site: they fail until the DNS
    /// notices (detect_s) and their cached answer expires (dns_ttl_s), then move away.
    double movedRps = 0;
    double failedRequests = 0; ///< theirs, in that time: rate x (detect_s + dns_ttl_s / 2)
    double backAfterS = 0;     ///< all of them served again: the longest detect_s + dns_ttl_s
    double extraMs = 0;        ///< the largest round trip added once served from away
    /// Acknowledged writes lost: a master in the site replicating asynchronously to
    /// another site loses what its most up-to-date replica there lacks (write rate x lag).
    double lostWrites = 0;
    /// Requests per second that still fail once every failover is done (no other site
    /// serves them): the site is a single point of failure for them.
    double cutOffRps = 0;
};

/// One geo client's users when the site of their home entry fails: they fail until the
/// DNS notices (detect_s) and their cached answer expires (dns_ttl_s, uniformly spread:
/// half of it on average), then take the longer link to the next site.
struct GeoUsersLoss {
    std::size_t client = 0;    ///< node index
    std::string site;          ///< of their home entry
    std::size_t home = 0;      ///< link to their home entry
    std::size_t away = 0;      ///< link to the entry they move to
    double detectS = 0;        ///< the DNS's detect_s
    double ttlS = 0;           ///< the client's dns_ttl_s
    double movedRps = 0;       ///< requests per second through the entry (entryRps)
    double failedRequests = 0; ///< movedRps x (detect_s + dns_ttl_s / 2)
    double backAfterS = 0;     ///< detect_s + dns_ttl_s: all of them served again
    double extraMs = 0;        ///< the round trip added once served from away
};

/// Every client behind a geo DNS with an entry in a site and a second one, in file order.
/// Findings, report and siteLosses all take their figures from here.
std::vector<GeoUsersLoss> geoUsersLosses(const Topology& topology, const RoutingPlan& plan);

/// Acknowledged writes a replication group loses with its master's site: none when a
/// replica in another site acknowledges synchronously, else the write rate x the lag of the
/// most up-to-date replica elsewhere, the one promoted.
struct WriteLoss {
    std::size_t master = 0;                  ///< node index
    std::size_t link = TopologyIndex::kNone; ///< to the replica promoted; kNone: none
    double writeRps = 0;                     ///< the master's, as the analysis estimates
    double lostWrites = 0;
};

/// One entry per replication group whose master is in a site and has a replica in
/// another site, in the order of the groups.
std::vector<WriteLoss> writeLosses(const Topology& topology, const TopologyIndex& index,
                                   const Analysis& analysis);

/// Requests per second of a client that go through its entry, and so fail and move when
/// the entry's site is lost: all of them but the static ones it sends to a CDN outside
/// `site` (the edge keeps serving those wherever the users are).
double entryRps(const Topology& topology, const TopologyIndex& index, const NodeRouting& client,
                std::size_t clientNode, const std::string& site);

/// One entry per site, in the order the sites first appear in the file; empty when no
/// node is in a site or the analysis has no estimates (a request loop).
std::vector<SiteLoss> siteLosses(const Topology& topology, const Analysis& analysis);

} // namespace scalelab::core
