#include "gui/report/SweepReport.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QSvgRenderer>

#include "core/experiment/Knee.h"
#include "gui/report/ReportHelpers.h"
#include "gui/report/ReportWriter.h"
#include "gui/report/SvgChart.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace sweep_report_detail {

using OJson = nlohmann::ordered_json;
using report_detail::repEsc;
using report_detail::repRow;
using report_detail::repTableOpen;

struct Figure {
    const char* pointer; ///< into a point, "/latency_ms/p99"
    QString title;
    QString unit;
    double scale;
    int decimals;
};

const std::vector<Figure>& figures()
{
    static const std::vector<Figure> list{
        {"/throughput_rps", QStringLiteral("Throughput"), QStringLiteral("req/s"), 1, 0},
        {"/availability", QStringLiteral("Availability"), QStringLiteral("%"), 100, 3},
        {"/latency_ms/mean", QStringLiteral("Mean latency"), QStringLiteral("ms"), 1, 1},
        {"/latency_ms/p50", QStringLiteral("Median latency (p50)"), QStringLiteral("ms"), 1, 1},
        {"/latency_ms/p99", QStringLiteral("p99 latency (completed requests)"),
         QStringLiteral("ms"), 1, 1},
        {"/latency_all_ms/p99", QStringLiteral("p99 latency (every request)"), QStringLiteral("ms"),
         1, 1},
        {"/cost/per_month", QStringLiteral("Cost per month"), QStringLiteral("USD"), 1, 0},
    };
    return list;
}

