#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/sim/RandomStream.h"

namespace scalelab::core::sim {

/// Draws keys 1..n with P(k) proportional to 1/k^s in O(1) time and memory, by
/// rejection-inversion (Hörmann & Derflinger 1996). s = 0 is uniform.
///
/// The inversion costs a log1p and an exp a draw (9% of a run of the "millions of users"
/// example). Most draws land on the first keys, so the sampler keeps where each of the
/// first keys (up to 1,024) begins and ends on the inversion's scale, and what it accepts
/// there: such a draw is a table look-up without a mispredicted branch. A draw within a
/// hair (1e-9 of the scale) of an edge is inverted as before, so every key is the one
/// the inversion gives. Samplers of the same law share one table (read-only).
class ZipfSampler {
public:
    ZipfSampler(std::uint64_t n = 1, double exponent = 0);
    std::uint64_t operator()(RandomEngine& engine) const
    {
        for (;;) {
            if (const std::uint64_t k = keyFor(uniform01(engine)))
                return k;
        }
    }
    /// The key a uniform draw in [0, 1) gives, or 0 when the rejection step rejects it.
    std::uint64_t keyFor(double unit) const
    {
        if (m_s == 0.0 || m_n == 1)
            return 1 + static_cast<std::uint64_t>(unit * static_cast<double>(m_n)) % m_n;
        const double u = scaled(unit);
        return u < m_tableTop ? lookUp(u) : invert(u);
    }
    /// The same by the inversion alone, without the table (for tests).
    std::uint64_t keyByInversion(double unit) const;
    /// Keys the table holds (0: none).
    std::uint64_t tableKeys() const { return m_table ? m_table->spans.size() - 1 : 0; }
    std::uint64_t size() const { return m_n; }
    double exponent() const { return m_s; }

private:
    double scaled(double unit) const
    {
        return m_hIntegralN + unit * (m_hIntegralX1 - m_hIntegralN);
    }
    std::uint64_t invert(double u) const;
    std::uint64_t lookUp(double u) const;
    struct Table;
    std::shared_ptr<const Table> buildTable(std::uint64_t keys) const;
    std::shared_ptr<const Table> sharedTable() const;
    double h(double x) const;
    double hIntegral(double x) const;
    double hIntegralInverse(double x) const;

    std::uint64_t m_n;
    double m_s;
    double m_hIntegralX1 = 0;
    double m_hIntegralN = 0;
    double m_threshold = 0;

    /// Key k's stretch of the inversion's scale u: [spans[k-1].upper, spans[k].upper).
    struct KeySpan {
        double upper = 0;  ///< where the next key begins (spans[0]: where key 1 begins)
        double accept = 0; ///< u at or above it: accepted (the rejection's exact bound)
        double near = 0;   ///< u above it: accepted (the inversion lands near enough to k)
    };
    struct Table {
        std::vector<KeySpan> spans;       ///< 0..K
        std::vector<std::uint16_t> guide; ///< per cell of the scale: its key, or the one before
        double top = 0;                   ///< u below it: in the table
        double cellsPerUnit = 0;
        double guard = 0;
    };
    std::shared_ptr<const Table> m_table;
    // The table's fields at hand (a draw reads them without going through m_table).
    const KeySpan* m_spans = nullptr;
    const std::uint16_t* m_guide = nullptr;
    double m_tableTop = -1e308;
    double m_cellsPerUnit = 0;
    double m_guard = 0;
};

} // namespace scalelab::core::sim
