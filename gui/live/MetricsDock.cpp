#include "gui/live/MetricsDock.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QGridLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

#include "gui/live/Baseline.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

namespace {
constexpr int kBusiestShown = 4;
// The baseline run: grey, under the current curves, so the eye reads the colour as "now".
const QColor kBaselineGrey(0xa8, 0xae, 0xb8);

// A step of 1, 2 or 5 times a power of ten, at least `raw`: ticks a person reads at a
// glance (Qt's applyNiceNumbers could leave a small chart with ticks such as 6.666).
double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw * (1 - 1e-9))
            return m * power;
    return 10 * power;
}

// Time steps: whole seconds, then minutes; at most `labels` ticks (anchored at 0) between
// `lo` and `hi`, and no more than four steps across.
double timeStep(double lo, double hi, int labels)
{
    const auto ticks = [&](double step) {
        return std::floor(hi / step + 1e-9) - std::ceil(lo / step - 1e-9) + 1;
    };
    // 90 s: two labels under a narrow chart where 60 s made three ("180 240 300") and
    // 120 s one.
    for (double step : {1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 90.0, 120.0, 300.0, 600.0,
                        900.0, 1800.0, 3600.0})
        if (ticks(step) <= labels && (hi - lo) / step <= 4.0 + 1e-9) // four gaps at most
            return step;
    return niceStep((hi - lo) / std::max(1, labels - 1));
}

// How many time labels fit under a plot `plotWidth` wide: Qt Charts gives each label the
// plot's width over the number of ticks, less its padding, and elides a longer one ("1…",
// the last label of a narrow chart). Five at most, as the charts had.
int timeLabelsThatFit(const QValueAxis* axis, double plotWidth)
{
    constexpr double kPadding = 4; // what Qt Charts leaves between labels, and rounding
    if (plotWidth <= 0)
        return 5;
    const QFontMetricsF fm(axis->labelsFont());
    const double widest = std::max(fm.boundingRect(QString::asprintf("%g", axis->max())).width(),
                                   fm.boundingRect(QString::asprintf("%g", axis->min())).width());
    return std::clamp(static_cast<int>(plotWidth / (widest + kPadding)), 2, 5);
}

void fitY(QValueAxis* axis, double maxValue, double floor)
{
    // At most five ticks, on round numbers, with room above the highest point.
    const double top = std::max(floor, maxValue * 1.1);
    const double step = niceStep(top / 4);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setRange(0, step * std::ceil(top / step - 1e-9));
}
} // namespace

