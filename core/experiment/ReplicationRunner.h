#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/RunFigures.h"
#include "core/model/Topology.h"
#include "core/sim/Results.h"

namespace scalelab::core::experiment {

/// One simulation of an experiment: which design (point) and which replication. Its seed is
/// runSeed(file seed, point, replication).
struct RunJob {
    std::size_t point = 0;
    std::size_t replication = 0;
    /// Hand the whole results (and their document) to the collector too, say replication 0
    /// of `run --replications`, printed in full; otherwise only the figures are kept.
    bool keepResults = false;
};

/// What a finished run hands back.
struct RunOutcome {
    RunJob job;
    std::uint64_t seed = 0;
    RunFigures figures;              ///< empty when the run failed
    sim::RunResults results;         ///< only with RunJob::keepResults
    nlohmann::ordered_json document; ///< only with RunJob::keepResults
    std::string error;               ///< why the run failed (an invalid variant), else empty
};

/// Outcome of a whole experiment.
enum class RunnerStatus { Finished, Cancelled };

/// Runs a list of jobs over a pool of std::jthreads. Results reach the collector in the
/// order of the list, never in completion order, so whatever the number of threads the
/// collector sees the same sequence and an experiment's output is byte-identical. At most
/// a small window of finished runs waits for an earlier one (memory does not grow with
/// the number of jobs).
class ReplicationRunner {
public:
    /// The design of a point: usually the file with some parameters set. Called on worker
    /// threads, so it must only read shared state. Its seed is replaced by the run's seed.
    using Design = std::function<Topology(std::size_t point)>;
    /// The results document of a run: by default resultsWithGoals() (results, cost, goals).
    using Document = std::function<nlohmann::ordered_json(const sim::RunResults&, const Topology&)>;
    /// Receives each outcome in list order, one call at a time.
    using Collect = std::function<void(RunOutcome&&)>;
    /// After each run finishes (any order): runs done, runs in all. Return false to cancel:
    /// runs in progress stop at their next slice and nothing more is collected.
    using Progress = std::function<bool(std::size_t done, std::size_t total)>;

    /// `fileSeed` is the seed runSeed() derives from; `threads` 0 = every core.
    ReplicationRunner(std::uint64_t fileSeed, unsigned threads = 0);

    void setDocument(Document document) { m_document = std::move(document); }
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    /// Runs every job; returns when all are collected or after a cancel.
    RunnerStatus run(const std::vector<RunJob>& jobs, const Design& design,
                     const Collect& collect) const;
    /// The same over `count` jobs made on demand (`jobAt(i)`, called on worker threads):
    /// a sweep's list of runs is not held, so it does not grow with its points.
    using JobAt = std::function<RunJob(std::size_t index)>;
    RunnerStatus run(std::size_t count, const JobAt& jobAt, const Design& design,
                     const Collect& collect) const;

    /// The threads that `threads` = 0 means on this machine (at least 1).
    static unsigned defaultThreads();
    unsigned threads() const { return m_threads; }

private:
    std::uint64_t m_fileSeed;
    unsigned m_threads;
    Document m_document;
    Progress m_progress;
};

/// Jobs for `points` designs x `replications` seeds, point-major (point 0's replications
/// first): the order sweeps and the planner use.
std::vector<RunJob> factorialJobs(std::size_t points, std::size_t replications);
/// Job i of that list, without the list.
RunJob factorialJob(std::size_t index, std::size_t replications);

} // namespace scalelab::core::experiment
