#include "core/sim/Simulation.h"

#include "core/sim/Kernel.h"

namespace scalelab::core::sim {

Simulation::Simulation(const Topology& topology, const SimulationOptions& options)
    : m_kernel(std::make_unique<Kernel>(topology, options))
{
}

Simulation::~Simulation() = default;

SimTime Simulation::now() const
{
    return m_kernel->now();
}

SimTime Simulation::end() const
{
    return m_kernel->end();
}

bool Simulation::finished() const
{
    return m_kernel->finished();
}

std::uint64_t Simulation::events() const
{
    return m_kernel->eventsProcessed();
}

std::uint64_t Simulation::runUntil(SimTime t)
{
    return m_kernel->runUntil(t);
}

void Simulation::run()
{
    m_kernel->runUntil(m_kernel->end());
}

void Simulation::post(const ScenarioAction& action)
{
    m_kernel->post(action);
}

Snapshot Simulation::snapshot()
{
    return m_kernel->snapshot();
}

RunResults Simulation::results() const
{
    RunResults out;
    m_kernel->fillResults(out);
    return out;
}

RunResults simulate(const Topology& topology, const SimulationOptions& options)
{
    Simulation simulation(topology, options);
    simulation.run();
    return simulation.results();
}

} // namespace scalelab::core::sim
