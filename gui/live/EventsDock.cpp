#include "gui/live/EventsDock.h"

#include <QListWidget>

#include "gui/live/LiveStyle.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui {

QString describeEvent(const std::string& type, const std::string& node, const std::string& detail)
{
    const QString n = QString::fromStdString(node);
    static const std::map<std::string, const char*> verbs{
        {"node_failed", "failed"},
        {"node_recovered", "recovered"},
        {"backend_marked_down", "took a backend out of rotation"},
        {"backend_marked_up", "put a backend back in rotation"},
        {"failover_started", "failover started"},
        {"replica_promoted", "promoted to master"},
        {"param_set", "parameter changed"},
    };
    auto it = verbs.find(type);
    QString verb = it != verbs.end() ? QString::fromLatin1(it->second)
                                     : QString::fromStdString(type).replace(QLatin1Char('_'), QLatin1Char(' '));
    QString text = n + QLatin1Char(' ') + verb;
    if (!detail.empty())
        text += QStringLiteral(" — ") + QString::fromStdString(detail);
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
        auto* item = new QListWidgetItem(QStringLiteral("%1 s   %2")
                                             .arg(e.tS, 7, 'f', 1)
                                             .arg(describeEvent(e.type, e.node, e.detail)));
        item->setData(Qt::UserRole, QString::fromStdString(e.node));
        item->setToolTip(QString::fromStdString(e.type + ": " + e.detail));
        if (e.type == "node_failed" || e.type == "backend_marked_down")
            item->setForeground(live::errorDot().darker(120));
        else if (e.type == "replica_promoted" || e.type == "node_recovered" ||
                 e.type == "backend_marked_up")
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
