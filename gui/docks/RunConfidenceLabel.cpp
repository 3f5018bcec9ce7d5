#include "gui/docks/RunConfidenceLabel.h"

#include <cmath>

#include "core/sim/Results.h"

namespace scalelab::gui {

namespace {

QString plusMinus(double value, double half, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (std::isfinite(half))
        text += QStringLiteral(" \u00b1 ") + QString::number(half, 'f', decimals);
    return text;
}

} // namespace

RunConfidenceLabel::RunConfidenceLabel(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("RunConfidence"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setMargin(4);
    hide();
}

void RunConfidenceLabel::setResults(const core::sim::RunResults& results)
{
    // A figure is only as good as its interval: show both, and what the run warns about.
    const double mean = results.latency.mean;
    QString text = tr("<b>Run</b> throughput %1 req/s &middot; mean latency %2 ms "
                      "<i>(\u00b1 95% intervals, batch means)</i>")
                       .arg(plusMinus(results.throughputRps, results.ci95.throughputRps, 1),
                            plusMinus(mean, results.ci95.latencyMeanMs, mean < 10 ? 2 : 1));
    for (const std::string& w : results.warnings)
        text += QStringLiteral("<br><span style='color:#b45309'>\u26a0 %1</span>")
                    .arg(QString::fromStdString(w).toHtmlEscaped());
    setText(text);
    show();
}

void RunConfidenceLabel::clearResults()
{
    clear();
    hide();
}

QString utilizationWithInterval(double utilization, double halfWidth)
{
    if (std::isinf(utilization))
        return QStringLiteral("\u221e");
    // Below 0.05 points the interval adds nothing a reader can see at this precision.
    if (!std::isfinite(halfWidth) || halfWidth < 0.0005)
        return QStringLiteral("%1 %").arg(utilization * 100, 0, 'f', 0);
    return QStringLiteral("%1 \u00b1 %2 %")
        .arg(utilization * 100, 0, 'f', 0)
        .arg(halfWidth * 100, 0, 'f', halfWidth < 0.01 ? 1 : 0);
}

} // namespace scalelab::gui
