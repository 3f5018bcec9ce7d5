#include "gui/live/MetricsDock.h"

#include <algorithm>
#include <numeric>

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include "core/goals/ResultsWithGoals.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

namespace {
constexpr int kBusiestShown = 4;

void fitY(QValueAxis* axis, double maxValue, double floor)
{
    // Qt picks round ticks (0, 100, 200 rather than 0, 137.5, 275).
    axis->setRange(0, std::max(floor, maxValue * 1.1));
    axis->applyNiceNumbers();
}
} // namespace

MetricsDock::MetricsDock(const SimulationController* controller, QWidget* parent)
    : QDockWidget(tr("Live metrics"), parent), m_controller(controller)
{
    setObjectName(QStringLiteral("MetricsDock"));
    auto* body = new QWidget(this);
    auto* grid = new QGridLayout(body);
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(2);
    m_goals = new QLabel(body);
    m_goals->setTextFormat(Qt::RichText);
    m_goals->setWordWrap(true);
    m_goals->hide();
    grid->addWidget(m_goals, 1, 0, 1, 4);
    m_throughput = makeChart(tr("Throughput"), tr("req/s"));
    m_latency = makeChart(tr("Latency"), tr("ms"));
    m_errors = makeChart(tr("Errors"), tr("errors/s"));
    m_utilization = makeChart(tr("Busiest nodes"), tr("utilization %"));
    m_throughputSeries = addSeries(m_throughput, tr("completed"), live::readDot());
    m_p50 = addSeries(m_latency, tr("p50"), QColor(0x16, 0xa3, 0x4a));
    m_p95 = addSeries(m_latency, tr("p95"), QColor(0xd9, 0x77, 0x06));
    m_p99 = addSeries(m_latency, tr("p99"), live::errorDot());
    m_errorSeries = addSeries(m_errors, tr("failed"), live::errorDot());
    m_throughput.chart->legend()->hide();
    m_errors.chart->legend()->hide();
    m_utilization.y->setRange(0, 100);
    // Node names need room: beside the plot, not above it.
    m_utilization.chart->legend()->setAlignment(Qt::AlignRight);
    m_latency.chart->legend()->setAlignment(Qt::AlignRight);
    grid->addWidget(m_throughput.view, 0, 0);
    grid->addWidget(m_latency.view, 0, 1);
    grid->addWidget(m_errors.view, 0, 2);
    grid->addWidget(m_utilization.view, 0, 3);
    // The busiest-nodes chart carries a legend of node ids beside its plot.
    grid->setColumnStretch(0, 10);
    grid->setColumnStretch(1, 13);
    grid->setColumnStretch(2, 10);
    grid->setColumnStretch(3, 15);
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
    c.x->setTickCount(3); // 0, half, end: more labels than that do not fit a narrow chart
    c.y->setTitleText(yTitle);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
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
    for (QLineSeries* s : {m_throughputSeries, m_p50, m_p95, m_p99, m_errorSeries})
        s->clear();
    for (QLineSeries* s : m_utilSeries) {
        m_utilization.chart->removeSeries(s);
        delete s;
    }
    m_utilSeries.clear();
    m_utilNodes.clear();
    m_shownPoints = 0;
    m_goalsAtPoints = 0;
    m_goals->hide();
    const double end = std::max(1.0, m_controller->endSeconds());
    for (const Chart* c : {&m_throughput, &m_latency, &m_errors, &m_utilization})
        c->x->setRange(0, end);
    m_throughput.y->setRange(0, 10);
    m_latency.y->setRange(0, 10);
    m_errors.y->setRange(0, 10);
}

int MetricsDock::pointCount() const
{
    return static_cast<int>(m_throughputSeries->count());
}

void MetricsDock::refreshGoals()
{
    const core::Topology* topology = m_controller->simTopology();
    if (!topology || topology->goals.empty()) {
        m_goals->hide();
        return;
    }
    m_goalsAtPoints = m_controller->chart().size();
    const nlohmann::ordered_json doc = core::resultsWithGoals(m_controller->results(), *topology);
    QStringList parts;
    for (const auto& g : doc["goals"]) {
        const bool met = g.value("met", false);
        const QString actual = g["actual"].is_number()
                                   ? QString::number(g["actual"].get<double>(), 'g', 4)
                                   : tr("n/a");
        parts << QStringLiteral("<span style='color:%1'><b>%2 %3</b> %4 %5: %6</span>")
                     .arg(met ? QStringLiteral("#047857") : QStringLiteral("#b91c1c"),
                          met ? QStringLiteral("✔") : QStringLiteral("✘"),
                          QString::fromStdString(g.value("name", std::string())),
                          g.value("bound", std::string()) == "lower" ? QStringLiteral("≥")
                                                                      : QStringLiteral("≤"))
                     .arg(g.value("target", 0.0))
                     .arg(actual);
    }
    m_goals->setText(tr("<b>Goals so far</b>&nbsp;&nbsp;") + parts.join(QStringLiteral("&nbsp;&nbsp;·&nbsp;&nbsp;")));
    m_goals->show();
}

QString MetricsDock::goalsText() const
{
    return m_goals->isHidden() ? QString() : m_goals->text();
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
    fitY(m_throughput.y, maxT, 10);
    fitY(m_latency.y, maxL, 10);
    fitY(m_errors.y, maxE, 10);
    refreshUtilization();
    // Goals need the run's whole statistics: every 5 simulated seconds is plenty.
    if (points.size() >= m_goalsAtPoints + 5)
        refreshGoals();
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
    if (order != m_utilNodes) {
        for (QLineSeries* s : m_utilSeries) {
            m_utilization.chart->removeSeries(s);
            delete s;
        }
        m_utilSeries.clear();
        const QColor colours[kBusiestShown] = {QColor(0xdc, 0x26, 0x26), QColor(0xd9, 0x77, 0x06),
                                               QColor(0x25, 0x63, 0xeb), QColor(0x7c, 0x3a, 0xed)};
        for (std::size_t k = 0; k < order.size(); ++k)
            m_utilSeries.push_back(addSeries(
                m_utilization, QString::fromStdString(topology->nodes[order[k]].id.str()),
                colours[k]));
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

} // namespace scalelab::gui
