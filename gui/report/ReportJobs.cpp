#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportHelpers.h"

// The "Jobs" section: what the message queues took, finished and refused, with the
// queueing estimate of each queue's job latency beside the measured one.

namespace scalelab::gui {

using namespace report_detail;

QString ReportBuilder::jobsSection() const
{
    const RJson& jobs = repSub(m_results, "jobs");
    if (jobs.empty())
        return {};
    QString out = sectionTitle(QStringLiteral("Jobs (message queues)"));
    const RJson& latency = repSub(jobs, "latency_ms");
    out += repTableOpen();
    out += repRow({QStringLiteral("#published"), QStringLiteral("#completed"),
                   QStringLiteral("#dropped (queue full)"), QStringLiteral("#failed"),
                   QStringLiteral("#most waiting"), QStringLiteral("#mean ms"),
                   QStringLiteral("#p50 ms"), QStringLiteral("#p99 ms"), QStringLiteral("#max ms")},
                  true);
    out += repRow({QLatin1Char('#') + reportNumber(repNum(jobs, "published"), 0),
                   QLatin1Char('#') + reportNumber(repNum(jobs, "completed"), 0),
                   QLatin1Char('#') + reportNumber(repNum(jobs, "dropped"), 0),
                   QLatin1Char('#') + reportNumber(repNum(jobs, "failed"), 0),
                   QLatin1Char('#') + reportNumber(repNum(jobs, "backlog_max"), 0),
                   QLatin1Char('#') + reportMs(repNum(latency, "mean")),
                   QLatin1Char('#') + reportMs(repNum(latency, "p50")),
                   QLatin1Char('#') + reportMs(repNum(latency, "p99")),
                   QLatin1Char('#') + reportMs(repNum(latency, "max"))});
    out += QStringLiteral("</table>\n");

    QString estimates;
    for (const core::NodeEstimate& e : m_analysis.nodes) {
        if (!e.jobs)
            continue;
        const core::JobEstimate& j = *e.jobs;
        estimates +=
            repRow({repNodeName(m_topology, e.id), QLatin1Char('#') + reportNumber(j.arrivalRps, 1),
                    QLatin1Char('#') + reportNumber(static_cast<double>(j.threads), 0),
                    QLatin1Char('#') + repPercent(j.utilization, 0),
                    QLatin1Char('#') + reportMs(j.meanWaitMs),
                    QLatin1Char('#') + reportMs(j.meanLatencyMs),
                    QLatin1Char('#') +
                        (j.dropFraction ? repPercent(*j.dropFraction, 2) : QStringLiteral("-"))});
    }
    if (!estimates.isEmpty()) {
        out += QStringLiteral("<h3>Queueing estimate (the backlog and the workers' threads as "
                              "one M/M/c queue)</h3>\n");
        out += repTableOpen();
        out +=
            repRow({QStringLiteral("queue"), QStringLiteral("#jobs/s"), QStringLiteral("#threads"),
                    QStringLiteral("#busy"), QStringLiteral("#wait ms"),
                    QStringLiteral("#latency ms"), QStringLiteral("#dropped")},
                   true);
        out += estimates + QStringLiteral("</table>\n");
    }
    return out;
}

} // namespace scalelab::gui
