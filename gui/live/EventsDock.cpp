#include "gui/live/EventsDock.h"

#include <QListWidget>
#include <QRegularExpression>

#include "core/model/KindSpec.h"
#include "core/model/ParamLabels.h"
#include "core/model/Topology.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

QString eventNodeName(const std::string& id, const SimulationController& run)
{
    const core::Node* node = run.simNode(core::NodeId{id});
    return QString::fromStdString(node ? node->displayName() : id);
}

QString eventDetail(const core::sim::EventRecord& e, const SimulationController& run)
{
    const QString detail = QString::fromStdString(e.detail);
    if (!run.simTopology())
        return detail;
    // "rate_rps=500" as the inspector names it: "Request rate = 500 req/s".
    if (e.kind == core::sim::EventKind::ParamSet) {
        const qsizetype eq = detail.indexOf(QLatin1Char('='));
        const core::Node* node = run.simNode(core::NodeId{e.node});
        const core::ParamSpec* spec = eq > 0 && node && node->spec()
                                          ? node->spec()->param(detail.left(eq).toStdString())
                                          : nullptr;
        if (spec) {
            QString text = QString::fromStdString(core::paramLabel(spec->name)) +
                           QStringLiteral(" = ") + detail.mid(eq + 1);
            if (!spec->unit.empty())
                text += QLatin1Char(' ') + QString::fromStdString(spec->unit);
            return text;
        }
    }
    // The engine names nodes by id ("web_server-2 chosen"): each id becomes the name
    // people gave that node, as on the canvas.
    static const QRegularExpression word(QStringLiteral("[A-Za-z0-9_\\-]+"));
    QString out;
    qsizetype done = 0;
    for (auto it = word.globalMatch(detail); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const core::Node* node = run.simNode(core::NodeId{m.captured().toStdString()});
        if (!node)
            continue;
        out += detail.mid(done, m.capturedStart() - done) +
               QString::fromStdString(node->displayName());
        done = m.capturedEnd();
    }
    return out + detail.mid(done);
}

QString describeEvent(const core::sim::EventRecord& e, const SimulationController& run)
{
    QString text = QString::fromLatin1(core::sim::eventInfo(e.kind).verb);
    if (!e.node.empty())
        text = eventNodeName(e.node, run) + QLatin1Char(' ') + text;
    if (!e.detail.empty())
        text += QStringLiteral(" — ") + eventDetail(e, run);
    return text;
}

EventsDock::EventsDock(const SimulationController* controller, QWidget* parent)
    : QDockWidget(tr("Events"), parent), m_controller(controller), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("EventsDock"));
    // Lines wrap to the dock's width, as the analysis' findings do: a failover's sentence
    // is read whole, not cut at the dock's edge.
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(false);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setAlternatingRowColors(true);
    setWidget(m_list);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        Q_EMIT nodeActivated(item->data(Qt::UserRole).toString());
    });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT nodeActivated(item->data(Qt::UserRole).toString());
    });
}

void EventsDock::append(int firstIndex)
{
    const auto& log = m_controller->eventLog();
    for (std::size_t i = static_cast<std::size_t>(std::max(0, firstIndex)); i < log.size(); ++i) {
        const auto& e = log[i];
        const QString text = describeEvent(e, *m_controller);
        auto* item =
            new QListWidgetItem(QStringLiteral("%1 s   %2").arg(e.tS, 7, 'f', 1).arg(text));
        item->setData(Qt::UserRole, QString::fromStdString(e.node));
        item->setToolTip(text);
        const core::sim::EventTone tone = core::sim::eventInfo(e.kind).tone;
        if (tone == core::sim::EventTone::Bad ||
            (tone == core::sim::EventTone::Warning &&
             e.kind == core::sim::EventKind::BackendMarkedDown))
            item->setForeground(live::errorDot().darker(120));
        else if (tone == core::sim::EventTone::Good)
            item->setForeground(QColor(0x04, 0x78, 0x57));
        m_list->addItem(item);
    }
    m_list->scrollToBottom();
}

void EventsDock::clear()
{
    m_list->clear();
}

int EventsDock::count() const
{
    return m_list->count();
}

QString EventsDock::textAt(int row) const
{
    const QListWidgetItem* item = m_list->item(row);
    return item ? item->text() : QString();
}

} // namespace scalelab::gui
