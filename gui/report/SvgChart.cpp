#include "gui/report/SvgChart.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QPainter>
#include <QSvgRenderer>

#include "gui/util/SafeText.h"

namespace scalelab::gui {

namespace svgchart_detail {

constexpr int kSvgLeft = 64;
constexpr int kSvgRight = 16;
constexpr int kSvgTop = 40;
constexpr int kSvgBottom = 46;
const QString kSvgFont = QStringLiteral("font-family=\"DejaVu Sans, Arial, sans-serif\"");

QString svgEsc(const QString& text)
{
    return markupText(text);
}

QString svgNum(double v)
{
    return QString::number(v, 'f', 1);
}

QString svgTickLabel(double v, double step)
{
    if (std::abs(v) < step * 1e-6)
        return QStringLiteral("0");
    // As many decimals as the step has: a step of 2.5 or 0.0025 labels 7.5, 0.9925, not
    // 8, 0.993.
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    if (std::abs(v) >= 10000 && step >= 1000)
        return QString::number(v / 1000, 'f', step >= 10000 ? 0 : 1) + QLatin1Char('k');
    return QString::number(v, 'f', decimals);
}

struct SvgFrame {
    double x0, x1, y0, y1; // data range
    double left, top, width, height;
    double px(double x) const { return left + (x - x0) / (x1 - x0) * width; }
    double py(double y) const { return top + height - (y - y0) / (y1 - y0) * height; }
};

QString svgOpen(int w, int h)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\">\n"
                          "<rect x=\"0\" y=\"0\" width=\"%1\" height=\"%2\" fill=\"#ffffff\"/>\n")
        .arg(w)
        .arg(h);
}

QString svgText(double x, double y, const QString& s, const QString& anchor, int size,
                const QString& extra = {})
{
    return QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"%3\" font-size=\"%4\" %5 "
                          "fill=\"#333333\" %6>%7</text>\n")
        .arg(svgNum(x), svgNum(y), anchor)
        .arg(size)
        .arg(kSvgFont, extra, svgEsc(s));
}

// Title, y grid with labels, the y-axis title; returns the y ticks used.
QString svgYAxis(const SvgFrame& f, const std::vector<double>& ticks, const QString& yLabel)
{
    QString out;
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    for (double t : ticks) {
        const double y = f.py(t);
        out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#e3e3e3\" "
                              "stroke-width=\"1\"/>\n")
                   .arg(svgNum(f.left), svgNum(y), svgNum(f.left + f.width));
        out += svgText(f.left - 6, y + 4, svgTickLabel(t, step), QStringLiteral("end"), 11);
    }
    out += QStringLiteral("<text x=\"14\" y=\"%1\" text-anchor=\"middle\" font-size=\"11\" %2 "
                          "fill=\"#333333\" transform=\"rotate(-90 14 %1)\">%3</text>\n")
               .arg(svgNum(f.top + f.height / 2), kSvgFont, svgEsc(yLabel));
    out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"#555555\" "
                          "stroke-width=\"1\"/>\n")
               .arg(svgNum(f.left), svgNum(f.top), svgNum(f.top + f.height));
    out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#555555\" "
                          "stroke-width=\"1\"/>\n")
               .arg(svgNum(f.left), svgNum(f.top + f.height), svgNum(f.left + f.width));
    return out;
}

QString svgLegend(const std::vector<ChartSeries>& series, double right, double y)
{
    QString out;
    double x = right;
    // Laid out right to left so the legend hugs the right edge.
    for (auto it = series.rbegin(); it != series.rend(); ++it) {
        const double w = 8.0 * it->name.size() + 30;
        x -= w;
        out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"14\" height=\"4\" fill=\"%3\"/>\n")
                   .arg(svgNum(x), svgNum(y - 5), it->color.name());
        out += svgText(x + 18, y, it->name, QStringLiteral("start"), 11);
    }
    return out;
}

// Each finite value as a dot with its interval as a capped vertical bar.
QString errorBarsSvg(const ChartSeries& s, const std::vector<double>& xs, const SvgFrame& f)
{
    QString out;
    const std::size_t n = std::min(xs.size(), s.values.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(s.values[i]))
            continue;
        const double x = f.px(xs[i]);
        if (i < s.low.size() && i < s.high.size() && std::isfinite(s.low[i]) &&
            std::isfinite(s.high[i])) {
            const double y0 = f.py(std::max(f.y0, s.low[i]));
            const double y1 = f.py(s.high[i]);
            out += QStringLiteral("<path fill=\"none\" stroke=\"%1\" stroke-width=\"1.4\" "
                                  "d=\"M%2,%3 L%2,%4 M%5,%3 L%6,%3 M%5,%4 L%6,%4\"/>\n")
                       .arg(s.color.name(), svgNum(x), svgNum(y0), svgNum(y1), svgNum(x - 4),
                            svgNum(x + 4));
        }
        out += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"3.2\" fill=\"%3\"/>\n")
                   .arg(svgNum(x), svgNum(f.py(s.values[i])), s.color.name());
    }
    return out;
}

} // namespace svgchart_detail

