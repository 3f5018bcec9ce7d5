#include "gui/planning/SweepDialog.h"

#include <stdexcept>

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/experiment/SweepSpec.h"
#include "gui/planning/KnobTable.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

SweepDialog::SweepDialog(const core::Topology& topology, const std::vector<core::NodeId>& selected,
                         QWidget* parent)
    : QDialog(parent), m_topology(topology), m_knobs(new KnobTable(topology, this)),
      m_replications(new QSpinBox(this)), m_duration(new QDoubleSpinBox(this)),
      m_problem(new QLabel(this)), m_size(new QLabel(this))
{
    setWindowTitle(tr("Sweep"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Vary these parameters over every combination of their "
                                    "values (a node may be a pattern such as <b>web*</b>):"),
                                 this));
    layout->addWidget(m_knobs, 1);
    auto* rowButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add Parameter"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    layout->addLayout(rowButtons);
    auto* form = new QFormLayout;
    m_replications->setRange(1, 100);
    m_replications->setValue(3);
    m_replications->setToolTip(tr("Seeds per point: means with 95% intervals across them"));
    form->addRow(tr("Replications"), m_replications);
    m_duration->setRange(1, 1e6);
    m_duration->setDecimals(0);
    m_duration->setSuffix(tr(" s"));
    m_duration->setValue(topology.simulation.durationS);
    m_duration->setToolTip(tr("Simulated seconds of each run (shorter runs, faster sweep)"));
    form->addRow(tr("Each run"), m_duration);
    layout->addLayout(form);
    m_size->setWordWrap(true);
    layout->addWidget(m_size);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b91c1c"));
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run Sweep"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SweepDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SweepDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] {
        m_knobs->addKnob(QString::fromStdString(m_topology.nodes.front().id.str()), {});
    });
    connect(remove, &QPushButton::clicked, m_knobs, &KnobTable::removeSelectedKnobs);

    // Start from the selection: its first node's servers, the usual first question.
    for (const core::NodeId& id : selected)
        if (const core::Node* n = topology.findNode(id); n && n->spec()) {
            const char* servers = n->spec()->param("workers")       ? "workers"
                                  : n->spec()->param("connections") ? "connections"
                                                                    : "";
            m_knobs->addKnob(QString::fromStdString(id.str()), QString::fromLatin1(servers));
        }
    if (m_knobs->rowCount() == 0 && !topology.nodes.empty())
        m_knobs->addKnob(QString::fromStdString(topology.nodes.front().id.str()), {});
    resize(720, 420);
}

QStringList SweepDialog::varyTexts() const
{
    return m_knobs->varyTexts();
}

int SweepDialog::replications() const
{
    return m_replications->value();
}

core::Topology SweepDialog::base() const
{
    core::Topology t = m_topology;
    t.simulation.durationS = m_duration->value();
    if (t.simulation.warmupS >= t.simulation.durationS)
        t.simulation.warmupS = t.simulation.durationS / 10;
    return t;
}

void SweepDialog::accept()
{
    try {
        std::vector<core::experiment::SweepAxis> axes;
        const core::Topology t = base();
        for (const QString& v : varyTexts())
            axes.push_back(core::experiment::parseVary(v.toStdString(), t));
        if (axes.empty())
            throw std::invalid_argument("add at least one parameter to vary");
        const core::experiment::SweepDesign design(t, std::move(axes));
        const auto points = static_cast<long long>(design.points());
        m_size->setText(tr("%1 × %2 = %3")
                            .arg(countOf(points, tr("point"), tr("points")),
                                 countOf(replications(), tr("replication"), tr("replications")),
                                 countOf(points * replications(), tr("run"), tr("runs"))));
    } catch (const std::invalid_argument& e) {
        m_problem->setText(QString::fromUtf8(e.what()));
        return;
    }
    QDialog::accept();
}

} // namespace scalelab::gui
