#include "gui/planning/PlanDialog.h"

#include <cmath>
#include <memory>
#include <stdexcept>

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/experiment/Planner.h"
#include "core/goals/GoalCatalog.h"
#include "gui/commands/SetParamCommand.h"
#include "gui/document/Document.h"
#include "gui/planning/ExperimentThread.h"
#include "gui/planning/KnobTable.h"
#include "gui/planning/PriceBook.h"
#include "gui/report/PlanReport.h"
#include "gui/util/SaveFileName.h"

namespace scalelab::gui {

namespace plan_dialog_detail {

QString valuesText(const nlohmann::ordered_json& values,
                   const QString& relation = QStringLiteral("="))
{
    QStringList parts;
    for (const auto& [key, v] : values.items())
        parts << QStringLiteral("%1 %2 %3")
                     .arg(QString::fromStdString(key), relation,
                          QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump()));
    return parts.join(QStringLiteral(", "));
}

// What the probes established, for the closing sentence; empty when none ran or they
// refuted nothing.
QString probesText(const nlohmann::ordered_json& search)
{
    if (search["probes"].empty())
        return {};
    if (!search["probes"][0]["clearly_missed"].empty())
        return QObject::tr(" Even the largest values clearly miss a goal.");
    if (search["floors"].empty())
        return {};
    return QObject::tr(" Probes found the floors %1: below any of them, a design clearly misses "
                       "a goal.")
        .arg(valuesText(search["floors"], QStringLiteral("≥")));
}

// Keeps the newest verdict in view while the list is scrolled to its end, also when the
// closing sentence below takes a second line and the list loses height; a user who
// scrolled up to read stays where they are.
void followTheNewest(QListWidget* list)
{
    QScrollBar* bar = list->verticalScrollBar();
    auto atEnd = std::make_shared<bool>(true);
    QObject::connect(bar, &QScrollBar::valueChanged, list,
                     [bar, atEnd](int value) { *atEnd = value >= bar->maximum(); });
    QObject::connect(bar, &QScrollBar::rangeChanged, list, [bar, atEnd](int, int max) {
        if (*atEnd)
            bar->setValue(max);
    });
}

} // namespace plan_dialog_detail

using plan_dialog_detail::followTheNewest;
using plan_dialog_detail::valuesText;

PlanDialog::PlanDialog(Document* document, const std::vector<core::NodeId>& selected,
                       QWidget* parent)
    : QDialog(parent), m_document(document),
      m_topology(PriceBook::instance().priced(document->topology())),
      m_knobs(new KnobTable(m_topology, this)), m_replications(new QSpinBox(this)),
      m_start(new QPushButton(tr("Find the Cheapest Design"), this)),
      m_apply(new QPushButton(tr("Apply to Design"), this)),
      m_saveReport(new QPushButton(tr("Save Report…"), this)), m_progress(new QProgressBar(this)),
      m_steps(new QListWidget(this)), m_result(new QLabel(this)),
      m_thread(new ExperimentThread(this))
{
    setWindowTitle(tr("Size It for Me"));
    m_knobs->setForPlan(true);
    auto* layout = new QVBoxLayout(this);
    QStringList goals;
    for (const auto& [name, target] : m_topology.goals)
        goals << QStringLiteral("%1 %2").arg(QString::fromStdString(name)).arg(target);
    layout->addWidget(new QLabel(
        goals.isEmpty()
            ? tr("<b>This design sets no goals.</b> Add goals (p99_ms, availability, …) to the "
                 "file: the planner finds the cheapest design that meets them.")
            : tr("Find the cheapest values of these knobs that meet every goal (%1): queueing "
                 "estimates first, then simulation with replications proves the winner.")
                  .arg(goals.join(QStringLiteral(", "))),
        this));
    layout->addWidget(m_knobs, 1);
    auto* form = new QFormLayout;
    m_replications->setRange(1, 50);
    m_replications->setValue(3);
    form->addRow(tr("Replications per candidate"), m_replications);
    layout->addLayout(form);
    auto* row = new QHBoxLayout;
    row->addWidget(m_start);
    row->addWidget(m_progress, 1);
    row->addWidget(m_apply);
    row->addWidget(m_saveReport);
    layout->addLayout(row);
    layout->addWidget(new QLabel(
        tr("Simulated: candidates cheapest first, and probes that bound each knob (grey):"), this));
    m_steps->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel); // the last row whole
    followTheNewest(m_steps);
    layout->addWidget(m_steps, 2);
    m_result->setWordWrap(true);
    layout->addWidget(m_result);
    m_apply->setEnabled(false);
    m_saveReport->setEnabled(false);
    m_saveReport->setToolTip(tr("An HTML or PDF report of the plan, for a design review"));
    m_start->setEnabled(!m_topology.goals.empty());
    connect(m_start, &QPushButton::clicked, this, &PlanDialog::startPlan);
    connect(m_apply, &QPushButton::clicked, this, &PlanDialog::applyPlan);
    connect(m_saveReport, &QPushButton::clicked, this, &PlanDialog::saveReportWithDialog);
    connect(m_thread, &ExperimentThread::finished, this, &PlanDialog::onFinished);

    for (const core::NodeId& id : selected)
        if (const core::Node* n = m_topology.findNode(id); n && n->spec()) {
            const char* servers = n->spec()->param("workers")       ? "workers"
                                  : n->spec()->param("connections") ? "connections"
                                                                    : "";
            m_knobs->addKnob(QString::fromStdString(id.str()), QString::fromLatin1(servers));
        }
    resize(760, 560);
}