MetricsDock::MetricsDock(const SimulationController* controller, QWidget* parent)
    : QDockWidget(tr("Live metrics"), parent), m_controller(controller)
{
    setObjectName(QStringLiteral("MetricsDock"));
    auto* body = new QWidget(this);
    auto* grid = new QGridLayout(body);
    m_grid = grid;
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(2);
    m_failures = new QLabel(body);
    m_failures->setTextFormat(Qt::RichText);
    m_failures->setWordWrap(true);
    m_failures->hide();
    grid->addWidget(m_failures, 1, 0, 1, 5);
    m_throughput = makeChart(tr("Throughput"), tr("req/s"));
    m_latency = makeChart(tr("Latency"), tr("ms"));
    m_errors = makeChart(tr("Errors"), tr("errors/s"));
    m_utilization = makeChart(tr("Busiest nodes"), tr("utilization %"));
    m_instances = makeChart(tr("Instances"), tr("serving"));
    m_instances.chart->legend()->setAlignment(Qt::AlignRight);
    m_throughputSeries = addSeries(m_throughput, tr("completed"), live::readDot());
    m_p50 = addSeries(m_latency, tr("p50"), QColor(0x16, 0xa3, 0x4a));
    m_p95 = addSeries(m_latency, tr("p95"), QColor(0xd9, 0x77, 0x06));
    m_p99 = addSeries(m_latency, tr("p99"), live::errorDot());
    m_errorSeries = addSeries(m_errors, tr("failed"), live::errorDot());
    m_backlog = makeChart(tr("Queue backlog"), tr("jobs waiting"));
    m_backlogSeries = addSeries(m_backlog, tr("backlog"), QColor(0x7c, 0x3a, 0xed));
    m_backlog.chart->legend()->hide();
    m_throughput.chart->legend()->hide();
    m_errors.chart->legend()->hide();
    m_utilization.y->setRange(0, 100);
    // Node names need room: a chart's own legend elides them to its share of the chart
    // ("web_…"), so the busiest nodes are named in a wrapping label under their chart.
    m_utilization.chart->legend()->hide();
    // Above the plot: at the right the legend took a third of a narrow chart's width.
    m_latency.chart->legend()->setAlignment(Qt::AlignTop);
    // Its legend takes the height the time axis' title had: the tick labels read "…"
    // otherwise. The charts beside it name the axis.
    m_latency.x->setTitleVisible(false);
    auto* busiest = new QWidget(body);
    auto* busiestLayout = new QVBoxLayout(busiest);
    busiestLayout->setContentsMargins(0, 0, 0, 0);
    busiestLayout->setSpacing(0);
    m_busiestLegend = new QLabel(busiest);
    m_busiestLegend->setObjectName(QStringLiteral("BusiestLegend"));
    m_busiestLegend->setTextFormat(Qt::RichText);
    m_busiestLegend->setWordWrap(true);
    m_busiestLegend->setContentsMargins(6, 0, 4, 2);
    QFont legendFont = m_busiestLegend->font();
    legendFont.setPixelSize(10);
    m_busiestLegend->setFont(legendFont);
    busiestLayout->addWidget(m_utilization.view, 1);
    busiestLayout->addWidget(m_busiestLegend);
    grid->addWidget(m_throughput.view, 0, 0);
    grid->addWidget(m_latency.view, 0, 1);
    grid->addWidget(m_errors.view, 0, 2);
    grid->addWidget(busiest, 0, 3);
    grid->addWidget(m_backlog.view, 0, 4); // shown only for a diagram with a message queue
    m_backlog.view->hide();
    grid->addWidget(m_instances.view, 0, 5);
    m_instances.view->hide(); // until a run has an autoscaled pool
    // The busiest-nodes chart carries a legend of node ids beside its plot.
    grid->setColumnStretch(0, 10);
    grid->setColumnStretch(1, 13);
    grid->setColumnStretch(2, 10);
    grid->setColumnStretch(3, 15);
    // The backlog and instances columns take room only while their charts show (a hidden
    // chart's stretch left an empty band and squeezed the others until labels were cut).
    grid->setColumnStretch(4, 0);
    grid->setColumnStretch(5, 0);
    setWidget(body);
    clear();
}

MetricsDock::Chart MetricsDock::makeChart(const QString& title, const QString& yTitle)
{
    Chart c;
    c.chart = new QChart();
    c.chart->setTitle(title);
    QFont titleFont = c.chart->titleFont();
    titleFont.setPixelSize(12);
    titleFont.setBold(true);
    c.chart->setTitleFont(titleFont);
    c.chart->setMargins(QMargins(2, 2, 2, 2));
    c.chart->setBackgroundRoundness(0);
    c.chart->legend()->setAlignment(Qt::AlignTop);
    QFont small;
    small.setPixelSize(10);
    c.chart->legend()->setFont(small);
    c.x = new QValueAxis();
    c.y = new QValueAxis();
    for (QValueAxis* axis : {c.x, c.y}) {
        axis->setLabelsFont(small);
        QFont axisTitle = small;
        axis->setTitleFont(axisTitle);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setTickCount(5);
        axis->setGridLineColor(QColor(0xe5, 0xe7, 0xeb));
    }
    c.x->setTitleText(tr("simulated s"));
    // Ticks on whole seconds or minutes, anchored at 0, so they stay put while the window
    // of recent time slides under them; at most five labels fit a narrow chart.
    c.x->setTickType(QValueAxis::TicksDynamic);
    c.x->setTickAnchor(0);
    c.y->setTitleText(yTitle);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    // A resized chart may fit fewer (or more) time labels: measured once laid out.
    connect(
        c.chart, &QChart::plotAreaChanged, this, [c] { fitTimeTicks(c); }, Qt::QueuedConnection);
    c.view = new QChartView(c.chart);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(160, 150);
    return c;
}

