#include "gui/report/ReportBuilder.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include <QLocale>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>

#include "core/model/KindRegistry.h"
#include "core/sim/EventKind.h"
#include "gui/report/DiagramImage.h"
#include "gui/report/EmbeddedVideo.h"
#include "gui/report/ReportHelpers.h"

namespace scalelab::gui {

namespace report_detail {

constexpr double kPdfTextWidth = 660;

} // namespace report_detail

using namespace report_detail;

QString reportNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return std::isinf(value) ? QStringLiteral("&#8734;") : QStringLiteral("-");
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

QString reportMs(double value)
{
    if (!std::isfinite(value))
        return reportNumber(value, 0);
    return reportNumber(value, std::abs(value) < 10 ? 2 : 1);
}

ReportBuilder::ReportBuilder(const core::Topology& topology, const nlohmann::json& results,
                             Target target)
    : m_topology(topology), m_results(results), m_target(target),
      m_analysis(core::analyze(topology, core::NodeNaming::DisplayName)),
      m_generated(QDateTime::currentDateTimeUtc())
{
    m_hasRun = results.is_object() && results.contains("latency_ms");
}

QString ReportBuilder::html()
{
    m_images.clear();
    QString body;
    body += titleBlock();
    body += diagramSection();
    body += videoSection();
    if (m_hasRun) {
        body += summarySection();
        body += jobsSection();
        body += goalsSection();
        body += chartsSection();
        body += eventsSection();
    }
    body += comparisonSection();
    body += shardsSection();
    body += sitesSection();
    body += findingsSection();
    body += sectionTitle(QStringLiteral("Components"), m_target == Target::TextDocument);
    body += componentsHtml(m_topology);
    body += sectionTitle(QStringLiteral("Scenario"));
    body += scenarioHtml(m_topology);
    body += footer();
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n") + head() +
           QStringLiteral("<body>\n") + body + QStringLiteral("</body>\n</html>\n");
}

QString ReportBuilder::head() const
{
    // Plain CSS, nothing fetched. QTextDocument (the PDF path) lays out the page itself:
    // it gets no body width or margins, which it would misread.
    const QString page =
        m_target == Target::Browser
            ? QStringLiteral("body { font-family: 'DejaVu Sans', Arial, sans-serif; "
                             "font-size: 10pt; color: #222222; max-width: 980px; "
                             "margin: 24px auto; padding: 0 16px; }\n"
                             "svg { max-width: 100%; height: auto; }\n"
                             "figure > svg { width: 100%; }\n"
                             "figure { margin: 6px 0 14px 0; }\n")
            : QStringLiteral("body { color: #222222; }\n");
    const QString css =
        page +
        QStringLiteral(
            "h1 { font-size: 20pt; margin: 0 0 4px 0; color: #1b3a57; }\n"
            "h2 { font-size: 14pt; margin: 22px 0 8px 0; color: #1b3a57; "
            "border-bottom: 1px solid #c8d3de; padding-bottom: 3px; }\n"
            "h3 { font-size: 11pt; margin: 14px 0 4px 0; color: #1b3a57; }\n"
            "p.meta { color: #555555; margin: 2px 0; }\n"
            "p.note { color: #555555; font-size: 9pt; }\n"
            "table.grid { border-collapse: collapse; border-color: #c8d3de; margin: 4px 0 10px 0; "
            "}\n"
            "table.grid th { background-color: #eef2f6; text-align: left; font-weight: bold; "
            "padding: 4px 6px; border: 1px solid #c8d3de; }\n"
            "table.grid td { padding: 3px 6px; border: 1px solid #c8d3de; vertical-align: top; }\n"
            "table.grid td.n, table.grid th.n { text-align: right; white-space: nowrap; }\n"
            "table.grid td.w, table.grid th.w { text-align: right; }\n"
            "table.tiles { border-collapse: collapse; }\n"
            "table.tiles td { border: 1px solid #c8d3de; padding: 6px 10px; }\n"
            ".big { font-size: 16pt; font-weight: bold; color: #1b3a57; }\n"
            ".label { font-size: 8pt; color: #555555; }\n");
    return QStringLiteral("<head>\n<meta "
                          "charset=\"utf-8\"/>\n<title>%1</title>\n<style>\n%2</style>\n</head>\n")
        .arg(repEsc(QStringLiteral("%1 - ScaleLab report")
                        .arg(QString::fromStdString(m_topology.name.empty() ? "Untitled design"
                                                                            : m_topology.name))),
             css);
}

QString ReportBuilder::sectionTitle(const QString& text, bool newPage) const
{
    return QStringLiteral("<h2%1>%2</h2>\n")
        .arg(newPage ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
             repEsc(text));
}

QString ReportBuilder::titleBlock() const
{
    QString out;
    const QString name =
        QString::fromStdString(m_topology.name.empty() ? "Untitled design" : m_topology.name);
    out += QStringLiteral("<h1>%1</h1>\n").arg(repEsc(name));
    out += QStringLiteral("<p class=\"meta\">ScaleLab report &#183; generated %1</p>\n")
               .arg(m_generated.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
    if (m_hasRun) {
        out +=
            QStringLiteral("<p class=\"meta\">Simulated %1 s (the first %2 s of warm-up excluded "
                           "from the statistics) &#183; seed %3</p>\n")
                .arg(reportNumber(repNum(m_results, "duration_s"), 0),
                     reportNumber(repNum(m_results, "warmup_s"), 0),
                     m_results.contains("seed") ? QString::fromStdString(m_results["seed"].dump())
                                                : QStringLiteral("-"));
    } else {
        out += QStringLiteral("<p class=\"meta\">Design review from queueing theory only (no "
                              "simulation run) &#183; seed in file %1</p>\n")
                   .arg(m_topology.simulation.seed);
    }
    out += QStringLiteral("<p class=\"meta\">Cost %1 per hour, %2 per month (730 h), from each "
                          "node's cost_per_hour</p>\n")
               .arg(QStringLiteral("$") + reportNumber(m_analysis.cost.perHour, 2),
                    QStringLiteral("$") + reportNumber(m_analysis.cost.perMonth, 0));
    out += provenanceLines();
    if (!m_topology.description.empty())
        out += QStringLiteral("<p>%1</p>\n").arg(repQs(m_topology.description));
    return out;
}

QString ReportBuilder::provenanceLines() const
{
    if (!m_provenance)
        return {};
    const ReportProvenance& p = *m_provenance;
    const QString what = p.fileName.isEmpty()
                             ? QStringLiteral("design (as ScaleLab saves it)")
                             : QStringLiteral("<code>%1</code>").arg(repEsc(p.fileName));
    QString out = QStringLiteral("<p class=\"meta\">ScaleLab %1 &#183; %2 SHA-256 "
                                 "<code>%3</code></p>\n")
                      .arg(repEsc(p.version), what, p.sha256);
    if (m_hasRun && !p.fileName.isEmpty() && m_results.contains("seed")) {
        // The command that gives these figures again (the run's own duration and warm-up).
        const QString file = p.fileName.contains(QLatin1Char(' '))
                                 ? QStringLiteral("\"%1\"").arg(p.fileName)
                                 : p.fileName;
        out += QStringLiteral("<p class=\"meta\">Reproduce: <code>scalelab run %1 --seed %2 "
                              "--duration %3 --warmup %4</code></p>\n")
                   .arg(repEsc(file), QString::fromStdString(m_results["seed"].dump()),
                        QString::number(repNum(m_results, "duration_s"), 'g', 12),
                        QString::number(repNum(m_results, "warmup_s"), 'g', 12));
    }
    return out;
}

QString ReportBuilder::videoSection()
{
    if (!m_video)
        return {};
    // In the PDF the poster needs most of a page: it starts one rather than leave its
    // heading alone at the foot of the diagram's.
    QString out = sectionTitle(QStringLiteral("Recorded run"), m_target == Target::TextDocument);
    if (m_target == Target::Browser)
        return out + embeddedVideoHtml(*m_video);
    const QString name = QStringLiteral("video-poster.png");
    m_images[name] = m_video->poster;
    return out + embeddedVideoHtml(*m_video, name);
}

QString ReportBuilder::picture(const QString& name, const QString& svg, int width, int height)
{
    if (m_target == Target::Browser)
        return QStringLiteral("<figure>\n%1</figure>\n").arg(svg);
    // QTextDocument shows no SVG: rasterise at 3x so print stays sharp.
    constexpr int kOversample = 3;
    QImage image(width * kOversample, height * kOversample, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QSvgRenderer renderer(svg.toUtf8());
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    m_images[name] = image;
    // The PDF text is about 670 units wide (178 mm at 96 units per inch).
    const double fit = std::min(1.0, kPdfTextWidth / width);
    return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>\n")
        .arg(name)
        .arg(qRound(width * fit))
        .arg(qRound(height * fit));
}

QString ReportBuilder::diagramSection()
{
    QString out = sectionTitle(QStringLiteral("Diagram"));
    if (m_topology.nodes.empty())
        return out + QStringLiteral("<p>The design has no components.</p>\n");
    if (m_target == Target::Browser) {
        QString svg = QString::fromUtf8(diagramSvg(m_topology));
        // Inline in HTML: drop the XML prolog, let the picture shrink with the page.
        const auto start = svg.indexOf(QStringLiteral("<svg"));
        if (start > 0)
            svg = svg.mid(start);
        svg.replace(
            QRegularExpression(QStringLiteral("<svg([^>]*?) width=\"[^\"]*\" height=\"[^\"]*\"")),
            QStringLiteral("<svg\\1 width=\"100%\" style=\"max-height: 560px\""));
        out += QStringLiteral("<figure>\n%1</figure>\n").arg(svg);
    } else {
        const QImage image = diagramImage(m_topology, 3.0);
        const double aspect = image.height() / std::max(1.0, double(image.width()));
        int width = 640;
        int height = static_cast<int>(width * aspect);
        if (height > 560) {
            height = 560;
            width = static_cast<int>(height / aspect);
        }
        m_images[QStringLiteral("diagram")] = image;
        out += QStringLiteral(
                   "<p align=\"center\"><img src=\"diagram\" width=\"%1\" height=\"%2\"/></p>\n")
                   .arg(width)
                   .arg(height);
    }
    out +=
        QStringLiteral("<p class=\"note\">Arrows point the way requests travel; answers come "
                       "back over the same links. The shaded area is the private network.</p>\n");
    return out;
}

QString ReportBuilder::summarySection() const
{
    const RJson& latency = repSub(m_results, "latency_ms");
    const RJson& requests = repSub(m_results, "requests");
    const RJson& data = repSub(m_results, "data");
    QString out = sectionTitle(QStringLiteral("Summary"), m_target == Target::TextDocument);
    const auto tile = [](const QString& value, const QString& label) {
        return QStringLiteral("<td width=\"20%\"><span class=\"big\">%1</span><br/>"
                              "<span class=\"label\">%2</span></td>")
            .arg(value, label);
    };
    out += QStringLiteral("<table class=\"tiles\" border=\"1\" cellspacing=\"0\" cellpadding=\"6\" "
                          "width=\"100%\"><tr>");
    out += tile(reportNumber(repNum(m_results, "throughput_rps"), 1),
                QStringLiteral("throughput (req/s)"));
    out += tile(reportMs(repNum(latency, "p99")), QStringLiteral("p99 latency (ms)"));
    out += tile(repPercent(repNum(m_results, "availability"), 3), QStringLiteral("availability"));
    out += tile(reportNumber(repNum(data, "lost_writes"), 0), QStringLiteral("lost writes"));
    out += tile(reportNumber(repNum(data, "stale_reads"), 0), QStringLiteral("stale reads"));
    out += QStringLiteral("</tr></table>\n");
    out += confidenceParagraph();

    out += QStringLiteral("<h3>Latency (ms), measured end to end at the clients</h3>\n");
    out += repTableOpen();
    out += repRow({QStringLiteral("class"), QStringLiteral("#requests"), QStringLiteral("#mean"),
                   QStringLiteral("#p50"), QStringLiteral("#p90"), QStringLiteral("#p95"),
                   QStringLiteral("#p99"), QStringLiteral("#p99.9"), QStringLiteral("#max")},
                  true);
    const auto latencyRow = [&](const QString& name, double count, const RJson& l) {
        return repRow({name, QLatin1Char('#') + reportNumber(count, 0),
                       QLatin1Char('#') + reportMs(repNum(l, "mean")),
                       QLatin1Char('#') + reportMs(repNum(l, "p50")),
                       QLatin1Char('#') + reportMs(repNum(l, "p90")),
                       QLatin1Char('#') + reportMs(repNum(l, "p95")),
                       QLatin1Char('#') + reportMs(repNum(l, "p99")),
                       QLatin1Char('#') + reportMs(repNum(l, "p999")),
                       QLatin1Char('#') + reportMs(repNum(l, "max"))});
    };
    out += latencyRow(QStringLiteral("all"), repNum(requests, "completed"), latency);
    // Every finished request, a failed one counted as slower than any answer: a figure
    // that falls among the failed requests reads "failed" (latency_all_ms is null there).
    const RJson& latencyAll = repSub(m_results, "latency_all_ms");
    const double failed = repNum(requests, "failed");
    if (!latencyAll.empty() && failed > 0) {
        const auto cell = [&](const char* key) {
            const double v = repNum(latencyAll, key);
            return QLatin1Char('#') + (std::isfinite(v) ? reportMs(v) : QStringLiteral("failed"));
        };
        out += repRow({QStringLiteral("all, failed included"),
                       QLatin1Char('#') + reportNumber(repNum(requests, "completed") + failed, 0),
                       cell("mean"), cell("p50"), cell("p90"), cell("p95"), cell("p99"),
                       cell("p999"), cell("max")});
    }
    const RJson& byClass = repSub(m_results, "by_class");
    for (const char* cls : {"read", "write"}) {
        const RJson& c = repSub(byClass, cls);
        if (!c.empty())
            out += latencyRow(QString::fromLatin1(cls) + QLatin1Char('s'), repNum(c, "count"),
                              repSub(c, "latency_ms"));
    }
    // Static assets only when the design has some (reports of other designs stay as they were).
    if (const RJson& s = repSub(byClass, "static"); !s.empty() && repNum(s, "count") > 0)
        out += latencyRow(QStringLiteral("static assets"), repNum(s, "count"),
                          repSub(s, "latency_ms"));
    out += QStringLiteral("</table>\n");

    out += QStringLiteral("<h3>Requests</h3>\n");
    out += repTableOpen();
    out += repRow({QStringLiteral("generated"), QStringLiteral("completed"),
                   QStringLiteral("failed"), QStringLiteral("#retries"),
                   QStringLiteral("failed by reason (share of finished requests)")},
                  true);
    // What share failed and why: the reasons as shares of every finished request.
    const double finished = repNum(requests, "completed") + repNum(requests, "failed");
    QStringList reasons;
    for (const auto& [reason, count] : repSub(requests, "by_reason").items())
        if (count.is_number() && count.get<double>() > 0)
            reasons << QStringLiteral("%1: %2 (%3)")
                           .arg(repQs(reason), reportNumber(count.get<double>(), 0),
                                repPercent(finished > 0 ? count.get<double>() / finished : kRepNaN,
                                           2));
    const double failedShare = finished > 0 ? repNum(requests, "failed") / finished : kRepNaN;
    out +=
        repRow({QLatin1Char('#') + reportNumber(repNum(requests, "generated"), 0),
                QLatin1Char('#') + reportNumber(repNum(requests, "completed"), 0),
                QLatin1Char('#') + reportNumber(repNum(requests, "failed"), 0) +
                    QStringLiteral(" (") + repPercent(failedShare, 2) + QLatin1Char(')'),
                QLatin1Char('#') + reportNumber(repNum(requests, "retries"), 0),
                reasons.isEmpty() ? QStringLiteral("none") : reasons.join(QStringLiteral(", "))});
    out += QStringLiteral("</table>\n");
    return out;
}

QString ReportBuilder::goalsSection() const
{
    if (m_topology.goals.empty())
        return {};
    QString out = sectionTitle(QStringLiteral("Goals"));
    out += repTableOpen();
    out += repRow({QStringLiteral("goal"), QStringLiteral("#target"), QStringLiteral("#measured"),
                   QStringLiteral("verdict")},
                  true);
    // The verdicts the run's document carries (resultsWithGoals checked the typed results).
    const nlohmann::json goals = m_results.value("goals", nlohmann::json::array());
    for (const auto& g : goals) {
        const nlohmann::json& actual = g.value("actual", nlohmann::json());
        out +=
            repRow({repEsc(repStr(g, "name")),
                    QLatin1Char('#') + reportNumber(repNum(g, "target"), 3)
                                           .remove(QRegularExpression(QStringLiteral("\\.?0+$"))),
                    QLatin1Char('#') + (actual.is_number() ? reportNumber(actual.get<double>(), 3)
                                                           : QStringLiteral("-")),
                    g.value("met", false)
                        ? QStringLiteral("<span style=\"color:#1e8449\"><b>met</b></span>")
                        : QStringLiteral("<span style=\"color:#c0392b\"><b>missed</b></span>")});
    }
    out += QStringLiteral("</table>\n");
    return out;
}

namespace {
// The kind as the palette names it ("Load balancer"), asked of the registry.
QString kindLabel(const std::string& kind)
{
    const core::KindSpec* spec = core::KindRegistry::instance().find(kind);
    return repQs(spec ? spec->displayName : kind);
}

// The label table's verb for a known event id; the id, spaced, for one from elsewhere.
QString eventLabel(const QString& id)
{
    if (const auto kind = core::sim::eventKindFromString(id.toStdString()))
        return QString::fromLatin1(core::sim::eventInfo(*kind).verb);
    return QString(id).replace(QLatin1Char('_'), QLatin1Char(' '));
}
} // namespace

QString ReportBuilder::eventsSection() const
{
    QString out = sectionTitle(QStringLiteral("Events"));
    if (!m_results.contains("events") || !m_results["events"].is_array() ||
        m_results["events"].empty())
        return out + QStringLiteral("<p>Nothing happened to any node during the run.</p>\n");
    out += repTableOpen();
    out += repRow({QStringLiteral("#time (s)"), QStringLiteral("event"), QStringLiteral("node"),
                   QStringLiteral("detail")},
                  true);
    int shown = 0;
    const int total = static_cast<int>(m_results["events"].size());
    for (const auto& e : m_results["events"]) {
        if (++shown > 200)
            break;
        out += repRow({QLatin1Char('#') + reportNumber(repNum(e, "t_s"), 2),
                       repEsc(eventLabel(repStr(e, "type"))), repEsc(repStr(e, "node")),
                       repEsc(repStr(e, "detail"))});
    }
    out += QStringLiteral("</table>\n");
    if (total > 200)
        out += QStringLiteral("<p class=\"note\">The first 200 of %1 events.</p>\n").arg(total);
    return out;
}

QString ReportBuilder::poolsParagraph() const
{
    // Pools: how many instances the estimate needs beside the mean the run kept serving.
    QStringList parts;
    const RJson& nodes = repSub(m_results, "nodes");
    for (const auto& e : m_analysis.nodes) {
        const core::Node* node = m_topology.findNode(e.id);
        if (!node || e.instances <= 0 || (e.instances == 1 && !node->flag("autoscale")))
            continue;
        QString part = QStringLiteral("<b>%1</b>: %2 instance%3")
                           .arg(repNodeName(m_topology, e.id))
                           .arg(e.instances)
                           .arg(e.instances == 1 ? QString() : QStringLiteral("s"));
        if (node->flag("autoscale"))
            part += QStringLiteral(" (autoscaled, %1&#8211;%2)")
                        .arg(node->integer("min_instances"))
                        .arg(node->integer("max_instances"));
        if (m_hasRun)
            part += QStringLiteral(", %1 serving on average in the run")
                        .arg(reportNumber(
                            repNum(repSub(nodes, e.id.str().c_str()), "instances_mean"), 2));
        parts << part;
    }
    if (parts.isEmpty())
        return {};
    return QStringLiteral("<p>Pools (estimate at this load): %1.</p>\n")
        .arg(parts.join(QStringLiteral("; ")));
}

QString ReportBuilder::comparisonSection() const
{
    QString out = sectionTitle(m_hasRun ? QStringLiteral("Analysis and simulation per node")
                                        : QStringLiteral("Queueing estimates per node"),
                               m_target == Target::TextDocument && m_hasRun);
    const RJson& nodes = repSub(m_results, "nodes");
    const double measured = repNum(m_results, "duration_s") - repNum(m_results, "warmup_s");
    out += repTableOpen();
    // Estimate and measurement side by side in one cell ("est. / sim."): six columns
    // stay legible on an A4 page where eleven did not.
    if (m_hasRun)
        out += repRow({QStringLiteral("node"), QStringLiteral("~arrivals (req/s)"),
                       QStringLiteral("~utilization"), QStringLiteral("~mean wait (ms)"),
                       QStringLiteral("~mean response (ms)"), QStringLiteral("#up")},
                      true, {16, 18, 22, 16, 18, 10});
    else
        out += repRow({QStringLiteral("node"), QStringLiteral("#req/s"), QStringLiteral("#servers"),
                       QStringLiteral("#service (ms)"), QStringLiteral("#utilization"),
                       QStringLiteral("#wait (ms)"), QStringLiteral("#response (ms)")},
                      true);
    const auto pair = [](const QString& estimate, const QString& simulated) {
        return QStringLiteral("~%1 / %2").arg(estimate, simulated);
    };
    for (const auto& e : m_analysis.nodes) {
        if (e.source)
            continue;
        // The name the canvas shows; the id beside the kind, as the JSON keys the node.
        const QString id = repNodeId(m_topology, e.id);
        const QString name = QStringLiteral("%1<br/><span class=\"label\">%2%3</span>")
                                 .arg(repNodeName(m_topology, e.id), kindLabel(e.kind),
                                      id.isEmpty() ? QString() : QStringLiteral(" &#183; ") + id);
        const QString util = e.stable
                                 ? repPercent(e.utilization, 1)
                                 : repPercent(e.utilization, 0) + QStringLiteral(" (saturated)");
        if (m_hasRun) {
            const RJson& s = repSub(nodes, e.id.str().c_str());
            out += repRow(
                {name,
                 pair(reportNumber(e.arrivalRps, 1),
                      reportNumber(measured > 0 ? repNum(s, "arrivals") / measured : kRepNaN, 1)),
                 pair(util,
                      repPercent(repNum(s, "utilization"), 1) + utilizationInterval(e.id.str())),
                 pair(reportMs(e.meanWaitMs), reportMs(repNum(s, "mean_wait_ms"))),
                 pair(reportMs(e.meanResponseMs), reportMs(repNum(s, "mean_response_ms"))),
                 QLatin1Char('#') + repPercent(repNum(s, "up_fraction"), 1)});
        } else {
            out += repRow({name, QLatin1Char('#') + reportNumber(e.arrivalRps, 1),
                           QLatin1Char('#') + QString::number(e.servers),
                           QLatin1Char('#') + reportMs(e.serviceMs), QLatin1Char('#') + util,
                           QLatin1Char('#') + reportMs(e.meanWaitMs),
                           QLatin1Char('#') + reportMs(e.meanResponseMs)});
        }
    }
    out += QStringLiteral("</table>\n");
    out += poolsParagraph();
    const auto ms = [](const std::optional<double>& v) {
        if (!v)
            return QStringLiteral("-");
        return std::isfinite(*v) ? reportMs(*v) + QStringLiteral(" ms")
                                 : QStringLiteral("unbounded");
    };
    if (m_analysis.endToEndMeanMs && !std::isfinite(*m_analysis.endToEndMeanMs))
        out += QStringLiteral("<p>Estimated end-to-end latency: unbounded, a node on the path is "
                              "saturated and its queue grows for as long as the load lasts. ");
    else
        out += QStringLiteral("<p>Estimated end-to-end latency: mean %1, reads %2, writes %3 "
                              "(links counted both ways). ")
                   .arg(ms(m_analysis.endToEndMeanMs), ms(m_analysis.endToEndReadMs),
                        ms(m_analysis.endToEndWriteMs));
    if (m_analysis.bottleneck)
        out += (m_analysis.maxScale >= 1
                    ? QStringLiteral("Bottleneck: <b>%1</b>; the client rates can grow %2&#215; "
                                     "before it saturates.")
                    : QStringLiteral("Bottleneck: <b>%1</b>, saturated: the client rates would "
                                     "have to drop to %2&#215; for it to keep up."))
                   .arg(repNodeName(m_topology, *m_analysis.bottleneck),
                        reportNumber(m_analysis.maxScale, 2));
    out += QStringLiteral("</p>\n");
    if (m_hasRun)
        out += QStringLiteral("<p class=\"note\">Each cell: queueing estimate / simulation.</p>\n");
    out +=
        QStringLiteral("<p class=\"note\">Estimates treat every node as an M/M/c queue (Erlang C; "
                       "Allen-Cunneen for non-exponential service) fed by the flows of the "
                       "initial parameters%1.</p>\n")
            .arg(m_hasRun ? QStringLiteral("; the scenario's failures and changes, timeouts and "
                                           "queue limits move the simulation away from them")
                          : QString());
    return out;
}

QString ReportBuilder::findingsSection() const
{
    QString out = sectionTitle(QStringLiteral("Findings and what to try next"));
    struct Item {
        core::Severity severity;
        core::NodeId node; ///< empty for the whole design
        QString text;
        QString remedy;
    };
    std::vector<Item> items;
    if (m_hasRun) {
        const double availability = repNum(m_results, "availability");
        if (std::isfinite(availability) && availability < 0.999)
            items.push_back(
                {availability < 0.99 ? core::Severity::Error : core::Severity::Warning,
                 {},
                 QStringLiteral("Availability was %1: %2 of %3 requests failed.")
                     .arg(repPercent(availability, 3),
                          reportNumber(repNum(repSub(m_results, "requests"), "failed"), 0),
                          reportNumber(repNum(repSub(m_results, "requests"), "generated"), 0)),
                 {}});
        const double lost = repNum(repSub(m_results, "data"), "lost_writes");
        if (lost > 0)
            items.push_back(
                {core::Severity::Warning,
                 {},
                 QStringLiteral("%1 acknowledged writes were lost: they had not reached a "
                                "replica when its master failed. Try a shorter "
                                "replication lag.")
                     .arg(reportNumber(lost, 0)),
                 {}});
        const double stale = repNum(repSub(m_results, "data"), "stale_reads");
        if (stale > 0)
            items.push_back({core::Severity::Info,
                             {},
                             QStringLiteral("%1 reads returned stale data from a lagging replica.")
                                 .arg(reportNumber(stale, 0)),
                             {}});
        // Sessions: users who had to log in again, and sessions a failed server took along.
        const RJson& sessions = repSub(m_results, "sessions");
        const double misses = repNum(sessions, "misses");
        const double lostSessions = repNum(sessions, "lost");
        if (lostSessions > 0)
            items.push_back(
                {core::Severity::Warning,
                 {},
                 QStringLiteral("%1 sessions were lost with the servers that held them: "
                                "those users were logged out.")
                     .arg(reportNumber(lostSessions, 0)),
                 QStringLiteral("keep the web tier stateless: session_state shared "
                                "with a session link to a cache or a NoSQL database")});
        if (misses > 0)
            items.push_back({core::Severity::Info,
                             {},
                             QStringLiteral("%1 requests found no session on their server and "
                                            "logged in again (login_ms each).")
                                 .arg(reportNumber(misses, 0)),
                             {}});
    }
    for (const auto& f : m_analysis.findings)
        items.push_back({f.severity, f.node, QString::fromStdString(f.sentence()),
                         QString::fromStdString(f.remedy)});
    if (items.empty())
        return out + QStringLiteral("<p>Nothing to point out.</p>\n");
    out += repTableOpen();
    out += repRow({QStringLiteral("severity"), QStringLiteral("node"), QStringLiteral("finding")},
                  true);
    QStringList next;
    for (const auto& item : items) {
        // Named as on the canvas, as the sentences name it; the id under it for the JSON.
        const core::Node* node = m_topology.findNode(item.node);
        const QString name = QString::fromStdString(node ? node->displayName() : item.node.str());
        const QString id = repNodeId(m_topology, item.node);
        out += repRow(
            {repSeverityBadge(item.severity),
             repEsc(name) + (id.isEmpty()
                                 ? QString()
                                 : QStringLiteral("<br/><span class=\"label\">%1</span>").arg(id)),
             repEsc(item.text)});
        if (!item.remedy.isEmpty()) {
            QString step = item.remedy;
            step[0] = step[0].toUpper();
            const QString line = name.isEmpty() ? step : QStringLiteral("%1 (%2)").arg(step, name);
            if (!next.contains(line))
                next << line;
        }
    }
    out += QStringLiteral("</table>\n");
    if (!next.isEmpty()) {
        out += QStringLiteral("<h3>What to try next</h3>\n<ol>\n");
        for (const auto& line : next)
            out += QStringLiteral("<li>%1</li>\n").arg(repEsc(line));
        out += QStringLiteral("</ol>\n");
    }
    return out;
}

QString ReportBuilder::footer() const
{
    QString engine;
    const RJson& e = repSub(m_results, "engine");
    if (!e.empty())
        engine =
            QStringLiteral(" &#183; %1 events simulated in %2 s")
                .arg(reportNumber(repNum(e, "events"), 0), reportNumber(repNum(e, "wall_s"), 2));
    return QStringLiteral(
               "<p class=\"note\" style=\"margin-top: 24px\">Generated by ScaleLab %1%2.</p>\n")
        .arg(QStringLiteral(SCALELAB_VERSION), engine);
}

} // namespace scalelab::gui
