#include "gui/canvas/NodeNameEditor.h"

#include <QKeyEvent>
#include <QUndoStack>

#include "core/model/Node.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/CanvasView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/RenameNodeCommand.h"
#include "gui/document/Document.h"
#include "gui/paint/NodeGlyph.h"

namespace scalelab::gui {

NodeNameEditor::NodeNameEditor(CanvasView* view, core::NodeId id)
    : QLineEdit(view->viewport()), m_view(view), m_id(std::move(id))
{
    setObjectName(QStringLiteral("NodeNameEditor"));
    setAlignment(Qt::AlignCenter);
    setFrame(false);
    setStyleSheet(QStringLiteral("QLineEdit { background: white; border: 1px solid #2563eb; "
                                 "border-radius: 3px; }"));
    if (const core::Node* n = m_view->canvas()->document()->node(m_id))
        m_shown = NodeLook::of(*n).name;
    setText(m_shown);
    selectAll();
    place();
    show();
    setFocus(Qt::OtherFocusReason);
}

void NodeNameEditor::place()
{
    NodeItem* item = m_view->canvas()->nodeItem(m_id);
    if (!item)
        return;
    const double zoom = m_view->zoom();
    QFont f = NodeGlyph::labelFont();
    // Never smaller than a readable size: the text being typed matters more than a match.
    f.setPointSizeF(std::max(9.0, f.pointSizeF() * zoom));
    setFont(f);
    const QRectF label = item->mapRectToScene(style::labelRect());
    const QRect onView = m_view->mapFromScene(label).boundingRect();
    const int width = std::max(onView.width(), 140);
    const int height = std::max(onView.height(), fontMetrics().height() + 6);
    setGeometry(onView.center().x() - width / 2, onView.center().y() - height / 2, width, height);
}

void NodeNameEditor::commit()
{
    close(true);
}

void NodeNameEditor::cancel()
{
    close(false);
}

void NodeNameEditor::close(bool rename)
{
    if (m_closing)
        return;
    m_closing = true;
    Document* doc = m_view->canvas()->document();
    const core::Node* n = doc->node(m_id);
    const QString typed = text().trimmed();
    if (rename && n && typed != m_shown) {
        // An emptied name shows the id again, as a node that never had a name.
        const std::string name = typed.toStdString();
        if (name != n->name)
            doc->undoStack()->push(new RenameNodeCommand(doc, m_id, n->name, name));
    }
    hide();
    m_view->setFocus(Qt::OtherFocusReason);
    deleteLater();
}

void NodeNameEditor::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        commit();
        return;
    case Qt::Key_Escape:
        cancel();
        return;
    default:
        QLineEdit::keyPressEvent(event);
    }
}

void NodeNameEditor::focusOutEvent(QFocusEvent* event)
{
    QLineEdit::focusOutEvent(event);
    // A popup (the line edit's own context menu) takes focus without ending the edit.
    if (event->reason() != Qt::PopupFocusReason)
        commit();
}

} // namespace scalelab::gui
