#pragma once

#include <cstddef>

#include <QCoreApplication>
#include <QString>

namespace scalelab::gui {

/// "1 node", "3 nodes": a count with its noun in the right number ("Paste 2 node(s)" and
/// "1 warnings" read as unfinished).
inline QString countOf(long long n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

/// "1 node" / "3 nodes" and "1 link" / "3 links" as the undo commands name what they do.
inline QString nodeCount(std::size_t n)
{
    return countOf(static_cast<long long>(n), QCoreApplication::translate("Commands", "node"),
                   QCoreApplication::translate("Commands", "nodes"));
}
inline QString linkCount(std::size_t n)
{
    return countOf(static_cast<long long>(n), QCoreApplication::translate("Commands", "link"),
                   QCoreApplication::translate("Commands", "links"));
}

} // namespace scalelab::gui
