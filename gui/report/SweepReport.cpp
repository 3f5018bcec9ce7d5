#include "gui/report/SweepReport.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QLocale>

#include "core/experiment/Knee.h"
#include "core/experiment/SpillFile.h"
#include "core/experiment/Sweep.h"
#include "gui/report/ReportHelpers.h"
#include "gui/report/ReportWriter.h"
#include "gui/report/SvgChart.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/Counting.h"
#include "gui/util/StreamedFile.h"

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

QString pointRow(const OJson& p)
{
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
    return repRow(row);
}

QString axisKey(const OJson& axis)
{
    return QString::fromStdString(axis.at("node").get<std::string>() + "." +
                                  axis.at("param").get<std::string>());
}

} // namespace sweep_report_detail

/// The sweep seen as curves: x = the axis with the most values, one curve per combination
/// of the other axes (in point order); of each point only what the report draws.
struct SweepReportBuilder::Data {
    using OJson = sweep_report_detail::OJson;
    using Band = std::pair<double, double>; ///< a figure's mean and 95% half-width, unscaled

    OJson header; ///< the document without its points
    std::size_t xAxis = 0;
    QString xKey;
    bool numericX = true;
    OJson xs;                                    ///< the x axis' values
    std::vector<double> x;                       ///< as numbers (index when not numeric)
    std::vector<QString> names;                  ///< one per curve: "web*.workers=16, ..."
    std::map<QString, std::size_t> curveOf;      ///< name -> curve
    std::vector<std::vector<double>> throughput; ///< [curve][x index]: every curve's knee
    std::vector<std::vector<Band>> bands;        ///< [charted curve][figure * x count + x index]
    std::vector<bool> present;                   ///< per figure: some point has a value
    std::size_t points = 0;
    core::experiment::SpillFile rows; ///< the table, one rendered row a point (UTF-8)

    QString saturationSection() const;
    QString chartsSection(std::map<QString, QImage>* images) const;
    /// Everything before the table's rows, and after them.
    QString prefix(std::map<QString, QImage>* images) const;
    static QString suffix() { return QStringLiteral("</table>\n</body>\n</html>\n"); }
};

QString SweepReportBuilder::Data::saturationSection() const
{
    using namespace sweep_report_detail;
    QString out = QStringLiteral("<h2>Saturation</h2>\n");
    if (!numericX)
        return out + QStringLiteral("<p>The x axis (%1) is not a number: no knee to find.</p>\n")
                         .arg(repEsc(xKey));
    QString items;
    for (std::size_t s = 0; s < names.size(); ++s) {
        const auto knee = core::experiment::saturationKnee(x, throughput[s]);
        const QString who = names.size() > 1 ? repEsc(names[s]) + QStringLiteral(": ") : QString();
        if (knee)
            items += QStringLiteral("<li>%1<b>saturates at %2 req/s</b> (from %3 = %4 on, more "
                                    "buys little throughput)</li>\n")
                         .arg(who, grouped(knee->plateau, 0), repEsc(xKey),
                              QLocale(QLocale::English).toString(knee->x, 'g', 10));
        else
            items += QStringLiteral("<li>%1no saturation in this range: throughput still grows "
                                    "with %2</li>\n")
                         .arg(who, repEsc(xKey));
    }
    return out + QStringLiteral("<ul>\n") + items + QStringLiteral("</ul>\n");
}

