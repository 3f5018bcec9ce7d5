#include "gui/planning/KnobTable.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QHeaderView>
#include <QRegularExpression>

#include "core/model/KindRegistry.h"

namespace scalelab::gui {

namespace knob_table_detail {

enum Column { ColNode, ColParam, ColValues };

// The first node an id or a pattern ("web*") names, for its kind's parameter list.
const core::Node* firstMatch(const core::Topology& t, const QString& pattern)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(pattern).replace(QStringLiteral("\\*"), QStringLiteral(".*"))));
    for (const core::Node& n : t.nodes)
        if (re.match(QString::fromStdString(n.id.str())).hasMatch())
            return &n;
    return nullptr;
}

QString numberText(double v)
{
    return QString::number(v, 'g', 10);
}

} // namespace knob_table_detail

using namespace knob_table_detail;

KnobTable::KnobTable(const core::Topology& topology, QWidget* parent)
    : QTableWidget(0, 3, parent), m_topology(topology)
{
    setHorizontalHeaderLabels({tr("Node"), tr("Parameter"), tr("Values (FROM:TO:STEP or V1,V2)")});
    horizontalHeader()->setSectionResizeMode(ColValues, QHeaderView::Stretch);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setMinimumHeight(150);
}

QString KnobTable::proposedValues(const core::ParamSpec& spec, double current, bool forPlan)
{
    if (spec.type == core::ParamType::Choice) {
        QStringList all;
        for (const auto& c : spec.choices)
            all << QString::fromStdString(c);
        return all.join(QLatin1Char(','));
    }
    if (spec.type == core::ParamType::Boolean)
        return QStringLiteral("false,true");
    if (spec.type == core::ParamType::Integer) {
        // Half to double the current count: where "how many do I need" usually lies.
        const double from = std::max(spec.min > 0 ? spec.min : 1.0, std::floor(current / 2));
        const double to = std::max(from + 1, current * 2);
        const double step = forPlan ? 1 : std::max(1.0, std::round((to - from) / 4));
        return forPlan ? QStringLiteral("%1:%2").arg(numberText(from), numberText(to))
                       : QStringLiteral("%1:%2:%3")
                             .arg(numberText(from), numberText(to), numberText(step));
    }
    const double from = current / 2, to = current * 2;
    return QStringLiteral("%1:%2:%3")
        .arg(numberText(from), numberText(to), numberText((to - from) / 6));
}

void KnobTable::addKnob(const QString& node, const QString& param)
{
    const int row = rowCount();
    insertRow(row);
    auto* nodeBox = new QComboBox(this);
    nodeBox->setEditable(true); // a pattern like web* is typed here
    for (const core::Node& n : m_topology.nodes)
        nodeBox->addItem(QString::fromStdString(n.id.str()));
    nodeBox->setCurrentText(node);
    setCellWidget(row, ColNode, nodeBox);
    auto* paramBox = new QComboBox(this);
    setCellWidget(row, ColParam, paramBox);
    setItem(row, ColValues, new QTableWidgetItem());
    fillParams(row);
    if (!param.isEmpty())
        paramBox->setCurrentText(param);
    connect(nodeBox, &QComboBox::currentTextChanged, this, [this, nodeBox] {
        for (int r = 0; r < rowCount(); ++r)
            if (cellWidget(r, ColNode) == nodeBox)
                fillParams(r);
    });
    connect(paramBox, &QComboBox::currentTextChanged, this, [this, paramBox] {
        for (int r = 0; r < rowCount(); ++r) {
            if (cellWidget(r, ColParam) != paramBox)
                continue;
            const auto* nodeBox = qobject_cast<QComboBox*>(cellWidget(r, ColNode));
            const core::Node* n = firstMatch(m_topology, nodeBox->currentText());
            const core::ParamSpec* spec =
                n && n->spec() ? n->spec()->param(paramBox->currentText().toStdString()) : nullptr;
            if (spec)
                item(r, ColValues)
                    ->setText(proposedValues(*spec, n->number(spec->name), m_forPlan));
        }
    });
    // Show the proposal for the initial parameter too.
    Q_EMIT paramBox->currentTextChanged(paramBox->currentText());
}

void KnobTable::fillParams(int row)
{
    auto* nodeBox = qobject_cast<QComboBox*>(cellWidget(row, ColNode));
    auto* paramBox = qobject_cast<QComboBox*>(cellWidget(row, ColParam));
    const QString keep = paramBox->currentText();
    paramBox->blockSignals(true);
    paramBox->clear();
    if (const core::Node* n = firstMatch(m_topology, nodeBox->currentText()); n && n->spec())
        for (const core::ParamSpec& p : n->spec()->params)
            if (p.name != "network" && p.name != "site") // placement, not capacity
                paramBox->addItem(QString::fromStdString(p.name), QString::fromStdString(p.help));
    const int at = paramBox->findText(keep);
    paramBox->setCurrentIndex(at >= 0 ? at : 0);
    paramBox->blockSignals(false);
    Q_EMIT paramBox->currentTextChanged(paramBox->currentText());
}

void KnobTable::removeSelectedKnobs()
{
    QList<int> rows;
    for (const QModelIndex& i : selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int r : rows)
        removeRow(r);
}

QStringList KnobTable::varyTexts() const
{
    QStringList out;
    for (int r = 0; r < rowCount(); ++r) {
        const auto* nodeBox = qobject_cast<QComboBox*>(cellWidget(r, ColNode));
        const auto* paramBox = qobject_cast<QComboBox*>(cellWidget(r, ColParam));
        out << QStringLiteral("%1.%2=%3")
                   .arg(nodeBox->currentText().trimmed(), paramBox->currentText(),
                        item(r, ColValues)->text().trimmed());
    }
    return out;
}

} // namespace scalelab::gui
