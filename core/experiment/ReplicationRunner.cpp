#include "core/experiment/ReplicationRunner.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "core/experiment/RunSeed.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/sim/Simulation.h"

namespace scalelab::core::experiment {

namespace {

// Runs are driven in slices so that a cancel stops a long run within a twentieth of it.
constexpr int kSlicesPerRun = 20;

RunOutcome execute(const RunJob& job, std::uint64_t seed, const ReplicationRunner::Design& design,
                   const ReplicationRunner::Document& document, const std::atomic<bool>& cancelled)
{
    RunOutcome outcome;
    outcome.job = job;
    outcome.seed = seed;
    try {
        Topology topology = design(job.point);
        topology.simulation.seed = seed;
        sim::Simulation simulation(topology);
        const sim::SimTime slice = std::max<sim::SimTime>(1, simulation.end() / kSlicesPerRun);
        while (!simulation.finished()) {
            if (cancelled.load(std::memory_order_relaxed)) {
                outcome.error = "cancelled";
                return outcome;
            }
            simulation.runUntil(simulation.now() + slice);
        }
        sim::RunResults results = simulation.results();
        nlohmann::ordered_json doc =
            document ? document(results, topology) : resultsWithGoals(results, topology);
        outcome.figures = figuresOf(doc);
        if (job.keepResults) {
            outcome.document = std::move(doc);
            outcome.results = std::move(results);
        }
    } catch (const std::exception& e) {
        outcome.figures = {};
        outcome.error = e.what();
    }
    return outcome;
}

} // namespace

ReplicationRunner::ReplicationRunner(std::uint64_t fileSeed, unsigned threads)
    : m_fileSeed(fileSeed), m_threads(threads == 0 ? defaultThreads() : threads)
{
}

unsigned ReplicationRunner::defaultThreads()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

RunnerStatus ReplicationRunner::run(const std::vector<RunJob>& jobs, const Design& design,
                                    const Collect& collect) const
{
    return run(
        jobs.size(), [&jobs](std::size_t i) { return jobs[i]; }, design, collect);
}

RunnerStatus ReplicationRunner::run(std::size_t count, const JobAt& jobAt, const Design& design,
                                    const Collect& collect) const
{
    const std::size_t total = count;
    if (total == 0)
        return RunnerStatus::Finished;
    const std::size_t threads = std::min<std::size_t>(m_threads, total);
    // A finished run waits for every earlier one before it is collected; starting at most
    // this far ahead of the oldest uncollected run bounds what waits.
    const std::size_t window = 4 * threads;

    std::mutex mutex;
    std::condition_variable wake;
    std::size_t nextToStart = 0;
    std::size_t nextToCollect = 0;
    std::size_t done = 0;
    std::map<std::size_t, RunOutcome> waiting;
    std::atomic<bool> cancelled{false};

    auto worker = [&] {
        for (;;) {
            std::size_t index = 0;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [&] {
                    return cancelled || nextToStart >= total ||
                           nextToStart < nextToCollect + window;
                });
                if (cancelled || nextToStart >= total)
                    return;
                index = nextToStart++;
            }
            const RunJob job = jobAt(index);
            RunOutcome outcome = execute(job, runSeed(m_fileSeed, job.point, job.replication),
                                         design, m_document, cancelled);
            {
                std::unique_lock lock(mutex);
                if (cancelled)
                    return;
                ++done;
                if (m_progress && !m_progress(done, total)) {
                    cancelled = true;
                } else {
                    waiting.emplace(index, std::move(outcome));
                    for (auto it = waiting.begin();
                         it != waiting.end() && it->first == nextToCollect;
                         it = waiting.erase(it), ++nextToCollect)
                        collect(std::move(it->second));
                }
            }
            wake.notify_all();
        }
    };

    {
        std::vector<std::jthread> pool;
        pool.reserve(threads);
        for (std::size_t i = 0; i < threads; ++i)
            pool.emplace_back(worker);
    } // the jthreads join here
    return cancelled ? RunnerStatus::Cancelled : RunnerStatus::Finished;
}

std::vector<RunJob> factorialJobs(std::size_t points, std::size_t replications)
{
    std::vector<RunJob> jobs;
    jobs.reserve(points * replications);
    for (std::size_t i = 0; i < points * replications; ++i)
        jobs.push_back(factorialJob(i, replications));
    return jobs;
}

RunJob factorialJob(std::size_t index, std::size_t replications)
{
    return {index / replications, index % replications, false};
}

} // namespace scalelab::core::experiment
