#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/Frame.h"
#include "core/sim/LatencyHistogram.h"
#include "core/sim/Results.h"
#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

/// Run-wide streaming statistics: end-to-end latency histograms (overall, per class),
/// failure counts by reason, data-loss counters and the time series (1-second intervals,
/// doubled whenever it reaches kMaxSeriesPoints). Memory is bounded.
class RunMetrics {
public:
    /// Points of the time series at most; then pairs merge and the interval doubles.
    static constexpr std::size_t kMaxSeriesPoints = 10000;
    RunMetrics();
    void configure(SimTime warmup, SimTime end, bool keepLatencies);

    void generated(RequestClass cls, SimTime now)
    {
        ++m_generatedAll;
        if (now >= m_warmup)
            ++m_generated;
        if (now < m_midpoint)
            ++m_bornEarly[static_cast<std::size_t>(cls)];
    }
    void completed(RequestClass cls, SimTime latency, SimTime now)
    {
        roll(now);
        ++m_completedAll;
        ended(cls, now - latency);
        // Latencies are binned in batches: a histogram record is a chain of dependent
        // steps (bit scan, shifts, an increment in a 58 KB table) that stalled the event
        // loop on every request; a plain store here and a tight loop later do not.
        // Each batch goes to the interval's histogram of its class, added to the run's at
        // the end of the interval (intervals never straddle the warm-up).
        m_pending[m_pendingCount++] = latency | kClassBit[static_cast<std::size_t>(cls)];
        if (m_pendingCount == m_pending.size())
            binPending();
        if (now < m_warmup)
            return;
        ++m_completed;
        m_latencySumMs += toMs(latency);
        if (m_keepLatencies)
            m_latencies.push_back(toMs(latency));
    }
    /// `born`: when the client generated the request.
    void failed(FailReason reason, RequestClass cls, SimTime born, SimTime now)
    {
        roll(now);
        ++m_failedAll;
        ended(cls, born);
        ++m_byReasonAll[static_cast<std::size_t>(reason)];
        ++m_intervalErrors;
        if (now < m_warmup)
            return;
        ++m_failed;
        ++m_failedByClass[static_cast<std::size_t>(cls)];
        ++m_byReason[static_cast<std::size_t>(reason)];
    }
    /// A client tries a request again (counted with the request's window, like its end).
    void retried(SimTime now)
    {
        if (now >= m_warmup)
            ++m_retries;
    }
    void staleRead(SimTime now)
    {
        if (now >= m_warmup)
            ++m_staleReads;
    }
    void lostWrites(std::uint64_t n, SimTime now)
    {
        if (now >= m_warmup)
            m_lostWrites += n;
    }

    // Jobs of message queues, counted after the warm-up like requests.
    void jobsPresent() { m_jobs.present = true; }
    void jobPublished(SimTime now)
    {
        if (now >= m_warmup)
            ++m_jobs.published;
    }
    void jobDropped(SimTime now)
    {
        if (now >= m_warmup)
            ++m_jobs.dropped;
    }
    void jobFailed(SimTime now)
    {
        if (now >= m_warmup)
            ++m_jobs.failed;
    }
    void jobRedelivered(SimTime now)
    {
        if (now >= m_warmup)
            ++m_jobs.redelivered;
    }
    void jobCompleted(SimTime latency, SimTime now)
    {
        if (now < m_warmup)
            return;
        ++m_jobs.completed;
        m_jobLatency.record(latency);
    }
    /// Jobs waiting in the queues grew or shrank. Intervals are closed first, so the series
    /// holds the backlog at the end of each interval.
    void backlogChanged(std::int64_t delta, SimTime now)
    {
        roll(now);
        if (now >= m_warmup)
            m_jobs.backlogMax = std::max(m_jobs.backlogMax, m_backlog);
        m_backlog = static_cast<std::uint64_t>(static_cast<std::int64_t>(m_backlog) + delta);
        if (now >= m_warmup)
            m_jobs.backlogMax = std::max(m_jobs.backlogMax, m_backlog);
    }
    std::uint64_t backlog() const { return m_backlog; }
    bool hasJobs() const { return m_jobs.present; }

