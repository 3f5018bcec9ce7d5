#include "gui/planning/SweepDock.h"

#include <cmath>
#include <map>

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include "core/experiment/Knee.h"
#include "core/experiment/Sweep.h"
#include "gui/planning/ExperimentThread.h"
#include "gui/report/SweepReport.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace sweep_dock_detail {

struct DockFigure {
    const char* pointer;
    const char* label;
    const char* unit; ///< the y axis title: the figure's name is in the combo box above
    double scale;
};
constexpr DockFigure kDockFigures[] = {
    {"/throughput_rps", "Throughput (req/s)", "req/s", 1},
    {"/latency_ms/p99", "p99 latency (ms)", "p99 ms", 1},
    {"/latency_ms/mean", "Mean latency (ms)", "mean ms", 1},
    {"/availability", "Availability (%)", "available %", 100},
    {"/cost/per_month", "Cost ($/month)", "$/month", 1},
};

double dockValue(const nlohmann::ordered_json& p, const std::string& pointer)
{
    const nlohmann::ordered_json::json_pointer at(pointer);
    return p.contains(at) && p.at(at).is_number() ? p.at(at).get<double>() : NAN;
}

const QColor kDockColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                              QColor(0x2c, 0xa0, 0x2c), QColor(0xff, 0x7f, 0x0e),
                              QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};

} // namespace sweep_dock_detail

using namespace sweep_dock_detail;

SweepDock::SweepDock(QWidget* parent)
    : QDockWidget(tr("Sweep"), parent), m_figure(new QComboBox), m_chart(new QChart),
      // Built around our chart: a default QChartView makes its own, and setChart() releases
      // the old one without deleting it (LeakSanitizer found it).
      m_view(new QChartView(m_chart)), m_progress(new QProgressBar),
      m_cancel(new QPushButton(tr("Cancel"))), m_saveJson(new QPushButton(tr("Save JSON…"))),
      m_saveReport(new QPushButton(tr("Report…"))), m_status(new QLabel),
      m_thread(new ExperimentThread(this))
{
    setObjectName(QStringLiteral("SweepDock"));
    for (const DockFigure& f : kDockFigures)
        m_figure->addItem(tr(f.label));
    // The legend beside the plot, not under it: the dock is short, the plot needs the height.
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* top = new QHBoxLayout;
    top->addWidget(m_figure);
    top->addWidget(m_progress, 1);
    top->addWidget(m_cancel);
    top->addWidget(m_saveJson);
    top->addWidget(m_saveReport);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    setWidget(body);
    m_saveJson->setEnabled(false);
    m_saveReport->setEnabled(false);
    m_cancel->setEnabled(false);
    connect(m_figure, &QComboBox::currentIndexChanged, this, &SweepDock::redraw);
    connect(m_cancel, &QPushButton::clicked, this, &SweepDock::cancel);
    connect(m_thread, &ExperimentThread::finished, this, &SweepDock::onFinished);
    connect(m_saveJson, &QPushButton::clicked, this, &SweepDock::saveJson);
    connect(m_saveReport, &QPushButton::clicked, this, &SweepDock::saveReport);
}

SweepDock::~SweepDock()
{
    // The sweep reads m_design: it must have returned before the members go.
    m_thread->stop();
}

