#include "core/sim/RunMetrics.h"

#include <algorithm>
#include <cmath>

namespace scalelab::core::sim {

const char* reasonName(FailReason reason)
{
    switch (reason) {
    case FailReason::None:
        return "none";
    case FailReason::Rejected:
        return "rejected";
    case FailReason::Refused:
        return "refused";
    case FailReason::Timeout:
        return "timeout";
    case FailReason::Lost:
        return "lost";
    case FailReason::NoBackend:
        return "no_backend";
    case FailReason::Cancelled:
        return "cancelled";
    case FailReason::Count:
        break;
    }
    return "unknown";
}

LatencySummary summarize(const LatencyHistogram& h)
{
    LatencySummary s;
    s.mean = h.meanNs() * 1e-6;
    s.p50 = h.quantileNs(0.50) * 1e-6;
    s.p90 = h.quantileNs(0.90) * 1e-6;
    s.p95 = h.quantileNs(0.95) * 1e-6;
    s.p99 = h.quantileNs(0.99) * 1e-6;
    s.p999 = h.quantileNs(0.999) * 1e-6;
    s.max = h.maxNs() * 1e-6;
    return s;
}

LatencyAll summarizeAll(const LatencyHistogram& completed, std::uint64_t failed)
{
    LatencyAll s;
    const std::uint64_t n = completed.count() + failed;
    if (n == 0)
        return s;
    // The failed requests rank after every completed one: rank r is known while r <= count.
    auto at = [&](double q) -> std::optional<double> {
        const std::uint64_t rank = LatencyHistogram::rankOf(q, n);
        if (rank > completed.count())
            return std::nullopt;
        return completed.valueAtRankNs(rank) * 1e-6;
    };
    s.p50 = at(0.50);
    s.p90 = at(0.90);
    s.p95 = at(0.95);
    s.p99 = at(0.99);
    s.p999 = at(0.999);
    if (failed == 0) {
        s.mean = completed.meanNs() * 1e-6;
        s.max = completed.maxNs() * 1e-6;
    }
    return s;
}

RunMetrics::RunMetrics() = default;

std::vector<std::pair<std::string, std::uint64_t>> RunMetrics::failedByReasonAll() const
{
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (std::size_t i = 1; i < m_byReasonAll.size(); ++i)
        if (m_byReasonAll[i] > 0)
            out.emplace_back(reasonName(static_cast<FailReason>(i)), m_byReasonAll[i]);
    return out;
}

void RunMetrics::configure(SimTime warmup, SimTime end, bool keepLatencies)
{
    m_warmup = warmup;
    m_end = end;
    m_midpoint = end > warmup ? warmup + (end - warmup) / 2 : warmup;
    m_keepLatencies = keepLatencies;
    // Intervals are aligned on the warm-up so the reported series starts exactly there.
    const SimTime phase = warmup % m_intervalLength;
    m_intervalEnd = phase == 0 ? m_intervalLength : phase;
}

void RunMetrics::binPending()
{
    for (std::size_t i = 0; i < m_pendingCount; ++i) {
        const SimTime v = m_pending[i];
        if (v & kWriteBit)
            m_intervalByClass[1].record(v & ~kWriteBit);
        else if (v & kStaticBit) [[unlikely]]
            m_intervalByClass[2].record(v & ~kStaticBit);
        else
            m_intervalByClass[0].record(v);
    }
    m_pendingCount = 0;
}

void RunMetrics::closeInterval()
{
    binPending();
    const SimTime start = m_intervalEnd - m_intervalLength;
    const double seconds = toSeconds(m_intervalLength);
    m_intervalBoth.clear();
    m_intervalBoth.merge(m_intervalByClass[0]);
    m_intervalBoth.merge(m_intervalByClass[1]);
    m_intervalBoth.merge(m_intervalByClass[2]);
    m_lastThroughput = static_cast<double>(m_intervalBoth.count()) / seconds;
    m_lastP50 = m_intervalBoth.quantileNs(0.5) * 1e-6;
    m_lastP95 = m_intervalBoth.quantileNs(0.95) * 1e-6;
    m_lastP99 = m_intervalBoth.quantileNs(0.99) * 1e-6;
    m_lastErrors = m_intervalErrors;
    if (start >= m_warmup) {
        m_series.tS.push_back(toSeconds(start));
        m_series.throughputRps.push_back(m_lastThroughput);
        m_series.p50Ms.push_back(m_lastP50);
        m_series.p99Ms.push_back(m_lastP99);
        m_series.errors.push_back(m_intervalErrors);
        if (m_jobs.present)
            m_series.backlog.push_back(m_backlog);
        m_read.merge(m_intervalByClass[0]);
        m_write.merge(m_intervalByClass[1]);
        m_static.merge(m_intervalByClass[2]);
    }
    m_intervalByClass[0].clear();
    m_intervalByClass[1].clear();
    m_intervalByClass[2].clear();
    m_intervalErrors = 0;
    m_intervalEnd += m_intervalLength;
    if (m_series.tS.size() >= kMaxSeriesPoints)
        halveSeries();
}

void RunMetrics::halveSeries()
{
    // Pairs of intervals become one of twice the length, and so do the intervals to come:
    // a run of 1e7 s keeps between 5,000 and 10,000 points instead of 1e7. The series'
    // own histograms are gone by now, so a merged p50 is the mean of the two and a merged
    // p99 the larger of the two (an upper bound); later intervals are exact again.
    TimeSeries& s = m_series;
    const std::size_t pairs = s.tS.size() / 2; // kMaxSeriesPoints is even
    for (std::size_t i = 0; i < pairs; ++i) {
        const std::size_t a = 2 * i, b = 2 * i + 1;
        s.tS[i] = s.tS[a];
        s.throughputRps[i] = (s.throughputRps[a] + s.throughputRps[b]) / 2;
        s.p50Ms[i] = (s.p50Ms[a] + s.p50Ms[b]) / 2;
        s.p99Ms[i] = std::max(s.p99Ms[a], s.p99Ms[b]);
        s.errors[i] = s.errors[a] + s.errors[b];
    }
    s.tS.resize(pairs);
    s.throughputRps.resize(pairs);
    s.p50Ms.resize(pairs);
    s.p99Ms.resize(pairs);
    s.errors.resize(pairs);
    // The open interval starts where the last pair ended, on the new grid.
    const SimTime openStart = m_intervalEnd - m_intervalLength;
    m_intervalLength *= 2;
    m_intervalEnd = openStart + m_intervalLength;
}

void RunMetrics::fill(RunResults& out, SimTime now)
{
    roll(now);
    const double window = toSeconds(now - m_warmup);
    // The measured window's requests are those generated in it and those still open when
    // it began (a queue built up in the warm-up): completed and failed count every request
    // that ends in the window, so generated must count the open ones too, or completed can
    // exceed it. Then generated = completed + failed + unfinished exactly.
    const std::uint64_t openAtWarmup = now >= m_warmup ? (m_generatedAll - m_generated) -
                                                             (m_completedAll - m_completed) -
                                                             (m_failedAll - m_failed)
                                                       : 0;
    out.generated = m_generated + openAtWarmup;
    out.completed = m_completed;
    out.failed = m_failed;
    out.byReason.clear();
    for (std::size_t i = 1; i < m_byReason.size(); ++i)
        if (static_cast<FailReason>(i) != FailReason::Cancelled) // never a request's end
            out.byReason[reasonName(static_cast<FailReason>(i))] = m_byReason[i];
    out.retries = m_retries;
    out.throughputRps = window > 0 ? static_cast<double>(m_completed) / window : 0.0;
    const std::uint64_t finished = m_completed + m_failed;
    const std::uint64_t answered = m_completedAll + m_failedAll;
    out.unfinished = m_generatedAll > answered ? m_generatedAll - answered : 0;
    // Requests still open that had half the window to finish are unanswered: an overloaded
    // design that completes 9 requests while 991 wait must not read 100%. Younger ones are
    // in flight as in any steady state (about throughput x latency of them), not failures.
    // Judged at the end only: a fill part-way (the live view, a run stopped by a cap) has
    // a window whose midpoint the counts were not split at.
    const bool atEnd = now >= m_end;
    const std::array<std::uint64_t, 3> overdueByClass =
        atEnd ? std::array<std::uint64_t, 3>{overdue(0), overdue(1), overdue(2)}
              : std::array<std::uint64_t, 3>{};
    out.overdue = overdueByClass[0] + overdueByClass[1] + overdueByClass[2];
    const std::uint64_t judged = finished + out.overdue;
    // Nothing judged: 100% would claim a service that answered no one while requests
    // wait; with none at all (no client) there is nothing to be unavailable.
    out.availability = judged ? static_cast<double>(m_completed) / static_cast<double>(judged)
                              : (out.unfinished > 0 ? 0.0 : 1.0);
    // The open interval counts too when it lies after the warm-up.
    binPending();
    LatencyHistogram read = m_read;
    LatencyHistogram write = m_write;
    LatencyHistogram statics = m_static;
    if (m_intervalEnd - m_intervalLength >= m_warmup) {
        read.merge(m_intervalByClass[0]);
        write.merge(m_intervalByClass[1]);
        statics.merge(m_intervalByClass[2]);
    }
    LatencyHistogram all = read;
    all.merge(write);
    all.merge(statics);
    out.latency = summarize(all);
    // Overdue requests rank after every completed one, like failed ones.
    out.latencyAll = summarizeAll(all, m_failed + out.overdue);
    out.read = {read.count(), m_failedByClass[0], summarize(read),
                summarizeAll(read, m_failedByClass[0] + overdueByClass[0])};
    out.write = {write.count(), m_failedByClass[1], summarize(write),
                 summarizeAll(write, m_failedByClass[1] + overdueByClass[1])};
    out.staticClass = {statics.count(), m_failedByClass[2], summarize(statics),
                       summarizeAll(statics, m_failedByClass[2] + overdueByClass[2])};
    out.staleReads = m_staleReads;
    out.lostWrites = m_lostWrites;
    out.jobs = m_jobs;
    if (m_jobs.present) {
        // The backlog held at the end of the window counts too.
        if (now >= m_warmup)
            out.jobs.backlogMax = std::max(out.jobs.backlogMax, m_backlog);
        out.jobs.latency = summarize(m_jobLatency);
    }
    out.timeseries = m_series;
    out.timeseries.intervalS = toSeconds(m_intervalLength);
    out.latenciesMs = m_latencies;
}

} // namespace scalelab::core::sim