QLineSeries* MetricsDock::addSeries(Chart& chart, const QString& name, const QColor& colour)
{
    auto* s = new QLineSeries();
    s->setName(name);
    s->setPen(QPen(colour, 1.6));
    chart.chart->addSeries(s);
    s->attachAxis(chart.x);
    s->attachAxis(chart.y);
    return s;
}

void MetricsDock::clear()
{
    for (QLineSeries* s : {m_throughputSeries, m_p50, m_p95, m_p99, m_errorSeries, m_backlogSeries})
        s->clear();
    m_backlog.view->hide();
    m_grid->setColumnStretch(4, 0);
    m_grid->setColumnStretch(5, 0);
    for (QLineSeries* s : m_utilSeries) {
        m_utilization.chart->removeSeries(s);
        delete s;
    }
    m_utilSeries.clear();
    m_utilNodes.clear();
    m_busiestLegend->clear();
    for (QLineSeries* s : m_instanceSeries) {
        m_instances.chart->removeSeries(s);
        delete s;
    }
    m_instanceSeries.clear();
    m_instanceNodes.clear();
    m_instances.view->hide();
    m_shownPoints = 0;
    m_failures->hide();
    followTime(0);
    fitY(m_throughput.y, m_baselineMax[0], 10);
    fitY(m_latency.y, m_baselineMax[1], 10);
    fitY(m_errors.y, m_baselineMax[2], 10);
    fitY(m_backlog.y, 0, 10);
    fitY(m_instances.y, 0, 4);
}

std::pair<double, double> MetricsDock::timeWindow(double endS, double nowS)
{
    // The whole run when it is short; else the last two minutes, sliding: the first minutes
    // of a 600 s run were a sliver of the axis.
    const double span = std::min(std::max(1.0, endS), kTimeWindowS);
    const double hi = std::max(span, nowS);
    return {hi - span, hi};
}

void MetricsDock::followTime(double nowS)
{
    const auto [lo, hi] = timeWindow(m_controller->endSeconds(), nowS);
    for (const Chart* c :
         {&m_throughput, &m_latency, &m_errors, &m_utilization, &m_backlog, &m_instances}) {
        c->x->setRange(lo, hi);
        fitTimeTicks(*c);
    }
}

void MetricsDock::fitTimeTicks(const Chart& c)
{
    const double step =
        timeStep(c.x->min(), c.x->max(), timeLabelsThatFit(c.x, c.chart->plotArea().width()));
    if (c.x->tickInterval() != step)
        c.x->setTickInterval(step);
}

int MetricsDock::pointCount() const
{
    return static_cast<int>(m_throughputSeries->count());
}

QString MetricsDock::failuresText() const
{
    return m_failures->isHidden() ? QString() : m_failures->text();
}

void MetricsDock::refreshFailures()
{
    const core::sim::Snapshot& s = m_controller->snapshot();
    const double finished = static_cast<double>(s.completed + s.failed);
    if (finished <= 0) {
        m_failures->hide();
        return;
    }
    const auto percent = [&](std::uint64_t n) {
        return QString::number(100.0 * static_cast<double>(n) / finished, 'f', 1) +
               QLatin1Char('%');
    };
    QStringList why;
    for (const auto& [reason, count] : s.failedByReason)
        why << QStringLiteral("%1 %2").arg(QString::fromStdString(reason), percent(count));
    const QString colour = s.failed == 0 ? QStringLiteral("#047857") : QStringLiteral("#b91c1c");
    QString text = tr("<span style='color:%1'><b>Failed so far: %2</b> of %3 finished requests")
                       .arg(colour, percent(s.failed), QLocale().toString(finished, 'f', 0));
    if (!why.isEmpty())
        text += QStringLiteral(" — ") + why.join(QStringLiteral(", "));
    m_failures->setText(text + QStringLiteral("</span>"));
    m_failures->show();
}

