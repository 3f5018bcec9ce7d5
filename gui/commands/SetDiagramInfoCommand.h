#pragma once

#include <string>

#include <QUndoCommand>

#include "core/model/Topology.h"

namespace scalelab::gui {

class Document;

/// Changes the diagram's name, description or simulation settings (duration, warm-up,
/// seed). Consecutive edits of the same field merge into one step.
class SetDiagramInfoCommand : public QUndoCommand {
public:
    struct Info {
        std::string name;
        std::string description;
        core::SimulationSettings simulation;
        friend bool operator==(const Info&, const Info&) = default;
    };
    SetDiagramInfoCommand(Document* document, Info newInfo, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

    static Info current(const Document& document);

private:
    void apply(const Info& info);

    Document* m_document;
    Info m_old;
    Info m_new;
};

} // namespace scalelab::gui
