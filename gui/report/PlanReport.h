#pragma once

#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include <QImage>
#include <QString>

namespace scalelab::gui {

/// The report of a `scalelab-plan/1` document for a design review: the question (goals,
/// knobs and their ranges), the answer (the chosen values, their cost, each goal's mean and
/// 95% interval against its target, or plainly that nothing was proven), the search (probes
/// and floors, the walk with each candidate's verdict) and a chart per goal across the walk.
/// HTML (inline SVG) or PDF, by the extension. `targets` are the file's goals: a plan that
/// proved nothing names no targets, so the report takes them from here (a plan's own win).
bool writePlanReport(const nlohmann::ordered_json& plan, const QString& outPath, QString* error,
                     const std::map<std::string, double>& targets = {});

/// The HTML alone. With `images` (the PDF path) charts are rasterised into it and named by
/// `<img>`, since QTextDocument shows no SVG; without, they are inline SVG.
QString planReportHtml(const nlohmann::ordered_json& plan, std::map<QString, QImage>* images,
                       const std::map<std::string, double>& targets = {});

} // namespace scalelab::gui
