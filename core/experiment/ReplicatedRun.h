#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/ReplicationStats.h"
#include "core/model/Topology.h"
#include "core/sim/Results.h"

namespace scalelab::core::experiment {

/// `run --replications R`: the same design under R seeds.
struct ReplicatedRun {
    sim::RunResults first;                ///< replication 0 (the file's own seed), in full
    nlohmann::ordered_json firstDocument; ///< its results document (with cost and goals)
    ReplicationStats stats;               ///< across-seed means and intervals
    std::vector<std::uint64_t> seeds;     ///< in replication order
    RunnerStatus status = RunnerStatus::Finished;
    std::string error; ///< the first failed replication's reason
};

/// Runs R replications of `topology` with `runner` (its seed = the file's seed).
ReplicatedRun runReplicated(const Topology& topology, std::size_t replications,
                            const ReplicationRunner& runner);

/// The additive `replications` key of a results document:
/// {count, seeds, mean: {results keys}, ci95: {results keys}, goals: [...]}; goals are
/// checked against the across-seed means.
nlohmann::ordered_json replicationsJson(const ReplicatedRun& run, const Topology& topology);

} // namespace scalelab::core::experiment
