#pragma once

#include <cstddef>
#include <vector>

#include "core/experiment/SweepSpec.h"

namespace scalelab::core::experiment {

/// True when every value of the axis is a count of servers, instances or cache keys (the
/// parameter adds capacity on each node of `topology` it sets, and no value is below 1: a
/// cache's 0 keys means "no LRU, use hit_ratio").
bool addsCapacity(const SweepAxis& axis, const Topology& topology);

/// False when some node of the design turns work away past a bound (a queue_limit or a
/// message queue's capacity above 0, in the file or among the varied values): there, more
/// servers in front can push rejections behind (a web tier holding fewer requests keeps a
/// database under its queue limit), and nothing may be concluded from capacity.
bool capacityNeverHurts(const SweepDesign& design);

/// Designs a simulation saw clearly miss a goal that capacity can only ease, and what
/// follows when more capacity never hurts: a design with no more of any capacity knob
/// than a refuted one, and the same value of every other knob, misses too.
class RefutedDesigns {
public:
    explicit RefutedDesigns(const SweepDesign& design);

    void add(std::size_t point);
    /// Below (or at) some refuted design on every capacity knob, equal on the others.
    bool covers(std::size_t point) const;
    bool empty() const { return m_refuted.empty(); }

private:
    std::vector<double> numbers(std::size_t point) const;

    const SweepDesign& m_design;
    std::vector<bool> m_capacity; ///< per axis
    std::vector<std::vector<double>> m_refuted;
};

/// Bisects each capacity knob at the top of the box: the design with every knob at its
/// largest value first, then, knob by knob, that design with the one knob lowered, halving
/// the range between the largest value known refuted and the smallest known not to be.
/// About log2(values) probes a knob, every knob's next probe in one batch. Each refuted
/// probe makes every design with less of that knob refuted (RefutedDesigns); a refuted top
/// refutes the whole box. Only for designs whose every axis adds capacity, and where
/// capacityNeverHurts.
class FloorProbe {
public:
    explicit FloorProbe(const SweepDesign& design);

    bool applies() const { return m_applies; }
    /// The points to simulate now; empty once every knob's floor is found.
    std::vector<std::size_t> next() const;
    /// A probe's verdict (`refuted`: it clearly missed a goal capacity eases).
    void record(std::size_t point, bool refuted);
    bool topRefuted() const { return m_topVerdict == Top::Refuted; }
    /// Per knob, once next() is empty and the top was not refuted: the index (into the
    /// axis' values) of its smallest value not refuted (the range's smallest when no probe
    /// of that knob was refuted). Empty otherwise.
    std::vector<std::size_t> floors() const;

private:
    std::size_t pointAt(std::size_t axis, std::size_t rank) const;

    const SweepDesign& m_design;
    bool m_applies = false;
    std::vector<std::vector<std::size_t>> m_ranked; ///< per axis: value indices, ascending
    std::vector<std::size_t> m_top;                 ///< per axis: index of the largest value
    enum class Top { Unknown, Refuted, Met } m_topVerdict = Top::Unknown;
    /// Per axis, in ranks: the largest refuted + 1 (0: none) and the smallest not refuted.
    std::vector<std::size_t> m_lo, m_hi;
};

} // namespace scalelab::core::experiment
