#pragma once

#include <map>
#include <utility>
#include <vector>

#include <QColor>
#include <QImage>
#include <QString>
#include <QStringList>

namespace scalelab::gui {

/// One line of a chart; NaN values leave a gap (an interval with nothing measured).
struct ChartSeries {
    QString name;
    QColor color;
    std::vector<double> values;
    bool dashed = false;
    /// An optional band under the line (a confidence interval): low and high per x.
    std::vector<double> low{}, high{};
    /// Points, each with its low..high as an error bar, and no line or band: values that
    /// are separate designs, not a curve.
    bool errorBars = false;
};

struct LineChartSpec {
    QString title;
    QString xLabel; ///< with its unit: "time (s)"
    QString yLabel; ///< with its unit: "latency (ms)"
    std::vector<double> x;
    std::vector<ChartSeries> series;
    std::vector<std::pair<double, QString>> markers; ///< vertical lines at x, with a label
    /// The value axis fitted to the values instead of from 0: for figures whose differences
    /// are small beside their size (an availability of 0.99 against 0.995).
    bool fitY = false;
    int width = 720;
    int height = 250;
};

struct BarChartSpec {
    QString title;
    QString yLabel;
    QStringList categories;          ///< one group of bars per category
    std::vector<ChartSeries> series; ///< one bar per series in each group
    double referenceLine = -1;       ///< a dashed horizontal line (e.g. 80 %), < 0 for none
    QString referenceLabel;
    int width = 720;
    int height = 250;
};

/// Self-contained SVG 1.1 text (presentation attributes only, so QSvgRenderer draws it
/// the same as a browser): axes with "nice" ticks, grid, units, legend.
QString lineChartSvg(const LineChartSpec& spec);
QString barChartSvg(const BarChartSpec& spec);

/// A chart as report HTML: inline SVG, or with `images` (the PDF path, since QTextDocument
/// shows no SVG) rasterised into it under `name` and shown by `<img>`.
QString chartFigure(const QString& name, const QString& svg, int width, int height,
                    std::map<QString, QImage>* images);

/// Tick positions covering [lo, hi] with about `count` steps of 1, 2 or 5 x 10^k.
std::vector<double> niceTicks(double lo, double hi, int count);

} // namespace scalelab::gui
