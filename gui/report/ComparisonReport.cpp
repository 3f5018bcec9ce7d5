#include "gui/report/ComparisonReport.h"

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>

#include "core/compare/HeadlineFigures.h"
#include "gui/report/DiagramImage.h"
#include "gui/report/PdfPrinter.h"
#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportHelpers.h"
#include "gui/report/SvgChart.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/FileHash.h"

namespace scalelab::gui {

// Named, not anonymous: unity builds put this file beside the other report sources.
namespace comparison_detail {
using namespace report_detail;
namespace cmp = core::compare;
using OJson = nlohmann::ordered_json;

// A in grey, B in the report's blue: B is "the change", drawn over what it is compared with.
const QColor kColourA(0x8a, 0x94, 0xa6);
const QColor kColourB(0x25, 0x63, 0xeb);
constexpr double kPdfTextWidth = 660;

const OJson* at(const OJson& doc, const std::string& pointer)
{
    const OJson::json_pointer p(pointer);
    return doc.contains(p) ? &doc.at(p) : nullptr;
}

double numberAt(const OJson& doc, const std::string& pointer)
{
    const OJson* v = at(doc, pointer);
    return v && v->is_number() ? v->get<double>() : kRepNaN;
}

QString shown(double v, const std::string& unit, bool signedValue = false)
{
    if (!std::isfinite(v))
        return QStringLiteral("-");
    const double x = unit == "%" ? 100 * v : v;
    const double a = std::abs(x);
    QString text = reportNumber(x, unit == "%" ? 3 : a >= 100 ? 1 : a >= 1 ? 2 : 3);
    if (signedValue && x > 0)
        text.prepend(QLatin1Char('+'));
    return text;
}

std::vector<double> series(const OJson& results, const char* key)
{
    std::vector<double> out;
    const OJson* s = at(results, std::string("/timeseries/") + key);
    if (s && s->is_array())
        for (const auto& v : *s)
            out.push_back(v.is_number() ? v.get<double>() : kRepNaN);
    return out;
}

class ComparisonHtml {
public:
    ComparisonHtml(const ComparisonReportInput& in, bool browser) : m_in(in), m_browser(browser) {}

    QString html()
    {
        return QStringLiteral("<!DOCTYPE html>\n<html>\n%1<body>\n%2%3%4%5%6%7</body>\n</html>\n")
            .arg(head(), title(), headline(), designs(), changes(), overTime(), nodes());
    }
    const std::map<QString, QImage>& images() const { return m_images; }
    QString titleText() const
    {
        return QStringLiteral("%1 vs %2 - ScaleLab comparison")
            .arg(QString::fromStdString(m_in.a.name), QString::fromStdString(m_in.b.name));
    }

private:
    const ComparisonReportInput& m_in;
    bool m_browser;
    std::map<QString, QImage> m_images;

    QString head() const
    {
        const QString page =
            m_browser ? QStringLiteral("body { font-family: 'DejaVu Sans', Arial, sans-serif; "
                                       "font-size: 10pt; color: #222222; max-width: 980px; "
                                       "margin: 24px auto; padding: 0 16px; }\n"
                                       "svg { max-width: 100%; height: auto; }\n"
                                       "figure { margin: 6px 0 14px 0; }\n")
                      : QStringLiteral("body { color: #222222; }\n");
        return QStringLiteral("<head>\n<meta charset=\"utf-8\"/>\n<title>%1</title>\n<style>\n%2"
                              "h1 { font-size: 20pt; margin: 0 0 4px 0; color: #1b3a57; }\n"
                              "h2 { font-size: 14pt; margin: 22px 0 8px 0; color: #1b3a57; "
                              "border-bottom: 1px solid #c8d3de; padding-bottom: 3px; }\n"
                              "h3 { font-size: 11pt; margin: 12px 0 4px 0; color: #1b3a57; }\n"
                              "p.meta { color: #555555; margin: 2px 0; }\n"
                              "p.note { color: #555555; font-size: 9pt; }\n"
                              "table.grid { border-collapse: collapse; margin: 4px 0 10px 0; }\n"
                              "table.grid th { background-color: #eef2f6; text-align: left; "
                              "padding: 4px 6px; border: 1px solid #c8d3de; }\n"
                              "table.grid td { padding: 3px 6px; border: 1px solid #c8d3de; }\n"
                              "td.better { color: #047857; font-weight: bold; }\n"
                              "td.worse { color: #b91c1c; font-weight: bold; }\n"
                              "code { font-size: 8pt; }\n"
                              "</style>\n</head>\n")
            .arg(repEsc(titleText()), page);
    }

