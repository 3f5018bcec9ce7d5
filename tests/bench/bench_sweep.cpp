// Sweep throughput and memory, printed not asserted. Run from a Release build:
//   bench_sweep --benchmark_counters_tabular=true
// BM_SweepJobs: points per second of the same sweep on 1 and 2 threads (issue 17's target
// is >= 1.8x on 2 cores; the ratio is only meaningful on an otherwise idle machine).
// BM_SweepMemory: peak resident memory of sweeps of 10 to 10,000 points of short runs, each
// in a process of its own: flat but for the ~1 kB summary a point keeps (never its results).
#include <benchmark/benchmark.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
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

// Peak resident memory of one sweep, in a child process of its own: this process's peak
// only ever grows (a sweep of 10 points run after one of 10,000 would read as large), and
// it holds the benchmark library besides.
double sweepPeakMb(const SweepDesign& design, std::uint64_t seed, std::size_t* documentBytes)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipeFds[0]);
        ReplicationRunner runner(seed, 2);
        const std::size_t bytes = runSweep(design, "bench", 1, runner).dump().size();
        const bool written = write(pipeFds[1], &bytes, sizeof bytes) == sizeof bytes;
        _exit(written ? 0 : 1);
    }
    close(pipeFds[1]);
    if (read(pipeFds[0], documentBytes, sizeof *documentBytes) != sizeof *documentBytes)
        *documentBytes = 0;
    close(pipeFds[0]);
    int status = 0;
    rusage usage{};
    if (pid < 0 || wait4(pid, &status, 0, &usage) != pid || status != 0)
        return -1;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_SweepMemory(benchmark::State& state)
{
    const auto count = state.range(0);
    const Topology t = sweepTopology(0.2);
    // A knob that leaves each run as small as the last, so only the point count grows.
    const SweepDesign design(t,
                             {parseVary("users.key_space=1:" + std::to_string(count) + ":1", t)});
    double peakMb = 0;
    std::size_t documentBytes = 0;
    for (auto _ : state)
        peakMb = sweepPeakMb(design, t.simulation.seed, &documentBytes);
    state.counters["points"] = static_cast<double>(count);
    state.counters["peak_MB"] = peakMb;
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
