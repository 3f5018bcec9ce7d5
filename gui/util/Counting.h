#pragma once

#include <QString>

namespace scalelab::gui {

/// "1 node", "3 nodes": a count with its noun in the right number ("Paste 2 node(s)" and
/// "1 warnings" read as unfinished).
inline QString countOf(long long n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace scalelab::gui
