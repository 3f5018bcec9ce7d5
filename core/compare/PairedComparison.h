#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/ReplicationStats.h"
#include "core/model/Topology.h"
#include "core/sim/Results.h"

namespace scalelab::core::compare {

/// Two designs run under the same R seeds (common random numbers: replication r of A and of
/// B draw the same arrivals and service times wherever their nodes match), so each figure's
/// difference B - A is measured on paired runs and its interval is the paired-t interval,
/// usually far narrower than the two designs' own intervals would suggest.
struct PairedComparison {
    std::vector<std::uint64_t> seeds;   ///< replication order; the same for A and B
    experiment::ReplicationStats a;     ///< across-seed statistics of A
    experiment::ReplicationStats b;     ///< of B
    experiment::ReplicationStats delta; ///< of the paired differences B - A
    sim::RunResults firstA, firstB;     ///< replication 0 in full (time series for charts)
    nlohmann::ordered_json firstDocumentA, firstDocumentB;
    experiment::RunnerStatus status = experiment::RunnerStatus::Finished;
    std::string error; ///< the first failed run's reason, else empty
};

/// Runs `a` and `b` `replications` times each with `runner` (whose seed both share: the
/// seeds are runSeed(seed, 0, r), so replication 0 is `scalelab run` of each file when they
/// have the same seed).
PairedComparison compareDesigns(const Topology& a, const Topology& b, std::size_t replications,
                                const experiment::ReplicationRunner& runner);

/// A difference is significant when its 95% interval excludes zero; with fewer than two
/// replications, or a figure with no value, there is no verdict (null in JSON).
enum class Verdict { Significant, NotSignificant, Unknown };
Verdict significance(const experiment::FigureStats& delta);

/// `scalelab-compare/1`: {format, replications, seeds, a, b, delta, delta_ci95, significant,
/// differences}. `a` and `b` hold the across-seed means (results keys) and their `ci95`;
/// `delta` mirrors the results keys as B - A, `delta_ci95` the half-widths of its 95%
/// interval and `significant` the verdicts (true, false or null). The caller adds what only
/// it knows (file names, hashes) to `a` and `b`.
nlohmann::ordered_json comparisonJson(const PairedComparison& comparison, const Topology& a,
                                      const Topology& b);

} // namespace scalelab::core::compare
