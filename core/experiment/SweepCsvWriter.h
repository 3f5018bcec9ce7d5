#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "core/experiment/SpillFile.h"
#include "core/experiment/SweepSink.h"

namespace scalelab::core::experiment {

/// Writes the sweep's CSV, one row per point: the axes, then each figure's mean and `_ci95`
/// half-width, then the error. Its header names only the figures some point has, known
/// after the last point: points wait in a SpillFile (disk, not memory) until end().
class SweepCsvWriter : public SweepSink {
public:
    explicit SweepCsvWriter(std::ostream& out) : m_out(out) {}

    void begin(const nlohmann::ordered_json& header) override;
    void point(std::size_t index, const nlohmann::ordered_json& summary) override;
    void end() override;

private:
    std::ostream& m_out;
    std::vector<std::string> m_axes;
    std::vector<bool> m_present; ///< per sweepFigures(): some point has it
    SpillFile m_spill;
};

} // namespace scalelab::core::experiment
