#include "gui/docks/HistoryDock.h"

#include <QUndoView>

namespace scalelab::gui {

HistoryDock::HistoryDock(QUndoStack* stack, QWidget* parent)
    : QDockWidget(tr("History"), parent), m_view(new QUndoView(stack, this))
{
    setObjectName(QStringLiteral("HistoryDock"));
    m_view->setEmptyLabel(tr("<opened>"));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAlternatingRowColors(true);
    setWidget(m_view);
}

} // namespace scalelab::gui