void MetricsDock::refresh()
{
    const auto& points = m_controller->chart();
    if (points.size() == m_shownPoints)
        return;
    if (points.size() < m_shownPoints)
        clear();
    m_shownPoints = points.size();
    QList<QPointF> tput, p50, p95, p99, errors;
    double maxT = 0, maxL = 0, maxE = 0;
    for (const ChartPoint& p : points) {
        tput.append({p.tS, p.throughputRps});
        p50.append({p.tS, p.p50Ms});
        p95.append({p.tS, p.p95Ms});
        p99.append({p.tS, p.p99Ms});
        errors.append({p.tS, p.errorsPerS});
        maxT = std::max(maxT, p.throughputRps);
        maxL = std::max(maxL, p.p99Ms);
        maxE = std::max(maxE, p.errorsPerS);
    }
    m_throughputSeries->replace(tput);
    m_p50->replace(p50);
    m_p95->replace(p95);
    m_p99->replace(p99);
    m_errorSeries->replace(errors);
    followTime(points.empty() ? 0 : points.back().tS);
    fitY(m_throughput.y, std::max(maxT, m_baselineMax[0]), 10);
    fitY(m_latency.y, std::max(maxL, m_baselineMax[1]), 10);
    fitY(m_errors.y, std::max(maxE, m_baselineMax[2]), 10);
    refreshUtilization();
    refreshBacklog();
    refreshInstances();
    refreshFailures();
}

bool MetricsDock::backlogShown() const
{
    return !m_backlog.view->isHidden();
}

int MetricsDock::backlogPointCount() const
{
    return static_cast<int>(m_backlogSeries->count());
}

void MetricsDock::refreshBacklog()
{
    const auto& points = m_controller->chart();
    if (points.empty() || !points.back().hasJobs)
        return;
    QList<QPointF> backlog;
    backlog.reserve(static_cast<qsizetype>(points.size()));
    double maxB = 0;
    for (const ChartPoint& p : points) {
        backlog.append({p.tS, p.backlog});
        maxB = std::max(maxB, p.backlog);
    }
    m_backlogSeries->replace(backlog);
    fitY(m_backlog.y, maxB, 10);
    m_backlog.view->show();
    m_grid->setColumnStretch(4, 10);
}