QString SweepReportBuilder::Data::chartsSection(std::map<QString, QImage>* images) const
{
    using namespace sweep_report_detail;
    const int replications = header.value("replications", 1);
    QString out = QStringLiteral("<h2>Figures</h2>\n<p class=\"note\">Each line is a mean over "
                                 "%1; the band is its 95% confidence interval "
                                 "(Student t across seeds).%2</p>\n")
                      .arg(countOf(replications, QStringLiteral("replication"),
                                   QStringLiteral("replications")))
                      .arg(names.size() > kMaxSeries
                               ? QStringLiteral(" The first %1 of %2 curves are drawn; the table "
                                                "below has every point.")
                                     .arg(kMaxSeries)
                                     .arg(names.size())
                               : QString());
    // The knee of the first curve is marked on every chart, so the eye can follow it.
    std::vector<std::pair<double, QString>> markers;
    if (numericX && !names.empty())
        if (const auto knee = core::experiment::saturationKnee(x, throughput[0]))
            markers.push_back(
                {knee->x, QStringLiteral("saturates at %1 req/s").arg(grouped(knee->plateau, 0))});
    int index = 0;
    for (std::size_t fi = 0; fi < figures().size(); ++fi) {
        const Figure& f = figures()[fi];
        if (!present[fi])
            continue;
        LineChartSpec spec;
        spec.title = f.title;
        spec.xLabel = xKey + (numericX ? QString() : QStringLiteral(" (value number)"));
        spec.yLabel = QStringLiteral("%1 (%2)").arg(f.title, f.unit);
        spec.x = x;
        spec.markers = markers;
        for (std::size_t s = 0; s < std::min(kMaxSeries, names.size()); ++s) {
            ChartSeries series;
            series.name = names[s];
            series.color = palette()[s % palette().size()];
            for (std::size_t xi = 0; xi < x.size(); ++xi) {
                const Band& b = bands[s][fi * x.size() + xi];
                const double mean = b.first * f.scale;
                const double ci = b.second * f.scale;
                series.values.push_back(mean);
                series.low.push_back(std::isfinite(ci) ? mean - ci : report_detail::kRepNaN);
                series.high.push_back(std::isfinite(ci) ? mean + ci : report_detail::kRepNaN);
            }
            spec.series.push_back(std::move(series));
        }
        out += chartFigure(QStringLiteral("sweep-chart-%1").arg(index++), lineChartSvg(spec),
                           spec.width, spec.height, images);
    }
    return out;
}

QString SweepReportBuilder::Data::prefix(std::map<QString, QImage>* images) const
{
    using namespace sweep_report_detail;
    const QString file = QString::fromStdString(header.value("file", std::string()));
    QString body = QStringLiteral("<h1>Sweep of %1</h1>\n").arg(repEsc(QFileInfo(file).fileName()));
    body += QStringLiteral("<p class=\"meta\">%1 &#183; %2 each &#183; "
                           "seeds derived from %3</p>\n")
                .arg(countOf(static_cast<long long>(points), QStringLiteral("point"),
                             QStringLiteral("points")),
                     countOf(header.value("replications", 1), QStringLiteral("replication"),
                             QStringLiteral("replications")))
                .arg(QString::fromStdString(header.value("seed", OJson()).dump()));
    body += QStringLiteral("<h2>Varied</h2>\n") + repTableOpen() +
            repRow({QStringLiteral("parameter"), QStringLiteral("values")}, true);
    for (const auto& a : header.at("vary")) {
        QStringList values;
        for (const auto& v : a.at("values"))
            values << valueText(v);
        body += repRow({textCell(axisKey(a)), textCell(values.join(QStringLiteral(", ")))});
    }
    body += QStringLiteral("</table>\n");
    body += saturationSection();
    body += chartsSection(images);
    QStringList tableHeader;
    for (const auto& a : header.at("vary"))
        tableHeader << textCell(axisKey(a));
    for (const Figure& f : figures())
        tableHeader << QStringLiteral("#%1 (%2)").arg(f.title, f.unit);
    body += QStringLiteral("<h2>Every point</h2>\n") + repTableOpen() + repRow(tableHeader, true);
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
                          "<title>%1</title>\n<style>\n%2</style>\n</head>\n<body>\n")
               .arg(
                   repEsc(QStringLiteral("Sweep of %1 - ScaleLab").arg(QFileInfo(file).fileName())),
                   css) +
           body;
}

SweepReportBuilder::SweepReportBuilder() = default;
SweepReportBuilder::~SweepReportBuilder() = default;

