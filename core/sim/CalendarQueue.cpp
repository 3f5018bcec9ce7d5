#include "core/sim/CalendarQueue.h"

#include <algorithm>

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kMinBuckets = 16;
}

CalendarQueue::CalendarQueue() : m_buckets(kMinBuckets)
{
    setThresholds();
}

void CalendarQueue::setThresholds()
{
    m_growAbove = 2 * m_buckets.size();
    m_shrinkBelow = m_buckets.size() > kMinBuckets ? m_buckets.size() / 2 : 0;
}

void CalendarQueue::clear()
{
    std::fill(m_buckets.begin(), m_buckets.end(), Bucket{});
    m_slots.clear();
    m_freeSlot = kNil;
    m_size = 0;
    m_current = 0;
    m_bucketTop = 0;
    m_located = false;
}

std::uint32_t CalendarQueue::allocateSlot()
{
    if (m_freeSlot != kNil) {
        const std::uint32_t s = m_freeSlot;
        m_freeSlot = m_slots[s].next;
        return s;
    }
    m_slots.push_back({});
    return static_cast<std::uint32_t>(m_slots.size() - 1);
}

void CalendarQueue::insert(SimTime time, std::uint64_t seq, std::uint32_t a, std::uint32_t b)
{
    Bucket& bucket = m_buckets[bucketOf(time)];
    // Earliest first; equal times keep insertion order (seq grows).
    const EventKey key = keyOf(time, seq);
    if (bucket.first.time == kEmpty) {
        bucket.first = Event{time, seq, a, b};
        return;
    }
    const std::uint32_t s = allocateSlot();
    Slot& slot = m_slots[s];
    if (key < keyOf(bucket.first)) {
        // The new event leads: the old first moves to the front of the list.
        slot.event = bucket.first;
        slot.next = bucket.rest;
        if (bucket.rest == kNil)
            bucket.tail = s;
        bucket.rest = s;
        bucket.first = Event{time, seq, a, b};
        return;
    }
    slot.event = Event{time, seq, a, b};
    if (bucket.rest == kNil || keyOf(m_slots[bucket.tail].event) < key) {
        slot.next = kNil;
        (bucket.rest == kNil ? bucket.rest : m_slots[bucket.tail].next) = s;
        bucket.tail = s;
        return;
    }
    std::uint32_t* link = &bucket.rest;
    while (*link != kNil && keyOf(m_slots[*link].event) < key)
        link = &m_slots[*link].next;
    slot.next = *link;
    *link = s;
}

void CalendarQueue::emplace(SimTime time, std::uint64_t seq, std::uint32_t a, std::uint32_t b)
{
    // An event before the day being scanned (possible after top() looked ahead) restarts
    // the scan at its own day; every other event is later, so nothing is skipped.
    m_located = false;
    if (m_size == 0 || time < m_bucketTop - m_width) {
        m_current = bucketOf(time);
        m_bucketTop = dayEnd(time);
    }
    insert(time, seq, a, b);
    ++m_size;
    if (m_size > m_growAbove)
        resize(2 * m_buckets.size());
}

std::size_t CalendarQueue::locateMin() const
{
    const std::size_t n = m_buckets.size();
    for (std::size_t step = 0; step < n; ++step) {
        if (m_buckets[m_current].first.time < m_bucketTop) {
            m_located = true;
            return m_current;
        }
        m_current = (m_current + 1) & (n - 1);
        m_bucketTop += m_width;
    }
    // A whole year without an event: jump straight to the earliest one.
    ++m_directSearches;
    std::size_t best = n;
    for (std::size_t i = 0; i < n; ++i)
        if (m_buckets[i].first.time != kEmpty &&
            (best == n || earlier(m_buckets[i].first, m_buckets[best].first)))
            best = i;
    const SimTime t = m_buckets[best].first.time;
    m_current = best;
    m_bucketTop = dayEnd(t);
    m_located = true;
    return best;
}

Event CalendarQueue::pop()
{
    const std::size_t b = m_located ? m_current : locateMin();
    m_located = false;
    Bucket& bucket = m_buckets[b];
    const Event e = bucket.first;
    if (const std::uint32_t s = bucket.rest; s != kNil) {
        bucket.first = m_slots[s].event;
        bucket.rest = m_slots[s].next;
        if (bucket.rest == kNil)
            bucket.tail = kNil;
        m_slots[s].next = m_freeSlot;
        m_freeSlot = s;
    } else {
        bucket.first.time = kEmpty;
    }
    --m_size;
    ++m_popsSinceResize;
    if (m_size < m_shrinkBelow)
        resize(m_buckets.size() / 2);
    else if (m_directSearches > 0 && m_popsSinceResize > 64 &&
             m_directSearches * 4 > m_popsSinceResize && m_size >= 2)
        resize(m_buckets.size()); // a quarter of pops jump years: days too short, measure again
    return e;
}

void CalendarQueue::resize(std::size_t buckets)
{
    m_directSearches = 0;
    m_popsSinceResize = 0;
    m_located = false;
    m_scratch.clear();
    for (const Bucket& bucket : m_buckets) {
        if (bucket.first.time == kEmpty)
            continue;
        m_scratch.push_back(bucket.first);
        for (std::uint32_t s = bucket.rest; s != kNil; s = m_slots[s].next)
            m_scratch.push_back(m_slots[s].event);
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
    m_buckets.assign(buckets, Bucket{});
    setThresholds();
    m_slots.clear();
    m_freeSlot = kNil;
    if (m_scratch.empty())
        return;
    const Event first = *std::min_element(m_scratch.begin(), m_scratch.end(), earlier);
    m_current = bucketOf(first.time);
    m_bucketTop = dayEnd(first.time);
    for (const Event& e : m_scratch)
        insert(e.time, e.seq, e.a, e.b);
}

} // namespace scalelab::core::sim
