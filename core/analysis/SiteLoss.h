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

/// Requests per second of a client that go through its entry, and so fail and move when
/// the entry's site is lost: all of them but the static ones it sends to a CDN outside
/// `site` (the edge keeps serving those wherever the users are).
double entryRps(const Topology& topology, const TopologyIndex& index, const NodeRouting& client,
                std::size_t clientNode, const std::string& site);

/// One entry per site, in the order the sites first appear in the file; empty when no
/// node is in a site or the analysis has no estimates (a request loop).
std::vector<SiteLoss> siteLosses(const Topology& topology, const Analysis& analysis);

} // namespace scalelab::core
