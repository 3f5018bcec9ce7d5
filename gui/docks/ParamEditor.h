#pragma once

#include <functional>

#include <QWidget>

#include "core/model/ParamSpec.h"

namespace scalelab::gui {

/// A typed editor for one registry parameter: a spin box with unit and range for numbers,
/// a combo box for choices, a line edit for names, a check box for flags; the help text is
/// its tooltip.
/// `commit` is called with the new value when the user finishes an edit (not per key).
class ParamEditor : public QWidget {
    Q_OBJECT
public:
    using Commit = std::function<void(const core::ParamValue&)>;

    ParamEditor(const core::ParamSpec& spec, Commit commit, QWidget* parent = nullptr);

    /// Shows a value without committing it; `mixed` marks a multi-selection that differs.
    void setValue(const core::ParamValue& value, bool mixed = false);
    const core::ParamSpec& spec() const { return m_spec; }
    QWidget* editor() const { return m_editor; }

private:
    void commitValue(const core::ParamValue& value);

    core::ParamSpec m_spec;
    Commit m_commit;
    QWidget* m_editor = nullptr;
    bool m_updating = false;
};

} // namespace scalelab::gui