void MetricsDock::refreshUtilization()
{
    const auto& points = m_controller->chart();
    const core::Topology* topology = m_controller->simTopology();
    if (points.empty() || !topology)
        return;
    // The busiest nodes over the run so far, by mean utilization.
    const std::size_t n = points.back().utilization.size();
    std::vector<double> mean(n, 0.0);
    for (const ChartPoint& p : points)
        for (std::size_t i = 0; i < n && i < p.utilization.size(); ++i)
            mean[i] += p.utilization[i];
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return mean[a] > mean[b]; });
    order.resize(std::min<std::size_t>(kBusiestShown, n));
    std::erase_if(order, [&](std::size_t i) { return mean[i] <= 0; });
    if (order != m_utilNodes || m_utilSeries.size() != order.size()) {
        for (QLineSeries* s : m_utilSeries) {
            m_utilization.chart->removeSeries(s);
            delete s;
        }
        m_utilSeries.clear();
        for (QLineSeries* s : m_baselineUtil) {
            m_utilization.chart->removeSeries(s);
            delete s;
        }
        m_baselineUtil.clear();
        // The baseline's curve of each node shown, by id, added first so it lies underneath.
        if (m_baseline)
            for (std::size_t k : order) {
                const std::string& id = topology->nodes[k].id.str();
                const auto at =
                    std::find(m_baseline->nodeIds.begin(), m_baseline->nodeIds.end(), id);
                if (at == m_baseline->nodeIds.end())
                    continue;
                const auto column = static_cast<std::size_t>(at - m_baseline->nodeIds.begin());
                QLineSeries* s = addBaselineSeries(m_utilization, QString(), Qt::SolidLine);
                QList<QPointF> series;
                for (const ChartPoint& p : m_baseline->chart)
                    if (column < p.utilization.size())
                        series.append({p.tS, 100.0 * p.utilization[column]});
                s->replace(series);
                m_baselineUtil.push_back(s);
            }
        const QColor colours[kBusiestShown] = {QColor(0xdc, 0x26, 0x26), QColor(0xd9, 0x77, 0x06),
                                               QColor(0x25, 0x63, 0xeb), QColor(0x7c, 0x3a, 0xed)};
        QStringList names;
        for (std::size_t k = 0; k < order.size(); ++k) {
            // The name the canvas shows, not the id ("web_server-2").
            const core::Node& node = topology->nodes[order[k]];
            const QString id =
                QString::fromStdString(node.name.empty() ? node.id.str() : node.name);
            m_utilSeries.push_back(addSeries(m_utilization, id, colours[k]));
            // A no-break space inside an entry, a plain one between: lines wrap between
            // names, never inside one.
            names << QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2")
                         .arg(colours[k].name(), id.toHtmlEscaped());
        }
        if (m_baseline && !m_baselineUtil.empty())
            names << QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2")
                         .arg(kBaselineGrey.name(), tr("baseline"));
        m_busiestLegend->setText(names.join(QStringLiteral(" &nbsp; ")));
        m_utilNodes = order;
    }
    for (std::size_t k = 0; k < m_utilNodes.size(); ++k) {
        QList<QPointF> series;
        series.reserve(static_cast<qsizetype>(points.size()));
        for (const ChartPoint& p : points)
            if (m_utilNodes[k] < p.utilization.size())
                series.append({p.tS, 100.0 * p.utilization[m_utilNodes[k]]});
        m_utilSeries[k]->replace(series);
    }
}

bool MetricsDock::instancesChartShown() const
{
    return !m_instances.view->isHidden();
}

void MetricsDock::refreshInstances()
{
    const auto& points = m_controller->chart();
    const core::Topology* topology = m_controller->simTopology();
    if (points.empty() || !topology)
        return;
    if (m_instanceNodes.empty()) {
        // The autoscaled pools of the run, in file order (their count moves; a fixed
        // pool's does not and is not charted).
        for (std::size_t i = 0;
             i < topology->nodes.size() && m_instanceNodes.size() < kBusiestShown; ++i)
            if (const core::KindSpec* spec = topology->nodes[i].spec())
                if (spec->traits.queueing && topology->nodes[i].flag("autoscale"))
                    m_instanceNodes.push_back(i);
        if (m_instanceNodes.empty())
            return;
        const QColor colours[kBusiestShown] = {QColor(0x25, 0x63, 0xeb), QColor(0x16, 0xa3, 0x4a),
                                               QColor(0xd9, 0x77, 0x06), QColor(0x7c, 0x3a, 0xed)};
        for (std::size_t k = 0; k < m_instanceNodes.size(); ++k)
            m_instanceSeries.push_back(addSeries(
                m_instances, QString::fromStdString(topology->nodes[m_instanceNodes[k]].id.str()),
                colours[k]));
        m_instances.view->show();
        m_grid->setColumnStretch(5, 13);
    }
    double most = 1;
    for (std::size_t k = 0; k < m_instanceNodes.size(); ++k) {
        QList<QPointF> series;
        series.reserve(static_cast<qsizetype>(points.size()));
        for (const ChartPoint& p : points)
            if (m_instanceNodes[k] < p.instances.size()) {
                series.append({p.tS, p.instances[m_instanceNodes[k]]});
                most = std::max(most, p.instances[m_instanceNodes[k]]);
            }
        m_instanceSeries[k]->replace(series);
    }
    fitY(m_instances.y, most, 4);
}

} // namespace scalelab::gui

