#include "gui/docks/PaletteList.h"

#include <QDrag>
#include <QMimeData>

#include "core/model/KindRegistry.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/IconCache.h"
#include "gui/canvas/PaletteMime.h"
#include "gui/docks/PaletteItemDelegate.h"

namespace scalelab::gui {

PaletteList::PaletteList(QWidget* parent) : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(DragOnly);
    setSelectionMode(SingleSelection);
    setIconSize(QSize(32, 32));
    // Rows as tall as their help wrapped to the dock's width, laid out again when it
    // changes: a description is never cut.
    setUniformItemSizes(false);
    setResizeMode(Adjust);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setItemDelegate(new PaletteItemDelegate(this));
    setMouseTracking(true);
    // Generated from the registry: a new kind shows up here with no change to this file.
    for (const core::KindSpec& k : core::KindRegistry::instance().kinds()) {
        auto* item = new QListWidgetItem(IconCache::icon(QString::fromStdString(k.look.icon)),
                                         QString::fromStdString(k.displayName), this);
        item->setData(KindRole, QString::fromStdString(k.id));
        item->setData(HelpRole, QString::fromStdString(k.help));
        item->setToolTip(tr("%1\nDrag onto the canvas, or double-click to add at the centre.")
                             .arg(QString::fromStdString(k.help)));
    }
}

QStringList PaletteList::mimeTypes() const
{
    return {paletteMimeType()};
}

QMimeData* PaletteList::mimeData(const QList<QListWidgetItem*>& items) const
{
    if (items.isEmpty())
        return nullptr;
    auto* mime = new QMimeData;
    mime->setData(paletteMimeType(), items.first()->data(KindRole).toString().toUtf8());
    return mime;
}

void PaletteList::startDrag(Qt::DropActions /*supportedActions*/)
{
    QListWidgetItem* item = currentItem();
    if (!item)
        return;
    auto* drag = new QDrag(this);
    drag->setMimeData(mimeData({item}));
    const int side = static_cast<int>(style::kIconSize);
    const QPixmap icon = item->icon().pixmap(QSize(side, side), devicePixelRatioF());
    drag->setPixmap(icon);
    drag->setHotSpot(QPoint(side / 2, side / 2));
    drag->exec(Qt::CopyAction);
}

} // namespace scalelab::gui
