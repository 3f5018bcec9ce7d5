#include <cmath>

#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportHelpers.h"

// How far to trust the run's figures: the 95% intervals (batch means) of its headline
// figures and every node's utilization, and the run's warnings (an interval wider than 5%
// with the run length that would narrow it, a scenario inside the measured window, a run
// stopped early).

namespace scalelab::gui {

using namespace report_detail;

QString ReportBuilder::confidenceParagraph() const
{
    const RJson& ci = repSub(m_results, "ci95");
    const double throughput = repNum(ci, "throughput_rps");
    const double mean = repNum(repSub(ci, "latency_ms"), "mean");
    QString out;
    if (std::isfinite(throughput) || std::isfinite(mean))
        out += QStringLiteral("<p class=\"note\">95% confidence intervals (batch means over the "
                              "measured window): throughput %1 \u00b1 %2 req/s, mean latency "
                              "%3 \u00b1 %4 ms; each node's utilization interval (in percentage "
                              "points) is in the "
                              "table of nodes.</p>\n")
                   .arg(reportNumber(repNum(m_results, "throughput_rps"), 1),
                        reportNumber(throughput, 1),
                        reportMs(repNum(repSub(m_results, "latency_ms"), "mean")), reportMs(mean));
    const auto it = m_results.find("warnings");
    if (it != m_results.end() && it->is_array() && !it->empty()) {
        out += QStringLiteral("<p><b>Warnings</b></p>\n<ul>\n");
        for (const auto& w : *it)
            if (w.is_string())
                out += QStringLiteral("<li>%1</li>\n").arg(repQs(w.get<std::string>()));
        out += QStringLiteral("</ul>\n");
    }
    return out;
}

QString ReportBuilder::utilizationInterval(const std::string& node) const
{
    const RJson& nodes = repSub(repSub(m_results, "ci95"), "nodes");
    // By key, not by pointer: an id may hold '/' or '~'.
    const auto it = nodes.is_object() ? nodes.find(node) : nodes.end();
    const double half = it != nodes.end() ? repNum(*it, "utilization") : kRepNaN;
    return std::isfinite(half) ? QStringLiteral(" \u00b1 ") + reportNumber(100 * half, 1)
                               : QString();
}

} // namespace scalelab::gui
