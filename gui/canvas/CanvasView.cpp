#include "gui/canvas/CanvasView.h"

#include <algorithm>
#include <cmath>

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/NodeItem.h"
#include "gui/canvas/NodeNameEditor.h"
#include "gui/canvas/PaletteMime.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
constexpr double kViewMinZoom = 0.1;
constexpr double kViewMaxZoom = 4.0;
} // namespace

CanvasView::CanvasView(CanvasScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    // Panning is middle-drag or Space+drag; scroll bars over a map only add clutter.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A generous scene rect lets the user pan beyond the diagram.
    setSceneRect(-4000, -4000, 8000, 8000);

    // An empty canvas says how to start instead of showing a bare grid.
    auto* hint = new QLabel(viewport());
    hint->setObjectName(QStringLiteral("emptyCanvasHint"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setAttribute(Qt::WA_TransparentForMouseEvents);
    hint->setText(tr("<p style='font-size:large; color:#5b6778'>Drag components here from the "
                     "palette</p><p style='color:#8a94a3'>Link them by dragging from a node's "
                     "blue handle, or open an example from File ▸ Open Example</p>"));
    hint->setGeometry(viewport()->rect());
    hint->hide();
    m_hint = hint;
    const Document* doc = m_scene->document();
    connect(doc, &Document::nodeAdded, this, &CanvasView::updateEmptyHint);
    connect(doc, &Document::nodeRemoved, this, &CanvasView::updateEmptyHint);
    connect(doc, &Document::resetDone, this, &CanvasView::updateEmptyHint);
    m_hint->setVisible(doc->topology().nodes.empty());
    // The name editor follows the label when the view zooms (scrolling moves it anyway).
    connect(this, &CanvasView::zoomChanged, this, [this](double zoom) {
        m_scene->setLabelScale(labelScaleAt(zoom));
        if (m_nameEditor)
            m_nameEditor->place();
    });
}

bool CanvasView::editNodeName(const core::NodeId& id)
{
    if (!m_scene->nodeItem(id))
        return false;
    if (m_nameEditor)
        m_nameEditor->commit();
    m_scene->selectNodes({id});
    m_nameEditor = new NodeNameEditor(this, id);
    return true;
}

NodeNameEditor* CanvasView::nameEditor() const
{
    return m_nameEditor && m_nameEditor->isVisible() ? m_nameEditor.data() : nullptr;
}

void CanvasView::renameSelected()
{
    const std::vector<core::NodeId> selected = m_scene->selectedNodeIds();
    if (selected.size() == 1)
        editNodeName(selected.front());
}

void CanvasView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // Double-clicking a node edits its name, as in every diagram editor.
    if (event->button() == Qt::LeftButton && !m_spaceHeld)
        if (NodeItem* node = m_scene->nodeItemAt(mapToScene(event->position().toPoint()));
            node && !node->isOnHandle(mapToScene(event->position().toPoint()))) {
            editNodeName(node->nodeId());
            event->accept();
            return;
        }
    QGraphicsView::mouseDoubleClickEvent(event);
}

double CanvasView::zoom() const
{
    return transform().m11();
}

void CanvasView::scaleBy(double factor, const QPointF& anchorViewPos)
{
    const double target = std::clamp(zoom() * factor, kViewMinZoom, kViewMaxZoom);
    factor = target / zoom();
    if (std::abs(factor - 1.0) < 1e-9)
        return;
    const QPointF before = mapToScene(anchorViewPos.toPoint());
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(NoAnchor);
    scale(factor, factor);
    const QPointF after = mapToScene(anchorViewPos.toPoint());
    translate(after.x() - before.x(), after.y() - before.y());
    setTransformationAnchor(anchor);
    Q_EMIT zoomChanged(zoom());
}

void CanvasView::zoomIn()
{
    scaleBy(1.25, viewport()->rect().center());
}

void CanvasView::zoomOut()
{
    scaleBy(1 / 1.25, viewport()->rect().center());
}

void CanvasView::resetZoom()
{
    scaleBy(1.0 / zoom(), viewport()->rect().center());
}

void CanvasView::fitDiagram()
{
    QRectF bounds = m_scene->diagramBounds();
    if (bounds.isEmpty()) {
        resetTransform();
        centerOn(0, 0);
        Q_EMIT zoomChanged(zoom());
        return;
    }
    bounds = bounds.adjusted(-24, -24, 24, 24);
    resetTransform();
    const QSize vp = viewport()->size();
    const double s = std::min({vp.width() / bounds.width(), vp.height() / bounds.height(), 1.0});
    scale(std::max(s, kViewMinZoom), std::max(s, kViewMinZoom));
    centerOn(bounds.center());
    Q_EMIT zoomChanged(zoom());
}

void CanvasView::showForReading()
{
    // The whole diagram, as yEd and Figma open one: a part of it at a fixed zoom hid
    // half of a lesson on a laptop screen. Below kReadableZoom the names grow to stay
    // readable (labelScaleAt), so the fit needs no floor of its own.
    fitDiagram();
}

double CanvasView::labelScaleAt(double zoom)
{
    return zoom > 0 ? std::clamp(kReadableZoom / zoom, 1.0, kMaxLabelScale) : 1.0;
}

void CanvasView::wheelEvent(QWheelEvent* event)
{
    // Plain wheel zooms around the pointer (the diagram is a map, not a page);
    // Shift + wheel scrolls.
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        scaleBy(std::pow(1.15, steps), event->position());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    // Shift+click adds to the selection, as in draw.io and Figma; Qt's views add with Ctrl.
    // On a node Shift starts a link instead (the scene's tools tell a click from a drag).
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier) &&
        !m_scene->nodeItemAt(mapToScene(event->position().toPoint()))) {
        QMouseEvent adding(event->type(), event->position(), event->scenePosition(),
                           event->globalPosition(), event->button(), event->buttons(),
                           (event->modifiers() & ~Qt::ShiftModifier) | Qt::ControlModifier,
                           event->pointingDevice());
        QGraphicsView::mousePressEvent(&adding);
        event->setAccepted(adding.isAccepted());
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        const QPoint now = event->position().toPoint();
        const QPoint delta = now - m_panLast;
        m_panLast = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space) {
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(paletteMimeType()))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void CanvasView::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(paletteMimeType()))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void CanvasView::dropEvent(QDropEvent* event)
{
    if (!event->mimeData()->hasFormat(paletteMimeType())) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const std::string kind = event->mimeData()->data(paletteMimeType()).toStdString();
    m_scene->placeNode(kind, mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
    setFocus();
}

void CanvasView::contextMenuEvent(QContextMenuEvent* event)
{
    // Right-clicking a node outside the selection makes it the selection, as in file
    // managers; right-clicking inside the selection keeps it (to align several).
    const QPointF at = mapToScene(event->pos());
    if (NodeItem* node = m_scene->nodeItemAt(at); node && !node->isSelected())
        m_scene->selectNodes({node->nodeId()});
    else if (!node && !m_scene->itemAt(at, transform()))
        m_scene->clearSelection();
    Q_EMIT contextMenuRequested(event->globalPos());
    event->accept();
}

bool CanvasView::emptyHintVisible() const
{
    return m_hint && !m_hint->isHidden();
}

void CanvasView::updateEmptyHint()
{
    const bool empty = m_scene->document()->topology().nodes.empty();
    if (empty == !m_hint->isHidden())
        return;
    m_hint->setVisible(empty);
    if (empty)
        m_hint->setGeometry(viewport()->rect());
}

void CanvasView::scrollContentsBy(int dx, int dy)
{
    // Scrolling moves the viewport's child widgets too: the hint stays centred.
    QGraphicsView::scrollContentsBy(dx, dy);
    if (m_hint)
        m_hint->setGeometry(viewport()->rect());
}

void CanvasView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_hint)
        m_hint->setGeometry(viewport()->rect());
}

} // namespace scalelab::gui
