#include "core/experiment/ReplicationStats.h"

#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>
#include <nlohmann/json.hpp>

namespace scalelab::core::experiment {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double studentT95(std::size_t df)
{
    const boost::math::students_t dist(static_cast<double>(df));
    return boost::math::quantile(dist, 0.975);
}

double ci95HalfWidth(double sd, std::size_t n)
{
    if (n < 2 || !std::isfinite(sd))
        return kNaN;
    return studentT95(n - 1) * sd / std::sqrt(static_cast<double>(n));
}

void ReplicationStats::add(const RunFigures& run)
{
    ++m_runs;
    for (std::size_t i = 0; i < run.values.size(); ++i) {
        const auto& [pointer, value] = run.values[i];
        // Runs of one design share their keys in the same order: look at the same index
        // first, then search (a failure reason only some seeds saw).
        Entry* entry =
            i < m_entries.size() && m_entries[i].pointer == pointer ? &m_entries[i] : nullptr;
        for (std::size_t k = 0; !entry && k < m_entries.size(); ++k)
            if (m_entries[k].pointer == pointer)
                entry = &m_entries[k];
        if (!entry) {
            m_entries.push_back({pointer, 0, 0, 0, false});
            entry = &m_entries.back();
        }
        if (!std::isfinite(value)) {
            entry->missing = true;
            continue;
        }
        ++entry->n;
        const double delta = value - entry->mean;
        entry->mean += delta / static_cast<double>(entry->n);
        entry->m2 += delta * (value - entry->mean);
    }
}

FigureStats ReplicationStats::stats(const Entry& e) const
{
    FigureStats s;
    s.n = e.n;
    s.mean = e.missing || e.n == 0 ? kNaN : e.mean;
    const double sd = e.n >= 2 ? std::sqrt(e.m2 / static_cast<double>(e.n - 1)) : kNaN;
    s.ci95 = e.missing ? kNaN : ci95HalfWidth(sd, e.n);
    return s;
}

bool ReplicationStats::has(const std::string& pointer) const
{
    for (const auto& e : m_entries)
        if (e.pointer == pointer)
            return true;
    return false;
}

FigureStats ReplicationStats::at(const std::string& pointer) const
{
    for (const auto& e : m_entries)
        if (e.pointer == pointer)
            return stats(e);
    return {0, kNaN, kNaN};
}

nlohmann::ordered_json ReplicationStats::meanDocument() const
{
    std::vector<std::pair<std::string, double>> values;
    values.reserve(m_entries.size());
    for (const auto& e : m_entries)
        values.emplace_back(e.pointer, stats(e).mean);
    return unflatten(values);
}

nlohmann::ordered_json ReplicationStats::ci95Document() const
{
    if (m_runs < 2)
        return nlohmann::ordered_json::object();
    std::vector<std::pair<std::string, double>> values;
    values.reserve(m_entries.size());
    for (const auto& e : m_entries)
        values.emplace_back(e.pointer, stats(e).ci95);
    return unflatten(values);
}

} // namespace scalelab::core::experiment
