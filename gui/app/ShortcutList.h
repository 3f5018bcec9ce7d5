#pragma once

#include <vector>

#include <QString>

class QMenuBar;

namespace scalelab::gui {

/// One line of Help ▸ Keyboard Shortcuts.
struct ShortcutEntry {
    QString menu;   ///< "Edit", "File ▸ Export" (empty for a canvas gesture)
    QString action; ///< "Duplicate", without the mnemonic's '&' or the trailing '…'
    QString keys;   ///< "Ctrl+D, Ctrl+Shift+D" as this platform writes them
};

/// The property of an action whose text changes ("Undo Move web1"): its name in the list.
inline constexpr char kListedName[] = "listedName";

/// Every action in the menus that has a shortcut, in menu order, read from the actions
/// themselves: the list cannot go stale when an action or a shortcut is added.
std::vector<ShortcutEntry> menuShortcuts(const QMenuBar* bar);

/// The canvas' gestures that are no menu action (held keys, mouse): written here, beside
/// the list they join, as the only hand-kept part.
std::vector<ShortcutEntry> canvasGestures();

/// Makes every menu action's tooltip name its shortcut, "Save (Ctrl+S)": one rule for all
/// tooltips. A tooltip written by hand that already names the key is kept.
void addShortcutsToTooltips(const QMenuBar* bar);

/// An action's text as a person reads it: no '&', no trailing '…'.
QString plainActionText(const QString& text);

} // namespace scalelab::gui
