#include "core/sim/CalendarQueue.h"

#include <algorithm>

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kMinBuckets = 16;
}

CalendarQueue::CalendarQueue() : m_buckets(kMinBuckets) {}

void CalendarQueue::clear()
{
    for (auto& b : m_buckets)
        b.clear();
    m_size = 0;
    m_current = 0;
    m_bucketTop = 0;
}

void CalendarQueue::insert(const Event& event)
{
    auto& bucket = m_buckets[bucketOf(event.time)];
    // Latest first, so the earliest is popped from the back without shifting.
    auto pos = bucket.end();
    while (pos != bucket.begin() && earlier(event, *(pos - 1)) == false)
        --pos;
    bucket.insert(pos, event);
}

void CalendarQueue::push(const Event& event)
{
    // An event before the day being scanned (possible after top() looked ahead) restarts
    // the scan at its own day; every other event is later, so nothing is skipped.
    if (m_size == 0 || event.time < m_bucketTop - m_width) {
        m_current = bucketOf(event.time);
        m_bucketTop = dayEnd(event.time);
    }
    insert(event);
    ++m_size;
    if (m_size > 2 * m_buckets.size())
        resize(2 * m_buckets.size());
}

std::size_t CalendarQueue::locateMin() const
{
    const std::size_t n = m_buckets.size();
    for (std::size_t step = 0; step < n; ++step) {
        const auto& bucket = m_buckets[m_current];
        if (!bucket.empty() && bucket.back().time < m_bucketTop)
            return m_current;
        m_current = (m_current + 1) & (n - 1);
        m_bucketTop += m_width;
    }
    // A whole year without an event: jump straight to the earliest one.
    ++m_directSearches;
    std::size_t best = n;
    for (std::size_t i = 0; i < n; ++i)
        if (!m_buckets[i].empty() && (best == n || earlier(m_buckets[i].back(), m_buckets[best].back())))
            best = i;
    const SimTime t = m_buckets[best].back().time;
    m_current = best;
    m_bucketTop = dayEnd(t);
    return best;
}

const Event& CalendarQueue::top() const
{
    return m_buckets[locateMin()].back();
}

Event CalendarQueue::pop()
{
    auto& bucket = m_buckets[locateMin()];
    const Event e = bucket.back();
    bucket.pop_back();
    --m_size;
    if (m_buckets.size() > kMinBuckets && m_size < m_buckets.size() / 2)
        resize(m_buckets.size() / 2);
    else if (++m_popsSinceResize > 64 && m_directSearches * 4 > m_popsSinceResize && m_size >= 2)
        resize(m_buckets.size()); // a quarter of pops jump years: days too short, measure again
    return e;
}

void CalendarQueue::resize(std::size_t buckets)
{
    m_directSearches = 0;
    m_popsSinceResize = 0;
    m_scratch.clear();
    for (auto& b : m_buckets) {
        m_scratch.insert(m_scratch.end(), b.begin(), b.end());
        b.clear();
    }
    // Day length from the spacing of the earliest events (Brown): ~3 events per day
    // near the head of the queue, ignoring gaps more than twice the average.
    const std::size_t sample = std::min<std::size_t>(m_scratch.size(), 25);
    if (sample >= 2) {
        std::nth_element(m_scratch.begin(), m_scratch.begin() + static_cast<long>(sample - 1),
                         m_scratch.end(), earlier);
        std::sort(m_scratch.begin(), m_scratch.begin() + static_cast<long>(sample), earlier);
        const double span = static_cast<double>(m_scratch[sample - 1].time - m_scratch[0].time);
        const double average = span / static_cast<double>(sample - 1);
        double sum = 0;
        int count = 0;
        for (std::size_t i = 1; i < sample; ++i) {
            const double gap = static_cast<double>(m_scratch[i].time - m_scratch[i - 1].time);
            if (gap <= 2 * average) {
                sum += gap;
                ++count;
            }
        }
        const double width = count > 0 ? 3.0 * sum / count : 0.0;
        if (width >= 1.0) {
            m_shift = 0;
            while (m_shift < 40 && static_cast<double>(SimTime{2} << m_shift) <= width)
                ++m_shift;
            m_width = SimTime{1} << m_shift;
        }
    }
    m_buckets.resize(buckets);
    if (m_scratch.empty())
        return;
    const Event first = *std::min_element(m_scratch.begin(), m_scratch.end(), earlier);
    m_current = bucketOf(first.time);
    m_bucketTop = dayEnd(first.time);
    for (const Event& e : m_scratch)
        insert(e);
}

} // namespace scalelab::core::sim