void SweepDock::start(const core::Topology& base, const QStringList& vary, int replications,
                      const QString& file)
{
    namespace ex = core::experiment;
    m_thread->stop(); // a sweep still running reads the design replaced here
    std::vector<ex::SweepAxis> axes;
    for (const QString& v : vary)
        axes.push_back(ex::parseVary(v.toStdString(), base)); // checked by the dialog
    m_design = std::make_unique<ex::SweepDesign>(base, std::move(axes));
    m_file = file;
    m_replications = replications;
    m_points.clear();
    m_progress->setRange(0, static_cast<int>(m_design->points()) * replications);
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_saveJson->setEnabled(false);
    m_saveReport->setEnabled(false);
    m_status->setText(
        tr("Sweeping %1 × %2 on every core…")
            .arg(countOf(static_cast<long long>(m_design->points()), tr("point"), tr("points")),
                 countOf(replications, tr("replication"), tr("replications"))));
    redraw();
    const ex::SweepDesign* design = m_design.get();
    const std::string name = file.toStdString();
    ExperimentThread* thread = m_thread;
    m_thread->start([design, name, replications, thread, this] {
        ex::ReplicationRunner runner(design->base().simulation.seed);
        runner.setProgress([thread, this](std::size_t done, std::size_t) {
            thread->post([this, done] { m_progress->setValue(static_cast<int>(done)); });
            return !thread->cancelled();
        });
        ex::runSweep(*design, name, static_cast<std::size_t>(replications), runner,
                     [thread, this](std::size_t, const nlohmann::ordered_json& point) {
                         thread->post([this, point] { addPoint(point); });
                     });
    });
}

void SweepDock::cancel()
{
    m_thread->cancel();
}

bool SweepDock::running() const
{
    return m_thread->running();
}

void SweepDock::addPoint(nlohmann::ordered_json point)
{
    m_points.push_back(std::move(point));
    redraw();
    Q_EMIT pointAdded(static_cast<int>(m_points.size()) - 1);
}

void SweepDock::onFinished()
{
    const bool cancelled = m_thread->cancelled();
    m_cancel->setEnabled(false);
    m_saveJson->setEnabled(!m_points.empty());
    m_saveReport->setEnabled(!m_points.empty());
    m_status->setText(statusText());
    Q_EMIT sweepFinished(cancelled);
}

nlohmann::ordered_json SweepDock::document() const
{
    if (!m_design)
        return {};
    return core::experiment::sweepDocument(*m_design, m_file.toStdString(),
                                           static_cast<std::size_t>(m_replications), m_points);
}

QString SweepDock::statusText() const
{
    if (!m_design)
        return {};
    QString text = tr("%1 of %2 points").arg(m_points.size()).arg(m_design->points());
    if (m_thread->cancelled() && !running())
        text += tr(" (cancelled)");
    // The knee of the first curve (the last axis varies fastest), as the report names it.
    if (m_points.empty())
        return text;
    const std::string key = m_design->axes().back().key();
    nlohmann::ordered_json first = m_points.front()["values"];
    first.erase(key);
    std::vector<double> x, y;
    for (const auto& p : m_points) {
        nlohmann::ordered_json others = p["values"];
        others.erase(key);
        if (others != first)
            continue;
        if (!p["values"][key].is_number())
            return text;
        x.push_back(p["values"][key].get<double>());
        y.push_back(dockValue(p, "/throughput_rps"));
    }
    if (const auto knee = core::experiment::saturationKnee(x, y))
        text += tr(" · saturates at %1 req/s (%2 = %3)")
                    .arg(QLocale(QLocale::English).toString(knee->plateau, 'f', 0),
                         QString::fromStdString(key), QString::number(knee->x, 'g', 10));
    return text;
}

