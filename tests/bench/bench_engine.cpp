// Engine speed, printed not asserted. Run from a Release build:
//   bench_engine --benchmark_counters_tabular=true
// Figures: events/s of each future-event set under the hold model (this picks the default
// queue), requests/s of an M/M/4 model through the full engine with every metric against a
// minimal hand-written baseline (a plain heap and exponential draws, no metrics) measured in
// the same run, and a one-hour replication topology at 10,000 req/s with its peak memory.
#include <benchmark/benchmark.h>
#include <deque>
#include <sys/resource.h>
#include <type_traits>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include <queue>

#include "core/model/Topology.h"
#include "core/sim/FutureEventSet.h"
#include "core/sim/RandomStream.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;

namespace {

Node benchNode(const char* id, const char* kind, ParamMap params = {})
{
    Node n;
    n.id = NodeId(id);
    n.kind = KindId(kind);
    n.params = std::move(params);
    return n;
}

Link benchLink(const char* from, const char* to, double latencyMs = 0)
{
    Link l;
    l.from = NodeId(from);
    l.to = NodeId(to);
    if (latencyMs > 0)
        l.params["latency_ms"] = latencyMs;
    return l;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

constexpr double kLambda = 3600;    // M/M/4, 1 ms service: rho = 0.9
constexpr double kSimSeconds = 500; // 1.8M requests per iteration

// The hold model: pop the earliest event, push one an exponential delay later.
void BM_EventQueueHold(benchmark::State& state, QueueKind kind)
{
    const auto population = static_cast<std::size_t>(state.range(0));
    auto queue = makeEventQueue(kind);
    RandomEngine rng = makeStream(1, 0);
    boost::random::exponential_distribution<double> exp(1.0);
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < population; ++i)
        queue->push(Event::make(static_cast<SimTime>(exp(rng) * 1e6), seq++, EventType::Test, 0));
    for (auto _ : state) {
        const Event e = queue->pop();
        queue->push(
            Event::make(e.time + static_cast<SimTime>(exp(rng) * 1e6), seq++, EventType::Test, 0));
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_EventQueueHold, binary_heap, QueueKind::BinaryHeap)
    ->Arg(16)
    ->Arg(1024)
    ->Arg(65536);
BENCHMARK_CAPTURE(BM_EventQueueHold, quaternary_heap, QueueKind::QuaternaryHeap)
    ->Arg(16)
    ->Arg(1024)
    ->Arg(65536);
BENCHMARK_CAPTURE(BM_EventQueueHold, calendar, QueueKind::Calendar)->Arg(16)->Arg(1024)->Arg(65536);
BENCHMARK_CAPTURE(BM_EventQueueHold, timing_wheel, QueueKind::Wheel)
    ->Arg(16)
    ->Arg(1024)
    ->Arg(65536);

// A crowd at one instant (scenario steps all at one time): push n, then pop them all. Per
// event the cost should not grow with n (it was linear in n for the calendar queue).
void BM_EventQueueCrowd(benchmark::State& state, QueueKind kind)
{
    const auto n = static_cast<std::uint64_t>(state.range(0));
    auto queue = makeEventQueue(kind);
    std::uint64_t seq = 0;
    for (auto _ : state) {
        for (std::uint64_t i = 0; i < n; ++i)
            queue->push(Event::make(1'000'000, seq++, EventType::Test, 0));
        while (!queue->empty())
            benchmark::DoNotOptimize(queue->pop());
    }
    state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * n),
                                                        benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_EventQueueCrowd, quaternary_heap, QueueKind::QuaternaryHeap)
    ->Arg(12500)
    ->Arg(100000);
BENCHMARK_CAPTURE(BM_EventQueueCrowd, calendar, QueueKind::Calendar)->Arg(12500)->Arg(100000);
BENCHMARK_CAPTURE(BM_EventQueueCrowd, timing_wheel, QueueKind::Wheel)->Arg(12500)->Arg(100000);

Topology mm4()
{
    Topology t;
    t.name = "M/M/4";
    t.simulation = {kSimSeconds, 0, 1};
    t.nodes = {benchNode("users", "client", {{"rate_rps", kLambda}, {"read_ratio", 1.0}}),
               benchNode("web", "web_server", {{"workers", std::int64_t{4}}, {"service_ms", 1.0}})};
    t.links = {benchLink("users", "web")};
    return t;
}

// Runs the topology through the whole engine; requests and events per wall second.
void runEngine(benchmark::State& state, const Topology& t, QueueKind kind)
{
    SimulationOptions options;
    options.queue = kind;
    std::uint64_t requests = 0, events = 0;
    for (auto _ : state) {
        const RunResults r = simulate(t, options);
        requests += r.completed;
        events += r.engine.events;
        benchmark::DoNotOptimize(r.latency.mean);
    }
    state.counters["requests_per_s"] =
        benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["peak_rss_mb"] = peakRssMb();
}

void BM_MM4_Engine(benchmark::State& state, QueueKind kind)
{
    runEngine(state, mm4(), kind);
}
BENCHMARK_CAPTURE(BM_MM4_Engine, adaptive, QueueKind::Adaptive)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_MM4_Engine, quaternary_heap, QueueKind::QuaternaryHeap)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_MM4_Engine, binary_heap, QueueKind::BinaryHeap)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_MM4_Engine, calendar, QueueKind::Calendar)->Unit(benchmark::kMillisecond);

