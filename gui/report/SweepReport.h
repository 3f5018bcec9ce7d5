#pragma once

#include <map>

#include <nlohmann/json_fwd.hpp>

#include <QImage>
#include <QString>

namespace scalelab::gui {

/// The report of a `scalelab-sweep/1` document: what was varied, where throughput
/// saturates ("saturates at 14,200 req/s"), a chart per figure with its 95% interval as a
/// band, and a table of every point. HTML (inline SVG) or PDF, by the extension.
bool writeSweepReport(const nlohmann::ordered_json& sweep, const QString& outPath, QString* error);

/// The HTML alone. With `images` (the PDF path) charts are rasterised into it and named
/// by `<img>`, since QTextDocument shows no SVG; without, they are inline SVG.
QString sweepReportHtml(const nlohmann::ordered_json& sweep, std::map<QString, QImage>* images);

} // namespace scalelab::gui
