#include "gui/util/SaveFileName.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace scalelab::gui {

namespace {

// Every "*.ext" a filter string names, with the dot, in order.
QStringList suffixesOf(const QString& filters)
{
    static const QRegularExpression pattern(QStringLiteral(R"(\*(\.[A-Za-z0-9_]+))"));
    QStringList out;
    for (auto it = pattern.globalMatch(filters); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

} // namespace

QString filterSuffix(const QString& filter)
{
    const QStringList suffixes = suffixesOf(filter);
    return suffixes.isEmpty() ? QString() : suffixes.front();
}

QString withFilterSuffix(const QString& path, const QString& selectedFilter, const QString& filters)
{
    if (path.isEmpty())
        return path;
    const QString suffix = QFileInfo(path).suffix();
    if (!suffix.isEmpty() &&
        suffixesOf(filters).contains(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
        return path;
    // The selected filter decides; without one, the first filter is the default type.
    QString add = filterSuffix(selectedFilter);
    if (add.isEmpty())
        add = filterSuffix(filters);
    return add.isEmpty() ? path : path + add;
}

QString proposedSavePath(const QString& folder, const QString& stem, const QString& filters)
{
    const QDir dir(folder.isEmpty() ? QDir::homePath() : folder);
    QString name = stem.trimmed();
    // A diagram's name may hold characters a file name cannot: keep it readable but safe.
    static const QRegularExpression unsafe(QStringLiteral(R"([\\/:*?"<>|]+)"));
    name.replace(unsafe, QStringLiteral("-"));
    if (name.isEmpty())
        name = QStringLiteral("diagram");
    return dir.filePath(name + filterSuffix(filters));
}

QString askSaveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                        const QString& filters)
{
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(parent, caption, proposed, filters, &selected);
    return withFilterSuffix(path, selected, filters);
}

} // namespace scalelab::gui
