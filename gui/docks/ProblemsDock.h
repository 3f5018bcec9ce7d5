#pragma once

#include <QDockWidget>

#include "core/model/Ids.h"

class QTreeWidget;

namespace scalelab::gui {

class Document;

/// Lists the validation errors and warnings of the document as it is edited; activating
/// one asks to select (and show) its node.
class ProblemsDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ProblemsDock(Document* document, QWidget* parent = nullptr);
    QTreeWidget* tree() const { return m_tree; }

Q_SIGNALS:
    void nodeActivated(const scalelab::core::NodeId& id);

private:
    void refresh();

    Document* m_document;
    QTreeWidget* m_tree;
};

} // namespace scalelab::gui
