#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/Results.h"

namespace scalelab::core::sim {

/// A data center that was down during a run (a fail_site step or the live view's Fail
/// site), read back from the run's site_failed / site_recovered events.
struct SiteOutage {
    std::string site;
    double fromS = 0;
    double toS = 0; ///< recovered then, or where the run's clock stopped
    bool recovered = false;
    /// Requests that failed meanwhile, every cause together (the time series' errors of
    /// the intervals that overlap the outage, so within one interval of its edges).
    std::uint64_t failedRequests = 0;
};

/// The site a site_failed or site_recovered event names (its detail reads
/// "<site>: <n> nodes", Kernel::applySite); empty for another event.
std::string siteOfEvent(const EventRecord& event);

/// Every outage of the run, in the order they began.
std::vector<SiteOutage> siteOutages(const RunResults& results);

} // namespace scalelab::core::sim
