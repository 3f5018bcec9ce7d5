#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cost/Cost.h"
#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/ReplicationStats.h"
#include "core/experiment/SweepSpec.h"

namespace scalelab::core::experiment {

inline constexpr const char* kPlanFormat = "scalelab-plan/1";

struct PlanOptions {
    std::size_t replications = 3; ///< seeds a candidate is simulated with
    unsigned threads = 0;         ///< 0 = every core
    /// The analytic search keeps a candidate whose estimates miss a goal by less than this
    /// share (estimates are approximations: the simulation decides).
    double slack = 0.10;
    /// Candidates the walk simulates at most before giving up: each costs R runs. The
    /// probes that bound each knob come on top (about log2(values) a knob).
    std::size_t maxSimulated = 40;
};

/// One goal as the simulation saw it: across-seed mean and 95% half-width of the goal's
/// metric; proven when even the interval's worse end meets the target.
struct GoalProof {
    std::string name;
    double target = 0;
    double mean = 0; ///< NaN when some replication had no value
    double ci95 = 0;
    bool upper = true; ///< the target is a maximum
    bool proven = false;
    /// Missed even at the interval's better end, on a goal more capacity can only ease:
    /// every design with less capacity misses it too.
    bool clearlyMissed = false;
};

/// A candidate the walk simulated, in the order it did, or a probe.
struct PlanStep {
    std::size_t point = 0;
    Cost cost;
    bool probe = false; ///< simulated to bound the knobs, not as the walk's candidate
    bool top = false;   ///< the first probe: every knob at its largest value
    bool proven = false;
    bool refuted = false; ///< some goal clearly missed (GoalProof::clearlyMissed)
    std::vector<GoalProof> goals;
    ReplicationStats stats;
    std::string error;
};

struct PlanResult {
    std::size_t candidates = 0;        ///< points of the factorial
    std::size_t analyticFeasible = 0;  ///< kept by the analytic search
    std::vector<std::size_t> order;    ///< kept points, cheapest first (the walk's order)
    std::vector<PlanStep> simulated;   ///< the walk
    std::optional<std::size_t> chosen; ///< index into `simulated` of the proven one
    std::vector<PlanStep> probes;      ///< the knobs' bisection, in the order simulated
    /// Per varied knob, the index of its smallest value a probe did not refute (empty when
    /// no probe ran or the top of the box was refuted).
    std::vector<std::size_t> floors;
    /// Candidates the walk passed over: below a refuted probe on every knob.
    std::size_t skipped = 0;
    bool cancelled = false;
};

/// Stage "search" (analytic, done/total candidates), "probe" or "verify" (runs done/total
/// of the current batch). Return false to cancel.
using PlanProgress =
    std::function<bool(const std::string& stage, std::size_t done, std::size_t total)>;
/// Sees each simulated candidate as soon as its verdict is known.
using PlanStepReady = std::function<void(const PlanStep&)>;

/// Finds the cheapest point of `design` proven to meet every goal of its file. Analytic
/// search first: each candidate's queueing estimates (all cores) screen out designs that
/// saturate or clearly miss a goal; the rest are sorted by cost, then by the capacity they
/// use (sum of the varied knobs over the nodes they set), then by point. Then the walk:
/// candidates are simulated `replications` times, a batch at a time, cheapest first, until
/// one is proven. When the first clearly misses, every knob adds capacity, nothing turns
/// work away past a bound (capacityNeverHurts) and there are 2 replications or more, probes
/// bisect each knob at the top of the box (FloorProbe); from then on the walk passes over
/// candidates below a refuted probe (what the estimates missed: a scheduled failure's load).
/// Same answer whatever `threads` is. Throws std::invalid_argument when the file sets no
/// goals.
PlanResult planDesign(const SweepDesign& design, const PlanOptions& options,
                      const PlanProgress& progress = {}, const PlanStepReady& onStep = {});

/// The `scalelab-plan/1` document: {format, file, vary, chosen {"NODE.PARAM": v} | null,
/// cost, goals {NAME: {target, mean, ci95, bound, met}}, verified {replications, seeds,
/// mean, ci95}, search {candidates, analytic_feasible, simulated [...]}}.
nlohmann::ordered_json planJson(const PlanResult& result, const SweepDesign& design,
                                const std::string& file, const PlanOptions& options);

/// Capacity a point uses: the varied knobs' values times the nodes each sets.
double planResources(const SweepDesign& design, std::size_t point);

} // namespace scalelab::core::experiment
