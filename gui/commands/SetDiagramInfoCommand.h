#pragma once

#include <string>

#include <QUndoCommand>

#include "core/model/Topology.h"

namespace scalelab::gui {

class Document;

/// Changes the diagram's name, description or simulation settings (duration, warm-up,
/// seed). Consecutive edits of the same field merge into one step (ticks of the seed's spin
/// box are one undo).
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
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    static Info current(const Document& document);

private:
    enum class Field { Name, Description, Duration, Warmup, Seed };
    static Field changedField(const Info& from, const Info& to);
    void apply(const Info& info);

    Document* m_document;
    Info m_old;
    Info m_new;
    Field m_field;
};

} // namespace scalelab::gui
