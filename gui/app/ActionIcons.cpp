#include "gui/app/ActionIcons.h"

#include <QAction>
#include <QKeySequence>

namespace scalelab::gui {

QIcon actionIcon(const QString& name)
{
    return QIcon(QStringLiteral(":/actions/%1.svg").arg(name));
}

QString withShortcut(const QString& text, const QAction* action)
{
    const QKeySequence key = action ? action->shortcut() : QKeySequence();
    if (key.isEmpty())
        return text;
    return QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}

} // namespace scalelab::gui
