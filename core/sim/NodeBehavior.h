#pragma once

#include "core/sim/Frame.h"
#include "core/sim/Kernel.h"
#include "core/sim/TimeAverage.h"

#include <cstdint>

namespace scalelab::core::sim {

/// Counters of one node; a copy taken at the end of the warm-up is subtracted in results.
struct NodeCounters {
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;
    std::uint64_t refused = 0;
    std::uint64_t lost = 0;
    std::uint64_t waits = 0;     ///< requests that started service
    std::uint64_t responses = 0; ///< requests whose worker was released
    double waitSumNs = 0;
    double responseSumNs = 0;
};

/// What one node kind does with requests. One subclass per kind, created by the factory
/// table (BehaviorFactory.h): a new kind is one class and one row there.
class NodeBehavior {
public:
    NodeBehavior(Kernel& kernel, std::uint32_t index);
    virtual ~NodeBehavior() = default;
    NodeBehavior(const NodeBehavior&) = delete;
    NodeBehavior& operator=(const NodeBehavior&) = delete;

    /// Called once every behaviour exists: find neighbours, read parameters, first events.
    virtual void init() { reconfigure(); }
    /// Parameters changed (a `set` action): re-read them.
    virtual void reconfigure() {}

    /// A request reaches this node: refused when down, else counted and accepted.
    void arrive(std::uint32_t frame);
    virtual void serviceDone(std::uint32_t /*frame*/) {}
    /// A request this node sent came back (child.reason says whether it failed).
    virtual void childReturned(std::uint32_t /*frame*/, const Frame& /*child*/) {}
    virtual void timer(std::uint32_t /*code*/) {}
    virtual void timeout(std::uint32_t /*frame*/) {}

    /// Fails every request at the node (reason lost); the node refuses new ones.
    virtual void fail();
    /// Back up, empty.
    virtual void recover();
    /// End of the warm-up: statistics restart.
    virtual void resetStats();

    virtual void fillResults(NodeResults& out) const;
    virtual void fillSnapshot(NodeSnapshot& out);

    bool up() const { return m_up; }
    std::uint32_t index() const { return m_index; }
    const Node& node() const { return m_kernel.node(m_index); }
    const NodeCounters& counters() const { return m_counters; }

protected:
    virtual void accept(std::uint32_t frame) = 0;

    Kernel& m_kernel;
    std::uint32_t m_index;
    bool m_up = true;
    NodeCounters m_counters;
    NodeCounters m_atWarmup;
    TimeAverage m_upTime;
    double m_upAreaAtWarmup = 0;
};

} // namespace scalelab::core::sim