    /// Closes every interval that ended by `now` (also called when nothing happens).
    void roll(SimTime now)
    {
        while (now >= m_intervalEnd)
            closeInterval();
    }
    /// Fills the run-wide part of the results over [warm-up, now].
    void fill(RunResults& out, SimTime now);

    std::uint64_t generatedAll() const { return m_generatedAll; }
    std::uint64_t completedAll() const { return m_completedAll; }
    std::uint64_t failedAll() const { return m_failedAll; }
    /// Requests completed after the warm-up and their latency sum (for batch means).
    std::uint64_t completedMeasured() const { return m_completed; }
    double latencySumMs() const { return m_latencySumMs; }
    /// Failures since the start by reason name (warm-up included), reasons seen only.
    std::vector<std::pair<std::string, std::uint64_t>> failedByReasonAll() const;
    /// The last closed interval, for the live view.
    double lastThroughputRps() const { return m_lastThroughput; }
    double lastP50Ms() const { return m_lastP50; }
    double lastP95Ms() const { return m_lastP95; }
    double lastP99Ms() const { return m_lastP99; }
    std::uint64_t lastErrors() const { return m_lastErrors; }

private:
    void ended(RequestClass cls, SimTime born)
    {
        if (born < m_midpoint)
            ++m_endedEarly[static_cast<std::size_t>(cls)];
    }
    /// Requests of a class generated before the window's midpoint and still open.
    std::uint64_t overdue(std::size_t cls) const { return m_bornEarly[cls] - m_endedEarly[cls]; }
    void closeInterval();
    void halveSeries();
    void binPending();
    static constexpr SimTime kWriteBit = SimTime{1} << 62; ///< far above any latency
    static constexpr SimTime kStaticBit = SimTime{1} << 61;
    static constexpr std::array<SimTime, 3> kClassBit{0, kWriteBit, kStaticBit};

    SimTime m_warmup = 0;
    /// Half-way through the measured window: a request born before it and still open at
    /// the end had half the run to finish (overdue). Nothing is counted until configured.
    SimTime m_midpoint = 0;
    SimTime m_end = 0;
    std::array<std::uint64_t, 3> m_bornEarly{}, m_endedEarly{}; ///< read, write, static
    SimTime m_intervalLength = kNsPerS;
    SimTime m_intervalEnd = kNsPerS;
    bool m_keepLatencies = false;

    std::uint64_t m_generatedAll = 0, m_completedAll = 0, m_failedAll = 0;
    std::uint64_t m_generated = 0, m_completed = 0, m_failed = 0;
    std::array<std::uint64_t, static_cast<std::size_t>(FailReason::Count)> m_byReason{};
    std::array<std::uint64_t, 3> m_failedByClass{}; ///< read, write, static
    std::array<std::uint64_t, static_cast<std::size_t>(FailReason::Count)> m_byReasonAll{};
    std::uint64_t m_staleReads = 0, m_lostWrites = 0;
    std::uint64_t m_retries = 0;
    double m_latencySumMs = 0;
    LatencyHistogram m_read, m_write,
        m_static; ///< closed intervals after the warm-up; overall = merged
    std::array<LatencyHistogram, 3> m_intervalByClass; ///< the open interval: read, write, static
    std::array<SimTime, 512> m_pending{};              ///< latencies not binned yet
    std::size_t m_pendingCount = 0;
    LatencyHistogram m_intervalBoth; ///< scratch for the interval's percentiles
    std::uint64_t m_intervalErrors = 0;
    double m_lastThroughput = 0, m_lastP50 = 0, m_lastP95 = 0, m_lastP99 = 0;
    std::uint64_t m_lastErrors = 0;
    TimeSeries m_series;
    std::vector<double> m_latencies;
    JobResults m_jobs;
    LatencyHistogram m_jobLatency;
    std::uint64_t m_backlog = 0;
};

LatencySummary summarize(const LatencyHistogram& histogram);
/// `completed` plus `failed` requests ranked after all of them.
LatencyAll summarizeAll(const LatencyHistogram& completed, std::uint64_t failed);

} // namespace scalelab::core::sim