const std::vector<QColor>& palette()
{
    static const std::vector<QColor> colors{QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                            QColor(0x2c, 0xa0, 0x2c), QColor(0xff, 0x7f, 0x0e),
                                            QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
    return colors;
}
constexpr std::size_t kMaxSeries = 6;

double at(const OJson& point, const std::string& pointer)
{
    const OJson::json_pointer p(pointer);
    return point.contains(p) && point.at(p).is_number() ? point.at(p).get<double>()
                                                        : report_detail::kRepNaN;
}

QString valueText(const OJson& v)
{
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

// A table cell of text from the file (an id, a text value): escaped, and a leading '#' or
// '~' written as a reference so repRow does not read it as its alignment mark.
QString textCell(const QString& text)
{
    QString cell = repEsc(text);
    if (cell.startsWith(QLatin1Char('#')))
        cell.replace(0, 1, QStringLiteral("&#35;"));
    else if (cell.startsWith(QLatin1Char('~')))
        cell.replace(0, 1, QStringLiteral("&#126;"));
    return cell;
}

QString grouped(double v, int decimals)
{
    return std::isfinite(v) ? QLocale(QLocale::English).toString(v, 'f', decimals)
                            : QStringLiteral("-");
}

/// The sweep seen as curves: x = the axis with the most values, one curve per combination
/// of the other axes (in point order).
struct Curves {
    std::size_t xAxis = 0;
    QString xKey;
    bool numericX = true;
    std::vector<double> x;                         ///< the x axis' values (index when not numeric)
    std::vector<QString> names;                    ///< one per curve: "web*.workers=16, ..."
    std::vector<std::vector<const OJson*>> points; ///< [curve][x index]
};

Curves curvesOf(const OJson& sweep)
{
    Curves c;
    const OJson& vary = sweep.at("vary");
    for (std::size_t i = 0; i < vary.size(); ++i)
        if (vary[i].at("values").size() > vary[c.xAxis].at("values").size())
            c.xAxis = i;
    const OJson& xs = vary[c.xAxis].at("values");
    c.xKey = QString::fromStdString(vary[c.xAxis].at("node").get<std::string>() + "." +
                                    vary[c.xAxis].at("param").get<std::string>());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        c.numericX = c.numericX && xs[i].is_number();
        c.x.push_back(xs[i].is_number() ? xs[i].get<double>() : static_cast<double>(i + 1));
    }
    if (!c.numericX)
        for (std::size_t i = 0; i < xs.size(); ++i)
            c.x[i] = static_cast<double>(i + 1);
    std::map<QString, std::size_t> curveOf;
    for (const OJson& p : sweep.at("points")) {
        QStringList others;
        std::size_t xi = 0;
        std::size_t axis = 0;
        for (const auto& [key, value] : p.at("values").items()) {
            if (axis == c.xAxis) {
                for (std::size_t i = 0; i < xs.size(); ++i)
                    if (xs[i] == value)
                        xi = i;
            } else {
                others << QStringLiteral("%1=%2").arg(QString::fromStdString(key),
                                                      valueText(value));
            }
            ++axis;
        }
        const QString name =
            others.isEmpty() ? QStringLiteral("mean") : others.join(QStringLiteral(", "));
        auto [it, added] = curveOf.emplace(name, c.names.size());
        if (added) {
            c.names.push_back(name);
            c.points.emplace_back(xs.size(), nullptr);
        }
        c.points[it->second][xi] = &p;
    }
    return c;
}

QString picture(const QString& name, const QString& svg, int width, int height,
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

QString saturationSection(const Curves& c)
{
    QString out = QStringLiteral("<h2>Saturation</h2>\n");
    if (!c.numericX)
        return out + QStringLiteral("<p>The x axis (%1) is not a number: no knee to find.</p>\n")
                         .arg(repEsc(c.xKey));
    QString items;
    for (std::size_t s = 0; s < c.names.size(); ++s) {
        std::vector<double> y;
        for (const OJson* p : c.points[s])
            y.push_back(p ? at(*p, "/throughput_rps") : report_detail::kRepNaN);
        const auto knee = core::experiment::saturationKnee(c.x, y);
        const QString who =
            c.names.size() > 1 ? repEsc(c.names[s]) + QStringLiteral(": ") : QString();
        if (knee)
            items += QStringLiteral("<li>%1<b>saturates at %2 req/s</b> (from %3 = %4 on, more "
                                    "buys little throughput)</li>\n")
                         .arg(who, grouped(knee->plateau, 0), repEsc(c.xKey),
                              QLocale(QLocale::English).toString(knee->x, 'g', 10));
        else
            items += QStringLiteral("<li>%1no saturation in this range: throughput still grows "
                                    "with %2</li>\n")
                         .arg(who, repEsc(c.xKey));
    }
    return out + QStringLiteral("<ul>\n") + items + QStringLiteral("</ul>\n");
}

QString chartsSection(const OJson& sweep, const Curves& c, std::map<QString, QImage>* images)
{
    const int replications = sweep.value("replications", 1);
    QString out = QStringLiteral("<h2>Figures</h2>\n<p class=\"note\">Each line is a mean over "
                                 "%1; the band is its 95% confidence interval "
                                 "(Student t across seeds).%2</p>\n")
                      .arg(countOf(replications, QStringLiteral("replication"),
                                   QStringLiteral("replications")))
                      .arg(c.names.size() > kMaxSeries
                               ? QStringLiteral(" The first %1 of %2 curves are drawn; the table "
                                                "below has every point.")
                                     .arg(kMaxSeries)
                                     .arg(c.names.size())
                               : QString());
    // The knee of the first curve is marked on every chart, so the eye can follow it.
    std::vector<std::pair<double, QString>> markers;
    if (c.numericX && !c.names.empty()) {
        std::vector<double> y;
        for (const OJson* p : c.points[0])
            y.push_back(p ? at(*p, "/throughput_rps") : report_detail::kRepNaN);
        if (const auto knee = core::experiment::saturationKnee(c.x, y))
            markers.push_back(
                {knee->x, QStringLiteral("saturates at %1 req/s").arg(grouped(knee->plateau, 0))});
    }
    int index = 0;
    for (const Figure& f : figures()) {
        bool present = false;
        for (const OJson& p : sweep.at("points"))
            present = present || std::isfinite(at(p, f.pointer));
        if (!present)
            continue;
        LineChartSpec spec;
        spec.title = f.title;
        spec.xLabel = c.xKey + (c.numericX ? QString() : QStringLiteral(" (value number)"));
        spec.yLabel = QStringLiteral("%1 (%2)").arg(f.title, f.unit);
        spec.x = c.x;
        spec.markers = markers;
        for (std::size_t s = 0; s < std::min(kMaxSeries, c.names.size()); ++s) {
            ChartSeries series;
            series.name = c.names[s];
            series.color = palette()[s % palette().size()];
            for (const OJson* p : c.points[s]) {
                const double mean = p ? at(*p, f.pointer) * f.scale : report_detail::kRepNaN;
                const double ci =
                    p ? at(*p, std::string("/ci95") + f.pointer) * f.scale : report_detail::kRepNaN;
                series.values.push_back(mean);
                series.low.push_back(std::isfinite(ci) ? mean - ci : report_detail::kRepNaN);
                series.high.push_back(std::isfinite(ci) ? mean + ci : report_detail::kRepNaN);
            }
            spec.series.push_back(std::move(series));
        }
        out += picture(QStringLiteral("sweep-chart-%1").arg(index++), lineChartSvg(spec),
                       spec.width, spec.height, images);
    }
    return out;
}

QString pointsTable(const OJson& sweep)
{
    QStringList header;
    for (const auto& a : sweep.at("vary"))
        header << textCell(QString::fromStdString(a.at("node").get<std::string>() + "." +
                                                  a.at("param").get<std::string>()));
    for (const Figure& f : figures())
        header << QStringLiteral("#%1 (%2)").arg(f.title, f.unit);
    QString out = QStringLiteral("<h2>Every point</h2>\n") + repTableOpen() + repRow(header, true);
    for (const OJson& p : sweep.at("points")) {
        QStringList row;
        for (const auto& [key, value] : p.at("values").items())
            row << textCell(valueText(value));
        for (const Figure& f : figures()) {
            const double mean = at(p, f.pointer) * f.scale;
            const double ci = at(p, std::string("/ci95") + f.pointer) * f.scale;
            QString cell = QStringLiteral("#") + grouped(mean, f.decimals);
            if (std::isfinite(ci))
                cell += QStringLiteral(" ± ") + grouped(ci, f.decimals);
            row << cell;
        }
        out += repRow(row);
    }
    return out + QStringLiteral("</table>\n");
}

} // namespace sweep_report_detail

QString sweepReportHtml(const nlohmann::ordered_json& sweep, std::map<QString, QImage>* images)
{
    using namespace sweep_report_detail;
    const Curves curves = curvesOf(sweep);
    const QString file = QString::fromStdString(sweep.value("file", std::string()));
    QString body = QStringLiteral("<h1>Sweep of %1</h1>\n").arg(repEsc(QFileInfo(file).fileName()));
    body += QStringLiteral("<p class=\"meta\">%1 &#183; %2 each &#183; "
                           "seeds derived from %3</p>\n")
                .arg(countOf(static_cast<long long>(sweep.at("points").size()),
                             QStringLiteral("point"), QStringLiteral("points")),
                     countOf(sweep.value("replications", 1), QStringLiteral("replication"),
                             QStringLiteral("replications")))
                .arg(QString::fromStdString(sweep.value("seed", OJson()).dump()));
    body += QStringLiteral("<h2>Varied</h2>\n") + repTableOpen() +
            repRow({QStringLiteral("parameter"), QStringLiteral("values")}, true);
    for (const auto& a : sweep.at("vary")) {
        QStringList values;
        for (const auto& v : a.at("values"))
            values << valueText(v);
        body += repRow({textCell(QString::fromStdString(a.at("node").get<std::string>() + "." +
                                                        a.at("param").get<std::string>())),
                        textCell(values.join(QStringLiteral(", ")))});
    }
    body += QStringLiteral("</table>\n");
    body += saturationSection(curves);
    body += chartsSection(sweep, curves, images);
    body += pointsTable(sweep);
    const QString css = QStringLiteral(
        "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #222222; }\n"
        "h1 { font-size: 20pt; color: #1b3a57; } h2 { font-size: 14pt; color: #1b3a57; }\n"
        "p.meta, p.note { color: #555555; }\n"
        "table.grid { border-collapse: collapse; margin: 4px 0 10px 0; }\n"
        "table.grid th { background-color: #eef2f6; text-align: left; padding: 4px 6px; "
        "border: 1px solid #c8d3de; }\n"
        "table.grid td { padding: 3px 6px; border: 1px solid #c8d3de; }\n"
        "table.grid td.n, table.grid th.n { text-align: right; white-space: nowrap; }\n"
        "svg { max-width: 100%; height: auto; }\n");
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                          "<title>%1</title>\n<style>\n%2</style>\n</head>\n<body>\n%3</body>\n"
                          "</html>\n")
        .arg(repEsc(QStringLiteral("Sweep of %1 - ScaleLab").arg(QFileInfo(file).fileName())), css,
             body);
}

bool writeSweepReport(const nlohmann::ordered_json& sweep, const QString& outPath, QString* error)
{
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return writeFileAtomically(outPath, sweepReportHtml(sweep, nullptr).toUtf8(), error);
    if (suffix == QLatin1String("pdf")) {
        std::map<QString, QImage> images;
        const QString html = sweepReportHtml(sweep, &images);
        return writeHtmlAsPdf(html, images, QStringLiteral("ScaleLab sweep"), outPath, error);
    }
    if (error)
        *error = QStringLiteral("unknown report type '.%1': use .html or .pdf").arg(suffix);
    return false;
}

} // namespace scalelab::gui