using namespace svgchart_detail;

QString chartFigure(const QString& name, const QString& svg, int width, int height,
                    std::map<QString, QImage>* images)
{
    if (!images)
        return QStringLiteral("<figure>\n%1</figure>\n").arg(svg);
    constexpr int kOversample = 3; // print stays sharp
    QImage image(width * kOversample, height * kOversample, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QSvgRenderer renderer(svg.toUtf8());
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    (*images)[name] = image;
    constexpr double kPdfTextWidth = 670; // 178 mm at 96 units per inch
    const double fit = std::min(1.0, kPdfTextWidth / width);
    return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>\n")
        .arg(name)
        .arg(qRound(width * fit))
        .arg(qRound(height * fit));
}

std::vector<double> niceTicks(double lo, double hi, int count)
{
    if (!(hi > lo))
        hi = lo + 1;
    const double raw = (hi - lo) / std::max(1, count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    // From the multiple of step at or below lo to the first one at or above hi, so the
    // axis always covers every value.
    std::vector<double> ticks;
    const double first = std::floor(lo / step + 1e-9) * step;
    for (int k = 0; k < 60; ++k) {
        const double t = first + k * step;
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
        if (t >= hi - step * 1e-9)
            break;
    }
    return ticks;
}

/// What both charts start with: a value axis from 0 to a little above the largest value
/// (at least `atLeast`), the plot frame over [x0, x1], and the title, legend and axis drawn.
template <typename Spec>
QString startChart(const Spec& spec, double atLeast, double x0, double x1, SvgFrame& frame,
                   bool fitY = false)
{
    double yMax = atLeast;
    double yMin = std::numeric_limits<double>::infinity();
    for (const auto& s : spec.series) {
        for (double v : s.values)
            if (std::isfinite(v)) {
                yMax = std::max(yMax, v);
                yMin = std::min(yMin, v);
            }
        for (double v : s.high)
            if (std::isfinite(v))
                yMax = std::max(yMax, v);
        for (double v : s.low)
            if (std::isfinite(v))
                yMin = std::min(yMin, v);
    }
    std::vector<double> yTicks = niceTicks(0, yMax > 0 ? yMax * 1.05 : 1, 5);
    if (fitY && std::isfinite(yMin) && yMin < yMax) {
        const double margin = (yMax - yMin) * 0.1;
        yTicks = niceTicks(yMin - margin, yMax + margin, 5);
    }
    frame = SvgFrame{x0,
                     x1,
                     yTicks.front(),
                     yTicks.back(),
                     kSvgLeft,
                     kSvgTop,
                     static_cast<double>(spec.width - kSvgLeft - kSvgRight),
                     static_cast<double>(spec.height - kSvgTop - kSvgBottom)};
    QString out = svgOpen(spec.width, spec.height);
    out += svgText(kSvgLeft, 18, spec.title, QStringLiteral("start"), 14,
                   QStringLiteral("font-weight=\"bold\""));
    out += svgLegend(spec.series, spec.width - kSvgRight, 20);
    out += svgYAxis(frame, yTicks, spec.yLabel);
    return out;
}

QString lineChartSvg(const LineChartSpec& spec)
{
    double x0 = 0, x1 = 1;
    if (!spec.x.empty()) {
        x0 = *std::min_element(spec.x.begin(), spec.x.end());
        x1 = *std::max_element(spec.x.begin(), spec.x.end());
    }
    if (x1 <= x0)
        x1 = x0 + 1;
    const std::vector<double> xTicks = niceTicks(x0, x1, 8);
    SvgFrame f{};
    QString out = startChart(spec, 0.0, x0, x1, f, spec.fitY);
    const double xStep = xTicks.size() > 1 ? xTicks[1] - xTicks[0] : 1;
    for (double t : xTicks) {
        if (t < x0 - 1e-9 || t > x1 + 1e-9)
            continue;
        const double x = f.px(t);
        out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"#555555\" "
                              "stroke-width=\"1\"/>\n")
                   .arg(svgNum(x), svgNum(f.top + f.height), svgNum(f.top + f.height + 4));
        out +=
            svgText(x, f.top + f.height + 17, svgTickLabel(t, xStep), QStringLiteral("middle"), 11);
    }
    out +=
        svgText(f.left + f.width / 2, spec.height - 6, spec.xLabel, QStringLiteral("middle"), 11);

    // Labels of markers close together step down a row instead of overprinting.
    double lastLabelX = -1e9;
    int row = 0;
    for (const auto& [at, label] : spec.markers) {
        if (at < x0 || at > x1)
            continue;
        const double x = f.px(at);
        row = x - lastLabelX < 6.5 * (label.size() + 1) ? (row + 1) % 4 : 0;
        lastLabelX = row == 0 ? x : lastLabelX;
        out +=
            QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"#c0392b\" "
                           "stroke-width=\"1\" stroke-dasharray=\"4,3\"><title>%4</title></line>\n")
                .arg(svgNum(x), svgNum(f.top), svgNum(f.top + f.height), svgEsc(label));
        out += svgText(x + 3, f.top + 11 + 12 * row, label, QStringLiteral("start"), 10,
                       QStringLiteral("fill-opacity=\"0.9\""));
    }

    // Bands first, so every line stays on top of them.
    for (const auto& s : spec.series) {
        if (s.errorBars)
            continue;
        QString upper, lower;
        const std::size_t n = std::min({spec.x.size(), s.low.size(), s.high.size()});
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(s.low[i]) || !std::isfinite(s.high[i]))
                continue;
            upper += svgNum(f.px(spec.x[i])) + QLatin1Char(',') + svgNum(f.py(s.high[i])) +
                     QLatin1Char(' ');
            lower.prepend(svgNum(f.px(spec.x[i])) + QLatin1Char(',') +
                          svgNum(f.py(std::max(f.y0, s.low[i]))) + QLatin1Char(' '));
        }
        if (!upper.isEmpty())
            out += QStringLiteral("<polygon fill=\"%1\" fill-opacity=\"0.18\" stroke=\"none\" "
                                  "points=\"%2\"/>\n")
                       .arg(s.color.name(), (upper + lower).trimmed());
    }
    for (const auto& s : spec.series) {
        if (s.errorBars) {
            out += errorBarsSvg(s, spec.x, f);
            continue;
        }
        QString points;
        const auto flush = [&] {
            if (points.count(QLatin1Char(' ')) >= 1)
                out += QStringLiteral("<polyline fill=\"none\" stroke=\"%1\" stroke-width=\"1.8\" "
                                      "stroke-linejoin=\"round\"%2 points=\"%3\"/>\n")
                           .arg(s.color.name(),
                                s.dashed ? QStringLiteral(" stroke-dasharray=\"6,3\"") : QString(),
                                points.trimmed());
            points.clear();
        };
        const std::size_t n = std::min(spec.x.size(), s.values.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(s.values[i])) {
                flush();
                continue;
            }
            points += svgNum(f.px(spec.x[i])) + QLatin1Char(',') + svgNum(f.py(s.values[i])) +
                      QLatin1Char(' ');
        }
        // A lone point still shows as a dot.
        if (points.count(QLatin1Char(' ')) == 1) {
            const QStringList xy = points.trimmed().split(QLatin1Char(','));
            out += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"2\" fill=\"%3\"/>\n")
                       .arg(xy[0], xy[1], s.color.name());
            points.clear();
        }
        flush();
    }
    out += QStringLiteral("</svg>\n");
    return out;
}