namespace scalelab::gui {

QLineSeries* MetricsDock::addBaselineSeries(Chart& chart, const QString& name, Qt::PenStyle style)
{
    auto* s = new QLineSeries();
    s->setName(name);
    s->setPen(QPen(kBaselineGrey, 1.4, style));
    chart.chart->addSeries(s);
    s->attachAxis(chart.x);
    s->attachAxis(chart.y);
    // One "baseline" entry in a legend says it all; per-node grey entries would crowd it.
    for (QLegendMarker* marker : chart.chart->legend()->markers(s))
        marker->setVisible(!name.isEmpty());
    return s;
}

void MetricsDock::setBaseline(std::shared_ptr<const Baseline> baseline)
{
    for (QLineSeries* s : m_baselineSeries) {
        s->chart()->removeSeries(s);
        delete s;
    }
    m_baselineSeries.clear();
    m_baseline = std::move(baseline);
    m_baselineMax[0] = m_baselineMax[1] = m_baselineMax[2] = 0;
    if (m_baseline) {
        // A chart draws its series in the order they were added: the current ones go out
        // and come back after the grey ones, to be drawn over them.
        struct Own {
            Chart* chart;
            QLineSeries* series;
        };
        const Own own[] = {{&m_throughput, m_throughputSeries},
                           {&m_latency, m_p50},
                           {&m_latency, m_p95},
                           {&m_latency, m_p99},
                           {&m_errors, m_errorSeries}};
        for (const Own& o : own)
            o.chart->chart->removeSeries(o.series);
        m_baselineSeries = {addBaselineSeries(m_throughput, QString(), Qt::SolidLine),
                            addBaselineSeries(m_latency, QString(), Qt::DotLine),
                            addBaselineSeries(m_latency, QString(), Qt::DashLine),
                            addBaselineSeries(m_latency, tr("baseline"), Qt::SolidLine),
                            addBaselineSeries(m_errors, QString(), Qt::SolidLine)};
        for (const Own& o : own) {
            o.chart->chart->addSeries(o.series);
            o.series->attachAxis(o.chart->x);
            o.series->attachAxis(o.chart->y);
        }
        QList<QPointF> tput, p50, p95, p99, errors;
        for (const ChartPoint& p : m_baseline->chart) {
            tput.append({p.tS, p.throughputRps});
            p50.append({p.tS, p.p50Ms});
            p95.append({p.tS, p.p95Ms});
            p99.append({p.tS, p.p99Ms});
            errors.append({p.tS, p.errorsPerS});
            m_baselineMax[0] = std::max(m_baselineMax[0], p.throughputRps);
            m_baselineMax[1] = std::max(m_baselineMax[1], p.p99Ms);
            m_baselineMax[2] = std::max(m_baselineMax[2], p.errorsPerS);
        }
        m_baselineSeries[0]->replace(tput);
        m_baselineSeries[1]->replace(p50);
        m_baselineSeries[2]->replace(p95);
        m_baselineSeries[3]->replace(p99);
        m_baselineSeries[4]->replace(errors);
    }
    // Everything is drawn again with (or without) the grey curves.
    m_utilNodes.clear();
    m_shownPoints = std::numeric_limits<std::size_t>::max();
    followTime(m_controller->chart().empty() ? 0 : m_controller->chart().back().tS);
    if (m_controller->chart().empty()) {
        fitY(m_throughput.y, m_baselineMax[0], 10);
        fitY(m_latency.y, m_baselineMax[1], 10);
        fitY(m_errors.y, m_baselineMax[2], 10);
        m_shownPoints = 0;
    } else {
        refresh();
    }
}

int MetricsDock::baselinePointCount() const
{
    return m_baselineSeries.empty() ? 0 : static_cast<int>(m_baselineSeries[0]->count());
}

} // namespace scalelab::gui
