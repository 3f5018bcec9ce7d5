#pragma once

#include <string>

#include <QDockWidget>

namespace scalelab::gui {

class PaletteList;

/// Every node kind of the registry; drag one onto the canvas, double-click to add it at
/// the centre of the view, or click then click on the canvas.
class PaletteDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PaletteDock(QWidget* parent = nullptr);
    PaletteList* list() const { return m_list; }

Q_SIGNALS:
    void addRequested(const std::string& kind);
    void placeRequested(const std::string& kind);

private:
    PaletteList* m_list;
};

} // namespace scalelab::gui
