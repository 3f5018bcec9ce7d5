#pragma once

#include <map>
#include <string>
#include <vector>

#include <QDockWidget>

#include "core/model/Ids.h"

class QFormLayout;
class QLabel;
class QComboBox;
class QLineEdit;
class QScrollArea;
class QDoubleSpinBox;
class QSpinBox;

namespace scalelab::gui {

class CanvasScene;
class Document;
class ParamEditor;

/// Shows and edits the selected node's or link's parameters, generated from the registry.
/// With several nodes selected, it lists the parameters they share and edits them all.
class InspectorDock : public QDockWidget {
    Q_OBJECT
public:
    InspectorDock(Document* document, CanvasScene* scene, QWidget* parent = nullptr);

    /// The editor of a parameter currently shown (tests drive it), or nullptr.
    ParamEditor* editorFor(const std::string& param) const;
    QLineEdit* nameEdit() const { return m_nameEdit; }

protected:
    /// Ctrl+Z / Ctrl+Y in a field whose value is committed undo the document, not the
    /// field's own typing history (which no longer holds anything the user cares about).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void routeUndoKeys();
    void refreshValues();
    void buildNodeForm();
    void buildLinkForm();
    void buildDiagramForm();
    void commitDiagram();
    void commitName();

    Document* m_document;
    CanvasScene* m_scene;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_page = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    // The diagram's own fields, shown when nothing is selected.
    QLineEdit* m_diagramName = nullptr;
    QLabel* m_diagramCaption = nullptr; ///< "8 nodes, 8 links. Select ..." (follows undo)
    QLineEdit* m_diagramDescription = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QDoubleSpinBox* m_warmup = nullptr;
    QSpinBox* m_seed = nullptr;
    bool m_refreshing = false;
    std::vector<core::NodeId> m_nodes;
    std::vector<core::LinkKey> m_links;
    QComboBox* m_linkKind = nullptr; ///< one link whose ends allow more than one kind
    std::map<std::string, ParamEditor*> m_editors;
};

} // namespace scalelab::gui
