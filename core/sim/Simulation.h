#pragma once

#include <cstdint>
#include <memory>

#include "core/model/Scenario.h"
#include "core/model/Topology.h"
#include "core/sim/Results.h"
#include "core/sim/SimTime.h"
#include "core/sim/SimulationOptions.h"
#include "core/sim/Snapshot.h"

namespace scalelab::core::sim {

class Kernel;

/// A discrete-event simulation of one topology: the engine's whole public API.
///
/// The simulation works on its own copy of the topology (validate it first: an invalid
/// one may throw std::invalid_argument). Drive it in slices with runUntil() — the GUI paces
/// it with its frame clock — or to the end with run(); then read results().
///
/// Threading: one thread drives it (runUntil, snapshot, results); post() may be called
/// from any thread at any time. Actions posted are applied between two events, at the
/// simulated time the engine has reached, in the order they were posted.
class Simulation {
public:
    explicit Simulation(const Topology& topology, const SimulationOptions& options = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    SimTime now() const;
    /// duration_s of the topology.
    SimTime end() const;
    /// At the end, or stopped by the event cap.
    bool finished() const;
    std::uint64_t events() const;

    /// Processes every event up to simulated time `t` (clamped to end()), then sets the
    /// clock to `t`. Returns the number of events processed.
    std::uint64_t runUntil(SimTime t);
    /// Runs to the end.
    void run();

    /// fail / recover / set (param, value) / promote, now (ScenarioAction::atS is ignored).
    /// Thread-safe.
    void post(const ScenarioAction& action);

    /// The live picture: per-node counters, recent utilization (since the previous
    /// snapshot), queue lengths, up/down, roles, a bounded sample of requests on links with
    /// their progress, and the events since the previous snapshot.
    Snapshot snapshot();

    /// Statistics of the measured window [warm-up, now()].
    RunResults results() const;

private:
    std::unique_ptr<Kernel> m_kernel;
};

/// Builds, runs to the end and returns the results: what `scalelab run` does.
RunResults simulate(const Topology& topology, const SimulationOptions& options = {});

} // namespace scalelab::core::sim
