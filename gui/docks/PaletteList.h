#pragma once

#include <QListWidget>

namespace scalelab::gui {

/// The list inside the palette dock: one row per registry kind (icon, name, one-line
/// help); rows drag onto the canvas as the palette MIME type.
class PaletteList : public QListWidget {
    Q_OBJECT
public:
    static constexpr int KindRole = Qt::UserRole + 1;
    static constexpr int HelpRole = Qt::UserRole + 2;

    explicit PaletteList(QWidget* parent = nullptr);

protected:
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
    QStringList mimeTypes() const override;
    /// Drags the kind's icon, as big as a node on the canvas and held by its centre,
    /// which is where the node lands (instead of a picture of the whole row).
    void startDrag(Qt::DropActions supportedActions) override;
};

} // namespace scalelab::gui
