#pragma once

#include <QIcon>
#include <QString>

class QAction;

namespace scalelab::gui {

/// A toolbar icon of ours (resources/actions/NAME.svg): the same on every desktop,
/// where theme icons exist on some and not at all under Xvfb or offscreen.
QIcon actionIcon(const QString& name);

/// "Save (Ctrl+S)": a tooltip naming the action's first shortcut, as native apps do.
QString withShortcut(const QString& text, const QAction* action);

} // namespace scalelab::gui
