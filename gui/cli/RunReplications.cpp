#include "gui/cli/RunReplications.h"

#include <cmath>
#include <cstdio>
#include <unistd.h>

#include <QStringList>

#include "gui/cli/CommonOptions.h"

namespace scalelab::gui::cli {

namespace run_replications_detail {

// "12000.3 ± 12.1"; the interval is left out with one replication.
QString plusMinus(const core::experiment::FigureStats& s, double scale, int decimals)
{
    QString text = QString::number(s.mean * scale, 'f', decimals);
    if (std::isfinite(s.ci95))
        text += QStringLiteral(" ± ") + QString::number(s.ci95 * scale, 'f', decimals);
    return text;
}

} // namespace run_replications_detail

std::optional<core::experiment::ReplicatedRun> runReplications(const core::Topology& topology,
                                                               int replications, unsigned jobs,
                                                               const QString& file)
{
    core::experiment::ReplicationRunner runner(topology.simulation.seed, jobs);
    const bool progress = isatty(fileno(stderr)) != 0;
    const QByteArray name = file.toUtf8();
    if (progress)
        runner.setProgress([&](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rsimulating %s: replication %zu of %zu", name.constData(), done,
                         total);
            return true;
        });
    core::experiment::ReplicatedRun run =
        core::experiment::runReplicated(topology, static_cast<std::size_t>(replications), runner);
    if (progress)
        std::fputc('\n', stderr);
    if (!run.error.empty()) {
        printError(QStringLiteral("%1: error: %2").arg(file, QString::fromStdString(run.error)));
        return std::nullopt;
    }
    return run;
}

void printReplications(const core::experiment::ReplicatedRun& run, unsigned jobs)
{
    using run_replications_detail::plusMinus;
    const auto& s = run.stats;
    QStringList seeds;
    for (const auto seed : run.seeds)
        seeds << QString::number(seed);
    printOut(QString());
    printOut(QStringLiteral("across %1 replications (seeds %2; %3 at once): mean ± 95% interval")
                 .arg(s.runs())
                 .arg(seeds.join(QStringLiteral(", ")))
                 .arg(jobs == 0 ? core::experiment::ReplicationRunner::defaultThreads() : jobs));
    printOut(QStringLiteral("throughput  %1 req/s").arg(plusMinus(s.at("/throughput_rps"), 1, 1)));
    printOut(QStringLiteral("availability %1%").arg(plusMinus(s.at("/availability"), 100, 3)));
    printOut(QStringLiteral("latency ms  mean %1  p50 %2  p99 %3")
                 .arg(plusMinus(s.at("/latency_ms/mean"), 1, 2),
                      plusMinus(s.at("/latency_ms/p50"), 1, 2),
                      plusMinus(s.at("/latency_ms/p99"), 1, 2)));
    QStringList nodes;
    for (const auto& n : run.first.nodes)
        nodes << QStringLiteral("%1 %2%").arg(
            QString::fromStdString(n.id),
            plusMinus(s.at("/nodes/" + core::experiment::pointerToken(n.id) + "/utilization"), 100,
                      1));
    if (!nodes.isEmpty())
        printOut(QStringLiteral("utilization ") + nodes.join(QStringLiteral(", ")));
}

} // namespace scalelab::gui::cli
