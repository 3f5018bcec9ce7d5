#include "core/experiment/PlanPruning.h"

#include <algorithm>
#include <numeric>

#include "core/model/KindSpec.h"

namespace scalelab::core::experiment {

bool addsCapacity(const SweepAxis& axis, const Topology& topology)
{
    for (const NodeId& id : axis.nodes) {
        const Node* node = topology.findNode(id);
        const KindSpec* kind = node ? node->spec() : nullptr;
        const ParamSpec* param = kind ? kind->param(axis.param) : nullptr;
        if (!param || !param->addsCapacity)
            return false;
    }
    return !axis.nodes.empty() && std::all_of(axis.values.begin(), axis.values.end(),
                                              [](const ParamValue& v) { return toNumber(v) >= 1; });
}

bool capacityNeverHurts(const SweepDesign& design)
{
    for (const Node& node : design.base().nodes) {
        const KindSpec* kind = node.spec();
        if (!kind)
            continue;
        for (const ParamSpec& p : kind->params)
            if (p.limitsAdmission && node.number(p.name) > 0)
                return false;
    }
    for (const SweepAxis& axis : design.axes()) {
        for (const NodeId& id : axis.nodes) {
            const Node* node = design.base().findNode(id);
            const ParamSpec* p = node && node->spec() ? node->spec()->param(axis.param) : nullptr;
            if (p && p->limitsAdmission &&
                std::any_of(axis.values.begin(), axis.values.end(),
                            [](const ParamValue& v) { return toNumber(v) > 0; }))
                return false;
        }
    }
    return true;
}

RefutedDesigns::RefutedDesigns(const SweepDesign& design) : m_design(design)
{
    for (const SweepAxis& a : design.axes())
        m_capacity.push_back(addsCapacity(a, design.base()));
}

std::vector<double> RefutedDesigns::numbers(std::size_t point) const
{
    const std::vector<std::size_t> at = m_design.indices(point);
    std::vector<double> out(at.size());
    // A knob that adds no capacity is only compared for equality: by its value's index
    // (toNumber() is 0 for every choice).
    for (std::size_t i = 0; i < at.size(); ++i)
        out[i] =
            m_capacity[i] ? toNumber(m_design.axes()[i].values[at[i]]) : static_cast<double>(at[i]);
    return out;
}

void RefutedDesigns::add(std::size_t point)
{
    m_refuted.push_back(numbers(point));
}

bool RefutedDesigns::covers(std::size_t point) const
{
    if (m_refuted.empty())
        return false;
    const std::vector<double> x = numbers(point);
    return std::any_of(m_refuted.begin(), m_refuted.end(), [&](const std::vector<double>& r) {
        for (std::size_t i = 0; i < x.size(); ++i)
            if (m_capacity[i] ? x[i] > r[i] : x[i] != r[i])
                return false;
        return true;
    });
}

FloorProbe::FloorProbe(const SweepDesign& design) : m_design(design)
{
    m_applies = !design.axes().empty() && capacityNeverHurts(design);
    for (const SweepAxis& a : design.axes()) {
        m_applies = m_applies && addsCapacity(a, design.base());
        std::vector<std::size_t> ranked(a.values.size());
        std::iota(ranked.begin(), ranked.end(), std::size_t{0});
        std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t x, std::size_t y) {
            return toNumber(a.values[x]) < toNumber(a.values[y]);
        });
        m_top.push_back(ranked.back());
        m_lo.push_back(0);
        m_hi.push_back(ranked.size() - 1);
        m_ranked.push_back(std::move(ranked));
    }
}

std::size_t FloorProbe::pointAt(std::size_t axis, std::size_t rank) const
{
    // Point numbering as SweepDesign's: the first axis varies slowest.
    std::size_t point = 0;
    for (std::size_t i = 0; i < m_top.size(); ++i) {
        const std::size_t index = i == axis ? m_ranked[i][rank] : m_top[i];
        point = point * m_design.axes()[i].values.size() + index;
    }
    return point;
}

std::vector<std::size_t> FloorProbe::next() const
{
    if (!m_applies || m_topVerdict == Top::Refuted)
        return {};
    if (m_topVerdict == Top::Unknown)
        return {pointAt(0, m_ranked[0].size() - 1)};
    std::vector<std::size_t> points;
    for (std::size_t i = 0; i < m_top.size(); ++i)
        if (m_lo[i] < m_hi[i])
            points.push_back(pointAt(i, (m_lo[i] + m_hi[i]) / 2));
    return points;
}

void FloorProbe::record(std::size_t point, bool refuted)
{
    if (m_topVerdict == Top::Unknown) {
        m_topVerdict = refuted ? Top::Refuted : Top::Met;
        return;
    }
    for (std::size_t i = 0; i < m_top.size(); ++i) {
        if (m_lo[i] >= m_hi[i])
            continue;
        const std::size_t mid = (m_lo[i] + m_hi[i]) / 2;
        if (pointAt(i, mid) != point)
            continue;
        if (refuted)
            m_lo[i] = mid + 1;
        else
            m_hi[i] = mid;
    }
}

std::vector<std::size_t> FloorProbe::floors() const
{
    std::vector<std::size_t> out;
    if (!m_applies || m_topVerdict != Top::Met || !next().empty())
        return out;
    for (std::size_t i = 0; i < m_top.size(); ++i)
        out.push_back(m_ranked[i][m_hi[i]]);
    return out;
}

} // namespace scalelab::core::experiment
