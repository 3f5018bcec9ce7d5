#include <algorithm>

#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportHelpers.h"

// The "Shards" section: for each sharded database, each shard's share of the keys'
// requests and utilization as the analysis predicts them, beside the run's figures.

namespace scalelab::gui {

using namespace report_detail;

QString ReportBuilder::shardsSection() const
{
    QString out;
    const RJson& nodes = repSub(m_results, "nodes");
    for (const core::NodeEstimate& e : m_analysis.nodes) {
        if (e.shards.empty())
            continue;
        if (out.isEmpty())
            out += sectionTitle(QStringLiteral("Shards"));
        out += QStringLiteral("<h3>%1: %2 shards</h3>\n")
                   .arg(repNodeName(m_topology, e.id))
                   .arg(e.shards.size());
        // repSub gives objects only, and `shards` is an array: look it up directly.
        const RJson& node = repSub(nodes, e.id.str().c_str());
        static const RJson kNoRun;
        const RJson& measured = node.contains("shards") ? node.at("shards") : kNoRun;
        out += repTableOpen();
        out += repRow({QStringLiteral("#shard"), QStringLiteral("#share (est.)"),
                       QStringLiteral("#req/s (est.)"), QStringLiteral("#busy est. / sim."),
                       QStringLiteral("#resp. ms est. / sim."), QStringLiteral("#requests (sim.)")},
                      true);
        double hottest = 0;
        for (const auto& s : e.shards)
            hottest = std::max(hottest, s.share);
        for (std::size_t k = 0; k < e.shards.size(); ++k) {
            const core::ShardEstimate& s = e.shards[k];
            const bool hasRun = measured.is_array() && k < measured.size();
            const RJson& m = hasRun ? measured[k] : nlohmann::json::object();
            const QString index = s.share == hottest && e.shards.size() > 1
                                      ? QStringLiteral("<b>%1 (hot)</b>").arg(k)
                                      : QString::number(k);
            out += repRow(
                {QLatin1Char('#') + index, QLatin1Char('#') + repPercent(s.share, 1),
                 QLatin1Char('#') + reportNumber(s.arrivalRps, 1),
                 QLatin1Char('#') + repPercent(s.utilization, 0) +
                     (hasRun ? QStringLiteral(" / ") + repPercent(repNum(m, "utilization"), 0)
                             : QString()),
                 QLatin1Char('#') + reportMs(s.meanResponseMs) +
                     (hasRun ? QStringLiteral(" / ") + reportMs(repNum(m, "mean_response_ms"))
                             : QString()),
                 QLatin1Char('#') +
                     (hasRun ? reportNumber(repNum(m, "arrivals"), 0) : QStringLiteral("-"))});
        }
        out += QStringLiteral("</table>\n");
    }
    return out;
}

} // namespace scalelab::gui