PlanDialog::~PlanDialog()
{
    m_thread->stop(); // the planner reads m_design
}

bool PlanDialog::running() const
{
    return m_thread->running();
}

bool PlanDialog::startPlan()
{
    namespace ex = core::experiment;
    m_thread->stop();
    std::vector<ex::SweepAxis> axes;
    try {
        for (const QString& v : m_knobs->varyTexts())
            axes.push_back(ex::parseVary(v.toStdString(), m_topology, false));
        if (axes.empty())
            throw std::invalid_argument("add at least one knob (a node and its workers, say)");
        m_design = std::make_unique<ex::SweepDesign>(m_topology, std::move(axes));
    } catch (const std::invalid_argument& e) {
        m_result->setText(QStringLiteral("<span style='color:#b91c1c'>%1</span>")
                              .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    m_steps->clear();
    m_plan = nlohmann::ordered_json();
    m_chosenPoint.reset();
    m_apply->setEnabled(false);
    m_saveReport->setEnabled(false);
    m_start->setEnabled(false);
    m_progress->setRange(0, 0);
    m_result->setText(
        tr("Searching %1 candidates on the queueing estimates…").arg(m_design->points()));
    ex::PlanOptions options;
    options.replications = static_cast<std::size_t>(m_replications->value());
    const ex::SweepDesign* design = m_design.get();
    ExperimentThread* thread = m_thread;
    m_thread->start([this, design, options, thread] {
        const ex::PlanResult result = ex::planDesign(
            *design, options,
            [this, thread](const std::string& stage, std::size_t done, std::size_t total) {
                thread->post([this, stage, done, total] {
                    m_progress->setRange(0, static_cast<int>(total));
                    m_progress->setValue(static_cast<int>(done));
                    if (stage == "verify")
                        m_result->setText(tr("Proving by simulation…"));
                    else if (stage == "probe")
                        m_result->setText(tr("The cheapest candidate missed: bounding each knob "
                                             "by simulation, every other at its largest value…"));
                });
                return !thread->cancelled();
            },
            [this, thread, design](const ex::PlanStep& step) {
                QStringList others, clearly;
                for (const auto& g : step.goals) {
                    if (g.proven)
                        continue;
                    if (!g.clearlyMissed) {
                        others << QString::fromStdString(g.name);
                        continue;
                    }
                    const core::GoalSpec* spec = core::GoalCatalog::instance().find(g.name);
                    const QString unit =
                        spec && !spec->unit.empty()
                            ? QStringLiteral(" ") + QString::fromStdString(spec->unit)
                            : QString();
                    // No number: the value falls among requests that were never answered.
                    clearly << (std::isfinite(g.mean)
                                    ? QStringLiteral("%1 (%2%3)")
                                          .arg(QString::fromStdString(g.name),
                                               QString::number(g.mean, 'g', 4), unit)
                                    : tr("%1 (no number: requests went unanswered)")
                                          .arg(QString::fromStdString(g.name)));
                }
                const QString misses =
                    tr("clearly misses %1").arg(clearly.join(QStringLiteral(", ")));
                QString verdict;
                if (step.probe && step.top)
                    verdict = clearly.isEmpty()
                                  ? tr("probe, every knob at its largest: no goal clearly missed")
                                  : tr("probe, every knob at its largest: %1, so nothing in "
                                       "these ranges can meet it")
                                        .arg(misses);
                else if (step.probe)
                    verdict = clearly.isEmpty() ? tr("probe: no goal clearly missed")
                                                : tr("probe: %1, and so does anything with less "
                                                     "of the lowered knob")
                                                      .arg(misses);
                else if (step.proven)
                    verdict = tr("proven");
                else {
                    QStringList parts;
                    if (!clearly.isEmpty())
                        parts << misses;
                    if (!others.isEmpty())
                        parts << tr("not proven: %1").arg(others.join(QStringLiteral(", ")));
                    verdict = parts.join(QStringLiteral("; "));
                }
                // A probe's cost says nothing (it is the top of the box): its verdict does.
                const QString line =
                    step.probe ? QStringLiteral("%1 · %2").arg(
                                     valuesText(design->values(step.point)), verdict)
                               : QStringLiteral("%1 · %2 · %3")
                                     .arg(valuesText(design->values(step.point)),
                                          costText(step.cost.perHour, step.cost.perMonth), verdict);
                const QColor color = step.probe    ? QColor(0x6b, 0x72, 0x80)
                                     : step.proven ? QColor(0x04, 0x78, 0x57)
                                                   : QColor(0xb9, 0x1c, 0x1c);
                thread->post([this, line, color] {
                    auto* item = new QListWidgetItem(line, m_steps);
                    item->setForeground(color);
                });
            });
        if (result.cancelled)
            return; // no plan: a run started after this one must not see its half
        nlohmann::ordered_json doc = ex::planJson(result, *design, "", options);
        const std::optional<std::size_t> point =
            result.chosen ? std::optional(result.simulated[*result.chosen].point) : std::nullopt;
        thread->post([this, doc, point] {
            m_plan = doc;
            m_chosenPoint = point;
        });
    });
    return true;
}

void PlanDialog::onFinished()
{
    m_start->setEnabled(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_saveReport->setEnabled(!m_plan.is_null()); // proven or not, the search is worth reading
    if (m_plan.is_null()) {
        m_result->setText(tr("Cancelled."));
    } else if (!m_plan["proven"].get<bool>()) {
        m_result->setText(
            tr("<b>No candidate was proven</b> to meet every goal within these "
               "ranges (%1 searched, %2 simulated, %3 probes).%4 Widen the ranges or relax "
               "the goals.")
                .arg(m_plan["search"]["candidates"].get<std::size_t>())
                .arg(m_plan["search"]["simulated"].size())
                .arg(m_plan["search"]["probes"].size())
                .arg(plan_dialog_detail::probesText(m_plan["search"])));
    } else {
        m_result->setText(tr("<b>Cheapest proven design:</b> %1 — %2, every goal met over %3 "
                             "replications (%4 candidates searched, %5 simulated, %6 probes).%7")
                              .arg(valuesText(m_plan["chosen"]),
                                   costText(m_plan["cost"]["per_hour"].get<double>(),
                                            m_plan["cost"]["per_month"].get<double>()))
                              .arg(m_plan["verified"]["replications"].get<int>())
                              .arg(m_plan["search"]["candidates"].get<std::size_t>())
                              .arg(m_plan["search"]["simulated"].size())
                              .arg(m_plan["search"]["probes"].size())
                              .arg(plan_dialog_detail::probesText(m_plan["search"])));
        m_apply->setEnabled(true);
    }
    Q_EMIT planFinished();
}

bool PlanDialog::saveReport(const QString& path, QString* error) const
{
    if (m_plan.is_null()) {
        if (error)
            *error = tr("No finished plan to report.");
        return false;
    }
    // The dialog plans the document, not a file: the report names the document's file
    // (none while it is unsaved).
    nlohmann::ordered_json plan = m_plan;
    plan["file"] = m_document->filePath().toStdString();
    return writePlanReport(plan, path, error, m_topology.goals);
}

// The button's path; tests call saveReport() with a path and never see a modal dialog.
void PlanDialog::saveReportWithDialog()
{
    const QString filters = tr("HTML report (*.html);;PDF report (*.pdf)");
    const QString source = m_document->filePath();
    const QString stem = (source.isEmpty() ? QString::fromStdString(m_topology.name).trimmed()
                                           : QFileInfo(source).completeBaseName()) +
                         QStringLiteral("-plan");
    const QString folder = source.isEmpty() ? QString() : QFileInfo(source).absolutePath();
    const QString path = askSaveFileName(this, tr("Save plan report"),
                                         proposedSavePath(folder, stem, filters), filters);
    if (path.isEmpty())
        return;
    QString error;
    if (!saveReport(path, &error)) {
        QMessageBox::warning(this, tr("Report failed"), error);
        return;
    }
    // Said where the user looks: the closing sentence gains where the report went.
    m_result->setText(
        m_result->text() +
        tr("<br>Report saved to %1.").arg(QDir::toNativeSeparators(path).toHtmlEscaped()));
}

bool PlanDialog::applyPlan()
{
    if (!m_design || !m_chosenPoint)
        return false;
    const std::vector<std::size_t> at = m_design->indices(*m_chosenPoint);
    QUndoStack* stack = m_document->undoStack();
    stack->beginMacro(tr("Apply plan"));
    for (std::size_t i = 0; i < m_design->axes().size(); ++i) {
        const auto& axis = m_design->axes()[i];
        stack->push(new SetParamCommand(m_document, axis.nodes, axis.param, axis.values[at[i]]));
    }
    stack->endMacro();
    m_apply->setEnabled(false);
    return true;
}

} // namespace scalelab::gui
