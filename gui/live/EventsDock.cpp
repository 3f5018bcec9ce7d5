#include "gui/live/EventsDock.h"

#include <QListWidget>

#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

QString describeEvent(const core::sim::EventRecord& e)
{
    QString text = QString::fromStdString(e.node) + QLatin1Char(' ') +
                   QString::fromLatin1(core::sim::eventInfo(e.kind).verb);
    if (!e.detail.empty())
        text += QStringLiteral(" — ") + QString::fromStdString(e.detail);
    return text;
}

EventsDock::EventsDock(const SimulationController* controller, QWidget* parent)
    : QDockWidget(tr("Events"), parent), m_controller(controller), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("EventsDock"));
    m_list->setUniformItemSizes(true);
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
        auto* item = new QListWidgetItem(
            QStringLiteral("%1 s   %2").arg(e.tS, 7, 'f', 1).arg(describeEvent(e)));
        item->setData(Qt::UserRole, QString::fromStdString(e.node));
        item->setToolTip(QString::fromLatin1(core::sim::toString(e.kind).data()) +
                         QStringLiteral(": ") + QString::fromStdString(e.detail));
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
