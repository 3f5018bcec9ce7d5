#include "core/sim/ZipfSampler.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <utility>

namespace scalelab::core::sim {

namespace {
// log1p(x)/x and expm1(x)/x, accurate near 0 where the plain quotients lose digits.
double log1pOverX(double x)
{
    return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}
double expm1OverX(double x)
{
    return std::abs(x) > 1e-8 ? std::expm1(x) / x
                              : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
}

constexpr std::uint64_t kTableKeys = 1024;  // 24 KB of spans: 76% of draws at n 10^4, s 0.99
constexpr std::size_t kMaxCells = 1u << 14; // 32 KB of guide
// An edge computed for the table and the inversion's own arithmetic agree to about 1e-14
// of the scale; nearer than this to an edge, the draw is inverted as before.
constexpr double kGuard = 1e-9;
} // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double exponent)
    : m_n(std::max<std::uint64_t>(n, 1)), m_s(exponent)
{
    m_hIntegralX1 = hIntegral(1.5) - 1.0;
    m_hIntegralN = hIntegral(static_cast<double>(m_n) + 0.5);
    m_threshold = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
    if (m_s != 0.0 && m_n > 1 && m_threshold < 1.0)
        m_table = sharedTable();
    if (m_table) {
        m_spans = m_table->spans.data();
        m_guide = m_table->guide.data();
        m_tableTop = m_table->top;
        m_cellsPerUnit = m_table->cellsPerUnit;
        m_guard = m_table->guard;
    }
}

std::shared_ptr<const ZipfSampler::Table> ZipfSampler::sharedTable() const
{
    // Every client of a diagram usually has the same law: one table (54 KB) for all of
    // them, and for the runs of a sweep on other threads.
    static std::mutex mutex;
    static std::map<std::pair<std::uint64_t, double>, std::weak_ptr<const Table>> tables;
    const std::lock_guard lock(mutex);
    std::weak_ptr<const Table>& cached = tables[{m_n, m_s}];
    if (auto table = cached.lock())
        return table;
    std::shared_ptr<const Table> table;
    // Fewer keys when the last ones' stretches are too thin for the cells.
    for (std::uint64_t keys = std::min(m_n, kTableKeys); keys >= 2 && !table; keys /= 2)
        table = buildTable(keys);
    cached = table;
    return table;
}

double ZipfSampler::h(double x) const
{
    return std::exp(-m_s * std::log(x));
}

double ZipfSampler::hIntegral(double x) const
{
    const double logX = std::log(x);
    return expm1OverX((1.0 - m_s) * logX) * logX;
}

double ZipfSampler::hIntegralInverse(double x) const
{
    double t = x * (1.0 - m_s);
    if (t < -1.0)
        t = -1.0; // only rounding can take it there
    return std::exp(log1pOverX(t) * x);
}

std::shared_ptr<const ZipfSampler::Table> ZipfSampler::buildTable(std::uint64_t keys) const
{
    auto table = std::make_shared<Table>();
    std::vector<KeySpan>& spans = table->spans;
    spans.assign(keys + 1, KeySpan{});
    spans[0].upper = m_hIntegralX1;
    double thinnest = 1e308;
    for (std::uint64_t k = 1; k <= keys; ++k) {
        const auto x = static_cast<double>(k);
        // The same expressions as invert()'s test, so `accept` is exact.
        spans[k] = {hIntegral(x + 0.5), hIntegral(x + 0.5) - h(x), hIntegral(x - m_threshold)};
        thinnest = std::min(thinnest, spans[k].upper - spans[k - 1].upper);
    }
    const double span = spans[keys].upper - m_hIntegralX1;
    // Cells half as wide as the thinnest key's stretch: a cell holds at most one key's
    // upper edge, so a look-up is the cell's key or the next one, found without a branch.
    const double cells = 2 * span / thinnest;
    if (!(thinnest > 0) || cells > static_cast<double>(kMaxCells))
        return nullptr;
    table->cellsPerUnit = std::ceil(cells) / span;
    const auto cellOf = [&](double u) {
        return static_cast<std::size_t>((u - m_hIntegralX1) * table->cellsPerUnit);
    };
    // Cell c holds the first key whose upper edge falls in cell c or later, by the very
    // arithmetic lookUp() uses (monotone in u): a draw in cell c has that key or a later one.
    std::vector<std::uint16_t>& guide = table->guide;
    guide.assign(cellOf(spans[keys].upper) + 2, 0);
    std::uint64_t k = 1;
    for (std::size_t c = 0; c < guide.size(); ++c) {
        while (k < keys && cellOf(spans[k].upper) < c)
            ++k;
        guide[c] = static_cast<std::uint16_t>(k);
    }
    for (std::size_t c = 0; c + 1 < guide.size(); ++c) {
        if (guide[c + 1] > guide[c] + 1)
            return nullptr; // two edges in one cell after all (rounding)
    }
    table->guard = kGuard * std::max({1.0, std::abs(m_hIntegralX1), std::abs(m_hIntegralN)});
    table->top = spans[keys].upper - table->guard;
    return table;
}

std::uint64_t ZipfSampler::keyByInversion(double unit) const
{
    if (m_s == 0.0 || m_n == 1)
        return keyFor(unit);
    return invert(scaled(unit));
}

std::uint64_t ZipfSampler::lookUp(double u) const
{
    const double above = u - m_hIntegralX1;
    if (above < m_guard) [[unlikely]]
        return invert(u); // at the bottom edge (rounding can put u below it)
    std::size_t k = m_guide[static_cast<std::size_t>(above * m_cellsPerUnit)];
    k += u >= m_spans[k].upper; // the cell's key, or the next one
    const KeySpan& span = m_spans[k];
    const double lower = m_spans[k - 1].upper;
    if (u - lower < m_guard || span.upper - u < m_guard) [[unlikely]]
        return invert(u); // on an edge between two keys (or past the span, were a cell to
                          // hold two edges: buildTable makes sure none does)
    if (u >= span.accept || u > span.near + m_guard) [[likely]]
        return k;
    if (u < span.near - m_guard)
        return 0; // rejected
    return invert(u);
}

std::uint64_t ZipfSampler::invert(double u) const
{
    const double x = hIntegralInverse(u);
    double k = std::floor(x + 0.5);
    k = std::clamp(k, 1.0, static_cast<double>(m_n));
    if (k - x <= m_threshold || u >= hIntegral(k + 0.5) - h(k))
        return static_cast<std::uint64_t>(k);
    return 0;
}

} // namespace scalelab::core::sim
