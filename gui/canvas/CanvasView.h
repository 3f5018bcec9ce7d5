#pragma once

#include <QGraphicsView>
#include <QPointer>

#include "core/model/Ids.h"

namespace scalelab::gui {

class CanvasScene;
class NodeNameEditor;

/// The view of the canvas: zoom (wheel, Ctrl +/-, fit), pan (middle drag or Space + drag),
/// rubber-band selection, and dropping kinds from the palette.
class CanvasView : public QGraphicsView {
    Q_OBJECT
public:
    /// The smallest zoom at which the 9 pt names are drawn at their size (over 7 pt on
    /// screen); further out they grow to stay that size (labelScaleAt).
    static constexpr double kReadableZoom = 0.8;
    /// Names grow at most this much: to about 27 % the whole diagram keeps readable names,
    /// further out it is an overview.
    static constexpr double kMaxLabelScale = 3.0;
    /// How much larger the names are drawn at `zoom`: 1 from kReadableZoom up.
    static double labelScaleAt(double zoom);

    explicit CanvasView(CanvasScene* scene, QWidget* parent = nullptr);

    CanvasScene* canvas() const { return m_scene; }
    double zoom() const;
    /// The "drag components here" hint over an empty canvas (a widget, so it leaves no
    /// trace when it goes: a hint painted in the foreground stayed where nodes did not
    /// repaint it).
    bool emptyHintVisible() const;
    /// Rename in place: an editor over the node's name (double-click a node, or F2).
    /// Returns false when there is no such node.
    bool editNodeName(const core::NodeId& id);
    /// The editor while a name is being edited, else nullptr.
    NodeNameEditor* nameEditor() const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Fits the whole diagram in the view (never zooms in past 100 %).
    void fitDiagram();
    /// How a diagram is first shown (opened, new, an example): whole, fitted and centred,
    /// at 100 % at most; names stay readable below kReadableZoom (labelScaleAt).
    void showForReading();
    /// F2: renames the one selected node in place (nothing when several or none are).
    void renameSelected();

Q_SIGNALS:
    void zoomChanged(double zoom);
    /// Right click: the selection is already updated to what was clicked.
    void contextMenuRequested(const QPoint& globalPos);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void scaleBy(double factor, const QPointF& anchorViewPos);
    void updateEmptyHint();

    CanvasScene* m_scene;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    QWidget* m_hint = nullptr;
    QPointer<NodeNameEditor> m_nameEditor;
};

} // namespace scalelab::gui
