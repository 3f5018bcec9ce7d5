#pragma once

#include <cstddef>
#include <ostream>

#include "core/experiment/SweepSink.h"

namespace scalelab::core::experiment {

/// Writes the `scalelab-sweep/1` document point by point, byte for byte what
/// sweepDocument(...).dump(2) gives (no newline after it): the header at begin(), each
/// point as it comes, the closing brackets at end(). Keeps nothing of a point.
class SweepJsonWriter : public SweepSink {
public:
    explicit SweepJsonWriter(std::ostream& out) : m_out(out) {}

    void begin(const nlohmann::ordered_json& header) override;
    void point(std::size_t index, const nlohmann::ordered_json& summary) override;
    void end() override;

private:
    std::ostream& m_out;
    std::size_t m_points = 0;
};

} // namespace scalelab::core::experiment
