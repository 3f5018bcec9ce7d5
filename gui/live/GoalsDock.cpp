#include "gui/live/GoalsDock.h"

#include <cmath>
#include <optional>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/cost/Cost.h"
#include "core/goals/GoalCatalog.h"
#include "core/goals/GoalCheck.h"
#include "core/goals/GoalLabel.h"
#include "core/sim/Results.h"
#include "gui/document/Document.h"
#include "gui/live/SimulationController.h"
#include "gui/planning/PriceBook.h"

namespace scalelab::gui {

namespace {

enum Column { Status, Goal, Target, Measured };

// The C locale (tests, a bare environment) groups no digits: read numbers as English.
QLocale readableLocale()
{
    const QLocale system;
    QLocale l =
        system.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : system;
    l.setNumberOptions(QLocale::DefaultNumberOptions);
    return l;
}

// Up to `significant` digits, no trailing zeros, grouped: 12000 -> "12,000", 0.5 -> "0.5".
QString readableNumber(double v, int significant = 3)
{
    const QLocale l = readableLocale();
    const double magnitude = v == 0 ? 0 : std::floor(std::log10(std::abs(v)));
    const int decimals = std::max(0, significant - 1 - static_cast<int>(magnitude));
    QString text = l.toString(v, 'f', std::min(decimals, 6));
    if (text.contains(l.decimalPoint())) {
        while (text.endsWith(l.zeroDigit()))
            text.chop(1);
        if (text.endsWith(l.decimalPoint()))
            text.chop(l.decimalPoint().size());
    }
    return text;
}

} // namespace

QString formatGoalValue(double value, const core::GoalSpec& spec)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    // Unitless goals bounded by 1 are fractions: availability, error rate, utilization.
    if (spec.unit.empty() && spec.max <= 1.0) {
        // Availability targets live in the nines: 99.95 % must not read 100 %.
        return readableNumber(value * 100, value > 0.99 && value < 1 ? 5 : 3) +
               QStringLiteral(" %");
    }
    const QString number = readableNumber(value, std::abs(value) >= 1000 ? 0 : 3);
    return spec.unit.empty() ? number
                             : number + QLatin1Char(' ') + QString::fromStdString(spec.unit);
}