QString barChartSvg(const BarChartSpec& spec)
{
    SvgFrame f{};
    QString out = startChart(spec, spec.referenceLine, 0.0, 1.0, f);
    const int groups = std::max<int>(1, static_cast<int>(spec.categories.size()));
    const double groupWidth = f.width / groups;
    const int bars = std::max<int>(1, static_cast<int>(spec.series.size()));
    const double barWidth = std::min(28.0, groupWidth * 0.75 / bars);
    // Long category names get smaller or shortened so neighbours never overlap.
    const int labelSize = groupWidth < 60 ? 9 : 11;
    const int maxChars = std::max(3, static_cast<int>(groupWidth / (labelSize * 0.6)));
    for (int g = 0; g < spec.categories.size(); ++g) {
        const double cx = f.left + groupWidth * (g + 0.5);
        for (int b = 0; b < bars; ++b) {
            const auto& s = spec.series[static_cast<std::size_t>(b)];
            const double v = static_cast<std::size_t>(g) < s.values.size()
                                 ? s.values[static_cast<std::size_t>(g)]
                                 : NAN;
            if (!std::isfinite(v))
                continue;
            const double clipped = std::min(v, f.y1);
            const double x = cx - barWidth * bars / 2 + b * barWidth;
            const double y = f.py(clipped);
            out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\">"
                                  "<title>%6: %7</title></rect>\n")
                       .arg(svgNum(x + 1), svgNum(y), svgNum(barWidth - 2),
                            svgNum(f.top + f.height - y), s.color.name(), svgEsc(s.name),
                            QString::number(v, 'g', 4));
        }
        QString label = spec.categories[g];
        if (label.size() > maxChars)
            label = label.left(maxChars - 1) + QChar(0x2026);
        out += svgText(cx, f.top + f.height + 16, label, QStringLiteral("middle"), labelSize);
    }
    if (spec.referenceLine >= 0) {
        const double y = f.py(spec.referenceLine);
        out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#c0392b\" "
                              "stroke-width=\"1\" stroke-dasharray=\"5,3\"/>\n")
                   .arg(svgNum(f.left), svgNum(y), svgNum(f.left + f.width));
        out += svgText(f.left + f.width - 4, y - 4, spec.referenceLabel, QStringLiteral("end"), 10);
    }
    out += QStringLiteral("</svg>\n");
    return out;
}

} // namespace scalelab::gui
