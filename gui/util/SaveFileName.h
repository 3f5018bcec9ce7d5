#pragma once

#include <QString>

class QWidget;

namespace scalelab::gui {

/// The first suffix a file-dialog filter names, with its dot: "PNG image (*.png)" -> ".png";
/// empty when the filter names none ("All files (*)").
QString filterSuffix(const QString& filter);

/// `path` with the selected filter's suffix added when its own suffix is none of the
/// suffixes `filters` (";;"-separated) name: "report" -> "report.html", "a.v2" ->
/// "a.v2.html", "a.pdf" stays. A name the user typed is never cut, only completed.
QString withFilterSuffix(const QString& path, const QString& selectedFilter,
                         const QString& filters);

/// A proposed file for the document's output: `stem` + the first filter's suffix, in
/// `folder` (or the home folder when empty). "my-first" + ".png" in the diagram's folder.
QString proposedSavePath(const QString& folder, const QString& stem, const QString& filters);

/// Asks for a file to write with `proposed` filled in; the answer carries the suffix of
/// the filter chosen when the typed name lacks one (QFileDialog does not add it on every
/// platform). Empty when cancelled.
QString askSaveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                        const QString& filters);

} // namespace scalelab::gui
