// Sweep throughput and memory, printed not asserted. Run from a Release build:
//   bench_sweep --benchmark_counters_tabular=true
// BM_SweepJobs: points per second of the same sweep on 1 and 2 threads (issue 17's target
// is >= 1.8x on 2 cores; the ratio is only meaningful on an otherwise idle machine).
// BM_SweepMemory: peak resident memory of sweeps of 10 to 10,000 points of short runs, each
// in a process of its own, written as `scalelab sweep --json --csv` writes them (points
// streamed, the CSV's rows spilled to a temporary file): flat in the number of points.
// BM_SweepMemoryTwoAxes: the same over two axes (count/10 x 10), whose values stay few.
// BM_SweepMemoryDocument: the same sweeps collected into one document, as the window's
// dock does: about 2.3 kB a point.
#include <benchmark/benchmark.h>
#include <ostream>
#include <streambuf>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/Sweep.h"
#include "core/experiment/SweepCsvWriter.h"
#include "core/experiment/SweepJsonWriter.h"
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

// Counts what is written to it and keeps nothing: a file that takes no memory.
class CountingBuffer : public std::streambuf {
public:
    std::size_t bytes = 0;

private:
    int overflow(int c) override
    {
        if (!traits_type::eq_int_type(c, traits_type::eof()))
            ++bytes;
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char*, std::streamsize n) override
    {
        bytes += static_cast<std::size_t>(n);
        return n;
    }
};

// The sweep as the command line writes it: --json and --csv, streamed. Returns the JSON's
// bytes.
std::size_t streamedSweep(const SweepDesign& design, std::uint64_t seed)
{
    ReplicationRunner runner(seed, 2);
    CountingBuffer json;
    CountingBuffer csv;
    std::ostream jsonOut(&json);
    std::ostream csvOut(&csv);
    SweepJsonWriter jsonWriter(jsonOut);
    SweepCsvWriter csvWriter(csvOut);
    SweepFanOut both;
    both.add(jsonWriter);
    both.add(csvWriter);
    runSweep(design, "bench", 1, runner, both);
    return json.bytes;
}

// The sweep collected into one document (the window's dock). Returns its bytes as dump(2).
std::size_t documentSweep(const SweepDesign& design, std::uint64_t seed)
{
    ReplicationRunner runner(seed, 2);
    return runSweep(design, "bench", 1, runner).dump(2).size();
}

// Peak resident memory of one sweep, in a child process of its own: this process's peak
// only ever grows (a sweep of 10 points run after one of 10,000 would read as large), and
// it holds the benchmark library besides.
double sweepPeakMb(std::size_t (*sweep)(const SweepDesign&, std::uint64_t),
                   const SweepDesign& design, std::uint64_t seed, std::size_t* documentBytes)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipeFds[0]);
        const std::size_t bytes = sweep(design, seed);
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

// `axes` 1: one axis of `count` values; 2: an axis of count/10 values by one of 10 (the
// axes' values are the sweep's input, held as long as it runs: this keeps them small).
void sweepMemory(benchmark::State& state, std::size_t (*sweep)(const SweepDesign&, std::uint64_t),
                 int axes = 1)
{
    const auto count = state.range(0);
    const Topology t = sweepTopology(0.2);
    // Knobs that leave each run as small as the last, so only the point count grows.
    const SweepDesign design =
        axes == 1
            ? SweepDesign(t, {parseVary("users.key_space=1:" + std::to_string(count) + ":1", t)})
            : SweepDesign(t,
                          {parseVary("users.key_space=1:" + std::to_string(count / 10) + ":1", t),
                           parseVary("lb.cost_per_hour=1:10:1", t)});
    double peakMb = 0;
    std::size_t documentBytes = 0;
    for (auto _ : state)
        peakMb = sweepPeakMb(sweep, design, t.simulation.seed, &documentBytes);
    state.counters["points"] = static_cast<double>(count);
    state.counters["peak_MB"] = peakMb;
    state.counters["doc_bytes_per_point"] =
        static_cast<double>(documentBytes) / static_cast<double>(count);
}
// 10 to 10,000 points, each sweep once (its peak is what is measured).
void memoryPoints(benchmark::internal::Benchmark* b)
{
    b->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kSecond)->Iterations(1);
}

void BM_SweepMemory(benchmark::State& state)
{
    sweepMemory(state, streamedSweep);
}
BENCHMARK(BM_SweepMemory)->Apply(memoryPoints);

void BM_SweepMemoryTwoAxes(benchmark::State& state)
{
    sweepMemory(state, streamedSweep, 2);
}
BENCHMARK(BM_SweepMemoryTwoAxes)->Apply(memoryPoints);

void BM_SweepMemoryDocument(benchmark::State& state)
{
    sweepMemory(state, documentSweep);
}
BENCHMARK(BM_SweepMemoryDocument)->Apply(memoryPoints);

} // namespace

BENCHMARK_MAIN();
