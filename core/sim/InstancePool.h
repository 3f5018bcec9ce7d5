#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/model/Node.h"
#include "core/sim/SimTime.h"
#include "core/sim/TimeAverage.h"

namespace scalelab::core::sim {

/// The instances of a pooled station and the autoscaler that sizes them.
///
/// A pool of N instances with `workers` servers each is one station of N x workers servers
/// (any free worker of any instance takes the next request): what a least-connections
/// balancer in front of identical servers approaches, and exactly M/M/(N c) for Erlang C.
/// The autoscaler tracks a target (as cloud target-tracking policies do): every evaluate_s
/// it measures the busy share u of the serving instances over the last window and wants
/// ceil(serving x u / target) of them, clamped to [min, max]. More than serving + booting:
/// it launches the difference, which serves boot_s later. Fewer than serving, nothing
/// booting and no scaling action for cooldown_s: it drains the difference (they take no new
/// request; what they hold finishes). Holds no randomness: decisions are deterministic.
class InstancePool {
public:
    /// What an evaluation decided: launch (> 0), drain (< 0) or nothing.
    struct Decision {
        std::int64_t change = 0;
        std::uint32_t desired = 0;
    };

    /// Reads the pool parameters. The serving count follows `instances` only when that
    /// parameter itself changed (the first call, or a `set instances`), so a `set` of
    /// anything else keeps what the autoscaler chose.
    void configure(const Node& node, SimTime now);

    std::uint32_t serving() const { return m_serving; }
    std::uint32_t booting() const { return m_booting; }
    bool autoscale() const { return m_autoscale; }
    SimTime evaluateEvery() const { return m_evaluate; }
    SimTime bootTime() const { return m_boot; }

    /// An evaluation over a window where the serving instances were busy `utilization`.
    Decision evaluate(double utilization, SimTime now) const;
    /// Instances launched now (they serve after bootTime()).
    void launched(std::uint32_t count, SimTime now);
    /// One launched instance starts serving.
    void booted(SimTime now);
    /// Instances drained now (they take no new request).
    void drained(std::uint32_t count, SimTime now);

    void resetStats(SimTime now);
    /// Time-averaged serving instances since the warm-up.
    double meanSince(SimTime warmup, SimTime now) const;
    /// Time-averaged serving instances over each interval [t, t + length) of `starts` (s).
    std::vector<double> series(const std::vector<double>& starts, double lengthS,
                               SimTime now) const;

private:
    void setServing(std::uint32_t serving, SimTime now);

    std::int64_t m_param = 0; ///< `instances` as last read; 0 before the first read
    std::uint32_t m_serving = 1;
    std::uint32_t m_booting = 0;
    bool m_autoscale = false;
    std::uint32_t m_min = 1;
    std::uint32_t m_max = 1;
    double m_target = 0.6;
    SimTime m_evaluate = 10 * kNsPerS;
    SimTime m_boot = 30 * kNsPerS;
    SimTime m_cooldown = 60 * kNsPerS;
    SimTime m_lastAction = -1; ///< time of the last launch or drain; -1 = none yet

    TimeAverage m_time;
    double m_areaAtWarmup = 0;
    /// (time, serving) at each change, for the time series: few (one per scaling action).
    std::vector<std::pair<SimTime, std::uint32_t>> m_steps;
};

} // namespace scalelab::core::sim