void SweepReportBuilder::begin(const nlohmann::ordered_json& header)
{
    d = std::make_unique<Data>();
    d->header = header;
    d->header.erase("points");
    const Data::OJson& vary = d->header.at("vary");
    for (std::size_t i = 0; i < vary.size(); ++i)
        if (vary[i].at("values").size() > vary[d->xAxis].at("values").size())
            d->xAxis = i;
    d->xs = vary[d->xAxis].at("values");
    d->xKey = sweep_report_detail::axisKey(vary[d->xAxis]);
    for (std::size_t i = 0; i < d->xs.size(); ++i) {
        d->numericX = d->numericX && d->xs[i].is_number();
        d->x.push_back(d->xs[i].is_number() ? d->xs[i].get<double>() : static_cast<double>(i + 1));
    }
    if (!d->numericX)
        for (std::size_t i = 0; i < d->xs.size(); ++i)
            d->x[i] = static_cast<double>(i + 1);
    d->present.assign(sweep_report_detail::figures().size(), false);
}

void SweepReportBuilder::point(std::size_t, const nlohmann::ordered_json& p)
{
    using namespace sweep_report_detail;
    using Band = Data::Band;
    QStringList others;
    std::size_t xi = 0;
    std::size_t axis = 0;
    for (const auto& [key, value] : p.at("values").items()) {
        if (axis == d->xAxis) {
            for (std::size_t i = 0; i < d->xs.size(); ++i)
                if (d->xs[i] == value)
                    xi = i;
        } else {
            others << QStringLiteral("%1=%2").arg(QString::fromStdString(key), valueText(value));
        }
        ++axis;
    }
    const QString name =
        others.isEmpty() ? QStringLiteral("mean") : others.join(QStringLiteral(", "));
    auto [it, added] = d->curveOf.emplace(name, d->names.size());
    const std::size_t curve = it->second;
    const std::size_t xCount = d->xs.size();
    if (added) {
        d->names.push_back(name);
        d->throughput.emplace_back(xCount, report_detail::kRepNaN);
        if (curve < kMaxSeries)
            d->bands.emplace_back(figures().size() * xCount,
                                  Band{report_detail::kRepNaN, report_detail::kRepNaN});
    }
    d->throughput[curve][xi] = at(p, "/throughput_rps");
    for (std::size_t fi = 0; fi < figures().size(); ++fi) {
        const double mean = at(p, figures()[fi].pointer);
        d->present[fi] = d->present[fi] || std::isfinite(mean);
        if (curve < kMaxSeries)
            d->bands[curve][fi * xCount + xi] = {
                mean, at(p, std::string("/ci95") + figures()[fi].pointer)};
    }
    ++d->points;
    d->rows.append(pointRow(p).toStdString());
}

QString SweepReportBuilder::html(std::map<QString, QImage>* images) const
{
    QString out = d->prefix(images);
    d->rows.forEach([&](const std::string& row) { out += QString::fromStdString(row); });
    return out + Data::suffix();
}

bool SweepReportBuilder::write(const QString& outPath, QString* error) const
{
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        // Row by row: the table is the one part that grows with the points.
        StreamedFile file;
        if (!file.open(outPath, error))
            return false;
        const auto put = [&](const QByteArray& bytes) {
            file.stream().write(bytes.constData(), bytes.size());
        };
        put(d->prefix(nullptr).toUtf8());
        d->rows.forEach([&](const std::string& row) {
            file.stream().write(row.data(), static_cast<std::streamsize>(row.size()));
        });
        put(Data::suffix().toUtf8());
        return file.commit(error);
    }
    if (suffix == QLatin1String("pdf")) {
        std::map<QString, QImage> images;
        return writeHtmlAsPdf(html(&images), images, QStringLiteral("ScaleLab sweep"), outPath,
                              error);
    }
    if (error)
        *error = QStringLiteral("unknown report type '.%1': use .html or .pdf").arg(suffix);
    return false;
}

QString sweepReportHtml(const nlohmann::ordered_json& sweep, std::map<QString, QImage>* images)
{
    SweepReportBuilder builder;
    core::experiment::replaySweep(sweep, builder);
    return builder.html(images);
}

bool writeSweepReport(const nlohmann::ordered_json& sweep, const QString& outPath, QString* error)
{
    SweepReportBuilder builder;
    core::experiment::replaySweep(sweep, builder);
    return builder.write(outPath, error);
}

} // namespace scalelab::gui