// The same M/M/4 written by hand as tightly as a person would: a std::priority_queue of
// (time, type), a FIFO of arrival times, Boost exponential draws; only a count and a sum.
// Ordered = false is the strict yardstick: events at the same time pop in any order.
// Ordered = true breaks such ties by insertion, as the engine must (time, then seq).
template <bool Ordered> void BM_MM4_Baseline(benchmark::State& state)
{
    std::uint64_t requests = 0, events = 0;
    for (auto _ : state) {
        struct Unordered {
            std::int64_t t;
            int type; // 0 arrival, 1 departure
            bool operator>(const Unordered& o) const { return t > o.t; }
        };
        struct InOrder {
            std::int64_t t;
            int type;
            std::uint64_t seq;
            bool operator>(const InOrder& o) const { return t > o.t || (t == o.t && seq > o.seq); }
        };
        using Ev = std::conditional_t<Ordered, InOrder, Unordered>;
        std::uint64_t nextSeq = 0;
        auto event = [&nextSeq](std::int64_t t, int type) {
            if constexpr (Ordered)
                return Ev{t, type, nextSeq++};
            else
                return Ev{t, type};
        };
        std::priority_queue<Ev, std::vector<Ev>, std::greater<>> heap;
        std::deque<std::int64_t> waiting;
        RandomEngine rng = makeStream(1, 0);
        boost::random::exponential_distribution<double> exp(1.0);
        const double meanGap = 1e9 / kLambda, meanService = 1e6;
        const auto end = static_cast<std::int64_t>(kSimSeconds * 1e9);
        int busy = 0;
        std::vector<std::int64_t> inService; // arrival times of requests being served, FIFO-ish
        double sum = 0;
        std::uint64_t done = 0;
        heap.push(event(static_cast<std::int64_t>(exp(rng) * meanGap), 0));
        std::deque<std::int64_t> serving;
        while (!heap.empty()) {
            const Ev e = heap.top();
            heap.pop();
            if (e.t > end)
                break;
            ++events;
            if (e.type == 0) {
                heap.push(event(e.t + static_cast<std::int64_t>(exp(rng) * meanGap), 0));
                if (busy < 4) {
                    ++busy;
                    serving.push_back(e.t);
                    heap.push(event(e.t + static_cast<std::int64_t>(exp(rng) * meanService), 1));
                } else {
                    waiting.push_back(e.t);
                }
            } else {
                // Exponential services: which of the c requests leaves does not change the mean.
                sum += static_cast<double>(e.t - serving.front());
                serving.pop_front();
                ++done;
                if (!waiting.empty()) {
                    serving.push_back(waiting.front());
                    waiting.pop_front();
                    heap.push(event(e.t + static_cast<std::int64_t>(exp(rng) * meanService), 1));
                } else {
                    --busy;
                }
            }
        }
        requests += done;
        benchmark::DoNotOptimize(sum);
    }
    state.counters["requests_per_s"] =
        benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MM4_Baseline<false>)->Name("BM_MM4_Baseline")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MM4_Baseline<true>)->Name("BM_MM4_Baseline_ordered")->Unit(benchmark::kMillisecond);

// Master + 2 replicas + cache + 4 web servers behind a load balancer, 10,000 req/s.
Topology replicationTopology(double seconds)
{
    Topology t;
    t.name = "replication";
    t.simulation = {seconds, 0, 7};
    t.nodes = {benchNode("users", "client",
                         {{"rate_rps", 10000.0},
                          {"read_ratio", 0.9},
                          {"key_space", std::int64_t{100000}},
                          {"dns_lookup_ratio", 0.1}}),
               benchNode("dns", "dns"),
               benchNode("lb", "load_balancer"),
               benchNode("cache", "cache",
                         {{"capacity_keys", std::int64_t{20000}}, {"workers", std::int64_t{16}}}),
               benchNode("db", "database", {{"connections", std::int64_t{64}}}),
               benchNode("db-r1", "database",
                         {{"role", std::string("replica")}, {"connections", std::int64_t{64}}}),
               benchNode("db-r2", "database",
                         {{"role", std::string("replica")}, {"connections", std::int64_t{64}}})};
    t.links = {benchLink("users", "dns", 10), benchLink("users", "lb", 20)};
    for (const char* w : {"web1", "web2", "web3", "web4"}) {
        t.nodes.push_back(
            benchNode(w, "web_server", {{"workers", std::int64_t{64}}, {"service_ms", 5.0}}));
        t.links.push_back(benchLink("lb", w, 0.5));
        t.links.push_back(benchLink(w, "cache", 0.2));
        t.links.push_back(benchLink(w, "db", 1));
    }
    for (const char* r : {"db-r1", "db-r2"}) {
        Link l = benchLink("db", r);
        l.kind = LinkKind::Replication;
        l.params["lag_ms"] = 100.0;
        t.links.push_back(l);
    }
    return t;
}

void BM_Replication10k(benchmark::State& state, QueueKind kind)
{
    runEngine(state, replicationTopology(static_cast<double>(state.range(0))), kind);
}
// Six simulated minutes, then one simulated hour: peak memory must stay flat.
BENCHMARK_CAPTURE(BM_Replication10k, quaternary_heap, QueueKind::QuaternaryHeap)
    ->Arg(60)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_Replication10k, calendar, QueueKind::Calendar)
    ->Arg(60)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_Replication10k, timing_wheel, QueueKind::Wheel)
    ->Arg(60)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_Replication10k, adaptive, QueueKind::Adaptive)
    ->Arg(360)
    ->Arg(3600)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

} // namespace

BENCHMARK_MAIN();
