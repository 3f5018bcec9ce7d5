// One suite run against every future-event-set implementation (binary heap, 4-ary heap,
// calendar queue): each must pop events in (time, insertion) order whatever the pattern.
#include <algorithm>
#include <random>
#include <vector>

#include <QTest>

#include "core/sim/EventLane.h"
#include "core/sim/FutureEventSet.h"

using namespace scalelab::core::sim;

Q_DECLARE_METATYPE(QueueKind)

namespace {

Event make(SimTime t, std::uint64_t seq)
{
    return Event::make(t, seq, EventType::Test, static_cast<std::uint32_t>(seq));
}

std::vector<Event> drain(FutureEventSet& q)
{
    std::vector<Event> out;
    while (!q.empty())
        out.push_back(q.pop());
    return out;
}

} // namespace

class TestEventQueue : public QObject {
    Q_OBJECT

private:
    void addKinds()
    {
        QTest::addColumn<QueueKind>("kind");
        for (QueueKind k : {QueueKind::BinaryHeap, QueueKind::QuaternaryHeap, QueueKind::Calendar,
                            QueueKind::Wheel})
            QTest::newRow(std::string(toString(k)).c_str()) << k;
    }

private Q_SLOTS:
    void popsInTimeOrder_data() { addKinds(); }
    void popsInTimeOrder()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        std::mt19937_64 rng(1);
        std::vector<Event> events;
        for (std::uint64_t i = 0; i < 5000; ++i)
            events.push_back(make(static_cast<SimTime>(rng() % 1'000'000), i));
        for (const Event& e : events)
            q->push(e);
        QCOMPARE(q->size(), events.size());
        std::sort(events.begin(), events.end(), earlier);
        const std::vector<Event> got = drain(*q);
        QCOMPARE(got.size(), events.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].time, events[i].time);
            QCOMPARE(got[i].order(), events[i].order());
            QCOMPARE(got[i].type(), EventType::Test);
        }
    }

    void equalTimesKeepInsertionOrder_data() { addKinds(); }
    void equalTimesKeepInsertionOrder()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        // Three instants, pushed interleaved: within an instant, insertion order rules.
        for (std::uint64_t i = 0; i < 300; ++i)
            q->push(make(static_cast<SimTime>((i % 3) * 10), i));
        const std::vector<Event> got = drain(*q);
        for (std::size_t i = 1; i < got.size(); ++i) {
            QVERIFY(got[i - 1].time <= got[i].time);
            if (got[i - 1].time == got[i].time)
                QVERIFY(got[i - 1].order() < got[i].order());
        }
        QCOMPARE(got.front().order(), std::uint64_t{0});
        QCOMPARE(got.back().order(), std::uint64_t{299});
    }

    // A crowd at one instant (100k scenario steps at one time) appends at a bucket's tail;
    // events pushed between them that fall inside the same day but earlier must still be
    // walked into place, and the tail must follow pops that empty the list.
    void crowdAtOneInstantWithEarlierNeighbours_data() { addKinds(); }
    void crowdAtOneInstantWithEarlierNeighbours()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        std::vector<Event> reference;
        std::uint64_t seq = 0;
        auto push = [&](SimTime t) {
            const Event e = make(t, seq++);
            q->push(e);
            reference.push_back(e);
        };
        for (int round = 0; round < 3; ++round) {
            const SimTime instant = 1000 * (round + 1); // never before what was popped
            for (int i = 0; i < 5000; ++i) {
                push(instant);
                if (i % 97 == 0)
                    push(instant - 1 - i % 5); // same day, earlier: walked in before the crowd
                if (i % 389 == 0)
                    push(instant + i % 7); // same day, later
            }
            // Drain part of it (the tail must be reset when a bucket's list empties).
            std::stable_sort(reference.begin(), reference.end(), earlier);
            for (int i = 0; i < 4000; ++i) {
                const Event e = q->pop();
                QCOMPARE(e.order(), reference.front().order());
                reference.erase(reference.begin());
            }
        }
        std::stable_sort(reference.begin(), reference.end(), earlier);
        const std::vector<Event> got = drain(*q);
        QCOMPARE(got.size(), reference.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QCOMPARE(got[i].order(), reference[i].order());
    }

    // The hold model of simulation: pop the earliest, push one a random delay later,
    // with bursts and gaps, compared step by step with a sorted reference.
    void holdModelMatchesReference_data() { addKinds(); }
    void holdModelMatchesReference()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        std::vector<Event> reference;
        std::mt19937_64 rng(7);
        std::uint64_t seq = 0;
        for (int i = 0; i < 200; ++i) {
            const Event e = make(static_cast<SimTime>(rng() % 100000), seq++);
            q->push(e);
            reference.push_back(e);
        }
        SimTime now = 0;
        for (int step = 0; step < 50000; ++step) {
            const auto best = std::min_element(reference.begin(), reference.end(), earlier);
            QCOMPARE(q->top().order(), best->order());
            const Event e = q->pop();
            QCOMPARE(e.order(), best->order());
            QVERIFY(e.time >= now);
            now = e.time;
            reference.erase(best);
            // Mostly short delays, sometimes a far one (timeouts), sometimes several events
            // (fan-out), sometimes none (the population shrinks, then grows again).
            const int pushes =
                step % 1000 < 500 ? static_cast<int>(rng() % 3) : static_cast<int>(rng() % 2);
            for (int k = 0; k < pushes; ++k) {
                const SimTime delay = rng() % 20 == 0 ? static_cast<SimTime>(rng() % 10'000'000)
                                                      : static_cast<SimTime>(rng() % 1000);
                const Event n = make(now + delay, seq++);
                q->push(n);
                reference.push_back(n);
            }
            if (reference.empty())
                break;
        }
        QCOMPARE(q->size(), reference.size());
    }

    // After top() looked ahead, an event earlier than that one (but not before now) must
    // still come out first (the calendar queue's scan position must move back).
    void pushBeforeLookedAheadTop_data() { addKinds(); }
    void pushBeforeLookedAheadTop()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        q->push(make(5, 0));
        QCOMPARE(q->pop().order(), std::uint64_t{0});
        q->push(make(50'000'000'000, 1));
        QCOMPARE(q->top().time, SimTime{50'000'000'000});
        q->push(make(6, 2));
        q->push(make(6, 3));
        QCOMPARE(q->pop().order(), std::uint64_t{2});
        QCOMPARE(q->pop().order(), std::uint64_t{3});
        QCOMPARE(q->pop().order(), std::uint64_t{1});
        QVERIFY(q->empty());
    }

    // A crowd at one instant a little ahead, among events spread over a millisecond (the
    // wheel's slot for that day gets the crowd as a list, newest first): it must come out
    // in insertion order, between its neighbours.
    void crowdAheadAmongSpreadEvents_data() { addKinds(); }
    void crowdAheadAmongSpreadEvents()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        std::vector<Event> reference;
        std::mt19937_64 rng(3);
        std::uint64_t seq = 0;
        auto push = [&](SimTime t) {
            const Event e = make(t, seq++);
            q->push(e);
            reference.push_back(e);
        };
        for (int i = 0; i < 2000; ++i)
            push(static_cast<SimTime>(rng() % 1'000'000));
        for (int i = 0; i < 20000; ++i)
            push(i % 50 == 0 ? static_cast<SimTime>(rng() % 1'000'000) : SimTime{400'000});
        std::sort(reference.begin(), reference.end(), earlier);
        const std::vector<Event> got = drain(*q);
        QCOMPARE(got.size(), reference.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QCOMPARE(got[i].order(), reference[i].order());
    }

    // A web system's mix of delays (zero, sub-microsecond hops, exponential services, a
    // 40 ms link, rare 30 s timeouts) while the population swells from tens to thousands
    // and falls back, with look-aheads past the next event followed by pushes between
    // "now" and it (an action posted from outside): the queues that re-measure themselves
    // (the wheel's days and horizon, the calendar's buckets) must keep the order throughout.
    void mixedDelaysWithLookAheads_data() { addKinds(); }
    void mixedDelaysWithLookAheads()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        auto later = [](const Event& x, const Event& y) { return earlier(y, x); };
        std::vector<Event> reference; // a min-heap under `later`
        std::mt19937_64 rng(11);
        std::exponential_distribution<double> service(1.0 / 2e6); // mean 2 ms in ns
        std::uint64_t seq = 0;
        SimTime now = 0;
        auto push = [&](SimTime t) {
            const Event e = make(t, seq++);
            q->push(e);
            reference.push_back(e);
            std::push_heap(reference.begin(), reference.end(), later);
        };
        push(0);
        int lookAheads = 0;
        for (int step = 0; step < 120'000 && !reference.empty(); ++step) {
            if (step % 101 == 0) {
                const SimTime ahead = q->top().time;
                QCOMPARE(ahead, reference.front().time);
                if (ahead > now + 1) {
                    push(now + 1 +
                         static_cast<SimTime>(rng() % static_cast<std::uint64_t>(ahead - now - 1)));
                    ++lookAheads;
                }
            }
            std::pop_heap(reference.begin(), reference.end(), later);
            const Event want = reference.back();
            reference.pop_back();
            const Event got = q->pop();
            QCOMPARE(got.order(), want.order());
            QCOMPARE(got.time, want.time);
            now = got.time;
            // Swell for the first 40k steps (about 1.4 children each), then shrink.
            const std::uint64_t r = rng() % 100;
            const int children = step < 40'000 ? (r < 45 ? 2 : 1) : (r < 30 ? 0 : 1);
            for (int c = 0; c < children; ++c) {
                const std::uint64_t pick = rng() % 100;
                const SimTime delay = pick < 5    ? 0
                                      : pick < 35 ? 500
                                      : pick < 80 ? static_cast<SimTime>(service(rng))
                                      : pick < 99 ? 40'000'000
                                                  : 30'000'000'000;
                push(now + delay);
            }
        }
        QCOMPARE(q->size(), reference.size());
        QVERIFY(lookAheads > 100);
        QVERIFY(seq > 100'000);
    }

    // A lane is a FIFO: whatever the interleaving of pushes and pops (the ring wraps
    // around and grows while wrapped), events come out in the order they went in.
    void laneKeepsFifoOrderAcrossWrapAndGrowth()
    {
        EventLane lane;
        std::uint64_t pushed = 0, popped = 0;
        std::mt19937_64 rng(5);
        for (int round = 0; round < 2000; ++round) {
            const int pushes = static_cast<int>(rng() % 4);
            for (int k = 0; k < pushes; ++k, ++pushed)
                lane.push(static_cast<SimTime>(pushed * 10),
                          Event::packSeq(pushed, EventType::Test),
                          static_cast<std::uint32_t>(pushed), 7);
            QCOMPARE(lane.size(), static_cast<std::size_t>(pushed - popped));
            if (!lane.empty())
                QCOMPARE(lane.back().order(), pushed - 1);
            const int pops = static_cast<int>(rng() % 3);
            for (int k = 0; k < pops && !lane.empty(); ++k, ++popped) {
                QCOMPARE(lane.front().order(), popped);
                QCOMPARE(lane.front().time, static_cast<SimTime>(popped * 10));
                QCOMPARE(lane.front().a, static_cast<std::uint32_t>(popped));
                lane.pop();
            }
        }
        QVERIFY(pushed > 1000);
    }

    void clearEmpties_data() { addKinds(); }
    void clearEmpties()
    {
        QFETCH(QueueKind, kind);
        auto q = makeEventQueue(kind);
        for (std::uint64_t i = 0; i < 100; ++i)
            q->push(make(static_cast<SimTime>(i * 7), i));
        q->clear();
        QVERIFY(q->empty());
        QCOMPARE(q->size(), std::size_t{0});
        q->push(make(3, 100));
        QCOMPARE(q->pop().order(), std::uint64_t{100});
    }
};

QTEST_APPLESS_MAIN(TestEventQueue)
#include "tst_event_queue.moc"
