#pragma once

#include <map>

#include <nlohmann/json_fwd.hpp>

#include <QImage>
#include <QString>

#include "core/model/Topology.h"

namespace scalelab::gui {

/// Writes a report of a design and, when `results` is a `scalelab-results/1` document
/// (not null), of its simulation run: HTML (one self-contained file: inline SVG diagram
/// and charts, no external resources) or PDF, chosen by the extension of `outPath`.
/// The command line (`scalelab run --report`) and File > Export both call this.
/// What a report carries beside the design and its results.
struct ReportExtras {
    /// The design's file (saved and unchanged), whose SHA-256 the report states; empty: the
    /// hash of the design as serialised.
    QString sourcePath;
    /// A recording of the run (.mp4, .webm, .gif) the HTML report plays and the PDF shows
    /// by its last frame; empty: none. One that cannot be read fails the report.
    QString videoPath;
};

bool writeReport(const core::Topology& topology, const nlohmann::json& results,
                 const QString& outPath, QString* error, const ReportExtras& extras = {});

bool writeHtmlReport(const core::Topology& topology, const nlohmann::json& results,
                     const QString& outPath, QString* error, const ReportExtras& extras = {});
bool writePdfReport(const core::Topology& topology, const nlohmann::json& results,
                    const QString& outPath, QString* error, const ReportExtras& extras = {});

/// Lays out report HTML on A4 pages (with `images` as its `<img>` resources), a footer with
/// `title` and the page number on each, and writes the PDF.
bool writeHtmlAsPdf(const QString& html, const std::map<QString, QImage>& images,
                    const QString& title, const QString& outPath, QString* error);

} // namespace scalelab::gui
