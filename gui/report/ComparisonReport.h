#pragma once

#include <nlohmann/json_fwd.hpp>

#include <QString>

#include "core/compare/DesignDiff.h"
#include "core/model/Topology.h"

namespace scalelab::gui {

/// What a comparison report shows: both designs, the `scalelab-compare/1` document, the
/// results documents of replication 0 of each (their time series) and what changed.
struct ComparisonReportInput {
    const core::Topology& a;
    const core::Topology& b;
    QString fileA, fileB;
    const nlohmann::ordered_json& comparison;
    const nlohmann::ordered_json& firstA;
    const nlohmann::ordered_json& firstB;
    const core::compare::DesignDiff& diff;
};

/// The comparison as HTML (self-contained, inline SVG) or PDF, by the extension of `outPath`:
/// the headline figures with B - A, its 95% interval and a verdict; both diagrams; an
/// overlay chart of A and B per figure over time; per-node utilization side by side; the
/// parameter differences; and what a reader needs to reproduce it (ScaleLab version, the
/// files' SHA-256, seeds). Written whole or not at all.
bool writeComparisonReport(const ComparisonReportInput& input, const QString& outPath,
                           QString* error);

} // namespace scalelab::gui