    QString picture(const QString& name, const QString& svg, int width, int height)
    {
        if (m_browser)
            return QStringLiteral("<figure>\n%1</figure>\n").arg(svg);
        // QTextDocument shows no SVG: rasterised at 3x so print stays sharp.
        QImage image(width * 3, height * 3, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QSvgRenderer renderer(svg.toUtf8());
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        m_images[name] = image;
        const double fit = std::min(1.0, kPdfTextWidth / width);
        return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>\n")
            .arg(name)
            .arg(qRound(width * fit))
            .arg(qRound(height * fit));
    }

    QString title() const
    {
        const OJson& c = m_in.comparison;
        QStringList seeds;
        if (c.contains("seeds"))
            for (const auto& s : c["seeds"])
                seeds << QString::number(s.get<std::uint64_t>());
        const auto fileLine = [](const char* letter, const QString& file, const core::Topology& t) {
            return QStringLiteral("<p class=\"meta\"><b>%1</b>: %2 &mdash; <code>%3</code><br/>"
                                  "SHA-256 <code>%4</code></p>\n")
                .arg(QLatin1String(letter), repQs(t.name), repEsc(QFileInfo(file).fileName()),
                     repEsc(fileSha256(file)));
        };
        return QStringLiteral("<h1>%1</h1>\n")
                   .arg(repEsc(QStringLiteral("%1 vs %2")
                                   .arg(QString::fromStdString(m_in.a.name),
                                        QString::fromStdString(m_in.b.name)))) +
               fileLine("A", m_in.fileA, m_in.a) + fileLine("B", m_in.fileB, m_in.b) +
               QStringLiteral(
                   "<p class=\"meta\">ScaleLab %1 &middot; %2 replications under common "
                   "random numbers (replication <i>r</i> of A and of B use the same seed) "
                   "&middot; seeds %3</p>\n"
                   "<p class=\"meta\">Reproduce: <code>scalelab compare %4 %5 "
                   "--replications %2 --seed %6</code></p>\n")
                   .arg(QStringLiteral(SCALELAB_VERSION))
                   .arg(c.value("replications", 0))
                   .arg(repEsc(seeds.join(QStringLiteral(", "))),
                        repEsc(QFileInfo(m_in.fileA).fileName()),
                        repEsc(QFileInfo(m_in.fileB).fileName()), seeds.value(0));
    }

    QString headline() const
    {
        const OJson& c = m_in.comparison;
        QString out =
            QStringLiteral("<h2>Headline figures</h2>\n") + repTableOpen() +
            repRow({QStringLiteral("Figure"), QStringLiteral("#A"), QStringLiteral("#B"),
                    QStringLiteral("#B &minus; A"), QStringLiteral("#95% interval of B &minus; A"),
                    QStringLiteral("Verdict")},
                   true);
        for (const cmp::HeadlineFigure& f : cmp::headlineFigures()) {
            const OJson* d = at(c["delta"], f.pointer);
            if (!d)
                continue;
            const double delta = d->is_number() ? d->get<double>() : kRepNaN;
            const double half = numberAt(c["delta_ci95"], f.pointer);
            const OJson* sig = at(c["significant"], f.pointer);
            const bool known = sig && sig->is_boolean();
            const std::string word = cmp::verdictWord(f, delta, known && sig->get<bool>(), known);
            const QString unit = f.unit.empty()
                                     ? QString()
                                     : QStringLiteral(" (%1)").arg(QString::fromStdString(f.unit));
            QString interval = QStringLiteral("-");
            if (std::isfinite(half) && std::isfinite(delta))
                interval =
                    QStringLiteral("%1 &hellip; %2")
                        .arg(shown(delta - half, f.unit, true), shown(delta + half, f.unit, true));
            out += repRow({repQs(f.label) + repEsc(unit),
                           QStringLiteral("#") + shown(numberAt(c["a"], f.pointer), f.unit),
                           QStringLiteral("#") + shown(numberAt(c["b"], f.pointer), f.unit),
                           QStringLiteral("#") + shown(delta, f.unit, true),
                           QStringLiteral("#") + interval, repQs(word)});
            if (word == "better" || word == "worse")
                out.replace(QStringLiteral("<td>%1</td>").arg(repQs(word)),
                            QStringLiteral("<td class=\"%1\">%1</td>").arg(repQs(word)));
        }
        out +=
            QStringLiteral("</table>\n<p class=\"note\">Means over the replications. A difference "
                           "is significant when its 95% interval (paired Student t over the "
                           "replications) excludes zero. Every figure of the results, per node "
                           "too, is in <code>compare --json</code>.</p>\n");
        return out;
    }

    QString diagramPicture(const core::Topology& t, const QString& name)
    {
        if (m_browser) {
            QString svg = QString::fromUtf8(diagramSvg(t));
            const auto start = svg.indexOf(QStringLiteral("<svg"));
            if (start > 0)
                svg = svg.mid(start);
            svg.replace(QRegularExpression(
                            QStringLiteral("<svg([^>]*?) width=\"[^\"]*\" height=\"[^\"]*\"")),
                        QStringLiteral("<svg\\1 width=\"100%\" style=\"max-height: 420px\""));
            return QStringLiteral("<figure>\n%1</figure>\n").arg(svg);
        }
        const QImage image = diagramImage(t, 2.0);
        const double aspect = image.height() / std::max(1.0, double(image.width()));
        int width = 600;
        int height = static_cast<int>(width * aspect);
        if (height > 380) {
            height = 380;
            width = static_cast<int>(height / aspect);
        }
        m_images[name] = image;
        return QStringLiteral(
                   "<p align=\"center\"><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>\n")
            .arg(name)
            .arg(width)
            .arg(height);
    }

    QString designs()
    {
        return QStringLiteral("<h2>The designs</h2>\n<h3>A: %1</h3>\n").arg(repQs(m_in.a.name)) +
               diagramPicture(m_in.a, QStringLiteral("diagram-a")) +
               QStringLiteral("<h3>B: %1</h3>\n").arg(repQs(m_in.b.name)) +
               diagramPicture(m_in.b, QStringLiteral("diagram-b"));
    }

    QString changes() const
    {
        const cmp::DesignDiff& d = m_in.diff;
        QString out = QStringLiteral("<h2>What changed from A to B</h2>\n");
        if (d.empty())
            return out + QStringLiteral("<p>The designs are the same; only the runs differ.</p>\n");
        const auto list = [](const QString& what, const std::vector<std::string>& items) {
            QStringList escaped;
            for (const auto& i : items)
                escaped << repQs(i);
            return items.empty() ? QString()
                                 : QStringLiteral("<p><b>%1</b>: %2</p>\n")
                                       .arg(what, escaped.join(QStringLiteral(", ")));
        };
        out += list(QStringLiteral("Only in A"), d.nodesOnlyInA) +
               list(QStringLiteral("Only in B"), d.nodesOnlyInB) +
               list(QStringLiteral("Links only in A"), d.linksOnlyInA) +
               list(QStringLiteral("Links only in B"), d.linksOnlyInB);
        if (!d.changes.empty()) {
            out += repTableOpen() + repRow({QStringLiteral("Where"), QStringLiteral("Parameter"),
                                            QStringLiteral("#A"), QStringLiteral("#B")},
                                           true);
            for (const cmp::Difference& c : d.changes)
                out += repRow({repQs(c.where), repQs(c.what), QStringLiteral("#") + repQs(c.a),
                               QStringLiteral("#") + repQs(c.b)});
            out += QStringLiteral("</table>\n");
        }
        return out;
    }

    QString overlay(const QString& name, const QString& title, const QString& yLabel,
                    const char* key)
    {
        LineChartSpec spec;
        spec.title = title;
        spec.xLabel = QStringLiteral("time (s)");
        spec.yLabel = yLabel;
        const std::vector<double> ta = series(m_in.firstA, "t_s");
        const std::vector<double> tb = series(m_in.firstB, "t_s");
        spec.x = ta.size() >= tb.size() ? ta : tb;
        std::vector<double> a = series(m_in.firstA, key), b = series(m_in.firstB, key);
        a.resize(spec.x.size(), kRepNaN);
        b.resize(spec.x.size(), kRepNaN);
        spec.series = {
            {QStringLiteral("A: ") + QString::fromStdString(m_in.a.name), kColourA, a, false},
            {QStringLiteral("B: ") + QString::fromStdString(m_in.b.name), kColourB, b, false}};
        spec.height = 220;
        return picture(name, lineChartSvg(spec), spec.width, spec.height);
    }

    QString overTime()
    {
        if (series(m_in.firstA, "t_s").empty() && series(m_in.firstB, "t_s").empty())
            return {};
        return QStringLiteral("<h2>Over time</h2>\n<p class=\"note\">Replication 0 of each design "
                              "(the same seed), one point per interval; A grey, B blue.</p>\n") +
               overlay(QStringLiteral("throughput"), QStringLiteral("Throughput"),
                       QStringLiteral("completed (req/s)"), "throughput_rps") +
               overlay(QStringLiteral("p50"), QStringLiteral("Median latency"),
                       QStringLiteral("p50 (ms)"), "p50_ms") +
               overlay(QStringLiteral("p99"), QStringLiteral("Tail latency"),
                       QStringLiteral("p99 (ms)"), "p99_ms") +
               overlay(QStringLiteral("errors"), QStringLiteral("Errors"),
                       QStringLiteral("failed requests"), "errors");
    }

    QString nodes()
    {
        // Nodes both designs have, in B's order: the ones a change is expected to move.
        const OJson& c = m_in.comparison;
        const OJson* nb = at(c["b"], "/nodes");
        const OJson* na = at(c["a"], "/nodes");
        if (!nb || !na || !nb->is_object() || !na->is_object())
            return {};
        BarChartSpec spec;
        spec.title = QStringLiteral("Utilization of the nodes both designs have");
        spec.yLabel = QStringLiteral("utilization (%)");
        ChartSeries a{QStringLiteral("A"), kColourA, {}, false};
        ChartSeries b{QStringLiteral("B"), kColourB, {}, false};
        for (const auto& item : nb->items()) {
            if (!na->contains(item.key()))
                continue;
            const double ub = numberAt(item.value(), "/utilization");
            const double ua = numberAt((*na)[item.key()], "/utilization");
            if (!(ua > 0) && !(ub > 0))
                continue;
            spec.categories << QString::fromStdString(item.key());
            a.values.push_back(100 * ua);
            b.values.push_back(100 * ub);
        }
        if (spec.categories.isEmpty())
            return {};
        spec.series = {a, b};
        spec.referenceLine = 80;
        spec.referenceLabel = QStringLiteral("80 %");
        return QStringLiteral("<h2>Nodes</h2>\n") +
               picture(QStringLiteral("utilization"), barChartSvg(spec), spec.width, spec.height);
    }
};
} // namespace comparison_detail

using comparison_detail::ComparisonHtml;

bool writeComparisonReport(const ComparisonReportInput& input, const QString& outPath,
                           QString* error)
{
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        ComparisonHtml builder(input, true);
        return writeFileAtomically(outPath, builder.html().toUtf8(), error);
    }
    if (suffix == QLatin1String("pdf")) {
        ComparisonHtml builder(input, false);
        const QString html = builder.html();
        return printHtmlToPdf(html, builder.images(), builder.titleText(), outPath, error);
    }
    if (error)
        *error = QStringLiteral("unknown report type '.%1': use .html or .pdf").arg(suffix);
    return false;
}

} // namespace scalelab::gui
