#include "gui/docks/ParamEditor.h"

#include <cmath>
#include <limits>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>

namespace scalelab::gui {

namespace {
int spinDecimalsFor(const core::ParamSpec& spec)
{
    // Fractions (ratios, ms below 1) need digits; big ranges do not.
    if (spec.max <= 1.0 + 1e-9)
        return 3;
    return 2;
}
} // namespace

ParamEditor::ParamEditor(const core::ParamSpec& spec, Commit commit, QWidget* parent)
    : QWidget(parent), m_spec(spec), m_commit(std::move(commit))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const QString unit =
        spec.unit.empty() ? QString() : QStringLiteral(" ") + QString::fromStdString(spec.unit);
    switch (spec.type) {
    case core::ParamType::Integer: {
        auto* spin = new QSpinBox(this);
        const double lo = std::max(spec.min, double(std::numeric_limits<int>::min()));
        const double hi = std::min(spec.max, double(std::numeric_limits<int>::max()));
        spin->setRange(int(lo), int(hi));
        spin->setSuffix(unit);
        spin->setKeyboardTracking(false); // one commit per finished edit, not per digit
        spin->setAccelerated(true);
        connect(spin, &QSpinBox::valueChanged, this,
                [this](int v) { commitValue(core::ParamValue(std::int64_t(v))); });
        m_editor = spin;
        break;
    }
    case core::ParamType::Real: {
        auto* spin = new QDoubleSpinBox(this);
        spin->setDecimals(spinDecimalsFor(spec));
        double lo = spec.min;
        if (spec.minExclusive)
            lo += std::pow(10.0, -spin->decimals());
        spin->setRange(lo, spec.max);
        spin->setSuffix(unit);
        spin->setSingleStep(spec.max <= 1.0 + 1e-9 ? 0.05 : 1.0);
        spin->setKeyboardTracking(false);
        spin->setAccelerated(true);
        connect(spin, &QDoubleSpinBox::valueChanged, this,
                [this](double v) { commitValue(core::ParamValue(v)); });
        m_editor = spin;
        break;
    }
    case core::ParamType::Choice: {
        auto* combo = new QComboBox(this);
        for (const auto& c : spec.choices)
            combo->addItem(QString::fromStdString(c));
        connect(combo, &QComboBox::activated, this, [this, combo](int) {
            commitValue(core::ParamValue(combo->currentText().toStdString()));
        });
        m_editor = combo;
        break;
    }
    case core::ParamType::Text: {
        // A name (a site): the validator keeps out what the file format would refuse.
        auto* line = new QLineEdit(this);
        line->setMaxLength(static_cast<int>(core::kMaxTextParam));
        line->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[A-Za-z0-9._-]*")), line));
        line->setPlaceholderText(tr("none"));
        connect(line, &QLineEdit::editingFinished, this,
                [this, line] { commitValue(core::ParamValue(line->text().toStdString())); });
        m_editor = line;
        break;
    }
    case core::ParamType::Boolean: {
        auto* check = new QCheckBox(this);
        connect(check, &QCheckBox::toggled, this,
                [this](bool on) { commitValue(core::ParamValue(on)); });
        m_editor = check;
        break;
    }
    }
    const QString tip =
        QStringLiteral("%1\n%2: %3")
            .arg(QString::fromStdString(spec.help), QString::fromStdString(spec.name),
                 QString::fromStdString(spec.describeRange()));
    m_editor->setToolTip(tip);
    setToolTip(tip);
    m_editor->setObjectName(QString::fromStdString(spec.name));
    layout->addWidget(m_editor);
    setValue(spec.defaultValue);
}

void ParamEditor::setValue(const core::ParamValue& value, bool mixed)
{
    m_updating = true;
    const QSignalBlocker block(m_editor);
    // Differing values in a multi-selection read "mixed" (not the first node's value, as
    // if all had it); any value chosen then applies to all of them.
    if (auto* spin = qobject_cast<QSpinBox*>(m_editor)) {
        // The special text stands for the minimum: typing any other value commits it.
        spin->setSpecialValueText(mixed ? tr("mixed") : QString());
        spin->setValue(mixed ? spin->minimum() : int(core::toNumber(value)));
    } else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(m_editor)) {
        dspin->setSpecialValueText(mixed ? tr("mixed") : QString());
        dspin->setValue(mixed ? dspin->minimum() : core::toNumber(value));
    } else if (auto* combo = qobject_cast<QComboBox*>(m_editor)) {
        combo->setPlaceholderText(tr("mixed"));
        if (mixed)
            combo->setCurrentIndex(-1);
        else
            combo->setCurrentText(QString::fromStdString(core::toDisplayString(value)));
    } else if (auto* line = qobject_cast<QLineEdit*>(m_editor)) {
        // Differing names read as an empty field with "mixed" greyed in it.
        line->setPlaceholderText(mixed ? tr("mixed") : QString());
        line->setText(mixed ? QString() : QString::fromStdString(core::toDisplayString(value)));
    } else if (auto* check = qobject_cast<QCheckBox*>(m_editor)) {
        // Partly checked while mixed; a click makes it plainly on (toggled) for all.
        check->setTristate(mixed);
        if (mixed)
            check->setCheckState(Qt::PartiallyChecked);
        else
            check->setChecked(core::toNumber(value) != 0);
    }
    QFont f = m_editor->font();
    f.setItalic(mixed);
    m_editor->setFont(f);
    m_updating = false;
}

void ParamEditor::commitValue(const core::ParamValue& value)
{
    if (!m_updating && m_commit)
        m_commit(value);
}

} // namespace scalelab::gui
