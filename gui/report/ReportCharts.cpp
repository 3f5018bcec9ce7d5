#include <cmath>

#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportHelpers.h"
#include "gui/report/SvgChart.h"

// The "Over time" section: throughput, latency percentiles, errors and utilization,
// with the run's failures and changes marked on the time axis.

namespace scalelab::gui {

using namespace report_detail;

QString ReportBuilder::chartsSection()
{
    const RJson& ts = repSub(m_results, "timeseries");
    const std::vector<double> t = repSeries(ts, "t_s");
    QString out = sectionTitle(QStringLiteral("Over time"));
    if (t.empty())
        return out + QStringLiteral("<p>The run recorded no time series.</p>\n");
    const double interval =
        std::isfinite(repNum(ts, "interval_s")) ? repNum(ts, "interval_s") : 1.0;
    std::vector<std::pair<double, QString>> markers;
    if (m_results.contains("events") && m_results["events"].is_array())
        for (const auto& e : m_results["events"]) {
            const QString type = repStr(e, "type");
            // Only the events a reader looks for on a chart: failures, recoveries, promotions.
            if (type.contains(QStringLiteral("fail")) || type.contains(QStringLiteral("recover")) ||
                type.contains(QStringLiteral("promot")) || type.contains(QStringLiteral("set")))
                markers.emplace_back(repNum(e, "t_s"), repStr(e, "node"));
        }
    if (markers.size() > 8)
        markers.resize(8);

    LineChartSpec throughput;
    throughput.title = QStringLiteral("Throughput");
    throughput.xLabel = QStringLiteral("simulated time (s)");
    throughput.yLabel = QStringLiteral("completed requests / s");
    throughput.x = t;
    throughput.series.push_back(
        {QStringLiteral("throughput"), QColor(0x2a, 0x7a, 0xb0), repSeries(ts, "throughput_rps")});
    throughput.markers = markers;
    out += picture(QStringLiteral("chart-throughput"), lineChartSvg(throughput), throughput.width,
                   throughput.height);

    LineChartSpec latency = throughput;
    latency.title = QStringLiteral("Latency percentiles");
    latency.yLabel = QStringLiteral("latency (ms)");
    latency.series = {{QStringLiteral("p50"), QColor(0x2a, 0x9d, 0x8f), repSeries(ts, "p50_ms")},
                      {QStringLiteral("p99"), QColor(0xe7, 0x6f, 0x51), repSeries(ts, "p99_ms")}};
    out += picture(QStringLiteral("chart-latency"), lineChartSvg(latency), latency.width,
                   latency.height);

    LineChartSpec errors = throughput;
    errors.title = QStringLiteral("Errors");
    errors.yLabel = QStringLiteral("failed requests / s");
    std::vector<double> perSecond = repSeries(ts, "errors");
    for (double& v : perSecond)
        v /= interval;
    errors.series = {{QStringLiteral("errors"), QColor(0xc0, 0x39, 0x2b), perSecond}};
    out +=
        picture(QStringLiteral("chart-errors"), lineChartSvg(errors), errors.width, errors.height);

    // Utilization: over time when the run recorded it per node, else per node.
    const RJson& utilSeries = repSub(ts, "utilization");
    if (!utilSeries.empty()) {
        LineChartSpec util = throughput;
        util.title = QStringLiteral("Utilization");
        util.yLabel = QStringLiteral("busy servers (%)");
        static const QColor palette[] = {QColor(0x2a, 0x7a, 0xb0), QColor(0xe7, 0x6f, 0x51),
                                         QColor(0x2a, 0x9d, 0x8f), QColor(0x8e, 0x44, 0xad),
                                         QColor(0xd4, 0xac, 0x0d), QColor(0x7f, 0x8c, 0x8d)};
        std::size_t k = 0;
        for (const auto& [id, values] : utilSeries.items()) {
            std::vector<double> v;
            for (const auto& x : values)
                v.push_back(x.is_number() ? x.get<double>() * 100 : kRepNaN);
            util.series.push_back({QString::fromStdString(id), palette[k++ % 6], v});
        }
        out += picture(QStringLiteral("chart-utilization"), lineChartSvg(util), util.width,
                       util.height);
    } else {
        BarChartSpec util;
        util.title = QStringLiteral("Utilization by node");
        util.yLabel = QStringLiteral("busy servers (%)");
        util.referenceLine = 80;
        util.referenceLabel = QStringLiteral("80 %");
        ChartSeries sim{QStringLiteral("simulated"), QColor(0x2a, 0x7a, 0xb0), {}};
        ChartSeries est{QStringLiteral("queueing estimate"), QColor(0xa9, 0xc6, 0xde), {}};
        const RJson& nodes = repSub(m_results, "nodes");
        for (const auto& e : m_analysis.nodes) {
            if (e.source)
                continue;
            const core::Node* node = m_topology.findNode(e.id); // named as on the canvas
            util.categories << QString::fromStdString(node ? node->displayName() : e.id.str());
            sim.values.push_back(repNum(repSub(nodes, e.id.str().c_str()), "utilization") * 100);
            est.values.push_back(e.utilization * 100);
        }
        util.series = {sim, est};
        out += picture(QStringLiteral("chart-utilization"), barChartSvg(util), util.width,
                       util.height);
    }
    if (ts.contains("backlog")) {
        LineChartSpec backlog = throughput;
        backlog.title = QStringLiteral("Message queue backlog");
        backlog.yLabel = QStringLiteral("jobs waiting");
        backlog.series = {
            {QStringLiteral("backlog"), QColor(0x7c, 0x3a, 0xed), repSeries(ts, "backlog")}};
        out += picture(QStringLiteral("chart-backlog"), lineChartSvg(backlog), backlog.width,
                       backlog.height);
    }
    // Autoscaled pools: their serving instances over time, beside the load they follow.
    const RJson& instanceSeries = repSub(ts, "instances");
    if (!instanceSeries.empty()) {
        LineChartSpec pools = throughput;
        pools.title = QStringLiteral("Instances");
        pools.yLabel = QStringLiteral("serving instances");
        static const QColor palette[] = {QColor(0x2a, 0x7a, 0xb0), QColor(0x2a, 0x9d, 0x8f),
                                         QColor(0xe7, 0x6f, 0x51), QColor(0x8e, 0x44, 0xad)};
        std::size_t k = 0;
        for (const auto& [id, values] : instanceSeries.items()) {
            std::vector<double> v;
            for (const auto& x : values)
                v.push_back(x.is_number() ? x.get<double>() : kRepNaN);
            pools.series.push_back({QString::fromStdString(id), palette[k++ % 4], v});
        }
        out += picture(QStringLiteral("chart-instances"), lineChartSvg(pools), pools.width,
                       pools.height);
    }
    if (!markers.empty())
        out += QStringLiteral("<p class=\"note\">Dashed red lines mark failures, recoveries, "
                              "promotions and parameter changes (see the events below).</p>\n");
    return out;
}

} // namespace scalelab::gui
