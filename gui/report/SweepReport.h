#pragma once

#include <map>
#include <memory>

#include <nlohmann/json_fwd.hpp>

#include <QImage>
#include <QString>

#include "core/experiment/SweepSink.h"

namespace scalelab::gui {

/// The report of a `scalelab-sweep/1` document: what was varied, where throughput
/// saturates ("saturates at 14,200 req/s"), a chart per figure with its 95% interval as a
/// band, and a table of every point. HTML (inline SVG) or PDF, by the extension.
bool writeSweepReport(const nlohmann::ordered_json& sweep, const QString& outPath, QString* error);

/// The HTML alone. With `images` (the PDF path) charts are rasterised into it and named
/// by `<img>`, since QTextDocument shows no SVG; without, they are inline SVG.
QString sweepReportHtml(const nlohmann::ordered_json& sweep, std::map<QString, QImage>* images);

/// The same report from a sweep as it runs, keeping only what it draws: the throughput of
/// every point (the knees), each figure's mean and interval on the charted curves (the
/// first six), and the table's rows in a temporary file (disk, not memory). An HTML
/// report is then written row by row; a PDF is laid out whole by Qt.
class SweepReportBuilder : public core::experiment::SweepSink {
public:
    SweepReportBuilder();
    ~SweepReportBuilder() override;

    void begin(const nlohmann::ordered_json& header) override;
    void point(std::size_t index, const nlohmann::ordered_json& summary) override;
    void end() override {}

    bool write(const QString& outPath, QString* error) const;
    QString html(std::map<QString, QImage>* images) const;

private:
    struct Data;
    std::unique_ptr<Data> d;
};

} // namespace scalelab::gui
