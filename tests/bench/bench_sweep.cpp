// Sweep throughput and memory, printed not asserted. Run from a Release build:
//   bench_sweep --benchmark_counters_tabular=true
// BM_SweepJobs: points per second of the same sweep on 1 and 2 threads (issue 17's target
// is >= 1.8x on 2 cores; the ratio is only meaningful on an otherwise idle machine).
// BM_SweepMemory: resident memory after sweeps of 10 to 10,000 points of short runs: flat
// (a point keeps a ~1 kB summary, never a run's results).
#include <benchmark/benchmark.h>
#include <fstream>
#include <string>
#include <unistd.h>

#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/Sweep.h"
#include "core/experiment/SweepSpec.h"
#include "core/model/Topology.h"

using namespace scalelab::core;
using namespace scalelab::core::experiment;

namespace {

Node sweepNode(const char* id, const char* kind, ParamMap params = {})
{
    Node n;
    n.id = NodeId(id);
    n.kind = KindId(kind);
    n.params = std::move(params);
    return n;
}

Link sweepLink(const char* from, const char* to)
{
    Link l;
    l.from = NodeId(from);
    l.to = NodeId(to);
    return l;
}

// A load balancer over four web servers sharing a database: a small version of example 05.
Topology sweepTopology(double durationS)
{
    Topology t;
    t.simulation = {durationS, durationS / 10, 17};
    t.nodes = {sweepNode("users", "client", {{"rate_rps", 2000.0}}),
               sweepNode("lb", "load_balancer")};
    for (const char* web : {"web1", "web2", "web3", "web4"})
        t.nodes.push_back(
            sweepNode(web, "web_server", {{"workers", std::int64_t{8}}, {"service_ms", 10.0}}));
    t.nodes.push_back(sweepNode("db", "database", {{"connections", std::int64_t{32}}}));
    t.links = {sweepLink("users", "lb")};
    for (const char* web : {"web1", "web2", "web3", "web4"}) {
        t.links.push_back(sweepLink("lb", web));
        t.links.push_back(sweepLink(web, "db"));
    }
    return t;
}

double residentMb()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

void BM_SweepJobs(benchmark::State& state)
{
    const auto threads = static_cast<unsigned>(state.range(0));
    const Topology t = sweepTopology(20);
    const SweepDesign design(
        t, {parseVary("web*.workers=6,8,10,12", t), parseVary("users.rate_rps=1000:2500:500", t)});
    std::size_t points = 0;
    for (auto _ : state) {
        ReplicationRunner runner(t.simulation.seed, threads);
        const auto doc = runSweep(design, "bench", 1, runner);
        points += doc["points"].size();
        benchmark::DoNotOptimize(doc);
    }
    state.counters["points_per_s"] =
        benchmark::Counter(static_cast<double>(points), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SweepJobs)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(2);

void BM_SweepMemory(benchmark::State& state)
{
    const auto count = state.range(0);
    const Topology t = sweepTopology(0.2);
    // A knob that leaves each run as small as the last, so only the point count grows.
    const SweepDesign design(t,
                             {parseVary("users.key_space=1:" + std::to_string(count) + ":1", t)});
    double afterMb = 0;
    std::size_t documentBytes = 0;
    for (auto _ : state) {
        ReplicationRunner runner(t.simulation.seed, 2);
        const auto doc = runSweep(design, "bench", 1, runner);
        documentBytes = doc.dump().size();
        afterMb = residentMb();
    }
    state.counters["points"] = static_cast<double>(count);
    state.counters["resident_MB"] = afterMb;
    state.counters["doc_bytes_per_point"] =
        static_cast<double>(documentBytes) / static_cast<double>(count);
}
BENCHMARK(BM_SweepMemory)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

} // namespace

BENCHMARK_MAIN();
