#include "core/sim/InstancePool.h"

#include <algorithm>
#include <cmath>

namespace scalelab::core::sim {

namespace {
std::uint32_t instanceCount(std::int64_t v)
{
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(v, 1, 1000000));
}
} // namespace

void InstancePool::configure(const Node& n, SimTime now)
{
    m_autoscale = n.flag("autoscale");
    m_min = instanceCount(n.integer("min_instances"));
    m_max = std::max(m_min, instanceCount(n.integer("max_instances")));
    m_target = n.number("target_utilization");
    m_evaluate = std::max<SimTime>(1, fromSeconds(n.number("evaluate_s")));
    m_boot = std::max<SimTime>(0, fromSeconds(n.number("boot_s")));
    m_cooldown = std::max<SimTime>(0, fromSeconds(n.number("cooldown_s")));
    const std::int64_t param = n.integer("instances");
    if (param == m_param)
        return;
    m_param = param;
    std::uint32_t serving = instanceCount(param);
    if (m_autoscale && m_steps.empty())
        serving = std::clamp(serving, m_min, m_max); // the pool starts inside its bounds
    setServing(serving, now);
}

InstancePool::Decision InstancePool::evaluate(double utilization, SimTime now) const
{
    // The count at which the same work keeps the serving instances at the target. A hair
    // below an integer is that integer: float noise must not launch an instance.
    const double wanted = static_cast<double>(m_serving) * utilization / m_target;
    const double rounded = std::ceil(wanted - 1e-9);
    const auto desired = static_cast<std::uint32_t>(
        std::clamp(rounded, static_cast<double>(m_min), static_cast<double>(m_max)));
    Decision d;
    d.desired = desired;
    if (desired > m_serving + m_booting) {
        d.change = static_cast<std::int64_t>(desired) - m_serving - m_booting;
    } else if (desired < m_serving && m_booting == 0 &&
               (m_lastAction < 0 || now - m_lastAction >= m_cooldown)) {
        d.change = static_cast<std::int64_t>(desired) - m_serving;
    }
    return d;
}

void InstancePool::launched(std::uint32_t n, SimTime now)
{
    m_booting += n;
    m_lastAction = now;
}

void InstancePool::booted(SimTime now)
{
    if (m_booting == 0)
        return;
    --m_booting;
    setServing(m_serving + 1, now);
}

void InstancePool::drained(std::uint32_t n, SimTime now)
{
    m_lastAction = now;
    setServing(m_serving > n ? m_serving - n : 1, now);
}

void InstancePool::setServing(std::uint32_t serving, SimTime now)
{
    m_serving = serving;
    m_time.set(now, serving);
    if (!m_steps.empty() && m_steps.back().first == now)
        m_steps.back().second = serving;
    else
        m_steps.emplace_back(now, serving);
}

void InstancePool::resetStats(SimTime now)
{
    m_areaAtWarmup = m_time.areaAt(now);
}

double InstancePool::meanSince(SimTime warmup, SimTime now) const
{
    const double window = static_cast<double>(now - std::min(now, warmup));
    return window > 0 ? (m_time.areaAt(now) - m_areaAtWarmup) / window : m_serving;
}

std::vector<double> InstancePool::series(const std::vector<double>& starts, double lengthS,
                                         SimTime now) const
{
    std::vector<double> out;
    out.reserve(starts.size());
    std::size_t step = 0; // the last change at or before the interval's start
    for (double startS : starts) {
        const SimTime from = fromSeconds(startS);
        const SimTime to = std::min(now, from + fromSeconds(lengthS));
        while (step + 1 < m_steps.size() && m_steps[step + 1].first <= from)
            ++step;
        if (to <= from) {
            out.push_back(m_steps.empty() ? m_serving : m_steps[step].second);
            continue;
        }
        double area = 0;
        SimTime t = from;
        for (std::size_t k = step; k < m_steps.size() && t < to; ++k) {
            const SimTime next = k + 1 < m_steps.size() ? std::min(to, m_steps[k + 1].first) : to;
            if (next > t)
                area += static_cast<double>(m_steps[k].second) * static_cast<double>(next - t);
            t = std::max(t, next);
        }
        out.push_back(area / static_cast<double>(to - from));
    }
    return out;
}

} // namespace scalelab::core::sim
