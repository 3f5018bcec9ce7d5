#include "gui/docks/PaletteDock.h"

#include "gui/docks/PaletteList.h"

namespace scalelab::gui {

PaletteDock::PaletteDock(QWidget* parent)
    : QDockWidget(tr("Components"), parent), m_list(new PaletteList(this))
{
    setObjectName(QStringLiteral("PaletteDock"));
    setWidget(m_list);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT addRequested(item->data(PaletteList::KindRole).toString().toStdString());
    });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT placeRequested(item->data(PaletteList::KindRole).toString().toStdString());
    });
}

} // namespace scalelab::gui