void SweepDock::redraw()
{
    m_chart->removeAllSeries();
    // removeAllSeries() deletes the series, removeAxis() only hands the axis back.
    for (QAbstractAxis* a : m_chart->axes()) {
        m_chart->removeAxis(a);
        delete a;
    }
    if (!m_design)
        return;
    const DockFigure& figure = kDockFigures[std::max(0, m_figure->currentIndex())];
    // x: the last axis varies fastest, so its values make the curves; one curve for each
    // combination of the others, as the points arrive.
    const std::size_t xAxis = m_design->axes().size() - 1;
    const std::string xKey = m_design->axes()[xAxis].key();
    std::map<std::string, std::size_t> curveOf;
    std::vector<std::pair<QLineSeries*, std::pair<QLineSeries*, QLineSeries*>>> curves;
    auto* axisX = new QValueAxis;
    auto* axisY = new QValueAxis;
    // A vertical title longer than the plot is high is cut: the y axis says only the unit,
    // in the small font the live charts use, and labels drop trailing zeros ("300").
    QFont small = axisY->titleFont();
    small.setPixelSize(11);
    for (QValueAxis* axis : {axisX, axisY}) {
        axis->setTitleFont(small);
        axis->setLabelsFont(small);
        axis->setLabelFormat(QStringLiteral("%g"));
    }
    axisX->setTitleText(QString::fromStdString(xKey));
    axisY->setTitleText(tr(figure.unit));
    m_chart->addAxis(axisX, Qt::AlignBottom);
    m_chart->addAxis(axisY, Qt::AlignLeft);
    double xMin = INFINITY, xMax = -INFINITY, yMax = 0;
    for (const auto& p : m_points) {
        nlohmann::ordered_json others = p["values"];
        others.erase(xKey);
        const std::string name = others.empty() ? std::string("mean") : others.dump();
        auto [it, added] = curveOf.emplace(name, curves.size());
        if (added) {
            auto* line = new QLineSeries;
            QString label = QString::fromStdString(name);
            label.remove(QLatin1Char('{')).remove(QLatin1Char('}')).remove(QLatin1Char('"'));
            line->setName(label);
            line->setColor(kDockColors[curves.size() % std::size(kDockColors)]);
            curves.push_back({line, {new QLineSeries, new QLineSeries}});
        }
        const auto& [line, band] = curves[it->second];
        const double x = p["values"][xKey].is_number() ? p["values"][xKey].get<double>()
                                                       : static_cast<double>(line->count());
        const double mean = dockValue(p, figure.pointer) * figure.scale;
        const double ci = dockValue(p, std::string("/ci95") + figure.pointer) * figure.scale;
        if (!std::isfinite(mean))
            continue;
        line->append(x, mean);
        band.first->append(x, mean + (std::isfinite(ci) ? ci : 0));
        band.second->append(x, mean - (std::isfinite(ci) ? ci : 0));
        xMin = std::min(xMin, x);
        xMax = std::max(xMax, x);
        yMax = std::max(yMax, mean + (std::isfinite(ci) ? ci : 0));
    }
    for (const auto& [line, band] : curves) {
        auto* area = new QAreaSeries(band.first, band.second);
        band.first->setParent(area); // an area series does not own its bounds
        band.second->setParent(area);
        QColor fill = line->color();
        fill.setAlpha(50);
        area->setBrush(fill);
        area->setPen(Qt::NoPen);
        m_chart->addSeries(area);
        area->attachAxis(axisX);
        area->attachAxis(axisY);
        m_chart->addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axisY);
    }
    // The bands have no legend entry of their own.
    for (QAbstractSeries* s : m_chart->series())
        if (s->type() == QAbstractSeries::SeriesTypeArea)
            for (auto* marker : m_chart->legend()->markers(s))
                marker->setVisible(false);
    // One x value so far (the first point) still needs a range that is not empty: Qt keeps
    // a fresh axis at [0, 0] when asked for min > max, and nice numbers of that are NaN.
    const double x0 = std::isfinite(xMin) ? xMin : 0;
    axisX->setRange(x0, std::isfinite(xMax) && xMax > x0 ? xMax : x0 + 1);
    axisY->setRange(0, yMax > 0 ? yMax * 1.08 : 1);
    // Round ticks (0, 500, 1000 rather than 0, 342.2, 684.4); Qt widens the range to them.
    axisX->applyNiceNumbers();
    axisY->applyNiceNumbers();
    m_status->setText(statusText());
}

void SweepDock::saveJson()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save sweep"), QString(), tr("Sweep JSON (*.json)"));
    QString error;
    if (!path.isEmpty() &&
        !writeFileAtomically(path, QByteArray::fromStdString(document().dump(2) + "\n"), &error))
        QMessageBox::warning(this, tr("Save failed"), error);
}

void SweepDock::saveReport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Sweep report"), QString(), tr("HTML report (*.html);;PDF report (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !writeSweepReport(document(), path, &error))
        QMessageBox::warning(this, tr("Report failed"), error);
}

} // namespace scalelab::gui