GoalsDock::GoalsDock(const Document* document, const SimulationController* controller,
                     QWidget* parent)
    : QDockWidget(tr("Goals"), parent), m_document(document), m_controller(controller)
{
    setObjectName(QStringLiteral("GoalsDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel(body);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_cost = new QLabel(body);
    m_cost->setTextFormat(Qt::PlainText);
    layout->addWidget(m_cost);
    m_table = new QTreeWidget(body);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setHeaderLabels({QString(), tr("Goal"), tr("Target"), tr("This run")});
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(Status, QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(Goal, QHeaderView::Stretch);
    m_table->header()->setSectionResizeMode(Target, QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(Measured, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    setWidget(body);
    connect(document, &Document::resetDone, this, &GoalsDock::refresh);
    connect(document, &Document::infoChanged, this, &GoalsDock::refresh);
    connect(&PriceBook::instance(), &PriceBook::changed, this, &GoalsDock::refresh);
    refresh();
}

void GoalsDock::refreshThrottled()
{
    const double now = m_controller->simSeconds();
    if (m_refreshedAtS >= 0 && now >= m_refreshedAtS && now < m_refreshedAtS + 5)
        return;
    refresh();
}

void GoalsDock::refresh()
{
    // During a run the goals are the run's (edits apply at reset); otherwise the file's.
    const core::Topology& topology =
        m_controller->simTopology() ? *m_controller->simTopology() : m_document->topology();
    const bool running = m_controller->isActive();
    m_refreshedAtS = running ? m_controller->simSeconds() : -1;
    m_table->clear();
    // A run is priced when it starts (its topology carries the sheet's prices) and pays an
    // autoscaled pool for the instances it served; a design not running is priced with the
    // window's sheet, as the Analysis panel does.
    std::optional<core::sim::RunResults> run;
    if (running)
        run = m_controller->results();
    const core::Cost cost = run ? core::Cost{run->cost.perHour, run->cost.perMonth}
                            : m_controller->simTopology()
                                ? core::costOf(topology)
                                : core::costOf(PriceBook::instance().priced(topology));
    m_cost->setText(tr("Cost %1").arg(costText(cost.perHour, cost.perMonth)));
    if (topology.goals.empty()) {
        m_summary->setText(tr("This diagram sets no goals. A file's \"goals\" (for example "
                              "p99_ms or min_throughput_rps) are checked against every run."));
        return;
    }
    std::vector<core::GoalResult> results;
    if (run) {
        results = core::checkGoals(topology.goals, *run);
    } else {
        for (const auto& [name, target] : topology.goals)
            results.push_back({name, target, std::nullopt, false});
    }
    int met = 0;
    for (const core::GoalResult& g : results) {
        const core::GoalSpec* spec = core::GoalCatalog::instance().find(g.name);
        auto* row = new QTreeWidgetItem(m_table);
        const QString key = QString::fromStdString(g.name);
        if (!spec) {
            row->setText(Goal, key);
            row->setText(Target, QString::number(g.target));
            row->setText(Measured, tr("unknown goal"));
            continue;
        }
        const QString bound =
            spec->bound == core::GoalBound::Lower ? QStringLiteral("≥ ") : QStringLiteral("≤ ");
        row->setText(Goal, QString::fromStdString(core::goalLabel(*spec)));
        row->setText(Target, bound + formatGoalValue(g.target, *spec));
        row->setToolTip(Goal,
                        tr("%1 (%2 in the file)").arg(QString::fromStdString(spec->help), key));
        row->setTextAlignment(Target, Qt::AlignRight | Qt::AlignVCenter);
        row->setTextAlignment(Measured, Qt::AlignRight | Qt::AlignVCenter);
        if (!running) {
            row->setText(Status, QStringLiteral("•"));
            row->setText(Measured, tr("run to see"));
            row->setForeground(Measured, palette().brush(QPalette::PlaceholderText));
            continue;
        }
        met += g.met ? 1 : 0;
        if (!g.actual) {
            // Nothing measured yet (the warm-up, or no request finished): neither verdict.
            row->setText(Status, QStringLiteral("…"));
            row->setText(Measured, tr("not yet"));
            row->setForeground(Measured, palette().brush(QPalette::PlaceholderText));
            continue;
        }
        row->setText(Status, g.met ? QStringLiteral("✔") : QStringLiteral("✘"));
        row->setText(Measured, formatGoalValue(*g.actual, *spec));
        const QColor colour = g.met ? QColor(0x04, 0x78, 0x57) : QColor(0xb9, 0x1c, 0x1c);
        row->setForeground(Status, colour);
        row->setForeground(Measured, colour);
    }
    const int total = static_cast<int>(results.size());
    const QString goals = total == 1 ? tr("1 goal") : tr("%1 goals").arg(total);
    if (!running)
        m_summary->setText(tr("%1 set for this diagram: Run to check them.").arg(goals));
    else
        m_summary->setText(tr("After %1 simulated s: %2 of %3 met so far.")
                               .arg(readableNumber(m_controller->simSeconds(), 3))
                               .arg(met)
                               .arg(goals));
}

QString GoalsDock::tableText() const
{
    QStringList lines;
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* row = m_table->topLevelItem(i);
        lines << QStringLiteral("%1 %2 | %3 | %4")
                     .arg(row->text(Status), row->text(Goal), row->text(Target),
                          row->text(Measured));
    }
    return lines.join(QLatin1Char('\n'));
}

QString GoalsDock::costLine() const
{
    return m_cost->text();
}

int GoalsDock::goalCount() const
{
    return m_table->topLevelItemCount();
}

} // namespace scalelab::gui
