#pragma once

#include "core/model/Topology.h"

#include <QString>

#include <nlohmann/json_fwd.hpp>

namespace scalelab::gui {

/// Writes a report of a design and, when `results` is a `scalelab-results/1` document
/// (not null), of its simulation run: HTML (one self-contained file: inline SVG diagram
/// and charts, no external resources) or PDF, chosen by the extension of `outPath`.
/// The command line (`scalelab run --report`) and File > Export both call this.
bool writeReport(const core::Topology& topology, const nlohmann::json& results,
                 const QString& outPath, QString* error);

bool writeHtmlReport(const core::Topology& topology, const nlohmann::json& results,
                     const QString& outPath, QString* error);
bool writePdfReport(const core::Topology& topology, const nlohmann::json& results,
                    const QString& outPath, QString* error);

} // namespace scalelab::gui
