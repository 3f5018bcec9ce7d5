#include "gui/app/ShortcutList.h"

#include <functional>

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>

namespace scalelab::gui {

namespace {

QString keysOf(const QAction* action)
{
    QStringList keys;
    for (const QKeySequence& k : action->shortcuts()) {
        // Qt adds F14 to Undo and similar keys of Sun keyboards: no one has them.
        const int key = k.isEmpty() ? 0 : k[0].key();
        if (!k.isEmpty() && !(key >= Qt::Key_F13 && key <= Qt::Key_F35))
            keys << k.toString(QKeySequence::NativeText);
    }
    keys.removeDuplicates();
    return keys.join(QStringLiteral(", "));
}

// Calls `visit` for every action of the menu bar's menus, submenus included, with the
// path of the menu it is in.
void forEachMenuAction(const QMenuBar* bar,
                       const std::function<void(QAction*, const QString&)>& visit)
{
    std::function<void(const QMenu*, const QString&)> walk = [&](const QMenu* menu,
                                                                 const QString& path) {
        for (QAction* a : menu->actions()) {
            if (a->isSeparator())
                continue;
            if (a->menu())
                walk(a->menu(), path + QStringLiteral(" ▸ ") + plainActionText(a->text()));
            else
                visit(a, path);
        }
    };
    for (QAction* top : bar->actions())
        if (top->menu())
            walk(top->menu(), plainActionText(top->text()));
}

} // namespace

QString plainActionText(const QString& text)
{
    QString t = text;
    t.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    t.remove(QLatin1Char('&'));
    t.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    if (t.endsWith(QStringLiteral("…")))
        t.chop(1);
    if (t.endsWith(QStringLiteral("...")))
        t.chop(3);
    return t;
}

std::vector<ShortcutEntry> menuShortcuts(const QMenuBar* bar)
{
    std::vector<ShortcutEntry> out;
    forEachMenuAction(bar, [&](QAction* a, const QString& path) {
        const QString keys = keysOf(a);
        // An action whose text changes (Undo names what it undoes) says what it is.
        const QString listed = a->property(kListedName).toString();
        if (!keys.isEmpty())
            out.push_back({path, listed.isEmpty() ? plainActionText(a->text()) : listed, keys});
    });
    return out;
}

std::vector<ShortcutEntry> canvasGestures()
{
    const auto tr = [](const char* text) {
        return QCoreApplication::translate("ShortcutList", text);
    };
    const QString canvas = tr("Canvas");
    return {
        {canvas, tr("Add a component"), tr("Drag it from the palette, or double-click it there")},
        {canvas, tr("Link two nodes"),
         tr("Shift+drag from one to the other, or drag the blue handle")},
        {canvas, tr("Add to the selection"), tr("Shift+click")},
        {canvas, tr("Select an area"), tr("Drag on empty canvas")},
        {canvas, tr("Rename a node"), tr("Double-click it")},
        {canvas, tr("Nudge the selection"), tr("Arrow keys")},
        {canvas, tr("Clear the selection"), tr("Esc")},
        {canvas, tr("Zoom around the pointer"), tr("Wheel")},
        {canvas, tr("Pan"), tr("Middle-drag, or Space+drag")},
    };
}

void addShortcutsToTooltips(const QMenuBar* bar)
{
    forEachMenuAction(bar, [](QAction* a, const QString&) {
        const QKeySequence key = a->shortcut();
        if (key.isEmpty())
            return;
        const QString native = key.toString(QKeySequence::NativeText);
        const QString tip = a->toolTip();
        if (tip.contains(native))
            return;
        // Qt's own tooltip is the text; a written one says more and keeps its words.
        const QString base = tip.isEmpty() || tip == plainActionText(a->text()) ||
                                     tip == QString(a->text()).remove(QLatin1Char('&'))
                                 ? plainActionText(a->text())
                                 : tip;
        a->setToolTip(QStringLiteral("%1 (%2)").arg(base, native));
    });
}

} // namespace scalelab::gui
