#pragma once

#include <vector>

#include "core/sim/NodeBehavior.h"
#include "core/sim/ZipfSampler.h"

namespace scalelab::core::sim {

class DnsBehavior;

/// Users: Poisson or evenly spaced arrivals, a read/write mix, Zipf-skewed keys, an
/// optional DNS lookup first, an optional timeout; a share of static requests for
/// Zipf-popular objects, sent to its CDN when it links to one (to the CDN's origin while the
/// CDN is down, when it falls back). Owns the root frame of each request and
/// records its end-to-end latency or failure.
class ClientBehavior final : public NodeBehavior {
public:
    using NodeBehavior::NodeBehavior;

    void init() override;
    void reconfigure() override;
    void childReturned(std::uint32_t frame, const Frame& child) override;
    void timer(std::uint32_t code) override;
    void timeout(std::uint32_t frame) override;
    void retry(std::uint32_t frame) override;
    void fillSnapshot(NodeSnapshot& out) override;
    void fail() override;
    void recover() override;
    void fillResults(NodeResults& out) const override;

protected:
    void accept(std::uint32_t frame) override;

private:
    void generate();
    void arm();
    void finish(std::uint32_t frame, FailReason reason);
    void sendStatic(std::uint32_t root);
    /// Sends a try of the request: the DNS lookup or the entry call its step says.
    void startTry(std::uint32_t frame);
    /// The entry link a request takes: behind a geo DNS, the best entry the user's answer
    /// (given at `answeredAt`) still calls healthy; otherwise the one entry.
    std::uint32_t entryFor(SimTime answeredAt) const;
    /// Calls the entry the user's answer (held in the root frame's dueAt) names.
    void sendToEntry(std::uint32_t frame);

    std::uint32_t m_entryLink = kNone;
    std::uint32_t m_dnsLink = kNone;
    std::uint32_t m_edgeLink = kNone; ///< to its CDN
    double m_staticRatio = 0;
    ZipfSampler m_objects;
    double m_rate = 0;
    double m_meanGapNs = 0;
    bool m_poisson = true;
    double m_readRatio = 1;
    SimTime m_timeout = 0;
    double m_dnsRatio = 0;
    std::uint32_t m_retries = 0;
    double m_backoffNs = 0;
    std::uint64_t m_backingOff = 0;          ///< requests waiting out a retry backoff now
    const DnsBehavior* m_geoDns = nullptr;   ///< its resolver when that routes by site
    std::vector<std::uint32_t> m_preference; ///< geo: entry links, best first
    SimTime m_dnsTtl = 0;
    ZipfSampler m_keys;
    double m_users = 1;   ///< active users; each request belongs to one, uniformly
    bool m_armed = false; ///< the next arrival is scheduled
    /// No static share, no lookups, no geo DNS, no timeout: each request goes straight to
    /// the entry, and the features it does not use cost one test (generate()).
    bool m_direct = false;
};

} // namespace scalelab::core::sim
