#include "core/sim/SiteOutages.h"

#include <algorithm>
#include <map>

namespace scalelab::core::sim {

std::string siteOfEvent(const EventRecord& event)
{
    if (event.kind != EventKind::SiteFailed && event.kind != EventKind::SiteRecovered)
        return {};
    // A site name may hold ": " itself; the count after the last one never does.
    const auto colon = event.detail.rfind(": ");
    return colon == std::string::npos ? event.detail : event.detail.substr(0, colon);
}

std::vector<SiteOutage> siteOutages(const RunResults& results)
{
    std::vector<SiteOutage> out;
    std::map<std::string, std::size_t> open; // site -> its outage still under way
    for (const EventRecord& e : results.events) {
        const std::string site = siteOfEvent(e);
        if (site.empty())
            continue;
        if (e.kind == EventKind::SiteFailed && !open.count(site)) {
            open[site] = out.size();
            out.push_back({site, e.tS, 0, false, 0});
        } else if (e.kind == EventKind::SiteRecovered) {
            if (auto it = open.find(site); it != open.end()) {
                out[it->second].toS = e.tS;
                out[it->second].recovered = true;
                open.erase(it);
            }
        }
    }
    const double end =
        results.engine.simulatedS > 0 ? results.engine.simulatedS : results.durationS;
    const TimeSeries& ts = results.timeseries;
    for (SiteOutage& o : out) {
        if (!o.recovered)
            o.toS = std::max(o.fromS, end);
        for (std::size_t i = 0; i < ts.tS.size() && i < ts.errors.size(); ++i)
            if (ts.tS[i] + ts.intervalS > o.fromS && ts.tS[i] < o.toS)
                o.failedRequests += ts.errors[i];
    }
    return out;
}

} // namespace scalelab::core::sim
